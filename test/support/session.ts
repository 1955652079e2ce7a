// The setup the lifecycle and program tests share: a sandbox and a temp dir; for lifecycle tests also the
// real plugin host in test/fixtures/project, an Engine with its state file there, and the serialized
// providers; for program tests the common RunProgramOptions. Each test keeps its own env and config.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import YAML from "yaml";
import { thinProvider } from "../../provider/core/thinProvider";
import { sandboxEnv, startSandbox, type Sandbox, type SandboxOptions } from "../../sandbox";
import { Engine } from "../harness/engine";
import { PluginHost } from "../harness/plugin";
import type { RunProgramOptions } from "../harness/program";
import { serializeProvider } from "../harness/serialize";

/** The project the lifecycle tests run the plugin in. */
export const PROJECT_DIR = path.join(__dirname, "..", "fixtures", "project");

export type Api = "equinix" | "ixapi" | "alibaba";
const PREFIX: Record<Api, string> = { equinix: "EQUINIX_", ixapi: "IXAPI_", alibaba: "ALICLOUD_" };

/** The sandbox's credential variables (sandboxEnv) for the given APIs only. */
export function credentialsEnv(sb: Sandbox, apis: Api[]): Record<string, string> {
  return Object.fromEntries(Object.entries(sandboxEnv(sb)).filter(([k]) => apis.some((a) => k.startsWith(PREFIX[a]))));
}

/** The API a resource kind ("fabric:Connection", "ixapi:Contact", "alibaba:...") talks to. */
const apiOf = (kind: string): Api => (kind.startsWith("fabric:") ? "equinix" : (kind.split(":")[0] as Api));

export interface SandboxSession {
  sb: Sandbox;
  /** a fresh temp dir, removed by close() */
  dir: string;
  close(): Promise<void>;
}

/** Starts a sandbox and makes a temp dir named `${prefix}XXXXXX`. */
export async function sandboxSession(prefix: string, sandboxOptions: SandboxOptions = { timeScale: 0.05 }): Promise<SandboxSession> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let sb: Sandbox | undefined;
  const close = async () => {
    await sb?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    sb = await startSandbox(sandboxOptions);
  } catch (e) {
    await close();
    throw e;
  }
  return { sb, dir, close };
}

export interface LifecycleOptions {
  /** temp dir prefix */
  prefix: string;
  /** default { timeScale: 0.05 } */
  sandboxOptions?: SandboxOptions;
  /** which APIs' credentials go into the plugin's env (default: those of the kinds) */
  credentials?: Api[];
  /** added to (or overriding) the credentials and INTERCONNECT_POLL_INTERVAL_MS "50" */
  env?: Record<string, string | undefined>;
  /** the plugin's configure() (default {}) */
  config?: (sb: Sandbox) => Record<string, string>;
  /** where serializeProvider resolves @pulumi/pulumi from (default the project dir) */
  serializeFrom?: string;
}

export interface LifecycleSession extends SandboxSession {
  host: PluginHost;
  engine: Engine;
  /** the serialized provider (the `__provider` input) of one of the session's kinds */
  providerText(kind: string): string;
}

/** A sandbox, the plugin host configured against it, an Engine and the serialized providers of `kinds`. */
export async function lifecycleSession(kinds: string | string[], opts: LifecycleOptions): Promise<LifecycleSession> {
  const list = typeof kinds === "string" ? [kinds] : kinds;
  const base = await sandboxSession(opts.prefix, opts.sandboxOptions);
  const { sb, dir } = base;
  let host: PluginHost | undefined;
  const close = async () => {
    await host?.stop();
    await base.close();
  };
  try {
    const providers = new Map<string, string>();
    for (const k of list) providers.set(k, (await serializeProvider(thinProvider(k), opts.serializeFrom ?? PROJECT_DIR)).text);
    const credentials = opts.credentials ?? [...new Set(list.map(apiOf))];
    host = await PluginHost.start({ projectDir: PROJECT_DIR, env: { ...credentialsEnv(sb, credentials), INTERCONNECT_POLL_INTERVAL_MS: "50", ...opts.env } });
    await host.configure(opts.config?.(sb) ?? {});
    const engine = new Engine(host, { stateFile: path.join(dir, "state.json") });
    const providerText = (kind: string) => {
      const text = providers.get(kind);
      if (text === undefined) throw new Error(`no provider serialized for ${kind}`);
      return text;
    };
    return { sb, dir, host, engine, providerText, close };
  } catch (e) {
    await close();
    throw e;
  }
}

export type ProgramBase = Omit<RunProgramOptions, "operation">;

/**
 * The RunProgramOptions a program test shares between its runs: env is the sandbox's credentials (all of
 * sandboxEnv, or only `credentials`' APIs), INTERCONNECT_POLL_INTERVAL_MS "50", then `env`.
 */
export function programBase(sb: Sandbox, opts: ProgramBase & { credentials?: Api[] }): ProgramBase {
  const { credentials, env, ...rest } = opts;
  return { ...rest, env: { ...(credentials ? credentialsEnv(sb, credentials) : sandboxEnv(sb)), INTERCONNECT_POLL_INTERVAL_MS: "50", ...env } };
}

/** An example's sandbox stack config (its Pulumi.sandbox.yaml), keys as written there. */
export function stackConfig(projectDir: string): Record<string, string> {
  const doc = YAML.parse(fs.readFileSync(path.join(projectDir, "Pulumi.sandbox.yaml"), "utf8")) ?? {};
  return Object.fromEntries(Object.entries(doc.config ?? {}).map(([k, v]) => [k, typeof v === "object" ? JSON.stringify(v) : String(v)]));
}

/**
 * The main example's sandbox config (examples/fabric-alibaba-redundant/Pulumi.sandbox.yaml) without its
 * project prefix, so other projects can reuse it, plus this sandbox's Alibaba account id.
 */
export function mainExampleConfig(sb: Sandbox): Record<string, string> {
  const dir = path.join(__dirname, "..", "..", "examples", "fabric-alibaba-redundant");
  const config = Object.fromEntries(Object.entries(stackConfig(dir)).map(([k, v]) => [k.replace(/^fabric-alibaba-redundant:/, ""), v]));
  return { ...config, alibabaAccountId: (sb.alibaba as { accountId: string }).accountId };
}
