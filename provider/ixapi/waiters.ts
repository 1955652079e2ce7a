import { waitFor, WaitVerdict } from "../core/waiter";
import * as api from "./client";
import { waitCommon } from "./common";

/** Waits until a service satisfies `evaluate`. */
export function waitService(id: string, what: string, deadline: number, evaluate: (s: api.NetworkService) => WaitVerdict) {
  return waitFor({ ...waitCommon(deadline), what, poll: () => api.readNetworkService(id), notFoundTolerance: 2, evaluate });
}

export function waitConfig(id: string, what: string, deadline: number, evaluate: (c: api.NetworkServiceConfig) => WaitVerdict) {
  return waitFor({ ...waitCommon(deadline), what, poll: () => api.readNetworkServiceConfig(id), notFoundTolerance: 2, evaluate });
}

/** Until 404, or 200 with a state in which `isGone` (decommissioned/archived: the "in future" answer of the exchange's "Using IX-API for Cloud Service" guide). */
export function waitGone<T extends { state?: string }>(what: string, deadline: number, get: () => Promise<T | undefined>, isGone: (x: T) => boolean) {
  return waitFor({
    ...waitCommon(deadline),
    what,
    goneIsDone: true,
    poll: async () => {
      const x = await get();
      return x && isGone(x) ? undefined : x;
    },
    evaluate: (x: T) => ({ done: false, state: x.state ?? "unknown" }),
  });
}
