import type { CallContext } from "../core/context";
import { isApiError } from "../core/errors";
import { waitBudget, waitFor, WaitResult } from "../core/waiter";
import { FabricConnection } from "./client";
import { isGone, provisioningVerdict } from "./connectionMapping";
import { V3Connection } from "./ecxV3Client";
import { ecxApi, fabricApi } from "./http";
import { legGone, legVerdict } from "./l2ConnectionMapping";
import { serviceProfile } from "./serviceProfiles";

/**
 * The waits of the Equinix resources, Fabric v4 connections and ECX v3 legs: each polls through the
 * call's coalesced reader, on the call's clock and poll schedule (core/waiter.ts).
 */

/** Waits until Equinix's side of a create is done (see provisioningVerdict). */
export function waitProvisioned(ctx: CallContext, uuid: string, toProfile: boolean, deadline: number): Promise<WaitResult<FabricConnection>> {
  const api = fabricApi(ctx);
  return waitFor({
    ...waitBudget(ctx, "equinix", deadline),
    what: `connection ${uuid}`,
    poll: () => api.readConnection(uuid),
    // A just-created connection can be briefly invisible to GET.
    notFoundTolerance: 3,
    evaluate: (c) => {
      const v = provisioningVerdict(c, toProfile);
      if ("failed" in v) return v;
      if (v.done) return { done: true };
      return { done: false, state: v.state };
    },
  });
}

/** Waits until the latest change (a PATCH) is COMPLETED. */
export function waitChangeCompleted(ctx: CallContext, uuid: string, deadline: number, changeUuid?: string): Promise<WaitResult<FabricConnection>> {
  const api = fabricApi(ctx);
  return waitFor({
    ...waitBudget(ctx, "equinix", deadline),
    what: `update of connection ${uuid}`,
    poll: () => api.readConnection(uuid),
    evaluate: (c) => {
      const ch = c.change;
      if (!ch || (changeUuid && ch.uuid && ch.uuid !== changeUuid)) return { done: false, state: "change pending" };
      if (ch.status === "COMPLETED" || ch.status === "APPROVED") return { done: true };
      if (ch.status === "FAILED" || ch.status === "REJECTED") return { failed: `Equinix ${ch.status} the change ${ch.type ?? ""}`.trim(), state: ch.status };
      return { done: false, state: `change ${ch.status ?? "pending"}` };
    },
  });
}

/** Waits until the connection is DEPROVISIONED, DELETED or not found. */
export function waitDeprovisioned(ctx: CallContext, uuid: string, deadline: number, what?: string, hint?: string): Promise<WaitResult<FabricConnection>> {
  const api = fabricApi(ctx);
  return waitFor({
    ...waitBudget(ctx, "equinix", deadline),
    what: what ?? `deletion of connection ${uuid}`,
    goneIsDone: true,
    poll: async () => {
      const c = await api.readConnection(uuid);
      return c && isGone(c) ? undefined : c;
    },
    evaluate: (c) => ({ done: false, state: `${c.operation?.equinixStatus ?? c.state ?? "UNKNOWN"}/${c.operation?.providerStatus ?? "UNKNOWN"}`, hint }),
  });
}

/** Waits until an ECX v3 leg is provisioned (to a profile: handed to the provider, PENDING_APPROVAL included). */
export async function waitLegProvisioned(ctx: CallContext, uuid: string, toProfile: boolean, deadline: number, label: string): Promise<V3Connection> {
  const api = ecxApi(ctx);
  const r = await waitFor({
    ...waitBudget(ctx, "equinix", deadline),
    what: `${label} leg ${uuid}`,
    poll: () => api.readL2Connection(uuid),
    notFoundTolerance: 3,
    evaluate: (c) => {
      const verdict = legVerdict(c, toProfile);
      if ("failed" in verdict) return verdict;
      return verdict.done ? { done: true } : { done: false, state: verdict.state };
    },
  });
  return r.value!;
}

/** Waits until a leg's PATCH ?action=update finished (updateInProgress false). */
export async function waitLegUpdated(ctx: CallContext, uuid: string, deadline: number): Promise<V3Connection | undefined> {
  const api = ecxApi(ctx);
  const r = await waitFor({
    ...waitBudget(ctx, "equinix", deadline),
    what: `update of leg ${uuid}`,
    poll: () => api.readL2Connection(uuid),
    evaluate: (c) => (c.updateInProgress ? { done: false, state: "update in progress" } : { done: true }),
  });
  return r.value;
}

/** Waits until a leg is deprovisioned, deleted or not found. */
export async function waitLegDeprovisioned(ctx: CallContext, uuid: string, deadline: number, hint?: string): Promise<void> {
  const api = ecxApi(ctx);
  await waitFor({
    ...waitBudget(ctx, "equinix", deadline),
    what: `deletion of leg ${uuid}`,
    goneIsDone: true,
    poll: async () => {
      const c = await api.readL2Connection(uuid);
      return legGone(c) ? undefined : c;
    },
    evaluate: (c) => ({ done: false, state: `${c.status ?? "UNKNOWN"}/${c.providerStatus ?? "UNKNOWN"}`, hint }),
  });
}

/**
 * Equinix refuses to delete a provisioned connection to some providers' profiles (Alibaba: ERR-UAA-003-00,
 * "deletion must be initiated from Alibaba"): it goes once the provider's side deletes its connection, so
 * the delete waits for that instead of failing. The same answer from Fabric v4 and from ECX v3; without
 * the code, the profile's own wording of it (serviceProfiles.ts) says it.
 */
export function isProviderSideDeletion(err: unknown, profileUuid: string | undefined): boolean {
  if (!isApiError(err)) return false;
  const refusal = serviceProfile(profileUuid)?.providerSideDeletionRefusal;
  return err.code === "ERR-UAA-003-00" || (refusal !== undefined && refusal.test(err.vendorMessage ?? ""));
}
