/** Facts about Equinix Fabric that validation needs without calling the API. */

/** The "Alibaba Cloud Express Connect" service profile. */
export const ALIBABA_PROFILE_UUID = "4c4b8edf-873b-4c6c-805a-edb2c335bd6c";

/** Metros where the Alibaba profile is offered. */
export const ALIBABA_METROS = ["HK", "SG", "TY", "DC", "SV", "FR", "LD"] as const;

/** The Alibaba region (the profile's sellerRegion) served in each metro. */
export const ALIBABA_SELLER_REGIONS: Record<(typeof ALIBABA_METROS)[number], string> = {
  HK: "cn-hongkong",
  SG: "ap-southeast-1",
  TY: "ap-northeast-1",
  DC: "us-east-1",
  SV: "us-west-1",
  FR: "eu-central-1",
  LD: "eu-west-1",
};

/**
 * The Alibaba profile's authentication key is the customer's Alibaba Cloud account ID (Equinix Fabric
 * "Alibaba Cloud Express Connect" profile: the key is the account ID shown in the Alibaba Cloud console's
 * account center): digits only. One rule for fabric.Connection (`authenticationKey`) and
 * fabric.L2Connection (`authorizationKey`).
 */
export const ALIBABA_ACCOUNT_ID = /^\d{5,20}$/;
export const ALIBABA_ACCOUNT_ID_RULE = "must be your Alibaba Cloud account ID (5 to 20 digits)";

/** The rule's failure for an Alibaba authentication key, or undefined when it is well formed. */
export function alibabaAccountIdIssue(key: string): string | undefined {
  return ALIBABA_ACCOUNT_ID.test(key) ? undefined : ALIBABA_ACCOUNT_ID_RULE;
}

/** Bandwidths (Mbps) the Alibaba profile sells. */
export const ALIBABA_BANDWIDTHS = [50, 200, 500, 1000] as const;

/** Bandwidths (Mbps) Fabric offers for EVPL and IP virtual connections. */
export const FABRIC_BANDWIDTHS = [50, 100, 200, 500, 1000, 2000, 5000, 10000, 25000, 50000, 100000] as const;

/** Fabric v4 accepts VLAN tags 2..4092 (the legacy ECX v3 API accepted up to 4094). */
export const FABRIC_VLAN_MIN = 2;
export const FABRIC_VLAN_MAX = 4092;

export const TERM_LENGTHS = [1, 12, 24, 36] as const;

export const PORT_TYPES = ["DOT1Q", "QINQ"] as const;
export type PortType = (typeof PORT_TYPES)[number];
