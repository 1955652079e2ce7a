import type { Request, Response, Router } from "express";
import type { AdminRoutes } from "../core/adminRoutes";
import { routeRegistrar, type SandboxContext } from "../core/api";
import { Timeline } from "../core/clock";
import { uuid as newUuid } from "../core/ids";
import { inSubnet, isHostOf, parseCidr, parseIp, type Cidr } from "../core/ip";
import { refill } from "../core/state";
import { CLOUD_ROUTER_PACKAGES, type CloudRouterRecord, type CloudRouterState } from "./aSides";
import { ACCOUNT, metro, PROJECT_ID } from "./catalog";
import { EQ, eqError, sendErrors, type EquinixError } from "./errors";
import { GONE_STATUSES, TRANSIENT_STATUSES, type ConnectionRecord, type Notification } from "./model";
import type { EquinixAuth } from "./oauth";
import { checkNotifications, TERM_LENGTHS } from "./validation";
import { EquinixApiFailure, type EquinixWorld } from "./world";

/**
 * Fabric Cloud Routers ordered through the API (`POST|PATCH|DELETE /fabric/v4/routers`) and the routing
 * protocols of cloud router connections (`/fabric/v4/connections/{id}/routingProtocols`), as the Fabric v4
 * OpenAPI specification and Equinix's "Fabric Cloud Router" guides describe them:
 *
 * - A router moves PROVISIONING -> PROVISIONED (delay `routerProvisioning`); a PATCH (name, package,
 *   notifications, term) is a change REQUESTED -> COMPLETED (`routerUpdate`); DELETE (refused while it has
 *   connections or is in a transient state) moves it DEPROVISIONING -> DEPROVISIONED (`routerDeprovisioning`),
 *   after which GET still answers (state DEPROVISIONED) and search leaves it out. Every router of a metro has
 *   the same Equinix ASN (Equinix: "Cloud Routers within a given metro always use the same registered ASN").
 * - A routing protocol is DIRECT (the Equinix-side interface address and subnet, IPv4 /28 to /30 and/or IPv6)
 *   or BGP (the customer's peer address inside the DIRECT subnet, the customer's ASN, an optional MD5 key,
 *   BFD). PROVISIONING -> PROVISIONED (`routingProvisioning`); PUT/PATCH REPROVISIONING -> PROVISIONED
 *   (`routingUpdate`); DELETE DEPROVISIONING -> DEPROVISIONED (`routingDeprovisioning`). Fabric's ordering
 *   rules: BGP needs a PROVISIONED DIRECT on the connection (a DIRECT still provisioning is a transient
 *   state, EQ-3041012: the race of terraform-provider-equinix issue #484), a DIRECT cannot be deleted
 *   before the BGP (EQ-3041016), nothing is created or deleted while a protocol of the connection is in a
 *   transient state (EQ-3041012). A protocol goes with its connection.
 * - The BGP session's state on the Fabric side (`bgpIpv4.operation.operationalStatus` UP, DOWN, UNKNOWN)
 *   comes from `sessionProbe`, which sandbox/links.ts sets: the session is computed from both ends there.
 *   `bgpEnd(connectionUuid)` is what the Fabric end offers that computation.
 */

/** Fabric Cloud Router error codes (Fabric v4 specification's examples). */
export const FCR = {
  invalidName: "EQ-3040022",
  packageNotFound: "EQ-3040028",
  transientState: "EQ-3040030",
  invalidAccount: "EQ-3040032",
  labLimit: "EQ-3040060",
  invalidArgument: "EQ-3044011",
} as const;

/** Routing protocol error codes (the specification's `400_routing_protocol` and `404_invalid_id` examples). */
export const RP = {
  invalidArgument: "EQ-3041001",
  invalidValue: "EQ-3041002",
  transientState: "EQ-3041012",
  required: "EQ-3041013",
  invalidBody: "EQ-3041014",
  bgpBeforeDirect: "EQ-3041016",
  notFound: "EQ-3041120",
} as const;

/** The registered ASN of Fabric Cloud Routers (one per metro; the sandbox uses the specification's example value in every metro). */
export const FCR_EQUINIX_ASN = 30000;
/** Fabric Cloud Routers of the LAB package an organization may have (EQ-3040060). */
export const LAB_ROUTERS_MAX = 3;
/** Equinix: "Fabric Cloud Router MD5 authentication supports up to 80 ASCII characters, unhashed". */
export const MD5_KEY_MAX = 80;
/** Equinix: the DIRECT IPv4 subnet "/30 is sufficient, but /28 and /29 also are permitted". */
export const DIRECT_IPV4_PREFIXES = [28, 29, 30];
/** The IPv6 prefixes the sandbox accepts for a DIRECT subnet (the specification's examples use /126). */
export const DIRECT_IPV6_PREFIX_RANGE = [64, 127] as const;
/** BFD interval bounds in ms (Fabric's default is 100). */
export const BFD_INTERVAL_RANGE = [100, 30000] as const;
/**
 * ASNs a Fabric Cloud Router refuses for the customer's side (Equinix "Border Gateway Protocol (BGP)
 * Features": 1-4294967294 except these).
 */
export const RESERVED_ASNS: Array<[number, number]> = [
  [0, 0],
  [112, 112],
  [23456, 23456],
  [64496, 64511],
  [64600, 64600],
  [65535, 65551],
  [4200000000, 4200000002],
  [4294967295, 4294967295],
];

const NAME_RE = /^[A-Za-z0-9_-]{3,24}$/;

export type RoutingState = "PROVISIONING" | "PROVISIONED" | "REPROVISIONING" | "DEPROVISIONING" | "DEPROVISIONED" | "FAILED";
type Family = "ipv4" | "ipv6";

/** What a router ordered through the API keeps beside the A-side record (aSides.ts). */
export interface ApiRouterFields {
  notifications: Notification[];
  order: { purchaseOrderNumber?: string; termLength?: number };
  accountNumber: number;
  createdBy: string;
  updatedBy: string;
  /** the last PATCH: change.status REQUESTED -> COMPLETED (`data`, the operations, is kept but not rendered: the specification types each value as an object, which a name or a package code is not) */
  change?: { uuid: string; createdAt: number; status: Timeline<string>; data: Array<{ op: string; path: string; value: unknown }> };
  deletedAt?: number;
  deletedBy?: string;
}

export interface BgpFamilyRecord {
  customerPeerIp: string;
  enabled: boolean;
  outboundASPrependCount?: number;
  inboundMED?: number;
  outboundMED?: number;
  routesMax?: number;
}

/** One routing protocol of a connection. */
export interface RoutingProtocolRecord {
  uuid: string;
  connectionUuid: string;
  type: "DIRECT" | "BGP";
  name: string;
  directIpv4?: { equinixIfaceIp: string };
  directIpv6?: { equinixIfaceIp: string };
  bgpIpv4?: BgpFamilyRecord;
  bgpIpv6?: BgpFamilyRecord;
  customerAsn?: number;
  bgpAuthKey?: string;
  asOverrideEnabled?: boolean;
  bfd?: { enabled: boolean; interval: string };
  projectId: string;
  phases: Timeline<RoutingState>;
  change: { uuid: string; type: "ROUTING_PROTOCOL_CREATION" | "ROUTING_PROTOCOL_UPDATE" | "ROUTING_PROTOCOL_DELETION"; createdAt: number };
  createdAt: number;
  updatedAt: number;
  createdBy: string;
  updatedBy: string;
  deletedAt?: number;
  /** sandbox ms of the last change to anything a BGP session depends on */
  sessionChangedAt: number;
}

/** One address family of the Fabric end of a BGP session. */
export interface FabricBgpFamily {
  /** the cloud router's address on the connection (the DIRECT interface address, without prefix) */
  equinixIp: string;
  /** the DIRECT subnet's prefix length */
  prefixLength: number;
  /** the DIRECT subnet, `address/prefix` */
  subnet: string;
  /** the address Fabric expects the far end to use */
  customerPeerIp: string;
  /** the family's admin status (`bgpIpv4.enabled`) */
  enabled: boolean;
}

/**
 * The Fabric end of the BGP session on one connection: what the session computation (sandbox/links.ts)
 * compares with the far end. `exists` is false when the connection has no BGP routing protocol (or it is
 * being deleted); the other fields are then those of whatever is there.
 */
