import * as pulumi from "@pulumi/pulumi";
import { BgpGroup } from "../../provider/alibaba/bgpGroup";
import { ALIBABA_ASN, BgpGroupInputs } from "../../provider/alibaba/bgpGroupMapping";
import { BgpPeer } from "../../provider/alibaba/bgpPeer";
import type { VirtualBorderRouter } from "../../provider/alibaba/virtualBorderRouter";
import { parseDuration } from "../../provider/core/duration";
import { describeIssue } from "../../provider/core/validation";
import { CloudRouterInputs } from "../../provider/fabric/cloudRouterMapping";
import { RoutingProtocol } from "../../provider/fabric/routingProtocol";
import { RoutingProtocolInputs } from "../../provider/fabric/routingProtocolMapping";
import type { LegPortArgs } from "../redundantFabricConnection";
import { AlibabaHandoverArgs, AlibabaInterconnectArgs, handoversOf, peeringOf, prefixOf, Role } from "./args";
import type { AlibabaBgpSecretOutputs, AlibabaBgpSessionOutputs } from "./bgpArgs";

/** How long a cloud router handover's BGP peer waits for its session when `bgp.sessionTimeout` is not given. */
export const DEFAULT_SESSION_TIMEOUT = "10m";
/** The router interface of the rendered configuration when `bgp.routerInterface` is not given. */
export const DEFAULT_ROUTER_INTERFACE = "GigabitEthernet1";

/** What starts a handover, as BGP sees it: a cloud router (both ends are ours), a port (your router), or something BGP is not offered for. */
export function aSideKindOf(args: AlibabaInterconnectArgs, leg: AlibabaHandoverArgs | undefined): "cloudRouter" | "port" | "other" {
  if (args.cloudRouter && !leg?.aSide) return "cloudRouter";
  if (leg?.aSide?.cloudRouter) return "cloudRouter";
  if (leg?.aSide?.port) return "port";
  return "other";
}

/** The issues of a zod parse, each as `<field> <reason>` with the field renamed for the component (undefined: skipped). */
function issuesOf(parsed: { success: boolean; error?: { issues: Array<Parameters<typeof describeIssue>[0]> } }, field: (path: string) => string | undefined): string[] {
  if (parsed.success || !parsed.error) return [];
  return parsed.error.issues.flatMap((i) => {
    const f = field(i.path.join("."));
    return f === undefined ? [] : [`${f} ${describeIssue(i)}`];
  });
}

/** The `cloudRouter` block's rules (the router's own), and where it cannot be used. */
export function validateCloudRouter(args: AlibabaInterconnectArgs, componentName?: string): string[] {
  const r = args.cloudRouter;
  if (!r) return [];
  const errors: string[] = [];
  if ((args.fabricApi ?? "v4") !== "v4") errors.push('cloudRouter needs fabricApi "v4": the ECX v3 API (fabricApi "v3") connects ports only');
  for (const { role, leg } of handoversOf(args)) {
    if (leg.aSide) errors.push(`${role}.aSide conflicts with cloudRouter: every handover starts at the router the component creates (omit ${role}.aSide), or give each handover aSide.cloudRouter.uuid of an existing router and omit cloudRouter`);
  }
  const notifications = Array.isArray(args.notifications) && args.notifications.every((n) => typeof n === "string") ? args.notifications : ["noc@example.com"];
  const parsed = CloudRouterInputs.safeParse({
    name: r.name ?? defaultRouterName(componentName ?? "fcr"),
    metroCode: args.metroCode,
    packageCode: r.packageCode,
    projectId: r.projectId,
    notifications,
    ...(r.accountNumber !== undefined ? { accountNumber: r.accountNumber } : {}),
  });
  errors.push(...issuesOf(parsed, (p) => (["name", "packageCode", "projectId", "accountNumber"].includes(p) ? `cloudRouter.${p}` : undefined)));
  return errors;
}

/** `<component name>-fcr`, cut to Fabric's 24 characters and its letters. */
export function defaultRouterName(componentName: string): string {
  return `${componentName.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 20)}-fcr`;
}

/** The issues of one handover's MD5 key (Alibaba's BGP group rule, then Fabric's), named `bgp.<role>.authKey`; never the key itself. */
function authKeyIssues(role: Role, key: string, cloudRouter: boolean): string[] {
  const field = `bgp.${role}.authKey`;
  const alibaba = issuesOf(BgpGroupInputs.safeParse({ vbrId: "vbr-check", peerAsn: 1, authKey: key }), (p) => (p === "authKey" ? field : undefined));
  if (alibaba.length || !cloudRouter) return alibaba;
  const fabric = RoutingProtocolInputs.safeParse({ connectionUuid: "c", type: "BGP", directRoutingProtocolUuid: "d", bgpIpv4: { customerPeerIp: "10.0.0.1" }, customerAsn: ALIBABA_ASN, authenticationKey: key });
  return issuesOf(fabric, (p) => (p === "authenticationKey" ? field : undefined));
}

