import express, { type Request, type Response } from "express";
import type { SandboxApi, SandboxContext } from "./api";

/** Where the HTTP admin is mounted. */
export const ADMIN_PREFIX = "/_sandbox";

/** One admin route, as `GET /_sandbox` and `--help` list it. */
export interface AdminRouteInfo {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** the full path, e.g. `/_sandbox/clock/advance` */
  path: string;
  /** what it does, with its body when it takes one */
  does: string;
}

/**
 * The admin routes of one part of the sandbox (the core, or one API under `/_sandbox/<api>`): each is
 * registered with what it does, so the listing cannot drift from the routes. An action answers its
 * function's result as JSON (`{ok: true}` when it returns nothing), or `{error}` with 400, or 404 when the
 * message matches `notFound`; a read answers 404 `{error}` when the object does not exist. @internal
 */
export class AdminRoutes {
  readonly list: AdminRouteInfo[] = [];

  constructor(
    readonly router: express.Router,
    private readonly base: string,
    private readonly notFound?: RegExp,
  ) {}

  action(method: AdminRouteInfo["method"], path: string, does: string, fn: (req: Request) => unknown): void {
    this.list.push({ method, path: this.base + path, does });
    this.router[method.toLowerCase() as "get" | "post" | "patch" | "delete"](path, (req: Request, res: Response) => {
      try {
        const out = fn(req);
        res.status(200).json(out === undefined ? { ok: true } : out);
      } catch (e) {
        const message = (e as Error).message;
        res.status(this.notFound?.test(message) ? 404 : 400).json({ error: message });
      }
    });
  }

  /** GET one object: 404 `{error: missing(id)}` when `read` finds nothing. */
  read(path: string, does: string, read: (id: string) => unknown, missing: (id: string) => string): void {
    this.list.push({ method: "GET", path: this.base + path, does });
    this.router.get(path, (req: Request, res: Response) => {
      const id = String(Object.values(req.params)[0]);
      const x = read(id);
      if (x === undefined) res.status(404).json({ error: missing(id) });
      else res.json(x);
    });
  }
}

/** The HTTP mirror of `sandbox.admin`, mounted at /_sandbox (per-API routes at /_sandbox/<api>), and the list of its routes. @internal */
export function buildAdminRouter(ctx: SandboxContext, apis: SandboxApi[], info: () => unknown): { router: express.Router; routes: AdminRouteInfo[] } {
  const r = new AdminRoutes(express.Router(), ADMIN_PREFIX);
  const admin = () => ctx.admin;
  const clock = () => ({ now: ctx.clock.now(), iso: ctx.clock.iso() });
  const routes = r.list;
  r.action("GET", "/", "this list: every admin route with its method and what it does", () => ({ routes }));
  r.action("GET", "/info", "endpoints, credentials, accounts and seeded ids of every API (what the CLI prints)", () => info());
  r.action("GET", "/clock", "the sandbox clock {now (ms), iso}", clock);
  r.action("POST", "/clock/advance", "moves the sandbox clock forward: body {ms >= 0}", (req) => {
    const ms = Number(req.body?.ms);
    if (!Number.isFinite(ms) || ms < 0) throw new Error("body {ms} must be a number >= 0");
    admin().clock.advance(ms);
    return clock();
  });
  r.action("GET", "/faults", "the injected faults in force", () => admin().faults());
  r.action("POST", "/faults", "injects a fault: body {api?, method?, path? (regex), action?, times?, fault: {kind: status|drop|loseResponse|delay, ...}}", (req) => admin().injectFault(req.body));
  r.action("DELETE", "/faults", "removes every fault", () => admin().clearFaults());
  r.action("DELETE", "/faults/:id", "removes one fault", (req) => ({ removed: admin().removeFault(Number(req.params.id)) }));
  r.action("POST", "/tokens/expire", "every token issued so far becomes invalid: body {api?}", (req) => admin().expireTokens(req.body?.api));
  r.action("GET", "/requests", "the request log {seq, at, api, method, path, action?, status, kind, fault?}", () => admin().requests());
  r.action("DELETE", "/requests", "clears the request log", () => admin().clearRequests());
  r.action("GET", "/inventory", "every live object per API", () => admin().inventory());
  r.action("GET", "/limits", "the request-rate limit and latency in force", () => admin().limits());
  r.action("POST", "/limits", "changes them: body {rateLimit?: {requestsPerSecond, burst?} | null, latencyMs?}", (req) => admin().setLimits(req.body ?? {}));
  for (const api of apis) {
    if (!api.adminRoutes) continue;
    const sub = express.Router();
    const list = api.adminRoutes(sub, ctx, `${ADMIN_PREFIX}/${api.name}`);
    routes.push(...list);
    r.router.use(`/${api.name}`, sub);
  }
  r.router.use((req: Request, res: Response) => void res.status(404).json({ error: `no admin route ${req.method} ${req.originalUrl} (GET ${ADMIN_PREFIX} lists them)` }));
  return { router: r.router, routes };
}

/**
 * The admin routes the sandbox would serve with these APIs, without starting it (for `--help`): the
 * routes are registered on a router that is never mounted; their handlers never run.
 * @internal takes the express-typed SandboxApi, which stays out of the published declarations
 */
export function adminRouteList(apis: SandboxApi[]): AdminRouteInfo[] {
  return buildAdminRouter({} as SandboxContext, apis, () => undefined).routes;
}
