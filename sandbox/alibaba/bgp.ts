import type { SandboxContext } from "../core/api";
import { computeSession, type BgpSession, type BgpSpeaker, type BgpState } from "../core/bgp";
import { Timeline } from "../core/clock";
import { shortId } from "../core/ids";
import { parseIp } from "../core/ip";
import { refill } from "../core/state";
import { AliError, type PcRecord, type VbrRecord } from "./model";
import { iso } from "./render";
import { checkDescription, checkName, intIn, required } from "./validation";
import type { AlibabaWorld } from "./world";

/**
 * BGP on Alibaba's VBRs: BGP groups (CreateBgpGroup, ModifyBgpGroupAttribute, DeleteBgpGroup,
 * DescribeBgpGroups) and BGP peers (CreateBgpPeer, ModifyBgpPeerAttribute, DeleteBgpPeer, DescribeBgpPeers)
 * as Alibaba's VPC API reference describes them, and the session each peer runs:
 *
 * - A group moves Pending -> Available (delay `bgpProvision`), Modifying -> Available (`bgpUpdate`) and
 *   Deleting -> gone (`bgpDelete`); so does a peer. Modify and delete need Available (else
 *   IncorrectStatus.BgpGroup / IncorrectStatus.BgpPeer, which clients retry). At most 8 peers per VBR
 *   (QuotaExceeded.Bgp). A group with peers is not deleted (DependencyViolation.BgpPeer: the sandbox's code,
 *   by analogy with the VBR's DependencyViolation.BgpGroup, which world.ts answers for a VBR with groups).
 * - A peer's BgpStatus is computed from both ends of its session (sandbox/core/bgp.ts): Alibaba's end is
 *   the peer, its group (ASNs, MD5 key) and its VBR (addresses, subnet); the far end comes from
 *   `remoteEnd`, which sandbox/links.ts sets (a Fabric Cloud Router's BGP routing protocol on the Fabric
 *   connection the VBR's hosted connection was made for), or from a customer router the admin stands in
 *   (`setCustomerRouter`). Faults: a forced state (`setStatus`), flaps, a far end that never answers (stall
 *   `bgpSession`). Why a session is not Established is the admin's to tell (`session`): DescribeBgpPeers
 *   has no field for it.
 */

/** Alibaba Cloud's ASN (CreateBgpGroup: "The ASN of Alibaba Cloud is 45104"). */
export const ALIBABA_ASN = 45104;
/** Peers per VBR (CreateBgpGroup: "You can create at most eight BGP peers for each VBR"). */
export const PEERS_PER_VBR = 8;
/** Routes per peer when the group sets no RouteQuota. */
export const DEFAULT_ROUTE_QUOTA = 110;
/** The BFD hop count when BFD is on and none is given (CreateBgpPeer's note: the default is 255). */
export const DEFAULT_BFD_MULTI_HOP = 255;

/** The objects of the BGP API by their name in error codes (IncorrectStatus.BgpGroup), and as messages name them. */
const BGP_KINDS = { BgpGroup: "BGP group", BgpPeer: "BGP peer" } as const;
type BgpKind = keyof typeof BGP_KINDS;

export type IpVersion = "IPv4" | "IPv6";

export interface BgpGroupRecord {
  id: string;
  owner: string;
  region: string;
  vbrId: string;
  name?: string;
  description?: string;
  peerAsn: number;
  localAsn: number;
  authKey?: string;
  ipVersion: IpVersion;
  isFake: boolean;
  routeQuota: number;
  createdAt: number;
  /** sandbox ms of the last change its sessions depend on (ASNs, key) */
  changedAt: number;
  status: Timeline<string>;
}

export interface BgpPeerRecord {
  id: string;
  owner: string;
  region: string;
  groupId: string;
  peerIp?: string;
  ipVersion: IpVersion;
  enableBfd: boolean;
  bfdMultiHop?: number;
  createdAt: number;
  modifiedAt: number;
  changedAt: number;
  status: Timeline<string>;
  /** admin: a state the session is held in, whatever the ends say */
  forced?: { state: BgpState; reason: string };
  /** admin: windows [from, to) in which the session is down (flaps) */
  flaps: Array<[number, number]>;
  /** the far end never answers (stall `bgpSession`) */
  silent?: boolean;
}

