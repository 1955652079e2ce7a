import type { Request, Response, Router } from "express";
import { routeRegistrar, type SandboxContext } from "../core/api";
import { METROS, type Metro } from "./catalog";
import { eqError, sendErrors, type EquinixError } from "./errors";
import type { EquinixAuth } from "./oauth";
import { renderProfile } from "./render";
import { checkRestrictedFilter, matches, page, readPagination, SERVICE_PROFILE_SEARCH_RULES, sortBy } from "./search";
import type { EquinixWorld } from "./world";

// The Fabric v4 catalog a program looks things up in: metros (GET /fabric/v4/metros[/{metroCode}]) and the
// service profile search (POST /fabric/v4/serviceProfiles/search), as the Fabric v4 spec describes them.

/** Great-circle distance in km. */
function distanceKm(a: Metro, b: Metro): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** A metro as GET /fabric/v4/metros returns it; the latency to another metro is estimated from the distance (about 1 ms per 100 km of fibre). */
export function renderMetro(m: Metro, base: string): Record<string, unknown> {
  return {
    href: `${base}/fabric/v4/metros/${m.code}`,
    type: "XF_METRO",
    code: m.code,
    region: m.region,
    name: m.name,
    country: m.country,
    equinixAsn: 30000 + METROS.indexOf(m),
    localVCBandwidthMax: 50000,
    geoCoordinates: { latitude: m.latitude, longitude: m.longitude },
    connectedMetros: METROS.filter((o) => o !== m).map((o) => ({
      href: `${base}/fabric/v4/metros/${o.code}`,
      code: o.code,
      avgLatency: Math.round(distanceKm(m, o)) / 100,
      remoteVCBandwidthMax: 10000,
    })),
    services: [{ type: "ETHERNET_IP_SERVICE" }],
  };
}

/** The metro errors of the spec (MetroError: EQ-3036013 "Invalid Query Parameter" / "Invalid Path Parameter"). */
function metroError(message: "Invalid Query Parameter" | "Invalid Path Parameter", property: string, reason: string): EquinixError {
  return eqError("EQ-3036013", message, property, reason);
}

/** Fabric v4 metros and the service profile search. */
export function registerFabricCatalog(app: Router, ctx: SandboxContext, world: EquinixWorld, auth: EquinixAuth): void {
  const base = () => ctx.url();
  const route = routeRegistrar(app, { auth: auth.require() });

  route("get", "/fabric/v4/metros", "fabric.metro.list", (req, res) => {
    const presence = req.query.presence;
    const errs: EquinixError[] = [];
    if (presence !== undefined && presence !== "MY_PORTS") errs.push(metroError("Invalid Query Parameter", "presence", "Allowed value for presence is MY_PORTS"));
    const num = (k: string, min: number, def: number) => {
      const v = req.query[k];
      if (v === undefined) return def;
      const n = Number(v);
      if (typeof v !== "string" || !/^\d+$/.test(v) || n < min) errs.push(metroError("Invalid Query Parameter", k, `${k} must be an integer >= ${min}`));
      return n;
    };
    const offset = num("offset", 0, 0);
    const limit = num("limit", 1, 20);
    if (errs.length) return sendErrors(res, 400, errs);
    // MY_PORTS: the metros where the customer has a port.
    const mine = new Set(world.ports.map((p) => p.metroCode));
    const all = METROS.filter((m) => presence === undefined || mine.has(m.code)).map((m) => renderMetro(m, base()));
    const q = presence === undefined ? "" : `presence=${presence}&`;
    res.status(200).json(page(all, { offset, limit }, (o, l) => `${base()}/fabric/v4/metros?${q}offset=${o}&limit=${l}`));
  });

  route("get", "/fabric/v4/metros/:metroCode", "fabric.metro.get", (req, res) => {
    const m = METROS.find((x) => x.code === req.params.metroCode);
    if (!m) return sendErrors(res, 400, [metroError("Invalid Path Parameter", "pathparameter-metroCode", "Provide valid metro code")]);
    res.status(200).json(renderMetro(m, base()));
  });

  route("post", "/fabric/v4/serviceProfiles/search", "fabric.serviceProfile.search", (req: Request, res: Response) => {
    const viewPoint = req.query.viewPoint ?? "aSide";
    const body = (req.body ?? {}) as Record<string, unknown>;
    const errs: EquinixError[] = [];
    if (viewPoint !== "aSide" && viewPoint !== "zSide") errs.push(eqError("EQ-3001022", "INVALID_VALUE", "viewPoint", "viewPoint must be aSide or zSide"));
    if (typeof body !== "object" || Array.isArray(body)) errs.push(eqError("EQ-3001022", "Unexpected value"));
    else {
      errs.push(...checkRestrictedFilter(body.filter, SERVICE_PROFILE_SEARCH_RULES));
      for (const e of readPagination(body.pagination).errors) {
        const field = e.additionalInfo?.[0]?.property === "/pagination/offset" ? "offset" : "limit";
        const reason = field === "offset" ? "must be greater than or equal to 0" : "must be greater than or equal to 1 and at most 100";
        errs.push(eqError("EQ-3001022", `pagination.${field} : ${reason}`, `pagination.${field}`, reason));
      }
      const sortable = ["/name", "/state", "/changeLog/createdDateTime", "/changeLog/updatedDateTime"];
      if (body.sort !== undefined && (!Array.isArray(body.sort) || body.sort.some((s) => !s || !sortable.includes((s as { property?: string }).property ?? "/changeLog/updatedDateTime")))) {
        errs.push(eqError("EQ-3001022", "Unexpected value", "sort", `sort properties: ${sortable.join(", ")}`));
      }
    }
    if (errs.length) return sendErrors(res, 400, errs);
    // The seller's view (zSide) shows the customer's own profiles only.
    const visible = world.profiles.filter((p) => (viewPoint === "zSide" ? p.selfProfile : p.visibility === "PUBLIC" || p.selfProfile));
    const hits = sortBy(
      visible.map((p) => renderProfile(p, base())).filter((p) => matches(p, body.filter)),
      body.sort,
      { property: "/changeLog/updatedDateTime", direction: "DESC" },
    );
    res.status(200).json(page(hits, readPagination(body.pagination).page, (o, l) => `${base()}/fabric/v4/serviceProfiles/search?offset=${o}&limit=${l}`));
  });
}
