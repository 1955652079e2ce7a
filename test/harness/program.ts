/**
 * runProgram: `pulumi up | refresh | destroy` of a whole Pulumi program without the CLI.
 *
 * Each run happens in its own child process (test/harness/runner.ts, forked with ts-node in
 * transpile-only mode and cwd = the project directory) because the Pulumi runtime keeps global state.
 * The child resolves `@pulumi/pulumi` (and so `pulumi-interconnect`) from the program's directory,
 * starts the SDK's real dynamic-provider plugin (PluginHost), configures it with the stack config,
 * and for "up" loads the program AFTER `pulumi.runtime.setMocks(...)`: every dynamic resource is
 * forwarded to an Engine (check -> diff -> create | update | replace | same) over the state file,
 * with the request's dependencies and property dependencies (custom resources only), so a
 * delete-before-replace first deletes the dependents it would replace and the program's later
 * registrations create them again (see ./engine); component resources are only recorded. "up" ends by deleting replaced objects and resources the
 * program no longer registers (skipped when anything failed, as the engine does). "refresh" and
 * "destroy" do not run the program (the CLI does not either).
 *
 * Config: keys without ":" are prefixed with the project name; `secretConfig` keys are marked secret
 * (PULUMI_CONFIG_SECRET_KEYS), so `config.requireSecret` yields secret outputs.
 *
 * The result's `outputs` are the stack exports, secret ones wrapped (see ./wire `isSecret`);
 * `state` is the saved EngineState (see ./engine). Errors are returned in `error`, never thrown,
 * with the state saved as far as it got.
 */
import { fork } from "child_process";
import * as path from "path";
import type { EngineState, RefreshReport, Step } from "./engine";
import type { CallRecord } from "./plugin";
import type { Props } from "./wire";

export interface RunProgramOptions {
  projectDir: string;
  /** Module path of the program (default: the project directory, i.e. its package.json main / index). */
  program?: string;
  stateFile: string;
  operation: "up" | "refresh" | "destroy";
  config?: Record<string, string>;
  /** Config keys (as given in `config`) that are secret. */
  secretConfig?: string[];
  /** Environment for the program and the plugin (added to process.env). */
  env?: Record<string, string | undefined>;
  stack?: string;
  /** Live progress: plugin diagnostics ("plugin") and the program's own output ("program"). */
  onDiagnostic?: (line: string, source: "plugin" | "program") => void;
  /** Kill the run after this many ms (default 120000). */
  timeoutMs?: number;
}

export interface ComponentRecord {
  urn: string;
  type: string;
  name: string;
}

export interface RunResult {
  operation: RunProgramOptions["operation"];
  steps: Step[];
  state: EngineState;
  /** Stack outputs (up: the program's exports; refresh: unchanged; destroy: {}). */
  outputs: Props;
  /** refresh only: per resource, the changed output keys and whether it was dropped. */
  refresh?: RefreshReport[];
  components: ComponentRecord[];
  /** Plugin calls in order (check/diff/create/read/update/delete with urn and id). */
  calls: CallRecord[];
  /** What the plugin printed after its port line. */
  diagnostics: string;
  /** What the program process printed (console output of the program). */
  programOutput: string;
  error?: { name: string; message: string; id?: string; reasons?: string[]; failures?: { property: string; reason: string }[] };
}

/** Runs one operation in a fresh child process. */
export function runProgram(opts: RunProgramOptions): Promise<RunResult> {
  const runner = path.join(__dirname, "runner.ts");
  const projectDir = path.resolve(opts.projectDir);
  const tsNode = require.resolve("ts-node/register/transpile-only");
  const { onDiagnostic, timeoutMs, ...rest } = opts;
  const payload = {
    ...rest,
    projectDir,
    program: path.resolve(projectDir, opts.program ?? "."),
    stateFile: path.resolve(opts.stateFile),
  };
  return new Promise<RunResult>((resolve, reject) => {
    const child = fork(runner, [], {
      cwd: projectDir,
      execArgv: ["-r", tsNode],
      env: { ...process.env, ...opts.env, TS_NODE_PROJECT: undefined } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let programOutput = "";
    let result: RunResult | undefined;
    const onOut = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      programOutput += text;
      if (onDiagnostic) for (const l of text.split("\n").filter((x) => x)) onDiagnostic(l, "program");
    };
    child.stdout!.on("data", onOut);
    child.stderr!.on("data", onOut);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs ?? 120000);
    child.on("message", (m: { kind: string; line?: string; result?: RunResult }) => {
      if (m.kind === "diagnostic" && onDiagnostic && m.line !== undefined) onDiagnostic(m.line, "plugin");
      if (m.kind === "result") result = m.result;
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (result) resolve({ ...result, programOutput });
      else reject(new Error(`program runner exited (${code ?? signal}) without a result:\n${programOutput}`));
    });
    child.send(payload);
  });
}
