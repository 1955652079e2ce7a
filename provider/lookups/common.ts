import * as pulumi from "@pulumi/pulumi";
import type { LookupOptions } from "./api";
import { z } from "zod";
import { CallScope, ConfigReader, credentialSetIssue, scopedConfig } from "../core/config";
import { callContext, CallContext } from "../core/context";
import { parseDuration } from "../core/duration";
import { apiError } from "../core/errors";
import { checkInputs, formatFailures } from "../core/validation";

/**
 * What every look-up shares: the program's settings and call context, argument checks, the
 * exactly-one rule with its messages, and the Output variant.
 */

export type { LookupOptions } from "./api";

/** The default budget of a look-up, in ms. */
export const DEFAULT_LOOKUP_TIMEOUT_MS = 120_000;

/**
 * The program's settings, read as the resources' provider reads its own: the stack config (`equinix:*`,
 * `alicloud:*`, `ixapi:*`, the keys the provider's configure() receives; secrets decrypted), then the
 * environment variables.
 */
export const programConfig: ConfigReader = {
  get: (key) => pulumi.runtime.getConfig(key),
  env: (name) => process.env[name],
};

/**
 * Makes a look-up's call context: over the program's settings, read through the credential set and region
 * of `scope` when it names them. Tests give one with their own settings, clock and transport.
 */
export type LookupContext = (scope?: CallScope) => CallContext;

/** A look-up's call context in the program: the program's settings, the system clock, the shared client factory. */
export const programContext: LookupContext = (scope) => callContext({ config: scope ? scopedConfig(programConfig, scope) : programConfig });

/** The credential set the options name (checked: an error names the option and the rule before any call). */
export function scopeOf(api: string, opts: LookupOptions | undefined): CallScope {
  const set = opts?.credentials;
  if (set === undefined) return {};
  const issue = credentialSetIssue(set);
  if (issue) throw apiError({ api, kind: "invalid", message: `options.credentials ${issue}` });
  return { credentials: set };
}

/** The absolute deadline of a look-up starting now on `ctx`'s clock. */
export function deadlineOf(api: string, ctx: CallContext, opts: LookupOptions | undefined): number {
  if (opts?.timeout === undefined) return ctx.clock.now() + DEFAULT_LOOKUP_TIMEOUT_MS;
  const ms = typeof opts.timeout === "string" ? parseDuration(opts.timeout) : undefined;
  if (ms === undefined || ms <= 0) {
    throw apiError({ api, kind: "invalid", message: `options.timeout: ${JSON.stringify(opts.timeout)} is not a duration; write it as "30s", "2m" or "1m30s"` });
  }
  return ctx.clock.now() + ms;
}

/** The arguments checked with their strict schema before any call: an error names each field and its rule. */
export function checkArgs<S extends z.ZodTypeAny>(api: string, fn: string, schema: S, args: unknown): z.output<S> {
  const raw = args === undefined ? {} : args;
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw apiError({ api, kind: "invalid", message: `${fn}: the arguments must be an object (got ${Array.isArray(raw) ? "an array" : typeof raw})` });
  }
  const out = checkInputs(schema, raw as Record<string, unknown>);
  if (out.failures.length) throw apiError({ api, kind: "invalid", message: formatFailures(fn, out.failures) });
  return out.inputs as z.output<S>;
}

