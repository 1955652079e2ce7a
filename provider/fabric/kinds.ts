import { KindRegistry } from "../core/lifecycle";

/** The Equinix resource kinds this version serves; lifecycles load lazily. Never rename a kind. */
export const kinds: KindRegistry = {
  "fabric:Connection": () => require("./connectionLifecycle").connectionLifecycle,
  "fabric:L2Connection": () => require("./l2ConnectionLifecycle").l2ConnectionLifecycle,
};
