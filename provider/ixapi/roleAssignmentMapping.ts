import { z } from "zod";
import { ChangeRule } from "../core/diff";
import { id } from "./common";

export const RoleAssignmentInputs = z
  .object({
    /** role name: noc, implementation, legal, peering, billing ... */
    role: z.string().min(1, "is required: a role name such as noc or implementation"),
    contact: id,
  })
  .strict();
export type RoleAssignmentInputs = z.output<typeof RoleAssignmentInputs>;

/** An assignment cannot change: a new role or contact is a new assignment. */
export const updateTable: Record<string, ChangeRule> = { role: "replace", contact: "replace" };
