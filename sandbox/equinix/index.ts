import type { Request } from "express";
import type { SandboxApi, SandboxContext } from "../core/api";
import { createEquinixAdmin, equinixAdminRoutes, type EquinixAdmin } from "./admin";
import { EQ, eqError, oauthError } from "./errors";
import { ECX, ecxError, registerEcxV3 } from "./ecxV3";
import { registerFabricV4 } from "./fabricV4";
import { EquinixAuth } from "./oauth";
import { renderConnection } from "./render";
import { EQUINIX_DEFAULT_DELAYS, EquinixWorld } from "./world";

export { ALIBABA_PROFILE_UUID, PRIVATE_PROFILE_UUID, PORTS, PROFILES, METROS, findPort, findProfile } from "./catalog";
export { EQUINIX_EVENTS, EQUINIX_DEFAULT_DELAYS, EquinixWorld, EquinixApiFailure } from "./world";
export type { AlibabaConnectionCreatedEvent, ConnectionCreatedEvent, ConnectionDeletedEvent, ConnectionUpdatedEvent, EquinixDelays, StallMatcher } from "./world";
export type { EquinixAdmin } from "./admin";
export type { ConnectionRecord, Phase } from "./model";

/** What `sandbox.equinix` holds. */
export interface EquinixInfo {
  /** base URL: `${endpoint}/oauth2/v1/token`, `${endpoint}/fabric/v4/...`, `${endpoint}/ecx/v3/...` */
  endpoint: string;
  clientId: string;
  clientSecret: string;
}

function world(ctx: SandboxContext): EquinixWorld {
  return ctx.world.equinix;
}

/** Equinix: OAuth2, Fabric v4 (and, registered by sandbox/equinix/ecxV3.ts, ECX v3). @internal */
export const equinixApi: SandboxApi = {
  name: "equinix",
  owns: (path) => path.startsWith("/oauth2/") || path.startsWith("/fabric/") || path.startsWith("/ecx/"),
  defaultDelays: EQUINIX_DEFAULT_DELAYS,
  createWorld: (ctx) => new EquinixWorld(ctx, new EquinixAuth(ctx)),
  register(app, ctx) {
    const w = world(ctx);
    w.auth.register(app);
    registerFabricV4(app, ctx, w, w.auth);
    registerEcxV3(app, ctx, w, w.auth);
  },
  createAdmin: (ctx) => createEquinixAdmin(ctx, world(ctx)),
  adminRoutes: (router, ctx) => equinixAdminRoutes(router, ctx, ctx.admin.equinix as EquinixAdmin),
  inventory(ctx) {
    const w = world(ctx);
    return { connections: w.live().map((c) => renderConnection(w, c, ctx.url(), ctx.clock.now())) };
  },
  expireTokens: (ctx) => world(ctx).auth.expireAll(),
  errorResponse(_ctx, req: Request, status, message) {
    const headers: Record<string, string> = {};
    if (req.path.startsWith("/oauth2/")) {
      return { status, body: oauthError(message, `OAUTH-E${status}`) };
    }
    if (req.path.startsWith("/ecx/")) {
      // ECX v3 errors: an array of {errorCode, errorMessage, property, moreInfo}
      const v3code = status === 404 ? ECX.notFound : status === 401 ? ECX.unauthorized : `IC-LAYER2-${status}`;
      return { status, headers, body: [ecxError(v3code, message, "", "sandbox")] };
    }
    const code = status === 429 ? EQ.tooManyRequests : status === 401 ? EQ.unauthorized : status === 404 ? EQ.notFound : status === 400 ? EQ.invalidBody : status === 403 ? EQ.forbidden : `EQ-3000${String(status).padStart(3, "0")}`;
    return { status, headers, body: [eqError(code, message)] };
  },
  info(ctx): EquinixInfo {
    const w = world(ctx);
    return { endpoint: ctx.url(), clientId: w.auth.clientId, clientSecret: w.auth.clientSecret };
  },
};
