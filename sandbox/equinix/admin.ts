import type { Request, Router } from "express";
import { adminAction } from "../core/adminRoutes";
import type { SandboxContext } from "../core/api";
import { renderConnection } from "./render";
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
}
