import * as pulumi from "@pulumi/pulumi";
import { HostedConnection } from "../../provider/alibaba/hostedConnection";
import { alibabaSettings, REGION_ID } from "../../provider/alibaba/settings";
import { settingInSet } from "../../provider/core/config";
import { VirtualBorderRouter } from "../../provider/alibaba/virtualBorderRouter";
import { CloudRouter } from "../../provider/fabric/cloudRouter";
import { Connection } from "../../provider/fabric/connection";
import type { BgpGroup } from "../../provider/alibaba/bgpGroup";
import type { BgpPeer } from "../../provider/alibaba/bgpPeer";
import type { RoutingProtocol } from "../../provider/fabric/routingProtocol";
import { L2Connection } from "../../provider/fabric/l2Connection";
import { ALIBABA_PROFILE, metrosOf, profileIssues } from "../../provider/fabric/serviceProfiles";
import { CheckedComponent, credentialSetIssues, credentialsOf, vbrPeeringIssues } from "../common";
import { AlibabaBgpSecretOutputs, AlibabaBgpSessionOutputs, AlibabaHandoverArgs, AlibabaHandoverOutputs, AlibabaInterconnectArgs, FabricLeg, handoversOf, peeringOf, peeringSubnetIssues } from "./args";
import { bgpKeyGate, buildHandoverBgp, defaultRouterName, validateBgp, validateCloudRouter } from "./bgp";
import { buildV3, validateV3 } from "./v3";
import { buildV4, validateV4 } from "./v4";

