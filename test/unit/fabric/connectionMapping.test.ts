import assert from "node:assert/strict";
import { checkInputs, UNKNOWN } from "../../../provider/core/validation";
import { FabricConnection } from "../../../provider/fabric/client";
import { ALIBABA_PROFILE_UUID } from "../../../provider/fabric/serviceProfiles";
import {
  buildPostRequest,
  ConnectionInputs,
  isGone,
  patchOperations,
  provisioningVerdict,
  readBackInputs,
  reusesPortAndVlan,
  tagIssues,
  toOutputs,
} from "../../../provider/fabric/connectionMapping";

const PORT_A = "a0000000-0000-4000-8000-00000000000a";
const PORT_Z = "b0000000-0000-4000-8000-00000000000b";
const PROFILE = "c0000000-0000-4000-8000-00000000000c";

/** Valid inputs: a DOT1Q port to Alibaba in SV. */
function alibaba(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "to-alibaba",
    bandwidth: 50,
    aSide: { port: { uuid: PORT_A, type: "DOT1Q", vlanTag: 100 } },
    zSide: { serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "SV", sellerRegion: "us-west-1", authenticationKey: "5123456789012345" } },
    notifications: ["noc@example.com"],
    ...over,
  };
}

function portToPort(a: Record<string, unknown>, z: Record<string, unknown>, over: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "p2p", bandwidth: 100, aSide: { port: { uuid: PORT_A, ...a } }, zSide: { port: { uuid: PORT_Z, ...z } }, notifications: ["noc@example.com"], ...over };
}

function failures(inputs: Record<string, unknown>): Array<[string, string]> {
  return checkInputs(ConnectionInputs, inputs).failures.map((f) => [f.property, f.reason]);
}
function props(inputs: Record<string, unknown>): string[] {
  return failures(inputs).map(([p]) => p).sort();
}
function parsed(inputs: Record<string, unknown>): ConnectionInputs {
  const r = checkInputs(ConnectionInputs, inputs);
  assert.deepEqual(r.failures, []);
  return r.inputs as ConnectionInputs;
}

