import { ConfigReader, keyInSet, processConfig, readConfigValue, readSetting, requireSettings, SettingSpec, warnOnce } from "../core/config";
import { apiError } from "../core/errors";
import { registerSecret } from "../core/redact";
import { percentEncode } from "./signer";

/**
 * Credentials and region use the official alicloud provider's names, so existing stacks and environments
 * work unchanged. The VPC endpoint override has no key of its own in the `alicloud:` namespace (a stack
 * that also uses `@pulumi/alicloud` rejects unknown `alicloud:` keys): it is read from the official
 * provider's `alicloud:endpoints` list (`[{vpc: "..."}]`) or from this package's
 * `interconnect:alicloudVpcEndpoint`; see vpcEndpointOverride.
 */
export const alibabaSettings = {
  accessKey: { name: "accessKey", config: ["alicloud:accessKey"], env: ["ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID"], identity: true },
  secretKey: { name: "secretKey", config: ["alicloud:secretKey"], env: ["ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"], secret: true, identity: true },
  securityToken: { name: "securityToken", config: ["alicloud:securityToken"], env: ["ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN"], secret: true, identity: true },
  region: { name: "region", config: ["alicloud:region"], env: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"] },
  endpoint: { name: "endpoint", config: ["interconnect:alicloudVpcEndpoint"], env: ["ALICLOUD_VPC_ENDPOINT", "ALICLOUD_ENDPOINT"] },
} satisfies Record<string, SettingSpec>;

/** An Alibaba Cloud region id: "us-west-1", "eu-central-1", "cn-hongkong" ... */
export const REGION_ID = /^[a-z]{2,}(-[a-z0-9]+)+$/;

/** The official provider's endpoint overrides: a list of objects, one field per service (`vpc` here). */
export const OFFICIAL_ENDPOINTS_KEY = "alicloud:endpoints";

/** Keys of earlier versions, still read with a deprecation warning: `@pulumi/alicloud` rejects them. */
export const DEPRECATED_ENDPOINT_KEYS = ["alicloud:vpcEndpoint", "alicloud:endpoint"];

/** A host as the official provider takes it ("vpc.aliyuncs.com") or a full URL (the sandbox's). */
function endpointUrl(value: string): string {
  const v = value.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? v : `https://${v}`;
}

/**
 * The VPC endpoint override, if any, in this order: `interconnect:alicloudVpcEndpoint`; the `vpc` entry
 * of `alicloud:endpoints` (the official provider's shape, so one setting serves both); the deprecated
 * `alicloud:vpcEndpoint` / `alicloud:endpoint` (with a warning, once); then ALICLOUD_VPC_ENDPOINT or
 * ALICLOUD_ENDPOINT. Undefined: the region's default endpoint.
 */
export function vpcEndpointOverride(config: ConfigReader = processConfig): string | undefined {
  const own = readSetting({ ...alibabaSettings.endpoint, env: [] }, config);
  if (own) return endpointUrl(own);
  // A named credential set's own list (alicloud-<set>:endpoints) first, then the default set's.
  const set = config.scope?.credentials;
  const listKey = set && readConfigValue(keyInSet(OFFICIAL_ENDPOINTS_KEY, set), config) !== undefined ? keyInSet(OFFICIAL_ENDPOINTS_KEY, set) : OFFICIAL_ENDPOINTS_KEY;
  const official = readConfigValue(listKey, config);
  if (official !== undefined) {
    const entries = Array.isArray(official) ? official : [official];
    const bad = entries.some((e) => !e || typeof e !== "object" || Array.isArray(e));
    if (bad) {
      throw apiError({
        api: "alibaba",
        kind: "config",
        message: `${listKey} must be a list of objects, one field per service, as the official alicloud provider takes it, e.g. \`pulumi config set --path '${listKey}[0].vpc' vpc.aliyuncs.com\``,
      });
    }
    const vpc = (entries as Array<Record<string, unknown>>).map((e) => e.vpc).find((v) => typeof v === "string" && v.trim() !== "");
    if (typeof vpc === "string") return endpointUrl(vpc);
  }
  for (const key of DEPRECATED_ENDPOINT_KEYS) {
    const old = readSetting({ name: "endpoint", config: [key], env: [] }, config);
    if (!old) continue;
    warnOnce(
      `deprecated:${key}`,
      `config key ${key} is deprecated: a stack that also uses @pulumi/alicloud rejects it as unknown. ` +
        `Use \`pulumi config set --path '${OFFICIAL_ENDPOINTS_KEY}[0].vpc' <endpoint>\` (the official provider's shape) ` +
        `or \`pulumi config set interconnect:alicloudVpcEndpoint <endpoint>\`, then \`pulumi config rm ${key}\``,
    );
    return endpointUrl(old);
  }
  const env = readSetting({ ...alibabaSettings.endpoint, config: [] }, config);
  return env ? endpointUrl(env) : undefined;
}

/** Regions served by the central endpoint vpc.aliyuncs.com; the others have vpc.<region>.aliyuncs.com. */
const CENTRAL_REGIONS = new Set(["cn-qingdao", "cn-beijing", "cn-hangzhou", "cn-shanghai", "cn-shenzhen", "cn-hongkong", "ap-southeast-1", "us-west-1", "us-east-1"]);

export function defaultEndpoint(region: string): string {
  return CENTRAL_REGIONS.has(region) ? "https://vpc.aliyuncs.com" : `https://vpc.${region}.aliyuncs.com`;
}

export interface AlibabaCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  region: string;
  endpoint: string;
}

/** Registers a secret and the forms it takes inside a string to sign (encoded once and twice). */
export function registerSigningSecret(value: string | undefined): void {
  if (!value) return;
  registerSecret(value);
  registerSecret(percentEncode(value));
  registerSecret(percentEncode(percentEncode(value)));
}

/**
 * Reads the credentials from `config` at call time (stack config first, then environment), those of the
 * credential set the call's resource names (`config.scope.credentials`), in the region it names
 * (`config.scope.region`), else `alicloud:region` of that set.
 */
export function alibabaCredentials(config: ConfigReader = processConfig): AlibabaCredentials {
  const given = config.scope?.region;
  const required = given === undefined ? [alibabaSettings.accessKey, alibabaSettings.secretKey, alibabaSettings.region] : [alibabaSettings.accessKey, alibabaSettings.secretKey];
  const s = requireSettings("alibaba", required, [alibabaSettings.securityToken], config);
  const region = given ?? s.region!;
  registerSigningSecret(s.secretKey);
  registerSigningSecret(s.securityToken);
  return {
    accessKeyId: s.accessKey,
    accessKeySecret: s.secretKey,
    securityToken: s.securityToken,
    region,
    endpoint: (vpcEndpointOverride(config) ?? defaultEndpoint(region)).replace(/\/+$/, ""),
  };
}

/** The region a call acts in without asking for credentials: the resource's, else `alicloud:region` of its set (undefined when unset). */
export function alibabaRegionOf(config: ConfigReader = processConfig): string | undefined {
  return config.scope?.region ?? readSetting(alibabaSettings.region, config);
}
