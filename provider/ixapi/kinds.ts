import { KindRegistry } from "../core/lifecycle";

/** The ixapi resource kinds this version serves; lifecycles load lazily. Never rename a kind. */
export const kinds: KindRegistry = {};