describe("fabric/connectionMapping: validation", () => {
  it("accepts a complete Alibaba connection and keeps __provider untouched", () => {
    const r = checkInputs(ConnectionInputs, { ...alibaba(), __provider: "PROVIDER" });
    assert.deepEqual(r.failures, []);
    assert.equal((r.inputs as Record<string, unknown>).__provider, "PROVIDER");
  });

  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["empty name", alibaba({ name: "" }), "name", /is required|at least 1/],
    ["name over 50 chars", alibaba({ name: "x".repeat(51) }), "name", /at most 50/],
    ["name with a space", alibaba({ name: "my conn" }), "name", /letters, digits/],
    ["bandwidth not sold by Fabric", alibaba({ bandwidth: 75 }), "bandwidth", /must be one of 50, 100/],
    ["Alibaba bandwidth 100", alibaba({ bandwidth: 100 }), "bandwidth", /Alibaba Cloud Express Connect sells 50, 200, 500, 1000/],
    ["Alibaba metro not served", alibaba({ zSide: { serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "AM", authenticationKey: "5123456789012345" } } }), "zSide.serviceProfile.metroCode", /offered in HK, SG, TY, DC, SV, FR, LD \(got AM\)/],
    ["metro not two letters", alibaba({ zSide: { serviceProfile: { uuid: PROFILE, metroCode: "Silicon" } } }), "zSide.serviceProfile.metroCode", /two-letter/],
    ["Alibaba without key", alibaba({ zSide: { serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "SV" } } }), "zSide.serviceProfile.authenticationKey", /is required for Alibaba/],
    ["Alibaba key not an account id", alibaba({ zSide: { serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "SV", authenticationKey: "abc-123" } } }), "zSide.serviceProfile.authenticationKey", /5 to 20 digits/],
    ["no notifications", alibaba({ notifications: [] }), "notifications", /at least one/],
    ["13 notifications", alibaba({ notifications: Array.from({ length: 13 }, (_, i) => `n${i}@example.com`) }), "notifications", /at most 12/],
    ["bad email", alibaba({ notifications: ["noc-at-example"] }), "notifications.0", /email address/],
    ["term length 6", alibaba({ termLength: 6 }), "termLength", /1, 12, 24, 36/],
    ["purchase order over 50", alibaba({ purchaseOrderNumber: "P".repeat(51) }), "purchaseOrderNumber", /at most 50/],
    ["description over 250", alibaba({ description: "d".repeat(251) }), "description", /at most 250/],
    ["SECONDARY without group", alibaba({ redundancy: { priority: "SECONDARY" } }), "redundancy.group", /primary's redundancyGroup/],
    ["PRIMARY with group", alibaba({ redundancy: { priority: "PRIMARY", group: "g" } }), "redundancy.group", /must be omitted/],
    ["bad priority", alibaba({ redundancy: { priority: "TERTIARY" } }), "redundancy.priority", /PRIMARY, SECONDARY/],
    ["two A sides", alibaba({ aSide: { port: { uuid: PORT_A, vlanTag: 5 }, serviceToken: { uuid: "t" } } }), "aSide", /exactly one of .* \(got port and serviceToken\)/],
    ["no A side", alibaba({ aSide: {} }), "aSide", /got none/],
    ["two Z sides", alibaba({ zSide: { port: { uuid: PORT_Z, vlanTag: 5 }, serviceProfile: { uuid: PROFILE, metroCode: "SV" } } }), "zSide", /got serviceProfile and port/],
    ["EVPL_VC from a cloud router", alibaba({ type: "EVPL_VC", aSide: { cloudRouter: { uuid: "r" } } }), "type", /must be IP_VC/],
    ["IP_VC from a port", alibaba({ type: "IP_VC" }), "type", /only for aSide.cloudRouter/],
    ["misspelled argument", alibaba({ bandwith: 50 }), "bandwith", /unknown argument/],
    ["misspelled nested argument", alibaba({ aSide: { port: { uuid: PORT_A, type: "DOT1Q", vlan: 100 } } }), "aSide.port.vlan", /unknown argument/],
    ["bad timeout", alibaba({ timeouts: { create: "ten minutes" } }), "timeouts.create", /duration such as/],
    ["VLAN 1", alibaba({ aSide: { port: { uuid: PORT_A, type: "DOT1Q", vlanTag: 1 } } }), "aSide.port.vlanTag", /between 2 and 4092/],
    ["VLAN 4093 (v3 allowed it, v4 does not)", alibaba({ aSide: { port: { uuid: PORT_A, type: "DOT1Q", vlanTag: 4093 } } }), "aSide.port.vlanTag", /between 2 and 4092/],
    ["VLAN not whole", alibaba({ aSide: { port: { uuid: PORT_A, type: "DOT1Q", vlanTag: 10.5 } } }), "aSide.port.vlanTag", /whole number/],
    ["DOT1Q port without vlanTag", portToPort({ type: "DOT1Q" }, { type: "DOT1Q", vlanTag: 5 }), "aSide.port.vlanTag", /required for a DOT1Q port/],
    ["DOT1Q port with vlanSTag", portToPort({ type: "DOT1Q", vlanTag: 5, vlanSTag: 6 }, { type: "DOT1Q", vlanTag: 5 }), "aSide.port.vlanTag", /not both/],
    ["DOT1Q port with vlanCTag", portToPort({ type: "DOT1Q", vlanTag: 5, vlanCTag: 6 }, { type: "DOT1Q", vlanTag: 5 }), "aSide.port.vlanCTag", /QINQ ports only/],
    ["QINQ port with vlanTag", portToPort({ type: "QINQ", vlanTag: 5 }, { type: "QINQ", vlanSTag: 5 }), "aSide.port.vlanTag", /DOT1Q ports only/],
    ["QINQ port without vlanSTag", portToPort({ type: "QINQ", vlanCTag: 5 }, { type: "QINQ", vlanSTag: 5 }), "aSide.port.vlanSTag", /required for a QINQ port/],
    ["QINQ Z port from a DOT1Q port without vlanCTag", portToPort({ type: "DOT1Q", vlanTag: 5 }, { type: "QINQ", vlanSTag: 6 }), "zSide.port.vlanCTag", /other end is a DOT1Q port/],
    ["QINQ A port to a DOT1Q port without vlanCTag", portToPort({ type: "QINQ", vlanSTag: 6 }, { type: "DOT1Q", vlanTag: 5 }), "aSide.port.vlanCTag", /other end is a DOT1Q port/],
    ["QINQ port to a profile without vlanCTag", alibaba({ aSide: { port: { uuid: PORT_A, type: "QINQ", vlanSTag: 6 } } }), "aSide.port.vlanCTag", /service profile \(single-tagged\)/],
    ["untyped port without any tag", portToPort({}, { vlanTag: 5 }), "aSide.port.vlanTag", /vlanTag for a DOT1Q port, or vlanSTag/],
    ["untyped port with only vlanCTag", portToPort({ vlanCTag: 5 }, { vlanTag: 5 }), "aSide.port.vlanSTag", /required with vlanCTag/],
  ];
  for (const [what, inputs, property, reason] of cases) {
    it(`rejects ${what} at ${property}`, () => {
      const f = failures(inputs);
      const hit = f.find(([p]) => p === property);
      assert.ok(hit, `expected a failure at ${property}, got ${JSON.stringify(f)}`);
      assert.match(hit[1], reason);
    });
  }

  it('accepts the four port-to-port tagging combinations of Equinix\'s "Connect to Myself" guide', () => {
    for (const [a, z] of [
      [{ type: "DOT1Q", vlanTag: 5 }, { type: "DOT1Q", vlanTag: 6 }],
      [{ type: "DOT1Q", vlanTag: 5 }, { type: "QINQ", vlanSTag: 6, vlanCTag: 7 }],
      [{ type: "QINQ", vlanSTag: 5, vlanCTag: 8 }, { type: "DOT1Q", vlanTag: 6 }],
      [{ type: "QINQ", vlanSTag: 5 }, { type: "QINQ", vlanSTag: 6 }],
    ]) {
      assert.deepEqual(failures(portToPort(a, z)), [], JSON.stringify([a, z]));
    }
  });

  it("checks only the shape of untyped ports (the full rule runs at create)", () => {
    assert.deepEqual(failures(portToPort({ vlanTag: 5 }, { vlanSTag: 6 })), []);
    // Once the types are known, the same tags break the rule: a QINQ Z port reached from a DOT1Q port needs vlanCTag.
    assert.deepEqual(
      tagIssues({ uuid: PORT_A, type: "DOT1Q", vlanTag: 5 }, { uuid: PORT_Z, type: "QINQ", vlanSTag: 6 }, false).map((i) => i.path.join(".")),
      ["zSide.port.vlanCTag"],
    );
  });

  it("reports every broken rule at once, each at its own field", () => {
    assert.deepEqual([...new Set(props(alibaba({ name: "", bandwidth: 100, notifications: [], termLength: 5 })))], ["bandwidth", "name", "notifications", "termLength"]);
  });

  it("during preview, an unknown value is not a failure, but a misspelled key still is", () => {
    assert.deepEqual(failures(alibaba({ bandwidth: UNKNOWN })), []);
    assert.deepEqual(failures(alibaba({ redundancy: { priority: "SECONDARY", group: UNKNOWN } })), []);
    assert.deepEqual(props(alibaba({ aSide: { port: { uuid: UNKNOWN, type: "DOT1Q", vlanTag: 100, vlanTg: 3 } } })), ["aSide.port.vlanTg"]);
  });
});

