import type { SandboxContext } from "../core/api";
import { Timeline } from "../core/clock";
import { uuid as newUuid } from "../core/ids";
import { refill } from "../core/state";
import { ASides } from "./aSides";
import { findProfile, PORT_DEPROVISIONING_STATUS, PORTS, PROFILES, PROJECT_ID, type PortDef, type ProfileDef, type SellerDef } from "./catalog";
import { EQ, eqError, type EquinixError } from "./errors";
import { GONE_STATUSES, TRANSIENT_STATUSES, type ConnectionRecord, type LinkProtocol, type Phase, type StoredSide } from "./model";
import { checkName, checkNotifications, duplicateVlanError, TERM_LENGTHS, validateCreate, vlanTaken } from "./validation";
import type { EquinixAuth, EquinixAuthState } from "./oauth";
import { FabricRouting, type RoutingSnapshot } from "./routers";

/**
 * Names of the events the Equinix slice emits on `world.events`. The `profileConnection` events concern
 * connections to a seller's service profile and carry the profile: sandbox/links.ts turns them into the
 * seller's side (an Alibaba hosted connection, ...).
 */
export const EQUINIX_EVENTS = {
  /** every new connection: ConnectionCreatedEvent */
  connectionCreated: "equinix.connection.created",
  /** name, bandwidth, VLAN or notifications changed (API or portal): ConnectionUpdatedEvent */
  connectionUpdated: "equinix.connection.updated",
  /** deprovisioning started (API delete, portal delete, or the provider's termination): ConnectionDeletedEvent */
  connectionDeleted: "equinix.connection.deleted",
  /** Fabric sent a new connection to the seller of its profile: ProfileConnectionCreatedEvent */
  profileConnectionCreated: "equinix.profileConnection.created",
  /** a connection to a seller's profile changed: ProfileConnectionUpdatedEvent */
  profileConnectionUpdated: "equinix.profileConnection.updated",
  /** a connection to a seller's profile started deprovisioning: ProfileConnectionDeletedEvent */
  profileConnectionDeleted: "equinix.profileConnection.deleted",
} as const;

export interface ConnectionCreatedEvent {
  uuid: string;
  name: string;
  /** the Z side's service profile, if it is one */
  profileUuid?: string;
}

export type ConnectionChanges = { name?: string; bandwidth?: number; vlanTag?: number; notifications?: unknown; termLength?: number };

export interface ConnectionUpdatedEvent {
  uuid: string;
  profileUuid?: string;
  changes: ConnectionChanges;
  by: "api" | "portal";
}

export interface ConnectionDeletedEvent {
  uuid: string;
  profileUuid?: string;
  providerConnectionId?: string;
  by: "api" | "portal" | "provider";
}

/** What the seller of a profile hears of a new connection (for Alibaba: enough to make the hosted connection appear). */
export interface ProfileConnectionCreatedEvent {
  uuid: string;
  name: string;
  /** the service profile, with its seller's behaviour (`profile.seller`) */
  profile: ProfileDef;
  /** zSide.accessPoint.authenticationKey (Alibaba: the Alibaba account id) */
  authenticationKey: string;
  metroCode: string;
  /** the seller's region, e.g. Alibaba `us-west-1` */
  sellerRegion: string;
  /**
   * the VLAN towards the seller: the DOT1Q tag, or the C-tag (else S-tag) of a QINQ port (also when a service
   * token gave the port); the VLAN Equinix assigned for a cloud router or a virtual device
   */
  vlan: number;
  /** Mbps */
  bandwidth: number;
  redundancy: { group: string; priority: "PRIMARY" | "SECONDARY" };
  /** the A side: a port (COLO, possibly from a service token), a cloud router or a virtual device */
  aSide: { type: "COLO" | "CLOUD_ROUTER" | "VD"; uuid: string; name: string; serviceToken?: string };
  /** the A-side port (COLO A sides only) */
  portUuid?: string;
  portName?: string;
  /**
   * sandbox time (ms) at which Fabric sends the request to the seller: PROVISIONED/PENDING_APPROVAL for a
   * profile that requires approval, PROVISIONING for an auto-approved one. Never emitted for a connection
   * that does not get there (rejected, or stalled at creation).
   */
  sentAt: number;
}