/** A router the admin stands in at the far end of a VBR (a dedicated connection's, or a port A side's customer router). */
export interface CustomerRouter {
  /** its address on the peering subnet (the VBR's PeerGatewayIp, or the IPv6 one) */
  ip: string;
  /** its ASN: the BGP group's PeerAsn must be this */
  asn: number;
  /** the ASN it expects of Alibaba's side; default 45104 */
  peerAsn?: number;
  /** the address it opens the session to; default the VBR's LocalGatewayIp (IPv6: LocalIpv6GatewayIp) */
  neighborIp?: string;
  /** its MD5 key; none when omitted */
  md5Key?: string;
  changedAt: number;
}

/**
 * The far end of a VBR's sessions as the partner's slice has it (sandbox/links.ts builds it): undefined
 * when the sandbox simulates no router there; `none` then explains why.
 */
export type RemoteEndFinder = (vbr: VbrRecord, pc: PcRecord | undefined, family: IpVersion) => BgpSpeaker | undefined;

/** What the state file keeps of the BGP slice. */
export interface BgpSnapshot {
  groups: Map<string, BgpGroupRecord>;
  peers: Map<string, BgpPeerRecord>;
  customerRouters: Map<string, CustomerRouter>;
  vbrChangedAt: Map<string, number>;
}

/** A console edit of a group (admin). `authKey: null` removes the key. */
export interface BgpGroupChanges {
  name?: string;
  description?: string;
  peerAsn?: number;
  localAsn?: number;
  authKey?: string | null;
  routeQuota?: number;
}

/** A console edit of a peer (admin). */
export interface BgpPeerChanges {
  peerIpAddress?: string;
  enableBfd?: boolean;
  bfdMultiHop?: number;
}

/** The session of a peer as the admin shows it: the state, why, since when, and both ends (keys named, never shown). */
export interface BgpSessionView {
  bgpPeerId: string;
  state: BgpState;
  reason?: string;
  since: string;
  local: Record<string, unknown>;
  remote: Record<string, unknown> | null;
}

const bool = (v: string | undefined, name: string): boolean | undefined => {
  if (v === undefined) return undefined;
  if (v !== "true" && v !== "false") throw new AliError(400, `InvalidParameter.${name}`, `${name} must be true or false (got ${v}).`);
  return v === "true";
};

/** An ASN parameter: a whole number in the range. */
function asnParam(p: Record<string, string>, name: string, min: number, max: number): number {
  const v = p[name];
  const n = Number(v);
  if (!/^\d+$/.test(v ?? "") || n < min || n > max) throw new AliError(400, `InvalidParameter.${name}`, `${name} must be an ASN from ${min} to ${max} (got ${v}).`);
  return n;
}

/** CreateBgpGroup's LocalAsn: 45104, 64512-65534 (65025 reserved) or 4200000000-4294967294. */
function localAsnParam(p: Record<string, string>): number {
  const n = asnParam(p, "LocalAsn", 1, 4294967294);
  const ok = n === ALIBABA_ASN || (n >= 64512 && n <= 65534 && n !== 65025) || (n >= 4200000000 && n <= 4294967294);
  if (!ok) throw new AliError(400, "InvalidParameter.LocalAsn", `LocalAsn ${n} is not allowed: use 45104, 64512 to 65534 (65025 is reserved by Alibaba Cloud) or 4200000000 to 4294967294.`);
  return n;
}

function ipVersionParam(p: Record<string, string>): IpVersion | undefined {
  const v = p.IpVersion;
  if (v === undefined) return undefined;
  const norm = v.toLowerCase() === "ipv4" ? "IPv4" : v.toLowerCase() === "ipv6" ? "IPv6" : undefined;
  if (!norm) throw new AliError(400, "InvalidParameter.IpVersion", `IpVersion must be IPv4 or IPv6 (got ${v}).`);
  return norm;
}

function prefixOfMask(mask: string | undefined): number | undefined {
  const ip = parseIp(mask);
  if (!ip || ip.family !== 4) return undefined;
  const bits = ip.value.toString(2).padStart(32, "0");
  return /01/.test(bits) ? undefined : bits.indexOf("0") === -1 ? 32 : bits.indexOf("0");
}

/** The BGP slice of the Alibaba world (world.bgp). */
export class AlibabaBgp {
  readonly groups = new Map<string, BgpGroupRecord>();
  readonly peers = new Map<string, BgpPeerRecord>();
  /** VBR id -> the router the admin stands in at its far end */
  readonly customerRouters = new Map<string, CustomerRouter>();
  /** VBR id -> sandbox ms of the last change to its peering addresses (world.ts tells: touchVbr) */
  readonly vbrChangedAt = new Map<string, number>();
  /** the far end of a VBR's sessions: set by sandbox/links.ts */
  remoteEnd?: RemoteEndFinder;

