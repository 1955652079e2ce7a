"use strict";
/**
 * What `npm run demo [scenario]` rehearses: the example, its sandbox credentials, the change made
 * outside Pulumi, and the columns of the summary table.
 */

const equinixEnv = (sandbox) => ({
  EQUINIX_API_ENDPOINT: sandbox.equinix.endpoint,
  EQUINIX_API_CLIENTID: sandbox.equinix.clientId,
  EQUINIX_API_CLIENTSECRET: sandbox.equinix.clientSecret,
});

const fabricColumns = {
  columnNames: ["status", "bandwidth", "group"],
  columns: (o) => ({ status: `${o.equinixStatus}/${o.providerStatus}`, bandwidth: o.bandwidth, group: String(o.redundancyGroup || "").slice(0, 8) }),
};

module.exports = {
  defaultScenario: "fabric-self-redundant",

  "fabric-self-redundant": {
    example: "fabric-self-redundant",
    description: "A redundant pair of Fabric port-to-port connections (DOT1Q to QINQ, seed 002) on the Fabric v4 API.",
    env: equinixEnv,
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
      "pulumi config set primaryPort <uuid> (and secondaryPort, primaryZPort, secondaryZPort, notify)",
      "pulumi up",
    ],
  },
};
