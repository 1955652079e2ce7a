import type * as pulumi from "@pulumi/pulumi";
import { generatedReferenceHint } from "../core/adopt";
import type { AdoptArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { ExternalRefArgs, OwnerAccountArgs } from "./args";
import type { ContactInputs } from "./contactMapping";

export interface ContactArgs extends OwnerAccountArgs, ExternalRefArgs, AdoptArgs {
  /** Person or organisation, up to 128 characters. Changed in place. */
  name?: pulumi.Input<string>;
  /** Email, up to 80 characters. Changed in place. */
  email?: pulumi.Input<string>;
  /** Telephone in E.164 format, e.g. +442071838750. Changed in place. */
  telephone?: pulumi.Input<string>;
  /**
   * Role names this contact is meant for (noc, implementation, legal ...): before create and update, each
   * role's required_fields are checked against the contact's fields, with a clear error.
   */
  roles?: pulumi.Input<pulumi.Input<string>[]>;
}

/** An IX-API contact. Read back for drift. Its id (for `get` and `adoptId`) is the contact's id at the exchange. */
export class Contact extends resourceClass<Contact, ContactArgs, typeof ContactInputs, ContactOutputs>({
  kind: "ixapi:Contact",
  lifecycle: () => (require("./contactLifecycle") as typeof import("./contactLifecycle")).contactLifecycle,
  adopt: { noun: "contact", hints: { externalRef: generatedReferenceHint("externalRef") } },
  outputs: ["contactId", "name", "email", "telephone", "externalRef"],
  takesTimeouts: false,
}) {}

/** What a Contact reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface ContactOutputs {
  contactId: string;
  name: string | undefined;
  email: string | undefined;
  telephone: string | undefined;
  externalRef: string;
}
