import { z } from "zod";
import { ChangeRule, sameValue } from "../core/diff";
import { isHostOf, parseCidr, parseIp, type Cidr } from "../core/ip";
import { keptTimeouts, timeoutsSchema } from "../core/timeouts";
import { fail } from "../core/validation";
import {
  ASN_MAX,
  BFD_INTERVAL_DEFAULT,
  BFD_INTERVAL_MAX,
  BFD_INTERVAL_MIN,
  BGP_MD5_KEY_MAX,
  DIRECT_IPV4_PREFIXES,
  DIRECT_IPV6_PREFIX_MAX,
  DIRECT_IPV6_PREFIX_MIN,
  RESERVED_ASNS,
} from "./constants";
import type { FabricRoutingProtocol } from "./routingClient";
import { fabricObjectOutputs } from "./sharedMapping";

const uuid = z.string().min(1, "is required");
const direct = z.object({ equinixIfaceIp: z.string().min(1, "is required") }).strict();
const bgpFamily = z.object({ customerPeerIp: z.string().min(1, "is required"), enabled: z.boolean().default(true) }).strict();

/** The arguments of a routing protocol (`fabric.RoutingProtocol`), checked before any call. */
export const RoutingProtocolInputs = z
  .object({
    connectionUuid: uuid,
    type: z.enum(["DIRECT", "BGP"]),
    name: z.string().min(1).max(50, "must be at most 50 characters long").optional(),
    directIpv4: direct.optional(),
    directIpv6: direct.optional(),
    directRoutingProtocolUuid: z.string().min(1).optional(),
    bgpIpv4: bgpFamily.optional(),
    bgpIpv6: bgpFamily.optional(),
    customerAsn: z.number().int("must be a whole number").optional(),
    authenticationKey: z.string().optional(),
    bfd: z
      .object({
        enabled: z.boolean(),
        interval: z
          .number()
          .int("must be a whole number of milliseconds")
          .min(BFD_INTERVAL_MIN, `must be ${BFD_INTERVAL_MIN} to ${BFD_INTERVAL_MAX} milliseconds`)
          .max(BFD_INTERVAL_MAX, `must be ${BFD_INTERVAL_MIN} to ${BFD_INTERVAL_MAX} milliseconds`)
          .default(BFD_INTERVAL_DEFAULT),
      })
      .strict()
      .optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.type === "DIRECT") {
      for (const k of ["bgpIpv4", "bgpIpv6", "customerAsn", "authenticationKey", "bfd", "directRoutingProtocolUuid"] as const) {
        if (v[k] !== undefined) fail(ctx, [k], "applies to a BGP routing protocol only (type BGP)");
      }
      if (!v.directIpv4 && !v.directIpv6) fail(ctx, ["directIpv4"], "a DIRECT routing protocol needs directIpv4 and/or directIpv6 (Equinix's interface address with its prefix)");
      if (v.directIpv4) for (const m of directIssues(v.directIpv4.equinixIfaceIp, 4)) fail(ctx, ["directIpv4", "equinixIfaceIp"], m);
      if (v.directIpv6) for (const m of directIssues(v.directIpv6.equinixIfaceIp, 6)) fail(ctx, ["directIpv6", "equinixIfaceIp"], m);
      return;
    }
    for (const k of ["directIpv4", "directIpv6"] as const) if (v[k] !== undefined) fail(ctx, [k], "applies to a DIRECT routing protocol only (type DIRECT)");
    if (!v.directRoutingProtocolUuid) {
      fail(
        ctx,
        ["directRoutingProtocolUuid"],
        "is required for a BGP routing protocol: pass the DIRECT routing protocol's uuid (e.g. `direct.uuid`), so that Pulumi creates the DIRECT first and deletes the BGP first, the order Fabric requires (EQ-3041016)",
      );
    }
    if (!v.bgpIpv4 && !v.bgpIpv6) fail(ctx, ["bgpIpv4"], "a BGP routing protocol needs bgpIpv4 and/or bgpIpv6 (the customer's peer address)");
    if (v.bgpIpv4) for (const m of peerIssues(v.bgpIpv4.customerPeerIp, 4)) fail(ctx, ["bgpIpv4", "customerPeerIp"], m);
    if (v.bgpIpv6) for (const m of peerIssues(v.bgpIpv6.customerPeerIp, 6)) fail(ctx, ["bgpIpv6", "customerPeerIp"], m);
    if (v.customerAsn === undefined) fail(ctx, ["customerAsn"], "is required for a BGP routing protocol: the ASN of the far end (Alibaba Cloud: 45104)");
    else {
      const problem = asnProblem(v.customerAsn);
      if (problem) fail(ctx, ["customerAsn"], problem);
    }
    if (v.authenticationKey !== undefined) {
      if (v.authenticationKey.length === 0 || v.authenticationKey.length > BGP_MD5_KEY_MAX) {
        fail(ctx, ["authenticationKey"], `must be 1 to ${BGP_MD5_KEY_MAX} characters (Equinix: Fabric Cloud Router MD5 keys are up to ${BGP_MD5_KEY_MAX} ASCII characters)`);
      } else if (!/^[\x20-\x7e]+$/.test(v.authenticationKey)) fail(ctx, ["authenticationKey"], "must be printable ASCII characters only (an MD5 key as Fabric takes it)");
    }
  });
