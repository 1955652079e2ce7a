import type { CallContext } from "../core/context";
import { createOnceByLookup } from "../core/createOnce";
import { apiError } from "../core/errors";
import { kindBasics, Lifecycle } from "../core/lifecycle";
import { partialFailureNow, RESUME_CREATE, RETRY_UPDATE } from "../core/partialFailure";
import { registerSecret } from "../core/redact";
import { formatFailures } from "../core/validation";
import { FabricClient, FabricConnection, SearchCondition } from "./client";
import {
  approvalAction,
  buildPostRequest,
  inputsFromVendor,
  ConnectionInputs,
  isGone,
  isVlanTagOnlyChange,
  patchOperations,
  provisioningVerdict,
  readBackInputs,
  ResolvedPortTypes,
  reusesPortAndVlan,
  tagIssues,
  toOutputs,
  updateTable,
} from "./connectionMapping";
import { PortType } from "./constants";
import { fabricApi } from "./http";
import { providerSideDeletion } from "./serviceProfiles";
import { isProviderSideDeletion, waitChangeCompleted, waitDeprovisioned, waitProvisioned } from "./waiters";

/** Its inputs, default timeouts (the resource class's description states them) and update rules. */
const kind = kindBasics({ schema: ConnectionInputs, timeouts: { create: "30m", update: "20m", delete: "30m" }, updateTable, deleteBeforeReplace: reusesPortAndVlan });

function protectSecrets(v: ConnectionInputs): void {
  registerSecret(v.zSide.serviceProfile?.authenticationKey);
}

/** Port types from the inputs, or looked up from Equinix; then the full tagging rule, before any write. */
async function resolvePortTypes(api: FabricClient, v: ConnectionInputs, dl: number): Promise<ResolvedPortTypes> {
  const lookup = async (end: { uuid: string; type?: PortType } | undefined, field: string): Promise<PortType | undefined> => {
    if (!end) return undefined;
    if (end.type) return end.type;
    const port = await api.getPort(end.uuid, { deadline: dl });
    if (!port) throw apiError({ api: "equinix", kind: "invalid", message: `${field}.uuid: port ${end.uuid} does not exist or is not visible to these credentials` });
    const t = port.encapsulation?.type;
    if (t !== "DOT1Q" && t !== "QINQ") {
      throw apiError({ api: "equinix", kind: "invalid", message: `${field}.uuid: port ${end.uuid} has encapsulation ${t ?? "unknown"}; only DOT1Q and QINQ ports are supported` });
    }
    return t;
  };
  const types = { a: await lookup(v.aSide.port, "aSide.port"), z: await lookup(v.zSide.port, "zSide.port") };
  const issues = tagIssues(
    v.aSide.port ? { ...v.aSide.port, type: types.a } : undefined,
    v.zSide.port ? { ...v.zSide.port, type: types.z } : undefined,
    !!v.zSide.serviceProfile,
  );
  if (issues.length) {
    throw new Error(formatFailures("fabric:Connection", issues.map((i) => ({ property: i.path.join("."), reason: `${i.message} (port type looked up from Equinix)` }))));
  }
  return types;
}

