import type { CallContext } from "../core/context";
import { waitBudget, waitFor, WaitResult } from "../core/waiter";
import { alibabaClient, BgpGroup, BgpPeer, PhysicalConnection, VirtualBorderRouter } from "./client";
import { isBgpGroupGone } from "./bgpGroupMapping";
import { isBgpPeerGone } from "./bgpPeerMapping";
import { PC_GONE_STATUSES } from "./physicalConnectionMapping";
import { isVirtualBorderRouterGone } from "./virtualBorderRouterMapping";

export const PC_FAILED = ["Rejected", "Allocation Failed", "AllocationFailed"];

/** One kind of Alibaba object a wait reads: its name in messages and its read (coalesced, by id). */
interface Watched<T extends { Status?: string }> {
  noun: string;
  read: (ctx: CallContext, id: string) => Promise<T | undefined>;
  /** Whether the object counts as gone (being deleted): it ends a wait for a status with a failure. */
  isGone?: (x: T) => boolean;
}

const PHYSICAL_CONNECTION: Watched<PhysicalConnection> = { noun: "physical connection", read: (ctx, id) => alibabaClient(ctx).readPhysicalConnection(id) };
const VBR: Watched<VirtualBorderRouter> = { noun: "VBR", read: (ctx, id) => alibabaClient(ctx).readVirtualBorderRouter(id), isGone: isVirtualBorderRouterGone };
const BGP_GROUP: Watched<BgpGroup> = { noun: "BGP group", read: (ctx, id) => alibabaClient(ctx).bgpGroups.read(id), isGone: isBgpGroupGone };
const BGP_PEER: Watched<BgpPeer> = { noun: "BGP peer", read: (ctx, id) => alibabaClient(ctx).bgpPeers.read(id), isGone: isBgpPeerGone };

interface StatusWait<T> {
  /** What the object must also show to be done (a modification it reflects). */
  check?: (x: T) => boolean;
  /** Why an observation ends the wait with a "state" error; default: the object is being deleted. */
  failed?: (x: T) => string | undefined;
  what?: string;
  hint?: string;
  notFoundTolerance?: number;
}

/**
 * Waits until the object's Status is one of `targets` (and it shows `check`); a failed one (by default:
 * one being deleted) ends the wait with a "state" error; anything else is still in progress.
 */
function waitStatus<T extends { Status?: string }>(ctx: CallContext, w: Watched<T>, id: string, targets: string[], deadline: number, o: StatusWait<T> = {}): Promise<WaitResult<T>> {
  const failed = o.failed ?? ((x: T) => (w.isGone?.(x) ? "it is being deleted" : undefined));
  return waitFor({
    ...waitBudget(ctx, "alibaba", deadline),
    what: o.what ?? `${w.noun} ${id} to be ${targets.join(" or ")}`,
    poll: () => w.read(ctx, id),
    notFoundTolerance: o.notFoundTolerance ?? 3,
    evaluate: (x) => {
      const s = x.Status ?? "unknown";
      if (targets.includes(s) && (!o.check || o.check(x))) return { done: true };
      const why = failed(x);
      if (why) return { failed: why, state: s };
      return { done: false, state: s, hint: o.hint };
    },
  });
}

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
  const failed = o.failed ?? [...PC_FAILED, ...PC_GONE_STATUSES];
  return waitStatus(ctx, PHYSICAL_CONNECTION, id, targets, deadline, { ...o, failed: (c) => (failed.includes(c.Status ?? "unknown") ? `it reached status ${c.Status ?? "unknown"}` : undefined) });
}

/** Waits until the object's Describe call no longer lists it. */
function waitListedNoMore<T extends { Status?: string }>(ctx: CallContext, w: Watched<T>, id: string, deadline: number): Promise<WaitResult<T>> {
  return waitFor({
    ...waitBudget(ctx, "alibaba", deadline),
    what: `deletion of ${w.noun} ${id}`,
    goneIsDone: true,
    poll: () => w.read(ctx, id),
    evaluate: (x) => ({ done: false, state: x.Status ?? "unknown" }),
  });
}

/** Waits until DescribePhysicalConnections no longer lists the connection. */
export const waitPhysicalConnectionGone = (ctx: CallContext, id: string, deadline: number) => waitListedNoMore(ctx, PHYSICAL_CONNECTION, id, deadline);

/** Waits until a VBR's Status is one of `targets` (and it shows `check`); a VBR being deleted ends the wait. */
export const waitVirtualBorderRouter = (ctx: CallContext, id: string, targets: string[], deadline: number, check?: (v: VirtualBorderRouter) => boolean) => waitStatus(ctx, VBR, id, targets, deadline, { check });
export const waitVirtualBorderRouterGone = (ctx: CallContext, id: string, deadline: number) => waitListedNoMore(ctx, VBR, id, deadline);

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
export const waitBgpGroup = (ctx: CallContext, id: string, deadline: number, check?: (g: BgpGroup) => boolean) => waitStatus(ctx, BGP_GROUP, id, ["Available"], deadline, { check });
export const waitBgpGroupGone = (ctx: CallContext, id: string, deadline: number) => waitListedNoMore(ctx, BGP_GROUP, id, deadline);

/** Waits until a BGP peer is Available (and shows `check`); a peer being deleted ends the wait. */
export const waitBgpPeer = (ctx: CallContext, id: string, deadline: number, check?: (p: BgpPeer) => boolean) => waitStatus(ctx, BGP_PEER, id, ["Available"], deadline, { check });
export const waitBgpPeerGone = (ctx: CallContext, id: string, deadline: number) => waitListedNoMore(ctx, BGP_PEER, id, deadline);
