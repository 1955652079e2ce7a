import type { Sandbox } from "../../../sandbox";

const KEYS = ["ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN", "ALICLOUD_REGION", "ALICLOUD_VPC_ENDPOINT", "INTERCONNECT_POLL_INTERVAL_MS", "INTERCONNECT_QUIET"];

/** The environment a plugin or an in-process client needs to reach the sandbox's Alibaba API. */
export function alibabaEnv(sb: Sandbox): Record<string, string> {
  return {
    ALICLOUD_ACCESS_KEY: sb.alibaba.accessKeyId,
    ALICLOUD_SECRET_KEY: sb.alibaba.accessKeySecret,
    ALICLOUD_REGION: sb.alibaba.region,
    ALICLOUD_VPC_ENDPOINT: sb.alibaba.endpoint,
    INTERCONNECT_POLL_INTERVAL_MS: "20",
    INTERCONNECT_QUIET: "1",
  };
}

/** Sets the sandbox's credentials in process.env; returns a function restoring the previous values. */
export function useAlibabaEnv(sb: Sandbox, extra: Record<string, string> = {}): () => void {
  const saved = Object.fromEntries(KEYS.map((k) => [k, process.env[k]]));
  for (const k of KEYS) delete process.env[k];
  Object.assign(process.env, alibabaEnv(sb), extra);
  return () => {
    for (const k of KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  };
}

/** Polls until `fn` returns a truthy value (real time; the sandbox delays are tens of ms in tests). */
export async function until<T>(fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as T;
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Fast sandbox delays for Alibaba (ms, before timeScale). */
export const FAST_ALIBABA = { approval: 10, allocation: 30, enable: 30, terminate: 30, vbrTerminate: 20, vbrDelete: 20 };
