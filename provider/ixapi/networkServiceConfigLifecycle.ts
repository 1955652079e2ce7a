import { apiError } from "../core/errors";
import { diffByTable } from "../core/diff";
import { Lifecycle, Props, storedInputs } from "../core/lifecycle";
import { partialFailure } from "../core/partialFailure";
import { progress } from "../core/progress";
import { deadlineFor } from "../core/timeouts";
import { checkInputs } from "../core/validation";
import { WaitVerdict } from "../core/waiter";
import * as api from "./client";
import { networkServiceConfigFromVendor } from "./fromVendor";
import { DEFAULT_TIMEOUTS, defaultExternalRef, ixapiClock } from "./common";
import { statusText } from "./networkServiceMapping";
import { buildConfigRequest, isNetworkServiceConfigGone, mergePatch, NetworkServiceConfigInputs, readBackInputs, sameSlot, toOutputs, updateTable } from "./networkServiceConfigMapping";
import { waitConfig, waitGone } from "./waiters";

const KEYS = Object.keys(NetworkServiceConfigInputs.shape);

/** Stored outputs back to typed inputs, parsed by the schema; a missing roleAssignments is []. */
function asInputs(props: Props): NetworkServiceConfigInputs {
  const v = storedInputs(NetworkServiceConfigInputs, props, KEYS);
  return { ...v, roleAssignments: v.roleAssignments ?? [] };
}

/** The service's rules, before anything is written: handover within diversity, cloud_vlan per offering, required roles. */
async function checkAgainstService(v: NetworkServiceConfigInputs, deadline: number): Promise<void> {
  const svc = await api.getNetworkService(v.networkService, { deadline });
  if (!svc) throw apiError({ api: "ixapi", kind: "invalid", message: `networkService: network service ${v.networkService} does not exist` });
  const issues: string[] = [];
  const diversity = svc.diversity ?? 1;
  if (v.handover > diversity) issues.push(`handover: must be within 1..${diversity} (the service's diversity)`);
  const offering = svc.product_offering ? await api.getProductOffering(svc.product_offering, { deadline }) : undefined;
  if (offering?.provider_vlans === "single" && v.cloudVlan != null) issues.push(`cloudVlan: must be omitted (null): ${offering.id} provides a single VLAN`);
  const required = svc.nsc_required_contact_roles ?? [];
  if (required.length) {
    const assigned = await Promise.all(v.roleAssignments.map((id) => api.getRoleAssignment(id, { deadline })));
    const roles = new Set(assigned.filter(Boolean).map((a) => a!.role));
    const missing = required.filter((r) => !roles.has(r));
    if (missing.length) {
      const names = await Promise.all(missing.map(async (r) => (await api.getRole(r, { deadline }))?.name ?? r));
      issues.push(`roleAssignments: the service requires contacts with the roles ${names.join(", ")} (nscRequiredContactRoles); add an ixapi.RoleAssignment for each`);
    }
  }
  if (issues.length) throw apiError({ api: "ixapi", kind: "invalid", message: `the config does not fit network service ${v.networkService}:\n  ${issues.join("\n  ")}` });
}

function productionVerdict(serviceId: string): (c: api.NetworkServiceConfig) => Promise<WaitVerdict> | WaitVerdict {
  void serviceId;
  return (c) => {
    const st = c.state ?? "unknown";
    if (st === "production") return { done: true };
    if (st === "error") return { failed: `the exchange reports an error${statusText(c)}`, state: st };
    if (st === "decommission_requested" || st === "decommissioned" || st === "archived") return { failed: "the config is being decommissioned", state: st };
    return { done: false, state: st };
  };
}

/** Waits for production; an error is reported with the service's own status messages too. */
async function waitProduction(id: string, v: NetworkServiceConfigInputs, deadline: number) {
  try {
    return (await waitConfig(id, `network service config ${id} (handover ${v.handover})`, deadline, productionVerdict(v.networkService) as (c: api.NetworkServiceConfig) => WaitVerdict)).value;
  } catch (err) {
    const svc = await api.getNetworkService(v.networkService).catch(() => undefined);
    const extra = svc ? statusText(svc) : "";
    if (extra) throw apiError({ api: "ixapi", kind: "state", message: `${(err as Error).message}; service ${v.networkService} is ${svc?.state}${extra}` });
    throw err;
  }
}

