import { z } from "zod";
import { ChangeRule, sameValue } from "../core/diff";
import { timeoutsSchema } from "../core/timeouts";
import { email, fail } from "../core/validation";
import { defined } from "../core/outputs";
import { FabricConnection } from "./client";
import { PORT_TYPES, PortType } from "./constants";
import { isGone, isGoneStatus, provisioningVerdict } from "./connectionMapping";
import { V3Connection, V3Update } from "./ecxV3Client";
import { profileIssues, serviceProfile } from "./serviceProfiles";

/** ECX v3 accepted VLAN tags 2..4094 (Fabric v4 stops at 4092). */
export const ECX_VLAN_MIN = 2;
export const ECX_VLAN_MAX = 4094;
export const ECX_NAME_MAX = 24;

const VLAN_RULE = `must be a whole number between ${ECX_VLAN_MIN} and ${ECX_VLAN_MAX} (ECX v3 VLAN range)`;
const vlan = z.number().int(VLAN_RULE).min(ECX_VLAN_MIN, VLAN_RULE).max(ECX_VLAN_MAX, VLAN_RULE);
const name = z
  .string()
  .min(1, "is required")
  .max(ECX_NAME_MAX, `must be at most ${ECX_NAME_MAX} characters long (ECX v3 limit)`)
  .regex(/^[A-Za-z0-9_-]+$/, "may contain only letters, digits, '-' and '_' (ECX v3 rule)");
const uuid = z.string().min(1, "is required");

/** The fields of one leg; the primary's are top-level, the secondary's in `secondary`. */
const legShape = {
  name,
  portUuid: uuid,
  portType: z.enum(PORT_TYPES).optional(),
  vlanSTag: vlan,
  vlanCTag: vlan.optional(),
  zSidePortUuid: uuid.optional(),
  zSidePortType: z.enum(PORT_TYPES).optional(),
  zSideVlanSTag: vlan.optional(),
  zSideVlanCTag: vlan.optional(),
};

export const L2Leg = z.object(legShape).strict();
export type L2Leg = z.output<typeof L2Leg>;

export const L2ConnectionInputs = z
  .object({
    ...legShape,
    profileUuid: uuid.optional(),
    authorizationKey: z.string().min(1).optional(),
    sellerRegion: z.string().min(1).optional(),
    sellerMetroCode: z.string().regex(/^[A-Z0-9]{2}$/, "must be a two-letter Equinix metro code such as SV or DC").optional(),
    speed: z.number().int("must be a whole number").positive("must be positive"),
    speedUnit: z.enum(["MB", "GB"]).default("MB"),
    notifications: z.array(email).min(1, "must list at least one email address"),
    purchaseOrderNumber: z.string().min(1).max(50).optional(),
    secondary: L2Leg.optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.zSidePortUuid && !v.profileUuid) {
      fail(ctx, ["zSidePortUuid"], "set zSidePortUuid (a connection to your own port) or profileUuid (a connection to a service profile such as Alibaba's)");
    }
    if (v.secondary && !!v.secondary.zSidePortUuid !== !!v.zSidePortUuid) {
      fail(ctx, ["secondary", "zSidePortUuid"], v.zSidePortUuid ? "is required: the primary goes to your own port, so the secondary must too" : "must be omitted: both legs go to the service profile");
    }
    const facts = serviceProfile(v.profileUuid);
    if (facts) {
      const mbps = v.speedUnit === "GB" ? v.speed * 1000 : v.speed;
      const issues = profileIssues(facts, { metroCode: v.sellerMetroCode, mbps, got: `${v.speed} ${v.speedUnit}`, authenticationKey: v.authorizationKey });
      if (issues.authenticationKey) fail(ctx, ["authorizationKey"], issues.authenticationKey);
      if (issues.bandwidth) fail(ctx, ["speed"], issues.bandwidth);
      if (issues.metroCode) fail(ctx, ["sellerMetroCode"], issues.metroCode);
    }
    for (const i of tagIssues(v, {})) fail(ctx, i.path, i.message);
  });

export type L2ConnectionInputs = z.output<typeof L2ConnectionInputs>;