describe("fabric/connectionMapping: ConnectionPostRequest", () => {
  it("DOT1Q port to Alibaba, with order, redundancy, description", () => {
    const v = parsed(alibaba({ purchaseOrderNumber: "PO-7", termLength: 12, description: "d", redundancy: { priority: "SECONDARY", group: "grp-1" } }));
    assert.deepEqual(buildPostRequest(v, { a: "DOT1Q" }), {
      type: "EVPL_VC",
      name: "to-alibaba",
      bandwidth: 50,
      notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
      order: { purchaseOrderNumber: "PO-7", termLength: 12 },
      redundancy: { priority: "SECONDARY", group: "grp-1" },
      description: "d",
      aSide: { accessPoint: { type: "COLO", port: { uuid: PORT_A }, linkProtocol: { type: "DOT1Q", vlanTag: 100 } } },
      zSide: {
        accessPoint: {
          type: "SP",
          profile: { type: "L2_PROFILE", uuid: ALIBABA_PROFILE_UUID },
          location: { metroCode: "SV" },
          sellerRegion: "us-west-1",
          authenticationKey: "5123456789012345",
        },
      },
    });
  });

  it("omits optional blocks that were not given", () => {
    const body = buildPostRequest(parsed(portToPort({ type: "DOT1Q", vlanTag: 5 }, { type: "DOT1Q", vlanTag: 6 })), { a: "DOT1Q", z: "DOT1Q" });
    assert.deepEqual(Object.keys(body).sort(), ["aSide", "bandwidth", "name", "notifications", "type", "zSide"]);
  });

  it("port link protocols follow the looked-up types, not the inputs' shape", () => {
    const v = parsed(portToPort({ vlanSTag: 5, vlanCTag: 9 }, { vlanTag: 6 }));
    const body = buildPostRequest(v, { a: "QINQ", z: "DOT1Q" }) as any;
    assert.deepEqual(body.aSide.accessPoint.linkProtocol, { type: "QINQ", vlanSTag: 5, vlanCTag: 9 });
    assert.deepEqual(body.zSide.accessPoint.linkProtocol, { type: "DOT1Q", vlanTag: 6 });
    const qq = buildPostRequest(parsed(portToPort({ type: "QINQ", vlanSTag: 5 }, { type: "QINQ", vlanSTag: 6 })), { a: "QINQ", z: "QINQ" }) as any;
    assert.deepEqual(qq.zSide.accessPoint.linkProtocol, { type: "QINQ", vlanSTag: 6 }, "no vlanCTag key when none was given");
  });

  it("service token, cloud router and Network Edge A sides", () => {
    const z = { serviceProfile: { uuid: PROFILE, metroCode: "DC" } };
    const token = buildPostRequest(parsed({ ...alibaba(), zSide: z, aSide: { serviceToken: { uuid: "tok" } } }), {}) as any;
    assert.deepEqual(token.aSide, { serviceToken: { uuid: "tok" } });
    assert.equal(token.type, "EVPL_VC");
    assert.deepEqual(token.zSide.accessPoint, { type: "SP", profile: { type: "L2_PROFILE", uuid: PROFILE }, location: { metroCode: "DC" } });
    const fcr = buildPostRequest(parsed({ ...alibaba(), zSide: z, aSide: { cloudRouter: { uuid: "fcr" } } }), {}) as any;
    assert.deepEqual(fcr.aSide, { accessPoint: { type: "CLOUD_ROUTER", router: { uuid: "fcr" } } });
    assert.equal(fcr.type, "IP_VC", "a cloud router makes an IP virtual connection");
    const vd = buildPostRequest(parsed({ ...alibaba(), zSide: z, aSide: { virtualDevice: { uuid: "vd", interfaceId: 0 } } }), {}) as any;
    assert.deepEqual(vd.aSide, { accessPoint: { type: "VD", virtualDevice: { type: "EDGE", uuid: "vd" }, interface: { type: "NETWORK", id: 0 } } });
    const vdNext = buildPostRequest(parsed({ ...alibaba(), zSide: z, aSide: { virtualDevice: { uuid: "vd" } } }), {}) as any;
    assert.equal(vdNext.aSide.accessPoint.interface, undefined);
  });
});

