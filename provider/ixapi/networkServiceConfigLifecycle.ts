import type { CallContext } from "../core/context";
import { apiError } from "../core/errors";
import { kindBasics, Lifecycle, Props } from "../core/lifecycle";
import { partialFailureNow, RESUME_CREATE } from "../core/partialFailure";
import { WaitVerdict } from "../core/waiter";
import { IxapiClient, ixapiClient, NetworkServiceConfig } from "./client";
import { networkServiceConfigFromVendor } from "./fromVendor";
import { defaultExternalRef, IXAPI_TIMEOUTS, StatefulObject, updateStateful, withDefaultExternalRef } from "./common";
import { statusText } from "./networkServiceMapping";
import { buildConfigRequest, isNetworkServiceConfigGone, mergePatch, NetworkServiceConfigInputs, readBackInputs, sameSlot, toOutputs, updateTable } from "./networkServiceConfigMapping";
import { waitDecommissioned, waitStateful } from "./waiters";

/** Its inputs, default timeouts and update rules (a replacement in the same handover and VLAN deletes first). */
const kind = kindBasics({ schema: NetworkServiceConfigInputs, timeouts: IXAPI_TIMEOUTS, updateTable, deleteBeforeReplace: sameSlot });
/** The config as the shared update and waits read it. */
const CONFIG: StatefulObject<NetworkServiceConfig> = { noun: "network service config", get: (api, id, deadline) => api.getNetworkServiceConfig(id, { deadline }), read: (api, id) => api.readNetworkServiceConfig(id), isGone: isNetworkServiceConfigGone };

/** Stored outputs back to typed inputs; a missing roleAssignments is []. */
function inputsOf(props: Props): NetworkServiceConfigInputs {
  const v = kind.inputs(props);
  return { ...v, roleAssignments: v.roleAssignments ?? [] };
}

/** The service's rules, before anything is written: handover within diversity, cloud_vlan per offering, required roles. */
async function checkAgainstService(api: IxapiClient, v: NetworkServiceConfigInputs, dl: number): Promise<void> {
  const svc = await api.getNetworkService(v.networkService, { deadline: dl });
  if (!svc) throw apiError({ api: "ixapi", kind: "invalid", message: `networkService: network service ${v.networkService} does not exist` });
  const issues: string[] = [];
  const diversity = svc.diversity ?? 1;
  if (v.handover > diversity) issues.push(`handover: must be within 1..${diversity} (the service's diversity)`);
  const offering = svc.product_offering ? await api.getProductOffering(svc.product_offering, { deadline: dl }) : undefined;
  if (offering?.provider_vlans === "single" && v.cloudVlan != null) issues.push(`cloudVlan: must be omitted (null): ${offering.id} provides a single VLAN`);
  const required = svc.nsc_required_contact_roles ?? [];
  if (required.length) {
    const assigned = await Promise.all(v.roleAssignments.map((id) => api.getRoleAssignment(id, { deadline: dl })));
    const roles = new Set(assigned.filter(Boolean).map((a) => a!.role));
    const missing = required.filter((r) => !roles.has(r));
    if (missing.length) {
      const names = await Promise.all(missing.map(async (r) => (await api.getRole(r, { deadline: dl }))?.name ?? r));
      issues.push(`roleAssignments: the service requires contacts with the roles ${names.join(", ")} (nscRequiredContactRoles); add an ixapi.RoleAssignment for each`);
    }
  }
  if (issues.length) throw apiError({ api: "ixapi", kind: "invalid", message: `the config does not fit network service ${v.networkService}:\n  ${issues.join("\n  ")}` });
}

/** A config's wait for production: done at production, failed at error or once it is being decommissioned. */
function productionVerdict(c: NetworkServiceConfig): WaitVerdict {
  const st = c.state ?? "unknown";
  if (st === "production") return { done: true };
  if (st === "error") return { failed: `the exchange reports an error${statusText(c)}`, state: st };
  if (st === "decommission_requested" || st === "decommissioned" || st === "archived") return { failed: "the config is being decommissioned", state: st };
  return { done: false, state: st };
}

/** Waits for production; an error is reported with the service's own status messages too. */
async function waitProduction(ctx: CallContext, id: string, v: NetworkServiceConfigInputs, dl: number) {
  try {
    return (await waitStateful(ctx, CONFIG, id, `network service config ${id} (handover ${v.handover})`, dl, productionVerdict)).value;
  } catch (err) {
    const svc = await ixapiClient(ctx).getNetworkService(v.networkService).catch(() => undefined);
    const extra = svc ? statusText(svc) : "";
    if (extra) throw apiError({ api: "ixapi", kind: "state", message: `${(err as Error).message}; service ${v.networkService} is ${svc?.state}${extra}`, cause: err });
    throw err;
  }
}

export const networkServiceConfigLifecycle: Lifecycle = kind.lifecycle({
  check: withDefaultExternalRef(kind, (v) => defaultExternalRef("nsc", [v.networkService, v.handover, v.cloudVlan ?? null])),

  async create(inputs, ctx) {
    const api = ixapiClient(ctx);
    const v = inputsOf(inputs);
    const dl = kind.deadline(v, "create", ctx);
    await checkAgainstService(api, v, dl);
    const created = await api.createNetworkServiceConfig(buildConfigRequest(v), { deadline: dl, progress: ctx.progress });
    const id = created.id;
    ctx.progress(`network service config ${id}`, `requested (handover ${v.handover}); waiting for production`);
    try {
      const last = (await waitProduction(ctx, id, v, dl)) ?? created;
      return { id, outs: toOutputs(last, v) };
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs, read: () => api.getNetworkServiceConfig(id), last: created, outputs: (x) => toOutputs(x, v), nextStep: RESUME_CREATE });
    }
  },

  async read(id, props, ctx) {
    const c = await ixapiClient(ctx).readNetworkServiceConfig(id);
    if (!c || isNetworkServiceConfigGone(c)) return undefined;
    // Read from the id alone (NetworkServiceConfig.get): the inputs a program would write.
    const old = props.networkService !== undefined ? inputsOf(props) : networkServiceConfigFromVendor(c);
    return { id, props: toOutputs(c, old), inputs: readBackInputs(c, old) };
  },

  async update(id, olds, news, ctx) {
    const api = ixapiClient(ctx);
    const v = inputsOf(news);
    const dl = kind.deadline(v, "update", ctx);
    const patch = mergePatch(inputsOf(olds), v);
    return updateStateful(
      CONFIG,
      api,
      {
        id,
        news,
        patch,
        check: async () => (patch.role_assignments ? checkAgainstService(api, v, dl) : undefined),
        send: (p) => api.patchNetworkServiceConfig(id, p, { deadline: dl }),
        wait: () => waitProduction(ctx, id, v, dl),
        outputs: (c) => toOutputs(c, v),
      },
      dl,
    );
  },

  async delete(id, props, ctx) {
    const api = ixapiClient(ctx);
    const v = inputsOf(props);
    const dl = kind.deadline(v, "delete", ctx);
    const current = await api.getNetworkServiceConfig(id, { deadline: dl });
    if (!current || isNetworkServiceConfigGone(current)) return;
    if (current.state !== "decommission_requested") {
      const r = await api.deleteNetworkServiceConfig(id, { deadline: dl });
      if (!r) return;
    }
    await waitDecommissioned(ctx, CONFIG, id, dl);
  },
});
