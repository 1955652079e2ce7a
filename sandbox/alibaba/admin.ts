import type { Request, Router } from "express";
import { AdminRoutes, type AdminRouteInfo } from "../core/adminRoutes";
import type { SandboxContext } from "../core/api";
import { renderPc, renderVbr } from "./render";
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
  /** the transition never completes for the next matching connections/VBRs (all when `times` is omitted) */
  stall(target: StallTarget, opts?: { id?: string; times?: number }): void;
  resetRules(): void;
  /** as DescribePhysicalConnections renders it now, whoever owns it */
  connection(id: string): Record<string, unknown> | undefined;
  vbr(id: string): Record<string, unknown> | undefined;
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
    stall: (target, opts) => w.stall(target, opts),
    resetRules: () => w.resetRules(),
    connection: (id) => {
      const pc = w.connections.get(id);
      return pc ? renderPc(w, pc) : undefined;
    },
    vbr: (id) => {
      const v = w.vbrs.get(id);
      return v && w.vbrStatus(v) !== "deleted" ? renderVbr(w, v) : undefined;
    },
  };
}

/** HTTP mirror, under /_sandbox/alibaba; an unknown connection or VBR id is a 404 {error}, as the other APIs' admin routes answer it. @internal */
export function alibabaAdminRoutes(router: Router, ctx: SandboxContext, base: string): AdminRouteInfo[] {
  const r = new AdminRoutes(router, base, /^no (physical connection|VBR) /);
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
  r.action("POST", "/stall", "a transition never completes: body {target: approval|allocation|enable|terminate|vbrDelete, id?, times?}", (req) => admin().stall(req.body?.target, { id: req.body?.id, times: req.body?.times }));
  r.action("POST", "/rules/reset", "forgets the stall rules", () => admin().resetRules());
  return r.list;
}
