import * as pulumi from "@pulumi/pulumi";
import type { PaymentArgs } from "../../provider/alibaba/physicalConnection";
import type { TimeoutsArgs } from "../../provider/fabric/connection";
import type { ServiceProfileFacts } from "../../provider/fabric/serviceProfiles";
import type { RedundantLegArgs } from "../redundantFabricConnection";

/** One handover to Alibaba: the Fabric A side, and the peering of the VBR that terminates it in Alibaba. */
export interface AlibabaHandoverArgs {
  /** The Fabric origin: a port with its tags (DOT1Q `vlanTag`; QINQ `vlanSTag` + `vlanCTag`), a service token, a cloud router or a Network Edge device. */
  aSide: RedundantLegArgs["aSide"];
  /** Equinix name of the handover's connection. Defaults to `<component name>-pri` / `-sec`. */
  name?: string;
  /** Alibaba's side of the BGP peering on the VBR, e.g. "10.10.1.1". */
  localGatewayIp: string;
  /** Your side, in the same subnet, e.g. "10.10.1.2". */
  peerGatewayIp: string;
  /** Peering subnet mask, /24 to /30, e.g. "255.255.255.252". */
  peeringSubnetMask: string;
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