/**
 * The MD5 keys given as outputs (a secret config value, `pulumi.secret(...)`) cannot be checked when the
 * component is constructed: this output resolves once they are known, after checking them by the same
 * rules, and fails instead when one is bad. The component's first resources (the cloud router, the Fabric
 * connections) depend on it, so a bad key stops the `up` before any call, its message naming the field and
 * the rule (never the key). Undefined when every key is a plain string (checked with the other arguments).
 */
export function bgpKeyGate(componentName: string, args: AlibabaInterconnectArgs): pulumi.Output<pulumi.Resource[]> | undefined {
  const bgp = args.bgp;
  if (!bgp) return undefined;
  const pending = handoversOf(args)
    .map(({ role, leg }) => ({ role, cloudRouter: aSideKindOf(args, leg) === "cloudRouter", key: (role === "primary" ? bgp.primary : bgp.secondary)?.authKey }))
    .filter((k) => k.key !== undefined && typeof k.key !== "string");
  if (!pending.length) return undefined;
  return pulumi.all(pending.map((k) => k.key!)).apply((keys) => {
    const errors = keys.flatMap((key, i) => authKeyIssues(pending[i].role, key, pending[i].cloudRouter));
    if (errors.length) throw new Error(`AlibabaInterconnect ${componentName}: invalid arguments:\n  - ${errors.join("\n  - ")}`);
    return [] as pulumi.Resource[];
  });
}

