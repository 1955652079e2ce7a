import { z } from "zod";
import { updateTableOf } from "../core/diff";
import { inputKeys, pickKeys } from "../core/lifecycle";
import { fail } from "../core/validation";
import { timeoutsSchema } from "../core/timeouts";
import { PhysicalConnection } from "./client";
import { Payment } from "./common";
import { isPhysicalConnectionGone } from "./physicalConnectionMapping";
import { textOutputs } from "./sharedMapping";

export const HostedConnectionInputs = z
  .object({
    physicalConnectionId: z.string().regex(/^pc-/, "must be a physical connection id (pc-...), e.g. a Fabric connection's providerConnectionId").optional(),
    parentPhysicalConnectionId: z.string().regex(/^pc-/, "must be a physical connection id (pc-...)").optional(),
    vlanId: z.number().int("must be a whole number").min(0, "must be 0 to 2999").max(2999, "must be 0 to 2999").optional(),
    sellerRegion: z
      .string()
      .regex(/^[a-z]{2,}(-[a-z0-9]+)*-\d+$/, "must be an Alibaba Cloud region id such as us-west-1 or eu-central-1")
      .optional(),
    accept: z.boolean().default(true),
    payment: Payment.optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    // One way of naming the connection: an id and a parent/VLAN could name two different connections
    // (create would accept one, diff compare the other, and a later replacement terminate the wrong one).
    if (v.physicalConnectionId) {
      for (const k of ["parentPhysicalConnectionId", "vlanId"] as const) {
        if (v[k] !== undefined) {
          fail(ctx, [k], `conflicts with physicalConnectionId: name the hosted connection either by physicalConnectionId (${v.physicalConnectionId}) or by parentPhysicalConnectionId and vlanId, not both`);
        }
      }
    }
    if (!v.physicalConnectionId && v.vlanId === undefined) {
      fail(
        ctx,
        ["physicalConnectionId"],
        "is required unless vlanId is set: name the hosted connection by its id, or by its VLAN (with parentPhysicalConnectionId when several hosted connections in the region carry that VLAN)",
      );
    }
    if (v.payment && !v.accept) fail(ctx, ["payment"], "is made when accepting: set accept to true, or remove payment");
  });
export type HostedConnectionInputs = z.output<typeof HostedConnectionInputs>;

export const HC_INPUT_KEYS = inputKeys(HostedConnectionInputs);

/** What identifies the connection replaces; `accept` goes on in place; `sellerRegion` and `payment` (made once) change nothing. */
export const updateTable = updateTableOf(HC_INPUT_KEYS, { replace: ["physicalConnectionId", "parentPhysicalConnectionId", "vlanId"], ignore: ["sellerRegion", "payment"] });

/** Mbps from a Spec such as "50M" or "1G" (or the Bandwidth field). */
export function bandwidthOf(c: PhysicalConnection): number {
  const m = /^(\d+(?:\.\d+)?)\s*([MG])/i.exec(c.Spec ?? "");
  if (m) return Math.round(Number(m[1]) * (m[2].toUpperCase() === "G" ? 1000 : 1));
  return c.Bandwidth ?? 0;
}

/** A hosted connection gone as a physical connection, or deleted as a VPC connection (VpconnStatus Deleted). */
export function isHostedGone(c: PhysicalConnection | undefined): boolean {
  return isPhysicalConnectionGone(c) || c?.VpconnStatus === "Deleted";
}

/** How a program names a hosted connection: its id, its parent and VLAN, or its VLAN alone. */
export type IdentifiedBy = "id" | "parentAndVlan" | "vlan";

/** Which inputs identify the connection: the id, the parent and VLAN, or the VLAN (the others are outputs only). */
export function identifiedBy(v: Partial<HostedConnectionInputs> & { identifiedBy?: string }): IdentifiedBy {
  if (v.identifiedBy === "id" || v.identifiedBy === "parentAndVlan" || v.identifiedBy === "vlan") return v.identifiedBy;
  return v.physicalConnectionId ? "id" : v.parentPhysicalConnectionId ? "parentAndVlan" : "vlan";
}

/** The input keys the user gave, for read-back: identifying outputs filled in from Alibaba excluded. */
export function userInputKeys(by: IdentifiedBy): string[] {
  const found = { id: ["parentPhysicalConnectionId", "vlanId"], parentAndVlan: ["physicalConnectionId"], vlan: ["physicalConnectionId", "parentPhysicalConnectionId"] }[by];
  return HC_INPUT_KEYS.filter((k) => !found.includes(k));
}

/** Output -> field of the hosted connection, besides the inputs and the identifying ones. */
const OUTPUT_FIELDS = {
  parentPhysicalConnectionAliUid: "ParentPhysicalConnectionAliUid",
  spec: "Spec",
  status: "Status",
  vpconnStatus: "VpconnStatus",
  accessPointId: "AccessPointId",
  lineOperator: "LineOperator",
  name: "Name",
  orderMode: "OrderMode",
} as const;

export function toOutputs(c: PhysicalConnection, v: HostedConnectionInputs, by: IdentifiedBy = identifiedBy(v)): Record<string, unknown> {
  return {
    ...pickKeys(v as Record<string, unknown>, HC_INPUT_KEYS),
    identifiedBy: by,
    physicalConnectionId: c.PhysicalConnectionId,
    parentPhysicalConnectionId: c.ParentPhysicalConnectionId ?? v.parentPhysicalConnectionId ?? "",
    vlanId: c.VlanId !== undefined && c.VlanId !== "" ? Number(c.VlanId) : v.vlanId ?? 0,
    bandwidth: bandwidthOf(c),
    ...textOutputs(c, OUTPUT_FIELDS),
  };
}

/** The inputs as they stand: `accept` reads back false when the connection is no longer confirmed. */
export function readBackInputs(c: PhysicalConnection, old: HostedConnectionInputs): HostedConnectionInputs {
  return { ...old, accept: old.accept && c.VpconnStatus === "UnConfirmed" ? false : old.accept };
}
