/**
 * Alibaba Cloud Express Connect: dedicated and hosted physical connections, virtual border routers and
 * their BGP groups and peers.
 *
 * The kinds table: one line per resource, exporting its class and Args; every class exported here is a
 * kind the provider serves (./kinds.ts).
 */
export * from "./physicalConnection";
export * from "./hostedConnection";
export * from "./virtualBorderRouter";
export * from "./bgpGroup";
export * from "./bgpPeer";
