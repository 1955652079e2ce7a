import { KindRegistry } from "../core/lifecycle";

/** The fabric resource kinds this version serves; lifecycles load lazily. Never rename a kind. */
export const kinds: KindRegistry = {};
