import type { Timeline } from "../core/clock";
import { uuid as newUuid, stableUuid } from "../core/ids";
import { refill } from "../core/state";
import { CLOUD_ROUTER_SEEDS, metro, PORTS, PROJECT_ID, SERVICE_TOKEN_SEEDS, VIRTUAL_DEVICE_SEEDS, type PortDef } from "./catalog";
import type { ConnectionRecord, LinkProtocol } from "./model";
import type { ApiRouterFields } from "./routers";

/**
 * The A sides other than ports that the "Connect to Alibaba Cloud" guide lists: A-side service tokens,
 * Fabric Cloud Routers and Network Edge virtual devices, with the states Fabric checks when a connection
 * names one. Seeded from the catalog (stable uuids, default project); the admin adds more and changes
 * their states. Which interface of a device is in use is computed from the live connections, as the VLANs
 * of a port are.
 */

/** ServiceTokenState of the Fabric v4 spec. EXPIRED is computed from the expiry date. */
export const SERVICE_TOKEN_STATES = ["ACTIVE", "INACTIVE", "EXPIRED", "DELETED"] as const;
export type ServiceTokenState = (typeof SERVICE_TOKEN_STATES)[number];

/** CloudRouterAccessPointState of the Fabric v4 spec. */
export const CLOUD_ROUTER_STATES = ["PROVISIONED", "PROVISIONING", "DEPROVISIONING", "DEPROVISIONED", "REPROVISIONING", "NOT_PROVISIONED", "NOT_DEPROVISIONED"] as const;
export type CloudRouterState = (typeof CLOUD_ROUTER_STATES)[number];
export const CLOUD_ROUTER_PACKAGES = ["LAB", "BASIC", "STANDARD", "ADVANCED", "PREMIUM"] as const;

/** Network Edge device statuses (as the Network Edge API reports them). */
export const VIRTUAL_DEVICE_STATUSES = ["INITIALIZING", "PROVISIONING", "WAITING_FOR_PRIMARY", "WAITING_FOR_SECONDARY", "FAILED", "PROVISIONED", "DEPROVISIONING", "DEPROVISIONED"] as const;
export type VirtualDeviceStatus = (typeof VIRTUAL_DEVICE_STATUSES)[number];

const YEAR_MS = 365 * 24 * 3600_000;
/** the seeded A sides were created this long before the sandbox started */
const SEEDED_AGO_MS = 30 * 24 * 3600_000;

/** Created (and last changed) at `at`, in the default project. */
function stamped(at: number): { createdAt: number; updatedAt: number; projectId: string } {
  return { createdAt: at, updatedAt: at, projectId: PROJECT_ID };
}

export interface ServiceTokenRecord {
  uuid: string;
  type: "VC_TOKEN";
  name: string;
  description: string;
  port: PortDef;
  linkProtocol: LinkProtocol;
  /** Mbps */
  bandwidthLimit: number;
  allowRemoteConnection: boolean;
  createdAt: number;
  updatedAt: number;
  /** sandbox ms */
  expiresAt: number;
  /** the stored state; `ASides.tokenState` adds EXPIRED */
  state: "ACTIVE" | "INACTIVE" | "DELETED";
  /** the connection that redeemed it (a token is used once) */
  connectionUuid?: string;
  projectId: string;
}

export interface CloudRouterRecord {
  uuid: string;
  name: string;
  metroCode: string;
  packageCode: (typeof CLOUD_ROUTER_PACKAGES)[number];
  equinixAsn: number;
  /** the state when the router has no `phases` (seeded, admin-made, or set by the admin) */
  state: CloudRouterState;
  createdAt: number;
  updatedAt: number;
  projectId: string;
  /** a router ordered through `POST /fabric/v4/routers` (sandbox/equinix/routers.ts): its state over time, and the rest of what the API keeps */
  phases?: Timeline<CloudRouterState>;
  api?: ApiRouterFields;
}

export interface DeviceInterface {
  id: number;
  uuid: string;
  name: string;
  /** MGMT is the device's own management interface; DATA interfaces carry connections */
  type: "MGMT" | "DATA";
}

export interface VirtualDeviceRecord {
  uuid: string;
  name: string;
  metroCode: string;
  deviceTypeCode: string;
  status: VirtualDeviceStatus;
  interfaces: DeviceInterface[];
  createdAt: number;
  updatedAt: number;
  projectId: string;
}

