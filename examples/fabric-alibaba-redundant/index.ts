/**
 * The redundant Equinix Fabric -> Alibaba Cloud topology of Equinix's "Alibaba Cloud Express Connect" guide: for each handover (primary and
 * secondary port) a Fabric connection to the Alibaba Cloud Express Connect profile, the hosted
 * connection it creates in your Alibaba account accepted ("Accept and Pay"), and a VBR on the VLAN
 * Equinix assigned, with its own /30 peering.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ic from "pulumi-interconnect";

const config = new pulumi.Config();

const link = new ic.components.AlibabaInterconnect("alibaba", {
  alibabaAccountId: config.requireSecret("alibabaAccountId"),
  metroCode: config.get("metro") ?? "SV",
  bandwidth: config.getNumber("bandwidth") ?? 200,
  notifications: [config.require("notify")],
  primary: {
    aSide: { port: { uuid: config.require("primaryPort"), type: "DOT1Q", vlanTag: 774 } },
    localGatewayIp: "10.10.1.1",
    peerGatewayIp: "10.10.1.2",
    peeringSubnetMask: "255.255.255.252",
  },
  secondary: {
    aSide: { port: { uuid: config.require("secondaryPort"), type: "DOT1Q", vlanTag: 775 } },
    localGatewayIp: "10.10.2.1",
    peerGatewayIp: "10.10.2.2",
    peeringSubnetMask: "255.255.255.252",
  },
});

export const handovers = link.handovers;
export const redundancyGroup = link.redundancyGroup;
