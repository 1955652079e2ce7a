import type { ASides, CloudRouterRecord, DeviceInterface, ServiceTokenRecord, VirtualDeviceRecord } from "./aSides";
import { findProfile, metro, PORTS, type PortDef, type ProfileDef } from "./catalog";
import { EQ, eqError, type EquinixError } from "./errors";
import type { ConnectionRecord, LinkProtocol, Notification, StoredASide, StoredSide } from "./model";

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
  aSide: StoredASide;
  zSide: StoredSide;
  additionalInfo?: { key: string; value: string }[];
  projectId?: string;
}

export interface ValidationOptions {
  /** highest VLAN tag accepted (v4: 4092; ECX v3: 4094) */
  vlanMax?: number;
  /** live connections to check VLANs, device interfaces and redundancy against */
  live: ConnectionRecord[];
  /** the customer's service tokens, cloud routers and virtual devices (none when omitted) */
  aSides?: ASides;
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
export function occupied(c: { aSide: StoredASide; zSide: StoredSide }): { port: PortDef; lp: LinkProtocol }[] {
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
  const typeOk = typeof body.type === "string" && CONNECTION_TYPES.includes(body.type);
  if (!typeOk) errors.push(invalid("/type", `type is required, one of ${CONNECTION_TYPES.join(", ")}`));
  else if (body.type !== "EVPL_VC" && body.type !== "IP_VC") errors.push(invalid("/type", "the sandbox models EVPL_VC connections (and IP_VC from a Fabric Cloud Router)"));
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

  // A side: a COLO port, an A-side service token (which carries port and VLAN), a Fabric Cloud Router
  // (IP_VC) or a Network Edge virtual device (VD, type EDGE).
  const a = resolveASide(body, opts, errors);
  const aPort: PortDef | undefined = a?.kind === "colo" || a?.kind === "token" ? a.port : undefined;
  const aMetro: string | undefined = aPort?.metroCode ?? (a?.kind === "router" ? a.router.metroCode : a?.kind === "device" ? a.device.metroCode : undefined);
  if (typeOk && a?.kind === "router" && body.type !== "IP_VC") errors.push(invalid("/type", "a connection from a Fabric Cloud Router is an IP_VC"));
  if (typeOk && a && a.kind !== "router" && body.type === "IP_VC") errors.push(invalid("/type", "IP_VC connections start at a Fabric Cloud Router (aSide.accessPoint.type CLOUD_ROUTER); use EVPL_VC"));

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
      const metroCode: string | undefined = isObj(zAp.location) && typeof zAp.location.metroCode === "string" ? zAp.location.metroCode : aMetro;
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
  const zDot1q = profile ? profile.encapsulation === "DOT1Q" : zPort ? zPort.encapsulation === "DOT1Q" : false;
  if (a?.kind === "colo") {
    const r = checkLinkProtocol(a.ap.linkProtocol, a.port, "/aSide/accessPoint/linkProtocol", zDot1q, vlanMax);
    errors.push(...r.errors);
    aLp = r.value;
  } else if (a?.kind === "token") {
    // The token carries the tags; the rules still apply to them (a QINQ token towards a DOT1Q side needs a C-tag).
    const r = checkLinkProtocol(a.token.linkProtocol, a.port, "/aSide/serviceToken", zDot1q, vlanMax);
    errors.push(...r.errors.map((e) => ({ ...e, additionalInfo: e.additionalInfo?.map((x) => ({ property: "/aSide/serviceToken/uuid", reason: `the token's tags: ${x.reason ?? ""}` })) })));
    aLp = r.value;
  }
  if (a?.kind === "token" && zSide) {
    const t = a.token;
    if (body.bandwidth > t.bandwidthLimit) errors.push(eqError(EQ.bandwidthNotSupported, "Bandwidth exceeds the service token's limit", "/bandwidth", `service token ${t.uuid} allows up to ${t.bandwidthLimit} Mbps`));
    if (!t.allowRemoteConnection && zSide.metroCode !== t.port.metroCode) {
      errors.push(invalid("/aSide/serviceToken/uuid", `service token ${t.uuid} does not allow remote connections: its port is in ${t.port.metroCode}, the Z side in ${zSide.metroCode}`));
    }
  }
  if (zPort && zAp) {
    const r = checkLinkProtocol(zAp.linkProtocol, zPort, "/zSide/accessPoint/linkProtocol", aPort?.encapsulation === "DOT1Q", vlanMax);
    errors.push(...r.errors);
    if (r.value) zSide = { kind: "port", port: zPort, linkProtocol: r.value, metroCode: zPort.metroCode };
  }
  if (zSide?.kind === "profile" && aLp) {
    // Equinix manages the provider-facing VLAN: the customer's DOT1Q tag, or the inner tag of a QINQ port.
    zSide.linkProtocol = { type: "DOT1Q", vlanTag: aLp.type === "DOT1Q" ? aLp.vlanTag : aLp.vlanCTag ?? aLp.vlanSTag };
  } else if (zSide?.kind === "profile" && (a?.kind === "router" || a?.kind === "device")) {
    // No customer VLAN on a router or a device: Equinix assigns the provider-facing one.
    zSide.linkProtocol = { type: "DOT1Q", vlanTag: assignProviderVlan(zSide.profile.uuid, zSide.metroCode, opts.live) };
  }

  // Duplicate VLANs (against live connections and between the two ends of this one).
  if (aPort && aLp && vlanTaken(aPort, aLp, opts.live)) errors.push(duplicateVlanError(a?.kind === "token" ? "/aSide/serviceToken/uuid" : "/aSide/accessPoint/linkProtocol"));
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

  const aSide: StoredASide | undefined =
    a?.kind === "router"
      ? { kind: "router", router: { uuid: a.router.uuid, name: a.router.name }, metroCode: a.router.metroCode }
      : a?.kind === "device"
        ? { kind: "device", device: { uuid: a.device.uuid, name: a.device.name }, interface: { id: a.iface.id, uuid: a.iface.uuid }, metroCode: a.device.metroCode }
        : aPort && aLp
          ? { kind: "port", port: aPort, linkProtocol: aLp, metroCode: aPort.metroCode, ...(a?.kind === "token" ? { serviceToken: a.token.uuid } : {}) }
          : undefined;
  if (errors.length || !aSide || !zSide) {
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
      aSide,
      zSide,
      additionalInfo: Array.isArray(body.additionalInfo) ? body.additionalInfo.filter(isObj).map((x: any) => ({ key: String(x.key), value: String(x.value) })) : undefined,
      projectId: isObj(body.project) && typeof body.project.projectId === "string" ? body.project.projectId : undefined,
    },
  };
}

