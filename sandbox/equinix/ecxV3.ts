import type { NextFunction, Request, Response, Router } from "express";
import { routeRegistrar, type SandboxContext } from "../core/api";
import { findProfile, PORTS, type PortDef } from "./catalog";
import { EQ, type EquinixError } from "./errors";
import type { EquinixAuth } from "./oauth";
import { GONE_STATUSES, type ConnectionRecord, type LinkProtocol } from "./model";
import { EquinixApiFailure, type EquinixWorld } from "./world";

/**
 * ECX v3 (the legacy L2 API of Equinix's guides "Connect to Alibaba" and "Connect to Myself"), on the same world as Fabric v4: a v3 POST is
 * translated into one Fabric ConnectionPostRequest per leg and created by `world.createConnection`, so
 * the v3 connections follow the same state machines, VLAN and profile rules, and show through Fabric
 * v4 GET and search, as they do at Equinix. Answers use the v3 shapes (flat objects, errors
 * `{errorCode, errorMessage, property, moreInfo}`).
 */

/** One ECX v3 error as the legacy API sends it. */
export interface EcxV3Error {
  errorCode: string;
  errorMessage: string;
  property?: string;
  moreInfo?: string;
}

/** Codes of the legacy API the sandbox answers with. */
export const ECX = {
  invalid: "IC-LAYER2-4001",
  notFound: "IC-LAYER2-4004",
  unauthorized: "IC-LAYER2-4010",
  /** the connection was already deleted */
  alreadyDeleted: "IC-LAYER2-4021",
} as const;

export const ECX_NAME_MAX = 24;
export const ECX_VLAN_MAX = 4094;
const NAME_RE = /^[A-Za-z0-9_-]+$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ecxError(errorCode: string, errorMessage: string, property?: string, moreInfo?: string): EcxV3Error {
  return { errorCode, errorMessage, ...(property !== undefined ? { property } : {}), ...(moreInfo ? { moreInfo } : {}) };
}

/** A Fabric error array in the v3 shape: the property without its JSON pointer, codes kept except "already deleted". */
function fromFabric(errors: EquinixError[]): EcxV3Error[] {
  return errors.map((e) =>
    ecxError(
      e.errorCode === EQ.alreadyDeleted ? ECX.alreadyDeleted : e.errorCode,
      e.errorMessage,
      e.additionalInfo?.[0]?.property?.replace(/^\//, "").replace(/\//g, "."),
      [e.additionalInfo?.[0]?.reason, e.details].filter(Boolean).join("; ") || undefined,
    ),
  );
}

class V3Failure extends Error {
  constructor(public status: number, public errors: EcxV3Error[]) {
    super(errors.map((e) => `${e.errorCode} ${e.errorMessage}`).join("; "));
  }
}

type Flat = Record<string, unknown>;

/** A v3 VLAN tag: the guides' examples send strings ("774"), their field tables say integers; both are accepted. */
function tag(body: Flat, field: string, errors: EcxV3Error[], required: boolean): number | undefined {
  const v = body[field];
  if (v === undefined || v === null || v === "") {
    if (required) errors.push(ecxError(ECX.invalid, `${field} is required`, field));
    return undefined;
  }
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 2 || n > ECX_VLAN_MAX) {
    errors.push(ecxError(ECX.invalid, `${field} must be a number between 2 and ${ECX_VLAN_MAX}`, field));
    return undefined;
  }
  return n;
}

function findPortDef(uuid: unknown): PortDef | undefined {
  return PORTS.find((p) => p.uuid === uuid);
}

/** The v4 link protocol of one end from its v3 S- and C-tags, by the port's encapsulation. */
function linkProtocol(port: PortDef, s: number | undefined, c: number | undefined, cField: string, errors: EcxV3Error[]): LinkProtocol {
  if (port.encapsulation === "DOT1Q") {
    if (c !== undefined) errors.push(ecxError(ECX.invalid, `${cField} is not allowed: port ${port.name} is Dot1Q, which takes the S-tag only`, cField));
    return { type: "DOT1Q", vlanTag: s };
  }
  return { type: "QINQ", vlanSTag: s, ...(c !== undefined ? { vlanCTag: c } : {}) };
}