export interface FabricBgpEnd {
  connectionUuid: string;
  /** a BGP routing protocol is on the connection and not being deleted */
  exists: boolean;
  routingProtocolUuid?: string;
  /** the protocol's state: PROVISIONED, PROVISIONING, REPROVISIONING ... */
  state?: RoutingState;
  /** the connection's `equinixStatus/providerStatus` */
  connectionStatus: string;
  /** Equinix provisioned the connection and its Z side is up (the seller accepted it, or a port's AVAILABLE) */
  connectionReady: boolean;
  /** the Fabric Cloud Router at the A side */
  routerUuid?: string;
  /** the router's ASN: the far end's peer ASN must be this */
  equinixAsn?: number;
  /** the ASN Fabric expects of the far end */
  customerAsn?: number;
  /** the MD5 key Fabric uses; undefined when none */
  md5Key?: string;
  ipv4?: FabricBgpFamily;
  ipv6?: FabricBgpFamily;
  bfd?: { enabled: boolean; intervalMs: number };
  /** sandbox ms of the last change to any of these (the protocol's, its DIRECT's or the connection's) */
  changedAt: number;
}

/** What the session computation says of one family of a session: Fabric shows UP or DOWN. */
export interface SessionObservation {
  up: boolean;
  /** sandbox ms since when */
  since: number;
}

/** A portal edit of a routing protocol (admin), applied at once. */
export interface PortalRoutingChanges {
  name?: string;
  customerAsn?: number;
  /** null removes the key */
  bgpAuthKey?: string | null;
  customerPeerIpv4?: string;
  customerPeerIpv6?: string;
  enabledIpv4?: boolean;
  enabledIpv6?: boolean;
  bfd?: { enabled: boolean; interval?: number };
  equinixIfaceIpv4?: string;
  equinixIfaceIpv6?: string;
}

/** A portal edit of a cloud router (admin), applied at once. */
export interface PortalRouterChanges {
  name?: string;
  packageCode?: string;
  notifications?: Notification[];
}

const isObj = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);
const iso = (t: number) => new Date(t).toISOString();
const fail = (status: number, errors: EquinixError[]) => new EquinixApiFailure(status, errors);

/** Why an ASN cannot be the customer's, or undefined. */
export function asnProblem(v: unknown): string | undefined {
  if (!isInt(v) || v < 1 || v > 4294967294) return "customerAsn must be a whole number from 1 to 4294967294";
  const r = RESERVED_ASNS.find(([lo, hi]) => v >= lo && v <= hi);
  return r ? `ASN ${v} is reserved (${r[0] === r[1] ? r[0] : `${r[0]}-${r[1]}`}) and cannot be used with a Fabric Cloud Router` : undefined;
}

/** The Fabric routing slice: cloud routers ordered through the API and every routing protocol. */
export class FabricRouting {
  readonly protocols = new Map<string, RoutingProtocolRecord>();
  /** routers / routing protocols created from now on that never finish provisioning */
  private stalls = { routers: 0, protocols: 0 };
  /**
   * The far end's view of a BGP session, per family (set by sandbox/links.ts): undefined when the sandbox
   * does not simulate the far end (its state is then UNKNOWN).
   */
  sessionProbe?: (end: FabricBgpEnd, family: Family) => SessionObservation | undefined;

  constructor(
    private readonly ctx: SandboxContext,
    private readonly w: EquinixWorld,
  ) {}

  private get now(): number {
    return this.ctx.clock.now();
  }

  private delay(name: string): number {
    return this.ctx.delay("equinix", name);
  }

  private get user(): string {
    return this.w.auth.userName;
  }

  // ---- cloud routers ----------------------------------------------------------------------------

  private routerOr404(uuid: string): CloudRouterRecord {
    const r = this.w.aSides.routers.get(uuid);
    if (!r) throw fail(404, [eqError(EQ.notFound, "uuid not found", "/uuid", `no Fabric Cloud Router ${uuid}`, "uuid not found")]);
    return r;
  }

  private liveRouterConnections(uuid: string): ConnectionRecord[] {
    return this.w.aSides.routerConnections(uuid, this.w.live());
  }

  /** POST /fabric/v4/routers (CloudRouterPostRequest). */
  createRouter(body: unknown): CloudRouterRecord {
    if (!isObj(body)) throw fail(400, [eqError(FCR.invalidArgument, "Invalid argument passed", undefined, undefined, "a CloudRouterPostRequest object is expected")]);
    const errors: EquinixError[] = [];
    const arg = (property: string, reason: string) => errors.push(eqError(FCR.invalidArgument, "Invalid argument passed", property, reason));
    if (body.type !== "XF_ROUTER") arg("/type", "type must be XF_ROUTER");
    if (typeof body.name !== "string" || !NAME_RE.test(body.name)) {
      errors.push(eqError(FCR.invalidName, "Name is minimum 3 and up to 24 characters in length", "/name", "Name is minimum 3 and up to 24 characters in length, letters, digits, '-' and '_'"));
    }
    const metroCode = isObj(body.location) ? body.location.metroCode : undefined;
    if (!metro(metroCode)) arg("/location/metroCode", `metroCode must be a metro of this account (got ${JSON.stringify(metroCode)})`);
    const code = isObj(body.package) ? body.package.code : undefined;
    if (!(CLOUD_ROUTER_PACKAGES as readonly unknown[]).includes(code)) {
      errors.push(eqError(FCR.packageNotFound, "Package not found", "/package/code", `package code must be one of ${CLOUD_ROUTER_PACKAGES.join(", ")}`));
    }
    const projectId = body.project === undefined ? PROJECT_ID : isObj(body.project) ? body.project.projectId : undefined;
    if (projectId !== PROJECT_ID) arg("/project/projectId", `no project ${JSON.stringify(projectId)} in this organization (its project is ${PROJECT_ID})`);
    const accountNumber = body.account === undefined ? ACCOUNT.accountNumber : isObj(body.account) ? body.account.accountNumber : undefined;
    if (accountNumber !== ACCOUNT.accountNumber) {
      errors.push(eqError(FCR.invalidAccount, "Invalid account number", "/account/accountNumber", "Invalid project account number"));
    }
    errors.push(...checkNotifications(body.notifications).map((e) => ({ ...e, errorCode: FCR.invalidArgument, errorMessage: "Invalid argument passed" })));
    const order = body.order === undefined ? {} : body.order;
    if (!isObj(order)) arg("/order", "order must be an object");
    else {
      if (order.purchaseOrderNumber !== undefined && (typeof order.purchaseOrderNumber !== "string" || order.purchaseOrderNumber.length > 50)) arg("/order/purchaseOrderNumber", "a string of at most 50 characters");
      if (order.termLength !== undefined && !TERM_LENGTHS.includes(order.termLength)) arg("/order/termLength", `termLength must be one of ${TERM_LENGTHS.join(", ")}`);
    }
    if (!errors.length && code === "LAB") {
      const labs = [...this.w.aSides.routers.values()].filter((r) => r.packageCode === "LAB" && !["DEPROVISIONED", "DEPROVISIONING"].includes(this.w.aSides.routerState(r)));
      if (labs.length >= LAB_ROUTERS_MAX) {
        errors.push(eqError(FCR.labLimit, "Create request rejected", undefined, undefined, `Only ${LAB_ROUTERS_MAX} Lab Fabric Cloud Routers allowed per Organization`));
      }
    }
    if (errors.length) throw fail(400, errors);
    const now = this.now;
    const uuid = newUuid();
    const phases = new Timeline<CloudRouterState>(now, "PROVISIONING");
    if (this.stalls.routers > 0) this.stalls.routers--;
    else phases.schedule(now + this.delay("routerProvisioning"), "PROVISIONED");
    const r: CloudRouterRecord = {
      uuid,
      name: body.name,
      metroCode,
      packageCode: code,
      equinixAsn: FCR_EQUINIX_ASN,
      state: "PROVISIONING",
      createdAt: now,
      updatedAt: now,
      projectId: PROJECT_ID,
      phases,
      api: {
        notifications: (body.notifications as Notification[]).map((n) => ({ type: n.type, emails: [...n.emails] })),
        order: { ...(isObj(order) && order.purchaseOrderNumber ? { purchaseOrderNumber: order.purchaseOrderNumber } : {}), ...(isObj(order) && order.termLength ? { termLength: order.termLength } : {}) },
        accountNumber: ACCOUNT.accountNumber,
        createdBy: this.user,
        updatedBy: this.user,
      },
    };
    this.w.aSides.routers.set(uuid, r);
    return r;
  }

