/**
 * pulumi-interconnect: Pulumi resources and components for private interconnects.
 *
 * ```ts
 * import * as ic from "pulumi-interconnect";
 * new ic.fabric.Connection("primary", { ... });
 * ```
 */
export { fabric, alibaba, ixapi } from "./provider";
export * as components from "./components";
export * as lookups from "./provider/lookups";
