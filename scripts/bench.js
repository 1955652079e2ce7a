#!/usr/bin/env node
/**
 * `npm run bench`: 20 Fabric connections created, refreshed and destroyed against the sandbox through
 * the SDK's real plugin (one plugin process, as one `pulumi up` has), printing:
 *  - HTTP requests by kind, per phase, and per connection;
 *  - OAuth token requests (goal: 1 per credential set per process);
 *  - `__provider` bytes per resource (goal: at most 1,500), stored twice (inputs and outputs);
 *  - wall time per phase, and the time the sandbox's state machines needed (its clock).
 * Figures, not assertions: the tests assert correctness, this measures cost.
 */
"use strict";
const os = require("os");
const fs = require("fs");
const path = require("path");

require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "test", "tsconfig.json") });
const { startSandbox } = require("../dist/sandbox");
const { findPort } = require("../dist/sandbox/equinix/catalog");
const { thinProvider } = require("../dist/provider/core/thinProvider");
const { PluginHost } = require("../test/harness/plugin");
const { Engine, makeUrn } = require("../test/harness/engine");
const { serializeProvider } = require("../test/harness/serialize");

const COUNT = Number(process.argv[2] || 20);
const TYPE = "pulumi-nodejs:dynamic/fabric:Connection";

function countByKind(entries) {
  const out = {};
  for (const e of entries) out[e.kind || `${e.method} ${e.path}`] = (out[e.kind || `${e.method} ${e.path}`] || 0) + 1;
  return out;
}

function printCounts(title, entries) {
  const counts = countByKind(entries);
  console.log(`  ${title}: ${entries.length} requests (${(entries.length / COUNT).toFixed(1)} per connection)`);
  for (const [k, n] of Object.entries(counts).sort((a, b) => b[1] - a[1])) console.log(`    ${String(n).padStart(5)}  ${k}`);
}

async function main() {
  const sandbox = await startSandbox({ timeScale: 0.2 });
  const projectDir = path.join(__dirname, "..", "test", "fixtures", "project");
  const host = await PluginHost.start({
    projectDir,
    env: {
      EQUINIX_API_ENDPOINT: sandbox.equinix.endpoint,
      EQUINIX_API_CLIENTID: sandbox.equinix.clientId,
      EQUINIX_API_CLIENTSECRET: sandbox.equinix.clientSecret,
      INTERCONNECT_POLL_INTERVAL_MS: "100",
      INTERCONNECT_QUIET: "1",
    },
  });
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "interconnect-bench-")), "state.json");
  const engine = new Engine(host, { stateFile });
  await host.configure({});
  const { text } = await serializeProvider(thinProvider("fabric:Connection"), projectDir);

  const a = findPort("SV", "DOT1Q", "PRIMARY").uuid;
  const z = findPort("SV", "QINQ", "PRIMARY").uuid;
  const phases = [];
  const phase = async (name, fn) => {
    sandbox.admin.clearRequests();
    const wall0 = Date.now();
    const clock0 = sandbox.admin.clock.now();
    await fn();
    phases.push({ name, wallMs: Date.now() - wall0, sandboxMs: sandbox.admin.clock.now() - clock0, requests: sandbox.admin.requests() });
  };

  await phase("create", () =>
    Promise.all(
      Array.from({ length: COUNT }, (_, i) =>
        engine.register({
          urn: makeUrn(TYPE, `c${i}`, "interconnect-tests", "bench"),
          type: TYPE,
          name: `c${i}`,
          inputs: {
            __provider: text,
            name: `bench-${i}`,
            bandwidth: 100,
            notifications: ["noc@example.com"],
            aSide: { port: { uuid: a, type: "DOT1Q", vlanTag: 100 + i } },
            zSide: { port: { uuid: z, type: "QINQ", vlanSTag: 200 + i, vlanCTag: 300 + i } },
          },
        }),
      ),
    ),
  );
  await phase("refresh", () => engine.refresh());
  await phase("destroy", () => engine.destroy());
  await host.stop();
  await sandbox.stop();

  const all = phases.flatMap((p) => p.requests);
  const tokens = all.filter((e) => e.kind === "oauth.token").length;
  console.log(`pulumi-interconnect bench: ${COUNT} fabric.Connection (DOT1Q -> QINQ, SV) through one plugin process\n`);
  for (const p of phases) {
    printCounts(`${p.name} (wall ${p.wallMs} ms, sandbox clock ${p.sandboxMs} ms)`, p.requests);
  }
  console.log(`\n  OAuth token requests: ${tokens} for 1 credential set in 1 process (goal: 1)`);
  const bytes = Buffer.byteLength(text);
  console.log(`  __provider: ${bytes} bytes per resource (goal: at most 1,500), stored twice: ${2 * bytes} bytes per resource in the state`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
