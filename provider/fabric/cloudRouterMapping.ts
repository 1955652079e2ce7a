import { z } from "zod";
import { ChangeRule, sameValue } from "../core/diff";
import { keptTimeouts, timeoutsSchema } from "../core/timeouts";
import { email } from "../core/validation";
import type { JsonPatchOp } from "./client";
import { FCR_NAME, FCR_PACKAGES, TERM_LENGTHS } from "./constants";
import type { FabricRouter } from "./routingClient";
import { fabricObjectOutputs } from "./sharedMapping";

/** The arguments of a Fabric Cloud Router (`fabric.CloudRouter`), checked before any call. */
export const CloudRouterInputs = z
  .object({
    name: z.string().regex(FCR_NAME, "must be 3 to 24 letters, digits, '-' or '_' (Equinix: a Fabric Cloud Router name is 3 to 24 characters)"),
    metroCode: z.string().regex(/^[A-Z0-9]{2}$/, "must be a two-letter Equinix metro code such as SV or HK"),
    packageCode: z.enum(FCR_PACKAGES),
    projectId: z.string().min(1, "is required: the Fabric project the router belongs to"),
    accountNumber: z.number().int("must be a whole number").positive("must be a positive account number").optional(),
    notifications: z.array(email).min(1, "must list at least one email address").max(12, "must have at most 12 email addresses"),
    purchaseOrderNumber: z.string().min(1).max(50, "must be at most 50 characters long").optional(),
    termLength: z
      .number()
      .int()
      .refine((t) => (TERM_LENGTHS as readonly number[]).includes(t), { message: `must be one of ${TERM_LENGTHS.join(", ")} (months)` })
      .optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict();
export type CloudRouterInputs = z.output<typeof CloudRouterInputs>;

/** What Fabric changes in place (JSON Patch) and what needs a new router. */
export const updateTable: Record<string, ChangeRule> = {
  name: "update",
  packageCode: "update",
  notifications: "update",
  termLength: "update",
  metroCode: "replace",
  projectId: "replace",
  accountNumber: "replace",
  purchaseOrderNumber: "replace",
  timeouts: "ignore",
};

/** The CloudRouterPostRequest for these inputs. */
export function buildRouterRequest(v: CloudRouterInputs): Record<string, unknown> {
  const order = { ...(v.purchaseOrderNumber ? { purchaseOrderNumber: v.purchaseOrderNumber } : {}), ...(v.termLength ? { termLength: v.termLength } : {}) };
  return {
    type: "XF_ROUTER",
    name: v.name,
    location: { metroCode: v.metroCode },
    package: { code: v.packageCode },
    project: { projectId: v.projectId },
    ...(v.accountNumber !== undefined ? { account: { accountNumber: v.accountNumber } } : {}),
    notifications: [{ type: "ALL", emails: v.notifications }],
    ...(Object.keys(order).length ? { order } : {}),
  };
}

/** JSON Patch operations (CloudRouterUpdateRequest) for the in-place changes from old outputs to new inputs. */
export function routerPatch(olds: Partial<CloudRouterInputs>, news: CloudRouterInputs): JsonPatchOp[] {
  const ops: JsonPatchOp[] = [];
  if (!sameValue(olds.name, news.name)) ops.push({ op: "replace", path: "/name", value: news.name });
  if (!sameValue(olds.packageCode, news.packageCode)) ops.push({ op: "replace", path: "/package/code", value: news.packageCode });
  if (!sameValue(olds.notifications, news.notifications)) ops.push({ op: "replace", path: "/notifications", value: [{ type: "ALL", emails: news.notifications }] });
  if (news.termLength !== undefined && !sameValue(olds.termLength, news.termLength)) ops.push({ op: "replace", path: "/order/termLength", value: news.termLength });
  return ops;
}

/** Whether the router shows every value the patch sets (a PATCH whose answer was lost may have been applied). */
export function routerShows(r: FabricRouter, v: CloudRouterInputs): boolean {
  const emails = r.notifications?.find((n) => n.type === "ALL")?.emails ?? r.notifications?.[0]?.emails;
  return r.name === v.name && r.package?.code === v.packageCode && sameValue(emails, v.notifications) && (v.termLength === undefined || r.order?.termLength === v.termLength);
}

/** States of a router Equinix has removed or is removing: refresh drops it, delete is done (DEPROVISIONED) or waits. */
const GONE = new Set(["DEPROVISIONED", "DEPROVISIONING"]);
/** States that end a create as failed. */
const FAILED = new Set(["NOT_PROVISIONED", "DEPROVISIONED", "DEPROVISIONING", "NOT_DEPROVISIONED"]);

export function isRouterGone(r: FabricRouter | undefined): boolean {
  return !r || GONE.has(r.state ?? "");
}

export type RouterVerdict = { done: true } | { done: false; state: string } | { failed: string; state: string };

/** Whether a router is ready (PROVISIONED, its last change not still REQUESTED). Unknown states are "not yet". */
export function routerVerdict(r: FabricRouter): RouterVerdict {
  const state = r.state ?? "UNKNOWN";
  if (FAILED.has(state)) return { failed: `Equinix reports the Fabric Cloud Router ${state}`, state };
  if (r.change?.status === "FAILED") return { failed: `Equinix reports its change ${r.change.uuid ?? ""} FAILED`, state: `${state}, change FAILED` };
  if (state !== "PROVISIONED") return { done: false, state };
  if (r.change?.status === "REQUESTED") return { done: false, state: `${state}, change REQUESTED` };
  return { done: true };
}

/**
 * The inputs as Equinix now has them, in the shape the user wrote: values Equinix returns replace the old
 * ones (a portal edit of the name, package or notifications shows as a diff); values it may not return
 * (account, term, timeouts) keep the old input.
 */
export function readBackRouterInputs(r: FabricRouter, old: CloudRouterInputs): CloudRouterInputs {
  const emails = r.notifications?.find((n) => n.type === "ALL")?.emails ?? r.notifications?.[0]?.emails;
  return {
    name: r.name ?? old.name,
    metroCode: r.location?.metroCode ?? old.metroCode,
    packageCode: ((FCR_PACKAGES as readonly string[]).includes(r.package?.code ?? "") ? r.package!.code : old.packageCode) as CloudRouterInputs["packageCode"],
    projectId: r.project?.projectId ?? old.projectId,
    ...(old.accountNumber !== undefined ? { accountNumber: r.account?.accountNumber ?? old.accountNumber } : {}),
    notifications: emails ?? old.notifications,
    ...(old.purchaseOrderNumber !== undefined || r.order?.purchaseOrderNumber ? { purchaseOrderNumber: r.order?.purchaseOrderNumber ?? old.purchaseOrderNumber } : {}),
    ...(old.termLength !== undefined ? { termLength: r.order?.termLength ?? old.termLength } : {}),
    ...keptTimeouts(old),
  };
}

/** The inputs a program would write for a router Equinix already has (read from its id alone: `CloudRouter.get`). */
export function routerInputsFromVendor(r: FabricRouter): CloudRouterInputs {
  const emails = r.notifications?.find((n) => n.type === "ALL")?.emails ?? r.notifications?.[0]?.emails ?? [];
  return {
    name: r.name ?? "",
    metroCode: r.location?.metroCode ?? "",
    packageCode: (r.package?.code ?? "STANDARD") as CloudRouterInputs["packageCode"],
    projectId: r.project?.projectId ?? "",
    notifications: emails,
    ...(r.order?.purchaseOrderNumber ? { purchaseOrderNumber: r.order.purchaseOrderNumber } : {}),
  };
}

/** Outputs: the inputs as read back, plus what Equinix computed. */
export function routerOutputs(r: FabricRouter, inputs: CloudRouterInputs): Record<string, unknown> {
  return {
    ...readBackRouterInputs(r, inputs),
    ...fabricObjectOutputs(r),
    equinixAsn: r.equinixAsn,
    connectionsCount: r.connectionsCount ?? 0,
  };
}
