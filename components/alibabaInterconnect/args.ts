import * as pulumi from "@pulumi/pulumi";
import type { PaymentArgs } from "../../provider/alibaba/physicalConnection";
import type { TimeoutsArgs } from "../../provider/fabric/connection";
import type { ServiceProfileFacts } from "../../provider/fabric/serviceProfiles";
import type { RedundantLegArgs } from "../redundantFabricConnection";
import type { AlibabaBgpArgs, AlibabaCloudRouterArgs } from "./bgpArgs";

export type { AlibabaBgpArgs, AlibabaBgpSessionArgs, AlibabaBgpSessionOutputs, AlibabaBgpSecretOutputs, AlibabaCloudRouterArgs } from "./bgpArgs";

/** One handover to Alibaba: the Fabric A side, and the peering of the VBR that terminates it in Alibaba. */
export interface AlibabaHandoverArgs {
  /**
   * The Fabric origin: a port with its tags (DOT1Q `vlanTag`; QINQ `vlanSTag` + `vlanCTag`), a service token,
   * an existing cloud router (`cloudRouter.uuid`) or a Network Edge device. Omit it when the component's
   * `cloudRouter` creates the router every handover starts at.
   */
  aSide?: RedundantLegArgs["aSide"];
  /** Equinix name of the handover's connection. Defaults to `<component name>-pri` / `-sec`. */
  name?: string;
  /**
   * The peering subnet of the handover, e.g. "169.254.10.0/30" (its network address, /24 to /30; with `bgp`
   * and a cloud router A side /28 to /30, Fabric's DIRECT rule): Alibaba's side (the VBR's local address) is
   * its first host, yours (or the cloud router's interface) its second. Instead of `localGatewayIp`,
   * `peerGatewayIp` and `peeringSubnetMask`.
   */
  peeringSubnet?: string;
  /** Alibaba's side of the BGP peering on the VBR, e.g. "10.10.1.1" (with `peerGatewayIp` and `peeringSubnetMask`, unless `peeringSubnet`). */
  localGatewayIp?: string;
  /** Your side (or the cloud router's interface), in the same subnet, e.g. "10.10.1.2". */
  peerGatewayIp?: string;
  /** Peering subnet mask, /24 to /30, e.g. "255.255.255.252". */
  peeringSubnetMask?: string;
  /** VBR name (2-128 characters, starting with a letter). Defaults to `<component name>-pri-vbr` / `-sec-vbr`. */
  vbrName?: string;
}