type ResolvedASide =
  | { kind: "colo"; port: PortDef; ap: Record<string, any> }
  | { kind: "token"; port: PortDef; token: ServiceTokenRecord }
  | { kind: "router"; router: CloudRouterRecord }
  | { kind: "device"; device: VirtualDeviceRecord; iface: DeviceInterface };

/**
 * The A side the request names, checked the way Fabric checks it; problems are pushed to `errors`.
 * A service token must exist, be ACTIVE and not expired (it is used once); a cloud router must be
 * PROVISIONED; a virtual device must be PROVISIONED and have a free interface (`interface.id` picks one,
 * else the next free one is taken).
 */
function resolveASide(body: Record<string, any>, opts: ValidationOptions, errors: EquinixError[]): ResolvedASide | undefined {
  const side = isObj(body.aSide) ? body.aSide : undefined;
  if (!side) {
    errors.push(invalid("/aSide", "aSide is required: an accessPoint (COLO port, CLOUD_ROUTER or VD) or a serviceToken"));
    return undefined;
  }
  if (side.serviceToken !== undefined) {
    if (side.accessPoint !== undefined) {
      errors.push(invalid("/aSide/accessPoint", "give aSide.serviceToken or aSide.accessPoint, not both: the service token provides the access point"));
      return undefined;
    }
    const token = referenced(errors, side.serviceToken, "/aSide/serviceToken/uuid", "service token", (u) => opts.aSides?.tokens.get(u), "Service token not found", (u) => `no service token ${u} in this account`);
    if (!token) return undefined;
    const uuid = token.uuid;
    const state = opts.aSides!.tokenState(token);
    if (state !== "ACTIVE") {
      const why =
        state === "EXPIRED"
          ? `it expired at ${new Date(token.expiresAt).toISOString()}`
          : state === "INACTIVE" && token.connectionUuid
            ? `it was already used by connection ${token.connectionUuid} (a token is used once)`
            : `it is ${state}`;
      errors.push(invalid("/aSide/serviceToken/uuid", `service token ${uuid} cannot be used: ${why}; only an ACTIVE, unexpired token can be redeemed`));
      return undefined;
    }
    return { kind: "token", port: token.port, token };
  }
  const ap = isObj(side.accessPoint) ? side.accessPoint : undefined;
  if (!ap) {
    errors.push(invalid("/aSide/accessPoint", "aSide.accessPoint is required (or aSide.serviceToken)"));
    return undefined;
  }
  switch (ap.type) {
    case "COLO": {
      if (!isObj(ap.port) || typeof ap.port.uuid !== "string") {
        errors.push(invalid("/aSide/accessPoint/port/uuid", "port uuid is required"));
        return undefined;
      }
      const port = findPortDef(ap.port.uuid);
      if (!port) {
        errors.push(eqError(EQ.notFoundPortOrProfile, "Port not found", "/aSide/accessPoint/port/uuid", `no port ${ap.port.uuid} in this account`));
        return undefined;
      }
      return { kind: "colo", port, ap };
    }
    case "CLOUD_ROUTER": {
      const router = referenced(errors, ap.router, "/aSide/accessPoint/router/uuid", "router", (u) => opts.aSides?.routers.get(u), "Cloud Router not found", (u) => `no Fabric Cloud Router ${u} in this account`);
      if (!router) return undefined;
      const uuid = router.uuid;
      const state = opts.aSides!.routerState(router);
      if (state !== "PROVISIONED") {
        errors.push(invalid("/aSide/accessPoint/router/uuid", `Fabric Cloud Router ${uuid} is ${state}; connections can be created from a PROVISIONED router only`));
        return undefined;
      }
      return { kind: "router", router };
    }
    case "VD": {
      const vd = isObj(ap.virtualDevice) ? ap.virtualDevice : undefined;
      if (!vd || typeof vd.uuid !== "string" || vd.uuid === "") {
        errors.push(invalid("/aSide/accessPoint/virtualDevice/uuid", "virtual device uuid is required"));
        return undefined;
      }
      if (vd.type !== undefined && vd.type !== "EDGE") {
        errors.push(invalid("/aSide/accessPoint/virtualDevice/type", "virtualDevice.type must be EDGE (a Network Edge device)"));
        return undefined;
      }
      const device = opts.aSides?.devices.get(vd.uuid);
      if (!device) {
        errors.push(eqError(EQ.notFoundPortOrProfile, "Virtual device not found", "/aSide/accessPoint/virtualDevice/uuid", `no Network Edge device ${vd.uuid} in this account`));
        return undefined;
      }
      if (device.status !== "PROVISIONED") {
        errors.push(invalid("/aSide/accessPoint/virtualDevice/uuid", `Network Edge device ${vd.uuid} is ${device.status}; connections can be created from a PROVISIONED device only`));
        return undefined;
      }
      const holders = opts.live;
      const asked = ap.interface;
      if (asked !== undefined) {
        if (!isObj(asked) || !isInt(asked.id)) {
          errors.push(invalid("/aSide/accessPoint/interface/id", "interface.id must be the number of one of the device's interfaces"));
          return undefined;
        }
        if (asked.type !== undefined && asked.type !== "NETWORK") {
          errors.push(invalid("/aSide/accessPoint/interface/type", "interface.type must be NETWORK for a Network Edge device"));
          return undefined;
        }
        const iface = device.interfaces.find((i) => i.id === asked.id);
        if (!iface || iface.type !== "DATA") {
          const data = device.interfaces.filter((i) => i.type === "DATA").map((i) => i.id);
          errors.push(invalid("/aSide/accessPoint/interface/id", `device ${device.name} has no data interface ${asked.id} (data interfaces: ${data[0]}..${data[data.length - 1]})`));
          return undefined;
        }
        const user = opts.aSides!.interfaceUser(device.uuid, iface.id, holders);
        if (user) {
          errors.push(invalid("/aSide/accessPoint/interface/id", `interface ${iface.id} of device ${device.name} is already used by connection ${user.uuid}`));
          return undefined;
        }
        return { kind: "device", device, iface };
      }
      const free = device.interfaces.find((i) => i.type === "DATA" && !opts.aSides!.interfaceUser(device.uuid, i.id, holders));
      if (!free) {
        errors.push(invalid("/aSide/accessPoint/virtualDevice/uuid", `Network Edge device ${device.name} has no free interface left`));
        return undefined;
      }
      return { kind: "device", device, iface: free };
    }
    default:
      errors.push(invalid("/aSide/accessPoint/type", "the sandbox models COLO (port), CLOUD_ROUTER and VD (Network Edge device) A sides, and A-side service tokens"));
      return undefined;
  }
}

