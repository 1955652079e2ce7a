import type * as pulumi from "@pulumi/pulumi";
import type { AdoptArgs, TimedArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { L2ConnectionInputs } from "./l2ConnectionMapping";

/**
 * One leg of an ECX v3 connection: your A-side port and tags, and, for a connection to your own port,
 * the Z-side port and tags. Tagging (Equinix's ECX v3 guides "Connect to Myself" and "Connect to Alibaba"): a DOT1Q port takes the S-tag only; a QINQ port
 * takes the S-tag, plus the C-tag when the other side is single-tagged (a DOT1Q port or a service
 * profile such as Alibaba's); a DOT1Q port connecting to a QINQ Z-side port needs the Z-side C-tag.
 * Tags are 2..4094.
 */
export interface L2ConnectionLegArgs {
  /** Name of the leg: at most 24 letters, digits, '-' or '_'. Changed in place. */
  name: pulumi.Input<string>;
  /** UUID of your A-side Fabric port. A change replaces the connection. */
  portUuid: pulumi.Input<string>;
  /** Encapsulation of the A-side port, DOT1Q or QINQ. When omitted it is looked up at create, before anything is written. */
  portType?: pulumi.Input<"DOT1Q" | "QINQ">;
  /** S-tag (outer tag; the only tag of a DOT1Q port), 2..4094. */
  vlanSTag: pulumi.Input<number>;
  /** C-tag (inner tag) on a QINQ port, 2..4094: required towards a DOT1Q side (a DOT1Q port or Alibaba). */
  vlanCTag?: pulumi.Input<number>;
  /** UUID of your Z-side port, for a connection to your own port (Equinix's ECX v3 guide "Connect to Myself"). */
  zSidePortUuid?: pulumi.Input<string>;
  /** Encapsulation of the Z-side port; looked up at create when omitted. */
  zSidePortType?: pulumi.Input<"DOT1Q" | "QINQ">;
  /** S-tag on the Z-side port, 2..4094; required with `zSidePortUuid`. */
  zSideVlanSTag?: pulumi.Input<number>;
  /** C-tag on a QINQ Z-side port, 2..4094: required when the A side is DOT1Q. */
  zSideVlanCTag?: pulumi.Input<number>;
}

export interface L2ConnectionArgs extends L2ConnectionLegArgs, TimedArgs, AdoptArgs {
  /**
   * UUID of the service profile: Alibaba Cloud Express Connect (`fabric.ALIBABA_PROFILE_UUID`) or another
   * provider; for a connection to your own ports, optionally your private profile. A change replaces it.
   */
  profileUuid?: pulumi.Input<string>;
  /** The provider's authorization key; for Alibaba your Alibaba Cloud account ID. Stored as a secret. */
  authorizationKey?: pulumi.Input<string>;
  /** The provider's region, e.g. "us-west-1" for Alibaba in SV. */
  sellerRegion?: pulumi.Input<string>;
  /** Equinix metro of the Z side, two letters; Equinix defaults it to the port's metro. */
  sellerMetroCode?: pulumi.Input<string>;
  /** Speed in `speedUnit` (Alibaba: 50, 200, 500 or 1000 MB). Changed in place on both legs. */
  speed: pulumi.Input<number>;
  /** MB (default) or GB. Changed in place with `speed`. */
  speedUnit?: pulumi.Input<"MB" | "GB">;
  /** Email addresses notified of every change. A change replaces the connection (ECX v3 cannot change them). */
  notifications: pulumi.Input<pulumi.Input<string>[]>;
  /** Purchase order number shown on the invoice. A change replaces the connection. */
  purchaseOrderNumber?: pulumi.Input<string>;
  /** The secondary leg of a redundant pair: both legs are created by one request. */
  secondary?: pulumi.Input<L2ConnectionLegArgs>;
}

/**
 * An Equinix Layer 2 connection on the legacy ECX v3 API (`/ecx/v3/l2/connections`), single or a
 * redundant pair created by one request, as in Equinix's ECX v3 guides "Connect to Alibaba" and "Connect to Myself".
 * Equinix retired this API in 2024: prefer `fabric.Connection` (Fabric v4) for anything new; see
 * the README section "fabric.L2Connection" for moving a stack.
 *
 * Create waits for both legs: to your own ports until PROVISIONED/AVAILABLE; to a service profile
 * such as Alibaba's until PROVISIONED/PENDING_APPROVAL, with `pendingAction` saying what to accept.
 * Its id (for `get` and `adoptId`) is the primary leg's UUID: a redundant pair is one resource, its
 * secondary leg found from the primary.
 *
 * Default timeouts: create "30m" (waiting for both legs), update "20m", delete "30m".
 */
export class L2Connection extends resourceClass<L2Connection, L2ConnectionArgs, typeof L2ConnectionInputs, L2ConnectionOutputs>({
  kind: "fabric:L2Connection",
  lifecycle: () => (require("./l2ConnectionLifecycle") as typeof import("./l2ConnectionLifecycle")).l2ConnectionLifecycle,
  adopt: { noun: "Equinix connection (ECX v3 primary leg)", secrets: ["authorizationKey"] },
  outputs: ["primaryId", "secondaryId", "primaryStatus", "secondaryStatus", "primaryProviderStatus", "secondaryProviderStatus", "primaryProviderConnectionId",
    "secondaryProviderConnectionId", "redundancyGroup", "resolvedPortTypes", "pendingAction", "name", "speed", "speedUnit", "secondary"],
  secretOutputs: ["authorizationKey"],
  takesTimeouts: true,
}) {}

/** What a L2Connection reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface L2ConnectionOutputs {
  /** The primary leg's UUID (also the resource id). */
  primaryId: string;
  /** The secondary leg's UUID ("" without a secondary). */
  secondaryId: string;
  /** Equinix status of each leg (PROVISIONED, PROVISIONING, DEPROVISIONED ...; NOT_FOUND when gone). */
  primaryStatus: string;
  secondaryStatus: string;
  /** Provider (Z-side) status of each leg (AVAILABLE, PENDING_APPROVAL, PROVISIONED ...). */
  primaryProviderStatus: string;
  secondaryProviderStatus: string;
  /**
   * The provider's id of each leg (ECX v3 `vendorToken`; for Alibaba the `pc-...` id of the hosted
   * connection to accept, e.g. with `alibaba.HostedConnection`); "" until the provider reports it, and
   * "" for the secondary without one. Create to Alibaba waits until each leg has it.
   */
  primaryProviderConnectionId: string;
  secondaryProviderConnectionId: string;
  /** The pair's redundancy group. */
  redundancyGroup: string;
  /** Port encapsulations used per leg: `{primary: {a, z}, secondary?: {a, z}}`. */
  resolvedPortTypes: { primary: { a: string; z: string }; secondary?: { a: string; z: string } };
  /** What the user must do next, if anything (empty when nothing). */
  pendingAction: string;
  name: string;
  speed: number;
  speedUnit: string;
  secondary: L2ConnectionLegArgs | undefined;
}
