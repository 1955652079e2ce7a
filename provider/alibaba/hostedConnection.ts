import type * as pulumi from "@pulumi/pulumi";
import type { AdoptArgs, TimedArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { PaidArgs, RegionArgs } from "./args";
import type { HostedConnectionInputs } from "./hostedConnectionMapping";

export interface HostedConnectionArgs extends PaidArgs, RegionArgs, TimedArgs, AdoptArgs {
  /**
   * The hosted connection's id, pc-... (e.g. a `fabric.Connection`'s `providerConnectionId` output).
   * Required unless `vlanId` is given. A change replaces.
   */
  physicalConnectionId?: pulumi.Input<string>;
  /**
   * The partner's parent connection, with `vlanId` (not with `physicalConnectionId`): needed only when several
   * hosted connections in the region carry that VLAN (the create then fails naming them). A change replaces.
   */
  parentPhysicalConnectionId?: pulumi.Input<string>;
  /**
   * The VLAN the partner assigned (0 to 2999), to find the hosted connection by its VLAN (not with
   * `physicalConnectionId`): the one hosted connection in the region with that VLAN (and on
   * `parentPhysicalConnectionId`, when given). A change replaces.
   */
  vlanId?: pulumi.Input<number>;
  /**
   * The Alibaba region the partner creates the connection in: the Fabric connection's seller region
   * (`zSide.serviceProfile.sellerRegion`), e.g. "us-west-1". Optional. A hosted connection appears only in
   * that region, and this resource looks in its `region` (default `alicloud:region`): when the two differ,
   * create fails at once naming both instead of waiting out the create timeout. Never sent to Alibaba;
   * a change does nothing.
   */
  sellerRegion?: pulumi.Input<string>;
  /** Accept the connection (ConfirmPhysicalConnection, the console's "Accept") and wait until Enabled. Defaults to true. */
  accept?: pulumi.Input<boolean>;
}

/**
 * The tenant side of a hosted connection a partner (Equinix) created in this Alibaba account: waits until
 * it appears, accepts it ("Accept and Pay") and waits until Enabled. Destroying it terminates and deletes
 * it, which makes the partner deprovision its side. Its id (for `get` and `adoptId`) is the connection's,
 * pc-... (the same as `physicalConnectionId`); `adoptId` takes one already accepted or, with
 * `accept: false`, one not yet accepted.
 *
 * Default timeouts: create "60m" (waiting for the connection to appear, then until Enabled), update
 * "30m", delete "30m".
 */
export class HostedConnection extends resourceClass<HostedConnection, HostedConnectionArgs, typeof HostedConnectionInputs, HostedConnectionOutputs>({
  kind: "alibaba:HostedConnection",
  lifecycle: () => (require("./hostedConnectionLifecycle") as typeof import("./hostedConnectionLifecycle")).hostedConnectionLifecycle,
  adopt: {
    noun: "hosted connection",
    hints: { accept: "a connection is not accepted at adoption: set accept to false to adopt it as it is, then to true to accept it with another `pulumi up`" },
  },
  outputs: ["physicalConnectionId", "parentPhysicalConnectionId", "parentPhysicalConnectionAliUid", "vlanId", "spec", "bandwidth", "status", "vpconnStatus",
    "accessPointId", "lineOperator", "name", "orderMode", "accept", "identifiedBy"],
  takesTimeouts: true,
}) {}

/** What a HostedConnection reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface HostedConnectionOutputs {
  physicalConnectionId: string;
  parentPhysicalConnectionId: string;
  parentPhysicalConnectionAliUid: string;
  /** The VLAN the partner assigned: the VBR on this connection must use it. */
  vlanId: number;
  /** "50M", "1G" ... */
  spec: string;
  /** Mbps. */
  bandwidth: number;
  status: string;
  /** Confirmed, UnConfirmed or Deleted. */
  vpconnStatus: string;
  accessPointId: string;
  lineOperator: string;
  name: string;
  orderMode: string;
  accept: boolean;
  /** "id", "parentAndVlan" or "vlan": how the connection was named. */
  identifiedBy: string;
}
