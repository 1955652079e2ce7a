/**
 * Request-rate limit and network latency of the simulated APIs, as a busy real API has them.
 *
 * Rate limit: a token bucket per API (Equinix, Alibaba, IX-API each have their own, as each vendor
 * counts an account's requests separately), refilled at `requestsPerSecond` up to `burst` requests.
 * A request that finds the bucket empty is answered at once with the API's own 429 (Equinix
 * `EQ-3000429`, the OAuth shape on `/oauth2/`, Alibaba `Throttling.User`, an IX-API problem) and a
 * `Retry-After` header: the whole seconds until a request would be admitted (at least 1; HTTP allows
 * no fractions). Limits count real time, not the sandbox clock: they are about how fast clients send.
 *
 * Latency: every API request waits `latencyMs` real milliseconds before it is handled (a 429 too),
 * like a round trip to a distant endpoint. Admin calls (`/_sandbox`) are never limited nor delayed.
 */
export interface RateLimit {
  /** sustained rate, requests per second, > 0 */
  requestsPerSecond: number;
  /** requests admitted at once from a full bucket; default `requestsPerSecond` (at least 1) */
  burst?: number;
}

export interface Limits {
  /** per-API request-rate limit; null = unlimited (default) */
  rateLimit: RateLimit | null;
  /** real milliseconds added before each API request is handled; default 0 */
  latencyMs: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Validates limits given by a user (options, CLI, admin HTTP); throws naming the field and the rule. */
export function checkLimits(l: { rateLimit?: unknown; latencyMs?: unknown }): Partial<Limits> {
  const out: Partial<Limits> = {};
  if (l.latencyMs !== undefined) {
    const ms = Number(l.latencyMs);
    if (typeof l.latencyMs === "boolean" || !Number.isFinite(ms) || ms < 0) throw new Error(`latencyMs must be a number of milliseconds >= 0, got ${JSON.stringify(l.latencyMs)}`);
    out.latencyMs = ms;
  }
  if (l.rateLimit !== undefined) {
    if (l.rateLimit === null) out.rateLimit = null;
    else {
      const r = l.rateLimit as Record<string, unknown>;
      const rps = Number(r?.requestsPerSecond);
      if (typeof r !== "object" || !Number.isFinite(rps) || rps <= 0) {
        throw new Error(`rateLimit.requestsPerSecond must be a number > 0, got ${JSON.stringify(r?.requestsPerSecond)}`);
      }
      const burst = r.burst === undefined ? undefined : Number(r.burst);
      if (burst !== undefined && (!Number.isFinite(burst) || burst < 1)) throw new Error(`rateLimit.burst must be a number >= 1, got ${JSON.stringify(r.burst)}`);
      out.rateLimit = { requestsPerSecond: rps, ...(burst !== undefined ? { burst } : {}) };
    }
  }
  return out;
}

/** The limits in force and one token bucket per API. */
export class RateLimiter {
  private current: Limits;
  private buckets = new Map<string, Bucket>();

  constructor(initial: Partial<Limits> = {}, private readonly now: () => number = Date.now) {
    this.current = { rateLimit: null, latencyMs: 0, ...checkLimits(initial) };
  }

  get limits(): Limits {
    return { rateLimit: this.current.rateLimit ? { ...this.current.rateLimit } : null, latencyMs: this.current.latencyMs };
  }

  /** Changes the limits; buckets start full again. */
  set(l: { rateLimit?: unknown; latencyMs?: unknown }): Limits {
    this.current = { ...this.current, ...checkLimits(l) };
    this.buckets.clear();
    return this.limits;
  }

  /**
   * Takes one request from the API's bucket: undefined when admitted, else the milliseconds until one
   * would be (the client should wait at least that long).
   */
  take(api: string): number | undefined {
    const limit = this.current.rateLimit;
    if (!limit) return undefined;
    const capacity = Math.max(1, limit.burst ?? limit.requestsPerSecond);
    const now = this.now();
    const b = this.buckets.get(api) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * limit.requestsPerSecond);
    b.at = now;
    this.buckets.set(api, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return undefined;
    }
    return Math.ceil(((1 - b.tokens) / limit.requestsPerSecond) * 1000);
  }
}

/** The Retry-After header value for a wait in ms: whole seconds, at least 1. */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}
