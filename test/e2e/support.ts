// End-to-end support: the real Pulumi CLI (scripts/pulumi-cli.js) driven by the Automation API, with a
// file backend in a temp folder, a passphrase secrets provider and update checks off, against the sandbox
// running as its own process (as a user runs `npx pulumi-interconnect-sandbox`).
//
// Programs run inline (the Automation API's in-process language server, `pulumi ... --client`), so the
// CLI needs no Node.js language host; the dynamic-provider plugin is the SDK's own, started by the
// engine from PATH (`pulumi-resource-pulumi-nodejs`) in the stack's work directory.
import { ChildProcess, execFile, spawn } from "child_process";
import { promisify } from "util";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, PulumiCommand, type Stack } from "@pulumi/pulumi/automation";
import YAML from "yaml";

const ROOT = path.resolve(__dirname, "..", "..");
const execFileAsync = promisify(execFile);
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { findPulumiCli, noCliMessage } = require(path.join(ROOT, "scripts", "pulumi-cli.js"));

export const PASSPHRASE = "e2e-passphrase-not-a-secret";

export interface Cli {
  path: string;
  binDir: string;
  root: string;
  version: string;
  source: string;
}

/** The CLI `npm test` made sure of (it never builds here: the build belongs to scripts/pulumi-cli.js). */
export function pulumiCli(): Cli {
  const cli = findPulumiCli({ build: false, log: () => undefined });
  if (!cli) throw new Error(noCliMessage("none is on PATH or in the cache"));
  return cli;
}

export interface SandboxProcess {
  url: string;
  info: any;
  /** the `export NAME=value` lines it printed */
  env: Record<string, string>;
  admin<T = any>(method: string, route: string, body?: unknown): Promise<T>;
  inventory(): Promise<Record<string, Record<string, unknown[]>>>;
  stop(): Promise<void>;
}

/** Starts `dist/sandbox/cli.js --port 0` as its own process and reads what it prints. */
export async function startSandboxProcess(args: string[] = ["--time-scale", "0.02"]): Promise<SandboxProcess> {
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "dist", "sandbox", "cli.js"), "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr!.on("data", (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sandbox did not start in 30 s:\n${out}\n${err}`)), 30_000);
    child.stdout!.on("data", (d) => {
      out += d;
      if (/sandbox listening on /.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`sandbox exited (${code}):\n${out}\n${err}`));
    });
  });
  const json = out.slice(out.indexOf("{"), out.indexOf("\n}\n") + 2);
  const info = JSON.parse(json);
  const env: Record<string, string> = {};
  for (const m of out.matchAll(/^export ([A-Z0-9_]+)=(.*)$/gm)) env[m[1]] = m[2];
  const url: string = info.url;
  const admin = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${url}/_sandbox${route}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox admin ${method} ${route}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  };
  return {
    url,
    info,
    env,
    admin,
    inventory: () => admin("GET", "/inventory"),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Every live object the sandbox holds, as "api.kind: id" lines (empty when nothing is left). */
export function leftovers(inventory: Record<string, Record<string, unknown[]>>): string[] {
  const out: string[] = [];
  for (const [api, kinds] of Object.entries(inventory)) {
    for (const [kind, objects] of Object.entries(kinds)) {
      for (const o of objects as any[]) out.push(`${api}.${kind}: ${o.uuid ?? o.id ?? o.PhysicalConnectionId ?? o.VbrId ?? JSON.stringify(o).slice(0, 80)}`);
    }
  }
  return out;
}

/** A project's stack config file (Pulumi.<stack>.yaml) as flat `key: string` pairs. */
export function stackConfigFile(file: string): Record<string, string> {
  const doc = YAML.parse(fs.readFileSync(file, "utf8")) || {};
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(doc.config || {})) config[k] = typeof v === "object" ? JSON.stringify(v) : String(v);
  return config;
}

export interface E2eStackOptions {
  /** the Pulumi project name (the example's) */
  project: string;
  stack?: string;
  /** the program: a module path required afresh on every run, whose exports become the stack outputs */
  programFile: string;
  /** plain and secret config */
  config?: Record<string, string>;
  secretConfig?: Record<string, string>;
  /** environment of the CLI, its plugins and the in-process program (added to the basics) */
  env?: Record<string, string>;
}

