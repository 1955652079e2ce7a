import { requireSettings, SettingSpec } from "../core/config";

/** Names follow the official Equinix provider so existing stacks and environments work unchanged. */
export const equinixSettings = {
  clientId: { name: "clientId", config: ["equinix:clientId"], env: ["EQUINIX_API_CLIENTID"] },
  clientSecret: { name: "clientSecret", config: ["equinix:clientSecret"], env: ["EQUINIX_API_CLIENTSECRET"], secret: true },
  endpoint: { name: "endpoint", config: ["equinix:endpoint"], env: ["EQUINIX_API_ENDPOINT"] },
} satisfies Record<string, SettingSpec>;

export const DEFAULT_EQUINIX_ENDPOINT = "https://api.equinix.com";

export interface EquinixCredentials {
  clientId: string;
  clientSecret: string;
  endpoint: string;
}

/** Reads the credentials at call time (stack config first, then environment). */
export function equinixCredentials(): EquinixCredentials {
  const s = requireSettings("equinix", [equinixSettings.clientId, equinixSettings.clientSecret], [equinixSettings.endpoint]);
  return {
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    endpoint: (s.endpoint ?? DEFAULT_EQUINIX_ENDPOINT).replace(/\/+$/, ""),
  };
}