  /** PATCH /fabric/v4/routers/{id} (CloudRouterUpdateRequest): replace /name, /package/code, /notifications, /order/termLength. */
  patchRouter(uuid: string, ops: unknown, by: "api" | "portal" = "api"): CloudRouterRecord {
    const r = this.routerOr404(uuid);
    const state = this.w.aSides.routerState(r);
    const changing = r.api?.change && r.api.change.status.current(this.now) === "REQUESTED";
    if (state !== "PROVISIONED" || changing) {
      throw fail(400, [eqError(FCR.transientState, "Cannot update Fabric Cloud Router in transient state", "/uuid", `state ${state}${changing ? ", a change REQUESTED" : ""}`)]);
    }
    if (!Array.isArray(ops) || ops.length === 0) throw fail(400, [eqError(FCR.invalidArgument, "Invalid argument passed", undefined, undefined, "a non-empty JSON Patch array of {op, path, value} is expected")]);
    const errors: EquinixError[] = [];
    const apply: Array<() => void> = [];
    ops.forEach((o: any, i) => {
      if (!isObj(o) || o.op !== "replace") return void errors.push(eqError(FCR.invalidArgument, "Invalid argument passed", `/${i}/op`, "only replace operations are supported"));
      const v = o.value;
      switch (o.path) {
        case "/name":
          if (typeof v !== "string" || !NAME_RE.test(v)) errors.push(eqError(FCR.invalidName, "Name is minimum 3 and up to 24 characters in length", "/name", "Name is minimum 3 and up to 24 characters in length, letters, digits, '-' and '_'"));
          else apply.push(() => (r.name = v));
          break;
        case "/package/code":
          if (!(CLOUD_ROUTER_PACKAGES as readonly unknown[]).includes(v)) errors.push(eqError(FCR.packageNotFound, "Package not found", "/package/code", `package code must be one of ${CLOUD_ROUTER_PACKAGES.join(", ")}`));
          else apply.push(() => (r.packageCode = v));
          break;
        case "/notifications": {
          const errs = checkNotifications(v);
          if (errs.length) errors.push(...errs.map((e) => ({ ...e, errorCode: FCR.invalidArgument, errorMessage: "Invalid argument passed" })));
          else apply.push(() => r.api && (r.api.notifications = (v as Notification[]).map((n) => ({ type: n.type, emails: [...n.emails] }))));
          break;
        }
        case "/order/termLength":
          if (!TERM_LENGTHS.includes(v)) errors.push(eqError(FCR.invalidArgument, "Invalid argument passed", "/order/termLength", `termLength must be one of ${TERM_LENGTHS.join(", ")}`));
          else apply.push(() => r.api && (r.api.order = { ...r.api.order, termLength: v }));
          break;
        default:
          errors.push(eqError(FCR.invalidArgument, "Invalid argument passed", String(o.path), "supported paths: /name, /package/code, /notifications, /order/termLength"));
      }
    });
    if (errors.length) throw fail(400, errors);
    apply.forEach((f) => f());
    const now = this.now;
    r.updatedAt = now;
    if (r.api) {
      r.api.updatedBy = by === "portal" ? "portal-user" : this.user;
      const status = new Timeline(now, by === "portal" ? "COMPLETED" : "REQUESTED");
      if (by !== "portal") status.schedule(now + this.delay("routerUpdate"), "COMPLETED");
      r.api.change = { uuid: newUuid(), createdAt: now, status, data: ops.map((o: any) => ({ op: o.op, path: o.path, value: o.value })) };
    }
    return r;
  }

  /** DELETE /fabric/v4/routers/{id}: refused in a transient state and while the router has connections. */
  deleteRouter(uuid: string, by: "api" | "portal" = "api"): CloudRouterRecord {
    const r = this.routerOr404(uuid);
    const state = this.w.aSides.routerState(r);
    if (state === "DEPROVISIONED") throw fail(404, [eqError(EQ.notFound, "uuid not found", "/uuid", `Fabric Cloud Router ${uuid} is already deleted`, "uuid not found")]);
    if (by === "api" && state !== "PROVISIONED" && state !== "NOT_DEPROVISIONED") {
      throw fail(400, [eqError(FCR.transientState, "Cannot delete Fabric Cloud Router in transient state", "/uuid", `state ${state}`, "Cannot delete Fabric Cloud Router in transient state.")]);
    }
    const connections = this.liveRouterConnections(uuid);
    if (connections.length) {
      throw fail(400, [
        eqError(FCR.invalidArgument, "Invalid argument passed", "/uuid", `the router has ${connections.length} connection(s): ${connections.map((c) => c.uuid).join(", ")}`, "Delete the Fabric Cloud Router's connections before deleting it."),
      ]);
    }
    const now = this.now;
    const phases = (r.phases ?? new Timeline<CloudRouterState>(r.createdAt, r.state)).cancelAfter(now);
    if (by === "api") phases.schedule(now, "DEPROVISIONING");
    phases.schedule(now + (by === "api" ? this.delay("routerDeprovisioning") : 0), "DEPROVISIONED");
    r.phases = phases;
    r.updatedAt = now;
    if (r.api) {
      r.api.deletedAt = now;
      r.api.deletedBy = by === "portal" ? "portal-user" : this.user;
    }
    return r;
  }

  // ---- routing protocols ------------------------------------------------------------------------

  /** The connection of a routing protocol route: 404 EQ-3041120 when unknown or gone. */
  private connectionOr404(uuid: string): ConnectionRecord {
    const c = this.w.get(uuid);
    if (!c || GONE_STATUSES.includes(this.w.phase(c).equinixStatus)) {
      throw fail(404, [eqError(RP.notFound, "The connection ID was not found or was already deleted.", "/connectionId", `no connection ${uuid}`)]);
    }
    return c;
  }

  private protocolOr404(connectionUuid: string, uuid: string): RoutingProtocolRecord {
    const rp = this.protocols.get(uuid);
    if (!rp || rp.connectionUuid !== connectionUuid) {
      throw fail(404, [eqError(RP.notFound, "The connection ID was not found or was already deleted.", "/routingProtocolId", `no routing protocol ${uuid} on connection ${connectionUuid}`)]);
    }
    return rp;
  }

  /** The protocol's state now: a protocol goes with its connection. */
  state(rp: RoutingProtocolRecord): RoutingState {
    const own = rp.phases.current(this.now);
    const c = this.w.get(rp.connectionUuid);
    const cs = c ? this.w.phase(c).equinixStatus : "DEPROVISIONED";
    if (GONE_STATUSES.includes(cs)) return "DEPROVISIONED";
    if (cs === "DEPROVISIONING" && own !== "DEPROVISIONED") return "DEPROVISIONING";
    return own;
  }

  private isLive(rp: RoutingProtocolRecord): boolean {
    const s = this.state(rp);
    return s !== "DEPROVISIONED" && s !== "DEPROVISIONING";
  }

  /** The connection's protocols that still exist (not DEPROVISIONED). */
  protocolsOf(connectionUuid: string): RoutingProtocolRecord[] {
    return [...this.protocols.values()].filter((p) => p.connectionUuid === connectionUuid && this.state(p) !== "DEPROVISIONED");
  }

  private liveOfType(connectionUuid: string, type: "DIRECT" | "BGP", except?: string): RoutingProtocolRecord | undefined {
    return this.protocolsOf(connectionUuid).find((p) => p.type === type && p.uuid !== except && this.isLive(p));
  }

  /** Refuses a change while the connection or one of its protocols is in a transient state (EQ-3041012). */
  private requireSettled(c: ConnectionRecord, except?: string): void {
    const p = this.w.phase(c);
    if (TRANSIENT_STATUSES.includes(p.equinixStatus) || p.equinixStatus === "DEPROVISIONING") {
      throw fail(400, [eqError(RP.transientState, "The system is unable to process your request.", "/connectionId", `the connection is ${p.equinixStatus}`, "The connection is in a transient state.")]);
    }
    const busy = this.protocolsOf(c.uuid).find((x) => x.uuid !== except && ["PROVISIONING", "REPROVISIONING", "DEPROVISIONING"].includes(this.state(x)));
    if (busy) {
      throw fail(400, [
        {
          errorCode: RP.transientState,
          errorMessage: "The system is unable to process your request.",
          correlationId: newUuid(),
          details: "The routing protocol associated with this Connection is in the transient state.",
          additionalInfo: [{ property: "/routingProtocols", reason: `routing protocol ${busy.uuid} (${busy.type}) is ${this.state(busy)}: routing protocol creation or deletion is not allowed while a routing protocol of the connection is in a transient state` }],
        },
      ]);
    }
  }

