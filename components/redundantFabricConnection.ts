import * as pulumi from "@pulumi/pulumi";
import { Connection, TimeoutsArgs } from "../provider/fabric/connection";
import { tagIssues } from "../provider/fabric/connectionMapping";
import { PortType } from "../provider/fabric/constants";
import { CheckedComponent, credentialSetIssues, credentialsOf, samePortIssues } from "./common";

/** A port end as the component branches on it: plain values, checked before anything is created. */
export interface LegPortArgs {
  /** The Fabric port's UUID. */
  uuid: string;
  /** DOT1Q or QINQ. Needed here so the VLANs can be checked before anything is created. */
  type: PortType;
  /** VLAN tag on a DOT1Q port, 2..4092. */
  vlanTag?: number;
  /** Outer tag on a QINQ port, 2..4092. */
  vlanSTag?: number;
  /** Inner tag on a QINQ port, 2..4092: required when the other end is single-tagged. */
  vlanCTag?: number;
}

/** One handover (leg): where it starts, and, for a port-to-port pair, where it ends. */
export interface RedundantLegArgs {
  /** The leg's A side: a port, or a service token, cloud router or Network Edge device (by UUID). */
  aSide: {
    port?: LegPortArgs;
    serviceToken?: { uuid: string };
    cloudRouter?: { uuid: string };
    virtualDevice?: { uuid: string; interfaceId?: number };
  };
  /** The Z-side port, for a pair to your own ports; omit when the pair goes to `serviceProfile`. */
  zSidePort?: LegPortArgs;
  /** The Equinix name of this leg. Defaults to `<component name>-pri` / `-sec`. */
  name?: string;
}

/** The service profile both legs go to (a redundant pair must use the same profile). */
export interface PairServiceProfileArgs {
  /** Profile UUID, e.g. `fabric.ALIBABA_PROFILE_UUID`. */
  uuid: string;
  /** Equinix metro of the Z side (Alibaba: HK, SG, TY, DC, SV, FR, LD). */
  metroCode: string;
  /** The provider's region for that metro. */
  sellerRegion?: string;
  /** The provider's key (Alibaba: your account ID). Secret. */
  authenticationKey?: pulumi.Input<string>;
}

export interface RedundantFabricConnectionArgs {
  /** Bandwidth of each leg in Mbps (Fabric: 50..100000 in Fabric's steps; Alibaba: 50, 200, 500, 1000). */
  bandwidth: pulumi.Input<number>;
  /** Email addresses notified of changes (1 to 12). */
  notifications: pulumi.Input<pulumi.Input<string>[]>;
  /** Where both legs end when they go to a service provider. Set this or every leg's `zSidePort`. */
  serviceProfile?: PairServiceProfileArgs;
  /** The PRIMARY leg. */
  primary: RedundantLegArgs;
  /** The SECONDARY leg, joined to the primary's redundancy group; must use ports distinct from the primary's. */
  secondary: RedundantLegArgs;
  /** Purchase order number for both legs. */
  purchaseOrderNumber?: pulumi.Input<string>;
  /** Term in months for both legs: 1, 12, 24 or 36. */
  termLength?: pulumi.Input<number>;
  /** Time limits for each leg's create, update and delete. */
  timeouts?: pulumi.Input<TimeoutsArgs>;
  /**
   * The Equinix credential set of both legs (their `credentials`): omitted, the stack's `equinix:` keys; a
   * name such as "eu", the `equinix-eu:` keys (or EQUINIX_API_CLIENTID_EU ...).
   */
  credentials?: string;
}

/** Checks one leg: exactly one A side, where it ends, and its VLANs for its port types. */
export function validateLeg(label: string, leg: RedundantLegArgs | undefined, toProfile: boolean): string[] {
  if (!leg?.aSide) return [`${label}.aSide is required`];
  const errors: string[] = [];
  const kinds = (["port", "serviceToken", "cloudRouter", "virtualDevice"] as const).filter((k) => leg.aSide[k] !== undefined);
  if (kinds.length !== 1) errors.push(`${label}.aSide must set exactly one of port, serviceToken, cloudRouter or virtualDevice`);
  if (toProfile && leg.zSidePort) {
    errors.push(`${label}.zSidePort conflicts with serviceProfile: a leg ends at the service profile or at one of your ports, not both`);
  }
  if (!toProfile && !leg.zSidePort) {
    errors.push(`${label}.zSidePort is required when serviceProfile is not set: say where the leg ends`);
  }
  for (const issue of tagIssues(leg.aSide.port, leg.zSidePort, toProfile)) {
    const path = issue.path.join(".").replace(/^zSide\.port/, "zSidePort");
    errors.push(`${label}.${path} ${issue.message}`);
  }
  return errors;
}