/** A connection as Fabric returns it. */
function conn(over: Record<string, unknown> = {}): FabricConnection {
  return {
    uuid: "11111111-2222-4333-8444-555555555555",
    href: "https://api.equinix.com/fabric/v4/connections/11111111-2222-4333-8444-555555555555",
    type: "EVPL_VC",
    name: "to-alibaba",
    state: "PENDING",
    bandwidth: 50,
    operation: { equinixStatus: "PROVISIONED", providerStatus: "PENDING_APPROVAL", operationalStatus: "DOWN" },
    redundancy: { group: "grp-1", priority: "PRIMARY" },
    notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
    order: { purchaseOrderNumber: "", termLength: 1 },
    aSide: { accessPoint: { type: "COLO", port: { uuid: PORT_A }, linkProtocol: { type: "DOT1Q", vlanTag: 100 } } },
    zSide: {
      accessPoint: {
        type: "SP",
        profile: { uuid: ALIBABA_PROFILE_UUID, type: "L2_PROFILE" },
        location: { metroCode: "SV" },
        sellerRegion: "us-west-1",
        providerConnectionId: "pc-abc123",
        linkProtocol: { type: "DOT1Q", vlanTag: 100 },
      },
    },
    ...over,
  } as FabricConnection;
}
const op = (equinixStatus: string, providerStatus: string, state = "PROVISIONING") => conn({ state, operation: { equinixStatus, providerStatus } });

