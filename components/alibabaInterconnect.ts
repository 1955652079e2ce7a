import * as pulumi from "@pulumi/pulumi";
import { HostedConnection } from "../provider/alibaba/hostedConnection";
import type { PaymentArgs } from "../provider/alibaba/physicalConnection";
import { VirtualBorderRouter } from "../provider/alibaba/virtualBorderRouter";
import { VirtualBorderRouterInputs } from "../provider/alibaba/virtualBorderRouterMapping";
import { Connection, TimeoutsArgs } from "../provider/fabric/connection";
import { ALIBABA_BANDWIDTHS, ALIBABA_METROS, ALIBABA_PROFILE_UUID, ALIBABA_SELLER_REGIONS } from "../provider/fabric/constants";
import { RedundantLegArgs, validateLeg, validateRedundantPair } from "./redundantFabricConnection";

/** One handover to Alibaba: the Fabric A side, and the peering of the VBR that terminates it in Alibaba. */
export interface AlibabaHandoverArgs {
  /** The Fabric origin: a port with its tags (DOT1Q `vlanTag`; QINQ `vlanSTag` + `vlanCTag`), a service token, a cloud router or a Network Edge device. */
  aSide: RedundantLegArgs["aSide"];
  /** Equinix name of the handover's connection. Defaults to `<component name>-pri` / `-sec`. */
  name?: string;
  /** Alibaba's side of the BGP peering on the VBR, e.g. "10.10.1.1". */
  localGatewayIp: string;
  /** Your side, in the same subnet, e.g. "10.10.1.2". */
  peerGatewayIp: string;
  /** Peering subnet mask, /24 to /30, e.g. "255.255.255.252". */
  peeringSubnetMask: string;
  /** VBR name (2-128 characters, starting with a letter). Defaults to `<component name>-pri-vbr` / `-sec-vbr`. */
  vbrName?: string;
}

export interface AlibabaInterconnectArgs {
  /** Your Alibaba Cloud account ID: Equinix's authentication key for the Alibaba profile. Treated as a secret. */
  alibabaAccountId: pulumi.Input<string>;
  /** The Equinix metro of the handovers: HK, SG, TY, DC, SV, FR or LD. */
  metroCode: string;
  /** Alibaba region of that metro; defaults to the profile's (SV: us-west-1, FR: eu-central-1 ...). Set `alicloud:region` to it. */
  sellerRegion?: string;
  /** Bandwidth of each handover in Mbps: 50, 200, 500 or 1000. */
  bandwidth: number;
  /** Email addresses Equinix notifies (1 to 12). */
  notifications: pulumi.Input<pulumi.Input<string>[]>;
  /** The PRIMARY handover. */
  primary: AlibabaHandoverArgs;
  /** The SECONDARY handover, on a distinct port, joined to the primary's redundancy group. Omit for a single handover. */
  secondary?: AlibabaHandoverArgs;
  /** The explicit payment step of the acceptance (off unless given). */
  payment?: pulumi.Input<PaymentArgs>;
  /** Purchase order number on the Equinix invoice. */
  purchaseOrderNumber?: pulumi.Input<string>;
  /** Equinix term in months: 1, 12, 24 or 36. */
  termLength?: pulumi.Input<number>;
  /** Time limits for each resource's create, update and delete. */
  timeouts?: TimeoutsArgs;
}

/** Per handover, what the component built. */
export interface AlibabaHandoverOutputs {
  role: "primary" | "secondary";
  fabricUuid: string;
  fabricStatus: string;
  alibabaConnectionId: string;
  alibabaStatus: string;
  vlanId: number;
  vbrId: string;
  vbrStatus: string;
}

/** Checks everything before anything is created; messages name the field (and the conflicting one). */
export function validateAlibabaInterconnect(args: AlibabaInterconnectArgs): string[] {
  const errors: string[] = [];
  if (!(ALIBABA_METROS as readonly string[]).includes(args.metroCode)) {
    errors.push(`metroCode must be one of ${ALIBABA_METROS.join(", ")}, where Alibaba Cloud Express Connect is offered (got ${args.metroCode})`);
  }
  if (!(ALIBABA_BANDWIDTHS as readonly number[]).includes(args.bandwidth)) {
    errors.push(`bandwidth must be one of ${ALIBABA_BANDWIDTHS.join(", ")} Mbps, what Alibaba Cloud Express Connect sells (got ${args.bandwidth})`);
  }
  const legs: Array<[string, AlibabaHandoverArgs | undefined]> = [
    ["primary", args.primary],
    ["secondary", args.secondary],
  ];
  const profile = { uuid: ALIBABA_PROFILE_UUID, metroCode: args.metroCode };
  errors.push(
    ...(args.secondary
      ? validateRedundantPair({
          bandwidth: args.bandwidth,
          notifications: args.notifications,
          serviceProfile: profile,
          primary: { aSide: args.primary?.aSide },
          secondary: { aSide: args.secondary.aSide },
        })
      : validateLeg("primary", { aSide: args.primary?.aSide }, true)),
  );
  for (const [label, leg] of legs) {
    if (!leg) continue;
    // The VBR's own rules (addresses, same subnet, /24../30), before anything exists.
    const parsed = VirtualBorderRouterInputs.safeParse({
      physicalConnectionId: "pc-tobeassigned",
      vlanId: 0,
      localGatewayIp: leg.localGatewayIp,
      peerGatewayIp: leg.peerGatewayIp,
      peeringSubnetMask: leg.peeringSubnetMask,
      ...(leg.vbrName !== undefined ? { name: leg.vbrName } : {}),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === "name" ? "vbrName" : issue.path.join(".");
        errors.push(`${label}.${field} ${issue.message}`);
      }
    }
  }
  if (args.secondary && args.primary.localGatewayIp === args.secondary.localGatewayIp) {
    errors.push("secondary.localGatewayIp must differ from primary.localGatewayIp: each handover's VBR needs its own peering addresses");
  }
  return errors;
}