/** Port types per leg, from the inputs or looked up at create. */
export interface LegTypes {
  a?: PortType;
  z?: PortType;
}
export interface ResolvedTypes {
  primary?: LegTypes;
  secondary?: LegTypes;
}

export interface TagIssue {
  path: Array<string | number>;
  message: string;
}

/**
 * The tagging tables of Equinix's ECX v3 guides "Connect to Myself" (own ports) and "Connect to Alibaba" (a Dot1Q side):
 *   Dot1Q -> Dot1Q: S-tag only; Dot1Q -> QinQ: S-tag and the Z-side C-tag;
 *   QinQ -> Dot1Q (or Alibaba): S-tag and C-tag; QinQ -> QinQ: S-tag (C-tags optional).
 * A Dot1Q port never takes a C-tag. Z-side tags exist only with a Z-side port. Types not yet known
 * (neither given nor looked up) are skipped here; the rule runs again at create once they are.
 */
export function tagIssues(v: Pick<L2ConnectionInputs, "secondary" | "profileUuid"> & L2Leg, resolved: ResolvedTypes): TagIssue[] {
  const issues: TagIssue[] = [];
  const leg = (l: L2Leg, prefix: string[], known: LegTypes | undefined) => {
    const p = (f: string) => [...prefix, f];
    const a = l.portType ?? known?.a;
    const toPort = !!l.zSidePortUuid;
    const zt: PortType | undefined = toPort ? l.zSidePortType ?? known?.z : v.profileUuid ? "DOT1Q" : undefined; // service profiles are single-tagged
    if (!toPort) {
      if (l.zSideVlanSTag !== undefined) issues.push({ path: p("zSideVlanSTag"), message: "applies only with zSidePortUuid (a connection to your own port)" });
      if (l.zSideVlanCTag !== undefined) issues.push({ path: p("zSideVlanCTag"), message: "applies only with zSidePortUuid (a connection to your own port)" });
      if (l.zSidePortType !== undefined) issues.push({ path: p("zSidePortType"), message: "applies only with zSidePortUuid (a connection to your own port)" });
    } else if (l.zSideVlanSTag === undefined) {
      issues.push({ path: p("zSideVlanSTag"), message: "is required with zSidePortUuid: the S-tag on your Z-side port" });
    }
    const target = toPort ? `a ${zt ?? "?"} Z-side port` : `${serviceProfile(v.profileUuid)?.provider ?? "a service profile"} (a Dot1Q side)`;
    if (a === "DOT1Q" && l.vlanCTag !== undefined) issues.push({ path: p("vlanCTag"), message: "must be omitted: a DOT1Q port takes the S-tag only (tagging tables of Equinix's ECX v3 guides 'Connect to Myself' and 'Connect to Alibaba')" });
    if (a === "QINQ" && zt === "DOT1Q" && l.vlanCTag === undefined) {
      issues.push({ path: p("vlanCTag"), message: `is required: a QINQ port connecting to ${target} needs both the S-tag and the C-tag (tagging table of Equinix's ECX v3 guide '${toPort ? "Connect to Myself" : "Connect to Alibaba"}')` });
    }
    if (toPort && zt === "DOT1Q" && l.zSideVlanCTag !== undefined) {
      issues.push({ path: p("zSideVlanCTag"), message: "must be omitted: a DOT1Q Z-side port takes the S-tag only (tagging table of Equinix's ECX v3 guide 'Connect to Myself')" });
    }
    if (toPort && a === "DOT1Q" && zt === "QINQ" && l.zSideVlanCTag === undefined) {
      issues.push({ path: p("zSideVlanCTag"), message: "is required: a DOT1Q port connecting to a QINQ Z-side port needs the Z-side C-tag (tagging table of Equinix's ECX v3 guide 'Connect to Myself')" });
    }
  };
  leg(v, [], resolved.primary);
  if (v.secondary) leg(v.secondary, ["secondary"], resolved.secondary);
  return issues;
}

/** The examples of Equinix's ECX v3 guides send VLAN tags as strings ("774"): so do we. */
const t = (n: number | undefined) => (n === undefined ? undefined : String(n));

/**
 * The POST /ecx/v3/l2/connections body for these inputs, exactly in the shape of the ECX v3 guides' examples:
 * only the fields that are set, tags as strings, one body for both legs of a redundant pair.
 */
