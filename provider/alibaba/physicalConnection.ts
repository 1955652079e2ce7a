import type * as pulumi from "@pulumi/pulumi";
import type { AdoptArgs, TimedArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { DescriptionArgs, NameArgs, PaidArgs, RegionArgs } from "./args";
import type { PhysicalConnectionInputs } from "./physicalConnectionMapping";

export type { TimeoutsArgs } from "../core/resourceTypes";
export type { PaymentArgs } from "./args";

export interface PhysicalConnectionArgs extends NameArgs, DescriptionArgs, PaidArgs, RegionArgs, TimedArgs, AdoptArgs {
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
  /** For the secondary of a redundant pair: the primary's id (it must be Allocated, Confirmed or Enabled). */
  redundantPhysicalConnectionId?: pulumi.Input<string>;
  /**
   * How far to drive the connection once Alibaba has allocated the port: "Allocated" (stop there),
   * "Confirmed" (ConfirmPhysicalConnection) or "Enabled" (Confirm then EnablePhysicalConnection).
   * Defaults to "Enabled". Raising it later continues in place; a connection never goes back.
   */
  desiredStatus?: pulumi.Input<"Allocated" | "Confirmed" | "Enabled">;
}

/**
 * An Alibaba Cloud Express Connect dedicated physical connection (CreatePhysicalConnection), driven
 * through Allocated -> Confirmed -> Enabled as `desiredStatus` says. Destroying it cancels it (before
 * Enabled) or terminates and deletes it (Enabled); it refuses while VBRs still sit on it. Its id (for
 * `get` and `adoptId`) is the connection's, pc-....
 *
 * Default timeouts: create "60m" (allocation can take days on a real line: raise it), update "30m",
 * delete "30m".
 */
export class PhysicalConnection extends resourceClass<PhysicalConnection, PhysicalConnectionArgs, typeof PhysicalConnectionInputs, PhysicalConnectionOutputs>({
  kind: "alibaba:PhysicalConnection",
  lifecycle: () => (require("./physicalConnectionLifecycle") as typeof import("./physicalConnectionLifecycle")).physicalConnectionLifecycle,
  adopt: {
    noun: "physical connection",
    hints: { desiredStatus: "the connection is driven no further at adoption: set desiredStatus to the status it has reached, then raise it with another `pulumi up`" },
  },
  outputs: ["physicalConnectionId", "accessPointId", "lineOperator", "portType", "bandwidth", "name", "description", "redundantPhysicalConnectionId", "desiredStatus",
    "status", "businessStatus", "productType", "spec", "loaStatus", "portNumber", "creationTime", "enabledTime"],
  takesTimeouts: true,
}) {}

/** What a PhysicalConnection reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface PhysicalConnectionOutputs {
  /** The connection id, pc-... (also the resource id). */
  physicalConnectionId: string;
  accessPointId: string;
  lineOperator: string;
  portType: string | undefined;
  bandwidth: number | undefined;
  name: string | undefined;
  description: string | undefined;
  redundantPhysicalConnectionId: string | undefined;
  desiredStatus: string;
  /** Status: Initial, Allocating, Allocated, Confirmed, Enabled, Terminating ... */
  status: string;
  /** Normal, FinancialLocked or SecurityLocked. */
  businessStatus: string;
  productType: string;
  spec: string;
  loaStatus: string;
  portNumber: string;
  creationTime: string;
  enabledTime: string;
}
