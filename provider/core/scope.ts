import { CallScope, ConfigReader, credentialSetIssue, processConfig, scopedConfig } from "./config";
import { CallContext, scopedContext } from "./context";
import { sameValue } from "./diff";
import { Lifecycle, Props } from "./lifecycle";
import { isPartialFailure } from "./partialFailure";
import { CheckFailure, isUnknown } from "./validation";

/**
 * Accounts and regions per resource. Every resource takes `credentials` (the name of a credential set,
 * core/config.ts `settingInSet`: omitted = the default set) and every Alibaba resource `region` (omitted =
 * `alicloud:region` of its set). This wrapper handles both for every kind, as `adoptable` handles
 * `adoptId`, so no lifecycle sees them: it checks them, builds each call's context for the set and region
 * the resource names (core/context.ts `scopedContext`: its settings and API clients), and records them in
 * the outputs, so read, update and delete of the object reach the account and region it lives in. The
 * region recorded is the one the object was created in even when the program named none, so a later change
 * of `alicloud:region` never loses it.
 *
 * Changes, as a network engineer would want them:
 * - `credentials`: in place. The object stays where it is; the new set must see it (update reads it with
 *   the new set first, and fails without changing anything when it does not: that set is another account).
 *   Rotating keys or moving to a named set never replaces a live circuit.
 * - `region`: refused (the preview fails, naming both regions and what to do). An Alibaba object lives in
 *   one region and cannot move; a replacement would tear down a circuit to build another elsewhere, which
 *   a program should say explicitly by declaring a new resource.
 */
export const CREDENTIALS_KEY = "credentials";
export const REGION_KEY = "region";
/**
 * Kept in the outputs when the program named no region (the one recorded came from `alicloud:region`), so a
 * read gives back the inputs the program wrote: no region.
 */
export const DEFAULT_REGION_KEY = "__defaultRegion";


export interface ScopeOptions {
  /** The kind, for messages: "alibaba:VirtualBorderRouter". */
  kind: string;
  /** What the object is called in messages ("VBR"). */
  noun: string;
  /**
   * For kinds whose objects live in a region (Alibaba): the region a call acts in when the resource names
   * none (its credential set's `alicloud:region`), or undefined when unset. Absent: the kind takes no `region`.
   */
  regionOf?: (config: ConfigReader) => string | undefined;
  /** What a region id looks like (with `regionOf`). */
  regionPattern?: RegExp;
}

/** The props without the scope's keys (those the kind's own lifecycle knows nothing of). */
function strip(props: Props, regional: boolean): Props {
  if (!(CREDENTIALS_KEY in props) && !(regional && (REGION_KEY in props || DEFAULT_REGION_KEY in props))) return props;
  const { [CREDENTIALS_KEY]: _c, ...rest } = props;
  if (!regional) return rest;
  const { [REGION_KEY]: _r, [DEFAULT_REGION_KEY]: _d, ...others } = rest;
  return others;
}

function text(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" && !isUnknown(v) ? v : undefined;
}

/** The credential set and region that props (inputs or stored outputs) name. */
function scopeOf(props: Props, regional: boolean): CallScope {
  return { credentials: text(props[CREDENTIALS_KEY]), region: regional ? text(props[REGION_KEY]) : undefined };
}

