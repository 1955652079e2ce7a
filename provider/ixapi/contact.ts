import * as pulumi from "@pulumi/pulumi";
import { dynamicInputs } from "../core/resourceInputs";
import { thinProvider } from "../core/thinProvider";

export interface ContactArgs {
  /** Account managing the contact. A change replaces it. */
  managingAccount: pulumi.Input<string>;
  /** Account the contact belongs to. A change replaces it. */
  consumingAccount: pulumi.Input<string>;
  /** Person or organisation, up to 128 characters. Changed in place. */
  name?: pulumi.Input<string>;
  /** Email, up to 80 characters. Changed in place. */
  email?: pulumi.Input<string>;
  /** Telephone in E.164 format, e.g. +442071838750. Changed in place. */
  telephone?: pulumi.Input<string>;
  /** Up to 128 characters; defaults to a deterministic `pulumi:contact:<hash>`. Changed in place. */
  externalRef?: pulumi.Input<string>;
  /**
   * Role names this contact is meant for (noc, implementation, legal ...): before create and update, each
   * role's required_fields are checked against the contact's fields, with a clear error.
   */
  roles?: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The id of an existing object to adopt instead of creating one: a contact, named by its id at the
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

/** An IX-API contact. Read back for drift. */
export class Contact extends pulumi.dynamic.Resource {
  declare readonly contactId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string | undefined>;
  declare readonly email: pulumi.Output<string | undefined>;
  declare readonly telephone: pulumi.Output<string | undefined>;
  declare readonly externalRef: pulumi.Output<string>;

  /**
   * A read-only reference to an existing contact, by its id at the exchange: Pulumi reads it on every `up`
   * and `refresh` and never creates, changes or deletes it. To manage an existing one, give its id as
   * `adoptId` instead.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): Contact {
    return new Contact(name, {} as ContactArgs, { ...opts, id });
  }

  constructor(name: string, args: ContactArgs, opts?: pulumi.CustomResourceOptions) {
    super(thinProvider("ixapi:Contact"), name, { ...dynamicInputs("ixapi:Contact", name, args, opts, false), contactId: undefined }, opts, "ixapi", "Contact");
  }
}