export function buildV3Request(v: L2ConnectionInputs): Record<string, unknown> {
  const body: Record<string, unknown> = {
    primaryName: v.name,
    profileUUID: v.profileUuid,
    speed: v.speed,
    speedUnit: v.speedUnit,
    notifications: [...v.notifications],
    purchaseOrderNumber: v.purchaseOrderNumber,
    primaryPortUUID: v.portUuid,
    primaryVlanSTag: t(v.vlanSTag),
    primaryVlanCTag: t(v.vlanCTag),
    primaryZSidePortUUID: v.zSidePortUuid,
    primaryZSideVlanSTag: t(v.zSideVlanSTag),
    primaryZSideVlanCTag: t(v.zSideVlanCTag),
    sellerRegion: v.sellerRegion,
    sellerMetroCode: v.sellerMetroCode,
    authorizationKey: v.authorizationKey,
  };
  const s = v.secondary;
  if (s) {
    Object.assign(body, {
      secondaryName: s.name,
      secondaryPortUUID: s.portUuid,
      secondaryVlanSTag: t(s.vlanSTag),
      secondaryVlanCTag: t(s.vlanCTag),
      secondaryZSidePortUUID: s.zSidePortUuid,
      secondaryZSideVlanSTag: t(s.zSideVlanSTag),
      secondaryZSideVlanCTag: t(s.zSideVlanCTag),
    });
  }
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  return body;
}

/** A v3 leg seen through the Fabric v4 status logic (one state machine, shared with fabric.Connection). */
export function asFabric(c: V3Connection): FabricConnection {
  return {
    uuid: c.uuid,
    operation: { equinixStatus: c.status, providerStatus: c.providerStatus },
    zSide: { accessPoint: { profile: c.sellerServiceUUID ? { uuid: c.sellerServiceUUID } : undefined, providerConnectionId: c.vendorToken } },
  } as FabricConnection;
}

/** A leg Equinix has removed, or cannot find. */
export function legGone(c: V3Connection | undefined): boolean {
  return !c || isGone(asFabric(c));
}

/** The status outputs give a leg Equinix cannot find. */
export const LEG_NOT_FOUND = "NOT_FOUND";

/**
 * A leg's stored status (the `primaryStatus`/`secondaryStatus` output) that says it is gone or going
 * (DEPROVISIONING): ECX v3 cannot re-create one leg of a pair, so the next update replaces the pair.
 */
export function isLegStatusGone(status: unknown): boolean {
  return typeof status === "string" && (status === LEG_NOT_FOUND || status === "DEPROVISIONING" || isGoneStatus(status));
}

export type LegVerdict = ReturnType<typeof provisioningVerdict>;

/** Create is done for a leg when Equinix provisioned it; to a profile, PROVISIONED/PENDING_APPROVAL ends it (the user must accept). */
export function legVerdict(c: V3Connection, toProfile: boolean): LegVerdict {
  return provisioningVerdict(asFabric(c), toProfile);
}

/**
 * What the user must do for a leg waiting for the provider's approval. It never names the provider
 * account (the authorization key is a secret; this text is a plain output and a progress line).
 */
export function legAction(c: V3Connection, v: Pick<L2ConnectionInputs, "profileUuid">): string {
  const facts = serviceProfile(v.profileUuid) ?? serviceProfile(c.sellerServiceUUID);
  if (facts) return facts.approvalHint(c.vendorToken ?? c.name ?? c.uuid, "authorizationKey");
  return `the service provider must approve connection ${c.name ?? c.uuid}`;
}

const speedOf = (c: V3Connection | undefined) => (c?.speed !== undefined ? { speed: c.speed, speedUnit: (c.speedUnit === "GB" ? "GB" : "MB") as "MB" | "GB" } : undefined);

