import { z } from "zod";
import { ChangeRule } from "../core/diff";
import { keptTimeouts, timeoutsSchema } from "../core/timeouts";
import { defined } from "../core/outputs";
import { NetworkService, ProductOffering } from "./client";
import { id } from "./common";
import { accountAndRefRules, accountInputs, accountsAndRefsToWire, changedMembers, readBackAccountsAndRefs, refInputs, statefulOutputs } from "./sharedMapping";

export const NetworkServiceInputs = z
  .object({
    productOffering: id,
    ...accountInputs,
    cloudKey: z.string().min(1, "is required: the key from your cloud provider's console (Alibaba: your account id)"),
    capacity: z.number().int("must be a whole number of Mbps").min(1, "must be at least 1 Mbps").optional(),
    ...refInputs,
    decommissionAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "must be a valid date")
      .optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict();
export type NetworkServiceInputs = z.output<typeof NetworkServiceInputs>;

/** The shapes of the cloud keys, per cloud provider (`service_provider` of the offering), as the "Using IX-API for Cloud Service" guide lists them. */
export const CLOUD_KEY_RULES: Record<string, { re: RegExp; what: string }> = {
  alibaba: { re: /^\d{16}$/, what: "an Alibaba Cloud account id: 16 digits, e.g. 9876543210123456" },
  aws: { re: /^\d{12}$/, what: "an AWS account id: 12 digits, e.g. 123456789876" },
  amazon: { re: /^\d{12}$/, what: "an AWS account id: 12 digits, e.g. 123456789876" },
  microsoft: { re: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, what: "an ExpressRoute service key (a UUID), e.g. dc79e015-f15c-4681-9c7b-6d16b2973997" },
  azure: { re: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, what: "an ExpressRoute service key (a UUID)" },
  google: { re: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[a-z0-9-]+\/[12]$/i, what: "a Partner Interconnect pairing key, e.g. d8412846-c12b-3364-cd67-1471187ce9c9/europe-west3/2" },
  oracle: { re: /^ocid1\.virtualcircuit\./i, what: "a FastConnect virtual circuit OCID (ocid1.virtualcircuit....)" },
};

/** What the offering says about the request, before anything is written: the clear errors. */
export function offeringIssues(v: Pick<NetworkServiceInputs, "capacity" | "cloudKey" | "productOffering">, o: ProductOffering | undefined): string[] {
  if (!o) return [`productOffering: product offering ${v.productOffering} does not exist or is not visible to these credentials (list them with GET /product-offerings?type=cloud_vc)`];
  const issues: string[] = [];
  if (o.type !== "cloud_vc") issues.push(`productOffering: ${o.id} is a ${o.type} offering; ixapi.NetworkService needs a cloud_vc one`);
  const min = o.bandwidth_min ?? 0;
  const max = o.bandwidth_max ?? Infinity;
  if (v.capacity !== undefined && (v.capacity < min || v.capacity > max)) {
    issues.push(`capacity: ${v.capacity} Mbps is outside ${o.id}'s range ${min}..${max === Infinity ? "unlimited" : max} Mbps`);
  }
  const rule = CLOUD_KEY_RULES[(o.service_provider ?? "").toLowerCase()];
  if (rule && !rule.re.test(v.cloudKey)) issues.push(`the cloud key (cloudKey) does not look like ${rule.what} (the offering's provider is ${o.service_provider})`);
  return issues;
}

export function buildServiceRequest(v: Omit<NetworkServiceInputs, "timeouts" | "decommissionAt">): Record<string, unknown> {
  return defined({
    type: "cloud_vc",
    product_offering: v.productOffering,
    ...accountsAndRefsToWire(v),
    cloud_key: v.cloudKey,
    capacity: v.capacity,
  });
}

/** The inputs as the exchange now has them (a change outside Pulumi shows as a diff). */
export function readBackInputs(s: NetworkService, old: NetworkServiceInputs): NetworkServiceInputs {
  return defined({
    productOffering: s.product_offering ?? old.productOffering,
    ...readBackAccountsAndRefs(s, old),
    cloudKey: s.cloud_key ?? old.cloudKey,
    capacity: old.capacity !== undefined ? s.capacity ?? old.capacity : undefined,
    decommissionAt: old.decommissionAt,
    ...keptTimeouts(old),
  }) as NetworkServiceInputs;
}

export function toOutputs(s: NetworkService, old: NetworkServiceInputs): Record<string, unknown> {
  return {
    ...statefulOutputs(s, readBackInputs(s, old), "serviceId"),
    diversity: s.diversity ?? 1,
    providerRef: s.provider_ref ?? "",
    nscRequiredContactRoles: s.nsc_required_contact_roles ?? [],
    allocatedCapacity: s.capacity ?? null,
    scheduledDecommissionAt: s.decommission_at ?? "",
    chargedUntil: s.charged_until ?? "",
  };
}

/** Merge PATCH for what IX-API changes in place; product offering, cloud key and accounts replace. */
export const updateTable: Record<string, ChangeRule> = {
  productOffering: "replace",
  cloudKey: "replace",
  ...accountAndRefRules,
  capacity: "update",
  decommissionAt: "ignore",
  timeouts: "ignore",
};

export function mergePatch(olds: Partial<NetworkServiceInputs>, news: NetworkServiceInputs): Record<string, unknown> {
  return changedMembers(olds, news, [["capacity", "capacity"], ["externalRef", "external_ref"], ["purchaseOrder", "purchase_order"], ["contractRef", "contract_ref"]]);
}

/** IX-API states of an object the exchange has removed (services and configs share them). */
export const GONE_STATES: ReadonlySet<string> = new Set(["decommissioned", "archived"]);

/** A network service the exchange has removed (refresh drops it; a delete is done). */
export function isNetworkServiceGone(s: Pick<NetworkService, "state">): boolean {
  return GONE_STATES.has(s.state ?? "");
}

/** Create is done once the exchange accepted the service (allocated); production needs its configs. */
export function acceptedVerdict(s: NetworkService): { done: true } | { done: false; state: string; hint?: string } | { failed: string; state: string } {
  const st = s.state ?? "unknown";
  if (st === "error") return { failed: `the exchange reports an error${statusText(s)}`, state: st };
  if (isNetworkServiceGone(s) || st === "decommission_requested") return { failed: "the service is being decommissioned", state: st };
  if (["allocated", "testing", "production", "production_change_pending", "scheduled", "operator"].includes(st)) return { done: true };
  return { done: false, state: st, hint: "waiting for the exchange to accept the service" };
}

export function statusText(s: { status?: Array<{ message?: string; tag?: string }> }): string {
  const msgs = (s.status ?? []).map((x) => [x.tag, x.message].filter(Boolean).join(": ")).filter(Boolean);
  return msgs.length ? `: ${msgs.join("; ")}` : "";
}

