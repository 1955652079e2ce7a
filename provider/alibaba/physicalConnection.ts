import * as pulumi from "@pulumi/pulumi";
import { dynamicInputs } from "../core/resourceInputs";
import { thinProvider } from "../core/thinProvider";

/** How long create, update and delete may take, as durations ("90s", "20m", "1h"). */
export interface TimeoutsArgs {
  /** Defaults to "60m" (allocation of a dedicated port can take days in reality: raise it). */
  create?: pulumi.Input<string>;
  /** Defaults to "30m". */
  update?: pulumi.Input<string>;
  /** Defaults to "30m". */
  delete?: pulumi.Input<string>;
}

/** The explicit payment step: a prepaid occupancy order (CreatePhysicalConnectionOccupancyOrder). */
export interface PaymentArgs {
  /** "Month" (default) or "Year". */
  pricingCycle?: pulumi.Input<"Month" | "Year">;
  /** Number of cycles, 1 to 9. Defaults to 1. */
  period?: pulumi.Input<number>;
  /** Pay the order at once from the account balance. Defaults to true. */
  autoPay?: pulumi.Input<boolean>;
}

export interface PhysicalConnectionArgs {
  /** Access point, e.g. "ap-us-sv-eqx-a" (DescribeAccessPoints lists them). A change replaces the connection. */
  accessPointId: pulumi.Input<string>;
  /** Line operator: CT, CU, CM, CO (China), Equinix or Other. Changed in place while Initial, Enabled or Rejected. */
  lineOperator: pulumi.Input<"CT" | "CU" | "CM" | "CO" | "Equinix" | "Other">;
  /** Port type: 100Base-T, 1000Base-T, 1000Base-LX, 10GBase-T, 10GBase-LR, 40GBase-LR or 100GBase-LR. Alibaba's default when omitted: 1000Base-T. Changed in place while Initial, Enabled or Rejected. */
  portType?: pulumi.Input<"100Base-T" | "1000Base-T" | "1000Base-LX" | "10GBase-T" | "10GBase-LR" | "40GBase-LR" | "100GBase-LR">;
  /** "VPC" (the only value). */
  type?: pulumi.Input<"VPC">;
  /** Bandwidth in Mbps, 2 to 10240. Alibaba's default when omitted: 100. Changed in place while Initial, Enabled or Rejected. */
  bandwidth?: pulumi.Input<number>;
  /** The circuit code the line operator gave. Changed in place. */
  circuitCode?: pulumi.Input<string>;
  /** Where your side of the line is (address). Changed in place. */
  peerLocation?: pulumi.Input<string>;
  /** 2 to 128 characters: letters, digits, periods, underscores and hyphens, starting with a letter. Changed in place (not while Allocating). */
  name?: pulumi.Input<string>;
  /** 2 to 256 characters, starting with a letter (not http:// or https://). Changed in place (not while Allocating). */
  description?: pulumi.Input<string>;
  /** For the secondary of a redundant pair: the primary's id (it must be Allocated, Confirmed or Enabled). */
  redundantPhysicalConnectionId?: pulumi.Input<string>;
  /**
   * How far to drive the connection once Alibaba has allocated the port: "Allocated" (stop there),
   * "Confirmed" (ConfirmPhysicalConnection) or "Enabled" (Confirm then EnablePhysicalConnection).
   * Defaults to "Enabled". Raising it later continues in place; a connection never goes back.
   */
  desiredStatus?: pulumi.Input<"Allocated" | "Confirmed" | "Enabled">;
  /** The billing step, made after Confirm. Off unless given. */
  payment?: pulumi.Input<PaymentArgs>;
  /** Durations for create (default "60m": allocation can take days on a real line, raise it), update ("30m"), delete ("30m"). */
  timeouts?: pulumi.Input<TimeoutsArgs>;
  /**
   * The id of an existing object to adopt instead of creating one: a dedicated physical connection, named by
   * its id, pc-.... Create reads it instead of creating one and, when it matches these arguments, records it
   * as this resource without changing it (the next preview shows no change); when it does not match, create
   * fails before anything changes, naming each differing field with the program's value and the object's.
   * Adding or removing it later changes nothing. Destroy deletes an adopted object like any other: set the
   * `retainOnDelete` resource option to stop managing it without deleting it. `pulumi import` and the
   * `import` option cannot be used with dynamic resources: see the README, "Adopting existing objects
   * (import)".
   */
  adoptId?: pulumi.Input<string>;
}

/**
 * An Alibaba Cloud Express Connect dedicated physical connection (CreatePhysicalConnection), driven
 * through Allocated -> Confirmed -> Enabled as `desiredStatus` says. Destroying it cancels it (before
 * Enabled) or terminates and deletes it (Enabled); it refuses while VBRs still sit on it.
 */
export class PhysicalConnection extends pulumi.dynamic.Resource {
  /** The connection id, pc-... (also the resource id). */
  declare readonly physicalConnectionId: pulumi.Output<string>;
  declare readonly accessPointId: pulumi.Output<string>;
  declare readonly lineOperator: pulumi.Output<string>;
  declare readonly portType: pulumi.Output<string | undefined>;
  declare readonly bandwidth: pulumi.Output<number | undefined>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly description: pulumi.Output<string | undefined>;
  declare readonly redundantPhysicalConnectionId: pulumi.Output<string | undefined>;
  declare readonly desiredStatus: pulumi.Output<string>;
  /** Status: Initial, Allocating, Allocated, Confirmed, Enabled, Terminating ... */
  declare readonly status: pulumi.Output<string>;
  /** Normal, FinancialLocked or SecurityLocked. */
  declare readonly businessStatus: pulumi.Output<string>;
  declare readonly productType: pulumi.Output<string>;
  declare readonly spec: pulumi.Output<string>;
  declare readonly loaStatus: pulumi.Output<string>;
  declare readonly portNumber: pulumi.Output<string>;
  declare readonly creationTime: pulumi.Output<string>;
  declare readonly enabledTime: pulumi.Output<string>;

  /**
   * A read-only reference to an existing physical connection, by its id, pc-...: Pulumi reads it on every
   * `up` and `refresh` and never creates, changes or deletes it. To manage an existing one, give its id as
   * `adoptId` instead.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): PhysicalConnection {
    return new PhysicalConnection(name, {} as PhysicalConnectionArgs, { ...opts, id });
  }

  constructor(name: string, args: PhysicalConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      thinProvider("alibaba:PhysicalConnection"),
      name,
      {
        ...dynamicInputs("alibaba:PhysicalConnection", name, args, opts, true),
        physicalConnectionId: undefined,
        status: undefined,
        businessStatus: undefined,
        productType: undefined,
        spec: undefined,
        loaStatus: undefined,
        portNumber: undefined,
        creationTime: undefined,
        enabledTime: undefined,
      },
      opts,
      "alibaba",
      "PhysicalConnection",
    );
  }
}
