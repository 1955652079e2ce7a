// fabric.L2Connection through the SDK's real dynamic-provider plugin (test/harness), against the sandbox:
// check, create of both legs, read/drift, update in place, replace, delete of both legs, partial
// failures and the faults of the foundation issue. The plugin runs dist/: `npm run build` first.
import { strict as assert } from "assert";
import type { Sandbox } from "../../sandbox";
import { ALIBABA_PROFILE_UUID, findPort } from "../../sandbox/equinix";
import { CheckFailed, Engine, makeUrn } from "../harness/engine";
import { InitFailure, PluginHost } from "../harness/plugin";
import { isSecret, secret, Props } from "../harness/wire";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const TYPE = "pulumi-nodejs:dynamic/fabric:L2Connection";

describe("lifecycle: fabric.L2Connection (ECX v3) through the plugin", function () {
  this.timeout(30000);
  let sb: Sandbox;
  let host: PluginHost;
  let engine: Engine;
  let providerText: string;
  let session: LifecycleSession;
  let vlan = 1500;
  const next = () => vlan++;

  const register = (name: string, inputs: Props) => engine.register({ urn: makeUrn(TYPE, name), type: TYPE, name, inputs: { __provider: providerText, ...inputs } });
  const v4 = (uuid: string) => sb.admin.equinix.connection(uuid) as any;
  const status = (uuid: string) => `${v4(uuid).operation.equinixStatus}/${v4(uuid).operation.providerStatus}`;

  /** A redundant QinQ -> QinQ pair to own ports ("Connect to Myself" guide, "Q2Q"); port types left to be looked up. */
  const q2q = (name: string, tags = { p: next(), pz: next(), s: next(), sz: next() }) => ({
    name: `${name}-pri`,
    portUuid: findPort("DC", "QINQ", "PRIMARY").uuid,
    vlanSTag: tags.p,
    zSidePortUuid: findPort("SV", "QINQ", "PRIMARY").uuid,
    zSideVlanSTag: tags.pz,
    sellerMetroCode: "SV",
    speed: 500,
    notifications: ["noc@example.com"],
    secondary: {
      name: `${name}-sec`,
      portUuid: findPort("DC", "QINQ", "SECONDARY").uuid,
      vlanSTag: tags.s,
      zSidePortUuid: findPort("SV", "QINQ", "SECONDARY").uuid,
      zSideVlanSTag: tags.sz,
    },
  });

  before(async () => {
    // The provider is serialized from the working directory, as before (not from the project).
    session = await lifecycleSession("fabric:L2Connection", { prefix: "fabric-l2-lifecycle-", sandboxOptions: { port: 0, timeScale: 0.2 }, serializeFrom: process.cwd() });
    ({ sb, host, engine } = session);
    providerText = session.providerText("fabric:L2Connection");
  });
  after(() => session?.close());
  afterEach(() => {
    sb.admin.clearFaults();
    sb.admin.equinix.resetRules();
  });

  it("check names each failing field and rule, and sends nothing", async () => {
    sb.admin.clearRequests();
    await assert.rejects(register("bad", { ...q2q("bad"), name: "a-name-longer-than-24-chars", portType: "DOT1Q", zSidePortType: "QINQ", vlanSTag: 4095 }), (e: unknown) => {
      assert.ok(e instanceof CheckFailed);
      assert.deepEqual(e.failures.map((f) => f.property).sort(), ["name", "vlanSTag", "zSideVlanCTag"]);
      return true;
    });
    assert.deepEqual(sb.admin.requests(), []);
  });

  it("wrong tags for the looked-up port types fail at create before any write", async () => {
    sb.admin.clearRequests();
    await assert.rejects(register("dq", { ...q2q("dq"), portUuid: findPort("DC", "DOT1Q", "PRIMARY").uuid }), /zSideVlanCTag: is required: a DOT1Q port connecting to a QINQ Z-side port/);
    assert.ok(!sb.admin.requests().some((q) => q.method === "POST" && q.path.startsWith("/ecx/")));
  });

  let pair: { primaryId: string; secondaryId: string };
  it("creates a redundant pair with one request and waits for both legs", async () => {
    sb.admin.clearRequests();
    const r = await register("pair", q2q("pair"));
    const o = r.outputs;
    assert.equal(r.id, o.primaryId);
    assert.ok(o.secondaryId);
    assert.deepEqual([o.primaryStatus, o.primaryProviderStatus, o.secondaryStatus, o.secondaryProviderStatus], ["PROVISIONED", "AVAILABLE", "PROVISIONED", "AVAILABLE"]);
    assert.equal(o.redundancyGroup, v4(String(o.primaryId)).redundancy.group);
    assert.deepEqual(o.resolvedPortTypes, { primary: { a: "QINQ", z: "QINQ" }, secondary: { a: "QINQ", z: "QINQ" } });
    assert.equal(o.speedUnit, "MB");
    assert.equal(sb.admin.requests().filter((q) => q.kind === "ecxv3.connection.create").length, 1);
    pair = { primaryId: String(o.primaryId), secondaryId: String(o.secondaryId) };
  });

  it("renames both legs and changes the speed in place (PATCH ?action=update on each leg)", async () => {
    sb.admin.clearRequests();
    const r = await register("pair", { ...q2q("pair", tagsOf(pair)), name: "pair-pri-2", speed: 1, speedUnit: "GB", secondary: { ...q2q("pair", tagsOf(pair)).secondary, name: "pair-sec-2" } });
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(r.id, pair.primaryId);
    assert.equal(v4(pair.primaryId).name, "pair-pri-2");
    assert.equal(v4(pair.secondaryId).name, "pair-sec-2");
    assert.equal(v4(pair.secondaryId).bandwidth, 1000);
    assert.equal(sb.admin.requests().filter((q) => q.kind === "ecxv3.connection.update").length, 2);
  });

  it("refresh: a leg deleted outside Pulumi shows as drift; up replaces the pair (delete first: same ports and tags)", async () => {
    sb.admin.equinix.deleteConnection(pair.secondaryId);
    const report = await engine.refresh();
    const mine = report.find((x) => x.id === pair.primaryId)!;
    assert.equal(mine.dropped, false);
    assert.ok(mine.changedOutputs.includes("secondaryStatus"), JSON.stringify(mine));
    assert.equal(engine.get(makeUrn(TYPE, "pair"))!.outputs.secondaryStatus, "DEPROVISIONED");
    const r = await register("pair", { ...q2q("pair", tagsOf(pair)), name: "pair-pri-2", speed: 1, speedUnit: "GB", secondary: { ...q2q("pair", tagsOf(pair)).secondary, name: "pair-sec-2" } });
    const step = engine.steps.find((s) => s.op === "replace" && s.oldId === pair.primaryId)!;
    assert.ok(step.replaces!.includes("secondaryStatus"));
    assert.equal(step.deleteBeforeReplace, true);
    assert.notEqual(r.id, pair.primaryId);
    assert.equal(status(pair.primaryId), "DEPROVISIONED/NOT_AVAILABLE");
    assert.equal(r.outputs.secondaryStatus, "PROVISIONED");
    pair = { primaryId: r.id, secondaryId: String(r.outputs.secondaryId) };
  });

  it("any other change replaces, create-before-delete on new tags", async () => {
    const r = await register("pair", { ...q2q("pair"), name: "pair-pri-2", speed: 1, speedUnit: "GB", secondary: { ...q2q("pair").secondary, name: "pair-sec-2" } });
    const step = engine.steps.find((s) => s.op === "replace" && s.oldId === pair.primaryId)!;
    assert.equal(step.deleteBeforeReplace, false);
    assert.equal(status(pair.primaryId), "DEPROVISIONED/NOT_AVAILABLE");
    assert.equal(status(pair.secondaryId), "DEPROVISIONED/NOT_AVAILABLE");
    pair = { primaryId: r.id, secondaryId: String(r.outputs.secondaryId) };
  });

  it("delete removes both legs even when one is already gone (IC-LAYER2-4021), waiting for DEPROVISIONED", async () => {
    sb.admin.equinix.deleteConnection(pair.primaryId);
    sb.admin.clearRequests();
    await engine.destroy();
    assert.equal(status(pair.secondaryId), "DEPROVISIONED/NOT_AVAILABLE");
    const deletes = sb.admin.requests().filter((q) => q.kind === "ecxv3.connection.delete");
    assert.deepEqual(deletes.map((q) => q.status).sort(), [200, 400]);
    assert.deepEqual(sb.admin.inventory().equinix.connections, []);
  });

  it("to Alibaba: PROVISIONED/PENDING_APPROVAL ends create with the action to take; the key stays secret", async () => {
    const r = await register("ali", {
      name: "ali-pri",
      portUuid: findPort("SV", "QINQ", "PRIMARY").uuid,
      portType: "QINQ",
      vlanSTag: next(),
      vlanCTag: next(),
      profileUuid: ALIBABA_PROFILE_UUID,
      authorizationKey: secret("5123456789012345"),
      sellerRegion: "us-west-1",
      sellerMetroCode: "SV",
      speed: 50,
      notifications: ["noc@example.com"],
      secondary: { name: "ali-sec", portUuid: findPort("SV", "QINQ", "SECONDARY").uuid, vlanSTag: next(), vlanCTag: next() },
    });
    const o = r.outputs;
    assert.deepEqual([o.primaryStatus, o.primaryProviderStatus, o.secondaryStatus, o.secondaryProviderStatus], ["PROVISIONED", "PENDING_APPROVAL", "PROVISIONED", "PENDING_APPROVAL"]);
    assert.match(String(o.pendingAction), /accept connection .* in Alibaba Cloud/);
    assert.ok(host.diagnostics().includes("PENDING_APPROVAL"));
    assert.ok(r.secretKeys.includes("authorizationKey"));
    assert.ok(isSecret(engine.wrappedOutputs(r).authorizationKey));
    assert.ok(!host.diagnostics().includes("5123456789012345"), "the key never reaches the user's console");
    await engine.destroy();
    assert.deepEqual(sb.admin.inventory().equinix.connections, []);
  });

  it("a lost create response does not make a second pair: the legs are looked up and adopted", async () => {
    sb.admin.injectFault({ api: "equinix", method: "POST", path: "^/ecx/v3/l2/connections$", times: 1, fault: { kind: "loseResponse" } });
    sb.admin.clearRequests();
    const r = await register("lost", q2q("lost"));
    assert.equal(sb.admin.requests().filter((q) => q.kind === "ecxv3.connection.create").length, 1);
    assert.ok(sb.admin.requests().some((q) => q.kind === "fabric.connection.search"));
    assert.equal(sb.admin.inventory().equinix.connections.length, 2);
    assert.equal(r.outputs.secondaryStatus, "PROVISIONED");
    await engine.destroy();
  });

  it("429 with Retry-After, 503, a dropped connection and an expired token during the waits are absorbed", async () => {
    sb.admin.injectFault({ api: "equinix", method: "GET", path: "^/ecx/v3/l2/connections/", times: 1, fault: { kind: "status", status: 429, retryAfterSeconds: 0 } });
    sb.admin.injectFault({ api: "equinix", method: "GET", path: "^/ecx/v3/l2/connections/", times: 1, fault: { kind: "status", status: 503 } });
    sb.admin.injectFault({ api: "equinix", method: "GET", path: "^/ecx/v3/l2/connections/", times: 1, fault: { kind: "drop" } });
    sb.admin.expireTokens("equinix");
    const r = await register("faults", q2q("faults"));
    assert.equal(r.outputs.primaryStatus, "PROVISIONED");
    const statuses = sb.admin.requests().map((q) => q.status);
    assert.ok(statuses.includes(429) && statuses.includes(503), statuses.join(","));
    await engine.destroy();
  });

  it("provisioning that never finishes: a partial failure records both legs; the next up resumes; destroy removes both", async () => {
    sb.admin.equinix.stallProvisioning({ name: "stall-pri" });
    let failure: InitFailure | undefined;
    await assert.rejects(register("stall", { ...q2q("stall"), timeouts: { create: "1s" } }), (e: unknown) => {
      assert.ok(e instanceof InitFailure, String(e));
      failure = e;
      return true;
    });
    assert.match(failure!.reasons.join(" "), /not done after/);
    assert.equal(typeof failure!.properties.__provider, "string");
    assert.ok(failure!.properties.secondaryId);
    const state = engine.get(makeUrn(TYPE, "stall"))!;
    assert.equal(state.id, failure!.id);
    assert.equal(state.outputs.primaryStatus, "PROVISIONING");
    // Still stalled: the next up sends Update, which waits again and fails again, keeping the object.
    await assert.rejects(register("stall", { ...q2q("stall", tagsOf(state.outputs as any)), timeouts: { create: "1s", update: "1s" } }), InitFailure);
    assert.equal(engine.steps.filter((s) => s.urn === makeUrn(TYPE, "stall")).at(-1)!.op, "update");
    // Equinix refuses to delete a leg still provisioning (EQ-3142510, retried until the budget ends);
    // support removes it (the portal), then destroy deletes the other leg and takes the gone one as done.
    sb.admin.equinix.deleteConnection(state.id);
    await engine.destroy();
    assert.deepEqual(sb.admin.inventory().equinix.connections, []);
  });

  /** The tags of the pair last created (so a register keeps them). */
  function tagsOf(ids: { primaryId: string; secondaryId: string }) {
    const p = v4(ids.primaryId);
    const s = v4(ids.secondaryId);
    return {
      p: p.aSide.accessPoint.linkProtocol.vlanSTag,
      pz: p.zSide.accessPoint.linkProtocol.vlanSTag,
      s: s.aSide.accessPoint.linkProtocol.vlanSTag,
      sz: s.zSide.accessPoint.linkProtocol.vlanSTag,
    };
  }
});
