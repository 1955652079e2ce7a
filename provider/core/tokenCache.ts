import { Clock, systemClock } from "./clock";
import { isRetryable } from "./errors";
import { registerSecret } from "./redact";

export interface IssuedToken {
  token: string;
  /** Lifetime in ms from issue. */
  ttlMs: number;
}

interface Entry {
  token: string;
  expiresAt: number;
  renewAt: number;
}

/**
 * OAuth tokens, one per credential set per process: concurrent callers share one fetch (single-flight,
 * also when a 401 makes many requests renew at once), a token is renewed before it expires (at 90% of
 * its life, or a minute early for long tokens), and a 401 drops it only if it is still the cached one.
 * Lives at module level so every resource in the plugin process shares it.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly fetches = new Map<string, number>();

  constructor(private readonly clock: Clock = systemClock) {}

  /**
   * The cached token, or a fresh one from `fetch`. `deadline` (absolute ms on this cache's clock) is
   * handed to the fetch this call starts, which retries transient faults until then. A caller that
   * joined another caller's fetch and sees it fail with a retryable error starts its own if its own
   * deadline has not passed (the failed fetch's budget was the other caller's).
   */
  async get(key: string, fetch: (deadline?: number) => Promise<IssuedToken>, opts: { deadline?: number } = {}): Promise<string> {
    for (;;) {
      const entry = this.entries.get(key);
      if (entry && this.clock.now() < entry.renewAt) return entry.token;
      const pending = this.inflight.get(key);
      if (!pending) return this.start(key, fetch, opts.deadline);
      try {
        return await pending;
      } catch (err) {
        // Loop: join the fetch another caller started meanwhile, take its token, or start one.
        const timeLeft = opts.deadline !== undefined && this.clock.now() < opts.deadline;
        if (!isRetryable(err) || !timeLeft || this.inflight.get(key) === pending) throw err;
      }
    }
  }

  private start(key: string, fetch: (deadline?: number) => Promise<IssuedToken>, deadline: number | undefined): Promise<string> {
    const started = this.clock.now();
    let p: Promise<string> | undefined; // assigned before the body first awaits
    p = (async () => {
      try {
        const issued = await fetch(deadline);
        registerSecret(issued.token);
        this.fetches.set(key, (this.fetches.get(key) ?? 0) + 1);
        const early = Math.min(60_000, issued.ttlMs * 0.1);
        this.entries.set(key, {
          token: issued.token,
          expiresAt: started + issued.ttlMs,
          renewAt: started + issued.ttlMs - early,
        });
        return issued.token;
      } finally {
        if (this.inflight.get(key) === p) this.inflight.delete(key);
      }
    })();
    this.inflight.set(key, p);
    return p;
  }

  /** Drops the token if it is still the cached one (a 401 on a request that used it). */
  invalidate(key: string, token?: string): void {
    const entry = this.entries.get(key);
    if (entry && (token === undefined || entry.token === token)) this.entries.delete(key);
  }

  /** How many tokens were fetched for a credential set in this process. */
  fetchCount(key: string): number {
    return this.fetches.get(key) ?? 0;
  }

  clear(): void {
    this.entries.clear();
    this.inflight.clear();
    this.fetches.clear();
  }
}

/** The process-wide cache every API client uses. */
export const tokenCache = new TokenCache();