describe("fabric/connectionMapping: provisioning verdict", () => {
  it("not done while Equinix provisions; unknown values mean not yet", () => {
    assert.deepEqual(provisioningVerdict(op("PENDING_AUTO_APPROVAL", "NOT_AVAILABLE"), false), { done: false, state: "PENDING_AUTO_APPROVAL/NOT_AVAILABLE" });
    assert.deepEqual(provisioningVerdict(op("PROVISIONING", "NOT_AVAILABLE"), true), { done: false, state: "PROVISIONING/NOT_AVAILABLE" });
    assert.deepEqual(provisioningVerdict(op("SOMETHING_NEW", "WHATEVER"), true), { done: false, state: "SOMETHING_NEW/WHATEVER" });
    assert.deepEqual(provisioningVerdict(conn({ operation: undefined, state: undefined }), true), { done: false, state: "UNKNOWN/UNKNOWN" });
  });
  it("PROVISIONED/AVAILABLE or PROVISIONED is done for any Z side", () => {
    assert.deepEqual(provisioningVerdict(op("PROVISIONED", "AVAILABLE", "ACTIVE"), false), { done: true });
    assert.deepEqual(provisioningVerdict(op("PROVISIONED", "PROVISIONED", "ACTIVE"), true), { done: true });
  });
  it("PROVISIONED/PENDING_APPROVAL is done for a profile, with the action naming Alibaba's pc- id", () => {
    const v = provisioningVerdict(op("PROVISIONED", "PENDING_APPROVAL", "PENDING"), true);
    assert.ok("done" in v && v.done);
    assert.match(v.pendingAction!, /accept connection pc-abc123 in Alibaba Cloud/);
    // ... but not for a port Z side, which never waits for a provider.
    assert.deepEqual(provisioningVerdict(op("PROVISIONED", "PENDING_APPROVAL"), false), { done: false, state: "PROVISIONED/PENDING_APPROVAL" });
    assert.ok("done" in provisioningVerdict(op("PROVISIONED", "PROVISIONING"), true));
  });
  it("an Alibaba connection at PENDING_APPROVAL is not done until Equinix reports Alibaba's connection id", () => {
    const c = op("PROVISIONED", "PENDING_APPROVAL", "PENDING");
    const withoutId = { ...c, zSide: { accessPoint: { ...c.zSide!.accessPoint!, providerConnectionId: undefined } } } as FabricConnection;
    assert.deepEqual(provisioningVerdict(withoutId, true), { done: false, state: "PROVISIONED/PENDING_APPROVAL (waiting for Alibaba's connection id)" });
  });
  it("failures carry Equinix's operation errors", () => {
    const v = provisioningVerdict(conn({ state: "FAILED", operation: { equinixStatus: "REJECTED", providerStatus: "REJECTED", errors: [{ errorCode: "EQ-1", errorMessage: "rejected by provider" }] } }), true);
    assert.ok("failed" in v);
    assert.match(v.failed, /REJECTED\/REJECTED \(state FAILED\): EQ-1 rejected by provider/);
    for (const [e, p] of [["DEPROVISIONED", "NOT_AVAILABLE"], ["PROVISIONED", "FAILED"], ["AUTO_APPROVAL_FAILED", "X"], ["PENDING_PROVIDER_VLAN_ERROR", "X"]]) {
      assert.ok("failed" in provisioningVerdict(op(e, p), true), `${e}/${p}`);
    }
  });
  it("gone: DEPROVISIONED or DELETED in equinixStatus or state", () => {
    assert.equal(isGone(op("DEPROVISIONED", "NOT_AVAILABLE")), true);
    assert.equal(isGone(conn({ state: "DELETED", operation: { equinixStatus: "X" } })), true);
    assert.equal(isGone(op("DEPROVISIONING", "DEPROVISIONING")), false);
    assert.equal(isGone(op("PROVISIONED", "AVAILABLE")), false);
  });
});

