import type { Request, Router } from "express";
import { adminAction } from "../core/adminRoutes";
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

/** HTTP mirror, under /_sandbox/alibaba. @internal */
export function alibabaAdminRoutes(r: Router, ctx: SandboxContext): void {
  const admin = () => ctx.admin.alibaba as AlibabaAdmin;
  // An unknown id is a 404 {error}, as the other APIs' admin routes answer it.
  const safe = (fn: (req: Request) => unknown) => adminAction(fn, /^no (physical connection|VBR) /);
  const found = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no ${what}`);
    return value;
  };
  r.post("/sts", safe(() => admin().issueStsCredentials()));
  r.post("/hosted", safe((req) => ({ id: admin().createHostedConnection(req.body) })));
  r.get("/connections/:id", safe((req) => found(admin().connection(String(req.params.id)), `physical connection ${req.params.id}`)));
  r.patch("/connections/:id", safe((req) => admin().updateConnection(String(req.params.id), req.body ?? {})));
  r.post("/connections/:id/terminate", safe((req) => admin().terminateConnection(String(req.params.id))));
  r.post("/connections/:id/status", safe((req) => admin().setConnectionStatus(String(req.params.id), String(req.body?.status))));
  r.delete("/connections/:id", safe((req) => admin().deleteConnection(String(req.params.id))));
  r.get("/vbrs/:id", safe((req) => found(admin().vbr(String(req.params.id)), `VBR ${req.params.id}`)));
  r.patch("/vbrs/:id", safe((req) => admin().updateVbr(String(req.params.id), req.body ?? {})));
  r.delete("/vbrs/:id", safe((req) => admin().deleteVbr(String(req.params.id))));
  r.post("/stall", safe((req) => admin().stall(req.body?.target, { id: req.body?.id, times: req.body?.times })));
  r.post("/rules/reset", safe(() => admin().resetRules()));
}
