import type { Sandbox } from "./index";

/** The environment variables that point the providers at this sandbox. */
export function sandboxEnv(sb: Sandbox): Record<string, string> {
  const env: Record<string, string> = {
    EQUINIX_API_ENDPOINT: sb.equinix.endpoint,
    EQUINIX_API_CLIENTID: sb.equinix.clientId,
    EQUINIX_API_CLIENTSECRET: sb.equinix.clientSecret,
  };
  const ali = sb.alibaba as { endpoint: string; accessKeyId: string; accessKeySecret: string; region: string } | undefined;
  if (ali) {
    Object.assign(env, {
      ALICLOUD_VPC_ENDPOINT: ali.endpoint,
      ALICLOUD_ACCESS_KEY: ali.accessKeyId,
      ALICLOUD_SECRET_KEY: ali.accessKeySecret,
      ALICLOUD_REGION: ali.region,
    });
  }
  const ix = sb.ixapi as { apiUrl: string; tokenUrl: string; clientId: string; clientSecret: string } | undefined;
  if (ix) {
    Object.assign(env, { IXAPI_API_URL: ix.apiUrl, IXAPI_TOKEN_URL: ix.tokenUrl, IXAPI_CLIENT_ID: ix.clientId, IXAPI_CLIENT_SECRET: ix.clientSecret });
  }
  return env;
}
