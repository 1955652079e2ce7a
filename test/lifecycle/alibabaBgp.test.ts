// alibaba.BgpGroup and alibaba.BgpPeer driven through the SDK's real dynamic-provider plugin (dist/ code:
// run `npm run build` first) against the sandbox, on a VBR of a hosted connection: check, create, update
// in place, refresh drift, faults, adoption, the MD5 key kept secret, and the delete order Alibaba requires.
import { strict as assert } from "assert";
import * as fs from "fs";
import type { Sandbox } from "../../sandbox";
import { BgpGroup } from "../../provider/alibaba/bgpGroup";
import { kindSpecOf } from "../../provider/core/resourceClass";
import { CheckFailed, Engine, makeUrn, type DesiredResource } from "../harness/engine";
import { InitFailure, PluginHost } from "../harness/plugin";
import { secret, type Props } from "../harness/wire";
import { FAST_ALIBABA } from "../unit/alibaba/helpers";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const KIND = { hc: "alibaba:HostedConnection", vbr: "alibaba:VirtualBorderRouter", group: "alibaba:BgpGroup", peer: "alibaba:BgpPeer" };
const T = Object.fromEntries(Object.entries(KIND).map(([k, v]) => [k, `pulumi-nodejs:dynamic/${v}`])) as Record<keyof typeof KIND, string>;
/** What the class asks the engine to encrypt (its `secretOutputs`), as the SDK passes it on. */
const GROUP_SECRET_OUTPUTS = [...(kindSpecOf(BgpGroup)!.secretOutputs ?? [])];
const FAST_BGP = { bgpProvision: 20, bgpUpdate: 20, bgpDelete: 20, bgpEstablish: 40 };
const KEY = "md5-Pa55word!";

