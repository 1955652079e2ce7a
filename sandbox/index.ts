import { EventEmitter } from "events";
import type { AddressInfo } from "net";
import type { Server } from "http";
import { SANDBOX_APIS } from "./apis";
import type { ResolvedOptions, SandboxApi, SandboxContext } from "./core/api";
import { buildAdminRouter, type AdminRouteInfo } from "./core/adminRoutes";
import { StateFile, STATE_VERSION, type SavedState } from "./core/state";
import { SandboxClock } from "./core/clock";
import { FaultRegistry, type ActiveFault, type FaultSpec } from "./core/faults";
import { RateLimiter, type Limits, type RateLimit } from "./core/limits";
import { RequestLog, type RequestLogEntry } from "./core/requestLog";
import { buildApp } from "./core/server";
import { linkWorlds } from "./links";
import { recordApis } from "./env";
import type { World } from "./core/world";
import type { EquinixAdmin, EquinixDelays, EquinixInfo } from "./equinix";
import type { IxapiAdmin, IxapiDelays, IxapiInfo } from "./ixapi";
import type { AlibabaAdmin, AlibabaDelays, AlibabaInfo } from "./alibaba";

export type { Fault, FaultSpec, ActiveFault } from "./core/faults";
export type { Limits, RateLimit } from "./core/limits";
export type { RequestLogEntry } from "./core/requestLog";
export type { AdminRouteInfo } from "./core/adminRoutes";
export type { World } from "./core/world";
export type { SandboxContext, SandboxSetting, VendorError } from "./core/api";
// The HTTP layer (express types) is @internal: stripped from the published declarations, so a
// project using this module needs no @types/express.
/** @internal */
export type { SandboxApi } from "./core/api";
/** @internal */
export { setKind, sendVendorError } from "./core/api";
export { SandboxClock, Timeline } from "./core/clock";
export * as equinix from "./equinix";
export { sandboxEnv, sandboxSettings } from "./env";
export * as ixapi from "./ixapi";
export * as alibaba from "./alibaba";

/** Delays per API and transition, in ms (multiplied by `timeScale`). */
export interface SandboxDelays {
  equinix?: Partial<EquinixDelays>;
  ixapi?: Partial<IxapiDelays>;
  alibaba?: Partial<AlibabaDelays>;
  [api: string]: Record<string, number> | undefined;
}

export interface SandboxOptions {
  /** TCP port; 0 (default) picks a free one */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  /** multiplies every state-machine delay (default 1; 0 = transitions are immediate) */
  timeScale?: number;
  /** per-transition delays in ms; defaults are a few hundred ms (see EQUINIX_DEFAULT_DELAYS) */
  delays?: SandboxDelays;
  /** lifetime of issued OAuth tokens, on the sandbox clock (default 3599) */
  tokenTtlSeconds?: number;
  /** extra API modules (after the built-in ones) @internal */
  apis?: SandboxApi[];
  /**
   * Request-rate limit of each API (a token bucket per API, real time): beyond it, requests get the
   * API's own 429 with Retry-After (whole seconds). Default: unlimited. `admin.setLimits` changes it.
   */
  rateLimit?: RateLimit;
  /** Real milliseconds every API request waits before it is handled (network latency). Default 0. */
  latencyMs?: number;
  /**
   * A file that keeps the world across restarts: every object of every API, the credentials (so a stack
   * rehearsed yesterday still refreshes today), issued tokens, rules, id counters and the clock's offset.
   * Read at start when it exists (a file that is not a sandbox state is an error naming it), written at
   * once, shortly after each change and at `stop()`. It holds secrets: it is written with mode 0600.
   * Default: none (the world lives in memory, with new random credentials at each start).
   */
  state?: string;
}

