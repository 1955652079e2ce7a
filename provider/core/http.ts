import axios, { AxiosInstance, AxiosResponse } from "axios";
import { Clock, systemClock } from "./clock";
import { ApiError, apiError, ApiErrorFields, isApiError, isRetryable, withFields } from "./errors";
import { registerSecret } from "./redact";
import { defaultRetryPolicy, parseRetryAfter, retryDecision, RetryPolicy } from "./retry";

/** Supplies authentication headers to every attempt of a request. */
export interface AuthProvider {
  /** The headers of one attempt; `deadline` (absolute ms) bounds any token request they need. */
  headers(opts?: { deadline?: number }): Promise<Record<string, string>>;
  /**
   * An attempt sent with `used` got a 401: drop that credential if it is still the current one (a
   * renewal by another request is kept). Return false when no other credential can be obtained (a
   * static token): the 401 is then final. The client calls it once per request.
   */
  invalidate(used: Record<string, string>): boolean | void;
}

export interface HttpResponse<T = unknown> {
  status: number;
  data: T;
  headers: Record<string, unknown>;
}

export interface RequestSpec {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** Path below the base URL, e.g. "/fabric/v4/connections". */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Send the body as application/x-www-form-urlencoded (body must be a string record). */
  form?: boolean;
  /**
   * Safe to re-send after an ambiguous failure (no answer, 500, 502, 504). Defaults to true for every
   * method but POST. A POST is re-sent only after answers that prove it was not processed (429, 503);
   * otherwise its error says `maybeCommitted` and the caller must look the object up first.
   */
  idempotent?: boolean;
  /**
   * Absolute deadline on the client's clock (ms): the retry budget (no attempt starts past it). Without
   * one, the budget is the policy's `defaultBudgetMs` from the first attempt.
   */
  deadline?: number;
  /** Statuses returned to the caller instead of thrown. */
  okStatuses?: number[];
  /** Name of the call in errors and logs; defaults to "METHOD path". */
  call?: string;
  /** Recomputes parts of the request before each attempt (fresh signature, nonce, timestamp). */
  prepare?: () => Partial<Pick<RequestSpec, "query" | "body" | "headers">>;
}

export interface HttpClientOptions {
  api: string;
  baseURL: string;
  auth?: AuthProvider;
  /** Maps a non-2xx answer to an ApiError (the vendor's error body, codes and request id). */
  toError: (res: HttpResponse, call: string) => ApiError;
  retry?: Partial<RetryPolicy>;
  clock?: Clock;
  /** Per-attempt timeout in ms. Default 60 s. */
  timeoutMs?: number;
  random?: () => number;
  /** Transport; tests may inject one. */
  transport?: AxiosInstance;
  /** Observer for every attempt (counts, logs); receives no headers or bodies. */
  onAttempt?: (info: { call: string; attempt: number; status?: number; error?: string }) => void;
}

const AMBIGUOUS = new Set([500, 502, 504]);

/**
 * One vendor API over HTTP with the package's retry policy (provider/core/retry.ts): network errors,
 * 429 and 5xx retry with jittered exponential backoff, a server's Retry-After being the floor of the
 * pause, until the caller's deadline; a 401 drops the token and retries once; non-idempotent requests
 * are never re-sent when they may have been processed. Errors are ApiErrors built by the vendor's
 * mapper (never an AxiosError, which carries the headers), with the attempts made and, when retries
 * ran out, why they stopped.
 */
export class HttpClient {
  private readonly policy: RetryPolicy;
  private readonly clock: Clock;
  private readonly transport: AxiosInstance;

  constructor(private readonly options: HttpClientOptions) {
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.clock = options.clock ?? systemClock;
    this.transport =
      options.transport ??
      axios.create({
        baseURL: options.baseURL.replace(/\/+$/, ""),
        timeout: options.timeoutMs ?? 60_000,
        maxRedirects: 0,
        validateStatus: () => true,
        // Keep raw text; JSON is parsed below so a non-JSON body never throws inside axios.
        transformResponse: [(data) => data],
        responseType: "text",
      });
  }

  get api(): string {
    return this.options.api;
  }

