#!/usr/bin/env node
/**
 * `npm run demo [scenario]`: rehearses an example stack against the sandbox:
 *
 *   preview -> up -> refresh (no change) -> a change made outside Pulumi -> refresh (drift)
 *   -> up (restores it) -> destroy -> the sandbox is empty
 *
 * With a Pulumi CLI at hand (on PATH, or built earlier by scripts/pulumi-cli.js into its cache) the
 * real engine runs every step through the Automation API and its own output is shown (+ ~ - markers,
 * property diffs, Resources and Duration lines). Without one, the test engine harness drives the SDK's
 * real dynamic-provider plugin as the engine would, and the demo says so. `--help` lists the scenarios;
 * `--harness` forces the harness.
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");

require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "test", "tsconfig.json") });
const YAML = require("yaml");
const { startSandbox } = require("../dist/sandbox");
const { runProgram } = require("../test/harness/program");
const { isSecret } = require("../test/harness/wire");
const { findPulumiCli } = require("./pulumi-cli");
const scenarios = require("./demoScenarios");

const args = process.argv.slice(2);
const scenarioNames = Object.keys(scenarios).filter((k) => typeof scenarios[k] === "object");
if (args.includes("--help") || args.includes("-h")) {
  console.log("usage: npm run demo -- [scenario] [--harness]\n\nscenarios:");
  for (const n of scenarioNames) console.log(`  ${n}${n === scenarios.defaultScenario ? " (default)" : ""}\n      ${scenarios[n].description.replace(/\n/g, "\n      ")}`);
  console.log("\n--harness   run without the Pulumi CLI, on the test engine harness, even when a CLI is at hand");
  process.exit(0);
}
const forceHarness = args.includes("--harness");
const scenarioName = args.find((a) => !a.startsWith("-")) || scenarios.defaultScenario;
const scenario = scenarios[scenarioName];
if (!scenario || typeof scenario !== "object") {
  console.error(`unknown scenario ${scenarioName}; known: ${scenarioNames.join(", ")}`);
  process.exit(2);
}

const root = path.resolve(__dirname, "..");

const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s) => (process.stdout.isTTY ? `\x1b[2m${s}\x1b[0m` : s);
const say = (s = "") => console.log(s);
const heading = (n, s) => say(`\n${bold(`${n}. ${s}`)}`);

function stackConfig(projectDir, stack) {
  const file = path.join(projectDir, `Pulumi.${stack}.yaml`);
  const doc = YAML.parse(fs.readFileSync(file, "utf8")) || {};
  const config = {};
  for (const [k, v] of Object.entries(doc.config || {})) config[k] = typeof v === "object" ? JSON.stringify(v) : String(v);
  return config;
}

function show(value) {
  if (isSecret(value)) return "[secret]";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function table(rows, columns) {
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? "").length)));
  const line = (cells) => cells.map((c, i) => String(c ?? "").padEnd(widths[i])).join("  ");
  say(line(columns));
  say(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) say(line(columns.map((c) => r[c])));
}

/**
 * The state's resources as a table. With `sandbox`, a Fabric connection's status is what Equinix reports
 * now: an Alibaba connection is created PENDING_APPROVAL and becomes PROVISIONED only when a later
 * resource (alibaba.HostedConnection) accepts it, so the state recorded at its create is stale by the end of
 * the same `up` (the next refresh records the new status, and reports no change: it is no input).
 */
function printTable(state, sandbox) {
  let stale = 0;
  const rows = state.resources.map((res) => {
    let outputs = res.outputs;
    if (sandbox && res.type.endsWith("fabric:Connection")) {
      const live = sandbox.admin.equinix.connection(res.id);
      const now = live && { equinixStatus: live.operation.equinixStatus, providerStatus: live.operation.providerStatus };
      if (now && (now.equinixStatus !== outputs.equinixStatus || now.providerStatus !== outputs.providerStatus)) stale++;
      if (now) outputs = { ...outputs, ...now };
    }
    return { resource: res.name, type: res.type.replace("pulumi-nodejs:dynamic/", ""), id: res.id, ...scenario.columns(outputs) };
  });
  table(rows, ["resource", "type", "id", ...scenario.columnNames]);
  if (stale) say(dim(`   (Fabric status as Equinix reports it now; ${stale} recorded at create, before the Alibaba acceptance: the next refresh records it)`));
}

