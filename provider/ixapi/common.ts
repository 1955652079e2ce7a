import { createHash } from "crypto";
import { z } from "zod";
import { pollIntervals } from "../core/config";
import { Clock, systemClock } from "../core/clock";

/** Clock used by IX-API waits; tests may replace it. */
export const ixapiClock: { current: Clock } = { current: systemClock };

export const id = z.string().min(1, "is required");
export const ref = (max: number) => z.string().max(max, `must be at most ${max} characters long`);

/** How long an IX-API create, update or delete may take when the resource's timeouts do not say. */
export const DEFAULT_TIMEOUTS = { create: "30m", update: "20m", delete: "30m" };

export function waitCommon(deadline: number) {
  const clock = ixapiClock.current;
  return { api: "ixapi", clock, timeoutMs: Math.max(0, deadline - clock.now()), ...pollIntervals() };
}

/** A deterministic external_ref from stable inputs: a lost create is found again by it. */
export function defaultExternalRef(kind: string, parts: unknown[]): string {
  return `pulumi:${kind}:${createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 24)}`;
}

/** Drops undefined values. */
export function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