  constructor(
    private readonly ctx: SandboxContext,
    private readonly w: AlibabaWorld,
  ) {}

  private get now(): number {
    return this.ctx.clock.now();
  }

  snapshot(): BgpSnapshot {
    return { groups: this.groups, peers: this.peers, customerRouters: this.customerRouters, vbrChangedAt: this.vbrChangedAt };
  }

  restore(s: BgpSnapshot | undefined): void {
    refill(this.groups, s?.groups);
    refill(this.peers, s?.peers);
    refill(this.customerRouters, s?.customerRouters);
    refill(this.vbrChangedAt, s?.vbrChangedAt);
  }

  // ---- lookups -----------------------------------------------------------------------------------

  groupStatus(g: BgpGroupRecord): string {
    return g.status.current(this.now);
  }

  peerStatus(p: BgpPeerRecord): string {
    return p.status.current(this.now);
  }

  /** A group is listed until its delete completes, and while its VBR is. */
  private groupListed(g: BgpGroupRecord): boolean {
    const v = this.w.vbrs.get(g.vbrId);
    return this.groupStatus(g) !== "Deleted" && !!v && this.w.vbrStatus(v) !== "deleted";
  }

  private peerListed(p: BgpPeerRecord): boolean {
    const g = this.groups.get(p.groupId);
    return this.peerStatus(p) !== "Deleted" && !!g && this.groupListed(g);
  }

  liveGroups(): BgpGroupRecord[] {
    return [...this.groups.values()].filter((g) => this.groupListed(g));
  }

  livePeers(): BgpPeerRecord[] {
    return [...this.peers.values()].filter((p) => this.peerListed(p));
  }

  /** The groups of a VBR still listed (a VBR with any is not deleted). */
  groupsOn(vbrId: string): BgpGroupRecord[] {
    return this.liveGroups().filter((g) => g.vbrId === vbrId);
  }

  peersOf(groupId: string): BgpPeerRecord[] {
    return this.livePeers().filter((p) => p.groupId === groupId);
  }

  peersOnVbr(vbrId: string): BgpPeerRecord[] {
    return this.livePeers().filter((p) => this.groups.get(p.groupId)?.vbrId === vbrId);
  }

  groupFor(owner: string, id: string | undefined): BgpGroupRecord {
    if (!id) throw new AliError(400, "MissingParameter", "The input parameter BgpGroupId that is mandatory for processing this request is not supplied.");
    const g = this.groups.get(id);
    if (!g || g.owner !== owner || !this.groupListed(g)) throw new AliError(404, "InvalidBgpGroupId.NotFound", `The specified BGP group ${id} does not exist.`);
    return g;
  }

  peerFor(owner: string, id: string | undefined): BgpPeerRecord {
    if (!id) throw new AliError(400, "MissingParameter", "The input parameter BgpPeerId that is mandatory for processing this request is not supplied.");
    const p = this.peers.get(id);
    if (!p || p.owner !== owner || !this.peerListed(p)) throw new AliError(404, "InvalidBgpPeerId.NotFound", `The specified BGP peer ${id} does not exist.`);
    return p;
  }

  /** The VBR's peering addresses changed (ModifyVirtualBorderRouterAttribute, a console edit): its sessions restart. */
  touchVbr(vbrId: string): void {
    this.vbrChangedAt.set(vbrId, this.now);
  }

  private settle(t: Timeline<string>, transient: string, delay: string): void {
    t.cancelAfter(this.now).schedule(this.now, transient).schedule(this.now + this.ctx.delay("alibaba", delay), "Available");
  }

  /** A Modify acts on an Available group or peer (`kind`): IncorrectStatus.<kind> otherwise. */
  private modifiable<R extends { id: string; status: Timeline<string> }>(kind: BgpKind, r: R): R {
    const status = r.status.current(this.now);
    if (status !== "Available") throw new AliError(400, `IncorrectStatus.${kind}`, `${BGP_KINDS[kind]} ${r.id} cannot be modified in status ${status}.`);
    return r;
  }

  /**
   * A Delete acts on an Available group or peer (`kind`): IncorrectStatus.<kind> otherwise; false when its
   * deletion is already under way (the Delete does nothing).
   */
  private deletable(kind: BgpKind, r: { id: string; status: Timeline<string> }): boolean {
    const status = r.status.current(this.now);
    if (status === "Deleting") return false;
    if (status !== "Available") throw new AliError(400, `IncorrectStatus.${kind}`, `${BGP_KINDS[kind]} ${r.id} must be Available to be deleted (it is ${status}).`);
    return true;
  }