/** After destroy: what is left in the sandbox (nothing, or the demo fails), the requests it saw, how to run it for real. */
function closing(sandbox) {
  const left = Object.entries(sandbox.admin.inventory()).flatMap(([apiName, kinds]) =>
    Object.entries(kinds).flatMap(([kind, objs]) => objs.map(() => `${apiName}.${kind}`)),
  );
  say(`   left in the sandbox: ${left.length === 0 ? "nothing" : left.join(", ")}`);
  if (left.length) process.exitCode = 1;
  const requests = sandbox.admin.requests();
  const byApi = {};
  for (const q of requests) byApi[q.api] = (byApi[q.api] || 0) + 1;
  say(dim(`\n   ${requests.length} HTTP requests reached the sandbox (${Object.entries(byApi).map(([a, n]) => `${a} ${n}`).join(", ")})`));
  say(`\n${bold("Against real accounts")}: with Pulumi's own CLI installation (it ships the Node.js language host), in examples/${scenario.example}:`);
  for (const line of scenario.realAccounts) say(`   ${line}`);
}

function stepsSummary(result) {
  const counts = {};
  for (const s of result.steps) counts[s.op] = (counts[s.op] || 0) + 1;
  return Object.entries(counts).map(([op, n]) => `${n} ${op}`).join(", ") || "nothing to do";
}

function fail(what, result) {
  console.error(`\n${what} failed: ${result.error ? result.error.message : "unknown error"}`);
  if (result.error && result.error.reasons) for (const r of result.error.reasons) console.error(`  - ${r}`);
  process.exitCode = 1;
}

async function harnessMain(why) {
  say(dim(`(${why}: running on the test engine harness, which drives the SDK's real dynamic-provider plugin as the engine would; see README "The Pulumi CLI")`));
  const projectDir = path.join(root, "examples", scenario.example);
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "interconnect-demo-")), "state.json");
  say(bold("pulumi-interconnect demo") + dim(`  (example: examples/${scenario.example}, stack config Pulumi.sandbox.yaml)`));
  say(scenario.description);

  const sandbox = await startSandbox({ timeScale: scenario.timeScale ?? 1 });
  say(dim(`sandbox listening on ${sandbox.url}: Equinix${sandbox.alibaba ? ", Alibaba" : ""}${sandbox.ixapi ? ", IX-API" : ""}`));
  const env = { INTERCONNECT_POLL_INTERVAL_MS: "200", ...scenario.env(sandbox) };
  const base = {
    projectDir,
    stateFile,
    stack: "sandbox",
    config: { ...stackConfig(projectDir, "sandbox"), ...(scenario.config ? scenario.config(sandbox) : {}) },
    secretConfig: scenario.secretConfig || [],
    env,
    timeoutMs: 300000,
  };
  const live = (line, source) => {
    const m = /\[pulumi-interconnect\] (.*)/.exec(line);
    if (m) say(dim(`   ${m[1]}`));
    else if (source === "program" && line.trim() && !/DeprecationWarning|ExperimentalWarning|--trace-deprecation|--trace-warnings/.test(line)) say(dim(`   ${line}`));
  };

  try {
    heading(1, "pulumi up: create the stack");
    let r = await runProgram({ ...base, operation: "up", onDiagnostic: live });
    if (r.error) return fail("up", r);
    say(`   ${stepsSummary(r)}`);
    printTable(r.state, sandbox);
    say("   stack outputs:");
    for (const [k, v] of Object.entries(r.outputs)) say(`     ${k}: ${show(v)}`);

    heading(2, "pulumi refresh: nothing changed outside Pulumi");
    r = await runProgram({ ...base, operation: "refresh" });
    if (r.error) return fail("refresh", r);
    const drifted = (r.refresh || []).filter((x) => x.dropped || x.changedInputs.length);
    say(`   ${drifted.length === 0 ? "no input drifted" : `${drifted.length} resources drifted`}`);
    for (const x of (r.refresh || []).filter((x) => !x.dropped && x.changedOutputs.length)) {
      say(dim(`   ${x.urn.split("::").pop()}: status outputs moved on (${x.changedOutputs.join(", ")})`));
    }
    printTable(r.state);

    heading(3, `a change outside Pulumi: ${scenario.outOfBand.description}`);
    await scenario.outOfBand.apply(sandbox, r.state);

    heading(4, "pulumi refresh: the drift shows");
    r = await runProgram({ ...base, operation: "refresh" });
    if (r.error) return fail("refresh", r);
    for (const x of r.refresh || []) {
      if (x.dropped) say(`   ${x.urn.split("::").pop()}: gone (deleted outside Pulumi)`);
      else if (x.changedOutputs.length) say(`   ${x.urn.split("::").pop()}: changed ${x.changedOutputs.join(", ")}`);
    }

    heading(5, "pulumi up: restore what the program declares");
    r = await runProgram({ ...base, operation: "up", onDiagnostic: live });
    if (r.error) return fail("up", r);
    say(`   ${stepsSummary(r)}`);
    printTable(r.state);

    heading(6, "pulumi destroy");
    r = await runProgram({ ...base, operation: "destroy", onDiagnostic: live });
    if (r.error) return fail("destroy", r);
    say(`   ${stepsSummary(r)}`);
    closing(sandbox);
  } finally {
    await sandbox.stop();
  }
}

