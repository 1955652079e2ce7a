/**
 * Look-ups in Equinix Fabric: ports, service profiles and metros, read from the Fabric v4 API with the
 * stack's Equinix credentials (`equinix:clientId` / `equinix:clientSecret` or `equinix:token`, then the
 * EQUINIX_API_* variables), the same retries and the same errors as the resources.
 *
 * Each look-up comes as a pair, like the official providers' functions: `getPort(args)` returns a
 * Promise (for plain values a component branches on: `await` it in an async program), `getPortOutput(args)`
 * takes Inputs and returns an Output (to pass straight to a resource). The singular look-ups fail unless
 * exactly one object matches: the error names the criteria and lists the candidates. Look-ups run in the
 * program, so they call Equinix during `pulumi preview` too; nothing is recorded in the stack's state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { InputArgs, LookupOptions, outputOf, settle } from "./api";

export type { LookupOptions } from "./api";

/** The look-ups' code, loaded on first use. */
const queries = () => require("./fabricQueries") as typeof import("./fabricQueries");

/** Port states of the Fabric v4 API (PortState). */
export type PortState =
  | "PENDING"
  | "PROVISIONING"
  | "REPROVISIONING"
  | "PENDING_CROSS_CONNECT"
  | "PROVISIONED"
  | "ACTIVE"
  | "DEPROVISIONING"
  | "DEPROVISIONED"
  | "INACTIVE"
  | "FAILED"
  | "ADDED"
  | "DELETED"
  | "TO_BE_ADDED"
  | "TO_BE_DELETED";

/** What to look for among the account's Fabric ports; every criterion given must hold. */
export interface GetPortArgs {
  /** The port's name exactly as Fabric shows it, e.g. "270848-SV5-CX-PRI-01". */
  name?: string;
  /** The two-letter Equinix metro code of the port, e.g. "SV" or "FR". */
  metroCode?: string;
  /** The port's encapsulation: "DOT1Q", "QINQ" or "UNTAGGED" (what a connection's `aSide.port.type` takes). */
  type?: "DOT1Q" | "QINQ" | "UNTAGGED";
  /** The port's redundancy priority: "PRIMARY" or "SECONDARY". */
  priority?: "PRIMARY" | "SECONDARY";
  /** The port's state. Defaults to "ACTIVE" (the ports that carry connections). */
  state?: PortState;
}

/** A Fabric port. */
export interface Port {
  /** The port's uuid: what a connection's `aSide.port.uuid` takes. */
  uuid: string;
  /** The port's name. */
  name: string;
  /** Encapsulation: "DOT1Q", "QINQ" or "UNTAGGED". */
  type: string;
  /** Two-letter Equinix metro code. */
  metroCode: string;
  /** The metro's name, e.g. "Silicon Valley". */
  metroName?: string;
  /** Redundancy priority: "PRIMARY" or "SECONDARY". */
  priority?: string;
  /** The port's state, e.g. "ACTIVE". */
  state: string;
  /** The port's bandwidth in Mbps. */
  bandwidth?: number;
  /** Bandwidth not yet used by connections, in Mbps. */
  availableBandwidth?: number;
  /** Bandwidth used by connections, in Mbps. */
  usedBandwidth?: number;
  /** The IBX (data centre) of the port, e.g. "SV5". */
  ibx?: string;
  /** The Fabric project of the port. */
  projectId?: string;
}

/** What to look for among the service profiles the account can see (Fabric's buyer view). */
export interface GetServiceProfileArgs {
  /** The profile's name exactly, e.g. "Alibaba Cloud Express Connect". */
  name?: string;
  /** The profile's uuid. */
  uuid?: string;
  /** A two-letter Equinix metro code where the profile must be offered, e.g. "SV". */
  metroCode?: string;
  /** Profile type: "L2_PROFILE", "L3_PROFILE", "IA_PROFILE", "IX_PROFILE", "IC_PROFILE" or "LMAAS_PROFILE". */
  type?: "L2_PROFILE" | "L3_PROFILE" | "IA_PROFILE" | "IX_PROFILE" | "IC_PROFILE" | "LMAAS_PROFILE";
  /** "PUBLIC" (a provider's) or "PRIVATE" (shared with the account only). */
  visibility?: "PUBLIC" | "PRIVATE";
  /** The profile's state. Defaults to "ACTIVE". */
  state?: "ACTIVE" | "PENDING_APPROVAL" | "DELETED" | "REJECTED";
}

/** A metro where a service profile is offered. */
export interface ServiceProfileMetro {
  /** Two-letter Equinix metro code. */
  code: string;
  /** The metro's name. */
  name?: string;
  /** The seller's regions there: region id -> description, e.g. {"us-west-1": "US (Silicon Valley)"}. */
  sellerRegions: Record<string, string>;
}

/** A Fabric service profile (a seller's service, such as a cloud's). */
export interface ServiceProfile {
  /** The profile's uuid: what a connection's `zSide.serviceProfile.uuid` takes. */
  uuid: string;
  /** The profile's name. */
  name: string;
  /** Profile type, e.g. "L2_PROFILE". */
  type: string;
  /** The profile's state, e.g. "ACTIVE". */
  state: string;
  /** "PUBLIC" or "PRIVATE". */
  visibility?: string;
  /** The seller's description. */
  description?: string;
  /** The metros where the profile is offered, with the seller's region in each. */
  metros: ServiceProfileMetro[];
  /** The bandwidths a connection may have, in Mbps (the profile's COLO access point). */
  bandwidths: number[];
  /** Whether other bandwidths than `bandwidths` are accepted. */
  allowCustomBandwidth: boolean;
  /** Whether a connection must carry an authentication key (Alibaba: the account id), and its label. */
  authenticationKey: { required: boolean; label?: string };
}

