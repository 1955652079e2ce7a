// Issue 11's Alibaba defects through the SDK's real dynamic-provider plugin (dist/ code: run `npm run
// build` first), against the sandbox: an object created but not recorded (1), two look-alike resources
// sharing one object (2), contradictory HostedConnection inputs (3), and the hour-long silent wait for a
// hosted connection in another region (9).
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
const PROJECT = "interconnect-tests";

describe("lifecycle: alibaba defects of issue 11", function () {
  this.timeout(60000);
  let sb: Sandbox;
  let host: PluginHost;
  let engine: Engine;
  let session: LifecycleSession;

  /** What the resource class sends: the arguments, `__provider` and `__identity` (project/stack/kind/name). */
  const desired = (type: keyof typeof T, name: string, inputs: Props, extra: Partial<DesiredResource> = {}): DesiredResource => ({
    urn: makeUrn(T[type], name, PROJECT),
    type: T[type],
    name,
    inputs: { __provider: session.providerText(KIND[type]), __identity: `${PROJECT}/dev/${KIND[type]}/${name}`, ...inputs },
    ...extra,
  });
  const pcs = () => sb.admin.inventory().alibaba.physicalConnections as any[];
  /** Hosted connections a test made as the partner would and no resource adopted. */
  const outsidePulumi: string[] = [];
  const vbrs = () => sb.admin.inventory().alibaba.virtualBorderRouters as any[];
  const pcInputs = (over: Props = {}): Props => ({ accessPointId: "ap-us-sv-eqx-a", lineOperator: "Equinix", portType: "10GBase-LR", bandwidth: 1000, ...over });

  before(async () => {
    session = await lifecycleSession(Object.values(KIND), {
      prefix: "alibaba-defects-",
      sandboxOptions: { port: 0, delays: { alibaba: FAST_ALIBABA } },
      env: { INTERCONNECT_POLL_INTERVAL_MS: "20", INTERCONNECT_QUIET: "1" },
    });
    ({ sb, host, engine } = session);
  });
  after(() => session?.close());
  afterEach(() => {
    sb.admin.clearFaults();
    sb.admin.alibaba.resetRules();
  });

  describe("defect 1: the id is recorded as soon as Alibaba returns it", () => {
    it("PhysicalConnection: a non-retryable error on the Describe right after the create is a partial failure with the id; the next up resumes", async () => {
      const before = pcs().length;
      sb.admin.injectFault({ api: "alibaba", action: "DescribePhysicalConnections", times: 1, fault: { kind: "status", status: 400 } });
      const d = desired("pc", "describe-fails", pcInputs({ name: "describe-fails" }));
      let id = "";
      await assert.rejects(engine.register(d), (e: unknown) => {
        assert.ok(e instanceof InitFailure, `a partial failure, not ${String(e)}`);
        assert.match(e.id, /^pc-/);
        assert.equal(typeof e.properties.__provider, "string");
        assert.match(e.reasons.join(" "), /DescribePhysicalConnections HTTP 400/);
        id = e.id;
        return true;
      });
      assert.equal(engine.get(d.urn)!.id, id, "the engine recorded the connection");
      assert.equal(pcs().length, before + 1);
      const r = await engine.register(d);
      assert.equal(r.id, id, "the next up resumed the same connection");
      assert.equal(r.outputs.status, "Enabled");
      assert.equal(pcs().length, before + 1, "no second connection");
    });

    it("PhysicalConnection: retries of the Describe exhausted by the deadline: partial failure with the id, resumed, destroyed", async () => {
      const before = pcs().length;
      sb.admin.injectFault({ api: "alibaba", action: "DescribePhysicalConnections", fault: { kind: "status", status: 503 } });
      const d = desired("pc", "describe-unavailable", pcInputs({ name: "describe-unavailable", accessPointId: "ap-us-sv-eqx-b", timeouts: { create: "2s" } }));
      const e = await engine.register(d).then(
        () => assert.fail("create should fail"),
        (err: unknown) => err,
      );
      assert.ok(e instanceof InitFailure, `a partial failure, not ${String(e)}`);
      assert.match(e.id, /^pc-/);
      assert.equal(engine.get(d.urn)!.id, e.id);
      sb.admin.clearFaults();
      const r = await engine.register(d);
      assert.equal(r.id, e.id);
      assert.equal(r.outputs.status, "Enabled");
      assert.equal(pcs().length, before + 1);
    });

    it("VirtualBorderRouter: the Describe after the create fails: partial failure with the id; the next up resumes and applies the MTU", async () => {
      const pc = engine.get(makeUrn(T.pc, "describe-fails", PROJECT))!;
      const before = vbrs().length;
      sb.admin.injectFault({ api: "alibaba", action: "DescribeVirtualBorderRouters", times: 1, fault: { kind: "status", status: 400 } });
      const d = desired(
        "vbr",
        "vbr-describe-fails",
        { physicalConnectionId: pc.id, vlanId: 310, localGatewayIp: "10.3.0.1", peerGatewayIp: "10.3.0.2", peeringSubnetMask: "255.255.255.252", mtu: 8500 },
        { dependencies: [pc.urn] },
      );
      let id = "";
      await assert.rejects(engine.register(d), (e: unknown) => {
        assert.ok(e instanceof InitFailure, `a partial failure, not ${String(e)}`);
        assert.match(e.id, /^vbr-/);
        id = e.id;
        return true;
      });
      assert.equal(engine.get(d.urn)!.id, id);
      assert.equal(vbrs().length, before + 1);
      const r = await engine.register(d);
      assert.equal(r.id, id);
      assert.equal(r.outputs.status, "active");
      assert.equal(sb.admin.alibaba.vbr(id)!.Mtu, 8500, "the step the failed create never reached is applied on resume");
      assert.equal(vbrs().length, before + 1);
    });
  });

  describe("defect 2: two look-alike resources, two objects", () => {
    it("PhysicalConnection: identical arguments under lost create answers give each resource its own connection", async () => {
      const before = pcs().length;
      sb.admin.injectFault({ api: "alibaba", action: "CreatePhysicalConnection", times: 2, fault: { kind: "loseResponse" } });
      const same = pcInputs({ name: "twin", accessPointId: "ap-us-sv-eqx-b" });
      const a = await engine.register(desired("pc", "twin-a", same));
      const b = await engine.register(desired("pc", "twin-b", same));
      assert.notEqual(a.id, b.id, "each resource has its own connection");
      const mine = pcs().filter((c) => c.Name === "twin");
      assert.deepEqual(mine.map((c) => c.PhysicalConnectionId).sort(), [a.id, b.id].sort(), "no orphan, no duplicate");
      assert.equal(pcs().length, before + 2);
      const lost = sb.admin.requests().filter((q) => q.action === "CreatePhysicalConnection" && q.fault === "loseResponse");
      assert.equal(lost.length, 2, "both creates lost their first answer");
    });

    it("a create with the same identity and arguments is answered with the same connection (the lost-answer retry)", async () => {
      const before = pcs().length;
      const d = desired("pc", "twin-a", pcInputs({ name: "twin", accessPointId: "ap-us-sv-eqx-b" }));
      const again = await host.create(d.urn, d.inputs);
      assert.equal(again.id, engine.get(d.urn)!.id);
      assert.equal(pcs().length, before);
    });
  });

  describe("defect 3: HostedConnection named two ways", () => {
    it("check rejects physicalConnectionId together with parentPhysicalConnectionId or vlanId, naming both fields", async () => {
      const other = sb.admin.alibaba.createHostedConnection({ vlan: 1501, bandwidth: 50 });
      const parent = sb.admin.alibaba.connection(other)!.ParentPhysicalConnectionId as string;
      const mine = sb.admin.alibaba.createHostedConnection({ vlan: 1502, bandwidth: 50 });
      outsidePulumi.push(other, mine);
      const n = sb.admin.requests().length;
      await assert.rejects(engine.register(desired("hc", "two-ways", { physicalConnectionId: mine, parentPhysicalConnectionId: parent, vlanId: 1501 })), (e: unknown) => {
        assert.ok(e instanceof CheckFailed, String(e));
        assert.deepEqual(e.failures.map((f) => f.property).sort(), ["parentPhysicalConnectionId", "vlanId"]);
        for (const f of e.failures) assert.match(f.reason, /conflicts with physicalConnectionId/);
        return true;
      });
      assert.equal(sb.admin.requests().length, n, "no request was sent");
      assert.equal(sb.admin.alibaba.connection(mine)!.VpconnStatus, "UnConfirmed");
      assert.equal(sb.admin.alibaba.connection(other)!.VpconnStatus, "UnConfirmed");
    });
  });

  describe("defect 9: the hosted connection's region", () => {
    it("a sellerRegion other than the provider's region fails at once, naming both regions", async () => {
      const n = sb.admin.requests().length;
      const t0 = Date.now();
      await assert.rejects(engine.register(desired("hc", "wrong-region", { physicalConnectionId: "pc-notyetthere", sellerRegion: "eu-central-1" })), (e: unknown) => {
        assert.ok(!(e instanceof InitFailure), "nothing was created");
        const text = String((e as Error).message);
        assert.match(text, /sellerRegion: the partner's connection is in eu-central-1/);
        assert.match(text, /this provider searches us-west-1 \(alicloud:region\)/);
        return true;
      });
      assert.ok(Date.now() - t0 < 10_000, "no wait");
      assert.equal(sb.admin.requests().length, n, "no request was sent");
      assert.equal(engine.get(makeUrn(T.hc, "wrong-region", PROJECT)), undefined);
    });

    it("the wait says which region it searched (and times out naming it)", async () => {
      await assert.rejects(engine.register(desired("hc", "never-there", { physicalConnectionId: "pc-neverthere000000001", timeouts: { create: "1s" } })), (e: unknown) => {
        assert.match(String((e as Error).message), /to appear in this account in region us-west-1 \(alicloud:region\): not done after/);
        return true;
      });
    });

    it("a sellerRegion equal to the provider's region waits and accepts as before", async () => {
      const id = sb.admin.alibaba.createHostedConnection({ vlan: 1503, bandwidth: 50 });
      const r = await engine.register(desired("hc", "right-region", { physicalConnectionId: id, sellerRegion: "us-west-1" }));
      assert.equal(r.id, id);
      assert.equal(r.outputs.status, "Enabled");
      assert.equal(r.outputs.sellerRegion, "us-west-1");
      // A change of sellerRegion alone does nothing.
      await engine.register(desired("hc", "right-region", { physicalConnectionId: id }));
      assert.equal(engine.steps.at(-1)!.op, "same");
    });
  });

  describe("teardown", () => {
    it("destroy leaves nothing at Alibaba", async () => {
      await engine.destroy();
      for (const id of outsidePulumi) sb.admin.alibaba.deleteConnection(id);
      assert.deepEqual(engine.state.resources, []);
      assert.deepEqual(pcs(), []);
      assert.deepEqual(vbrs(), []);
    });
  });
});
