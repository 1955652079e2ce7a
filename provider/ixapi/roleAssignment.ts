import type * as pulumi from "@pulumi/pulumi";
import type { AdoptArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { RoleAssignmentInputs } from "./roleAssignmentMapping";

export interface RoleAssignmentArgs extends AdoptArgs {
  /** Role name (noc, implementation, legal, peering, billing ...), resolved to its id. A change replaces it. */
  role: pulumi.Input<string>;
  /** The ixapi.Contact's id; it must have the role's required_fields. A change replaces it. */
  contact: pulumi.Input<string>;
}

/**
 * A role assigned to a contact; pass its id in a config's `roleAssignments`. Read back for drift. Its id
 * (for `get` and `adoptId`) is the assignment's id at the exchange.
 */
export class RoleAssignment extends resourceClass<RoleAssignment, RoleAssignmentArgs, typeof RoleAssignmentInputs, RoleAssignmentOutputs>({
  kind: "ixapi:RoleAssignment",
  lifecycle: () => (require("./roleAssignmentLifecycle") as typeof import("./roleAssignmentLifecycle")).roleAssignmentLifecycle,
  adopt: { noun: "role assignment" },
  outputs: ["assignmentId", "roleId", "role", "contact"],
  takesTimeouts: false,
}) {}

/** What a RoleAssignment reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface RoleAssignmentOutputs {
  /** The assignment's id (also the resource id). */
  assignmentId: string;
  /** The role's id at the exchange. */
  roleId: string;
  role: string;
  contact: string;
}