/** The state's custom resources as the scenarios read them: {name, type, id, outputs}. */
async function cliState(stack) {
  const dep = await stack.exportStack();
  return {
    resources: (dep.deployment.resources || [])
      .filter((r) => r.custom && r.type.startsWith("pulumi-nodejs:dynamic/"))
      .map((r) => ({ name: r.urn.split("::").pop(), type: r.type, id: r.id, outputs: plainOutputs(r.outputs || {}) })),
  };
}

/** Secret outputs in an export are {ciphertext}; the table shows them as [secret]. */
function plainOutputs(o) {
  const out = {};
  for (const [k, v] of Object.entries(o)) out[k] = v && typeof v === "object" && v["4dabf18193072939515e22adb298388d"] ? "[secret]" : v;
  return out;
}

async function cliMain(cli) {
  const { e2eStack } = require("../test/e2e/support");
  const projectDir = path.join(root, "examples", scenario.example);
  say(bold("pulumi-interconnect demo") + dim(`  (example: examples/${scenario.example}, stack config Pulumi.sandbox.yaml)`));
  say(scenario.description);
  say(dim(`Pulumi CLI ${cli.version} (${cli.path}), file backend in a temp folder, the sandbox below`));
  const sandbox = await startSandbox({ timeScale: scenario.timeScale ?? 1 });
  say(dim(`sandbox listening on ${sandbox.url}: Equinix${sandbox.alibaba ? ", Alibaba" : ""}${sandbox.ixapi ? ", IX-API" : ""}`));
  const extra = scenario.config ? scenario.config(sandbox) : {};
  const ns = (k) => (k.includes(":") ? k : `${scenario.example}:${k}`);
  const plain = { ...stackConfig(projectDir, "sandbox") };
  const secret = {};
  for (const [k, v] of Object.entries(extra)) ((scenario.secretConfig || []).includes(k) ? secret : plain)[ns(k)] = v;
  const e = await e2eStack(cli, {
    project: scenario.example,
    stack: "sandbox",
    programFile: path.join(projectDir, "index.ts"),
    config: plain,
    secretConfig: secret,
    env: { INTERCONNECT_POLL_INTERVAL_MS: "200", ...scenario.env(sandbox) },
  });
  // The engine's output, indented as a whole line at a time (it arrives in arbitrary chunks).
  let pending = "";
  const onOutput = (chunk) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop();
    for (const line of lines) process.stdout.write(`   ${line}\n`);
  };
  const stream = { onOutput, color: process.stdout.isTTY ? "always" : "never" };
  try {
    heading(1, "pulumi preview: what up will do");
    await e.stack.preview(stream);

    heading(2, "pulumi up: create the stack");
    await e.stack.up(stream);
    printTable(await cliState(e.stack), sandbox);

    heading(3, "pulumi refresh: nothing changed outside Pulumi (status outputs catch up with the vendors)");
    await e.stack.refresh(stream);
    let state = await cliState(e.stack);
    printTable(state);

    heading(4, `a change outside Pulumi: ${scenario.outOfBand.description}`);
    await scenario.outOfBand.apply(sandbox, state);

    heading(5, "pulumi refresh: the drift shows");
    await e.stack.refresh(stream);

    heading(6, "pulumi preview --diff: what up will do about it");
    await e.stack.preview({ ...stream, diff: true });

    heading(7, "pulumi up: restore what the program declares");
    await e.stack.up(stream);
    state = await cliState(e.stack);
    printTable(state);

    heading(8, "pulumi destroy");
    await e.stack.destroy(stream);
    closing(sandbox);
  } catch (err) {
    console.error(`\n${err.message}`);
    process.exitCode = 1;
  } finally {
    await e.close();
    await sandbox.stop();
  }
}

async function main() {
  if (forceHarness) return harnessMain("--harness");
  const cli = findPulumiCli({ build: false, log: () => undefined });
  if (!cli) return harnessMain("no Pulumi CLI on PATH or in the cache (node scripts/pulumi-cli.js builds one)");
  return cliMain(cli);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
