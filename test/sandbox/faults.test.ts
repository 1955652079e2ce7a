import assert from "assert";
import type { Sandbox } from "../../sandbox";
import { codes, raw, selfBody, withSandbox, type Eqx } from "./helpers";

describe("sandbox: fault injection and the request log", () => {
  let sb: Sandbox;
  let eqx: Eqx;
  before(async () => ({ sb, eqx } = await withSandbox()));
  after(() => sb.stop());
  afterEach(() => sb.admin.clearFaults());

  it("status: vendor-shaped body and Retry-After, for `times` requests", async () => {
    sb.admin.injectFault({ api: "equinix", method: "GET", path: "^/fabric/v4/ports$", times: 2, fault: { kind: "status", status: 429, retryAfterSeconds: 3 } });
    for (let i = 0; i < 2; i++) {
      const r = await eqx.call("GET", "/fabric/v4/ports");
      assert.strictEqual(r.status, 429);
      assert.strictEqual(r.headers.get("retry-after"), "3");
      assert.match(codes(r.body)[0], /^EQ-\d{7}$/);
    }
    assert.strictEqual((await eqx.call("GET", "/fabric/v4/ports")).status, 200);
    sb.admin.injectFault({ path: "^/fabric/v4/ports$", times: 1, fault: { kind: "status", status: 503 } });
    const r = await eqx.call("GET", "/fabric/v4/ports");
    assert.strictEqual(r.status, 503);
    assert.strictEqual(r.headers.get("retry-after"), null);
  });

  it("status on the token endpoint answers with the OAuth error shape", async () => {
    sb.admin.injectFault({ path: "^/oauth2/", times: 1, fault: { kind: "status", status: 500 } });
    const r = await raw(sb.url, "POST", "/oauth2/v1/token", {});
    assert.strictEqual(r.status, 500);
    assert.strictEqual(typeof r.body.error_code, "string");
  });

  it("drop: the socket is destroyed before handling and nothing is created", async () => {
    const before = sb.world.equinix.connections.size;
    sb.admin.injectFault({ method: "POST", path: "^/fabric/v4/connections$", times: 1, fault: { kind: "drop" } });
    await assert.rejects(eqx.create(selfBody()));
    assert.strictEqual(sb.world.equinix.connections.size, before);
    const log = sb.admin.requests().filter((e) => e.fault === "drop");
    assert.strictEqual(log.length, 1);
    assert.strictEqual(log[0].status, 0);
  });

  it("loseResponse: the change is committed, then the socket is destroyed", async () => {
    const before = sb.world.equinix.connections.size;
    const body = selfBody();
    sb.admin.injectFault({ method: "POST", path: "^/fabric/v4/connections$", times: 1, fault: { kind: "loseResponse" } });
    await assert.rejects(eqx.create(body));
    assert.strictEqual(sb.world.equinix.connections.size, before + 1);
    const found = await eqx.search({ filter: { and: [{ property: "/name", operator: "=", values: [body.name] }] } });
    assert.strictEqual(found.body.data.length, 1);
    const log = sb.admin.requests().filter((e) => e.fault === "loseResponse");
    assert.strictEqual(log[0].status, 201);
    assert.strictEqual(log[0].kind, "fabric.connection.create");
  });

  it("delay: the request is answered after the delay", async () => {
    sb.admin.injectFault({ path: "^/fabric/v4/ports$", times: 1, fault: { kind: "delay", ms: 150 } });
    const t0 = Date.now();
    assert.strictEqual((await eqx.call("GET", "/fabric/v4/ports")).status, 200);
    assert.ok(Date.now() - t0 >= 140);
  });

  it("faults without `times` apply until cleared; matching by api and method", async () => {
    const f = sb.admin.injectFault({ api: "equinix", method: "DELETE", fault: { kind: "status", status: 502 } });
    assert.strictEqual(f.remaining, null);
    assert.strictEqual((await eqx.call("GET", "/fabric/v4/ports")).status, 200);
    assert.strictEqual((await eqx.del("00000000-0000-4000-8000-000000000000")).status, 502);
    assert.strictEqual((await eqx.del("00000000-0000-4000-8000-000000000000")).status, 502);
    assert.ok(sb.admin.removeFault(f.id));
    assert.strictEqual((await eqx.del("00000000-0000-4000-8000-000000000000")).status, 404);
    sb.admin.injectFault({ api: "alibaba", fault: { kind: "status", status: 500 } });
    assert.strictEqual((await eqx.call("GET", "/fabric/v4/ports")).status, 200);
  });

  it("the request log records seq, at, api, method, path, status and kind", async () => {
    sb.admin.clearRequests();
    await eqx.call("GET", "/fabric/v4/ports");
    await eqx.call("GET", "/fabric/v4/nothing-here");
    const log = sb.admin.requests();
    assert.strictEqual(log.length, 2);
    assert.ok(log[1].seq > log[0].seq);
    assert.ok(!Number.isNaN(Date.parse(log[0].at)));
    assert.deepStrictEqual(
      log.map(({ api, method, path, status, kind }) => ({ api, method, path, status, kind })),
      [
        { api: "equinix", method: "GET", path: "/fabric/v4/ports", status: 200, kind: "fabric.port.list" },
        { api: "equinix", method: "GET", path: "/fabric/v4/nothing-here", status: 404, kind: "unknown" },
      ],
    );
    sb.admin.clearRequests();
    assert.deepStrictEqual(sb.admin.requests(), []);
  });

  it("a malformed JSON body gets a vendor-shaped 400", async () => {
    const r = await eqx.call("POST", "/fabric/v4/connections", "{not json", "application/json");
    assert.strictEqual(r.status, 400);
    assert.deepStrictEqual(codes(r.body), ["EQ-3000035"]);
  });
});