describe("alibaba BGP groups and peers through the plugin", function () {
  this.timeout(90_000);
  let sb: Sandbox;
  let host: PluginHost;
  let engine: Engine;
  let session: LifecycleSession;

  const desired = (type: keyof typeof KIND, name: string, inputs: Props, extra: Partial<DesiredResource> = {}): DesiredResource => ({
    urn: makeUrn(T[type], name, "interconnect-tests"),
    type: T[type],
    name,
    inputs: { __provider: session.providerText(KIND[type]), ...inputs },
    ...(type === "group" ? { additionalSecretOutputs: GROUP_SECRET_OUTPUTS } : {}),
    ...extra,
  });
  const inv = () => sb.admin.inventory().alibaba as Record<string, any[]>;
  const urn = (type: keyof typeof KIND, name: string) => makeUrn(T[type], name, "interconnect-tests");
  const actions = (from = 0) => sb.admin.requests().slice(from).map((q) => q.action);
  /** The inputs a refresh found changed, beside the account and region the scope records on the first read (core/scope.ts). */
  const changedOf = (report: Awaited<ReturnType<Engine["refresh"]>>, id: string) => report.find((x) => x.id === id)!.changedInputs.filter((k) => k !== "region" && k !== "credentials");

  before(async () => {
    session = await lifecycleSession(Object.values(KIND), {
      prefix: "alibaba-bgp-lifecycle-",
      sandboxOptions: { port: 0, delays: { alibaba: { ...FAST_ALIBABA, ...FAST_BGP } } },
      credentials: ["alibaba"],
      // Progress lines on: the test reads them for the MD5 key too.
      env: { INTERCONNECT_POLL_INTERVAL_MS: "20", INTERCONNECT_QUIET: "" },
    });
    ({ sb, host, engine } = session);
  });
  after(() => session?.close());
  afterEach(() => {
    sb.admin.clearFaults();
    sb.admin.alibaba.resetRules();
  });

  /** A hosted connection accepted through the plugin and a VBR on it (10.<n>.0.1 Alibaba's, 10.<n>.0.2 the far end's). */
  async function vbrOnHosted(n: number): Promise<{ hcUrn: string; vbr: { urn: string; id: string } }> {
    const hostedId = sb.admin.alibaba.createHostedConnection({ vlan: 1000 + n, bandwidth: 200, name: `from-equinix-${n}` });
    const h = await engine.register(desired("hc", `hosted-${n}`, { physicalConnectionId: hostedId }));
    const v = await engine.register(
      desired("vbr", `vbr-${n}`, { physicalConnectionId: hostedId, vlanId: 1000 + n, localGatewayIp: `10.${n}.0.1`, peerGatewayIp: `10.${n}.0.2`, peeringSubnetMask: "255.255.255.252" }, { dependencies: [h.urn] }),
    );
    return { hcUrn: h.urn, vbr: { urn: v.urn, id: v.id } };
  }
  const groupInputs = (vbrId: string, over: Props = {}): Props => ({ vbrId, peerAsn: 65010, authKey: KEY, name: "bgp-primary", ...over });
  const deps = (...urns: string[]) => ({ dependencies: urns });

  let main: { hcUrn: string; vbr: { urn: string; id: string } };
  let groupId = "";
  let peerId = "";

  it("check names each bad field and the rule before any request", async () => {
    const n = sb.admin.requests().length;
    await assert.rejects(engine.register(desired("group", "bad-group", { vbrId: "vbr-x", peerAsn: 45104, localAsn: 65025, authKey: "has space", ipVersion: "IPv5" })), (e: unknown) => {
      assert.ok(e instanceof CheckFailed);
      assert.deepEqual(e.failures.map((f) => f.property).sort(), ["authKey", "ipVersion", "localAsn"]);
      assert.match(e.failures.find((f) => f.property === "localAsn")!.reason, /not 65025, which Alibaba reserves/);
      assert.ok(!JSON.stringify(e.failures).includes("has space"), "the key is not echoed");
      return true;
    });
    await assert.rejects(engine.register(desired("peer", "bad-peer", { bgpGroupId: "bgpg-x", peerIpAddress: "10.0.0.2/30", bfdMultiHop: 300 })), (e: unknown) => {
      assert.ok(e instanceof CheckFailed);
      assert.deepEqual([...new Set(e.failures.map((f) => f.property))].sort(), ["bfdMultiHop", "peerIpAddress"]);
      assert.match(e.failures.find((f) => f.property === "peerIpAddress")!.reason, /without a prefix length/);
      assert.deepEqual(e.failures.filter((f) => f.property === "bfdMultiHop").map((f) => f.reason).sort(), ["applies only with enableBfd true (it is BFD's hop count)", "must be 1 to 255 hops"]);
      return true;
    });
    assert.equal(sb.admin.requests().length, n, "nothing reached Alibaba");
  });

  it("create: the group waits until Available (its key a secret in the state); the peer until Available, with the session's state", async () => {
    main = await vbrOnHosted(41);
    // A group on a VBR that does not exist: refused before any write, naming the argument.
    const before = sb.admin.requests().length;
    await assert.rejects(engine.register(desired("group", "orphan", groupInputs("vbr-doesnotexist"))), /vbrId: VBR vbr-doesnotexist does not exist or is not visible/);
    assert.ok(!actions(before).includes("CreateBgpGroup"));

    const g = await engine.register(desired("group", "group", groupInputs(main.vbr.id), deps(main.vbr.urn)));
    groupId = g.id;
    assert.match(g.id, /^bgpg-/);
    assert.deepEqual([g.outputs.status, g.outputs.effectiveLocalAsn, g.outputs.peerAsn, g.outputs.bgpGroupId, g.outputs.hold], ["Available", 45104, 65010, g.id, "30"]);
    assert.ok(g.secretKeys.includes("authKey"), `secret keys: ${g.secretKeys.join(", ")}`);
    assert.equal(sb.admin.alibaba.bgpGroup(g.id)!.AuthKey, KEY);

    const p = await engine.register(desired("peer", "peer", { bgpGroupId: g.id, peerIpAddress: "10.41.0.2" }, deps(g.urn)));
    peerId = p.id;
    assert.match(p.id, /^bgp-/);
    assert.deepEqual([p.outputs.status, p.outputs.vbrId, p.outputs.peerAsn, p.outputs.localAsn, p.outputs.enableBfd], ["Available", main.vbr.id, 65010, 45104, false]);
    // Nothing at the far end yet (a hosted connection no partner made): the session is not up, and says so in the sandbox.
    assert.equal(p.outputs.bgpStatus, "Active");
    assert.match(sb.admin.alibaba.bgpSession(p.id)!.reason!, /nothing answers at 10.41.0.2/);
    assert.ok(!JSON.stringify(p.outputs).includes(KEY), "the peer never carries the group's key");

    // The far end comes up: refresh reports the session, and no input changed.
    sb.admin.alibaba.setCustomerRouter(main.vbr.id, { ip: "10.41.0.2", asn: 65010, md5Key: KEY });
    sb.admin.clock.advance(FAST_BGP.bgpEstablish);
    const report = await engine.refresh();
    assert.deepEqual(changedOf(report, p.id), []);
    assert.deepEqual(changedOf(report, g.id), []);
    assert.equal(engine.get(p.urn)!.outputs.bgpStatus, "Established");
    await engine.register(desired("peer", "peer", { bgpGroupId: g.id, peerIpAddress: "10.41.0.2" }, deps(g.urn)));
    assert.equal(engine.steps.at(-1)!.op, "same");
  });

  it("update in place: the group's key and ASN, the peer's BFD; the peer's address; nothing replaced", async () => {
    const g = await engine.register(desired("group", "group", groupInputs(main.vbr.id, { authKey: secret("md5-Rotated!"), peerAsn: 65011, routeQuota: 50 }), deps(main.vbr.urn)));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(g.id, groupId);
    const seen = sb.admin.alibaba.bgpGroup(groupId)!;
    assert.deepEqual([seen.AuthKey, seen.PeerAsn, seen.RouteLimit, seen.Status], ["md5-Rotated!", "65011", "50", "Available"]);
    const p = await engine.register(desired("peer", "peer", { bgpGroupId: groupId, peerIpAddress: "10.41.0.2", enableBfd: true, bfdMultiHop: 1 }, deps(g.urn)));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(p.id, peerId);
    assert.deepEqual([sb.admin.alibaba.bgpPeer(peerId)!.EnableBfd, sb.admin.alibaba.bgpPeer(peerId)!.BfdMultiHop], [true, 1]);
    // The router's side follows; back to the program's first values.
    await engine.register(desired("group", "group", groupInputs(main.vbr.id), deps(main.vbr.urn)));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.deepEqual([sb.admin.alibaba.bgpGroup(groupId)!.AuthKey, sb.admin.alibaba.bgpGroup(groupId)!.PeerAsn, sb.admin.alibaba.bgpGroup(groupId)!.RouteLimit], [KEY, "65010", "110"]);
    await engine.register(desired("peer", "peer", { bgpGroupId: groupId, peerIpAddress: "10.41.0.2" }, deps(urn("group", "group"))));
    assert.equal(sb.admin.alibaba.bgpPeer(peerId)!.EnableBfd, false);
  });

  it("in the state, the key is only ever in the group's secret fields (inputs and outputs), never in the peer's", () => {
    const state = JSON.parse(fs.readFileSync(`${session.dir}/state.json`, "utf8")) as { resources: Array<{ type: string; inputs: Props; outputs: Props; secretKeys: string[] }> };
    let seen = 0;
    for (const r of state.resources) {
      for (const [k, v] of [...Object.entries(r.inputs), ...Object.entries(r.outputs)]) {
        if (!JSON.stringify(v ?? null).includes(KEY)) continue;
        seen++;
        assert.equal(r.type, T.group, `only the group holds the key (found in ${r.type}.${k})`);
        assert.ok(r.secretKeys.includes(k), `${r.type}.${k} holds the key but is not secret`);
      }
    }
    assert.ok(seen >= 2, "the group's input and output were looked at");
  });

  it("refresh shows a key changed in the Alibaba console (the session breaks); the next up repairs both", async () => {
    sb.admin.alibaba.updateBgpGroup(groupId, { authKey: "changed-in-console" });
    assert.equal(sb.admin.alibaba.bgpPeer(peerId)!.BgpStatus, "Connect");
    assert.match(sb.admin.alibaba.bgpSession(peerId)!.reason!, /MD5 keys .* differ/);
    sb.admin.alibaba.updateBgpPeer(peerId, { peerIpAddress: "10.41.0.3" });
    const report = await engine.refresh();
    assert.deepEqual(changedOf(report, groupId), ["authKey"]);
    assert.deepEqual(changedOf(report, peerId), ["peerIpAddress"]);
    assert.ok(engine.get(urn("group", "group"))!.secretKeys.includes("authKey"), "still secret after the read");
    await engine.register(desired("group", "group", groupInputs(main.vbr.id), deps(main.vbr.urn)));
    assert.equal(engine.steps.at(-1)!.op, "update");
    await engine.register(desired("peer", "peer", { bgpGroupId: groupId, peerIpAddress: "10.41.0.2" }, deps(urn("group", "group"))));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(sb.admin.alibaba.bgpGroup(groupId)!.AuthKey, KEY);
    sb.admin.clock.advance(FAST_BGP.bgpUpdate + FAST_BGP.bgpEstablish);
    assert.equal(sb.admin.alibaba.bgpPeer(peerId)!.BgpStatus, "Established");
    // A group deleted in the console: refresh drops it and its peer.
    const other = await vbrOnHosted(42);
    const g2 = await engine.register(desired("group", "doomed", groupInputs(other.vbr.id, { name: undefined }), deps(other.vbr.urn)));
    const p2 = await engine.register(desired("peer", "doomed-peer", { bgpGroupId: g2.id, peerIpAddress: "10.42.0.2" }, deps(g2.urn)));
    sb.admin.alibaba.deleteBgpGroup(g2.id);
    const dropped = await engine.refresh();
    assert.deepEqual([dropped.find((x) => x.id === g2.id)!.dropped, dropped.find((x) => x.id === p2.id)!.dropped], [true, true]);
  });

  it("faults: a lost create answer makes no duplicate; throttling, 5xx and a dropped connection are retried", async () => {
    const { vbr } = await vbrOnHosted(43);
    sb.admin.injectFault({ api: "alibaba", action: "CreateBgpGroup", times: 1, fault: { kind: "loseResponse" } });
    sb.admin.injectFault({ api: "alibaba", action: "DescribeBgpGroups", times: 2, fault: { kind: "status", status: 503 } });
    const g = await engine.register(desired("group", "lossy", groupInputs(vbr.id, { name: "lossy" }), deps(vbr.urn)));
    assert.deepEqual(inv().bgpGroups.filter((x) => x.RouterId === vbr.id).map((x) => x.BgpGroupId), [g.id], "one group, the one recorded");
    sb.admin.injectFault({ api: "alibaba", action: "CreateBgpPeer", times: 1, fault: { kind: "status", status: 429, retryAfterSeconds: 0 } });
    sb.admin.injectFault({ api: "alibaba", action: "CreateBgpPeer", times: 1, fault: { kind: "loseResponse" } });
    sb.admin.injectFault({ api: "alibaba", action: "DescribeBgpPeers", times: 1, fault: { kind: "drop" } });
    const p = await engine.register(desired("peer", "lossy-peer", { bgpGroupId: g.id, peerIpAddress: "10.43.0.2" }, deps(g.urn)));
    assert.deepEqual(inv().bgpPeers.filter((x) => x.BgpGroupId === g.id).map((x) => x.BgpPeerId), [p.id], "one peer");
    sb.admin.injectFault({ api: "alibaba", action: "ModifyBgpGroupAttribute", times: 1, fault: { kind: "status", status: 500 } });
    await engine.register(desired("group", "lossy", groupInputs(vbr.id, { name: "lossy", peerAsn: 65020 }), deps(vbr.urn)));
    assert.equal(sb.admin.alibaba.bgpGroup(g.id)!.PeerAsn, "65020");
    const faults = sb.admin.requests().filter((q) => q.fault).map((q) => `${q.action}:${q.fault}`);
    for (const f of ["CreateBgpGroup:loseResponse", "CreateBgpPeer:loseResponse", "DescribeBgpPeers:drop", "ModifyBgpGroupAttribute:status"]) assert.ok(faults.includes(f), `${f} in ${faults.join(", ")}`);
  });

  it("a wait that runs out is a partial failure with the id; its message never carries the key", async () => {
    const { vbr } = await vbrOnHosted(44);
    sb.admin.injectFault({ api: "alibaba", action: "DescribeBgpGroups", fault: { kind: "status", status: 503 } });
    const d = desired("group", "stuck", groupInputs(vbr.id, { name: "stuck", timeouts: { create: "2s" } }), deps(vbr.urn));
    let id = "";
    await assert.rejects(engine.register(d), (e: unknown) => {
      assert.ok(e instanceof InitFailure);
      assert.match(e.id, /^bgpg-/);
      assert.ok(!`${e.message} ${e.reasons.join(" ")}`.includes(KEY), "no key in the error");
      id = e.id;
      return true;
    });
    assert.equal(engine.get(d.urn)!.id, id, "the engine keeps the group");
    sb.admin.clearFaults();
    const r = await engine.register(desired("group", "stuck", groupInputs(vbr.id, { name: "stuck" }), deps(vbr.urn)));
    assert.deepEqual([r.id, r.outputs.status], [id, "Available"]);
  });

  it("adoption: a matching group and peer are adopted; a different key is named without its value", async () => {
    const { vbr } = await vbrOnHosted(45);
    // Made in the console: the world's own calls, as the API would make them.
    const ali = sb.world.alibaba;
    const existing = ali.bgp.createGroup(ali.tenant.accountId, sb.alibaba.region, { RouterId: vbr.id, PeerAsn: "65010", AuthKey: KEY, Name: "made-in-console" });
    sb.admin.clock.advance(FAST_BGP.bgpProvision);
    await assert.rejects(engine.register(desired("group", "adopt-bad", { ...groupInputs(vbr.id, { name: "made-in-console", authKey: "another-key" }), adoptId: existing.id })), (e: Error) => {
      assert.match(e.message, /authKey: the program's value and the object's differ \(a secret: values not shown\)/);
      assert.ok(!e.message.includes(KEY) && !e.message.includes("another-key"));
      return true;
    });
    const a = await engine.register(desired("group", "adopted", { ...groupInputs(vbr.id, { name: "made-in-console" }), adoptId: existing.id }, deps(vbr.urn)));
    assert.equal(a.id, existing.id);
    const peer = ali.bgp.createPeer(ali.tenant.accountId, { BgpGroupId: existing.id, PeerIpAddress: "10.45.0.2" });
    sb.admin.clock.advance(FAST_BGP.bgpProvision);
    const ap = await engine.register(desired("peer", "adopted-peer", { bgpGroupId: existing.id, peerIpAddress: "10.45.0.2", adoptId: peer.id }, deps(a.urn)));
    assert.equal(ap.id, peer.id);
    // From the id alone (the class's get): the inputs a program would write.
    const read = await host.read(urn("peer", "by-id"), peer.id, { __provider: session.providerText(KIND.peer) }, {});
    assert.deepEqual(read.inputs && { bgpGroupId: read.inputs.bgpGroupId, peerIpAddress: read.inputs.peerIpAddress, enableBfd: read.inputs.enableBfd }, { bgpGroupId: existing.id, peerIpAddress: "10.45.0.2", enableBfd: false });
  });

  it("a VBR with a BGP group is not deleted: the refusal names the group at once (no blind retry); destroy orders peers, groups, then VBRs", async () => {
    const vbr = engine.get(main.vbr.urn)!;
    const started = Date.now();
    const from = sb.admin.requests().length;
    // The VBR's delete alone, with a long budget, as a program without the dependency would send it.
    await assert.rejects(host.delete(vbr.urn, vbr.id, { ...vbr.outputs, timeouts: { delete: "10m" } }), (e: Error) => {
      assert.match(e.message, new RegExp(`VBR ${vbr.id} still has BGP groups ${groupId} \\(bgp-primary\\)`));
      assert.match(e.message, /alibaba\.BgpGroup with this VBR's vbrId output as its vbrId/);
      return true;
    });
    assert.ok(Date.now() - started < 10_000, "refused at once, not after the delete timeout");
    // Alibaba's refusal was answered once, then the groups were looked at: no retry of the refusal.
    assert.deepEqual(
      actions(from).filter((a) => a === "DeleteVirtualBorderRouter" || a === "DescribeBgpGroups"),
      ["DeleteVirtualBorderRouter", "DescribeBgpGroups"],
    );
    assert.ok(sb.admin.alibaba.vbr(vbr.id), "the VBR is still there");
    // A group made outside Pulumi on another VBR of the stack: destroy stops at that VBR, naming the group.
    const { vbr: v2 } = await vbrOnHosted(46);
    const outsider = sb.world.alibaba.bgp.createGroup(sb.world.alibaba.tenant.accountId, sb.alibaba.region, { RouterId: v2.id, PeerAsn: "65099" });
    sb.admin.clock.advance(FAST_BGP.bgpProvision);
    const destroyFrom = sb.admin.requests().length;
    await assert.rejects(engine.destroy(), new RegExp(`VBR ${v2.id} still has BGP groups ${outsider.id}`));
    sb.admin.alibaba.deleteBgpGroup(outsider.id);
    await engine.destroy();
    assert.deepEqual(engine.state.resources, []);
    // Each chain in order (a delete starts once its dependents' deletes finished, which wait until gone).
    const deleted = engine.steps.filter((x) => x.op === "delete").map((x) => x.urn);
    const pos = (u: string) => deleted.indexOf(u);
    for (const [peer, group, vbrUrn] of [
      [urn("peer", "peer"), urn("group", "group"), main.vbr.urn],
      [urn("peer", "lossy-peer"), urn("group", "lossy"), urn("vbr", "vbr-43")],
      [urn("peer", "adopted-peer"), urn("group", "adopted"), urn("vbr", "vbr-45")],
    ]) {
      assert.ok(pos(peer) >= 0 && pos(peer) < pos(group) && pos(group) < pos(vbrUrn), `${peer} < ${group} < ${vbrUrn} in ${deleted.join(", ")}`);
    }
    assert.ok(sb.admin.requests().slice(destroyFrom).some((q) => q.action === "DeleteVirtualBorderRouter" && q.status === 200));
    for (const k of ["bgpPeers", "bgpGroups", "virtualBorderRouters", "physicalConnections"]) assert.deepEqual(inv()[k], [], k);
  });

  it("the MD5 key never appears in the plugin's output (progress lines, errors)", () => {
    const diagnostics = host.diagnostics();
    assert.ok(diagnostics.length > 0, "progress lines were printed");
    for (const k of [KEY, "md5-Rotated!", "changed-in-console"]) assert.ok(!diagnostics.includes(k), `no ${k} in the plugin's output`);
  });
});
