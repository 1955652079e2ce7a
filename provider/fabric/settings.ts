import { apiError } from "../core/errors";
import { ConfigReader, missingSettingsPreface, processConfig, readSetting, SettingSpec, settingInSet } from "../core/config";
import { registerSecret } from "../core/redact";

/**
 * Names follow the official Equinix provider (`equinix:clientId`, `equinix:clientSecret`,
 * `equinix:token`, `equinix:endpoint` and their EQUINIX_API_* variables), so a stack that also uses
 * `@equinix-labs/pulumi-equinix` shares one configuration and no key of ours is unknown to it.
 */
export const equinixSettings = {
  clientId: { name: "clientId", config: ["equinix:clientId"], env: ["EQUINIX_API_CLIENTID"], identity: true },
  clientSecret: { name: "clientSecret", config: ["equinix:clientSecret"], env: ["EQUINIX_API_CLIENTSECRET"], secret: true, identity: true },
  token: { name: "token", config: ["equinix:token"], env: ["EQUINIX_API_TOKEN"], secret: true, identity: true },
  endpoint: { name: "endpoint", config: ["equinix:endpoint"], env: ["EQUINIX_API_ENDPOINT"] },
} satisfies Record<string, SettingSpec>;

export const DEFAULT_EQUINIX_ENDPOINT = "https://api.equinix.com";

/**
 * How the provider authenticates to Equinix: OAuth2 client credentials (a token fetched from
 * `/oauth2/v1/token` and renewed as needed), or a static bearer token obtained beforehand from that
 * endpoint (`equinix:token`), which wins when both are set, as in the official provider.
 */
export type EquinixCredentials =
  | { kind: "oauth"; clientId: string; clientSecret: string; endpoint: string; set?: string }
  | { kind: "token"; token: string; endpoint: string; set?: string };

/** The stack config key and the variable of a setting in a credential set, for messages: "equinix-ops2:clientId (or EQUINIX_API_CLIENTID_OPS2)". */
export function settingNames(spec: SettingSpec, set: string | undefined): { key: string; env: string } {
  const s = settingInSet(spec, set);
  return { key: s.config[0], env: s.env[0] };
}

function hint(setting: SettingSpec, config: ConfigReader): string {
  const s = settingInSet(setting, config.scope?.credentials);
  return `${s.config.map((k) => `\`pulumi config set ${s.secret ? "--secret " : ""}${k} ...\``).join(" or ")}, or the environment variable ${s.env.join(" or ")}`;
}

/** The credential set the credentials came from, when named (for messages; never part of a cache key). */
function named(config: ConfigReader): { set?: string } {
  return config.scope?.credentials ? { set: config.scope.credentials } : {};
}

/** Reads the credentials from `config` at call time (stack config first, then environment). */
export function equinixCredentials(config: ConfigReader = processConfig): EquinixCredentials {
  const s = equinixSettings;
  const endpoint = (readSetting(s.endpoint, config) ?? DEFAULT_EQUINIX_ENDPOINT).replace(/\/+$/, "");
  const token = readSetting(s.token, config);
  if (token) {
    const bare = token.replace(/^\s*bearer\s+/i, "").trim();
    registerSecret(bare);
    return { kind: "token", token: bare, endpoint, ...named(config) };
  }
  const clientId = readSetting(s.clientId, config);
  const clientSecret = readSetting(s.clientSecret, config);
  if (clientId && clientSecret) return { kind: "oauth", clientId, clientSecret, endpoint, ...named(config) };
  const missing = ([clientId ? undefined : s.clientId, clientSecret ? undefined : s.clientSecret] as Array<SettingSpec | undefined>).filter((x): x is SettingSpec => !!x);
  throw apiError({
    api: "equinix",
    kind: "config",
    message:
      `${missingSettingsPreface(config)}:\n  ${missing.map((m) => `${m.name}: set ${hint(m, config)}`).join("\n  ")}\n` +
      `  (or, instead of client credentials, a token from the Equinix OAuth2 API: set ${hint(s.token, config)})`,
  });
}
