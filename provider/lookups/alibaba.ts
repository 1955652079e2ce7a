/**
 * Look-ups in Alibaba Cloud Express Connect: the access points of a region (DescribeAccessPoints), read
 * with the stack's Alibaba credentials (`alicloud:accessKey` / `alicloud:secretKey`, then the ALICLOUD_*
 * variables), signed, retried and reported like the resources' calls.
 *
 * `getAccessPoint(args)` returns a Promise, `getAccessPointOutput(args)` takes Inputs and returns an
 * Output; the singular look-up fails unless exactly one access point matches, naming the criteria and
 * listing the region's access points. Look-ups run in the program, so they call Alibaba during
 * `pulumi preview` too.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputArgs, LookupOptions, outputOf, settle } from "./api";

export type { LookupOptions } from "./api";

/** The look-ups' code, loaded on first use. */
const queries = () => require("./alibabaQueries") as typeof import("./alibabaQueries");

/** What to look for among a region's Express Connect access points; every criterion given must hold. */
export interface GetAccessPointArgs {
  /**
   * The Alibaba Cloud region whose access points are listed, e.g. "us-west-1". Defaults to the stack's
   * region (`alicloud:region`, then ALICLOUD_REGION); the credentials are the stack's either way.
   */
  region?: string;
  /** The access point's id, e.g. "ap-us-sv-eqx-a". */
  id?: string;
  /** The access point's name exactly as DescribeAccessPoints gives it (it depends on the account's language). */
  name?: string;
  /** The operator hosting it, e.g. "Equinix" (compared without regard to case). */
  hostOperator?: string;
  /**
   * The statuses to accept: "recommended" (room for new connections), "hot" (busy, still accepting),
   * "full" (no new connections) or "disabled". Defaults to any status; `["recommended", "hot"]` keeps those
   * where a new physical connection can be ordered.
   */
  status?: Array<"recommended" | "hot" | "full" | "disabled">;
}

/** An Express Connect access point: where a physical connection lands (`alibaba.PhysicalConnection`'s `accessPointId`). */
export interface AccessPoint {
  /** The access point's id, e.g. "ap-us-sv-eqx-a". */
  id: string;
  /** Its name. */
  name: string;
  /** The region it belongs to. */
  region: string;
  /** "recommended", "hot", "full" or "disabled". */
  status: string;
  /** The network type of its connections, "VPC". */
  type: string;
  /** Alibaba's description. */
  description?: string;
  /** Where it is, e.g. "Equinix SV5, San Jose". */
  location?: string;
  /** The operator hosting it, e.g. "Equinix". */
  hostOperator?: string;
  /** Its features (AccessPointFeatureModels): key -> value, e.g. {"AP_Support_VbrBandwidthLimit": "true"}. */
  features: Record<string, string>;
}

/** The one access point of the region matching `args`. Fails, naming the criteria and listing the region's access points, when none or several match. */
export function getAccessPoint(args: GetAccessPointArgs, opts?: LookupOptions): Promise<AccessPoint> {
  return settle(() => queries().findAccessPoint(args, opts));
}

/** `getAccessPoint` taking Inputs and giving an Output. */
export function getAccessPointOutput(args: InputArgs<GetAccessPointArgs>, opts?: LookupOptions): pulumi.Output<AccessPoint> {
  return outputOf(getAccessPoint, args, opts);
}

/** Every access point of the region matching `args` (possibly none). */
export function getAccessPoints(args: GetAccessPointArgs = {}, opts?: LookupOptions): Promise<AccessPoint[]> {
  return settle(() => queries().findAccessPoints(args, opts));
}

/** `getAccessPoints` taking Inputs and giving an Output. */
export function getAccessPointsOutput(args: InputArgs<GetAccessPointArgs> = {}, opts?: LookupOptions): pulumi.Output<AccessPoint[]> {
  return outputOf(getAccessPoints, args, opts);
}
