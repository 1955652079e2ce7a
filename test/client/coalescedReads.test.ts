import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import * as api from "../../provider/fabric/client";
import { findPort } from "../../sandbox/equinix";
import { useSandbox } from "../unit/fabric/sandboxEnv";

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
});