function readLeg(old: L2Leg, c: V3Connection | undefined): L2Leg {
  if (!c || legGone(c)) return old;
  const out: L2Leg = {
    ...old,
    name: c.name ?? old.name,
    portUuid: c.portUUID ?? old.portUuid,
    vlanSTag: c.vlanSTag ?? old.vlanSTag,
  };
  if (old.vlanCTag !== undefined || c.vlanCTag !== undefined) out.vlanCTag = c.vlanCTag ?? old.vlanCTag;
  if (old.zSidePortUuid !== undefined) {
    out.zSidePortUuid = c.zSidePortUUID ?? old.zSidePortUuid;
    out.zSideVlanSTag = c.zSideVlanSTag ?? old.zSideVlanSTag;
    if (old.zSideVlanCTag !== undefined || c.zSideVlanCTag !== undefined) out.zSideVlanCTag = c.zSideVlanCTag ?? old.zSideVlanCTag;
  }
  return out;
}

/** The inputs as Equinix reports them now (so refresh shows changes made outside Pulumi). */
export function readBackInputs(primary: V3Connection | undefined, secondary: V3Connection | undefined, old: L2ConnectionInputs): L2ConnectionInputs {
  const p = legGone(primary) ? undefined : primary;
  const sp = speedOf(p) ?? speedOf(legGone(secondary) ? undefined : secondary);
  const out: L2ConnectionInputs = {
    ...old,
    ...readLeg(old, p),
    speed: sp?.speed ?? old.speed,
    speedUnit: sp?.speedUnit ?? old.speedUnit,
    notifications: p?.notifications?.length ? p.notifications : old.notifications,
  };
  if (old.profileUuid !== undefined && p?.sellerServiceUUID && !old.zSidePortUuid) out.profileUuid = p.sellerServiceUUID;
  if (old.sellerMetroCode !== undefined && p?.sellerMetroCode) out.sellerMetroCode = p.sellerMetroCode;
  if (old.sellerRegion !== undefined && p?.sellerRegion) out.sellerRegion = p.sellerRegion;
  if (old.purchaseOrderNumber !== undefined && p?.purchaseOrderNumber) out.purchaseOrderNumber = p.purchaseOrderNumber;
  if (old.secondary) out.secondary = readLeg(old.secondary, secondary);
  return out;
}

function legFromVendor(c: V3Connection): L2Leg {
  return defined({
    name: c.name ?? "",
    portUuid: c.portUUID ?? "",
    vlanSTag: c.vlanSTag as number,
    vlanCTag: c.vlanCTag,
    zSidePortUuid: c.zSidePortUUID,
    zSideVlanSTag: c.zSidePortUUID ? c.zSideVlanSTag : undefined,
    zSideVlanCTag: c.zSidePortUUID ? c.zSideVlanCTag : undefined,
  });
}

/**
 * The inputs a program would write for a pair Equinix already has (read from its id alone, as
 * `L2Connection.get` and adoption do): every value Equinix reports, port types left to be looked up.
 */
export function inputsFromVendor(primary: V3Connection, secondary: V3Connection | undefined): L2ConnectionInputs {
  return defined({
    ...legFromVendor(primary),
    profileUuid: primary.sellerServiceUUID,
    authorizationKey: primary.authorizationKey,
    sellerRegion: primary.sellerRegion,
    sellerMetroCode: primary.sellerMetroCode,
    speed: primary.speed as number,
    speedUnit: primary.speedUnit === "GB" ? "GB" : "MB",
    notifications: primary.notifications ?? [],
    purchaseOrderNumber: primary.purchaseOrderNumber,
    secondary: secondary && !legGone(secondary) ? legFromVendor(secondary) : undefined,
  }) as L2ConnectionInputs;
}

export interface LegIds {
  primaryId: string;
  secondaryId?: string;
}

const status = (c: V3Connection | undefined) => (c ? c.status ?? "UNKNOWN" : LEG_NOT_FOUND);

