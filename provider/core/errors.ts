import { redact } from "./redact";
import { formatMs } from "./retry";

/**
 * The few kinds every vendor error is mapped to. Callers classify with the predicates below, never
 * with `instanceof`: serialized copies of a class and errors crossing the plugin boundary break it.
 */
export type ErrorKind =
  | "throttled" // 429, Throttling*: retry after a pause
  | "invalid" // 400 validation: the request itself is wrong
  | "auth" // 401, bad credentials, expired token
  | "forbidden" // 403, not allowed for this account
  | "notFound" // 404 or the vendor's not-found code
  | "conflict" // 409, transient state, operation conflict
  | "server" // 5xx
  | "network" // no response: dropped connection, timeout, reset
  | "timeout" // a wait ran past its deadline
  | "state" // a wait reached a state it cannot leave (failed, rejected)
  | "config"; // missing or invalid provider configuration

export interface ApiErrorFields {
  /** The API: "equinix", "alibaba", "ixapi". */
  api: string;
  kind: ErrorKind;
  message: string;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** The vendor's own code: EQ-3142102, Throttling.User, validation-error ... */
  code?: string;
  /** The vendor's request or correlation id, for support tickets. */
  requestId?: string;
  /** The call that failed: "POST /fabric/v4/connections" or "CreateVirtualBorderRouter". */
  call?: string;
  /** How many attempts were made before giving up. */
  attempts?: number;
  /** Time spent on the call, pauses between attempts included, in ms (set when it was retried). */
  elapsedMs?: number;
  /** Why retrying stopped, when the error was retryable: "the operation's deadline has passed" ... */
  retryStop?: string;
  /** Field-level reasons the vendor gave. */
  details?: Array<{ property?: string; reason: string }>;
  /** True when the vendor documents this code as worth retrying even though its kind is not. */
  retryable?: boolean;
  /** True when a non-idempotent request may have been committed although no answer arrived. */
  maybeCommitted?: boolean;
  /**
   * What this error comes from (a zod error for an answer of an unexpected shape, an earlier ApiError for
   * one that adds context). Never a transport error: those carry the request's headers.
   */
  cause?: unknown;
}

export interface ApiError extends Error, ApiErrorFields {
  readonly isApiError: true;
  /** The vendor's message alone, without the call, codes and request id that `message` adds. */
  readonly vendorMessage: string;
}

/** Builds an ApiError whose message carries the call, status, vendor code and request id, redacted. */
export function apiError(fields: ApiErrorFields): ApiError {
  const parts: string[] = [];
  if (fields.call) parts.push(fields.call);
  if (fields.status !== undefined) parts.push(`HTTP ${fields.status}`);
  if (fields.code) parts.push(fields.code);
  const head = parts.length ? `${fields.api}: ${parts.join(" ")}: ` : `${fields.api}: `;
  let text = head + fields.message;
  if (fields.details?.length) {
    text += ` (${fields.details.map((d) => (d.property ? `${d.property}: ${d.reason}` : d.reason)).join("; ")})`;
  }
  if (fields.requestId) text += ` [request id ${fields.requestId}]`;
  if (fields.attempts && fields.attempts > 1) {
    text += ` after ${fields.attempts} attempts`;
    if (fields.elapsedMs !== undefined) text += ` over ${formatMs(fields.elapsedMs)}`;
  }
  if (fields.retryStop) text += ` (retries stopped: ${fields.retryStop})`;
  const err = new Error(redact(text)) as ApiError;
  Object.assign(err, { ...fields, vendorMessage: redact(fields.message), message: redact(text), isApiError: true as const });
  err.name = "ApiError";
  return err;
}

export function isApiError(err: unknown): err is ApiError {
  return typeof err === "object" && err !== null && (err as { isApiError?: unknown }).isApiError === true;
}

export const isNotFound = (err: unknown): boolean => isApiError(err) && err.kind === "notFound";
export const isThrottled = (err: unknown): boolean => isApiError(err) && err.kind === "throttled";
export const isAuthError = (err: unknown): boolean => isApiError(err) && err.kind === "auth";
export const isConflict = (err: unknown): boolean => isApiError(err) && err.kind === "conflict";
export const isInvalid = (err: unknown): boolean => isApiError(err) && err.kind === "invalid";
export const isTimeout = (err: unknown): boolean => isApiError(err) && err.kind === "timeout";
export const isConfigError = (err: unknown): boolean => isApiError(err) && err.kind === "config";

/** The error of an update whose object is gone at the vendor: it names the object and tells to refresh (`then`: what comes after). */
export function noLongerExists(api: string, what: string, then = "to drop it"): ApiError {
  return apiError({ api, kind: "notFound", message: `${what} no longer exists; run \`pulumi refresh\` ${then}` });
}

/** Runs a delete call: false when the vendor answers that the object is already gone, true when it ran. */
export async function unlessNotFound(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw err;
  }
}

/** Worth another attempt: throttling, 5xx, dropped connections, and codes the vendor says are transient. */
export function isRetryable(err: unknown): boolean {
  if (!isApiError(err)) return false;
  if (err.retryable) return true;
  return err.kind === "throttled" || err.kind === "server" || err.kind === "network";
}

/** The kind a bare HTTP status maps to, for vendors whose body says nothing better. */
export function kindForStatus(status: number): ErrorKind {
  if (status === 429) return "throttled";
  if (status === 401) return "auth";
  if (status === 403) return "forbidden";
  if (status === 404) return "notFound";
  if (status === 409) return "conflict";
  if (status >= 500) return "server";
  return "invalid";
}

/** The same error with more fields set (attempts, maybeCommitted ...), its message rebuilt. */
export function withFields(err: ApiError, more: Partial<ApiErrorFields>): ApiError {
  const { name: _n, stack: _s, isApiError: _i, vendorMessage, message: _m, ...fields } = err;
  return apiError({ ...(fields as ApiErrorFields), message: vendorMessage, ...more });
}

/** A message for any thrown value, redacted; never includes an axios config or headers. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return redact(err.message);
  return redact(String(err));
}
