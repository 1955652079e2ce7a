// The package as a user gets it: `npm pack` into a temp dir, an empty Pulumi TypeScript project there
// (package.json depending on the tarball and @pulumi/pulumi, Pulumi's default TypeScript template
// tsconfig: strict, moduleResolution node, no skipLibCheck, no @types/express), `npm install`, then:
// every ```ts snippet of README.md type-checks as written, each as its own file; the subpath entries
// `pulumi-interconnect/sandbox` and `pulumi-interconnect/provider/runtime` type-check and load; the
// project holds one @pulumi/pulumi (a peer dependency, not a second nested SDK).
//
// Needs dist/ (npm test builds first) and the npm registry or npm's cache (--prefer-offline).
// TARBALL_TEST_PULUMI_VERSION=<3.x> installs another SDK version of the peer range in the project.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const rootPkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** Pulumi's default TypeScript template (`pulumi new typescript`), tsconfig.json compilerOptions. */
const PULUMI_TEMPLATE_COMPILER_OPTIONS = {
  strict: true,
  outDir: "bin",
  target: "es2020",
  module: "commonjs",
  moduleResolution: "node",
  sourceMap: true,
  experimentalDecorators: true,
  pretty: true,
  noFallthroughCasesInSwitch: true,
  noImplicitReturns: true,
  forceConsistentCasingInFileNames: true,
};

interface Snippet {
  /** file name in the project */
  file: string;
  /** 1-based line of the opening fence in README.md */
  line: number;
  code: string;
}

/** Every ```ts block of a Markdown text, fences indented or not (list items), dedented. */
function tsSnippets(markdown: string): Snippet[] {
  const lines = markdown.split("\n");
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ts|typescript)\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1];
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !new RegExp(`^${indent}\`\`\`\\s*$`).test(lines[j]); j++) {
      body.push(lines[j].startsWith(indent) ? lines[j].slice(indent.length) : lines[j].trimStart());
    }
    assert.ok(j < lines.length, `README.md:${i + 1}: the ts block is not closed`);
    out.push({ file: `readme-line-${i + 1}.ts`, line: i + 1, code: body.join("\n") + "\n" });
    i = j;
  }
  return out;
}

/** The environment for npm in the project: without what an enclosing `npm test` exported about this repository. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set(["cache", "userconfig", "globalconfig", "registry", "cafile", "noproxy", "proxy", "https_proxy", "strict_ssl"]);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    const m = /^npm_config_(.+)$/i.exec(k);
    if (m && !keep.has(m[1].toLowerCase())) continue;
    if (/^npm_(package|lifecycle)_/i.test(k) || k === "INIT_CWD") continue;
    env[k] = v;
  }
  return env;
}

function run(cmd: string, args: string[], cwd: string, env = npmEnv()): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const snippets = tsSnippets(readme);

/** Uses of the subpath entries, as a stack or a test script of a user would write them. */
const SUBPATH_USES: Record<string, string> = {
  "use-sandbox.ts": `import { startSandbox, sandboxEnv, type Sandbox, type SandboxOptions, type FaultSpec } from "pulumi-interconnect/sandbox";

export async function rehearse(options: SandboxOptions = { port: 0, timeScale: 0 }): Promise<Record<string, string>> {
  const sandbox: Sandbox = await startSandbox(options);
  try {
    const fault: FaultSpec = { api: "equinix", method: "POST", path: "/fabric/v4/connections$", times: 1, fault: { kind: "loseResponse" } };
    sandbox.admin.injectFault(fault);
    const inventory: Record<string, Record<string, unknown[]>> = sandbox.admin.inventory();
    return { ...sandboxEnv(sandbox), connections: String(inventory.equinix.connections.length) };
  } finally {
    await sandbox.stop();
  }
}
`,
  "use-runtime.ts": `import * as runtime from "pulumi-interconnect/provider/runtime";
import * as pulumi from "@pulumi/pulumi";

const kinds: string[] = runtime.knownKinds();
export const providers: pulumi.dynamic.ResourceProvider[] = kinds.map((kind) => runtime.provider(kind));
export const attach: (target: { kind: string } & Record<string, unknown>, req: pulumi.dynamic.ConfigureRequest) => Promise<void> = runtime.attach;
`,
};

