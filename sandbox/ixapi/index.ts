import type { SandboxApi, SandboxContext } from "../core/api";
import { createIxapiAdmin, ixapiAdminRoutes, type IxapiAdmin } from "./admin";
import { IxapiAuth } from "./auth";
import { problem, problemNameFor } from "./errors";
import { IXAPI_BASE, registerIxapi } from "./routes";
import { IXAPI_DEFAULT_DELAYS } from "./model";
import { renderConfig, renderService } from "./render";
import { IxapiWorld } from "./world";

export { ACCOUNTS, CONNECTIONS, OFFERINGS, POPS, ROLES, CLOUD_KEY_SHAPES } from "./catalog";
export { IXAPI_EVENTS, IXAPI_DEFAULT_DELAYS } from "./model";
export { IxapiWorld } from "./world";
export type { CloudServiceProductionEvent, CloudServiceDecommissionedEvent, IxapiDelays, DecommissionMode } from "./model";
export type { IxapiAdmin } from "./admin";

/** What `sandbox.ixapi` holds. Use one credential set: OAuth (tokenUrl, clientId, clientSecret) or native (apiKey, apiSecret). */
export interface IxapiInfo {
  /** `${url}/ixapi/v2` */
  apiUrl: string;
  /** `${url}/ixapi-auth/connect/token` (OAuth2 client credentials, form-encoded) */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** IX-API's own flow: `POST ${apiUrl}/auth/token {api_key, api_secret}` */
  apiKey: string;
  apiSecret: string;
  /** the exchange's customer accounts (`billing`: it can be a billing_account) */
  accounts: { id: string; name: string; billing: boolean }[];
  /** the customer's cloud access ports, with their pop */
  connections: { id: string; pop: string; vlanTypes: string[] }[];
  /** the cloud_vc product offerings */
  offerings: { id: string; serviceProvider: string; region: string; diversity: number }[];
}

function world(ctx: SandboxContext): IxapiWorld {
  return ctx.world.ixapi as IxapiWorld;
}

/** IX-API v2 at an exchange ("Using IX-API for Cloud Service"): both token flows, catalog, cloud_vc services and configs, contacts, roles. @internal */
export const ixapiApi: SandboxApi = {
  name: "ixapi",
  owns: (path) => path.startsWith("/ixapi/") || path.startsWith("/ixapi-auth/"),
  defaultDelays: IXAPI_DEFAULT_DELAYS,
  createWorld: (ctx) => new IxapiWorld(ctx, new IxapiAuth(ctx)),
  register(app, ctx) {
    const w = world(ctx);
    w.auth.register(app);
    registerIxapi(app, ctx, w, w.auth);
  },
  createAdmin: (ctx) => createIxapiAdmin(ctx, world(ctx)),
  adminRoutes: ixapiAdminRoutes,
  inventory(ctx) {
    const w = world(ctx);
    return {
      networkServices: w.liveServices().map((s) => renderService(w, s)),
      networkServiceConfigs: w.liveConfigs().map((c) => renderConfig(w, c)),
      contacts: [...w.contacts.values()].map((c) => ({ ...c })),
      roleAssignments: [...w.assignments.values()].map((a) => ({ ...a })),
    };
  },
  expireTokens: (ctx) => world(ctx).auth.tokens.expireAll(),
  errorResponse(_ctx, req, status, message) {
    if (req.path.startsWith("/ixapi-auth/")) return { status, body: { error: status === 429 ? "slow_down" : "server_error", error_description: message } };
    const p = problem(status, problemNameFor(status), message);
    return { status, body: p, headers: { "Content-Type": "application/problem+json" } };
  },
  saveState: (ctx) => world(ctx).snapshot(),
  loadState: (ctx, state) => world(ctx).restore(state),
  settings: (i: IxapiInfo) => [
    { env: "IXAPI_API_URL", config: "ixapi:apiUrl", value: i.apiUrl },
    { env: "IXAPI_TOKEN_URL", config: "ixapi:tokenUrl", value: i.tokenUrl },
    { env: "IXAPI_CLIENT_ID", config: "ixapi:clientId", value: i.clientId },
    { env: "IXAPI_CLIENT_SECRET", config: "ixapi:clientSecret", value: i.clientSecret, secret: true },
  ],
  info(ctx): IxapiInfo {
    const w = world(ctx);
    return {
      apiUrl: `${ctx.url()}${IXAPI_BASE}`,
      tokenUrl: `${ctx.url()}/ixapi-auth/connect/token`,
      clientId: w.auth.clientId,
      clientSecret: w.auth.clientSecret,
      apiKey: w.auth.apiKey,
      apiSecret: w.auth.apiSecret,
      accounts: w.accounts.map((a) => ({ id: a.id, name: a.name, billing: a.billing_information !== undefined })),
      connections: w.connections.map((c) => ({ id: c.id, pop: c.pop, vlanTypes: [...c.vlan_types] })),
      offerings: w.offerings.map((o) => ({ id: o.id, serviceProvider: o.service_provider, region: o.service_provider_region, diversity: o.diversity })),
    };
  },
};
