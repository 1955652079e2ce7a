import type * as pulumi from "@pulumi/pulumi";
import type { AdoptArgs, TimedArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { FabricOrderArgs } from "./args";
import type { ConnectionInputs } from "./connectionMapping";

export type { TimeoutsArgs } from "../core/resourceTypes";

/**
 * One end of a connection on an Equinix Fabric port.
 *
 * The tags a port takes depend on its encapsulation: a DOT1Q port takes `vlanTag`; a QINQ port takes
 * `vlanSTag`, plus `vlanCTag` when the other end is single-tagged (a DOT1Q port or a service profile such
 * as Alibaba's). Tags are 2..4092.
 */
export interface PortEndArgs {
  /** The Fabric port's UUID. */
  uuid: pulumi.Input<string>;
  /**
   * The port's encapsulation, DOT1Q or QINQ. When omitted it is looked up from Equinix at create, and the
   * tagging rules are checked then, before anything is created.
   */
  type?: pulumi.Input<"DOT1Q" | "QINQ">;
  /** VLAN tag on a DOT1Q port, 2..4092. Changing it on a DOT1Q port is done in place. */
  vlanTag?: pulumi.Input<number>;
  /** Outer (service) tag on a QINQ port, 2..4092. */
  vlanSTag?: pulumi.Input<number>;
  /** Inner (customer) tag on a QINQ port, 2..4092. */
  vlanCTag?: pulumi.Input<number>;
}

/** The A side (origin): exactly one of a port, a service token, a Fabric Cloud Router or a Network Edge device. */
export interface ConnectionASideArgs {
  /** A Fabric port (access point type COLO) with its VLAN tags. */
  port?: pulumi.Input<PortEndArgs>;
  /** An A-side service token; it carries the port and tagging. */
  serviceToken?: pulumi.Input<{ uuid: pulumi.Input<string> }>;
  /** A Fabric Cloud Router (the connection type becomes IP_VC). */
  cloudRouter?: pulumi.Input<{ uuid: pulumi.Input<string> }>;
  /** A Network Edge virtual device (type EDGE); `interfaceId` picks an interface, otherwise the next free one is used. */
  virtualDevice?: pulumi.Input<{ uuid: pulumi.Input<string>; interfaceId?: pulumi.Input<number> }>;
}

/** A service profile at the Z side, such as Alibaba Cloud Express Connect. */
export interface ServiceProfileEndArgs {
  /** The profile's UUID; Alibaba Cloud Express Connect is `4c4b8edf-873b-4c6c-805a-edb2c335bd6c` (`fabric.ALIBABA_PROFILE_UUID`). */
  uuid: pulumi.Input<string>;
  /** Equinix metro of the Z side, two letters. Alibaba: HK, SG, TY, DC, SV, FR or LD. */
  metroCode: pulumi.Input<string>;
  /** The provider's region for that metro (Alibaba: e.g. "us-west-1" for SV). */
  sellerRegion?: pulumi.Input<string>;
  /** The provider's key; for Alibaba your Alibaba Cloud account ID. Stored as a secret. */
  authenticationKey?: pulumi.Input<string>;
}

/** The Z side (destination): exactly one of a service profile or one of your own ports. */
export interface ConnectionZSideArgs {
  /** A seller's service profile (type L2_PROFILE), e.g. Alibaba Cloud Express Connect. */
  serviceProfile?: pulumi.Input<ServiceProfileEndArgs>;
  /** One of your own Fabric ports (a self/private connection: the four tagging combinations of Equinix's "Connect to Myself" guide). */
  port?: pulumi.Input<PortEndArgs>;
}

export interface ConnectionArgs extends FabricOrderArgs, TimedArgs, AdoptArgs {
  /** Connection name: 1 to 50 letters, digits, '-', '_' or '.'. Changed in place. */
  name: pulumi.Input<string>;
  /** Bandwidth in Mbps: 50, 100, 200, 500, 1000, 2000, 5000, 10000, 25000, 50000 or 100000 (Alibaba: 50, 200, 500 or 1000). Changed in place. */
  bandwidth: pulumi.Input<number>;
  /** Origin of the connection. A change replaces the connection, except a DOT1Q `vlanTag`, changed in place. */
  aSide: pulumi.Input<ConnectionASideArgs>;
  /** Destination of the connection. A change replaces it. */
  zSide: pulumi.Input<ConnectionZSideArgs>;
  /** EVPL_VC (default) or IP_VC (the default for a cloud router A side). */
  type?: pulumi.Input<"EVPL_VC" | "IP_VC">;
  /**
   * Redundancy: `priority` PRIMARY or SECONDARY; a SECONDARY needs `group`, the primary's
   * `redundancyGroup` output. Omitted: a PRIMARY in a new group.
   */
  redundancy?: pulumi.Input<{ priority: pulumi.Input<"PRIMARY" | "SECONDARY">; group?: pulumi.Input<string> }>;
  /** Free text description, up to 250 characters. A change replaces the connection. */
  description?: pulumi.Input<string>;
}

/**
 * An Equinix Fabric virtual connection (Fabric v4 API), from a port, service token, cloud router or
 * Network Edge device to a service profile (Alibaba Cloud Express Connect first) or to your own port.
 *
 * Create waits until Equinix has provisioned it: PROVISIONED with the provider side AVAILABLE or
 * PROVISIONED, or, for a profile that needs the provider's approval (Alibaba), PROVISIONED/PENDING_APPROVAL,
 * with `pendingAction` saying what to do next (accept it in Alibaba, or with `alibaba.HostedConnection`).
 * Its id (for `get` and `adoptId`) is Equinix's connection UUID.
 *
 * Default timeouts: create "30m" (waiting until provisioned), update "20m", delete "30m".
 */
export class Connection extends resourceClass<Connection, ConnectionArgs, typeof ConnectionInputs, ConnectionOutputs>({
  kind: "fabric:Connection",
  lifecycle: () => (require("./connectionLifecycle") as typeof import("./connectionLifecycle")).connectionLifecycle,
  adopt: { noun: "Equinix connection", secrets: ["zSide.serviceProfile.authenticationKey"] },
  outputs: ["uuid", "href", "name", "bandwidth", "aSide", "zSide", "notifications", "state", "equinixStatus", "providerStatus", "operationalStatus",
    "redundancyGroup", "redundancyPriority", "providerConnectionId", "aSidePortType", "zSidePortType", "pendingAction"],
  secretOutputs: ["zSide"],
  takesTimeouts: true,
}) {}

/** What a Connection reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface ConnectionOutputs {
  /** Equinix's connection UUID (also the resource id). */
  uuid: string;
  href: string;
  name: string;
  bandwidth: number;
  aSide: ConnectionASideArgs;
  zSide: ConnectionZSideArgs;
  notifications: string[];
  /** Connection state: PROVISIONED, ACTIVE, PENDING, PROVISIONING, DEPROVISIONED ... */
  state: string;
  /** operation.equinixStatus: PROVISIONED, PENDING_APPROVAL, PROVISIONING ... */
  equinixStatus: string;
  /** operation.providerStatus: AVAILABLE, PENDING_APPROVAL, PROVISIONED ... */
  providerStatus: string;
  operationalStatus: string;
  /** Redundancy group; pass the primary's to its SECONDARY. */
  redundancyGroup: string;
  redundancyPriority: string;
  /** The provider's id for this connection, e.g. Alibaba's pc-... hosted connection. */
  providerConnectionId: string;
  /** The A and Z port encapsulations as Equinix reports them. */
  aSidePortType: string;
  zSidePortType: string;
  /** What the user must do next, if anything (empty when nothing). */
  pendingAction: string;
}
