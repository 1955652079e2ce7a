import type * as pulumi from "@pulumi/pulumi";
import type { AdoptArgs, TimedArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { DescriptionArgs, RegionArgs } from "./args";
import type { VirtualBorderRouterInputs } from "./virtualBorderRouterMapping";

export interface VirtualBorderRouterArgs extends DescriptionArgs, RegionArgs, TimedArgs, AdoptArgs {
  /** The physical connection (dedicated or hosted) the VBR sits on, pc-... A change replaces the VBR. */
  physicalConnectionId: pulumi.Input<string>;
  /** VLAN 0..2999, unique on the connection; on a hosted connection it must be the VLAN the partner assigned (its `vlanId` output). Changed in place. */
  vlanId: pulumi.Input<number>;
  /** Alibaba's side of the peering, e.g. "10.0.0.1". Changed in place. */
  localGatewayIp: pulumi.Input<string>;
  /** Your side, in the same subnet, e.g. "10.0.0.2". Changed in place. */
  peerGatewayIp: pulumi.Input<string>;
  /** The peering subnet mask, /24 (255.255.255.0) to /30 (255.255.255.252). Changed in place. */
  peeringSubnetMask: pulumi.Input<string>;
  /** Enable IPv6; requires the three IPv6 fields. Defaults to false. */
  enableIpv6?: pulumi.Input<boolean>;
  /** Alibaba's IPv6 address on the peering (with enableIpv6). Changed in place. */
  localIpv6GatewayIp?: pulumi.Input<string>;
  /** Your IPv6 address on the peering, in the same subnet. Changed in place. */
  peerIpv6GatewayIp?: pulumi.Input<string>;
  /** The IPv6 peering subnet mask, e.g. "2408:4004:cc:400::/56". Changed in place. */
  peeringIpv6SubnetMask?: pulumi.Input<string>;
  /** 2 to 128 characters: letters, digits, underscores and hyphens, starting with a letter. Changed in place. */
  name?: pulumi.Input<string>;
  /** Mbps; only on dedicated connections (a hosted one has the partner's bandwidth). Changed in place. */
  bandwidth?: pulumi.Input<number>;
  /** The circuit code (circuit owner only). Changed in place. */
  circuitCode?: pulumi.Input<string>;
  /** MTU, 1500 (Alibaba's default) or 8500. Changed in place. */
  mtu?: pulumi.Input<1500 | 8500>;
  /** BFD receive interval in ms, 200 to 1000 (Alibaba's default 300). */
  minRxInterval?: pulumi.Input<number>;
  /** BFD transmit interval in ms, 200 to 1000 (Alibaba's default 300). */
  minTxInterval?: pulumi.Input<number>;
  /** BFD detect multiplier, 3 to 10 (Alibaba's default 3). */
  detectMultiplier?: pulumi.Input<number>;
}

/**
 * An Alibaba Cloud virtual border router (VBR) on a dedicated or hosted physical connection. Read with
 * IncludeCrossAccountVbr so VBRs of another owner do not vanish; destroyed before its connection. Its id
 * (for `get` and `adoptId`) is the VBR's, vbr-....
 *
 * Default timeouts: create "20m" (waiting until active), update "20m", delete "20m".
 */
export class VirtualBorderRouter extends resourceClass<VirtualBorderRouter, VirtualBorderRouterArgs, typeof VirtualBorderRouterInputs, VirtualBorderRouterOutputs>({
  kind: "alibaba:VirtualBorderRouter",
  lifecycle: () => (require("./virtualBorderRouterLifecycle") as typeof import("./virtualBorderRouterLifecycle")).virtualBorderRouterLifecycle,
  adopt: { noun: "VBR" },
  outputs: ["vbrId", "physicalConnectionId", "vlanId", "localGatewayIp", "peerGatewayIp", "peeringSubnetMask", "status", "vlanInterfaceId", "routeTableId",
    "accessPointId", "physicalConnectionOwnerUid", "physicalConnectionStatus", "creationTime", "activationTime"],
  // The connection owner's Alibaba account id: for a hosted connection it is the authentication key of the
  // Fabric connection, a secret. Encrypted in the state like every value derived from one.
  secretOutputs: ["physicalConnectionOwnerUid"],
  takesTimeouts: true,
}) {}

/** What a VirtualBorderRouter reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface VirtualBorderRouterOutputs {
  /** vbr-... (also the resource id). */
  vbrId: string;
  physicalConnectionId: string;
  vlanId: number;
  localGatewayIp: string;
  peerGatewayIp: string;
  peeringSubnetMask: string;
  /** active, unconfirmed, terminating, terminated, recovering ... */
  status: string;
  vlanInterfaceId: string;
  routeTableId: string;
  accessPointId: string;
  /** The Alibaba account id that owns the physical connection (yours for a hosted one). A secret output. */
  physicalConnectionOwnerUid: string;
  physicalConnectionStatus: string;
  creationTime: string;
  activationTime: string;
}
