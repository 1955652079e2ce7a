// alibaba.HostedConnection named by its VLAN alone (issue 14: the hosted connections an exchange makes,
// whose parent the program does not know), in the region and account its resource names: the one with that
// VLAN is accepted; two with that VLAN in the region fail naming both, accepting neither; the parent then
// tells them apart. The kind's lifecycle as the runtime serves it (kinds registry: scope and adoption).
import { strict as assert } from "assert";
import { startSandbox, type Sandbox } from "../../sandbox";
import { kinds } from "../../provider/alibaba/kinds";
import { configReader } from "../../provider/core/config";
import type { Lifecycle } from "../../provider/core/lifecycle";
import { alibabaEnv, FAST_ALIBABA } from "../unit/alibaba/helpers";
import { callContext } from "../support/context";

describe("alibaba.HostedConnection found by VLAN, in the resource's region and account", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let life: Lifecycle;
  const ctx = () =>
    callContext({
      config: configReader({
        env: { ...alibabaEnv(sb), ALICLOUD_ACCESS_KEY_SECOND: sb.alibaba.second.accessKeyId, ALICLOUD_SECRET_KEY_SECOND: sb.alibaba.second.accessKeySecret },
      }),
      progress: () => undefined,
    });
  before(async () => {
    sb = await startSandbox({ port: 0, delays: { alibaba: FAST_ALIBABA } });
    life = kinds["alibaba:HostedConnection"]();
  });
  after(() => sb?.stop());

  const hosted = (o: { vlan: number; accessPointId: string; second?: boolean }) =>
    sb.admin.alibaba.createHostedConnection({ vlan: o.vlan, bandwidth: 50, accessPointId: o.accessPointId, ...(o.second ? { accountId: sb.alibaba.second.accountId } : {}) });

  it("accepts the one with that VLAN in the named region and account, and records where it lives", async () => {
    const mine = hosted({ vlan: 901, accessPointId: "ap-de-fra-ixn-a", second: true });
    const elsewhere = [hosted({ vlan: 901, accessPointId: "ap-de-fra-ixn-a" }), hosted({ vlan: 901, accessPointId: "ap-us-sv-eqx-a", second: true })];
    const checked = await life.check({}, { vlanId: 901, region: "eu-central-1", credentials: "second" }, ctx());
    assert.deepEqual(checked.failures, []);
    const r = await life.create(checked.inputs as Record<string, unknown>, ctx());
    assert.equal(r.id, mine);
    assert.deepEqual([r.outs.status, r.outs.identifiedBy, r.outs.region, r.outs.credentials], ["Enabled", "vlan", "eu-central-1", "second"]);
    assert.equal(r.outs.parentPhysicalConnectionId, "pc-ixn-parent-de-fra-ixn-a");
    for (const id of elsewhere) assert.equal(sb.world.alibaba.connections.get(id)!.vpconnStatus, "UnConfirmed", `${id} untouched`);
    // Read (refresh) gives back the inputs the program wrote: the VLAN, not the parent found.
    const back = await life.read(r.id, r.outs, ctx());
    assert.deepEqual([back!.inputs.vlanId, back!.inputs.parentPhysicalConnectionId, back!.inputs.physicalConnectionId], [901, undefined, undefined]);
    await life.delete(r.id, r.outs, ctx());
    assert.equal(sb.world.alibaba.connections.get(mine), undefined);
  });

  it("two with that VLAN in the region: fails naming both and accepts neither; the parent picks one", async () => {
    const a = hosted({ vlan: 902, accessPointId: "ap-de-fra-ixn-a" });
    const b = hosted({ vlan: 902, accessPointId: "ap-de-fra-ixn-b" });
    const inputs = (await life.check({}, { vlanId: 902, region: "eu-central-1" }, ctx())).inputs as Record<string, unknown>;
    await assert.rejects(life.create(inputs, ctx()), (e: Error) => {
      assert.match(e.message, /vlanId: 2 hosted connections in region eu-central-1 carry VLAN 902 \(.*\): set parentPhysicalConnectionId/);
      assert.ok(e.message.includes(a) && e.message.includes(b), e.message);
      return true;
    });
    for (const id of [a, b]) assert.equal(sb.world.alibaba.connections.get(id)!.vpconnStatus, "UnConfirmed");
    const withParent = (await life.check({}, { vlanId: 902, parentPhysicalConnectionId: "pc-ixn-parent-de-fra-ixn-b", region: "eu-central-1" }, ctx())).inputs as Record<string, unknown>;
    const r = await life.create(withParent, ctx());
    assert.equal(r.id, b);
    assert.equal(r.outs.identifiedBy, "parentAndVlan");
  });
});
