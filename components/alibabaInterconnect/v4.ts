import { Connection } from "../../provider/fabric/connection";
import { validateLeg, validateRedundantPair } from "../redundantFabricConnection";
import { credentialsOf } from "../common";
import { AlibabaInterconnectArgs, FabricBuild, FabricSide, handoversOf } from "./args";

/** The Fabric v4 rules of the handovers (those of RedundantFabricConnection): one A side each, its tags, distinct ports. */
export function validateV4(args: AlibabaInterconnectArgs, profileUuid: string): string[] {
  // A handover without aSide starts at the router the component creates (`cloudRouter`, checked there).
  const aSideOf = (leg: AlibabaInterconnectArgs["primary"] | undefined) => (leg?.aSide ?? (args.cloudRouter ? { cloudRouter: { uuid: "the component's cloud router" } } : undefined))!;
  if (!args.secondary) return validateLeg("primary", { aSide: aSideOf(args.primary) }, true);
  return validateRedundantPair({
    bandwidth: args.bandwidth,
    notifications: args.notifications,
    serviceProfile: { uuid: profileUuid, metroCode: args.metroCode },
    primary: { aSide: aSideOf(args.primary) },
    secondary: { aSide: aSideOf(args.secondary) },
  });
}

/** One `fabric.Connection` per handover to the profile; the secondary joins the primary's redundancy group. */
export function buildV4(b: FabricBuild): FabricSide & { connections: Connection[] } {
  const { args, name } = b;
  const connections: Connection[] = [];
  const legs = handoversOf(args).map(({ role, short, leg }) => {
    const connection = new Connection(
      `${name}-${role}`,
      {
        name: leg.name ?? `${name}-${short}`,
        bandwidth: args.bandwidth,
        notifications: args.notifications,
        purchaseOrderNumber: args.purchaseOrderNumber,
        termLength: args.termLength,
        timeouts: args.timeouts,
        ...credentialsOf(args.credentials?.equinix),
        redundancy: role === "primary" ? { priority: "PRIMARY" } : { priority: "SECONDARY", group: connections[0].redundancyGroup },
        aSide: leg.aSide ?? { cloudRouter: { uuid: b.cloudRouterUuid! } },
        zSide: { serviceProfile: { uuid: b.profile.uuid, metroCode: args.metroCode, sellerRegion: b.sellerRegion, authenticationKey: b.accountId } },
      },
      { parent: b.parent, ...(b.gate ? { dependsOn: b.gate } : {}) },
    );
    connections.push(connection);
    const { uuid, equinixStatus, providerStatus, providerConnectionId } = connection;
    return { role, short, leg, uuid, equinixStatus, providerStatus, providerConnectionId };
  });
  return { connections, legs, redundancyGroup: connections[0].redundancyGroup };
}
