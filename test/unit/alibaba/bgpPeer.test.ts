import * as assert from "node:assert/strict";
import * as bpm from "../../../provider/alibaba/bgpPeerMapping";
import { bgpPeerLifecycle } from "../../../provider/alibaba/bgpPeerLifecycle";

const peerIn = { bgpGroupId: "bgpg-1", peerIpAddress: "10.0.0.2" };
type Failure = { property: string; reason: string };
const check = (over: Record<string, unknown>) => bgpPeerLifecycle.check({}, { ...peerIn, ...over }) as { inputs: any; failures: Failure[] };

describe("alibaba.BgpPeer: check", () => {
  it("fills enableBfd false; an IPv6 address is accepted", () => {
    const ok = check({});
    assert.deepEqual(ok.failures, []);
    assert.deepEqual(ok.inputs, { ...peerIn, enableBfd: false });
    assert.deepEqual(check({ peerIpAddress: "2408:4004:cc:400::2", ipVersion: "IPv6" }).failures, []);
  });

  it("names each bad field and the rule", () => {
    const { failures } = check({ bgpGroupId: "grp-1", peerIpAddress: "10.0.0.2/30", enableBfd: "yes", extra: 1 });
    assert.deepEqual(failures.map((f) => f.property).sort(), ["bgpGroupId", "enableBfd", "extra", "peerIpAddress"]);
    assert.match(failures.find((f) => f.property === "peerIpAddress")!.reason, /IPv4 or IPv6 address such as 10.0.0.2, without a prefix length/);
    assert.match(failures.find((f) => f.property === "bgpGroupId")!.reason, /BGP group id \(bgpg-\.\.\.\)/);
  });

  it("BFD's hop count: 1 to 255, and only with enableBfd", () => {
    assert.deepEqual(check({ enableBfd: true, bfdMultiHop: 1 }).failures, []);
    assert.deepEqual(check({ enableBfd: true, bfdMultiHop: 255 }).failures, []);
    for (const bad of [0, 256, 2.5]) assert.deepEqual(check({ enableBfd: true, bfdMultiHop: bad }).failures.map((f) => f.property), ["bfdMultiHop"], String(bad));
    const without = check({ bfdMultiHop: 3 }).failures;
    assert.deepEqual(without.map((f) => f.property), ["bfdMultiHop"]);
    assert.match(without[0].reason, /only with enableBfd true/);
  });

  it("the address must be of the family ipVersion names", () => {
    const { failures } = check({ ipVersion: "IPv6" });
    assert.deepEqual(failures.map((f) => f.property), ["peerIpAddress"]);
    assert.match(failures[0].reason, /must be an IPv6 address \(ipVersion is IPv6; got 10.0.0.2\)/);
  });
});

