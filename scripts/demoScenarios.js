"use strict";
/**
 * What `npm run demo [scenario]` rehearses: the example, its sandbox credentials, the change made
 * outside Pulumi, and the columns of the summary table.
 */

const { sandboxEnv } = require("../dist/sandbox");

const fabricColumns = {
  columnNames: ["status", "bandwidth", "group"],
  columns: (o) => ({ status: `${o.equinixStatus}/${o.providerStatus}`, bandwidth: o.bandwidth, group: String(o.redundancyGroup || "").slice(0, 8) }),
};

module.exports = {
  defaultScenario: "fabric-alibaba-redundant",

  "fabric-alibaba-redundant": {
    example: "fabric-alibaba-redundant",
    description: [
      "Equinix's \"Connect to Alibaba Cloud\" flow end to end, redundant: for a primary and a secondary port in SV, a Fabric connection to Alibaba Cloud",
      "Express Connect, the hosted connection it makes appear in your Alibaba account accepted (\"Accept and Pay\"),",
      "and a VBR on the VLAN Equinix assigned (components.AlibabaInterconnect).",
    ].join("\n"),
    env: sandboxEnv,
    config: (sandbox) => ({ alibabaAccountId: sandbox.alibaba.accountId }),
    secretConfig: ["alibabaAccountId"],
    columnNames: ["status", "detail"],
    columns: (o) =>
      o.equinixStatus !== undefined
        ? { status: `${o.equinixStatus}/${o.providerStatus}`, detail: `pc ${o.providerConnectionId}, ${o.bandwidth} Mbps` }
        : o.vbrId !== undefined
          ? { status: o.status, detail: `VLAN ${o.vlanId}, ${o.localGatewayIp} <-> ${o.peerGatewayIp}` }
          : { status: o.status, detail: `VLAN ${o.vlanId}, ${o.spec ?? ""}` },
    outOfBand: {
      description: "in the Alibaba console, someone deletes both VBRs, then terminates and deletes the primary's connection (Equinix deprovisions that Fabric leg by itself)",
      apply: (sandbox, state) => {
        const find = (name) => state.resources.find((r) => r.name === name);
        sandbox.admin.alibaba.deleteVbr(find("alibaba-secondary-vbr").id);
        sandbox.admin.alibaba.deleteVbr(find("alibaba-primary-vbr").id);
        sandbox.admin.alibaba.terminateConnection(find("alibaba-primary-accept").id);
        sandbox.admin.alibaba.deleteConnection(find("alibaba-primary-accept").id);
      },
    },
    realAccounts: [
      "npm install && pulumi stack init prod",
      "pulumi config set equinix:clientId <id> && pulumi config set --secret equinix:clientSecret <secret>",
      "pulumi config set alicloud:accessKey <key> && pulumi config set --secret alicloud:secretKey <secret> && pulumi config set alicloud:region us-west-1",
      "pulumi config set --secret alibabaAccountId <your Alibaba account id>",
      "pulumi config set metro SV && pulumi config set notify <email> (the ports are looked up in the metro; with several there, set primaryPortName and secondaryPortName)",
      "pulumi up",
      "(or from the repository root, whose Pulumi.yaml runs this example)",
    ],
  },

  "fabric-cloudrouter-alibaba-bgp": {
    example: "fabric-cloudrouter-alibaba-bgp",
    description: [
      "From nothing to BGP Established on both paths in one up: a Fabric Cloud Router in SV, a redundant pair of connections from it to",
      "Alibaba Cloud Express Connect accepted in your Alibaba account with a VBR each, and BGP on both ends of each (the router's DIRECT and",
      "BGP routing protocols, the VBR's BGP group and peer), the peers waiting until the sessions are Established (components.AlibabaInterconnect bgp).",
    ].join("\n"),
    env: sandboxEnv,
    config: (sandbox) => ({ alibabaAccountId: sandbox.alibaba.accountId, primaryBgpKey: "demo-primary-Md5", secondaryBgpKey: "demo-secondary-Md5" }),
    secretConfig: ["alibabaAccountId", "primaryBgpKey", "secondaryBgpKey"],
    columnNames: ["status", "detail"],
    columns: (o) =>
      o.bgpPeerId !== undefined
        ? { status: o.status, detail: `session ${o.bgpStatus} to ${o.peerIpAddress}, ASN ${o.localAsn} <-> ${o.peerAsn}` }
        : o.bgpGroupId !== undefined
          ? { status: o.status, detail: `peer ASN ${o.peerAsn}, local ASN ${o.effectiveLocalAsn}, MD5 key [secret]` }
          : o.type === "BGP" || o.type === "DIRECT"
            ? { status: o.state, detail: o.type === "BGP" ? `BGP to ${o.bgpIpv4?.customerPeerIp}, ASN ${o.customerAsn}, session ${o.bgpIpv4Status}` : `DIRECT ${o.directIpv4?.equinixIfaceIp}` }
            : o.equinixAsn !== undefined && o.packageCode !== undefined
              ? { status: o.state, detail: `${o.packageCode} router, ASN ${o.equinixAsn}` }
              : o.equinixStatus !== undefined
                ? { status: `${o.equinixStatus}/${o.providerStatus}`, detail: `pc ${o.providerConnectionId}, ${o.bandwidth} Mbps` }
                : o.vbrId !== undefined
                  ? { status: o.status, detail: `VLAN ${o.vlanId}, ${o.localGatewayIp} <-> ${o.peerGatewayIp}` }
                  : { status: o.status, detail: `VLAN ${o.vlanId}, ${o.spec ?? ""}` },
    outOfBand: {
      description: "in the Alibaba console, someone changes the MD5 key of the primary's BGP group: the session breaks (Connect: the keys differ)",
      apply: (sandbox, state) => {
        const group = state.resources.find((r) => r.name === "alibaba-bgp-primary-bgp-group");
        sandbox.admin.alibaba.updateBgpGroup(group.id, { authKey: "changed-in-the-console" });
      },
    },
    realAccounts: [
      "npm install && pulumi stack init prod",
      "pulumi config set equinix:clientId <id> && pulumi config set --secret equinix:clientSecret <secret>",
      "pulumi config set alicloud:accessKey <key> && pulumi config set --secret alicloud:secretKey <secret> && pulumi config set alicloud:region us-west-1",
      "pulumi config set --secret alibabaAccountId <your Alibaba account id>",
      "pulumi config set projectId <your Fabric project> && pulumi config set routerPackage STANDARD && pulumi config set metro SV && pulumi config set notify <email>",
      "pulumi config set --secret primaryBgpKey <key> && pulumi config set --secret secondaryBgpKey <another key>",
      "pulumi up",
    ],
  },

  "fabric-self-redundant": {
    example: "fabric-self-redundant",
    description: "A redundant pair of Fabric port-to-port connections (DOT1Q to QINQ) on the Fabric v4 API.",
    env: sandboxEnv,
    ...fabricColumns,
    outOfBand: {
      description: "someone lowers the primary's bandwidth to 200 Mbps in the Equinix portal",
      apply: (sandbox, state) => {
        const primary = state.resources.find((r) => r.name === "primary");
        sandbox.admin.equinix.updateConnection(primary.id, { bandwidth: 200 });
      },
    },
    realAccounts: [
      "npm install && pulumi stack init prod",
      "pulumi config set equinix:clientId <id> && pulumi config set --secret equinix:clientSecret <secret>",
      "pulumi config set metro SV && pulumi config set notify <email> (the ports are looked up in the metro; with several there, set primaryPortName, primaryZPortName, secondaryPortName, secondaryZPortName)",
      "pulumi up",
    ],
  },

  "ixapi-cloud-redundant": {
    example: "ixapi-cloud-redundant",
    description: "A cloud service to Alibaba Cloud at an exchange through IX-API, diversity 2 (components.IxApiCloudService).",
    env: sandboxEnv,
    columnNames: ["state", "detail"],
    columns: (o) => ({
      state: o.state ?? "",
      detail: o.vlanConfig ? `handover ${o.handover} on ${o.connection}, VLAN ${o.vlanConfig.vlan}` : o.diversity ? `diversity ${o.diversity}, ${o.capacity} Mbps` : o.role ?? o.email ?? "",
    }),
    outOfBand: {
      description: "at the exchange's portal, someone moves handover 1 to VLAN 777",
      apply: (sandbox, state) => {
        const config = state.resources.find((r) => r.name === "alibaba-fra-handover-1");
        sandbox.admin.ixapi.updateConfig(config.id, { vlan_config: { vlan_type: "dot1q", vlan: 777 } });
      },
    },
    realAccounts: [
      "npm install && pulumi stack init prod",
      "pulumi config set ixapi:apiUrl https://<exchange>/ixapi/v2 && pulumi config set ixapi:tokenUrl https://<login>/connect/token",
      "pulumi config set ixapi:clientId <id> && pulumi config set --secret ixapi:clientSecret <secret>",
      "pulumi config set region <the provider's region, e.g. eu-central-1> && pulumi config set account <account id> (the offering is looked up by provider and region)",
      "pulumi config set --secret cloudKey <Alibaba account id> (and connectionA/B, popA/B, capacity)",
      "pulumi up",
    ],
  },

  "ixapi-alibaba": {
    example: "ixapi-alibaba",
    description: [
      "IX-API to Alibaba Cloud, whole: a cloud service to the Alibaba offering in Frankfurt, diversity 2, then in your Alibaba",
      "account each hosted connection the exchange makes appear accepted, with a VBR on it, in eu-central-1",
      "(components.IxApiCloudService with its alibaba section).",
    ].join("\n"),
    env: sandboxEnv,
    config: (sandbox) => ({ cloudKey: sandbox.alibaba.accountId }),
    secretConfig: ["cloudKey"],
    columnNames: ["state", "detail"],
    columns: (o) => ({
      state: o.state ?? o.status ?? "",
      detail: o.vbrId
        ? `VBR on ${o.physicalConnectionId}, VLAN ${o.vlanId}, ${o.localGatewayIp} <-> ${o.peerGatewayIp}`
        : o.vpconnStatus
          ? `hosted connection, VLAN ${o.vlanId}, ${o.region}`
          : o.vlanConfig
            ? `handover ${o.handover} on ${o.connection}, VLAN ${o.vlanConfig.vlan}`
            : o.diversity
              ? `diversity ${o.diversity}, ${o.capacity} Mbps`
              : o.role ?? o.email ?? "",
    }),
    outOfBand: {
      description: "in the Alibaba console, someone deletes the VBR of handover 2",
      apply: (sandbox, state) => {
        const vbr = state.resources.find((r) => r.name === "alibaba-fra-handover-2-vbr");
        sandbox.admin.alibaba.deleteVbr(vbr.id);
      },
    },
    realAccounts: [
      "npm install && pulumi stack init prod",
      "pulumi config set ixapi:apiUrl https://<exchange>/ixapi/v2 && pulumi config set ixapi:tokenUrl https://<login>/connect/token",
      "pulumi config set ixapi:clientId <id> && pulumi config set --secret ixapi:clientSecret <secret>",
      "pulumi config set alicloud:accessKey <key> && pulumi config set --secret alicloud:secretKey <secret> (the account whose id is cloudKey)",
      "pulumi config set region eu-central-1 && pulumi config set account <account id> (the offering is looked up by provider and region)",
      "pulumi config set --secret cloudKey <Alibaba account id> (and connectionA/B, popA/B, capacity)",
      "pulumi up",
    ],
  },
};
