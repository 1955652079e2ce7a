import assert from "node:assert/strict";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { collect, e2eStack, leftovers, pulumiCli, startSandboxProcess, stackConfigFile, stateResources, type Cli, type E2eStack, type SandboxProcess } from "./support";

/**
 * The sandbox as a tool (issue 14): a stack rehearsed against `pulumi-interconnect-sandbox --state FILE`
 * survives a restart of the sandbox. The example fabric-alibaba-redundant (Fabric connections, the hosted
 * connections they make appear at Alibaba, VBRs) goes up through the real engine; the sandbox process is
 * stopped and started again from its state file on the same port, so the stack's environment is
 * unchanged; refresh and preview then report no change, and destroy empties the restarted sandbox.
 */
const EXAMPLE = "fabric-alibaba-redundant";
const EXAMPLE_DIR = path.join(__dirname, "..", "..", "examples", EXAMPLE);

describe("e2e: a live stack refreshes clean after the sandbox restarts from its state file", function () {
  this.timeout(600_000);
  let cli: Cli;
  let sb: SandboxProcess;
  let e: E2eStack;
  let dir: string;
  let file: string;
  const out = collect();
  const ctx = () => `\n--- pulumi output ---\n${out.text().slice(-6000)}`;

  before(async () => {
    cli = pulumiCli();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "e2e-sandbox-state-"));
    file = path.join(dir, "world.json");
    sb = await startSandboxProcess(["--time-scale", "0.02", "--state", file]);
    const ns = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [`${EXAMPLE}:${k}`, v]));
    e = await e2eStack(cli, {
      project: EXAMPLE,
      programFile: path.join(EXAMPLE_DIR, "index.ts"),
      config: stackConfigFile(path.join(EXAMPLE_DIR, "Pulumi.sandbox.yaml")),
      secretConfig: ns({ alibabaAccountId: sb.info.alibaba.accountId }),
      env: sb.env,
    });
  });
  after(async () => {
    await e?.close();
    await sb?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("up; the sandbox restarts from its state file with the same credentials and objects; refresh and preview report no change", async () => {
    const up = await e.stack.up({ onOutput: out.onOutput });
    assert.equal(up.summary.result, "succeeded", ctx());
    const resources = await stateResources(e.stack);
    assert.equal(resources.length, 6, ctx());
    const ids = (inv: Record<string, Record<string, any[]>>) => Object.values(inv).flatMap((kinds) => Object.values(kinds).flatMap((xs) => xs.map((x) => x.uuid ?? x.id ?? x.PhysicalConnectionId ?? x.VbrId))).sort();
    const before = { env: sb.env, ids: ids(await sb.inventory()), url: sb.url };
    assert.equal(before.ids.length, 6, "two Fabric connections, two hosted connections, two VBRs");

    await sb.stop();
    assert.ok(fs.existsSync(file), "the state file is there after the stop");
    sb = await startSandboxProcess(["--time-scale", "0.02", "--state", file, "--port", new URL(before.url).port]);
    assert.equal(sb.url, before.url);
    assert.deepEqual(sb.env, before.env, "the same endpoints and credentials: the stack's environment still fits");
    assert.deepEqual(ids(await sb.inventory()), before.ids, "the same objects");

    const refresh = await e.stack.refresh({ onOutput: out.onOutput });
    assert.deepEqual(Object.keys(refresh.summary.resourceChanges ?? {}), ["same"], `refresh after the restart: ${JSON.stringify(refresh.summary.resourceChanges)}${ctx()}`);
    const preview = await e.stack.preview({ onOutput: out.onOutput });
    assert.deepEqual(Object.keys(preview.changeSummary), ["same"], `preview after the restart: ${JSON.stringify(preview.changeSummary)}${ctx()}`);
  });

  it("destroy through the restarted sandbox leaves nothing in it", async () => {
    const d = await e.stack.destroy({ onOutput: out.onOutput });
    assert.equal(d.summary.result, "succeeded", ctx());
    assert.deepEqual(await stateResources(e.stack), []);
    assert.deepEqual(leftovers(await sb.inventory()), [], ctx());
  });
});