describe("alibaba.BgpPeer: mapping", () => {
  it("CreateBgpPeer: the family from the address; the hop count only with BFD (255 unless given)", () => {
    assert.deepEqual(bpm.createParams(bpm.BgpPeerInputs.parse(peerIn)), { BgpGroupId: "bgpg-1", PeerIpAddress: "10.0.0.2", IpVersion: "IPv4", EnableBfd: false });
    assert.deepEqual(bpm.createParams(bpm.BgpPeerInputs.parse({ ...peerIn, enableBfd: true })).BfdMultiHop, 255);
    assert.deepEqual(bpm.createParams(bpm.BgpPeerInputs.parse({ bgpGroupId: "bgpg-1", peerIpAddress: "2001:db8::2", enableBfd: true, bfdMultiHop: 1 })), {
      BgpGroupId: "bgpg-1",
      PeerIpAddress: "2001:db8::2",
      IpVersion: "IPv6",
      EnableBfd: true,
      BfdMultiHop: 1,
    });
  });

  it("ModifyBgpPeerAttribute: the address and BFD as they changed", () => {
    const v = bpm.BgpPeerInputs.parse(peerIn);
    assert.equal(bpm.modifyParams(v, v), undefined);
    assert.deepEqual(bpm.modifyParams(v, { ...v, peerIpAddress: "10.0.0.6" }), { PeerIpAddress: "10.0.0.6" });
    assert.deepEqual(bpm.modifyParams(v, { ...v, enableBfd: true }), { EnableBfd: true, BfdMultiHop: 255 });
    assert.deepEqual(bpm.modifyParams({ ...v, enableBfd: true, bfdMultiHop: 1 }, { ...v, enableBfd: true }), { BfdMultiHop: 255 });
    assert.deepEqual(bpm.modifyParams({ ...v, enableBfd: true, bfdMultiHop: 1 }, v), { EnableBfd: false });
  });

  it("diff: the group and family replace; the address and BFD change in place", () => {
    const v = bpm.BgpPeerInputs.parse(peerIn);
    const outs = bpm.toOutputs({ BgpPeerId: "bgp-1", Status: "Available", BgpStatus: "Established" }, v);
    assert.equal((bgpPeerLifecycle.diff("bgp-1", outs, v) as any).changes, false);
    const d = bgpPeerLifecycle.diff("bgp-1", outs, { ...v, bgpGroupId: "bgpg-2", peerIpAddress: "10.0.0.6", enableBfd: true }) as any;
    assert.deepEqual(d.replaces, ["bgpGroupId"]);
    assert.deepEqual(d.changed.sort(), ["bgpGroupId", "enableBfd", "peerIpAddress"]);
  });

  it("outputs carry the session state and the group's ASNs, never the group's MD5 key DescribeBgpPeers also returns", () => {
    const p = { BgpPeerId: "bgp-1", BgpGroupId: "bgpg-1", RouterId: "vbr-1", PeerIpAddress: "10.0.0.2", Status: "Available", BgpStatus: "Connect", PeerAsn: 30000, LocalAsn: 45104, AuthKey: "secret-md5", EnableBfd: false };
    const outs = bpm.toOutputs(p, bpm.BgpPeerInputs.parse(peerIn));
    assert.deepEqual(outs, { ...peerIn, enableBfd: false, bgpPeerId: "bgp-1", vbrId: "vbr-1", status: "Available", bgpStatus: "Connect", peerAsn: 30000, localAsn: 45104 });
    assert.ok(!JSON.stringify(outs).includes("secret-md5"));
  });

  it("read-back: an address changed in the console shows; a hop count is read only when set; BFD off drops it", () => {
    const v = bpm.BgpPeerInputs.parse({ ...peerIn, enableBfd: true });
    const back = bpm.readBackInputs({ BgpPeerId: "bgp-1", BgpGroupId: "bgpg-1", PeerIpAddress: "10.0.0.9", EnableBfd: true, BfdMultiHop: 255, IpVersion: "IPv4" }, v);
    assert.deepEqual(back, { ...v, peerIpAddress: "10.0.0.9", ipVersion: undefined, bfdMultiHop: undefined });
    const off = bpm.readBackInputs({ BgpPeerId: "bgp-1", EnableBfd: false, BfdMultiHop: 3 }, { ...v, bfdMultiHop: 3 });
    assert.deepEqual([off.enableBfd, off.bfdMultiHop], [false, undefined]);
  });

  it("from the id alone: the inputs a program would write (255 hops is Alibaba's default)", () => {
    assert.deepEqual(bpm.bgpPeerFromVendor({ BgpPeerId: "bgp-1", BgpGroupId: "bgpg-1", PeerIpAddress: "10.0.0.2", EnableBfd: true, BfdMultiHop: 255 }), { ...peerIn, enableBfd: true });
    assert.deepEqual(bpm.bgpPeerFromVendor({ BgpPeerId: "bgp-1", BgpGroupId: "bgpg-1", PeerIpAddress: "10.0.0.2", EnableBfd: true, BfdMultiHop: 1 }).bfdMultiHop, 1);
    assert.ok(bpm.isBgpPeerGone({ BgpPeerId: "bgp-1", Status: "Deleting" }));
  });
});