/** The `bgp` block's rules, before anything is created: every message names the field, the problem and the rule. */
export function validateBgp(args: AlibabaInterconnectArgs): string[] {
  const bgp = args.bgp;
  if (!bgp) return [];
  const errors: string[] = [];
  const handovers = handoversOf(args);
  const kinds = handovers.map(({ role, leg }) => ({ role, leg, kind: aSideKindOf(args, leg) }));
  if (bgp.primary === undefined) errors.push("bgp.primary is required: the primary handover's session (its authKey)");
  if (args.secondary && bgp.secondary === undefined) errors.push("bgp.secondary is required when the component has a secondary handover: each session has its own MD5 key (bgp.secondary.authKey)");
  if (!args.secondary && bgp.secondary !== undefined) errors.push("bgp.secondary is set but the component has no secondary handover: remove it, or add secondary");
  for (const { role, leg, kind } of kinds) {
    if (kind === "other" && leg.aSide) {
      const given = Object.keys(leg.aSide).join(", ");
      errors.push(`${role}.aSide: bgp needs a port or cloud router A side, where the component knows the far end (got ${given}); configure BGP on that device yourself and leave bgp out`);
    }
  }
  const ports = kinds.filter((k) => k.kind === "port");
  const routers = kinds.filter((k) => k.kind === "cloudRouter");
  if (ports.length && bgp.customerAsn === undefined) {
    errors.push(`bgp.customerAsn is required for a port A side (${ports.map((p) => p.role).join(", ")}): your router's ASN, which Alibaba's BGP group peers with`);
  }
  if (!ports.length && routers.length && bgp.customerAsn !== undefined) {
    errors.push(`bgp.customerAsn applies to port A sides only: with a cloud router the customer ASN is the router's, which Equinix assigns (remove bgp.customerAsn ${bgp.customerAsn})`);
  }
  if (bgp.customerAsn !== undefined && typeof bgp.customerAsn !== "number") errors.push(`bgp.customerAsn must be a number (got ${JSON.stringify(bgp.customerAsn)})`);
  if (bgp.alibabaAsn !== undefined && typeof bgp.alibabaAsn !== "number") errors.push(`bgp.alibabaAsn must be a number (got ${JSON.stringify(bgp.alibabaAsn)})`);
  if (bgp.enableBfd !== undefined && typeof bgp.enableBfd !== "boolean") errors.push(`bgp.enableBfd must be true or false (got ${JSON.stringify(bgp.enableBfd)})`);
  if (bgp.sessionTimeout !== undefined) {
    if (typeof bgp.sessionTimeout !== "string" || parseDuration(bgp.sessionTimeout) === undefined) {
      errors.push(`bgp.sessionTimeout must be a duration such as "90s", "10m" or "1h" (got ${JSON.stringify(bgp.sessionTimeout)})`);
    } else if (!routers.length) errors.push("bgp.sessionTimeout applies to cloud router A sides only: with a port the far end is your router, which the component does not wait for");
  }
  if (bgp.routerInterface !== undefined) {
    if (typeof bgp.routerInterface !== "string" || !/^[A-Za-z][A-Za-z0-9/.:-]*$/.test(bgp.routerInterface)) {
      errors.push(`bgp.routerInterface must be an interface name such as "GigabitEthernet0/0/1": a letter, then letters, digits, '/', '.', ':' or '-' (got ${JSON.stringify(bgp.routerInterface)})`);
    } else if (!ports.length) errors.push("bgp.routerInterface applies to port A sides only: it names your router's interface in the rendered configuration");
  }
  const numberOr = (v: unknown) => (typeof v === "number" ? v : undefined);
  const alibabaAsn = numberOr(bgp.alibabaAsn);
  // Alibaba's rules of a BGP group (peer ASN, local ASN, key), per handover.
  const asnIssues = new Set<string>();
  for (const { role, leg, kind } of kinds) {
    const session = role === "primary" ? bgp.primary : bgp.secondary;
    const key = typeof session?.authKey === "string" ? session.authKey : undefined;
    if (session && session.authKey === undefined) errors.push(`bgp.${role}.authKey is required: the session's MD5 key, the same on both ends`);
    const peerAsn = kind === "port" ? numberOr(bgp.customerAsn) : undefined;
    const group = BgpGroupInputs.safeParse({ vbrId: "vbr-check", peerAsn: peerAsn ?? 1, ...(alibabaAsn !== undefined ? { localAsn: alibabaAsn } : {}), ...(key !== undefined ? { authKey: key } : {}) });
    for (const e of issuesOf(group, (p) => (p === "authKey" ? `bgp.${role}.authKey` : p === "localAsn" ? "bgp.alibabaAsn" : p === "peerAsn" && peerAsn !== undefined ? "bgp.customerAsn" : undefined))) {
      if (e.startsWith(`bgp.${role}`)) errors.push(e);
      else asnIssues.add(e);
    }
    if (kind !== "cloudRouter") continue;
    // Fabric's rules of the router's DIRECT and BGP on this handover's addresses and Alibaba's ASN.
    const p = peeringOf(leg);
    const prefix = prefixOf(p.peeringSubnetMask);
    const addressField = leg.peeringSubnet !== undefined ? `${role}.peeringSubnet` : `${role}.peerGatewayIp`;
    if (p.peerGatewayIp && prefix !== undefined) {
      const direct = RoutingProtocolInputs.safeParse({ connectionUuid: "check", type: "DIRECT", directIpv4: { equinixIfaceIp: `${p.peerGatewayIp}/${prefix}` } });
      for (const e of issuesOf(direct, (f) => (f.startsWith("directIpv4") ? addressField : undefined))) {
        errors.push(`${e} (the cloud router's interface ${p.peerGatewayIp}/${prefix}, Fabric's DIRECT routing protocol)`);
      }
    }
    const bgpRp = RoutingProtocolInputs.safeParse({
      connectionUuid: "check",
      type: "BGP",
      directRoutingProtocolUuid: "check",
      bgpIpv4: { customerPeerIp: p.localGatewayIp ?? "10.0.0.1" },
      customerAsn: alibabaAsn ?? ALIBABA_ASN,
      ...(key !== undefined ? { authenticationKey: key } : {}),
    });
    for (const e of issuesOf(bgpRp, (f) => (f === "customerAsn" && alibabaAsn !== undefined ? "bgp.alibabaAsn" : f === "authenticationKey" ? `bgp.${role}.authKey` : undefined))) {
      if (e.startsWith("bgp.alibabaAsn")) asnIssues.add(`${e} (Equinix: the cloud router peers with it)`);
      else if (!errors.some((x) => x.startsWith(`bgp.${role}.authKey`))) errors.push(e);
    }
  }
  errors.push(...asnIssues);
  return errors;
}

/** What one handover's BGP made, for the component's outputs. */
export interface HandoverBgp {
  group: BgpGroup;
  peer: BgpPeer;
  direct?: RoutingProtocol;
  bgp?: RoutingProtocol;
  session: pulumi.Output<AlibabaBgpSessionOutputs>;
  secret: pulumi.Output<AlibabaBgpSecretOutputs>;
}

/** The scope the Alibaba children of the component share (region, credentials). */
type Scope = { region?: string; credentials?: string };

/**
 * One handover's BGP, both ends where the component owns both (a cloud router A side: the router's DIRECT,
 * then its BGP to Alibaba's address with Alibaba's ASN; the VBR's BGP group peering with the router's ASN
 * and the peer, which waits until the session is Established), Alibaba's end only for a port A side.
 * The dependencies order destroy as the vendors require: peer, group (and the router's BGP), then DIRECT,
 * VBR, connections.
 */
