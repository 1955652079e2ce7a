import { z } from "zod";
import { ChangeRule, sameValue } from "../core/diff";
import { keptTimeouts, timeoutsSchema } from "../core/timeouts";
import { email, fail } from "../core/validation";
import { defined } from "../core/outputs";
import { FabricConnection, JsonPatchOp } from "./client";
import { FABRIC_BANDWIDTHS, FABRIC_VLAN_MAX, FABRIC_VLAN_MIN, PORT_TYPES, PortType, TERM_LENGTHS } from "./constants";
import { profileIssues, serviceProfile } from "./serviceProfiles";

const vlan = z
  .number()
  .int("must be a whole number")
  .min(FABRIC_VLAN_MIN, `must be between ${FABRIC_VLAN_MIN} and ${FABRIC_VLAN_MAX} (Fabric v4 VLAN range)`)
  .max(FABRIC_VLAN_MAX, `must be between ${FABRIC_VLAN_MIN} and ${FABRIC_VLAN_MAX} (Fabric v4 VLAN range)`);
const uuid = z.string().min(1, "is required");

const PortEnd = z
  .object({
    uuid,
    type: z.enum(PORT_TYPES).optional(),
    vlanTag: vlan.optional(),
    vlanSTag: vlan.optional(),
    vlanCTag: vlan.optional(),
  })
  .strict();

const ASide = z
  .object({
    port: PortEnd.optional(),
    serviceToken: z.object({ uuid }).strict().optional(),
    cloudRouter: z.object({ uuid }).strict().optional(),
    virtualDevice: z.object({ uuid, interfaceId: z.number().int().min(0).optional() }).strict().optional(),
  })
  .strict();