  /**
   * Validates a RoutingProtocolBase body against the connection: the fields of its type, the addresses
   * (subnets, peer inside the DIRECT subnet), the ASN, the key, BFD. `current` is the protocol a PUT replaces.
   */
  private validate(c: ConnectionRecord, body: unknown, current?: RoutingProtocolRecord): Omit<RoutingProtocolRecord, "uuid" | "connectionUuid" | "phases" | "change" | "createdAt" | "updatedAt" | "createdBy" | "updatedBy" | "sessionChangedAt" | "projectId"> {
    if (!isObj(body)) throw fail(400, [eqError(RP.invalidBody, "Json syntax error. Please check the request body.", undefined, undefined, "Json syntax error. Please check the request body.")]);
    const errors: EquinixError[] = [];
    const value = (property: string, reason: string) => errors.push(eqError(RP.invalidValue, "Invalid argument value passed.", property, reason));
    const argument = (property: string, reason: string) => errors.push(eqError(RP.invalidArgument, "Invalid argument passed.", property, reason));
    if (body.type === undefined) throw fail(400, [eqError(RP.required, "Required field.", "$.type", "Type is mandatory field.")]);
    if (body.type !== "DIRECT" && body.type !== "BGP") throw fail(400, [eqError(RP.invalidValue, "Invalid argument value passed.", "type", "The type must be one of the following [DIRECT, BGP].")]);
    if (current && body.type !== current.type) value("/type", `a ${current.type} routing protocol cannot become ${body.type}: delete it and create the other type`);
    if (body.name !== undefined && (typeof body.name !== "string" || body.name.length === 0 || body.name.length > 50)) value("/name", "name must be 1 to 50 characters");
    const type = body.type as "DIRECT" | "BGP";
    const out: ReturnType<FabricRouting["validate"]> = { type, name: typeof body.name === "string" ? body.name : current?.name ?? `${type.toLowerCase()}-${newUuid().slice(0, 8)}` };

    if (type === "DIRECT") {
      for (const k of ["bgpIpv4", "bgpIpv6", "customerAsn", "bgpAuthKey", "bfd", "asOverrideEnabled"]) if (body[k] !== undefined) argument(`/${k}`, `${k} applies to BGP routing protocols only`);
      if (body.directIpv4 === undefined && body.directIpv6 === undefined) errors.push(eqError(RP.required, "Required field.", "/directIpv4", "a DIRECT routing protocol needs directIpv4 and/or directIpv6"));
      const subnets: Cidr[] = [];
      for (const fam of ["ipv4", "ipv6"] as const) {
        const key = fam === "ipv4" ? "directIpv4" : "directIpv6";
        const d = body[key];
        if (d === undefined) continue;
        const ip = isObj(d) ? d.equinixIfaceIp : undefined;
        if (ip === undefined || ip === null) {
          errors.push(eqError(RP.required, "Required field.", `/${key}/equinixIfaceIp`, "Value must not be null."));
          continue;
        }
        const c4 = parseCidr(ip);
        const want = fam === "ipv4" ? 4 : 6;
        if (!c4 || c4.family !== want) {
          value(`/${key}/equinixIfaceIp`, `must be an IPv${want} interface address with its prefix, such as ${want === 4 ? "192.168.100.1/30" : "2001:db8:c59b::1/126"}`);
          continue;
        }
        if (want === 4 && !DIRECT_IPV4_PREFIXES.includes(c4.prefix)) value(`/${key}/equinixIfaceIp`, `the subnet must be a /30, /29 or /28 (got /${c4.prefix})`);
        else if (want === 6 && (c4.prefix < DIRECT_IPV6_PREFIX_RANGE[0] || c4.prefix > DIRECT_IPV6_PREFIX_RANGE[1])) value(`/${key}/equinixIfaceIp`, `the subnet must be a /${DIRECT_IPV6_PREFIX_RANGE[0]} to /${DIRECT_IPV6_PREFIX_RANGE[1]} (got /${c4.prefix})`);
        else if (!isHostOf(c4, c4)) value(`/${key}/equinixIfaceIp`, `${c4.address} is the subnet's network or broadcast address, not an interface address`);
        else {
          subnets.push(c4);
          out[key] = { equinixIfaceIp: ip };
        }
      }
      // Subnets of one Fabric Cloud Router must not overlap (its connections share one routing table).
      if (c.aSide.kind === "router") {
        const routerUuid = c.aSide.router.uuid;
        for (const other of this.w.aSides.routerConnections(routerUuid, this.w.live())) {
          for (const p of this.protocolsOf(other.uuid)) {
            if (p.type !== "DIRECT" || p.uuid === current?.uuid || !this.isLive(p)) continue;
            for (const s of subnets) {
              const theirs = parseCidr(s.family === 4 ? p.directIpv4?.equinixIfaceIp : p.directIpv6?.equinixIfaceIp);
              if (theirs && (inSubnet(theirs, { family: s.family, value: s.network }) || inSubnet(s, { family: s.family, value: theirs.network }))) {
                value(`/${s.family === 4 ? "directIpv4" : "directIpv6"}/equinixIfaceIp`, `subnet ${s.address}/${s.prefix} overlaps ${s.family === 4 ? p.directIpv4!.equinixIfaceIp : p.directIpv6!.equinixIfaceIp} of connection ${other.uuid} on the same Fabric Cloud Router`);
              }
            }
          }
        }
      }
      // A DIRECT replaced under a BGP must keep the BGP peers inside its subnets.
      const bgp = current ? this.liveOfType(c.uuid, "BGP") : undefined;
      if (bgp && !errors.length) {
        for (const fam of ["ipv4", "ipv6"] as const) {
          const peer = fam === "ipv4" ? bgp.bgpIpv4 : bgp.bgpIpv6;
          if (!peer) continue;
          const key = fam === "ipv4" ? "directIpv4" : "directIpv6";
          const s = parseCidr(out[key]?.equinixIfaceIp);
          const ip = parseIp(peer.customerPeerIp);
          if (!s || !ip || !isHostOf(s, ip) || s.value === ip.value) value(`/${key}/equinixIfaceIp`, `the BGP routing protocol ${bgp.uuid} peers with ${peer.customerPeerIp}, which must stay inside this subnet`);
        }
      }
    } else {
      for (const k of ["directIpv4", "directIpv6"]) if (body[k] !== undefined) argument(`/${k}`, `${k} applies to DIRECT routing protocols only`);
      if (body.bgpIpv4 === undefined && body.bgpIpv6 === undefined) errors.push(eqError(RP.required, "Required field.", "/bgpIpv4", "a BGP routing protocol needs bgpIpv4 and/or bgpIpv6"));
      const direct = this.liveOfType(c.uuid, "DIRECT");
      if (!current) {
        if (!direct) argument("/type", "a DIRECT routing protocol must exist on the connection before BGP is created");
        else if (this.state(direct) !== "PROVISIONED") {
          throw fail(400, [
            {
              errorCode: RP.transientState,
              errorMessage: "The system is unable to process your request.",
              correlationId: newUuid(),
              details: "The routing protocol associated with this Connection is in the transient state.",
              additionalInfo: [{ property: "/type", reason: `the DIRECT routing protocol ${direct.uuid} is ${this.state(direct)}: BGP can be created once it is PROVISIONED` }],
            },
          ]);
        }
      }
      for (const fam of ["ipv4", "ipv6"] as const) {
        const key = fam === "ipv4" ? "bgpIpv4" : "bgpIpv6";
        const b = body[key];
        if (b === undefined) continue;
        if (!isObj(b)) {
          value(`/${key}`, "must be an object {customerPeerIp, enabled}");
          continue;
        }
        const want = fam === "ipv4" ? 4 : 6;
        const ip = parseIp(b.customerPeerIp);
        if (b.customerPeerIp === undefined) {
          errors.push(eqError(RP.required, "Required field.", `/${key}/customerPeerIp`, "Value must not be null."));
          continue;
        }
        if (!ip || ip.family !== want || typeof b.customerPeerIp !== "string" || b.customerPeerIp.includes("/")) {
          value(`/${key}/customerPeerIp`, `must be an IPv${want} host address without a prefix`);
          continue;
        }
        if (b.enabled !== undefined && typeof b.enabled !== "boolean") value(`/${key}/enabled`, "enabled must be true or false");
        const subnet = parseCidr(want === 4 ? direct?.directIpv4?.equinixIfaceIp : direct?.directIpv6?.equinixIfaceIp);
        if (direct && !subnet) value(`/${key}/customerPeerIp`, `the DIRECT routing protocol of this connection has no IPv${want} subnet`);
        else if (subnet && (!isHostOf(subnet, ip) || subnet.value === ip.value)) {
          value(`/${key}/customerPeerIp`, `${b.customerPeerIp} must be a host of the DIRECT subnet ${direct![want === 4 ? "directIpv4" : "directIpv6"]!.equinixIfaceIp} other than Equinix's interface address`);
        }
        if (b.equinixPeerIp !== undefined && subnet && !(parseIp(b.equinixPeerIp)?.value === subnet.value)) {
          value(`/${key}/equinixPeerIp`, `Equinix's peer address is the DIRECT interface address ${subnet.address}`);
        }
        const rec: BgpFamilyRecord = { customerPeerIp: b.customerPeerIp, enabled: b.enabled !== false };
        for (const n of ["outboundASPrependCount", "inboundMED", "outboundMED", "routesMax"] as const) {
          if (b[n] === undefined) continue;
          if (!isInt(b[n]) || b[n] < 0) value(`/${key}/${n}`, `${n} must be a whole number >= 0`);
          else rec[n] = b[n];
        }
        out[key] = rec;
      }
      if (body.customerAsn === undefined) errors.push(eqError(RP.required, "Required field.", "/customerAsn", "customerAsn is mandatory for a BGP routing protocol"));
      else {
        const p = asnProblem(body.customerAsn);
        if (p) value("/customerAsn", p);
        else out.customerAsn = body.customerAsn;
      }
      if (body.bgpAuthKey !== undefined) {
        if (typeof body.bgpAuthKey !== "string" || body.bgpAuthKey.length === 0 || body.bgpAuthKey.length > MD5_KEY_MAX || !/^[\x20-\x7e]+$/.test(body.bgpAuthKey)) {
          value("/bgpAuthKey", `the MD5 key must be 1 to ${MD5_KEY_MAX} printable ASCII characters`);
        } else out.bgpAuthKey = body.bgpAuthKey;
      }
      if (body.asOverrideEnabled !== undefined) {
        if (typeof body.asOverrideEnabled !== "boolean") value("/asOverrideEnabled", "must be true or false");
        else out.asOverrideEnabled = body.asOverrideEnabled;
      }
      if (body.bfd !== undefined) {
        const f = body.bfd;
        if (!isObj(f) || typeof f.enabled !== "boolean") value("/bfd/enabled", "bfd.enabled (true or false) is required");
        else {
          const raw = f.interval === undefined ? "100" : String(f.interval);
          const n = Number(raw);
          if (!/^\d+$/.test(raw) || n < BFD_INTERVAL_RANGE[0] || n > BFD_INTERVAL_RANGE[1]) value("/bfd/interval", `the BFD interval must be ${BFD_INTERVAL_RANGE[0]} to ${BFD_INTERVAL_RANGE[1]} milliseconds`);
          else out.bfd = { enabled: f.enabled, interval: String(n) };
        }
      }
    }
    if (errors.length) throw fail(400, errors);
    return out;
  }