/** The Fabric v4 ConnectionPostRequest of one leg ("primary" or "secondary") of a v3 POST body. */
function legRequest(body: Flat, leg: "primary" | "secondary", errors: EcxV3Error[]): Flat | undefined {
  const f = (s: string) => `${leg}${s}`;
  const n0 = errors.length;
  const name = body[f("Name")];
  if (typeof name !== "string" || name === "") errors.push(ecxError(ECX.invalid, `${f("Name")} is required`, f("Name")));
  else if (name.length > ECX_NAME_MAX || !NAME_RE.test(name)) {
    errors.push(ecxError(ECX.invalid, `${f("Name")} must be at most ${ECX_NAME_MAX} letters, digits, '-' or '_'`, f("Name")));
  }
  const portUuid = body[f("PortUUID")];
  const port = findPortDef(portUuid);
  if (!port) errors.push(ecxError(ECX.notFound, `port ${String(portUuid ?? "")} not found`, f("PortUUID")));
  const s = tag(body, f("VlanSTag"), errors, true);
  const c = tag(body, f("VlanCTag"), errors, false);
  const zPortUuid = body[f("ZSidePortUUID")];
  let zSide: Flat | undefined;
  if (zPortUuid !== undefined) {
    const zPort = findPortDef(zPortUuid);
    if (!zPort) errors.push(ecxError(ECX.notFound, `port ${String(zPortUuid)} not found`, f("ZSidePortUUID")));
    const zs = tag(body, f("ZSideVlanSTag"), errors, true);
    const zc = tag(body, f("ZSideVlanCTag"), errors, false);
    if (zPort && typeof body.sellerMetroCode === "string" && body.sellerMetroCode && body.sellerMetroCode !== zPort.metroCode) {
      errors.push(ecxError(ECX.invalid, `sellerMetroCode ${body.sellerMetroCode} is not the metro of ${f("ZSidePortUUID")} (${zPort.metroCode})`, "sellerMetroCode"));
    }
    if (zPort) zSide = { accessPoint: { type: "COLO", port: { uuid: zPort.uuid }, linkProtocol: linkProtocol(zPort, zs, zc, f("ZSideVlanCTag"), errors) } };
  } else {
    for (const z of ["ZSideVlanSTag", "ZSideVlanCTag"]) {
      if (body[f(z)] !== undefined) errors.push(ecxError(ECX.invalid, `${f(z)} applies only with ${f("ZSidePortUUID")}`, f(z)));
    }
    const profile = body.profileUUID;
    if (typeof profile !== "string" || profile === "") {
      errors.push(ecxError(ECX.invalid, `profileUUID is required unless ${f("ZSidePortUUID")} is set`, "profileUUID"));
    } else {
      zSide = {
        accessPoint: {
          type: "SP",
          profile: { type: "L2_PROFILE", uuid: profile },
          ...(typeof body.sellerMetroCode === "string" && body.sellerMetroCode ? { location: { metroCode: body.sellerMetroCode } } : {}),
          ...(typeof body.sellerRegion === "string" && body.sellerRegion ? { sellerRegion: body.sellerRegion } : {}),
          ...(typeof body.authorizationKey === "string" ? { authenticationKey: body.authorizationKey } : {}),
        },
      };
    }
  }
  if (errors.length > n0 || !port || !zSide) return undefined;
  const unit = body.speedUnit;
  const speed = body.speed;
  return {
    type: "EVPL_VC",
    name,
    bandwidth: typeof speed === "number" ? (unit === "GB" ? speed * 1000 : speed) : speed,
    notifications: [{ type: "ALL", emails: body.notifications }],
    order: { ...(typeof body.purchaseOrderNumber === "string" ? { purchaseOrderNumber: body.purchaseOrderNumber } : {}) },
    aSide: { accessPoint: { type: "COLO", port: { uuid: port.uuid }, linkProtocol: linkProtocol(port, s, c, f("VlanCTag"), errors) } },
    zSide,
  };
}

function commonErrors(body: Flat): EcxV3Error[] {
  const errors: EcxV3Error[] = [];
  if (!Number.isInteger(body.speed) || (body.speed as number) <= 0) errors.push(ecxError(ECX.invalid, "speed is required: a positive integer", "speed"));
  if (body.speedUnit !== "MB" && body.speedUnit !== "GB") errors.push(ecxError(ECX.invalid, "speedUnit must be MB or GB", "speedUnit"));
  const n = body.notifications;
  if (!Array.isArray(n) || n.length === 0 || n.some((e) => typeof e !== "string" || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(e))) {
    errors.push(ecxError(ECX.invalid, "notifications must be a non-empty list of email addresses", "notifications"));
  }
  // With Z-side ports the profile is the customer's own (private) profile; it must exist.
  if (body.primaryZSidePortUUID !== undefined && typeof body.profileUUID === "string" && !findProfile(body.profileUUID)) {
    errors.push(ecxError(ECX.notFound, `service profile ${body.profileUUID} not found`, "profileUUID"));
  }
  return errors;
}

