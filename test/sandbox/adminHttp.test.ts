import assert from "assert";
import type { Sandbox } from "../../sandbox";
import { alibabaBody, raw, selfBody, withSandbox, type Eqx, SCALE } from "./helpers";

describe("sandbox: admin over HTTP (/_sandbox)", () => {
  let sb: Sandbox;
  let eqx: Eqx;
  before(async () => ({ sb, eqx } = await withSandbox()));
  after(() => sb.stop());
  const admin = (method: string, path: string, body?: unknown) => raw(sb.url, method, `/_sandbox${path}`, body);

  it("info, clock, advance", async () => {
    const info = await admin("GET", "/info");
    assert.strictEqual(info.body.equinix.clientId, sb.equinix.clientId);
    const t0 = (await admin("GET", "/clock")).body.now;
    const t1 = (await admin("POST", "/clock/advance", { ms: 60_000 })).body.now;
    assert.ok(t1 - t0 >= 60_000);
    assert.strictEqual((await admin("POST", "/clock/advance", { ms: "x" })).status, 400);
  });

  it("faults, requests, tokens, inventory", async () => {
    const f = await admin("POST", "/faults", { path: "^/fabric/v4/ports$", times: 1, fault: { kind: "status", status: 500 } });
    assert.strictEqual(f.status, 200);
    assert.strictEqual((await admin("GET", "/faults")).body.length, 1);
    assert.strictEqual((await eqx.call("GET", "/fabric/v4/ports")).status, 500);
    await admin("DELETE", "/faults");
    assert.strictEqual((await admin("GET", "/faults")).body.length, 0);
    assert.ok((await admin("GET", "/requests")).body.some((e: any) => e.fault === "status"));
    await admin("DELETE", "/requests");
    assert.deepStrictEqual((await admin("GET", "/requests")).body, []);
    await admin("POST", "/tokens/expire", {});
    assert.strictEqual((await eqx.call("GET", "/fabric/v4/ports")).status, 401);
    await eqx.login();
    const c = (await eqx.create(selfBody())).body;
    const inv = (await admin("GET", "/inventory")).body;
    assert.ok(inv.equinix.connections.some((x: any) => x.uuid === c.uuid));
    assert.strictEqual((await admin("POST", "/faults", { fault: { kind: "bogus" } })).status, 400);
  });

  it("equinix: accept, update, delete, stall, reject", async () => {
    const ali = (await eqx.create(alibabaBody())).body;
    await admin("POST", "/clock/advance", { ms: 1000 * SCALE });
    assert.strictEqual((await admin("POST", `/equinix/connections/${ali.uuid}/providerConnectionId`, { providerConnectionId: "pc-abc" })).status, 200);
    assert.strictEqual((await admin("POST", `/equinix/connections/${ali.uuid}/accept`)).status, 200);
    await admin("POST", "/clock/advance", { ms: 1000 * SCALE });
    const got = (await admin("GET", `/equinix/connections/${ali.uuid}`)).body;
    assert.strictEqual(got.operation.providerStatus, "PROVISIONED");
    assert.strictEqual(got.zSide.accessPoint.providerConnectionId, "pc-abc");
    assert.strictEqual((await admin("POST", `/equinix/connections/${ali.uuid}/update`, { name: "edited-in-portal" })).status, 200);
    assert.strictEqual((await eqx.get(ali.uuid)).body.name, "edited-in-portal");
    await admin("POST", `/equinix/connections/${ali.uuid}/providerDeleted`);
    await admin("POST", "/clock/advance", { ms: 1000 * SCALE });
    assert.strictEqual((await eqx.get(ali.uuid)).body.operation.equinixStatus, "DEPROVISIONED");

    const self = (await eqx.create(selfBody())).body;
    await admin("POST", `/equinix/connections/${self.uuid}/delete`);
    assert.strictEqual((await eqx.get(self.uuid)).body.operation.equinixStatus, "DEPROVISIONED");
    assert.strictEqual((await admin("POST", "/equinix/connections/00000000-0000-4000-8000-000000000000/delete")).status, 404);

    await admin("POST", "/equinix/stallProvisioning", { next: true });
    const stalled = (await eqx.create(selfBody())).body;
    await admin("POST", "/clock/advance", { ms: 3_000_000 });
    await eqx.login();
    assert.strictEqual((await eqx.get(stalled.uuid)).body.operation.equinixStatus, "PROVISIONING");

    await admin("POST", "/equinix/rejectNext", {});
    const rej = (await eqx.create(alibabaBody())).body;
    await admin("POST", "/clock/advance", { ms: 1000 * SCALE });
    const r = (await eqx.get(rej.uuid)).body;
    assert.deepStrictEqual([r.state, r.operation.equinixStatus], ["FAILED", "REJECTED"]);
  });
});
