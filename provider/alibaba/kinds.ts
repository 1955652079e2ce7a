import { adoptable } from "../core/adopt";
import { KindRegistry } from "../core/lifecycle";

const DESIRED = "the connection is driven no further at adoption: set desiredStatus to the status it has reached, then raise it with another `pulumi up`";

/** The alibaba resource kinds this version serves; lifecycles load lazily. Never rename a kind. */
export const kinds: KindRegistry = {
  "alibaba:PhysicalConnection": () =>
    adoptable(require("./physicalConnectionLifecycle").physicalConnectionLifecycle, { noun: "physical connection", hints: { desiredStatus: DESIRED } }),
  "alibaba:HostedConnection": () =>
    adoptable(require("./hostedConnectionLifecycle").hostedConnectionLifecycle, {
      noun: "hosted connection",
      hints: { accept: "a connection is not accepted at adoption: set accept to false to adopt it as it is, then to true to accept it with another `pulumi up`" },
    }),
  "alibaba:VirtualBorderRouter": () => adoptable(require("./virtualBorderRouterLifecycle").virtualBorderRouterLifecycle, { noun: "VBR" }),
};