  /** Deleting now, Deleted after the bgpDelete delay. */
  private deleteLater(t: Timeline<string>): void {
    t.cancelAfter(this.now).schedule(this.now, "Deleting").schedule(this.now + this.ctx.delay("alibaba", "bgpDelete"), "Deleted");
  }

  // ---- groups ------------------------------------------------------------------------------------

  createGroup(owner: string, region: string, p: Record<string, string>): BgpGroupRecord {
    required(p, ["RouterId", "PeerAsn"]);
    const v = this.w.vbrFor(owner, p.RouterId, false);
    if (v.region !== region) throw new AliError(404, "InvalidVbrId.NotFound", `The specified VBR ${v.id} does not exist in region ${region}.`);
    const vs = this.w.vbrStatus(v);
    if (vs !== "active") throw new AliError(400, "IncorrectStatus.Vbr", `BGP groups are created on an active VBR; VBR ${v.id} is ${vs}.`);
    const peerAsn = asnParam(p, "PeerAsn", 1, 4294967295);
    const localAsn = p.LocalAsn !== undefined ? localAsnParam(p) : ALIBABA_ASN;
    const ipVersion = ipVersionParam(p) ?? "IPv4";
    if (ipVersion === "IPv6" && !v.enableIpv6) throw new AliError(400, "InvalidParameter.IpVersion", `An IPv6 BGP group needs a VBR with IPv6 enabled; VBR ${v.id} has EnableIpv6 false.`);
    checkName(p.Name, "Name", true);
    checkDescription(p.Description);
    const routeQuota = p.RouteQuota !== undefined ? intIn(p, "RouteQuota", 1, 1_000_000) : DEFAULT_ROUTE_QUOTA;
    const now = this.now;
    const g: BgpGroupRecord = {
      id: `bgpg-${shortId(20)}`,
      owner,
      region,
      vbrId: v.id,
      name: p.Name,
      description: p.Description,
      peerAsn,
      localAsn,
      authKey: p.AuthKey || undefined,
      ipVersion,
      isFake: bool(p.IsFakeAsn, "IsFakeAsn") ?? false,
      routeQuota,
      createdAt: now,
      changedAt: now,
      status: new Timeline(now, "Pending").schedule(now + this.ctx.delay("alibaba", "bgpProvision"), "Available"),
    };
    this.groups.set(g.id, g);
    return g;
  }

  modifyGroup(owner: string, p: Record<string, string>): void {
    const g = this.modifiable("BgpGroup", this.groupFor(owner, p.BgpGroupId));
    const peerAsn = p.PeerAsn !== undefined ? asnParam(p, "PeerAsn", 1, 4294967295) : undefined;
    const localAsn = p.LocalAsn !== undefined ? localAsnParam(p) : undefined;
    // ModifyBgpGroupAttribute: the name 0 to 128 characters, the description 0 to 256 ("" clears them).
    if (p.Name) checkName(p.Name, "Name", true);
    if (p.Description) checkDescription(p.Description);
    const routeQuota = p.RouteQuota !== undefined ? intIn(p, "RouteQuota", 1, 1_000_000) : undefined;
    const clear = bool(p.ClearAuthKey, "ClearAuthKey");
    const isFake = bool(p.IsFakeAsn, "IsFakeAsn");
    if (clear && p.AuthKey) throw new AliError(400, "InvalidParameter.AuthKey", "AuthKey and ClearAuthKey true cannot be given together.");
    if (p.Name !== undefined) g.name = p.Name || undefined;
    if (p.Description !== undefined) g.description = p.Description || undefined;
    if (peerAsn !== undefined) g.peerAsn = peerAsn;
    if (localAsn !== undefined) g.localAsn = localAsn;
    if (routeQuota !== undefined) g.routeQuota = routeQuota;
    if (isFake !== undefined) g.isFake = isFake;
    if (p.AuthKey) g.authKey = p.AuthKey;
    if (clear) g.authKey = undefined;
    g.changedAt = this.now;
    this.settle(g.status, "Modifying", "bgpUpdate");
  }

  deleteGroup(owner: string, id: string | undefined): void {
    const g = this.groupFor(owner, id);
    if (!this.deletable("BgpGroup", g)) return;
    const peers = this.peersOf(g.id);
    if (peers.length) throw new AliError(400, "DependencyViolation.BgpPeer", `BGP group ${g.id} still has BGP peers ${peers.map((x) => x.id).join(", ")}; delete them first.`);
    this.deleteLater(g.status);
  }

  // ---- peers -------------------------------------------------------------------------------------