/** Validates a v3 POST body and creates its leg(s) in the world. All-or-nothing: both legs or none. */
export function createV3(world: EquinixWorld, body: unknown, createdBy?: string): { primary: ConnectionRecord; secondary?: ConnectionRecord } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new V3Failure(400, [ecxError(ECX.invalid, "the body must be a JSON object")]);
  const b = body as Flat;
  const errors = commonErrors(b);
  const primaryReq = legRequest(b, "primary", errors);
  const redundant = ["secondaryName", "secondaryPortUUID", "secondaryVlanSTag"].some((k) => b[k] !== undefined);
  const secondaryReq = redundant ? legRequest(b, "secondary", errors) : undefined;
  if (errors.length || !primaryReq || (redundant && !secondaryReq)) throw new V3Failure(400, errors);
  const opts = { origin: "ecxv3" as const, vlanMax: ECX_VLAN_MAX, createdBy };
  const fabric = (f: () => ConnectionRecord) => {
    try {
      return f();
    } catch (e) {
      if (e instanceof EquinixApiFailure) throw new V3Failure(e.status, fromFabric(e.errors));
      throw e;
    }
  };
  // Validate both legs before writing anything; the secondary also against the primary's ports and VLANs.
  fabric(() => world.createConnection(primaryReq, { ...opts, dryRun: true }));
  if (secondaryReq) {
    fabric(() => world.createConnection(secondaryReq, { ...opts, dryRun: true }));
    if (sameEnds(primaryReq, secondaryReq)) {
      throw new V3Failure(400, [ecxError(EQ.duplicateVlan, "the secondary uses the primary's port and VLAN", "secondaryVlanSTag")]);
    }
  }
  const extra = { speedUnit: b.speedUnit, profileUUID: typeof b.profileUUID === "string" ? b.profileUUID : undefined, namedTag: b.namedTag };
  const primary = fabric(() => world.createConnection({ ...primaryReq, redundancy: { priority: "PRIMARY" } }, opts));
  primary.internal.extra.ecxV3 = extra;
  let secondary: ConnectionRecord | undefined;
  if (secondaryReq) {
    secondary = fabric(() => world.createConnection({ ...secondaryReq, redundancy: { priority: "SECONDARY", group: primary.redundancy.group } }, opts));
    secondary.internal.extra.ecxV3 = extra;
    primary.internal.extra.redundantUUID = secondary.uuid;
    secondary.internal.extra.redundantUUID = primary.uuid;
  }
  return { primary, secondary };
}

function sameEnds(a: Flat, b: Flat): boolean {
  const ends = (r: Flat) =>
    [r.aSide, r.zSide].map((s) => JSON.stringify((s as { accessPoint: Flat }).accessPoint.port ? [(s as any).accessPoint.port.uuid, (s as any).accessPoint.linkProtocol] : null));
  const ea = ends(a);
  const eb = ends(b);
  return ea.some((x) => x !== "null" && eb.includes(x));
}

const enc = (t: string | undefined) => (t === "QINQ" ? "qinq" : t === "DOT1Q" ? "dot1q" : undefined);

