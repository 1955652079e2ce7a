import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { ALIBABA_PROFILE_UUID, CLOUD_ROUTER_SEEDS, findPort, SERVICE_TOKEN_SEEDS, VIRTUAL_DEVICE_SEEDS } from "../../sandbox/equinix";
import { DesiredResource, Engine, makeUrn } from "../harness/engine";
import { PluginHost } from "../harness/plugin";
import { isSecret, Props, secret } from "../harness/wire";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const TYPE = "pulumi-nodejs:dynamic/fabric:Connection";
const KEY = "5123456789012345";
const TOKEN = SERVICE_TOKEN_SEEDS.find((t) => t.name === "sandbox-token-sv-pri")!;
const FCR = CLOUD_ROUTER_SEEDS.find((r) => r.metroCode === "SV")!;
const EDGE = VIRTUAL_DEVICE_SEEDS.find((d) => d.metroCode === "SV")!;

/**
 * fabric.Connection from each A side besides a port (the "Connect to Alibaba Cloud" guide: an A-side
 * service token, a Fabric Cloud Router, a Network Edge device) to Alibaba, through the SDK's real
 * dynamic-provider plugin against the sandbox: create, refresh with nothing changed, the lost create
 * answer (looked up and adopted, never made twice), and destroy.
 */
