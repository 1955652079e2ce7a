import { KindRegistry } from "../core/lifecycle";

/** The ixapi resource kinds this version serves; lifecycles load lazily. Never rename a kind. */
export const kinds: KindRegistry = {
  "ixapi:NetworkService": () => require("./networkServiceLifecycle").networkServiceLifecycle,
  "ixapi:NetworkServiceConfig": () => require("./networkServiceConfigLifecycle").networkServiceConfigLifecycle,
  "ixapi:Contact": () => require("./contactLifecycle").contactLifecycle,
  "ixapi:RoleAssignment": () => require("./roleAssignmentLifecycle").roleAssignmentLifecycle,
};
