import { findProfile, metro, PORTS, type PortDef, type ProfileDef } from "./catalog";
import { EQ, eqError, type EquinixError } from "./errors";
import type { ConnectionRecord, LinkProtocol, Notification, StoredSide } from "./model";

export const CONNECTION_TYPES = [
  "EVPL_VC", "EPL_VC", "EC_VC", "IP_VC", "ACCESS_EPL_VC", "EIA_VC", "EVPLAN_VC", "EPLAN_VC", "EVPTREE_VC", "EPTREE_VC", "IPWAN_VC", "IA_VC", "MC_VC", "IX_VC", "IC_VC",
];
export const NOTIFICATION_TYPES = ["NOTIFICATION", "BANDWIDTH_ALERT", "CONNECTION_APPROVAL", "PROFILE_LIFECYCLE", "ALL", "SALES_REP_NOTIFICATIONS", "TECHNICAL", "ORDERING"];
export const TERM_LENGTHS = [1, 12, 24, 36];
export const NAME_MAX = 50;

/** What validation resolved: everything needed to create the record. */
export interface ValidConnection {
  type: string;
  name: string;
  description?: string;
  bandwidth: number;
  notifications: Notification[];
  order: ConnectionRecord["order"];
  priority: "PRIMARY" | "SECONDARY";
  /** the group to join (SECONDARY) */
  group?: string;
  aSide: StoredSide & { kind: "port" };
  zSide: StoredSide;
  additionalInfo?: { key: string; value: string }[];
  projectId?: string;
}

export interface ValidationOptions {
  /** highest VLAN tag accepted (v4: 4092; ECX v3: 4094) */
  vlanMax?: number;
  /** live connections to check VLANs and redundancy against */
  live: ConnectionRecord[];
}

const isObj = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

function invalid(property: string, reason: string): EquinixError {
  return eqError(EQ.invalidInput, "Invalid input", property, reason);
}

/** Validates a notifications array; returns the errors. */
export function checkNotifications(v: unknown, property = "/notifications"): EquinixError[] {
  if (!Array.isArray(v) || v.length === 0) return [invalid(property, "at least one notification {type, emails[]} is required")];
  const errs: EquinixError[] = [];
  v.forEach((n, i) => {
    if (!isObj(n) || !NOTIFICATION_TYPES.includes(n.type)) errs.push(invalid(`${property}/${i}/type`, `must be one of ${NOTIFICATION_TYPES.join(", ")}`));
    else if (!Array.isArray(n.emails) || n.emails.length === 0 || n.emails.some((e: unknown) => typeof e !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e))) {
      errs.push(invalid(`${property}/${i}/emails`, "a non-empty list of valid email addresses is required"));
    }
  });
  return errs;
}

export function checkName(v: unknown, property = "/name"): EquinixError[] {
  if (typeof v !== "string" || v.trim() === "") return [invalid(property, "name is required")];
  if (v.length > NAME_MAX) return [invalid(property, `name must be at most ${NAME_MAX} characters`)];
  return [];
}

function checkVlan(v: unknown, property: string, vlanMax: number, what: string): EquinixError[] {
  if (v === undefined || v === null) return [invalid(property, `${what} is required`)];
  if (!isInt(v) || v < 2 || v > vlanMax) return [invalid(property, `${what} must be an integer between 2 and ${vlanMax}`)];
  return [];
}

/**
 * Link protocol rules: the type must match the port's encapsulation; DOT1Q needs vlanTag; QINQ needs
 * vlanSTag, and vlanCTag too when the other side is DOT1Q (a DOT1Q port or service profile).
 */
export function checkLinkProtocol(lp: unknown, port: PortDef, property: string, otherIsDot1q: boolean, vlanMax: number): { errors: EquinixError[]; value?: LinkProtocol } {
  if (!isObj(lp)) return { errors: [invalid(property, `linkProtocol is required (port ${port.name} is ${port.encapsulation})`)] };
  if (lp.type !== port.encapsulation) return { errors: [invalid(`${property}/type`, `port ${port.name} is ${port.encapsulation}; linkProtocol.type must be ${port.encapsulation}`)] };
  const errors: EquinixError[] = [];
  if (port.encapsulation === "DOT1Q") {
    errors.push(...checkVlan(lp.vlanTag, `${property}/vlanTag`, vlanMax, "vlanTag (DOT1Q)"));
    if (lp.vlanSTag !== undefined || lp.vlanCTag !== undefined) errors.push(invalid(property, "vlanSTag and vlanCTag apply to QINQ ports only"));
    return errors.length ? { errors } : { errors, value: { type: "DOT1Q", vlanTag: lp.vlanTag } };
  }
  errors.push(...checkVlan(lp.vlanSTag, `${property}/vlanSTag`, vlanMax, "vlanSTag (QINQ)"));
  if (otherIsDot1q || lp.vlanCTag !== undefined) {
    errors.push(...checkVlan(lp.vlanCTag, `${property}/vlanCTag`, vlanMax, otherIsDot1q ? "vlanCTag (QINQ towards a DOT1Q side)" : "vlanCTag"));
  }
  if (lp.vlanTag !== undefined) errors.push(invalid(`${property}/vlanTag`, "vlanTag applies to DOT1Q ports only; use vlanSTag/vlanCTag"));
  if (errors.length) return { errors };
  const value: LinkProtocol = { type: "QINQ", vlanSTag: lp.vlanSTag };
  if (lp.vlanCTag !== undefined) value.vlanCTag = lp.vlanCTag;
  return { errors, value };
}

