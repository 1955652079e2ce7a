import axios from "axios";
import { createHash } from "crypto";
import { apiError, ApiError, ErrorKind, kindForStatus } from "../core/errors";
import { AuthProvider, HttpClient, HttpResponse } from "../core/http";
import { tokenCache } from "../core/tokenCache";
import { equinixCredentials, EquinixCredentials } from "./settings";

/**
 * Equinix over HTTP: OAuth2 client credentials (one token per credential set per process, renewed before
 * expiry and once on a 401) and the error bodies of the Fabric v4 and ECX v3 APIs mapped to ApiErrors.
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
  return `equinix|${c.endpoint}|${c.clientId}`;
}

/** Fetches a token. Never retried on 400/401: Equinix locks the account after 5 invalid attempts. */
async function fetchToken(c: EquinixCredentials): Promise<{ token: string; ttlMs: number }> {
  let res;
  try {
    res = await axios.post(
      `${c.endpoint}/oauth2/v1/token`,
      { grant_type: "client_credentials", client_id: c.clientId, client_secret: c.clientSecret },
      { validateStatus: () => true, timeout: 30_000, headers: { "Content-Type": "application/json" } },
    );
  } catch (err) {
    throw apiError({
      api: "equinix",
      kind: "network",
      call: "POST /oauth2/v1/token",
      message: `cannot reach ${c.endpoint} (${(err as { code?: string }).code ?? "network error"})`,
    });
  }
  if (res.status !== 200 || !res.data?.access_token) {
    const e = equinixError({ status: res.status, data: res.data, headers: res.headers as Record<string, unknown> }, "POST /oauth2/v1/token");
    throw apiError({
      api: "equinix",
      kind: res.status >= 500 ? "server" : "auth",
      status: res.status,
      code: e.code,
      call: "POST /oauth2/v1/token",
      message: `token request refused for client id ${c.clientId}: ${e.vendorMessage}. Check equinix:clientId and equinix:clientSecret (or EQUINIX_API_CLIENTID / EQUINIX_API_CLIENTSECRET); not retried, since repeated failures lock the account`,
      requestId: e.requestId,
    });
  }
  const seconds = Number(res.data.token_timeout ?? res.data.expires_in ?? 3599);
  return { token: String(res.data.access_token), ttlMs: (Number.isFinite(seconds) ? seconds : 3599) * 1000 };
}

function equinixAuth(c: EquinixCredentials): AuthProvider {
  const key = credentialKey(c);
  let current: string | undefined;
  return {
    async headers() {
      current = await tokenCache.get(key, () => fetchToken(c));
      return { Authorization: `Bearer ${current}` };
    },
    invalidate() {
      tokenCache.invalidate(key, current);
    },
  };
}

const clients = new Map<string, HttpClient>();

/** The Equinix HTTP client for the current credentials, created lazily, one per credential set. */
export function equinixHttp(): HttpClient {
  const c = equinixCredentials();
  const key = `${credentialKey(c)}|${createHash("sha256").update(c.clientSecret).digest("hex").slice(0, 12)}`;
  let client = clients.get(key);
  if (!client) {
    client = new HttpClient({ api: "equinix", baseURL: c.endpoint, auth: equinixAuth(c), toError: equinixError });
    clients.set(key, client);
  }
  return client;
}

/** How many OAuth tokens this process fetched for the current credentials (benchmarks). */
export function equinixTokenFetches(): number {
  return tokenCache.fetchCount(credentialKey(equinixCredentials()));
}
