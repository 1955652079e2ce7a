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
