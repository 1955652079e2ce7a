import { Clock, systemClock } from "./clock";
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
 * OAuth tokens, one per credential set per process: concurrent callers share one fetch, a token is
 * renewed before it expires (at 90% of its life, or a minute early for long tokens), and a 401 drops it
 * once. Lives at module level so every resource in the plugin process shares it.
 */
export class TokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<string>>();
  private readonly fetches = new Map<string, number>();

  constructor(private readonly clock: Clock = systemClock) {}

  async get(key: string, fetch: () => Promise<IssuedToken>): Promise<string> {
    const entry = this.entries.get(key);
    if (entry && this.clock.now() < entry.renewAt) return entry.token;
    const pending = this.inflight.get(key);
    if (pending) return pending;
    const started = this.clock.now();
    const p = (async () => {
      try {
        const issued = await fetch();
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
        this.inflight.delete(key);
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
