import type { Request, Router } from "express";
import { AdminRoutes, type AdminRouteInfo } from "../core/adminRoutes";
import type { SandboxContext } from "../core/api";
import type { NewCloudRouter, NewServiceToken, NewVirtualDevice } from "./aSides";
import { renderCloudRouter, renderConnection, renderServiceToken, renderVirtualDevice } from "./render";
import type { EquinixWorld, StallMatcher } from "./world";
import { createRoutingAdmin, routingAdminRoutes, type RoutingAdmin } from "./routers";

/** Out-of-band changes to the Equinix side, as the portal, the provider or an outage would make them. */
export interface EquinixAdmin extends RoutingAdmin {
  /** a portal edit, applied at once (change COMPLETED) */
  updateConnection(uuid: string, changes: { name?: string; bandwidth?: number; vlanTag?: number; notifications?: { type: string; emails: string[] }[]; termLength?: number }): void;
  /** a portal delete: DEPROVISIONED at once */
  deleteConnection(uuid: string): void;
  /** the provider (Alibaba) accepted the connection */
  providerAccept(uuid: string): void;
  /** the provider rejected the connection */
  providerReject(uuid: string): void;
  /** the provider side was deleted: Fabric deprovisions */
  providerDeleted(uuid: string): void;
  setProviderConnectionId(uuid: string, providerConnectionId: string): void;
  /** provisioning never finishes for matching connections ("next": the next one created) */
  stallProvisioning(matcher: StallMatcher): string[];
  /** the provider rejects the next created connection(s) */
  rejectNext(count?: number): void;
  /** forget stall rules and pending rejections */
  resetRules(): void;
  /** clears the lock set after 5 invalid token requests in a row */
  unlockAccount(): void;
  /** a connection as GET /fabric/v4/connections/{id} would return it now */
  connection(uuid: string): Record<string, unknown> | undefined;

  // ---- A sides other than ports (seeded ones: SERVICE_TOKEN_SEEDS, CLOUD_ROUTER_SEEDS, VIRTUAL_DEVICE_SEEDS)
  /** issues an A-side service token for a port (ACTIVE, expires in a year unless `expiresInMs`); returns its uuid */
  createServiceToken(o: NewServiceToken): string;
  /** the portal's deactivate (INACTIVE), reactivate (ACTIVE) or delete (DELETED) */
  setServiceTokenState(uuid: string, state: "ACTIVE" | "INACTIVE" | "DELETED"): void;
  /** the token's expiry date passes now (state EXPIRED) */
  expireServiceToken(uuid: string): void;
  /** a token as GET /fabric/v4/serviceTokens/{id} returns it */
  serviceToken(uuid: string): Record<string, unknown> | undefined;
  /** orders a Fabric Cloud Router (PROVISIONED unless `state`); returns its uuid */
  createCloudRouter(o: NewCloudRouter): string;
  setCloudRouterState(uuid: string, state: string): void;
  /** a router as GET /fabric/v4/routers/{id} returns it */
  cloudRouter(uuid: string): Record<string, unknown> | undefined;
  /** creates a Network Edge device (PROVISIONED unless `status`); returns its uuid */
  createVirtualDevice(o: NewVirtualDevice): string;
  setVirtualDeviceStatus(uuid: string, status: string): void;
  /** a device as GET /ne/v1/devices/{uuid} returns it */
  virtualDevice(uuid: string): Record<string, unknown> | undefined;
}

export function createEquinixAdmin(ctx: SandboxContext, w: EquinixWorld): EquinixAdmin {
  return {
    ...createRoutingAdmin(ctx, w),
    updateConnection: (uuid, changes) => void w.portalUpdate(uuid, changes),
    deleteConnection: (uuid) => void w.portalDelete(uuid),
    providerAccept: (uuid) => void w.providerAccept(uuid),
    providerReject: (uuid) => void w.providerReject(uuid),
    providerDeleted: (uuid) => void w.equinixProviderDeleted(uuid),
    setProviderConnectionId: (uuid, id) => void w.setProviderConnectionId(uuid, id),
    stallProvisioning: (m) => w.stallProvisioning(m),
    rejectNext: (n) => w.rejectNext(n ?? 1),
    resetRules: () => w.resetRules(),
    unlockAccount: () => {
      w.auth.failedAttempts = 0;
    },
    connection: (uuid) => {
      const r = w.get(uuid);
      return r ? renderConnection(w, r, ctx.url(), ctx.clock.now()) : undefined;
    },
    createServiceToken: (o) => w.aSides.createServiceToken(o).uuid,
    setServiceTokenState: (uuid, state) => void w.aSides.setServiceTokenState(uuid, state),
    expireServiceToken: (uuid) => void w.aSides.expireServiceToken(uuid),
    serviceToken: (uuid) => {
      const t = w.aSides.tokens.get(uuid);
      return t ? renderServiceToken(w.aSides, t, ctx.url()) : undefined;
    },
    createCloudRouter: (o) => w.aSides.createCloudRouter(o).uuid,
    setCloudRouterState: (uuid, state) => void w.aSides.setCloudRouterState(uuid, state),
    cloudRouter: (uuid) => {
      const r = w.aSides.routers.get(uuid);
      return r ? renderCloudRouter(r, ctx.url(), w.aSides.routerConnections(uuid, w.live()).length, w.aSides.routerState(r), ctx.clock.now()) : undefined;
    },
    createVirtualDevice: (o) => w.aSides.createVirtualDevice(o).uuid,
    setVirtualDeviceStatus: (uuid, status) => void w.aSides.setVirtualDeviceStatus(uuid, status),
    virtualDevice: (uuid) => {
      const d = w.aSides.devices.get(uuid);
      if (!d) return undefined;
      const used = new Set(d.interfaces.filter((i) => w.aSides.interfaceUser(uuid, i.id, w.vlanHolders())).map((i) => i.id));
      return renderVirtualDevice(d, used);
    },
  };
}

