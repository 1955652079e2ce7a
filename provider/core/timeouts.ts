import { z } from "zod";
import { Clock } from "./clock";
import { parseDuration } from "./duration";

/** A duration as users write it in timeouts: "90s", "20m", "1h", or a number of seconds. */
export const durationSchema = z.union([z.string(), z.number()]).refine((v) => parseDuration(v) !== undefined, {
  message: 'must be a duration such as "90s", "20m" or "1h"',
});

/** `timeouts: {create, update, delete}` of a resource, each a duration. */
export const timeoutsSchema = z.object({ create: durationSchema.optional(), update: durationSchema.optional(), delete: durationSchema.optional() }).strict();

export type TimeoutOp = "create" | "update" | "delete";

/** A resource's `timeouts` as stored: a duration per operation, any of them unset. */
export type StoredTimeouts = Partial<Record<TimeoutOp, string | number>> | undefined;

/**
 * A kind's default limit per operation, each a duration ("30m"): the one shape every lifecycle declares
 * its defaults in (the resource classes' TSDoc and the README state the same values).
 */
export type TimeoutDefaults = Readonly<Record<TimeoutOp, string>>;

/**
 * The absolute deadline of an operation: now on `clock` plus the resource's timeout for `op`, or its
 * default when the timeout is unset (or, in an old state, not a duration).
 */
export function deadlineFor(timeouts: StoredTimeouts, op: TimeoutOp, defaults: TimeoutDefaults, clock: Clock): number {
  const ms = parseDuration(timeouts?.[op] ?? defaults[op]) ?? parseDuration(defaults[op])!;
  return clock.now() + ms;
}

/**
 * The `timeouts` of a read-back: never sent to the vendor, so read back as the state has it (left out
 * when the state has none).
 */
export function keptTimeouts<T>(old: { timeouts?: T }): { timeouts?: T } {
  return old.timeouts !== undefined ? { timeouts: old.timeouts } : {};
}