/** `sandbox.admin`: changes the world the way the outside world would. Mirrored over HTTP under /_sandbox. */
export interface SandboxAdmin {
  clock: { now(): number; advance(ms: number): number };
  /** returns the fault with its id (see removeFault) */
  injectFault(spec: FaultSpec): ActiveFault;
  clearFaults(): void;
  removeFault(id: number): boolean;
  faults(): ActiveFault[];
  /** every token issued so far (of one API, or of all) becomes invalid */
  expireTokens(api?: string): void;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  /** live objects per API, e.g. `{equinix: {connections: [...]}}` */
  inventory(): Record<string, Record<string, unknown[]>>;
  /** the request-rate limit and latency in force */
  limits(): Limits;
  /** changes them (`rateLimit: null` removes the limit); buckets start full; returns the new limits */
  setLimits(limits: { rateLimit?: RateLimit | null; latencyMs?: number }): Limits;
  equinix: EquinixAdmin;
  ixapi: IxapiAdmin;
  alibaba: AlibabaAdmin;
  [api: string]: unknown;
}

export interface Sandbox {
  /** `http://127.0.0.1:<port>` */
  url: string;
  equinix: EquinixInfo;
  ixapi: IxapiInfo;
  alibaba: AlibabaInfo;
  world: World;
  admin: SandboxAdmin;
  /** the state file in use (absolute), when `state` was given */
  statePath?: string;
  /** the admin routes (`GET /_sandbox` lists them over HTTP) */
  adminRoutes: AdminRouteInfo[];
  /** stops the server (and writes the state file, when there is one) */
  stop(): Promise<void>;
  [api: string]: unknown;
}

/** Starts the sandbox: one HTTP server serving every simulated API. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const apis = [...SANDBOX_APIS, ...(options.apis ?? [])];
  const opts: ResolvedOptions = {
    host: options.host ?? "127.0.0.1",
    port: options.port ?? 0,
    timeScale: options.timeScale ?? 1,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3599,
    delays: {},
  };
  for (const api of apis) opts.delays[api.name] = { ...(api.defaultDelays ?? {}), ...((options.delays?.[api.name] as Record<string, number> | undefined) ?? {}) };
  if (!(opts.timeScale >= 0)) throw new Error("timeScale must be a number >= 0");

  const clock = new SandboxClock();
  const events = new EventEmitter();
  events.setMaxListeners(100);
  let url = "";
  const world = { clock, events } as World;
  const ctx: SandboxContext = {
    clock,
    events,
    world,
    admin: undefined as unknown as SandboxAdmin,
    options: opts,
    log: new RequestLog(),
    faults: new FaultRegistry(),
    limiter: new RateLimiter({ rateLimit: options.rateLimit ?? null, latencyMs: options.latencyMs ?? 0 }),
    delay: (api, name) => (opts.delays[api]?.[name] ?? 0) * opts.timeScale,
    url: () => url,
    changed: () => undefined,
    emit: (event, payload) => {
      try {
        events.emit(event, payload);
      } catch (e) {
        process.stderr.write(`sandbox: listener of ${event} failed: ${(e as Error).stack ?? e}\n`);
      }
    },
  };
  for (const api of apis) world[api.name] = api.createWorld(ctx);
  const state = options.state ? new StateFile(options.state, () => saveWorld(ctx, apis)) : undefined;
  const saved = state?.load();
  if (saved) loadWorld(ctx, apis, saved);
  // The credentials are kept from the start, before any request.
  if (state) writeOrExplain(state);
  ctx.changed = () => state?.changed();
  linkWorlds(ctx);

  const admin = {
    clock: { now: () => clock.now(), advance: (ms: number) => clock.advance(ms) },
    injectFault: (spec: FaultSpec) => ctx.faults.inject(spec),
    clearFaults: () => ctx.faults.clear(),
    removeFault: (id: number) => ctx.faults.remove(id),
    faults: () => ctx.faults.list(),
    expireTokens: (name?: string) => {
      for (const api of apis) if (!name || api.name === name) api.expireTokens?.(ctx);
    },
    requests: () => ctx.log.list(),
    clearRequests: () => ctx.log.clear(),
    inventory: () => Object.fromEntries(apis.map((a) => [a.name, a.inventory(ctx)])),
    limits: () => ctx.limiter.limits,
    setLimits: (l: { rateLimit?: RateLimit | null; latencyMs?: number }) => ctx.limiter.set(l),
  } as SandboxAdmin;
  ctx.admin = admin;
  for (const api of apis) if (api.createAdmin) admin[api.name] = api.createAdmin(ctx);
  if (state) noteChanges(admin, () => ctx.changed());

  const info = () => ({ url, ...Object.fromEntries(apis.map((a) => [a.name, a.info(ctx)])) });
  const adminRouter = buildAdminRouter(ctx, apis, info);
  const app = buildApp(ctx, apis, adminRouter.router);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(opts.port, opts.host, (err?: Error) => (err ? reject(listenError(err, opts)) : resolve(s)));
    s.once("error", (err) => reject(listenError(err, opts)));
  });
  server.keepAliveTimeout = 5_000;
  const addr = server.address() as AddressInfo;
  url = `http://${opts.host.includes(":") ? `[${opts.host}]` : opts.host}:${addr.port}`;

  let stopped: Promise<void> | undefined;
  const sandbox: Sandbox = {
    url,
    equinix: undefined as unknown as EquinixInfo,
    ixapi: undefined as unknown as IxapiInfo,
    alibaba: undefined as unknown as AlibabaInfo,
    world,
    admin,
    ...(state ? { statePath: state.path } : {}),
    adminRoutes: adminRouter.routes,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        events.removeAllListeners();
        server.close(() => resolve());
        server.closeAllConnections?.();
        try {
          state?.write();
        } catch (e) {
          process.stderr.write(`sandbox: could not write the state file ${state!.path}: ${(e as Error).message}\n`);
        }
      })),
  };
  for (const api of apis) sandbox[api.name] = api.info(ctx);
  recordApis(sandbox, apis);
  return sandbox;
}

function writeOrExplain(state: StateFile): void {
  try {
    state.write();
  } catch (e) {
    throw new Error(`cannot write the sandbox state file ${state.path}: ${(e as Error).message}`);
  }
}

/** The world as the state file keeps it: each API's slice and the clock's offset. */
function saveWorld(ctx: SandboxContext, apis: SandboxApi[]): SavedState {
  const out: Record<string, unknown> = {};
  for (const api of apis) if (api.saveState) out[api.name] = api.saveState(ctx);
  return { version: STATE_VERSION, savedAt: new Date().toISOString(), clockOffsetMs: ctx.clock.offsetMs, apis: out };
}

