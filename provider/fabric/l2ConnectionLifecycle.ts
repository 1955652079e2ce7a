import type { CallContext } from "../core/context";
import { createOnceByLookup } from "../core/createOnce";
import { apiError } from "../core/errors";
import { kindBasics, Lifecycle, Props } from "../core/lifecycle";
import { partialFailure } from "../core/partialFailure";
import { registerSecret } from "../core/redact";
import { formatFailures } from "../core/validation";
import { FabricClient, SearchCondition } from "./client";
import { isGone } from "./connectionMapping";
import { PortType } from "./constants";
import { EcxV3Client, V3Connection } from "./ecxV3Client";
import { ecxApi, fabricApi } from "./http";
import { providerSideDeletion } from "./serviceProfiles";
import {
  buildV3Request,
  inputsFromVendor,
  isSecondaryNameOnlyChange,
  L2ConnectionInputs,
  L2Leg,
  legAction,
  isLegStatusGone,
  legGone,
  LegIds,
  legUpdates,
  legVerdict,
  readBackInputs,
  ResolvedTypes,
  reusesPortAndVlan,
  tagIssues,
  toOutputs,
  updateTable,
} from "./l2ConnectionMapping";
import { isProviderSideDeletion, waitLegDeprovisioned, waitLegProvisioned, waitLegUpdated } from "./waiters";

const KIND = "fabric:L2Connection";
/** Its inputs, default timeouts (the resource class's description states them) and update rules. */
const kind = kindBasics({ schema: L2ConnectionInputs, timeouts: { create: "30m", update: "20m", delete: "30m" }, updateTable, deleteBeforeReplace: reusesPortAndVlan });

function idsOf(id: string, props: Props): LegIds {
  const s = typeof props.secondaryId === "string" && props.secondaryId ? props.secondaryId : undefined;
  return { primaryId: id, ...(s ? { secondaryId: s } : {}) };
}

function typesOf(props: Props): ResolvedTypes {
  const r = (props.resolvedPortTypes ?? {}) as Record<string, { a?: string; z?: string }>;
  const leg = (x?: { a?: string; z?: string }) => (x ? { a: (x.a || undefined) as PortType | undefined, z: (x.z || undefined) as PortType | undefined } : undefined);
  return { primary: leg(r.primary), secondary: leg(r.secondary) };
}

/** Port types from the inputs, or looked up from Equinix; then the full tagging table, before any write. */
async function resolvePortTypes(v4: FabricClient, v: L2ConnectionInputs, dl: number): Promise<ResolvedTypes> {
  const lookup = async (uuid: string | undefined, given: PortType | undefined, field: string): Promise<PortType | undefined> => {
    if (!uuid) return undefined;
    if (given) return given;
    const port = await v4.getPort(uuid, { deadline: dl });
    if (!port) throw apiError({ api: "equinix", kind: "invalid", message: `${field}: port ${uuid} does not exist or is not visible to these credentials` });
    const t = port.encapsulation?.type?.toUpperCase();
    if (t !== "DOT1Q" && t !== "QINQ") throw apiError({ api: "equinix", kind: "invalid", message: `${field}: port ${uuid} has encapsulation ${t ?? "unknown"}; only DOT1Q and QINQ ports are supported` });
    return t;
  };
  const leg = async (l: L2Leg, prefix: string) => ({
    a: await lookup(l.portUuid, l.portType, `${prefix}portUuid`),
    z: await lookup(l.zSidePortUuid, l.zSidePortType, `${prefix}zSidePortUuid`),
  });
  const types: ResolvedTypes = { primary: await leg(v, ""), ...(v.secondary ? { secondary: await leg(v.secondary, "secondary.") } : {}) };
  const issues = tagIssues(v, types);
  if (issues.length) {
    throw new Error(formatFailures(KIND, issues.map((i) => ({ property: i.path.join("."), reason: `${i.message} (port type looked up from Equinix)` }))));
  }
  return types;
}

/** A leg this create may already have made (its answer was lost): Fabric v4 search by name and port. */
async function findLeg(v4: FabricClient, name: string, portUuid: string, dl: number): Promise<string | undefined> {
  const conditions: SearchCondition[] = [
    { property: "/name", operator: "=", values: [name] },
    { property: "/aSide/accessPoint/port/uuid", operator: "=", values: [portUuid] },
  ];
  for await (const c of v4.searchConnections(conditions, 50, { deadline: dl })) {
    if (!isGone(c)) return c.uuid;
  }
  return undefined;
}

/**
 * POST once; when the answer is lost (dropped connection, 500/502/504), look both legs up (Fabric v4
 * search by name and port) before sending again, so a retry never makes a second pair.
 */