export type RoutingProtocolInputs = z.output<typeof RoutingProtocolInputs>;

/** Why an ASN cannot be the customer's side of a Fabric Cloud Router session, or undefined. */
export function asnProblem(asn: number): string | undefined {
  if (asn < 1 || asn > ASN_MAX) return `must be 1 to ${ASN_MAX} (got ${asn})`;
  const r = RESERVED_ASNS.find(([lo, hi]) => asn >= lo && asn <= hi);
  return r ? `ASN ${asn} is ${r[2]} and Fabric Cloud Routers refuse it (reserved: ${r[0] === r[1] ? r[0] : `${r[0]}-${r[1]}`})` : undefined;
}

/** What is wrong with a DIRECT interface address (`address/prefix`) of this family. */
export function directIssues(text: string, family: 4 | 6): string[] {
  const c = parseCidr(text);
  const example = family === 4 ? "192.168.100.1/30" : "2001:db8:c59b::1/126";
  if (!c || c.family !== family) return [`must be an IPv${family} interface address with its prefix length, such as ${example} (got ${JSON.stringify(text)})`];
  if (family === 4 && !(DIRECT_IPV4_PREFIXES as readonly number[]).includes(c.prefix)) {
    return [`the subnet must be a /30, /29 or /28 (got /${c.prefix}; Equinix: "/30 is sufficient, but /28 and /29 also are permitted")`];
  }
  if (family === 6 && (c.prefix < DIRECT_IPV6_PREFIX_MIN || c.prefix > DIRECT_IPV6_PREFIX_MAX)) return [`the subnet must be a /${DIRECT_IPV6_PREFIX_MIN} to /${DIRECT_IPV6_PREFIX_MAX} (got /${c.prefix})`];
  if (!isHostOf(c, c)) return [`${c.address} is the network or broadcast address of its /${c.prefix}, not an interface address`];
  return [];
}

/** What is wrong with a BGP customer peer address of this family (a host address, no prefix). */
export function peerIssues(text: string, family: 4 | 6): string[] {
  const ip = parseIp(text);
  if (!ip || ip.family !== family) return [`must be an IPv${family} host address without a prefix length, such as ${family === 4 ? "192.168.100.2" : "2001:db8:c59b::2"} (got ${JSON.stringify(text)})`];
  return [];
}

/**
 * Where the BGP peer addresses do not fit the DIRECT routing protocol they depend on (checked at create
 * and update, after reading the DIRECT, before anything is sent): each must be a host of the DIRECT's
 * subnet of its family other than Equinix's interface address. Returns failures as [field, reason].
 */
export function peerSubnetIssues(v: RoutingProtocolInputs, d: FabricRoutingProtocol): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [family, peer, subnetText] of [
    [4, v.bgpIpv4?.customerPeerIp, d.directIpv4?.equinixIfaceIp],
    [6, v.bgpIpv6?.customerPeerIp, d.directIpv6?.equinixIfaceIp],
  ] as const) {
    if (peer === undefined) continue;
    const field = `bgpIpv${family}.customerPeerIp`;
    const subnet: Cidr | undefined = parseCidr(subnetText);
    const ip = parseIp(peer);
    if (!subnet) out.push([field, `the DIRECT routing protocol ${d.uuid} has no IPv${family} subnet: add directIpv${family} to it first`]);
    else if (ip && (!isHostOf(subnet, ip) || ip.value === subnet.value)) {
      out.push([field, `${peer} must be a host of the DIRECT subnet ${subnetText} other than Equinix's interface address ${subnet.address}`]);
    }
  }
  return out;
}

