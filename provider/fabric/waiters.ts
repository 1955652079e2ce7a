import { pollIntervals } from "../core/config";
import { Clock, systemClock } from "../core/clock";
import { waitFor, WaitResult } from "../core/waiter";
import { FabricConnection, readConnection } from "./client";
import { isGone, provisioningVerdict } from "./connectionMapping";

/** Clock used by Fabric waits; tests may replace it. */
export const fabricClock: { current: Clock } = { current: systemClock };

function common(deadline: number) {
  const clock = fabricClock.current;
  return { api: "equinix", clock, timeoutMs: Math.max(0, deadline - clock.now()), ...pollIntervals() };
}

/** Waits until Equinix's side of a create is done (see provisioningVerdict). */
export function waitProvisioned(uuid: string, toProfile: boolean, deadline: number): Promise<WaitResult<FabricConnection>> {
  return waitFor({
    ...common(deadline),
    what: `connection ${uuid}`,
    poll: () => readConnection(uuid),
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
export function waitChangeCompleted(uuid: string, deadline: number, changeUuid?: string): Promise<WaitResult<FabricConnection>> {
  return waitFor({
    ...common(deadline),
    what: `update of connection ${uuid}`,
    poll: () => readConnection(uuid),
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
export function waitDeprovisioned(uuid: string, deadline: number, what?: string, hint?: string): Promise<WaitResult<FabricConnection>> {
  return waitFor({
    ...common(deadline),
    what: what ?? `deletion of connection ${uuid}`,
    goneIsDone: true,
    poll: async () => {
      const c = await readConnection(uuid);
      return c && isGone(c) ? undefined : c;
    },
    evaluate: (c) => ({ done: false, state: `${c.operation?.equinixStatus ?? c.state ?? "UNKNOWN"}/${c.operation?.providerStatus ?? "UNKNOWN"}`, hint }),
  });
}
