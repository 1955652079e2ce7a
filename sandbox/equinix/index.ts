import type { Request } from "express";
import type { SandboxApi, SandboxContext } from "../core/api";
import { createEquinixAdmin, equinixAdminRoutes, type EquinixAdmin } from "./admin";
import { EQ, eqError, oauthError } from "./errors";
import { ECX, ecxError, registerEcxV3 } from "./ecxV3";
import { registerFabricCatalog } from "./catalogRoutes";
import { registerFabricV4 } from "./fabricV4";
import { registerNetworkEdge } from "./networkEdge";
import { registerFabricRouting } from "./routers";
import { EquinixAuth } from "./oauth";
import { renderConnection } from "./render";
import { PROJECT_ID } from "./catalog";
import { EQUINIX_DEFAULT_DELAYS, EquinixWorld } from "./world";

export { ALIBABA_PROFILE_UUID, PRIVATE_PROFILE_UUID, PORTS, PROFILES, METROS, findPort, findProfile, SERVICE_TOKEN_SEEDS, CLOUD_ROUTER_SEEDS, VIRTUAL_DEVICE_SEEDS } from "./catalog";
export { CLOUD_ROUTER_STATES, SERVICE_TOKEN_STATES, VIRTUAL_DEVICE_STATUSES } from "./aSides";
export type { NewCloudRouter, NewServiceToken, NewVirtualDevice } from "./aSides";
export { EQUINIX_EVENTS, EQUINIX_DEFAULT_DELAYS, EquinixWorld, EquinixApiFailure } from "./world";
export type {
  ConnectionChanges,
  ConnectionCreatedEvent,
  ConnectionDeletedEvent,
  ConnectionUpdatedEvent,
  EquinixDelays,
  ProfileConnectionCreatedEvent,
  ProfileConnectionDeletedEvent,
  ProfileConnectionUpdatedEvent,
  StallMatcher,
} from "./world";
export type { EquinixAdmin } from "./admin";
export { FCR, RP, FCR_EQUINIX_ASN } from "./routers";
export type { FabricBgpEnd, FabricBgpFamily, PortalRouterChanges, PortalRoutingChanges, RoutingAdmin, SessionObservation } from "./routers";
export type { ConnectionRecord, Phase } from "./model";
export type { ProfileDef, SellerDef } from "./catalog";

/** One A side other than a port, as the sandbox's info lists it. */
export interface ASideInfo {
  uuid: string;
  name: string;
  /** service token: ACTIVE, INACTIVE, EXPIRED, DELETED; router and device: PROVISIONED ... */
  state: string;
  metroCode: string;
  /** service token: its port and tags; device: its free data interfaces */
  details: string;
}

/** What `sandbox.equinix` holds. */
export interface EquinixInfo {
  /** base URL: `${endpoint}/oauth2/v1/token`, `${endpoint}/fabric/v4/...`, `${endpoint}/ecx/v3/...`, `${endpoint}/ne/v1/...` */
  endpoint: string;
  clientId: string;
  clientSecret: string;
  /** the project of the sandbox's organization (`project.projectId` of a cloud router it orders) */
  projectId: string;
  /**
   * The A sides besides ports a connection can start from (the seeded ones have stable uuids; the admin
   * adds more): A-side service tokens, Fabric Cloud Routers (connections of type IP_VC) and Network Edge
   * virtual devices.
   */
  aSides: { serviceTokens: ASideInfo[]; cloudRouters: ASideInfo[]; virtualDevices: ASideInfo[] };
  /** the customer's ports (uuids are the same at every start) */
  ports: { uuid: string; name: string; metroCode: string; encapsulation: string; priority: string }[];
  /** the service profiles a Z side can name */
  profiles: { uuid: string; name: string; metros: string[]; requiresApproval: boolean; authenticationKey?: string }[];
}

function world(ctx: SandboxContext): EquinixWorld {
  return ctx.world.equinix;
}