  createPeer(owner: string, p: Record<string, string>): BgpPeerRecord {
    required(p, ["BgpGroupId"]);
    const g = this.groupFor(owner, p.BgpGroupId);
    const gs = this.groupStatus(g);
    if (gs !== "Available") throw new AliError(400, "IncorrectStatus.BgpGroup", `BGP group ${g.id} is ${gs}; peers are added to an Available group.`);
    const ipVersion = ipVersionParam(p) ?? g.ipVersion;
    if (ipVersion !== g.ipVersion) throw new AliError(400, "InvalidParameter.IpVersion", `BGP group ${g.id} is ${g.ipVersion}; its peers must be ${g.ipVersion} too (got ${ipVersion}).`);
    this.checkPeerIp(p.PeerIpAddress, ipVersion);
    const { enableBfd, bfdMultiHop } = this.bfd(p, false, undefined);
    const onVbr = this.peersOnVbr(g.vbrId);
    if (onVbr.length >= PEERS_PER_VBR) throw new AliError(400, "QuotaExceeded.Bgp", `bgp peer count per vbr quota exceed: VBR ${g.vbrId} has ${onVbr.length} BGP peers (at most ${PEERS_PER_VBR}).`);
    const now = this.now;
    const peer: BgpPeerRecord = {
      id: `bgp-${shortId(20)}`,
      owner,
      region: g.region,
      groupId: g.id,
      peerIp: p.PeerIpAddress || undefined,
      ipVersion,
      enableBfd,
      bfdMultiHop,
      createdAt: now,
      modifiedAt: now,
      changedAt: now,
      status: new Timeline(now, "Pending").schedule(now + this.ctx.delay("alibaba", "bgpProvision"), "Available"),
      flaps: [],
    };
    peer.silent = this.w.stalled("bgpSession", peer.id) || undefined;
    this.peers.set(peer.id, peer);
    return peer;
  }

  modifyPeer(owner: string, p: Record<string, string>): void {
    const peer = this.modifiable("BgpPeer", this.peerFor(owner, p.BgpPeerId));
    let groupId = peer.groupId;
    if (p.BgpGroupId !== undefined && p.BgpGroupId !== peer.groupId) {
      const g = this.groupFor(owner, p.BgpGroupId);
      const from = this.groups.get(peer.groupId)!;
      if (g.vbrId !== from.vbrId || g.ipVersion !== peer.ipVersion) throw new AliError(400, "InvalidParameter.BgpGroupId", `BGP peer ${peer.id} can move only to a ${peer.ipVersion} group of VBR ${from.vbrId}.`);
      groupId = g.id;
    }
    if (p.PeerIpAddress !== undefined) this.checkPeerIp(p.PeerIpAddress, peer.ipVersion);
    const { enableBfd, bfdMultiHop } = this.bfd(p, peer.enableBfd, peer.bfdMultiHop);
    peer.groupId = groupId;
    if (p.PeerIpAddress !== undefined) peer.peerIp = p.PeerIpAddress || undefined;
    peer.enableBfd = enableBfd;
    peer.bfdMultiHop = bfdMultiHop;
    peer.modifiedAt = peer.changedAt = this.now;
    this.settle(peer.status, "Modifying", "bgpUpdate");
  }

  deletePeer(owner: string, id: string | undefined): void {
    const peer = this.peerFor(owner, id);
    if (!this.deletable("BgpPeer", peer)) return;
    this.deleteLater(peer.status);
  }

  private checkPeerIp(ip: string | undefined, family: IpVersion): void {
    if (ip === undefined || ip === "") return;
    const parsed = parseIp(ip);
    if (!parsed || parsed.family !== (family === "IPv6" ? 6 : 4)) throw new AliError(400, "InvalidPeerIpAddress", `PeerIpAddress ${ip} is not an ${family} address.`);
  }

  /** EnableBfd and BfdMultiHop (1 to 255; 255 when BFD is turned on without one). */
  private bfd(p: Record<string, string>, enabled: boolean, hops: number | undefined): { enableBfd: boolean; bfdMultiHop?: number } {
    const enableBfd = bool(p.EnableBfd, "EnableBfd") ?? enabled;
    const given = p.BfdMultiHop !== undefined ? intIn(p, "BfdMultiHop", 1, 255) : undefined;
    if (!enableBfd) return { enableBfd, bfdMultiHop: undefined };
    return { enableBfd, bfdMultiHop: given ?? hops ?? DEFAULT_BFD_MULTI_HOP };
  }

  // ---- sessions ----------------------------------------------------------------------------------

