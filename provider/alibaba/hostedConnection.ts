import * as pulumi from "@pulumi/pulumi";
import { dynamicInputs } from "../core/resourceInputs";
import { thinProvider } from "../core/thinProvider";
import type { PaymentArgs } from "./physicalConnection";

export interface HostedConnectionArgs {
  /**
   * The hosted connection's id, pc-... (e.g. a `fabric.Connection`'s `providerConnectionId` output).
   * Required unless `parentPhysicalConnectionId` and `vlanId` are both given. A change replaces.
   */
  physicalConnectionId?: pulumi.Input<string>;
  /** The partner's parent connection, to find the hosted connection by parent and VLAN (not with `physicalConnectionId`). A change replaces. */
  parentPhysicalConnectionId?: pulumi.Input<string>;
  /** The VLAN the partner assigned (0 to 2999), with `parentPhysicalConnectionId` (not with `physicalConnectionId`). A change replaces. */
  vlanId?: pulumi.Input<number>;
  /**
   * The Alibaba region the partner creates the connection in: the Fabric connection's seller region
   * (`zSide.serviceProfile.sellerRegion`), e.g. "us-west-1". Optional. A hosted connection appears only in
   * that region, and this resource looks in the provider's region (`alicloud:region`): when the two differ,
   * create fails at once naming both instead of waiting out the create timeout. Never sent to Alibaba;
   * a change does nothing.
   */
  sellerRegion?: pulumi.Input<string>;
  /** Accept the connection (ConfirmPhysicalConnection, the console's "Accept") and wait until Enabled. Defaults to true. */
  accept?: pulumi.Input<boolean>;
  /** The payment step, explicit and off unless given (for OrderMode PayByVirtualPhysicalConnectionOwner). */
  payment?: pulumi.Input<PaymentArgs>;
  /** create (waiting for it to appear, then Enabled; default "60m"), update ("30m"), delete ("30m"). */
  timeouts?: pulumi.Input<{ create?: pulumi.Input<string>; update?: pulumi.Input<string>; delete?: pulumi.Input<string> }>;
  /**
   * The id of an existing object to adopt instead of creating one: a hosted connection already accepted (or,
   * with `accept: false`, not yet), named by its id, pc-... (the same id as `physicalConnectionId`). Create
   * reads it instead of creating one and, when it matches these arguments, records it as this resource
   * without changing it (the next preview shows no change); when it does not match, create fails before
   * anything changes, naming each differing field with the program's value and the object's. Adding or
   * removing it later changes nothing. Destroy deletes an adopted object like any other: set the
   * `retainOnDelete` resource option to stop managing it without deleting it. `pulumi import` and the
   * `import` option cannot be used with dynamic resources: see the README, "Adopting existing objects
   * (import)".
   */
  adoptId?: pulumi.Input<string>;
}

/**
 * The tenant side of a hosted connection a partner (Equinix) created in this Alibaba account: waits until
 * it appears, accepts it ("Accept and Pay") and waits until Enabled. Destroying it terminates and deletes
 * it, which makes the partner deprovision its side.
 */
export class HostedConnection extends pulumi.dynamic.Resource {
  declare readonly physicalConnectionId: pulumi.Output<string>;
  declare readonly parentPhysicalConnectionId: pulumi.Output<string>;
  declare readonly parentPhysicalConnectionAliUid: pulumi.Output<string>;
  /** The VLAN the partner assigned: the VBR on this connection must use it. */
  declare readonly vlanId: pulumi.Output<number>;
  /** "50M", "1G" ... */
  declare readonly spec: pulumi.Output<string>;
  /** Mbps. */
  declare readonly bandwidth: pulumi.Output<number>;
  declare readonly status: pulumi.Output<string>;
  /** Confirmed, UnConfirmed or Deleted. */
  declare readonly vpconnStatus: pulumi.Output<string>;
  declare readonly accessPointId: pulumi.Output<string>;
  declare readonly lineOperator: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly orderMode: pulumi.Output<string>;
  declare readonly accept: pulumi.Output<boolean>;
  /** "id" or "parentAndVlan": how the connection was named. */
  declare readonly identifiedBy: pulumi.Output<string>;

  /**
   * A read-only reference to an existing hosted connection, by its id, pc-... (the same id as
   * `physicalConnectionId`): Pulumi reads it on every `up` and `refresh` and never creates, changes or
   * deletes it. To manage an existing one, give its id as `adoptId` instead.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): HostedConnection {
    return new HostedConnection(name, {} as HostedConnectionArgs, { ...opts, id });
  }

  constructor(name: string, args: HostedConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      thinProvider("alibaba:HostedConnection"),
      name,
      {
        ...dynamicInputs("alibaba:HostedConnection", name, args, opts, true),
        physicalConnectionId: args.physicalConnectionId,
        parentPhysicalConnectionId: args.parentPhysicalConnectionId,
        vlanId: args.vlanId,
        parentPhysicalConnectionAliUid: undefined,
        spec: undefined,
        bandwidth: undefined,
        status: undefined,
        vpconnStatus: undefined,
        accessPointId: undefined,
        lineOperator: undefined,
        name: undefined,
        orderMode: undefined,
        identifiedBy: undefined,
      },
      opts,
      "alibaba",
      "HostedConnection",
    );
  }
}
