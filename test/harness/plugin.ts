/**
 * PluginHost: runs the SDK's REAL dynamic-provider plugin (`@pulumi/pulumi/cmd/dynamic-provider`) in a
 * child process and speaks gRPC to it exactly as the Pulumi engine does.
 *
 * - Spawned as `node <plugin> 127.0.0.1:1`, cwd = project directory, env PULUMI_NODEJS_PROJECT and
 *   PULUMI_PROJECT set (project name read from Pulumi.yaml). The FIRST stdout line is the port; every
 *   later stdout/stderr line is a diagnostic (`diagnostics()`, live `onDiagnostic`).
 * - Secrets convention: every CRUD method accepts payloads that may contain secret wrappers
 *   (`secret()` from ./wire), strips them before sending (Configure replies acceptSecrets:false), and
 *   RETURNS OUTPUTS WITH SECRET KEYS WRAPPED: each member that was secret in the inputs the engine
 *   annotates with (create/update: the new inputs; read: old outputs for outputs, old inputs for
 *   inputs; check: news) comes back as `{"4dabf1...": "1b4706...", value}`. Use `stripSecrets` /
 *   `secretKeysOf` from ./wire to read them.
 * - Errors: an init failure (create/update threw an Error carrying `id`) becomes a thrown `InitFailure`
 *   `{message, id, properties, reasons}`; any other gRPC error becomes a `PluginError` carrying the
 *   plugin's message (without the "2 UNKNOWN: " prefix) and the gRPC code.
 * - `calls` records every CRUD call in order (`{method, urn, id?}`), so tests can see e.g. that a
 *   replacement's create ran before the old object's delete.
 */
