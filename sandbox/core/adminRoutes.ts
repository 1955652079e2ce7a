import express, { type Request, type Response } from "express";
import type { SandboxApi, SandboxContext } from "./api";

/** The HTTP mirror of `sandbox.admin`, mounted at /_sandbox (per-API routes at /_sandbox/<api>). */
export function buildAdminRouter(ctx: SandboxContext, apis: SandboxApi[], info: () => unknown): express.Router {
  const r = express.Router();
  const safe = (fn: (req: Request) => unknown) => (req: Request, res: Response) => {
    try {
      const out = fn(req);
      res.status(200).json(out === undefined ? { ok: true } : out);
    } catch (e) {
      res.status(400).json({ error: (e as Error).message });
    }
  };
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
  for (const api of apis) {
    if (!api.adminRoutes) continue;
    const sub = express.Router();
    api.adminRoutes(sub, ctx);
    r.use(`/${api.name}`, sub);
  }
  r.use((req: Request, res: Response) => void res.status(404).json({ error: `no admin route ${req.method} ${req.originalUrl}` }));
  return r;
}
