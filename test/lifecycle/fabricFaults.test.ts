import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { findPort } from "../../sandbox/equinix";
import { DesiredResource, Engine, makeUrn } from "../harness/engine";
import { PluginHost } from "../harness/plugin";
import { Props } from "../harness/wire";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const TYPE = "pulumi-nodejs:dynamic/fabric:Connection";

/** fabric.Connection through the plugin while the sandbox misbehaves. */
describe("lifecycle: fabric.Connection under faults", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let host: PluginHost;
  let engine: Engine;
  let providerText: string;
  let session: LifecycleSession;
  let vlan = 1500;

  const desired = (name: string, over: Props = {}): DesiredResource => ({
    urn: makeUrn(TYPE, name, "interconnect-tests"),
    type: TYPE,
    name,
    inputs: {
      __provider: providerText,
      name,
      bandwidth: 100,
      notifications: ["noc@example.com"],
      aSide: { port: { uuid: findPort("SG").uuid, vlanTag: vlan++ } },
      zSide: { port: { uuid: findPort("SG", "DOT1Q", "SECONDARY").uuid, vlanTag: vlan++ } },
      ...over,
    },
  });
  const log = () => sb.admin.requests();
  const named = (name: string) => (sb.admin.inventory().equinix.connections as Array<Record<string, any>>).filter((c) => c.name === name);
  const lines = (from: number) => host.diagnostics().slice(from);

  before(async () => {
    session = await lifecycleSession("fabric:Connection", { prefix: "fabric-faults-", env: { INTERCONNECT_QUIET: undefined } });
    ({ sb, host, engine } = session);
    providerText = session.providerText("fabric:Connection");
  });
  after(() => session?.close());

  it("a lost create response: the connection is looked up and adopted, never created twice", async () => {
    sb.admin.injectFault({ api: "equinix", method: "POST", path: "^/fabric/v4/connections$", times: 1, fault: { kind: "loseResponse" } });
    const n = log().length;
    const d = host.diagnostics().length;
    const r = await engine.register(desired("lost"));
    assert.equal(named("lost").length, 1);
    assert.equal(named("lost")[0].uuid, r.id);
    assert.deepEqual(log().slice(n).filter((x) => x.method === "POST" && x.path.startsWith("/fabric/")).map((x) => `${x.kind}${x.fault ? ` (${x.fault})` : ""}`), [
      "fabric.connection.create (loseResponse)",
      "fabric.connection.search",
    ]);
    assert.match(lines(d), /connection lost: the create request's answer was lost .*looking it up before sending again/);
    assert.match(lines(d), new RegExp(`connection lost: found ${r.id}: adopting it instead of creating another`));
    assert.equal(r.outputs.providerStatus, "AVAILABLE");
  });

  it("a dropped create (never processed): looked up, not found, sent again once", async () => {
    sb.admin.injectFault({ api: "equinix", method: "POST", path: "^/fabric/v4/connections$", times: 1, fault: { kind: "drop" } });
    const n = log().length;
    const r = await engine.register(desired("dropped"));
    assert.deepEqual(named("dropped").map((c) => c.uuid), [r.id]);
    assert.deepEqual(log().slice(n).filter((x) => x.method === "POST" && x.path.startsWith("/fabric/")).map((x) => x.kind.replace(/^fault\..*/, "dropped")), ["dropped", "fabric.connection.search", "fabric.connection.create"]);
  });

  it("a burst of 429s with Retry-After and 503s while waiting: absorbed, the create completes", async () => {
    sb.admin.injectFault({ api: "equinix", method: "GET", path: "^/fabric/v4/connections/", times: 2, fault: { kind: "status", status: 429, retryAfterSeconds: 1 } });
    sb.admin.injectFault({ api: "equinix", method: "GET", path: "^/fabric/v4/connections/", times: 2, fault: { kind: "status", status: 503 } });
    const n = log().length;
    const t0 = Date.now();
    const r = await engine.register(desired("throttled"));
    assert.equal(r.outputs.equinixStatus, "PROVISIONED");
    const gets = log().slice(n).filter((x) => x.method === "GET" && x.path.startsWith("/fabric/v4/connections/")).map((x) => x.status);
    assert.deepEqual(gets.slice(0, 4), [429, 429, 503, 503]);
    assert.equal(gets.at(-1), 200);
    assert.ok(Date.now() - t0 >= 2000, "Retry-After: 1 was honoured twice");
    assert.equal(named("throttled").length, 1);
  });

  it("a dropped connection while waiting for an update: retried, the update completes", async () => {
    const d = desired("patched");
    await engine.register(d);
    sb.admin.injectFault({ api: "equinix", method: "GET", path: "^/fabric/v4/connections/", times: 2, fault: { kind: "drop" } });
    const r = await engine.register({ ...d, inputs: { ...d.inputs, bandwidth: 200 } });
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(r.outputs.bandwidth, 200);
    assert.equal(sb.admin.equinix.connection(r.id)!.bandwidth, 200);
  });

  it("tokens expire mid-run: one 401, a new token, the run goes on", async () => {
    const d = desired("expiry");
    const c = await engine.register(d);
    sb.admin.expireTokens();
    const n = log().length;
    const r = await engine.register({ ...d, inputs: { ...d.inputs, name: "expiry-renamed" } });
    assert.equal(r.id, c.id);
    const seq = log().slice(n).map((x) => `${x.kind} ${x.status}`);
    assert.deepEqual(seq.slice(0, 3), ["fabric.connection.get 401", "oauth.token 200", "fabric.connection.get 200"]);
    assert.equal(seq.filter((s) => s.endsWith(" 401")).length, 1);
    assert.equal(sb.admin.equinix.connection(c.id)!.name, "expiry-renamed");
  });

  it("destroy after all that leaves nothing behind", async () => {
    await engine.destroy();
    assert.deepEqual(sb.admin.inventory().equinix.connections, []);
  });
});
