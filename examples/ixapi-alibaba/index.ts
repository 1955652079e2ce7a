/**
 * IX-API to Alibaba Cloud, whole: a cloud_vc service to the exchange's Alibaba Cloud Express Connect
 * offering in Frankfurt, diversity 2 (one config per handover, on cloud access ports at different pops),
 * then, in your Alibaba account, each hosted connection the exchange makes appear there accepted
 * (`alibaba.HostedConnection`, found by the handover's VLAN in the offering's region) with a VBR on it
 * (`alibaba.VirtualBorderRouter`), waiting until the connections are Enabled and the VBRs active.
 *
 * Destroy runs in the order the vendors require: the VBRs, then the hosted connections (terminated and
 * deleted), then the configs and the service at the exchange.
 *
 * The Alibaba side lives in the offering's region (`region`, eu-central-1 in Frankfurt) whatever
 * `alicloud:region` says, and in the account of the credential set `alibabaCredentials` (omitted: the
 * stack's `alicloud:` keys), whose account id is the service's `cloudKey`.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ic from "pulumi-interconnect";

const config = new pulumi.Config();
const region = config.require("region");

const offering = ic.lookups.ixapi.getProductOfferingOutput({ serviceProvider: "Alibaba", serviceProviderRegion: region });

const cloud = new ic.components.IxApiCloudService("alibaba-fra", {
  productOffering: offering.id,
  managingAccount: config.require("account"),
  cloudKey: config.requireSecret("cloudKey"), // the Alibaba account id
  capacity: config.requireNumber("capacity"),
  handovers: [
    { connection: config.require("connectionA"), pop: config.get("popA"), vlanConfig: { vlanType: "dot1q", vlan: 300 } },
    { connection: config.require("connectionB"), pop: config.get("popB"), vlanConfig: { vlanType: "dot1q", vlan: 301 } },
  ],
  contacts: [{ name: "NOC", email: "noc@example.com", telephone: "+4969123456789", roles: ["noc", "implementation"] }],
  alibaba: {
    region,
    credentials: config.get("alibabaCredentials"),
    handovers: [
      { localGatewayIp: "10.30.0.1", peerGatewayIp: "10.30.0.2", peeringSubnetMask: "255.255.255.252" },
      { localGatewayIp: "10.30.0.5", peerGatewayIp: "10.30.0.6", peeringSubnetMask: "255.255.255.252" },
    ],
  },
});

export const serviceId = cloud.serviceId;
export const handovers = cloud.handovers;
export const ready = cloud.ready;
/** Per handover: the accepted hosted connection (Enabled), its VLAN and the VBR on it (active). */
export const alibabaHandovers = cloud.alibabaHandovers;
