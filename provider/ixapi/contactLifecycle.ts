import { apiError } from "../core/errors";
import { kindBasics, Lifecycle } from "../core/lifecycle";
import { identityOf } from "../core/resourceInputs";
import { IxapiClient, ixapiClient } from "./client";
import { identityExternalRef, withDefaultExternalRef } from "./common";
import { buildContactRequest, ContactInputs, mergePatch, missingFields, readBackInputs, toOutputs, updateTable } from "./contactMapping";

/** Its inputs (null stored values are unset) and update rules; a contact never waits. */
const kind = kindBasics({ schema: ContactInputs, updateTable, dropNull: true });

/** Every role the contact is meant for must find its required_fields filled. */
async function checkRoles(api: IxapiClient, v: ContactInputs): Promise<void> {
  if (!v.roles?.length) return;
  const wire = buildContactRequest(v);
  const issues: string[] = [];
  for (const name of v.roles) {
    const role = await api.findRole(name);
    if (!role) {
      issues.push(`roles: the exchange has no role "${name}" (known: ${(await api.listRoles()).map((r) => r.name).join(", ")})`);
      continue;
    }
    const missing = missingFields(wire, role.required_fields);
    if (missing.length) issues.push(`the role ${name} requires ${missing.map((f) => (f === "telephone" ? "telephone" : f)).join(", ")}: set ${missing.join(", ")} on the contact`);
  }
  if (issues.length) throw apiError({ api: "ixapi", kind: "invalid", message: `contact does not fit its roles:\n  ${issues.join("\n  ")}` });
}

export const contactLifecycle: Lifecycle = kind.lifecycle({
  check: withDefaultExternalRef(kind, (v, news, olds) => identityExternalRef("contact", identityOf(news), [v.managingAccount, v.consumingAccount, v.name ?? null, v.email ?? null], olds)),
  async create(inputs, ctx) {
    const api = ixapiClient(ctx);
    const v = kind.inputs(inputs);
    await checkRoles(api, v);
    const c = await api.createContact(buildContactRequest(v), { progress: ctx.progress });
    return { id: c.id, outs: toOutputs(c, v) };
  },
  async read(id, props, ctx) {
    const old = kind.inputs(props);
    const c = await ixapiClient(ctx).readContact(id);
    if (!c) return undefined;
    return { id, props: toOutputs(c, old), inputs: readBackInputs(c, old) };
  },
  async update(id, olds, news, ctx) {
    const api = ixapiClient(ctx);
    const v = kind.inputs(news);
    await checkRoles(api, v);
    const patch = mergePatch(kind.inputs(olds), v);
    const c = Object.keys(patch).length ? await api.patchContact(id, patch) : await api.getContact(id);
    if (!c) throw apiError({ api: "ixapi", kind: "notFound", message: `contact ${id} no longer exists; run \`pulumi refresh\`` });
    return { outs: toOutputs(c, v) };
  },
  async delete(id, _props, ctx) {
    await ixapiClient(ctx).deleteContact(id);
  },
});
