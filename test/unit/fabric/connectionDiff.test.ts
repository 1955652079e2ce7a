import assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/core/validation";
import { connectionLifecycle } from "../../../provider/fabric/connectionLifecycle";
import { ALIBABA_PROFILE_UUID } from "../../../provider/fabric/serviceProfiles";
import { patchOperations } from "../../../provider/fabric/connectionMapping";

const PORT_A = "a0000000-0000-4000-8000-00000000000a";
const PORT_B = "a0000000-0000-4000-8000-00000000000b";
const PORT_Z = "b0000000-0000-4000-8000-00000000000b";

function inputs(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __provider: "PROVIDER-V1",
    name: "p2p",
    bandwidth: 100,
    aSide: { port: { uuid: PORT_A, type: "DOT1Q", vlanTag: 100 } },
    zSide: { port: { uuid: PORT_Z, type: "DOT1Q", vlanTag: 200 } },
    notifications: ["noc@example.com"],
    termLength: 1,
    ...over,
  };
}
/** Old outputs: the inputs plus computed fields. */
function outputs(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...inputs(over), uuid: "u", state: "ACTIVE", equinixStatus: "PROVISIONED", providerStatus: "AVAILABLE", redundancyGroup: "g", redundancyPriority: "PRIMARY", pendingAction: "" };
}

async function diff(olds: Record<string, unknown>, news: Record<string, unknown>) {
  return connectionLifecycle.diff("u", olds, news);
}

describe("fabric/Connection diff table", () => {
  it("no change, and a new provider version, is no change", async () => {
    const d = await diff(outputs(), inputs({ __provider: "PROVIDER-V2" }));
    assert.equal(d.changes, false);
    assert.deepEqual(d.replaces, []);
  });

  const inPlace: Array<[string, Record<string, unknown>]> = [
    ["name", { name: "renamed" }],
    ["bandwidth", { bandwidth: 1000 }],
    ["notifications", { notifications: ["a@example.com", "b@example.com"] }],
    ["termLength", { termLength: 12 }],
  ];
  for (const [key, change] of inPlace) {
    it(`${key}: updated in place`, async () => {
      const d = await diff(outputs(), inputs(change));
      assert.equal(d.changes, true);
      assert.deepEqual(d.changed, [key]);
      assert.deepEqual(d.replaces, []);
      assert.equal(d.deleteBeforeReplace, false);
    });
  }

  it("a DOT1Q A-side vlanTag change is in place", async () => {
    const d = await diff(outputs(), inputs({ aSide: { port: { uuid: PORT_A, type: "DOT1Q", vlanTag: 101 } } }));
    assert.deepEqual([d.changes, d.replaces, d.deleteBeforeReplace], [true, [], false]);
  });

  const replacing: Array<[string, Record<string, unknown>, boolean]> = [
    // [what, change, delete before replace (the new one would take the old one's port and VLAN)]
    ["another A-side port", { aSide: { port: { uuid: PORT_B, type: "DOT1Q", vlanTag: 100 } } }, true /* same Z port and VLAN */],
    ["A-side port type", { aSide: { port: { uuid: PORT_A, type: "QINQ", vlanSTag: 100 } } }, true],
    ["Z side VLAN", { zSide: { port: { uuid: PORT_Z, type: "DOT1Q", vlanTag: 201 } } }, true /* same A port and VLAN */],
    ["Z side to a profile", { zSide: { serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "SV", authenticationKey: "5123456789012345" } } }, true],
    ["purchase order", { purchaseOrderNumber: "PO-2" }, true],
    ["description", { description: "new" }, true],
    ["redundancy", { redundancy: { priority: "SECONDARY", group: "g" } }, true],
  ];
  for (const [what, change, dbr] of replacing) {
    it(`${what}: replaces${dbr ? ", deleting first" : ""}`, async () => {
      const d = await diff(outputs(), inputs(change));
      assert.equal(d.changes, true);
      assert.deepEqual(d.replaces, Object.keys(change));
      assert.equal(d.deleteBeforeReplace, dbr);
    });
  }

  it("replaces create-before-delete when neither port nor VLAN is reused", async () => {
    const d = await diff(outputs(), inputs({ aSide: { port: { uuid: PORT_A, type: "DOT1Q", vlanTag: 300 } }, zSide: { port: { uuid: PORT_Z, type: "DOT1Q", vlanTag: 301 } }, description: "x" }));
    // vlanTag on A is in place, but Z side and description force a replacement, onto new VLANs on both ports.
    assert.deepEqual(d.replaces.sort(), ["description", "zSide"]);
    assert.equal(d.deleteBeforeReplace, false);
  });

  it("a vlanTag change together with another replacing change still replaces (and only the vlanTag is not a reason)", async () => {
    const d = await diff(outputs(), inputs({ aSide: { port: { uuid: PORT_A, type: "DOT1Q", vlanTag: 101 } }, description: "x" }));
    assert.deepEqual(d.replaces, ["description"]);
    assert.equal(d.deleteBeforeReplace, true, "the Z port keeps its VLAN 200");
  });

  it("a SECONDARY is not replaced when its primary is re-created: a new group alone is an update", async () => {
    const secondary = { redundancy: { priority: "SECONDARY", group: "g-old" } };
    const d = await diff(outputs(secondary), inputs({ redundancy: { priority: "SECONDARY", group: "g-new" } }));
    assert.deepEqual([d.changes, d.replaces, d.deleteBeforeReplace], [true, [], false]);
    // and nothing is sent for it: Fabric cannot move a connection between groups
    assert.deepEqual(patchOperations({ ...inputs(secondary) } as never, inputs({ redundancy: { priority: "SECONDARY", group: "g-new" } }) as never), []);
    // ... but a new priority still replaces it.
    const p = await diff(outputs(secondary), inputs({ redundancy: { priority: "PRIMARY" } }));
    assert.deepEqual(p.replaces, ["redundancy"]);
  });

  it("timeouts never cause a change", async () => {
    const d = await diff(outputs(), inputs({ timeouts: { create: "5s" } }));
    assert.equal(d.changes, false);
  });

  it("an unknown value during preview counts as a change of its rule", async () => {
    assert.deepEqual((await diff(outputs(), inputs({ bandwidth: UNKNOWN }))).replaces, []);
    assert.equal((await diff(outputs(), inputs({ bandwidth: UNKNOWN }))).changes, true);
    assert.deepEqual((await diff(outputs(), inputs({ redundancy: { priority: "SECONDARY", group: UNKNOWN } }))).replaces, ["redundancy"]);
  });

  it("stables list the unchanged inputs", async () => {
    const d = await diff(outputs(), inputs({ name: "renamed" }));
    for (const k of ["bandwidth", "aSide", "zSide", "notifications"]) assert.ok(d.stables.includes(k), k);
    assert.ok(!d.stables.includes("name"));
  });
});