describe("lifecycle: fabric.Connection to Alibaba from a service token, a cloud router and a virtual device", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let host: PluginHost;
  let engine: Engine;
  let providerText: string;
  let session: LifecycleSession;

  const desired = (name: string, aSide: Props, over: Props = {}): DesiredResource => ({
    urn: makeUrn(TYPE, name, "interconnect-tests"),
    type: TYPE,
    name,
    inputs: {
      __provider: providerText,
      name,
      bandwidth: 50,
      notifications: ["noc@example.com"],
      aSide,
      zSide: secret({ serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "SV", sellerRegion: "us-west-1", authenticationKey: KEY } }),
      ...over,
    },
  });
  const live = () => sb.admin.inventory().equinix.connections as Array<Record<string, any>>;
  const named = (name: string) => live().filter((c) => c.name === name);
  const posts = (from: number) =>
    sb.admin
      .requests()
      .slice(from)
      .filter((x) => x.method === "POST" && x.path.startsWith("/fabric/v4/connections"))
      .map((x) => `${x.kind}${x.fault ? ` (${x.fault})` : ""}`);

  before(async () => {
    session = await lifecycleSession("fabric:Connection", { prefix: "fabric-asides-", env: { INTERCONNECT_QUIET: undefined } });
    ({ sb, host, engine } = session);
    providerText = session.providerText("fabric:Connection");
  });
  after(() => session?.close());

  it("service token: created from the token (its port and VLAN), the token redeemed; PENDING_APPROVAL with Alibaba's connection id", async () => {
    const r = await engine.register(desired("from-token", { serviceToken: { uuid: TOKEN.uuid } }));
    assert.deepEqual([r.outputs.equinixStatus, r.outputs.providerStatus], ["PROVISIONED", "PENDING_APPROVAL"]);
    assert.match(String(r.outputs.providerConnectionId), /^pc-/);
    assert.deepEqual(r.outputs.aSide, { serviceToken: { uuid: TOKEN.uuid } });
    assert.equal(r.outputs.aSidePortType, "DOT1Q", "the token's port");
    assert.ok(isSecret(engine.wrappedOutputs(r).zSide));
    const c = sb.admin.equinix.connection(r.id) as Record<string, any>;
    assert.deepEqual([c.type, c.aSide.accessPoint.port.uuid, c.aSide.accessPoint.linkProtocol.vlanTag], ["EVPL_VC", TOKEN.port.uuid, 2101]);
    assert.equal((sb.admin.equinix.serviceToken(TOKEN.uuid) as any).state, "INACTIVE");
  });

  it("cloud router: an IP_VC (the type is implied), on the VLAN Equinix assigns towards Alibaba", async () => {
    const r = await engine.register(desired("from-router", { cloudRouter: { uuid: FCR.uuid } }));
    assert.deepEqual([r.outputs.equinixStatus, r.outputs.providerStatus], ["PROVISIONED", "PENDING_APPROVAL"]);
    const c = sb.admin.equinix.connection(r.id) as Record<string, any>;
    assert.deepEqual([c.type, c.aSide.accessPoint.type, c.aSide.accessPoint.router.uuid], ["IP_VC", "CLOUD_ROUTER", FCR.uuid]);
    assert.ok(Number.isInteger(c.zSide.accessPoint.linkProtocol.vlanTag));
    assert.equal(r.outputs.aSidePortType, undefined);
  });

  it("virtual device: the next free interface, or the one `interfaceId` names", async () => {
    const r = await engine.register(desired("from-device", { virtualDevice: { uuid: EDGE.uuid } }));
    assert.deepEqual([r.outputs.equinixStatus, r.outputs.providerStatus], ["PROVISIONED", "PENDING_APPROVAL"]);
    const c = sb.admin.equinix.connection(r.id) as Record<string, any>;
    assert.deepEqual([c.type, c.aSide.accessPoint.type, c.aSide.accessPoint.virtualDevice.uuid, c.aSide.accessPoint.interface.id], ["EVPL_VC", "VD", EDGE.uuid, 2]);
    const pinned = await engine.register(desired("from-device-if7", { virtualDevice: { uuid: EDGE.uuid, interfaceId: 7 } }));
    assert.equal((sb.admin.equinix.connection(pinned.id) as any).aSide.accessPoint.interface.id, 7);
    assert.deepEqual(pinned.outputs.aSide, { virtualDevice: { uuid: EDGE.uuid, interfaceId: 7 } });
  });

  it("refresh right after: nothing changed for any of them", async () => {
    const report = await engine.refresh();
    assert.equal(report.length, 4);
    for (const x of report) assert.deepEqual([x.dropped, x.changedInputs], [false, []], x.urn);
    // And up again is a no-op (no diff from reading back a token, router or device A side).
    const again = await engine.register(desired("from-router", { cloudRouter: { uuid: FCR.uuid } }));
    assert.equal(engine.steps.at(-1)!.op, "same");
    assert.equal(again.id, engine.get(makeUrn(TYPE, "from-router", "interconnect-tests"))!.id);
  });

  it("a lost create answer from each A side: the connection is looked up and adopted, never created twice", async () => {
    const token = sb.admin.equinix.createServiceToken({ portUuid: findPort("SV", "DOT1Q", "SECONDARY").uuid, vlanTag: 2150 });
    const cases: Array<[string, Props]> = [
      ["lost-token", { serviceToken: { uuid: token } }],
      ["lost-router", { cloudRouter: { uuid: FCR.uuid } }],
      ["lost-device", { virtualDevice: { uuid: EDGE.uuid } }],
    ];
    for (const [name, aSide] of cases) {
      sb.admin.injectFault({ api: "equinix", method: "POST", path: "^/fabric/v4/connections$", times: 1, fault: { kind: "loseResponse" } });
      const n = sb.admin.requests().length;
      const d = host.diagnostics().length;
      const r = await engine.register(desired(name, aSide));
      assert.deepEqual(named(name).map((c) => c.uuid), [r.id], `${name}: one connection, the one recorded`);
      assert.deepEqual(posts(n), ["fabric.connection.create (loseResponse)", "fabric.connection.search"], name);
      assert.match(host.diagnostics().slice(d), new RegExp(`connection ${name}: found ${r.id}: adopting it instead of creating another`));
      assert.equal(r.outputs.providerStatus, "PENDING_APPROVAL");
    }
  });

  it("a dropped create (never processed) from a cloud router: a same-named connection from another router is not adopted", async () => {
    // Another stack's connection with the same name, from the HK router.
    const other = sb.world.equinix.createConnection({
      type: "IP_VC",
      name: "twin",
      bandwidth: 50,
      notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
      aSide: { accessPoint: { type: "CLOUD_ROUTER", router: { uuid: CLOUD_ROUTER_SEEDS.find((x) => x.metroCode === "HK")!.uuid } } },
      zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: ALIBABA_PROFILE_UUID }, location: { metroCode: "HK" }, authenticationKey: KEY } },
    });
    sb.admin.injectFault({ api: "equinix", method: "POST", path: "^/fabric/v4/connections$", times: 1, fault: { kind: "drop" } });
    const n = sb.admin.requests().length;
    const r = await engine.register(desired("twin", { cloudRouter: { uuid: FCR.uuid } }));
    assert.notEqual(r.id, other.uuid, "the other router's connection is not this resource's");
    assert.equal((sb.admin.equinix.connection(r.id) as any).aSide.accessPoint.router.uuid, FCR.uuid);
    assert.deepEqual(posts(n).map((x) => x.replace(/^fault\..*/, "dropped")), ["dropped", "fabric.connection.search", "fabric.connection.create"]);
    sb.admin.equinix.deleteConnection(other.uuid);
  });

  it("destroy: every connection deprovisioned; the device's interfaces free again", async () => {
    await engine.destroy();
    assert.deepEqual(engine.state.resources, []);
    assert.deepEqual(live(), []);
    const ne = sb.admin.equinix.virtualDevice(EDGE.uuid) as Record<string, any>;
    assert.ok(ne.interfaces.filter((i: any) => i.type === "DATA").every((i: any) => i.status === "AVAILABLE"), JSON.stringify(ne.interfaces));
  });
});
