import * as pulumi from "@pulumi/pulumi";
import { HostedConnection } from "../provider/alibaba/hostedConnection";
import type { PaymentArgs } from "../provider/alibaba/physicalConnection";
import { VirtualBorderRouter } from "../provider/alibaba/virtualBorderRouter";
import { alibabaSettings } from "../provider/alibaba/settings";
import { VirtualBorderRouterInputs } from "../provider/alibaba/virtualBorderRouterMapping";
import { Connection, TimeoutsArgs } from "../provider/fabric/connection";
import { L2Connection } from "../provider/fabric/l2Connection";
import { ECX_NAME_MAX, ECX_VLAN_MAX, ECX_VLAN_MIN } from "../provider/fabric/l2ConnectionMapping";
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
  /**
   * The Equinix API of the Fabric legs: "v4" (default) makes one `fabric.Connection` per handover;
   * "v3" makes one `fabric.L2Connection` (the legacy ECX v3 API, retired by Equinix in 2024) that creates
   * both legs in one request. With "v3" each A side must be a port, tagged the ECX v3 way: a DOT1Q port
   * takes `vlanSTag` only, a QINQ port `vlanSTag` and `vlanCTag` (2..4094); `termLength` does not apply
   * and handover names are at most 24 letters, digits, '-' or '_'.
   */
  fabricApi?: "v4" | "v3";
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

/**
 * The Alibaba region the Alibaba resources will search, as the program sees it: the stack config
 * (`alicloud:region`), then the environment (ALICLOUD_REGION, ALIBABA_CLOUD_REGION), as the provider
 * reads it; undefined when unset (the provider then reports the missing setting itself).
 */
export function configuredAlibabaRegion(): string | undefined {
  const spec = alibabaSettings.region;
  for (const key of spec.config) {
    const [namespace, name] = key.split(":");
    const value = new pulumi.Config(namespace).get(name);
    if (value) return value;
  }
  for (const name of spec.env) if (process.env[name]) return process.env[name];
  return undefined;
}

/**
 * Checks everything before anything is created; messages name the field (and the conflicting one).
 * `alibabaRegion` is the configured `alicloud:region` (configuredAlibabaRegion()), checked against the
 * seller region when given.
 */
