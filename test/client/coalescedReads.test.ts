import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { ecxApi, fabricApi } from "../../provider/fabric/http";
import { callContext, observingTransport, perCall } from "../support/context";
import { buildFabricValidators } from "../contract/fabricSchemas";
import { findPort } from "../../sandbox/equinix";
import { useSandbox } from "../unit/fabric/sandboxEnv";

const api = perCall(() => fabricApi(callContext()));
const v3 = perCall(() => ecxApi(callContext()));

/** Coalesced Fabric reads (core/coalescer.ts) against the sandbox over HTTP: what they cost and answer. */
describe("fabric: coalesced connection reads against the sandbox", function () {
  this.timeout(60_000);
  const env = useSandbox({ timeScale: 0.05 });
  const log = () => env.sb().admin.requests();
  const kinds = (n: number) => log().slice(n).map((e: { kind?: string }) => e.kind ?? "?");
  const uuids: string[] = [];

  before(async () => {
    const a = findPort("SV", "DOT1Q", "PRIMARY").uuid;
    const z = findPort("SV", "DOT1Q", "SECONDARY").uuid;
    for (let i = 0; i < 101; i++) {
      const c = await api.createConnection({
        type: "EVPL_VC",
        name: `coalesced-${i}`,
        bandwidth: 50,
        notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
        aSide: { accessPoint: { type: "COLO", port: { uuid: a }, linkProtocol: { type: "DOT1Q", vlanTag: 1000 + i } } },
        zSide: { accessPoint: { type: "COLO", port: { uuid: z }, linkProtocol: { type: "DOT1Q", vlanTag: 1000 + i } } },
      });
      uuids.push(c.uuid);
    }
  });

  it("a read arriving alone costs one GET", async () => {
    const n = log().length;
    const c = await api.readConnection(uuids[0]);
    assert.equal(c?.uuid, uuids[0]);
    assert.deepEqual(kinds(n), ["fabric.connection.get"]);
  });

  it("101 concurrent reads cost 2 searches (100 a page) and each gets its own connection", async () => {
    const n = log().length;
    const got = await Promise.all(uuids.map((u) => api.readConnection(u)));
    assert.deepEqual(got.map((c) => c?.uuid), uuids);
    assert.deepEqual(got.map((c) => c?.name), uuids.map((_, i) => `coalesced-${i}`));
    assert.deepEqual(kinds(n), ["fabric.connection.search", "fabric.connection.search"]);
  });

  it("the coalesced search is a valid Fabric v4 SearchRequest (/uuid IN, 100 a page)", async () => {
    const bodies: unknown[] = [];
    const transport = observingTransport((req) => {
      if (new URL(req.url).pathname === "/fabric/v4/connections/search") bodies.push(JSON.parse(req.body ?? "null"));
    });
    const observed = fabricApi(callContext({ transport }));
    await Promise.all(uuids.slice(0, 4).map((u) => observed.readConnection(u)));
    assert.equal(bodies.length, 1);
    assert.deepEqual(bodies[0], { filter: { and: [{ property: "/uuid", operator: "IN", values: uuids.slice(0, 4) }] }, pagination: { offset: 0, limit: 100 } });
    const validate = buildFabricValidators().validator("SearchRequest");
    assert.ok(validate(bodies[0]), JSON.stringify(validate.errors));
  });

  it("a uuid the search does not list is confirmed gone by one GET; the others stay", async () => {
    const missing = randomUUID();
    const n = log().length;
    const got = await Promise.all([...uuids.slice(0, 5), missing].map((u) => api.readConnection(u)));
    assert.deepEqual(got.slice(0, 5).map((c) => c?.uuid), uuids.slice(0, 5));
    assert.equal(got[5], undefined);
    assert.deepEqual(kinds(n).sort(), ["fabric.connection.get", "fabric.connection.search"]);
  });

  it("a connection deleted outside Pulumi is listed DEPROVISIONED (no extra GET)", async () => {
    env.sb().admin.equinix.deleteConnection(uuids[100]);
    const n = log().length;
    const got = await Promise.all(uuids.slice(98).map((u) => api.readConnection(u)));
    assert.equal(got[2]?.state, "DEPROVISIONED");
    assert.deepEqual(kinds(n), ["fabric.connection.search"]);
  });

  for (const [what, fault] of [
    ["refused (400)", { kind: "status", status: 400 }],
    ["failing (500) past its retry budget", { kind: "status", status: 500 }],
  ] as const) {
    it(`a search ${what} falls back to one GET per connection, with the same answers`, async () => {
      env.sb().admin.injectFault({ api: "equinix", method: "POST", path: "^/fabric/v4/connections/search$", times: 1000, fault });
      const n = log().length;
      const got = await Promise.all(uuids.slice(0, 3).map((u) => api.readConnection(u)));
      env.sb().admin.clearFaults();
      assert.deepEqual(got.map((c) => c?.uuid), uuids.slice(0, 3));
      const k = kinds(n);
      const searches = log().slice(n).filter((e: { path?: string }) => /\/connections\/search/.test(e.path ?? ""));
      assert.ok(searches.length >= 1 && k.filter((x) => x === "fabric.connection.search").length === 0, k.join(" "));
      assert.equal(k.filter((x) => x === "fabric.connection.get").length, 3, k.join(" "));
    });
  }

  describe("ECX v3 legs (no id filter: one walk of the list)", () => {
    const legs: string[] = [];
    before(async () => {
      for (let i = 0; i < 10; i++) {
        const r = await v3.createL2Connection({
          primaryName: `walk-${i}`,
          primaryPortUUID: findPort("DC", "DOT1Q", "PRIMARY").uuid,
          primaryVlanSTag: 3000 + i,
          primaryZSidePortUUID: findPort("SV", "DOT1Q", "SECONDARY").uuid,
          primaryZSideVlanSTag: 3000 + i,
          speed: 50,
          speedUnit: "MB",
          notifications: ["noc@example.com"],
        });
        legs.push(r.primaryConnectionId);
      }
    });

    it("10 legs read at once among 111 connections: 2 list pages, no GET", async () => {
      const n = log().length;
      const got = await Promise.all(legs.map((u) => v3.readL2Connection(u)));
      assert.deepEqual(got.map((c) => c?.uuid), legs);
      assert.deepEqual(got.map((c) => c?.name), legs.map((_, i) => `walk-${i}`));
      assert.deepEqual(kinds(n), ["ecxv3.connection.list", "ecxv3.connection.list"]);
    });

    it("a few legs are read one by one (cheaper than a walk); a missing one among many is confirmed by GET", async () => {
      let n = log().length;
      await Promise.all(legs.slice(0, 3).map((u) => v3.readL2Connection(u)));
      assert.deepEqual(kinds(n), ["ecxv3.connection.get", "ecxv3.connection.get", "ecxv3.connection.get"]);
      n = log().length;
      const missing = randomUUID();
      const got = await Promise.all([...legs, missing].map((u) => v3.readL2Connection(u)));
      assert.equal(got[10], undefined);
      assert.deepEqual(got.slice(0, 10).map((c) => c?.uuid), legs);
      assert.deepEqual(kinds(n).sort(), ["ecxv3.connection.get", "ecxv3.connection.list", "ecxv3.connection.list"]);
    });
  });
});