/** Finds a connection this create may already have made (its answer was lost). */
async function findExisting(api: FabricClient, v: ConnectionInputs, dl: number): Promise<FabricConnection | undefined> {
  // The name and the A side: a same-named connection from another port, token, router or device is
  // someone else's.
  const conditions: SearchCondition[] = [{ property: "/name", operator: "=", values: [v.name] }];
  const a = v.aSide;
  if (a.port) conditions.push({ property: "/aSide/accessPoint/port/uuid", operator: "=", values: [a.port.uuid] });
  if (a.serviceToken) conditions.push({ property: "/aSide/serviceToken/uuid", operator: "=", values: [a.serviceToken.uuid] });
  if (a.cloudRouter) conditions.push({ property: "/aSide/accessPoint/router/uuid", operator: "=", values: [a.cloudRouter.uuid] });
  if (a.virtualDevice) conditions.push({ property: "/aSide/accessPoint/virtualDevice/uuid", operator: "=", values: [a.virtualDevice.uuid] });
  for await (const c of api.searchConnections(conditions, 50, { deadline: dl })) {
    if (isGone(c)) continue;
    const lp = c.aSide?.accessPoint?.linkProtocol;
    const port = a.port;
    if (port && lp && (lp.vlanTag ?? lp.vlanSTag) !== (port.vlanTag ?? port.vlanSTag)) continue;
    const iface = c.aSide?.accessPoint?.interface?.id;
    if (a.virtualDevice?.interfaceId !== undefined && iface !== undefined && iface !== a.virtualDevice.interfaceId) continue;
    return c;
  }
  return undefined;
}

/**
 * POST once; when the answer is lost (dropped connection, 500/502/504), look the connection up by name,
 * port and VLAN before sending again, so a retry never makes a second connection.
 */
function postOnce(ctx: CallContext, api: FabricClient, v: ConnectionInputs, body: unknown, dl: number): Promise<FabricConnection> {
  return createOnceByLookup({
    what: `connection ${v.name}`,
    post: () => api.createConnection(body, { deadline: dl }),
    find: () => findExisting(api, v, dl),
    idOf: (c) => c.uuid,
    progress: ctx.progress,
  });
}

