import assert from "assert";
import type { Sandbox } from "../../sandbox";
import { EQUINIX_EVENTS, type ProfileConnectionCreatedEvent } from "../../sandbox/equinix";
import { alibabaBody, codes, findPort, nextVlan, selfBody, withSandbox, type Eqx, SCALE } from "./helpers";

const status = (c: any) => `${c.state}/${c.operation.equinixStatus}/${c.operation.providerStatus}`;

describe("sandbox: Fabric v4 connections", () => {
  let sb: Sandbox;
  let eqx: Eqx;
  before(async () => ({ sb, eqx } = await withSandbox()));
  after(() => sb.stop());

  it("self connection: PENDING_AUTO_APPROVAL -> PROVISIONING -> PROVISIONED/AVAILABLE on the sandbox clock", async () => {
    const r = await eqx.create(selfBody());
    assert.strictEqual(r.status, 201, JSON.stringify(r.body));
    const id = r.body.uuid;
    assert.strictEqual(status(r.body), "PROVISIONING/PENDING_AUTO_APPROVAL/NOT_AVAILABLE");
    assert.strictEqual(r.body.change.type, "CONNECTION_CREATION");
    sb.admin.clock.advance(100 * SCALE);
    assert.strictEqual(status((await eqx.get(id)).body), "PROVISIONING/PROVISIONING/NOT_AVAILABLE");
    sb.admin.clock.advance(200 * SCALE);
    const done = (await eqx.get(id)).body;
    assert.strictEqual(status(done), "ACTIVE/PROVISIONED/AVAILABLE");
    assert.strictEqual(done.change.status, "COMPLETED");
    assert.ok(done.redundancy.group && done.redundancy.group !== id);
    assert.strictEqual(done.redundancy.priority, "PRIMARY");
    assert.strictEqual(done.zSide.accessPoint.type, "COLO");
  });

  it("Alibaba connection: PROVISIONING -> PENDING_APPROVAL until the provider accepts -> PROVISIONED", async () => {
    const events: ProfileConnectionCreatedEvent[] = [];
    const on = (e: ProfileConnectionCreatedEvent) => events.push(e);
    sb.world.events.on(EQUINIX_EVENTS.profileConnectionCreated, on);
    const body = alibabaBody();
    const r = await eqx.create(body);
    sb.world.events.off(EQUINIX_EVENTS.profileConnectionCreated, on);
    assert.strictEqual(r.status, 201, JSON.stringify(r.body));
    const id = r.body.uuid;
    assert.strictEqual(status(r.body), "PROVISIONING/PROVISIONING/NOT_AVAILABLE");
    assert.strictEqual(r.body.zSide.accessPoint.sellerRegion, "us-west-1");
    assert.strictEqual(events.length, 1);
    assert.deepStrictEqual(
      { uuid: events[0].uuid, key: events[0].authenticationKey, metro: events[0].metroCode, region: events[0].sellerRegion, vlan: events[0].vlan, bw: events[0].bandwidth },
      { uuid: id, key: "5123456789012345", metro: "SV", region: "us-west-1", vlan: body.aSide.accessPoint.linkProtocol.vlanTag, bw: 50 },
    );
    sb.admin.clock.advance(600_000); // ten minutes: stays pending
    assert.strictEqual(status((await eqx.get(id)).body), "PENDING/PROVISIONED/PENDING_APPROVAL");
    sb.world.equinix.setProviderConnectionId(id, "pc-sandbox123");
    sb.admin.equinix.providerAccept(id);
    assert.strictEqual(status((await eqx.get(id)).body), "PENDING/PROVISIONED/PROVISIONING");
    sb.admin.clock.advance(200 * SCALE);
    const done = (await eqx.get(id)).body;
    assert.strictEqual(status(done), "ACTIVE/PROVISIONED/PROVISIONED");
    assert.strictEqual(done.zSide.accessPoint.providerConnectionId, "pc-sandbox123");
    // Provisioned on the Alibaba side: Equinix refuses the delete.
    const d = await eqx.del(id);
    assert.strictEqual(d.status, 400);
    assert.deepStrictEqual(codes(d.body), ["ERR-UAA-003-00"]);
    assert.match(d.body[0].errorMessage, /initiated from Alibaba Portal/);
    // Alibaba terminates it: Fabric deprovisions by itself.
    sb.world.equinix.equinixProviderDeleted(id);
    assert.strictEqual(status((await eqx.get(id)).body), "DEPROVISIONING/DEPROVISIONING/DEPROVISIONING");
    sb.admin.clock.advance(200 * SCALE);
    assert.strictEqual(status((await eqx.get(id)).body), "DEPROVISIONED/DEPROVISIONED/DEPROVISIONED");
  });

  it("an Alibaba connection still pending approval can be deleted from Equinix", async () => {
    const r = await eqx.create(alibabaBody());
    sb.admin.clock.advance(200 * SCALE);
    const deleted: unknown[] = [];
    const on = (e: unknown) => deleted.push(e);
    sb.world.events.on(EQUINIX_EVENTS.connectionDeleted, on);
    const d = await eqx.del(r.body.uuid);
    sb.world.events.off(EQUINIX_EVENTS.connectionDeleted, on);
    assert.strictEqual(d.status, 200);
    assert.strictEqual(d.body.operation.equinixStatus, "DEPROVISIONING");
    assert.strictEqual(deleted.length, 1);
  });

  it("dryRun validates, answers 200 and creates nothing", async () => {
    const before = sb.world.equinix.connections.size;
    const r = await eqx.create(selfBody(), true);
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.body.uuid, undefined);
    assert.strictEqual(sb.world.equinix.connections.size, before);
    const bad = await eqx.create(selfBody({ name: "" }), true);
    assert.strictEqual(bad.status, 400);
    assert.deepStrictEqual(codes(bad.body), ["EQ-3142501"]);
  });

  it("PATCH replaces name, bandwidth, notifications, termLength, vlanTag; change REQUESTED -> COMPLETED", async () => {
    const c = (await eqx.create(selfBody())).body;
    sb.admin.clock.advance(1000 * SCALE);
    const vlan = nextVlan();
    const r = await eqx.patch(c.uuid, [
      { op: "replace", path: "/name", value: "renamed" },
      { op: "replace", path: "/bandwidth", value: 500 },
      { op: "replace", path: "/notifications", value: [{ type: "ALL", emails: ["ops@example.com"] }] },
      { op: "replace", path: "/order/termLength", value: 12 },
      { op: "replace", path: "/aSide/accessPoint/linkProtocol/vlanTag", value: vlan },
    ]);
    assert.strictEqual(r.status, 202, JSON.stringify(r.body));
    assert.strictEqual(r.body.change.type, "CONNECTION_UPDATE");
    assert.strictEqual(r.body.change.status, "REQUESTED");
    assert.strictEqual(r.body.name, "renamed");
    assert.strictEqual(r.body.bandwidth, 500);
    assert.strictEqual(r.body.order.termLength, 12);
    assert.strictEqual(r.body.aSide.accessPoint.linkProtocol.vlanTag, vlan);
    // A second change while the first is in progress: transient state.
    const busy = await eqx.patch(c.uuid, [{ op: "replace", path: "/name", value: "again" }]);
    assert.deepStrictEqual(codes(busy.body), ["EQ-3142510"]);
    sb.admin.clock.advance(200 * SCALE);
    assert.strictEqual((await eqx.get(c.uuid)).body.change.status, "COMPLETED");
    const badPath = await eqx.patch(c.uuid, [{ op: "replace", path: "/aSide/accessPoint/port/uuid", value: "x" }]);
    assert.strictEqual(badPath.status, 400);
    assert.deepStrictEqual(codes(badPath.body), ["EQ-3142501"]);
    const badName = await eqx.patch(c.uuid, [{ op: "replace", path: "/name", value: "x".repeat(51) }]);
    assert.deepStrictEqual(codes(badName.body), ["EQ-3142501"]);
  });

  it("PATCH of the VLAN is DOT1Q only and checks duplicates", async () => {
    const a = (await eqx.create(selfBody())).body;
    const b = (await eqx.create(selfBody())).body;
    sb.admin.clock.advance(1000 * SCALE);
    const dup = await eqx.patch(b.uuid, [{ op: "replace", path: "/aSide/accessPoint/linkProtocol/vlanTag", value: a.aSide.accessPoint.linkProtocol.vlanTag }]);
    assert.deepStrictEqual(codes(dup.body), ["EQ-3142102"]);
    const q = (await eqx.create(selfBody({ aSide: { accessPoint: { type: "COLO", port: { uuid: findPort("DC", "QINQ").uuid }, linkProtocol: { type: "QINQ", vlanSTag: nextVlan(), vlanCTag: 7 } } } }))).body;
    sb.admin.clock.advance(1000 * SCALE);
    const qr = await eqx.patch(q.uuid, [{ op: "replace", path: "/aSide/accessPoint/linkProtocol/vlanTag", value: 999 }]);
    assert.deepStrictEqual(codes(qr.body), ["EQ-3142501"]);
  });

  it("DELETE: DEPROVISIONING -> DEPROVISIONED; again: EQ-3142509; unknown: 404; transient: EQ-3142510", async () => {
    const c = (await eqx.create(selfBody())).body;
    const early = await eqx.del(c.uuid);
    assert.strictEqual(early.status, 400);
    assert.deepStrictEqual(codes(early.body), ["EQ-3142510"]);
    sb.admin.clock.advance(1000 * SCALE);
    const d = await eqx.del(c.uuid);
    assert.strictEqual(d.status, 200);
    assert.strictEqual(status(d.body), "DEPROVISIONING/DEPROVISIONING/AVAILABLE");
    assert.deepStrictEqual(codes((await eqx.del(c.uuid)).body), ["EQ-3142509"]);
    sb.admin.clock.advance(200 * SCALE);
    assert.strictEqual(status((await eqx.get(c.uuid)).body), "DEPROVISIONED/DEPROVISIONED/NOT_AVAILABLE");
    assert.deepStrictEqual(codes((await eqx.del(c.uuid)).body), ["EQ-3142509"]);
    const unknown = await eqx.del("00000000-0000-4000-8000-000000000000");
    assert.strictEqual(unknown.status, 404);
    assert.strictEqual((await eqx.get("00000000-0000-4000-8000-000000000000")).status, 404);
    assert.strictEqual((await eqx.get("not-a-uuid")).status, 400);
    // The VLAN is free again once DEPROVISIONED.
    const again = await eqx.create(selfBody({ aSide: c.aSide, zSide: c.zSide }));
    assert.strictEqual(again.status, 201, JSON.stringify(again.body));
  });

  it("inventory lists connections until DEPROVISIONED", async () => {
    const { sb: s, eqx: e } = await withSandbox();
    try {
      const c = (await e.create(selfBody())).body;
      assert.deepStrictEqual((s.admin.inventory().equinix.connections as any[]).map((x) => x.uuid), [c.uuid]);
      s.admin.clock.advance(1000 * SCALE);
      await e.del(c.uuid);
      assert.strictEqual(s.admin.inventory().equinix.connections.length, 1);
      s.admin.clock.advance(1000 * SCALE);
      assert.deepStrictEqual(s.admin.inventory().equinix.connections, []);
    } finally {
      await s.stop();
    }
  });
});
