/**
 * Outputs as the plugin can carry them: `undefined` anywhere fails the call ("Unexpected struct type")
 * and a Date becomes {}. Keys with undefined are dropped, undefined array items become null, dates
 * become ISO strings, functions are dropped.
 */
export function sanitize<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (value === undefined || typeof value === "function") return undefined;
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : clean(v) ?? null));
  if (typeof value === "object") return mapDefined(value as Record<string, unknown>, clean);
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}

/** Picks the listed keys that are present (not undefined). */
export function pick<T extends Record<string, unknown>, K extends keyof T>(obj: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}

/** The object without its undefined values (a request body, or inputs as a program would write them). */
export function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** An object's values through `f`, keys whose result is undefined left out. */
export function mapDefined(o: Record<string, unknown>, f: (v: unknown) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    const r = f(v);
    if (r !== undefined) out[k] = r;
  }
  return out;
}