/** Whether two link protocols on the same port collide. */
export function vlansCollide(a: LinkProtocol, b: LinkProtocol): boolean {
  if (a.type === "DOT1Q" || b.type === "DOT1Q") return a.vlanTag !== undefined && a.vlanTag === b.vlanTag;
  if (a.vlanSTag !== b.vlanSTag) return false;
  return a.vlanCTag === undefined || b.vlanCTag === undefined || a.vlanCTag === b.vlanCTag;
}

/** The port-side link protocols a connection occupies. */
export function occupied(c: { aSide: StoredSide; zSide: StoredSide }): { port: PortDef; lp: LinkProtocol }[] {
  const out: { port: PortDef; lp: LinkProtocol }[] = [];
  for (const s of [c.aSide, c.zSide]) if (s.kind === "port") out.push({ port: s.port, lp: s.linkProtocol });
  return out;
}

export function duplicateVlanError(property: string): EquinixError {
  return eqError(
    EQ.duplicateVlan,
    "Connection has duplicate buyer-side VLAN ID for port or the same VLAN ID is in the process of being deleted and should be freed up soon",
    property,
    "VLAN already in use on this port",
  );
}

/** Checks a side's VLAN against live connections (except `self`). */
export function vlanTaken(port: PortDef, lp: LinkProtocol, live: ConnectionRecord[], self?: string): boolean {
  return live.some((c) => c.uuid !== self && occupied(c).some((o) => o.port.uuid === port.uuid && vlansCollide(o.lp, lp)));
}

function findPortDef(uuid: unknown): PortDef | undefined {
  return PORTS.find((p) => p.uuid === uuid);
}

/**
 * Validates a ConnectionPostRequest the way Fabric v4 does; every error found is returned (the
 * vendor answers with the whole list).
 */
