import { z } from "zod";
import { updateTableOf } from "../core/diff";
import { inputKeys, pickKeys } from "../core/lifecycle";
import { fail } from "../core/validation";
import { timeoutsSchema } from "../core/timeouts";
import type { BgpGroup } from "./client";
import { aliDescription, aliName, present } from "./common";
import { readBackOptional, textOutputs } from "./sharedMapping";

/**
 * A VBR's BGP group, as Alibaba's API reference describes CreateBgpGroup, ModifyBgpGroupAttribute,
 * DeleteBgpGroup and DescribeBgpGroups (VPC API 2016-04-28).
 */

/** Alibaba Cloud's ASN: the Alibaba side of every BGP session unless the group's LocalAsn says otherwise. */
export const ALIBABA_ASN = 45104;
/** The ASN Alibaba reserves for itself (CreateBgpGroup: "65025 is reserved by Alibaba Cloud"). */
export const ALIBABA_RESERVED_ASN = 65025;
/** A peer's route quota when the group sets none (CreateBgpGroup RouteQuota, "Default value: 110"). */
export const DEFAULT_ROUTE_QUOTA = 110;
/** The longest MD5 key accepted: the limit of the far end it usually meets (Equinix Fabric Cloud Router: 80 ASCII characters). */
export const AUTH_KEY_MAX = 80;

const LOCAL_ASN_RULE = `must be ${ALIBABA_ASN}, 64512 to 65534 (not ${ALIBABA_RESERVED_ASN}, which Alibaba reserves) or 4200000000 to 4294967294`;

/** Whether Alibaba accepts the ASN as a group's LocalAsn (CreateBgpGroup: 45104, 64512-65534, 4200000000-4294967294; 65025 reserved). */
export function isAllowedLocalAsn(asn: number): boolean {
  return asn === ALIBABA_ASN || (asn >= 64512 && asn <= 65534 && asn !== ALIBABA_RESERVED_ASN) || (asn >= 4200000000 && asn <= 4294967294);
}

const asn = z.number().int("must be a whole number").min(1, "must be an ASN from 1 to 4294967294").max(4294967294, "must be an ASN from 1 to 4294967294");

export const BgpGroupInputs = z
  .object({
    vbrId: z.string().regex(/^vbr-/, "must be a VBR id (vbr-...)"),
    peerAsn: asn,
    localAsn: z.number().int("must be a whole number").refine(isAllowedLocalAsn, { message: LOCAL_ASN_RULE }).optional(),
    authKey: z
      .string()
      .min(1, `must be 1 to ${AUTH_KEY_MAX} characters long`)
      .max(AUTH_KEY_MAX, `must be 1 to ${AUTH_KEY_MAX} characters long`)
      .regex(/^[\x21-\x7e]*$/, "may contain only printable ASCII characters, without spaces")
      .optional(),
    ipVersion: z.enum(["IPv4", "IPv6"]).default("IPv4"),
    isFakeAsn: z.boolean().optional(),
    routeQuota: z.number().int("must be a whole number of routes").min(1, "must be at least 1 route").optional(),
    name: aliName.optional(),
    description: aliDescription.optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.localAsn !== undefined && v.localAsn === v.peerAsn && !v.isFakeAsn) {
      fail(ctx, ["peerAsn"], `must differ from localAsn ${v.localAsn}: the session is eBGP between Alibaba's side and yours`);
    }
    if (v.localAsn === undefined && v.peerAsn === ALIBABA_ASN) {
      fail(ctx, ["peerAsn"], `must differ from Alibaba's ASN ${ALIBABA_ASN} (the Alibaba side's ASN unless localAsn says otherwise)`);
    }
  });
export type BgpGroupInputs = z.output<typeof BgpGroupInputs>;

export const BGP_GROUP_INPUT_KEYS = inputKeys(BgpGroupInputs);

/** The VBR and the address family are fixed at creation (ModifyBgpGroupAttribute takes neither); the rest changes in place. */
export const updateTable = updateTableOf(BGP_GROUP_INPUT_KEYS, { replace: ["vbrId", "ipVersion"] });

/** A group being deleted counts as gone (refresh drops it; a create does not adopt it). */
export function isBgpGroupGone(g: BgpGroup): boolean {
  return g.Status === "Deleting" || g.Status === "Deleted";
}

/** Input -> CreateBgpGroup / ModifyBgpGroupAttribute parameter. */
const PARAMS = {
  peerAsn: "PeerAsn",
  localAsn: "LocalAsn",
  authKey: "AuthKey",
  isFakeAsn: "IsFakeAsn",
  routeQuota: "RouteQuota",
  name: "Name",
  description: "Description",
} as const;

