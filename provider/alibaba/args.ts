/**
 * The arguments Alibaba's resources share, each documented once. The resource Args extend these; their zod
 * side is common.ts (`aliName`, `aliDescription`, `Payment`). Types only.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The explicit payment step: a prepaid occupancy order (CreatePhysicalConnectionOccupancyOrder). */
export interface PaymentArgs {
  /** "Month" (default) or "Year". */
  pricingCycle?: pulumi.Input<"Month" | "Year">;
  /** Number of cycles, 1 to 9. Defaults to 1. */
  period?: pulumi.Input<number>;
  /** Pay the order at once from the account balance. Defaults to true. */
  autoPay?: pulumi.Input<boolean>;
}

/** The `payment` argument of the physical connections (dedicated and hosted). */
export interface PaidArgs {
  /**
   * The payment step, made once, right after the connection is confirmed (a hosted one: accepted; its
   * OrderMode PayByVirtualPhysicalConnectionOwner asks for it). Off unless given; a later change does nothing.
   */
  payment?: pulumi.Input<PaymentArgs>;
}

/** The `name` argument of the objects whose names may hold periods (physical connections and BGP groups; a VBR's may not). */
export interface NameArgs {
  /** 2 to 128 characters: letters, digits, periods, underscores and hyphens, starting with a letter. Changed in place (a physical connection: not while Allocating). */
  name?: pulumi.Input<string>;
}

/** The `description` argument of the objects that carry one (physical connections, VBRs and BGP groups). */
export interface DescriptionArgs {
  /** 2 to 256 characters, starting with a letter (not http:// or https://). Changed in place (a physical connection: not while Allocating). */
  description?: pulumi.Input<string>;
}

/** The `region` argument every Alibaba resource takes. */
export interface RegionArgs {
  /**
   * The Alibaba Cloud region the object lives in, e.g. "eu-central-1". Defaults to `alicloud:region` of the
   * resource's credential set (then ALICLOUD_REGION). Recorded at create: a later change of `alicloud:region`
   * never loses the object. A change is refused (the preview fails, naming both regions): an object cannot
   * move to another region; declare a new resource there instead.
   */
  region?: pulumi.Input<string>;
}