const ZSide = z
  .object({
    serviceProfile: z
      .object({
        uuid,
        metroCode: z.string().regex(/^[A-Z0-9]{2}$/, "must be a two-letter Equinix metro code such as SV or HK"),
        sellerRegion: z.string().min(1).optional(),
        authenticationKey: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    port: PortEnd.optional(),
  })
  .strict();

export const ConnectionInputs = z
  .object({
    name: z
      .string()
      .min(1, "is required")
      .max(50, "must be at most 50 characters long")
      .regex(/^[A-Za-z0-9_.-]+$/, "may contain only letters, digits, '-', '_' and '.'"),
    type: z.enum(["EVPL_VC", "IP_VC"]).optional(),
    bandwidth: z
      .number()
      .int()
      .refine((b) => (FABRIC_BANDWIDTHS as readonly number[]).includes(b), {
        message: `must be one of ${FABRIC_BANDWIDTHS.join(", ")} (Mbps)`,
      }),
    aSide: ASide,
    zSide: ZSide,
    notifications: z.array(email).min(1, "must list at least one email address").max(12, "must have at most 12 email addresses"),
    purchaseOrderNumber: z.string().min(1).max(50).optional(),
    termLength: z
      .number()
      .int()
      .refine((t) => (TERM_LENGTHS as readonly number[]).includes(t), { message: `must be one of ${TERM_LENGTHS.join(", ")} (months)` })
      .optional(),
    redundancy: z
      .object({ priority: z.enum(["PRIMARY", "SECONDARY"]), group: z.string().min(1).optional() })
      .strict()
      .optional(),
    description: z.string().max(250).optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const aKinds = (["port", "serviceToken", "cloudRouter", "virtualDevice"] as const).filter((k) => v.aSide[k] !== undefined);
    if (aKinds.length !== 1) {
      fail(ctx, ["aSide"], `must set exactly one of port, serviceToken, cloudRouter or virtualDevice (got ${aKinds.length ? aKinds.join(" and ") : "none"})`);
    }
    const zKinds = (["serviceProfile", "port"] as const).filter((k) => v.zSide[k] !== undefined);
    if (zKinds.length !== 1) {
      fail(ctx, ["zSide"], `must set exactly one of serviceProfile or port (got ${zKinds.length ? zKinds.join(" and ") : "none"})`);
    }
    if (v.aSide.cloudRouter && v.type === "EVPL_VC") {
      fail(ctx, ["type"], "must be IP_VC (or omitted) when aSide.cloudRouter is set: cloud router connections are IP virtual connections");
    }
    if (!v.aSide.cloudRouter && v.type === "IP_VC") {
      fail(ctx, ["type"], "IP_VC is only for aSide.cloudRouter; use EVPL_VC (or omit type) for ports, service tokens and devices");
    }
    if (v.redundancy?.priority === "SECONDARY" && !v.redundancy.group) {
      fail(ctx, ["redundancy", "group"], "is required for a SECONDARY connection: pass the primary's redundancyGroup output");
    }
    if (v.redundancy?.priority === "PRIMARY" && v.redundancy.group) {
      fail(ctx, ["redundancy", "group"], "must be omitted for a PRIMARY connection: Equinix assigns the group to the primary");
    }
    const profile = v.zSide.serviceProfile;
    const facts = serviceProfile(profile?.uuid);
    if (profile && facts) {
      const issues = profileIssues(facts, { metroCode: profile.metroCode, mbps: v.bandwidth, authenticationKey: profile.authenticationKey });
      if (issues.metroCode) fail(ctx, ["zSide", "serviceProfile", "metroCode"], issues.metroCode);
      if (issues.bandwidth) fail(ctx, ["bandwidth"], issues.bandwidth);
      if (issues.authenticationKey) fail(ctx, ["zSide", "serviceProfile", "authenticationKey"], issues.authenticationKey);
    }
    for (const issue of tagIssues(v.aSide.port, v.zSide.port, !!v.zSide.serviceProfile)) fail(ctx, issue.path, issue.message);
  });

export type ConnectionInputs = z.output<typeof ConnectionInputs>;
type PortEndInput = z.output<typeof PortEnd>;

export interface TagIssue {
  path: Array<string | number>;
  message: string;
}

/**
 * The tagging rules of Equinix (port to port: the ECX guide "Connect to Myself"; profiles: "Alibaba Cloud Express Connect"):
 * a DOT1Q port takes vlanTag only; a QINQ port takes vlanSTag, and vlanCTag when the other end is
 * single-tagged (a DOT1Q port or a service profile such as Alibaba's); a QINQ Z-side port reached from a
 * DOT1Q port needs its vlanCTag. Where a port's type is not given, only the shape is checked here; the
 * full rule runs at create once the type is looked up, before anything is written.
 */
export function tagIssues(a: PortEndInput | undefined, z: PortEndInput | undefined, zIsProfile: boolean): TagIssue[] {
  const issues: TagIssue[] = [];
  const check = (end: PortEndInput, path: string[], otherType: PortType | undefined, otherSingleTagged: boolean) => {
    if (end.vlanTag !== undefined && end.vlanSTag !== undefined) {
      issues.push({ path: [...path, "vlanTag"], message: "set vlanTag (DOT1Q port) or vlanSTag/vlanCTag (QINQ port), not both" });
      return;
    }
    if (!end.type) {
      if (end.vlanTag === undefined && end.vlanSTag === undefined) {
        issues.push({ path: [...path, "vlanTag"], message: "is required: vlanTag for a DOT1Q port, or vlanSTag (and vlanCTag) for a QINQ port" });
      }
      if (end.vlanCTag !== undefined && end.vlanSTag === undefined) {
        issues.push({ path: [...path, "vlanSTag"], message: "is required with vlanCTag: a QINQ port takes the outer tag vlanSTag" });
      }
      return;
    }
    if (end.type === "DOT1Q") {
      if (end.vlanTag === undefined) issues.push({ path: [...path, "vlanTag"], message: "is required for a DOT1Q port" });
      if (end.vlanSTag !== undefined) issues.push({ path: [...path, "vlanSTag"], message: "applies to QINQ ports only; a DOT1Q port takes vlanTag" });
      if (end.vlanCTag !== undefined) issues.push({ path: [...path, "vlanCTag"], message: "applies to QINQ ports only; a DOT1Q port takes vlanTag" });
    } else {
      if (end.vlanTag !== undefined) issues.push({ path: [...path, "vlanTag"], message: "applies to DOT1Q ports only; a QINQ port takes vlanSTag and vlanCTag" });
      if (end.vlanSTag === undefined) issues.push({ path: [...path, "vlanSTag"], message: "is required for a QINQ port" });
      if (end.vlanCTag === undefined && otherSingleTagged) {
        const other = otherType === "DOT1Q" ? "the other end is a DOT1Q port" : "the other end is a service profile (single-tagged)";
        issues.push({ path: [...path, "vlanCTag"], message: `is required for a QINQ port when ${other}` });
      }
    }
  };
  if (a) check(a, ["aSide", "port"], z?.type, zIsProfile || z?.type === "DOT1Q");
  if (z) check(z, ["zSide", "port"], a?.type, a?.type === "DOT1Q");
  return issues;
}

function linkProtocol(end: PortEndInput, type: PortType) {
  return type === "DOT1Q"
    ? { type, vlanTag: end.vlanTag }
    : { type, vlanSTag: end.vlanSTag, ...(end.vlanCTag !== undefined ? { vlanCTag: end.vlanCTag } : {}) };
}

/** The port types in use, from the inputs or looked up at create. */
export interface ResolvedPortTypes {
  a?: PortType;
  z?: PortType;
}

export function connectionType(v: ConnectionInputs): "EVPL_VC" | "IP_VC" {
  return v.type ?? (v.aSide.cloudRouter ? "IP_VC" : "EVPL_VC");
}

/** The ConnectionPostRequest for these inputs. */
export function buildPostRequest(v: ConnectionInputs, types: ResolvedPortTypes): Record<string, unknown> {
  const aSide = v.aSide.serviceToken
    ? { serviceToken: { uuid: v.aSide.serviceToken.uuid } }
    : v.aSide.cloudRouter
      ? { accessPoint: { type: "CLOUD_ROUTER", router: { uuid: v.aSide.cloudRouter.uuid } } }
      : v.aSide.virtualDevice
        ? {
            accessPoint: {
              type: "VD",
              virtualDevice: { type: "EDGE", uuid: v.aSide.virtualDevice.uuid },
              ...(v.aSide.virtualDevice.interfaceId !== undefined ? { interface: { type: "NETWORK", id: v.aSide.virtualDevice.interfaceId } } : {}),
            },
          }
        : { accessPoint: { type: "COLO", port: { uuid: v.aSide.port!.uuid }, linkProtocol: linkProtocol(v.aSide.port!, types.a!) } };
  const sp = v.zSide.serviceProfile;
  const zSide = sp
    ? {
        accessPoint: {
          type: "SP",
          profile: { type: "L2_PROFILE", uuid: sp.uuid },
          location: { metroCode: sp.metroCode },
          ...(sp.sellerRegion ? { sellerRegion: sp.sellerRegion } : {}),
          ...(sp.authenticationKey ? { authenticationKey: sp.authenticationKey } : {}),
        },
      }
    : { accessPoint: { type: "COLO", port: { uuid: v.zSide.port!.uuid }, linkProtocol: linkProtocol(v.zSide.port!, types.z!) } };
  const order: Record<string, unknown> = {};
  if (v.purchaseOrderNumber) order.purchaseOrderNumber = v.purchaseOrderNumber;
  if (v.termLength) order.termLength = v.termLength;
  return {
    type: connectionType(v),
    name: v.name,
    bandwidth: v.bandwidth,
    notifications: [{ type: "ALL", emails: v.notifications }],
    ...(Object.keys(order).length ? { order } : {}),
    ...(v.redundancy ? { redundancy: { priority: v.redundancy.priority, ...(v.redundancy.group ? { group: v.redundancy.group } : {}) } } : {}),
    ...(v.description ? { description: v.description } : {}),
    aSide,
    zSide,
  };
}

/** Equinix statuses that end a create as failed. */
const FAILED_EQUINIX = new Set(["REJECTED", "REJECTED_ACK", "AUTO_APPROVAL_FAILED", "PENDING_PROVIDER_VLAN_ERROR", "CANCELLED", "DEPROVISIONED", "DELETED", "DEPROVISIONING", "PENDING_DELETE", "NOT_DEPROVISIONED"]);
const FAILED_PROVIDER = new Set(["REJECTED", "FAILED", "ERROR", "DEPROVISIONED", "DEPROVISIONING", "DELETING", "PENDING DELETE"]);
/** Equinix statuses of a connection it has removed. */
const GONE = new Set(["DEPROVISIONED", "DELETED"]);

export function statusOf(c: FabricConnection): { equinix: string; provider: string; state: string } {
  return {
    equinix: c.operation?.equinixStatus ?? "UNKNOWN",
    provider: c.operation?.providerStatus ?? "UNKNOWN",
    state: c.state ?? "UNKNOWN",
  };
}

/** A connection Equinix has removed (refresh drops it; delete is done). */
export function isGone(c: FabricConnection): boolean {
  const s = statusOf(c);
  return isGoneStatus(s.equinix) || isGoneStatus(s.state);
}

/** An Equinix status (or state) of a removed connection. */
export function isGoneStatus(status: string | undefined): boolean {
  return GONE.has(status ?? "");
}

export type ProvisioningVerdict = { done: true; pendingAction?: string } | { done: false; state: string } | { failed: string; state: string };

/**
 * Whether Equinix's side of a create is done. Decided from all three status fields, since the API
 * combines them loosely; unknown values mean "not yet", never a crash. A connection to a service
 * profile is done once Equinix has provisioned it and handed it to the provider: for a profile that
 * needs the provider's approval (Alibaba) that is PROVISIONED/PENDING_APPROVAL, which only the
 * customer's acceptance on the provider's side moves on.
 */
export function provisioningVerdict(c: FabricConnection, toProfile: boolean): ProvisioningVerdict {
  const s = statusOf(c);
  const label = `${s.equinix}/${s.provider}`;
  if (s.state === "FAILED" || FAILED_EQUINIX.has(s.equinix) || FAILED_PROVIDER.has(s.provider)) {
    const errors = (c.operation?.errors ?? []).map((e) => [e.errorCode, e.errorMessage].filter(Boolean).join(" ")).filter(Boolean);
    return { failed: `Equinix reports ${label} (state ${s.state})${errors.length ? `: ${errors.join("; ")}` : ""}`, state: label };
  }
  if (s.equinix === "PROVISIONED") {
    if (s.provider === "AVAILABLE" || s.provider === "PROVISIONED") return { done: true };
    if (toProfile && (s.provider === "PROVISIONING" || s.provider === "PENDING_CONFIGURATION" || s.provider === "PENDING_BGP")) return { done: true };
    if (toProfile && s.provider === "PENDING_APPROVAL") {
      // For some profiles the provider's connection id is what the tenant accepts; a stack that accepts
      // it (alibaba.HostedConnection) needs it, so the wait goes on until Equinix reports it.
      const facts = serviceProfile(c.zSide?.accessPoint?.profile?.uuid);
      if (facts?.waitsForProviderConnectionId && !c.zSide?.accessPoint?.providerConnectionId) {
        return { done: false, state: `${label} (waiting for ${facts.provider}'s connection id)` };
      }
      return { done: true, pendingAction: approvalAction(c) };
    }
  }
  return { done: false, state: label };
}

/** What the user must do for a connection that waits for the provider's approval. */
export function approvalAction(c: FabricConnection): string {
  const zap = c.zSide?.accessPoint;
  const pc = zap?.providerConnectionId;
  const facts = serviceProfile(zap?.profile?.uuid);
  if (facts) return facts.approvalHint(pc);
  return `the service provider must approve the connection${pc ? ` ${pc}` : ""}`;
}

/** Outputs of a connection: the inputs as read back, plus what Equinix computed. */
export function toOutputs(c: FabricConnection, inputs: ConnectionInputs): Record<string, unknown> {
  const s = statusOf(c);
  const toProfile = !!inputs.zSide.serviceProfile;
  const verdict = provisioningVerdict(c, toProfile);
  return {
    ...readBackInputs(c, inputs),
    uuid: c.uuid,
    href: c.href,
    state: s.state,
    equinixStatus: s.equinix,
    providerStatus: s.provider,
    operationalStatus: c.operation?.operationalStatus,
    redundancyGroup: c.redundancy?.group,
    redundancyPriority: c.redundancy?.priority,
    providerConnectionId: c.zSide?.accessPoint?.providerConnectionId,
    aSidePortType: c.aSide?.accessPoint?.linkProtocol?.type,
    zSidePortType: c.zSide?.accessPoint?.linkProtocol?.type,
    pendingAction: "done" in verdict && verdict.done ? verdict.pendingAction ?? "" : "",
  };
}

function readPortEnd(old: PortEndInput, lp: { vlanTag?: number; vlanSTag?: number; vlanCTag?: number } | undefined, uuid: string | undefined): PortEndInput {
  return {
    uuid: uuid ?? old.uuid,
    ...(old.type ? { type: old.type } : {}),
    ...(lp?.vlanTag !== undefined ? { vlanTag: lp.vlanTag } : old.vlanTag !== undefined && !lp ? { vlanTag: old.vlanTag } : {}),
    ...(lp?.vlanSTag !== undefined ? { vlanSTag: lp.vlanSTag } : old.vlanSTag !== undefined && !lp ? { vlanSTag: old.vlanSTag } : {}),
    ...(lp?.vlanCTag !== undefined ? { vlanCTag: lp.vlanCTag } : old.vlanCTag !== undefined && !lp ? { vlanCTag: old.vlanCTag } : {}),
  };
}

/**
 * The inputs as Equinix now has them, in the shape the user wrote: values Equinix returns replace the
 * old ones (so a portal edit of name, bandwidth, VLAN or notifications shows as a diff), values it never
 * returns (authentication key, timeouts) keep the old input. A PRIMARY's Equinix-assigned group is not
 * copied into the inputs, so it never causes a perpetual diff.
 */
export function readBackInputs(c: FabricConnection, old: ConnectionInputs): ConnectionInputs {
  const aap = c.aSide?.accessPoint;
  const zap = c.zSide?.accessPoint;
  const aSide: ConnectionInputs["aSide"] = old.aSide.port
    ? { port: readPortEnd(old.aSide.port, aap?.linkProtocol, aap?.port?.uuid) }
    : old.aSide.serviceToken
      ? { serviceToken: { uuid: c.aSide?.serviceToken?.uuid ?? old.aSide.serviceToken.uuid } }
      : old.aSide.cloudRouter
        ? { cloudRouter: { uuid: aap?.router?.uuid ?? old.aSide.cloudRouter.uuid } }
        : {
            virtualDevice: {
              uuid: aap?.virtualDevice?.uuid ?? old.aSide.virtualDevice!.uuid,
              ...(old.aSide.virtualDevice!.interfaceId !== undefined ? { interfaceId: aap?.interface?.id ?? old.aSide.virtualDevice!.interfaceId } : {}),
            },
          };
  const zSide: ConnectionInputs["zSide"] = old.zSide.serviceProfile
    ? {
        serviceProfile: {
          uuid: zap?.profile?.uuid ?? old.zSide.serviceProfile.uuid,
          metroCode: zap?.location?.metroCode ?? old.zSide.serviceProfile.metroCode,
          ...(old.zSide.serviceProfile.sellerRegion !== undefined ? { sellerRegion: zap?.sellerRegion ?? old.zSide.serviceProfile.sellerRegion } : {}),
          ...(old.zSide.serviceProfile.authenticationKey !== undefined
            ? { authenticationKey: zap?.authenticationKey ?? old.zSide.serviceProfile.authenticationKey }
            : {}),
        },
      }
    : { port: readPortEnd(old.zSide.port!, zap?.linkProtocol, zap?.port?.uuid) };
  const emails = c.notifications?.find((n) => n.type === "ALL")?.emails ?? c.notifications?.[0]?.emails;
  const redundancy =
    old.redundancy || (c.redundancy?.priority && c.redundancy.priority !== "PRIMARY")
      ? {
          priority: (c.redundancy?.priority as "PRIMARY" | "SECONDARY" | undefined) ?? old.redundancy?.priority ?? "PRIMARY",
          // Equinix never moves a connection between groups, so the group the inputs name is kept
          // (the `redundancyGroup` output shows the one Equinix reports).
          ...(old.redundancy?.group !== undefined ? { group: old.redundancy.group } : {}),
        }
      : undefined;
  return {
    name: c.name ?? old.name,
    ...(old.type !== undefined ? { type: (c.type as "EVPL_VC" | "IP_VC") ?? old.type } : {}),
    bandwidth: c.bandwidth ?? old.bandwidth,
    aSide,
    zSide,
    notifications: emails ?? old.notifications,
    ...(old.purchaseOrderNumber !== undefined || c.order?.purchaseOrderNumber
      ? { purchaseOrderNumber: c.order?.purchaseOrderNumber ?? old.purchaseOrderNumber }
      : {}),
    ...(old.termLength !== undefined ? { termLength: c.order?.termLength ?? old.termLength } : {}),
    ...(redundancy ? { redundancy } : {}),
    ...(old.description !== undefined || c.description ? { description: c.description ?? old.description } : {}),
    ...keptTimeouts(old),
  };
}

type LinkProtocolOut = { type?: string; vlanTag?: number; vlanSTag?: number; vlanCTag?: number };

function portEndFromVendor(uuid: string | undefined, lp: LinkProtocolOut | undefined): PortEndInput {
  return defined({ uuid: uuid ?? "", vlanTag: lp?.vlanTag, vlanSTag: lp?.vlanSTag, vlanCTag: lp?.vlanCTag });
}

/**
 * The inputs a program would write for a connection Equinix already has (read from its id alone, as
 * `Connection.get` does): every value Equinix reports, defaults left out (a PRIMARY's redundancy, the
 * type its A side implies, a 1-month term), port types left to be looked up. Equinix may not return the
 * authentication key: then the inputs lack it, and a program declaring the connection must give it.
 */
export function inputsFromVendor(c: FabricConnection): ConnectionInputs {
  const aap = c.aSide?.accessPoint;
  const zap = c.zSide?.accessPoint;
  const aSide: ConnectionInputs["aSide"] = c.aSide?.serviceToken?.uuid
    ? { serviceToken: { uuid: c.aSide.serviceToken.uuid } }
    : aap?.type === "CLOUD_ROUTER" || aap?.router?.uuid
      ? { cloudRouter: { uuid: aap?.router?.uuid ?? "" } }
      : aap?.type === "VD" || aap?.virtualDevice?.uuid
        ? { virtualDevice: { uuid: aap?.virtualDevice?.uuid ?? "" } }
        : { port: portEndFromVendor(aap?.port?.uuid, aap?.linkProtocol) };
  const zSide: ConnectionInputs["zSide"] =
    zap?.type === "SP" || zap?.profile?.uuid
      ? {
          serviceProfile: defined({
            uuid: zap?.profile?.uuid ?? "",
            metroCode: zap?.location?.metroCode ?? "",
            sellerRegion: zap?.sellerRegion,
            authenticationKey: zap?.authenticationKey,
          }),
        }
      : { port: portEndFromVendor(zap?.port?.uuid, zap?.linkProtocol) };
  const type = c.type === "EVPL_VC" || c.type === "IP_VC" ? c.type : undefined;
  const defaultType = aSide.cloudRouter ? "IP_VC" : "EVPL_VC";
  const priority = c.redundancy?.priority;
  return defined({
    name: c.name ?? "",
    type: type !== defaultType ? type : undefined,
    bandwidth: c.bandwidth ?? 0,
    aSide,
    zSide,
    notifications: c.notifications?.find((n) => n.type === "ALL")?.emails ?? c.notifications?.[0]?.emails ?? [],
    purchaseOrderNumber: c.order?.purchaseOrderNumber || undefined,
    termLength: c.order?.termLength !== undefined && c.order.termLength !== 1 ? c.order.termLength : undefined,
    redundancy: priority === "SECONDARY" ? defined({ priority: "SECONDARY" as const, group: c.redundancy?.group }) : undefined,
    description: c.description || undefined,
  }) as ConnectionInputs;
}

/** The update table: what Fabric changes in place (JSON Patch) and what needs a new connection. */
export const updateTable: Record<string, ChangeRule> = {
  name: "update",
  bandwidth: "update",
  notifications: "update",
  termLength: "update",
  aSide: "replace", // except a DOT1Q vlanTag change, see isVlanTagOnlyChange
  zSide: "replace",
  type: "replace",
  redundancy: "replace",
  purchaseOrderNumber: "replace",
  description: "replace",
  timeouts: "ignore",
};

/** True when the only A-side change is the vlanTag of a DOT1Q port, which Fabric patches in place. */
export function isVlanTagOnlyChange(oldA: ConnectionInputs["aSide"] | undefined, newA: ConnectionInputs["aSide"]): boolean {
  const o = oldA?.port;
  const n = newA.port;
  if (!o || !n || n.vlanTag === undefined || n.vlanSTag !== undefined || o.vlanSTag !== undefined) return false;
  return sameValue({ ...o, vlanTag: 0 }, { ...n, vlanTag: 0 }) && o.vlanTag !== n.vlanTag;
}

/** JSON Patch operations for the in-place changes between old outputs and new inputs. */
export function patchOperations(olds: Partial<ConnectionInputs>, news: ConnectionInputs): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  if (!sameValue(olds.name, news.name)) ops.push({ op: "replace", path: "/name", value: news.name });
  if (!sameValue(olds.bandwidth, news.bandwidth)) ops.push({ op: "replace", path: "/bandwidth", value: news.bandwidth });
  if (!sameValue(olds.notifications, news.notifications)) {
    ops.push({ op: "replace", path: "/notifications", value: [{ type: "ALL", emails: news.notifications }] });
  }
  if (news.termLength !== undefined && !sameValue(olds.termLength, news.termLength)) {
    ops.push({ op: "replace", path: "/order/termLength", value: news.termLength });
  }
  if (isVlanTagOnlyChange(olds.aSide, news.aSide)) {
    ops.push({ op: "replace", path: "/aSide/accessPoint/linkProtocol/vlanTag", value: news.aSide.port!.vlanTag });
  }
  return ops;
}

/** Replacing onto the same port and VLAN would collide with the old connection: delete it first. */
export function reusesPortAndVlan(olds: Partial<ConnectionInputs>, news: ConnectionInputs): boolean {
  const same = (o?: PortEndInput, n?: PortEndInput) =>
    !!o && !!n && o.uuid === n.uuid && (o.vlanTag ?? o.vlanSTag) === (n.vlanTag ?? n.vlanSTag) && (o.vlanCTag ?? 0) === (n.vlanCTag ?? 0);
  return same(olds.aSide?.port, news.aSide.port) || same(olds.zSide?.port, news.zSide.port);
}
