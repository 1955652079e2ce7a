import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startSandbox, type Sandbox } from "../../sandbox";
import { ALIBABA_DEFAULT_DELAYS } from "../../sandbox/alibaba";
import { EQUINIX_DEFAULT_DELAYS } from "../../sandbox/equinix";
import { computeSession, type BgpSpeaker } from "../../sandbox/core/bgp";
import { alibabaApi } from "../../provider/alibaba/client";
import type { AlibabaCredentials } from "../../provider/alibaba/settings";
import { isApiError } from "../../provider/core/errors";
import { HttpClient } from "../../provider/core/http";
import { ALIBABA_PROFILE_UUID, Eqx, raw, SCALE, withSandbox } from "./helpers";

const A = ALIBABA_DEFAULT_DELAYS;
const E = EQUINIX_DEFAULT_DELAYS;

/** Alibaba's BGP groups and peers in the sandbox, and the sessions computed from both ends. */
describe("sandbox: Alibaba BGP groups, peers and sessions", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let eqx: Eqx;
  let creds: AlibabaCredentials;
  before(async () => {
    ({ sb, eqx } = await withSandbox());
    creds = { accessKeyId: sb.alibaba.accessKeyId, accessKeySecret: sb.alibaba.accessKeySecret, region: sb.alibaba.region, endpoint: sb.alibaba.endpoint.replace(/\/+$/, "") };
  });
  after(() => sb?.stop());
  afterEach(() => {
    sb.admin.alibaba.resetRules();
    sb.admin.clearFaults();
  });

  /** Passes a default delay `d` (every delay is scaled by SCALE). */
  const pass = (ms: number) => sb.admin.clock.advance(ms * SCALE);
  const client = () => alibabaApi.create(creds, (o) => new HttpClient(o));
  const call = (action: string, params: Record<string, unknown> = {}) => client().rpc<Record<string, any>>(action, params);
  /** The code Alibaba answers at once (the client's retries of the codes it deems transient are turned off), or "ok". */
  const outcome = async (action: string, params: Record<string, unknown>): Promise<string> => {
    try {
      await client().rpc(action, params, { retryable: () => false });
      return "ok";
    } catch (e) {
      if (!isApiError(e)) throw e;
      return `${e.status} ${e.code}`;
    }
  };
  const token = () => randomUUID();
  const group = async (id: string) => (await call("DescribeBgpGroups", { BgpGroupId: id })).BgpGroups.BgpGroup[0];
  const peer = async (id: string) => (await call("DescribeBgpPeers", { BgpPeerId: id })).BgpPeers.BgpPeer[0];
  const session = (id: string) => sb.admin.alibaba.bgpSession(id)!;

  /** An Enabled dedicated connection with an active VBR (10.x.0.1 Alibaba's, 10.x.0.2 yours, /30). */
  async function dedicatedVbr(n: number, extra: Record<string, unknown> = {}): Promise<{ pc: string; vbr: string }> {
    const pc = (await call("CreatePhysicalConnection", { AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", ClientToken: token() })).PhysicalConnectionId;
    pass(A.approval + A.allocation);
    await call("ConfirmPhysicalConnection", { PhysicalConnectionId: pc, ClientToken: token() });
    await call("EnablePhysicalConnection", { PhysicalConnectionId: pc, ClientToken: token() });
    pass(A.enable);
    const vbr = (
      await call("CreateVirtualBorderRouter", { PhysicalConnectionId: pc, VlanId: 100 + n, LocalGatewayIp: `10.${n}.0.1`, PeerGatewayIp: `10.${n}.0.2`, PeeringSubnetMask: "255.255.255.252", ClientToken: token(), ...extra })
    ).VbrId;
    return { pc, vbr };
  }
  async function availableGroup(vbr: string, params: Record<string, unknown> = {}): Promise<string> {
    const id = (await call("CreateBgpGroup", { RouterId: vbr, PeerAsn: 65010, ClientToken: token(), ...params })).BgpGroupId;
    pass(A.bgpProvision);
    return id;
  }
  async function availablePeer(groupId: string, ip: string, params: Record<string, unknown> = {}): Promise<string> {
    const id = (await call("CreateBgpPeer", { BgpGroupId: groupId, PeerIpAddress: ip, ClientToken: token(), ...params })).BgpPeerId;
    pass(A.bgpProvision);
    return id;
  }

  describe("the API", () => {
    it("groups: Pending then Available, Describe's shape (strings, as the official model types them), the documented rules", async () => {
      const { vbr } = await dedicatedVbr(1);
      const id = (await call("CreateBgpGroup", { RouterId: vbr, PeerAsn: 65010, AuthKey: "s3cret-key", Name: "grp.one", ClientToken: token() })).BgpGroupId;
      assert.match(id, /^bgpg-/);
      assert.equal((await group(id)).Status, "Pending");
      pass(A.bgpProvision);
      assert.deepEqual(await group(id), {
        BgpGroupId: id,
        Name: "grp.one",
        Description: "",
        Status: "Available",
        RouterId: vbr,
        RegionId: "us-west-1",
        PeerAsn: "65010",
        LocalAsn: "45104",
        AuthKey: "s3cret-key",
        IpVersion: "IPv4",
        IsFake: "false",
        Hold: "30",
        Keepalive: "10",
        RouteLimit: "110",
      });
      assert.deepEqual((await call("DescribeBgpGroups", { RouterId: vbr })).BgpGroups.BgpGroup.map((g: any) => g.BgpGroupId), [id]);
      assert.equal(await outcome("CreateBgpGroup", { RouterId: vbr }), "400 MissingParameter");
      assert.equal(await outcome("CreateBgpGroup", { RouterId: vbr, PeerAsn: 65010, LocalAsn: 65025 }), "400 InvalidParameter.LocalAsn");
      assert.equal(await outcome("CreateBgpGroup", { RouterId: vbr, PeerAsn: 65010, IpVersion: "IPv6" }), "400 InvalidParameter.IpVersion");
      assert.equal(await outcome("CreateBgpGroup", { RouterId: "vbr-nope", PeerAsn: 65010 }), "404 InvalidVbrId.NotFound");
      // ModifyBgpGroupAttribute: Modifying, then Available; ClearAuthKey.
      await call("ModifyBgpGroupAttribute", { BgpGroupId: id, PeerAsn: 65020, ClearAuthKey: true, ClientToken: token() });
      assert.deepEqual([(await group(id)).Status, (await group(id)).PeerAsn, (await group(id)).AuthKey], ["Modifying", "65020", ""]);
      assert.equal(await outcome("ModifyBgpGroupAttribute", { BgpGroupId: id, Name: "again" }), "400 IncorrectStatus.BgpGroup");
      pass(A.bgpUpdate);
      assert.equal((await group(id)).Status, "Available");
    });

    it("peers: the group must be Available, its family; BFD's hop count defaults to 255; 8 per VBR; Describe's shape", async () => {
      const { vbr } = await dedicatedVbr(2);
      const pending = (await call("CreateBgpGroup", { RouterId: vbr, PeerAsn: 65010, ClientToken: token() })).BgpGroupId;
      assert.equal(await outcome("CreateBgpPeer", { BgpGroupId: pending, PeerIpAddress: "10.2.0.2" }), "400 IncorrectStatus.BgpGroup");
      pass(A.bgpProvision);
      assert.equal(await outcome("CreateBgpPeer", { BgpGroupId: pending, PeerIpAddress: "2001:db8::2" }), "400 InvalidPeerIpAddress");
      assert.equal(await outcome("CreateBgpPeer", { BgpGroupId: pending, PeerIpAddress: "10.2.0.2", IpVersion: "IPv6" }), "400 InvalidParameter.IpVersion");
      assert.equal(await outcome("CreateBgpPeer", { BgpGroupId: pending, PeerIpAddress: "10.2.0.2", EnableBfd: true, BfdMultiHop: 256 }), "400 InvalidParameter.BfdMultiHop");
      assert.equal(await outcome("CreateBgpPeer", { BgpGroupId: "bgpg-nope", PeerIpAddress: "10.2.0.2" }), "404 InvalidBgpGroupId.NotFound");
      const id = await availablePeer(pending, "10.2.0.2", { EnableBfd: true });
      const p = await peer(id);
      assert.deepEqual(
        { ...p, GmtModified: typeof p.GmtModified },
        {
          BgpPeerId: id,
          BgpGroupId: pending,
          RouterId: vbr,
          RegionId: "us-west-1",
          Name: "",
          Description: "",
          PeerIpAddress: "10.2.0.2",
          PeerAsn: "65010",
          LocalAsn: "45104",
          AuthKey: "",
          IpVersion: "IPv4",
          IsFake: false,
          Hold: "30",
          Keepalive: "10",
          RouteLimit: "110",
          EnableBfd: true,
          BfdMultiHop: 255,
          Status: "Available",
          BgpStatus: "Active",
          AdvertisedRouteCount: 0,
          ReceivedRouteCount: 0,
          GmtModified: "string",
        },
      );
      assert.match(p.GmtModified, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/);
      for (let i = 3; i <= 9; i++) await call("CreateBgpPeer", { BgpGroupId: pending, PeerIpAddress: `10.2.0.${i}`, ClientToken: token() });
      assert.equal(await outcome("CreateBgpPeer", { BgpGroupId: pending, PeerIpAddress: "10.2.0.10" }), "400 QuotaExceeded.Bgp");
      assert.equal((await call("DescribeBgpPeers", { RouterId: vbr, PageSize: 50 })).TotalCount, 8);
    });

    it("a ClientToken repeat answers the first group; deletes go peers, then groups, then the VBR (each refusal names what is left)", async () => {
      const { pc, vbr } = await dedicatedVbr(3);
      const t = token();
      const first = (await call("CreateBgpGroup", { RouterId: vbr, PeerAsn: 65010, ClientToken: t })).BgpGroupId;
      assert.equal((await call("CreateBgpGroup", { RouterId: vbr, PeerAsn: 65010, ClientToken: t })).BgpGroupId, first);
      assert.equal((await call("DescribeBgpGroups", { RouterId: vbr })).TotalCount, 1);
      pass(A.bgpProvision);
      const p = await availablePeer(first, "10.3.0.2");
      assert.equal(await outcome("DeleteVirtualBorderRouter", { VbrId: vbr }), "400 DependencyViolation.BgpGroup");
      assert.equal(await outcome("DeleteBgpGroup", { BgpGroupId: first }), "400 DependencyViolation.BgpPeer");
      await call("DeleteBgpPeer", { BgpPeerId: p, ClientToken: token() });
      assert.equal((await peer(p)).Status, "Deleting");
      assert.equal(await outcome("DeleteBgpGroup", { BgpGroupId: first }), "400 DependencyViolation.BgpPeer", "a peer being deleted still counts");
      pass(A.bgpDelete);
      assert.equal(await peer(p), undefined);
      await call("DeleteBgpGroup", { BgpGroupId: first, ClientToken: token() });
      assert.equal(await outcome("DeleteVirtualBorderRouter", { VbrId: vbr }), "400 DependencyViolation.BgpGroup", "a group being deleted still counts");
      pass(A.bgpDelete);
      assert.equal(await group(first), undefined);
      assert.equal(await outcome("DeleteVirtualBorderRouter", { VbrId: vbr, ClientToken: token() }), "ok");
      assert.equal(await outcome("DescribeBgpGroups", { RouterId: vbr }), "ok");
      assert.ok(pc);
    });
  });

  describe("sessions", () => {
    it("computeSession: each mismatch gives its state and a reason naming both sides", () => {
      const ali: BgpSpeaker = { name: "Alibaba's BGP peer bgp-1", configured: true, ip: "10.0.0.1", subnet: "10.0.0.1/30", neighborIp: "10.0.0.2", asn: 45104, neighborAsn: 65020, changedAt: 1000 };
      const far: BgpSpeaker = { name: "the cloud router", configured: true, ip: "10.0.0.2", subnet: "10.0.0.2/30", neighborIp: "10.0.0.1", asn: 65020, neighborAsn: 45104, changedAt: 500 };
      assert.deepEqual(computeSession(ali, far, 1000, 200), { state: "OpenSent", reason: "the OPEN messages are being exchanged", since: 1000 });
      assert.equal(computeSession(ali, far, 1150, 200).state, "OpenConfirm");
      assert.deepEqual(computeSession(ali, far, 1200, 200), { state: "Established", since: 1200 });
      assert.deepEqual(computeSession({ ...ali, neighborAsn: 65010 }, far, 5000, 200), { state: "Active", reason: "peer ASN 65010 (Alibaba's BGP peer bgp-1) does not match the cloud router's 65020", since: 1000 });
      assert.match(computeSession(ali, { ...far, neighborAsn: 64512 }, 5000, 200).reason!, /the cloud router expects ASN 64512 but Alibaba's BGP peer bgp-1 uses 45104/);
      const md5 = computeSession({ ...ali, md5Key: "a" }, { ...far, md5Key: "b" }, 5000, 200);
      assert.equal(md5.state, "Connect");
      assert.match(md5.reason!, /MD5 keys of Alibaba's BGP peer bgp-1 and the cloud router differ/);
      assert.doesNotMatch(md5.reason!, /\ba\b.*\bb\b/, "the keys are never shown");
      assert.match(computeSession({ ...ali, neighborIp: "10.0.0.3" }, far, 5000, 200).reason!, /opens the session to 10.0.0.3, but the cloud router's address is 10.0.0.2/);
      assert.match(computeSession(ali, { ...far, subnet: "10.0.0.2/31" }, 5000, 200).reason!, /subnet 10.0.0.2\/31 does not hold/);
      assert.deepEqual(computeSession({ ...ali, down: "physical connection pc-1 is Terminated, not Enabled" }, far, 5000, 200).state, "Idle");
      assert.match(computeSession(ali, { ...far, down: "connection is PENDING_APPROVAL" }, 5000, 200).reason!, /the cloud router is not up: connection is PENDING_APPROVAL/);
      assert.match(computeSession(ali, undefined, 5000, 200, "nobody home").reason!, /nobody home/);
    });

    it("a dedicated connection's far end: Active until a router is stood in; then OpenSent, OpenConfirm, Established; ASN and key mismatches", async () => {
      const { vbr } = await dedicatedVbr(4);
      const g = await availableGroup(vbr, { PeerAsn: 65010, AuthKey: "k-1" });
      const p = await availablePeer(g, "10.4.0.2");
      assert.equal((await peer(p)).BgpStatus, "Active");
      assert.match(session(p).reason!, new RegExp(`dedicated connection pc-\\S+ leads to your own router.*vbrs/${vbr}/customerRouter`));
      sb.admin.alibaba.setCustomerRouter(vbr, { ip: "10.4.0.2", asn: 65010, md5Key: "k-1" });
      assert.equal((await peer(p)).BgpStatus, "OpenSent");
      pass(A.bgpEstablish / 2);
      assert.equal((await peer(p)).BgpStatus, "OpenConfirm");
      pass(A.bgpEstablish / 2);
      assert.equal((await peer(p)).BgpStatus, "Established");
      assert.deepEqual(session(p).remote, { name: "your router", configured: true, down: null, ip: "10.4.0.2", subnet: "10.4.0.2/30", neighborIp: "10.4.0.1", asn: 65010, neighborAsn: 45104, md5Key: "set" });
      sb.admin.alibaba.updateBgpGroup(g, { peerAsn: 65011 });
      assert.deepEqual([(await peer(p)).BgpStatus, session(p).reason], ["Active", `peer ASN 65011 (Alibaba's BGP peer ${p}) does not match your router's 65010`]);
      sb.admin.alibaba.updateBgpGroup(g, { peerAsn: 65010, authKey: "k-2" });
      assert.equal((await peer(p)).BgpStatus, "Connect");
      assert.match(session(p).reason!, /MD5 keys .* differ/);
      assert.doesNotMatch(JSON.stringify(session(p)), /k-2|k-1/, "the admin's view names keys, never shows them");
      sb.admin.alibaba.updateBgpGroup(g, { authKey: "k-1" });
      pass(A.bgpEstablish);
      assert.equal((await peer(p)).BgpStatus, "Established");
      // A VBR change restarts the session; a VBR whose addresses no longer face the router breaks it.
      sb.admin.alibaba.updateVbr(vbr, { peerGatewayIp: "10.4.0.2", localGatewayIp: "10.4.0.1" });
      assert.equal((await peer(p)).BgpStatus, "OpenSent");
      await call("ModifyBgpPeerAttribute", { BgpPeerId: p, PeerIpAddress: "10.4.0.3", ClientToken: token() });
      pass(A.bgpUpdate + A.bgpEstablish);
      assert.equal((await peer(p)).BgpStatus, "Active");
      assert.match(session(p).reason!, /opens the session to 10.4.0.3, but your router's address is 10.4.0.2/);
    });

    it("faults: a held state, a flap (Idle, then back through OpenSent), a far end that never answers (stall)", async () => {
      const { vbr } = await dedicatedVbr(5);
      const g = await availableGroup(vbr);
      sb.admin.alibaba.setCustomerRouter(vbr, { ip: "10.5.0.2", asn: 65010 });
      const p = await availablePeer(g, "10.5.0.2");
      pass(A.bgpEstablish);
      assert.equal((await peer(p)).BgpStatus, "Established");
      sb.admin.alibaba.setBgpStatus(p, "OpenConfirm", "stuck for the test");
      assert.deepEqual([(await peer(p)).BgpStatus, session(p).reason], ["OpenConfirm", "stuck for the test"]);
      sb.admin.alibaba.setBgpStatus(p, null);
      assert.equal((await peer(p)).BgpStatus, "Established");
      const [[from, to]] = sb.admin.alibaba.flapBgpPeer(p, { downMs: 1000 * SCALE });
      assert.equal(to - from, 1000 * SCALE);
      assert.equal((await peer(p)).BgpStatus, "Idle");
      assert.match(session(p).reason!, /flap/);
      pass(1000);
      assert.equal((await peer(p)).BgpStatus, "OpenSent", "it restarts after the flap");
      pass(A.bgpEstablish);
      assert.equal((await peer(p)).BgpStatus, "Established");
      // HTTP: the stall names the peer; reset ends it.
      const stalled = await raw(sb.url, "POST", "/_sandbox/alibaba/stall", { target: "bgpSession", id: p });
      assert.equal(stalled.status, 200, JSON.stringify(stalled.body));
      assert.equal((await peer(p)).BgpStatus, "Active");
      assert.match((await raw(sb.url, "GET", `/_sandbox/alibaba/bgpPeers/${p}/session`)).body.reason, /never answers/);
      // A rule for the next peer created.
      sb.admin.alibaba.stall("bgpSession", { times: 1 });
      const q = await availablePeer(g, "10.5.0.2");
      pass(A.bgpEstablish);
      assert.equal((await peer(q)).BgpStatus, "Active");
      await raw(sb.url, "POST", "/_sandbox/alibaba/rules/reset");
      pass(A.bgpEstablish);
      assert.deepEqual([(await peer(p)).BgpStatus, (await peer(q)).BgpStatus], ["Established", "Established"]);
      assert.equal((await raw(sb.url, "GET", "/_sandbox/alibaba/bgpPeers/bgp-nope/session")).status, 404);
      assert.equal((await raw(sb.url, "POST", `/_sandbox/alibaba/bgpPeers/${p}/status`, { state: "Up" })).status, 400);
    });

    it("across Fabric: the cloud router's BGP routing protocol is the far end; Established on both sides only when everything agrees", async () => {
      // A PROVISIONED router, a connection from it to Alibaba's profile, accepted in Alibaba: the hosted connection is Enabled.
      const r = await eqx.call("POST", "/fabric/v4/routers", { type: "XF_ROUTER", name: "fcr-bgp", location: { metroCode: "SV" }, package: { code: "STANDARD" }, project: { projectId: sb.equinix.projectId }, notifications: [{ type: "ALL", emails: ["noc@example.com"] }] });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      pass(E.routerProvisioning);
      const c = await eqx.create({
        type: "IP_VC",
        name: "fcr-to-alibaba",
        bandwidth: 50,
        notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
        aSide: { accessPoint: { type: "CLOUD_ROUTER", router: { uuid: r.body.uuid } } },
        zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: ALIBABA_PROFILE_UUID }, location: { metroCode: "SV" }, sellerRegion: "us-west-1", authenticationKey: sb.alibaba.accountId } },
      });
      assert.equal(c.status, 201, JSON.stringify(c.body));
      const conn = c.body.uuid as string;
      pass(E.provisioning);
      const hosted = (sb.admin.inventory().alibaba.physicalConnections as any[]).find((x) => x.ProductType === "VirtualPhysicalConnection" && x.Name === "fcr-to-alibaba");
      assert.ok(hosted, "the hosted connection reached the account");
      await call("ConfirmPhysicalConnection", { PhysicalConnectionId: hosted.PhysicalConnectionId, ClientToken: token() });
      pass(Math.max(A.enable, E.providerProvisioning));
      const vbr = (
        await call("CreateVirtualBorderRouter", { PhysicalConnectionId: hosted.PhysicalConnectionId, VlanId: Number(hosted.VlanId), LocalGatewayIp: "172.16.9.1", PeerGatewayIp: "172.16.9.2", PeeringSubnetMask: "255.255.255.252", ClientToken: token() })
      ).VbrId;
      const g = await availableGroup(vbr, { PeerAsn: 30000, AuthKey: "shared-md5" });
      const p = await availablePeer(g, "172.16.9.2");
      assert.equal((await peer(p)).BgpStatus, "Active");
      assert.match(session(p).reason!, new RegExp(`Fabric connection ${conn} has no BGP routing protocol`));

      const rp = (id?: string) => `/fabric/v4/connections/${conn}/routingProtocols${id ? `/${id}` : ""}`;
      assert.equal((await eqx.call("POST", rp(), { type: "DIRECT", directIpv4: { equinixIfaceIp: "172.16.9.2/30" } })).status, 202);
      pass(E.routingProvisioning);
      const bgp = await eqx.call("POST", rp(), { type: "BGP", bgpIpv4: { customerPeerIp: "172.16.9.1", enabled: true }, customerAsn: 45104, bgpAuthKey: "shared-md5" });
      assert.equal(bgp.status, 202, JSON.stringify(bgp.body));
      const fabricStatus = async () => (await eqx.call("GET", rp(bgp.body.uuid))).body.bgpIpv4.operation.operationalStatus;
      assert.equal((await peer(p)).BgpStatus, "Active");
      assert.match(session(p).reason!, /routing protocol .* is PROVISIONING/);
      assert.equal(await fabricStatus(), "DOWN");
      pass(E.routingProvisioning);
      assert.equal((await peer(p)).BgpStatus, "OpenSent");
      assert.equal(await fabricStatus(), "DOWN");
      pass(A.bgpEstablish);
      assert.equal((await peer(p)).BgpStatus, "Established");
      assert.equal(await fabricStatus(), "UP");
      assert.deepEqual(session(p).remote, { name: "the cloud router", configured: true, down: null, ip: "172.16.9.2", subnet: "172.16.9.2/30", neighborIp: "172.16.9.1", asn: 30000, neighborAsn: 45104, md5Key: "set" });

      // The customer's ASN on Fabric no longer Alibaba's: both sides see it down, with the reason.
      sb.admin.equinix.updateRoutingProtocol(bgp.body.uuid, { customerAsn: 65010 });
      assert.deepEqual([(await peer(p)).BgpStatus, await fabricStatus()], ["Active", "DOWN"]);
      assert.equal(session(p).reason, `the cloud router expects ASN 65010 but Alibaba's BGP peer ${p} uses 45104`);
      sb.admin.equinix.updateRoutingProtocol(bgp.body.uuid, { customerAsn: 45104 });
      // The group's peer ASN wrong: the reason names both numbers.
      sb.admin.alibaba.updateBgpGroup(g, { peerAsn: 65020 });
      assert.equal(session(p).reason, `peer ASN 65020 (Alibaba's BGP peer ${p}) does not match the cloud router's 30000`);
      sb.admin.alibaba.updateBgpGroup(g, { peerAsn: 30000, authKey: "changed-in-the-console" });
      assert.deepEqual([(await peer(p)).BgpStatus, await fabricStatus()], ["Connect", "DOWN"]);
      sb.admin.alibaba.updateBgpGroup(g, { authKey: "shared-md5" });
      pass(A.bgpEstablish);
      assert.deepEqual([(await peer(p)).BgpStatus, await fabricStatus()], ["Established", "UP"]);
      // Alibaba's end down (a flap) is Fabric's DOWN too.
      sb.admin.alibaba.flapBgpPeer(p, { downMs: 500 * SCALE });
      assert.deepEqual([(await peer(p)).BgpStatus, await fabricStatus()], ["Idle", "DOWN"]);
      pass(500 + A.bgpEstablish);
      assert.deepEqual([(await peer(p)).BgpStatus, await fabricStatus()], ["Established", "UP"]);
    });
  });

  it("the state file keeps groups, peers, stood-in routers and faults; the inventory lists them", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "alibaba-bgp-state-"));
    const file = path.join(dir, "state.json");
    try {
      const first = await startSandbox({ port: 0, state: file, timeScale: 0 });
      const c = { accessKeyId: first.alibaba.accessKeyId, accessKeySecret: first.alibaba.accessKeySecret, region: first.alibaba.region, endpoint: first.alibaba.endpoint.replace(/\/+$/, "") };
      const api = alibabaApi.create(c, (o) => new HttpClient(o));
      const pc = (await api.rpc<any>("CreatePhysicalConnection", { AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", ClientToken: token() })).PhysicalConnectionId;
      await api.rpc("ConfirmPhysicalConnection", { PhysicalConnectionId: pc, ClientToken: token() });
      await api.rpc("EnablePhysicalConnection", { PhysicalConnectionId: pc, ClientToken: token() });
      const vbr = (await api.rpc<any>("CreateVirtualBorderRouter", { PhysicalConnectionId: pc, VlanId: 7, LocalGatewayIp: "10.7.0.1", PeerGatewayIp: "10.7.0.2", PeeringSubnetMask: "255.255.255.252", ClientToken: token() })).VbrId;
      const g = (await api.rpc<any>("CreateBgpGroup", { RouterId: vbr, PeerAsn: 65010, AuthKey: "kept", ClientToken: token() })).BgpGroupId;
      const p = (await api.rpc<any>("CreateBgpPeer", { BgpGroupId: g, PeerIpAddress: "10.7.0.2", ClientToken: token() })).BgpPeerId;
      first.admin.alibaba.setCustomerRouter(vbr, { ip: "10.7.0.2", asn: 65010, md5Key: "kept" });
      assert.equal(first.admin.alibaba.bgpPeer(p)!.BgpStatus, "Established");
      first.admin.alibaba.setBgpStatus(p, "Idle", "held");
      await first.stop();
      const second = await startSandbox({ port: 0, state: file, timeScale: 0 });
      try {
        assert.deepEqual(second.admin.alibaba.bgpGroup(g)!.AuthKey, "kept");
        assert.deepEqual([second.admin.alibaba.bgpPeer(p)!.BgpStatus, second.admin.alibaba.bgpSession(p)!.reason], ["Idle", "held"]);
        second.admin.alibaba.setBgpStatus(p, null);
        assert.equal(second.admin.alibaba.bgpPeer(p)!.BgpStatus, "Established", "the stood-in router was kept");
        const inv = second.admin.inventory().alibaba as Record<string, any[]>;
        assert.deepEqual([inv.bgpGroups.map((x) => x.BgpGroupId), inv.bgpPeers.map((x) => x.BgpPeerId)], [[g], [p]]);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