export function createParams(v: BgpGroupInputs): Record<string, unknown> {
  const out: Record<string, unknown> = { RouterId: v.vbrId, IpVersion: v.ipVersion };
  for (const [k, param] of Object.entries(PARAMS)) {
    const value = (v as Record<string, unknown>)[k];
    if (value !== undefined) out[param] = value;
  }
  return out;
}

/**
 * ModifyBgpGroupAttribute's parameters for the changed inputs: a removed key is cleared (ClearAuthKey), a
 * removed name or description set to "" (Modify takes 0 to 128 / 256 characters), a removed localAsn,
 * isFakeAsn or routeQuota set back to Alibaba's default.
 */
export function modifyParams(olds: Partial<BgpGroupInputs>, news: BgpGroupInputs): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  const defaults: Record<string, unknown> = { localAsn: ALIBABA_ASN, isFakeAsn: false, routeQuota: DEFAULT_ROUTE_QUOTA, name: "", description: "" };
  for (const [k, param] of Object.entries(PARAMS)) {
    const n = (news as Record<string, unknown>)[k];
    const o = (olds as Record<string, unknown>)[k];
    if (n === o) continue;
    if (n !== undefined) out[param] = n;
    else if (k === "authKey") out.ClearAuthKey = true;
    else if (o !== undefined && o !== defaults[k]) out[param] = defaults[k];
  }
  return Object.keys(out).length ? out : undefined;
}

/** What DescribeBgpGroups shows for each modified parameter. */
export function reflects(g: BgpGroup, params: Record<string, unknown>): boolean {
  const shown: Record<string, unknown> = { PeerAsn: g.PeerAsn, LocalAsn: g.LocalAsn, AuthKey: g.AuthKey ?? "", IsFakeAsn: g.IsFake, RouteQuota: g.RouteLimit, Name: g.Name ?? "", Description: g.Description ?? "" };
  return Object.entries(params).every(([k, val]) => {
    if (k === "ClearAuthKey") return !present(g.AuthKey);
    const got = shown[k];
    return got === undefined || String(got) === String(val);
  });
}

/** Output -> field of the group, besides the inputs. */
const OUTPUT_FIELDS = { status: "Status", hold: "Hold", keepalive: "Keepalive" } as const;

export function toOutputs(g: BgpGroup, inputs: BgpGroupInputs): Record<string, unknown> {
  return {
    ...pickKeys(inputs as Record<string, unknown>, BGP_GROUP_INPUT_KEYS),
    bgpGroupId: g.BgpGroupId,
    effectiveLocalAsn: g.LocalAsn ?? inputs.localAsn ?? ALIBABA_ASN,
    ...textOutputs(g, OUTPUT_FIELDS),
  };
}

/** The optional inputs read back only when the program sets them (Alibaba reports its own name and description otherwise). */
const READ_BACK_OPTIONAL = { name: "Name", description: "Description" } as const;

/**
 * The inputs as Alibaba has them. The key, the ASNs, the fake-ASN flag and the route quota are read back
 * whether or not the program sets them, Alibaba's defaults (45104, false, 110, no key) reading as unset: a
 * key added or an ASN changed in the console then shows as a change, since either breaks the session.
 */
export function readBackInputs(g: BgpGroup, old: BgpGroupInputs): BgpGroupInputs {
  const unlessDefault = <T>(value: T | undefined, dflt: T, set: T | undefined): T | undefined => (value === undefined ? set : value === dflt && set === undefined ? undefined : value);
  return {
    ...old,
    vbrId: present(g.RouterId) ?? old.vbrId,
    peerAsn: g.PeerAsn ?? old.peerAsn,
    localAsn: unlessDefault(g.LocalAsn, ALIBABA_ASN, old.localAsn),
    authKey: g.AuthKey === undefined ? old.authKey : present(g.AuthKey),
    ipVersion: ((present(g.IpVersion) as BgpGroupInputs["ipVersion"] | undefined) ?? old.ipVersion) as BgpGroupInputs["ipVersion"],
    isFakeAsn: unlessDefault(g.IsFake, false, old.isFakeAsn),
    routeQuota: unlessDefault(g.RouteLimit, DEFAULT_ROUTE_QUOTA, old.routeQuota),
    ...readBackOptional(g, old, READ_BACK_OPTIONAL),
  };
}

/** The inputs a program would write for a group Alibaba has (read from its id alone: `get`, adoption). */
export function bgpGroupFromVendor(g: BgpGroup): BgpGroupInputs {
  const base: BgpGroupInputs = { vbrId: present(g.RouterId) ?? "", peerAsn: g.PeerAsn ?? 0, ipVersion: "IPv4" };
  const v = readBackInputs(g, base);
  return Object.fromEntries(Object.entries({ ...v, name: present(g.Name), description: present(g.Description) }).filter(([, x]) => x !== undefined)) as BgpGroupInputs;
}