export function buildHandoverBgp(o: {
  parent: pulumi.Resource;
  name: string;
  args: AlibabaInterconnectArgs;
  role: Role;
  short: "pri" | "sec";
  leg: AlibabaHandoverArgs;
  connectionUuid: pulumi.Output<string>;
  vbr: VirtualBorderRouter;
  alibaba: Scope;
  equinixCredentials: { credentials?: string };
}): HandoverBgp {
  const { name, args, role, short, leg, vbr } = o;
  const bgp = args.bgp!;
  const session = role === "primary" ? bgp.primary : bgp.secondary!;
  const authKey = pulumi.secret(session.authKey);
  const kind = aSideKindOf(args, leg);
  const p = peeringOf(leg);
  const prefix = prefixOf(p.peeringSubnetMask)!;
  const alibabaIp = p.localGatewayIp!;
  const farIp = p.peerGatewayIp!;
  const enableBfd = bgp.enableBfd ?? false;
  const opts = { parent: o.parent };
  const localAsn = bgp.alibabaAsn !== undefined && bgp.alibabaAsn !== ALIBABA_ASN ? { localAsn: bgp.alibabaAsn } : {};

  if (kind === "cloudRouter") {
    const timeout = bgp.sessionTimeout ?? DEFAULT_SESSION_TIMEOUT;
    const direct = new RoutingProtocol(
      `${name}-${role}-direct`,
      { connectionUuid: o.connectionUuid, type: "DIRECT", name: `${name}-${short}-direct`.slice(0, 50), directIpv4: { equinixIfaceIp: `${farIp}/${prefix}` }, timeouts: args.timeouts, ...o.equinixCredentials },
      opts,
    );
    const routerBgp = new RoutingProtocol(
      `${name}-${role}-bgp`,
      {
        connectionUuid: o.connectionUuid,
        type: "BGP",
        name: `${name}-${short}-bgp`.slice(0, 50),
        directRoutingProtocolUuid: direct.uuid,
        bgpIpv4: { customerPeerIp: alibabaIp },
        customerAsn: bgp.alibabaAsn ?? ALIBABA_ASN,
        authenticationKey: authKey,
        ...(enableBfd ? { bfd: { enabled: true } } : {}),
        timeouts: args.timeouts,
        ...o.equinixCredentials,
      },
      opts,
    );
    // The group peers with the router's ASN, which Fabric reports on the BGP: it also orders the group after it.
    const routerAsn = routerBgp.equinixAsn.apply((asn) => asn!);
    const group = new BgpGroup(
      `${name}-${role}-bgp-group`,
      { vbrId: vbr.vbrId, peerAsn: routerAsn, ...localAsn, authKey, name: `${name}-${role}-bgp`, timeouts: args.timeouts, ...o.alibaba },
      opts,
    );
    const peer = new BgpPeer(
      `${name}-${role}-bgp-peer`,
      {
        bgpGroupId: group.bgpGroupId,
        peerIpAddress: farIp,
        enableBfd,
        sessionState: "Established",
        timeouts: { create: timeout, update: timeout, ...(args.timeouts?.delete !== undefined ? { delete: args.timeouts.delete } : {}) },
        ...o.alibaba,
      },
      { parent: o.parent, dependsOn: [routerBgp] },
    );
    const out = pulumi.all([routerAsn, group.bgpGroupId, group.effectiveLocalAsn, peer.bgpPeerId, peer.bgpStatus, direct.uuid, routerBgp.uuid]).apply(([asn, groupId, aliAsn, peerId, status, directUuid, bgpUuid]) => ({
      role,
      aSide: "cloudRouter" as const,
      vlan: 0,
      localIp: `${farIp}/${prefix}`,
      peerIp: alibabaIp,
      localAsn: asn,
      peerAsn: aliAsn,
      bgpGroupId: groupId,
      bgpPeerId: peerId,
      bgpStatus: status,
      directRoutingProtocolUuid: directUuid,
      bgpRoutingProtocolUuid: bgpUuid,
    }));
    return { group, peer, direct, bgp: routerBgp, session: out, secret: pulumi.secret(authKey.apply((k) => ({ role, authKey: k }))) };
  }

  // A port A side: your router is the far end; Alibaba's side only, and what your router needs.
  const port = leg.aSide!.port!;
  const { vlan, inner } = portVlans(port);
  const customerAsn = bgp.customerAsn!;
  const group = new BgpGroup(
    `${name}-${role}-bgp-group`,
    { vbrId: vbr.vbrId, peerAsn: customerAsn, ...localAsn, authKey, name: `${name}-${role}-bgp`, timeouts: args.timeouts, ...o.alibaba },
    opts,
  );
  const peer = new BgpPeer(`${name}-${role}-bgp-peer`, { bgpGroupId: group.bgpGroupId, peerIpAddress: farIp, enableBfd, timeouts: args.timeouts, ...o.alibaba }, opts);
  const out = pulumi.all([group.bgpGroupId, group.effectiveLocalAsn, peer.bgpPeerId, peer.bgpStatus]).apply(([groupId, aliAsn, peerId, status]) => ({
    role,
    aSide: "port" as const,
    vlan,
    ...(inner !== undefined ? { innerVlan: inner } : {}),
    localIp: `${farIp}/${prefix}`,
    peerIp: alibabaIp,
    localAsn: customerAsn,
    peerAsn: aliAsn,
    bgpGroupId: groupId,
    bgpPeerId: peerId,
    bgpStatus: status,
  }));
  const secret = pulumi.secret(
    pulumi.all([authKey, vbr.vbrId, group.effectiveLocalAsn]).apply(([key, vbrId, aliAsn]) => ({
      role,
      authKey: key,
      routerConfig: renderIosXe({
        title: `${name} ${role} handover to Alibaba Cloud (VBR ${vbrId})`,
        iface: bgp.routerInterface ?? DEFAULT_ROUTER_INTERFACE,
        vlan,
        innerVlan: inner,
        ip: farIp,
        mask: p.peeringSubnetMask!,
        asn: customerAsn,
        neighborIp: alibabaIp,
        neighborAsn: aliAsn,
        md5Key: key,
        bfd: enableBfd,
      }),
    })),
  );
  return { group, peer, session: out, secret };
}

