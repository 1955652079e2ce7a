import { apiError, ApiError, ErrorKind, kindForStatus } from "../core/errors";
import { HttpResponse } from "../core/http";

/**
 * IX-API answers problems as RFC 7807 bodies: `{type, title, status, detail, instance}`, validation errors
 * add `properties: [{name, reason}]`. The type URI's last segment (`validation-error`, `not-found` ...)
 * becomes the error code.
 */
export function problemCode(type: unknown): string | undefined {
  if (typeof type !== "string" || !type || type === "about:blank") return undefined;
  const m = /([A-Za-z0-9_-]+)(?:\.html)?\/?$/.exec(type);
  return m ? m[1] : type;
}

const CODE_KINDS: Record<string, ErrorKind> = {
  "not-found": "notFound",
  "authentication-error": "auth",
  "signature-expired": "auth",
  "not-authenticated": "auth",
  "permission-denied": "forbidden",
  "validation-error": "invalid",
  "unable-to-fulfill": "invalid",
  "cancellation-policy-error": "invalid",
};

export function ixapiError(res: HttpResponse, call: string): ApiError {
  const body = (res.data && typeof res.data === "object" ? res.data : {}) as Record<string, unknown>;
  const code = problemCode(body.type);
  const title = typeof body.title === "string" ? body.title : undefined;
  const detail = typeof body.detail === "string" ? body.detail : undefined;
  const message = [title, detail && detail !== title ? detail : undefined].filter(Boolean).join(": ") || (typeof res.data === "string" && res.data ? res.data.slice(0, 300) : `HTTP ${res.status}`);
  const props = Array.isArray(body.properties) ? (body.properties as Array<Record<string, unknown>>) : [];
  const details = props
    .filter((p) => p && (p.reason !== undefined || p.name !== undefined))
    .map((p) => ({ property: typeof p.name === "string" ? p.name : undefined, reason: String(p.reason ?? "invalid") }));
  const requestId = (res.headers["x-request-id"] as string | undefined) ?? (typeof body.instance === "string" ? body.instance : undefined);
  const kind = res.status === 429 || res.status >= 500 ? kindForStatus(res.status) : (code ? CODE_KINDS[code] : undefined) ?? kindForStatus(res.status);
  return apiError({ api: "ixapi", kind, status: res.status, code, message, requestId, call, details: details.length ? details : undefined });
}