export function validateAlibabaInterconnect(args: AlibabaInterconnectArgs, componentName?: string, alibabaRegion?: string): string[] {
  const errors: string[] = [];
  const sellerRegion = args.sellerRegion ?? ALIBABA_SELLER_REGIONS[args.metroCode as keyof typeof ALIBABA_SELLER_REGIONS];
  if (alibabaRegion && sellerRegion && alibabaRegion !== sellerRegion) {
    const which = args.sellerRegion !== undefined ? `sellerRegion ${sellerRegion}` : `sellerRegion ${sellerRegion} (the Alibaba region of metroCode ${args.metroCode})`;
    errors.push(
      `${which} differs from alicloud:region ${alibabaRegion}: Equinix creates the Alibaba side of each handover in ${sellerRegion}, and the Alibaba resources look for it in alicloud:region, where it never appears. ` +
        `Set alicloud:region to ${sellerRegion} (pulumi config set alicloud:region ${sellerRegion}), or choose a metroCode whose Alibaba region is ${alibabaRegion}`,
    );
  }
  const api = args.fabricApi ?? "v4";
  if (api !== "v4" && api !== "v3") errors.push(`fabricApi must be "v4" or "v3" (got ${String(api)})`);
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
  if (api === "v3") {
    errors.push(...validateV3Legs(args, componentName));
  } else {
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
  }
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

/** The ECX v3 rules of the handovers (fabricApi "v3"): ports only, v3 tags, v3 names, distinct ports. */
function validateV3Legs(args: AlibabaInterconnectArgs, componentName?: string): string[] {
  const errors: string[] = [];
  if (args.termLength !== undefined) errors.push('termLength applies only with fabricApi "v4": ECX v3 has no term');
  const tagOk = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= ECX_VLAN_MIN && n <= ECX_VLAN_MAX;
  const range = `must be a whole number between ${ECX_VLAN_MIN} and ${ECX_VLAN_MAX} (ECX v3 VLAN range)`;
  const legs: Array<[string, string, AlibabaHandoverArgs | undefined]> = [
    ["primary", "pri", args.primary],
    ["secondary", "sec", args.secondary],
  ];
  for (const [label, short, leg] of legs) {
    if (!leg) {
      if (label === "primary") errors.push("primary is required");
      continue;
    }
    const a = leg.aSide;
    if (!a?.port) {
      errors.push(`${label}.aSide.port is required with fabricApi "v3": ECX v3 connects a port only (no service token, cloud router or Network Edge device)`);
      continue;
    }
    for (const k of ["serviceToken", "cloudRouter", "virtualDevice"] as const) {
      if (a[k] !== undefined) errors.push(`${label}.aSide.${k} conflicts with ${label}.aSide.port: with fabricApi "v3" the A side is a port only`);
    }
    const p = a.port;
    const f = `${label}.aSide.port`;
    if (p.type !== "DOT1Q" && p.type !== "QINQ") errors.push(`${f}.type must be DOT1Q or QINQ (got ${String(p.type)})`);
    if (p.vlanTag !== undefined) errors.push(`${f}.vlanTag does not apply with fabricApi "v3": ECX v3 tags a DOT1Q port with vlanSTag`);
    if (p.vlanSTag === undefined) errors.push(`${f}.vlanSTag is required with fabricApi "v3" (the S-tag; the only tag of a DOT1Q port)`);
    else if (!tagOk(p.vlanSTag)) errors.push(`${f}.vlanSTag ${range}`);
    if (p.type === "DOT1Q" && p.vlanCTag !== undefined) errors.push(`${f}.vlanCTag must be omitted: a DOT1Q port takes the S-tag only (tagging table of Equinix's ECX v3 guide 'Connect to Alibaba')`);
    if (p.type === "QINQ") {
      if (p.vlanCTag === undefined) errors.push(`${f}.vlanCTag is required: a QINQ port connecting to Alibaba (a Dot1Q side) needs both the S-tag and the C-tag (tagging table of Equinix's ECX v3 guide 'Connect to Alibaba')`);
      else if (!tagOk(p.vlanCTag)) errors.push(`${f}.vlanCTag ${range}`);
    }
    const name = leg.name ?? (componentName !== undefined ? `${componentName}-${short}` : undefined);
    if (name !== undefined && (name.length < 1 || name.length > ECX_NAME_MAX || !/^[A-Za-z0-9_-]+$/.test(name))) {
      errors.push(`${label}.name must be 1 to ${ECX_NAME_MAX} letters, digits, '-' or '_' with fabricApi "v3" (got "${name}"${leg.name === undefined ? ", the default from the component name" : ""})`);
    }
  }
  const pa = args.primary?.aSide?.port?.uuid;
  const sa = args.secondary?.aSide?.port?.uuid;
  if (pa && sa && pa === sa) {
    errors.push(`secondary.aSide.port.uuid must differ from primary.aSide.port.uuid (${pa}): a redundant pair needs two distinct ports`);
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
export class AlibabaInterconnect extends pulumi.ComponentResource {
  /** The Fabric v4 connections, one per handover (fabricApi "v4"; empty with "v3"). */
  readonly connections: Connection[] = [];
  /** The ECX v3 connection carrying both legs (fabricApi "v3" only). */
  readonly l2Connection?: L2Connection;
  readonly hostedConnections: HostedConnection[] = [];
  readonly vbrs: VirtualBorderRouter[] = [];
  /** Per handover: Fabric uuid and status, Alibaba connection id and status, VLAN, VBR id and status. */
  readonly handovers: pulumi.Output<AlibabaHandoverOutputs[]>;
  /** The Fabric redundancy group of the pair. */
  readonly redundancyGroup: pulumi.Output<string>;

  constructor(name: string, args: AlibabaInterconnectArgs, opts?: pulumi.ComponentResourceOptions) {
    super("pulumi-interconnect:components:AlibabaInterconnect", name, {}, opts);
    const errors = validateAlibabaInterconnect(args, name, configuredAlibabaRegion());
    if (errors.length) {
      throw new pulumi.ResourceError(`AlibabaInterconnect ${name}: invalid arguments:\n  - ${errors.join("\n  - ")}`, this);
    }
    const sellerRegion = args.sellerRegion ?? ALIBABA_SELLER_REGIONS[args.metroCode as keyof typeof ALIBABA_SELLER_REGIONS];
    const accountId = pulumi.secret(args.alibabaAccountId);
    const legs: Array<["primary" | "secondary", AlibabaHandoverArgs]> = [["primary", args.primary]];
    if (args.secondary) legs.push(["secondary", args.secondary]);

    const outputs: pulumi.Output<AlibabaHandoverOutputs>[] = [];
    const l2 =
      args.fabricApi === "v3"
        ? new L2Connection(
            `${name}-fabric`,
            {
              ...v3Leg(args.primary, `${name}-pri`),
              profileUuid: ALIBABA_PROFILE_UUID,
              authorizationKey: accountId,
              sellerRegion,
              sellerMetroCode: args.metroCode,
              speed: args.bandwidth,
              speedUnit: "MB",
              notifications: args.notifications,
              purchaseOrderNumber: args.purchaseOrderNumber,
              ...(args.secondary ? { secondary: v3Leg(args.secondary, `${name}-sec`) } : {}),
              timeouts: args.timeouts,
            },
            { parent: this },
          )
        : undefined;
    this.l2Connection = l2;
    for (const [role, leg] of legs) {
      const short = role === "primary" ? "pri" : "sec";
      const primary = this.connections[0];
      const fabricLeg = l2 ? v3Outputs(l2, role) : undefined;
      const connection = fabricLeg ? undefined : new Connection(
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
        { physicalConnectionId: fabricLeg ? fabricLeg.providerConnectionId : connection!.providerConnectionId, sellerRegion, payment: args.payment, timeouts: args.timeouts },
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
      if (connection) this.connections.push(connection);
      const fabric = fabricLeg ?? { uuid: connection!.uuid, equinixStatus: connection!.equinixStatus, providerStatus: connection!.providerStatus };
      this.hostedConnections.push(hosted);
      this.vbrs.push(vbr);
      outputs.push(
        pulumi
          .all([fabric.uuid, fabric.equinixStatus, fabric.providerStatus, hosted.physicalConnectionId, hosted.status, hosted.vlanId, vbr.vbrId, vbr.status])
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
    this.redundancyGroup = l2 ? l2.redundancyGroup : this.connections[0].redundancyGroup;
    this.registerOutputs({ handovers: this.handovers, redundancyGroup: this.redundancyGroup });
  }
}

/** One handover's fields of the ECX v3 request (validated: a port with its v3 tags). */
function v3Leg(leg: AlibabaHandoverArgs, defaultName: string) {
  const p = leg.aSide.port!;
  return {
    name: leg.name ?? defaultName,
    portUuid: p.uuid,
    portType: p.type,
    vlanSTag: p.vlanSTag!,
    ...(p.vlanCTag !== undefined ? { vlanCTag: p.vlanCTag } : {}),
  };
}

/** One leg of the L2Connection as the handover outputs read it. */
function v3Outputs(l2: L2Connection, role: "primary" | "secondary") {
  return role === "primary"
    ? { uuid: l2.primaryId, equinixStatus: l2.primaryStatus, providerStatus: l2.primaryProviderStatus, providerConnectionId: l2.primaryProviderConnectionId }
    : { uuid: l2.secondaryId, equinixStatus: l2.secondaryStatus, providerStatus: l2.secondaryProviderStatus, providerConnectionId: l2.secondaryProviderConnectionId };
}