/** A connection as `GET /ecx/v3/l2/connections/{id}` returns it (flat), its state on the sandbox clock. */
export function renderV3(world: EquinixWorld, rec: ConnectionRecord, now: number): Record<string, unknown> {
  const p = rec.internal.phases.current(now);
  const v3 = (rec.internal.extra.ecxV3 ?? {}) as { speedUnit?: string; profileUUID?: string; namedTag?: string };
  const unit = v3.speedUnit === "GB" || (v3.speedUnit === undefined && rec.bandwidth >= 1000 && rec.bandwidth % 1000 === 0) ? "GB" : "MB";
  const aSide = rec.aSide;
  // ECX v3 shows a port's tags; a connection from a Network Edge device shows the device (a Fabric v4
  // connection from a cloud router has neither).
  const a = aSide.kind === "port" ? aSide.linkProtocol : undefined;
  const z = rec.zSide;
  const iso = (t: number) => new Date(t).toISOString();
  const out: Record<string, unknown> = {
    buyerOrganizationName: "Sandbox Interconnect Ltd",
    uuid: rec.uuid,
    name: rec.name,
    ...(a ? { vlanSTag: a.type === "DOT1Q" ? a.vlanTag : a.vlanSTag } : {}),
    ...(a?.vlanCTag !== undefined ? { vlanCTag: a.vlanCTag } : {}),
    ...(aSide.kind === "port" ? { portUUID: aSide.port.uuid, portName: aSide.port.name } : {}),
    ...(aSide.kind === "device" ? { virtualDeviceUUID: aSide.device.uuid } : {}),
    asideEncapsulation: enc(a?.type),
    zsideEncapsulation: enc(z.kind === "port" ? z.linkProtocol.type : z.profile.encapsulation),
    metroCode: rec.aSide.metroCode,
    providerStatus: p.providerStatus,
    status: p.equinixStatus,
    billingTier: unit === "GB" ? `Up to ${rec.bandwidth / 1000} GB` : `Up to ${rec.bandwidth} MB`,
    speed: unit === "GB" ? rec.bandwidth / 1000 : rec.bandwidth,
    speedUnit: unit,
    redundancyType: rec.redundancy.priority === "SECONDARY" ? "secondary" : "primary",
    redundancyGroup: rec.redundancy.group,
    notifications: rec.notifications.flatMap((n) => n.emails),
    ...(rec.order.purchaseOrderNumber !== undefined ? { purchaseOrderNumber: rec.order.purchaseOrderNumber } : {}),
    createdDate: iso(rec.internal.createdAt),
    createdBy: rec.internal.createdBy,
    lastUpdatedBy: rec.internal.updatedBy,
    lastUpdatedDate: iso(Math.max(rec.internal.updatedAt, rec.internal.phases.since(now))),
    updateInProgress: world.changeStatus(rec) === "REQUESTED" && rec.internal.change.type === "CONNECTION_UPDATE",
    remote: rec.aSide.metroCode !== z.metroCode,
    private: z.kind === "port",
    self: z.kind === "port",
  };
  const redundant = rec.internal.extra.redundantUUID;
  if (typeof redundant === "string") out.redundantUUID = redundant;
  if (z.kind === "port") {
    const zl = z.linkProtocol;
    Object.assign(out, {
      zSidePortName: z.port.name,
      zSidePortUUID: z.port.uuid,
      zSideVlanSTag: zl.type === "DOT1Q" ? zl.vlanTag : zl.vlanSTag,
      ...(zl.vlanCTag !== undefined ? { zSideVlanCTag: zl.vlanCTag } : {}),
      sellerMetroCode: z.metroCode,
    });
    if (v3.profileUUID) out.sellerServiceUUID = v3.profileUUID;
  } else {
    Object.assign(out, {
      sellerServiceUUID: z.profile.uuid,
      sellerServiceName: z.profile.name,
      sellerMetroCode: z.metroCode,
      ...(z.sellerRegion !== undefined ? { sellerRegion: z.sellerRegion } : {}),
      ...(z.authenticationKey !== undefined ? { authorizationKey: z.authenticationKey } : {}),
      ...(z.providerConnectionId !== undefined ? { vendorToken: z.providerConnectionId } : {}),
    });
  }
  if (v3.namedTag) out.namedTag = v3.namedTag;
  if (rec.internal.deletedAt !== undefined) {
    out.deletedBy = rec.internal.deletedBy;
    out.deletedDate = iso(rec.internal.deletedAt);
  }
  return out;
}

