import type { CallContext } from "../core/context";
import { waitBudget, waitFor, WaitVerdict } from "../core/waiter";
import { ixapiClient, NetworkService, NetworkServiceConfig } from "./client";

/** Waits until a service satisfies `evaluate`. */
export function waitService(ctx: CallContext, id: string, what: string, deadline: number, evaluate: (s: NetworkService) => WaitVerdict) {
  const api = ixapiClient(ctx);
  return waitFor({ ...waitBudget(ctx, "ixapi", deadline), what, poll: () => api.readNetworkService(id), notFoundTolerance: 2, evaluate });
}

export function waitConfig(ctx: CallContext, id: string, what: string, deadline: number, evaluate: (c: NetworkServiceConfig) => WaitVerdict) {
  const api = ixapiClient(ctx);
  return waitFor({ ...waitBudget(ctx, "ixapi", deadline), what, poll: () => api.readNetworkServiceConfig(id), notFoundTolerance: 2, evaluate });
}

/** Until 404, or 200 with a state in which `isGone` (decommissioned/archived: the "in future" answer of the exchange's "Using IX-API for Cloud Service" guide). */
export function waitGone<T extends { state?: string }>(ctx: CallContext, what: string, deadline: number, get: () => Promise<T | undefined>, isGone: (x: T) => boolean) {
  return waitFor({
    ...waitBudget(ctx, "ixapi", deadline),
    what,
    goneIsDone: true,
    poll: async () => {
      const x = await get();
      return x && isGone(x) ? undefined : x;
    },
    evaluate: (x: T) => ({ done: false, state: x.state ?? "unknown" }),
  });
}
