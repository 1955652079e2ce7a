/**
 * Look-ups at an exchange through IX-API v2: product offerings and the customer's connections (cloud
 * access ports), read with the stack's IX-API settings (`ixapi:*`, then the IXAPI_* variables), with the
 * same token flow, retries and errors as the resources.
 *
 * `getProductOffering(args)` returns a Promise, `getProductOfferingOutput(args)` takes Inputs and returns
 * an Output; the singular look-ups fail unless exactly one object matches, naming the criteria and listing
 * the candidates. Look-ups run in the program, so they call the exchange during `pulumi preview` too.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputArgs, LookupOptions, outputOf, settle } from "./api";

export type { LookupOptions } from "./api";

/** The look-ups' code, loaded on first use. */
const queries = () => require("./ixapiQueries") as typeof import("./ixapiQueries");

/** What to look for among the exchange's product offerings; every criterion given must hold. */
export interface GetProductOfferingArgs {
  /** The offering's id, e.g. "alibaba-express-connect.fra.eu-central-1". */
  id?: string;
  /** The offering's name exactly, e.g. "Alibaba-Cloud-Express-Connect". */
  name?: string;
  /** The product type: "cloud_vc" (a cloud service, the default), "exchange_lan", "p2p_vc", "p2mp_vc" or "mp2mp_vc". */
  type?: "exchange_lan" | "p2p_vc" | "p2mp_vc" | "mp2mp_vc" | "cloud_vc";
  /** The cloud or service provider as the exchange names it, e.g. "Alibaba", "AWS", "Microsoft". */
  serviceProvider?: string;
  /** The provider's region, e.g. "eu-central-1". */
  serviceProviderRegion?: string;
  /** The provider's point of presence, e.g. "FRA-ALI1". */
  serviceProviderPop?: string;
  /** The metro area of the handover (the exchange's id, e.g. "met:FRA"). */
  handoverMetroArea?: string;
  /** The metro area network of the handover (the exchange's id, e.g. "man:FRA"). */
  handoverMetroAreaNetwork?: string;
  /** The metro area where the provider delivers the service (the exchange's id). */
  serviceMetroArea?: string;
  /** The metro area network where the provider delivers the service (the exchange's id). */
  serviceMetroAreaNetwork?: string;
  /** "dedicated" or "shared" delivery. */
  deliveryMethod?: "dedicated" | "shared";
  /** A capacity in Mbps the offering must allow (bandwidthMin..bandwidthMax). */
  bandwidth?: number;
}

/** A product offering of the exchange. */
export interface ProductOffering {
  /** The offering's id: what a network service's `productOffering` takes. */
  id: string;
  /** The offering's name. */
  name: string;
  /** The name shown to customers. */
  displayName?: string;
  /** The product type, e.g. "cloud_vc". */
  type: string;
  /** The provider, e.g. "Alibaba". */
  serviceProvider: string;
  /** The provider's region, e.g. "eu-central-1". */
  serviceProviderRegion?: string;
  /** The provider's point of presence. */
  serviceProviderPop?: string;
  /** The handover metro area (id). */
  handoverMetroArea?: string;
  /** The handover metro area network (id). */
  handoverMetroAreaNetwork?: string;
  /** The metro area where the provider delivers the service (id). */
  serviceMetroArea?: string;
  /** The metro area network where the provider delivers the service (id). */
  serviceMetroAreaNetwork?: string;
  /** The smallest capacity, in Mbps. */
  bandwidthMin?: number;
  /** The largest capacity, in Mbps. */
  bandwidthMax?: number;
  /** "single" (one VLAN per handover: Alibaba, AWS) or "multi" (one per peering: Azure). */
  providerVlans?: string;
  /** How many handovers a service on it has (1 or 2). */
  diversity: number;
  /** "dedicated" or "shared". */
  deliveryMethod?: string;
  /** The exchange's pops where the handovers can be (pop ids). */
  serviceExchangePops: string[];
}

