import assert from "node:assert/strict";
import * as path from "path";
import { collect, e2eStack, kindOf, leftovers, pulumiCli, startSandboxProcess, stateResources, type Cli, type E2eStack, type SandboxProcess } from "./support";

/**
 * Resource options and partial failures through the real Pulumi engine, on one Fabric port-to-port
 * connection (test/fixtures/e2e-options): protect, aliases, ignoreChanges, a delete-before-replace,
 * retainOnDelete; then customTimeouts mapped onto the resource's timeouts, a create whose wait times out
 * recorded by the engine as a partial failure, and the next `up` resuming it without a second object.
 */
const PROGRAM = path.join(__dirname, "..", "fixtures", "e2e-options", "index.ts");
const SV_DOT1Q_PRIMARY = "6df2092a-9480-50d1-90aa-8cb0694abac9";
const SV_QINQ_PRIMARY = "1bf7aa17-caea-5de6-8b25-99b8f7e3872e";

const liveConnections = async (sb: SandboxProcess) => ((await sb.inventory()).equinix.connections ?? []) as any[];

async function setFlags(e: E2eStack, flags: Record<string, string | undefined>): Promise<void> {
  for (const [k, v] of Object.entries(flags)) {
    if (v === undefined) await e.stack.removeConfig(`e2e-options:${k}`);
    else await e.stack.setConfig(`e2e-options:${k}`, { value: v });
  }
}

describe("e2e: resource options through the real Pulumi engine", function () {
  this.timeout(600_000);
  let cli: Cli;
  let sb: SandboxProcess;
  let e: E2eStack;
  const out = collect();
  const ctx = () => `\n--- pulumi output ---\n${out.text().slice(-5000)}`;
  before(async () => {
    cli = pulumiCli();
    sb = await startSandboxProcess();
    e = await e2eStack(cli, {
      project: "e2e-options",
      programFile: PROGRAM,
      config: { "e2e-options:aPort": SV_DOT1Q_PRIMARY, "e2e-options:zPort": SV_QINQ_PRIMARY, "e2e-options:protect": "true" },
      env: sb.env,
    });
  });
  after(async () => {
    await e?.close();
    await sb?.stop();
  });

  it("protect: destroy refuses a protected connection and leaves it in place", async () => {
    const up = await e.stack.up({ onOutput: out.onOutput });
    assert.equal(up.summary.result, "succeeded", ctx());
    await assert.rejects(e.stack.destroy({ onOutput: out.onOutput }), /protected/);
    assert.equal((await liveConnections(sb)).length, 1);
    assert.equal((await stateResources(e.stack)).length, 1);
  });

  it("aliases: renaming the resource with an alias of its old name changes nothing at Equinix", async () => {
    const before = (await liveConnections(sb))[0].uuid;
    await setFlags(e, { protect: "false", renamed: "true" });
    const preview = await e.stack.preview({ onOutput: out.onOutput });
    assert.equal(preview.changeSummary.create ?? 0, 0, JSON.stringify(preview.changeSummary) + ctx());
    assert.equal(preview.changeSummary.replace ?? 0, 0, JSON.stringify(preview.changeSummary));
    const up = await e.stack.up({ onOutput: out.onOutput });
    assert.equal(up.summary.result, "succeeded", ctx());
    const [r] = await stateResources(e.stack);
    assert.match(r.urn, /::p2p-renamed$/);
    assert.equal(r.id, before);
  });

  it("ignoreChanges: a bandwidth change the program ignores is not applied", async () => {
    await setFlags(e, { ignoreBandwidth: "true", bandwidth: "200" });
    const preview = await e.stack.preview({ onOutput: out.onOutput });
    assert.deepEqual(Object.keys(preview.changeSummary), ["same"], JSON.stringify(preview.changeSummary) + ctx());
    await e.stack.up({ onOutput: out.onOutput });
    assert.equal((await liveConnections(sb))[0].bandwidth, 50);
    await setFlags(e, { ignoreBandwidth: undefined, bandwidth: undefined });
  });

  it("a Z-side VLAN change replaces the connection, deleting the old one first (same A-side port and VLAN)", async () => {
    const oldUuid = (await liveConnections(sb))[0].uuid;
    await setFlags(e, { zVlan: "763" });
    const preview = await e.stack.preview({ onOutput: out.onOutput, diff: true });
    assert.equal(preview.changeSummary.replace, 1, JSON.stringify(preview.changeSummary) + ctx());
    assert.match(preview.stdout, /vlanSTag: 762 => 763/, "the plan shows the property that forces it");
    const ops: string[] = [];
    const up = await e.stack.up({
      onOutput: out.onOutput,
      onEvent: (ev) => {
        const op = ev.resourcePreEvent?.metadata.op;
        if (op && ev.resourcePreEvent!.metadata.type.startsWith("pulumi-nodejs:dynamic/")) ops.push(op);
      },
    });
    // The engine deletes the old connection before it creates the new one (the provider asked for it:
    // Equinix refuses a second connection on the same A-side port and VLAN).
    assert.deepEqual(ops.filter((op) => op !== "replace"), ["delete-replaced", "create-replacement"]);
    assert.equal(up.summary.result, "succeeded", ctx());
    const live = await liveConnections(sb);
    assert.equal(live.length, 1, JSON.stringify(live.map((c) => c.uuid)));
    assert.notEqual(live[0].uuid, oldUuid);
    assert.equal(live[0].zSide.accessPoint.linkProtocol.vlanSTag, 763);
  });

  it("retainOnDelete: destroy forgets the connection and leaves it at Equinix", async () => {
    await setFlags(e, { retain: "true" });
    await e.stack.up({ onOutput: out.onOutput });
    const kept = (await liveConnections(sb))[0].uuid;
    const d = await e.stack.destroy({ onOutput: out.onOutput });
    assert.equal(d.summary.result, "succeeded", ctx());
    assert.deepEqual(await stateResources(e.stack), []);
    assert.deepEqual((await liveConnections(sb)).map((c) => c.uuid), [kept]);
    await sb.admin("POST", `/equinix/connections/${kept}/delete`);
    assert.deepEqual(leftovers(await sb.inventory()), []);
  });
});

