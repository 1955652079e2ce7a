import { SANDBOX_APIS } from "./apis";
import type { SandboxApi, SandboxSetting } from "./core/api";
import type { Sandbox } from "./index";

/** The APIs each running sandbox serves (startSandbox records them; built-in ones otherwise). */
const SERVED = new WeakMap<object, SandboxApi[]>();

/** @internal */
export function recordApis(sb: object, apis: SandboxApi[]): void {
  SERVED.set(sb, apis);
}

/** Every setting that points the providers at this sandbox, per API, as each API describes its own (`SandboxApi.settings`). */
export function sandboxSettings(sb: Sandbox): (SandboxSetting & { api: string })[] {
  const apis = SERVED.get(sb) ?? SANDBOX_APIS;
  return apis.flatMap((api) => (sb[api.name] !== undefined && api.settings ? api.settings(sb[api.name]).map((s) => ({ api: api.name, ...s })) : []));
}

/** The environment variables that point the providers at this sandbox. */
export function sandboxEnv(sb: Sandbox): Record<string, string> {
  return Object.fromEntries(sandboxSettings(sb).flatMap((s) => (s.env ? [[s.env, s.value]] : [])));
}
