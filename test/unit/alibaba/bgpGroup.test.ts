import * as assert from "node:assert/strict";
import * as bgm from "../../../provider/alibaba/bgpGroupMapping";
import { bgpGroupLifecycle } from "../../../provider/alibaba/bgpGroupLifecycle";
import { UNKNOWN } from "../../../provider/core/validation";

const groupIn = { vbrId: "vbr-1", peerAsn: 65010 };
type Failure = { property: string; reason: string };
const check = (over: Record<string, unknown>) => bgpGroupLifecycle.check({}, { ...groupIn, ...over }) as { inputs: any; failures: Failure[] };
const reasonOf = (failures: Failure[], property: string) => failures.find((f) => f.property === property)?.reason;

describe("alibaba.BgpGroup: check", () => {
  it("fills the defaults: IPv4; nothing else Alibaba defaults is written into the inputs", () => {
    const ok = check({});
    assert.deepEqual(ok.failures, []);
    assert.deepEqual(ok.inputs, { vbrId: "vbr-1", peerAsn: 65010, ipVersion: "IPv4" });
  });

  it("names each bad field, the value's problem and the rule, all at once", () => {
    const { failures } = check({ vbrId: "vbr1x", peerAsn: 0, localAsn: 65025, ipVersion: "v6", routeQuota: 0, name: "1x", description: "http://x", colour: "red" });
    assert.deepEqual(failures.map((f) => f.property).sort(), ["colour", "description", "ipVersion", "localAsn", "name", "peerAsn", "routeQuota", "vbrId"]);
    assert.match(reasonOf(failures, "vbrId")!, /VBR id \(vbr-\.\.\.\)/);
    assert.match(reasonOf(failures, "peerAsn")!, /ASN from 1 to 4294967294/);
    assert.match(reasonOf(failures, "localAsn")!, /45104, 64512 to 65534 \(not 65025, which Alibaba reserves\) or 4200000000 to 4294967294/);
    assert.match(reasonOf(failures, "ipVersion")!, /IPv4, IPv6/);
    assert.match(reasonOf(failures, "routeQuota")!, /at least 1 route/);
    assert.match(reasonOf(failures, "colour")!, /unknown argument/);
  });

  it("localAsn: Alibaba's three ranges; the far end's ASN must differ from Alibaba's side", () => {
    for (const ok of [45104, 64512, 65534, 4200000000, 4294967294]) assert.deepEqual(check({ localAsn: ok }).failures, [], String(ok));
    for (const bad of [1, 64511, 65025, 65535, 4199999999, 4294967295]) assert.deepEqual(check({ localAsn: bad }).failures.map((f) => f.property), ["localAsn"], String(bad));
    assert.match(reasonOf(check({ peerAsn: 45104 }).failures, "peerAsn")!, /must differ from Alibaba's ASN 45104/);
    assert.match(reasonOf(check({ peerAsn: 64600, localAsn: 64600 }).failures, "peerAsn")!, /must differ from localAsn 64600/);
    assert.deepEqual(check({ peerAsn: 64600, localAsn: 64600, isFakeAsn: true }).failures, []);
  });

  it("authKey: 1 to 80 printable characters without spaces; a failure never shows the key", () => {
    assert.deepEqual(check({ authKey: "x".repeat(80) }).failures, []);
    for (const bad of ["", "x".repeat(81), "with space-secret", "tab\tsecret", "ключ-secret"]) {
      const { failures } = check({ authKey: bad });
      assert.deepEqual(failures.map((f) => f.property), ["authKey"], JSON.stringify(bad));
      if (bad.length > 3) assert.ok(!JSON.stringify(failures).includes(bad), `the reason must not echo ${JSON.stringify(bad)}`);
    }
    assert.match(reasonOf(check({ authKey: "with space" }).failures, "authKey")!, /printable ASCII characters, without spaces/);
  });

  it("a preview's unknown values are not failures", () => {
    assert.deepEqual(check({ vbrId: UNKNOWN, authKey: UNKNOWN }).failures, []);
  });
});

describe("alibaba.BgpGroup: mapping", () => {
  const v = bgm.BgpGroupInputs.parse({ ...groupIn, localAsn: 64512, authKey: "k1", name: "grp" });

  it("CreateBgpGroup takes the VBR as RouterId and only the arguments given", () => {
    assert.deepEqual(bgm.createParams(v), { RouterId: "vbr-1", IpVersion: "IPv4", PeerAsn: 65010, LocalAsn: 64512, AuthKey: "k1", Name: "grp" });
    assert.deepEqual(bgm.createParams(bgm.BgpGroupInputs.parse(groupIn)), { RouterId: "vbr-1", IpVersion: "IPv4", PeerAsn: 65010 });
  });

  it("ModifyBgpGroupAttribute: what changed; a removed key is cleared, a removed ASN or name goes back to Alibaba's default", () => {
    assert.equal(bgm.modifyParams(v, v), undefined);
    assert.deepEqual(bgm.modifyParams(v, { ...v, authKey: "k2", peerAsn: 65020 }), { PeerAsn: 65020, AuthKey: "k2" });
    assert.deepEqual(bgm.modifyParams(v, { ...v, authKey: undefined, localAsn: undefined, name: undefined }), { LocalAsn: 45104, ClearAuthKey: true, Name: "" });
    assert.deepEqual(bgm.modifyParams({ ...v, isFakeAsn: true, routeQuota: 50 }, v), { IsFakeAsn: false, RouteQuota: 110 });
  });

  it("diff: the VBR and the family replace, the key and ASNs change in place, timeouts are ignored", () => {
    const outs = bgm.toOutputs({ BgpGroupId: "bgpg-1", Status: "Available", LocalAsn: 64512 }, v);
    const d1 = bgpGroupLifecycle.diff("bgpg-1", outs, { ...v, timeouts: { create: "1h" } }) as any;
    assert.equal(d1.changes, false);
    const d2 = bgpGroupLifecycle.diff("bgpg-1", outs, { ...v, vbrId: "vbr-2", ipVersion: "IPv6", authKey: "k2", peerAsn: 65011 }) as any;
    assert.deepEqual(d2.replaces.sort(), ["ipVersion", "vbrId"]);
    assert.deepEqual(d2.changed.sort(), ["authKey", "ipVersion", "peerAsn", "vbrId"]);
  });

  it("read-back: Alibaba's defaults read as unset; a key or ASN changed in the console is a change (it breaks the session)", () => {
    const plain = bgm.BgpGroupInputs.parse(groupIn);
    const same = bgm.readBackInputs({ BgpGroupId: "bgpg-1", RouterId: "vbr-1", PeerAsn: 65010, LocalAsn: 45104, AuthKey: "", IsFake: false, RouteLimit: 110, IpVersion: "IPv4", Name: "console-name" }, plain);
    assert.deepEqual(JSON.parse(JSON.stringify(same)), plain, "defaults and a name the program never set read as unset");
    assert.equal((bgpGroupLifecycle.diff("bgpg-1", { ...same }, plain) as any).changes, false);
    const drifted = bgm.readBackInputs({ BgpGroupId: "bgpg-1", RouterId: "vbr-1", PeerAsn: 65011, LocalAsn: 64512, AuthKey: "added-in-console", IsFake: false, RouteLimit: 110, IpVersion: "IPv4" }, plain);
    assert.deepEqual([drifted.peerAsn, drifted.localAsn, drifted.authKey], [65011, 64512, "added-in-console"]);
    const d = bgpGroupLifecycle.diff("bgpg-1", { ...drifted }, plain) as any;
    assert.deepEqual(d.changed.sort(), ["authKey", "localAsn", "peerAsn"]);
    assert.deepEqual(bgm.modifyParams(drifted, plain), { PeerAsn: 65010, LocalAsn: 45104, ClearAuthKey: true });
  });

  it("outputs: the inputs, the id, the ASN in force, status and timers", () => {
    const outs = bgm.toOutputs({ BgpGroupId: "bgpg-1", Status: "Available", LocalAsn: 45104, Hold: "30", Keepalive: "10" }, bgm.BgpGroupInputs.parse(groupIn));
    assert.deepEqual(outs, { vbrId: "vbr-1", peerAsn: 65010, ipVersion: "IPv4", bgpGroupId: "bgpg-1", effectiveLocalAsn: 45104, status: "Available", hold: "30", keepalive: "10" });
  });

  it("from the id alone: the inputs a program would write", () => {
    const v2 = bgm.bgpGroupFromVendor({ BgpGroupId: "bgpg-1", RouterId: "vbr-9", PeerAsn: 30000, LocalAsn: 45104, AuthKey: "k", IsFake: false, RouteLimit: 110, IpVersion: "IPv4", Name: "g1", Description: "" });
    assert.deepEqual(v2, { vbrId: "vbr-9", peerAsn: 30000, ipVersion: "IPv4", authKey: "k", name: "g1" });
    assert.deepEqual((bgpGroupLifecycle.check({}, v2) as { failures: unknown[] }).failures, []);
  });

  it("a group being deleted is gone", () => {
    assert.ok(bgm.isBgpGroupGone({ BgpGroupId: "g", Status: "Deleting" }));
    assert.ok(!bgm.isBgpGroupGone({ BgpGroupId: "g", Status: "Modifying" }));
  });
});
