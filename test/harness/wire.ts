/**
 * Wire sentinels and the engine's secret handling (runtime/rpc.js of @pulumi/pulumi 3.270.0).
 *
 * - A secret on the wire is `{[SIG_KEY]: SECRET_SIG, value}` (see `secret()`, `isSecret()`).
 * - An unknown (preview) value is the string `UNKNOWN`.
 * - A resource reference is `{[SIG_KEY]: RESOURCE_SIG, urn, id?}`; a provider that does not accept
 *   resources (the dynamic provider never does) receives the id of a custom resource, else the URN.
 *
 * The dynamic provider's Configure replies acceptSecrets:false, so the engine strips every secret
 * wrapper before a CRUD call (`stripSecrets`) and re-marks outputs from the inputs afterwards
 * (`annotateSecrets`, the engine's `annotateSecrets(outs, ins)`: recursive over objects and equal-length
 * arrays).
 */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Props = Record<string, unknown>;
export interface SecretValue<T = unknown> {
  [SIG_KEY]: typeof SECRET_SIG;
  value: T;
}

/** Wraps a value as a wire secret. */
export function secret<T>(value: T): SecretValue<T> {
  return { [SIG_KEY]: SECRET_SIG, value } as SecretValue<T>;
}

export function isSecret(v: unknown): v is SecretValue {
  return typeof v === "object" && v !== null && (v as Props)[SIG_KEY] === SECRET_SIG;
}

function isPlainObject(v: unknown): v is Props {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True when the value is, or contains, a secret wrapper. */
export function containsSecret(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecret);
  if (isPlainObject(v)) return Object.values(v).some(containsSecret);
  return false;
}

/**
 * Returns a copy without secret wrappers, with resource references replaced by their id (or URN) and
 * `undefined` members dropped (protobuf Struct rejects them), as the engine sends it to a provider that
 * neither accepts secrets nor resources.
 */
export function stripSecrets<T>(v: T): T {
  return strip(v) as T;
}

function strip(v: unknown): unknown {
  if (isSecret(v)) return strip(v.value);
  if (Array.isArray(v)) return v.map((e) => (e === undefined ? null : strip(e)));
  if (isPlainObject(v)) {
    if (v[SIG_KEY] === RESOURCE_SIG) {
      const id = v["id"];
      return typeof id === "string" && id !== "" ? id : v["urn"];
    }
    const out: Props = {};
    for (const [k, e] of Object.entries(v)) if (e !== undefined) out[k] = strip(e);
    return out;
  }
  return v;
}

/**
 * The engine's `annotateSecrets(outs, ins)`: every member of `outs` whose counterpart in `ins` is a
 * secret becomes a secret; recurses into objects and equal-length arrays. Returns a new object.
 */
export function annotateSecrets(outs: Props, ins: Props | undefined): Props {
  if (!ins) return { ...outs };
  return annotate(outs, ins) as Props;
}

function annotate(out: unknown, inp: unknown): unknown {
  if (isSecret(out)) return out;
  if (isSecret(inp)) return secret(out);
  if (isPlainObject(out) && isPlainObject(inp)) {
    const res: Props = {};
    for (const [k, v] of Object.entries(out)) res[k] = k in inp ? annotate(v, inp[k]) : v;
    return res;
  }
  if (Array.isArray(out) && Array.isArray(inp) && out.length === inp.length) {
    return out.map((e, i) => annotate(e, inp[i]));
  }
  return out;
}

/** Top-level keys whose value is or contains a secret. */
export function secretKeysOf(props: Props | undefined): string[] {
  if (!props) return [];
  return Object.keys(props).filter((k) => containsSecret(props[k]));
}

/** Wraps the given top-level keys as secrets (keys already secret stay as they are). */
export function markSecret(props: Props, keys: readonly string[]): Props {
  const out: Props = { ...props };
  for (const k of keys) if (k in out && !isSecret(out[k])) out[k] = secret(stripSecrets(out[k]));
  return out;
}

/** Deep structural equality of JSON-like values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((e, i) => deepEqual(e, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Top-level keys whose values differ between `a` and `b` (added, removed or changed), sorted. */
export function changedKeys(a: Props | undefined, b: Props | undefined): string[] {
  const x = a ?? {};
  const y = b ?? {};
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  return [...keys].filter((k) => !deepEqual(x[k], y[k])).sort();
}
