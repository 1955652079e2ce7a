import { fingerprint, HttpFactory } from "../core/clients";
import { apiError, ApiError, isApiError, isRetryable, withFields } from "../core/errors";
import { AuthProvider, HttpClient, HttpResponse } from "../core/http";
import { registerSecret } from "../core/redact";
import { IssuedToken, TokenCache, tokenCache } from "../core/tokenCache";
import { ixapiError } from "./errors";
import { checkHint, IxapiCredentials } from "./settings";

/**
 * The two IX-API token flows. Tokens live in the process-wide TokenCache (one per credential set, shared
 * by every resource in the plugin process, renewed before expiry and dropped once on a 401). Token
 * requests retry 429, 5xx and network errors within the operation's deadline, never a refusal
 * (400/401): repeated bad logins can lock the client.
 */

/** Lifetime assumed when the server says nothing (no expires_in, not a JWT with exp). */
const DEFAULT_TTL_MS = 3_600_000;

/** Cache key of a credential set (the secret is hashed so two secrets for one id never share a token). */
export function credentialKey(c: IxapiCredentials): string {
  const id = c.flow === "oauth" ? [c.tokenUrl, c.clientId, c.clientSecret] : [c.apiKey, c.apiSecret];
  return `ixapi|${c.flow}|${c.apiUrl}|${fingerprint(...id)}`;
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

/** IX-API problems (RFC 7807) and OAuth2 errors (`{error, error_description}`, RFC 6749 section 5.2). */
function tokenError(res: HttpResponse, call: string): ApiError {
  const e = ixapiError(res, call);
  const body = (res.data && typeof res.data === "object" ? res.data : {}) as Record<string, unknown>;
  if (typeof body.error !== "string") return e;
  const description = typeof body.error_description === "string" ? body.error_description : body.error;
  return withFields(e, { code: body.error, message: description });
}

/**
 * POSTs to a token endpoint: 429, 5xx and network errors retried until `deadline` (safe to repeat). The
 * HTTP client of the API client's token requests: no authentication, the package's retry policy.
 */
type TokenPost = (url: string, call: string, body: Record<string, string>, form: boolean, deadline: number | undefined) => Promise<HttpResponse<Record<string, unknown>>>;

function tokenPoster(http: HttpFactory): TokenPost {
  const clients = new Map<string, HttpClient>();
  return (url, call, body, form, deadline) => {
    const u = new URL(url);
    let client = clients.get(u.origin);
    if (!client) clients.set(u.origin, (client = http({ api: "ixapi", baseURL: u.origin, toError: tokenError, timeoutMs: 30_000 })));
    return client.request<Record<string, unknown>>({ method: "POST", path: `${u.pathname}${u.search}`, body, form, idempotent: true, deadline, call });
  };
}

/**
 * The error of a token request that failed for good: a refusal (400, 401, 403: never retried, since
 * repeated bad logins can lock the client) names the settings to check; a transient fault that
 * outlasted its retries says so, and that the credentials were not the problem.
 */
function tokenFailure(err: unknown, endpoint: string, refusal: string): unknown {
  if (!isApiError(err)) return err;
  if (isRetryable(err)) {
    return withFields(err, {
      message:
        `the token endpoint ${endpoint} did not issue a token: ${err.vendorMessage}. This is a transient fault at the exchange ` +
        `(throttling, unavailability or the network), not a credentials problem; it was retried with backoff within the ` +
        `operation's deadline (raise the resource's timeouts to wait longer)`,
    });
  }
  return withFields(err, { kind: "auth", message: `${refusal}: ${err.vendorMessage}; not retried, since repeated failed logins can lock the client` });
}

/** OAuth2 client credentials, form-encoded, at the login URL's token endpoint. */
async function fetchOAuthToken(post: TokenPost, c: Extract<IxapiCredentials, { flow: "oauth" }>, deadline?: number): Promise<IssuedToken> {
  const call = "POST {tokenUrl}";
  let res: HttpResponse<Record<string, unknown>>;
  try {
    res = await post(c.tokenUrl, call, { grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret }, true, deadline);
  } catch (err) {
    throw tokenFailure(
      err,
      "at ixapi:tokenUrl",
      `token request refused for client id ${c.clientId}; ${checkHint(c)}`,
    );
  }
  const body = res.data ?? {};
  if (typeof body.access_token !== "string") {
    throw apiError({ api: "ixapi", kind: "server", status: res.status, call, message: "the token endpoint answered without an access_token" });
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
async function fetchNativeToken(post: TokenPost, c: Extract<IxapiCredentials, { flow: "native" }>, deadline?: number): Promise<IssuedToken> {
  const key = credentialKey(c);
  const held = refreshTokens.get(key);
  if (held && held.expiresAt > Date.now()) {
    try {
      const res = await post(`${c.apiUrl}/auth/refresh`, "POST /auth/refresh", { refresh_token: held.token }, false, deadline);
      if (typeof res.data?.access_token === "string") return remember(key, res.data);
    } catch (err) {
      refreshTokens.delete(key);
      if (isRetryable(err)) throw tokenFailure(err, "POST /auth/refresh", "token refresh refused");
      // 400/401: the refresh token is no longer valid; log in again below.
    }
  }
  let res: HttpResponse<Record<string, unknown>>;
  try {
    res = await post(`${c.apiUrl}/auth/token`, "POST /auth/token", { api_key: c.apiKey, api_secret: c.apiSecret }, false, deadline);
  } catch (err) {
    throw tokenFailure(err, "POST /auth/token", `token request refused for api key ${c.apiKey}; ${checkHint(c)}`);
  }
  if (typeof res.data?.access_token !== "string") {
    throw apiError({ api: "ixapi", kind: "server", status: res.status, call: "POST /auth/token", message: "the token endpoint answered without an access_token" });
  }
  return remember(key, res.data);
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

/**
 * The AuthProvider of the HTTP client: a Bearer token from the cache (one fetch shared by every
 * concurrent caller); a 401 drops the token that request sent, unless another request renewed it.
 * Token requests go through HTTP clients made by `http` (the API client's transport and clock).
 */
export function ixapiAuth(c: IxapiCredentials, http: HttpFactory, cache: TokenCache = tokenCache): AuthProvider {
  const key = credentialKey(c);
  const post = tokenPoster(http);
  const fetchToken = (deadline?: number) => (c.flow === "oauth" ? fetchOAuthToken(post, c, deadline) : fetchNativeToken(post, c, deadline));
  return {
    async headers(opts) {
      const token = await cache.get(key, fetchToken, { deadline: opts?.deadline });
      return { Authorization: `Bearer ${token}` };
    },
    invalidate(used) {
      const sent = /^Bearer\s+(.+)$/i.exec(used.Authorization ?? "")?.[1];
      if (sent) cache.invalidate(key, sent);
    },
  };
}
