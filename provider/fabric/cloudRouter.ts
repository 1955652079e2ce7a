import type * as pulumi from "@pulumi/pulumi";
import type { AdoptArgs, TimedArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { FabricOrderArgs } from "./args";
import type { CloudRouterInputs } from "./cloudRouterMapping";

export interface CloudRouterArgs extends FabricOrderArgs, TimedArgs, AdoptArgs {
  /** Router name: 3 to 24 letters, digits, '-' or '_'. Changed in place. */
  name: pulumi.Input<string>;
  /** Equinix metro of the router, two letters (e.g. "SV", "HK"). A change replaces the router. */
  metroCode: pulumi.Input<string>;
  /**
   * The router package: LAB, BASIC, STANDARD, ADVANCED or PREMIUM (Equinix allows 3 LAB routers per
   * organization). Changed in place.
   */
  packageCode: pulumi.Input<"LAB" | "BASIC" | "STANDARD" | "ADVANCED" | "PREMIUM">;
  /** The Fabric project the router belongs to (`project.projectId`). A change replaces the router. */
  projectId: pulumi.Input<string>;
  /** The Equinix billing account number; omitted: the account of the credentials. A change replaces the router. */
  accountNumber?: pulumi.Input<number>;
}

/**
 * An Equinix Fabric Cloud Router (`POST /fabric/v4/routers`, type XF_ROUTER): the Layer 3 A side of IP_VC
 * connections (`fabric.Connection` with `aSide.cloudRouter.uuid`), whose routing is configured with
 * `fabric.RoutingProtocol`. Create waits until PROVISIONED; name, package, notifications and term change
 * in place (JSON Patch, then waits for the change to complete); delete waits until DEPROVISIONED, and
 * Equinix refuses it while connections remain (Pulumi deletes the connections that name the router first).
 *
 * The router's BGP ASN is Equinix's (`equinixAsn`), the same for every router of a metro: Fabric does not
 * let you choose it. Its id (for `get` and `adoptId`) is Equinix's router UUID.
 *
 * Default timeouts: create "20m" (waiting until PROVISIONED), update "20m", delete "20m".
 */
export class CloudRouter extends resourceClass<CloudRouter, CloudRouterArgs, typeof CloudRouterInputs, CloudRouterOutputs>({
  kind: "fabric:CloudRouter", // never renamed once released
  lifecycle: () => (require("./cloudRouterLifecycle") as typeof import("./cloudRouterLifecycle")).cloudRouterLifecycle,
  adopt: { noun: "Fabric Cloud Router" },
  outputs: ["uuid", "href", "name", "metroCode", "packageCode", "projectId", "notifications", "state", "equinixAsn", "connectionsCount"],
  takesTimeouts: true,
}) {}

/** What a CloudRouter reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface CloudRouterOutputs {
  /** Equinix's router UUID (also the resource id); pass it as a connection's `aSide.cloudRouter.uuid`. */
  uuid: string;
  href: string;
  name: string;
  metroCode: string;
  packageCode: string;
  projectId: string;
  notifications: string[];
  /** PROVISIONED, PROVISIONING, DEPROVISIONING ... */
  state: string;
  /** The router's BGP ASN, assigned by Equinix per metro: the ASN the far end of each BGP session peers with. */
  equinixAsn: number;
  /** How many connections start at the router. */
  connectionsCount: number;
}