/** Equinix: OAuth2, Fabric v4 (and, registered by sandbox/equinix/ecxV3.ts, ECX v3). @internal */
export const equinixApi: SandboxApi = {
  name: "equinix",
  owns: (path) => path.startsWith("/oauth2/") || path.startsWith("/fabric/") || path.startsWith("/ecx/") || path.startsWith("/ne/"),
  defaultDelays: EQUINIX_DEFAULT_DELAYS,
  createWorld: (ctx) => new EquinixWorld(ctx, new EquinixAuth(ctx)),
  register(app, ctx) {
    const w = world(ctx);
    w.auth.register(app);
    registerFabricV4(app, ctx, w, w.auth);
    registerFabricCatalog(app, ctx, w, w.auth);
    registerFabricRouting(app, ctx, w, w.auth);
    registerEcxV3(app, ctx, w, w.auth);
    registerNetworkEdge(app, w, w.auth);
  },
  createAdmin: (ctx) => createEquinixAdmin(ctx, world(ctx)),
  adminRoutes: equinixAdminRoutes,
  inventory(ctx) {
    const w = world(ctx);
    return { connections: w.live().map((c) => renderConnection(w, c, ctx.url(), ctx.clock.now())), ...w.routing.inventory(ctx.url()) };
  },
  expireTokens: (ctx) => world(ctx).auth.tokens.expireAll(),
  errorResponse(_ctx, req: Request, status, message) {
    const headers: Record<string, string> = {};
    if (req.path.startsWith("/oauth2/")) {
      return { status, body: oauthError(message, `OAUTH-E${status}`) };
    }
    if (req.path.startsWith("/ne/")) {
      // Network Edge errors: an array of {errorCode, errorMessage, property}
      return { status, headers, body: [{ errorCode: `IC-NE-${status}`, errorMessage: message, property: "" }] };
    }
    if (req.path.startsWith("/ecx/")) {
      // ECX v3 errors: an array of {errorCode, errorMessage, property, moreInfo}
      const v3code = status === 404 ? ECX.notFound : status === 401 ? ECX.unauthorized : `IC-LAYER2-${status}`;
      return { status, headers, body: [ecxError(v3code, message, "", "sandbox")] };
    }
    const code = status === 429 ? EQ.tooManyRequests : status === 401 ? EQ.unauthorized : status === 404 ? EQ.notFound : status === 400 ? EQ.invalidBody : status === 403 ? EQ.forbidden : `EQ-3000${String(status).padStart(3, "0")}`;
    return { status, headers, body: [eqError(code, message)] };
  },
  saveState: (ctx) => world(ctx).snapshot(),
  loadState: (ctx, state) => world(ctx).restore(state),
  settings: (i: EquinixInfo) => [
    { env: "EQUINIX_API_ENDPOINT", config: "equinix:endpoint", value: i.endpoint },
    { env: "EQUINIX_API_CLIENTID", config: "equinix:clientId", value: i.clientId },
    { env: "EQUINIX_API_CLIENTSECRET", config: "equinix:clientSecret", value: i.clientSecret, secret: true },
  ],
  info(ctx): EquinixInfo {
    const w = world(ctx);
    return {
      endpoint: ctx.url(),
      clientId: w.auth.clientId,
      clientSecret: w.auth.clientSecret,
      projectId: PROJECT_ID,
      aSides: aSidesInfo(w),
      ports: w.ports.map((p) => ({ uuid: p.uuid, name: p.name, metroCode: p.metroCode, encapsulation: p.encapsulation, priority: p.priority })),
      profiles: w.profiles.map((p) => ({ uuid: p.uuid, name: p.name, metros: [...p.metros], requiresApproval: p.requiresApproval, ...(p.authKeyRequired ? { authenticationKey: p.authKeyLabel ?? "required" } : {}) })),
    };
  },
};

function aSidesInfo(w: EquinixWorld): EquinixInfo["aSides"] {
  const a = w.aSides;
  const holders = w.vlanHolders();
  const tag = (lp: { type: string; vlanTag?: number; vlanSTag?: number; vlanCTag?: number }) =>
    lp.type === "DOT1Q" ? `VLAN ${lp.vlanTag}` : `S-tag ${lp.vlanSTag}${lp.vlanCTag !== undefined ? `, C-tag ${lp.vlanCTag}` : ""}`;
  return {
    serviceTokens: [...a.tokens.values()].map((t) => ({
      uuid: t.uuid,
      name: t.name,
      state: a.tokenState(t),
      metroCode: t.port.metroCode,
      details: `port ${t.port.name} (${t.port.uuid}), ${tag(t.linkProtocol)}, up to ${t.bandwidthLimit} Mbps, expires ${new Date(t.expiresAt).toISOString()}${t.connectionUuid ? `, used by ${t.connectionUuid}` : ""}`,
    })),
    cloudRouters: [...a.routers.values()].map((r) => ({
      uuid: r.uuid,
      name: r.name,
      state: a.routerState(r),
      metroCode: r.metroCode,
      details: `package ${r.packageCode}, ${a.routerConnections(r.uuid, w.live()).length} connection(s); connections from it are IP_VC`,
    })),
    virtualDevices: [...a.devices.values()].map((d) => {
      const free = d.interfaces.filter((i) => i.type === "DATA" && !a.interfaceUser(d.uuid, i.id, holders)).map((i) => i.id);
      return { uuid: d.uuid, name: d.name, state: d.status, metroCode: d.metroCode, details: `${d.deviceTypeCode}, free interfaces ${free.length ? free.join(", ") : "none"}` };
    }),
  };
}
