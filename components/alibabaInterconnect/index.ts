import * as pulumi from "@pulumi/pulumi";
import { HostedConnection } from "../../provider/alibaba/hostedConnection";
import { alibabaSettings, REGION_ID } from "../../provider/alibaba/settings";
import { settingInSet } from "../../provider/core/config";
import { VirtualBorderRouter } from "../../provider/alibaba/virtualBorderRouter";
import { VirtualBorderRouterInputs } from "../../provider/alibaba/virtualBorderRouterMapping";
import { Connection } from "../../provider/fabric/connection";
import { L2Connection } from "../../provider/fabric/l2Connection";
import { ALIBABA_PROFILE, metrosOf, profileIssues } from "../../provider/fabric/serviceProfiles";
import { CheckedComponent, credentialSetIssues, credentialsOf } from "../common";
import { AlibabaHandoverOutputs, AlibabaInterconnectArgs, FabricLeg, handoversOf } from "./args";
import { buildV3, validateV3 } from "./v3";
import { buildV4, validateV4 } from "./v4";

export type { AlibabaHandoverArgs, AlibabaHandoverOutputs, AlibabaInterconnectArgs } from "./args";

/** The Fabric service profile every handover goes to. */
const PROFILE = ALIBABA_PROFILE;

/**
 * The Alibaba region the Alibaba resources will search, as the program sees it: the stack config
 * (`alicloud:region`, or first `alicloud-<set>:region` for a named credential set), then the environment
 * (ALICLOUD_REGION, ALIBABA_CLOUD_REGION, suffixed for a set), as the provider reads it; undefined when
 * unset (the provider then reports the missing setting itself).
 */
export function configuredAlibabaRegion(credentials?: string): string | undefined {
  const spec = settingInSet(alibabaSettings.region, credentials);
  for (const key of spec.config) {
    const [namespace, name] = key.split(":");
    const value = new pulumi.Config(namespace).get(name);
    if (value) return value;
  }
  for (const name of spec.env) if (process.env[name]) return process.env[name];
  return undefined;
}

/** The seller region of the handovers: the one given, else the profile's for the metro. */
function sellerRegionOf(args: AlibabaInterconnectArgs): string | undefined {
  return args.sellerRegion ?? PROFILE.sellerRegions[args.metroCode];
}

/**
 * Checks everything before anything is created; messages name the field (and the conflicting one).
 * `alibabaRegion` is the configured `alicloud:region` (configuredAlibabaRegion()), checked against the
 * seller region when given.
 */
export function validateAlibabaInterconnect(args: AlibabaInterconnectArgs, componentName?: string, alibabaRegion?: string): string[] {
  const errors: string[] = [];
  const sellerRegion = sellerRegionOf(args);
  const which = args.sellerRegion !== undefined ? `sellerRegion ${sellerRegion}` : `sellerRegion ${sellerRegion} (the Alibaba region of metroCode ${args.metroCode})`;
  if (args.region !== undefined) {
    if (typeof args.region !== "string" || !REGION_ID.test(args.region)) {
      errors.push(`region must be an Alibaba Cloud region id such as "us-west-1" or "eu-central-1" (got ${JSON.stringify(args.region)})`);
    } else if (sellerRegion && args.region !== sellerRegion) {
      errors.push(
        `region ${args.region} differs from ${which}: Equinix creates the Alibaba side of each handover in ${sellerRegion}, where the hosted connections must be accepted. ` +
          `Set region to ${sellerRegion}, or choose a metroCode whose Alibaba region is ${args.region}`,
      );
    }
  } else if (alibabaRegion && sellerRegion && alibabaRegion !== sellerRegion) {
    errors.push(
      `${which} differs from alicloud:region ${alibabaRegion}: Equinix creates the Alibaba side of each handover in ${sellerRegion}, and the Alibaba resources look for it in alicloud:region, where it never appears. ` +
        `Give the component region: "${sellerRegion}", or set alicloud:region to ${sellerRegion} (pulumi config set alicloud:region ${sellerRegion}), or choose a metroCode whose Alibaba region is ${alibabaRegion}`,
    );
  }
  errors.push(...credentialSetIssues({ "credentials.equinix": args.credentials?.equinix, "credentials.alibaba": args.credentials?.alibaba }));
  const api = args.fabricApi ?? "v4";
  if (api !== "v4" && api !== "v3") errors.push(`fabricApi must be "v4" or "v3" (got ${String(api)})`);
  // The profile's rules (the account id only when it is a plain value: an output is checked by the Fabric resource).
  const key = typeof args.alibabaAccountId === "string" ? args.alibabaAccountId : null;
  const profile = profileIssues(PROFILE, { metroCode: args.metroCode, mbps: args.bandwidth, authenticationKey: key });
  if (profile.metroCode) errors.push(`metroCode must be one of ${metrosOf(PROFILE).join(", ")}, where ${PROFILE.name} is offered (got ${args.metroCode})`);
  if (profile.bandwidth) errors.push(`bandwidth must be one of ${PROFILE.bandwidths.join(", ")} Mbps, what ${PROFILE.name} sells (got ${args.bandwidth})`);
  if (profile.authenticationKey) errors.push(`alibabaAccountId ${profile.authenticationKey}`);
  errors.push(...(api === "v3" ? validateV3(args, componentName, PROFILE.uuid) : validateV4(args, PROFILE.uuid)));
  for (const { role, leg } of handoversOf(args)) {
    // The VBR's own rules (addresses, same subnet, /24../30), before anything exists.
    const parsed = VirtualBorderRouterInputs.safeParse({
      physicalConnectionId: "pc-tobeassigned",
      vlanId: 0,
      localGatewayIp: leg.localGatewayIp,
      peerGatewayIp: leg.peerGatewayIp,
      peeringSubnetMask: leg.peeringSubnetMask,
      ...(leg.vbrName !== undefined ? { name: leg.vbrName } : {}),
    });
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const field = issue.path[0] === "name" ? "vbrName" : issue.path.join(".");
      errors.push(`${role}.${field} ${issue.message}`);
    }
  }
  if (args.secondary && args.primary?.localGatewayIp === args.secondary.localGatewayIp) {
    errors.push("secondary.localGatewayIp must differ from primary.localGatewayIp: each handover's VBR needs its own peering addresses");
  }
  return errors;
}

