// Each object's "gone" predicate, from its mapping file: what refresh drops, what a delete counts as
// done and what a lost create must not adopt.
import * as assert from "node:assert/strict";
import { isHostedGone } from "../../provider/alibaba/hostedConnectionMapping";
import { isPhysicalConnectionGone } from "../../provider/alibaba/physicalConnectionMapping";
import { isVirtualBorderRouterGone } from "../../provider/alibaba/virtualBorderRouterMapping";
import type { FabricConnection } from "../../provider/fabric/client";
import { isGone } from "../../provider/fabric/connectionMapping";
import { isLegStatusGone, legGone, toOutputs } from "../../provider/fabric/l2ConnectionMapping";
import { isNetworkServiceConfigGone } from "../../provider/ixapi/networkServiceConfigMapping";
import { isNetworkServiceGone } from "../../provider/ixapi/networkServiceMapping";

describe("unit: the gone state of each object", () => {
  it("fabric.Connection: DEPROVISIONED or DELETED, in the Equinix status or the state", () => {
    const c = (equinixStatus: string, state = "ACTIVE") => ({ uuid: "u", state, operation: { equinixStatus, providerStatus: "AVAILABLE" } }) as FabricConnection;
    assert.equal(isGone(c("DEPROVISIONED")), true);
    assert.equal(isGone(c("PROVISIONED", "DELETED")), true);
    assert.equal(isGone(c("DEPROVISIONING")), false);
    assert.equal(isGone(c("PROVISIONED")), false);
  });

  it("fabric.L2Connection: a leg gone as a Fabric connection or not found; a stored leg status also when DEPROVISIONING", () => {
    assert.equal(legGone(undefined), true);
    assert.equal(legGone({ uuid: "u", status: "DEPROVISIONED" }), true);
    assert.equal(legGone({ uuid: "u", status: "PROVISIONED" }), false);
    // The status toOutputs gives a leg Equinix cannot find is one the diff counts as gone.
    const v = { name: "n", portUuid: "p", vlanSTag: 10, profileUuid: "x", speed: 50, speedUnit: "MB" as const, notifications: ["a@example.com"] };
    const missing = toOutputs({ primaryId: "u" }, undefined, undefined, v, {});
    assert.equal(isLegStatusGone(missing.primaryStatus), true);
    for (const s of ["DEPROVISIONED", "DELETED", "DEPROVISIONING"]) assert.equal(isLegStatusGone(s), true, s);
    for (const s of ["PROVISIONED", "PROVISIONING", "", undefined, 3]) assert.equal(isLegStatusGone(s), false, String(s));
  });

  it("alibaba: a physical connection Canceled or Terminated; a hosted one also Deleted as a VPC connection; a VBR deleting", () => {
    assert.equal(isPhysicalConnectionGone(undefined), true);
    assert.equal(isPhysicalConnectionGone({ PhysicalConnectionId: "pc", Status: "Canceled" }), true);
    assert.equal(isPhysicalConnectionGone({ PhysicalConnectionId: "pc", Status: "Terminated" }), true);
    assert.equal(isPhysicalConnectionGone({ PhysicalConnectionId: "pc", Status: "Terminating" }), false);
    assert.equal(isPhysicalConnectionGone({ PhysicalConnectionId: "pc", Status: "Enabled", VpconnStatus: "Deleted" }), false);
    assert.equal(isHostedGone({ PhysicalConnectionId: "pc", Status: "Enabled", VpconnStatus: "Deleted" }), true);
    assert.equal(isHostedGone({ PhysicalConnectionId: "pc", Status: "Canceled" }), true);
    assert.equal(isHostedGone({ PhysicalConnectionId: "pc", Status: "Enabled", VpconnStatus: "Confirmed" }), false);
    assert.equal(isVirtualBorderRouterGone({ VbrId: "vbr", Status: "deleting" }), true);
    assert.equal(isVirtualBorderRouterGone({ VbrId: "vbr", Status: "terminated" }), false);
  });

  it("ixapi: a service or config decommissioned or archived (decommission_requested is not gone yet)", () => {
    for (const gone of [isNetworkServiceGone, isNetworkServiceConfigGone]) {
      assert.equal(gone({ state: "decommissioned" }), true);
      assert.equal(gone({ state: "archived" }), true);
      assert.equal(gone({ state: "decommission_requested" }), false);
      assert.equal(gone({ state: "production" }), false);
      assert.equal(gone({}), false);
    }
  });
});