describe("fabric/connectionMapping: outputs and read-back", () => {
  const inputs = parsed(alibaba({ timeouts: { create: "5s" } }));

  it("toOutputs mirrors the inputs and adds what Equinix computed", () => {
    const out = toOutputs(conn(), inputs);
    assert.equal(out.uuid, conn().uuid);
    assert.equal(out.state, "PENDING");
    assert.equal(out.equinixStatus, "PROVISIONED");
    assert.equal(out.providerStatus, "PENDING_APPROVAL");
    assert.equal(out.operationalStatus, "DOWN");
    assert.equal(out.redundancyGroup, "grp-1");
    assert.equal(out.redundancyPriority, "PRIMARY");
    assert.equal(out.providerConnectionId, "pc-abc123");
    assert.equal(out.aSidePortType, "DOT1Q");
    assert.equal(out.zSidePortType, "DOT1Q");
    assert.match(String(out.pendingAction), /pc-abc123/);
    assert.deepEqual(out.zSide, inputs.zSide, "the key Fabric never returns is kept");
    assert.deepEqual(out.timeouts, { create: "5s" });
    assert.equal(toOutputs(op("PROVISIONED", "AVAILABLE", "ACTIVE"), inputs).pendingAction, "");
  });

  it("read-back of an unchanged connection equals the inputs (no perpetual diff)", () => {
    assert.deepEqual(readBackInputs(conn(), inputs), inputs);
    const p2p = parsed(portToPort({ type: "QINQ", vlanSTag: 5, vlanCTag: 9 }, { vlanTag: 6 }, { termLength: 12, purchaseOrderNumber: "PO" }));
    const c = conn({
      name: "p2p",
      bandwidth: 100,
      order: { purchaseOrderNumber: "PO", termLength: 12 },
      aSide: { accessPoint: { type: "COLO", port: { uuid: PORT_A }, linkProtocol: { type: "QINQ", vlanSTag: 5, vlanCTag: 9 } } },
      zSide: { accessPoint: { type: "COLO", port: { uuid: PORT_Z }, linkProtocol: { type: "DOT1Q", vlanTag: 6 } } },
    });
    assert.deepEqual(readBackInputs(c, p2p), p2p);
  });

  it("read-back shows changes made outside Pulumi", () => {
    const c = conn({ name: "renamed", bandwidth: 200, notifications: [{ type: "ALL", emails: ["other@example.com"] }], aSide: { accessPoint: { port: { uuid: PORT_A }, linkProtocol: { type: "DOT1Q", vlanTag: 321 } } } });
    const back = readBackInputs(c, inputs);
    assert.equal(back.name, "renamed");
    assert.equal(back.bandwidth, 200);
    assert.deepEqual(back.notifications, ["other@example.com"]);
    assert.equal(back.aSide.port!.vlanTag, 321);
  });

  it("a PRIMARY's Equinix-assigned group stays out of the inputs; a SECONDARY's group is read back", () => {
    assert.equal(readBackInputs(conn(), inputs).redundancy, undefined);
    const sec = parsed(alibaba({ redundancy: { priority: "SECONDARY", group: "grp-1" } }));
    assert.deepEqual(readBackInputs(conn({ redundancy: { group: "grp-1", priority: "SECONDARY" } }), sec).redundancy, { priority: "SECONDARY", group: "grp-1" });
  });
});