  /** Alibaba's end of a peer's session. */
  localEnd(peer: BgpPeerRecord): BgpSpeaker {
    const g = this.groups.get(peer.groupId)!;
    const v = this.w.vbrs.get(g.vbrId);
    const pc = v ? this.w.connections.get(v.pcId) : undefined;
    const now = this.now;
    const six = peer.ipVersion === "IPv6";
    const ip = six ? v?.localIpv6GatewayIp : v?.localGatewayIp;
    const prefix = prefixOfMask(v?.peeringSubnetMask);
    const subnet = six ? v?.peeringIpv6SubnetMask : ip && prefix !== undefined ? `${ip}/${prefix}` : undefined;
    const peerStatus = this.peerStatus(peer);
    const groupStatus = this.groupStatus(g);
    const vbrStatus = v ? this.w.vbrStatus(v) : "deleted";
    const pcStatus = pc ? this.w.statusOf(pc) : undefined;
    let down: string | undefined;
    if (!pc || pcStatus !== "Enabled") down = `physical connection ${v?.pcId ?? "?"} is ${pcStatus ?? "gone"}, not Enabled`;
    else if (vbrStatus !== "active") down = `VBR ${g.vbrId} is ${vbrStatus}, not active`;
    else if (groupStatus === "Pending") down = `BGP group ${g.id} is still Pending`;
    else if (peerStatus === "Pending") down = `BGP peer ${peer.id} is still Pending`;
    const lastFlapEnd = Math.max(0, ...peer.flaps.map(([, to]) => to).filter((to) => to <= now));
    return {
      name: `Alibaba's BGP peer ${peer.id}`,
      configured: this.peerListed(peer) && peerStatus !== "Deleting" && groupStatus !== "Deleting",
      down,
      ip,
      subnet,
      neighborIp: peer.peerIp,
      asn: g.localAsn,
      neighborAsn: g.peerAsn,
      md5Key: g.authKey,
      changedAt: Math.max(
        peer.changedAt,
        g.changedAt,
        this.vbrChangedAt.get(g.vbrId) ?? 0,
        v ? v.status.since(now) : 0,
        pc ? pc.status.since(now) : 0,
        peer.status.timeOf((s) => s === "Available") ?? 0,
        g.status.timeOf((s) => s === "Available") ?? 0,
        lastFlapEnd,
      ),
    };
  }

  /** The far end of a peer's session: the router the admin stands in, else what the links find (a Fabric Cloud Router). */
  remoteOf(peer: BgpPeerRecord): { speaker?: BgpSpeaker; none?: string } {
    const g = this.groups.get(peer.groupId)!;
    const v = this.w.vbrs.get(g.vbrId);
    if (!v) return { none: `VBR ${g.vbrId} is gone` };
    const pc = this.w.connections.get(v.pcId);
    const router = this.customerRouters.get(v.id);
    if (router) {
      const six = peer.ipVersion === "IPv6";
      const ownIp = parseIp(router.ip);
      if (ownIp && (ownIp.family === 6) === six) {
        const prefix = prefixOfMask(v.peeringSubnetMask);
        return {
          speaker: {
            name: "your router",
            configured: true,
            ip: router.ip,
            subnet: six ? v.peeringIpv6SubnetMask : prefix !== undefined ? `${router.ip}/${prefix}` : undefined,
            neighborIp: router.neighborIp ?? (six ? v.localIpv6GatewayIp : v.localGatewayIp),
            asn: router.asn,
            neighborAsn: router.peerAsn ?? ALIBABA_ASN,
            md5Key: router.md5Key,
            changedAt: router.changedAt,
          },
        };
      }
    }
    const speaker = this.remoteEnd?.(v, pc, peer.ipVersion);
    if (speaker) return { speaker };
    const where = !pc
      ? `physical connection ${v.pcId} is gone`
      : pc.partner
        ? `hosted connection ${pc.id} was made by ${pc.partner.api} for ${pc.partner.ref}, where the sandbox finds no BGP speaker`
        : `${pc.productType === "VirtualPhysicalConnection" ? "hosted" : "dedicated"} connection ${pc.id} leads to your own router, which the sandbox does not simulate (POST /_sandbox/alibaba/vbrs/${v.id}/customerRouter stands one in)`;
    return { none: `nothing answers at ${peer.peerIp ?? "(no address)"}: ${where}` };
  }

