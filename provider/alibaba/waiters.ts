import type { CallContext } from "../core/context";
import { waitBudget, waitFor, WaitResult } from "../core/waiter";
import { alibabaClient, BgpGroup, BgpPeer, PhysicalConnection, VirtualBorderRouter } from "./client";
import { isBgpGroupGone } from "./bgpGroupMapping";
import { isBgpPeerGone } from "./bgpPeerMapping";
import { PC_GONE_STATUSES } from "./physicalConnectionMapping";
import { isVirtualBorderRouterGone } from "./virtualBorderRouterMapping";

export const PC_FAILED = ["Rejected", "Allocation Failed", "AllocationFailed"];

/**
 * Waits until a physical connection's Status is one of `targets`. A status in `failed` (or a gone one,
 * unless it is a target) ends the wait with a "state" error; anything else is still in progress.
 */
export function waitPhysicalConnection(
  ctx: CallContext,
  id: string,
  targets: string[],
  deadline: number,
  o: { what?: string; hint?: string; failed?: string[]; notFoundTolerance?: number } = {},
): Promise<WaitResult<PhysicalConnection>> {
  const api = alibabaClient(ctx);
  const failed = o.failed ?? [...PC_FAILED, ...PC_GONE_STATUSES];
  return waitFor({
    ...waitBudget(ctx, "alibaba", deadline),
    what: o.what ?? `physical connection ${id} to be ${targets.join(" or ")}`,
    poll: () => api.readPhysicalConnection(id),
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
export function waitPhysicalConnectionGone(ctx: CallContext, id: string, deadline: number): Promise<WaitResult<PhysicalConnection>> {
  const api = alibabaClient(ctx);
  return waitFor({
    ...waitBudget(ctx, "alibaba", deadline),
    what: `deletion of physical connection ${id}`,
    goneIsDone: true,
    poll: () => api.readPhysicalConnection(id),
    evaluate: (c) => ({ done: false, state: c.Status ?? "unknown" }),
  });
}

export function waitVirtualBorderRouter(ctx: CallContext, id: string, targets: string[], deadline: number, check?: (v: VirtualBorderRouter) => boolean): Promise<WaitResult<VirtualBorderRouter>> {
  const api = alibabaClient(ctx);
  return waitFor({
    ...waitBudget(ctx, "alibaba", deadline),
    what: `VBR ${id} to be ${targets.join(" or ")}`,
    poll: () => api.readVirtualBorderRouter(id),
    notFoundTolerance: 3,
    evaluate: (v) => {
      const s = v.Status ?? "unknown";
      if (targets.includes(s) && (!check || check(v))) return { done: true };
      if (isVirtualBorderRouterGone(v)) return { failed: "it is being deleted", state: s };
      return { done: false, state: s };
    },
  });
}

export function waitVirtualBorderRouterGone(ctx: CallContext, id: string, deadline: number): Promise<WaitResult<VirtualBorderRouter>> {
  const api = alibabaClient(ctx);
  return waitFor({
    ...waitBudget(ctx, "alibaba", deadline),
    what: `deletion of VBR ${id}`,
    goneIsDone: true,
    poll: () => api.readVirtualBorderRouter(id),
    evaluate: (v) => ({ done: false, state: v.Status ?? "unknown" }),
  });
}

/**
 * Waits until the hosted connection `find` looks for appears (`find` answers undefined until then): the
 * partner creates it once its side is provisioned.
 */
export async function waitHostedConnectionAppears(ctx: CallContext, what: string, hint: string, deadline: number, find: () => Promise<PhysicalConnection | undefined>): Promise<PhysicalConnection> {
  const r = await waitFor({
    ...waitBudget(ctx, "alibaba", deadline),
    what,
    poll: async () => (await find()) ?? ({ missing: true } as const),
    evaluate: (c) => ("missing" in c ? { done: false, state: "not there yet", hint } : { done: true }),
  });
  return r.value as PhysicalConnection;
}

/** Waits until a BGP group is Available (and shows `check`); a group being deleted ends the wait. */
export function waitBgpGroup(ctx: CallContext, id: string, deadline: number, check?: (g: BgpGroup) => boolean): Promise<WaitResult<BgpGroup>> {
  const api = alibabaClient(ctx);
  return waitFor({
    ...waitBudget(ctx, "alibaba", deadline),
    what: `BGP group ${id} to be Available`,
    poll: () => api.readBgpGroup(id),
    notFoundTolerance: 3,
    evaluate: (g) => {
      const s = g.Status ?? "unknown";
      if (s === "Available" && (!check || check(g))) return { done: true };
      if (isBgpGroupGone(g)) return { failed: "it is being deleted", state: s };
      return { done: false, state: s };
    },
  });
}

export function waitBgpGroupGone(ctx: CallContext, id: string, deadline: number): Promise<WaitResult<BgpGroup>> {
  const api = alibabaClient(ctx);
  return waitFor({
    ...waitBudget(ctx, "alibaba", deadline),
    what: `deletion of BGP group ${id}`,
    goneIsDone: true,
    poll: () => api.readBgpGroup(id),
    evaluate: (g) => ({ done: false, state: g.Status ?? "unknown" }),
  });
}

/** Waits until a BGP peer is Available (and shows `check`); a peer being deleted ends the wait. */
export function waitBgpPeer(ctx: CallContext, id: string, deadline: number, check?: (p: BgpPeer) => boolean): Promise<WaitResult<BgpPeer>> {
  const api = alibabaClient(ctx);
  return waitFor({
    ...waitBudget(ctx, "alibaba", deadline),
    what: `BGP peer ${id} to be Available`,
    poll: () => api.readBgpPeer(id),
    notFoundTolerance: 3,
    evaluate: (p) => {
      const s = p.Status ?? "unknown";
      if (s === "Available" && (!check || check(p))) return { done: true };
      if (isBgpPeerGone(p)) return { failed: "it is being deleted", state: s };
      return { done: false, state: s };
    },
  });
}

export function waitBgpPeerGone(ctx: CallContext, id: string, deadline: number): Promise<WaitResult<BgpPeer>> {
  const api = alibabaClient(ctx);
  return waitFor({
    ...waitBudget(ctx, "alibaba", deadline),
    what: `deletion of BGP peer ${id}`,
    goneIsDone: true,
    poll: () => api.readBgpPeer(id),
    evaluate: (p) => ({ done: false, state: p.Status ?? "unknown" }),
  });
}
