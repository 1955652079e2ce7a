import { z } from "zod";
import { ChangeRule } from "../core/diff";
import { email } from "../core/validation";
import { defined } from "../core/outputs";
import { Contact } from "./client";
import { id, ref } from "./common";
import { changedMembers } from "./sharedMapping";

export const ContactInputs = z
  .object({
    managingAccount: id,
    consumingAccount: id,
    name: ref(128).min(1).optional(),
    email: email.max(80).optional(),
    telephone: z.string().regex(/^\+[1-9]\d{1,14}$/, "must be in E.164 format, e.g. +442071838750").optional(),
    externalRef: ref(128).optional(),
    /** role names this contact is meant for: their required_fields are checked before create */
    roles: z.array(z.string().min(1)).optional(),
  })
  .strict();
export type ContactInputs = z.output<typeof ContactInputs>;

export function buildContactRequest(v: ContactInputs): Record<string, unknown> {
  return defined({ managing_account: v.managingAccount, consuming_account: v.consumingAccount, name: v.name, email: v.email, telephone: v.telephone, external_ref: v.externalRef });
}

export function readBackInputs(c: Contact, old: ContactInputs): ContactInputs {
  return defined({
    managingAccount: c.managing_account ?? old.managingAccount,
    consumingAccount: c.consuming_account ?? old.consumingAccount,
    name: c.name ?? undefined,
    email: c.email ?? undefined,
    telephone: c.telephone ?? undefined,
    externalRef: c.external_ref ?? old.externalRef,
    roles: old.roles,
  }) as ContactInputs;
}

export function toOutputs(c: Contact, old: ContactInputs): Record<string, unknown> {
  return { ...readBackInputs(c, old), contactId: c.id };
}

export const updateTable: Record<string, ChangeRule> = {
  managingAccount: "replace",
  consumingAccount: "replace",
  name: "update",
  email: "update",
  telephone: "update",
  externalRef: "update",
  roles: "update",
};

export function mergePatch(olds: Partial<ContactInputs>, news: ContactInputs): Record<string, unknown> {
  return changedMembers(olds, news, [["name", "name"], ["email", "email"], ["telephone", "telephone"], ["externalRef", "external_ref"]]);
}

/** Fields a role requires that the contact lacks. */
export function missingFields(v: Record<string, unknown>, required: string[]): string[] {
  return required.filter((f) => v[f] === undefined || v[f] === null || v[f] === "");
}
