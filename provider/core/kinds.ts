import { adoptable } from "./adopt";
import { ConfigReader } from "./config";
import { KindRegistry } from "./lifecycle";
import { kindSpecOf } from "./resourceClass";
import { scoped } from "./scope";

/**
 * The kinds a vendor serves, from its namespace (provider/<api>/index.ts): one entry per resource class
 * it exports, whose lifecycle loads on first use and takes `adoptId` (provider/core/adopt.ts) and
 * `credentials` (and, with `regionOf`, `region`: provider/core/scope.ts). So a vendor's index.ts is its
 * kinds table: exporting a resource class is what makes its kind served.
 */
export function kindsOf(namespace: Record<string, unknown>, o: { regionOf?: (config: ConfigReader) => string | undefined; regionPattern?: RegExp } = {}): KindRegistry {
  const registry: KindRegistry = {};
  for (const value of Object.values(namespace)) {
    const spec = kindSpecOf(value);
    if (spec) registry[spec.kind] = () => scoped(adoptable(spec.lifecycle(), spec.adopt), { kind: spec.kind, noun: spec.adopt.noun, regionOf: o.regionOf, regionPattern: o.regionPattern });
  }
  return registry;
}