  /** POST /fabric/v4/connections/{id}/routingProtocols (RoutingProtocolBase) -> PROVISIONING. */
  createProtocol(connectionUuid: string, body: unknown): RoutingProtocolRecord {
    const c = this.connectionOr404(connectionUuid);
    if (c.aSide.kind !== "router") {
      throw fail(400, [eqError(RP.invalidArgument, "Invalid argument passed.", "/connectionId", "routing protocols are configured on connections from a Fabric Cloud Router only (aSide CLOUD_ROUTER)")]);
    }
    this.requireSettled(c);
    const v = this.validate(c, body);
    const existing = this.liveOfType(connectionUuid, v.type);
    if (existing) throw fail(400, [eqError(RP.invalidArgument, "Invalid argument passed.", "/type", `the connection already has a ${v.type} routing protocol (${existing.uuid}); replace it with PUT`)]);
    const now = this.now;
    const phases = new Timeline<RoutingState>(now, "PROVISIONING");
    if (this.stalls.protocols > 0) this.stalls.protocols--;
    else phases.schedule(now + this.delay("routingProvisioning"), "PROVISIONED");
    const rp: RoutingProtocolRecord = {
      ...v,
      uuid: newUuid(),
      connectionUuid,
      projectId: c.projectId,
      phases,
      change: { uuid: newUuid(), type: "ROUTING_PROTOCOL_CREATION", createdAt: now },
      createdAt: now,
      updatedAt: now,
      createdBy: this.user,
      updatedBy: this.user,
      sessionChangedAt: now,
    };
    this.protocols.set(rp.uuid, rp);
    return rp;
  }

  /** PUT .../routingProtocols/{id}: the whole protocol replaced, REPROVISIONING -> PROVISIONED. */
  replaceProtocol(connectionUuid: string, uuid: string, body: unknown): RoutingProtocolRecord {
    const c = this.connectionOr404(connectionUuid);
    const rp = this.protocolOr404(connectionUuid, uuid);
    this.requireUpdatable(c, rp);
    const v = this.validate(c, body, rp);
    for (const k of ["directIpv4", "directIpv6", "bgpIpv4", "bgpIpv6", "customerAsn", "bgpAuthKey", "asOverrideEnabled", "bfd"] as const) delete rp[k];
    Object.assign(rp, v);
    return this.reprovision(rp);
  }

  /** PATCH .../routingProtocols/{id}: replace /bgpIpv4/enabled or /bgpIpv6/enabled (the session's admin status). */
  patchProtocol(connectionUuid: string, uuid: string, ops: unknown): RoutingProtocolRecord {
    const c = this.connectionOr404(connectionUuid);
    const rp = this.protocolOr404(connectionUuid, uuid);
    this.requireUpdatable(c, rp);
    if (!Array.isArray(ops) || ops.length === 0) throw fail(400, [eqError(RP.invalidBody, "Json syntax error. Please check the request body.", undefined, undefined, "a non-empty JSON Patch array is expected")]);
    const errors: EquinixError[] = [];
    const apply: Array<() => void> = [];
    ops.forEach((o: any, i) => {
      const m = isObj(o) ? /^\/(bgpIpv4|bgpIpv6)\/enabled$/.exec(String(o.path)) : null;
      if (!m || !["replace", "add"].includes(o.op) || typeof o.value !== "boolean") {
        return void errors.push(eqError(RP.invalidArgument, "Invalid argument passed.", `/${i}`, "supported: replace /bgpIpv4/enabled or /bgpIpv6/enabled with true or false"));
      }
      const fam = rp[m[1] as "bgpIpv4" | "bgpIpv6"];
      if (rp.type !== "BGP" || !fam) return void errors.push(eqError(RP.invalidValue, "Invalid argument value passed.", String(o.path), `the routing protocol has no ${m[1]}`));
      apply.push(() => (fam.enabled = o.value));
    });
    if (errors.length) throw fail(400, errors);
    apply.forEach((f) => f());
    return this.reprovision(rp);
  }

  private requireUpdatable(c: ConnectionRecord, rp: RoutingProtocolRecord): void {
    const s = this.state(rp);
    if (s !== "PROVISIONED") {
      throw fail(400, [eqError(RP.transientState, "The system is unable to process your request.", "/routingProtocolId", `the routing protocol is ${s}`, "The routing protocol associated with this Connection is in the transient state.")]);
    }
    this.requireSettled(c, rp.uuid);
  }

  private reprovision(rp: RoutingProtocolRecord): RoutingProtocolRecord {
    const now = this.now;
    rp.phases.cancelAfter(now).schedule(now, "REPROVISIONING").schedule(now + this.delay("routingUpdate"), "PROVISIONED");
    rp.change = { uuid: newUuid(), type: "ROUTING_PROTOCOL_UPDATE", createdAt: now };
    rp.updatedAt = now;
    rp.updatedBy = this.user;
    rp.sessionChangedAt = now;
    return rp;
  }

  /** DELETE .../routingProtocols/{id}: DEPROVISIONING -> DEPROVISIONED; a DIRECT waits for its BGP to go first. */
  deleteProtocol(connectionUuid: string, uuid: string, by: "api" | "portal" = "api"): RoutingProtocolRecord {
    const rp = this.protocols.get(uuid);
    if (!rp || rp.connectionUuid !== connectionUuid || this.state(rp) === "DEPROVISIONED") {
      throw fail(404, [eqError(RP.notFound, "The connection ID was not found or was already deleted.", "/routingProtocolId", `no routing protocol ${uuid} on connection ${connectionUuid}`)]);
    }
    const c = this.connectionOr404(connectionUuid);
    if (by === "api") {
      const s = this.state(rp);
      if (s !== "PROVISIONED" && s !== "FAILED") {
        throw fail(400, [eqError(RP.transientState, "The system is unable to process your request.", "/routingProtocolId", `the routing protocol is ${s}`, "The routing protocol associated with this Connection is in the transient state.")]);
      }
      this.requireSettled(c, rp.uuid);
    }
    if (rp.type === "DIRECT" && this.liveOfType(connectionUuid, "BGP")) {
      throw fail(400, [
        {
          errorCode: RP.bgpBeforeDirect,
          errorMessage: "The system is unable to process your request.",
          correlationId: newUuid(),
          details: "The BGP routing protocol should be deleted before deleting the DIRECT routing protocol for the same Connection.",
          additionalInfo: [{ property: "/routingProtocolId", reason: `BGP routing protocol ${this.liveOfType(connectionUuid, "BGP")!.uuid} is still on the connection` }],
        },
      ]);
    }
    const now = this.now;
    const after = by === "api" ? this.delay("routingDeprovisioning") : 0;
    rp.phases.cancelAfter(now);
    if (after > 0) rp.phases.schedule(now, "DEPROVISIONING");
    rp.phases.schedule(now + after, "DEPROVISIONED");
    rp.change = { uuid: newUuid(), type: "ROUTING_PROTOCOL_DELETION", createdAt: now };
    rp.deletedAt = now;
    rp.updatedAt = now;
    rp.sessionChangedAt = now;
    return rp;
  }

