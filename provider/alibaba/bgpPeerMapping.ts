import { isIPv4, isIPv6 } from "net";
import { z } from "zod";
import { updateTableOf } from "../core/diff";
import { inputKeys, pickKeys } from "../core/lifecycle";
import { fail } from "../core/validation";
import { timeoutsSchema } from "../core/timeouts";
import type { BgpPeer } from "./client";
import { present } from "./common";
import { readBackOptional, textOutputs } from "./sharedMapping";

/**
 * A BGP peer in a VBR's BGP group, as Alibaba's API reference describes CreateBgpPeer,
 * ModifyBgpPeerAttribute, DeleteBgpPeer and DescribeBgpPeers (VPC API 2016-04-28).
 */

/** The BFD hop count Alibaba uses when BFD is on and none is given (CreateBgpPeer: "change the default BFD hop count from 255 to 1" for direct links). */
export const DEFAULT_BFD_MULTI_HOP = 255;

/** The session states DescribeBgpPeers reports (BgpStatus): the BGP finite-state machine's, plus Down. */
export const BGP_STATUSES = ["Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established", "Down"] as const;

export const BgpPeerInputs = z
  .object({
    bgpGroupId: z.string().regex(/^bgpg-/, "must be a BGP group id (bgpg-...)"),
    peerIpAddress: z.string().refine((v) => isIPv4(v) || isIPv6(v), { message: "must be an IPv4 or IPv6 address such as 10.0.0.2, without a prefix length" }),
    ipVersion: z.enum(["IPv4", "IPv6"]).optional(),
    enableBfd: z.boolean().default(false),
    bfdMultiHop: z.number().int("must be a whole number").min(1, "must be 1 to 255 hops").max(255, "must be 1 to 255 hops").optional(),
    sessionState: z.literal("Established", { errorMap: () => ({ message: 'must be "Established", the one session state a peer waits for' }) }).optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.bfdMultiHop !== undefined && !v.enableBfd) fail(ctx, ["bfdMultiHop"], "applies only with enableBfd true (it is BFD's hop count)");
    const family = isIPv6(v.peerIpAddress) ? "IPv6" : isIPv4(v.peerIpAddress) ? "IPv4" : undefined;
    if (v.ipVersion && family && v.ipVersion !== family) fail(ctx, ["peerIpAddress"], `must be an ${v.ipVersion} address (ipVersion is ${v.ipVersion}; got ${v.peerIpAddress})`);
  });
export type BgpPeerInputs = z.output<typeof BgpPeerInputs>;

export const BGP_PEER_INPUT_KEYS = inputKeys(BgpPeerInputs);

/** The group and address family are fixed at creation; the address and BFD change in place (ModifyBgpPeerAttribute). */
export const updateTable = updateTableOf(BGP_PEER_INPUT_KEYS, { replace: ["bgpGroupId", "ipVersion"] });

/** A peer being deleted counts as gone (refresh drops it; a create does not adopt it). */
export function isBgpPeerGone(p: BgpPeer): boolean {
  return p.Status === "Deleting" || p.Status === "Deleted";
}

/** The address family of the peer: the argument, else the address's. */
export function familyOf(v: Pick<BgpPeerInputs, "ipVersion" | "peerIpAddress">): "IPv4" | "IPv6" {
  return v.ipVersion ?? (isIPv6(v.peerIpAddress) ? "IPv6" : "IPv4");
}

export function createParams(v: BgpPeerInputs): Record<string, unknown> {
  return {
    BgpGroupId: v.bgpGroupId,
    PeerIpAddress: v.peerIpAddress,
    IpVersion: familyOf(v),
    EnableBfd: v.enableBfd,
    ...(v.enableBfd ? { BfdMultiHop: v.bfdMultiHop ?? DEFAULT_BFD_MULTI_HOP } : {}),
  };
}

/** ModifyBgpPeerAttribute's parameters for the changed inputs (a removed hop count with BFD on goes back to 255). */
export function modifyParams(olds: Partial<BgpPeerInputs>, news: BgpPeerInputs): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  if (news.peerIpAddress !== olds.peerIpAddress) out.PeerIpAddress = news.peerIpAddress;
  if (news.enableBfd !== (olds.enableBfd ?? false)) out.EnableBfd = news.enableBfd;
  if (news.enableBfd && (news.bfdMultiHop !== olds.bfdMultiHop || out.EnableBfd !== undefined)) out.BfdMultiHop = news.bfdMultiHop ?? DEFAULT_BFD_MULTI_HOP;
  return Object.keys(out).length ? out : undefined;
}

/** Whether DescribeBgpPeers shows every modified parameter. */
export function reflects(p: BgpPeer, params: Record<string, unknown>): boolean {
  const shown: Record<string, unknown> = { PeerIpAddress: p.PeerIpAddress, EnableBfd: p.EnableBfd, BfdMultiHop: p.BfdMultiHop };
  return Object.entries(params).every(([k, val]) => shown[k] === undefined || String(shown[k]) === String(val));
}

/** Output -> field of the peer, besides the inputs. */
const OUTPUT_FIELDS = { vbrId: "RouterId", status: "Status", bgpStatus: "BgpStatus" } as const;

/**
 * The inputs, the peer's id, its VBR, the ASNs its group gives it, its status and the session's state.
 * The group's MD5 key, which DescribeBgpPeers also returns, is left out: it is the group's secret output.
 */
export function toOutputs(p: BgpPeer, inputs: BgpPeerInputs): Record<string, unknown> {
  return { ...pickKeys(inputs as Record<string, unknown>, BGP_PEER_INPUT_KEYS), bgpPeerId: p.BgpPeerId, ...textOutputs(p, OUTPUT_FIELDS), peerAsn: p.PeerAsn, localAsn: p.LocalAsn };
}

/** The optional inputs read back only when the program sets them. */
const READ_BACK_OPTIONAL = { ipVersion: "IpVersion", bfdMultiHop: "BfdMultiHop" } as const;

/** The inputs as Alibaba has them: the address and BFD always, the family and hop count when the program sets them. */
export function readBackInputs(p: BgpPeer, old: BgpPeerInputs): BgpPeerInputs {
  return {
    ...old,
    bgpGroupId: present(p.BgpGroupId) ?? old.bgpGroupId,
    peerIpAddress: present(p.PeerIpAddress) ?? old.peerIpAddress,
    enableBfd: p.EnableBfd ?? old.enableBfd,
    ...readBackOptional(p, old, READ_BACK_OPTIONAL),
    // The hop count means nothing without BFD: a peer whose BFD was turned off outside keeps none.
    ...(p.EnableBfd === false ? { bfdMultiHop: undefined } : {}),
    // A session waited for reads back as it is now: one that went down shows as drift, and the next up waits again.
    ...(old.sessionState !== undefined ? { sessionState: (present(p.BgpStatus) ?? "unknown") as BgpPeerInputs["sessionState"] } : {}),
  };
}

/** The inputs a program would write for a peer Alibaba has (read from its id alone: `get`, adoption). */
export function bgpPeerFromVendor(p: BgpPeer): BgpPeerInputs {
  const bfd = p.EnableBfd === true;
  const hops = bfd && p.BfdMultiHop !== undefined && p.BfdMultiHop !== DEFAULT_BFD_MULTI_HOP ? p.BfdMultiHop : undefined;
  return {
    bgpGroupId: present(p.BgpGroupId) ?? "",
    peerIpAddress: present(p.PeerIpAddress) ?? "",
    enableBfd: bfd,
    ...(hops === undefined ? {} : { bfdMultiHop: hops }),
  } as BgpPeerInputs;
}
