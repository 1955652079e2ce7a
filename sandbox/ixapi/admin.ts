import type { Request, Router } from "express";
import { AdminRoutes, type AdminRouteInfo } from "../core/adminRoutes";
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
export function ixapiAdminRoutes(router: Router, ctx: SandboxContext, base: string): AdminRouteInfo[] {
  const r = new AdminRoutes(router, base);
  const admin = () => ctx.admin.ixapi as IxapiAdmin;
  const id = (req: Request) => String(req.params.id);
  r.read("/services/:id", "a network service as GET returns it now", (sid) => admin().service(sid), (sid) => `no service ${sid}`);
  r.read("/configs/:id", "a network service config as GET returns it now", (cid) => admin().config(cid), (cid) => `no config ${cid}`);
  r.action("POST", "/services/:id/update", "a portal edit of a service, applied at once: body {capacity?, external_ref?, purchase_order?, contract_ref?}", (req) => admin().updateService(id(req), req.body ?? {}));
  r.action("POST", "/services/:id/decommission", "the service is decommissioned outside the API, at once, with its configs", (req) => admin().decommissionService(id(req)));
  r.action("POST", "/configs/:id/update", "a portal edit of a config, applied at once: body {vlan_config?, connection?, role_assignments?, ...}", (req) => admin().updateConfig(id(req), req.body ?? {}));
  r.action("POST", "/configs/:id/decommission", "one config is decommissioned outside the API, at once", (req) => admin().decommissionConfig(id(req)));
  r.action("POST", "/decommissionMode", "what a finished decommission answers: body {mode: 404|decommissioned|archived}", (req) => admin().setDecommissionMode(req.body?.mode));
  r.action("POST", "/stallNext", "the next services or configs stay requested: body {kind: service|config, count?}", (req) => admin().stallNext(req.body?.kind, req.body?.count));
  r.action("POST", "/releaseStall", "a stalled service or config leaves requested now: body {id}", (req) => admin().releaseStall(req.body?.id));
  r.action("POST", "/failNext", "the next service or config goes to error: body {kind, message?}", (req) => admin().failNext(req.body?.kind, req.body?.message));
  r.action("POST", "/resetRules", "forgets stall and failure rules; decommission mode back to 404", () => admin().resetRules());
  return r.list;
}
