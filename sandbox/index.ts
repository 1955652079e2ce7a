import { EventEmitter } from "events";
import type { AddressInfo } from "net";
import type { Server } from "http";
import { SANDBOX_APIS } from "./apis";
import type { ResolvedOptions, SandboxApi, SandboxContext } from "./core/api";
import { buildAdminRouter } from "./core/adminRoutes";
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
    emit: (event, payload) => {
      try {
        events.emit(event, payload);
      } catch (e) {
        process.stderr.write(`sandbox: listener of ${event} failed: ${(e as Error).stack ?? e}\n`);
      }
    },
  };
  for (const api of apis) world[api.name] = api.createWorld(ctx);
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

  const info = () => ({ url, ...Object.fromEntries(apis.map((a) => [a.name, a.info(ctx)])) });
  const adminRouter = buildAdminRouter(ctx, apis, info);
  const app = buildApp(ctx, apis, adminRouter.router);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(opts.port, opts.host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once("error", reject);
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
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        events.removeAllListeners();
        server.close(() => resolve());
        server.closeAllConnections?.();
      })),
  };
  for (const api of apis) sandbox[api.name] = api.info(ctx);
  recordApis(sandbox, apis);
  return sandbox;
}