export interface NewServiceToken {
  name?: string;
  description?: string;
  /** the port the token carries (a port of the sandbox customer) */
  portUuid: string;
  /** DOT1Q port: the VLAN */
  vlanTag?: number;
  /** QINQ port: outer and inner tags */
  vlanSTag?: number;
  vlanCTag?: number;
  /** Mbps, default 1000 */
  bandwidthLimit?: number;
  allowRemoteConnection?: boolean;
  /** ms from now on the sandbox clock (default a year; 0 or less: already expired) */
  expiresInMs?: number;
}

export interface NewCloudRouter {
  name?: string;
  metroCode: string;
  packageCode?: (typeof CLOUD_ROUTER_PACKAGES)[number];
  /** default PROVISIONED */
  state?: CloudRouterState;
}

export interface NewVirtualDevice {
  name?: string;
  metroCode: string;
  deviceTypeCode?: string;
  /** interfaces 1..n (2..24, default 10); 1 is the management interface */
  interfaceCount?: number;
  /** default PROVISIONED */
  status?: VirtualDeviceStatus;
}

/** The record `uuid` names, or an error the admin answers with 404 (`uuid not found`). */
function found<T>(map: Map<string, T>, uuid: string, what: string): T {
  const x = map.get(uuid);
  if (!x) throw new Error(`uuid not found: no ${what} ${uuid}`);
  return x;
}

function interfaces(deviceUuid: string, count: number): DeviceInterface[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    uuid: stableUuid(`equinix/virtualDevice/${deviceUuid}/interface/${i + 1}`),
    name: `GigabitEthernet${i + 1}`,
    type: i === 0 ? ("MGMT" as const) : ("DATA" as const),
  }));
}

const isInt = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

function oneOf<T extends string>(field: string, v: unknown, values: readonly T[]): T {
  if (typeof v !== "string" || !values.includes(v as T)) throw new Error(`${field} must be one of ${values.join(", ")} (got ${JSON.stringify(v)})`);
  return v as T;
}

function checkMetro(v: unknown): string {
  if (typeof v !== "string" || !metro(v)) throw new Error(`metroCode must be a sandbox metro (SV, DC, SG, HK, TY, FR, LD), got ${JSON.stringify(v)}`);
  return v;
}

function checkName(v: unknown, fallback: string): string {
  if (v === undefined) return fallback;
  if (typeof v !== "string" || v.trim() === "" || v.length > 50) throw new Error(`name must be 1 to 50 characters (got ${JSON.stringify(v)})`);
  return v;
}

/** A-side service tokens, cloud routers and virtual devices of the sandbox customer. */
export class ASides {
  readonly tokens = new Map<string, ServiceTokenRecord>();
  readonly routers = new Map<string, CloudRouterRecord>();
  readonly devices = new Map<string, VirtualDeviceRecord>();

  constructor(private readonly clock: () => number) {
    const now = clock();
    for (const s of SERVICE_TOKEN_SEEDS) {
      this.tokens.set(s.uuid, {
        uuid: s.uuid,
        type: "VC_TOKEN",
        name: s.name,
        description: s.description,
        port: s.port,
        linkProtocol: { ...s.linkProtocol },
        bandwidthLimit: s.bandwidthLimit,
        allowRemoteConnection: s.allowRemoteConnection,
        ...stamped(now - SEEDED_AGO_MS),
        expiresAt: s.expired ? now - 24 * 3600_000 : now + YEAR_MS,
        state: "ACTIVE",
      });
    }
    for (const r of CLOUD_ROUTER_SEEDS) {
      this.routers.set(r.uuid, { ...r, state: "PROVISIONED", ...stamped(now - SEEDED_AGO_MS) });
    }
    for (const d of VIRTUAL_DEVICE_SEEDS) {
      this.devices.set(d.uuid, {
        uuid: d.uuid,
        name: d.name,
        metroCode: d.metroCode,
        deviceTypeCode: d.deviceTypeCode,
        status: "PROVISIONED",
        interfaces: interfaces(d.uuid, d.interfaceCount),
        ...stamped(now - SEEDED_AGO_MS),
      });
    }
  }

  // ---- service tokens -----------------------------------------------------------------------------

  /** The token's state now: EXPIRED once its expiry has passed (unless redeemed or deleted before). */
  tokenState(t: ServiceTokenRecord): ServiceTokenState {
    if (t.state === "ACTIVE" && this.clock() >= t.expiresAt) return "EXPIRED";
    return t.state;
  }

