/**
 * The redundant self connection of Equinix's "Connect to Myself" guide, on Fabric v4: a PRIMARY from a DOT1Q port to a QINQ port, and
 * a SECONDARY on the secondary ports joined to the primary's redundancy group. The QINQ Z side needs a
 * C-tag because the A side is DOT1Q.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ic from "pulumi-interconnect";

const config = new pulumi.Config();
const notifications = [config.require("notify")];
const bandwidth = config.getNumber("bandwidth") ?? 500;

const primary = new ic.fabric.Connection("primary", {
  name: "self-r-pvt-d2q-pri",
  bandwidth,
  notifications,
  redundancy: { priority: "PRIMARY" },
  aSide: { port: { uuid: config.require("primaryPort"), type: "DOT1Q", vlanTag: 874 } },
  zSide: { port: { uuid: config.require("primaryZPort"), type: "QINQ", vlanSTag: 762, vlanCTag: 972 } },
});

const secondary = new ic.fabric.Connection("secondary", {
  name: "self-r-pvt-d2q-sec",
  bandwidth,
  notifications,
  redundancy: { priority: "SECONDARY", group: primary.redundancyGroup },
  aSide: { port: { uuid: config.require("secondaryPort"), type: "DOT1Q", vlanTag: 738 } },
  zSide: { port: { uuid: config.require("secondaryZPort"), type: "QINQ", vlanSTag: 421, vlanCTag: 864 } },
});

export const primaryUuid = primary.uuid;
export const primaryStatus = pulumi.interpolate`${primary.equinixStatus}/${primary.providerStatus}`;
export const secondaryUuid = secondary.uuid;
export const secondaryStatus = pulumi.interpolate`${secondary.equinixStatus}/${secondary.providerStatus}`;
export const redundancyGroup = primary.redundancyGroup;
