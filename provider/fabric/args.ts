/**
 * The arguments Equinix Fabric v4's ordered objects share (connections and cloud routers: the `order`
 * and `notifications` members of the Fabric v4 API), each documented once. The resource Args extend these.
 * Types only.
 */
import type * as pulumi from "@pulumi/pulumi";

/** Who is notified of an object's changes, and its order: the purchase order and the term. */
export interface FabricOrderArgs {
  /** Email addresses notified of every change (1 to 12). Changed in place. */
  notifications: pulumi.Input<pulumi.Input<string>[]>;
  /** Purchase order number shown on the invoice (up to 50 characters). A change replaces the object. */
  purchaseOrderNumber?: pulumi.Input<string>;
  /** Term in months: 1, 12, 24 or 36. Omitted: Equinix's default (1). Changed in place. */
  termLength?: pulumi.Input<number>;
}