export interface ProfileConnectionUpdatedEvent {
  uuid: string;
  profile: ProfileDef;
  providerConnectionId?: string;
  changes: ConnectionChanges;
  by: "api" | "portal";
}

export interface ProfileConnectionDeletedEvent {
  uuid: string;
  profile: ProfileDef;
  providerConnectionId?: string;
  by: "api" | "portal" | "provider";
}

/** Default delays (ms, before timeScale) of the Equinix transitions. */
export const EQUINIX_DEFAULT_DELAYS = {
  /** PENDING_AUTO_APPROVAL -> PROVISIONING (self / private connections) */
  autoApproval: 100,
  /** PROVISIONING -> PROVISIONED/AVAILABLE (self), PROVISIONING -> PROVISIONED/PENDING_APPROVAL (a profile that requires approval) */
  provisioning: 200,
  /** after the provider accepted: PROVISIONED/PROVISIONING -> PROVISIONED/PROVISIONED */
  providerProvisioning: 200,
  /** rejectNext(): PROVISIONING -> FAILED/REJECTED */
  rejection: 200,
  /** PATCH: change REQUESTED -> COMPLETED */
  update: 150,
  /** DEPROVISIONING -> DEPROVISIONED */
  deprovisioning: 200,
  /** a Fabric Cloud Router ordered through the API: PROVISIONING -> PROVISIONED (sandbox/equinix/routers.ts) */
  routerProvisioning: 200,
  /** a router's PATCH: change REQUESTED -> COMPLETED */
  routerUpdate: 150,
  /** a router's DEPROVISIONING -> DEPROVISIONED */
  routerDeprovisioning: 200,
  /** a routing protocol: PROVISIONING -> PROVISIONED */
  routingProvisioning: 150,
  /** a routing protocol's PUT or PATCH: REPROVISIONING -> PROVISIONED */
  routingUpdate: 150,
  /** a routing protocol's DEPROVISIONING -> DEPROVISIONED */
  routingDeprovisioning: 150,
};
export type EquinixDelays = typeof EQUINIX_DEFAULT_DELAYS;

export type StallMatcher = "next" | { uuid?: string; name?: string | RegExp };

const P = {
  autoApproval: { state: "PROVISIONING", equinixStatus: "PENDING_AUTO_APPROVAL", providerStatus: "NOT_AVAILABLE" },
  provisioning: { state: "PROVISIONING", equinixStatus: "PROVISIONING", providerStatus: "NOT_AVAILABLE" },
  available: { state: "ACTIVE", equinixStatus: "PROVISIONED", providerStatus: "AVAILABLE" },
  pendingApproval: { state: "PENDING", equinixStatus: "PROVISIONED", providerStatus: "PENDING_APPROVAL" },
  providerProvisioning: { state: "PENDING", equinixStatus: "PROVISIONED", providerStatus: "PROVISIONING" },
  providerProvisioned: { state: "ACTIVE", equinixStatus: "PROVISIONED", providerStatus: "PROVISIONED" },
  rejected: { state: "FAILED", equinixStatus: "REJECTED", providerStatus: "REJECTED" },
  deprovisioning: (seller: SellerDef | undefined): Phase => ({ state: "DEPROVISIONING", equinixStatus: "DEPROVISIONING", providerStatus: (seller?.deprovisioningStatus ?? PORT_DEPROVISIONING_STATUS).deprovisioning }),
  deprovisioned: (seller: SellerDef | undefined): Phase => ({ state: "DEPROVISIONED", equinixStatus: "DEPROVISIONED", providerStatus: (seller?.deprovisioningStatus ?? PORT_DEPROVISIONING_STATUS).deprovisioned }),
} satisfies Record<string, Phase | ((s: SellerDef | undefined) => Phase)>;

/** A failure answered by the API: HTTP status plus the Equinix error array. */
export class EquinixApiFailure extends Error {
  constructor(public status: number, public errors: EquinixError[]) {
    super(errors.map((e) => `${e.errorCode} ${e.errorMessage}`).join("; "));
  }
}

/**
 * The Equinix slice of the world: ports, service profiles, connections (one record per connection,
 * shared by Fabric v4 and ECX v3), and the functions other vendors and the admin use.
 */
