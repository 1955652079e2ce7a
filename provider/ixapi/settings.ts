import { apiError } from "../core/errors";
import { ConfigReader, missingSettingsPreface, processConfig, readSetting, SettingSpec, settingInSet } from "../core/config";

/**
 * IX-API settings: the API URL, and either OAuth2 client credentials (at a separate token URL, as the
 * exchanges issue them, e.g. Interxion's "Using IX-API for Cloud Service") or IX-API's own api key and secret (`POST /auth/token`).
 */
export const ixapiSettings = {
  apiUrl: { name: "apiUrl", config: ["ixapi:apiUrl"], env: ["IXAPI_API_URL"] },
  tokenUrl: { name: "tokenUrl", config: ["ixapi:tokenUrl"], env: ["IXAPI_TOKEN_URL"] },
  clientId: { name: "clientId", config: ["ixapi:clientId"], env: ["IXAPI_CLIENT_ID"], identity: true },
  clientSecret: { name: "clientSecret", config: ["ixapi:clientSecret"], env: ["IXAPI_CLIENT_SECRET"], secret: true, identity: true },
  apiKey: { name: "apiKey", config: ["ixapi:apiKey"], env: ["IXAPI_API_KEY"], identity: true },
  apiSecret: { name: "apiSecret", config: ["ixapi:apiSecret"], env: ["IXAPI_API_SECRET"], secret: true, identity: true },
} satisfies Record<string, SettingSpec>;

export type IxapiCredentials =
  | { flow: "oauth"; apiUrl: string; tokenUrl: string; clientId: string; clientSecret: string; set?: string }
  | { flow: "native"; apiUrl: string; apiKey: string; apiSecret: string; set?: string };

/** The settings to check after a refused login, as `check a, b and c (or A / B / C)`, in the credential set the credentials came from. */
export function checkHint(c: IxapiCredentials): string {
  const specs = c.flow === "oauth" ? [ixapiSettings.clientId, ixapiSettings.clientSecret, ixapiSettings.tokenUrl] : [ixapiSettings.apiKey, ixapiSettings.apiSecret];
  const named = specs.map((s) => settingInSet(s, c.set));
  const keys = named.map((s) => s.config[0]);
  return `check ${keys.slice(0, -1).join(", ")} and ${keys[keys.length - 1]} (or ${named.map((s) => s.env[0]).join(" / ")})`;
}

function hint(setting: SettingSpec, config: ConfigReader): string {
  const s = settingInSet(setting, config.scope?.credentials);
  return `${s.config.map((k) => `\`pulumi config set ${s.secret ? "--secret " : ""}${k} ...\``).join(" or ")} (or ${s.env.join(" or ")})`;
}

/**
 * Reads the settings from `config` at call time (stack config first, then environment). OAuth client credentials win
 * when both sets are complete. Missing settings give one error naming every key and variable to set.
 */
export function ixapiCredentials(config: ConfigReader = processConfig): IxapiCredentials {
  const s = ixapiSettings;
  const read = (spec: SettingSpec) => readSetting(spec, config);
  const apiUrl = read(s.apiUrl)?.replace(/\/+$/, "");
  const tokenUrl = read(s.tokenUrl);
  const clientId = read(s.clientId);
  const clientSecret = read(s.clientSecret);
  const apiKey = read(s.apiKey);
  const apiSecret = read(s.apiSecret);
  const missing: string[] = [];
  if (!apiUrl) missing.push(`apiUrl (the exchange's IX-API base URL, e.g. https://ixapi.example.net/ixapi/v2): set ${hint(s.apiUrl, config)}`);
  const oauth = clientId && clientSecret;
  const native = apiKey && apiSecret;
  if (!oauth && !native) {
    missing.push(
      `credentials: either OAuth2 client credentials, ${hint(s.clientId, config)} and ${hint(s.clientSecret, config)} with ${hint(s.tokenUrl, config)}, ` +
        `or an IX-API key, ${hint(s.apiKey, config)} and ${hint(s.apiSecret, config)}`,
    );
  } else if (oauth && !tokenUrl) {
    missing.push(`tokenUrl (the login URL's token endpoint, e.g. https://login.example.net/connect/token): set ${hint(s.tokenUrl, config)}`);
  }
  if (missing.length) {
    throw apiError({ api: "ixapi", kind: "config", message: `${missingSettingsPreface(config)}:\n  ${missing.join("\n  ")}` });
  }
  const set = config.scope?.credentials ? { set: config.scope.credentials } : {};
  if (oauth) return { flow: "oauth", apiUrl: apiUrl!, tokenUrl: tokenUrl!, clientId: clientId!, clientSecret: clientSecret!, ...set };
  return { flow: "native", apiUrl: apiUrl!, apiKey: apiKey!, apiSecret: apiSecret!, ...set };
}
