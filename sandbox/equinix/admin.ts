import type { Request, Router } from "express";
import { adminAction } from "../core/adminRoutes";
import type { SandboxContext } from "../core/api";
import type { NewCloudRouter, NewServiceToken, NewVirtualDevice } from "./aSides";
import { renderCloudRouter, renderConnection, renderServiceToken, renderVirtualDevice } from "./render";
import type { EquinixWorld, StallMatcher } from "./world";

/** Out-of-band changes to the Equinix side, as the portal, the provider or an outage would make them. */
export interface EquinixAdmin {
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
      return r ? renderCloudRouter(r, ctx.url(), w.aSides.routerConnections(uuid, w.live()).length) : undefined;
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
export function equinixAdminRoutes(router: Router, ctx: SandboxContext, admin: EquinixAdmin): void {
  const act = (fn: (req: Request) => unknown) => adminAction(fn, /uuid not found/);
  const id = (req: Request) => String(req.params.uuid);
  router.get("/connections/:uuid", (req, res) => {
    const c = admin.connection(id(req));
    if (!c) res.status(404).json({ error: `no connection ${id(req)}` });
    else res.json(c);
  });
  router.post("/connections/:uuid/update", act((req) => admin.updateConnection(id(req), req.body ?? {})));
  router.post("/connections/:uuid/delete", act((req) => admin.deleteConnection(id(req))));
  router.post("/connections/:uuid/accept", act((req) => admin.providerAccept(id(req))));
  router.post("/connections/:uuid/reject", act((req) => admin.providerReject(id(req))));
  router.post("/connections/:uuid/providerDeleted", act((req) => admin.providerDeleted(id(req))));
  router.post("/connections/:uuid/providerConnectionId", act((req) => admin.setProviderConnectionId(id(req), String(req.body?.providerConnectionId ?? ""))));
  router.post(
    "/stallProvisioning",
    act((req) => {
      const b = req.body ?? {};
      const m: StallMatcher = b === "next" || b.next === true || Object.keys(b).length === 0 ? "next" : { uuid: b.uuid, name: b.namePattern ? new RegExp(b.namePattern) : b.name };
      return { stalled: admin.stallProvisioning(m) };
    }),
  );
  router.post("/rejectNext", act((req) => admin.rejectNext(req.body?.count)));
  router.post("/resetRules", act(() => admin.resetRules()));
  router.post("/unlockAccount", act(() => admin.unlockAccount()));

  // A sides: POST creates (returns {uuid}), GET reads, POST .../state (or /status, /expire) changes.
  const get = (path: string, read: (uuid: string) => Record<string, unknown> | undefined, what: string) =>
    router.get(path, (req, res) => {
      const x = read(id(req));
      if (!x) res.status(404).json({ error: `uuid not found: no ${what} ${id(req)}` });
      else res.json(x);
    });
  router.post("/serviceTokens", act((req) => ({ uuid: admin.createServiceToken(req.body ?? {}) })));
  get("/serviceTokens/:uuid", admin.serviceToken, "service token");
  router.post("/serviceTokens/:uuid/state", act((req) => admin.setServiceTokenState(id(req), req.body?.state)));
  router.post("/serviceTokens/:uuid/expire", act((req) => admin.expireServiceToken(id(req))));
  router.post("/cloudRouters", act((req) => ({ uuid: admin.createCloudRouter(req.body ?? {}) })));
  get("/cloudRouters/:uuid", admin.cloudRouter, "cloud router");
  router.post("/cloudRouters/:uuid/state", act((req) => admin.setCloudRouterState(id(req), req.body?.state)));
  router.post("/virtualDevices", act((req) => ({ uuid: admin.createVirtualDevice(req.body ?? {}) })));
  get("/virtualDevices/:uuid", admin.virtualDevice, "virtual device");
  router.post("/virtualDevices/:uuid/status", act((req) => admin.setVirtualDeviceStatus(id(req), req.body?.status)));
}