export class EquinixWorld {
  readonly ports: PortDef[] = PORTS;
  readonly profiles: ProfileDef[] = PROFILES;
  readonly connections = new Map<string, ConnectionRecord>();
  /** A-side service tokens, Fabric Cloud Routers and Network Edge devices (seeded from the catalog) */
  readonly aSides: ASides;
  /** Fabric Cloud Routers ordered through the API and the routing protocols of their connections */
  readonly routing: FabricRouting;
  private stalls: StallMatcher[] = [];
  private rejections = 0;

  constructor(private ctx: SandboxContext, readonly auth: EquinixAuth) {
    this.aSides = new ASides(() => ctx.clock.now());
    this.routing = new FabricRouting(ctx, this);
  }

  private get now(): number {
    return this.ctx.clock.now();
  }

  private delay(name: keyof EquinixDelays): number {
    return this.ctx.delay("equinix", name);
  }

  // ---- reading ----------------------------------------------------------------------------------

  get(uuid: string): ConnectionRecord | undefined {
    return this.connections.get(uuid);
  }

  /** The connection's current phase on the sandbox clock. */
  phase(rec: ConnectionRecord | string): Phase {
    const r = typeof rec === "string" ? this.mustGet(rec) : rec;
    return r.internal.phases.current(this.now);
  }

  /** Connections that still exist (not DEPROVISIONED/DELETED). */
  live(): ConnectionRecord[] {
    return [...this.connections.values()].filter((c) => !GONE_STATUSES.includes(this.phase(c).equinixStatus));
  }

  /** Connections holding their VLANs and device interfaces (live and not rejected). */
  vlanHolders(): ConnectionRecord[] {
    return this.live().filter((c) => this.phase(c).equinixStatus !== "REJECTED");
  }

  /** The current change.status of the connection's last change. */
  changeStatus(rec: ConnectionRecord): string {
    const ch = rec.internal.change;
    if (ch.type !== "CONNECTION_CREATION") return ch.status.current(this.now);
    const p = this.phase(rec);
    if (p.equinixStatus === "REJECTED") return "REJECTED";
    if (p.equinixStatus === "PENDING_AUTO_APPROVAL" || p.equinixStatus === "PROVISIONING") return "REQUESTED";
    if (p.providerStatus === "PENDING_APPROVAL") return "SUBMITTED_FOR_APPROVAL";
    if (p.providerStatus === "PROVISIONING") return "APPROVED";
    return "COMPLETED";
  }

  /** The connection's service profile, when its Z side is one. */
  profileOf(rec: ConnectionRecord): ProfileDef | undefined {
    return rec.zSide.kind === "profile" ? rec.zSide.profile : undefined;
  }

  private mustGet(uuid: string): ConnectionRecord {
    const r = this.connections.get(uuid);
    if (!r) throw new EquinixApiFailure(404, [eqError(EQ.notFound, "uuid not found", "/uuid", `no connection ${uuid}`, "uuid not found")]);
    return r;
  }

  // ---- creating ---------------------------------------------------------------------------------

