import express, { type Request, type Response } from "express";
import type { SandboxApi, SandboxContext } from "./api";

/**
 * An admin route: the function's result as JSON (`{ok: true}` when it returns nothing), or
 * `{error}` with 400, or 404 when the message matches `notFound`.
 */
export function adminAction(fn: (req: Request) => unknown, notFound?: RegExp) {
  return (req: Request, res: Response): void => {
    try {
      const out = fn(req);
      res.status(200).json(out === undefined ? { ok: true } : out);
    } catch (e) {
      const message = (e as Error).message;
      res.status(notFound?.test(message) ? 404 : 400).json({ error: message });
    }
  };
}

/** The HTTP mirror of `sandbox.admin`, mounted at /_sandbox (per-API routes at /_sandbox/<api>). */
export function buildAdminRouter(ctx: SandboxContext, apis: SandboxApi[], info: () => unknown): express.Router {
  const r = express.Router();
  const safe = adminAction;
  const admin = () => ctx.admin;
  const clock = () => ({ now: ctx.clock.now(), iso: ctx.clock.iso() });
  r.get("/info", safe(() => info()));
  r.get("/clock", safe(clock));
  r.post(
    "/clock/advance",
    safe((req) => {
      const ms = Number(req.body?.ms);
      if (!Number.isFinite(ms) || ms < 0) throw new Error("body {ms} must be a number >= 0");
      admin().clock.advance(ms);
      return clock();
    }),
  );
  r.get("/faults", safe(() => admin().faults()));
  r.post("/faults", safe((req) => admin().injectFault(req.body)));
  r.delete("/faults", safe(() => admin().clearFaults()));
  r.delete("/faults/:id", safe((req) => ({ removed: admin().removeFault(Number(req.params.id)) })));
  r.post("/tokens/expire", safe((req) => admin().expireTokens(req.body?.api)));
  r.get("/requests", safe(() => admin().requests()));
  r.delete("/requests", safe(() => admin().clearRequests()));
  r.get("/inventory", safe(() => admin().inventory()));
  r.get("/limits", safe(() => admin().limits()));
  r.post("/limits", safe((req) => admin().setLimits(req.body ?? {})));
  for (const api of apis) {
    if (!api.adminRoutes) continue;
    const sub = express.Router();
    api.adminRoutes(sub, ctx);
    r.use(`/${api.name}`, sub);
  }
  r.use((req: Request, res: Response) => void res.status(404).json({ error: `no admin route ${req.method} ${req.originalUrl}` }));
  return r;
}
