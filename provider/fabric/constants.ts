/** Facts about Equinix Fabric that validation needs without calling the API. */

// The service profiles' facts live in serviceProfiles.ts; the Alibaba profile's public names are re-exported here.
export { ALIBABA_BANDWIDTHS, ALIBABA_METROS, ALIBABA_PROFILE_UUID, ALIBABA_SELLER_REGIONS } from "./serviceProfiles";

/** Bandwidths (Mbps) Fabric offers for EVPL and IP virtual connections. */
export const FABRIC_BANDWIDTHS = [50, 100, 200, 500, 1000, 2000, 5000, 10000, 25000, 50000, 100000] as const;

/** Fabric v4 accepts VLAN tags 2..4092 (the legacy ECX v3 API accepted up to 4094). */
export const FABRIC_VLAN_MIN = 2;
export const FABRIC_VLAN_MAX = 4092;

export const TERM_LENGTHS = [1, 12, 24, 36] as const;

export const PORT_TYPES = ["DOT1Q", "QINQ"] as const;
export type PortType = (typeof PORT_TYPES)[number];

// ---- Fabric Cloud Routers and routing protocols (Equinix "Fabric Cloud Router" guides, Fabric v4 specification)

/** Fabric Cloud Router packages (CloudRouterPostRequestPackage.code). */
export const FCR_PACKAGES = ["LAB", "BASIC", "STANDARD", "ADVANCED", "PREMIUM"] as const;
/** A router's name: 3 to 24 characters (EQ-3040022), letters, digits, '-' and '_'. */
export const FCR_NAME = /^[A-Za-z0-9_-]{3,24}$/;
/** Equinix: "Fabric Cloud Router MD5 authentication supports up to 80 ASCII characters, unhashed". */
export const BGP_MD5_KEY_MAX = 80;
/** Equinix: a DIRECT IPv4 subnet "/30 is sufficient, but /28 and /29 also are permitted". */
export const DIRECT_IPV4_PREFIXES = [28, 29, 30] as const;
/** DIRECT IPv6 subnets accepted (Equinix's examples use /126). */
export const DIRECT_IPV6_PREFIX_MIN = 64;
export const DIRECT_IPV6_PREFIX_MAX = 127;
/** BFD interval in ms: Fabric's default is 100. */
export const BFD_INTERVAL_DEFAULT = 100;
export const BFD_INTERVAL_MIN = 100;
export const BFD_INTERVAL_MAX = 30000;
/**
 * Customer ASNs a Fabric Cloud Router accepts: 1 to 4294967294 except these (Equinix, "Border Gateway
 * Protocol (BGP) Features": reserved by RFCs, and Equinix-reserved).
 */
export const ASN_MAX = 4294967294;
export const RESERVED_ASNS: ReadonlyArray<readonly [number, number, string]> = [
  [112, 112, "used by the AS112 project (RFC 7534)"],
  [23456, 23456, "AS_TRANS (RFC 6793)"],
  [64496, 64511, "reserved for documentation (RFC 5398)"],
  [64600, 64600, "reserved by Equinix"],
  [65535, 65535, "reserved (RFC 7300)"],
  [65536, 65551, "reserved for documentation (RFC 5398)"],
  [4200000000, 4200000002, "reserved by Equinix"],
];