  /**
   * Validates and (unless `dryRun`) creates a connection from a Fabric v4 ConnectionPostRequest.
   * ECX v3 translates its flat body into this shape and calls the same function.
   * Throws EquinixApiFailure(400, errors) when invalid.
   */
  createConnection(body: unknown, opts: { dryRun?: boolean; origin?: "fabricv4" | "ecxv3"; vlanMax?: number; createdBy?: string } = {}): ConnectionRecord {
    const { errors, value } = validateCreate(body, { live: this.vlanHolders(), vlanMax: opts.vlanMax, aSides: this.aSides });
    if (errors.length || !value) throw new EquinixApiFailure(400, errors);
    const now = this.now;
    const uuid = newUuid();
    const machine = value.zSide.kind === "profile" && value.zSide.profile.requiresApproval ? "approval" : "auto";
    const rec: ConnectionRecord = {
      uuid,
      type: value.type,
      name: value.name,
      description: value.description,
      bandwidth: value.bandwidth,
      notifications: value.notifications,
      order: value.order,
      redundancy: { group: value.group ?? newUuid(), priority: value.priority },
      aSide: value.aSide,
      zSide: value.zSide,
      additionalInfo: value.additionalInfo,
      projectId: value.projectId ?? PROJECT_ID,
      internal: {
        machine,
        origin: opts.origin ?? "fabricv4",
        createdAt: now,
        updatedAt: now,
        createdBy: opts.createdBy ?? this.auth.userName,
        updatedBy: opts.createdBy ?? this.auth.userName,
        phases: new Timeline<Phase>(now, machine === "approval" ? P.provisioning : P.autoApproval),
        change: { uuid: newUuid(), type: "CONNECTION_CREATION", createdAt: now, status: new Timeline(now, "REQUESTED") },
        stalled: false,
        accepted: false,
        rejected: false,
        extra: {},
      },
    };
    if (opts.dryRun) return rec;

    const t = rec.internal.phases;
    const stall = this.takeStall(rec);
    // When Fabric sends the connection to the seller of its profile: never for one rejected or stalled before
    // that ("Connection request has not been sent to Alibaba yet").
    let sentAt: number | undefined;
    if (this.rejections > 0) {
      this.rejections--;
      rec.internal.rejected = true;
      if (machine === "auto") t.schedule(now + this.delay("autoApproval"), P.provisioning);
      t.schedule(now + (machine === "auto" ? this.delay("autoApproval") : 0) + this.delay("rejection"), P.rejected);
    } else if (machine === "approval") {
      if (stall) rec.internal.stalled = true;
      else {
        sentAt = now + this.delay("provisioning");
        t.schedule(sentAt, P.pendingApproval);
      }
    } else {
      const a = now + this.delay("autoApproval");
      t.schedule(a, P.provisioning);
      if (stall) rec.internal.stalled = true;
      else {
        sentAt = a;
        t.schedule(a + this.delay("provisioning"), P.available);
      }
    }
    this.connections.set(uuid, rec);
    // A service token is redeemed by the connection it creates: it cannot be used again.
    if (rec.aSide.kind === "port" && rec.aSide.serviceToken) this.aSides.redeem(rec.aSide.serviceToken, uuid);
    const profile = this.profileOf(rec);
    this.ctx.emit(EQUINIX_EVENTS.connectionCreated, { uuid, name: rec.name, profileUuid: profile?.uuid } satisfies ConnectionCreatedEvent);
    if (rec.zSide.kind === "profile" && sentAt !== undefined) this.ctx.emit(EQUINIX_EVENTS.profileConnectionCreated, this.sentToSeller(rec, rec.zSide, sentAt));
    return rec;
  }

  /** What the seller hears of a new connection. */
  private sentToSeller(rec: ConnectionRecord, z: StoredSide & { kind: "profile" }, sentAt: number): ProfileConnectionCreatedEvent {
    const a = rec.aSide;
    const lp = a.kind === "port" ? a.linkProtocol : undefined;
    return {
      uuid: rec.uuid,
      name: rec.name,
      profile: z.profile,
      authenticationKey: z.authenticationKey ?? "",
      metroCode: z.metroCode,
      sellerRegion: z.sellerRegion ?? "",
      vlan: z.linkProtocol.vlanTag ?? lp?.vlanTag ?? lp?.vlanCTag ?? lp?.vlanSTag ?? 0,
      bandwidth: rec.bandwidth,
      redundancy: { ...rec.redundancy },
      aSide:
        a.kind === "port"
          ? { type: "COLO", uuid: a.port.uuid, name: a.port.name, ...(a.serviceToken ? { serviceToken: a.serviceToken } : {}) }
          : a.kind === "router"
            ? { type: "CLOUD_ROUTER", uuid: a.router.uuid, name: a.router.name }
            : { type: "VD", uuid: a.device.uuid, name: a.device.name },
      ...(a.kind === "port" ? { portUuid: a.port.uuid, portName: a.port.name } : {}),
      sentAt,
    };
  }

  private takeStall(rec: ConnectionRecord): boolean {
    const i = this.stalls.findIndex((m) => this.stallMatches(m, rec));
    if (i < 0) return false;
    if (this.stalls[i] === "next") this.stalls.splice(i, 1);
    return true;
  }

  private stallMatches(m: StallMatcher, rec: ConnectionRecord): boolean {
    if (m === "next") return true;
    if (m.uuid !== undefined && m.uuid !== rec.uuid) return false;
    if (m.name !== undefined && !(m.name instanceof RegExp ? m.name.test(rec.name) : m.name === rec.name)) return false;
    return m.uuid !== undefined || m.name !== undefined;
  }

