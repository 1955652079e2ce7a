// Tests of the engine harness itself: the SDK's real dynamic-provider plugin, driven over gRPC, with a
// self-contained test provider (test/fixtures/harness-project/thingProvider.ts) whose remote objects
// are JSON files in a temp directory.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PluginHost, InitFailure } from "./plugin";
import { Engine, CheckFailed, DesiredResource, makeUrn } from "./engine";
import { serializeProvider } from "./serialize";
import { runProgram, RunProgramOptions } from "./program";
import { isSecret, secret, Props } from "./wire";
import { thingProvider } from "../fixtures/harness-project/thingProvider";

const projectDir = path.join(__dirname, "..", "fixtures", "harness-project");
const TYPE = "pulumi-nodejs:dynamic/harness:Thing";

function remoteObjects(dir: string): Props[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith("thing-") && f.endsWith(".json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
}
function log(dir: string): Array<{ op: string; id?: string; name?: string; password?: unknown }> {
  return fs
    .readFileSync(path.join(dir, "log.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l)
    .map((l) => JSON.parse(l));
}

describe("engine harness: lifecycle over the real plugin", function () {
  this.timeout(20000);
  let remote: string;
  let host: PluginHost;
  let engine: Engine;
  let providerText: string;

  const desired = (name: string, inputs: Props, extra: Partial<DesiredResource> = {}): DesiredResource => ({
    urn: makeUrn(TYPE, name),
    type: TYPE,
    name,
    inputs: { __provider: providerText, name, ...inputs },
    ...extra,
  });

  before(async () => {
    remote = fs.mkdtempSync(path.join(os.tmpdir(), "harness-remote-"));
    const sp = await serializeProvider(thingProvider);
    assert.equal(sp.containsSecrets, false);
    providerText = sp.text;
    host = await PluginHost.start({ projectDir, env: { HARNESS_REMOTE_DIR: remote } });
    const resp = await host.configure({ "harness-project:label": "from-config" });
    assert.deepEqual(resp, { acceptSecrets: false, acceptResources: false });
    engine = new Engine(host, { stateFile: path.join(remote, "state.json") });
  });
  after(async () => {
    if (host) await host.stop();
    fs.rmSync(remote, { recursive: true, force: true });
  });

  it("check failures throw CheckFailed and create nothing", async () => {
    const before = host.calls.length;
    await assert.rejects(engine.register(desired("bad", { name: "", size: -1 })), (e: unknown) => {
      assert.ok(e instanceof CheckFailed);
      assert.deepEqual(e.failures.map((f) => f.property).sort(), ["name", "size"]);
      return true;
    });
    assert.deepEqual(host.calls.slice(before).map((c) => c.method), ["check"]);
    assert.equal(engine.get(makeUrn(TYPE, "bad")), undefined);
  });

  it("creates, keeps secrets out of the wire and marks the output secret", async () => {
    const r = await engine.register(desired("a", { size: 1, password: secret("pw") }));
    assert.match(r.id, /^thing-a-/);
    assert.deepEqual(r.secretKeys, ["password"]);
    assert.equal(r.outputs.label, "from-config", "configure() received the stack config");
    const outs = engine.wrappedOutputs(r);
    assert.ok(isSecret(outs.password));
    assert.ok(!isSecret(outs.size));
    const created = log(remote).find((l) => l.op === "create" && l.id === r.id)!;
    assert.equal(created.password, "pw", "the provider received the plain value, not the wrapper");
    assert.equal(engine.steps.at(-1)!.op, "create");
    // The plugin's stderr and its gRPC reply travel separately: the line may arrive just after the reply.
    for (let i = 0; i < 100 && !host.diagnostics().includes("creating a: ready"); i++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(host.diagnostics().includes("creating a: ready"), true);
    const saved = JSON.parse(fs.readFileSync(path.join(remote, "state.json"), "utf8"));
    assert.equal(saved.resources[0].id, r.id);
  });

  it("no change -> same; a change -> diff -> update in place", async () => {
    const urn = makeUrn(TYPE, "a");
    const id = engine.get(urn)!.id;
    await engine.register(desired("a", { size: 1, password: secret("pw") }));
    assert.equal(engine.steps.at(-1)!.op, "same");
    await engine.register(desired("a", { size: 2, password: secret("pw") }));
    const step = engine.steps.at(-1)!;
    assert.equal(step.op, "update");
    assert.deepEqual(step.diffs, ["size"]);
    assert.equal(engine.get(urn)!.id, id);
    assert.equal(engine.get(urn)!.outputs.size, 2);
    assert.ok(isSecret(engine.wrappedOutputs(engine.get(urn)!).password));
  });

  it("replaces create-before-delete by default", async () => {
    const urn = makeUrn(TYPE, "a");
    const oldId = engine.get(urn)!.id;
    const before = host.calls.length;
    const r = await engine.register(desired("a", { size: 2, region: "us", password: secret("pw") }));
    assert.notEqual(r.id, oldId);
    const calls = host.calls.slice(before).map((c) => `${c.method}:${c.id ?? ""}`);
    assert.deepEqual(calls, ["check:", `diff:${oldId}`, `create:${r.id}`, `delete:${oldId}`]);
    const steps = engine.steps.slice(-2);
    assert.deepEqual(
      steps.map((s) => [s.op, s.id, s.replaced ?? false]),
      [
        ["replace", r.id, false],
        ["delete", oldId, true],
      ],
    );
    assert.deepEqual(steps[0].replaces, ["region"]);
    assert.equal(steps[0].deleteBeforeReplace, false);
    assert.equal(engine.state.resources.filter((x) => x.urn === urn).length, 1);
  });

  it("replaces delete-before-replace when diff or the resource asks", async () => {
    const urn = makeUrn(TYPE, "a");
    for (const [inputs, extra] of [
      [{ size: 2, region: "eu", dbr: true }, {}],
      [{ size: 2, region: "ap" }, { deleteBeforeReplace: true }],
    ] as Array<[Props, Partial<DesiredResource>]>) {
      const oldId = engine.get(urn)!.id;
      const before = host.calls.length;
      const r = await engine.register(desired("a", { ...inputs, password: secret("pw") }, extra));
      const calls = host.calls.slice(before).map((c) => `${c.method}:${c.id ?? ""}`);
      assert.deepEqual(calls, ["check:", `diff:${oldId}`, `delete:${oldId}`, `create:${r.id}`]);
      assert.equal(engine.steps.at(-1)!.deleteBeforeReplace, true);
    }
  });

  it("an init failure keeps the id and properties; the next register sends Update", async () => {
    const urn = makeUrn(TYPE, "flaky");
    let id = "";
    await assert.rejects(engine.register(desired("flaky", { failInit: true })), (e: unknown) => {
      assert.ok(e instanceof InitFailure);
      assert.match(e.id, /^thing-flaky-/);
      assert.deepEqual(e.reasons, ["status failed"]);
      assert.equal(typeof e.properties.__provider, "string");
      id = e.id;
      return true;
    });
    const failed = engine.get(urn)!;
    assert.equal(failed.id, id);
    assert.deepEqual(failed.initErrors, ["status failed"]);
    assert.equal(failed.outputs.status, "failed");
    const before = host.calls.length;
    const r = await engine.register(desired("flaky", { failInit: false }));
    assert.deepEqual(host.calls.slice(before).map((c) => `${c.method}:${c.id ?? ""}`), ["check:", `update:${id}`]);
    assert.equal(r.id, id);
    assert.equal(r.initErrors, undefined);
    assert.equal(r.outputs.status, "ready");
  });

  it("refresh reports changes made outside Pulumi and drops objects that are gone", async () => {
    const a = engine.get(makeUrn(TYPE, "a"))!;
    const flaky = engine.get(makeUrn(TYPE, "flaky"))!;
    const fileA = path.join(remote, `${a.id}.json`);
    fs.writeFileSync(fileA, JSON.stringify({ ...JSON.parse(fs.readFileSync(fileA, "utf8")), size: 7 }));
    fs.rmSync(path.join(remote, `${flaky.id}.json`));
    const report = await engine.refresh();
    assert.deepEqual(
      report.map((r) => [r.id, r.dropped, r.changedOutputs]),
      [
        [a.id, false, ["size"]],
        [flaky.id, true, []],
      ],
    );
    assert.equal(engine.get(makeUrn(TYPE, "flaky")), undefined);
    assert.equal(engine.steps.at(-1)!.op, "refresh-drop");
    assert.equal(engine.get(makeUrn(TYPE, "a"))!.outputs.size, 7);
    assert.ok(isSecret(engine.wrappedOutputs(engine.get(makeUrn(TYPE, "a"))!).password), "still secret after refresh");
  });

  it("destroy deletes dependents first, in reverse order", async () => {
    const a = engine.get(makeUrn(TYPE, "a"))!;
    const b = await engine.register(desired("b", { parentId: a.id }, { dependencies: [a.urn] }));
    const c = await engine.register(desired("c", {}));
    await engine.destroy();
    const deletes = engine.steps.filter((s) => s.op === "delete").slice(-3);
    assert.deepEqual(
      deletes.map((s) => s.id),
      [c.id, b.id, a.id],
    );
    assert.deepEqual(engine.state.resources, []);
    assert.deepEqual(remoteObjects(remote), []);
  });

  it("deleteUnregistered removes resources that left the program", async () => {
    const x = await engine.register(desired("x", {}));
    const y = await engine.register(desired("y", {}));
    await engine.deleteUnregistered([y.urn]);
    assert.deepEqual(engine.state.resources.map((r) => r.id), [y.id]);
    assert.deepEqual(remoteObjects(remote).map((o) => o.remoteId), [y.id]);
    assert.equal(engine.steps.at(-1)!.id, x.id);
    await engine.destroy();
  });

  it("delete-before-replace first deletes, dependents first, the dependents it would replace; the program creates them again", async () => {
    // p <- c (parentId, replaces) <- g (parentId, replaces; no propertyDependencies: found by the id it holds)
    // p <- u (peerId: updates in place); p <- s (dependsOn only); q: unrelated.
    const p = await engine.register(desired("p", {}));
    const c = await engine.register(desired("c", { parentId: p.id }, { dependencies: [p.urn], propertyDependencies: { parentId: [p.urn], name: [] } }));
    const g = await engine.register(desired("g", { parentId: c.id }, { dependencies: [c.urn] }));
    const u = await engine.register(desired("u", { peerId: p.id }, { dependencies: [p.urn], propertyDependencies: { peerId: [p.urn] } }));
    const s = await engine.register(desired("s", {}, { dependencies: [p.urn], propertyDependencies: {} }));
    const q = await engine.register(desired("q", {}));
    const logBefore = log(remote).length;
    const callsBefore = host.calls.length;
    const stepsBefore = engine.steps.length;

    const p2 = await engine.register(desired("p", { region: "us", dbr: true }));
    const calls = host.calls.slice(callsBefore).map((x) => `${x.method}:${x.id ?? ""}`);
    assert.deepEqual(calls, [
      "check:",
      `diff:${p.id}`,
      `diff:${c.id}`,
      `diff:${g.id}`,
      `diff:${u.id}`,
      `delete:${g.id}`,
      `delete:${c.id}`,
      `delete:${p.id}`,
      `create:${p2.id}`,
    ]);
    // The dependents' diffs received exactly the inputs that come from a condemned resource as unknown.
    const diffs = log(remote)
      .slice(logBefore)
      .filter((l) => l.op === "diff") as unknown as Array<{ id: string; unknown: string[] }>;
    assert.deepEqual(
      diffs.map((l) => [l.id, l.unknown]),
      [
        [p.id, []],
        [c.id, ["parentId"]],
        [g.id, ["parentId"]],
        [u.id, ["peerId"]],
      ],
    );
    assert.deepEqual(
      engine.steps.slice(stepsBefore).map((x) => [x.op, x.id, x.replaced ?? false, x.dependentOf ?? ""]),
      [
        ["delete", g.id, true, p.urn],
        ["delete", c.id, true, p.urn],
        ["delete", p.id, true, ""],
        ["replace", p2.id, false, ""],
      ],
    );
    assert.equal(engine.get(c.urn), undefined);
    assert.equal(engine.get(g.urn), undefined);
    assert.deepEqual(
      remoteObjects(remote).map((o) => o.remoteId).sort(),
      [p2.id, u.id, s.id, q.id].sort(),
      "u (update only), s (dependsOn only) and q (unrelated) were not deleted",
    );

    // The program registers the dependents again: c and g are created (Check with olds {}), u updated, s same.
    const c2 = await engine.register(desired("c", { parentId: p2.id }, { dependencies: [p.urn], propertyDependencies: { parentId: [p.urn] } }));
    const g2 = await engine.register(desired("g", { parentId: c2.id }, { dependencies: [c.urn] }));
    await engine.register(desired("u", { peerId: p2.id }, { dependencies: [p.urn], propertyDependencies: { peerId: [p.urn] } }));
    await engine.register(desired("s", {}, { dependencies: [p.urn], propertyDependencies: {} }));
    assert.deepEqual(
      host.calls.slice(callsBefore + calls.length).map((x) => `${x.method}:${x.id ?? ""}`),
      ["check:", `create:${c2.id}`, "check:", `create:${g2.id}`, "check:", `diff:${u.id}`, `update:${u.id}`, "check:", `diff:${s.id}`],
    );
    const after = engine.steps.slice(stepsBefore + 4);
    assert.deepEqual(
      after.map((x) => [x.urn, x.op, x.id]),
      [
        [c.urn, "replace", c2.id],
        [g.urn, "replace", g2.id],
        [u.urn, "update", u.id],
        [s.urn, "same", s.id],
      ],
    );
    assert.deepEqual([after[0].oldId, after[0].replaces, after[0].deleteBeforeReplace, after[0].dependentOf], [c.id, ["parentId"], true, p.urn]);
    assert.deepEqual([after[1].oldId, after[1].replaces, after[1].dependentOf], [g.id, ["parentId"], p.urn]);
    assert.equal(engine.get(u.urn)!.outputs.peerId, p2.id);
    await engine.destroy();
    assert.deepEqual(remoteObjects(remote), []);
  });

  it("delete-before-replace deletes no dependent whose diff does not replace, and only its own object", async () => {
    const p = await engine.register(desired("p", {}));
    const u = await engine.register(desired("u", { peerId: p.id }, { dependencies: [p.urn], propertyDependencies: { peerId: [p.urn] } }));
    // w depends on u only; u is not condemned, so w is not even diffed.
    const w = await engine.register(desired("w", { parentId: u.id }, { dependencies: [u.urn], propertyDependencies: { parentId: [u.urn] } }));
    const callsBefore = host.calls.length;
    const stepsBefore = engine.steps.length;
    const p2 = await engine.register(desired("p", { region: "eu" }, { deleteBeforeReplace: true }));
    assert.deepEqual(
      host.calls.slice(callsBefore).map((x) => `${x.method}:${x.id ?? ""}`),
      ["check:", `diff:${p.id}`, `diff:${u.id}`, `delete:${p.id}`, `create:${p2.id}`],
    );
    assert.deepEqual(
      engine.steps.slice(stepsBefore).map((x) => [x.op, x.id]),
      [
        ["delete", p.id],
        ["replace", p2.id],
      ],
    );
    assert.deepEqual(
      [engine.get(u.urn)!.id, engine.get(w.urn)!.id],
      [u.id, w.id],
    );
    await engine.destroy();
  });

  it("a failing cascade delete fails the replacement and leaves the replaced resource in place", async () => {
    const p = await engine.register(desired("p", {}));
    const c = await engine.register(desired("c", { parentId: p.id }, { dependencies: [p.urn], propertyDependencies: { parentId: [p.urn] } }));
    // An object outside Pulumi's state holds c: c cannot be deleted.
    fs.writeFileSync(path.join(remote, "thing-outside.json"), JSON.stringify({ remoteId: "thing-outside", parentId: c.id }));
    const stepsBefore = engine.steps.length;
    await assert.rejects(engine.register(desired("p", { region: "us", dbr: true })), /is in use by thing-outside/);
    assert.deepEqual(
      engine.steps.slice(stepsBefore).map((x) => [x.op, x.id, x.dependentOf, Boolean(x.error)]),
      [["delete", c.id, p.urn, true]],
    );
    assert.equal(engine.get(p.urn)!.id, p.id);
    assert.equal(engine.get(c.urn)!.id, c.id);
    fs.rmSync(path.join(remote, "thing-outside.json"));
    await engine.destroy();
  });
});

describe("engine harness: runProgram up/refresh/destroy", function () {
  this.timeout(30000);
  let remote: string;
  let base: Omit<RunProgramOptions, "operation">;
  const A = "urn:pulumi:dev::harness-project::harness:index:Pair$pulumi-nodejs:dynamic/harness:Thing::pair-a";
  const B = "urn:pulumi:dev::harness-project::harness:index:Pair$pulumi-nodejs:dynamic/harness:Thing::pair-b";

  before(() => {
    remote = fs.mkdtempSync(path.join(os.tmpdir(), "harness-program-"));
    base = {
      projectDir,
      program: "index.ts",
      stateFile: path.join(remote, "state.json"),
      config: { size: "-1", password: "s3cret", label: "L" },
      secretConfig: ["password"],
      env: { HARNESS_REMOTE_DIR: remote },
    };
  });
  after(() => fs.rmSync(remote, { recursive: true, force: true }));

  it("returns a failing resource as error and stops the deployment", async () => {
    const r = await runProgram({ ...base, operation: "up" });
    assert.ok(r.error, "error expected");
    assert.equal(r.error!.name, "CheckFailed");
    assert.deepEqual(r.error!.failures!.map((f) => f.property), ["size"]);
    assert.deepEqual(r.state.resources, []);
    assert.deepEqual(remoteObjects(remote), []);
  });

  it("up creates dependent resources under a component, with config and secret outputs", async () => {
    const lines: string[] = [];
    base.config = { ...base.config, size: "3" };
    const r = await runProgram({ ...base, operation: "up", onDiagnostic: (l) => lines.push(l) });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.deepEqual(r.steps.map((s) => [s.urn, s.op]), [
      [A, "create"],
      [B, "create"],
    ]);
    assert.deepEqual(r.components.map((c) => c.urn), ["urn:pulumi:dev::harness-project::harness:index:Pair::pair"]);
    const [a, b] = r.state.resources;
    assert.deepEqual(b.dependencies, [A]);
    assert.equal(b.inputs.parentId, a.id);
    assert.deepEqual(a.secretKeys, ["password"]);
    assert.equal(r.outputs.aId, a.id);
    assert.equal(r.outputs.bId, b.id);
    assert.equal(r.outputs.label, "L");
    assert.ok(isSecret(r.outputs.aPassword) && r.outputs.aPassword.value === "s3cret");
    assert.ok(lines.includes("creating pair-a: ready"), lines.join("\n"));
    // __provider is exactly what serializeProvider produces for the same provider object.
    assert.equal(a.inputs.__provider, (await serializeProvider(thingProvider)).text);
  });

  it("a second up replaces create-before-delete, deleting the old object at the end", async () => {
    const oldB = JSON.parse(fs.readFileSync(base.stateFile, "utf8")).resources[1].id;
    const r = await runProgram({ ...base, operation: "up", config: { ...base.config, region: "us" } });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.deepEqual(r.steps.map((s) => [s.urn, s.op]), [
      [A, "same"],
      [B, "replace"],
      [B, "delete"],
    ]);
    assert.equal(r.steps[2].id, oldB);
    const calls = r.calls.filter((c) => c.method === "create" || c.method === "delete").map((c) => c.method);
    assert.deepEqual(calls, ["create", "delete"]);
    assert.equal(r.state.resources.length, 2);
    assert.equal(remoteObjects(remote).length, 2);
  });

  it("refresh reports dropped resources; destroy deletes the rest", async () => {
    const state = JSON.parse(fs.readFileSync(base.stateFile, "utf8"));
    const [a, b] = state.resources;
    fs.rmSync(path.join(remote, `${b.id}.json`));
    const r = await runProgram({ ...base, operation: "refresh" });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.deepEqual(r.refresh!.map((x) => [x.urn, x.dropped]), [
      [A, false],
      [B, true],
    ]);
    assert.deepEqual(r.state.resources.map((x) => x.id), [a.id]);
    const d = await runProgram({ ...base, operation: "destroy" });
    assert.equal(d.error, undefined, JSON.stringify(d.error));
    assert.deepEqual(d.steps.map((s) => [s.op, s.id]), [["delete", a.id]]);
    assert.deepEqual(d.state.resources, []);
    assert.deepEqual(d.outputs, {});
    assert.deepEqual(remoteObjects(remote), []);
  });

  it("up with delete-before-replace of a: b (parentId) is deleted first and created again; c (peerId) is updated", async () => {
    const C = "urn:pulumi:dev::harness-project::harness:index:Pair$pulumi-nodejs:dynamic/harness:Thing::pair-c";
    const cfg = { ...base.config, peer: "true" };
    const first = await runProgram({ ...base, operation: "up", config: cfg });
    assert.equal(first.error, undefined, JSON.stringify(first.error));
    const [a, b, c] = [A, B, C].map((u) => first.state.resources.find((r) => r.urn === u)!);
    assert.deepEqual(b.propertyDependencies!.parentId, [A], "the request's property dependencies are recorded");
    assert.deepEqual(c.propertyDependencies!.peerId, [A]);

    const r = await runProgram({ ...base, operation: "up", config: { ...cfg, aRegion: "us", aDbr: "true" } });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    const a2 = r.state.resources.find((x) => x.urn === A)!;
    const b2 = r.state.resources.find((x) => x.urn === B)!;
    assert.deepEqual(r.steps.slice(0, 3).map((s) => [s.urn, s.op, s.id, s.dependentOf ?? ""]), [
      [B, "delete", b.id, A],
      [A, "delete", a.id, ""],
      [A, "replace", a2.id, ""],
    ]);
    assert.deepEqual(
      r.steps
        .slice(3)
        .map((s) => [s.urn, s.op, s.id])
        .sort(),
      [
        [B, "replace", b2.id],
        [C, "update", c.id],
      ],
    );
    const createsAndDeletes = r.calls.filter((x) => x.method === "create" || x.method === "delete").map((x) => `${x.method}:${x.id}`);
    assert.deepEqual(createsAndDeletes, [`delete:${b.id}`, `delete:${a.id}`, `create:${a2.id}`, `create:${b2.id}`]);
    assert.equal(b2.inputs.parentId, a2.id);
    assert.equal(r.state.resources.find((x) => x.urn === C)!.inputs.peerId, a2.id);
    assert.deepEqual(remoteObjects(remote).map((o) => o.remoteId).sort(), [a2.id, b2.id, c.id].sort());
    const d = await runProgram({ ...base, operation: "destroy" });
    assert.equal(d.error, undefined, JSON.stringify(d.error));
    assert.deepEqual(remoteObjects(remote), []);
  });
});
