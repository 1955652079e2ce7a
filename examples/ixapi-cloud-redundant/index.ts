/**
 * The "Using IX-API for Cloud Service" flow as a component: a cloud_vc service to Alibaba Cloud Express Connect at an exchange's
 * Frankfurt metro, diversity 2: one config per handover on cloud access ports at different pops (A and
 * B networks), each carrying the role assignments the service's nsc_required_contact_roles demand.
 *
 * The product offering is looked up by provider and region (lookups.ixapi.getProductOfferingOutput)
 * instead of pasting the exchange's id; the connections are your own cloud access ports, named by the ids
 * on their LOA.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ic from "pulumi-interconnect";

const config = new pulumi.Config();

const offering = ic.lookups.ixapi.getProductOfferingOutput({
  serviceProvider: config.get("provider") ?? "Alibaba",
  serviceProviderRegion: config.require("region"),
  handoverMetroAreaNetwork: config.get("metroAreaNetwork"),
});

const cloud = new ic.components.IxApiCloudService("alibaba-fra", {
  productOffering: offering.id,
  managingAccount: config.require("account"),
  cloudKey: config.requireSecret("cloudKey"),
  capacity: config.requireNumber("capacity"),
  purchaseOrder: "PO-2026-0815",
  handovers: [
    { connection: config.require("connectionA"), pop: config.get("popA"), vlanConfig: { vlanType: "dot1q", vlan: 300 } },
    { connection: config.require("connectionB"), pop: config.get("popB"), vlanConfig: { vlanType: "dot1q", vlan: 301 } },
  ],
  contacts: [{ name: "NOC", email: "noc@example.com", telephone: "+4969123456789", roles: ["noc", "implementation"] }],
});

export const serviceId = cloud.serviceId;
export const handovers = cloud.handovers;
export const ready = cloud.ready;
export const productOffering = offering.id;
