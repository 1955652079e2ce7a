import type * as pulumi from "@pulumi/pulumi";
import type { AdoptArgs, TimedArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { RoutingProtocolInputs } from "./routingProtocolMapping";

/** Equinix's side of a DIRECT routing protocol, one address family. */
export interface DirectAddressArgs {
  /**
   * Equinix's interface address with the subnet's prefix length: IPv4 a /30 (or /29, /28; e.g.
   * "192.168.100.1/30"), IPv6 a /64 to /127 (e.g. "2001:db8:c59b::1/126"). The subnets of one cloud
   * router's connections must not overlap. Changed in place.
   */
  equinixIfaceIp: pulumi.Input<string>;
}

/** The customer's side of a BGP session, one address family. */
export interface BgpPeerArgs {
  /**
   * The far end's address (e.g. the Alibaba VBR's local address), a host of the DIRECT subnet of the same
   * family other than Equinix's interface address, without a prefix length. Changed in place.
   */
  customerPeerIp: pulumi.Input<string>;
  /** The family's BGP session is administratively up. Defaults to true. Changed in place. */
  enabled?: pulumi.Input<boolean>;
}

/** Bidirectional Forwarding Detection on the BGP session. */
export interface BfdArgs {
  /** Turn BFD on. Changed in place. */
  enabled: pulumi.Input<boolean>;
  /** Interval between BFD control packets in milliseconds, 100 to 30000; defaults to 100 (Fabric's default). Changed in place. */
  interval?: pulumi.Input<number>;
}

export interface RoutingProtocolArgs extends TimedArgs, AdoptArgs {
  /** UUID of the connection (from a Fabric Cloud Router, `fabric.Connection` with `aSide.cloudRouter`). A change replaces the protocol. */
  connectionUuid: pulumi.Input<string>;
  /** DIRECT (the connection's addressing) or BGP (the session over it; needs a DIRECT first). A change replaces the protocol. */
  type: pulumi.Input<"DIRECT" | "BGP">;
  /** A name for the protocol, up to 50 characters; omitted: Equinix names it. Changed in place. */
  name?: pulumi.Input<string>;
  /** DIRECT: Equinix's IPv4 interface address and subnet. At least one of directIpv4 and directIpv6. */
  directIpv4?: pulumi.Input<DirectAddressArgs>;
  /** DIRECT: Equinix's IPv6 interface address and subnet. */
  directIpv6?: pulumi.Input<DirectAddressArgs>;
  /**
   * BGP (required): the uuid of the connection's DIRECT routing protocol (`direct.uuid`). It makes the BGP
   * depend on the DIRECT, so one `pulumi up` creates the DIRECT, waits until it is PROVISIONED, then
   * creates the BGP, and destroy deletes the BGP before the DIRECT, as Fabric requires. Not sent to
   * Fabric; a change (a new DIRECT) replaces the BGP.
   */
  directRoutingProtocolUuid?: pulumi.Input<string>;
  /** BGP: the customer's IPv4 peer. At least one of bgpIpv4 and bgpIpv6. */
  bgpIpv4?: pulumi.Input<BgpPeerArgs>;
  /** BGP: the customer's IPv6 peer. */
  bgpIpv6?: pulumi.Input<BgpPeerArgs>;
  /**
   * BGP (required): the far end's ASN, 1 to 4294967294 except the reserved ones Equinix lists (112, 23456,
   * 64496-64511, 64600, 65535-65551, 4200000000-4200000002). Alibaba Cloud's side is 45104. Changed in place.
   */
  customerAsn?: pulumi.Input<number>;
  /** BGP: the session's MD5 key, 1 to 80 printable ASCII characters (Fabric's `bgpAuthKey`). Stored as a secret. Changed in place. */
  authenticationKey?: pulumi.Input<string>;
  /** BGP: BFD on the session. Omitted: off. Changed in place. */
  bfd?: pulumi.Input<BfdArgs>;
}

/**
 * A routing protocol of a Fabric Cloud Router connection (`/fabric/v4/connections/{id}/routingProtocols`):
 * DIRECT (Equinix's interface addresses on the connection) or BGP (the session with the far end: its
 * address, ASN, MD5 key, BFD). Create waits until PROVISIONED; every field but the connection and the type
 * changes in place (PUT of the whole protocol, then waits until PROVISIONED again); delete waits until
 * DEPROVISIONED. A BGP names its DIRECT (`directRoutingProtocolUuid`), which orders both ways without
 * `dependsOn`. The session's state on Fabric's side is `bgpIpv4Status` / `bgpIpv6Status`.
 *
 * Its id (for `get` and `adoptId`) is `<connection uuid>/<routing protocol uuid>`; `adoptId` also takes the
 * protocol's uuid alone (the connection is `connectionUuid`).
 *
 * Default timeouts: create "20m" (waiting until PROVISIONED; a BGP also waits for its DIRECT), update "20m", delete "20m".
 */
export class RoutingProtocol extends resourceClass<RoutingProtocol, RoutingProtocolArgs, typeof RoutingProtocolInputs, RoutingProtocolOutputs>({
  kind: "fabric:RoutingProtocol", // never renamed once released
  lifecycle: () => (require("./routingProtocolLifecycle") as typeof import("./routingProtocolLifecycle")).routingProtocolLifecycle,
  adopt: { noun: "routing protocol", secrets: ["authenticationKey"], hints: { directRoutingProtocolUuid: "set it to the uuid of the connection's DIRECT routing protocol" } },
  outputs: [
    "uuid", "href", "connectionUuid", "type", "name", "directIpv4", "directIpv6", "directRoutingProtocolUuid", "bgpIpv4", "bgpIpv6", "customerAsn", "bfd",
    "state", "changeUuid", "equinixAsn", "equinixPeerIpv4", "equinixPeerIpv6", "bgpIpv4Status", "bgpIpv6Status",
  ],
  secretOutputs: ["authenticationKey"],
  takesTimeouts: true,
}) {}

/** What a RoutingProtocol reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface RoutingProtocolOutputs {
  /** Equinix's routing protocol UUID; a BGP names its DIRECT's as `directRoutingProtocolUuid`. */
  uuid: string;
  href: string;
  connectionUuid: string;
  type: string;
  name: string | undefined;
  directIpv4: DirectAddressArgs | undefined;
  directIpv6: DirectAddressArgs | undefined;
  directRoutingProtocolUuid: string | undefined;
  bgpIpv4: { customerPeerIp: string; enabled: boolean } | undefined;
  bgpIpv6: { customerPeerIp: string; enabled: boolean } | undefined;
  customerAsn: number | undefined;
  bfd: { enabled: boolean; interval: number } | undefined;
  /** PROVISIONED, PROVISIONING, REPROVISIONING, DEPROVISIONING, FAILED ... */
  state: string;
  /** The last change Equinix recorded (creation, update, deletion). */
  changeUuid: string;
  /** BGP: the cloud router's ASN, the one the far end peers with. */
  equinixAsn: number | undefined;
  /** BGP: Equinix's IPv4 peer address (the DIRECT's interface address), the one the far end peers with. */
  equinixPeerIpv4: string | undefined;
  /** BGP: Equinix's IPv6 peer address. */
  equinixPeerIpv6: string | undefined;
  /** BGP: the IPv4 session as Fabric sees it: UP, DOWN or UNKNOWN ("" without bgpIpv4). Refresh updates it. */
  bgpIpv4Status: string;
  /** BGP: the IPv6 session as Fabric sees it: UP, DOWN or UNKNOWN ("" without bgpIpv6). */
  bgpIpv6Status: string;
}
