import { apiError } from "./errors";
import { registerSecret } from "./redact";

/** What configure(req) hands over: the whole stack config, namespaced keys, secrets decrypted. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

let source: ConfigSource | undefined;
let pending: Promise<void> | undefined;

/**
 * Called by every deserialized provider's configure(). The plugin stores a provider in its cache BEFORE
 * configure() resolves, so another call may arrive first: every method awaits `configured()`. The
 * config is process-wide (every kind receives the same stack config).
 */
export function configure(req: { config?: ConfigSource } | undefined): Promise<void> {
  pending = (async () => {
    if (req?.config) source = req.config;
  })();
  return pending;
}

/** Resolves once configuration (if it started) is complete. */
export async function configured(): Promise<void> {
  if (pending) await pending;
}

/**
 * Where a call reads its settings: the stack config keys (`get`, structured values as the engine sent
 * them) and the environment variables (`env`). The runtime hands each call `processConfig` (the config
 * the plugin's configure() installed, then process.env); tests build one with `configReader`.
 */
export interface ConfigReader {
  /** One stack config key's value, or undefined (never throws). */
  get(key: string): unknown;
  /** One environment variable, or undefined. */
  env(name: string): string | undefined;
  /**
   * What the resource of the call names (its `credentials` and, for Alibaba, its `region`): absent for the
   * default credential set and the configured region. Set by `scopedConfig`, read by `readSetting` and the
   * vendors' credential readers.
   */
  readonly scope?: CallScope;
}

/** The credential set and region one resource uses (its `credentials` and `region` arguments). */
export interface CallScope {
  /** The named credential set; undefined: the default set (the `equinix:` / `alicloud:` / `ixapi:` keys). */
  credentials?: string;
  /** The Alibaba Cloud region the resource lives in; undefined: `alicloud:region` of its credential set. */
  region?: string;
}

/**
 * Names of credential sets: lower-case letters, digits and single hyphens, starting with a letter, at most
 * 32 characters, so that `<namespace>-<set>` is a config namespace and `<VARIABLE>_<SET>` an environment
 * variable name.
 */
export const CREDENTIAL_SET_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Why `name` is not a credential set name, or undefined when it is one. */
export function credentialSetIssue(name: unknown): string | undefined {
  if (typeof name !== "string") return "must be the name of a credential set (a string such as \"ops2\"), or omitted for the default set";
  if (name.length > 32 || !CREDENTIAL_SET_NAME.test(name)) {
    return `must be a credential set name: lower-case letters, digits and single hyphens, starting with a letter, at most 32 characters (got ${JSON.stringify(name)})`;
  }
  return undefined;
}

/** `alicloud:accessKey` in the set `ops2`: `alicloud-ops2:accessKey`. */
export function keyInSet(key: string, set: string): string {
  const i = key.indexOf(":");
  return i < 0 ? `${key}-${set}` : `${key.slice(0, i)}-${set}${key.slice(i)}`;
}

/** `ALICLOUD_ACCESS_KEY` in the set `ops2`: `ALICLOUD_ACCESS_KEY_OPS2`. */
export function envInSet(name: string, set: string): string {
  return `${name}_${set.toUpperCase().replace(/-/g, "_")}`;
}

/**
 * A setting as the credential set `set` reads it. A named set reads its own keys, the default set's with
 * the namespace suffixed by the set's name (`equinix-ops2:clientId`, `alicloud-ops2:secretKey`,
 * `ixapi-ops2:apiKey`) and its own variables, suffixed likewise (EQUINIX_API_CLIENTID_OPS2). Identity
 * settings (ids, keys, secrets, tokens) come only from the set: a set never borrows half of another's
 * credentials. The others (endpoints, region, token URL) fall back to the default set's keys and variables.
 */
export function settingInSet(spec: SettingSpec, set: string | undefined): SettingSpec {
  if (!set) return spec;
  const config = spec.config.map((k) => keyInSet(k, set));
  const env = spec.env.map((n) => envInSet(n, set));
  return spec.identity ? { ...spec, config, env } : { ...spec, config: [...config, ...spec.config], env: [...env, ...spec.env] };
}

/**
 * The settings of one resource's calls: `base` (the stack config, then the environment) read through the
 * resource's credential set, with its region. An empty scope gives `base` itself.
 */
export function scopedConfig(base: ConfigReader, scope: CallScope): ConfigReader {
  if (scope.credentials === undefined && scope.region === undefined) return base;
  const merged: CallScope = { ...base.scope };
  if (scope.credentials !== undefined) merged.credentials = scope.credentials;
  if (scope.region !== undefined) merged.region = scope.region;
  return { get: (key) => base.get(key), env: (name) => base.env(name), scope: merged };
}