/**
 * The VLAN Equinix assigns towards the provider for a connection without a customer VLAN (from a cloud
 * router or a virtual device): the lowest tag from 100 that no live connection to the same profile in the
 * same metro uses (kept below 3000, which Alibaba's VBRs accept).
 */
function assignProviderVlan(profileUuid: string, metroCode: string, live: ConnectionRecord[]): number {
  const used = new Set(
    live.flatMap((c) => (c.zSide.kind === "profile" && c.zSide.profile.uuid === profileUuid && c.zSide.metroCode === metroCode && c.zSide.linkProtocol.vlanTag !== undefined ? [c.zSide.linkProtocol.vlanTag] : [])),
  );
  let tag = 100;
  while (used.has(tag)) tag++;
  return tag;
}

/**
 * The object a `{uuid}` reference at `path` names: the uuid is required (else `invalid`), and `find` must
 * know it (else not found, EQ-3142301 as for ports and profiles); the error is pushed and the answer is
 * undefined otherwise.
 */
function referenced<T>(errors: EquinixError[], ref: unknown, path: string, what: string, find: (uuid: string) => T | undefined, notFound: string, detail: (uuid: string) => string): T | undefined {
  const uuid = isObj(ref) ? ref.uuid : undefined;
  if (typeof uuid !== "string" || uuid === "") {
    errors.push(invalid(path, `${what} uuid is required`));
    return undefined;
  }
  const found = find(uuid);
  if (!found) errors.push(eqError(EQ.notFoundPortOrProfile, notFound, path, detail(uuid)));
  return found;
}