  // ---- changing (API) ---------------------------------------------------------------------------

  /** Applies a JSON Patch (Fabric v4 PATCH). Throws EquinixApiFailure when refused. */
  patchConnection(uuid: string, ops: unknown, by = "api"): ConnectionRecord {
    const rec = this.mustGet(uuid);
    const p = this.phase(rec);
    if (GONE_STATUSES.includes(p.equinixStatus) || p.equinixStatus === "DEPROVISIONING") {
      throw new EquinixApiFailure(400, [eqError(EQ.alreadyDeleted, "Connection already deleted", "/uuid")]);
    }
    if (TRANSIENT_STATUSES.includes(p.equinixStatus) || this.changeStatus(rec) === "REQUESTED") {
      throw new EquinixApiFailure(400, [eqError(EQ.transientState, "Connection is in transient state", "/uuid", `equinixStatus ${p.equinixStatus}, change ${this.changeStatus(rec)}`)]);
    }
    if (p.equinixStatus === "REJECTED") {
      throw new EquinixApiFailure(400, [eqError(EQ.invalidInput, "Invalid input", "/uuid", "the connection was rejected; delete it")]);
    }
    if (!Array.isArray(ops) || ops.length === 0) {
      throw new EquinixApiFailure(400, [eqError(EQ.invalidBody, "Invalid request body", undefined, undefined, "a non-empty JSON Patch array of {op, path, value} is expected")]);
    }
    const errors: EquinixError[] = [];
    const changes: ConnectionChanges = {};
    ops.forEach((o: any, i) => {
      if (typeof o !== "object" || o === null || o.op !== "replace" || typeof o.path !== "string") {
        errors.push(eqError(EQ.invalidInput, "Invalid input", `/${i}/op`, "only `replace` operations with a path are supported"));
        return;
      }
      const v = o.value;
      switch (o.path) {
        case "/name":
          errors.push(...checkName(v, "/name"));
          changes.name = v;
          break;
        case "/bandwidth":
          if (!Number.isInteger(v) || v <= 0 || v > 10000) errors.push(eqError(EQ.invalidInput, "Invalid input", "/bandwidth", "a positive integer (Mbps) is required"));
          else if (rec.zSide.kind === "profile" && !rec.zSide.profile.bandwidths.includes(v)) {
            errors.push(eqError(EQ.bandwidthNotSupported, "Bandwidth is not supported by the service profile", "/bandwidth", `supported: ${rec.zSide.profile.bandwidths.join(", ")} Mbps`));
          }
          changes.bandwidth = v;
          break;
        case "/notifications":
          errors.push(...checkNotifications(v));
          changes.notifications = v;
          break;
        case "/order/termLength":
          if (!TERM_LENGTHS.includes(v)) errors.push(eqError(EQ.invalidInput, "Invalid input", "/order/termLength", `must be one of ${TERM_LENGTHS.join(", ")}`));
          changes.termLength = v;
          break;
        case "/aSide/accessPoint/linkProtocol/vlanTag":
        case "/aSide/accessPoint/linkProtocols": {
          const tag = o.path.endsWith("/vlanTag") ? v : v && typeof v === "object" ? (v as any).vlanTag : undefined;
          const err = this.checkNewVlan(rec, tag);
          if (err) errors.push(err);
          changes.vlanTag = tag;
          break;
        }
        default:
          errors.push(eqError(EQ.invalidInput, "Invalid input", o.path, "this path cannot be changed (supported: /name, /bandwidth, /notifications, /order/termLength, /aSide/accessPoint/linkProtocol/vlanTag)"));
      }
    });
    if (errors.length) throw new EquinixApiFailure(400, errors);
    this.apply(rec, changes, by);
    const now = this.now;
    rec.internal.change = {
      uuid: newUuid(),
      type: "CONNECTION_UPDATE",
      createdAt: now,
      status: new Timeline(now, "REQUESTED").schedule(now + this.delay("update"), "COMPLETED"),
    };
    rec.internal.extra.lastPatch = ops[0];
    this.emitUpdated(rec, changes, "api");
    return rec;
  }