describe("e2e: customTimeouts and a partial failure through the real Pulumi engine", function () {
  this.timeout(600_000);
  let sb: SandboxProcess;
  let e: E2eStack;
  const out = collect();
  const ctx = () => `\n--- pulumi output ---\n${out.text().slice(-5000)}`;
  before(async () => {
    // Provisioning takes about 5 s here (the default delays times 25), longer than the 1 s create timeout.
    sb = await startSandboxProcess(["--time-scale", "25"]);
    e = await e2eStack(pulumiCli(), {
      project: "e2e-options",
      programFile: PROGRAM,
      config: { "e2e-options:aPort": SV_DOT1Q_PRIMARY, "e2e-options:zPort": SV_QINQ_PRIMARY, "e2e-options:createTimeout": "1s" },
      env: { ...sb.env, INTERCONNECT_POLL_INTERVAL_MS: "200" },
    });
  });
  after(async () => {
    await e?.close();
    await sb?.stop();
  });

  it("a create whose wait outlives customTimeouts.create is recorded with its id, and the next up resumes it", async () => {
    const started = Date.now();
    await assert.rejects(e.stack.up({ onOutput: out.onOutput }), (err: Error) => {
      assert.match(String(err.message), /not done after 1s/);
      return true;
    });
    assert.ok(Date.now() - started < 60_000, "customTimeouts.create (1s) bounded the wait, not the 30m default");
    const [recorded] = await stateResources(e.stack);
    assert.ok(recorded, "the engine recorded the connection");
    assert.equal(kindOf(recorded), "fabric:Connection");
    assert.ok(recorded.initErrors?.length, "with init errors");
    const live = await liveConnections(sb);
    assert.deepEqual(live.map((c) => c.uuid), [recorded.id], "exactly the recorded object exists at Equinix");

    const resumed = await e.stack.up({ onOutput: out.onOutput });
    assert.equal(resumed.summary.result, "succeeded", ctx());
    assert.equal(resumed.summary.resourceChanges?.create ?? 0, 0, "no second create");
    assert.equal(resumed.outputs.status.value, "PROVISIONED/AVAILABLE");
    assert.deepEqual((await liveConnections(sb)).map((c) => c.uuid), [recorded.id]);

    const d = await e.stack.destroy({ onOutput: out.onOutput });
    assert.equal(d.summary.result, "succeeded", ctx());
    assert.deepEqual(leftovers(await sb.inventory()), []);
  });
});
