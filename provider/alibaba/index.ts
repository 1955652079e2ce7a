export { PhysicalConnection } from "./physicalConnection";
export type { PhysicalConnectionArgs, PaymentArgs, TimeoutsArgs } from "./physicalConnection";
export { HostedConnection } from "./hostedConnection";
export type { HostedConnectionArgs } from "./hostedConnection";
export { VirtualBorderRouter } from "./virtualBorderRouter";
export type { VirtualBorderRouterArgs } from "./virtualBorderRouter";
