#!/usr/bin/env node
/**
 * Finds a Pulumi CLI for the end-to-end tests and the demo, in this order:
 *   1. `pulumi` on PATH, if its version is at least PINNED;
 *   2. the CLI this script built earlier, cached per version outside node_modules (so every clone on
 *      the machine shares it): $PULUMI_INTERCONNECT_CACHE, else $XDG_CACHE_HOME/pulumi-interconnect, else
 *      ~/.cache/pulumi-interconnect, in pulumi-cli/v<PINNED>/bin;
 *   3. building PINNED from Go modules with the local Go toolchain (scripts/pulumi-cli/go.mod pins the
 *      release and every dependency; go.sum checks them): about 10 to 25 minutes on 2 cores the first
 *      time, seconds afterwards with a warm Go build cache. Nothing prebuilt is downloaded.
 * Otherwise it fails with one message naming both ways to get a CLI.
 *
 * The dynamic-provider plugin `pulumi-resource-pulumi-nodejs` is written next to a built CLI: it runs the
 * stack's own `@pulumi/pulumi/cmd/dynamic-provider` with the `node` on PATH.
 *
 *   node scripts/pulumi-cli.js            prints the CLI's path (building it if needed)
 *   node scripts/pulumi-cli.js --no-build prints it, or fails, without building
 *   require("./scripts/pulumi-cli").findPulumiCli({ build })  -> { path, root, binDir, version, source }
 */
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");

const PINNED = "3.276.0";
const MODULE_DIR = path.join(__dirname, "pulumi-cli");
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const VERSION_VAR = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";

function cacheRoot() {
  if (process.env.PULUMI_INTERCONNECT_CACHE) return process.env.PULUMI_INTERCONNECT_CACHE;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(base, "pulumi-interconnect");
}

/** The folder a built CLI lives in: <cache>/pulumi-cli/v<PINNED> (bin/pulumi inside). */
function cachedRoot() {
  return path.join(cacheRoot(), "pulumi-cli", `v${PINNED}`);
}

function parseVersion(text) {
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(text || "");
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(version, minimum) {
  const a = parseVersion(version);
  const b = parseVersion(minimum);
  if (!a) return false;
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

function versionOf(binary) {
  const r = spawnSync(binary, ["version"], { encoding: "utf8", env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } });
  if (r.status !== 0) return undefined;
  return r.stdout.trim().split("\n")[0];
}

function onPath(name) {
  for (const dir of (process.env.PATH || "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** The dynamic-provider plugin the CLI runs for `pulumi-nodejs:dynamic` resources, with the stack's SDK. */
const PLUGIN_SCRIPT = `#!/bin/sh
# Written by pulumi-interconnect's scripts/pulumi-cli.js next to the Pulumi CLI it built: the engine runs
# this for dynamic resources, in the stack's project directory; it starts that project's
# @pulumi/pulumi dynamic-provider with the node on PATH.
script=$(node -e 'process.stdout.write(require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [process.cwd()] }))') || {
  echo "pulumi-resource-pulumi-nodejs: @pulumi/pulumi is not installed in $(pwd) (run npm install there)" >&2
  exit 1
}
exec node "$script" "$@"
`;

function writePlugin(binDir) {
  const file = path.join(binDir, "pulumi-resource-pulumi-nodejs");
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== PLUGIN_SCRIPT) {
    fs.writeFileSync(file, PLUGIN_SCRIPT, { mode: 0o755 });
  }
}

function describe(binary, source) {
  const binDir = path.dirname(binary);
  return { path: binary, binDir, root: path.dirname(binDir), version: versionOf(binary), source };
}

function noCliMessage(reason) {
  return [
    `pulumi-interconnect needs the Pulumi CLI v${PINNED} or newer for its end-to-end tests and the demo, and ${reason}.`,
    `Either put a Pulumi CLI (v${PINNED} or newer) on PATH, or install Go 1.26 or newer`,
    `(https://go.dev/doc/install) and run \`node scripts/pulumi-cli.js\`, which builds v${PINNED} from Go modules`,
    `into ${cachedRoot()} once.`,
  ].join("\n");
}

function build(log) {
  const go = onPath("go") || (fs.existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : undefined);
  if (!go) throw new Error(noCliMessage("none is on PATH or in the cache, and Go is not installed to build one"));
  const root = cachedRoot();
  const src = path.join(root, "src");
  const binDir = path.join(root, "bin");
  fs.mkdirSync(src, { recursive: true });
  fs.mkdirSync(binDir, { recursive: true });
  for (const f of ["go.mod", "go.sum", "tools.go"]) fs.copyFileSync(path.join(MODULE_DIR, f), path.join(src, f));
  const started = Date.now();
  log(`pulumi-cli: building the Pulumi CLI v${PINNED} from Go modules into ${binDir}`);
  log("pulumi-cli: the first build downloads ~350 MB of modules and compiles for 10-25 minutes on 2 cores; later builds reuse Go's caches");
  const tmp = path.join(binDir, `.pulumi-${process.pid}`);
  const r = spawnSync(
    go,
    ["build", "-mod=readonly", "-ldflags", `-s -w -X ${VERSION_VAR}=v${PINNED}`, "-o", tmp, CLI_PACKAGE],
    { cwd: src, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, GOFLAGS: `${process.env.GOFLAGS || ""} -buildvcs=false`.trim() } },
  );
  if (r.status !== 0) {
    fs.rmSync(tmp, { force: true });
    throw new Error(`pulumi-cli: \`go build ${CLI_PACKAGE}\` failed (exit ${r.status ?? r.signal}); see the output above.\n${noCliMessage("building one failed")}`);
  }
  fs.renameSync(tmp, path.join(binDir, "pulumi"));
  writePlugin(binDir);
  log(`pulumi-cli: built in ${Math.round((Date.now() - started) / 1000)} s`);
  return describe(path.join(binDir, "pulumi"), "built");
}

/**
 * The Pulumi CLI to use: { path, binDir, root, version, source: "path" | "cache" | "built" }.
 * `build: false` never builds (returns undefined when no CLI is at hand).
 */
function findPulumiCli({ build: mayBuild = true, log = (s) => process.stderr.write(`${s}\n`) } = {}) {
  const fromPath = onPath("pulumi");
  if (fromPath && !fromPath.startsWith(cachedRoot())) {
    const v = versionOf(fromPath);
    if (v && atLeast(v, PINNED)) return describe(fromPath, "path");
    if (v) log(`pulumi-cli: ignoring ${fromPath} (${v}), older than v${PINNED}`);
  }
  const cached = path.join(cachedRoot(), "bin", "pulumi");
  if (fs.existsSync(cached) && atLeast(versionOf(cached) || "", PINNED)) {
    writePlugin(path.dirname(cached));
    return describe(cached, "cache");
  }
  if (!mayBuild) return undefined;
  return build(log);
}

module.exports = { findPulumiCli, PINNED, cachedRoot, noCliMessage };

if (require.main === module) {
  const noBuild = process.argv.includes("--no-build");
  try {
    const cli = findPulumiCli({ build: !noBuild });
    if (!cli) {
      console.error(noCliMessage("none is on PATH or in the cache (--no-build)"));
      process.exit(1);
    }
    process.stderr.write(`pulumi-cli: using ${cli.path} (${cli.version}, ${cli.source})\n`);
    console.log(cli.path);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