/** The RoutingProtocolBase body (POST and PUT) for these inputs. */
export function buildProtocolRequest(v: RoutingProtocolInputs): Record<string, unknown> {
  const body: Record<string, unknown> = { type: v.type, ...(v.name !== undefined ? { name: v.name } : {}) };
  if (v.type === "DIRECT") {
    if (v.directIpv4) body.directIpv4 = { equinixIfaceIp: v.directIpv4.equinixIfaceIp };
    if (v.directIpv6) body.directIpv6 = { equinixIfaceIp: v.directIpv6.equinixIfaceIp };
    return body;
  }
  if (v.bgpIpv4) body.bgpIpv4 = { customerPeerIp: v.bgpIpv4.customerPeerIp, enabled: v.bgpIpv4.enabled };
  if (v.bgpIpv6) body.bgpIpv6 = { customerPeerIp: v.bgpIpv6.customerPeerIp, enabled: v.bgpIpv6.enabled };
  body.customerAsn = v.customerAsn;
  if (v.authenticationKey !== undefined) body.bgpAuthKey = v.authenticationKey;
  // The specification types the interval as a string.
  if (v.bfd) body.bfd = { enabled: v.bfd.enabled, interval: String(v.bfd.interval) };
  return body;
}

/** What Fabric changes in place (PUT of the whole protocol) and what needs a new one. */
export const updateTable: Record<string, ChangeRule> = {
  connectionUuid: "replace",
  type: "replace",
  // A new DIRECT (replaced) means a new BGP: the BGP is deleted before it and created after it.
  directRoutingProtocolUuid: "replace",
  name: "update",
  directIpv4: "update",
  directIpv6: "update",
  bgpIpv4: "update",
  bgpIpv6: "update",
  customerAsn: "update",
  authenticationKey: "update",
  bfd: "update",
  timeouts: "ignore",
};

/** A connection holds one routing protocol of each type: a replacement on the same connection deletes the old one first. */
export function sameConnection(olds: Partial<RoutingProtocolInputs>, news: RoutingProtocolInputs): boolean {
  return olds.connectionUuid === news.connectionUuid && olds.type === news.type;
}

/** States of a protocol that is gone or going: refresh drops it, delete waits for DEPROVISIONED. */
const GONE = new Set(["DEPROVISIONED", "DEPROVISIONING"]);

export function isProtocolGone(p: FabricRoutingProtocol | undefined): boolean {
  return !p || GONE.has(p.state ?? "");
}

export type ProtocolVerdict = { done: true } | { done: false; state: string } | { failed: string; state: string };

/** Whether a create or replace is done (PROVISIONED). FAILED and a protocol going away end it as failed. */
export function protocolVerdict(p: FabricRoutingProtocol): ProtocolVerdict {
  const state = p.state ?? "UNKNOWN";
  if (state === "FAILED" || GONE.has(state)) {
    const errors = (p.operation?.errors ?? []).map((e) => [e.errorCode, e.errorMessage].filter(Boolean).join(" ")).filter(Boolean);
    return { failed: `Equinix reports the routing protocol ${state}${errors.length ? `: ${errors.join("; ")}` : ""}`, state };
  }
  return state === "PROVISIONED" ? { done: true } : { done: false, state };
}

/** Whether the protocol shows the values a PUT sends (a PUT whose answer was lost may have been applied). */
export function protocolShows(p: FabricRoutingProtocol, v: RoutingProtocolInputs): boolean {
  const back = readBackProtocolInputs(p, v);
  return (["name", "directIpv4", "directIpv6", "bgpIpv4", "bgpIpv6", "customerAsn", "authenticationKey", "bfd"] as const).every((k) => sameValue(back[k], v[k]));
}

function bfdOf(p: FabricRoutingProtocol): { enabled: boolean; interval: number } | undefined {
  if (!p.bfd) return undefined;
  const n = Number(p.bfd.interval ?? BFD_INTERVAL_DEFAULT);
  return { enabled: p.bfd.enabled === true, interval: Number.isFinite(n) ? n : BFD_INTERVAL_DEFAULT };
}

/**
 * The inputs as Equinix now has them, in the shape the user wrote: addresses, ASN, key, BFD and the
 * families' admin status Fabric returns replace the old ones (a portal edit shows as a diff); what it
 * does not return (the key on a real account may be withheld, the DIRECT dependency, timeouts) keeps the
 * old input. A name Fabric generated is not copied into inputs that had none.
 */
