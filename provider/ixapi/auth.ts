import axios from "axios";
import { createHash } from "crypto";
import { apiError } from "../core/errors";
import { AuthProvider } from "../core/http";
import { registerSecret } from "../core/redact";
import { IssuedToken, TokenCache, tokenCache } from "../core/tokenCache";
import { ixapiError } from "./errors";
import { IxapiCredentials } from "./settings";

/**
 * The two IX-API token flows. Tokens live in the process-wide TokenCache (one per credential set, shared
 * by every resource in the plugin process, renewed before expiry and dropped once on a 401). Token
 * endpoints are never retried on 400/401: repeated bad logins can lock the client.
 */

/** Lifetime assumed when the server says nothing (no expires_in, not a JWT with exp). */
const DEFAULT_TTL_MS = 3_600_000;

/** Cache key of a credential set (the secret is hashed so two secrets for one id never share a token). */
export function credentialKey(c: IxapiCredentials): string {
  const id = c.flow === "oauth" ? `${c.tokenUrl}|${c.clientId}|${c.clientSecret}` : `${c.apiKey}|${c.apiSecret}`;
  return `ixapi|${c.flow}|${c.apiUrl}|${createHash("sha256").update(id).digest("hex").slice(0, 16)}`;
}

/** A JWT's remaining lifetime from its `exp` and `iat` claims, if it is one. */
export function jwtTtlMs(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")) as { exp?: number; iat?: number };
    if (typeof claims.exp !== "number") return undefined;
    const issued = typeof claims.iat === "number" ? claims.iat : Math.floor(Date.now() / 1000);
    return Math.max(0, (claims.exp - issued) * 1000);
  } catch {
    return undefined;
  }
}

async function post(url: string, call: string, data: unknown, form: boolean) {
  try {
    return await axios.post(url, data, {
      validateStatus: () => true,
      timeout: 30_000,
      headers: { "Content-Type": form ? "application/x-www-form-urlencoded" : "application/json", Accept: "application/json" },
      transformResponse: (x) => x,
    });
  } catch (err) {
    throw apiError({ api: "ixapi", kind: "network", call, message: `cannot reach ${new URL(url).origin} (${(err as { code?: string }).code ?? "network error"})` });
  }
}

function parse(data: unknown): Record<string, unknown> {
  if (typeof data !== "string") return (data ?? {}) as Record<string, unknown>;
  try {
    return JSON.parse(data) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function refused(status: number, data: unknown, headers: Record<string, unknown>, call: string, what: string) {
  const e = ixapiError({ status, data: parse(data), headers }, call);
  return apiError({
    api: "ixapi",
    kind: status >= 500 || status === 429 ? (status === 429 ? "throttled" : "server") : "auth",
    status,
    code: e.code,
    call,
    message: `${what}: ${e.vendorMessage}`,
    requestId: e.requestId,
  });
}

/** OAuth2 client credentials, form-encoded, at the login URL's token endpoint (seed 004, step 1). */
export async function fetchOAuthToken(c: Extract<IxapiCredentials, { flow: "oauth" }>): Promise<IssuedToken> {
  const call = "POST {tokenUrl}";
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret }).toString();
  const res = await post(c.tokenUrl, call, form, true);
  const body = parse(res.data);
  if (res.status !== 200 || typeof body.access_token !== "string") {
    throw refused(
      res.status,
      res.data,
      res.headers as Record<string, unknown>,
      call,
      `token request refused for client id ${c.clientId}; check ixapi:clientId, ixapi:clientSecret and ixapi:tokenUrl (or IXAPI_CLIENT_ID / IXAPI_CLIENT_SECRET / IXAPI_TOKEN_URL); not retried`,
    );
  }
  registerSecret(body.access_token);
  const seconds = Number(body.expires_in);
  const ttlMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : jwtTtlMs(body.access_token) ?? DEFAULT_TTL_MS;
  return { token: body.access_token, ttlMs };
}

/** Refresh tokens of the native flow, per credential set, with their expiry (ms, system clock). */
const refreshTokens = new Map<string, { token: string; expiresAt: number }>();

/**
 * IX-API's own flow: `POST /auth/refresh {refresh_token}` while a refresh token is held and valid,
 * else `POST /auth/token {api_key, api_secret}`; both answer `{access_token, refresh_token}` (JWTs).
 */
export async function fetchNativeToken(c: Extract<IxapiCredentials, { flow: "native" }>): Promise<IssuedToken> {
  const key = credentialKey(c);
  const held = refreshTokens.get(key);
  if (held && held.expiresAt > Date.now()) {
    const res = await post(`${c.apiUrl}/auth/refresh`, "POST /auth/refresh", { refresh_token: held.token }, false);
    const body = parse(res.data);
    if ((res.status === 200 || res.status === 201) && typeof body.access_token === "string") return remember(key, body);
    refreshTokens.delete(key);
    if (res.status >= 500 || res.status === 429) throw refused(res.status, res.data, res.headers as Record<string, unknown>, "POST /auth/refresh", "token refresh failed");
    // 400/401: the refresh token is no longer valid; log in again below.
  }
  const res = await post(`${c.apiUrl}/auth/token`, "POST /auth/token", { api_key: c.apiKey, api_secret: c.apiSecret }, false);
  const body = parse(res.data);
  if ((res.status !== 201 && res.status !== 200) || typeof body.access_token !== "string") {
    throw refused(
      res.status,
      res.data,
      res.headers as Record<string, unknown>,
      "POST /auth/token",
      `token request refused for api key ${c.apiKey}; check ixapi:apiKey and ixapi:apiSecret (or IXAPI_API_KEY / IXAPI_API_SECRET); not retried`,
    );
  }
  return remember(key, body);
}

function remember(key: string, body: Record<string, unknown>): IssuedToken {
  const access = String(body.access_token);
  registerSecret(access);
  if (typeof body.refresh_token === "string") {
    registerSecret(body.refresh_token);
    const ttl = jwtTtlMs(body.refresh_token) ?? 24 * DEFAULT_TTL_MS;
    refreshTokens.set(key, { token: body.refresh_token, expiresAt: Date.now() + ttl * 0.9 });
  }
  return { token: access, ttlMs: jwtTtlMs(access) ?? DEFAULT_TTL_MS };
}

/** Forgets held refresh tokens (tests). */
export function clearRefreshTokens(): void {
  refreshTokens.clear();
}

export function fetchToken(c: IxapiCredentials): Promise<IssuedToken> {
  return c.flow === "oauth" ? fetchOAuthToken(c) : fetchNativeToken(c);
}

/** The AuthProvider of the HTTP client: a Bearer token from the cache; a 401 drops it once. */
export function ixapiAuth(c: IxapiCredentials, cache: TokenCache = tokenCache): AuthProvider {
  const key = credentialKey(c);
  let current: string | undefined;
  return {
    async headers() {
      current = await cache.get(key, () => fetchToken(c));
      return { Authorization: `Bearer ${current}` };
    },
    invalidate() {
      cache.invalidate(key, current);
    },
  };
}
