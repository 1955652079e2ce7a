import { Clock } from "./clock";

/**
 * Retry policy as data. Which failures retry is decided by the caller's classifier (isRetryable on
 * the mapped error); this says how long to wait between attempts and when to stop.
 */
export interface RetryPolicy {
  /** Attempts in all, the first one included. */
  maxAttempts: number;
  /** First backoff ceiling in ms; doubles each attempt (full jitter picks a value below it). */
  baseDelayMs: number;
  /** Largest pause between two attempts, in ms; a server's Retry-After may exceed it up to `maxRetryAfterMs`. */
  maxDelayMs: number;
  /** Largest Retry-After honoured, in ms. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 120_000,
};

/** Exponential backoff with full jitter: a random pause in [0, min(max, base * 2^(attempt-1))]. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
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

/**
 * The pause before the next attempt, or undefined to stop: Retry-After wins when given, otherwise
 * backoff; never past the deadline.
 */
export function nextDelay(
  policy: RetryPolicy,
  attempt: number,
  clock: Clock,
  deadline: number | undefined,
  retryAfterMs: number | undefined,
  random?: () => number,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const delay =
    retryAfterMs !== undefined ? Math.min(retryAfterMs, policy.maxRetryAfterMs) : backoffDelay(policy, attempt, random);
  if (deadline !== undefined && clock.now() + delay > deadline) return undefined;
  return delay;
}