  private emitUpdated(rec: ConnectionRecord, changes: ConnectionChanges, by: "api" | "portal"): void {
    const profile = this.profileOf(rec);
    this.ctx.emit(EQUINIX_EVENTS.connectionUpdated, { uuid: rec.uuid, profileUuid: profile?.uuid, changes, by } satisfies ConnectionUpdatedEvent);
    if (profile && rec.zSide.kind === "profile") {
      this.ctx.emit(EQUINIX_EVENTS.profileConnectionUpdated, { uuid: rec.uuid, profile, providerConnectionId: rec.zSide.providerConnectionId, changes, by } satisfies ProfileConnectionUpdatedEvent);
    }
  }

  private checkNewVlan(rec: ConnectionRecord, tag: unknown): EquinixError | undefined {
    if (rec.aSide.kind !== "port") {
      return eqError(EQ.invalidInput, "Invalid input", "/aSide/accessPoint/linkProtocol/vlanTag", `the A side is a ${rec.aSide.kind === "router" ? "Fabric Cloud Router" : "Network Edge device"}: it has no VLAN to change`);
    }
    if (rec.aSide.linkProtocol.type !== "DOT1Q") {
      return eqError(EQ.invalidInput, "Invalid input", "/aSide/accessPoint/linkProtocol/vlanTag", "the VLAN can be changed on DOT1Q connections only");
    }
    if (typeof tag !== "number" || !Number.isInteger(tag) || tag < 2 || tag > 4092) {
      return eqError(EQ.invalidInput, "Invalid input", "/aSide/accessPoint/linkProtocol/vlanTag", "vlanTag must be an integer between 2 and 4092");
    }
    const lp: LinkProtocol = { type: "DOT1Q", vlanTag: tag };
    if (vlanTaken(rec.aSide.port, lp, this.vlanHolders(), rec.uuid)) return duplicateVlanError("/aSide/accessPoint/linkProtocol/vlanTag");
    return undefined;
  }

  private apply(rec: ConnectionRecord, c: ConnectionChanges, by: string): void {
    if (c.name !== undefined) rec.name = c.name;
    if (c.bandwidth !== undefined) rec.bandwidth = c.bandwidth;
    if (c.notifications !== undefined) rec.notifications = (c.notifications as any[]).map((n) => ({ type: n.type, emails: [...n.emails] }));
    if (c.termLength !== undefined) rec.order = { ...rec.order, termLength: c.termLength };
    if (c.vlanTag !== undefined && rec.aSide.kind === "port") {
      rec.aSide.linkProtocol = { type: "DOT1Q", vlanTag: c.vlanTag };
      if (rec.zSide.kind === "profile") rec.zSide.linkProtocol = { type: "DOT1Q", vlanTag: c.vlanTag };
    }
    rec.internal.updatedAt = this.now;
    rec.internal.updatedBy = by === "portal" ? "portal-user" : this.auth.userName;
  }

  /** DELETE: starts deprovisioning. Throws EquinixApiFailure when refused. */
  deleteConnection(uuid: string): ConnectionRecord {
    const rec = this.mustGet(uuid);
    const p = this.phase(rec);
    if (GONE_STATUSES.includes(p.equinixStatus) || p.equinixStatus === "DEPROVISIONING") {
      throw new EquinixApiFailure(400, [eqError(EQ.alreadyDeleted, "Connection already deleted", "/uuid")]);
    }
    if (TRANSIENT_STATUSES.includes(p.equinixStatus)) {
      throw new EquinixApiFailure(400, [eqError(EQ.transientState, "Connection is in transient state", "/uuid", `equinixStatus ${p.equinixStatus}`)]);
    }
    const refusal = this.profileOf(rec)?.seller.deleteFromSellerPortal;
    if (refusal && p.equinixStatus === "PROVISIONED" && (p.providerStatus === "PROVISIONED" || p.providerStatus === "PROVISIONING")) {
      throw new EquinixApiFailure(400, [
        {
          errorCode: refusal.errorCode,
          errorMessage: refusal.errorMessage,
          correlationId: newUuid(),
          details: refusal.details,
          additionalInfo: [{ property: "/uuid", reason: "provider side is provisioned" }],
        },
      ]);
    }
    this.deprovision(rec, this.delay("deprovisioning"), "api");
    return rec;
  }

