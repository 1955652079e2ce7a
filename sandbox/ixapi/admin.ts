import type { Request, Router } from "express";
import { adminAction } from "../core/adminRoutes";
import type { SandboxContext } from "../core/api";
import { IxProblem } from "./errors";
import type { DecommissionMode } from "./model";
import { renderConfig, renderService } from "./render";
import type { IxapiWorld } from "./world";

/** Out-of-band changes to the IX-API side, as the exchange's portal, the cloud provider or an outage would make them. */
export interface IxapiAdmin {
  /** a portal edit of a service (capacity, external_ref, purchase_order, contract_ref), applied at once */
  updateService(id: string, changes: Record<string, unknown>): void;
  /** a portal edit of a config (vlan_config, connection, role_assignments, refs), applied at once */
  updateConfig(id: string, changes: Record<string, unknown>): void;
  /** the service is decommissioned outside the API, at once, with its configs */
  decommissionService(id: string): void;
  /** one config is decommissioned outside the API, at once */
  decommissionConfig(id: string): void;
  /** what a finished decommission answers: "404" (default), "decommissioned" or "archived" (200 with that state) */
  setDecommissionMode(mode: DecommissionMode): void;
  /** the next `count` services or configs stay `requested` forever */
  stallNext(kind: "service" | "config", count?: number): void;
  /** a stalled service or config leaves `requested` now (configs waiting on a stalled service follow) */
  releaseStall(id: string): void;
  /** the next service or config goes to `error` with this status message */
  failNext(kind: "service" | "config", message?: string): void;
  /** an existing service or config goes to `error` now */
  failNow(id: string, message: string): void;
  /** forget stall and failure rules; decommission mode back to "404" */
  resetRules(): void;
  /** a service / config as GET would return it now (undefined when gone in 404 mode) */
  service(id: string): Record<string, unknown> | undefined;
  config(id: string): Record<string, unknown> | undefined;
}

function unwrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof IxProblem) throw new Error(`${e.problem.title} ${e.problem.detail ?? ""} ${(e.problem.properties ?? []).map((p) => `${p.name}: ${p.reason}`).join("; ")}`.trim());
    throw e;
  }
}

export function createIxapiAdmin(_ctx: SandboxContext, w: IxapiWorld): IxapiAdmin {
  return {
    updateService: (id, changes) => void unwrap(() => w.patchService(id, changes, "outside")),
    updateConfig: (id, changes) => void unwrap(() => w.patchConfig(id, changes, "outside")),
    decommissionService: (id) => void unwrap(() => w.decommissionService(id, undefined, "outside")),
    decommissionConfig: (id) => void unwrap(() => w.decommissionConfig(id, "outside")),
    setDecommissionMode: (mode) => {
      if (!["404", "decommissioned", "archived"].includes(mode)) throw new Error(`mode must be 404, decommissioned or archived`);
      w.decommissionMode = mode;
    },
    stallNext: (kind, count) => w.rules.stallNext(kind, count ?? 1),
    releaseStall: (id) => w.releaseStall(id),
    failNext: (kind, message) => w.rules.failNext(kind, message),
    failNow: (id, message) => w.failNow(id, message),
    resetRules: () => w.rules.reset(),
    service: (id) => {
      const s = w.services.get(id);
      return s && !(w.isGone(s) && w.decommissionMode === "404") ? renderService(w, s) : undefined;
    },
    config: (id) => {
      const c = w.configs.get(id);
      return c && !(w.isGone(c) && w.decommissionMode === "404") ? renderConfig(w, c) : undefined;
    },
  };
}

/** HTTP mirror, under /_sandbox/ixapi. @internal */
export function ixapiAdminRoutes(router: Router, _ctx: SandboxContext, admin: IxapiAdmin): void {
  const act = adminAction;
  const id = (req: Request) => String(req.params.id);
  router.get("/services/:id", (req, res) => {
    const s = admin.service(id(req));
    if (!s) res.status(404).json({ error: `no service ${id(req)}` });
    else res.json(s);
  });
  router.get("/configs/:id", (req, res) => {
    const c = admin.config(id(req));
    if (!c) res.status(404).json({ error: `no config ${id(req)}` });
    else res.json(c);
  });
  router.post("/services/:id/update", act((req) => admin.updateService(id(req), req.body ?? {})));
  router.post("/services/:id/decommission", act((req) => admin.decommissionService(id(req))));
  router.post("/configs/:id/update", act((req) => admin.updateConfig(id(req), req.body ?? {})));
  router.post("/configs/:id/decommission", act((req) => admin.decommissionConfig(id(req))));
  router.post("/decommissionMode", act((req) => admin.setDecommissionMode(req.body?.mode)));
  router.post("/stallNext", act((req) => admin.stallNext(req.body?.kind, req.body?.count)));
  router.post("/releaseStall", act((req) => admin.releaseStall(req.body?.id)));
  router.post("/failNext", act((req) => admin.failNext(req.body?.kind, req.body?.message)));
  router.post("/resetRules", act(() => admin.resetRules()));
}
