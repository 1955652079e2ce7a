// fabric.L2Connection mapping: check rules (name, tags, the seeds' tagging tables), diff table,
// the per-leg PATCH bodies, outputs and read-back.
import { strict as assert } from "assert";
import { checkInputs, UNKNOWN } from "../../../provider/core/validation";
import { ALIBABA_PROFILE_UUID } from "../../../provider/fabric/serviceProfiles";
import { l2ConnectionLifecycle } from "../../../provider/fabric/l2ConnectionLifecycle";
import { L2ConnectionInputs, legUpdates, legVerdict, readBackInputs, tagIssues, toOutputs } from "../../../provider/fabric/l2ConnectionMapping";

const own = (over: Record<string, unknown> = {}) => ({
  name: "pair-pri",
  portUuid: "a-port",
  portType: "QINQ",
  vlanSTag: 660,
  zSidePortUuid: "z-port",
  zSidePortType: "QINQ",
  zSideVlanSTag: 719,
  speed: 500,
  notifications: ["noc@example.com"],
  ...over,
});
const ali = (over: Record<string, unknown> = {}) => ({
  name: "ali-pri",
  portUuid: "a-port",
  portType: "DOT1Q",
  vlanSTag: 774,
  profileUuid: ALIBABA_PROFILE_UUID,
  authorizationKey: "1956030",
  sellerRegion: "us-west-1",
  sellerMetroCode: "SV",
  speed: 50,
  notifications: ["noc@example.com"],
  ...over,
});
const failures = (args: Record<string, unknown>) => checkInputs(L2ConnectionInputs, args).failures;
const props = (args: Record<string, unknown>) => failures(args).map((f) => f.property).sort();

describe("fabric.L2Connection check", () => {
  it("fills speedUnit MB and accepts a valid redundant pair", () => {
    const r = checkInputs(L2ConnectionInputs, own({ secondary: { name: "pair-sec", portUuid: "a2", vlanSTag: 620, zSidePortUuid: "z2", zSideVlanSTag: 638 } }));
    assert.deepEqual(r.failures, []);
    assert.equal((r.inputs as L2ConnectionInputs).speedUnit, "MB");
  });

  it("name: at most 24 letters, digits, - and _", () => {
    assert.deepEqual(props(own({ name: "a".repeat(25) })), ["name"]);
    assert.match(failures(own({ name: "bad name!" }))[0].reason, /letters, digits/);
    assert.deepEqual(props(own({ secondary: { name: "x".repeat(30), portUuid: "a2", vlanSTag: 620, zSidePortUuid: "z2", zSideVlanSTag: 638 } })), ["secondary.name"]);
  });

  it("tags: 2..4094 (the v3 range, wider than Fabric v4's 4092)", () => {
    assert.deepEqual(props(own({ vlanSTag: 4094, zSideVlanSTag: 4093 })), []);
    assert.deepEqual(props(own({ vlanSTag: 1, zSideVlanSTag: 4095 })), ["vlanSTag", "zSideVlanSTag"]);
    assert.match(failures(own({ vlanSTag: 1 }))[0].reason, /between 2 and 4094/);
  });

  it("Equinix \"Connect to Myself\" table: Dot1Q->QinQ needs the Z-side C-tag; QinQ->Dot1Q both A-side tags; Dot1Q never a C-tag", () => {
    assert.deepEqual(props(own({ portType: "DOT1Q" })), ["zSideVlanCTag"]);
    assert.match(failures(own({ portType: "DOT1Q" }))[0].reason, /DOT1Q port connecting to a QINQ Z-side port needs the Z-side C-tag/);
    assert.deepEqual(props(own({ portType: "DOT1Q", zSideVlanCTag: 972 })), []);
    assert.deepEqual(props(own({ zSidePortType: "DOT1Q" })), ["vlanCTag"]);
    assert.match(failures(own({ zSidePortType: "DOT1Q" }))[0].reason, /QINQ port connecting to a DOT1Q Z-side port needs both the S-tag and the C-tag/);
    assert.deepEqual(props(own({ zSidePortType: "DOT1Q", vlanCTag: 3449 })), []);
    assert.deepEqual(props(own({ portType: "DOT1Q", zSidePortType: "DOT1Q", vlanCTag: 5, zSideVlanCTag: 6 })), ["vlanCTag", "zSideVlanCTag"]);
    assert.deepEqual(props(own()), [], "QinQ->QinQ: S-tags only");
  });

  it("Equinix \"Alibaba Cloud Express Connect\" table: Dot1Q port S-tag only, QinQ port S-tag and C-tag", () => {
    assert.deepEqual(props(ali()), []);
    assert.deepEqual(props(ali({ vlanCTag: 775 })), ["vlanCTag"]);
    assert.deepEqual(props(ali({ portType: "QINQ" })), ["vlanCTag"]);
    assert.match(failures(ali({ portType: "QINQ" }))[0].reason, /Alibaba/);
    assert.deepEqual(props(ali({ portType: "QINQ", vlanCTag: 775 })), []);
  });

  it("Alibaba: authorization key required, speeds 50/200/500/1000 MB, its metros; Z-side tags only with a Z-side port", () => {
    assert.deepEqual(props(ali({ authorizationKey: undefined, speed: 100, sellerMetroCode: "AM" })), ["authorizationKey", "sellerMetroCode", "speed"]);
    assert.deepEqual(props(ali({ speed: 1, speedUnit: "GB" })), []);
    assert.deepEqual(props(ali({ zSideVlanSTag: 5 })), ["zSideVlanSTag"]);
  });

  it("a connection needs a Z side; both legs go to the same kind of Z side", () => {
    assert.deepEqual(props(own({ zSidePortUuid: undefined, zSideVlanSTag: undefined, zSidePortType: undefined })), ["zSidePortUuid"]);
    assert.deepEqual(props(own({ secondary: { name: "s", portUuid: "a2", vlanSTag: 620 } })), ["secondary.zSidePortUuid"]);
    assert.deepEqual(props(own({ zSideVlanSTag: undefined })), ["zSideVlanSTag"]);
  });

  it("unknown argument names are errors; preview unknowns are accepted", () => {
    assert.deepEqual(props(own({ vlanStag: 5 })), ["vlanStag"]);
    assert.deepEqual(props(own({ portUuid: UNKNOWN, vlanSTag: UNKNOWN })), []);
  });

  it("port types not given are skipped by check and enforced with the looked-up types", () => {
    const v = L2ConnectionInputs.parse(own({ portType: undefined, zSidePortType: undefined }));
    assert.deepEqual(tagIssues(v, {}), []);
    assert.deepEqual(tagIssues(v, { primary: { a: "DOT1Q", z: "QINQ" } }).map((i) => i.path.join(".")), ["zSideVlanCTag"]);
  });
});

