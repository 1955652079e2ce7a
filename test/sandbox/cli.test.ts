import assert from "node:assert/strict";
import { spawn } from "child_process";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { sandboxSettings, startSandbox, type Sandbox } from "../../sandbox";
import { raw, selfBody, Eqx } from "./helpers";

const CLI = path.join(__dirname, "..", "..", "sandbox", "cli.ts");

interface Run {
  out: string;
  err: string;
  code: number | null;
}

/** Runs the CLI (from source, through ts-node) to its end. */
function runCli(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => resolve({ out, err, code }));
  });
}

/** Starts the CLI and waits for its `sandbox listening on` line; `stop()` sends SIGTERM and waits for the exit. */
async function startCli(args: string[]): Promise<{ out: string; info: any; stop: () => Promise<Run> }> {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const exited = new Promise<Run>((resolve) => child.on("exit", (code) => resolve({ out, err, code })));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the CLI did not start in 30 s:\n${out}\n${err}`)), 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      if (/sandbox listening on /.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the CLI exited (${code}):\n${out}\n${err}`));
    });
  });
  // As test/e2e/support.ts reads it: from the first "{" to the first line "}".
  const info = JSON.parse(out.slice(out.indexOf("{"), out.indexOf("\n}\n") + 2));
  return {
    out,
    info,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}

describe("sandbox as a tool: GET /_sandbox, --help, the start banner, --state through the CLI, a taken port", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let dir: string;
  before(async () => {
    sb = await startSandbox({ port: 0 });
    dir = mkdtempSync(path.join(tmpdir(), "sandbox-cli-"));
  });
  after(async () => {
    await sb?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("GET /_sandbox lists every admin route with its method, path and what it does; each listed read answers", async () => {
    const r = await raw(sb.url, "GET", "/_sandbox");
    assert.equal(r.status, 200);
    const routes = r.body.routes as { method: string; path: string; does: string }[];
    assert.deepEqual(routes, sb.adminRoutes);
    for (const x of routes) {
      assert.match(x.method, /^(GET|POST|PATCH|DELETE)$/);
      assert.match(x.path, /^\/_sandbox\//);
      assert.ok(x.does.length > 10, `${x.method} ${x.path} says what it does`);
    }
    const has = (method: string, p: string) => assert.ok(routes.some((x) => x.method === method && x.path === p), `${method} ${p} is listed`);
    has("POST", "/_sandbox/clock/advance");
    has("GET", "/_sandbox/inventory");
    has("POST", "/_sandbox/equinix/connections/:uuid/accept");
    has("POST", "/_sandbox/alibaba/hosted");
    has("POST", "/_sandbox/ixapi/failNext");
    for (const x of routes.filter((y) => y.method === "GET" && !y.path.includes(":"))) {
      assert.equal((await raw(sb.url, "GET", x.path)).status, 200, `GET ${x.path}`);
    }
    const unknown = await raw(sb.url, "GET", "/_sandbox/nothing/here");
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error, /GET \/_sandbox lists them/);
  });

  it("--help prints the usage, every option and every admin route, and starts nothing", async () => {
    const r = await runCli(["--help"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^usage: pulumi-interconnect-sandbox /);
    for (const flag of ["--port", "--host", "--state", "--time-scale", "--token-ttl", "--rate-limit", "--latency", "--help"]) assert.ok(r.out.includes(flag), `${flag} is in --help`);
    for (const x of sb.adminRoutes) assert.ok(r.out.includes(`${x.method.padEnd(6)} ${x.path}\n           ${x.does}`), `${x.method} ${x.path} is in --help`);
    assert.doesNotMatch(r.out, /sandbox listening/);
    const bad = await runCli(["--bogus"]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /unknown option --bogus \(see --help\)/);
  });

  it("a taken port fails with a message suggesting --port 0 (startSandbox and the CLI)", async () => {
    const port = Number(new URL(sb.url).port);
    await assert.rejects(startSandbox({ port }), /port \d+ on 127\.0\.0\.1 is already in use .*--port 0 to take a free one/);
    const r = await runCli(["--port", String(port)]);
    assert.equal(r.code, 1);
    assert.match(r.err, new RegExp(`pulumi-interconnect-sandbox: port ${port} on 127\\.0\\.0\\.1 is already in use .*--port 0`));
  });

  it("the CLI prints the JSON, export and pulumi config set lines, ports, profiles and accounts; with --state a restart keeps credentials and objects", async () => {
    const file = path.join(dir, "cli-world.json");
    const first = await startCli(["--port", "0", "--time-scale", "0", "--state", file]);
    const { info, out } = first;
    assert.equal(info.state, file);
    // The export lines and the pulumi config set lines, from each API's settings.
    const settings = sandboxSettings(info);
    assert.ok(settings.length >= 11);
    for (const s of settings) {
      if (s.env) assert.ok(out.includes(`\nexport ${s.env}=${s.value}\n`), `export ${s.env}`);
      if (s.config) assert.ok(out.includes(`\npulumi config set${s.secret ? " --secret" : ""} ${s.config} ${s.value}\n`), `pulumi config set ${s.config}`);
    }
    for (const p of info.equinix.ports) assert.ok(out.includes(`${p.uuid}  ${p.name}`), `port ${p.name}`);
    for (const p of info.equinix.profiles) assert.ok(out.includes(`${p.uuid}  ${p.name}`), `profile ${p.name}`);
    assert.ok(out.includes(`Alibaba account ${info.alibaba.accountId} in us-west-1`));
    assert.ok(out.includes("IX-API account A0087264"));
    assert.match(out, /The world is kept in .*cli-world\.json/);
    assert.match(out, /\nsandbox listening on http:\/\/127\.0\.0\.1:\d+ \(Ctrl-C to stop\)\n$/);

    // A connection made through the API, then a restart on the same file with --port 0.
    const eqx = new Eqx({ url: info.url, equinix: info.equinix } as unknown as Sandbox);
    await eqx.login();
    const c = (await eqx.create(selfBody())).body;
    assert.match(c.uuid, /^[0-9a-f-]{36}$/);
    const stopped = await first.stop();
    assert.equal(stopped.code, 0, stopped.err);
    assert.match(stopped.out, /SIGTERM: stopping \(the world is kept in /);

    const second = await startCli(["--port", "0", "--time-scale", "0", "--state", file]);
    try {
      for (const api of ["equinix", "alibaba", "ixapi"]) {
        const strip = (x: any) => Object.fromEntries(Object.entries(x).filter(([k]) => !["endpoint", "apiUrl", "tokenUrl"].includes(k)));
        assert.deepEqual(strip(second.info[api]), strip(info[api]), `${api}: the same credentials and accounts`);
      }
      const inv = (await raw(second.info.url, "GET", "/_sandbox/inventory")).body;
      assert.ok(inv.equinix.connections.some((x: any) => x.uuid === c.uuid && x.operation.equinixStatus === "PROVISIONED"), "the connection is still there");
      const eqx2 = new Eqx({ url: second.info.url, equinix: second.info.equinix } as unknown as Sandbox);
      eqx2.token = eqx.token;
      assert.equal((await eqx2.get(c.uuid)).status, 200, "with the token issued before the restart");
    } finally {
      await second.stop();
    }
  });
});