  /** The session of a peer now: computed from both ends, then the admin's faults. */
  session(peer: BgpPeerRecord): BgpSession {
    const now = this.now;
    if (peer.forced) return { state: peer.forced.state, reason: peer.forced.reason, since: peer.modifiedAt };
    const local = this.localEnd(peer);
    const remote = this.remoteOf(peer);
    const base = computeSession(local, remote.speaker, now, this.ctx.delay("alibaba", "bgpEstablish"), remote.none);
    if (base.state === "Idle") return base;
    if (peer.silent) return { state: "Active", reason: `the far end never answers at ${peer.peerIp} (a stall the sandbox was told to make; POST /_sandbox/alibaba/rules/reset ends it)`, since: local.changedAt };
    const flap = peer.flaps.find(([from, to]) => from <= now && now < to);
    if (flap) return { state: "Idle", reason: `the session went down (a flap the sandbox was told to make); it restarts at ${iso(flap[1])}`, since: flap[0] };
    return base;
  }

  /** The admin's view of a peer's session. */
  sessionView(peer: BgpPeerRecord): BgpSessionView {
    const s = this.session(peer);
    const local = this.localEnd(peer);
    const remote = this.remoteOf(peer).speaker;
    const shown = (x: BgpSpeaker) => ({ name: x.name, configured: x.configured, down: x.down ?? null, ip: x.ip ?? null, subnet: x.subnet ?? null, neighborIp: x.neighborIp ?? null, asn: x.asn ?? null, neighborAsn: x.neighborAsn ?? null, md5Key: x.md5Key ? "set" : "none" });
    return { bgpPeerId: peer.id, state: s.state, ...(s.reason ? { reason: s.reason } : {}), since: new Date(s.since).toISOString(), local: shown(local), remote: remote ? shown(remote) : null };
  }

  // ---- rendering ---------------------------------------------------------------------------------

  /** A group as DescribeBgpGroups returns it (every field a string, as the official SDK's model types them). */
  renderGroup(g: BgpGroupRecord): Record<string, unknown> {
    return {
      BgpGroupId: g.id,
      Name: g.name ?? "",
      Description: g.description ?? "",
      Status: this.groupStatus(g),
      RouterId: g.vbrId,
      RegionId: g.region,
      PeerAsn: String(g.peerAsn),
      LocalAsn: String(g.localAsn),
      AuthKey: g.authKey ?? "",
      IpVersion: g.ipVersion,
      IsFake: String(g.isFake),
      Hold: "30",
      Keepalive: "10",
      RouteLimit: String(g.routeQuota),
    };
  }

  /** A peer as DescribeBgpPeers returns it (numbers and booleans where the official SDK's model has them). */
  renderPeer(p: BgpPeerRecord): Record<string, unknown> {
    const g = this.groups.get(p.groupId)!;
    const s = this.session(p);
    const up = s.state === "Established";
    return {
      BgpPeerId: p.id,
      BgpGroupId: p.groupId,
      RouterId: g.vbrId,
      RegionId: p.region,
      Name: g.name ?? "",
      Description: g.description ?? "",
      PeerIpAddress: p.peerIp ?? "",
      PeerAsn: String(g.peerAsn),
      LocalAsn: String(g.localAsn),
      AuthKey: g.authKey ?? "",
      IpVersion: p.ipVersion,
      IsFake: g.isFake,
      Hold: "30",
      Keepalive: "10",
      RouteLimit: String(g.routeQuota),
      EnableBfd: p.enableBfd,
      ...(p.bfdMultiHop !== undefined ? { BfdMultiHop: p.bfdMultiHop } : {}),
      Status: this.peerStatus(p),
      BgpStatus: s.state,
      AdvertisedRouteCount: up ? 1 : 0,
      ReceivedRouteCount: up ? 1 : 0,
      // The model's format: yyyy-MM-ddTHH:mmZ.
      GmtModified: new Date(p.modifiedAt).toISOString().replace(/:\d{2}\.\d{3}Z$/, "Z"),
    };
  }

  // ---- out of band (admin) -------------------------------------------------------------------------

  updateGroupOutOfBand(id: string, c: BgpGroupChanges): void {
    const g = this.groups.get(id);
    if (!g || !this.groupListed(g)) throw new Error(`no BGP group ${id}`);
    if (c.name !== undefined) g.name = c.name || undefined;
    if (c.description !== undefined) g.description = c.description || undefined;
    if (c.peerAsn !== undefined) g.peerAsn = c.peerAsn;
    if (c.localAsn !== undefined) g.localAsn = c.localAsn;
    if (c.routeQuota !== undefined) g.routeQuota = c.routeQuota;
    if (c.authKey !== undefined) g.authKey = c.authKey || undefined;
    g.changedAt = this.now;
  }

