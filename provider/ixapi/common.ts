import { createHash } from "crypto";
import { z } from "zod";
import { apiError } from "../core/errors";
import type { KindBasics, Props } from "../core/lifecycle";
import { partialFailureNow } from "../core/partialFailure";
import type { TimeoutDefaults } from "../core/timeouts";
import type { IxapiClient } from "./client";

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

/**
 * One kind of IX-API object with a state (network services and their configs): its name in messages, its
 * reads and when it counts as gone. The update (updateStateful) and the waits (./waiters.ts) take it.
 */
export interface StatefulObject<T extends { state?: string }> {
  /** The object as messages name it, e.g. "network service". */
  noun: string;
  /** Reads the object, within `deadline` when given. */
  get(api: IxapiClient, id: string, deadline?: number): Promise<T | undefined>;
  /** Reads it with the other reads of these credentials (coalesced): waits and refresh. */
  read(api: IxapiClient, id: string): Promise<T | undefined>;
  isGone(o: T): boolean;
}

/** An update of an IX-API object with a state (a network service or a config): what `updateStateful` needs beside the object. */
export interface StatefulUpdate<T extends { state?: string }> {
  id: string;
  /** The update's new inputs (they carry `__provider`). */
  news: Props;
  /** The merge PATCH of what changed (empty: nothing to send, the wait alone). */
  patch: Record<string, unknown>;
  /** The rules the change must meet at the exchange, checked before anything is sent. */
  check(): Promise<void>;
  send(patch: Record<string, unknown>): Promise<T>;
  /** Waits until the exchange has applied the change (which also resumes a create that failed while waiting). */
  wait(): Promise<T | undefined>;
  outputs(o: T): Props;
}

/**
 * The update of an IX-API object with a state: refused when the object is gone or being decommissioned
 * (`pulumi refresh` drops it); otherwise the exchange's rules, one merge PATCH of what changed, and the
 * wait until it is applied. A failure after that point is a partial failure with the object as the
 * exchange has it.
 */
export async function updateStateful<T extends { state?: string }>(o: StatefulObject<T>, api: IxapiClient, u: StatefulUpdate<T>, deadline: number): Promise<{ outs: Props }> {
  const current = await o.get(api, u.id, deadline);
  if (!current || o.isGone(current) || current.state === "decommission_requested") {
    const message = `${o.noun} ${u.id} no longer exists (or is being decommissioned); run \`pulumi refresh\` to drop it from the state, then \`pulumi up\` to create it again`;
    throw apiError({ api: "ixapi", kind: "notFound", message });
  }
  try {
    await u.check();
    const sent = Object.keys(u.patch).length ? await u.send(u.patch) : current;
    return { outs: u.outputs((await u.wait()) ?? sent) };
  } catch (err) {
    throw await partialFailureNow(err, { id: u.id, inputs: u.news, read: () => o.get(api, u.id), last: current, outputs: (x) => u.outputs(x) });
  }
}