/** Outputs: the inputs as read back, each leg's ids and statuses, the redundancy group, the port types used. */
export function toOutputs(ids: LegIds, primary: V3Connection | undefined, secondary: V3Connection | undefined, v: L2ConnectionInputs, types: ResolvedTypes, pendingAction = ""): Record<string, unknown> {
  const inputs = readBackInputs(primary, secondary, v);
  return {
    ...inputs,
    primaryId: ids.primaryId,
    secondaryId: ids.secondaryId ?? "",
    primaryStatus: status(primary),
    primaryProviderStatus: primary?.providerStatus ?? (primary ? "UNKNOWN" : LEG_NOT_FOUND),
    secondaryStatus: ids.secondaryId ? status(secondary) : "",
    secondaryProviderStatus: ids.secondaryId ? secondary?.providerStatus ?? (secondary ? "UNKNOWN" : LEG_NOT_FOUND) : "",
    redundancyGroup: primary?.redundancyGroup ?? secondary?.redundancyGroup ?? "",
    // The provider's id of each leg (ECX v3 `vendorToken`; Alibaba's `pc-...`), "" until the provider reports it.
    primaryProviderConnectionId: primary?.vendorToken ?? "",
    secondaryProviderConnectionId: ids.secondaryId ? secondary?.vendorToken ?? "" : "",
    resolvedPortTypes: {
      primary: { a: types.primary?.a ?? portTypeOf(primary?.asideEncapsulation) ?? "", z: types.primary?.z ?? portTypeOf(primary?.zsideEncapsulation) ?? "" },
      ...(ids.secondaryId
        ? { secondary: { a: types.secondary?.a ?? portTypeOf(secondary?.asideEncapsulation) ?? "", z: types.secondary?.z ?? portTypeOf(secondary?.zsideEncapsulation) ?? "" } }
        : {}),
    },
    pendingAction,
  };
}

export function portTypeOf(encapsulation: string | undefined): PortType | undefined {
  const e = encapsulation?.toUpperCase();
  return e === "DOT1Q" || e === "QINQ" ? e : undefined;
}

/** The update table: ECX v3 changes name and speed in place (PATCH ?action=update per leg); everything else replaces. */
export const updateTable: Record<string, ChangeRule> = {
  name: "update",
  speed: "update",
  speedUnit: "update",
  secondary: "replace", // except a change of its name only, see isSecondaryNameOnlyChange
  portUuid: "replace",
  portType: "replace",
  vlanSTag: "replace",
  vlanCTag: "replace",
  zSidePortUuid: "replace",
  zSidePortType: "replace",
  zSideVlanSTag: "replace",
  zSideVlanCTag: "replace",
  profileUuid: "replace",
  authorizationKey: "replace",
  sellerRegion: "replace",
  sellerMetroCode: "replace",
  notifications: "replace",
  purchaseOrderNumber: "replace",
  timeouts: "ignore",
};

export function isSecondaryNameOnlyChange(o: L2Leg | undefined, n: L2Leg | undefined): boolean {
  if (!o || !n) return false;
  return o.name !== n.name && sameValue({ ...o, name: "" }, { ...n, name: "" });
}

/** The PATCH bodies per leg for the in-place changes between old outputs and new inputs. */
export function legUpdates(olds: Partial<L2ConnectionInputs>, news: L2ConnectionInputs): { primary?: V3Update; secondary?: V3Update } {
  const speedChanged = !sameValue(olds.speed, news.speed) || !sameValue(olds.speedUnit ?? "MB", news.speedUnit);
  const speed: V3Update = speedChanged ? { speed: news.speed, speedUnit: news.speedUnit } : {};
  const primary: V3Update = { ...(olds.name !== news.name ? { connectionNewName: news.name } : {}), ...speed };
  const out: { primary?: V3Update; secondary?: V3Update } = {};
  if (Object.keys(primary).length) out.primary = primary;
  if (news.secondary) {
    const secondary: V3Update = { ...(olds.secondary?.name !== news.secondary.name ? { connectionNewName: news.secondary.name } : {}), ...speed };
    if (Object.keys(secondary).length) out.secondary = secondary;
  }
  return out;
}

/** A replacement onto the same port and S-tag would collide with the old legs: delete them first. */
export function reusesPortAndVlan(olds: Partial<L2ConnectionInputs>, news: L2ConnectionInputs): boolean {
  // Port and S-tag only: on a QINQ port an S-tag without C-tag collides with every C-tag under it.
  const ends = (l: Partial<L2Leg> | undefined) =>
    l ? [`${l.portUuid}/${l.vlanSTag}`, ...(l.zSidePortUuid ? [`${l.zSidePortUuid}/${l.zSideVlanSTag}`] : [])] : [];
  const old = new Set([...ends(olds), ...ends(olds.secondary)]);
  return [...ends(news), ...ends(news.secondary)].some((e) => old.has(e));
}