export function readBackProtocolInputs(p: FabricRoutingProtocol, old: RoutingProtocolInputs): RoutingProtocolInputs {
  const family = (b: FabricRoutingProtocol["bgpIpv4"], o: { customerPeerIp: string; enabled: boolean } | undefined) =>
    b ? { customerPeerIp: b.customerPeerIp ?? o?.customerPeerIp ?? "", enabled: b.enabled ?? o?.enabled ?? true } : undefined;
  const type = (p.type === "DIRECT" || p.type === "BGP" ? p.type : old.type) as RoutingProtocolInputs["type"];
  const out: RoutingProtocolInputs = {
    connectionUuid: p.connection?.uuid ?? old.connectionUuid,
    type,
    ...(old.name !== undefined ? { name: p.name ?? old.name } : {}),
    ...keptTimeouts(old),
  };
  if (type === "DIRECT") {
    if (p.directIpv4?.equinixIfaceIp) out.directIpv4 = { equinixIfaceIp: p.directIpv4.equinixIfaceIp };
    if (p.directIpv6?.equinixIfaceIp) out.directIpv6 = { equinixIfaceIp: p.directIpv6.equinixIfaceIp };
    return out;
  }
  if (old.directRoutingProtocolUuid !== undefined) out.directRoutingProtocolUuid = old.directRoutingProtocolUuid;
  const v4 = family(p.bgpIpv4, old.bgpIpv4);
  const v6 = family(p.bgpIpv6, old.bgpIpv6);
  if (v4) out.bgpIpv4 = v4;
  if (v6) out.bgpIpv6 = v6;
  const asn = p.customerAsn ?? old.customerAsn;
  if (asn !== undefined) out.customerAsn = asn;
  const key = p.bgpAuthKey ?? old.authenticationKey;
  if (key !== undefined) out.authenticationKey = key;
  const bfd = bfdOf(p);
  if (bfd && (old.bfd !== undefined || bfd.enabled)) out.bfd = bfd;
  else if (!p.bfd && old.bfd !== undefined) out.bfd = old.bfd;
  return out;
}

/** The inputs a program would write for a protocol Fabric already has (read from its id alone), with the DIRECT it depends on, if any. */
export function protocolInputsFromVendor(p: FabricRoutingProtocol, connectionUuid: string, directUuid?: string): RoutingProtocolInputs {
  const base: RoutingProtocolInputs = { connectionUuid, type: p.type === "BGP" ? "BGP" : "DIRECT", ...(p.name ? { name: p.name } : {}) };
  return readBackProtocolInputs(p, { ...base, ...(base.type === "BGP" && directUuid ? { directRoutingProtocolUuid: directUuid } : {}) });
}

/** The session's state on Fabric's side per family (UP, DOWN, UNKNOWN), "" when the protocol has no such family. */
function sessionStatus(b: FabricRoutingProtocol["bgpIpv4"]): string {
  return b ? b.operation?.operationalStatus ?? "UNKNOWN" : "";
}

/** Outputs: the inputs as read back, plus what Equinix computed (its addresses and ASN, the session's state). */
export function protocolOutputs(p: FabricRoutingProtocol, inputs: RoutingProtocolInputs): Record<string, unknown> {
  return {
    ...readBackProtocolInputs(p, inputs),
    ...fabricObjectOutputs(p),
    changeUuid: p.change?.uuid,
    equinixAsn: p.equinixAsn,
    equinixPeerIpv4: p.bgpIpv4?.equinixPeerIp,
    equinixPeerIpv6: p.bgpIpv6?.equinixPeerIp,
    bgpIpv4Status: sessionStatus(p.bgpIpv4),
    bgpIpv6Status: sessionStatus(p.bgpIpv6),
  };
}

/** The resource id: `<connection uuid>/<routing protocol uuid>` (a routing protocol is read through its connection). */
export function protocolId(connectionUuid: string, uuid: string): string {
  return `${connectionUuid}/${uuid}`;
}

/** The connection and protocol of an id; a bare protocol uuid takes the connection from `fallbackConnection`. */
export function parseProtocolId(id: string, fallbackConnection?: string): { connectionUuid: string; uuid: string } {
  const i = id.indexOf("/");
  if (i > 0) return { connectionUuid: id.slice(0, i), uuid: id.slice(i + 1) };
  if (!fallbackConnection) throw new Error(`routing protocol id ${JSON.stringify(id)} must be "<connection uuid>/<routing protocol uuid>"`);
  return { connectionUuid: fallbackConnection, uuid: id };
}