describe("fabric.L2Connection diff and update", () => {
  const base = L2ConnectionInputs.parse(own({ secondary: { name: "pair-sec", portUuid: "a2", vlanSTag: 620, zSidePortUuid: "z2", zSideVlanSTag: 638 } }));
  const outs = { ...base, primaryId: "p", secondaryId: "s", primaryStatus: "PROVISIONED", secondaryStatus: "PROVISIONED" };

  it("name, secondary name and speed change in place", async () => {
    const d = await l2ConnectionLifecycle.diff("p", outs, { ...base, name: "new", speed: 1, speedUnit: "GB", secondary: { ...base.secondary!, name: "new-sec" } });
    assert.deepEqual(d.replaces, []);
    assert.deepEqual(d.changed.sort(), ["name", "secondary", "speed", "speedUnit"]);
    assert.deepEqual(legUpdates(outs, { ...base, name: "new", speed: 1, speedUnit: "GB", secondary: { ...base.secondary!, name: "new-sec" } }), {
      primary: { connectionNewName: "new", speed: 1, speedUnit: "GB" },
      secondary: { connectionNewName: "new-sec", speed: 1, speedUnit: "GB" },
    });
    assert.deepEqual(legUpdates(outs, { ...base, name: "new" }), { primary: { connectionNewName: "new" } });
  });

  it("everything else replaces; onto the same port and S-tag, delete first", async () => {
    const d = await l2ConnectionLifecycle.diff("p", outs, { ...base, notifications: ["other@example.com"] });
    assert.deepEqual(d.replaces, ["notifications"]);
    assert.equal(d.deleteBeforeReplace, true);
    const d2 = await l2ConnectionLifecycle.diff("p", outs, { ...base, vlanSTag: 661, zSideVlanSTag: 720, secondary: { ...base.secondary!, vlanSTag: 621, zSideVlanSTag: 639 } });
    assert.deepEqual(d2.replaces.sort(), ["secondary", "vlanSTag", "zSideVlanSTag"]);
    assert.equal(d2.deleteBeforeReplace, false);
  });

  it("a leg deleted outside Pulumi makes the pair replaced; timeouts and __provider never diff", async () => {
    const d = await l2ConnectionLifecycle.diff("p", { ...outs, secondaryStatus: "DEPROVISIONED" }, { ...base, __provider: "x", timeouts: { create: "1h" } });
    assert.deepEqual(d.replaces, ["secondaryStatus"]);
    assert.equal(d.deleteBeforeReplace, true);
    const same = await l2ConnectionLifecycle.diff("p", { ...outs, __provider: "y" }, { ...base, __provider: "x" });
    assert.equal(same.changes, false);
  });
});