  token(uuid: string): ServiceTokenRecord {
    return found(this.tokens, uuid, "service token");
  }

  /** Issues an A-side token for one of the customer's ports (ACTIVE; it expires after `expiresInMs`). */
  createServiceToken(o: NewServiceToken): ServiceTokenRecord {
    if (typeof o !== "object" || o === null) throw new Error("a body {portUuid, vlanTag | vlanSTag (+ vlanCTag), ...} is required");
    const port = PORTS.find((p) => p.uuid === o.portUuid);
    if (!port) throw new Error(`portUuid must name a port of the sandbox customer (got ${JSON.stringify(o.portUuid)})`);
    const tag = (field: string, v: unknown) => {
      if (!isInt(v) || v < 2 || v > 4092) throw new Error(`${field} must be a whole number between 2 and 4092 (got ${JSON.stringify(v)})`);
      return v;
    };
    let lp: LinkProtocol;
    if (port.encapsulation === "DOT1Q") {
      if (o.vlanSTag !== undefined || o.vlanCTag !== undefined) throw new Error(`port ${port.name} is DOT1Q: give vlanTag, not vlanSTag/vlanCTag`);
      lp = { type: "DOT1Q", vlanTag: tag("vlanTag", o.vlanTag) };
    } else {
      if (o.vlanTag !== undefined) throw new Error(`port ${port.name} is QINQ: give vlanSTag (and vlanCTag), not vlanTag`);
      lp = { type: "QINQ", vlanSTag: tag("vlanSTag", o.vlanSTag), ...(o.vlanCTag !== undefined ? { vlanCTag: tag("vlanCTag", o.vlanCTag) } : {}) };
    }
    const limit = o.bandwidthLimit ?? 1000;
    if (!isInt(limit) || limit < 1 || limit > 100000) throw new Error(`bandwidthLimit must be a whole number of Mbps between 1 and 100000 (got ${JSON.stringify(o.bandwidthLimit)})`);
    if (o.expiresInMs !== undefined && (typeof o.expiresInMs !== "number" || !Number.isFinite(o.expiresInMs))) throw new Error("expiresInMs must be a number of milliseconds");
    return this.added(this.tokens, o.name, "token", (now) => ({
      type: "VC_TOKEN",
      description: typeof o.description === "string" ? o.description : `A-side token for port ${port.name}`,
      port,
      linkProtocol: lp,
      bandwidthLimit: limit,
      allowRemoteConnection: o.allowRemoteConnection === true,
      expiresAt: now + (o.expiresInMs ?? YEAR_MS),
      state: "ACTIVE",
    }));
  }

  /** The portal's deactivate/activate/delete. ACTIVE again keeps the expiry date. */
  setServiceTokenState(uuid: string, state: unknown): ServiceTokenRecord {
    const t = this.token(uuid);
    t.state = oneOf("state", state, ["ACTIVE", "INACTIVE", "DELETED"] as const);
    return this.touch(t);
  }

  /** The expiry date passes now. */
  expireServiceToken(uuid: string): ServiceTokenRecord {
    const t = this.token(uuid);
    t.expiresAt = this.clock();
    t.updatedAt = t.expiresAt;
    return t;
  }

  /** A connection redeemed the token: it cannot be used again. */
  redeem(uuid: string, connectionUuid: string): void {
    const t = this.token(uuid);
    t.state = "INACTIVE";
    t.connectionUuid = connectionUuid;
    this.touch(t);
  }

  /**
   * Stores a new A side: a fresh uuid, the name given (else `<prefix>-<the uuid's first 8 characters>`),
   * created and last changed now in the default project, and the kind's own `fields`.
   */
  private added<R extends ServiceTokenRecord | CloudRouterRecord | VirtualDeviceRecord>(
    map: Map<string, R>,
    name: unknown,
    prefix: string,
    fields: (now: number, uuid: string) => Omit<R, "uuid" | "name" | "createdAt" | "updatedAt" | "projectId">,
  ): R {
    const now = this.clock();
    const uuid = newUuid();
    const r = { uuid, name: checkName(name, `${prefix}-${uuid.slice(0, 8)}`), ...fields(now, uuid), ...stamped(now) } as R;
    map.set(uuid, r);
    return r;
  }