/**
 * The flow of Equinix's "Alibaba Cloud Express Connect" guide end to end, redundant: for each handover a Fabric connection to the Alibaba Cloud
 * Express Connect profile (authentication key: your Alibaba account id), the `alibaba.HostedConnection`
 * that accepts the connection Equinix created in your account (found through the Fabric connection's
 * `providerConnectionId`), and an `alibaba.VirtualBorderRouter` on it with the VLAN Equinix assigned.
 *
 * Destroy follows that guide's order through the dependencies: the VBR first, then the Alibaba connection
 * (terminated and deleted, after which Equinix deprovisions its side), then the Fabric connection.
 *
 * With `fabricApi: "v3"` one `fabric.L2Connection` (ECX v3) creates both Fabric legs in one request;
 * each leg's `alibaba.HostedConnection` and VBR are made as with v4.
 */
export class AlibabaInterconnect extends CheckedComponent {
  /** The Fabric v4 connections, one per handover (fabricApi "v4"; empty with "v3"). */
  readonly connections: Connection[];
  /** The ECX v3 connection carrying both legs (fabricApi "v3" only). */
  readonly l2Connection?: L2Connection;
  readonly hostedConnections: HostedConnection[] = [];
  readonly vbrs: VirtualBorderRouter[] = [];
  /** Per handover: Fabric uuid and status, Alibaba connection id and status, VLAN, VBR id and status. */
  readonly handovers: pulumi.Output<AlibabaHandoverOutputs[]>;
  /** The Fabric redundancy group of the pair. */
  readonly redundancyGroup: pulumi.Output<string>;

  constructor(name: string, args: AlibabaInterconnectArgs, opts?: pulumi.ComponentResourceOptions) {
    super("AlibabaInterconnect", name, validateAlibabaInterconnect(args, name, args.region === undefined ? configuredAlibabaRegion(args.credentials?.alibaba) : undefined), opts);
    const sellerRegion = sellerRegionOf(args)!;
    const build = { parent: this, name, args, profile: PROFILE, sellerRegion, accountId: pulumi.secret(args.alibabaAccountId) };
    const fabric = args.fabricApi === "v3" ? buildV3(build) : buildV4(build);
    this.connections = "connections" in fabric ? fabric.connections : [];
    this.l2Connection = "l2Connection" in fabric ? fabric.l2Connection : undefined;
    this.handovers = pulumi.all(fabric.legs.map((leg) => this.acceptAndPeer(name, args, leg, sellerRegion)));
    this.redundancyGroup = fabric.redundancyGroup;
    this.registerOutputs({ handovers: this.handovers, redundancyGroup: this.redundancyGroup });
  }

  /** The region and credential set of the Alibaba children, as given. */
  private alibabaScope(args: AlibabaInterconnectArgs): { region?: string; credentials?: string } {
    return { ...(args.region !== undefined ? { region: args.region } : {}), ...credentialsOf(args.credentials?.alibaba) };
  }

  /** A leg's Alibaba side: the hosted connection that accepts it and the VBR on its VLAN. */
  private acceptAndPeer(name: string, args: AlibabaInterconnectArgs, f: FabricLeg, sellerRegion: string): pulumi.Output<AlibabaHandoverOutputs> {
    const hosted = new HostedConnection(
      `${name}-${f.role}-accept`,
      { physicalConnectionId: f.providerConnectionId, sellerRegion, payment: args.payment, timeouts: args.timeouts, ...this.alibabaScope(args) },
      { parent: this },
    );
    const vbr = new VirtualBorderRouter(
      `${name}-${f.role}-vbr`,
      {
        physicalConnectionId: hosted.physicalConnectionId,
        vlanId: hosted.vlanId,
        localGatewayIp: f.leg.localGatewayIp,
        peerGatewayIp: f.leg.peerGatewayIp,
        peeringSubnetMask: f.leg.peeringSubnetMask,
        name: f.leg.vbrName ?? `${name}-${f.short}-vbr`,
        timeouts: args.timeouts,
        ...this.alibabaScope(args),
      },
      { parent: this },
    );
    this.hostedConnections.push(hosted);
    this.vbrs.push(vbr);
    return pulumi
      .all([f.uuid, f.equinixStatus, f.providerStatus, hosted.physicalConnectionId, hosted.status, hosted.vlanId, vbr.vbrId, vbr.status])
      .apply(([fabricUuid, eq, pr, alibabaConnectionId, alibabaStatus, vlanId, vbrId, vbrStatus]) => ({
        role: f.role,
        fabricUuid,
        fabricStatus: `${eq}/${pr}`,
        alibabaConnectionId,
        alibabaStatus,
        vlanId,
        vbrId,
        vbrStatus,
      }));
  }
}
