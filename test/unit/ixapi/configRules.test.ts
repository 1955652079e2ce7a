import assert from "node:assert/strict";
import { ixapiClient } from "../../../provider/ixapi/client";
import { networkServiceConfigLifecycle } from "../../../provider/ixapi/networkServiceConfigLifecycle";
import { configReader } from "../../../provider/core/config";
import { sandboxEnv, startSandbox, type Sandbox } from "../../../sandbox";
import { callContext, type CallContext } from "../../support/context";

const ACC = { managingAccount: "A0087264", consumingAccount: "A0087264", billingAccount: "A0087264" };
const WIRE_ACC = { managing_account: "A0087264", consuming_account: "A0087264", billing_account: "A0087264" };

/** The config's rules that need the service and its offering (checked before any write), against an in-process sandbox. */
describe("unit: ixapi.NetworkServiceConfig rules from the service's offering", function () {
  this.timeout(20_000);
  let sb: Sandbox;
  /** The calls' context: the sandbox's settings (OAuth), no progress lines. */
  let ctx: CallContext;
  before(async () => {
    sb = await startSandbox({ timeScale: 0 });
    ctx = callContext({ config: configReader({ env: sandboxEnv(sb) }), progress: () => undefined });
  });
  after(async () => {
    await sb?.stop();
  });
  const service = (offering: string, cloudKey: string) => ixapiClient(ctx).createNetworkService({ type: "cloud_vc", product_offering: offering, ...WIRE_ACC, cloud_key: cloudKey });
  const posts = () => sb.admin.requests().filter((r) => r.method === "POST" && r.path.endsWith("/network-service-configs")).length;

  it("single-VLAN offering (AWS): cloudVlan rejected, handover beyond diversity 1 rejected, nothing written", async () => {
    const s = await service("aws-direct-connect.fra.eu-central-1", "123456789876");
    const n = posts();
    const cfg = { ...ACC, networkService: s.id, connection: "CANL-051075", vlanConfig: { vlanType: "dot1q", vlan: 10 }, roleAssignments: [] };
    await assert.rejects(networkServiceConfigLifecycle.create({ ...cfg, handover: 2, cloudVlan: 100 }, ctx), (e: Error) => {
      assert.match(e.message, /handover: must be within 1\.\.1 \(the service's diversity\)/);
      assert.match(e.message, /cloudVlan: must be omitted \(null\): aws-direct-connect\.fra\.eu-central-1 provides a single VLAN/);
      assert.match(e.message, /roleAssignments: the service requires contacts with the roles noc/);
      return true;
    });
    assert.equal(posts(), n);
  });

  it("multi-VLAN offering (Azure): a cloudVlan per peering and null (all unmatched) both pass the checks", async () => {
    const s = await service("ms-express-route.ms-london.AMS", "dc79e015-f15c-4681-9c7b-6d16b2973997");
    const cfg = { ...ACC, networkService: s.id, connection: "CANL-061001", handover: 1, roleAssignments: [], timeouts: { create: "5s" } };
    const a = await networkServiceConfigLifecycle.create({ ...cfg, vlanConfig: { vlanType: "dot1q", vlan: 10 }, cloudVlan: 100 }, ctx);
    const b = await networkServiceConfigLifecycle.create({ ...cfg, vlanConfig: { vlanType: "dot1q", vlan: 11 } }, ctx);
    const wire = [sb.admin.ixapi.config(a.id)!, sb.admin.ixapi.config(b.id)!].map((c) => c.cloud_vlan);
    assert.deepEqual(wire, [100, null]);
  });
});
