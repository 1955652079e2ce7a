import { adoptable } from "../core/adopt";
import { KindRegistry } from "../core/lifecycle";

/** The Equinix resource kinds this version serves; lifecycles load lazily. Never rename a kind. */
export const kinds: KindRegistry = {
  "fabric:Connection": () =>
    adoptable(require("./connectionLifecycle").connectionLifecycle, { noun: "Equinix connection", secrets: ["zSide.serviceProfile.authenticationKey"] }),
  "fabric:L2Connection": () =>
    adoptable(require("./l2ConnectionLifecycle").l2ConnectionLifecycle, { noun: "Equinix connection (ECX v3 primary leg)", secrets: ["authorizationKey"] }),
};