/**
 * The tags a port A side carries the handover on: DOT1Q `vlanTag` (with fabricApi "v3", `vlanSTag`); QINQ
 * `vlanSTag` and, when given, `vlanCTag`.
 */
export function portVlans(port: LegPortArgs): { vlan: number; inner?: number } {
  if (port.type === "QINQ") return { vlan: port.vlanSTag ?? 0, ...(port.vlanCTag !== undefined ? { inner: port.vlanCTag } : {}) };
  return { vlan: port.vlanTag ?? port.vlanSTag ?? 0 };
}

/** One end of a session as your router is configured for it. */
export interface RouterEnd {
  /** A comment line naming the handover. */
  title: string;
  /** The physical interface; the subinterface is `<iface>.<vlan>`. */
  iface: string;
  vlan: number;
  innerVlan?: number;
  /** Your address and the subnet's dotted mask. */
  ip: string;
  mask: string;
  asn: number;
  /** Alibaba's address and ASN. */
  neighborIp: string;
  neighborAsn: number;
  md5Key: string;
  bfd: boolean;
}

/**
 * Your router's end of a handover in Cisco IOS-XE syntax: the VLAN subinterface with your address, and the
 * eBGP neighbor (Alibaba's address and ASN, the MD5 password, BFD when asked) in the IPv4 unicast family.
 * Alibaba's side uses a 30 s hold time and 10 s keepalives (DescribeBgpGroups), IOS-XE's defaults are
 * 180/60: the neighbor line sets Alibaba's.
 */
export function renderIosXe(e: RouterEnd): string {
  const encapsulation = e.innerVlan !== undefined ? `encapsulation dot1Q ${e.vlan} second-dot1q ${e.innerVlan}` : `encapsulation dot1Q ${e.vlan}`;
  const lines = [
    `! ${e.title}`,
    `interface ${e.iface}.${e.vlan}`,
    ` description ${e.title.replace(/[()]/g, "")}`,
    ` ${encapsulation}`,
    ` ip address ${e.ip} ${e.mask}`,
    ...(e.bfd ? [" bfd interval 300 min_rx 300 multiplier 3"] : []),
    " no shutdown",
    "!",
    `router bgp ${e.asn}`,
    ` neighbor ${e.neighborIp} remote-as ${e.neighborAsn}`,
    ` neighbor ${e.neighborIp} description Alibaba Cloud VBR`,
    ` neighbor ${e.neighborIp} password ${e.md5Key}`,
    ` neighbor ${e.neighborIp} timers 10 30`,
    ...(e.bfd ? [` neighbor ${e.neighborIp} fall-over bfd`] : []),
    " address-family ipv4 unicast",
    `  neighbor ${e.neighborIp} activate`,
    " exit-address-family",
    "!",
  ];
  return `${lines.join("\n")}\n`;
}
