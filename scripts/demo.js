#!/usr/bin/env node
/**
 * `npm run demo`: rehearses an example stack against the sandbox, as `pulumi up`, `refresh` and
 * `destroy` would run it, without the Pulumi CLI (the test engine harness drives the SDK's real
 * dynamic-provider plugin, exactly as the engine does).
 *
 *   up (progress shown live) -> refresh (no change) -> a change made outside Pulumi -> refresh (drift)
 *   -> up (restores it) -> destroy -> the sandbox is empty
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
const scenarios = require("./demoScenarios");

const root = path.resolve(__dirname, "..");
const scenarioName = process.argv[2] || scenarios.defaultScenario;
const scenario = scenarios[scenarioName];
if (!scenario || typeof scenario !== "object") {
  console.error(`unknown scenario ${scenarioName}; known: ${Object.keys(scenarios).filter((k) => typeof scenarios[k] === "object").join(", ")}`);
  process.exit(2);
}

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

function printTable(state) {
  table(
    state.resources.map((res) => ({ resource: res.name, type: res.type.replace("pulumi-nodejs:dynamic/", ""), id: res.id, ...scenario.columns(res.outputs) })),
    ["resource", "type", "id", ...scenario.columnNames],
  );
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

async function main() {
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
    printTable(r.state);
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
    const left = Object.entries(sandbox.admin.inventory()).flatMap(([apiName, kinds]) =>
      Object.entries(kinds).flatMap(([kind, objs]) => objs.map(() => `${apiName}.${kind}`)),
    );
    say(`   left in the sandbox: ${left.length === 0 ? "nothing" : left.join(", ")}`);
    if (left.length) process.exitCode = 1;

    const requests = sandbox.admin.requests();
    const byApi = {};
    for (const q of requests) byApi[q.api] = (byApi[q.api] || 0) + 1;
    say(dim(`\n   ${requests.length} HTTP requests reached the sandbox (${Object.entries(byApi).map(([a, n]) => `${a} ${n}`).join(", ")})`));

    say(`\n${bold("Against real accounts")}: install the Pulumi CLI, then in examples/${scenario.example}:`);
    for (const line of scenario.realAccounts) say(`   ${line}`);
  } finally {
    await sandbox.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
