import { kindsOf } from "../core/kinds";
import { KindRegistry } from "../core/lifecycle";
import * as namespace from "./index";
import { alibabaRegionOf, REGION_ID } from "./settings";

/** The Alibaba resource kinds this version serves: one per resource class ./index.ts exports; lifecycles load lazily; each takes a `region`. Never rename a kind. */
export const kinds: KindRegistry = kindsOf(namespace, { regionOf: alibabaRegionOf, regionPattern: REGION_ID });
