import { createHash } from "crypto";
import { z } from "zod";
import type { KindBasics, Props } from "../core/lifecycle";
import type { TimeoutDefaults } from "../core/timeouts";

export const id = z.string().min(1, "is required");
export const ref = (max: number) => z.string().max(max, `must be at most ${max} characters long`);

/** How long an IX-API create, update or delete may take when the resource's timeouts do not say. */
export const IXAPI_TIMEOUTS: TimeoutDefaults = { create: "30m", update: "20m", delete: "30m" };

/**
 * The kind's check, also filling in the external_ref a create gets when the user sets none (`ref`), by
 * which a create whose answer was lost is found again.
 */
export function withDefaultExternalRef<V>(kind: KindBasics<V>, ref: (v: V, news: Props, olds: Props) => string): KindBasics<V>["check"] {
  return (olds, news) => {
    const r = kind.check(olds, news);
    if (!r.failures.length && !r.inputs.externalRef) r.inputs.externalRef = ref(r.inputs as V, news, olds);
    return r;
  };
}

/** A deterministic external_ref from stable inputs: a lost create is found again by it. */
export function defaultExternalRef(kind: string, parts: unknown[]): string {
  return `pulumi:${kind}:${createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 24)}`;
}

/**
 * The external_ref a create gets when the user sets none, by which a create whose answer was lost is
 * found again: derived from the resource's identity (`project/stack/kind/name`, core/resourceInputs) and
 * the inputs that define the object, so two look-alike resources never find each other's object and a
 * replacement (new defining inputs) a new one. Without an identity (a caller from before identities) it
 * is derived as earlier versions did; a state whose ref was derived that way from the same inputs keeps it
 * (no update just for the upgrade).
 */
export function identityExternalRef(kind: string, identity: string | undefined, parts: unknown[], olds: Record<string, unknown>): string {
  const legacy = defaultExternalRef(kind, parts);
  if (identity === undefined || olds.externalRef === legacy) return legacy;
  return defaultExternalRef(kind, [identity, ...parts]);
}
