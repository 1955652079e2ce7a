import { Clock } from "./clock";

/**
 * Retry policy as data. Which failures retry is decided by the caller's classifier (isRetryable on
 * the mapped error); this says how long to wait between attempts and when to stop. There is no
 * attempt count: a call retries until its budget ends, the operation's deadline (the resource's
 * `timeouts`) or, for a call made without one, `defaultBudgetMs` from its first attempt.
 */
export interface RetryPolicy {
  /** First backoff ceiling in ms; doubles each attempt up to `maxDelayMs`. */
  baseDelayMs: number;
  /** Largest jitter added to a pause, in ms (the backoff ceiling stops growing there). */
  maxDelayMs: number;
  /** Largest Retry-After honoured, in ms; a longer one is treated as this long. */
  maxRetryAfterMs: number;
  /** Budget in ms of a call made without a deadline, counted from its first attempt. */
  defaultBudgetMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
  defaultBudgetMs: 300_000,
};

/** The backoff ceiling of an attempt: base * 2^(attempt-1), at most maxDelayMs. */
export function backoffCeiling(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/** Exponential backoff with full jitter: a random pause in [0, ceiling(attempt)). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * backoffCeiling(policy, attempt));
}

/** Parses a Retry-After header (seconds or an HTTP date) to milliseconds from now. */
export function parseRetryAfter(value: unknown, clock: Clock): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Date.parse is lenient ("-5" or "foo 1" parse as dates in 2001): accept only the shapes of an HTTP
  // date (a month name and hh:mm:ss), so garbage falls back to backoff instead of "retry now".
  if (!/[A-Za-z]{3}/.test(text) || !/\b\d{1,2}:\d{2}:\d{2}\b/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - clock.now());
}

/** What the policy decided after a failed attempt. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

/**
 * The pause before the next attempt, or why to stop.
 * - The pause is jittered: a random share of the backoff ceiling, so clients that failed together do
 *   not come back together. A server's Retry-After is the floor: the pause is Retry-After plus that
 *   jitter, never less than the server asked for.
 * - The budget is the deadline (absolute ms on `clock`): a pause that would end past it is cut to end
 *   at it (one last attempt), unless the server's Retry-After itself ends past it; once the deadline
 *   is reached, stop.
 */
export function retryDecision(
  policy: RetryPolicy,
  attempt: number,
  clock: Clock,
  deadline: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): RetryDecision {
  const remaining = deadline - clock.now();
  if (remaining <= 0) return { retry: false, reason: "the operation's deadline has passed" };
  const floor = retryAfterMs === undefined ? 0 : Math.min(Math.max(0, retryAfterMs), policy.maxRetryAfterMs);
  if (floor > remaining) {
    return { retry: false, reason: `the server asked to wait ${formatMs(retryAfterMs!)}, past the operation's deadline (${formatMs(remaining)} left)` };
  }
  return { retry: true, delayMs: Math.min(remaining, floor + backoffDelay(policy, attempt, random)) };
}

/** "850 ms", "12.5 s", "3 min 20 s". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ""}`;
}