function loadWorld(ctx: SandboxContext, apis: SandboxApi[], saved: SavedState): void {
  ctx.clock.setOffset(saved.clockOffsetMs);
  for (const api of apis) {
    if (!api.loadState || saved.apis[api.name] === undefined) continue;
    try {
      api.loadState(ctx, saved.apis[api.name]);
    } catch (e) {
      throw new Error(`the sandbox state file's ${api.name} part cannot be restored: ${(e as Error).message}`);
    }
  }
}

/** Every admin function (`admin.*`, `admin.<api>.*`) tells the state file that the world may have changed. */
function noteChanges(o: Record<string, unknown>, changed: () => void, depth = 0): void {
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === "function") {
      o[k] = (...args: unknown[]) => {
        try {
          return (v as (...a: unknown[]) => unknown)(...args);
        } finally {
          changed();
        }
      };
    } else if (v && typeof v === "object" && depth < 1) noteChanges(v as Record<string, unknown>, changed, depth + 1);
  }
}

/** A listen failure users can act on: a taken port suggests `--port 0`. */
function listenError(err: Error, opts: ResolvedOptions): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "EADDRINUSE") {
    return Object.assign(new Error(`port ${opts.port} on ${opts.host} is already in use (another sandbox or program listens there): choose another with --port <n>, or --port 0 to take a free one (startSandbox({ port: 0 }))`), { code });
  }
  if (code === "EACCES") return Object.assign(new Error(`port ${opts.port} on ${opts.host} needs privileges this process lacks: use a port above 1023, or --port 0`), { code });
  if (code === "EADDRNOTAVAIL") return Object.assign(new Error(`address ${opts.host} is not one of this machine's: use --host 127.0.0.1`), { code });
  return err;
}
