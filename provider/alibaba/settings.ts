import { requireSettings, SettingSpec } from "../core/config";
import { registerSecret } from "../core/redact";
import { percentEncode } from "./signer";

/** Names follow the official alicloud providers so existing stacks and environments work unchanged. */
export const alibabaSettings = {
  accessKey: { name: "accessKey", config: ["alicloud:accessKey"], env: ["ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID"] },
  secretKey: { name: "secretKey", config: ["alicloud:secretKey"], env: ["ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"], secret: true },
  securityToken: { name: "securityToken", config: ["alicloud:securityToken"], env: ["ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN"], secret: true },
  region: { name: "region", config: ["alicloud:region"], env: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"] },
  endpoint: { name: "endpoint", config: ["alicloud:vpcEndpoint", "alicloud:endpoint"], env: ["ALICLOUD_VPC_ENDPOINT", "ALICLOUD_ENDPOINT"] },
} satisfies Record<string, SettingSpec>;

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

/** Reads the credentials at call time (stack config first, then environment). */
export function alibabaCredentials(): AlibabaCredentials {
  const s = requireSettings(
    "alibaba",
    [alibabaSettings.accessKey, alibabaSettings.secretKey, alibabaSettings.region],
    [alibabaSettings.securityToken, alibabaSettings.endpoint],
  );
  registerSigningSecret(s.secretKey);
  registerSigningSecret(s.securityToken);
  return {
    accessKeyId: s.accessKey,
    accessKeySecret: s.secretKey,
    securityToken: s.securityToken,
    region: s.region,
    endpoint: (s.endpoint ?? defaultEndpoint(s.region)).replace(/\/+$/, ""),
  };
}