/** Checks the pair before anything is created; returns messages naming both conflicting fields. */
export function validateRedundantPair(args: RedundantFabricConnectionArgs): string[] {
  const toProfile = !!args.serviceProfile;
  const errors = [...validateLeg("primary", args.primary, toProfile), ...validateLeg("secondary", args.secondary, toProfile), ...credentialSetIssues({ credentials: args.credentials })];
  errors.push(...samePortIssues("aSide.port", args.primary?.aSide?.port?.uuid, args.secondary?.aSide?.port?.uuid));
  errors.push(...samePortIssues("zSidePort", args.primary?.zSidePort?.uuid, args.secondary?.zSidePort?.uuid));
  const pt = args.primary?.aSide?.serviceToken?.uuid;
  if (pt && pt === args.secondary?.aSide?.serviceToken?.uuid) {
    errors.push("secondary.aSide.serviceToken.uuid must differ from primary.aSide.serviceToken.uuid: a service token is redeemed once");
  }
  if (!!args.primary?.zSidePort !== !!args.secondary?.zSidePort) {
    errors.push("primary.zSidePort and secondary.zSidePort must both be set (a pair to your own ports) or both omitted (a pair to serviceProfile)");
  }
  return errors;
}

/**
 * A redundant pair of Fabric connections: a PRIMARY and a SECONDARY to the same service profile or to
 * your own ports, the secondary joined to the primary's redundancy group, on distinct ports. Everything
 * is validated before either leg is created.
 */
export class RedundantFabricConnection extends CheckedComponent {
  readonly primary: Connection;
  readonly secondary: Connection;
  /** Per leg: uuid, Equinix and provider status, provider connection id (e.g. Alibaba's pc-...). */
  readonly primaryUuid: pulumi.Output<string>;
  readonly secondaryUuid: pulumi.Output<string>;
  readonly primaryStatus: pulumi.Output<string>;
  readonly secondaryStatus: pulumi.Output<string>;
  readonly primaryProviderConnectionId: pulumi.Output<string>;
  readonly secondaryProviderConnectionId: pulumi.Output<string>;
  readonly redundancyGroup: pulumi.Output<string>;

  constructor(name: string, args: RedundantFabricConnectionArgs, opts?: pulumi.ComponentResourceOptions) {
    super("RedundantFabricConnection", name, validateRedundantPair(args), opts);
    const common = {
      bandwidth: args.bandwidth,
      notifications: args.notifications,
      purchaseOrderNumber: args.purchaseOrderNumber,
      termLength: args.termLength,
      timeouts: args.timeouts,
      ...credentialsOf(args.credentials),
    };
    const zSide = (leg: RedundantLegArgs) => (args.serviceProfile ? { serviceProfile: args.serviceProfile } : { port: leg.zSidePort });
    this.primary = new Connection(
      `${name}-primary`,
      {
        ...common,
        name: args.primary.name ?? `${name}-pri`,
        redundancy: { priority: "PRIMARY" },
        aSide: args.primary.aSide,
        zSide: zSide(args.primary),
      },
      { parent: this },
    );
    this.secondary = new Connection(
      `${name}-secondary`,
      {
        ...common,
        name: args.secondary.name ?? `${name}-sec`,
        redundancy: { priority: "SECONDARY", group: this.primary.redundancyGroup },
        aSide: args.secondary.aSide,
        zSide: zSide(args.secondary),
      },
      { parent: this },
    );
    this.primaryUuid = this.primary.uuid;
    this.secondaryUuid = this.secondary.uuid;
    this.primaryStatus = pulumi.interpolate`${this.primary.equinixStatus}/${this.primary.providerStatus}`;
    this.secondaryStatus = pulumi.interpolate`${this.secondary.equinixStatus}/${this.secondary.providerStatus}`;
    this.primaryProviderConnectionId = this.primary.providerConnectionId;
    this.secondaryProviderConnectionId = this.secondary.providerConnectionId;
    this.redundancyGroup = this.primary.redundancyGroup;
    this.registerOutputs({
      primaryUuid: this.primaryUuid,
      secondaryUuid: this.secondaryUuid,
      primaryStatus: this.primaryStatus,
      secondaryStatus: this.secondaryStatus,
      redundancyGroup: this.redundancyGroup,
    });
  }
}
