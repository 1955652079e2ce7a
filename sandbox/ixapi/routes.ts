import type { Request, Router } from "express";
import { routeRegistrar, type SandboxContext } from "../core/api";
import type { IxapiAuth } from "./auth";
import { fail, IxProblem, sendProblem } from "./errors";
import { renderConfig, renderConnection, renderOffering, renderService } from "./render";
import type { IxapiWorld } from "./world";

export const IXAPI_BASE = "/ixapi/v2";

/** `?id=a,b,c` style list filters. */
function list(q: unknown): string[] | undefined {
  if (q === undefined) return undefined;
  return String(q).split(",").filter(Boolean);
}

function body(req: Request): Record<string, unknown> {
  const b = req.body;
  if (b === undefined || b === null) return {};
  if (typeof b !== "object" || Array.isArray(b)) fail(400, "validation-error", "the body must be a JSON object");
  return b as Record<string, unknown>;
}

/** IX-API v2 under /ixapi/v2: the endpoints the cloud service flow of the "Using IX-API for Cloud Service" guide uses. */
export function registerIxapi(app: Router, ctx: SandboxContext, w: IxapiWorld, auth: IxapiAuth): void {
  const route = routeRegistrar(app, {
    prefix: IXAPI_BASE,
    auth: auth.require(),
    answer: (res, e) => e instanceof IxProblem && (sendProblem(res, e.problem), true),
  });
  const q = (req: Request, k: string) => (typeof req.query[k] === "string" ? (req.query[k] as string) : undefined);
  const filter = <T extends Record<string, unknown>>(req: Request, items: T[], keys: string[]): T[] => {
    const ids = list(req.query.id);
    return items.filter((x) => (!ids || ids.includes(String(x.id))) && keys.every((k) => q(req, k) === undefined || String(x[k] ?? "") === q(req, k)));
  };

  // ---- catalog ----
  route("get", "/product-offerings", "ixapi.productOffering.list", (req, res) => {
    const all = w.offerings.map((o) => renderOffering(o));
    const keys = ["type", "handover_metro_area", "handover_metro_area_network", "service_metro_area", "service_metro_area_network", "service_provider", "delivery_method", "resource_type", "service_provider_region"];
    let out = filter(req, all, keys);
    const bw = q(req, "bandwidth");
    if (bw !== undefined) out = out.filter((o) => Number(bw) >= (o.bandwidth_min as number) && Number(bw) <= (o.bandwidth_max as number));
    res.status(200).json(out);
  });
  route("get", "/product-offerings/:id", "ixapi.productOffering.get", (req, res) => {
    const o = w.offering(String(req.params.id));
    if (!o) fail(404, "not-found", `product offering ${req.params.id} not found`);
    res.status(200).json(renderOffering(o));
  });
  route("get", "/pops", "ixapi.pop.list", (req, res) => res.status(200).json(filter(req, w.pops.map((p) => ({ ...p })), ["metro_area_network", "facility"])));
  route("get", "/pops/:id", "ixapi.pop.get", (req, res) => {
    const p = w.pops.find((x) => x.id === req.params.id);
    if (!p) fail(404, "not-found", `pop ${req.params.id} not found`);
    res.status(200).json(p);
  });
  route("get", "/accounts", "ixapi.account.list", (req, res) => res.status(200).json(filter(req, w.accounts.map((a) => ({ ...a })), ["managing_account", "external_ref"])));
  route("get", "/accounts/:id", "ixapi.account.get", (req, res) => {
    const a = w.accounts.find((x) => x.id === req.params.id);
    if (!a) fail(404, "not-found", `account ${req.params.id} not found`);
    res.status(200).json(a);
  });
  route("get", "/connections", "ixapi.connection.list", (req, res) => res.status(200).json(filter(req, w.connections.map((c) => renderConnection(w, c)), ["state", "pop", "mode", "name"])));
  route("get", "/connections/:id", "ixapi.connection.get", (req, res) => {
    const c = w.connections.find((x) => x.id === req.params.id);
    if (!c) fail(404, "not-found", `connection ${req.params.id} not found`);
    res.status(200).json(renderConnection(w, c));
  });
  route("get", "/roles", "ixapi.role.list", (req, res) => res.status(200).json(filter(req, w.roles.map((r) => ({ ...r, required_fields: [...r.required_fields] })), ["name"])));
  route("get", "/roles/:id", "ixapi.role.get", (req, res) => {
    const r = w.roles.find((x) => x.id === req.params.id);
    if (!r) fail(404, "not-found", `role ${req.params.id} not found`);
    res.status(200).json(r);
  });

  // ---- network services ----
  const stateFilter = <T extends Record<string, unknown>>(req: Request, items: T[]): T[] => {
    const st = q(req, "state");
    const not = q(req, "state__is_not");
    // Archived objects are listed only when asked for.
    return items.filter((x) => (st ? x.state === st : x.state !== "archived") && (!not || x.state !== not));
  };
  route("get", "/network-services", "ixapi.networkService.list", (req, res) => {
    const all = [...w.services.values()].filter((s) => w.decommissionMode !== "404" || !w.isGone(s)).map((s) => renderService(w, s));
    res.status(200).json(stateFilter(req, filter(req, all, ["external_ref", "type", "product_offering", "managing_account", "consuming_account", "pop", "cloud_key"])));
  });
  route("post", "/network-services", "ixapi.networkService.create", (req, res) => {
    res.status(201).json(renderService(w, w.createService(body(req))));
  });
  route("get", "/network-services/:id", "ixapi.networkService.get", (req, res) => res.status(200).json(renderService(w, w.mustService(String(req.params.id)))));
  route("patch", "/network-services/:id", "ixapi.networkService.update", (req, res) => res.status(202).json(renderService(w, w.patchService(String(req.params.id), body(req)))));
  route("put", "/network-services/:id", "ixapi.networkService.replace", (req, res) => {
    const b = body(req);
    const { type: _t, ...rest } = b;
    res.status(202).json(renderService(w, w.patchService(String(req.params.id), rest)));
  });
  route("delete", "/network-services/:id", "ixapi.networkService.delete", (req, res) => {
    const b = body(req);
    res.status(202).json(w.asOf(() => renderService(w, w.decommissionService(String(req.params.id), b.decommission_at as string | undefined))));
  });
  route("get", "/network-services/:id/cancellation-policy", "ixapi.networkService.cancellationPolicy", (req, res) => {
    res.status(200).json(w.cancellationPolicy(String(req.params.id), q(req, "decommission_at")));
  });

  // ---- network service configs ----
  route("get", "/network-service-configs", "ixapi.networkServiceConfig.list", (req, res) => {
    const all = [...w.configs.values()].filter((c) => w.decommissionMode !== "404" || !w.isGone(c)).map((c) => renderConfig(w, c));
    let out = stateFilter(req, filter(req, all, ["network_service", "connection", "external_ref", "type", "managing_account", "consuming_account"]));
    for (const k of ["vlan", "inner_vlan", "outer_vlan"]) {
      const v = q(req, k);
      if (v !== undefined) out = out.filter((c) => String((c.vlan_config as Record<string, unknown>)[k]) === v);
    }
    res.status(200).json(out);
  });
  route("post", "/network-service-configs", "ixapi.networkServiceConfig.create", (req, res) => res.status(201).json(renderConfig(w, w.createConfig(body(req)))));
  route("get", "/network-service-configs/:id", "ixapi.networkServiceConfig.get", (req, res) => res.status(200).json(renderConfig(w, w.mustConfig(String(req.params.id)))));
  route("patch", "/network-service-configs/:id", "ixapi.networkServiceConfig.update", (req, res) => res.status(202).json(renderConfig(w, w.patchConfig(String(req.params.id), body(req)))));
  route("delete", "/network-service-configs/:id", "ixapi.networkServiceConfig.delete", (req, res) => res.status(202).json(w.asOf(() => renderConfig(w, w.decommissionConfig(String(req.params.id))))));

  // ---- contacts and role assignments ----
  route("get", "/contacts", "ixapi.contact.list", (req, res) => res.status(200).json(filter(req, [...w.contacts.values()].map((c) => ({ ...c })), ["external_ref", "managing_account", "consuming_account"])));
  route("post", "/contacts", "ixapi.contact.create", (req, res) => res.status(201).json({ ...w.createContact(body(req)) }));
  route("get", "/contacts/:id", "ixapi.contact.get", (req, res) => res.status(200).json({ ...w.mustContact(String(req.params.id)) }));
  route("patch", "/contacts/:id", "ixapi.contact.update", (req, res) => res.status(200).json({ ...w.patchContact(String(req.params.id), body(req)) }));
  route("put", "/contacts/:id", "ixapi.contact.replace", (req, res) => res.status(200).json({ ...w.patchContact(String(req.params.id), body(req)) }));
  route("delete", "/contacts/:id", "ixapi.contact.delete", (req, res) => {
    const c = { ...w.mustContact(String(req.params.id)) };
    w.deleteContact(c.id);
    res.status(200).json(c);
  });
  route("get", "/role-assignments", "ixapi.roleAssignment.list", (req, res) => res.status(200).json(filter(req, [...w.assignments.values()].map((a) => ({ ...a })), ["contact", "role"])));
  route("post", "/role-assignments", "ixapi.roleAssignment.create", (req, res) => res.status(201).json({ ...w.createAssignment(body(req)) }));
  route("get", "/role-assignments/:id", "ixapi.roleAssignment.get", (req, res) => res.status(200).json({ ...w.mustAssignment(String(req.params.id)) }));
  route("delete", "/role-assignments/:id", "ixapi.roleAssignment.delete", (req, res) => {
    const a = { ...w.mustAssignment(String(req.params.id)) };
    w.deleteAssignment(a.id);
    res.status(200).json(a);
  });
  void ctx;
}
