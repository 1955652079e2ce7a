import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { alibabaBody, codes, SCALE, withSandbox, type Eqx } from "./helpers";

const status = (c: any) => `${c.state}/${c.operation.equinixStatus}/${c.operation.providerStatus}`;

/**
 * The teardown of Equinix's "Connect to Alibaba Cloud" guide: delete the VBR, delete the connection in
 * the Alibaba Cloud console, and "the connection is automatically deleted from Fabric after it is cleared
 * in the Alibaba Cloud console". Terminating the Alibaba connection is not clearing it: Fabric stays
 * provisioned (and still refuses its own delete) until the Alibaba connection is deleted.
 */
describe("sandbox: a Fabric connection to Alibaba is deprovisioned when the Alibaba connection is deleted, not when it is terminated", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let eqx: Eqx;
  const aliWorld = () => sb.world.alibaba;
  const fabric = async (id: string) => (await eqx.get(id)).body;

  before(async () => {
    ({ sb, eqx } = await withSandbox());
  });
  after(() => sb?.stop());

  /** A Fabric connection to Alibaba, accepted on Alibaba, both sides active; returns both ids. */
  async function activePair(): Promise<{ uuid: string; pc: string }> {
    const account = sb.alibaba.accountId;
    const body = alibabaBody();
    Object.assign(body.zSide.accessPoint, { authenticationKey: account, sellerRegion: "us-west-1" });
    const r = await eqx.create(body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    sb.admin.clock.advance(200 * SCALE);
    const pending = await fabric(r.body.uuid);
    assert.equal(status(pending), "PENDING/PROVISIONED/PENDING_APPROVAL");
    const pc = pending.zSide.accessPoint.providerConnectionId as string;
    assert.match(pc, /^pc-/);
    aliWorld().confirm(account, "us-west-1", pc);
    sb.admin.clock.advance(300 * SCALE);
    assert.equal(aliWorld().statusOf(aliWorld().connections.get(pc)!), "Enabled");
    assert.equal(status(await fabric(r.body.uuid)), "ACTIVE/PROVISIONED/PROVISIONED");
    return { uuid: r.body.uuid, pc };
  }

  it("API: TerminatePhysicalConnection leaves Fabric provisioned; DeletePhysicalConnection deprovisions it", async () => {
    const { uuid, pc } = await activePair();
    const account = sb.alibaba.accountId;
    aliWorld().terminate(account, "us-west-1", pc);
    sb.admin.clock.advance(300 * SCALE);
    assert.equal(aliWorld().statusOf(aliWorld().connections.get(pc)!), "Terminated");
    assert.equal(status(await fabric(uuid)), "ACTIVE/PROVISIONED/PROVISIONED", "terminated is not cleared: Fabric stays");
    assert.deepEqual(codes((await eqx.del(uuid)).body), ["ERR-UAA-003-00"], "Fabric still refuses its own delete");
    aliWorld().deletePc(account, "us-west-1", pc);
    assert.equal(status(await fabric(uuid)), "DEPROVISIONING/DEPROVISIONING/DEPROVISIONING");
    sb.admin.clock.advance(200 * SCALE);
    assert.equal(status(await fabric(uuid)), "DEPROVISIONED/DEPROVISIONED/DEPROVISIONED");
  });

  it("console: terminating leaves Fabric provisioned; deleting the connection deprovisions it", async () => {
    const { uuid, pc } = await activePair();
    sb.admin.alibaba.terminateConnection(pc);
    sb.admin.clock.advance(10_000 * SCALE);
    assert.equal(status(await fabric(uuid)), "ACTIVE/PROVISIONED/PROVISIONED");
    sb.admin.alibaba.deleteConnection(pc);
    sb.admin.clock.advance(200 * SCALE);
    assert.equal(status(await fabric(uuid)), "DEPROVISIONED/DEPROVISIONED/DEPROVISIONED");
  });
});
