import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { ALIBABA_PROFILE_UUID, findPort } from "../../sandbox/equinix";
import { CheckFailed, DesiredResource, Engine, makeUrn } from "../harness/engine";
import { InitFailure, PluginHost } from "../harness/plugin";
import { isSecret, Props, secret } from "../harness/wire";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const TYPE = "pulumi-nodejs:dynamic/fabric:Connection";
const KEY = "5123456789012345";

/**
 * fabric.Connection through the SDK's real dynamic-provider plugin (compiled dist/ code, resolved from
 * a project directory as a stack does), against the sandbox: create, read, update, replace, delete,
 * partial failure and the engine's retry of it, and the faults of a long run.
 */
describe("lifecycle: fabric.Connection through the plugin", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let host: PluginHost;
  let engine: Engine;
  let providerText: string;
  let session: LifecycleSession;
  let vlan = 800;

  const urn = (name: string) => makeUrn(TYPE, name, "interconnect-tests");
  const desired = (name: string, inputs: Props, extra: Partial<DesiredResource> = {}): DesiredResource => ({
    urn: urn(name),
    type: TYPE,
    name,
    inputs: { __provider: providerText, notifications: ["noc@example.com"], ...inputs },
    ...extra,
  });
  const alibaba = (name: string, over: Props = {}) =>
    desired(name, {
      name,
      bandwidth: 50,
      aSide: { port: { uuid: findPort("SV").uuid, vlanTag: vlan++ } },
      zSide: secret({ serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "SV", sellerRegion: "us-west-1", authenticationKey: KEY } }),
      ...over,
    });
  const live = () => sb.admin.inventory().equinix.connections as Array<Record<string, any>>;
  const creates = () => sb.admin.requests().filter((r) => r.kind === "fabric.connection.create").length;

  before(async () => {
    session = await lifecycleSession("fabric:Connection", { prefix: "fabric-lifecycle-", env: { INTERCONNECT_QUIET: undefined } });
    ({ sb, host, engine } = session);
    providerText = session.providerText("fabric:Connection");
  });
  after(() => session?.close());

  it("check failures name the field and create nothing", async () => {
    const n = sb.admin.requests().length;
    await assert.rejects(engine.register(alibaba("bad", { bandwidth: 100, aSide: { port: { uuid: findPort("SV").uuid, vlanTag: 5000 } } })), (e: unknown) => {
      assert.ok(e instanceof CheckFailed);
      assert.deepEqual(e.failures.map((f) => f.property).sort(), ["aSide.port.vlanTag", "bandwidth"]);
      return true;
    });
    assert.equal(sb.admin.requests().length, n, "no API call");
  });

  it("create: an Alibaba connection waits for PROVISIONED/PENDING_APPROVAL and says what to do next; the key stays secret", async () => {
    const r = await engine.register(alibaba("ali"));
    assert.equal(r.outputs.equinixStatus, "PROVISIONED");
    assert.equal(r.outputs.providerStatus, "PENDING_APPROVAL");
    assert.match(String(r.outputs.pendingAction), /in Alibaba Cloud .*alibaba\.HostedConnection/);
    assert.equal(r.outputs.aSidePortType, "DOT1Q", "the port type was looked up");
    assert.equal(r.outputs.redundancyPriority, "PRIMARY");
    assert.ok(r.outputs.redundancyGroup);
    assert.ok(isSecret(engine.wrappedOutputs(r).zSide), "zSide (with the Alibaba account id) is secret in the state");
    assert.match(host.diagnostics(), new RegExp(`connection ${r.id}: PROVISIONED/PENDING_APPROVAL: accept connection`));
    assert.ok(!host.diagnostics().includes(KEY), "the key never reaches the diagnostics");
    assert.deepEqual(live().map((c) => c.uuid), [r.id]);
  });

  it("read: refresh with no change changes nothing; an out-of-band bandwidth change shows, and up restores it in place", async () => {
    const r = engine.get(urn("ali"))!;
    let report = await engine.refresh();
    assert.deepEqual(report.map((x) => [x.id, x.dropped, x.changedInputs]), [[r.id, false, []]]);
    sb.admin.equinix.updateConnection(r.id, { bandwidth: 200 });
    report = await engine.refresh();
    assert.deepEqual(report.map((x) => [x.dropped, x.changedInputs]), [[false, ["bandwidth"]]]);
    assert.equal(engine.get(urn("ali"))!.outputs.bandwidth, 200);
    const before = sb.admin.requests().length;
    const again = await engine.register(alibaba("ali", { aSide: r.inputs.aSide }));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.deepEqual(engine.steps.at(-1)!.diffs, ["bandwidth"]);
    assert.equal(again.id, r.id);
    assert.equal(again.outputs.bandwidth, 50);
    assert.equal(sb.admin.equinix.connection(r.id)!.bandwidth, 50);
    assert.deepEqual(sb.admin.requests().slice(before).filter((x) => x.kind === "fabric.connection.update").map((x) => x.status), [202]);
  });

  it("update: name and a DOT1Q vlanTag are patched in place on a port-to-port connection", async () => {
    const p2p = (over: Props = {}) =>
      desired("p2p", { name: "p2p", bandwidth: 100, aSide: { port: { uuid: findPort("DC").uuid, vlanTag: 900 } }, zSide: { port: { uuid: findPort("DC", "QINQ").uuid, vlanSTag: 901, vlanCTag: 902 } }, ...over });
    const r = await engine.register(p2p());
    assert.equal(r.outputs.equinixStatus, "PROVISIONED");
    assert.equal(r.outputs.providerStatus, "AVAILABLE");
    assert.equal(r.outputs.zSidePortType, "QINQ");
    const u = await engine.register(p2p({ name: "p2p-renamed", aSide: { port: { uuid: findPort("DC").uuid, vlanTag: 903 } } }));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(u.id, r.id);
    assert.deepEqual(u.outputs.aSide, { port: { uuid: findPort("DC").uuid, vlanTag: 903 } });
    const c = sb.admin.equinix.connection(r.id) as any;
    assert.equal(c.name, "p2p-renamed");
    assert.equal(c.aSide.accessPoint.linkProtocol.vlanTag, 903);
  });

  it("replace: onto the same ports and VLANs deletes first; onto new VLANs creates first", async () => {
    const old = engine.get(urn("p2p"))!;
    const inputs = { name: "p2p-renamed", bandwidth: 100, aSide: { port: { uuid: findPort("DC").uuid, vlanTag: 903 } }, zSide: { port: { uuid: findPort("DC", "QINQ").uuid, vlanSTag: 901, vlanCTag: 902 } } };
    const r1 = await engine.register(desired("p2p", { ...inputs, description: "same ports, same VLANs" }));
    const step = engine.steps.filter((s) => s.op === "replace").at(-1)!;
    assert.equal(step.deleteBeforeReplace, true);
    assert.deepEqual(step.replaces, ["description"]);
    assert.notEqual(r1.id, old.id);
    assert.equal(sb.admin.equinix.connection(old.id)!.state, "DEPROVISIONED");
    const r2 = await engine.register(desired("p2p", { ...inputs, description: "new VLANs", aSide: { port: { uuid: findPort("DC").uuid, vlanTag: 906 } }, zSide: { port: { uuid: findPort("DC", "QINQ").uuid, vlanSTag: 904, vlanCTag: 905 } } }));
    const step2 = engine.steps.filter((s) => s.op === "replace").at(-1)!;
    assert.equal(step2.deleteBeforeReplace, false);
    assert.deepEqual([...(step2.replaces ?? [])].sort(), ["description", "zSide"]);
    assert.equal(sb.admin.equinix.connection(r1.id)!.state, "DEPROVISIONED");
    assert.deepEqual(live().map((c) => c.uuid).sort(), [engine.get(urn("ali"))!.id, r2.id].sort());
  });

  it("partial failure: provisioning that never finishes fails the create with the id recorded; the next up resumes the wait, creating nothing", async () => {
    sb.admin.equinix.stallProvisioning("next");
    const n = creates();
    const d = desired("stuck", { name: "stuck", bandwidth: 100, aSide: { port: { uuid: findPort("TY").uuid, vlanTag: 910 } }, zSide: { port: { uuid: findPort("TY", "DOT1Q", "SECONDARY").uuid, vlanTag: 911 } }, timeouts: { create: "2s", update: "1s" } });
    let id = "";
    await assert.rejects(engine.register(d), (e: unknown) => {
      assert.ok(e instanceof InitFailure, String(e));
      assert.match(e.message, /not done after 2s; last state PROVISIONING\/NOT_AVAILABLE.*run `pulumi up` again to resume waiting/s);
      assert.equal(typeof e.properties.__provider, "string", "the provider is recorded, so a later delete works");
      id = e.id;
      return true;
    });
    assert.equal(creates(), n + 1);
    const failed = engine.get(urn("stuck"))!;
    assert.equal(failed.id, id);
    assert.equal(failed.outputs.equinixStatus, "PROVISIONING");
    // Still stuck: the next up waits again (Update, not Create) and fails again, same id.
    await assert.rejects(engine.register(d), (e: unknown) => e instanceof InitFailure && e.id === id && /resume|retry/.test(e.message));
    assert.deepEqual(host.calls.slice(-1).map((c) => c.method), ["update"]);
    // Equinix finishes late; the next up completes the same connection.
    sb.world.equinix.get(id)!.internal.phases.schedule(sb.admin.clock.now(), { state: "ACTIVE", equinixStatus: "PROVISIONED", providerStatus: "AVAILABLE" });
    const r = await engine.register(d);
    assert.equal(r.id, id);
    assert.equal(r.initErrors, undefined);
    assert.equal(r.outputs.providerStatus, "AVAILABLE");
    assert.equal(creates(), n + 1, "no second connection");
  });

  it("delete: destroy removes every connection and waits for DEPROVISIONED", async () => {
    await engine.destroy();
    assert.deepEqual(engine.state.resources, []);
    assert.deepEqual(live(), []);
  });
});
