/**
 * From nothing to BGP Established on both paths in one `pulumi up`: a Fabric Cloud Router in the metro, and
 * for each handover (primary, secondary) a Fabric connection from the router to Alibaba Cloud Express
 * Connect, the hosted connection it creates in your Alibaba account accepted, a VBR on it, and BGP on both
 * ends: the router's DIRECT (its interface, the second host of the handover's /30) then BGP (to the VBR's
 * address, the first host, with Alibaba's ASN 45104 and the handover's MD5 key), and on the VBR a BGP group
 * (peering with the router's ASN, the same key) and a peer, whose create waits until the session is
 * Established. Destroy goes the other way: BGP peers and groups, the router's BGP then DIRECT, VBRs,
 * hosted connections, Fabric connections, the router.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ic from "pulumi-interconnect";

const config = new pulumi.Config();

const link = new ic.components.AlibabaInterconnect("alibaba-bgp", {
  alibabaAccountId: config.requireSecret("alibabaAccountId"),
  metroCode: config.get("metro") ?? "SV",
  bandwidth: config.getNumber("bandwidth") ?? 200,
  notifications: [config.require("notify")],
  cloudRouter: {
    packageCode: (config.get("routerPackage") ?? "STANDARD") as ic.components.AlibabaCloudRouterArgs["packageCode"],
    projectId: config.require("projectId"),
  },
  primary: { peeringSubnet: "169.254.10.0/30" },
  secondary: { peeringSubnet: "169.254.10.4/30" },
  bgp: {
    primary: { authKey: config.requireSecret("primaryBgpKey") },
    secondary: { authKey: config.requireSecret("secondaryBgpKey") },
    sessionTimeout: config.get("sessionTimeout") ?? "10m",
  },
});

export const routerUuid = link.cloudRouter!.uuid;
export const routerAsn = link.cloudRouter!.equinixAsn;
export const handovers = link.handovers;
/** Per handover: addresses, ASNs, the Alibaba BGP group and peer, and the session's state (Established after up). */
export const sessions = link.bgp;
