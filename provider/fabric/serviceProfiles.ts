/**
 * What the package knows about Equinix Fabric service profiles without calling the API: one row per
 * profile. The Fabric v4 and ECX v3 mappings and the components read their rules from here, so a new
 * provider behind Fabric is one more row, not a branch in each of them.
 */

/** One service profile's facts. */
export interface ServiceProfileFacts {
  /** The profile's UUID in Equinix's catalog. */
  uuid: string;
  /** The profile's name, as messages say it. */
  name: string;
  /** The provider behind it, as messages say it ("waiting for Alibaba's connection id"). */
  provider: string;
  /** Equinix metro -> the provider's region there (the profile's `sellerRegion`); its keys are the metros where the profile is offered, in Equinix's order. */
  sellerRegions: Readonly<Record<string, string>>;
  /** Bandwidths (Mbps) the provider sells through the profile. */
  bandwidths: readonly number[];
  /** The key Equinix passes to the provider (v4 `authenticationKey`, ECX v3 `authorizationKey`): required, and its shape. */
  authenticationKey: {
    /** What the key is, for "is required for <profile>: <what>". */
    what: string;
    pattern: RegExp;
    /** The rule, for a key that does not match `pattern`. */
    rule: string;
  };
  /**
   * Whether a create waits until Equinix reports the provider's connection id: the stack that accepts
   * the connection on the provider's side needs it (Alibaba: the `pc-...` id `alibaba.HostedConnection` accepts).
   */
  waitsForProviderConnectionId: boolean;
  /**
   * What the user does for a connection that waits for the provider's approval. `ref` names the
   * connection (the provider's id when known); `keyArgument`, when given, the input holding the key
   * (never the key itself: it is a secret).
   */
  approvalHint(ref: string | undefined, keyArgument?: string): string;
  /**
   * What the user does when Equinix deletes a provisioned connection to this profile only from the
   * provider's side (Fabric refuses the DELETE); `ref` is the provider's connection id when known.
   */
  providerSideDeletionHint(ref: string | undefined): string;
  /**
   * How Equinix words that refusal for this profile, when it comes without its code ERR-UAA-003-00
   * (the provider's message relayed as it is). Unset: the code alone says it.
   */
  providerSideDeletionRefusal?: RegExp;
}

const alibabaSellerRegions = {
  HK: "cn-hongkong",
  SG: "ap-southeast-1",
  TY: "ap-northeast-1",
  DC: "us-east-1",
  SV: "us-west-1",
  FR: "eu-central-1",
  LD: "eu-west-1",
} as const;

/** Alibaba Cloud Express Connect (Equinix Fabric "Alibaba Cloud Express Connect" profile). */
export const ALIBABA_PROFILE: ServiceProfileFacts = {
  uuid: "4c4b8edf-873b-4c6c-805a-edb2c335bd6c",
  name: "Alibaba Cloud Express Connect",
  provider: "Alibaba",
  sellerRegions: alibabaSellerRegions,
  bandwidths: [50, 200, 500, 1000] as const,
  // The key is the account ID shown in the Alibaba Cloud console's account center: digits only.
  authenticationKey: { what: "your Alibaba Cloud account ID", pattern: /^\d{5,20}$/, rule: "must be your Alibaba Cloud account ID (5 to 20 digits)" },
  waitsForProviderConnectionId: true,
  approvalHint: (ref, keyArgument) =>
    `accept connection ${ref ?? "(its id appears in the Alibaba console)"} in Alibaba Cloud${keyArgument ? `, in the account given as ${keyArgument}` : ""} ` +
    "(Express Connect > Physical Connections > Accept and Pay), or let alibaba.HostedConnection accept it",
  providerSideDeletionHint: (ref) =>
    `Equinix deletes a provisioned Alibaba connection only from the Alibaba side: delete its VBRs, then terminate and delete ${ref ? `physical connection ${ref}` : "the physical connection"} ` +
    "in Alibaba Cloud (alibaba.HostedConnection does this when destroyed)",
  // "Deletion for a provisioned connection needs to be initiated from Alibaba Portal"
  providerSideDeletionRefusal: /initiated from Alibaba/i,
};

/** Every profile the package knows. */
export const SERVICE_PROFILES: readonly ServiceProfileFacts[] = [ALIBABA_PROFILE];

/** The facts of a known profile, or undefined for any other (which Equinix alone checks). */
export function serviceProfile(uuid: string | undefined): ServiceProfileFacts | undefined {
  return uuid === undefined ? undefined : SERVICE_PROFILES.find((p) => p.uuid === uuid);
}

/** What to do when Equinix deletes a connection to this profile only from the provider's side, and who that provider is. */
export function providerSideDeletion(profileUuid: string | undefined, ref: string | undefined): { provider: string; hint: string } {
  const p = serviceProfile(profileUuid);
  if (p) return { provider: p.provider, hint: p.providerSideDeletionHint(ref) };
  return { provider: "the provider", hint: `Equinix deletes this connection only from the provider's side: delete ${ref ? `connection ${ref}` : "it"} there` };
}

/** The metros where a profile is offered. */
export function metrosOf(p: ServiceProfileFacts): string[] {
  return Object.keys(p.sellerRegions);
}

/** What a request to a profile breaks, per field; the caller names the field its own way. */
export interface ProfileIssues {
  metroCode?: string;
  bandwidth?: string;
  authenticationKey?: string;
}

/**
 * The profile's rules for a request: the metro (when given), the bandwidth in Mbps (`got` says how the
 * user wrote it, e.g. "1 GB") and the key (`null` when it is not known yet, e.g. a pending output).
 */
export function profileIssues(
  p: ServiceProfileFacts,
  o: { metroCode?: string; mbps?: number; got?: string; authenticationKey?: string | null },
): ProfileIssues {
  const out: ProfileIssues = {};
  const metros = metrosOf(p);
  if (o.metroCode !== undefined && !metros.includes(o.metroCode)) out.metroCode = `${p.name} is offered in ${metros.join(", ")} (got ${o.metroCode})`;
  if (o.mbps !== undefined && !p.bandwidths.includes(o.mbps)) out.bandwidth = `${p.name} sells ${p.bandwidths.join(", ")} Mbps (got ${o.got ?? o.mbps})`;
  if (o.authenticationKey === undefined) out.authenticationKey = `is required for ${p.name}: ${p.authenticationKey.what}`;
  else if (o.authenticationKey !== null && !p.authenticationKey.pattern.test(o.authenticationKey)) out.authenticationKey = p.authenticationKey.rule;
  return out;
}

// The public names of the Alibaba profile's facts (`fabric.ALIBABA_PROFILE_UUID` ...), read from its row.
export const ALIBABA_PROFILE_UUID = ALIBABA_PROFILE.uuid;
/** Metros where the Alibaba profile is offered. */
export const ALIBABA_METROS = metrosOf(ALIBABA_PROFILE) as ReadonlyArray<keyof typeof alibabaSellerRegions>;
/** The Alibaba region (the profile's sellerRegion) served in each metro. */
export const ALIBABA_SELLER_REGIONS = alibabaSellerRegions;
/** Bandwidths (Mbps) the Alibaba profile sells. */
export const ALIBABA_BANDWIDTHS = ALIBABA_PROFILE.bandwidths;
