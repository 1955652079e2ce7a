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
export function readSetting(spec: SettingSpec, config: ConfigReader = processConfig): string | undefined {
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
    const lines = missing.map(
      (s) => `${s.name}: set ${s.config.map((k) => `\`pulumi config set ${s.secret ? "--secret " : ""}${k} ...\``).join(" or ")}, or the environment variable ${s.env.join(" or ")}`,
    );
    throw apiError({
      api,
      kind: "config",
      message: `missing credentials or settings:\n  ${lines.join("\n  ")}`,
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
