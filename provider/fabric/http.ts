import { ApiSpec, fingerprint, HttpFactory } from "../core/clients";
import { ConfigReader, processConfig } from "../core/config";
import type { CallContext } from "../core/context";
import { apiError, ApiError, ErrorKind, isApiError, isRetryable, kindForStatus, withFields } from "../core/errors";
import { AuthProvider, HttpClient, HttpResponse } from "../core/http";
import { registerSecret } from "../core/redact";
import { IssuedToken, tokenCache } from "../core/tokenCache";
import { FabricCatalogClient } from "./catalogClient";
import { FabricClient } from "./client";
import { EcxV3Client } from "./ecxV3Client";
import { FabricRoutingClient } from "./routingClient";
import { equinixCredentials, EquinixCredentials, equinixSettings, settingNames } from "./settings";

/**
 * Equinix over HTTP: OAuth2 client credentials (one token per credential set per process, renewed before
 * expiry and once on a 401, fetched with retries of transient faults) or a static token, and the error bodies of the Fabric v4 and ECX v3 APIs mapped to ApiErrors.
 * Shared by the Fabric v4 and ECX v3 clients.
 */

/** Fabric v4 errors are an array of {errorCode, errorMessage, correlationId, additionalInfo}; ECX v3 ones an
 * object or array of {errorCode, errorMessage, property, moreInfo}; OAuth ones {error_code, error_message}. */
export function equinixError(res: HttpResponse, call: string): ApiError {
  const body = res.data as unknown;
  const items: Array<Record<string, unknown>> = Array.isArray(body)
    ? (body as Array<Record<string, unknown>>)
    : body && typeof body === "object"
      ? [body as Record<string, unknown>]
      : [];
  const first = items[0] ?? {};
  const code = str(first.errorCode) ?? str(first.error_code) ?? str(first.code);
  const message =
    items
      .map((i) => str(i.errorMessage) ?? str(i.error_message) ?? str(i.message) ?? str(i.developer_message))
      .filter(Boolean)
      .join("; ") || (typeof body === "string" && body ? body.slice(0, 300) : `HTTP ${res.status}`);
  const details: Array<{ property?: string; reason: string }> = [];
  for (const item of items) {
    const info = Array.isArray(item.additionalInfo) ? (item.additionalInfo as Array<Record<string, unknown>>) : [];
    for (const a of info) {
      if (a.reason) details.push({ property: str(a.property), reason: String(a.reason) });
    }
    if (item.property && !info.length) details.push({ property: str(item.property), reason: str(item.errorMessage) ?? "" });
  }
  return apiError({
    api: "equinix",
    kind: equinixKind(res.status, code),
    status: res.status,
    code,
    message,
    requestId: str(first.correlationId) ?? str(res.headers["x-correlation-id"]),
    call,
    details: details.length ? details : undefined,
    retryable: code === "EQ-3142510" ? true : undefined,
  });
}

/** Codes Equinix answers with 400 that mean something more specific. */
const CODE_KINDS: Record<string, ErrorKind> = {
  "EQ-3142519": "notFound", // connection not found or not yours
  "EQ-3045811": "notFound",
  "EQ-3142509": "notFound", // already deleted
  "IC-LAYER2-4021": "notFound", // ECX v3: already deleted
  "EQ-3142510": "conflict", // transient state: retry
  "EQ-3142102": "conflict", // VLAN already used on the port
};

function equinixKind(status: number, code: string | undefined): ErrorKind {
  if (code && CODE_KINDS[code]) return CODE_KINDS[code];
  return kindForStatus(status);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

function credentialKey(c: EquinixCredentials): string {
  return c.kind === "oauth" ? `equinix|${c.endpoint}|${c.clientId}` : `equinix|${c.endpoint}|token`;
}

const TOKEN_CALL = "POST /oauth2/v1/token";

/**
 * Fetches a token from `/oauth2/v1/token`. 429, 5xx and network errors are retried with backoff until
 * `deadline` (a token request is safe to repeat); a refusal (400, 401, 403) never is, since Equinix
 * locks the account after 5 invalid attempts in a row.
 */
async function fetchToken(tokens: HttpClient, c: Extract<EquinixCredentials, { kind: "oauth" }>, deadline?: number): Promise<IssuedToken> {
  let res: HttpResponse<Record<string, unknown>>;
  try {
    res = await tokens.request<Record<string, unknown>>({
      method: "POST",
      path: "/oauth2/v1/token",
      body: { grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret },
      idempotent: true,
      deadline,
      call: TOKEN_CALL,
    });
  } catch (err) {
    if (!isApiError(err)) throw err;
    if (isRetryable(err)) {
      throw withFields(err, {
        message:
          `the token endpoint ${c.endpoint}/oauth2/v1/token did not issue a token: ${err.vendorMessage}. ` +
          `This is a transient fault at Equinix (throttling, unavailability or the network), not a credentials problem; ` +
          `it was retried with backoff within the operation's deadline (raise the resource's timeouts to wait longer)`,
        cause: err,
      });
    }
    const [id, secret] = [settingNames(equinixSettings.clientId, c.set), settingNames(equinixSettings.clientSecret, c.set)];
    throw withFields(err, {
      kind: "auth",
      message:
        `token request refused for client id ${c.clientId}: ${err.vendorMessage}. Check ${id.key} and ${secret.key} ` +
        `(or ${id.env} / ${secret.env}); not retried, since repeated failures lock the account`,
      cause: err,
    });
  }
  const data = res.data ?? {};
  if (typeof data.access_token !== "string" || !data.access_token) {
    throw apiError({ api: "equinix", kind: "server", status: res.status, call: TOKEN_CALL, message: "the token endpoint answered without an access_token" });
  }
  const seconds = Number(data.token_timeout ?? data.expires_in ?? 3599);
  return { token: data.access_token, ttlMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 3599) * 1000 };
}

