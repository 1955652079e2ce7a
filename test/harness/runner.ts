/**
 * Child-process side of runProgram (./program.ts). Receives the options as the first IPC message,
 * runs one operation, sends `{kind: "result", result}` and exits. Plugin diagnostics are forwarded
 * live as `{kind: "diagnostic", line}`.
 */
import * as path from "path";
import { createRequire } from "module";
import { PluginHost, InitFailure, projectName } from "./plugin";
import { Engine, CheckFailed, RefreshReport } from "./engine";
import type { RunProgramOptions, RunResult, ComponentRecord } from "./program";
import { Props, secret } from "./wire";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;
type Payload = Omit<RunProgramOptions, "onDiagnostic" | "timeoutMs"> & { program: string };

function send(msg: object): Promise<void> {
  return new Promise((resolve) => process.send!(msg, () => resolve()));
}

function describe(e: unknown): NonNullable<RunResult["error"]> {
  if (e instanceof InitFailure) return { name: e.name, message: e.message, id: e.id, reasons: e.reasons };
  if (e instanceof CheckFailed) return { name: e.name, message: e.message, failures: e.failures };
  if (e instanceof Error) return { name: e.name, message: e.message };
  return { name: "Error", message: String(e) };
}

async function main(o: Payload): Promise<Omit<RunResult, "programOutput">> {
  const project = projectName(o.projectDir);
  const stack = o.stack ?? "dev";
  const ns = (k: string) => (k.includes(":") ? k : `${project}:${k}`);
  const config: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.config ?? {})) config[ns(k)] = v;
  // The language host hands the program its config through these variables; set before the SDK loads.
  process.env.PULUMI_CONFIG = JSON.stringify(config);
  process.env.PULUMI_CONFIG_SECRET_KEYS = JSON.stringify((o.secretConfig ?? []).map(ns));
  process.env.PULUMI_NODEJS_PROJECT = project;
  process.env.PULUMI_NODEJS_STACK = stack;
  process.env.PULUMI_PROJECT = project;
  process.env.PULUMI_STACK = stack;

  const host = await PluginHost.start({
    projectDir: o.projectDir,
    env: o.env,
    onDiagnostic: (line) => void send({ kind: "diagnostic", line }),
  });
  const engine = new Engine(host, { stateFile: o.stateFile, deferReplacedDeletes: true });
  const components: ComponentRecord[] = [];
  let refresh: RefreshReport[] | undefined;
  let error: unknown;
  let outputs: Props = engine.state.outputs ?? {};
  try {
    await host.configure(config);
    if (o.operation === "refresh") refresh = await engine.refresh();
    else if (o.operation === "destroy") {
      await engine.destroy();
      outputs = {};
    } else {
      const r = await up(o, project, stack, engine, components);
      error = r.error;
      if (!error) {
        outputs = r.outputs;
        engine.state.outputs = outputs;
        engine.save();
      }
    }
  } catch (e) {
    error = error ?? e;
  }
  await host.stop();
  return {
    operation: o.operation,
    steps: engine.steps,
    state: engine.state,
    outputs,
    refresh,
    components,
    calls: host.calls,
    diagnostics: host.diagnostics(),
    error: error === undefined ? undefined : describe(error),
  };
}

