#!/usr/bin/env node
/**
 * `npm run bench:engine [-- N]`: a `pulumi refresh` of N (default 200) fabric.Connection through the real
 * Pulumi engine (the CLI from scripts/pulumi-cli.js, the Automation API, a file backend) against the
 * sandbox, and the HTTP requests it caused, by kind. Also the requests of the `up` that made them and of
 * the `destroy`. Prints figures; asserts nothing.
 */
"use strict";
const path = require("path");

require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "test", "tsconfig.json") });
const { startSandbox, sandboxEnv } = require("../dist/sandbox");
const { findPulumiCli } = require("./pulumi-cli");
const { e2eStack } = require("../test/e2e/support");

const N = Number(process.argv[2] || 200);
const PORTS = {
  a: ["6df2092a-9480-50d1-90aa-8cb0694abac9", "8b7920da-c303-58dc-9bdf-d6e6cfe2acaa"], // SV DOT1Q primary, secondary
  z: ["1bf7aa17-caea-5de6-8b25-99b8f7e3872e", "f825e8c3-0ff0-5779-83ec-92c7c5210b95"], // SV QINQ primary, secondary
};

function byKind(requests) {
  const counts = {};
  for (const r of requests) counts[r.kind] = (counts[r.kind] || 0) + 1;
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
}

async function main() {
  const cli = findPulumiCli({ build: false, log: () => undefined });
  if (!cli) throw new Error("no Pulumi CLI on PATH or in the cache: run `node scripts/pulumi-cli.js` first");
  const sandbox = await startSandbox({ timeScale: 0 });
  const programFile = path.join(__dirname, "..", "test", "fixtures", "e2e-bench", "index.ts");
  const e = await e2eStack(cli, {
    project: "e2e-bench",
    programFile,
    config: { "e2e-bench:count": String(N), "e2e-bench:ports": JSON.stringify(PORTS) },
    env: { ...sandboxEnv(sandbox), INTERCONNECT_POLL_INTERVAL_MS: "50" },
  });
  try {
    const phase = async (name, fn) => {
      sandbox.admin.clearRequests();
      const started = Date.now();
      const result = await fn();
      const requests = sandbox.admin.requests();
      console.log(`${name.padEnd(8)} ${String(requests.length).padStart(5)} requests (${(requests.length / N).toFixed(2)} per connection), ${((Date.now() - started) / 1000).toFixed(1)} s: ${byKind(requests)}`);
      return result;
    };
    console.log(`pulumi ${cli.version}, ${N} fabric.Connection, the sandbox in-process (delays 0)`);
    const up = await phase("up", () => e.stack.up());
    if (up.summary.result !== "succeeded") throw new Error(`up: ${up.summary.result}`);
    await phase("refresh", () => e.stack.refresh());
    await phase("destroy", () => e.stack.destroy());
  } finally {
    await e.close();
    await sandbox.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
