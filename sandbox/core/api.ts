import type { EventEmitter } from "events";
import type { NextFunction, Request, RequestHandler, Response, Router } from "express";
import type { SandboxClock } from "./clock";
import type { FaultRegistry } from "./faults";
import type { RateLimiter } from "./limits";
import type { RequestLog } from "./requestLog";
import type { World } from "./world";
import type { AdminRouteInfo } from "./adminRoutes";
import type { SandboxAdmin } from "../index";

/** Options after defaults were applied. */
export interface ResolvedOptions {
  host: string;
  port: number;
  timeScale: number;
  tokenTtlSeconds: number;
  /** per API, per transition, in ms, before `timeScale` */
  delays: Record<string, Record<string, number>>;
}

/** What every API module receives: the shared clock, event bus, world, options, log and faults. */
export interface SandboxContext {
  clock: SandboxClock;
  events: EventEmitter;
  world: World;
  /** the admin object (`sandbox.admin`), complete once every module's createAdmin ran */
  admin: SandboxAdmin;
  options: ResolvedOptions;
  log: RequestLog;
  faults: FaultRegistry;
  /** request-rate limit and latency in force (SandboxOptions rateLimit/latencyMs, admin.setLimits) */
  limiter: RateLimiter;
  /** the delay of transition `name` of API `api`, in ms, multiplied by `timeScale` */
  delay(api: string, name: string): number;
  /** the sandbox base URL (`http://127.0.0.1:<port>`); valid once the server listens */
  url(): string;
  /** the world may have changed: the state file (if any) is written shortly */
  changed(): void;
  /** emits a cross-vendor event on `events`; a listener that fails is reported, not thrown to the emitter */
  emit(event: string, payload: unknown): void;
}

/**
 * One setting that points a client at a simulated API: the environment variable the providers read
 * and/or the stack config key that holds the same value. sandboxEnv() and the CLI's `export` and
 * `pulumi config set` lines are made from these.
 */
export interface SandboxSetting {
  /** e.g. `EQUINIX_API_CLIENTID` */
  env?: string;
  /** e.g. `equinix:clientId` */
  config?: string;
  value: string;
  /** a credential: `pulumi config set --secret` */
  secret?: boolean;
}

/** A vendor-shaped error answer. */
export interface VendorError {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * One simulated API. sandbox/apis.ts lists the modules; startSandbox() calls, in order:
 * `createWorld` for every module (stored at `world[name]`), then `register` (routes on the shared
 * express app), `createAdmin` (stored at `admin[name]`), `adminRoutes` (mounted at
 * `/_sandbox/<name>`), and finally `info` (stored at `sandbox[name]`, e.g. endpoint and credentials).
 * @internal its express types stay out of the published declarations (users need no @types/express)
 */
export interface SandboxApi {
  /** `equinix`, `alibaba`, `ixapi`: the key in world, admin, inventory, the request log and faults */
  name: string;
  /** whether a request path belongs to this API (for the request log, faults and 404s) */
  owns(path: string): boolean;
  /** default delays of this API's transitions, in ms (before `timeScale`) */
  defaultDelays?: Record<string, number>;
  createWorld(ctx: SandboxContext): unknown;
  register(app: Router, ctx: SandboxContext): void;
  createAdmin?(ctx: SandboxContext): unknown;
  /** registers the admin routes on `router` (mounted at `base`, `/_sandbox/<name>`) and returns them with what each does (AdminRoutes) */
  adminRoutes?(router: Router, ctx: SandboxContext, base: string): AdminRouteInfo[];
  /** live objects by type, e.g. `{connections: [...]}` */
  inventory(ctx: SandboxContext): Record<string, unknown[]>;
  /** invalidate every token issued so far */
  expireTokens?(ctx: SandboxContext): void;
  /** a vendor-shaped error for an injected fault, an unknown route, a malformed body, a crash */
  errorResponse(ctx: SandboxContext, req: Request, status: number, message: string): VendorError;
  /** the vendor action of a request (Alibaba RPC `Action`), for the log and fault matching */
  action?(req: Request): string | undefined;
  /** what `sandbox[name]` holds: endpoint, credentials */
  info(ctx: SandboxContext): unknown;
  /** the slice's state to keep across restarts (`state` option): plain data, Maps and Timelines (core/state.ts encodes them) */
  saveState?(ctx: SandboxContext): unknown;
  /** restores what `saveState` returned, before any route serves */
  loadState?(ctx: SandboxContext, state: any): void;
  /** the settings (environment variables, stack config keys) that point the providers at this API, from its `info` */
  settings?(info: any): SandboxSetting[];
}

/** Names the operation of a request for the request log (e.g. `fabric.connection.create`). @internal */
export function setKind(res: Response, kind: string): void {
  res.locals.kind = kind;
}

/** Sends a VendorError. @internal */
export function sendVendorError(res: Response, e: VendorError): void {
  if (e.headers) for (const [k, v] of Object.entries(e.headers)) res.setHeader(k, v);
  res.status(e.status).json(e.body);
}

/** A route handler of a simulated API. @internal */
export type RouteHandler = (req: Request, res: Response) => void;

/**
 * The route registrar of one API: each route names its operation for the request log (`kind`), passes
 * `auth` (the API's token check, answering its own 401), then runs its handler. A failure the handler
 * throws goes to `answer`, which sends the vendor's error and returns true, or returns false for a
 * failure it does not own (the 500 handler gets it). @internal
 */
export function routeRegistrar(app: Router, o: { prefix?: string; auth: RequestHandler; answer?: (res: Response, err: unknown) => boolean }) {
  return (method: "get" | "post" | "patch" | "put" | "delete", path: string, kind: string, h: RouteHandler): void => {
    app[method](
      (o.prefix ?? "") + path,
      (_req: Request, res: Response, next: NextFunction) => {
        setKind(res, kind);
        next();
      },
      o.auth,
      (req: Request, res: Response, next: NextFunction) => {
        try {
          h(req, res);
        } catch (e) {
          if (!o.answer?.(res, e)) next(e);
        }
      },
    );
  };
}
