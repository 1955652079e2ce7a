/**
 * The redundant self connection of Equinix's "Connect to Myself" guide, on Fabric v4: a PRIMARY from a DOT1Q port to a QINQ port, and
 * a SECONDARY on the secondary ports joined to the primary's redundancy group. The QINQ Z side needs a
 * C-tag because the A side is DOT1Q.
 *
 * The four ports are looked up in the metro by encapsulation and redundancy priority (lookups.fabric.getPortOutput),
 * so no uuid is pasted; with several such ports in the metro, name each one (config primaryPortName ...).
 */
import * as pulumi from "@pulumi/pulumi";
import * as ic from "pulumi-interconnect";

const config = new pulumi.Config();
const notifications = [config.require("notify")];
const bandwidth = config.getNumber("bandwidth") ?? 500;
const metroCode = config.get("metro") ?? "SV";

const port = (type: "DOT1Q" | "QINQ", priority: "PRIMARY" | "SECONDARY", nameKey: string) =>
  ic.lookups.fabric.getPortOutput({ metroCode, type, priority, name: config.get(nameKey) });
const primaryPort = port("DOT1Q", "PRIMARY", "primaryPortName");
const primaryZPort = port("QINQ", "PRIMARY", "primaryZPortName");
const secondaryPort = port("DOT1Q", "SECONDARY", "secondaryPortName");
const secondaryZPort = port("QINQ", "SECONDARY", "secondaryZPortName");

const primary = new ic.fabric.Connection("primary", {
  name: "self-r-pvt-d2q-pri",
  bandwidth,
  notifications,
  redundancy: { priority: "PRIMARY" },
  aSide: { port: { uuid: primaryPort.uuid, type: "DOT1Q", vlanTag: 874 } },
  zSide: { port: { uuid: primaryZPort.uuid, type: "QINQ", vlanSTag: 762, vlanCTag: 972 } },
});

const secondary = new ic.fabric.Connection("secondary", {
  name: "self-r-pvt-d2q-sec",
  bandwidth,
  notifications,
  redundancy: { priority: "SECONDARY", group: primary.redundancyGroup },
  aSide: { port: { uuid: secondaryPort.uuid, type: "DOT1Q", vlanTag: 738 } },
  zSide: { port: { uuid: secondaryZPort.uuid, type: "QINQ", vlanSTag: 421, vlanCTag: 864 } },
});

export const primaryUuid = primary.uuid;
export const primaryStatus = pulumi.interpolate`${primary.equinixStatus}/${primary.providerStatus}`;
export const secondaryUuid = secondary.uuid;
export const secondaryStatus = pulumi.interpolate`${secondary.equinixStatus}/${secondary.providerStatus}`;
export const redundancyGroup = primary.redundancyGroup;
export const ports = pulumi.all([primaryPort.name, primaryZPort.name, secondaryPort.name, secondaryZPort.name]);
