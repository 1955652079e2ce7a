import type * as pulumi from "@pulumi/pulumi";
import type { AdoptArgs, TimedArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { DescriptionArgs, NameArgs, RegionArgs } from "./args";
import type { BgpGroupInputs } from "./bgpGroupMapping";

export interface BgpGroupArgs extends NameArgs, DescriptionArgs, RegionArgs, TimedArgs, AdoptArgs {
  /** The VBR the group belongs to, vbr-... (Alibaba's RouterId; e.g. a `VirtualBorderRouter`'s `vbrId` output, which also makes destroy delete the group before the VBR). A change replaces the group. */
  vbrId: pulumi.Input<string>;
  /**
   * The ASN of your side of the session (your router, or the Fabric Cloud Router's ASN), 1 to 4294967294,
   * 2-byte or 4-byte. It must differ from Alibaba's side (45104 unless `localAsn` says otherwise). Changed in place.
   */
  peerAsn: pulumi.Input<number>;
  /**
   * The ASN of Alibaba's side: 45104 (Alibaba's own, the default), 64512 to 65534 (not 65025, which Alibaba
   * reserves) or 4200000000 to 4294967294. Alibaba warns that a custom one may loop routes when a data center
   * is reached over several lines. The `effectiveLocalAsn` output is the one in force. Changed in place.
   */
  localAsn?: pulumi.Input<number>;
  /**
   * The BGP MD5 authentication key, the same on both ends of the session: 1 to 80 printable ASCII characters
   * without spaces (80 is Equinix Fabric's limit for the same key). A secret: pass `pulumi.secret(...)` or a
   * secret config value; the `authKey` output is encrypted in the state either way. Removing it clears the
   * key (ClearAuthKey). Changed in place.
   */
  authKey?: pulumi.Input<string>;
  /** "IPv4" (default) or "IPv6"; IPv6 needs a VBR with IPv6 enabled. A change replaces the group. */
  ipVersion?: pulumi.Input<"IPv4" | "IPv6">;
  /** Use a fake ASN (Alibaba: for an AS migration where the router cannot change its ASN yet). Defaults to false. Changed in place. */
  isFakeAsn?: pulumi.Input<boolean>;
  /** The most routes a peer of the group may send, a whole number from 1 (Alibaba's default 110). Changed in place. */
  routeQuota?: pulumi.Input<number>;
}

/**
 * A BGP group on an Alibaba Cloud VBR (CreateBgpGroup): the ASNs and MD5 key of the sessions its peers
 * (`alibaba.BgpPeer`) run. Create waits until the group is Available. Alibaba refuses to delete a VBR that
 * still has BGP groups, so pass the VBR's `vbrId` output as `vbrId`: destroy then deletes the group (and,
 * before it, its peers) before the VBR. Its id (for `get` and `adoptId`) is the group's, bgpg-....
 *
 * Default timeouts: create "10m" (waiting until Available), update "10m", delete "10m" (waiting until gone).
 */
export class BgpGroup extends resourceClass<BgpGroup, BgpGroupArgs, typeof BgpGroupInputs, BgpGroupOutputs>({
  kind: "alibaba:BgpGroup", // never renamed once released
  lifecycle: () => (require("./bgpGroupLifecycle") as typeof import("./bgpGroupLifecycle")).bgpGroupLifecycle,
  adopt: { noun: "BGP group", secrets: ["authKey"] },
  outputs: ["bgpGroupId", "vbrId", "peerAsn", "localAsn", "effectiveLocalAsn", "authKey", "ipVersion", "isFakeAsn", "routeQuota", "name", "description", "status", "hold", "keepalive"],
  // The MD5 key: encrypted in the state even when the program passed it in clear.
  secretOutputs: ["authKey"],
  takesTimeouts: true,
}) {}

/** What a BgpGroup reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface BgpGroupOutputs {
  /** bgpg-... (also the resource id). */
  bgpGroupId: string;
  vbrId: string;
  peerAsn: number;
  /** The `localAsn` argument as given (unset when the program leaves it out). */
  localAsn: number | undefined;
  /** The ASN of Alibaba's side in force: `localAsn`, else 45104. The far end must peer with this ASN. */
  effectiveLocalAsn: number;
  /** The MD5 key (a secret output). */
  authKey: string | undefined;
  ipVersion: string;
  isFakeAsn: boolean | undefined;
  routeQuota: number | undefined;
  name: string | undefined;
  description: string | undefined;
  /** Pending, Available, Modifying, Deleting. */
  status: string;
  /** The hold time Alibaba uses, in seconds ("30"). */
  hold: string;
  /** The keepalive interval Alibaba uses, in seconds ("10"). */
  keepalive: string;
}
