/**
 * The package's resources, one namespace per API. Each namespace re-exports its resources and their
 * argument types; see the README for what each resource does.
 */
export * as fabric from "./fabric";
export * as alibaba from "./alibaba";
export * as ixapi from "./ixapi";
