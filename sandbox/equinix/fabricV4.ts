import type { Request, Response, Router } from "express";
import { routeRegistrar, setKind, type SandboxContext } from "../core/api";
import { findProfile, PORTS } from "./catalog";
import { EQ, eqError, sendErrors } from "./errors";
import type { EquinixAuth } from "./oauth";
import { renderCloudRouter, renderConnection, renderPort, renderProfile, renderServiceToken } from "./render";
import { checkFilter, checkRestrictedFilter, matches, page, PORT_SEARCH_RULES, readPagination, sortBy } from "./search";
import { EquinixApiFailure, type EquinixWorld } from "./world";

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Fabric v4: connections, ports, service profiles, A-side service tokens, cloud routers. */
export function registerFabricV4(app: Router, ctx: SandboxContext, world: EquinixWorld, auth: EquinixAuth): void {
  const base = () => ctx.url();
  const now = () => ctx.clock.now();
  const render = (uuid: string) => renderConnection(world, world.get(uuid)!, base(), now());
  const route = routeRegistrar(app, {
    auth: auth.require(),
    answer: (res, e) => e instanceof EquinixApiFailure && (sendErrors(res, e.status, e.errors), true),
  });
  const idOr400 = (id: string, res: Response): boolean => {
    if (UUID_RE.test(id)) return true;
    sendErrors(res, 400, [eqError(EQ.notFoundOrNotYours, "Connection does not exist or do not belong to user,Please check connection Id", "/uuid", "not a uuid")]);
    return false;
  };

  // ---- connections ----
  /**
   * A search (POST .../search {filter, pagination, sort}) over `all()`: answers 400 and returns undefined
   * when the body is invalid, else the page of hits and the sort applied.
   */
  const search = (req: Request, res: Response, path: string, defaultSort: { property: string; direction: "ASC" | "DESC" }, all: () => Record<string, unknown>[]) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body !== "object" || Array.isArray(body)) return void sendErrors(res, 400, [eqError(EQ.invalidBody, "Invalid request body")]);
    const errs = [...checkFilter(body.filter), ...readPagination(body.pagination).errors];
    if (errs.length) return void sendErrors(res, 400, errs);
    const hits = sortBy(all().filter((x) => matches(x, body.filter)), body.sort, defaultSort);
    const sort = Array.isArray(body.sort) && body.sort.length ? body.sort : [defaultSort];
    return { ...page(hits, readPagination(body.pagination).page, (o, l) => `${base()}${path}?offset=${o}&limit=${l}`), sort };
  };

  route("post", "/fabric/v4/connections/search", "fabric.connection.search", (req, res) => {
    const out = search(req, res, "/fabric/v4/connections/search", { property: "/changeLog/updatedDateTime", direction: "DESC" }, () =>
      [...world.connections.values()].map((c) => renderConnection(world, c, base(), now())),
    );
    if (out) res.status(200).json({ pagination: out.pagination, sort: out.sort, data: out.data });
  });

  route("post", "/fabric/v4/connections", "fabric.connection.create", (req, res) => {
    const dryRun = String(req.query.dryRun ?? "false").toLowerCase() === "true";
    if (dryRun) setKind(res, "fabric.connection.dryRun");
    const rec = world.createConnection(req.body, { dryRun, origin: "fabricv4", createdBy: res.locals.equinixUser });
    const out = renderConnection(world, rec, base(), now());
    if (dryRun) {
      // Nothing was created: no identity, no state.
      for (const k of ["href", "uuid", "state", "change", "operation", "changeLog"]) delete out[k];
      res.status(200).json(out);
      return;
    }
    res.status(201).json(out);
  });

  route("get", "/fabric/v4/connections/:id", "fabric.connection.get", (req, res) => {
    const id = String(req.params.id);
    if (!idOr400(id, res)) return;
    if (!world.get(id)) return sendErrors(res, 404, [eqError(EQ.notFound, "uuid not found", "/uuid", undefined, "uuid not found")]);
    res.status(200).json(render(id));
  });

  route("patch", "/fabric/v4/connections/:id", "fabric.connection.update", (req, res) => {
    const id = String(req.params.id);
    if (!idOr400(id, res)) return;
    world.patchConnection(id, req.body);
    res.status(202).json(render(id));
  });

  route("delete", "/fabric/v4/connections/:id", "fabric.connection.delete", (req, res) => {
    const id = String(req.params.id);
    if (!idOr400(id, res)) return;
    world.deleteConnection(id);
    res.status(200).json(render(id));
  });

  // ---- ports ----
  const usage = (portUuid: string) => {
    let used = 0;
    let count = 0;
    for (const c of world.live()) {
      for (const s of [c.aSide, c.zSide]) {
        if (s.kind === "port" && s.port.uuid === portUuid) {
          used += c.bandwidth;
          count++;
        }
      }
    }
    return { used, count };
  };
  const port = (uuid: string) => {
    const p = PORTS.find((x) => x.uuid === uuid)!;
    const u = usage(uuid);
    return renderPort(p, base(), u.used, u.count);
  };

  route("get", "/fabric/v4/ports", "fabric.port.list", (req, res) => {
    const name = typeof req.query.name === "string" ? req.query.name : undefined;
    const data = world.ports.filter((p) => name === undefined || p.name === name).map((p) => port(p.uuid));
    res.status(200).json({ pagination: { offset: 0, limit: Math.max(20, data.length), total: data.length }, data });
  });

  route("post", "/fabric/v4/ports/search", "fabric.port.search", (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const errs = [...checkRestrictedFilter(body.filter, PORT_SEARCH_RULES), ...readPagination(body.pagination).errors];
    if (errs.length) return sendErrors(res, 400, errs);
    const { page: p } = readPagination(body.pagination);
    const hits = sortBy(world.ports.map((x) => port(x.uuid)).filter((x) => matches(x, body.filter)), body.sort, { property: "/name", direction: "ASC" });
    const out = page(hits, p, (o, l) => `${base()}/fabric/v4/ports/search?offset=${o}&limit=${l}`);
    res.status(200).json(out);
  });

  route("get", "/fabric/v4/ports/:id", "fabric.port.get", (req, res) => {
    const id = String(req.params.id);
    if (!world.ports.some((p) => p.uuid === id)) {
      return sendErrors(res, UUID_RE.test(id) ? 404 : 400, [eqError(EQ.notFound, "uuid not found", "/uuid", `no port ${id}`, "uuid not found")]);
    }
    res.status(200).json(port(id));
  });

  // ---- service profiles ----
  route("get", "/fabric/v4/serviceProfiles", "fabric.serviceProfile.list", (req, res) => {
    const { errors, page: p } = readPagination({ offset: req.query.offset, limit: req.query.limit });
    if (errors.length) return sendErrors(res, 400, errors);
    const all = world.profiles.map((x) => renderProfile(x, base()));
    res.status(200).json(page(all, p, (o, l) => `${base()}/fabric/v4/serviceProfiles?offset=${o}&limit=${l}`));
  });

  route("get", "/fabric/v4/serviceProfiles/:id", "fabric.serviceProfile.get", (req, res) => {
    const prof = findProfile(String(req.params.id));
    if (!prof) return sendErrors(res, 404, [eqError(EQ.notFound, "uuid not found", "/uuid", `no service profile ${req.params.id}`, "uuid not found")]);
    res.status(200).json(renderProfile(prof, base()));
  });

  // ---- A-side service tokens ----
  const aSides = world.aSides;
  const notFound = (res: Response, what: string, id: string) =>
    sendErrors(res, UUID_RE.test(id) ? 404 : 400, [eqError(UUID_RE.test(id) ? EQ.notFound : EQ.notFoundOrNotYours, "uuid not found", "/uuid", `no ${what} ${id}`, "uuid not found")]);

  route("get", "/fabric/v4/serviceTokens", "fabric.serviceToken.list", (req, res) => {
    const { errors, page: p } = readPagination({ offset: req.query.offset, limit: req.query.limit });
    if (errors.length) return sendErrors(res, 400, errors);
    const all = [...aSides.tokens.values()].filter((t) => aSides.tokenState(t) !== "DELETED").map((t) => renderServiceToken(aSides, t, base()));
    res.status(200).json(page(all, p, (o, l) => `${base()}/fabric/v4/serviceTokens?offset=${o}&limit=${l}`));
  });

  route("get", "/fabric/v4/serviceTokens/:id", "fabric.serviceToken.get", (req, res) => {
    const id = String(req.params.id);
    const t = aSides.tokens.get(id);
    if (!t || aSides.tokenState(t) === "DELETED") return notFound(res, "service token", id);
    res.status(200).json(renderServiceToken(aSides, t, base()));
  });

  // ---- Fabric Cloud Routers ----
  const router = (uuid: string) => {
    const r = aSides.router(uuid);
    return renderCloudRouter(r, base(), aSides.routerConnections(uuid, world.live()).length, aSides.routerState(r), now());
  };

  route("post", "/fabric/v4/routers/search", "fabric.router.search", (req, res) => {
    const out = search(req, res, "/fabric/v4/routers/search", { property: "/changeLog/createdDateTime", direction: "DESC" }, () =>
      [...aSides.routers.values()].filter((r) => aSides.routerState(r) !== "DEPROVISIONED").map((r) => router(r.uuid)),
    );
    if (out) res.status(200).json({ pagination: out.pagination, data: out.data });
  });

  route("get", "/fabric/v4/routers/:id", "fabric.router.get", (req, res) => {
    const id = String(req.params.id);
    if (!aSides.routers.has(id)) return notFound(res, "Fabric Cloud Router", id);
    res.status(200).json(router(id));
  });
}
