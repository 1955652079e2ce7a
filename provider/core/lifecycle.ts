import { z } from "zod";
import type { CallContext } from "./context";
import { ChangeRule, diffByTable, DiffOutcome, DiffTableOptions } from "./diff";
import { deadlineFor, StoredTimeouts, TimeoutDefaults, TimeoutOp } from "./timeouts";
import { checkInputs, CheckOutcome } from "./validation";

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

/** A kind's lifecycle as it writes it: the vendor calls, and check or diff only where the kind's own ones do more. */
export type LifecycleMethods = Omit<Lifecycle, "check" | "diff"> & Partial<Pick<Lifecycle, "check" | "diff">>;

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

/** What a kind declares once for its lifecycle (kindBasics). */
export interface KindDeclaration<S extends z.ZodTypeAny> {
  /** The strict zod schema of its arguments (the check's rules). */
  schema: S;
  /** Its input keys, in the stored outputs too (which mirror the inputs). Default: the schema's keys (inputKeys). */
  inputKeys?: readonly string[];
  /** Its default limit per operation; a resource's `timeouts` argument overrides each. Unset for kinds that never wait. */
  timeouts?: TimeoutDefaults;
  /** Which input changes update in place, which replace (core/diff.ts). */
  updateTable: Record<string, ChangeRule>;
  /**
   * Whether a replacement must delete the old object first (the new one would collide with it at the
   * vendor: same port and VLAN, same connection ...), from the old outputs and the new inputs.
   */
  deleteBeforeReplace?: (olds: Partial<z.output<S>>, news: z.output<S>) => boolean;
  /** Stored null values count as unset (IX-API answers null for an unset field). */
  dropNull?: boolean;
}

/** How read turns a kind's vendor object back into a state: its mapping file's functions. */
export interface ReadBack<V, T> {
  /**
   * Stored props holding any of these carry the inputs (a state, or a program adopting the object);
   * without them the object is read from its id alone (`get`).
   */
  storedWhen: readonly string[];
  /** The inputs a program would write for the object (read from its id alone). */
  fromVendor: (x: T) => V;
  /** The inputs as the object shows them, over the old ones. */
  readBackInputs: (x: T, old: V) => V;
  /** The object's outputs for those inputs. */
  toOutputs: (x: T, v: V) => Props;
}

/** The glue every kind's lifecycle needs, from its declaration (kindBasics). */
export interface KindBasics<V> {
  /** Its input keys (the declaration's, else the schema's), as the stored outputs hold them too. */
  keys: readonly string[];
  /** Stored outputs (or a create's inputs) back to typed inputs: the input keys, parsed (storedInputs). */
  inputs(props: Props): V;
  /** An operation's absolute deadline on the call's clock: the resource's timeout for `op`, else the kind's default. */
  deadline(v: { timeouts?: StoredTimeouts }, op: TimeoutOp, ctx: CallContext): number;
  /** What a create, update or delete starts from: its typed inputs (`inputs`) and its deadline (`deadline`). */
  operation(props: Props, op: TimeoutOp, ctx: CallContext): { v: V; dl: number };
  /** What an update starts from: the old inputs (`o`, from the stored outputs), the new ones (`v`) and its deadline. */
  change(olds: Props, news: Props, ctx: CallContext): { o: V; v: V; dl: number };
  /** What read gives back for an object that exists: its outputs, and the inputs as it shows them (input keys only). */
  readBack<T>(id: string, props: Props, x: T, m: ReadBack<V, T>): { id: string; props: Props; inputs: Props };
  /** The check of a kind whose rules are its schema: the parsed inputs, or failures naming each field. */
  check(olds: Props, news: Props): CheckOutcome<Props>;
  /** The diff by the kind's update table. */
  diff(id: string, olds: Props, news: Props): DiffOutcome;
  /** The kind's lifecycle: `methods`, with this check and diff unless they bring their own. */
  lifecycle(methods: LifecycleMethods): Lifecycle;
}

/**
 * A kind's stored-input parsing, deadlines, check and diff, written once from its declaration: each
 * lifecycle declares its schema, keys, default timeouts and update table, and takes these.
 */
export function kindBasics<S extends z.ZodTypeAny>(k: KindDeclaration<S>): KindBasics<z.output<S>> {
  const keys = k.inputKeys ?? inputKeys(k.schema);
  const replaceFirst = k.deleteBeforeReplace;
  const diffOptions: DiffTableOptions = replaceFirst ? { deleteBeforeReplace: (o, n) => replaceFirst(o as Partial<z.output<S>>, n as z.output<S>) } : {};
  const basics: KindBasics<z.output<S>> = {
    keys,
    inputs: (props) => storedInputs(k.schema, k.dropNull ? pickKeys(props, keys, { dropNull: true }) : props, keys),
    deadline: (v, op, ctx) => {
      if (!k.timeouts) throw new Error("this kind declares no timeouts: it never waits");
      return deadlineFor(v.timeouts, op, k.timeouts, ctx.clock);
    },
    operation: (props, op, ctx) => {
      const v = basics.inputs(props);
      return { v, dl: basics.deadline(v, op, ctx) };
    },
    change: (olds, news, ctx) => ({ o: basics.inputs(olds), ...basics.operation(news, "update", ctx) }),
    readBack: (id, props, x, m) => {
      const old = m.storedWhen.some((k) => props[k] !== undefined) ? basics.inputs(props) : m.fromVendor(x);
      const inputs = m.readBackInputs(x, old);
      return { id, props: m.toOutputs(x, inputs), inputs: pickKeys(inputs as Props, keys) };
    },
    check: (_olds, news) => checkInputs(k.schema, news) as CheckOutcome<Props>,
    diff: (_id, olds, news) => diffByTable(k.updateTable, olds, news, diffOptions),
    lifecycle: (methods) => ({ check: basics.check, diff: basics.diff, ...methods }),
  };
  return basics;
}

/** The keys an object schema declares (refined or not), in its order: what a state stores as inputs. */
export function inputKeys<S extends z.ZodTypeAny>(schema: S): Array<keyof z.output<S> & string> {
  const object = schema instanceof z.ZodEffects ? schema.innerType() : schema;
  return Object.keys((object as z.AnyZodObject).shape) as Array<keyof z.output<S> & string>;
}
