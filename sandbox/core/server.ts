import express, { type NextFunction, type Request, type Response } from "express";
import type { SandboxApi, SandboxContext } from "./api";
import { sendVendorError } from "./api";
import { ADMIN_PREFIX } from "./adminRoutes";
import { retryAfterSeconds } from "./limits";
import type { RequestLogEntry } from "./requestLog";


/** Builds the express app: request log, body parsing, latency and rate limit, faults, each API's routes, admin routes. */
export function buildApp(ctx: SandboxContext, apis: SandboxApi[], adminRouter: express.Router): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  const apiOf = (path: string) => apis.find((a) => a.owns(path));

  // 1. Request log (every API request, including those that fail to parse or are faulted).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith(ADMIN_PREFIX)) return next();
    const api = apiOf(req.path);
    const entry = ctx.log.add({ at: ctx.clock.iso(), api: api?.name ?? "none", method: req.method, path: req.path, status: 0, kind: "unknown" });
    res.locals.logEntry = entry;
    res.on("finish", () => {
      entry.status = res.statusCode;
      entry.kind = res.locals.kind ?? entry.kind;
      ctx.changed();
    });
    next();
  });

  // 2. Bodies: JSON (incl. application/json-patch+json) and form-encoded (Alibaba RPC). Raw body kept.
  const verify = (req: Request, _res: Response, buf: Buffer) => {
    (req as Request & { rawBody?: Buffer }).rawBody = buf;
  };
  app.use(express.json({ type: ["application/json", "application/*+json"], limit: "2mb", verify: verify as any }));
  app.use(express.urlencoded({ extended: false, limit: "2mb", verify: verify as any }));

  // 3. Latency, then the per-API rate limit: a vendor-shaped 429 with Retry-After (sandbox/core/limits.ts).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith(ADMIN_PREFIX)) return next();
    const api = apiOf(req.path);
    const admit = () => {
      const waitMs = api ? ctx.limiter.take(api.name) : undefined;
      if (waitMs === undefined || !api) return next();
      res.locals.kind = "throttled";
      (res.locals.logEntry as RequestLogEntry).fault = "rateLimit";
      const e = api.errorResponse(ctx, req, 429, "Too Many Requests: the request rate limit was exceeded");
      e.status = 429;
      e.headers = { ...(e.headers ?? {}), "Retry-After": String(retryAfterSeconds(waitMs)) };
      sendVendorError(res, e);
    };
    const latency = ctx.limiter.limits.latencyMs;
    if (latency > 0) setTimeout(admit, latency);
    else admit();
  });

  // 4. Faults.
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path.startsWith(ADMIN_PREFIX)) return next();
    const api = apiOf(req.path);
    const entry = res.locals.logEntry as RequestLogEntry;
    const action = api?.action?.(req);
    if (action !== undefined) entry.action = action;
    const fault = ctx.faults.take({ api: api?.name ?? "none", method: req.method, path: req.path, action });
    if (!fault) return next();
    entry.fault = fault.kind;
    switch (fault.kind) {
      case "drop":
        entry.kind = "fault.drop";
        req.socket.destroy();
        return;
      case "delay":
        setTimeout(next, Math.max(0, fault.ms));
        return;
      case "loseResponse": {
        const end = res.end.bind(res);
        res.end = ((..._args: unknown[]) => {
          entry.status = res.statusCode;
          entry.kind = res.locals.kind ?? entry.kind;
          req.socket.destroy();
          return res;
        }) as typeof res.end;
        void end;
        return next();
      }
      case "status": {
        res.locals.kind = "fault.status";
        const e = api
          ? api.errorResponse(ctx, req, fault.status, fault.status === 429 ? "Too Many Requests" : `Injected fault: HTTP ${fault.status}`)
          : { status: fault.status, body: { error: `injected fault ${fault.status}` } };
        e.status = fault.status;
        if (fault.retryAfterSeconds !== undefined) e.headers = { ...(e.headers ?? {}), "Retry-After": String(fault.retryAfterSeconds) };
        return sendVendorError(res, e);
      }
    }
  });

  // 5. Admin (HTTP mirror of sandbox.admin); what changes the world is kept by the state file.
  app.use(ADMIN_PREFIX, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET") res.on("finish", () => ctx.changed());
    next();
  });
  app.use(ADMIN_PREFIX, adminRouter);

  // 6. The APIs.
  for (const api of apis) api.register(app, ctx);

  // 7. Unknown routes: vendor-shaped 404 (405-like answers are not modelled).
  app.use((req: Request, res: Response) => {
    const api = apiOf(req.path);
    if (!api) return void res.status(404).json({ error: `no sandbox API serves ${req.method} ${req.path}` });
    res.locals.kind = "unknown";
    sendVendorError(res, api.errorResponse(ctx, req, 404, `No route for ${req.method} ${req.path}`));
  });

  // 8. Errors: malformed bodies (400) and crashes (500), vendor-shaped.
  app.use((err: any, req: Request, res: Response, _next: NextFunction) => {
    const api = apiOf(req.path);
    const status = err?.type === "entity.parse.failed" || err?.status === 400 ? 400 : 500;
    if (status === 500) process.stderr.write(`sandbox: ${req.method} ${req.path} failed: ${err?.stack ?? err}\n`);
    const message = status === 400 ? "Invalid request body" : "Internal Server Error";
    if (res.headersSent) return;
    if (!api) return void res.status(status).json({ error: message });
    sendVendorError(res, api.errorResponse(ctx, req, status, message));
  });
  return app;
}
