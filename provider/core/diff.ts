import { isDeepStrictEqual } from "util";
import { mapDefined } from "./outputs";
import { HIDDEN_INPUTS } from "./resourceInputs";
import { containsUnknown } from "./validation";

/** How a change to one input is applied: in place, by replacing the object, or not at all. */
export type ChangeRule = "update" | "replace" | "ignore";

export interface DiffOutcome {
  changes: boolean;
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
  /** Every changed input, replaced or not (for messages and tests). */
  changed: string[];
}

/** Normalises absent values so that undefined, null and a missing key compare equal. */
function normal(value: unknown): unknown {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(normal);
  if (typeof value === "object") return mapDefined(value as Record<string, unknown>, normal);
  return value;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(normal(a), normal(b));
}

/**
 * A kind's update table from its input keys: those under `replace` replace the object, those under
 * `ignore` and `timeouts` (which never reaches the vendor) change nothing, every other input updates in place.
 */
export function updateTableOf(keys: readonly string[], o: { replace: readonly string[]; ignore?: readonly string[] }): Record<string, ChangeRule> {
  const rule = (k: string): ChangeRule => (o.replace.includes(k) ? "replace" : k === "timeouts" || o.ignore?.includes(k) ? "ignore" : "update");
  return Object.fromEntries(keys.map((k) => [k, rule(k)]));
}

export interface DiffTableOptions {
  /** Inputs not listed in the table: replace (the safe default) unless said otherwise. */
  unlisted?: ChangeRule;
  /**
   * Whether the replacement must delete the old object first: when the new one would collide with it
   * at the vendor (same port and VLAN, same name ...).
   */
  deleteBeforeReplace?: (olds: Record<string, unknown>, news: Record<string, unknown>, replaces: string[]) => boolean;
}

/**
 * Diff driven by a declarative table of top-level inputs. `olds` are the old OUTPUTS (which mirror the
 * inputs, so a change made outside Pulumi and seen by refresh shows here), `news` the checked inputs.
 * `__provider` and `__identity` are never compared: a new version of this package must not update every
 * resource, and a renamed resource keeps its vendor object.
 * An unknown (preview) value counts as a change.
 */
export function diffByTable(
  table: Record<string, ChangeRule>,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  options: DiffTableOptions = {},
): DiffOutcome {
  const keys = new Set([...Object.keys(news), ...Object.keys(table)]);
  for (const hidden of HIDDEN_INPUTS) keys.delete(hidden);
  const changed: string[] = [];
  const replaces: string[] = [];
  for (const key of keys) {
    const rule = table[key] ?? options.unlisted ?? "replace";
    if (rule === "ignore") continue;
    if (!(key in news) && !(key in table)) continue;
    const differs = containsUnknown(news[key]) || !sameValue(olds[key], news[key]);
    if (!differs) continue;
    changed.push(key);
    if (rule === "replace") replaces.push(key);
  }
  const stables = [...keys].filter((k) => !changed.includes(k) && (table[k] ?? options.unlisted ?? "replace") !== "ignore");
  const deleteBeforeReplace =
    replaces.length > 0 && options.deleteBeforeReplace ? options.deleteBeforeReplace(olds, news, replaces) : false;
  return { changes: changed.length > 0, replaces, stables, deleteBeforeReplace, changed };
}