/**
 * Seed 001's flow end to end, redundant: for each handover a Fabric connection to the Alibaba Cloud
 * Express Connect profile (authentication key: your Alibaba account id), the `alibaba.HostedConnection`
 * that accepts the connection Equinix created in your account (found through the Fabric connection's
 * `providerConnectionId`), and an `alibaba.VirtualBorderRouter` on it with the VLAN Equinix assigned.
 *
 * Destroy follows the seed's order through the dependencies: the VBR first, then the Alibaba connection
 * (terminated and deleted, after which Equinix deprovisions its side), then the Fabric connection.
 */
export class AlibabaInterconnect extends pulumi.ComponentResource {
  readonly connections: Connection[] = [];
  readonly hostedConnections: HostedConnection[] = [];
  readonly vbrs: VirtualBorderRouter[] = [];
  /** Per handover: Fabric uuid and status, Alibaba connection id and status, VLAN, VBR id and status. */
  readonly handovers: pulumi.Output<AlibabaHandoverOutputs[]>;
  /** The Fabric redundancy group of the pair. */
  readonly redundancyGroup: pulumi.Output<string>;

  constructor(name: string, args: AlibabaInterconnectArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pulumi-interconnect:components:AlibabaInterconnect", name, {}, opts);
    const errors = validateAlibabaInterconnect(args);
    if (errors.length) {
      throw new pulumi.ResourceError(`AlibabaInterconnect ${name}: invalid arguments:\n  - ${errors.join("\n  - ")}`, this);
    }
    const sellerRegion = args.sellerRegion ?? ALIBABA_SELLER_REGIONS[args.metroCode as keyof typeof ALIBABA_SELLER_REGIONS];
    const accountId = pulumi.secret(args.alibabaAccountId);
    const legs: Array<["primary" | "secondary", AlibabaHandoverArgs]> = [["primary", args.primary]];
    if (args.secondary) legs.push(["secondary", args.secondary]);

    const outputs: pulumi.Output<AlibabaHandoverOutputs>[] = [];
    for (const [role, leg] of legs) {
      const short = role === "primary" ? "pri" : "sec";
      const primary = this.connections[0];
      const connection = new Connection(
        `${name}-${role}`,
        {
          name: leg.name ?? `${name}-${short}`,
          bandwidth: args.bandwidth,
          notifications: args.notifications,
          purchaseOrderNumber: args.purchaseOrderNumber,
          termLength: args.termLength,
          timeouts: args.timeouts,
          redundancy: role === "primary" ? { priority: "PRIMARY" } : { priority: "SECONDARY", group: primary.redundancyGroup },
          aSide: leg.aSide,
          zSide: {
            serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: args.metroCode, sellerRegion, authenticationKey: accountId },
          },
        },
        { parent: this },
      );
      const hosted = new HostedConnection(
        `${name}-${role}-accept`,
        { physicalConnectionId: connection.providerConnectionId, payment: args.payment, timeouts: args.timeouts },
        { parent: this },
      );
      const vbr = new VirtualBorderRouter(
        `${name}-${role}-vbr`,
        {
          physicalConnectionId: hosted.physicalConnectionId,
          vlanId: hosted.vlanId,
          localGatewayIp: leg.localGatewayIp,
          peerGatewayIp: leg.peerGatewayIp,
          peeringSubnetMask: leg.peeringSubnetMask,
          name: leg.vbrName ?? `${name}-${short}-vbr`,
          timeouts: args.timeouts,
        },
        { parent: this },
      );
      this.connections.push(connection);
      this.hostedConnections.push(hosted);
      this.vbrs.push(vbr);
      outputs.push(
        pulumi
          .all([connection.uuid, connection.equinixStatus, connection.providerStatus, hosted.physicalConnectionId, hosted.status, hosted.vlanId, vbr.vbrId, vbr.status])
          .apply(([fabricUuid, eq, pr, alibabaConnectionId, alibabaStatus, vlanId, vbrId, vbrStatus]) => ({
            role,
            fabricUuid,
            fabricStatus: `${eq}/${pr}`,
            alibabaConnectionId,
            alibabaStatus,
            vlanId,
            vbrId,
            vbrStatus,
          })),
      );
    }
    this.handovers = pulumi.all(outputs);
    this.redundancyGroup = this.connections[0].redundancyGroup;
    this.registerOutputs({ handovers: this.handovers, redundancyGroup: this.redundancyGroup });
  }
}
