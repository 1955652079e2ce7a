import type { Request, Router } from "express";
import { AdminRoutes, type AdminRouteInfo } from "../core/adminRoutes";
import type { SandboxContext } from "../core/api";
import { renderPc, renderVbr } from "./render";
import type { BgpState } from "../core/bgp";
import type { BgpGroupChanges, BgpPeerChanges, BgpSessionView, CustomerRouter } from "./bgp";
import type { StallTarget } from "./world";

/** Out-of-band changes to the Alibaba side, as the console, the partner or an outage would make them. */
export interface AlibabaAdmin {
  /** STS credentials (AccessKeyId, AccessKeySecret, SecurityToken) for the tenant account */
  issueStsCredentials(): { accessKeyId: string; accessKeySecret: string; securityToken: string };
  /** a partner creates a hosted connection in the tenant's account (UnConfirmed); returns its id */
  createHostedConnection(o: { vlan: number; bandwidth: number; name?: string; accountId?: string; accessPointId?: string; orderMode?: string }): string;
  /** console termination (VBRs deleted first): Terminated at once */
  terminateConnection(id: string): void;
  /** the connection disappears (VBRs too) */
  deleteConnection(id: string): void;
  updateConnection(id: string, changes: { name?: string; description?: string; bandwidth?: number; circuitCode?: string; peerLocation?: string }): void;
  /** forces a status: Rejected, "Allocation Failed", Terminated ... */
  setConnectionStatus(id: string, status: string): void;
  updateVbr(id: string, changes: { name?: string; description?: string; localGatewayIp?: string; peerGatewayIp?: string; peeringSubnetMask?: string; vlanId?: number; mtu?: number; bandwidth?: number }): void;
  deleteVbr(id: string): void;
  /**
   * the transition never completes for the next matching connections/VBRs (all when `times` is omitted);
   * `bgpSession`: the far end of the next BGP peers created (or of peer `id`) never answers
   */
  stall(target: StallTarget, opts?: { id?: string; times?: number }): void;
  resetRules(): void;
  /** as DescribePhysicalConnections renders it now, whoever owns it */
  connection(id: string): Record<string, unknown> | undefined;
  vbr(id: string): Record<string, unknown> | undefined;
  /** a BGP group as DescribeBgpGroups returns it (its AuthKey too, as Alibaba's answer carries it) */
  bgpGroup(id: string): Record<string, unknown> | undefined;
  /** a BGP peer as DescribeBgpPeers returns it (BgpStatus: the session's state) */
  bgpPeer(id: string): Record<string, unknown> | undefined;
  /** the session of a BGP peer: its state, why it is not Established, since when, and both ends (MD5 keys named "set" or "none", never shown) */
  bgpSession(id: string): BgpSessionView | undefined;
  /** a console edit of a BGP group (`authKey: null` removes the key): its sessions restart with the new values */
  updateBgpGroup(id: string, changes: BgpGroupChanges): void;
  /** a console edit of a BGP peer */
  updateBgpPeer(id: string, changes: BgpPeerChanges): void;
  /** the group disappears, its peers with it */
  deleteBgpGroup(id: string): void;
  deleteBgpPeer(id: string): void;
  /** holds a peer's session in a state, with a reason; null computes it again */
  setBgpStatus(id: string, state: BgpState | null, reason?: string): void;
  /** the session goes down `times` times (default 1) for `downMs` each, every `everyMs`, then comes back; returns the windows (sandbox ms) */
  flapBgpPeer(id: string, opts?: { downMs?: number; times?: number; everyMs?: number }): Array<[number, number]>;
  /** stands your router in at the far end of a VBR (a dedicated connection's, or a port A side's), or removes it (null) */
  setCustomerRouter(vbrId: string, router: Omit<CustomerRouter, "changedAt"> | null): void;
}

