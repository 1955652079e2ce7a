import { apiError } from "../core/errors";
import { diffByTable } from "../core/diff";
import { Lifecycle, pickKeys, Props, storedInputs } from "../core/lifecycle";
import { checkInputs } from "../core/validation";
import { identityOf } from "../core/resourceInputs";
import { IxapiClient, ixapiClient } from "./client";
import { identityExternalRef } from "./common";
import { buildContactRequest, ContactInputs, mergePatch, missingFields, readBackInputs, toOutputs, updateTable } from "./contactMapping";

const KEYS = Object.keys(ContactInputs.shape);
/** Stored outputs back to typed inputs, parsed by the schema; null values are left out like undefined ones. */
function asInputs(props: Props): ContactInputs {
  return storedInputs(ContactInputs, pickKeys(props, KEYS, { dropNull: true }), KEYS);
}

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

export const contactLifecycle: Lifecycle = {
  check(olds, news) {
    const r = checkInputs(ContactInputs, news);
    if (!r.failures.length && !(r.inputs as Props).externalRef) {
      const v = r.inputs as ContactInputs;
      (r.inputs as Props).externalRef = identityExternalRef("contact", identityOf(news), [v.managingAccount, v.consumingAccount, v.name ?? null, v.email ?? null], olds);
    }
    return r;
  },
  diff(_id, olds, news) {
    return diffByTable(updateTable, olds, news);
  },
  async create(inputs, ctx) {
    const api = ixapiClient(ctx);
    const v = asInputs(inputs);
    await checkRoles(api, v);
    const c = await api.createContact(buildContactRequest(v), { progress: ctx.progress });
    return { id: c.id, outs: toOutputs(c, v) };
  },
  async read(id, props, ctx) {
    const old = asInputs(props);
    const c = await ixapiClient(ctx).readContact(id);
    if (!c) return undefined;
    return { id, props: toOutputs(c, old), inputs: readBackInputs(c, old) };
  },
  async update(id, olds, news, ctx) {
    const api = ixapiClient(ctx);
    const v = asInputs(news);
    await checkRoles(api, v);
    const patch = mergePatch(asInputs(olds), v);
    const c = Object.keys(patch).length ? await api.patchContact(id, patch) : await api.getContact(id);
    if (!c) throw apiError({ api: "ixapi", kind: "notFound", message: `contact ${id} no longer exists; run \`pulumi refresh\`` });
    return { outs: toOutputs(c, v) };
  },
  async delete(id, _props, ctx) {
    await ixapiClient(ctx).deleteContact(id);
  },
};
