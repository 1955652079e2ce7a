import { KindRegistry } from "../core/lifecycle";

/** The alibaba resource kinds this version serves; lifecycles load lazily. Never rename a kind. */
export const kinds: KindRegistry = {
  "alibaba:PhysicalConnection": () => require("./physicalConnectionLifecycle").physicalConnectionLifecycle,
  "alibaba:HostedConnection": () => require("./hostedConnectionLifecycle").hostedConnectionLifecycle,
  "alibaba:VirtualBorderRouter": () => require("./virtualBorderRouterLifecycle").virtualBorderRouterLifecycle,
};