describe("package: the packed tarball in an empty Pulumi TypeScript project", function () {
  this.timeout(10 * 60_000);
  let dir = "";
  let project = "";
  let packed: { filename: string; files: { path: string }[] } | undefined;
  let tsc: { status: number | null; out: string } | undefined;

  const pulumiVersion = process.env.TARBALL_TEST_PULUMI_VERSION || rootPkg.devDependencies["@pulumi/pulumi"];

  before(function () {
    assert.ok(fs.existsSync(path.join(ROOT, "dist", "index.js")), "dist/ is missing: run `npm run build` first (npm test does)");
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-interconnect-pack-"));
    // --ignore-scripts: dist/ is already built (prepack would rebuild it under the other tests' feet).
    const pack = run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], ROOT);
    assert.equal(pack.status, 0, `npm pack failed:\n${pack.stderr}`);
    packed = JSON.parse(pack.stdout)[0];

    project = path.join(dir, "project");
    fs.mkdirSync(project);
    const files = [...snippets.map((s) => s.file), ...Object.keys(SUBPATH_USES)];
    fs.writeFileSync(
      path.join(project, "package.json"),
      JSON.stringify(
        {
          name: "tarball-test",
          private: true,
          main: "index.ts",
          dependencies: { "@pulumi/pulumi": pulumiVersion, "pulumi-interconnect": `file:../${packed!.filename}` },
          devDependencies: { "@types/node": rootPkg.devDependencies["@types/node"], typescript: rootPkg.devDependencies.typescript },
        },
        null,
        2,
      ),
    );
    fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({ compilerOptions: PULUMI_TEMPLATE_COMPILER_OPTIONS, files }, null, 2));
    for (const s of snippets) fs.writeFileSync(path.join(project, s.file), s.code);
    for (const [file, code] of Object.entries(SUBPATH_USES)) fs.writeFileSync(path.join(project, file), code);

    const install = run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], project);
    assert.equal(install.status, 0, `npm install in the project failed:\n${install.stdout}\n${install.stderr}`);
  });

  after(function () {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** One tsc run over every file of the project (the template's settings), shared by the checks below. */
  function typeCheck(): { status: number | null; out: string } {
    if (!tsc) {
      const r = run(process.execPath, [path.join(project, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--noEmit", "--pretty", "false"], project);
      tsc = { status: r.status, out: r.stdout + r.stderr };
    }
    return tsc;
  }

  /** tsc's diagnostics for one file (each starts with "<file>(line,col): error"), continuation lines included. */
  function diagnosticsOf(file: string): string[] {
    const out: string[] = [];
    let mine = false;
    for (const line of typeCheck().out.split("\n")) {
      if (/^\S.*\(\d+,\d+\): error /.test(line)) mine = line.startsWith(`${file}(`);
      else if (/^\S/.test(line)) mine = false;
      if (mine && line.trim()) out.push(line);
    }
    return out;
  }

  it("ships dist, README.md and LICENSE, and nothing else", function () {
    const paths = packed!.files.map((f) => f.path);
    for (const p of ["package.json", "README.md", "LICENSE", "dist/index.js", "dist/index.d.ts", "dist/provider/runtime.js", "dist/provider/runtime.d.ts", "dist/sandbox/index.js", "dist/sandbox/index.d.ts", "dist/sandbox/cli.js"]) {
      assert.ok(paths.includes(p), `${p} is not in the tarball`);
    }
    const other = paths.filter((p) => !/^(package\.json|README\.md|LICENSE|dist\/.+\.(js|d\.ts|js\.map))$/.test(p));
    assert.deepEqual(other, [], "files other than dist, README.md and LICENSE in the tarball");
  });

  it("LICENSE is the Apache License 2.0 that package.json names", function () {
    assert.equal(rootPkg.license, "Apache-2.0");
    const text = fs.readFileSync(path.join(project, "node_modules", "pulumi-interconnect", "LICENSE"), "utf8");
    assert.match(text, /Apache License\s+Version 2\.0, January 2004/);
    assert.match(text, /END OF TERMS AND CONDITIONS/);
  });

  it("the project has one @pulumi/pulumi (a peer dependency), and no @types/express", function () {
    assert.ok(!fs.existsSync(path.join(project, "node_modules", "pulumi-interconnect", "node_modules", "@pulumi")), "a second @pulumi/pulumi is nested under pulumi-interconnect");
    assert.ok(!fs.existsSync(path.join(project, "node_modules", "@types", "express")), "@types/express is installed, so the check of the sandbox's declarations below would prove nothing");
    const r = run(process.execPath, ["-e", `const path = require("path");
      const fromProject = require.resolve("@pulumi/pulumi");
      const fromPackage = require.resolve("@pulumi/pulumi", { paths: [path.dirname(require.resolve("pulumi-interconnect"))] });
      console.log(JSON.stringify({ fromProject, fromPackage, version: require("@pulumi/pulumi/package.json").version }));`], project);
    assert.equal(r.status, 0, r.stderr);
    const { fromProject, fromPackage, version } = JSON.parse(r.stdout);
    assert.equal(fromPackage, fromProject);
    assert.equal(version, pulumiVersion);
  });

  it("the subpath entries type-check under the template (moduleResolution node): sandbox, provider/runtime", function () {
    for (const file of Object.keys(SUBPATH_USES)) {
      const errors = diagnosticsOf(file);
      assert.equal(errors.length, 0, `${file} does not type-check:\n${errors.join("\n")}`);
    }
  });

  it("the package's own declarations type-check there (no @types/express needed, no skipLibCheck)", function () {
    const { status, out } = typeCheck();
    const headers = out.split("\n").filter((l) => /^\S.*\(\d+,\d+\): error /.test(l));
    const own = [...snippets.map((s) => s.file), ...Object.keys(SUBPATH_USES)];
    const foreign = headers.filter((l) => !own.some((f) => l.startsWith(`${f}(`)));
    assert.equal(foreign.length, 0, `errors outside the project's files:\n${foreign.join("\n")}`);
    assert.ok(status === 0 || headers.length > 0, `tsc failed without a diagnostic:\n${out}`);
  });

  it("loads as a user's stack and its serialized providers do: the package, provider/runtime for every kind, the sandbox", function () {
    const r = run(process.execPath, ["-e", `
      const ic = require("pulumi-interconnect");
      const runtime = require("pulumi-interconnect/provider/runtime");
      if (!ic.fabric || !ic.alibaba || !ic.ixapi || !ic.components) throw new Error("missing namespaces: " + Object.keys(ic));
      for (const kind of runtime.knownKinds()) {
        // what a serialized provider's configure() does in the plugin process
        const target = { kind };
        runtime.attach(target, { config: new Map() }).catch(() => undefined);
        for (const m of ["check", "diff", "create", "read", "update", "delete"]) if (typeof target[m] !== "function") throw new Error(kind + " has no " + m);
      }
      require("pulumi-interconnect/sandbox").startSandbox({ port: 0, timeScale: 0 }).then(async (sb) => {
        const res = await fetch(sb.url + "/_sandbox/info");
        await sb.stop();
        console.log(JSON.stringify({ kinds: runtime.knownKinds().length, info: res.status }));
      });`], project);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
    assert.ok(out.kinds >= 9, `runtime.knownKinds has ${out.kinds} kinds`);
    assert.equal(out.info, 200);
  });

  it("runs under the real Pulumi engine from the tarball: a connection goes up against the sandbox and is destroyed", function () {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const cli = require(path.join(ROOT, "scripts", "pulumi-cli.js")).findPulumiCli({ build: false, log: () => undefined });
    assert.ok(cli, "no Pulumi CLI: npm test gets one first (scripts/pulumi-cli.js)");
    // Everything from the project's own node_modules: the SDK's Automation API (inline program), the
    // package's sandbox and resources; the engine starts the plugin in the project, which requires
    // pulumi-interconnect/provider/runtime from the installed tarball.
    const script = `
      const path = require("path");
      const { LocalWorkspace, PulumiCommand } = require("@pulumi/pulumi/automation");
      const { startSandbox, sandboxEnv } = require("pulumi-interconnect/sandbox");
      (async () => {
        const sb = await startSandbox({ port: 0, timeScale: 0.02 });
        const state = path.join(process.cwd(), ".state");
        require("fs").mkdirSync(state, { recursive: true });
        Object.assign(process.env, sandboxEnv(sb), { INTERCONNECT_POLL_INTERVAL_MS: "50" });
        const envVars = { ...sandboxEnv(sb), INTERCONNECT_POLL_INTERVAL_MS: "50", PULUMI_CONFIG_PASSPHRASE: "p", PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_HOME: path.join(state, "home"), PATH: [process.env.CLI_BIN, path.dirname(process.execPath), process.env.PATH].join(path.delimiter) };
        const program = async () => {
          const ic = require("pulumi-interconnect");
          const c = new ic.fabric.Connection("p2p", { name: "tarball-p2p", bandwidth: 50, notifications: ["noc@example.com"],
            aSide: { port: { uuid: "6df2092a-9480-50d1-90aa-8cb0694abac9", type: "DOT1Q", vlanTag: 900 } },
            zSide: { port: { uuid: "1bf7aa17-caea-5de6-8b25-99b8f7e3872e", type: "QINQ", vlanSTag: 900, vlanCTag: 901 } } });
          return { status: c.equinixStatus };
        };
        const stack = await LocalWorkspace.createOrSelectStack({ stackName: "tarball", projectName: "tarball-test", program }, {
          workDir: process.cwd(), envVars, secretsProvider: "passphrase",
          pulumiCommand: await PulumiCommand.get({ root: process.env.CLI_ROOT, skipVersionCheck: true }),
          projectSettings: { name: "tarball-test", runtime: "nodejs", backend: { url: "file://" + state } } });
        const up = await stack.up();
        const destroy = await stack.destroy();
        const left = sb.admin.inventory().equinix.connections.length;
        await sb.stop();
        console.log(JSON.stringify({ up: up.summary.result, status: up.outputs.status.value, destroy: destroy.summary.result, left }));
      })().catch((e) => { console.error(e); process.exit(1); });`;
    const r = spawnSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8", env: { ...process.env, CLI_BIN: cli.binDir, CLI_ROOT: cli.root }, timeout: 5 * 60_000 });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.deepEqual(JSON.parse(r.stdout.trim().split("\n").pop()!), { up: "succeeded", status: "PROVISIONED", destroy: "succeeded", left: 0 });
  });

  it("README.md has ts snippets to check", function () {
    assert.ok(snippets.length >= 10, `found ${snippets.length}`);
  });

  for (const s of snippets) {
    it(`README.md:${s.line}: the ts snippet type-checks as written, on its own`, function () {
      // A file without import/export would be a script sharing one global scope with the others.
      assert.match(s.code, /^(import|export)\s/m, `README.md:${s.line}: the snippet must import what it uses (it is not a module)`);
      const errors = diagnosticsOf(s.file);
      assert.equal(errors.length, 0, `README.md:${s.line}: the snippet does not type-check:\n${errors.join("\n")}`);
    });
  }
});