  updatePeerOutOfBand(id: string, c: BgpPeerChanges): void {
    const p = this.peers.get(id);
    if (!p || !this.peerListed(p)) throw new Error(`no BGP peer ${id}`);
    if (c.peerIpAddress !== undefined) p.peerIp = c.peerIpAddress || undefined;
    if (c.enableBfd !== undefined) p.enableBfd = c.enableBfd;
    if (c.bfdMultiHop !== undefined) p.bfdMultiHop = c.bfdMultiHop;
    if (!p.enableBfd) p.bfdMultiHop = undefined;
    p.modifiedAt = p.changedAt = this.now;
  }

  /** Gone at once, its peers with it. */
  deleteGroupOutOfBand(id: string): void {
    if (!this.groups.has(id)) throw new Error(`no BGP group ${id}`);
    for (const p of [...this.peers.values()].filter((x) => x.groupId === id)) this.peers.delete(p.id);
    this.groups.delete(id);
  }

  deletePeerOutOfBand(id: string): void {
    if (!this.peers.delete(id)) throw new Error(`no BGP peer ${id}`);
  }

  livePeerFor(id: string): BgpPeerRecord {
    const p = this.peers.get(id);
    if (!p || !this.peerListed(p)) throw new Error(`no BGP peer ${id}`);
    return p;
  }

  /** Holds the session in a state (null lets it be computed again). */
  setStatus(id: string, state: BgpState | null, reason?: string): void {
    const p = this.livePeerFor(id);
    const states: BgpState[] = ["Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established"];
    if (state !== null && !states.includes(state)) throw new Error(`state must be one of ${states.join(", ")} or null (got ${JSON.stringify(state)})`);
    p.forced = state === null ? undefined : { state, reason: reason ?? `held ${state} by the sandbox's admin` };
    p.modifiedAt = this.now;
  }

  /**
   * The session goes down `times` times (default 1), for `downMs` each (default 4 x the establish delay),
   * starting now and then every `everyMs` (default twice `downMs` plus the establish delay); after each
   * window it restarts and passes OpenSent and OpenConfirm again.
   */
  flap(id: string, o: { downMs?: number; times?: number; everyMs?: number } = {}): Array<[number, number]> {
    const p = this.livePeerFor(id);
    const establish = this.ctx.delay("alibaba", "bgpEstablish");
    const downMs = o.downMs ?? Math.max(4 * establish, 1);
    const times = o.times ?? 1;
    const every = o.everyMs ?? 2 * downMs + establish;
    for (const [k, v] of Object.entries({ downMs, times, everyMs: every })) {
      if (!Number.isFinite(v) || v <= 0 || (k === "times" && !Number.isInteger(v))) throw new Error(`${k} must be a positive ${k === "times" ? "whole " : ""}number (got ${v})`);
    }
    if (every < downMs) throw new Error(`everyMs (${every}) must be at least downMs (${downMs})`);
    const windows: Array<[number, number]> = Array.from({ length: times }, (_, i) => [this.now + i * every, this.now + i * every + downMs]);
    p.flaps.push(...windows);
    return windows;
  }

  /** The far end of this peer never answers (id), or of the next peers created (rule). */
  silence(id: string): void {
    this.livePeerFor(id).silent = true;
  }

  resetRules(): void {
    for (const p of this.peers.values()) {
      p.silent = undefined;
      p.forced = undefined;
      p.flaps = [];
    }
  }

  setCustomerRouter(vbrId: string, r: Omit<CustomerRouter, "changedAt"> | null): void {
    const v = this.w.vbrs.get(vbrId);
    if (!v || this.w.vbrStatus(v) === "deleted") throw new Error(`no VBR ${vbrId}`);
    if (r === null) {
      this.customerRouters.delete(vbrId);
      return;
    }
    if (!parseIp(r.ip)) throw new Error(`ip must be an IPv4 or IPv6 address (got ${JSON.stringify(r.ip)})`);
    if (r.neighborIp !== undefined && !parseIp(r.neighborIp)) throw new Error(`neighborIp must be an IPv4 or IPv6 address (got ${JSON.stringify(r.neighborIp)})`);
    for (const k of ["asn", "peerAsn"] as const) {
      const n = r[k];
      if ((k === "asn" || n !== undefined) && (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 4294967294)) throw new Error(`${k} must be an ASN from 1 to 4294967294 (got ${n})`);
    }
    this.customerRouters.set(vbrId, { ip: r.ip, asn: r.asn, peerAsn: r.peerAsn, neighborIp: r.neighborIp, md5Key: r.md5Key || undefined, changedAt: this.now });
  }
}
