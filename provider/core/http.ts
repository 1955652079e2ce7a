import axios from "axios";
import type { z } from "zod";
import { Clock, systemClock } from "./clock";
import { ApiError, apiError, ApiErrorFields, isApiError, isRetryable, withFields } from "./errors";
import { registerSecret } from "./redact";
import { parseResponse } from "./response";
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
  /**
   * Whether a failed attempt may be tried again, instead of `isRetryable`: for a caller that must look at
   * the vendor before trying again (a refusal the vendor calls transient but that may not be).
   */
  retryable?: (error: ApiError) => boolean;
  /** Statuses returned to the caller instead of thrown. */
  okStatuses?: number[];
  /** Name of the call in errors and logs; defaults to "METHOD path". */
  call?: string;
  /** Recomputes parts of the request before each attempt (fresh signature, nonce, timestamp). */
  prepare?: () => Partial<Pick<RequestSpec, "query" | "body" | "headers">>;
}

/** One attempt of a request, as the transport sends it. */
export interface TransportRequest {
  method: RequestSpec["method"];
  /** The absolute URL, without the query. */
  url: string;
  query?: Record<string, string>;
  /** The encoded body (JSON or form). */
  body?: string;
  headers: Record<string, string>;
  /** Give up on the answer after this many ms. */
  timeoutMs: number;
}

/** What came back: any status (redirects are not followed), the body as text. */
export interface TransportResponse {
  status: number;
  body: string;
  headers: Record<string, unknown>;
}

/**
 * Sends one attempt. Rejects only when no answer arrived, with an error whose `code` says why
 * (ECONNRESET, ECONNABORTED ...). Tests inject one to observe or answer requests.
 */
export type Transport = (req: TransportRequest) => Promise<TransportResponse>;

const http = axios.create({
  maxRedirects: 0,
  validateStatus: () => true,
  // Keep raw text; JSON is parsed by the client so a non-JSON body never throws inside axios.
  transformResponse: [(data) => data],
  responseType: "text",
});

/** The default transport: axios, one attempt, no redirects, the body kept as text. */
export const axiosTransport: Transport = async (req) => {
  const res = await http.request<string>({ method: req.method, url: req.url, params: req.query, data: req.body, headers: req.headers, timeout: req.timeoutMs });
  return { status: res.status, body: typeof res.data === "string" ? res.data : String(res.data ?? ""), headers: res.headers as Record<string, unknown> };
};

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
  /** Transport; default axiosTransport. Tests may inject one. */
  transport?: Transport;
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
  /** The clock of deadlines and pauses between attempts. */
  readonly clock: Clock;
  private readonly transport: Transport;
  private readonly baseURL: string;

  constructor(private readonly options: HttpClientOptions) {
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.clock = options.clock ?? systemClock;
    this.transport = options.transport ?? axiosTransport;
    this.baseURL = options.baseURL.replace(/\/+$/, "");
  }

  get api(): string {
    return this.options.api;
  }

  /** `request`, then the answer's body checked against `schema` (core/response.ts: an ApiError when it does not fit). */
  async requestParsed<S extends z.ZodTypeAny>(schema: S, spec: RequestSpec): Promise<z.output<S>> {
    const res = await this.request(spec);
    return parseResponse(schema, res.data, { api: this.options.api, call: spec.call ?? `${spec.method} ${spec.path}` });
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
      let res: TransportResponse | undefined;
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
        res = await this.transport({
          method: spec.method,
          url: `${this.baseURL}/${spec.path.replace(/^\/+/, "")}`,
          query: cleanQuery(prepared.query),
          body: data as string | undefined,
          headers,
          timeoutMs: this.options.timeoutMs ?? 60_000,
        });
      } catch (err) {
        if (isApiError(err)) throw err; // from the auth provider (token endpoint): already final
        networkFailure = networkReason(err);
      }
      this.options.onAttempt?.({ call, attempt, status: res?.status, error: networkFailure });

      let error: ApiError;
      if (res && res.status >= 200 && res.status < 300) {
        return { status: res.status, data: parseBody(res.body) as T, headers: res.headers };
      }
      if (res && spec.okStatuses?.includes(res.status)) {
        return { status: res.status, data: parseBody(res.body) as T, headers: res.headers };
      }
      if (res) {
        const parsed: HttpResponse = { status: res.status, data: parseBody(res.body), headers: res.headers };
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
      if (!(spec.retryable ?? isRetryable)(error)) throw final(error, attempt);
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
