import { pollIntervals } from "../core/config";
import { Clock, systemClock } from "../core/clock";
import { waitFor, WaitResult } from "../core/waiter";
import { PhysicalConnection, readPhysicalConnection, readVirtualBorderRouter, VirtualBorderRouter } from "./client";
import { PC_GONE_STATUSES } from "./physicalConnectionMapping";
import { isVirtualBorderRouterGone } from "./virtualBorderRouterMapping";

/** Clock used by Alibaba waits; tests may replace it. */
export const alibabaClock: { current: Clock } = { current: systemClock };

export const PC_FAILED = ["Rejected", "Allocation Failed", "AllocationFailed"];

function common(deadline: number) {
  const clock = alibabaClock.current;
  return { api: "alibaba", clock, timeoutMs: Math.max(0, deadline - clock.now()), ...pollIntervals() };
}

/**
 * Waits until a physical connection's Status is one of `targets`. A status in `failed` (or a gone one,
 * unless it is a target) ends the wait with a "state" error; anything else is still in progress.
 */
export function waitPhysicalConnection(
  id: string,
  targets: string[],
  deadline: number,
  o: { what?: string; hint?: string; failed?: string[]; notFoundTolerance?: number } = {},
): Promise<WaitResult<PhysicalConnection>> {
  const failed = o.failed ?? [...PC_FAILED, ...PC_GONE_STATUSES];
  return waitFor({
    ...common(deadline),
    what: o.what ?? `physical connection ${id} to be ${targets.join(" or ")}`,
    poll: () => readPhysicalConnection(id),
    notFoundTolerance: o.notFoundTolerance ?? 3,
    evaluate: (c) => {
      const s = c.Status ?? "unknown";
      if (targets.includes(s)) return { done: true };
      if (failed.includes(s)) return { failed: `it reached status ${s}`, state: s };
      return { done: false, state: s, hint: o.hint };
    },
  });
}

/** Waits until DescribePhysicalConnections no longer lists the connection. */
export function waitPhysicalConnectionGone(id: string, deadline: number): Promise<WaitResult<PhysicalConnection>> {
  return waitFor({
    ...common(deadline),
    what: `deletion of physical connection ${id}`,
    goneIsDone: true,
    poll: () => readPhysicalConnection(id),
    evaluate: (c) => ({ done: false, state: c.Status ?? "unknown" }),
  });
}

export function waitVirtualBorderRouter(id: string, targets: string[], deadline: number, check?: (v: VirtualBorderRouter) => boolean): Promise<WaitResult<VirtualBorderRouter>> {
  return waitFor({
    ...common(deadline),
    what: `VBR ${id} to be ${targets.join(" or ")}`,
    poll: () => readVirtualBorderRouter(id),
    notFoundTolerance: 3,
    evaluate: (v) => {
      const s = v.Status ?? "unknown";
      if (targets.includes(s) && (!check || check(v))) return { done: true };
      if (isVirtualBorderRouterGone(v)) return { failed: "it is being deleted", state: s };
      return { done: false, state: s };
    },
  });
}

export function waitVirtualBorderRouterGone(id: string, deadline: number): Promise<WaitResult<VirtualBorderRouter>> {
  return waitFor({
    ...common(deadline),
    what: `deletion of VBR ${id}`,
    goneIsDone: true,
    poll: () => readVirtualBorderRouter(id),
    evaluate: (v) => ({ done: false, state: v.Status ?? "unknown" }),
  });
}
