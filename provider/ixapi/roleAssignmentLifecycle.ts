import { apiError } from "../core/errors";
import { kindBasics, Lifecycle } from "../core/lifecycle";
import { IxapiClient, ixapiClient, Role } from "./client";
import { buildContactRequest, missingFields } from "./contactMapping";
import { RoleAssignmentInputs, updateTable } from "./roleAssignmentMapping";

/** Its inputs and update rules (every change replaces); a role assignment never waits. */
const kind = kindBasics({ schema: RoleAssignmentInputs, updateTable });

async function resolveRole(api: IxapiClient, name: string): Promise<Role> {
  const role = await api.findRole(name);
  if (!role) throw apiError({ api: "ixapi", kind: "invalid", message: `role: the exchange has no role "${name}" (known: ${(await api.listRoles()).map((r) => r.name).join(", ")})` });
  return role;
}

export const roleAssignmentLifecycle: Lifecycle = kind.lifecycle({
  async create(inputs, ctx) {
    const api = ixapiClient(ctx);
    const v = kind.inputs(inputs);
    const role = await resolveRole(api, v.role);
    const contact = await api.getContact(v.contact);
    if (!contact) throw apiError({ api: "ixapi", kind: "invalid", message: `contact: contact ${v.contact} does not exist` });
    const missing = missingFields(buildContactRequest({ managingAccount: "", consumingAccount: "", name: contact.name ?? undefined, email: contact.email ?? undefined, telephone: contact.telephone ?? undefined }), role.required_fields);
    if (missing.length) throw apiError({ api: "ixapi", kind: "invalid", message: `contact ${v.contact} lacks ${missing.join(", ")}, which the role ${v.role} requires (required_fields: ${role.required_fields.join(", ")}); set them on the ixapi.Contact` });
    const a = await api.createRoleAssignment({ role: role.id, contact: v.contact }, { progress: ctx.progress });
    return { id: a.id, outs: { role: v.role, contact: a.contact, roleId: role.id, assignmentId: a.id } };
  },
  async read(id, props, ctx) {
    const api = ixapiClient(ctx);
    const a = await api.readRoleAssignment(id);
    if (!a) return undefined;
    const name = a.role === props.roleId ? (props.role as string) : (await api.getRole(a.role))?.name ?? a.role;
    const inputs = { role: name, contact: a.contact };
    return { id, props: { ...inputs, roleId: a.role, assignmentId: a.id }, inputs };
  },
  async update(id, _olds, news) {
    // Nothing is updated in place (every change replaces).
    return { outs: { ...news, assignmentId: id } };
  },
  async delete(id, _props, ctx) {
    await ixapiClient(ctx).deleteRoleAssignment(id);
  },
});