  private deprovision(rec: ConnectionRecord, after: number, by: ConnectionDeletedEvent["by"]): void {
    const now = this.now;
    const profile = this.profileOf(rec);
    const t = rec.internal.phases.cancelAfter(now);
    if (after > 0) t.schedule(now, P.deprovisioning(profile?.seller));
    t.schedule(now + after, P.deprovisioned(profile?.seller));
    rec.internal.change = {
      uuid: newUuid(),
      type: "CONNECTION_DELETION",
      createdAt: now,
      status: new Timeline(now, "REQUESTED").schedule(now + after, "COMPLETED"),
    };
    rec.internal.deletedAt = now;
    rec.internal.deletedBy = by === "api" ? this.auth.userName : by === "portal" ? "portal-user" : "provider";
    rec.internal.updatedAt = now;
    const providerConnectionId = rec.zSide.kind === "profile" ? rec.zSide.providerConnectionId : undefined;
    this.ctx.emit(EQUINIX_EVENTS.connectionDeleted, { uuid: rec.uuid, profileUuid: profile?.uuid, providerConnectionId, by } satisfies ConnectionDeletedEvent);
    if (profile) this.ctx.emit(EQUINIX_EVENTS.profileConnectionDeleted, { uuid: rec.uuid, profile, providerConnectionId, by } satisfies ProfileConnectionDeletedEvent);
  }

  // ---- the seller's side (called by sandbox/links.ts when the seller's API is simulated, and by the admin) --

  /**
   * The seller accepted the connection (Alibaba: the hosted connection was confirmed).
   * PROVISIONED/PENDING_APPROVAL -> PROVISIONED/PROVISIONING -> PROVISIONED/PROVISIONED. Accepting
   * before PENDING_APPROVAL is reached takes effect when it is reached. Idempotent.
   */
  providerAccept(uuid: string): ConnectionRecord {
    const rec = this.mustGet(uuid);
    const p = this.phase(rec);
    if (rec.internal.accepted) return rec;
    if (rec.zSide.kind !== "profile" || !rec.zSide.profile.requiresApproval) throw new Error(`connection ${uuid} does not need the provider's approval`);
    if (rec.internal.rejected || GONE_STATUSES.includes(p.equinixStatus) || p.equinixStatus === "DEPROVISIONING") {
      throw new Error(`connection ${uuid} cannot be accepted: ${p.state}/${p.equinixStatus}/${p.providerStatus}`);
    }
    rec.internal.accepted = true;
    const pendingAt = rec.internal.phases.timeOf((x) => x.providerStatus === "PENDING_APPROVAL");
    if (pendingAt === undefined || rec.internal.stalled) return rec; // stalled: acceptance is recorded but provisioning never finishes
    const at = Math.max(this.now, pendingAt);
    rec.internal.phases.cancelAfter(at).schedule(at, P.providerProvisioning).schedule(at + this.delay("providerProvisioning"), P.providerProvisioned);
    return rec;
  }

  /** The provider rejected the connection: FAILED / REJECTED / REJECTED. */
  providerReject(uuid: string): ConnectionRecord {
    const rec = this.mustGet(uuid);
    const p = this.phase(rec);
    if (GONE_STATUSES.includes(p.equinixStatus) || p.equinixStatus === "DEPROVISIONING") throw new Error(`connection ${uuid} is already being deleted`);
    rec.internal.rejected = true;
    rec.internal.phases.cancelAfter(this.now).schedule(this.now, P.rejected);
    return rec;
  }

  /** The seller's side was deleted (Alibaba: the physical connection deleted): DEPROVISIONING -> DEPROVISIONED. */
  equinixProviderDeleted(uuid: string): ConnectionRecord {
    const rec = this.mustGet(uuid);
    const p = this.phase(rec);
    if (GONE_STATUSES.includes(p.equinixStatus) || p.equinixStatus === "DEPROVISIONING") return rec;
    this.deprovision(rec, this.delay("deprovisioning"), "provider");
    return rec;
  }

  /** Records the seller's id of the connection (Alibaba `pc-...`) in zSide.accessPoint.providerConnectionId. */
  setProviderConnectionId(uuid: string, providerConnectionId: string): ConnectionRecord {
    const rec = this.mustGet(uuid);
    if (rec.zSide.kind !== "profile") throw new Error(`connection ${uuid} has no provider side`);
    rec.zSide.providerConnectionId = providerConnectionId;
    return rec;
  }