  /** Records a change made now. */
  private touch<T extends { updatedAt: number }>(r: T): T {
    r.updatedAt = this.clock();
    return r;
  }

  // ---- cloud routers ------------------------------------------------------------------------------

  router(uuid: string): CloudRouterRecord {
    return found(this.routers, uuid, "cloud router");
  }

  /** The router's state now (a router ordered through the API moves on its own timeline). */
  routerState(r: CloudRouterRecord): CloudRouterState {
    return r.phases ? r.phases.current(this.clock()) : r.state;
  }

  createCloudRouter(o: NewCloudRouter): CloudRouterRecord {
    if (typeof o !== "object" || o === null) throw new Error("a body {metroCode, name?, packageCode?, state?} is required");
    const metroCode = checkMetro(o.metroCode);
    return this.added(this.routers, o.name, `fcr-${metroCode.toLowerCase()}`, () => ({
      metroCode,
      packageCode: o.packageCode === undefined ? "STANDARD" : oneOf("packageCode", o.packageCode, CLOUD_ROUTER_PACKAGES),
      equinixAsn: 30000,
      state: o.state === undefined ? "PROVISIONED" : oneOf("state", o.state, CLOUD_ROUTER_STATES),
    }));
  }

  setCloudRouterState(uuid: string, state: unknown): CloudRouterRecord {
    const r = this.router(uuid);
    r.state = oneOf("state", state, CLOUD_ROUTER_STATES);
    // The admin's state holds from now on: a scheduled transition no longer applies.
    r.phases = undefined;
    return this.touch(r);
  }

  // ---- virtual devices ----------------------------------------------------------------------------

  device(uuid: string): VirtualDeviceRecord {
    return found(this.devices, uuid, "virtual device");
  }

  createVirtualDevice(o: NewVirtualDevice): VirtualDeviceRecord {
    if (typeof o !== "object" || o === null) throw new Error("a body {metroCode, name?, deviceTypeCode?, interfaceCount?, status?} is required");
    const metroCode = checkMetro(o.metroCode);
    const count = o.interfaceCount ?? 10;
    if (!isInt(count) || count < 2 || count > 24) throw new Error(`interfaceCount must be a whole number between 2 and 24 (got ${JSON.stringify(o.interfaceCount)})`);
    return this.added(this.devices, o.name, `edge-${metroCode.toLowerCase()}`, (_now, uuid) => ({
      metroCode,
      deviceTypeCode: typeof o.deviceTypeCode === "string" && o.deviceTypeCode ? o.deviceTypeCode : "C8000V",
      status: o.status === undefined ? "PROVISIONED" : oneOf("status", o.status, VIRTUAL_DEVICE_STATUSES),
      interfaces: interfaces(uuid, count),
    }));
  }

  setVirtualDeviceStatus(uuid: string, status: unknown): VirtualDeviceRecord {
    const d = this.device(uuid);
    d.status = oneOf("status", status, VIRTUAL_DEVICE_STATUSES);
    return this.touch(d);
  }

  /** What the state file keeps: every token, router and device. */
  snapshot(): { tokens: Map<string, ServiceTokenRecord>; routers: Map<string, CloudRouterRecord>; devices: Map<string, VirtualDeviceRecord> } {
    return { tokens: this.tokens, routers: this.routers, devices: this.devices };
  }

  /** Restores a snapshot; a token's port is taken from today's catalog by uuid. */
  restore(s: ReturnType<ASides["snapshot"]> | undefined): void {
    if (!s) return;
    for (const t of s.tokens.values()) t.port = PORTS.find((p) => p.uuid === t.port.uuid) ?? t.port;
    refill(this.tokens, s.tokens);
    refill(this.routers, s.routers);
    refill(this.devices, s.devices);
  }

  /** The connection (among `holders`) using interface `id` of the device, if any. */
  interfaceUser(deviceUuid: string, id: number, holders: ConnectionRecord[]): ConnectionRecord | undefined {
    return holders.find((c) => c.aSide.kind === "device" && c.aSide.device.uuid === deviceUuid && c.aSide.interface.id === id);
  }

  /** Live connections (among `holders`) from the router. */
  routerConnections(routerUuid: string, holders: ConnectionRecord[]): ConnectionRecord[] {
    return holders.filter((c) => c.aSide.kind === "router" && c.aSide.router.uuid === routerUuid);
  }
}