/** Registers the ECX v3 L2 connection routes on the Equinix world. */
export function registerEcxV3(app: Router, ctx: SandboxContext, world: EquinixWorld, auth: EquinixAuth): void {
  const now = () => ctx.clock.now();
  const send = (res: Response, status: number, errors: EcxV3Error[]) => res.status(status).json(errors);
  const route = routeRegistrar(app, {
    auth: (req: Request, res: Response, next: NextFunction) => {
      const t = auth.check(req.headers.authorization);
      if (!t) return void send(res, 401, [ecxError(ECX.unauthorized, "Unauthorized: the bearer token is missing, invalid or expired", "Authorization")]);
      res.locals.equinixUser = t.userName;
      next();
    },
    answer: (res, e) =>
      e instanceof V3Failure ? (send(res, e.status, e.errors), true) : e instanceof EquinixApiFailure ? (send(res, e.status, fromFabric(e.errors)), true) : false,
  });
  const existing = (id: string): ConnectionRecord => {
    const rec = UUID_RE.test(id) ? world.get(id) : undefined;
    if (!rec) throw new V3Failure(404, [ecxError(ECX.notFound, `connection ${id} not found`, "connId")]);
    return rec;
  };

  route("post", "/ecx/v3/l2/connections", "ecxv3.connection.create", (req, res) => {
    const { primary, secondary } = createV3(world, req.body, res.locals.equinixUser);
    res.status(201).json({ message: "Connection Saved Successfully", primaryConnectionId: primary.uuid, ...(secondary ? { secondaryConnectionId: secondary.uuid } : {}), status: "SUCCESS" });
  });

  route("get", "/ecx/v3/l2/connections", "ecxv3.connection.list", (req, res) => {
    const size = Math.min(100, Math.max(1, Number(req.query.pageSize ?? 20) || 20));
    const pageNumber = Math.max(0, Number(req.query.pageNumber ?? 0) || 0);
    const name = typeof req.query.name === "string" ? req.query.name : undefined;
    const status = typeof req.query.status === "string" ? req.query.status.split(",") : undefined;
    const all = [...world.connections.values()]
      .map((r) => renderV3(world, r, now()))
      .filter((c) => (name === undefined || c.name === name) && (status === undefined || status.includes(String(c.status))));
    const content = all.slice(pageNumber * size, pageNumber * size + size);
    res.status(200).json({ isFirstPage: pageNumber === 0, isLastPage: (pageNumber + 1) * size >= all.length, totalCount: all.length, pageSize: size, pageNumber, content });
  });

  route("get", "/ecx/v3/l2/connections/:id", "ecxv3.connection.get", (req, res) => {
    res.status(200).json(renderV3(world, existing(String(req.params.id)), now()));
  });

  route("patch", "/ecx/v3/l2/connections/:id", "ecxv3.connection.update", (req, res) => {
    const rec = existing(String(req.params.id));
    if (req.query.action !== "update") throw new V3Failure(400, [ecxError(ECX.invalid, "query parameter action=update is required", "action")]);
    const b = (req.body ?? {}) as Flat;
    const errors: EcxV3Error[] = [];
    const ops: Array<{ op: string; path: string; value: unknown }> = [];
    if (b.connectionNewName !== undefined) {
      const n = b.connectionNewName;
      if (typeof n !== "string" || n.length === 0 || n.length > ECX_NAME_MAX || !NAME_RE.test(n)) {
        errors.push(ecxError(ECX.invalid, `connectionNewName must be at most ${ECX_NAME_MAX} letters, digits, '-' or '_'`, "connectionNewName"));
      } else ops.push({ op: "replace", path: "/name", value: n });
    }
    if (b.speed !== undefined || b.speedUnit !== undefined) {
      const unit = b.speedUnit ?? "MB";
      if (!Number.isInteger(b.speed) || (b.speed as number) <= 0) errors.push(ecxError(ECX.invalid, "speed must be a positive integer", "speed"));
      else if (unit !== "MB" && unit !== "GB") errors.push(ecxError(ECX.invalid, "speedUnit must be MB or GB", "speedUnit"));
      else ops.push({ op: "replace", path: "/bandwidth", value: unit === "GB" ? (b.speed as number) * 1000 : b.speed });
    }
    if (!errors.length && !ops.length) errors.push(ecxError(ECX.invalid, "nothing to update: send connectionNewName and/or speed with speedUnit", "connectionNewName"));
    if (errors.length) throw new V3Failure(400, errors);
    world.patchConnection(rec.uuid, ops);
    if (b.speedUnit !== undefined) rec.internal.extra.ecxV3 = { ...((rec.internal.extra.ecxV3 as object) ?? {}), speedUnit: b.speedUnit };
    res.status(200).json({ message: "Update connection is submitted successfully. We will notify you once update process finished.", primaryConnectionId: rec.uuid, status: "submitted" });
  });

  route("delete", "/ecx/v3/l2/connections/:id", "ecxv3.connection.delete", (req, res) => {
    const rec = existing(String(req.params.id));
    if (GONE_STATUSES.includes(world.phase(rec).equinixStatus)) {
      throw new V3Failure(400, [ecxError(ECX.alreadyDeleted, "Connection already deleted", "connId")]);
    }
    world.deleteConnection(rec.uuid);
    res.status(200).json({ message: "Connection deleted successfully", primaryConnectionId: rec.uuid });
  });
}
