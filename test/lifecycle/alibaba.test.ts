// alibaba.PhysicalConnection, alibaba.HostedConnection and alibaba.VirtualBorderRouter driven through the
// SDK's real dynamic-provider plugin (dist/ code: run `npm run build` first), against the sandbox.
import { strict as assert } from "assert";
import type { Sandbox } from "../../sandbox";
import { CheckFailed, Engine, makeUrn, type DesiredResource } from "../harness/engine";
import { InitFailure, PluginHost } from "../harness/plugin";
import type { Props } from "../harness/wire";
import { FAST_ALIBABA } from "../unit/alibaba/helpers";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const KIND = { pc: "alibaba:PhysicalConnection", hc: "alibaba:HostedConnection", vbr: "alibaba:VirtualBorderRouter" };
const T = {
  pc: "pulumi-nodejs:dynamic/alibaba:PhysicalConnection",
  hc: "pulumi-nodejs:dynamic/alibaba:HostedConnection",
  vbr: "pulumi-nodejs:dynamic/alibaba:VirtualBorderRouter",
};

describe("alibaba resources through the plugin", function () {
  this.timeout(60000);
  let sb: Sandbox;
  let host: PluginHost;
  let engine: Engine;
  let session: LifecycleSession;

  const desired = (type: keyof typeof T, name: string, inputs: Props, extra: Partial<DesiredResource> = {}): DesiredResource => ({
    urn: makeUrn(T[type], name, "interconnect-tests"),
    type: T[type],
    name,
    inputs: { __provider: session.providerText(KIND[type]), ...inputs },
    ...extra,
  });
  const pcs = () => sb.admin.inventory().alibaba.physicalConnections as any[];
  const vbrs = () => sb.admin.inventory().alibaba.virtualBorderRouters as any[];

  before(async () => {
    // Credentials through the provider config, not the environment.
    session = await lifecycleSession(Object.values(KIND), {
      prefix: "alibaba-lifecycle-",
      sandboxOptions: { port: 0, delays: { alibaba: FAST_ALIBABA } },
      credentials: [],
      env: { INTERCONNECT_POLL_INTERVAL_MS: "20", INTERCONNECT_QUIET: process.env.AQ ?? "1" },
      config: (sb) => ({
        "alicloud:accessKey": sb.alibaba.accessKeyId,
        "alicloud:secretKey": sb.alibaba.accessKeySecret,
        "alicloud:region": sb.alibaba.region,
        "interconnect:alicloudVpcEndpoint": sb.alibaba.endpoint,
      }),
    });
    ({ sb, host, engine } = session);
  });
  after(() => session?.close());
  afterEach(() => {
    sb.admin.clearFaults();
    sb.admin.alibaba.resetRules();
  });

  const pcInputs = (over: Props = {}): Props => ({ accessPointId: "ap-us-sv-eqx-a", lineOperator: "Equinix", portType: "10GBase-LR", bandwidth: 1000, name: "primary", ...over });

  it("check names each bad field and the rule", async () => {
    await assert.rejects(engine.register(desired("pc", "bad", pcInputs({ lineOperator: "ATT", bandwidth: 20000, name: "1x", colour: "red" }))), (e: unknown) => {
      assert.ok(e instanceof CheckFailed);
      assert.deepEqual(e.failures.map((f) => f.property).sort(), ["bandwidth", "colour", "lineOperator", "name"]);
      return true;
    });
    await assert.rejects(
      engine.register(desired("vbr", "bad", { physicalConnectionId: "pc-x", vlanId: 3000, localGatewayIp: "10.0.0.1", peerGatewayIp: "10.0.1.2", peeringSubnetMask: "255.255.255.252" })),
      (e: unknown) => {
        assert.ok(e instanceof CheckFailed);
        assert.deepEqual(e.failures.map((f) => f.property).sort(), ["peerGatewayIp", "vlanId"]);
        assert.match(e.failures.find((f) => f.property === "peerGatewayIp")!.reason, /same \/30 subnet/);
        return true;
      },
    );
  });

  it("PhysicalConnection: create drives it to Enabled, with a ClientToken; update in place; read maps back", async () => {
    const r = await engine.register(desired("pc", "primary", pcInputs()));
    assert.match(r.id, /^pc-/);
    assert.equal(r.outputs.status, "Enabled");
    assert.equal(r.outputs.desiredStatus, "Enabled");
    const actions = sb.admin.requests().map((q) => q.action);
    assert.ok(actions.includes("ConfirmPhysicalConnection") && actions.includes("EnablePhysicalConnection"));
    await engine.register(desired("pc", "primary", pcInputs()));
    assert.equal(engine.steps.at(-1)!.op, "same");
    await engine.register(desired("pc", "primary", pcInputs({ description: "primary line", bandwidth: 2000 })));
    assert.equal(engine.steps.at(-1)!.op, "update");
    const c = sb.admin.alibaba.connection(r.id)!;
    assert.equal(c.Description, "primary line");
    assert.equal(c.Bandwidth, 2000);
    sb.admin.alibaba.updateConnection(r.id, { name: "renamed-outside" });
    const report = await engine.refresh();
    assert.deepEqual(report.find((x) => x.id === r.id)!.changedInputs, ["name"]);
  });

  it("PhysicalConnection: desiredStatus Allocated stops there; raising it continues in place", async () => {
    const r = await engine.register(desired("pc", "staged", pcInputs({ name: "staged", desiredStatus: "Allocated" })));
    assert.equal(r.outputs.status, "Allocated");
    const u = await engine.register(desired("pc", "staged", pcInputs({ name: "staged", desiredStatus: "Enabled" })));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(u.outputs.status, "Enabled");
  });

  it("VirtualBorderRouter: create on the dedicated connection, update in place, connection delete refused while it exists", async () => {
    const pc = engine.get(makeUrn(T.pc, "primary", "interconnect-tests"))!;
    const inputs = { physicalConnectionId: pc.id, vlanId: 100, localGatewayIp: "10.0.0.1", peerGatewayIp: "10.0.0.2", peeringSubnetMask: "255.255.255.252", name: "vbr-primary", mtu: 8500 };
    const v = await engine.register(desired("vbr", "vbr1", inputs, { dependencies: [pc.urn] }));
    assert.match(v.id, /^vbr-/);
    assert.equal(v.outputs.status, "active");
    assert.equal(sb.admin.alibaba.vbr(v.id)!.Mtu, 8500);
    await engine.register(desired("vbr", "vbr1", { ...inputs, peerGatewayIp: "10.0.0.1", localGatewayIp: "10.0.0.2" }, { dependencies: [pc.urn] }));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(sb.admin.alibaba.vbr(v.id)!.PeerGatewayIp, "10.0.0.1");
    // out of band change shows on refresh
    sb.admin.alibaba.updateVbr(v.id, { peerGatewayIp: "10.0.0.3" });
    const report = await engine.refresh();
    assert.deepEqual(report.find((x) => x.id === v.id)!.changedInputs, ["peerGatewayIp"]);
    // the connection refuses to go while the VBR is on it
    await assert.rejects(host.delete(pc.urn, pc.id, pc.outputs), /still carries VBRs vbr-/);
  });

  it("HostedConnection: waits for the partner's connection, accepts it, and a VBR with its VLAN goes on it", async () => {
    const hostedId = sb.admin.alibaba.createHostedConnection({ vlan: 1234, bandwidth: 200, name: "from-equinix" });
    const h = await engine.register(desired("hc", "hosted", { physicalConnectionId: hostedId }));
    assert.equal(h.id, hostedId);
    assert.equal(h.outputs.status, "Enabled");
    assert.equal(h.outputs.vpconnStatus, "Confirmed");
    assert.equal(h.outputs.vlanId, 1234);
    assert.equal(h.outputs.bandwidth, 200);
    assert.equal(h.outputs.spec, "200M");
    await engine.register(desired("hc", "hosted", { physicalConnectionId: hostedId }));
    assert.equal(engine.steps.at(-1)!.op, "same");
    // wrong VLAN is refused before anything is created
    await assert.rejects(
      engine.register(desired("vbr", "hosted-vbr", { physicalConnectionId: hostedId, vlanId: 99, localGatewayIp: "172.16.0.1", peerGatewayIp: "172.16.0.2", peeringSubnetMask: "255.255.255.252" })),
      /must use the VLAN the partner assigned, 1234/,
    );
    const v = await engine.register(
      desired("vbr", "hosted-vbr", { physicalConnectionId: hostedId, vlanId: 1234, localGatewayIp: "172.16.0.1", peerGatewayIp: "172.16.0.2", peeringSubnetMask: "255.255.255.252" }, { dependencies: [h.urn] }),
    );
    assert.equal(v.outputs.status, "active");
    // by parent and VLAN
    const second = sb.admin.alibaba.createHostedConnection({ vlan: 1300, bandwidth: 50 });
    const parent = sb.admin.alibaba.connection(second)!.ParentPhysicalConnectionId as string;
    const h2 = await engine.register(desired("hc", "hosted2", { parentPhysicalConnectionId: parent, vlanId: 1300 }));
    assert.equal(h2.id, second);
    await engine.register(desired("hc", "hosted2", { parentPhysicalConnectionId: parent, vlanId: 1300 }));
    assert.equal(engine.steps.at(-1)!.op, "same");
  });

  it("a lost create answer makes no duplicate; Throttling, ServiceUnavailable and OperationConflict are retried", async () => {
    const before = pcs().length;
    sb.admin.injectFault({ api: "alibaba", action: "CreatePhysicalConnection", times: 1, fault: { kind: "loseResponse" } });
    sb.admin.injectFault({ api: "alibaba", action: "ConfirmPhysicalConnection", times: 1, fault: { kind: "status", status: 429, retryAfterSeconds: 0 } });
    sb.admin.injectFault({ api: "alibaba", action: "EnablePhysicalConnection", times: 1, fault: { kind: "status", status: 503 } });
    sb.admin.injectFault({ api: "alibaba", action: "DescribePhysicalConnections", times: 1, fault: { kind: "status", status: 409 } });
    const r = await engine.register(desired("pc", "lossy", pcInputs({ name: "lossy", accessPointId: "ap-us-sv-eqx-b" })));
    assert.equal(r.outputs.status, "Enabled");
    assert.equal(pcs().length, before + 1);
  });

  it("a transition that never completes is a partial failure; the next up resumes", async () => {
    sb.admin.alibaba.stall("enable", { times: 1 });
    const d = desired("pc", "stuck", pcInputs({ name: "stuck", timeouts: { create: "1s" } }));
    let id = "";
    await assert.rejects(engine.register(d), (e: unknown) => {
      assert.ok(e instanceof InitFailure);
      assert.match(e.id, /^pc-/);
      assert.match(e.reasons.join(" "), /not done after/);
      assert.equal(typeof e.properties.__provider, "string");
      id = e.id;
      return true;
    });
    assert.equal(engine.get(d.urn)!.id, id);
    // Enable again (the stall applied once) and finish.
    const r = await engine.register(desired("pc", "stuck", pcInputs({ name: "stuck", timeouts: { create: "1s" } })));
    assert.equal(r.id, id);
    // EnablePhysicalConnection is idempotent only once scheduled; the stalled one stays Confirmed, so update re-enables.
    assert.equal(r.outputs.status, "Enabled");
  });

  it("refresh drops a connection terminated outside Pulumi", async () => {
    const s = engine.get(makeUrn(T.pc, "staged", "interconnect-tests"))!;
    sb.admin.alibaba.terminateConnection(s.id);
    const report = await engine.refresh();
    assert.equal(report.find((x) => x.id === s.id)!.dropped, true);
  });

  it("destroy deletes VBRs first, then cancels/terminates and deletes the connections: nothing left", async () => {
    await engine.destroy();
    assert.deepEqual(engine.state.resources, []);
    assert.deepEqual(pcs(), []);
    assert.deepEqual(vbrs(), []);
  });
});
