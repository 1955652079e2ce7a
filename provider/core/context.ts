import { Clock, systemClock } from "./clock";
import { Clients } from "./clients";
import { CallScope, ConfigReader, processConfig, scopedConfig } from "./config";
import { Transport } from "./http";
import { Progress, stderrProgress } from "./progress";

/**
 * What one call of a lifecycle method (create, read, update, delete) works with. The runtime builds a
 * new one for every call the engine makes (provider/runtime.ts); nothing a call needs comes from a
 * module-level switch, so a test fakes a call by building its own context (`callContext({clock,
 * transport, config})`).
 */
export interface CallContext {
  /** The time of deadlines, waits and the pauses between retries (the system clock; a fake one in tests). */
  clock: Clock;
  /** The vendor API clients for the credentials `config` gives: `ctx.clients.get(equinixApi)` (core/clients.ts). */
  clients: Clients;
  /** Progress lines for the user: states seen while waiting, steps taken (stderr, which the plugin forwards). */
  progress: Progress;
  /** The settings of this call: the stack config, then the environment. */
  config: ConfigReader;
}

export interface CallContextOptions {
  /** Default: the plugin's stack config, then process.env (processConfig). */
  config?: ConfigReader;
  /** Default: the system clock. */
  clock?: Clock;
  /** Default: axios (core/http.ts). A test may observe or answer requests with its own. */
  transport?: Transport;
  /** Default: lines on stderr, unless INTERCONNECT_QUIET=1 in `config`. */
  progress?: Progress;
}

/** A call's context: what the runtime builds for each call, or, with options, what a test fakes. */
export function callContext(o: CallContextOptions = {}): CallContext {
  const config = o.config ?? processConfig;
  const clock = o.clock ?? systemClock;
  return { clock, config, progress: o.progress ?? stderrProgress(config), clients: new Clients(config, { clock, transport: o.transport }) };
}

/**
 * The context of a call for one resource's credential set and region (its `credentials` and `region`
 * arguments): the same clock, progress and transport, settings read through the set, clients for them.
 */
export function scopedContext(ctx: CallContext, scope: CallScope): CallContext {
  if (scope.credentials === undefined && scope.region === undefined) return ctx;
  const config = scopedConfig(ctx.config, scope);
  return { ...ctx, config, clients: ctx.clients.withConfig(config) };
}