export function createAlibabaAdmin(ctx: SandboxContext): AlibabaAdmin {
  const w = ctx.world.alibaba;
  return {
    issueStsCredentials: () => {
      const s = w.issueStsCredentials();
      return { accessKeyId: s.accessKeyId, accessKeySecret: s.accessKeySecret, securityToken: s.securityToken! };
    },
    createHostedConnection: (o) => w.createHosted({ owner: o.accountId ?? w.tenant.accountId, vlan: o.vlan, bandwidth: o.bandwidth, name: o.name, accessPointId: o.accessPointId, orderMode: o.orderMode }).id,
    terminateConnection: (id) => w.terminateOutOfBand(id),
    deleteConnection: (id) => w.deletePcOutOfBand(id),
    updateConnection: (id, changes) => w.updatePcOutOfBand(id, changes),
    setConnectionStatus: (id, status) => w.setStatusOutOfBand(id, status),
    updateVbr: (id, changes) => w.updateVbrOutOfBand(id, changes),
    deleteVbr: (id) => w.deleteVbrOutOfBand(id),
    stall: (target, opts) => {
      if (target === "bgpSession" && opts?.id) return w.bgp.silence(opts.id);
      w.stall(target, opts);
    },
    resetRules: () => w.resetRules(),
    connection: (id) => {
      const pc = w.connections.get(id);
      return pc ? renderPc(w, pc) : undefined;
    },
    vbr: (id) => {
      const v = w.vbrs.get(id);
      return v && w.vbrStatus(v) !== "deleted" ? renderVbr(w, v) : undefined;
    },
    bgpGroup: (id) => {
      const g = w.bgp.liveGroups().find((x) => x.id === id);
      return g ? w.bgp.renderGroup(g) : undefined;
    },
    bgpPeer: (id) => {
      const p = w.bgp.livePeers().find((x) => x.id === id);
      return p ? w.bgp.renderPeer(p) : undefined;
    },
    bgpSession: (id) => {
      const p = w.bgp.livePeers().find((x) => x.id === id);
      return p ? w.bgp.sessionView(p) : undefined;
    },
    updateBgpGroup: (id, changes) => w.bgp.updateGroupOutOfBand(id, changes),
    updateBgpPeer: (id, changes) => w.bgp.updatePeerOutOfBand(id, changes),
    deleteBgpGroup: (id) => w.bgp.deleteGroupOutOfBand(id),
    deleteBgpPeer: (id) => w.bgp.deletePeerOutOfBand(id),
    setBgpStatus: (id, state, reason) => w.bgp.setStatus(id, state, reason),
    flapBgpPeer: (id, opts) => w.bgp.flap(id, opts),
    setCustomerRouter: (vbrId, router) => w.bgp.setCustomerRouter(vbrId, router),
  };
}

