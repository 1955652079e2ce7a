/**
 * Equinix Fabric: virtual connections on the Fabric v4 API (and, in L2Connection, the legacy ECX v3 API).
 *
 * The kinds table: one line per resource, exporting its class and Args; every class exported here is a
 * kind the provider serves (./kinds.ts).
 */
export * from "./connection";
export * from "./l2Connection";
export * from "./cloudRouter";
export * from "./routingProtocol";
export { ALIBABA_PROFILE_UUID, ALIBABA_METROS, ALIBABA_BANDWIDTHS, ALIBABA_SELLER_REGIONS, FABRIC_BANDWIDTHS } from "./constants";
