import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { PRIVATE_PROFILE_UUID, SCALE, selfBody, withSandbox, type Eqx } from "./helpers";

const ACCOUNT = "A0087264";
const account = { managing_account: ACCOUNT, consuming_account: ACCOUNT, billing_account: ACCOUNT };

/**
 * The cross-vendor links (sandbox/links.ts): an IX-API cloud service to the Alibaba offering makes hosted
 * connections appear in the Alibaba account its cloud key names, and only a simulated seller's profile
 * or offering reaches another API.
 */
describe("sandbox: cross-vendor links", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let eqx: Eqx;
  before(async () => ({ sb, eqx } = await withSandbox()));
  after(() => sb?.stop());

  const hostedNamed = (prefix: string) =>
    [...sb.world.alibaba.connections.values()].filter((pc) => pc.productType === "VirtualPhysicalConnection" && (pc.name ?? "").startsWith(prefix));

  /** A cloud_vc service on `offering` with one config per handover (VLANs 300 + handover). */
  function cloudService(offering: string, cloudKey: string, handovers: { connection: string }[]): string {
    const ix = sb.world.ixapi;
    const svc = ix.createService({ type: "cloud_vc", product_offering: offering, ...account, cloud_key: cloudKey, capacity: 200 });
    const roles = ["implementation", "noc"].map((role) => {
      const contact = ix.createContact({ managing_account: ACCOUNT, consuming_account: ACCOUNT, name: `${role} team`, email: `${role}@example.com`, telephone: "+442071838750" });
      return ix.createAssignment({ role: `role:${role}`, contact: contact.id }).id;
    });
    handovers.forEach((h, i) =>
      ix.createConfig({ type: "cloud_vc", network_service: svc.id, ...account, connection: h.connection, handover: i + 1, cloud_vlan: null, role_assignments: roles, vlan_config: { vlan_type: "dot1q", vlan: 301 + i } }),
    );
    return svc.id;
  }

  it("IX-API to Alibaba: one hosted connection per handover in the cloud key's account at production; decommissioning withdraws them", () => {
    const cloudKey = sb.alibaba.accountId;
    const id = cloudService("alibaba-express-connect.fra.eu-central-1", cloudKey, [{ connection: "CANL-051075" }, { connection: "CANL-051076" }]);
    assert.equal(hostedNamed(`ixapi-${id}-`).filter((pc) => pc.visibleAt! <= sb.admin.clock.now()).length, 0, "nothing visible before production");
    sb.admin.clock.advance(1000 * SCALE);
    const hosted = hostedNamed(`ixapi-${id}-`).sort((a, b) => a.name!.localeCompare(b.name!));
    assert.deepEqual(
      hosted.map((pc) => ({ name: pc.name, owner: pc.owner, region: pc.region, vlan: pc.vlanId, bandwidth: pc.bandwidth, vpconn: pc.vpconnStatus, status: sb.world.alibaba.statusOf(pc) })),
      [1, 2].map((h) => ({ name: `ixapi-${id}-h${h}`, owner: cloudKey, region: "eu-central-1", vlan: 300 + h, bandwidth: 200, vpconn: "UnConfirmed", status: "Allocated" })),
    );
    sb.world.ixapi.decommissionService(id);
    for (const pc of hostedNamed(`ixapi-${id}-`)) {
      assert.equal(pc.vpconnStatus, "Deleted");
      assert.equal(sb.world.alibaba.statusOf(pc), "Terminated");
    }
  });

  it("IX-API to a provider the sandbox does not simulate (AWS): nothing appears at Alibaba", () => {
    const before = sb.world.alibaba.connections.size;
    const id = cloudService("aws-direct-connect.fra.eu-central-1", "123456789012", [{ connection: "CANL-051077" }]);
    sb.admin.clock.advance(1000 * SCALE);
    assert.equal(sb.world.ixapi.serviceState(sb.world.ixapi.services.get(id)!), "production");
    assert.equal(sb.world.alibaba.connections.size, before);
  });

  it("Fabric to a profile whose seller is not simulated (the private profile): no provider connection, nothing at Alibaba", async () => {
    const before = sb.world.alibaba.connections.size;
    const body = selfBody({}, "SV");
    body.zSide = { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: PRIVATE_PROFILE_UUID }, location: { metroCode: "SV" } } };
    const r = await eqx.create(body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    sb.admin.clock.advance(1000 * SCALE);
    const c = (await eqx.get(r.body.uuid)).body;
    assert.equal(`${c.operation.equinixStatus}/${c.operation.providerStatus}`, "PROVISIONED/AVAILABLE");
    assert.equal(c.zSide.accessPoint.providerConnectionId, undefined);
    assert.equal(sb.world.alibaba.connections.size, before);
    // Deleting it deprovisions with the private profile's provider statuses.
    await eqx.del(r.body.uuid);
    assert.equal((await eqx.get(r.body.uuid)).body.operation.providerStatus, "AVAILABLE");
    sb.admin.clock.advance(1000 * SCALE);
    assert.equal((await eqx.get(r.body.uuid)).body.operation.providerStatus, "NOT_AVAILABLE");
  });

  it("a hosted connection no partner made (admin) is confirmed and deleted without reaching Fabric", () => {
    const fabricBefore = sb.world.equinix.connections.size;
    const id = sb.admin.alibaba.createHostedConnection({ vlan: 1500, bandwidth: 50, name: "from-portal" });
    sb.world.alibaba.confirm(sb.alibaba.accountId, "us-west-1", id);
    sb.admin.clock.advance(1000 * SCALE);
    assert.equal(sb.admin.alibaba.connection(id)!.Status, "Enabled");
    sb.admin.alibaba.terminateConnection(id);
    sb.admin.alibaba.deleteConnection(id);
    assert.equal(sb.admin.alibaba.connection(id), undefined);
    assert.equal(sb.world.equinix.connections.size, fabricBefore);
  });
});