/** What to look for among the customer's connections (cloud access ports); every criterion given must hold. */
export interface GetConnectionArgs {
  /** The connection's id, e.g. "CANL-051075". */
  id?: string;
  /** The connection's name. */
  name?: string;
  /** The pop the connection is at (the exchange's pop id, e.g. "pop:FRA5-A"). */
  pop?: string;
  /** The connection's state. Defaults to "production" (the ones that carry services). */
  state?: "requested" | "allocated" | "testing" | "production" | "production_change_pending" | "decommission_requested" | "decommissioned" | "archived" | "error" | "operator" | "scheduled" | "cancelled";
  /** A VLAN type the connection must take: "dot1q", "qinq" or "port". */
  vlanType?: "dot1q" | "qinq" | "port";
  /** The customer's own reference on the connection. */
  externalRef?: string;
}

/** A connection (cloud access port) of the customer at the exchange. */
export interface Connection {
  /** The connection's id: what a network service config's `connection` takes. */
  id: string;
  /** The connection's name (its id when it has none). */
  name: string;
  /** The connection's state, e.g. "production". */
  state: string;
  /** The pop it is at (id). */
  pop?: string;
  /** "standalone", "lag_lacp", "lag_static" or "flex_ethernet". */
  mode?: string;
  /** Its speed, in Mbps. */
  speed?: number;
  /** The VLAN types it takes: "dot1q", "qinq", "port". */
  vlanTypes: string[];
  /** The capacity already allocated to services, in Mbps. */
  capacityAllocated?: number;
  /** The most capacity services may be allocated, in Mbps. */
  capacityAllocationLimit?: number;
  /** The customer's own reference. */
  externalRef?: string;
}

/** The one product offering matching `args` (GET /product-offerings). Fails, naming the criteria and listing the offerings, when none or several match. */
export function getProductOffering(args: GetProductOfferingArgs, opts?: LookupOptions): Promise<ProductOffering> {
  return settle(() => queries().findProductOffering(args, opts));
}

/** `getProductOffering` taking Inputs and giving an Output. */
export function getProductOfferingOutput(args: InputArgs<GetProductOfferingArgs>, opts?: LookupOptions): pulumi.Output<ProductOffering> {
  return outputOf(getProductOffering, args, opts);
}

/** Every product offering matching `args` (possibly none). */
export function getProductOfferings(args: GetProductOfferingArgs = {}, opts?: LookupOptions): Promise<ProductOffering[]> {
  return settle(() => queries().findProductOfferings(args, opts));
}

/** `getProductOfferings` taking Inputs and giving an Output. */
export function getProductOfferingsOutput(args: InputArgs<GetProductOfferingArgs> = {}, opts?: LookupOptions): pulumi.Output<ProductOffering[]> {
  return outputOf(getProductOfferings, args, opts);
}

/** The one connection matching `args` (GET /connections). Fails, naming the criteria and listing the connections, when none or several match. */
export function getConnection(args: GetConnectionArgs, opts?: LookupOptions): Promise<Connection> {
  return settle(() => queries().findConnection(args, opts));
}

/** `getConnection` taking Inputs and giving an Output. */
export function getConnectionOutput(args: InputArgs<GetConnectionArgs>, opts?: LookupOptions): pulumi.Output<Connection> {
  return outputOf(getConnection, args, opts);
}

/** Every connection matching `args` (possibly none). */
export function getConnections(args: GetConnectionArgs = {}, opts?: LookupOptions): Promise<Connection[]> {
  return settle(() => queries().findConnections(args, opts));
}

/** `getConnections` taking Inputs and giving an Output. */
export function getConnectionsOutput(args: InputArgs<GetConnectionArgs> = {}, opts?: LookupOptions): pulumi.Output<Connection[]> {
  return outputOf(getConnections, args, opts);
}