export type {
  AlibabaBgpArgs,
  AlibabaBgpSecretOutputs,
  AlibabaBgpSessionArgs,
  AlibabaBgpSessionOutputs,
  AlibabaCloudRouterArgs,
  AlibabaHandoverArgs,
  AlibabaHandoverOutputs,
  AlibabaInterconnectArgs,
} from "./args";
export { renderIosXe } from "./bgp";
export type { RouterEnd } from "./bgp";

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
  errors.push(...validateCloudRouter(args, componentName));
  for (const { role, leg } of handoversOf(args)) {
    const subnet = peeringSubnetIssues(role, leg);
    errors.push(...subnet);
    if (subnet.length) continue;
    // The VBR's own rules (addresses, same subnet, /24../30), before anything exists.
    errors.push(...vbrPeeringIssues(role, { ...peeringOf(leg), vbrName: leg.vbrName }));
  }
  if (args.secondary && args.primary && peeringOf(args.primary).localGatewayIp === peeringOf(args.secondary).localGatewayIp) {
    const field = (leg: AlibabaHandoverArgs) => (leg.peeringSubnet !== undefined ? "peeringSubnet" : "localGatewayIp");
    errors.push(`secondary.${field(args.secondary)} must differ from primary.${field(args.primary)}: each handover's VBR needs its own peering addresses`);
  }
  errors.push(...validateBgp(args));
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
 *
 * `cloudRouter` creates the Fabric Cloud Router every handover starts at. `bgp` runs BGP on each handover:
 * from a cloud router both ends (the router's DIRECT then BGP routing protocols, the VBR's BGP group and a
 * peer that waits until the session is Established, within `bgp.sessionTimeout`); from a port Alibaba's
 * end, and what your router needs as outputs (`bgp`, and `bgpSecrets` with the key and an IOS-XE configuration).
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
  /** The Fabric Cloud Router the component created (`cloudRouter`), the A side of every handover. */
  readonly cloudRouter?: CloudRouter;
  /** With `bgp`: per handover, the VBR's BGP group, its peer and (cloud router A side) the router's DIRECT and BGP routing protocols. */
  readonly bgpGroups: BgpGroup[] = [];
  readonly bgpPeers: BgpPeer[] = [];
  readonly routingProtocols: RoutingProtocol[] = [];
  /**
   * With `bgp`, per handover: both ends of the session (VLAN, addresses, ASNs, the Alibaba group and peer, the
   * session's state as last read: `pulumi refresh` updates each peer's `bgpStatus`). Empty without `bgp`.
   */
  readonly bgp: pulumi.Output<AlibabaBgpSessionOutputs[]>;
  /** With `bgp`, per handover (a secret output): the MD5 key and, for a port A side, your router's configuration (Cisco IOS-XE). */
  readonly bgpSecrets: pulumi.Output<AlibabaBgpSecretOutputs[]>;

  constructor(name: string, args: AlibabaInterconnectArgs, opts?: pulumi.ComponentResourceOptions) {
    super("AlibabaInterconnect", name, validateAlibabaInterconnect(args, name, args.region === undefined ? configuredAlibabaRegion(args.credentials?.alibaba) : undefined), opts);
    const sellerRegion = sellerRegionOf(args)!;
    const gate = bgpKeyGate(name, args);
    if (args.cloudRouter) {
      const r = args.cloudRouter;
      this.cloudRouter = new CloudRouter(
        `${name}-fcr`,
        {
          name: r.name ?? defaultRouterName(name),
          metroCode: args.metroCode,
          packageCode: r.packageCode,
          projectId: r.projectId,
          ...(r.accountNumber !== undefined ? { accountNumber: r.accountNumber } : {}),
          notifications: args.notifications,
          purchaseOrderNumber: args.purchaseOrderNumber,
          timeouts: args.timeouts,
          ...credentialsOf(args.credentials?.equinix),
        },
        { parent: this, ...(gate ? { dependsOn: gate } : {}) },
      );
    }
    const build = { parent: this, name, args, profile: PROFILE, sellerRegion, accountId: pulumi.secret(args.alibabaAccountId), cloudRouterUuid: this.cloudRouter?.uuid, gate };
    const fabric = args.fabricApi === "v3" ? buildV3(build) : buildV4(build);
    this.connections = "connections" in fabric ? fabric.connections : [];
    this.l2Connection = "l2Connection" in fabric ? fabric.l2Connection : undefined;
    const sessions: Array<pulumi.Output<AlibabaBgpSessionOutputs>> = [];
    const secrets: Array<pulumi.Output<AlibabaBgpSecretOutputs>> = [];
    this.handovers = pulumi.all(
      fabric.legs.map((leg) => {
        const { handover, vbr } = this.acceptAndPeer(name, args, leg, sellerRegion);
        if (args.bgp) {
          const b = buildHandoverBgp({ parent: this, name, args, role: leg.role, short: leg.short, leg: leg.leg, connectionUuid: leg.uuid, vbr, alibaba: this.alibabaScope(args), equinixCredentials: credentialsOf(args.credentials?.equinix) });
          this.bgpGroups.push(b.group);
          this.bgpPeers.push(b.peer);
          if (b.direct && b.bgp) this.routingProtocols.push(b.direct, b.bgp);
          sessions.push(b.session);
          secrets.push(b.secret);
        }
        return handover;
      }),
    );
    this.redundancyGroup = fabric.redundancyGroup;
    this.bgp = pulumi.all(sessions);
    this.bgpSecrets = pulumi.secret(pulumi.all(secrets));
    this.registerOutputs({ handovers: this.handovers, redundancyGroup: this.redundancyGroup, bgp: this.bgp, bgpSecrets: this.bgpSecrets });
  }

  /** The region and credential set of the Alibaba children, as given. */
  private alibabaScope(args: AlibabaInterconnectArgs): { region?: string; credentials?: string } {
    return { ...(args.region !== undefined ? { region: args.region } : {}), ...credentialsOf(args.credentials?.alibaba) };
  }

  /** A leg's Alibaba side: the hosted connection that accepts it and the VBR on its VLAN. */
  private acceptAndPeer(name: string, args: AlibabaInterconnectArgs, f: FabricLeg, sellerRegion: string): { handover: pulumi.Output<AlibabaHandoverOutputs>; vbr: VirtualBorderRouter } {
    const hosted = new HostedConnection(
      `${name}-${f.role}-accept`,
      { physicalConnectionId: f.providerConnectionId, sellerRegion, payment: args.payment, timeouts: args.timeouts, ...this.alibabaScope(args) },
      { parent: this },
    );
    const peering = peeringOf(f.leg);
    const vbr = new VirtualBorderRouter(
      `${name}-${f.role}-vbr`,
      {
        physicalConnectionId: hosted.physicalConnectionId,
        vlanId: hosted.vlanId,
        localGatewayIp: peering.localGatewayIp!,
        peerGatewayIp: peering.peerGatewayIp!,
        peeringSubnetMask: peering.peeringSubnetMask!,
        name: f.leg.vbrName ?? `${name}-${f.short}-vbr`,
        timeouts: args.timeouts,
        ...this.alibabaScope(args),
      },
      { parent: this },
    );
    this.hostedConnections.push(hosted);
    this.vbrs.push(vbr);
    const handover = pulumi
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
    return { handover, vbr };
  }
}