export function validateCreate(body: unknown, opts: ValidationOptions): { errors: EquinixError[]; value?: ValidConnection } {
  const vlanMax = opts.vlanMax ?? 4092;
  if (!isObj(body)) return { errors: [eqError(EQ.invalidBody, "Invalid request body", undefined, undefined, "the body must be a JSON object")] };
  const errors: EquinixError[] = [];
  if (typeof body.type !== "string" || !CONNECTION_TYPES.includes(body.type)) errors.push(invalid("/type", `type is required, one of ${CONNECTION_TYPES.join(", ")}`));
  else if (body.type !== "EVPL_VC") errors.push(invalid("/type", "the sandbox models EVPL_VC connections only"));
  errors.push(...checkName(body.name));
  if (!isInt(body.bandwidth) || body.bandwidth <= 0 || body.bandwidth > 10000) errors.push(invalid("/bandwidth", "bandwidth (Mbps) is required: a positive integer up to 10000"));
  errors.push(...checkNotifications(body.notifications));
  const order = isObj(body.order) ? body.order : {};
  if (body.order !== undefined && !isObj(body.order)) errors.push(invalid("/order", "order must be an object"));
  if (order.termLength !== undefined && !TERM_LENGTHS.includes(order.termLength)) errors.push(invalid("/order/termLength", `termLength must be one of ${TERM_LENGTHS.join(", ")}`));
  const red = isObj(body.redundancy) ? body.redundancy : {};
  if (red.priority !== undefined && red.priority !== "PRIMARY" && red.priority !== "SECONDARY") {
    errors.push(eqError(EQ.redundancyPriorityInvalid, "Invalid redundancy priority", "/redundancy/priority", "must be PRIMARY or SECONDARY"));
  }

  // A side: a COLO port.
  const aAp = isObj(body.aSide) && isObj(body.aSide.accessPoint) ? body.aSide.accessPoint : undefined;
  let aPort: PortDef | undefined;
  if (isObj(body.aSide) && body.aSide.serviceToken !== undefined) errors.push(invalid("/aSide/serviceToken", "service tokens are not modelled by the sandbox; use a COLO port"));
  else if (!aAp) errors.push(invalid("/aSide/accessPoint", "aSide.accessPoint is required"));
  else if (aAp.type !== "COLO") errors.push(invalid("/aSide/accessPoint/type", "the sandbox models COLO (port) A sides only"));
  else if (!isObj(aAp.port) || typeof aAp.port.uuid !== "string") errors.push(invalid("/aSide/accessPoint/port/uuid", "port uuid is required"));
  else if (!(aPort = findPortDef(aAp.port.uuid))) errors.push(eqError(EQ.notFoundPortOrProfile, "Port not found", "/aSide/accessPoint/port/uuid", `no port ${aAp.port.uuid} in this account`));

  // Z side: a service profile or a COLO port.
  const zAp = isObj(body.zSide) && isObj(body.zSide.accessPoint) ? body.zSide.accessPoint : undefined;
  let zSide: StoredSide | undefined;
  let zPort: PortDef | undefined;
  let profile: ProfileDef | undefined;
  if (!zAp) errors.push(invalid("/zSide/accessPoint", "zSide.accessPoint is required"));
  else if (zAp.type === "SP") {
    if (!isObj(zAp.profile) || typeof zAp.profile.uuid !== "string") errors.push(invalid("/zSide/accessPoint/profile/uuid", "profile uuid is required"));
    else if (!(profile = findProfile(zAp.profile.uuid))) errors.push(eqError(EQ.notFoundPortOrProfile, "Service profile not found", "/zSide/accessPoint/profile/uuid", `no service profile ${zAp.profile.uuid}`));
    if (profile) {
      const metroCode: string | undefined = isObj(zAp.location) && typeof zAp.location.metroCode === "string" ? zAp.location.metroCode : aPort?.metroCode;
      let ok = true;
      if (!metroCode || !metro(metroCode) || !profile.metros.includes(metroCode)) {
        ok = false;
        errors.push(eqError(EQ.metroNotServed, "Service provider is not available in the requested metro", "/zSide/accessPoint/location/metroCode", `${profile.name} is offered in ${profile.metros.join(", ")}`));
      }
      if (!profile.bandwidths.includes(body.bandwidth)) {
        errors.push(eqError(EQ.bandwidthNotSupported, "Bandwidth is not supported by the service profile", "/bandwidth", `supported: ${profile.bandwidths.join(", ")} Mbps`));
      }
      if (profile.authKeyRequired && (typeof zAp.authenticationKey !== "string" || zAp.authenticationKey.trim() === "")) {
        errors.push(eqError(EQ.authKeyRequired, "Authentication key is required for this service profile", "/zSide/accessPoint/authenticationKey", `${profile.authKeyLabel ?? "authentication key"} is required`));
      }
      let sellerRegion: string | undefined = typeof zAp.sellerRegion === "string" ? zAp.sellerRegion : undefined;
      const regions = metroCode ? profile.sellerRegions[metroCode] : undefined;
      if (ok && regions) {
        if (sellerRegion === undefined) sellerRegion = Object.keys(regions)[0];
        else if (!(sellerRegion in regions)) {
          ok = false;
          errors.push(eqError(EQ.metroNotServed, "Seller region is not available in the requested metro", "/zSide/accessPoint/sellerRegion", `in ${metroCode}: ${Object.keys(regions).join(", ")}`));
        }
      }
      if (ok && metroCode) {
        zSide = {
          kind: "profile",
          profile,
          metroCode,
          sellerRegion,
          authenticationKey: typeof zAp.authenticationKey === "string" ? zAp.authenticationKey : undefined,
          linkProtocol: { type: "DOT1Q" },
        };
      }
    }
  } else if (zAp.type === "COLO") {
    if (!isObj(zAp.port) || typeof zAp.port.uuid !== "string") errors.push(invalid("/zSide/accessPoint/port/uuid", "port uuid is required"));
    else if (!(zPort = findPortDef(zAp.port.uuid))) errors.push(eqError(EQ.notFoundPortOrProfile, "Port not found", "/zSide/accessPoint/port/uuid", `no port ${zAp.port.uuid} in this account`));
  } else errors.push(invalid("/zSide/accessPoint/type", "the sandbox models SP (service profile) and COLO (port) Z sides"));

  // Link protocols, once both ends are known.
  let aLp: LinkProtocol | undefined;
  if (aPort && aAp) {
    const zDot1q = profile ? profile.encapsulation === "DOT1Q" : zPort ? zPort.encapsulation === "DOT1Q" : false;
    const r = checkLinkProtocol(aAp.linkProtocol, aPort, "/aSide/accessPoint/linkProtocol", zDot1q, vlanMax);
    errors.push(...r.errors);
    aLp = r.value;
  }
  if (zPort && zAp) {
    const r = checkLinkProtocol(zAp.linkProtocol, zPort, "/zSide/accessPoint/linkProtocol", aPort?.encapsulation === "DOT1Q", vlanMax);
    errors.push(...r.errors);
    if (r.value) zSide = { kind: "port", port: zPort, linkProtocol: r.value, metroCode: zPort.metroCode };
  }
  if (zSide?.kind === "profile" && aLp) {
    // Equinix manages the provider-facing VLAN: the customer's DOT1Q tag, or the inner tag of a QINQ port.
    zSide.linkProtocol = { type: "DOT1Q", vlanTag: aLp.type === "DOT1Q" ? aLp.vlanTag : aLp.vlanCTag ?? aLp.vlanSTag };
  }

  // Duplicate VLANs (against live connections and between the two ends of this one).
  if (aPort && aLp && vlanTaken(aPort, aLp, opts.live)) errors.push(duplicateVlanError("/aSide/accessPoint/linkProtocol"));
  if (zSide?.kind === "port") {
    if (vlanTaken(zSide.port, zSide.linkProtocol, opts.live) || (aPort && aLp && aPort.uuid === zSide.port.uuid && vlansCollide(aLp, zSide.linkProtocol))) {
      errors.push(duplicateVlanError("/zSide/accessPoint/linkProtocol"));
    }
  }

  // Redundancy.
  const priority: "PRIMARY" | "SECONDARY" = red.priority === "SECONDARY" ? "SECONDARY" : "PRIMARY";
  let group: string | undefined;
  if (priority === "SECONDARY") {
    if (typeof red.group !== "string" || red.group === "") {
      errors.push(eqError(EQ.redundancyGroupRequired, "Redundancy group is required for a secondary connection", "/redundancy/group", "set redundancy.group to the primary connection's redundancy.group"));
    } else {
      const members = opts.live.filter((c) => c.redundancy.group === red.group);
      const primary = members.find((c) => c.redundancy.priority === "PRIMARY");
      if (!primary) errors.push(eqError(EQ.redundancyGroupNotFound, "Redundancy group not found", "/redundancy/group", `no live primary connection in group ${red.group}`));
      else if (members.some((c) => c.redundancy.priority === "SECONDARY")) {
        errors.push(eqError(EQ.redundancyPriorityTaken, "Redundancy group already has a SECONDARY connection", "/redundancy/priority", `group ${red.group} is complete`));
      } else {
        group = red.group;
        const pz = primary.zSide;
        const same = zSide
          ? pz.kind === zSide.kind && (pz.kind === "profile" ? pz.profile.uuid === (zSide as { profile: ProfileDef }).profile.uuid : true)
          : true;
        if (!same) errors.push(eqError(EQ.pairSameProfile, "Primary and secondary connections must use the same service profile", "/zSide/accessPoint/profile/uuid", `the primary ${primary.uuid} uses another Z side`));
      }
    }
  }

  if (errors.length || !aPort || !aLp || !zSide) {
    if (!errors.length) errors.push(invalid("/", "incomplete request"));
    return { errors };
  }
  const notifications = (body.notifications as Notification[]).map((n) => ({ type: n.type, emails: [...n.emails] }));
  return {
    errors,
    value: {
      type: body.type,
      name: body.name,
      description: typeof body.description === "string" ? body.description : undefined,
      bandwidth: body.bandwidth,
      notifications,
      order: {
        ...(typeof order.purchaseOrderNumber === "string" ? { purchaseOrderNumber: order.purchaseOrderNumber } : {}),
        ...(typeof order.customerReferenceNumber === "string" ? { customerReferenceNumber: order.customerReferenceNumber } : {}),
        termLength: order.termLength ?? 1,
      },
      priority,
      group,
      aSide: { kind: "port", port: aPort, linkProtocol: aLp, metroCode: aPort.metroCode },
      zSide,
      additionalInfo: Array.isArray(body.additionalInfo) ? body.additionalInfo.filter(isObj).map((x: any) => ({ key: String(x.key), value: String(x.value) })) : undefined,
      projectId: isObj(body.project) && typeof body.project.projectId === "string" ? body.project.projectId : undefined,
    },
  };
}
