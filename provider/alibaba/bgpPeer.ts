import type * as pulumi from "@pulumi/pulumi";
import type { AdoptArgs, TimedArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { RegionArgs } from "./args";
import type { BgpPeerInputs } from "./bgpPeerMapping";

export interface BgpPeerArgs extends RegionArgs, TimedArgs, AdoptArgs {
  /** The BGP group on the VBR, bgpg-... (e.g. a `BgpGroup`'s `bgpGroupId` output, which also makes destroy delete the peer before the group). A change replaces the peer. */
  bgpGroupId: pulumi.Input<string>;
  /**
   * The far end's address on the VBR's peering subnet, e.g. the VBR's `peerGatewayIp` (the Fabric Cloud
   * Router's interface address, or your router's), without a prefix length. Changed in place.
   */
  peerIpAddress: pulumi.Input<string>;
  /** "IPv4" or "IPv6": the peer's address family, which must be its group's. Defaults to the family of `peerIpAddress`. A change replaces the peer. */
  ipVersion?: pulumi.Input<"IPv4" | "IPv6">;
  /**
   * Bidirectional Forwarding Detection on the session. Defaults to false. Its timers and detect multiplier
   * are the VBR's (`minRxInterval`, `minTxInterval`, `detectMultiplier` on `VirtualBorderRouter`). Changed in place.
   */
  enableBfd?: pulumi.Input<boolean>;
  /**
   * BFD's hop count, 1 to 255, only with `enableBfd` (Alibaba's default 255; Alibaba advises 1 for a direct
   * link without devices in between). Changed in place.
   */
  bfdMultiHop?: pulumi.Input<number>;
  /**
   * The BGP session state create and update wait for after the peer is Available: "Established", the only
   * one, within the create or update timeout. Omitted: they do not wait for the session. Refresh reads the
   * session's state (BgpStatus) into it, so a session that went down since shows as a change (Established
   * -> Connect) and the next `pulumi up` waits until it is Established again, after the changes the program
   * makes (e.g. its group's MD5 key set back). A session still not Established at the limit fails the
   * create or update with its state and what that state usually means (the peer stays in the stack).
   */
  sessionState?: pulumi.Input<"Established">;
}

/**
 * A BGP peer in a VBR's BGP group (CreateBgpPeer): the session from Alibaba's side to one address. Create
 * waits until the peer is Available and, with `sessionState: "Established"`, until the session is up:
 * `bgpStatus` is the session's state as DescribeBgpPeers reports it when the resource was last created,
 * updated or refreshed. Its id (for `get`
 * and `adoptId`) is the peer's, bgp-....
 *
 * Default timeouts: create "10m" (waiting until Available), update "10m", delete "10m" (waiting until gone).
 */
export class BgpPeer extends resourceClass<BgpPeer, BgpPeerArgs, typeof BgpPeerInputs, BgpPeerOutputs>({
  kind: "alibaba:BgpPeer", // never renamed once released
  lifecycle: () => (require("./bgpPeerLifecycle") as typeof import("./bgpPeerLifecycle")).bgpPeerLifecycle,
  adopt: { noun: "BGP peer" },
  outputs: ["bgpPeerId", "bgpGroupId", "vbrId", "peerIpAddress", "ipVersion", "enableBfd", "bfdMultiHop", "peerAsn", "localAsn", "status", "bgpStatus"],
  takesTimeouts: true,
}) {}

/** What a BgpPeer reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface BgpPeerOutputs {
  /** bgp-... (also the resource id). */
  bgpPeerId: string;
  bgpGroupId: string;
  /** The VBR of the peer's group, vbr-.... */
  vbrId: string;
  peerIpAddress: string;
  ipVersion: string | undefined;
  enableBfd: boolean;
  bfdMultiHop: number | undefined;
  /** The far end's ASN (the group's `peerAsn`). */
  peerAsn: number;
  /** Alibaba's side's ASN (the group's, 45104 by default). */
  localAsn: number;
  /** Pending, Available, Modifying, Deleting. */
  status: string;
  /**
   * The BGP session's state: Idle, Connect, Active, OpenSent, OpenConfirm or Established (Alibaba also
   * reports Down). Why a session is not Established is not something DescribeBgpPeers says: check the
   * far end (addresses, ASNs, MD5 key); against the sandbox, `GET /_sandbox/alibaba/bgpPeers/:id` gives the reason.
   */
  bgpStatus: string;
}
