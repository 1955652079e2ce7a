/**
 * IX-API v2 at an exchange: cloud services (cloud_vc), their per-handover configs, contacts and role assignments.
 *
 * The kinds table: one line per resource, exporting its class and Args; every class exported here is a
 * kind the provider serves (./kinds.ts).
 */
export * from "./networkService";
export * from "./networkServiceConfig";
export * from "./contact";
export * from "./roleAssignment";