/** The start of a "missing settings" message: which credential set lacks them. */
export function missingSettingsPreface(config: ConfigReader): string {
  const set = config.scope?.credentials;
  return set ? `missing credentials or settings of credential set "${set}" (named by the resource's \`credentials\`)` : "missing credentials or settings";
}

/** The plugin process's settings: the stack config installed by configure(), then process.env. */
export const processConfig: ConfigReader = {
  get(key) {
    try {
      return (source as { get(key: string): unknown } | undefined)?.get(key);
    } catch {
      return undefined; // the plugin's Config throws when the engine sent no configuration at all
    }
  },
  env: (name) => process.env[name],
};

/** A reader over fixed values (tests, tools): `config` keys as a stack would hold them, `env` variables. */
export function configReader(o: { config?: Record<string, unknown>; env?: Record<string, string | undefined> } = {}): ConfigReader {
  return { get: (key) => o.config?.[key], env: (name) => o.env?.[name] };
}

/** One setting: stack config keys first (in order), then environment variables (in order). */
export interface SettingSpec {
  /** The name used in code: "clientId". */
  name: string;
  config: string[];
  env: string[];
  secret?: boolean;
  /**
   * Part of who sends the requests (an id, a key, a secret, a token): a named credential set reads it
   * only from its own keys and variables, never from the default set's (settingInSet).
   */
  identity?: boolean;
}

/**
 * The raw value of one stack config key, or undefined. Structured values (lists, objects) arrive as JSON
 * text or, from newer engines, already parsed: both are returned parsed.
 */
export function readConfigValue(key: string, config: ConfigReader = processConfig): unknown {
  const v = config.get(key);
  if (v === undefined || v === null || v === "") return undefined;
  if (typeof v === "string" && /^\s*[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

const warned = new Set<string>();

/**
 * Prints a warning once per process on stderr, which the plugin forwards to the user (`pulumi up`
 * shows it under the resource); not silenced by INTERCONNECT_QUIET, which only quiets progress.
 */
export function warnOnce(id: string, message: string): void {
  if (warned.has(id)) return;
  warned.add(id);
  process.stderr.write(`[pulumi-interconnect] warning: ${message}\n`);
}

/** One setting from `config`: its stack config keys first (in order), then its environment variables. */
export function readSetting(setting: SettingSpec, config: ConfigReader = processConfig): string | undefined {
  const spec = settingInSet(setting, config.scope?.credentials);
  for (const key of spec.config) {
    const v = config.get(key) as string | undefined;
    if (v !== undefined && v !== null && v !== "") return remember(spec, v);
  }
  for (const key of spec.env) {
    const v = config.env(key);
    if (v !== undefined && v !== "") return remember(spec, v);
  }
  return undefined;
}

function remember(spec: SettingSpec, value: string): string {
  if (spec.secret) registerSecret(value);
  return value;
}

/**
 * Reads settings; when any required one is missing, throws one error naming, for each, the stack config
 * keys and the environment variables that can provide it.
 */
export function requireSettings<N extends string>(
  api: string,
  required: Array<SettingSpec & { name: N }>,
  optional: SettingSpec[] = [],
  config: ConfigReader = processConfig,
): Record<N, string> & Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const missing: SettingSpec[] = [];
  for (const spec of required) {
    const v = readSetting(spec, config);
    if (v === undefined) missing.push(spec);
    out[spec.name] = v;
  }
  for (const spec of optional) out[spec.name] = readSetting(spec, config);
  if (missing.length) {
    const lines = missing.map((setting) => {
      const s = settingInSet(setting, config.scope?.credentials);
      return `${s.name}: set ${s.config.map((k) => `\`pulumi config set ${s.secret ? "--secret " : ""}${k} ...\``).join(" or ")}, or the environment variable ${s.env.join(" or ")}`;
    });
    throw apiError({
      api,
      kind: "config",
      message: `${missingSettingsPreface(config)}:\n  ${lines.join("\n  ")}`,
    });
  }
  return out as Record<N, string> & Record<string, string | undefined>;
}

/** Settings shared by every API: how often waits poll. */
export const pollIntervalSetting: SettingSpec = {
  name: "pollInterval",
  config: ["interconnect:pollIntervalMs"],
  env: ["INTERCONNECT_POLL_INTERVAL_MS"],
};

/** First poll interval and its cap, in ms: default 5 s growing to 30 s. */
export function pollIntervals(config: ConfigReader = processConfig): { intervalMs: number; maxIntervalMs: number; lagShare: number } {
  const raw = readSetting(pollIntervalSetting, config);
  const first = raw !== undefined && Number(raw) > 0 ? Number(raw) : 5000;
  // The bounded schedule (core/waiter.ts): a finished object is seen within 10 % of the wait + 1 s.
  return { intervalMs: first, maxIntervalMs: Math.max(first, Math.min(30_000, first * 6)), lagShare: 0.1 };
}
