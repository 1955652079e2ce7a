import type { Timeline } from "../core/clock";
import type { PortDef, ProfileDef } from "./catalog";

export type ConnectionStateValue =
  | "ACTIVE" | "CANCELLED" | "DEPROVISIONED" | "DEPROVISIONING" | "DRAFT" | "FAILED" | "PENDING" | "PROVISIONING" | "PROVISIONED" | "REPROVISIONING";

/** One phase of a connection's state machine: the three fields a client decides from. */
export interface Phase {
  state: ConnectionStateValue;
  equinixStatus: string;
  providerStatus: string;
}

export interface LinkProtocol {
  type: "DOT1Q" | "QINQ";
  vlanTag?: number;
  vlanSTag?: number;
  vlanCTag?: number;
}

/** One side of a connection, already resolved against the catalog (no hrefs: added when rendered). */
export type StoredSide =
  | { kind: "port"; port: PortDef; linkProtocol: LinkProtocol; metroCode: string }
  | {
      kind: "profile";
      profile: ProfileDef;
      metroCode: string;
      sellerRegion?: string;
      authenticationKey?: string;
      providerConnectionId?: string;
      /** the Z-side VLAN Equinix assigns towards the provider (equinixManagedVlan) */
      linkProtocol: LinkProtocol;
    };

/**
 * The A side of a connection: a port (also when a service token gave it: `serviceToken` is the token's
 * uuid), a Fabric Cloud Router, or an interface of a Network Edge virtual device.
 */
export type StoredASide =
  | { kind: "port"; port: PortDef; linkProtocol: LinkProtocol; metroCode: string; serviceToken?: string }
  | { kind: "router"; router: { uuid: string; name: string }; metroCode: string }
  | { kind: "device"; device: { uuid: string; name: string }; interface: { id: number; uuid: string }; metroCode: string };

export interface ChangeRecord {
  uuid: string;
  type: "CONNECTION_CREATION" | "CONNECTION_UPDATE" | "CONNECTION_DELETION";
  createdAt: number;
  /** change.status over time */
  status: Timeline<string>;
}

export interface Notification {
  type: string;
  emails: string[];
  sendInterval?: string;
}

/**
 * One Equinix connection, whichever API created it (Fabric v4 or ECX v3 share this record).
 * Top-level fields are the v4 shape; `internal` holds what the simulator needs.
 */
export interface ConnectionRecord {
  uuid: string;
  type: string;
  name: string;
  description?: string;
  bandwidth: number;
  notifications: Notification[];
  order: { purchaseOrderNumber?: string; termLength?: number; customerReferenceNumber?: string };
  redundancy: { group: string; priority: "PRIMARY" | "SECONDARY" };
  aSide: StoredASide;
  zSide: StoredSide;
  additionalInfo?: { key: string; value: string }[];
  projectId: string;
  internal: {
    /** which state machine drives it: the seller's approval (PENDING_APPROVAL) or auto-approval */
    machine: "approval" | "auto";
    /** which API created it */
    origin: "fabricv4" | "ecxv3";
    createdAt: number;
    updatedAt: number;
    createdBy: string;
    updatedBy: string;
    deletedAt?: number;
    deletedBy?: string;
    phases: Timeline<Phase>;
    change: ChangeRecord;
    stalled: boolean;
    accepted: boolean;
    rejected: boolean;
    /** free space for other modules (e.g. ECX v3 fields such as its own name or named tag) */
    extra: Record<string, unknown>;
  };
}

/** Statuses after which a connection no longer exists (inventory, VLAN reuse). */
export const GONE_STATUSES = ["DEPROVISIONED", "DELETED"];
/** Statuses in which the connection is still being set up (delete and patch answer EQ-3142510). */
export const TRANSIENT_STATUSES = ["PENDING_AUTO_APPROVAL", "PROVISIONING"];