/** HTTP mirror, under /_sandbox/alibaba; an unknown connection or VBR id is a 404 {error}, as the other APIs' admin routes answer it. @internal */
export function alibabaAdminRoutes(router: Router, ctx: SandboxContext, base: string): AdminRouteInfo[] {
  const r = new AdminRoutes(router, base, /^no (physical connection|VBR|BGP group|BGP peer) /);
  const admin = () => ctx.admin.alibaba as AlibabaAdmin;
  const id = (req: Request) => String(req.params.id);
  const missing = (what: string) => (x: string) => `no ${what} ${x}`;
  r.action("POST", "/sts", "STS credentials for the tenant account {accessKeyId, accessKeySecret, securityToken}", () => admin().issueStsCredentials());
  r.action("POST", "/hosted", "a partner creates a hosted connection in the account (UnConfirmed): body {vlan, bandwidth, name?, accountId?, accessPointId?, orderMode?} -> {id}", (req) => ({ id: admin().createHostedConnection(req.body) }));
  r.read("/connections/:id", "a physical connection as DescribePhysicalConnections returns it, whoever owns it", (x) => admin().connection(x), missing("physical connection"));
  r.action("PATCH", "/connections/:id", "a console edit: body {name?, description?, bandwidth?, circuitCode?, peerLocation?}", (req) => admin().updateConnection(id(req), req.body ?? {}));
  r.action("POST", "/connections/:id/terminate", "console termination (VBRs deleted first): Terminated at once", (req) => admin().terminateConnection(id(req)));
  r.action("POST", "/connections/:id/status", "forces a status: body {status} (Rejected, AllocationFailed, Terminated ...)", (req) => admin().setConnectionStatus(id(req), String(req.body?.status)));
  r.action("DELETE", "/connections/:id", "the connection disappears (its VBRs too)", (req) => admin().deleteConnection(id(req)));
  r.read("/vbrs/:id", "a VBR as DescribeVirtualBorderRouters returns it", (x) => admin().vbr(x), missing("VBR"));
  r.action("PATCH", "/vbrs/:id", "a console edit of a VBR: body {name?, description?, localGatewayIp?, peerGatewayIp?, peeringSubnetMask?, vlanId?, mtu?, bandwidth?}", (req) => admin().updateVbr(id(req), req.body ?? {}));
  r.action("DELETE", "/vbrs/:id", "the VBR disappears", (req) => admin().deleteVbr(id(req)));
  r.read("/bgpGroups/:id", "a BGP group as DescribeBgpGroups returns it", (x) => admin().bgpGroup(x), missing("BGP group"));
  r.action("PATCH", "/bgpGroups/:id", "a console edit of a BGP group: body {name?, description?, peerAsn?, localAsn?, authKey? (null removes it), routeQuota?}", (req) => admin().updateBgpGroup(id(req), req.body ?? {}));
  r.action("DELETE", "/bgpGroups/:id", "the BGP group disappears, its peers with it", (req) => admin().deleteBgpGroup(id(req)));
  r.read("/bgpPeers/:id", "a BGP peer as DescribeBgpPeers returns it", (x) => admin().bgpPeer(x), missing("BGP peer"));
  r.read("/bgpPeers/:id/session", "the peer's BGP session: {state, reason, since, local, remote} (why it is not Established)", (x) => admin().bgpSession(x), missing("BGP peer"));
  r.action("PATCH", "/bgpPeers/:id", "a console edit of a BGP peer: body {peerIpAddress?, enableBfd?, bfdMultiHop?}", (req) => admin().updateBgpPeer(id(req), req.body ?? {}));
  r.action("DELETE", "/bgpPeers/:id", "the BGP peer disappears", (req) => admin().deleteBgpPeer(id(req)));
  r.action("POST", "/bgpPeers/:id/status", "holds the session in a state: body {state: Idle|Connect|Active|OpenSent|OpenConfirm|Established|null, reason?}", (req) =>
    admin().setBgpStatus(id(req), req.body?.state ?? null, req.body?.reason),
  );
  r.action("POST", "/bgpPeers/:id/flap", "the session goes down and comes back: body {downMs?, times?, everyMs?} -> {windows}", (req) => ({ windows: admin().flapBgpPeer(id(req), req.body ?? {}) }));
  r.action("POST", "/vbrs/:id/customerRouter", "stands your router in at the VBR's far end: body {ip, asn, peerAsn? (45104), neighborIp?, md5Key?}", (req) => admin().setCustomerRouter(id(req), req.body ?? {}));
  r.action("DELETE", "/vbrs/:id/customerRouter", "removes the router stood in at the VBR's far end", (req) => admin().setCustomerRouter(id(req), null));
  r.action("POST", "/stall", "a transition never completes: body {target: approval|allocation|enable|terminate|vbrDelete|bgpSession, id?, times?} (bgpSession: the far end never answers)", (req) =>
    admin().stall(req.body?.target, { id: req.body?.id, times: req.body?.times }),
  );
  r.action("POST", "/rules/reset", "forgets the stall rules, forced BGP states and flaps", () => admin().resetRules());
  return r.list;
}
