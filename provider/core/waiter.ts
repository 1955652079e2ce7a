import { Clock, systemClock } from "./clock";
import { pollIntervals } from "./config";
import type { CallContext } from "./context";
import { formatDuration } from "./duration";
import { apiError, ApiError, isRetryable } from "./errors";
import { progress, Progress } from "./progress";

/** What one observation means for a wait. */
export type WaitVerdict =
  | { done: true }
  | { done: false; state?: string; hint?: string }
  | { failed: string; state?: string };

export interface WaitOptions<T> {
  /** The API, for errors ("equinix"). */
  api: string;
  /** What is being waited for, for messages: "connection 3f1c... to be provisioned". */
  what: string;
  /** Reads the object; undefined means not found. */
  poll: () => Promise<T | undefined>;
  /** Decides from an observation. Unknown states should be "not done yet", not failures. */
  evaluate: (value: T) => WaitVerdict;
  /** Budget in ms from the start of the wait. */
  timeoutMs: number;
  /** First pause between polls in ms; grows by `factor` up to `maxIntervalMs`. */
  intervalMs: number;
  maxIntervalMs: number;
  factor?: number;
  /**
   * The bounded schedule (every vendor waiter uses it, through pollIntervals()): when set, the first poll
   * comes after `initialDelayMs` (never at time zero: right after a POST the object is never finished),
   * and each pause is the longest that still sees an object finishing just after a poll within lagShare x
   * the whole wait + min(intervalMs, 1 s), and at most maxIntervalMs.
   * Poll instants fall on a grid of that minimum pause, so objects that started waiting at different
   * times poll at the same instants and share one list call (see coalescer.ts). Unset: the growing
   * interval (intervalMs x factor), first poll at once.
   */
  lagShare?: number;
  /** With lagShare: the pause before the first poll, in ms. Default min(intervalMs, 1 s). */
  initialDelayMs?: number;
  /** Consecutive not-found answers tolerated before failing (eventual consistency). Default 0. */
  notFoundTolerance?: number;
  /** When true, not found is the target (waiting for a delete). */
  goneIsDone?: boolean;
  clock?: Clock;
  /** Where new states are reported ("<what>: <state>: <hint>"); default: lines on stderr. */
  progress?: Progress;
  /** Receives each new state instead of `progress`. */
  onState?: (state: string, hint?: string) => void;
}

/**
 * The part of a wait's options a call decides: waits until `deadline` on the call's clock, polls on the
 * schedule the call's config sets (pollIntervals), reports states as the call's progress.
 */
export function waitBudget(ctx: CallContext, api: string, deadline: number): Pick<WaitOptions<unknown>, "api" | "clock" | "timeoutMs" | "intervalMs" | "maxIntervalMs" | "lagShare" | "progress"> {
  return { api, clock: ctx.clock, timeoutMs: Math.max(0, deadline - ctx.clock.now()), ...pollIntervals(ctx.config), progress: ctx.progress };
}

export interface WaitResult<T> {
  /** The last observation (undefined when gone was the target and it is gone). */
  value: T | undefined;
  polls: number;
  waitedMs: number;
}

/**
 * The one waiter every resource uses: polls with a growing interval until the verdict is done, a
 * failure state is reached (kind "state"), the object is unexpectedly gone (kind "notFound") or the
 * budget runs out (kind "timeout", with the last state seen). Transient poll errors (throttling, 5xx,
 * dropped connections) are absorbed while the budget lasts.
 */