/** HTTP mirror, under /_sandbox/equinix. @internal */
export function equinixAdminRoutes(router: Router, ctx: SandboxContext, base: string): AdminRouteInfo[] {
  const r = new AdminRoutes(router, base, /uuid not found/);
  const admin = () => ctx.admin.equinix as EquinixAdmin;
  const id = (req: Request) => String(req.params.uuid);
  r.read("/connections/:uuid", "a connection as GET /fabric/v4/connections/{uuid} returns it now", (uuid) => admin().connection(uuid), (uuid) => `no connection ${uuid}`);
  r.action("POST", "/connections/:uuid/update", "a portal edit, applied at once: body {name?, bandwidth?, vlanTag?, notifications?, termLength?}", (req) => admin().updateConnection(id(req), req.body ?? {}));
  r.action("POST", "/connections/:uuid/delete", "a portal delete: DEPROVISIONED at once", (req) => admin().deleteConnection(id(req)));
  r.action("POST", "/connections/:uuid/accept", "the seller accepts the connection (PENDING_APPROVAL -> PROVISIONED)", (req) => admin().providerAccept(id(req)));
  r.action("POST", "/connections/:uuid/reject", "the seller rejects the connection (FAILED/REJECTED)", (req) => admin().providerReject(id(req)));
  r.action("POST", "/connections/:uuid/providerDeleted", "the seller's side was deleted: Fabric deprovisions", (req) => admin().providerDeleted(id(req)));
  r.action("POST", "/connections/:uuid/providerConnectionId", "records the seller's id: body {providerConnectionId}", (req) => admin().setProviderConnectionId(id(req), String(req.body?.providerConnectionId ?? "")));
  r.action("POST", "/stallProvisioning", "provisioning never finishes for matching connections: body {next: true} | {uuid} | {name} | {namePattern}", (req) => {
    const b = req.body ?? {};
    const m: StallMatcher = b === "next" || b.next === true || Object.keys(b).length === 0 ? "next" : { uuid: b.uuid, name: b.namePattern ? new RegExp(b.namePattern) : b.name };
    return { stalled: admin().stallProvisioning(m) };
  });
  r.action("POST", "/rejectNext", "the seller rejects the next created connection(s): body {count?}", (req) => admin().rejectNext(req.body?.count));
  r.action("POST", "/resetRules", "forgets stall rules and pending rejections", () => admin().resetRules());
  r.action("POST", "/unlockAccount", "clears the lock set after 5 invalid token requests in a row", () => admin().unlockAccount());

  // A sides: POST creates (returns {uuid}), GET reads, POST .../state (or /status, /expire) changes.
  const missing = (what: string) => (uuid: string) => `uuid not found: no ${what} ${uuid}`;
  r.action("POST", "/serviceTokens", "issues an A-side service token: body {portUuid, vlanTag | vlanSTag (+ vlanCTag), bandwidthLimit?, expiresInMs?, name?} -> {uuid}", (req) => ({ uuid: admin().createServiceToken(req.body ?? {}) }));
  r.read("/serviceTokens/:uuid", "a service token as GET /fabric/v4/serviceTokens/{uuid} returns it", (uuid) => admin().serviceToken(uuid), missing("service token"));
  r.action("POST", "/serviceTokens/:uuid/state", "deactivates, reactivates or deletes a token: body {state: ACTIVE|INACTIVE|DELETED}", (req) => admin().setServiceTokenState(id(req), req.body?.state));
  r.action("POST", "/serviceTokens/:uuid/expire", "the token's expiry date passes now", (req) => admin().expireServiceToken(id(req)));
  r.action("POST", "/cloudRouters", "orders a Fabric Cloud Router: body {metroCode, name?, packageCode?, state?} -> {uuid}", (req) => ({ uuid: admin().createCloudRouter(req.body ?? {}) }));
  r.read("/cloudRouters/:uuid", "a router as GET /fabric/v4/routers/{uuid} returns it", (uuid) => admin().cloudRouter(uuid), missing("cloud router"));
  r.action("POST", "/cloudRouters/:uuid/state", "changes a router's state: body {state}", (req) => admin().setCloudRouterState(id(req), req.body?.state));
  r.action("POST", "/virtualDevices", "creates a Network Edge device: body {metroCode, name?, deviceTypeCode?, interfaceCount?, status?} -> {uuid}", (req) => ({ uuid: admin().createVirtualDevice(req.body ?? {}) }));
  r.read("/virtualDevices/:uuid", "a device as GET /ne/v1/devices/{uuid} returns it", (uuid) => admin().virtualDevice(uuid), missing("virtual device"));
  r.action("POST", "/virtualDevices/:uuid/status", "changes a device's status: body {status}", (req) => admin().setVirtualDeviceStatus(id(req), req.body?.status));
  routingAdminRoutes(r, admin);
  return r.list;
}