function equinixAuth(c: EquinixCredentials, http: HttpFactory): AuthProvider {
  if (c.kind === "token") {
    registerSecret(c.token);
    // A static token cannot be renewed: a 401 is final (see staticTokenError).
    return { headers: async () => ({ Authorization: `Bearer ${c.token}` }), invalidate: () => false };
  }
  // Token requests: their own client (no auth), with the package's retry policy.
  const tokens = http({ api: "equinix", baseURL: c.endpoint, toError: equinixError, timeoutMs: 30_000 });
  const key = credentialKey(c);
  return {
    async headers(opts) {
      const token = await tokenCache.get(key, (deadline) => fetchToken(tokens, c, deadline), { deadline: opts?.deadline });
      return { Authorization: `Bearer ${token}` };
    },
    invalidate(used) {
      // Only the token this request sent: another request may already have renewed it.
      const sent = /^Bearer\s+(.+)$/i.exec(used.Authorization ?? "")?.[1];
      if (sent) tokenCache.invalidate(key, sent);
    },
  };
}

/** A 401 with a static token: the token expired or was revoked, and only the user can replace it. */
function staticTokenError(res: HttpResponse, call: string): ApiError {
  const e = equinixError(res, call);
  if (res.status !== 401) return e;
  return withFields(e, {
    message:
      `${e.vendorMessage}. The static token (equinix:token or EQUINIX_API_TOKEN) was rejected: it expired or was revoked. ` +
      `Set a new one, or use client credentials (equinix:clientId and equinix:clientSecret), which the provider renews itself`,
  });
}

/** Equinix's APIs for one credential set: Fabric v4 and ECX v3 over one HTTP client (one token). */
export interface EquinixClient {
  fabric: FabricClient;
  ecx: EcxV3Client;
  /** Fabric Cloud Routers and routing protocols (Fabric v4). */
  routing: FabricRoutingClient;
  /** Ports, service profiles and metros, for the look-ups (provider/lookups/fabric.ts). */
  catalog: FabricCatalogClient;
}

/** The Equinix API for the client factory (core/clients.ts): one client per credential set and endpoint. */
export const equinixApi: ApiSpec<EquinixCredentials, EquinixClient> = {
  api: "equinix",
  credentials: equinixCredentials,
  key: (c) => `${credentialKey(c)}|${fingerprint(c.kind === "oauth" ? c.clientSecret : c.token)}`,
  create(c, http) {
    const client = http({ api: "equinix", baseURL: c.endpoint, auth: equinixAuth(c, http), toError: c.kind === "token" ? staticTokenError : equinixError });
    return { fabric: new FabricClient(client), ecx: new EcxV3Client(client), routing: new FabricRoutingClient(client), catalog: new FabricCatalogClient(client) };
  },
};

/** The call's Fabric v4 client (for the credentials its config gives). */
export function fabricApi(ctx: CallContext): FabricClient {
  return ctx.clients.get(equinixApi).fabric;
}

/** The call's client of Fabric Cloud Routers and routing protocols (the same HTTP client and token). */
export function routingApi(ctx: CallContext): FabricRoutingClient {
  return ctx.clients.get(equinixApi).routing;
}

/** The call's ECX v3 client (the same HTTP client and token as its Fabric v4 one). */
export function ecxApi(ctx: CallContext): EcxV3Client {
  return ctx.clients.get(equinixApi).ecx;
}

/** How many OAuth tokens this process fetched for the credentials `config` gives (benchmarks). */
export function equinixTokenFetches(config: ConfigReader = processConfig): number {
  return tokenCache.fetchCount(credentialKey(equinixCredentials(config)));
}