export async function waitFor<T>(options: WaitOptions<T>): Promise<WaitResult<T>> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const deadline = started + options.timeoutMs;
  const factor = options.factor ?? 1.5;
  const say = options.progress ?? progress;
  const report = options.onState ?? ((state: string, hint?: string) => say(options.what, hint ? `${state}: ${hint}` : state));
  let interval = options.intervalMs;
  let missing = 0;
  let polls = 0;
  let lastState: string | undefined;
  let lastError: ApiError | undefined;
  const bounded = options.lagShare !== undefined && options.lagShare > 0;
  const minPause = Math.min(options.intervalMs, 1000);

  if (bounded) await clock.sleep(Math.min(options.initialDelayMs ?? firstPause(started, minPause), options.timeoutMs));
  for (;;) {
    let value: T | undefined;
    let observed = true;
    try {
      polls++;
      value = await options.poll();
    } catch (err) {
      if (!isRetryable(err)) throw err;
      lastError = err as ApiError;
      observed = false;
    }
    if (observed) {
      if (value === undefined) {
        if (options.goneIsDone) return { value: undefined, polls, waitedMs: clock.now() - started };
        missing++;
        if (missing > (options.notFoundTolerance ?? 0)) {
          throw apiError({ api: options.api, kind: "notFound", message: `${options.what}: the object no longer exists` });
        }
      } else {
        missing = 0;
        const verdict = options.evaluate(value);
        if ("failed" in verdict) {
          throw apiError({
            api: options.api,
            kind: "state",
            message: `${options.what}: ${verdict.failed}${verdict.state ? ` (state ${verdict.state})` : ""}`,
          });
        }
        if (verdict.done) return { value, polls, waitedMs: clock.now() - started };
        if (verdict.state && verdict.state !== lastState) {
          lastState = verdict.state;
          report(verdict.state, verdict.hint);
        }
      }
    }
    const now = clock.now();
    if (now >= deadline) {
      const seen = lastState ? `; last state ${lastState}` : lastError ? `; last error: ${lastError.vendorMessage}` : "";
      throw apiError({
        api: options.api,
        kind: "timeout",
        message: `${options.what}: not done after ${formatDuration(now - started)}${seen}`,
      });
    }
    if (bounded) {
      await clock.sleep(Math.min(boundedPause(now - started, now, minPause, options.lagShare!, options.maxIntervalMs), deadline - now));
      continue;
    }
    await clock.sleep(Math.min(interval, deadline - now));
    interval = Math.min(options.maxIntervalMs, interval * factor);
  }
}

/**
 * The bounded schedule's grid: half the minimum pause. Poll instants are multiples of it, so waits that
 * began at different times poll together.
 */
function grid(minPause: number): number {
  return minPause / 2;
}

/** The pause before the first poll of a wait starting at `start`: it lands on the grid, within (minPause/2, minPause]. */
export function firstPause(start: number, minPause: number): number {
  const h = grid(minPause);
  if (h <= 0) return minPause;
  return (Math.floor(start / h) + 2) * h - start;
}

/**
 * The pause before the next poll of the bounded schedule, `elapsed` ms into a wait at clock time `now`.
 * The target is the longest pause the bound allows, (lagShare x elapsed + minPause) / (1 - lagShare), at
 * least minPause and at most max(minPause, maxPause), rounded down
 * to the grid (minPause/2) times 1, 2, 3, 4, 6, 8, 12 ...; the poll comes at the next multiple of that after
 * `now`. Never longer than the target, so the lag bound holds; and every wait with the same rounded
 * pause polls at the same instants, whenever it began, so their polls share one list call.
 */
export function boundedPause(elapsed: number, now: number, minPause: number, lagShare: number, maxPause: number): number {
  // An object done just after this poll is seen at the next one, elapsed + pause into the wait: the lag
  // (the pause) stays within lagShare x (elapsed + pause) + minPause when pause <= (lagShare x elapsed +
  // minPause) / (1 - lagShare).
  const bound = (lagShare * elapsed + minPause) / Math.max(0.01, 1 - lagShare);
  const target = Math.max(minPause, Math.min(Math.max(minPause, maxPause), bound));
  const h = grid(minPause);
  if (h <= 0) return target;
  // Quanta h x 1, 2, 3, 4, 6, 8, 12 ...: within 3/4 of the target, few enough that waits share instants.
  let q = h;
  for (let m = 2; m * h <= target; m = m % 3 === 0 ? (m / 3) * 4 : m === 2 ? 3 : (m / 2) * 3) q = m * h;
  const next = (Math.floor(now / q) + 1) * q;
  return next - now;
}
