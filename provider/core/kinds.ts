import { adoptable } from "./adopt";
import { KindRegistry } from "./lifecycle";
import { kindSpecOf } from "./resourceClass";

/**
 * The kinds a vendor serves, from its namespace (provider/<api>/index.ts): one entry per resource class
 * it exports, whose lifecycle loads on first use and takes `adoptId` (provider/core/adopt.ts). So a
 * vendor's index.ts is its kinds table: exporting a resource class is what makes its kind served.
 */
export function kindsOf(namespace: Record<string, unknown>): KindRegistry {
  const registry: KindRegistry = {};
  for (const value of Object.values(namespace)) {
    const spec = kindSpecOf(value);
    if (spec) registry[spec.kind] = () => adoptable(spec.lifecycle(), spec.adopt);
  }
  return registry;
}