  // ---- out-of-band (admin) ----------------------------------------------------------------------

  /** A portal edit: applied at once, without the API's checks except the VLAN's. */
  portalUpdate(uuid: string, changes: { name?: string; bandwidth?: number; vlanTag?: number; notifications?: { type: string; emails: string[] }[]; termLength?: number }): ConnectionRecord {
    const rec = this.mustGet(uuid);
    if (changes.vlanTag !== undefined) {
      const err = this.checkNewVlan(rec, changes.vlanTag);
      if (err) throw new Error(`${err.errorCode} ${err.errorMessage}: ${err.additionalInfo?.[0]?.reason ?? ""}`);
    }
    this.apply(rec, changes, "portal");
    const now = this.now;
    rec.internal.change = { uuid: newUuid(), type: "CONNECTION_UPDATE", createdAt: now, status: new Timeline(now, "COMPLETED") };
    this.emitUpdated(rec, changes, "portal");
    return rec;
  }

  /** A portal delete: the connection is DEPROVISIONED at once. */
  portalDelete(uuid: string): ConnectionRecord {
    const rec = this.mustGet(uuid);
    const p = this.phase(rec);
    if (GONE_STATUSES.includes(p.equinixStatus)) return rec;
    this.deprovision(rec, 0, "portal");
    return rec;
  }

  /**
   * Provisioning never finishes for matching connections: existing ones stop where they are (if still
   * provisioning), future ones stop at PROVISIONING. "next" applies to the next created connection only.
   */
  stallProvisioning(matcher: StallMatcher): string[] {
    const hit: string[] = [];
    if (matcher !== "next") {
      for (const rec of this.connections.values()) {
        if (!this.stallMatches(matcher, rec)) continue;
        const p = this.phase(rec);
        if (!TRANSIENT_STATUSES.includes(p.equinixStatus) && p.providerStatus !== "PENDING_APPROVAL" && p.providerStatus !== "PROVISIONING") continue;
        rec.internal.phases.cancelAfter(this.now);
        rec.internal.stalled = true;
        hit.push(rec.uuid);
      }
    }
    this.stalls.push(matcher);
    return hit;
  }

  clearStalls(): void {
    this.stalls = [];
  }

  /** The provider rejects the next created connection (state FAILED, equinixStatus REJECTED). */
  rejectNext(count = 1): void {
    this.rejections += count;
  }

  /** Clears pending stall rules and rejections. */
  resetRules(): void {
    this.stalls = [];
    this.rejections = 0;
    this.routing.resetRules();
  }

  // ---- the state file (sandbox/core/state.ts) ------------------------------------------------------

  /** Every connection, A side, rule, credential and token. */
  snapshot(): EquinixState {
    return { connections: this.connections, aSides: this.aSides.snapshot(), routing: this.routing.snapshot(), stalls: this.stalls, rejections: this.rejections, auth: this.auth.snapshot() };
  }

  /** Restores a snapshot; ports and profiles are taken from today's catalog by uuid. */
  restore(s: EquinixState): void {
    for (const rec of s.connections.values()) {
      if (rec.aSide.kind === "port") rec.aSide.port = findPortDef(rec.aSide.port.uuid) ?? rec.aSide.port;
      if (rec.zSide.kind === "port") rec.zSide.port = findPortDef(rec.zSide.port.uuid) ?? rec.zSide.port;
      if (rec.zSide.kind === "profile") rec.zSide.profile = findProfile(rec.zSide.profile.uuid) ?? rec.zSide.profile;
    }
    refill(this.connections, s.connections);
    this.aSides.restore(s.aSides);
    this.routing.restore(s.routing);
    this.stalls = s.stalls ?? [];
    this.rejections = s.rejections ?? 0;
    this.auth.restore(s.auth);
  }
}

export interface EquinixState {
  connections: Map<string, ConnectionRecord>;
  aSides: ReturnType<ASides["snapshot"]>;
  /** absent in files written before routing protocols existed */
  routing?: RoutingSnapshot;
  stalls: StallMatcher[];
  rejections: number;
  auth: EquinixAuthState;
}

function findPortDef(uuid: string): PortDef | undefined {
  return PORTS.find((p) => p.uuid === uuid);
}