  // ---- the BGP session, Fabric's side -----------------------------------------------------------

  /** The Fabric end of the BGP session on a connection (see FabricBgpEnd). */
  bgpEnd(connectionUuid: string): FabricBgpEnd {
    const c = this.w.get(connectionUuid);
    const p = c ? this.w.phase(c) : undefined;
    const connectionStatus = p ? `${p.equinixStatus}/${p.providerStatus}` : "NOT_FOUND";
    const connectionReady = !!p && p.equinixStatus === "PROVISIONED" && (p.providerStatus === "PROVISIONED" || p.providerStatus === "AVAILABLE");
    const router = c?.aSide.kind === "router" ? this.w.aSides.routers.get(c.aSide.router.uuid) : undefined;
    const bgp = this.protocolsOf(connectionUuid).filter((x) => x.type === "BGP").sort((a, b) => b.createdAt - a.createdAt)[0];
    const direct = this.protocolsOf(connectionUuid).filter((x) => x.type === "DIRECT").sort((a, b) => b.createdAt - a.createdAt)[0];
    const connectionSince = c ? c.internal.phases.since(this.now) : 0;
    const family = (fam: Family): FabricBgpFamily | undefined => {
      const b = fam === "ipv4" ? bgp?.bgpIpv4 : bgp?.bgpIpv6;
      const s = parseCidr(fam === "ipv4" ? direct?.directIpv4?.equinixIfaceIp : direct?.directIpv6?.equinixIfaceIp);
      if (!b || !s) return undefined;
      return { equinixIp: s.address, prefixLength: s.prefix, subnet: `${s.address}/${s.prefix}`, customerPeerIp: b.customerPeerIp, enabled: b.enabled };
    };
    const state = bgp ? this.state(bgp) : undefined;
    return {
      connectionUuid,
      exists: !!bgp && state !== "DEPROVISIONING" && state !== "DEPROVISIONED",
      ...(bgp ? { routingProtocolUuid: bgp.uuid, state } : {}),
      connectionStatus,
      connectionReady,
      ...(router ? { routerUuid: router.uuid, equinixAsn: router.equinixAsn } : {}),
      ...(bgp?.customerAsn !== undefined ? { customerAsn: bgp.customerAsn } : {}),
      ...(bgp?.bgpAuthKey !== undefined ? { md5Key: bgp.bgpAuthKey } : {}),
      ...(family("ipv4") ? { ipv4: family("ipv4") } : {}),
      ...(family("ipv6") ? { ipv6: family("ipv6") } : {}),
      ...(bgp?.bfd ? { bfd: { enabled: bgp.bfd.enabled, intervalMs: Number(bgp.bfd.interval) } } : {}),
      changedAt: Math.max(connectionSince, bgp?.sessionChangedAt ?? 0, direct?.sessionChangedAt ?? 0, bgp ? bgp.phases.since(this.now) : 0),
    };
  }

  /** `operationalStatus` of one family of a BGP protocol: DOWN unless provisioned and enabled; else what the far end's computation says, UNKNOWN without one. */
  sessionStatus(rp: RoutingProtocolRecord, fam: Family): { operationalStatus: "UP" | "DOWN" | "UNKNOWN"; opStatusChangedAt: string } {
    const s = this.state(rp);
    const b = fam === "ipv4" ? rp.bgpIpv4 : rp.bgpIpv6;
    const settledAt = Math.max(rp.sessionChangedAt, rp.phases.since(this.now));
    if (!b || !b.enabled || (s !== "PROVISIONED" && s !== "REPROVISIONING")) return { operationalStatus: "DOWN", opStatusChangedAt: iso(settledAt) };
    const seen = this.sessionProbe?.(this.bgpEnd(rp.connectionUuid), fam);
    if (!seen) return { operationalStatus: "UNKNOWN", opStatusChangedAt: iso(settledAt) };
    return { operationalStatus: seen.up ? "UP" : "DOWN", opStatusChangedAt: iso(seen.since) };
  }

  // ---- rendering --------------------------------------------------------------------------------

  /** A routing protocol as `GET .../routingProtocols/{id}` returns it (RoutingProtocolData). */
  render(rp: RoutingProtocolRecord, base: string): Record<string, unknown> {
    const href = `${base}/fabric/v4/connections/${rp.connectionUuid}/routingProtocols/${rp.uuid}`;
    const changelog: Record<string, unknown> = {
      createdBy: rp.createdBy,
      createdDateTime: iso(rp.createdAt),
      updatedBy: rp.updatedBy,
      updatedDateTime: iso(Math.max(rp.updatedAt, rp.phases.since(this.now))),
    };
    if (rp.deletedAt !== undefined) {
      changelog.deletedBy = rp.updatedBy;
      changelog.deletedDateTime = iso(rp.deletedAt);
    }
    const out: Record<string, unknown> = {
      href,
      uuid: rp.uuid,
      state: this.state(rp),
      change: { uuid: rp.change.uuid, type: rp.change.type, href: `${href}/changes/${rp.change.uuid}` },
      changelog,
      type: rp.type,
      name: rp.name,
    };
    if (rp.type === "DIRECT") {
      if (rp.directIpv4) out.directIpv4 = { ...rp.directIpv4 };
      if (rp.directIpv6) out.directIpv6 = { ...rp.directIpv6 };
    } else {
      const direct = this.protocolsOf(rp.connectionUuid).find((x) => x.type === "DIRECT");
      for (const fam of ["ipv4", "ipv6"] as const) {
        const b = fam === "ipv4" ? rp.bgpIpv4 : rp.bgpIpv6;
        if (!b) continue;
        const subnet = parseCidr(fam === "ipv4" ? direct?.directIpv4?.equinixIfaceIp : direct?.directIpv6?.equinixIfaceIp);
        out[fam === "ipv4" ? "bgpIpv4" : "bgpIpv6"] = {
          customerPeerIp: b.customerPeerIp,
          ...(subnet ? { equinixPeerIp: subnet.address } : {}),
          enabled: b.enabled,
          ...Object.fromEntries((["outboundASPrependCount", "inboundMED", "outboundMED", "routesMax"] as const).filter((k) => b[k] !== undefined).map((k) => [k, b[k]])),
          operation: this.sessionStatus(rp, fam),
        };
      }
      if (rp.customerAsn !== undefined) out.customerAsn = rp.customerAsn;
      const c = this.w.get(rp.connectionUuid);
      const router = c?.aSide.kind === "router" ? this.w.aSides.routers.get(c.aSide.router.uuid) : undefined;
      if (router) out.equinixAsn = router.equinixAsn;
      if (rp.bgpAuthKey !== undefined) out.bgpAuthKey = rp.bgpAuthKey;
      if (rp.asOverrideEnabled !== undefined) out.asOverrideEnabled = rp.asOverrideEnabled;
      if (rp.bfd) out.bfd = { ...rp.bfd };
    }
    out.project = { projectId: rp.projectId };
    out.connection = { uuid: rp.connectionUuid };
    return out;
  }

  // ---- admin (portal) ---------------------------------------------------------------------------

