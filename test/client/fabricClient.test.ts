import assert from "node:assert/strict";
import { ApiError, isApiError } from "../../provider/core/errors";
import { fabricApi } from "../../provider/fabric/http";
import { callContext, perCall } from "../support/context";

const api = perCall(() => fabricApi(callContext()));
import { equinixTokenFetches } from "../../provider/fabric/http";
import { ALIBABA_PROFILE_UUID, findPort } from "../../sandbox/equinix";
import { useSandbox } from "../unit/fabric/sandboxEnv";

let vlan = 300;
function selfBody(name: string, metro = "DC", over: Record<string, unknown> = {}) {
  return {
    type: "EVPL_VC",
    name,
    bandwidth: 100,
    notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
    aSide: { accessPoint: { type: "COLO", port: { uuid: findPort(metro).uuid }, linkProtocol: { type: "DOT1Q", vlanTag: vlan++ } } },
    zSide: { accessPoint: { type: "COLO", port: { uuid: findPort(metro, "DOT1Q", "SECONDARY").uuid }, linkProtocol: { type: "DOT1Q", vlanTag: vlan++ } } },
    ...over,
  };
}

async function apiErr(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isApiError(e), String(e));
    return e;
  }
  assert.fail("expected an ApiError");
}

describe("fabric client against the sandbox over HTTP", function () {
  this.timeout(20_000);
  const env = useSandbox({ timeScale: 0.05 });
  const log = () => env.sb().admin.requests();
  const since = (n: number) => log().slice(n);

  it("create, get, patch, delete with one OAuth token", async () => {
    const n = log().length;
    const fetches = equinixTokenFetches();
    const c = await api.createConnection(selfBody("client-crud"));
    assert.match(c.uuid, /^[0-9a-f-]{36}$/);
    assert.equal(c.name, "client-crud");
    assert.equal(c.aSide!.accessPoint!.linkProtocol!.type, "DOT1Q");
    const got = await api.getConnection(c.uuid);
    assert.equal(got!.uuid, c.uuid);
    assert.equal(got!.redundancy!.priority, "PRIMARY");
    assert.ok(got!.redundancy!.group, "Equinix assigns the group");
    await new Promise((r) => setTimeout(r, 50)); // provisioned (15 ms at this time scale)
    const patched = await api.patchConnection(c.uuid, [{ op: "replace", path: "/name", value: "client-crud-2" }]);
    assert.equal(patched.name, "client-crud-2");
    assert.equal(patched.change!.type, "CONNECTION_UPDATE");
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(await api.deleteConnection(c.uuid), "deleting");
    assert.equal(fetches, 0, "a fresh sandbox: new credentials");
    assert.deepEqual(
      since(n).map((r) => `${r.kind} ${r.status}`),
      ["oauth.token 200", "fabric.connection.create 201", "fabric.connection.get 200", "fabric.connection.update 202", "fabric.connection.delete 200"],
    );
    assert.equal(equinixTokenFetches(), 1);
  });

  it("get and delete of a connection that does not exist: undefined and gone", async () => {
    assert.equal(await api.getConnection("0b5e7c2a-1111-4222-8333-444455556666"), undefined);
    assert.equal(await api.deleteConnection("0b5e7c2a-1111-4222-8333-444455556666"), "gone");
  });

  it("ports: encapsulation looked up; unknown ports undefined", async () => {
    const p = await api.getPort(findPort("SV", "QINQ").uuid);
    assert.equal(p!.encapsulation!.type, "QINQ");
    assert.equal((await api.getPort(findPort("SV").uuid))!.encapsulation!.type, "DOT1Q");
    assert.equal(await api.getPort("0b5e7c2a-1111-4222-8333-444455556666"), undefined);
  });

  it("dryRun validates without creating; Equinix's field errors become an 'invalid' ApiError naming the field", async () => {
    // Named, not counted: an earlier test's connection may finish deprovisioning meanwhile.
    await api.validateConnection(selfBody("client-dry"));
    assert.deepEqual(env.sb().admin.inventory().equinix.connections.filter((c: any) => c.name === "client-dry"), []);
    const e = await apiErr(
      api.validateConnection({
        ...selfBody("client-bad"),
        bandwidth: 100,
        zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: ALIBABA_PROFILE_UUID }, location: { metroCode: "DC" }, authenticationKey: "5123456789012345" } },
      }),
    );
    assert.equal(e.kind, "invalid");
    assert.equal(e.status, 400);
    assert.equal(e.code, "EQ-3142306");
    assert.match(e.message, /^equinix: POST \/fabric\/v4\/connections\?dryRun=true HTTP 400 EQ-3142306: Bandwidth is not supported .*\(\/bandwidth: supported: 50, 200, 500, 1000 Mbps\) \[request id [0-9a-f-]+\]$/);
    assert.equal(e.attempts, 1, "a 400 is not retried");
  });

  it("a VLAN already in use is a 'conflict' with Equinix's code, not retried", async () => {
    const body = selfBody("client-vlan-1");
    const c = await api.createConnection(body);
    const n = log().length;
    const e = await apiErr(api.createConnection({ ...body, name: "client-vlan-2" }));
    assert.equal(e.kind, "conflict");
    assert.equal(e.code, "EQ-3142102");
    assert.equal(since(n).length, 1);
    await new Promise((r) => setTimeout(r, 50));
    await api.deleteConnection(c.uuid);
  });

  it("search pages through every match, 100 per page, and stops at the limit", async () => {
    const port = findPort("LD");
    for (let i = 0; i < 105; i++) {
      await api.createConnection(selfBody(`client-search-${i}`, "LD"));
    }
    const n = log().length;
    const all: string[] = [];
    for await (const c of api.searchConnections([{ property: "/aSide/accessPoint/port/uuid", operator: "=", values: [port.uuid] }])) all.push(c.name!);
    assert.equal(all.length, 105);
    assert.equal(new Set(all).size, 105);
    assert.equal(since(n).filter((r) => r.kind === "fabric.connection.search").length, 2);
    const m = log().length;
    const few: string[] = [];
    for await (const c of api.searchConnections([{ property: "/name", operator: "=", values: ["client-search-7"] }], 50)) few.push(c.name!);
    assert.deepEqual(few, ["client-search-7"]);
    assert.equal(since(m).length, 1);
  });

  describe("transient failures", () => {
    it("a burst of 429s with Retry-After: waits as told, then succeeds", async () => {
      const c = await api.createConnection(selfBody("client-429"));
      env.sb().admin.injectFault({ api: "equinix", method: "GET", path: "^/fabric/v4/connections/", times: 2, fault: { kind: "status", status: 429, retryAfterSeconds: 1 } });
      const n = log().length;
      const t0 = Date.now();
      assert.equal((await api.getConnection(c.uuid))!.uuid, c.uuid);
      assert.ok(Date.now() - t0 >= 2000, `waited ${Date.now() - t0} ms for two Retry-After: 1`);
      assert.deepEqual(since(n).map((r) => r.status), [429, 429, 200]);
    });

    it("503s: a POST create is re-sent (not processed), once", async () => {
      env.sb().admin.injectFault({ api: "equinix", method: "POST", path: "^/fabric/v4/connections$", times: 2, fault: { kind: "status", status: 503 } });
      const n = log().length;
      const c = await api.createConnection(selfBody("client-503"));
      assert.deepEqual(since(n).map((r) => `${r.method} ${r.path} ${r.status}${r.fault ? " (fault)" : ""}`), [
        "POST /fabric/v4/connections 503 (fault)",
        "POST /fabric/v4/connections 503 (fault)",
        "POST /fabric/v4/connections 201",
      ]);
      assert.equal(env.sb().admin.inventory().equinix.connections.filter((x: any) => x.name === "client-503").length, 1);
      assert.ok(c.uuid);
    });

    it("a dropped connection: a GET is retried; a POST is not re-sent and says it may have been committed", async () => {
      const c = await api.createConnection(selfBody("client-drop"));
      env.sb().admin.injectFault({ api: "equinix", method: "GET", path: "^/fabric/v4/connections/", times: 1, fault: { kind: "drop" } });
      assert.equal((await api.getConnection(c.uuid))!.uuid, c.uuid);
      env.sb().admin.injectFault({ api: "equinix", method: "POST", path: "^/fabric/v4/connections$", times: 1, fault: { kind: "loseResponse" } });
      const n = log().length;
      const e = await apiErr(api.createConnection(selfBody("client-lost")));
      assert.equal(e.kind, "network");
      assert.equal(e.maybeCommitted, true);
      assert.equal(since(n).filter((r) => r.kind === "fabric.connection.create").length, 1, "never re-sent");
      assert.equal(env.sb().admin.inventory().equinix.connections.filter((x: any) => x.name === "client-lost").length, 1, "the sandbox committed it");
    });

    it("a 500 on create is ambiguous: not re-sent, maybeCommitted", async () => {
      env.sb().admin.injectFault({ api: "equinix", method: "POST", path: "^/fabric/v4/connections$", times: 1, fault: { kind: "status", status: 500 } });
      const e = await apiErr(api.createConnection(selfBody("client-500")));
      assert.equal(e.kind, "server");
      assert.equal(e.maybeCommitted, true);
    });

    it("tokens revoked mid-run: one 401, one new token, the call succeeds", async () => {
      const c = await api.createConnection(selfBody("client-expiry"));
      const fetches = equinixTokenFetches();
      env.sb().admin.expireTokens();
      const n = log().length;
      assert.equal((await api.getConnection(c.uuid))!.uuid, c.uuid);
      assert.deepEqual(since(n).map((r) => `${r.kind} ${r.status}`), ["fabric.connection.get 401", "oauth.token 200", "fabric.connection.get 200"]);
      assert.equal(equinixTokenFetches(), fetches + 1);
    });
  });
});

describe("fabric client: bad credentials", function () {
  const env = useSandbox({ timeScale: 0 });
  it("one token request, never retried; the error names the settings and never the secret", async () => {
    const secret = process.env.EQUINIX_API_CLIENTSECRET!;
    process.env.EQUINIX_API_CLIENTSECRET = "wrong-secret-value-123";
    try {
      const n = env.sb().admin.requests().length;
      const e = await apiErr(api.getConnection("0b5e7c2a-1111-4222-8333-444455556666"));
      assert.equal(e.kind, "auth");
      assert.match(e.message, /token request refused for client id sandbox-.*equinix:clientSecret.*EQUINIX_API_CLIENTSECRET.*not retried/);
      assert.ok(!e.message.includes("wrong-secret-value-123"));
      assert.deepEqual(env.sb().admin.requests().slice(n).map((r) => `${r.kind} ${r.status}`), ["oauth.token 400"]);
    } finally {
      process.env.EQUINIX_API_CLIENTSECRET = secret;
    }
  });
});