describe("fabric.L2Connection outputs", () => {
  const v = L2ConnectionInputs.parse(own({ secondary: { name: "pair-sec", portUuid: "a2", vlanSTag: 620, zSidePortUuid: "z2", zSideVlanSTag: 638 } }));
  const leg = (o: Record<string, unknown>) => ({ uuid: "p", status: "PROVISIONED", providerStatus: "AVAILABLE", redundancyGroup: "g", asideEncapsulation: "qinq", zsideEncapsulation: "qinq", ...o });

  it("ids, statuses per leg, group; a leg gone shows NOT_FOUND", () => {
    const o = toOutputs({ primaryId: "p", secondaryId: "s" }, leg({}), undefined, v, {});
    assert.equal(o.primaryId, "p");
    assert.equal(o.secondaryId, "s");
    assert.deepEqual([o.primaryStatus, o.primaryProviderStatus, o.secondaryStatus, o.secondaryProviderStatus], ["PROVISIONED", "AVAILABLE", "NOT_FOUND", "NOT_FOUND"]);
    assert.equal(o.redundancyGroup, "g");
    assert.deepEqual(o.resolvedPortTypes, { primary: { a: "QINQ", z: "QINQ" }, secondary: { a: "", z: "" } });
  });

  it("provider connection id per leg: the v3 vendorToken, \"\" until reported and without a secondary", () => {
    const a = L2ConnectionInputs.parse(ali({ secondary: { name: "ali-sec", portUuid: "a2", portType: "DOT1Q", vlanSTag: 775 } }));
    const o = toOutputs({ primaryId: "p", secondaryId: "s" }, leg({ vendorToken: "pc-pri" }), leg({ uuid: "s" }), a, {});
    assert.deepEqual([o.primaryProviderConnectionId, o.secondaryProviderConnectionId], ["pc-pri", ""]);
    const both = toOutputs({ primaryId: "p", secondaryId: "s" }, leg({ vendorToken: "pc-pri" }), leg({ uuid: "s", vendorToken: "pc-sec" }), a, {});
    assert.deepEqual([both.primaryProviderConnectionId, both.secondaryProviderConnectionId], ["pc-pri", "pc-sec"]);
    const single = toOutputs({ primaryId: "p" }, leg({ vendorToken: "pc-pri" }), undefined, L2ConnectionInputs.parse(ali()), {});
    assert.deepEqual([single.primaryProviderConnectionId, single.secondaryProviderConnectionId], ["pc-pri", ""]);
  });

  it("create wait: an Alibaba leg at PROVISIONED/PENDING_APPROVAL is done only once it has its provider connection id", () => {
    const pending = { uuid: "p", status: "PROVISIONED", providerStatus: "PENDING_APPROVAL", sellerServiceUUID: ALIBABA_PROFILE_UUID };
    const waiting = legVerdict(pending, true);
    assert.ok("done" in waiting && !waiting.done, JSON.stringify(waiting));
    assert.match(String((waiting as { state?: string }).state), /Alibaba's connection id/);
    const ready = legVerdict({ ...pending, vendorToken: "pc-123" }, true);
    assert.ok("done" in ready && ready.done, JSON.stringify(ready));
    assert.match(String((ready as { pendingAction?: string }).pendingAction), /pc-123/);
    // Another provider's profile does not wait for an id; neither does a leg already accepted.
    const other = legVerdict({ ...pending, sellerServiceUUID: "another-profile" }, true);
    assert.ok("done" in other && other.done);
    const accepted = legVerdict({ ...pending, providerStatus: "PROVISIONED" }, true);
    assert.ok("done" in accepted && accepted.done);
  });

  it("read-back: a rename and a speed change made outside Pulumi show in the inputs", () => {
    const r = readBackInputs(leg({ name: "renamed", speed: 1, speedUnit: "GB", vlanSTag: "660" }) as any, leg({ uuid: "s", name: "pair-sec" }) as any, v);
    assert.equal(r.name, "renamed");
    assert.deepEqual([r.speed, r.speedUnit], [1, "GB"]);
    assert.equal(r.vlanSTag, "660", "the client schema turns numeric strings into numbers; this raw value passes through");
  });
});