export const connectionLifecycle: Lifecycle = kind.lifecycle({
  diff(id, olds, news) {
    const v = news as ConnectionInputs;
    const d = kind.diff(id, olds, news);
    // A DOT1Q vlanTag change is patched in place; any other A-side change replaces.
    if (d.replaces.includes("aSide") && v.aSide && isVlanTagOnlyChange(olds.aSide, v.aSide)) {
      d.replaces = d.replaces.filter((k) => k !== "aSide");
      d.deleteBeforeReplace = d.replaces.length > 0 && d.deleteBeforeReplace;
    }
    // A SECONDARY stays in the group it was created in. When its primary is re-created (say, after it
    // was deleted outside Pulumi), Equinix gives the new primary a new group; replacing the healthy
    // secondary for that would take down the surviving path while the primary is being repaired. The
    // new group is only recorded (an update that sends nothing; see update()).
    if (d.replaces.includes("redundancy") && isGroupOnlyChangeOfSecondary(olds.redundancy, v.redundancy)) {
      d.replaces = d.replaces.filter((k) => k !== "redundancy");
      d.deleteBeforeReplace = d.replaces.length > 0 && d.deleteBeforeReplace;
    }
    return d;
  },

  async create(inputs, ctx) {
    const api = fabricApi(ctx);
    const { v, dl } = kind.operation(inputs, "create", ctx);
    protectSecrets(v);
    const types = await resolvePortTypes(api, v, dl);
    const created = await postOnce(ctx, api, v, buildPostRequest(v, types), dl);
    const id = created.uuid;
    ctx.progress(`connection ${v.name}`, `created ${id}; waiting for Equinix to provision it`);
    let last = created;
    try {
      last = (await waitProvisioned(ctx, id, !!v.zSide.serviceProfile, dl)).value ?? created;
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs, read: () => api.getConnection(id), last, outputs: (x) => toOutputs(x, v), nextStep: RESUME_CREATE });
    }
    reportPending(ctx, last, v);
    return { id, outs: toOutputs(last, v) };
  },

  async read(id, props, ctx) {
    const stored = props.aSide !== undefined && props.zSide !== undefined;
    if (stored) protectSecrets(kind.inputs(props));
    const c = await fabricApi(ctx).readConnection(id);
    if (!c || isGone(c)) return undefined;
    // The inputs of a state (or of a program adopting the connection), or, read from the id alone
    // (Connection.get), the ones a program would write.
    const old = stored ? kind.inputs(props) : inputsFromVendor(c);
    protectSecrets(old);
    return { id, props: toOutputs(c, old), inputs: readBackInputs(c, old) };
  },

  async update(id, olds, news, ctx) {
    const api = fabricApi(ctx);
    const { v, dl } = kind.operation(news, "update", ctx);
    protectSecrets(v);
    let current = await api.getConnection(id, { deadline: dl });
    if (!current || isGone(current)) {
      throw apiError({ api: "equinix", kind: "notFound", message: `connection ${id} no longer exists; run \`pulumi refresh\` to drop it from the state, then \`pulumi up\` to create it again` });
    }
    try {
      // A create that failed while waiting (init errors) resumes here.
      const toProfile = !!v.zSide.serviceProfile;
      const verdict = provisioningVerdict(current, toProfile);
      if (!("done" in verdict && verdict.done)) {
        current = (await waitProvisioned(ctx, id, toProfile, dl)).value ?? current;
      }
      if (isGroupOnlyChangeOfSecondary(olds.redundancy, v.redundancy)) {
        ctx.progress(
          `connection ${id}`,
          `recorded redundancy group ${v.redundancy!.group}; Equinix keeps this SECONDARY in group ${current.redundancy?.group ?? olds.redundancy.group} (a connection cannot change groups): replace it deliberately (pulumi up --replace) to pair it with the new primary`,
        );
      }
      for (const op of patchOperations(olds as Partial<ConnectionInputs>, v)) {
        ctx.progress(`connection ${id}`, `${op.op} ${op.path}`);
        const patched = await api.patchConnection(id, [op], { deadline: dl });
        current = (await waitChangeCompleted(ctx, id, dl, patched.change?.uuid)).value ?? patched;
      }
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs: news, read: () => api.getConnection(id), last: current, outputs: (x) => toOutputs(x, kind.inputs(olds)), nextStep: RETRY_UPDATE });
    }
    reportPending(ctx, current, v);
    return { outs: toOutputs(current, v) };
  },

  async delete(id, props, ctx) {
    const api = fabricApi(ctx);
    const { v, dl } = kind.operation(props, "delete", ctx);
    try {
      // "gone" includes EQ-3142509 (already deprovisioning: a retried DELETE whose first answer was lost,
      // or the Alibaba side deleted first): the port and VLAN stay taken until DEPROVISIONED, so the wait
      // runs either way (a 404 or DEPROVISIONED ends it at the first poll).
      await api.deleteConnection(id, { deadline: dl });
      await waitDeprovisioned(ctx, id, dl);
    } catch (err) {
      if (!isProviderSideDeletion(err, v.zSide.serviceProfile?.uuid)) throw err;
      const c = await api.getConnection(id, { deadline: dl });
      if (!c || isGone(c)) return;
      const { provider, hint } = providerSideDeletion(c.zSide?.accessPoint?.profile?.uuid, c.zSide?.accessPoint?.providerConnectionId);
      ctx.progress(`connection ${id}`, `${hint}; waiting for it`);
      await waitDeprovisioned(ctx, id, dl, `deletion of connection ${id} from ${provider}'s side`, `waiting for ${provider}`);
    }
  },
});

function isGroupOnlyChangeOfSecondary(o: { priority?: string; group?: string } | undefined, n: { priority?: string; group?: string } | undefined): boolean {
  return o?.priority === "SECONDARY" && n?.priority === "SECONDARY" && !!o.group && o.group !== n.group;
}

function reportPending(ctx: CallContext, c: FabricConnection, v: ConnectionInputs): void {
  const verdict = provisioningVerdict(c, !!v.zSide.serviceProfile);
  if ("done" in verdict && verdict.done && verdict.pendingAction) {
    ctx.progress(`connection ${c.uuid}`, `PROVISIONED/PENDING_APPROVAL: ${approvalAction(c)}`);
  }
}