export interface E2eStack {
  stack: Stack;
  workDir: string;
  /** the CLI's combined output of every operation, for messages */
  log: string[];
  /** runs the CLI as a user would in this stack's folder (`pulumi stack export`, `pulumi config`): its stdout */
  run(args: string[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * A stack in a fresh temp work dir: Pulumi.yaml names the project, `node_modules` holds
 * `pulumi-interconnect` (this checkout) and `@pulumi` (the SDK this checkout uses), exactly what a
 * user's project resolves the serialized providers from. The state lives in a file backend in the
 * same temp dir.
 */
export async function e2eStack(cli: Cli, o: E2eStackOptions): Promise<E2eStack> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${o.project}-`));
  const backend = path.join(workDir, ".state");
  const home = path.join(workDir, ".pulumi-home");
  fs.mkdirSync(backend);
  fs.mkdirSync(home);
  fs.mkdirSync(path.join(workDir, "node_modules"));
  fs.symlinkSync(ROOT, path.join(workDir, "node_modules", "pulumi-interconnect"), "dir");
  fs.symlinkSync(path.join(ROOT, "node_modules", "@pulumi"), path.join(workDir, "node_modules", "@pulumi"), "dir");
  const nodeBin = path.dirname(process.execPath);
  const envVars: Record<string, string> = {
    PATH: [cli.binDir, nodeBin, process.env.PATH ?? ""].join(path.delimiter),
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    INTERCONNECT_POLL_INTERVAL_MS: "50",
    ...o.env,
  };
  const pulumiCommand = await PulumiCommand.get({ root: cli.root, skipVersionCheck: true });
  const program = async () => {
    for (const key of Object.keys(require.cache)) if (key.startsWith(path.dirname(o.programFile))) delete require.cache[key];
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(o.programFile);
    // A program may export an async function (`export = async () => {...}`), as Pulumi's Node.js host allows: its result is the outputs.
    const run = typeof mod === "function" ? mod : typeof mod?.default === "function" ? mod.default : undefined;
    return run ? await run() : { ...mod };
  };
  // The in-process program reads the same variables as the plugin (configure() and env at call time).
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(envVars)) {
    // The CLI's own settings stay out of this process: another stack's backend must not leak to it.
    if (k === "PATH" || k.startsWith("PULUMI_")) continue;
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: o.stack ?? "e2e", projectName: o.project, program },
    {
      workDir,
      pulumiCommand,
      envVars,
      secretsProvider: "passphrase",
      projectSettings: { name: o.project, runtime: "nodejs", backend: { url: `file://${backend}` } },
    },
  );
  for (const [k, v] of Object.entries(o.config ?? {})) await stack.setConfig(k, { value: v });
  for (const [k, v] of Object.entries(o.secretConfig ?? {})) await stack.setConfig(k, { value: v, secret: true });
  const log: string[] = [];
  return {
    stack,
    workDir,
    log,
    run: async (args) =>
      (
        await execFileAsync(cli.path, [...args, "--stack", o.stack ?? "e2e", "--non-interactive"], {
          cwd: workDir,
          env: { ...process.env, ...envVars },
          maxBuffer: 64 * 1024 * 1024,
        })
      ).stdout,
    close: async () => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** Output collector for an operation: pass `onOutput` and read `text` after. */
export function collect(): { onOutput: (s: string) => void; text: () => string } {
  const parts: string[] = [];
  return { onOutput: (s) => parts.push(s), text: () => parts.join("") };
}

/** The dynamic resources of the stack's state (id, type, urn, inputs, outputs); not the default provider. */
export async function stateResources(stack: Stack): Promise<any[]> {
  const dep = await stack.exportStack();
  return (dep.deployment.resources ?? []).filter((r: any) => r.custom && String(r.type).startsWith("pulumi-nodejs:dynamic/"));
}

/** The dynamic kind of a state resource: "fabric:Connection" for pulumi-nodejs:dynamic/fabric:Connection. */
export const kindOf = (r: any) => String(r.type).replace("pulumi-nodejs:dynamic/", "");
