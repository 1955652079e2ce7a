/** IX-API v2 at an exchange: cloud services (cloud_vc), their per-handover configs, contacts and role assignments. */
export { NetworkService, NetworkServiceArgs, TimeoutsArgs } from "./networkService";
export { NetworkServiceConfig, NetworkServiceConfigArgs, VlanConfigArgs } from "./networkServiceConfig";
export { Contact, ContactArgs } from "./contact";
export { RoleAssignment, RoleAssignmentArgs } from "./roleAssignment";
