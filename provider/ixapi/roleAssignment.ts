import * as pulumi from "@pulumi/pulumi";
import { dynamicInputs } from "../core/resourceInputs";
import { thinProvider } from "../core/thinProvider";

export interface RoleAssignmentArgs {
  /** Role name (noc, implementation, legal, peering, billing ...), resolved to its id. A change replaces it. */
  role: pulumi.Input<string>;
  /** The ixapi.Contact's id; it must have the role's required_fields. A change replaces it. */
  contact: pulumi.Input<string>;
}

/** A role assigned to a contact; pass its id in a config's `roleAssignments`. Read back for drift. */
export class RoleAssignment extends pulumi.dynamic.Resource {
  /** The assignment's id (also the resource id). */
  declare readonly assignmentId: pulumi.Output<string>;
  /** The role's id at the exchange. */
  declare readonly roleId: pulumi.Output<string>;
  declare readonly role: pulumi.Output<string>;
  declare readonly contact: pulumi.Output<string>;

  constructor(name: string, args: RoleAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(thinProvider("ixapi:RoleAssignment"), name, { ...dynamicInputs("ixapi:RoleAssignment", name, args, opts, false), assignmentId: undefined, roleId: undefined }, opts, "ixapi", "RoleAssignment");
  }
}
