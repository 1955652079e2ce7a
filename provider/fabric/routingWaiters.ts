import type { CallContext } from "../core/context";
import { waitBudget, waitFor, WaitResult } from "../core/waiter";
import { routerVerdict } from "./cloudRouterMapping";
import { routingApi } from "./http";
import type { FabricRouter, FabricRoutingProtocol } from "./routingClient";
import { protocolVerdict } from "./routingProtocolMapping";

/**
 * The waits of Fabric Cloud Routers and routing protocols: each polls with a direct GET on the call's
 * clock and poll schedule (core/waiter.ts). A stack has few of them, so their reads are not coalesced.
 */

/** Until the router is PROVISIONED and its last change is no longer REQUESTED. */
export function waitRouterReady(ctx: CallContext, uuid: string, deadline: number, what = `Fabric Cloud Router ${uuid}`): Promise<WaitResult<FabricRouter>> {
  const api = routingApi(ctx);
  return waitFor({
    ...waitBudget(ctx, "equinix", deadline),
    what,
    poll: () => api.getRouter(uuid),
    // A just-created router can be briefly invisible to GET.
    notFoundTolerance: 3,
    evaluate: (r) => {
      const v = routerVerdict(r);
      return "failed" in v ? v : v.done ? { done: true } : { done: false, state: v.state };
    },
  });
}

/** Until the router is DEPROVISIONED or not found. */
export function waitRouterGone(ctx: CallContext, uuid: string, deadline: number): Promise<WaitResult<FabricRouter>> {
  const api = routingApi(ctx);
  return waitFor({
    ...waitBudget(ctx, "equinix", deadline),
    what: `deletion of Fabric Cloud Router ${uuid}`,
    goneIsDone: true,
    poll: async () => {
      const r = await api.getRouter(uuid);
      return !r || r.state === "DEPROVISIONED" ? undefined : r;
    },
    evaluate: (r) => ({ done: false, state: r.state ?? "UNKNOWN" }),
  });
}

/** Until the routing protocol is PROVISIONED (after a create or a replace). */
export function waitProtocolProvisioned(ctx: CallContext, connectionUuid: string, uuid: string, deadline: number, what: string): Promise<WaitResult<FabricRoutingProtocol>> {
  const api = routingApi(ctx);
  return waitFor({
    ...waitBudget(ctx, "equinix", deadline),
    what,
    poll: () => api.getRoutingProtocol(connectionUuid, uuid),
    notFoundTolerance: 3,
    evaluate: (p) => {
      const v = protocolVerdict(p);
      return "failed" in v ? v : v.done ? { done: true } : { done: false, state: v.state };
    },
  });
}

/** Until the routing protocol is DEPROVISIONED or not found (its connection gone too). */
export function waitProtocolGone(ctx: CallContext, connectionUuid: string, uuid: string, deadline: number): Promise<WaitResult<FabricRoutingProtocol>> {
  const api = routingApi(ctx);
  return waitFor({
    ...waitBudget(ctx, "equinix", deadline),
    what: `deletion of routing protocol ${uuid}`,
    goneIsDone: true,
    poll: async () => {
      const p = await api.getRoutingProtocol(connectionUuid, uuid);
      return !p || p.state === "DEPROVISIONED" ? undefined : p;
    },
    evaluate: (p) => ({ done: false, state: p.state ?? "UNKNOWN" }),
  });
}
