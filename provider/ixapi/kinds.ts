import { adoptable } from "../core/adopt";
import { KindRegistry } from "../core/lifecycle";

const EXTERNAL_REF = "when not given, externalRef is a reference generated for new objects: set externalRef to the object's";

/** The ixapi resource kinds this version serves; lifecycles load lazily. Never rename a kind. */
export const kinds: KindRegistry = {
  "ixapi:NetworkService": () =>
    adoptable(require("./networkServiceLifecycle").networkServiceLifecycle, { noun: "network service", secrets: ["cloudKey"], hints: { externalRef: EXTERNAL_REF } }),
  "ixapi:NetworkServiceConfig": () =>
    adoptable(require("./networkServiceConfigLifecycle").networkServiceConfigLifecycle, { noun: "network service config", hints: { externalRef: EXTERNAL_REF } }),
  "ixapi:Contact": () => adoptable(require("./contactLifecycle").contactLifecycle, { noun: "contact", hints: { externalRef: EXTERNAL_REF } }),
  "ixapi:RoleAssignment": () => adoptable(require("./roleAssignmentLifecycle").roleAssignmentLifecycle, { noun: "role assignment" }),
};
