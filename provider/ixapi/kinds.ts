import { kindsOf } from "../core/kinds";
import { KindRegistry } from "../core/lifecycle";
import * as namespace from "./index";

/** The IX-API resource kinds this version serves: one per resource class ./index.ts exports; lifecycles load lazily. Never rename a kind. */
export const kinds: KindRegistry = kindsOf(namespace);