import { spawn, ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { createRequire } from "module";
import { Props, annotateSecrets, stripSecrets } from "./wire";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export interface PluginHostOptions {
  projectDir: string;
  /** Extra environment for the plugin (it inherits process.env, as it inherits the CLI's). */
  env?: Record<string, string | undefined>;
  /** Called for every diagnostic line the plugin prints after the port line. */
  onDiagnostic?: (line: string, stream: "stdout" | "stderr") => void;
  /** Milliseconds to wait for the port line (default 20000). */
  startTimeoutMs?: number;
}

export interface CheckFailure {
  property: string;
  reason: string;
}
export interface CheckResult {
  inputs: Props;
  failures: CheckFailure[];
}
export interface DiffResult {
  /** true = DIFF_SOME, false = DIFF_NONE, undefined = DIFF_UNKNOWN (provider has no diff). */
  changes: boolean | undefined;
  replaces: string[];
  stables: string[];
  deleteBeforeReplace: boolean;
  diffs: string[];
  detailedDiff?: Record<string, { kind: string; inputDiff: boolean }>;
}
export interface CreateResult {
  id: string;
  outputs: Props;
}
export interface ReadResult {
  /** "" when the provider says the object is gone. */
  id: string;
  outputs: Props;
  /** Only when the provider returned inputs. */
  inputs?: Props;
}
export interface UpdateResult {
  outputs: Props;
}
export interface CallRecord {
  method: "check" | "diff" | "create" | "read" | "update" | "delete";
  urn: string;
  id?: string;
}

/** create/update failed after the object existed: the plugin packed ErrorResourceInitFailed. */
export class InitFailure extends Error {
  readonly id: string;
  readonly properties: Props;
  readonly reasons: string[];
  constructor(message: string, id: string, properties: Props, reasons: string[]) {
    super(message);
    this.name = "InitFailure";
    this.id = id;
    this.properties = properties;
    this.reasons = reasons;
  }
}

/** Any other error returned by the plugin. */
export class PluginError extends Error {
  readonly code: number;
  readonly method: string;
  constructor(method: string, message: string, code: number) {
    super(message);
    this.name = "PluginError";
    this.method = method;
    this.code = code;
  }
}

/** Reads `name:` from the project's Pulumi.yaml (or Pulumi.yml). */
export function projectName(projectDir: string): string {
  for (const f of ["Pulumi.yaml", "Pulumi.yml"]) {
    const p = path.join(projectDir, f);
    if (!fs.existsSync(p)) continue;
    const m = /^name:\s*["']?([^"'\s#]+)/m.exec(fs.readFileSync(p, "utf8"));
    if (m) return m[1];
  }
  throw new Error(`no Pulumi.yaml with a name in ${projectDir}`);
}

/** The SDK modules, resolved from the project directory as the plugin resolves them. */
export function sdkModules(projectDir: string): {
  grpc: Any;
  struct: Any;
  provproto: Any;
  provrpc: Any;
  statusproto: Any;
  pluginPath: string;
} {
  const fromProject = createRequire(path.join(path.resolve(projectDir), "__harness__.js"));
  const pluginPath = fromProject.resolve("@pulumi/pulumi/cmd/dynamic-provider");
  const sdk = createRequire(fromProject.resolve("@pulumi/pulumi/package.json"));
  return {
    grpc: sdk("@grpc/grpc-js"),
    struct: sdk("google-protobuf/google/protobuf/struct_pb"),
    provproto: sdk("./proto/provider_pb"),
    provrpc: sdk("./proto/provider_grpc_pb"),
    statusproto: sdk("./proto/status_pb"),
    pluginPath,
  };
}

function nameAndType(urn: string): { name: string; type: string } {
  const parts = urn.split("::");
  if (parts.length < 4) return { name: "", type: "" };
  return { type: parts[2].split("$").pop() as string, name: parts.slice(3).join("::") };
}

export class PluginHost {
  readonly projectDir: string;
  readonly project: string;
  readonly port: number;
  readonly calls: CallRecord[] = [];
  onDiagnostic?: (line: string, stream: "stdout" | "stderr") => void;
  private readonly child: ChildProcess;
  private readonly client: Any;
  private readonly m: ReturnType<typeof sdkModules>;
  private diag: string[] = [];
  private exited = false;

  private constructor(
    projectDir: string,
    project: string,
    child: ChildProcess,
    port: number,
    m: ReturnType<typeof sdkModules>,
    onDiagnostic?: (line: string, stream: "stdout" | "stderr") => void,
  ) {
    this.projectDir = projectDir;
    this.project = project;
    this.child = child;
    this.port = port;
    this.m = m;
    this.onDiagnostic = onDiagnostic;
    this.client = new m.provrpc.ResourceProviderClient(`127.0.0.1:${port}`, m.grpc.credentials.createInsecure());
    child.once("exit", () => (this.exited = true));
  }

  static async start(opts: PluginHostOptions): Promise<PluginHost> {
    const projectDir = path.resolve(opts.projectDir);
    const project = projectName(projectDir);
    const m = sdkModules(projectDir);
    const child = spawn(process.execPath, [m.pluginPath, "127.0.0.1:1"], {
      cwd: projectDir,
      env: { ...process.env, PULUMI_NODEJS_PROJECT: project, PULUMI_PROJECT: project, ...opts.env } as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let host: PluginHost | undefined;
    const early: Array<[string, "stdout" | "stderr"]> = [];
    const emit = (line: string, stream: "stdout" | "stderr") => {
      if (host) host.addDiagnostic(line, stream);
      else early.push([line, stream]);
    };
    const port = await new Promise<number>((resolve, reject) => {
      let out = "";
      let err = "";
      let gotPort = false;
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`dynamic-provider plugin printed no port within ${opts.startTimeoutMs ?? 20000} ms\n${err}`));
      }, opts.startTimeoutMs ?? 20000);
      child.stdout!.setEncoding("utf8");
      child.stderr!.setEncoding("utf8");
      child.stdout!.on("data", (chunk: string) => {
        out += chunk;
        let i: number;
        while ((i = out.indexOf("\n")) >= 0) {
          const line = out.slice(0, i);
          out = out.slice(i + 1);
          if (!gotPort) {
            gotPort = true;
            clearTimeout(timer);
            const p = Number(line.trim());
            if (!Number.isInteger(p) || p <= 0) reject(new Error(`unexpected first plugin line: ${line}`));
            else resolve(p);
          } else emit(line, "stdout");
        }
      });
      child.stderr!.on("data", (chunk: string) => {
        err += chunk;
        let i: number;
        while ((i = err.indexOf("\n")) >= 0) {
          emit(err.slice(0, i), "stderr");
          err = err.slice(i + 1);
        }
      });
      child.once("exit", (code) => {
        if (!gotPort) {
          clearTimeout(timer);
          reject(new Error(`dynamic-provider plugin exited with ${code} before printing its port\n${err}`));
        }
      });
    });
    host = new PluginHost(projectDir, project, child, port, m, opts.onDiagnostic);
    for (const [l, s] of early) host.addDiagnostic(l, s);
    return host;
  }

  private addDiagnostic(line: string, stream: "stdout" | "stderr"): void {
    this.diag.push(line);
    if (this.onDiagnostic) this.onDiagnostic(line, stream);
  }

  /** Everything the plugin printed after its port line (stdout and stderr, in arrival order). */
  diagnostics(): string {
    return this.diag.length ? this.diag.join("\n") + "\n" : "";
  }

  private toStruct(v: Props): Any {
    return this.m.struct.Struct.fromJavaScript(stripSecrets(v));
  }

  private rpc<T>(method: string, req: Any): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.client[method](req, (err: Any, resp: T) => {
        if (err) reject(this.decodeError(method, err));
        else resolve(resp);
      });
    });
  }

  private decodeError(method: string, err: Any): Error {
    const bins: Buffer[] = err.metadata ? err.metadata.get("grpc-status-details-bin") : [];
    const message: string = err.details ?? err.message;
    for (const bin of bins) {
      const status = this.m.statusproto.Status.deserializeBinary(new Uint8Array(bin));
      for (const any of status.getDetailsList()) {
        if (any.getTypeName() === "pulumirpc.ErrorResourceInitFailed") {
          const detail = any.unpack(
            this.m.provproto.ErrorResourceInitFailed.deserializeBinary,
            "pulumirpc.ErrorResourceInitFailed",
          );
          const props = detail.getProperties() ? detail.getProperties().toJavaScript() : {};
          return new InitFailure(status.getMessage() || message, detail.getId(), props, detail.getReasonsList());
        }
      }
    }
    return new PluginError(method, message, err.code ?? -1);
  }

  private setCommon(req: Any, urn: string): void {
    const { name, type } = nameAndType(urn);
    req.setUrn(urn);
    if (req.setName) req.setName(name);
    if (req.setType) req.setType(type);
  }

  /** Configure with the stack config (keys like "equinix:clientId"; values strings, secrets in clear). */
  async configure(config: Record<string, string> = {}): Promise<{ acceptSecrets: boolean; acceptResources: boolean }> {
    const req = new this.m.provproto.ConfigureRequest();
    const vars = req.getVariablesMap();
    for (const [k, v] of Object.entries(config)) vars.set(k, v);
    req.setArgs(this.m.struct.Struct.fromJavaScript({ ...config }));
    req.setAcceptsecrets(true);
    req.setAcceptresources(true);
    if (req.setSendsOldInputs) req.setSendsOldInputs(true);
    if (req.setSendsOldInputsToDelete) req.setSendsOldInputsToDelete(true);
    const resp: Any = await this.rpc("configure", req);
    return { acceptSecrets: resp.getAcceptsecrets(), acceptResources: resp.getAcceptresources() };
  }

  async check(urn: string, olds: Props, news: Props): Promise<CheckResult> {
    this.calls.push({ method: "check", urn });
    const req = new this.m.provproto.CheckRequest();
    this.setCommon(req, urn);
    req.setOlds(this.toStruct(olds));
    req.setNews(this.toStruct(news));
    const resp: Any = await this.rpc("check", req);
    const inputs = resp.getInputs() ? resp.getInputs().toJavaScript() : {};
    return {
      inputs: annotateSecrets(inputs, news),
      failures: resp.getFailuresList().map((f: Any) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(urn: string, id: string, oldOutputs: Props, news: Props, oldInputs: Props): Promise<DiffResult> {
    this.calls.push({ method: "diff", urn, id });
    const req = new this.m.provproto.DiffRequest();
    this.setCommon(req, urn);
    req.setId(id);
    req.setOlds(this.toStruct(oldOutputs));
    req.setNews(this.toStruct(news));
    req.setOldInputs(this.toStruct(oldInputs));
    const resp: Any = await this.rpc("diff", req);
    const C = this.m.provproto.DiffResponse.DiffChanges;
    const c = resp.getChanges();
    const detailed = resp.getDetaileddiffMap();
    const detailedDiff: Record<string, { kind: string; inputDiff: boolean }> = {};
    const kinds: Record<number, string> = {};
    for (const [k, v] of Object.entries(this.m.provproto.PropertyDiff.Kind)) kinds[v as number] = k;
    detailed.forEach((pd: Any, key: string) => {
      detailedDiff[key] = { kind: kinds[pd.getKind()] ?? String(pd.getKind()), inputDiff: pd.getInputdiff() };
    });
    return {
      changes: c === C.DIFF_SOME ? true : c === C.DIFF_NONE ? false : undefined,
      replaces: resp.getReplacesList(),
      stables: resp.getStablesList(),
      deleteBeforeReplace: resp.getDeletebeforereplace(),
      diffs: resp.getDiffsList(),
      detailedDiff: resp.getHasdetaileddiff() ? detailedDiff : undefined,
    };
  }

  async create(urn: string, inputs: Props, timeoutSec?: number): Promise<CreateResult> {
    const call: CallRecord = { method: "create", urn };
    this.calls.push(call);
    const req = new this.m.provproto.CreateRequest();
    this.setCommon(req, urn);
    req.setProperties(this.toStruct(inputs));
    if (timeoutSec) req.setTimeout(timeoutSec);
    try {
      const resp: Any = await this.rpc("create", req);
      const outputs = resp.getProperties() ? resp.getProperties().toJavaScript() : {};
      call.id = resp.getId();
      return { id: resp.getId(), outputs: annotateSecrets(outputs, inputs) };
    } catch (e) {
      if (e instanceof InitFailure) call.id = e.id;
      throw this.annotateFailure(e, inputs);
    }
  }

  async read(urn: string, id: string, props: Props, inputs: Props): Promise<ReadResult> {
    this.calls.push({ method: "read", urn, id });
    const req = new this.m.provproto.ReadRequest();
    this.setCommon(req, urn);
    req.setId(id);
    req.setProperties(this.toStruct(props));
    req.setInputs(this.toStruct(inputs));
    const resp: Any = await this.rpc("read", req);
    const outputs = resp.getProperties() ? resp.getProperties().toJavaScript() : {};
    const result: ReadResult = { id: resp.getId(), outputs: annotateSecrets(outputs, props) };
    if (resp.getInputs()) result.inputs = annotateSecrets(resp.getInputs().toJavaScript(), inputs);
    return result;
  }

  async update(urn: string, id: string, olds: Props, news: Props, oldInputs: Props, timeoutSec?: number): Promise<UpdateResult> {
    this.calls.push({ method: "update", urn, id });
    const req = new this.m.provproto.UpdateRequest();
    this.setCommon(req, urn);
    req.setId(id);
    req.setOlds(this.toStruct(olds));
    req.setNews(this.toStruct(news));
    req.setOldInputs(this.toStruct(oldInputs));
    if (timeoutSec) req.setTimeout(timeoutSec);
    try {
      const resp: Any = await this.rpc("update", req);
      const outputs = resp.getProperties() ? resp.getProperties().toJavaScript() : {};
      return { outputs: annotateSecrets(outputs, news) };
    } catch (e) {
      throw this.annotateFailure(e, news);
    }
  }

  async delete(urn: string, id: string, outputs: Props, inputs: Props = {}, timeoutSec?: number): Promise<void> {
    this.calls.push({ method: "delete", urn, id });
    const req = new this.m.provproto.DeleteRequest();
    this.setCommon(req, urn);
    req.setId(id);
    req.setProperties(this.toStruct(outputs));
    req.setOldInputs(this.toStruct(inputs));
    if (timeoutSec) req.setTimeout(timeoutSec);
    await this.rpc("delete", req);
  }

  private annotateFailure(e: unknown, inputs: Props): unknown {
    if (e instanceof InitFailure) {
      return new InitFailure(e.message, e.id, annotateSecrets(e.properties, inputs), e.reasons);
    }
    return e;
  }

  /** Closes the channel and ends the plugin process. */
  async stop(): Promise<void> {
    try {
      this.client.close();
    } catch {
      /* already closed */
    }
    if (this.exited) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.child.kill("SIGKILL");
      }, 3000);
      this.child.once("exit", () => {
        clearTimeout(t);
        resolve();
      });
      this.child.kill("SIGTERM");
    });
  }
}
