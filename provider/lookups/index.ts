/**
 * Look-ups: functions a program calls to find what its resources refer to, instead of pasting ids:
 * Fabric ports, service profiles and metros (`lookups.fabric`), Alibaba Express Connect access points
 * (`lookups.alibaba`), IX-API product offerings and connections (`lookups.ixapi`). Each reads the stack's
 * credentials as the resources do, and comes as `getX(args)` (a Promise) and `getXOutput(args)` (Inputs
 * in, an Output out).
 */
export * as fabric from "./fabric";
export * as alibaba from "./alibaba";
export * as ixapi from "./ixapi";
export type { LookupOptions } from "./api";