function postOnce(ctx: CallContext, v: L2ConnectionInputs, body: Record<string, unknown>, dl: number): Promise<LegIds> {
  const v4 = fabricApi(ctx);
  return createOnceByLookup<LegIds>({
    what: `connection ${v.name}`,
    post: async () => {
      const r = await ecxApi(ctx).createL2Connection(body, { deadline: dl });
      return { primaryId: r.primaryConnectionId, ...(r.secondaryConnectionId ? { secondaryId: r.secondaryConnectionId } : {}) };
    },
    find: async () => {
      const primaryId = await findLeg(v4, v.name, v.portUuid, dl);
      if (!primaryId) return undefined;
      const secondaryId = v.secondary ? await findLeg(v4, v.secondary.name, v.secondary.portUuid, dl) : undefined;
      return { primaryId, ...(secondaryId ? { secondaryId } : {}) };
    },
    idOf: (ids) => `${ids.primaryId}${ids.secondaryId ? ` and ${ids.secondaryId}` : ""}`,
    progress: ctx.progress,
  });
}

async function readLegs(v3: EcxV3Client, ids: LegIds): Promise<{ p?: V3Connection; s?: V3Connection }> {
  const [p, s] = await Promise.all([v3.readL2Connection(ids.primaryId), ids.secondaryId ? v3.readL2Connection(ids.secondaryId) : undefined]);
  return { p, s };
}

/** Both legs provisioned (or waiting for the provider); returns them and what the user must do, if anything. */
async function waitBoth(ctx: CallContext, ids: LegIds, v: L2ConnectionInputs, dl: number): Promise<{ p: V3Connection; s?: V3Connection; pendingAction: string }> {
  const toProfile = !v.zSidePortUuid;
  const [p, s] = await Promise.all([
    waitLegProvisioned(ctx, ids.primaryId, toProfile, dl, "primary"),
    ids.secondaryId ? waitLegProvisioned(ctx, ids.secondaryId, toProfile, dl, "secondary") : Promise.resolve(undefined),
  ]);
  const pendingAction = pendingActionOf([p, s], v);
  if (pendingAction) ctx.progress(`connection ${v.name}`, `PROVISIONED/PENDING_APPROVAL: ${pendingAction}`);
  return { p, s, pendingAction };
}

/** What the user must do for these legs now, "" when nothing (legs waiting for the provider's approval). */
function pendingActionOf(legs: Array<V3Connection | undefined>, v: L2ConnectionInputs): string {
  const toProfile = !v.zSidePortUuid;
  return legs
    .filter((c): c is V3Connection => !!c && !legGone(c))
    .filter((c) => {
      const verdict = legVerdict(c, toProfile);
      return "done" in verdict && verdict.done && !!verdict.pendingAction;
    })
    .map((c) => legAction(c, v))
    .join("; ");
}

function protectSecrets(v: Partial<L2ConnectionInputs> | Props): void {
  registerSecret(v.authorizationKey);
}