export interface AlibabaInterconnectArgs {
  /** Your Alibaba Cloud account ID: Equinix's authentication key for the Alibaba profile. Treated as a secret. */
  alibabaAccountId: pulumi.Input<string>;
  /** The Equinix metro of the handovers: HK, SG, TY, DC, SV, FR or LD. */
  metroCode: string;
  /** Alibaba region of that metro; defaults to the profile's (SV: us-west-1, FR: eu-central-1 ...). Set `region` (or `alicloud:region`) to it. */
  sellerRegion?: string;
  /**
   * The Alibaba region of the hosted connections and VBRs (their `region`): it must be the seller region,
   * where Equinix creates the Alibaba side. Omitted: `alicloud:region` of the Alibaba credential set, which
   * must then be the seller region too. Give it to keep handovers of several metros (regions) in one stack.
   */
  region?: string;
  /**
   * The credential sets of the children, per vendor (each resource's `credentials`): `equinix` for the
   * Fabric connections, `alibaba` for the hosted connections and VBRs (e.g. "ops2": the `alicloud-ops2:`
   * keys). Omitted: the stack's default keys.
   */
  credentials?: { equinix?: string; alibaba?: string };
  /** Bandwidth of each handover in Mbps: 50, 200, 500 or 1000. */
  bandwidth: number;
  /** Email addresses Equinix notifies (1 to 12). */
  notifications: pulumi.Input<pulumi.Input<string>[]>;
  /** The PRIMARY handover. */
  primary: AlibabaHandoverArgs;
  /** The SECONDARY handover, on a distinct port, joined to the primary's redundancy group. Omit for a single handover. */
  secondary?: AlibabaHandoverArgs;
  /** The explicit payment step of the acceptance (off unless given). */
  payment?: pulumi.Input<PaymentArgs>;
  /** Purchase order number on the Equinix invoice. */
  purchaseOrderNumber?: pulumi.Input<string>;
  /** Equinix term in months: 1, 12, 24 or 36. */
  termLength?: pulumi.Input<number>;
  /** Time limits for each resource's create, update and delete. */
  timeouts?: TimeoutsArgs;
  /**
   * The Equinix API of the Fabric legs: "v4" (default) makes one `fabric.Connection` per handover;
   * "v3" makes one `fabric.L2Connection` (the legacy ECX v3 API, retired by Equinix in 2024) that creates
   * both legs in one request. With "v3" each A side must be a port, tagged the ECX v3 way: a DOT1Q port
   * takes `vlanSTag` only, a QINQ port `vlanSTag` and `vlanCTag` (2..4094); `termLength` does not apply
   * and handover names are at most 24 letters, digits, '-' or '_'.
   */
  fabricApi?: "v4" | "v3";
  /**
   * A Fabric Cloud Router the component creates in `metroCode` (fabricApi "v4"), the A side of every
   * handover (whose `aSide` is then omitted). To start at a router you already have, give each handover
   * `aSide: { cloudRouter: { uuid } }` instead.
   */
  cloudRouter?: AlibabaCloudRouterArgs;
  /**
   * BGP on every handover, from nothing to Established (see AlibabaBgpArgs): for a cloud router A side
   * both ends (the router's DIRECT and BGP routing protocols, the VBR's BGP group and peer), waiting until
   * each session is Established; for a port A side Alibaba's end, and what your router needs as outputs.
   */
  bgp?: AlibabaBgpArgs;
}

/** Per handover, what the component built. */
export interface AlibabaHandoverOutputs {
  role: "primary" | "secondary";
  fabricUuid: string;
  fabricStatus: string;
  alibabaConnectionId: string;
  alibabaStatus: string;
  vlanId: number;
  vbrId: string;
  vbrStatus: string;
}

/** The issues of a handover's `peeringSubnet` (a /24../30 IPv4 network, instead of the three addresses). */
export function peeringSubnetIssues(role: string, leg: AlibabaHandoverArgs): string[] {
  if (leg.peeringSubnet === undefined) return [];
  const errors: string[] = [];
  const given = (["localGatewayIp", "peerGatewayIp", "peeringSubnetMask"] as const).filter((k) => leg[k] !== undefined);
  if (given.length) errors.push(`${role}.peeringSubnet conflicts with ${given.map((k) => `${role}.${k}`).join(", ")}: give the subnet (the addresses are derived from it) or the three addresses, not both`);
  const m = typeof leg.peeringSubnet === "string" ? /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(leg.peeringSubnet) : null;
  const octets = m ? m.slice(1, 5).map(Number) : [];
  if (!m || octets.some((o) => o > 255)) {
    errors.push(`${role}.peeringSubnet must be an IPv4 subnet in CIDR form such as "169.254.10.0/30" (got ${JSON.stringify(leg.peeringSubnet)})`);
    return errors;
  }
  const prefix = Number(m[5]);
  if (prefix < 24 || prefix > 30) errors.push(`${role}.peeringSubnet must be a /24 to /30 (Alibaba: a VBR's peering subnet mask is 24 to 30 bits; got /${prefix})`);
  const value = octets.reduce((acc, o) => acc * 256 + o, 0);
  if (value % 2 ** (32 - prefix) !== 0) errors.push(`${role}.peeringSubnet must be the subnet's network address (its host bits zero), e.g. "${networkOf(value, prefix)}/${prefix}" (got ${leg.peeringSubnet})`);
  return errors;
}

