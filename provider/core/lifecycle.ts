import type { z } from "zod";
import type { CallContext } from "./context";
import { CheckOutcome } from "./validation";
import { DiffOutcome } from "./diff";

export type Props = Record<string, any>;

/**
 * What a resource implements; the runtime wraps it into a pulumi.dynamic.ResourceProvider. `olds` in
 * diff/update and `props` in read/delete are the previous OUTPUTS (which mirror the inputs).
 *
 * The methods that talk to the vendor get the call's context last (`ctx`: its clock, API clients,
 * progress and settings, core/context.ts), which the runtime builds for every call. check and diff only
 * compute: the runtime hands them the context too, but they must not need it (tests call them without).
 */
export interface Lifecycle {
  check(olds: Props, news: Props, ctx?: CallContext): CheckOutcome<Props> | Promise<CheckOutcome<Props>>;
  diff(id: string, olds: Props, news: Props, ctx?: CallContext): DiffOutcome | Promise<DiffOutcome>;
  create(inputs: Props, ctx: CallContext): Promise<{ id: string; outs: Props }>;
  /** Returns undefined when the object is gone (refresh then drops it). */
  read(id: string, props: Props, ctx: CallContext): Promise<{ id: string; props: Props; inputs: Props } | undefined>;
  update(id: string, olds: Props, news: Props, ctx: CallContext): Promise<{ outs: Props }>;
  delete(id: string, props: Props, ctx: CallContext): Promise<void>;
}

/** A kind registry entry: loads the lifecycle module only when the kind is used. */
export type KindRegistry = Record<string, () => Lifecycle>;

/** The listed keys of stored props, leaving out undefined values (and null ones with `dropNull`). */
export function pickKeys(props: Props, keys: readonly string[], o: { dropNull?: boolean } = {}): Props {
  const out: Props = {};
  for (const k of keys) if (props[k] !== undefined && !(o.dropNull && props[k] === null)) out[k] = props[k];
  return out;
}

/**
 * Stored outputs back to typed inputs: the input keys, parsed by the schema. An old state that does
 * not parse (it may lack newer fields) gives the picked values as they are.
 */
export function storedInputs<S extends z.ZodTypeAny>(schema: S, props: Props, keys: readonly string[]): z.output<S> {
  const picked = pickKeys(props, keys);
  const parsed = schema.safeParse(picked);
  return parsed.success ? parsed.data : (picked as z.output<S>);
}