/** How the criteria of a look-up read in its messages: `name "x", metroCode "SV"`. */
export function describeCriteria(criteria: Record<string, unknown>): string {
  const parts = Object.entries(criteria)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${typeof v === "string" ? JSON.stringify(v) : String(v)}`);
  return parts.length ? parts.join(", ") : "no criteria";
}

/** At most this many candidates are named in a message. */
const LISTED = 20;

/** "a, b, c and 4 more" */
export function listNames(names: string[]): string {
  if (names.length === 0) return "none";
  const shown = names.slice(0, LISTED).join(", ");
  return names.length > LISTED ? `${shown} and ${names.length - LISTED} more` : shown;
}

/** A started look-up: its checked arguments, its call context and its absolute deadline. */
export interface LookupCall<A> {
  a: A;
  ctx: CallContext;
  deadline: number;
}

/**
 * Starts a look-up `fn`: its arguments checked with `schema` before any call (an error names each field),
 * the call context of the credential set the options name, and the deadline of its `timeout`.
 */
export function startLookup<S extends z.ZodTypeAny>(api: string, fn: string, schema: S, raw: unknown, opts: LookupOptions | undefined, lc: LookupContext): LookupCall<z.output<S>> {
  const a = checkArgs(api, fn, schema, raw);
  const ctx = lc(scopeOf(api, opts));
  return { a, ctx, deadline: deadlineOf(api, ctx, opts) };
}

/** The plural and singular look-ups of one kind of object (`getPorts` and `getPort`), as lookupPair makes them. */
export interface LookupPair<A, T> {
  /** Every match (possibly none). */
  all(raw: A | undefined, opts?: LookupOptions, lc?: LookupContext): Promise<T[]>;
  /** The one match; fails unless exactly one matches (exactlyOne). */
  one(raw: A | undefined, opts?: LookupOptions, lc?: LookupContext): Promise<T>;
}

/**
 * A kind's two look-ups from one search: `list` gives every match of a started look-up; the singular one
 * runs the same search and fails unless exactly one matches, `one` saying how its messages name the
 * candidates (noun, criteria, labels, what the account has).
 */
export function lookupPair<S extends z.ZodTypeAny, T>(o: {
  api: string;
  schema: S;
  /** The public names, singular then plural: ["getPort", "getPorts"]. */
  names: [one: string, all: string];
  list: (call: LookupCall<z.output<S>>) => Promise<T[]>;
  one: (call: LookupCall<z.output<S>>) => Omit<ExactlyOne<T>, "api" | "fn">;
}): LookupPair<z.input<S>, T> {
  return {
    all: (raw, opts, lc = programContext) => o.list(startLookup(o.api, o.names[1], o.schema, raw, opts, lc)),
    one: async (raw, opts, lc = programContext) => {
      const call = startLookup(o.api, o.names[0], o.schema, raw, opts, lc);
      return exactlyOne(await o.list(call), { ...o.one(call), api: o.api, fn: o.names[0] });
    },
  };
}

export interface ExactlyOne<T> {
  api: string;
  /** the look-up function, for the message: "getPort" */
  fn: string;
  /** what is looked up, singular and plural: ["Fabric port", "Fabric ports"] */
  noun: [string, string];
  criteria: Record<string, unknown>;
  /** how a candidate is named in a message: its name and what tells it apart */
  label: (x: T) => string;
  /** what to add to the criteria when several match */
  narrow: string;
  /**
   * When nothing matches: what the credentials can see of this kind (fewer criteria), to list in the
   * message. Called only then; a failure of this extra call leaves the list out.
   */
  seen?: () => Promise<T[]>;
}

/**
 * The one match, or an error: kind "notFound" when nothing matches (naming the criteria and listing what
 * the account has), kind "invalid" when several do (listing them and how to narrow the criteria).
 */
export async function exactlyOne<T>(matches: T[], o: ExactlyOne<T>): Promise<T> {
  if (matches.length === 1) return matches[0];
  const criteria = describeCriteria(o.criteria);
  if (matches.length > 1) {
    throw apiError({
      api: o.api,
      kind: "invalid",
      message: `${o.fn}: ${matches.length} ${o.noun[1]} match ${criteria}: ${listNames(matches.map(o.label))}; ${o.narrow} to pick one, or use the plural look-up for all of them`,
    });
  }
  let seen = "";
  if (o.seen) {
    try {
      seen = `; the ${o.noun[1]} these credentials can see: ${listNames((await o.seen()).map(o.label))}`;
    } catch {
      seen = "";
    }
  }
  throw apiError({ api: o.api, kind: "notFound", message: `${o.fn}: no ${o.noun[0]} matches ${criteria}${seen}` });
}

/**
 * `true` exactly when a look-up's public arguments and its schema's input agree field by field (names,
 * optionality, values): `const _ok: SameArgs<GetPortArgs, z.input<typeof PortArgs>> = true` fails to
 * compile on a drift.
 */
export type SameArgs<A, B> = [Required<A>, Required<B>] extends [Required<B>, Required<A>] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false;

/** A strict object schema of `shape` (an unknown field is an error naming it). */
type Strict<T extends z.ZodRawShape> = z.ZodObject<T, "strict">;

/**
 * The schema of a look-up's public arguments `A`: a strict object of `shape` (an unknown argument is an
 * error naming it), with `refine` for rules across fields. `argsSchema<GetPortArgs>()({ ... })` does not
 * compile unless the schema accepts exactly `A` (SameArgs: the same fields, each as optional, with the
 * same values).
 */
export function argsSchema<A>() {
  return <T extends z.ZodRawShape>(
    shape: T & (SameArgs<A, z.input<Strict<T>>> extends true ? unknown : { argsDisagreeWithSchema: A }),
    refine?: (v: z.output<Strict<T>>, ctx: z.RefinementCtx) => void,
  ): z.ZodType<z.output<Strict<T>>, z.ZodTypeDef, z.input<Strict<T>>> => {
    const strict = z.object(shape).strict();
    return refine ? strict.superRefine(refine) : strict;
  };
}

/** Whether `x` meets every criterion of `a` among `keys` that is given (an unset criterion holds): the look-ups' "every criterion given must hold". */
export function criteriaHold<A extends object, X extends object>(a: A, x: X, keys: ReadonlyArray<keyof A & keyof X>): boolean {
  return keys.every((k) => a[k] === undefined || (x[k] as unknown) === (a[k] as unknown));
}