  async request<T = unknown>(spec: RequestSpec): Promise<HttpResponse<T>> {
    const call = spec.call ?? `${spec.method} ${spec.path}`;
    const idempotent = spec.idempotent ?? spec.method !== "POST";
    const started = this.clock.now();
    const deadline = spec.deadline ?? started + this.policy.defaultBudgetMs;
    const final = (error: ApiError, attempt: number, more: Partial<ApiErrorFields> = {}) =>
      withFields(error, { attempts: attempt, ...(attempt > 1 ? { elapsedMs: this.clock.now() - started } : {}), ...more });
    let authRetried = false;

    for (let attempt = 1; ; attempt++) {
      const prepared = { ...spec, ...(spec.prepare ? spec.prepare() : {}) };
      let res: AxiosResponse<string> | undefined;
      let networkFailure: string | undefined;
      let authHeaders: Record<string, string> = {};
      try {
        const headers: Record<string, string> = { Accept: "application/json", ...(prepared.headers ?? {}) };
        if (this.options.auth) {
          authHeaders = await this.options.auth.headers({ deadline });
          // Whatever authenticates a request must never come back in an error, even when a server
          // echoes it bare (without the "Bearer" shape redact() recognises).
          for (const value of Object.values(authHeaders)) {
            registerSecret(value);
            registerSecret(String(value).replace(/^\s*(bearer|basic)\s+/i, ""));
          }
          Object.assign(headers, authHeaders);
        }
        let data: unknown = prepared.body;
        if (prepared.form && prepared.body !== undefined) {
          headers["Content-Type"] = "application/x-www-form-urlencoded";
          data = new URLSearchParams(prepared.body as Record<string, string>).toString();
        } else if (prepared.body !== undefined && !headers["Content-Type"]) {
          headers["Content-Type"] = "application/json";
        }
        if (data !== undefined && typeof data !== "string") data = JSON.stringify(data);
        res = await this.transport.request({
          method: spec.method,
          url: spec.path,
          params: cleanQuery(prepared.query),
          data,
          headers,
        });
      } catch (err) {
        if (isApiError(err)) throw err; // from the auth provider (token endpoint): already final
        networkFailure = networkReason(err);
      }
      this.options.onAttempt?.({ call, attempt, status: res?.status, error: networkFailure });

      let error: ApiError;
      if (res && res.status >= 200 && res.status < 300) {
        return { status: res.status, data: parseBody(res.data) as T, headers: res.headers as Record<string, unknown> };
      }
      if (res && spec.okStatuses?.includes(res.status)) {
        return { status: res.status, data: parseBody(res.data) as T, headers: res.headers as Record<string, unknown> };
      }
      if (res) {
        const parsed: HttpResponse = { status: res.status, data: parseBody(res.data), headers: res.headers as Record<string, unknown> };
        error = this.options.toError(parsed, call);
        if (res.status === 401 && this.options.auth && !authRetried) {
          authRetried = true;
          if (this.options.auth.invalidate(authHeaders) !== false) continue;
        }
        if (!idempotent && AMBIGUOUS.has(res.status)) {
          throw final(error, attempt, { maybeCommitted: true });
        }
      } else {
        error = apiError({ api: this.options.api, kind: "network", call, message: networkFailure ?? "no response" });
        if (!idempotent) throw final(error, attempt, { maybeCommitted: true });
      }
      if (!isRetryable(error)) throw final(error, attempt);
      const retryAfter = res ? parseRetryAfter(res.headers["retry-after"], this.clock) : undefined;
      const decision = retryDecision(this.policy, attempt, this.clock, deadline, retryAfter, this.options.random);
      if (!decision.retry) throw final(error, attempt, { retryStop: decision.reason });
      await this.clock.sleep(decision.delayMs);
    }
  }
}

function cleanQuery(query: RequestSpec["query"]): Record<string, string> | undefined {
  if (!query) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) out[k] = String(v);
  return out;
}

function parseBody(text: unknown): unknown {
  if (typeof text !== "string") return text;
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function networkReason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (e.code === "ECONNABORTED" || e.code === "ETIMEDOUT") return `timed out (${e.code})`;
  if (e.code) return `connection failed (${e.code})`;
  // axios' message never carries headers, but keep only its first line.
  return `connection failed (${String(e.message ?? "unknown").split("\n")[0]})`;
}