async function up(
  o: Payload,
  project: string,
  stack: string,
  engine: Engine,
  components: ComponentRecord[],
): Promise<{ outputs: Props; error?: unknown }> {
  const fromProgram = createRequire(path.join(o.projectDir, "__harness__.js"));
  const pulumi: Any = fromProgram("@pulumi/pulumi");
  const settings: Any = fromProgram("@pulumi/pulumi/runtime/settings");

  let error: unknown;
  const fail = (e: unknown) => {
    if (error === undefined) error = e;
  };
  const onUnhandled = (e: unknown) => fail(e);
  process.on("unhandledRejection", onUnhandled);

  const registered = new Set<string>();
  const customUrns = new Set<string>();
  const pending = new Set<Promise<unknown>>();
  let started = 0;
  let currentReq: Any;

  const mocks = {
    newResource(args: Any): Promise<{ id: string | undefined; state: Props }> {
      const req = currentReq;
      started++;
      const p = (async () => {
        if (!req) throw new Error(`harness: ${args.type} ${args.name}: only registerResource is supported (no get/import)`);
        const urn: string = monitor.newUrn(req.getParent(), args.type, args.name);
        if (!args.custom) {
          components.push({ urn, type: args.type, name: args.name });
          return { id: undefined, state: args.inputs };
        }
        if (!String(args.type).startsWith("pulumi-nodejs:dynamic")) {
          throw new Error(`harness: ${urn}: only dynamic resources are supported`);
        }
        registered.add(urn);
        if (error !== undefined) throw new Error(`${urn}: not attempted because an earlier step failed`);
        const deps = new Set<string>(req.getDependenciesList());
        if (req.getParent()) deps.add(req.getParent());
        customUrns.add(urn);
        // Input key -> the custom resources its value came from (components never get replaced).
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((v: Any, key: string) => {
          propertyDependencies[key] = [...new Set<string>(v.getUrnsList())].filter((u) => customUrns.has(u) && u !== urn);
        });
        try {
          const r = await engine.register({
            urn,
            type: args.type,
            name: args.name,
            inputs: args.inputs,
            dependencies: [...deps].filter((d) => customUrns.has(d) && d !== urn),
            propertyDependencies,
            deleteBeforeReplace: req.getDeletebeforereplace(),
            replaceOnChanges: req.getReplaceonchangesList(),
            additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
          });
          return { id: r.id, state: engine.wrappedOutputs(r) };
        } catch (e) {
          fail(e);
          throw e;
        }
      })();
      pending.add(p);
      p.then(
        () => pending.delete(p),
        () => pending.delete(p),
      );
      return p;
    },
    async call(args: Any): Promise<Record<string, unknown>> {
      throw new Error(`harness: invoke ${args.token} is not supported`);
    },
  };
  await pulumi.runtime.setMocks(mocks, project, stack, false);
  const monitor: Any = settings.getMonitor();
  const origRegister = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: Any, cb: Any) => {
    // MockMonitor calls mocks.newResource synchronously: hand it the request (parent, dependencies).
    currentReq = req;
    try {
      return origRegister(req, cb);
    } finally {
      currentReq = undefined;
    }
  };

  const outputs: Props = {};
  try {
    let exp: Any = require(o.program);
    if (exp && typeof exp.default === "function" && Object.keys(exp).length <= 2) exp = exp.default;
    if (typeof exp === "function") exp = await exp();
    exp = (await exp) ?? {};
    for (const [k, v] of Object.entries(exp as Props)) {
      if (k === "__esModule" || typeof v === "function") continue;
      const out: Any = pulumi.output(v);
      const value = await out.promise();
      const isSecret = await out.isSecret;
      if (value === undefined) continue;
      outputs[k] = isSecret ? secret(value) : value;
    }
  } catch (e) {
    fail(e);
  }
  // Let every registration (including ones started from applies) finish.
  let seen = -1;
  while (seen !== started || pending.size) {
    seen = started;
    await settings.waitForRPCs().catch(fail);
    await Promise.allSettled([...pending]);
    await new Promise((r) => setTimeout(r, 20));
  }
  process.off("unhandledRejection", onUnhandled);
  if (error === undefined) {
    try {
      await engine.deleteUnregistered(registered);
    } catch (e) {
      fail(e);
    }
  }
  return { outputs, error };
}

process.once("message", (o: Payload) => {
  main(o)
    .then((result) => send({ kind: "result", result }))
    .catch((e) => send({ kind: "result", result: { error: describe(e), steps: [], state: { resources: [] }, outputs: {}, components: [], calls: [], diagnostics: "" } }))
    .finally(() => process.exit(0));
});
