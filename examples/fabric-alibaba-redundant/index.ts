/**
 * The redundant Equinix Fabric -> Alibaba Cloud topology of Equinix's "Alibaba Cloud Express Connect" guide: for each handover (primary and
 * secondary port) a Fabric connection to the Alibaba Cloud Express Connect profile, the hosted
 * connection it creates in your Alibaba account accepted ("Accept and Pay"), and a VBR on the VLAN
 * Equinix assigned, with its own /30 peering.
 *
 * The ports are looked up in the metro (lookups.fabric.getPort: its DOT1Q primary and secondary port; name
 * them with primaryPortName / secondaryPortName when the metro has several, or pin them with the uuids
 * primaryPort / secondaryPort). The component checks its ports before creating anything, so it takes them
 * as plain values: the program is an async function that awaits the look-ups.
 */
import * as pulumi from "@pulumi/pulumi";
import * as ic from "pulumi-interconnect";

const config = new pulumi.Config();
const metroCode = config.get("metro") ?? "SV";

/** The uuid of the DOT1Q port of that priority: pinned in config, or looked up in the metro. */
async function port(priority: "PRIMARY" | "SECONDARY", key: string): Promise<string> {
  return config.get(key) ?? (await ic.lookups.fabric.getPort({ metroCode, type: "DOT1Q", priority, name: config.get(`${key}Name`) })).uuid;
}

export = async () => {
  const [primaryPort, secondaryPort] = await Promise.all([port("PRIMARY", "primaryPort"), port("SECONDARY", "secondaryPort")]);

  const link = new ic.components.AlibabaInterconnect("alibaba", {
    alibabaAccountId: config.requireSecret("alibabaAccountId"),
    metroCode,
    bandwidth: config.getNumber("bandwidth") ?? 200,
    notifications: [config.require("notify")],
    primary: {
      aSide: { port: { uuid: primaryPort, type: "DOT1Q", vlanTag: 774 } },
      localGatewayIp: "10.10.1.1",
      peerGatewayIp: "10.10.1.2",
      peeringSubnetMask: "255.255.255.252",
    },
    secondary: {
      aSide: { port: { uuid: secondaryPort, type: "DOT1Q", vlanTag: 775 } },
      localGatewayIp: "10.10.2.1",
      peerGatewayIp: "10.10.2.2",
      peeringSubnetMask: "255.255.255.252",
    },
  });

  return { handovers: link.handovers, redundancyGroup: link.redundancyGroup };
};