export const networkServiceConfigLifecycle: Lifecycle = {
  check(_olds, news) {
    const r = checkInputs(NetworkServiceConfigInputs, news);
    if (!r.failures.length && !(r.inputs as Props).externalRef) {
      const v = r.inputs as NetworkServiceConfigInputs;
      (r.inputs as Props).externalRef = defaultExternalRef("nsc", [v.networkService, v.handover, v.cloudVlan ?? null]);
    }
    return r;
  },

  diff(_id, olds, news) {
    return diffByTable(updateTable, olds, news, { deleteBeforeReplace: (o, n) => sameSlot(o as Partial<NetworkServiceConfigInputs>, n as NetworkServiceConfigInputs) });
  },

  async create(inputs) {
    const v = asInputs(inputs);
    const deadline = deadlineFor(v.timeouts, "create", DEFAULT_TIMEOUTS, ixapiClock.current);
    await checkAgainstService(v, deadline);
    const created = await api.createNetworkServiceConfig(buildConfigRequest(v), { deadline });
    const id = created.id;
    progress(`network service config ${id}`, `requested (handover ${v.handover}); waiting for production`);
    try {
      const last = (await waitProduction(id, v, deadline)) ?? created;
      return { id, outs: toOutputs(last, v) };
    } catch (err) {
      const current = (await api.getNetworkServiceConfig(id).catch(() => undefined)) ?? created;
      throw partialFailure(id, inputs, toOutputs(current, v), err, "run `pulumi up` again to resume waiting, or `pulumi destroy` to remove it");
    }
  },

  async read(id, props) {
    const c = await api.readNetworkServiceConfig(id);
    if (!c || isNetworkServiceConfigGone(c)) return undefined;
    // Read from the id alone (NetworkServiceConfig.get): the inputs a program would write.
    const old = props.networkService !== undefined ? asInputs(props) : networkServiceConfigFromVendor(c);
    return { id, props: toOutputs(c, old), inputs: readBackInputs(c, old) };
  },

  async update(id, olds, news) {
    const v = asInputs(news);
    const deadline = deadlineFor(v.timeouts, "update", DEFAULT_TIMEOUTS, ixapiClock.current);
    const current = await api.getNetworkServiceConfig(id, { deadline });
    if (!current || isNetworkServiceConfigGone(current) || current.state === "decommission_requested") {
      throw apiError({ api: "ixapi", kind: "notFound", message: `network service config ${id} no longer exists; run \`pulumi refresh\`, then \`pulumi up\` to create it again` });
    }
    const patch = mergePatch(asInputs(olds), v);
    try {
      if (patch.role_assignments) await checkAgainstService(v, deadline);
      if (Object.keys(patch).length) await api.patchNetworkServiceConfig(id, patch, { deadline });
      const last = (await waitProduction(id, v, deadline)) ?? current;
      return { outs: toOutputs(last, v) };
    } catch (err) {
      const now = (await api.getNetworkServiceConfig(id).catch(() => undefined)) ?? current;
      throw partialFailure(id, news, toOutputs(now, v), err);
    }
  },

  async delete(id, props) {
    const v = asInputs(props);
    const deadline = deadlineFor(v.timeouts, "delete", DEFAULT_TIMEOUTS, ixapiClock.current);
    const current = await api.getNetworkServiceConfig(id, { deadline });
    if (!current || isNetworkServiceConfigGone(current)) return;
    if (current.state !== "decommission_requested") {
      const r = await api.deleteNetworkServiceConfig(id, { deadline });
      if (!r) return;
    }
    await waitGone(`decommission of network service config ${id}`, deadline, () => api.readNetworkServiceConfig(id), isNetworkServiceConfigGone);
  },
};