/** Wraps a kind's lifecycle with `credentials` (every kind) and `region` (kinds with `regionOf`). */
export function scoped(life: Lifecycle, o: ScopeOptions): Lifecycle {
  const regional = o.regionOf !== undefined;
  /**
   * What the outputs record: the set when named, and the region the call acts in (marked when the program
   * named none: `named` false).
   */
  const recorded = (ctx: CallContext, named = true): Props => {
    const out: Props = {};
    if (ctx.config.scope?.credentials !== undefined) out[CREDENTIALS_KEY] = ctx.config.scope.credentials;
    const region = o.regionOf?.(ctx.config);
    if (region !== undefined) out[REGION_KEY] = region;
    if (region !== undefined && !named) out[DEFAULT_REGION_KEY] = true;
    return out;
  };
  /** Whether props (inputs, or outputs that recorded them) name a region. */
  const names = (props: Props): boolean => regional && props[REGION_KEY] !== undefined && props[REGION_KEY] !== null && props[DEFAULT_REGION_KEY] !== true;
  /** A partial failure keeps the scope in its properties, so the next up or destroy reaches the object. */
  const keepScope = (err: unknown, ctx: CallContext, named: boolean): unknown => {
    if (isPartialFailure(err)) err.properties = { ...err.properties, ...recorded(ctx, named) };
    return err;
  };
  /** The region the new inputs mean: the one named, else the default of their credential set now. */
  const regionMeant = (news: Props, config: ConfigReader): string | undefined => {
    if (!regional) return undefined;
    if (isUnknown(news[REGION_KEY])) return undefined;
    return text(news[REGION_KEY]) ?? o.regionOf!(scopedConfig(config, { credentials: text(news[CREDENTIALS_KEY]) }));
  };
  const refuseMove = (id: string, olds: Props, news: Props, config: ConfigReader): void => {
    const from = text(olds[REGION_KEY]);
    const to = regionMeant(news, config);
    if (!from || !to || from === to) return;
    const why = text(news[REGION_KEY]) === undefined ? ` (this resource names no region, and alicloud:region${news[CREDENTIALS_KEY] ? ` of credential set "${news[CREDENTIALS_KEY]}"` : ""} now says ${to})` : "";
    throw new Error(
      `region: ${o.noun} ${id} lives in ${from} and cannot move to ${to}${why}; nothing was changed. An Alibaba Cloud object stays in the region ` +
        `it was created in. To keep it, set region: "${from}" on this resource. To build it in ${to} instead, declare a new resource there and ` +
        `remove this one: Pulumi then creates the new one and deletes this one`,
    );
  };

  return {
    async check(olds, news, ctx) {
      const failures: CheckFailure[] = [];
      const c = news[CREDENTIALS_KEY];
      if (c !== undefined && c !== null && !isUnknown(c)) {
        const issue = credentialSetIssue(c);
        if (issue) failures.push({ property: CREDENTIALS_KEY, reason: issue });
      }
      const r = regional ? news[REGION_KEY] : undefined;
      if (r !== undefined && r !== null && !isUnknown(r) && (typeof r !== "string" || !(o.regionPattern ?? /./).test(r))) {
        failures.push({ property: REGION_KEY, reason: `must be an Alibaba Cloud region id such as "us-west-1" or "eu-central-1" (got ${JSON.stringify(r)})` });
      }
      const inner = await life.check(strip(olds, regional), strip(news, regional), ctx);
      if (failures.length || inner.failures.length) return { inputs: news, failures: [...inner.failures, ...failures] };
      const kept: Props = {};
      if (c !== undefined && c !== null) kept[CREDENTIALS_KEY] = c;
      if (r !== undefined && r !== null) kept[REGION_KEY] = r;
      return { inputs: { ...(inner.inputs as Props), ...kept }, failures: [] };
    },

    async diff(id, olds, news, ctx) {
      refuseMove(id, olds, news, ctx?.config ?? processConfig);
      const d = await life.diff(id, strip(olds, regional), strip(news, regional), ctx);
      const changed = [...d.changed];
      if (!sameValue(text(olds[CREDENTIALS_KEY]), news[CREDENTIALS_KEY] === null ? undefined : news[CREDENTIALS_KEY])) changed.push(CREDENTIALS_KEY);
      if (regional && isUnknown(news[REGION_KEY])) changed.push(REGION_KEY);
      return { ...d, changes: changed.length > 0, changed, stables: d.stables.filter((k) => !changed.includes(k)) };
    },

    async create(inputs, ctx) {
      const sctx = scopedContext(ctx, scopeOf(inputs, regional));
      try {
        const r = await life.create(strip(inputs, regional), sctx);
        return { id: r.id, outs: { ...r.outs, ...recorded(sctx, names(inputs)) } };
      } catch (err) {
        throw keepScope(err, sctx, names(inputs));
      }
    },

    async read(id, props, ctx) {
      const sctx = scopedContext(ctx, scopeOf(props, regional));
      const r = await life.read(id, strip(props, regional), sctx);
      if (!r) return r;
      // A state from before regions were recorded names none: the region found it in is recorded as a default.
      const named = names(props);
      const scope = recorded(sctx, named);
      const { [DEFAULT_REGION_KEY]: _d, ...given } = scope;
      if (!named) delete given[REGION_KEY];
      return { id: r.id, props: { ...r.props, ...scope }, inputs: { ...r.inputs, ...given } };
    },

    async update(id, olds, news, ctx) {
      refuseMove(id, olds, news, ctx.config);
      // The object stays in the region it lives in (a state from before regions were recorded: the one named now).
      const region = text(olds[REGION_KEY]) ?? scopeOf(news, regional).region;
      const sctx = scopedContext(ctx, { credentials: text(news[CREDENTIALS_KEY]), region });
      const before = strip(olds, regional);
      const after = strip(news, regional);
      if (text(olds[CREDENTIALS_KEY]) !== text(news[CREDENTIALS_KEY])) {
        const set = (v: unknown) => (text(v) ? `credential set "${text(v)}"` : "the default credential set");
        const seen = await life.read(id, before, sctx);
        if (!seen) {
          throw new Error(
            `credentials: ${o.noun} ${id} is not visible with ${set(news[CREDENTIALS_KEY])}${regional && region ? ` in ${region}` : ""}, so it was not moved to it and nothing was changed: ` +
              `that set reaches another account (or lacks the rights to read it). A credential set change keeps the object and only changes who manages it; ` +
              `keep ${set(olds[CREDENTIALS_KEY])} for this resource, or give the new set access to the object's account`,
          );
        }
        sctx.progress(`${o.noun} ${id}`, `managed with ${set(news[CREDENTIALS_KEY])} from now on (it sees the object)`);
        const d = await life.diff(id, before, after, sctx);
        if (!d.changes) return { outs: { ...before, ...recorded(sctx, names(news)) } };
      }
      try {
        const r = await life.update(id, before, after, sctx);
        return { outs: { ...r.outs, ...recorded(sctx, names(news)) } };
      } catch (err) {
        throw keepScope(err, sctx, names(news));
      }
    },

    delete(id, props, ctx) {
      return life.delete(id, strip(props, regional), scopedContext(ctx, scopeOf(props, regional)));
    },
  };
}
