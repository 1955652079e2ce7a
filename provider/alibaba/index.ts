/**
 * Alibaba Cloud Express Connect: dedicated and hosted physical connections and virtual border routers.
 *
 * The kinds table: one line per resource, exporting its class and Args; every class exported here is a
 * kind the provider serves (./kinds.ts).
 */
export * from "./physicalConnection";
export * from "./hostedConnection";
export * from "./virtualBorderRouter";