  /** A portal edit of a routing protocol, applied at once (no reprovisioning), with the portal's checks of values. */
  portalUpdate(uuid: string, ch: PortalRoutingChanges): RoutingProtocolRecord {
    const rp = this.protocols.get(uuid);
    if (!rp || this.state(rp) === "DEPROVISIONED") throw new Error(`uuid not found: no routing protocol ${uuid}`);
    if (!isObj(ch)) throw new Error("a body of changes is required");
    const bgpOnly = ["customerAsn", "bgpAuthKey", "customerPeerIpv4", "customerPeerIpv6", "enabledIpv4", "enabledIpv6", "bfd"] as const;
    const directOnly = ["equinixIfaceIpv4", "equinixIfaceIpv6"] as const;
    for (const k of rp.type === "DIRECT" ? bgpOnly : directOnly) if ((ch as any)[k] !== undefined) throw new Error(`${k} does not apply to a ${rp.type} routing protocol`);
    if (ch.customerAsn !== undefined) {
      const p = asnProblem(ch.customerAsn);
      if (p) throw new Error(p);
    }
    if (ch.bgpAuthKey !== undefined && ch.bgpAuthKey !== null && (typeof ch.bgpAuthKey !== "string" || ch.bgpAuthKey.length === 0 || ch.bgpAuthKey.length > MD5_KEY_MAX)) {
      throw new Error(`bgpAuthKey must be 1 to ${MD5_KEY_MAX} characters, or null to remove it`);
    }
    for (const [k, fam] of [["customerPeerIpv4", 4], ["customerPeerIpv6", 6]] as const) {
      const v = ch[k];
      if (v !== undefined && parseIp(v)?.family !== fam) throw new Error(`${k} must be an IPv${fam} address`);
      if (v !== undefined && !(fam === 4 ? rp.bgpIpv4 : rp.bgpIpv6)) throw new Error(`the routing protocol has no bgpIpv${fam}`);
    }
    for (const [k, fam] of [["equinixIfaceIpv4", 4], ["equinixIfaceIpv6", 6]] as const) {
      const v = ch[k];
      if (v !== undefined && parseCidr(v)?.family !== fam) throw new Error(`${k} must be an IPv${fam} address with its prefix`);
    }
    if (ch.bfd !== undefined && (!isObj(ch.bfd) || typeof ch.bfd.enabled !== "boolean")) throw new Error("bfd must be {enabled, interval?}");
    if (ch.name !== undefined) rp.name = String(ch.name);
    if (ch.customerAsn !== undefined) rp.customerAsn = ch.customerAsn;
    if (ch.bgpAuthKey !== undefined) {
      if (ch.bgpAuthKey === null) delete rp.bgpAuthKey;
      else rp.bgpAuthKey = ch.bgpAuthKey;
    }
    if (ch.customerPeerIpv4 !== undefined) rp.bgpIpv4!.customerPeerIp = ch.customerPeerIpv4;
    if (ch.customerPeerIpv6 !== undefined) rp.bgpIpv6!.customerPeerIp = ch.customerPeerIpv6;
    if (ch.enabledIpv4 !== undefined && rp.bgpIpv4) rp.bgpIpv4.enabled = ch.enabledIpv4;
    if (ch.enabledIpv6 !== undefined && rp.bgpIpv6) rp.bgpIpv6.enabled = ch.enabledIpv6;
    if (ch.bfd !== undefined) rp.bfd = { enabled: ch.bfd.enabled, interval: String(ch.bfd.interval ?? 100) };
    if (ch.equinixIfaceIpv4 !== undefined) rp.directIpv4 = { equinixIfaceIp: ch.equinixIfaceIpv4 };
    if (ch.equinixIfaceIpv6 !== undefined) rp.directIpv6 = { equinixIfaceIp: ch.equinixIfaceIpv6 };
    const now = this.now;
    rp.change = { uuid: newUuid(), type: "ROUTING_PROTOCOL_UPDATE", createdAt: now };
    rp.updatedAt = now;
    rp.updatedBy = "portal-user";
    rp.sessionChangedAt = now;
    return rp;
  }

  /** The protocol `uuid`, whatever its connection. */
  protocol(uuid: string): RoutingProtocolRecord | undefined {
    return this.protocols.get(uuid);
  }

  /** The next `count` routers (or routing protocols) created never finish provisioning. */
  stallNext(what: "routers" | "protocols", count = 1): void {
    if (!isInt(count) || count < 1) throw new Error("count must be a whole number >= 1");
    this.stalls[what] += count;
  }

  resetRules(): void {
    this.stalls = { routers: 0, protocols: 0 };
  }

  // ---- inventory and the state file --------------------------------------------------------------

  /** Routers ordered through the API that still exist, and every routing protocol that still exists. */
  inventory(base: string): { cloudRouters: Record<string, unknown>[]; routingProtocols: Record<string, unknown>[] } {
    const a = this.w.aSides;
    return {
      cloudRouters: [...a.routers.values()].filter((r) => r.api && a.routerState(r) !== "DEPROVISIONED").map((r) => renderApiRouter(r, r.api!, base, a.routerConnections(r.uuid, this.w.live()).length, a.routerState(r), this.now)),
      routingProtocols: [...this.protocols.values()].filter((p) => this.state(p) !== "DEPROVISIONED").map((p) => this.render(p, base)),
    };
  }

  snapshot(): RoutingSnapshot {
    return { protocols: this.protocols, stalls: { ...this.stalls } };
  }

  restore(s: RoutingSnapshot | undefined): void {
    if (!s) return;
    refill(this.protocols, s.protocols);
    this.stalls = { routers: s.stalls?.routers ?? 0, protocols: s.stalls?.protocols ?? 0 };
  }
}

/** What the state file keeps of the routing slice (routers themselves are in the A sides). */
export interface RoutingSnapshot {
  protocols: Map<string, RoutingProtocolRecord>;
  stalls: { routers: number; protocols: number };
}

/**
 * A Fabric Cloud Router as `GET /fabric/v4/routers/{id}` returns it, from its record and what differs
 * between a seeded router and one ordered through the API: its order (only an ordered one), notifications,
 * account and change log.
 */
export function routerBody(
  r: CloudRouterRecord,
  base: string,
  state: string,
  connections: number,
  o: { order?: Record<string, unknown>; notifications: Notification[]; accountNumber: number; changeLog: Record<string, unknown> },
): Record<string, unknown> {
  const m = metro(r.metroCode);
  return {
    href: `${base}/fabric/v4/routers/${r.uuid}`,
    uuid: r.uuid,
    state,
    type: "XF_ROUTER",
    name: r.name,
    location: { metroHref: `${base}/fabric/v4/metros/${r.metroCode}`, metroCode: r.metroCode, ...(m ? { metroName: m.name, region: m.region } : {}) },
    equinixAsn: r.equinixAsn,
    package: { href: `${base}/fabric/v4/routerPackages/${r.packageCode}`, code: r.packageCode },
    ...(o.order ? { order: o.order } : {}),
    project: { projectId: r.projectId },
    notifications: o.notifications,
    account: { accountNumber: o.accountNumber },
    connectionsCount: connections,
    changeLog: o.changeLog,
  };
}

/** A router ordered through the API as Fabric returns it (CloudRouter), its last change included. */
export function renderApiRouter(r: CloudRouterRecord, api: ApiRouterFields, base: string, connections: number, state: string, now: number): Record<string, unknown> {
  const changeLog: Record<string, unknown> = {
    createdBy: api.createdBy,
    createdByFullName: api.createdBy,
    createdByEmail: `${api.createdBy}@sandbox.example`,
    createdDateTime: iso(r.createdAt),
    updatedBy: api.updatedBy,
    updatedByFullName: api.updatedBy,
    updatedByEmail: `${api.updatedBy}@sandbox.example`,
    updatedDateTime: iso(Math.max(r.updatedAt, r.phases ? r.phases.since(now) : r.updatedAt)),
  };
  if (api.deletedAt !== undefined) {
    changeLog.deletedBy = api.deletedBy;
    changeLog.deletedByFullName = api.deletedBy;
    changeLog.deletedByEmail = `${api.deletedBy}@sandbox.example`;
    changeLog.deletedDateTime = iso(api.deletedAt);
  }
  const out = routerBody(r, base, state, connections, {
    order: Object.keys(api.order).length ? { ...api.order } : undefined,
    notifications: api.notifications.map((n) => ({ type: n.type, emails: [...n.emails] })),
    accountNumber: api.accountNumber,
    changeLog,
  });
  if (api.change) {
    out.change = {
      uuid: api.change.uuid,
      type: "ROUTER_UPDATE",
      status: api.change.status.current(now),
      createdDateTime: iso(api.change.createdAt),
      updatedDateTime: iso(api.change.status.since(now)),
    };
  }
  return out;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The routes: POST/PATCH/DELETE /fabric/v4/routers and /fabric/v4/connections/{id}/routingProtocols. @internal */
export function registerFabricRouting(app: Router, ctx: SandboxContext, world: EquinixWorld, auth: EquinixAuth): void {
  const routing = world.routing;
  const base = () => ctx.url();
  const now = () => ctx.clock.now();
  const route = routeRegistrar(app, {
    auth: auth.require(),
    answer: (res, e) => e instanceof EquinixApiFailure && (sendErrors(res, e.status, e.errors), true),
  });
  const routerOut = (r: CloudRouterRecord) => {
    const a = world.aSides;
    return r.api
      ? renderApiRouter(r, r.api, base(), a.routerConnections(r.uuid, world.live()).length, a.routerState(r), now())
      : ({ uuid: r.uuid } as Record<string, unknown>);
  };
  const routerId = (req: Request, res: Response): string | undefined => {
    const id = String(req.params.id);
    if (UUID_RE.test(id)) return id;
    sendErrors(res, 400, [eqError(EQ.notFoundOrNotYours, "Invalid router id", "/routerId", "not a uuid")]);
    return undefined;
  };

  route("post", "/fabric/v4/routers", "fabric.router.create", (req, res) => {
    res.status(200).json(routerOut(routing.createRouter(req.body)));
  });
  route("patch", "/fabric/v4/routers/:id", "fabric.router.update", (req, res) => {
    const id = routerId(req, res);
    if (!id) return;
    const r = routing.patchRouter(id, req.body);
    // A seeded (admin-made) router answers in the A-side shape.
    res.status(200).json(r.api ? routerOut(r) : { uuid: r.uuid, name: r.name, state: world.aSides.routerState(r) });
  });
  route("delete", "/fabric/v4/routers/:id", "fabric.router.delete", (req, res) => {
    const id = routerId(req, res);
    if (!id) return;
    routing.deleteRouter(id);
    res.status(204).end();
  });

  const P = "/fabric/v4/connections/:cid/routingProtocols";
  const cid = (req: Request) => String(req.params.cid);
  route("post", P, "fabric.routingProtocol.create", (req, res) => {
    res.status(202).json(routing.render(routing.createProtocol(cid(req), req.body), base()));
  });
  route("get", P, "fabric.routingProtocol.list", (req, res) => {
    const c = world.get(cid(req));
    if (!c || GONE_STATUSES.includes(world.phase(c).equinixStatus)) return sendErrors(res, 404, [eqError(RP.notFound, "The connection ID was not found or was already deleted.", "/connectionId")]);
    const offset = req.query.offset === undefined ? 0 : Number(req.query.offset);
    const limit = req.query.limit === undefined ? 20 : Number(req.query.limit);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1 || limit > 100) {
      return sendErrors(res, 400, [{ errorCode: "EQ-3041023", errorMessage: "Invalid pagination parameter.", correlationId: newUuid(), additionalInfo: [{ property: "offset", reason: "offset must be a whole number >= 0 and limit 1 to 100" }] }]);
    }
    const all = routing.protocolsOf(c.uuid).sort((a, b) => a.createdAt - b.createdAt);
    res.status(200).json({ pagination: { offset, limit, total: all.length }, data: all.slice(offset, offset + limit).map((p) => routing.render(p, base())) });
  });
  route("get", `${P}/:id`, "fabric.routingProtocol.get", (req, res) => {
    const rp = routing.protocol(String(req.params.id));
    if (!rp || rp.connectionUuid !== cid(req)) return sendErrors(res, 404, [eqError(RP.notFound, "The connection ID was not found or was already deleted.", "/routingProtocolId")]);
    res.status(200).json(routing.render(rp, base()));
  });
  route("put", `${P}/:id`, "fabric.routingProtocol.replace", (req, res) => {
    res.status(202).json(routing.render(routing.replaceProtocol(cid(req), String(req.params.id), req.body), base()));
  });
  route("patch", `${P}/:id`, "fabric.routingProtocol.update", (req, res) => {
    res.status(202).json(routing.render(routing.patchProtocol(cid(req), String(req.params.id), req.body), base()));
  });
  route("delete", `${P}/:id`, "fabric.routingProtocol.delete", (req, res) => {
    res.status(202).json(routing.render(routing.deleteProtocol(cid(req), String(req.params.id)), base()));
  });
}