export const l2ConnectionLifecycle: Lifecycle = kind.lifecycle({
  diff(id, olds, news) {
    const n = news as L2ConnectionInputs;
    const d = kind.diff(id, olds, news);
    if (d.replaces.includes("secondary") && isSecondaryNameOnlyChange(olds.secondary, n.secondary)) {
      d.replaces = d.replaces.filter((k) => k !== "secondary");
    }
    // A leg deleted outside Pulumi (seen by refresh): ECX v3 cannot re-create one leg of a pair, so the pair is replaced.
    for (const key of ["primaryStatus", "secondaryStatus"]) {
      if (isLegStatusGone(olds[key])) {
        d.replaces.push(key);
        d.changed.push(key);
        d.changes = true;
      }
    }
    d.deleteBeforeReplace = d.replaces.length > 0 && reusesPortAndVlan(olds as Partial<L2ConnectionInputs>, n);
    return d;
  },

  async create(inputs, ctx) {
    const v3 = ecxApi(ctx);
    const { v, dl } = kind.operation(inputs, "create", ctx);
    protectSecrets(v);
    const types = await resolvePortTypes(fabricApi(ctx), v, dl);
    const ids = await postOnce(ctx, v, buildV3Request(v), dl);
    if (v.secondary && !ids.secondaryId) {
      const legs = await readLegs(v3, ids).catch(() => ({ p: undefined, s: undefined }));
      throw partialFailure(ids.primaryId, inputs, toOutputs(ids, legs.p, legs.s, v, types), new Error("Equinix created the primary leg but returned no secondary connection id"), "run `pulumi destroy` and create the pair again");
    }
    ctx.progress(`connection ${v.name}`, `created ${ids.primaryId}${ids.secondaryId ? ` and ${ids.secondaryId}` : ""}; waiting for Equinix to provision ${ids.secondaryId ? "both legs" : "it"}`);
    try {
      const { p, s, pendingAction } = await waitBoth(ctx, ids, v, dl);
      return { id: ids.primaryId, outs: toOutputs(ids, p, s, v, types, pendingAction) };
    } catch (err) {
      const legs = await readLegs(v3, ids).catch(() => ({ p: undefined, s: undefined }));
      throw partialFailure(ids.primaryId, inputs, toOutputs(ids, legs.p, legs.s, v, types), err, "run `pulumi up` again to resume waiting, or `pulumi destroy` to remove both legs");
    }
  },

  async read(id, props, ctx) {
    const v3 = ecxApi(ctx);
    protectSecrets(props);
    // A state names its secondary leg (secondaryId, "" for none); without one (a read from the id alone,
    // or an adoption), the primary's redundantUUID names it.
    const known = typeof props.secondaryId === "string";
    const ids: LegIds = known ? idsOf(id, props) : { primaryId: id };
    let { p, s } = await readLegs(v3, ids);
    if (!known && p && !legGone(p) && p.redundantUUID) {
      if (p.redundancyType?.toLowerCase() === "secondary") {
        throw apiError({ api: "equinix", kind: "invalid", message: `connection ${id} is the secondary leg of a redundant pair: name the pair by its primary leg, ${p.redundantUUID}` });
      }
      ids.secondaryId = p.redundantUUID;
      s = await v3.readL2Connection(p.redundantUUID);
    }
    const pGone = legGone(p);
    const sGone = !ids.secondaryId || legGone(s);
    if (pGone && sGone) return undefined;
    // Inputs of a state (or a program), or, read from the id alone, the ones a program would write.
    const old = props.name !== undefined && props.portUuid !== undefined ? kind.inputs(props) : inputsFromVendor(p!, s);
    protectSecrets(old);
    const inputs = readBackInputs(p, s, old);
    // Recomputed from the legs as they are now (a stored one goes stale once the provider accepts).
    const outs = toOutputs(ids, p, s, old, typesOf(props), pendingActionOf([p, s], inputs));
    return { id, props: outs, inputs };
  },

  async update(id, olds, news, ctx) {
    const v3 = ecxApi(ctx);
    const v = kind.inputs(news);
    protectSecrets(v);
    const ids = idsOf(id, olds);
    const types = typesOf(olds);
    const dl = kind.deadline(v, "update", ctx);
    let legs = await readLegs(v3, ids);
    if (legGone(legs.p) || (ids.secondaryId && legGone(legs.s))) {
      throw apiError({ api: "equinix", kind: "notFound", message: `a leg of connection ${id} no longer exists; run \`pulumi refresh\`, then \`pulumi up\` replaces the pair` });
    }
    let pendingAction = typeof olds.pendingAction === "string" ? olds.pendingAction : "";
    try {
      // A create that failed while waiting (init errors) resumes here.
      const r = await waitBoth(ctx, ids, v, dl);
      legs = { p: r.p, s: r.s };
      pendingAction = r.pendingAction;
      const patches = legUpdates(kind.inputs(olds), v);
      for (const [leg, uuid] of [["primary", ids.primaryId], ["secondary", ids.secondaryId]] as const) {
        const body = patches[leg];
        if (!body || !uuid) continue;
        ctx.progress(`connection ${uuid}`, `update ${Object.keys(body).join(", ")}`);
        await v3.updateL2Connection(uuid, body, { deadline: dl });
        await waitLegUpdated(ctx, uuid, dl);
      }
      legs = await readLegs(v3, ids);
    } catch (err) {
      const latest = await readLegs(v3, ids).catch(() => legs);
      throw partialFailure(id, news, toOutputs(ids, latest.p, latest.s, kind.inputs(olds), types, pendingAction), err, "run `pulumi up` again to retry the update");
    }
    return { outs: toOutputs(ids, legs.p, legs.s, v, types, pendingAction) };
  },

  async delete(id, props, ctx) {
    const v3 = ecxApi(ctx);
    const v = kind.inputs(props);
    const ids = idsOf(id, props);
    const dl = kind.deadline(v, "delete", ctx);
    // Both legs, even when one is already gone (IC-LAYER2-4021): Terraform skipped the secondary then.
    const legs = [ids.primaryId, ...(ids.secondaryId ? [ids.secondaryId] : [])];
    await Promise.all(
      legs.map(async (uuid) => {
        try {
          // "gone" (already deleted) may still be deprovisioning: the wait ends at once when it is not.
          await v3.deleteL2Connection(uuid, { deadline: dl });
          await waitLegDeprovisioned(ctx, uuid, dl);
        } catch (err) {
          if (!isProviderSideDeletion(err, v.profileUuid)) throw err;
          const { provider, hint } = providerSideDeletion(v.profileUuid, undefined);
          ctx.progress(`connection ${uuid}`, `${hint}; waiting for it`);
          await waitLegDeprovisioned(ctx, uuid, dl, `waiting for ${provider}`);
        }
      }),
    );
  },
});
