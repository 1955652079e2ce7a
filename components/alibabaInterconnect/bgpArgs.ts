import type * as pulumi from "@pulumi/pulumi";

/** The Fabric Cloud Router `AlibabaInterconnect` creates as the A side of its handovers (a `fabric.CloudRouter`). */
export interface AlibabaCloudRouterArgs {
  /** Router name: 3 to 24 letters, digits, '-' or '_'. Defaults to `<component name>-fcr` (cut to 24). */
  name?: string;
  /** The router package: LAB, BASIC, STANDARD, ADVANCED or PREMIUM (Equinix allows 3 LAB routers per organization). */
  packageCode: "LAB" | "BASIC" | "STANDARD" | "ADVANCED" | "PREMIUM";
  /** The Fabric project the router belongs to. */
  projectId: string;
  /** The Equinix billing account number; omitted: the account of the credentials. */
  accountNumber?: number;
}

/** One handover's BGP session. */
export interface AlibabaBgpSessionArgs {
  /**
   * The session's MD5 key, the same on both ends: 1 to 80 printable ASCII characters without spaces (Alibaba's
   * BGP group rule; Fabric takes up to 80). A secret: pass `pulumi.secret(...)` or a secret config value; it
   * is stored encrypted either way, and each handover should have its own.
   */
  authKey: pulumi.Input<string>;
}

/**
 * BGP on the handovers of an `AlibabaInterconnect`. The addresses are each handover's peering addresses
 * (`peeringSubnet`, or `localGatewayIp` / `peerGatewayIp` / `peeringSubnetMask`): Alibaba's end is the VBR's
 * local address, the far end (the cloud router's interface, or your router) its peer address.
 */
export interface AlibabaBgpArgs {
  /** The PRIMARY handover's session (required). */
  primary: AlibabaBgpSessionArgs;
  /** The SECONDARY handover's session: required when the component has a secondary handover, refused otherwise. */
  secondary?: AlibabaBgpSessionArgs;
  /**
   * Port A sides only: your router's ASN, 1 to 4294967294, other than Alibaba's side's (`alibabaAsn`).
   * With a cloud router A side the customer ASN is the router's, which Equinix assigns: leave it out.
   */
  customerAsn?: number;
  /**
   * The ASN of Alibaba's side (the BGP groups' `localAsn`): 45104, Alibaba's own (the default), 64512 to
   * 65534 (not 65025, which Alibaba reserves) or 4200000000 to 4294967294; with a cloud router A side, also
   * none of the ASNs Equinix reserves (e.g. 64600), since the router peers with it.
   */
  alibabaAsn?: number;
  /** BFD on each session (both ends with a cloud router; Alibaba's with a port). Defaults to false. */
  enableBfd?: boolean;
  /**
   * Cloud router A sides: how long each Alibaba BGP peer's create or update waits for the peer and its
   * session to be Established, a duration such as "90s", "10m" or "1h" (default "10m"). A session still not
   * Established then fails the `up`, naming the handover's peer, its state and what that state usually means.
   */
  sessionTimeout?: string;
  /**
   * Port A sides: the interface of your router in the rendered configuration (`routerConfig`), an IOS-XE
   * interface name such as "GigabitEthernet0/0/1" (default "GigabitEthernet1"); the handover's VLAN makes
   * the subinterface.
   */
  routerInterface?: string;
}

/** Per handover with `bgp`: both ends of the session (nothing secret). */
export interface AlibabaBgpSessionOutputs {
  role: "primary" | "secondary";
  /** "cloudRouter" (both ends created, session waited for) or "port" (your router is the far end). */
  aSide: "cloudRouter" | "port";
  /** The far end's VLAN: on a port A side the handover's tag on your port (the outer one of a QINQ port); 0 for a cloud router. */
  vlan: number;
  /** A QINQ port's inner tag, when it has one. */
  innerVlan?: number;
  /** The far end's address with the subnet's prefix (the cloud router's interface, or yours), e.g. "169.254.10.2/30". */
  localIp: string;
  /** Alibaba's address, the one the far end peers with, e.g. "169.254.10.1". */
  peerIp: string;
  /** The far end's ASN: the cloud router's, or `customerAsn`. */
  localAsn: number;
  /** Alibaba's side's ASN in force (45104 unless `alibabaAsn`). */
  peerAsn: number;
  bgpGroupId: string;
  bgpPeerId: string;
  /** The session's state as Alibaba reported it when the peer was last created, updated or refreshed (`pulumi refresh` updates the peer's `bgpStatus`). */
  bgpStatus: string;
  /** Cloud router A sides: the uuids of the Fabric DIRECT and BGP routing protocols. */
  directRoutingProtocolUuid?: string;
  bgpRoutingProtocolUuid?: string;
}

/** Per handover with `bgp`: what is secret. */
export interface AlibabaBgpSecretOutputs {
  role: "primary" | "secondary";
  /** The session's MD5 key. */
  authKey: string;
  /** Port A sides: the configuration of your router's end, in Cisco IOS-XE syntax (it carries the key). */
  routerConfig?: string;
}