/** The network address of `value` for a prefix, dotted. */
function networkOf(value: number, prefix: number): string {
  const net = value - (value % 2 ** (32 - prefix));
  return [24, 16, 8, 0].map((s) => Math.floor(net / 2 ** s) % 256).join(".");
}

/** A handover's peering addresses, as given or derived from `peeringSubnet`. */
export interface Peering {
  localGatewayIp?: string;
  peerGatewayIp?: string;
  peeringSubnetMask?: string;
}

/**
 * The peering addresses of a handover: from `peeringSubnet` (first host Alibaba's, second yours) when it is
 * a valid IPv4 network, else the three addresses as given (the VBR's rules then name what is missing).
 */
export function peeringOf(leg: AlibabaHandoverArgs): Peering {
  if (leg.peeringSubnet === undefined) return { localGatewayIp: leg.localGatewayIp, peerGatewayIp: leg.peerGatewayIp, peeringSubnetMask: leg.peeringSubnetMask };
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(leg.peeringSubnet);
  if (!m) return {};
  const value = m.slice(1, 5).reduce((acc, o) => acc * 256 + Number(o), 0);
  const prefix = Number(m[5]);
  const ip = (v: number) => [24, 16, 8, 0].map((s) => Math.floor(v / 2 ** s) % 256).join(".");
  const mask = ip(2 ** 32 - 2 ** (32 - Math.min(32, prefix)));
  return { localGatewayIp: ip(value + 1), peerGatewayIp: ip(value + 2), peeringSubnetMask: mask };
}

/** The prefix length of a dotted mask ("255.255.255.252" -> 30), or undefined when it is not one. */
export function prefixOf(mask: string | undefined): number | undefined {
  const m = mask === undefined ? null : /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(mask);
  if (!m) return undefined;
  const bits = m.slice(1).map((o) => Number(o).toString(2).padStart(8, "0")).join("");
  if (!/^1*0*$/.test(bits)) return undefined;
  return bits.indexOf("0") === -1 ? 32 : bits.indexOf("0");
}

export type Role = "primary" | "secondary";

/** The handovers given, primary first, with the suffix of their default names. */
export function handoversOf(args: AlibabaInterconnectArgs): Array<{ role: Role; short: "pri" | "sec"; leg: AlibabaHandoverArgs }> {
  const all = [
    { role: "primary" as const, short: "pri" as const, leg: args.primary },
    { role: "secondary" as const, short: "sec" as const, leg: args.secondary },
  ];
  return all.filter((h): h is typeof h & { leg: AlibabaHandoverArgs } => h.leg !== undefined);
}

/** What a Fabric builder (v4 or v3) is given. */
export interface FabricBuild {
  parent: pulumi.ComponentResource;
  name: string;
  args: AlibabaInterconnectArgs;
  profile: ServiceProfileFacts;
  sellerRegion: string;
  /** The account id as a secret. */
  accountId: pulumi.Output<string>;
  /** The uuid of the cloud router the component created (`cloudRouter`), the A side of handovers without `aSide`. */
  cloudRouterUuid?: pulumi.Output<string>;
  /** What the first resources wait for: the check of the arguments only known once resolved (secret MD5 keys); it fails instead of resolving when one is bad. */
  gate?: pulumi.Output<pulumi.Resource[]>;
}

/** One Fabric leg as the handover's Alibaba side reads it. */
export interface FabricLeg {
  role: Role;
  short: "pri" | "sec";
  leg: AlibabaHandoverArgs;
  uuid: pulumi.Output<string>;
  equinixStatus: pulumi.Output<string>;
  providerStatus: pulumi.Output<string>;
  /** The provider's id of the leg: Alibaba's pc-... hosted connection. */
  providerConnectionId: pulumi.Output<string>;
}

/** What a Fabric builder made: the legs in role order and the pair's redundancy group. */
export interface FabricSide {
  legs: FabricLeg[];
  redundancyGroup: pulumi.Output<string>;
}