/** Which metro: exactly one of `code` or `name`. */
export interface GetMetroArgs {
  /** Two-letter Equinix metro code, e.g. "FR". */
  code?: string;
  /** The metro's name, e.g. "Frankfurt" (compared without regard to case). */
  name?: string;
}

/** Which metros to list. */
export interface GetMetrosArgs {
  /** Only the metros where the account has ports (Fabric's `presence=MY_PORTS`). Defaults to false: every Fabric metro. */
  onlyWithMyPorts?: boolean;
}

/** Another metro as seen from one, with Fabric's figures for a remote connection between them. */
export interface ConnectedMetro {
  /** Two-letter Equinix metro code. */
  code: string;
  /** Average latency to it, in ms. */
  avgLatency?: number;
  /** The highest bandwidth of a remote connection to it, in Mbps. */
  remoteVCBandwidthMax?: number;
}

/** A Fabric metro. */
export interface Metro {
  /** Two-letter Equinix metro code. */
  code: string;
  /** The metro's name, e.g. "Frankfurt". */
  name: string;
  /** "AMER", "APAC" or "EMEA". */
  region?: string;
  /** Country code, e.g. "DE". */
  country?: string;
  /** Equinix's ASN in the metro. */
  equinixAsn?: number;
  /** The highest bandwidth of a connection within the metro, in Mbps. */
  localVCBandwidthMax?: number;
  /** The other metros, with latency and the highest remote bandwidth. */
  connectedMetros: ConnectedMetro[];
}

/**
 * The one Fabric port matching `args` (POST /fabric/v4/ports/search). Fails, naming the criteria, when none
 * matches (listing the ports the credentials can see) or several do (listing them).
 */
export function getPort(args: GetPortArgs, opts?: LookupOptions): Promise<Port> {
  return settle(() => queries().findPort(args, opts));
}

/** `getPort` taking Inputs and giving an Output. */
export function getPortOutput(args: InputArgs<GetPortArgs>, opts?: LookupOptions): pulumi.Output<Port> {
  return outputOf(getPort, args, opts);
}

/** Every Fabric port matching `args` (possibly none), sorted by name. */
export function getPorts(args: GetPortArgs = {}, opts?: LookupOptions): Promise<Port[]> {
  return settle(() => queries().findPorts(args, opts));
}

/** `getPorts` taking Inputs and giving an Output. */
export function getPortsOutput(args: InputArgs<GetPortArgs> = {}, opts?: LookupOptions): pulumi.Output<Port[]> {
  return outputOf(getPorts, args, opts);
}

/**
 * The one service profile matching `args` (POST /fabric/v4/serviceProfiles/search), e.g.
 * `{ name: "Alibaba Cloud Express Connect", metroCode: "SV" }`. Fails, naming the criteria, when none or
 * several match.
 */
export function getServiceProfile(args: GetServiceProfileArgs, opts?: LookupOptions): Promise<ServiceProfile> {
  return settle(() => queries().findServiceProfile(args, opts));
}

/** `getServiceProfile` taking Inputs and giving an Output. */
export function getServiceProfileOutput(args: InputArgs<GetServiceProfileArgs>, opts?: LookupOptions): pulumi.Output<ServiceProfile> {
  return outputOf(getServiceProfile, args, opts);
}

/** Every service profile matching `args` (possibly none). */
export function getServiceProfiles(args: GetServiceProfileArgs = {}, opts?: LookupOptions): Promise<ServiceProfile[]> {
  return settle(() => queries().findServiceProfiles(args, opts));
}

/** `getServiceProfiles` taking Inputs and giving an Output. */
export function getServiceProfilesOutput(args: InputArgs<GetServiceProfileArgs> = {}, opts?: LookupOptions): pulumi.Output<ServiceProfile[]> {
  return outputOf(getServiceProfiles, args, opts);
}

/** One Fabric metro by code (GET /fabric/v4/metros/{metroCode}) or by name. Fails, listing the metros, when there is no such metro. */
export function getMetro(args: GetMetroArgs, opts?: LookupOptions): Promise<Metro> {
  return settle(() => queries().findMetro(args, opts));
}

/** `getMetro` taking Inputs and giving an Output. */
export function getMetroOutput(args: InputArgs<GetMetroArgs>, opts?: LookupOptions): pulumi.Output<Metro> {
  return outputOf(getMetro, args, opts);
}

/** Every Fabric metro (GET /fabric/v4/metros), or only those where the account has ports. */
export function getMetros(args: GetMetrosArgs = {}, opts?: LookupOptions): Promise<Metro[]> {
  return settle(() => queries().findMetros(args, opts));
}

/** `getMetros` taking Inputs and giving an Output. */
export function getMetrosOutput(args: InputArgs<GetMetrosArgs> = {}, opts?: LookupOptions): pulumi.Output<Metro[]> {
  return outputOf(getMetros, args, opts);
}

