import * as pulumi from "@pulumi/pulumi";
import { dynamicInputs } from "../core/resourceInputs";
import { thinProvider } from "../core/thinProvider";

export interface RoleAssignmentArgs {
  /** Role name (noc, implementation, legal, peering, billing ...), resolved to its id. A change replaces it. */
  role: pulumi.Input<string>;
  /** The ixapi.Contact's id; it must have the role's required_fields. A change replaces it. */
  contact: pulumi.Input<string>;
  /**
   * The id of an existing object to adopt instead of creating one: a role assignment, named by its id at the
   * exchange. Create reads it instead of creating one and, when it matches these arguments, records it as
   * this resource without changing it (the next preview shows no change); when it does not match, create
   * fails before anything changes, naming each differing field with the program's value and the object's.
   * Adding or removing it later changes nothing. Destroy deletes an adopted object like any other: set the
   * `retainOnDelete` resource option to stop managing it without deleting it. `pulumi import` and the
   * `import` option cannot be used with dynamic resources: see the README, "Adopting existing objects
   * (import)".
   */
  adoptId?: pulumi.Input<string>;
}

/** A role assigned to a contact; pass its id in a config's `roleAssignments`. Read back for drift. */
export class RoleAssignment extends pulumi.dynamic.Resource {
  /** The assignment's id (also the resource id). */
  declare readonly assignmentId: pulumi.Output<string>;
  /** The role's id at the exchange. */
  declare readonly roleId: pulumi.Output<string>;
  declare readonly role: pulumi.Output<string>;
  declare readonly contact: pulumi.Output<string>;

  /**
   * A read-only reference to an existing role assignment, by its id at the exchange: Pulumi reads it on every
   * `up` and `refresh` and never creates, changes or deletes it. To manage an existing one, give its id as
   * `adoptId` instead.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): RoleAssignment {
    return new RoleAssignment(name, {} as RoleAssignmentArgs, { ...opts, id });
  }

  constructor(name: string, args: RoleAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(thinProvider("ixapi:RoleAssignment"), name, { ...dynamicInputs("ixapi:RoleAssignment", name, args, opts, false), assignmentId: undefined, roleId: undefined }, opts, "ixapi", "RoleAssignment");
  }
}
