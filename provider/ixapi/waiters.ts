import type { CallContext } from "../core/context";
import { waitBudget, waitFor, WaitVerdict } from "../core/waiter";
import { ixapiClient } from "./client";
import type { StatefulObject } from "./common";

/** Waits until the object satisfies `evaluate`, reading it with the other reads of these credentials. */
export function waitStateful<T extends { state?: string }>(ctx: CallContext, o: StatefulObject<T>, id: string, what: string, deadline: number, evaluate: (x: T) => WaitVerdict) {
  const api = ixapiClient(ctx);
  return waitFor({ ...waitBudget(ctx, "ixapi", deadline), what, poll: () => o.read(api, id), notFoundTolerance: 2, evaluate });
}

/**
 * Until 404, or 200 with a state in which the object counts as gone (decommissioned/archived: the "in
 * future" answer of the exchange's "Using IX-API for Cloud Service" guide): the wait of a decommission.
 */
export function waitDecommissioned<T extends { state?: string }>(ctx: CallContext, o: StatefulObject<T>, id: string, deadline: number) {
  const api = ixapiClient(ctx);
  return waitFor({
    ...waitBudget(ctx, "ixapi", deadline),
    what: `decommission of ${o.noun} ${id}`,
    goneIsDone: true,
    poll: async () => {
      const x = await o.read(api, id);
      return x && o.isGone(x) ? undefined : x;
    },
    evaluate: (x: T) => ({ done: false, state: x.state ?? "unknown" }),
  });
}