/** What `sandbox.admin.equinix` offers for routers and routing protocols (see EquinixAdmin). */
export interface RoutingAdmin {
  /** a routing protocol as GET .../routingProtocols/{id} returns it now */
  routingProtocol(uuid: string): Record<string, unknown> | undefined;
  /** a portal edit of a routing protocol, applied at once (drift) */
  updateRoutingProtocol(uuid: string, changes: PortalRoutingChanges): void;
  /** a portal delete of a routing protocol: DEPROVISIONED at once (a DIRECT only once its BGP is gone) */
  deleteRoutingProtocol(uuid: string): void;
  /** a portal edit of a cloud router (name, package, notifications), applied at once */
  updateCloudRouter(uuid: string, changes: PortalRouterChanges): void;
  /** a portal delete of a cloud router: DEPROVISIONED at once (refused while it has connections) */
  deleteCloudRouter(uuid: string): void;
  /** the next `count` cloud routers or routing protocols created never finish provisioning */
  stallNextRouting(what: "routers" | "protocols", count?: number): void;
  /** the Fabric end of the BGP session on a connection (what the session computation reads) */
  bgpEnd(connectionUuid: string): FabricBgpEnd;
}

export function createRoutingAdmin(ctx: SandboxContext, w: EquinixWorld): RoutingAdmin {
  const routing = w.routing;
  return {
    routingProtocol: (uuid) => {
      const rp = routing.protocol(uuid);
      return rp ? routing.render(rp, ctx.url()) : undefined;
    },
    updateRoutingProtocol: (uuid, changes) => void routing.portalUpdate(uuid, changes),
    deleteRoutingProtocol: (uuid) => {
      const rp = routing.protocol(uuid);
      if (!rp) throw new Error(`uuid not found: no routing protocol ${uuid}`);
      try {
        routing.deleteProtocol(rp.connectionUuid, uuid, "portal");
      } catch (e) {
        throw e instanceof EquinixApiFailure ? new Error(e.errors.map((x) => `${x.errorCode} ${x.details ?? x.errorMessage}`).join("; ")) : e;
      }
    },
    updateCloudRouter: (uuid, ch) => {
      if (!isObj(ch)) throw new Error("a body {name?, packageCode?, notifications?} is required");
      const ops = [
        ...(ch.name !== undefined ? [{ op: "replace", path: "/name", value: ch.name }] : []),
        ...(ch.packageCode !== undefined ? [{ op: "replace", path: "/package/code", value: ch.packageCode }] : []),
        ...(ch.notifications !== undefined ? [{ op: "replace", path: "/notifications", value: ch.notifications }] : []),
      ];
      if (!w.aSides.routers.has(uuid)) throw new Error(`uuid not found: no cloud router ${uuid}`);
      try {
        routing.patchRouter(uuid, ops, "portal");
      } catch (e) {
        throw e instanceof EquinixApiFailure ? new Error(e.errors.map((x) => `${x.errorCode} ${x.additionalInfo?.[0]?.reason ?? x.errorMessage}`).join("; ")) : e;
      }
    },
    deleteCloudRouter: (uuid) => {
      if (!w.aSides.routers.has(uuid)) throw new Error(`uuid not found: no cloud router ${uuid}`);
      try {
        routing.deleteRouter(uuid, "portal");
      } catch (e) {
        throw e instanceof EquinixApiFailure ? new Error(e.errors.map((x) => `${x.errorCode} ${x.additionalInfo?.[0]?.reason ?? x.errorMessage}`).join("; ")) : e;
      }
    },
    stallNextRouting: (what, count) => {
      if (what !== "routers" && what !== "protocols") throw new Error('what must be "routers" or "protocols"');
      routing.stallNext(what, count ?? 1);
    },
    bgpEnd: (connectionUuid) => routing.bgpEnd(connectionUuid),
  };
}

/** The admin HTTP routes of routers and routing protocols, under /_sandbox/equinix. @internal */
export function routingAdminRoutes(r: AdminRoutes, admin: () => RoutingAdmin): void {
  const id = (req: Request) => String(req.params.uuid);
  r.read("/routingProtocols/:uuid", "a routing protocol as GET /fabric/v4/connections/{id}/routingProtocols/{uuid} returns it now", (uuid) => admin().routingProtocol(uuid), (uuid) => `uuid not found: no routing protocol ${uuid}`);
  r.action(
    "POST",
    "/routingProtocols/:uuid/update",
    "a portal edit of a routing protocol, applied at once: body {name?, customerAsn?, bgpAuthKey? (null removes it), customerPeerIpv4?, customerPeerIpv6?, enabledIpv4?, enabledIpv6?, bfd?: {enabled, interval?}, equinixIfaceIpv4?, equinixIfaceIpv6?}",
    (req) => admin().updateRoutingProtocol(id(req), req.body ?? {}),
  );
  r.action("POST", "/routingProtocols/:uuid/delete", "a portal delete of a routing protocol: DEPROVISIONED at once (a DIRECT only once its BGP is gone)", (req) => admin().deleteRoutingProtocol(id(req)));
  r.action("POST", "/routing/stallNext", "the next created cloud routers or routing protocols never finish provisioning: body {what: routers|protocols, count?}", (req) => admin().stallNextRouting(req.body?.what, req.body?.count));
  r.action("POST", "/cloudRouters/:uuid/update", "a portal edit of a cloud router, applied at once: body {name?, packageCode?, notifications?}", (req) => admin().updateCloudRouter(id(req), req.body ?? {}));
  r.action("POST", "/cloudRouters/:uuid/delete", "a portal delete of a cloud router: DEPROVISIONED at once (refused while it has connections)", (req) => admin().deleteCloudRouter(id(req)));
  r.read("/connections/:uuid/bgp", "the Fabric end of the connection's BGP session (addresses, ASNs, MD5 key, BFD, readiness)", (uuid) => admin().bgpEnd(uuid), (uuid) => `uuid not found: no connection ${uuid}`);
}