describe("fabric/connectionMapping: JSON Patch and replacement collisions", () => {
  const old = parsed(alibaba({ termLength: 1 }));
  it("one replace operation per in-place change", () => {
    const news = parsed(alibaba({ name: "renamed", bandwidth: 200, notifications: ["a@example.com"], termLength: 12, aSide: { port: { uuid: PORT_A, type: "DOT1Q", vlanTag: 101 } } }));
    assert.deepEqual(patchOperations(old, news), [
      { op: "replace", path: "/name", value: "renamed" },
      { op: "replace", path: "/bandwidth", value: 200 },
      { op: "replace", path: "/notifications", value: [{ type: "ALL", emails: ["a@example.com"] }] },
      { op: "replace", path: "/order/termLength", value: 12 },
      { op: "replace", path: "/aSide/accessPoint/linkProtocol/vlanTag", value: 101 },
    ]);
    assert.deepEqual(patchOperations(old, old), []);
    assert.deepEqual(patchOperations(old, parsed(alibaba())), [], "removing termLength patches nothing");
  });
  it("a QINQ tag change is not patched (it replaces)", () => {
    const a = parsed(portToPort({ type: "QINQ", vlanSTag: 5 }, { type: "QINQ", vlanSTag: 6 }));
    const b = parsed(portToPort({ type: "QINQ", vlanSTag: 7 }, { type: "QINQ", vlanSTag: 6 }));
    assert.deepEqual(patchOperations(a, b), []);
  });
  it("replacing onto the same port and VLAN must delete first", () => {
    const a = parsed(portToPort({ type: "DOT1Q", vlanTag: 5 }, { type: "DOT1Q", vlanTag: 6 }));
    assert.equal(reusesPortAndVlan(a, parsed(portToPort({ type: "DOT1Q", vlanTag: 5 }, { type: "DOT1Q", vlanTag: 6 }, { description: "x" }))), true);
    assert.equal(reusesPortAndVlan(a, parsed(portToPort({ type: "DOT1Q", vlanTag: 8 }, { type: "DOT1Q", vlanTag: 9 }))), false);
    const q = parsed(portToPort({ type: "QINQ", vlanSTag: 5, vlanCTag: 7 }, { type: "DOT1Q", vlanTag: 6 }));
    assert.equal(reusesPortAndVlan(q, parsed(portToPort({ type: "QINQ", vlanSTag: 5, vlanCTag: 8 }, { type: "DOT1Q", vlanTag: 9 }))), false, "another C-tag is another VLAN");
  });
});
