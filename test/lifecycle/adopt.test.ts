// Adopting existing objects (the `adoptId` argument) and reading them from their id alone (a resource's
// static get(): the plugin's Read with nothing but `__provider` in its inputs), through the SDK's real
// dynamic-provider plugin (test/harness) against the sandbox. The objects are made out of band: by the
// provider's own API clients called directly in this process, or by the sandbox's admin. The plugin runs
// dist/: `npm run build` first.
import { strict as assert } from "assert";
import { configReader } from "../../provider/core/config";
import { tokenCache } from "../../provider/core/tokenCache";
import { type AlibabaClient, alibabaClient, clientToken } from "../../provider/alibaba/client";
import type { FabricClient } from "../../provider/fabric/client";
import type { EcxV3Client } from "../../provider/fabric/ecxV3Client";
import { ecxApi, fabricApi } from "../../provider/fabric/http";
import { type IxapiClient, ixapiClient } from "../../provider/ixapi/client";
import { sandboxEnv, type Sandbox } from "../../sandbox";
import { ALIBABA_PROFILE_UUID, findPort } from "../../sandbox/equinix";
import type { RequestLogEntry } from "../../sandbox/core/requestLog";
import { DesiredResource, Engine, makeUrn } from "../harness/engine";
import { PluginError, PluginHost } from "../harness/plugin";
import { isSecret, Props, secret } from "../harness/wire";
import { FAST_ALIBABA, until } from "../unit/alibaba/helpers";
import { lifecycleSession, type LifecycleSession } from "../support/session";
import { callContext } from "../support/context";

const KINDS = [
  "fabric:Connection",
  "fabric:L2Connection",
  "alibaba:PhysicalConnection",
  "alibaba:HostedConnection",
  "alibaba:VirtualBorderRouter",
  "ixapi:NetworkService",
  "ixapi:NetworkServiceConfig",
  "ixapi:Contact",
  "ixapi:RoleAssignment",
];
const KEY = "5123456789012345";
const CLOUD_KEY = "9876543210123456";
const ALIBABA_OFFERING = "alibaba-express-connect.fra.eu-central-1";
const ACC = { managingAccount: "A0087264", consumingAccount: "A0087264", billingAccount: "A0087264" };

/** A request that changes something at a vendor (token requests, searches and Describe* calls do not). */
function isWrite(r: RequestLogEntry): boolean {
  if (r.api === "alibaba") return !!r.action && !/^Describe/.test(r.action);
  if (/token/.test(r.kind) || /\.search$/.test(r.kind)) return false;
  return r.method !== "GET" && r.method !== "HEAD";
}

describe("lifecycle: adopting existing objects (adoptId) and reading them from their id (get)", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let host: PluginHost;
  let engine: Engine;
  let session: LifecycleSession;
  // The provider's clients in this process, pointed at the sandbox: the "out of band" creator.
  let fabric: FabricClient;
  let ecx: EcxV3Client;
  let alibaba: AlibabaClient;
  let ixapi: IxapiClient;

  const type = (kind: string) => `pulumi-nodejs:dynamic/${kind}`;
  const urn = (kind: string, name: string) => makeUrn(type(kind), name);
  const identity = (kind: string, name: string) => `harness-project/dev/${kind}/${name}`;
  const desired = (kind: string, name: string, inputs: Props, extra: Partial<DesiredResource> = {}): DesiredResource => ({
    urn: urn(kind, name),
    type: type(kind),
    name,
    inputs: { __provider: session.providerText(kind), __identity: identity(kind, name), ...inputs },
    ...extra,
  });
  const writesSince = (n: number) => sb.admin.requests().slice(n).filter(isWrite).map((r) => `${r.method} ${r.path}${r.action ? ` ${r.action}` : ""}`);

  /**
   * A static get(): a Read whose inputs hold nothing but `__provider` and no state, as the SDK's plugin
   * describes a user-driven Get; with `engine: true`, as Pulumi 3.276's ReadStep sends it (the resource's
   * inputs, `__identity` included, as both inputs and state).
   */
  const get = (kind: string, id: string, o: { engine?: boolean } = {}) => {
    if (!o.engine) return host.read(urn(kind, "ref"), id, {}, { __provider: session.providerText(kind) });
    const inputs = { __provider: session.providerText(kind), __identity: identity(kind, "ref") };
    return host.read(urn(kind, "ref"), id, inputs, inputs);
  };

  /**
   * The adoption scenario for one object: a mismatch fails naming the field, changes nothing and records
   * nothing; a match is adopted without a write; the next diff shows no change, with adoptId or without;
   * refresh finds nothing changed.
   */
  async function adoptScenario(kind: string, name: string, id: string, program: Props, bad: { inputs: Props; message: RegExp }, extra: Partial<DesiredResource> = {}) {
    let n = sb.admin.requests().length;
    await assert.rejects(engine.register(desired(kind, name, { ...program, ...bad.inputs, adoptId: id }, extra)), (e: unknown) => {
      assert.ok(e instanceof PluginError, String(e));
      assert.match(e.message, /adoptId: .* does not match the arguments, so it was not adopted and nothing was changed/);
      assert.match(e.message, bad.message);
      return true;
    });
    assert.deepEqual(writesSince(n), [], "a mismatch makes no request that changes anything");
    assert.equal(engine.get(urn(kind, name)), undefined, "and records nothing");

    n = sb.admin.requests().length;
    const r = await engine.register(desired(kind, name, { ...program, adoptId: id }, extra));
    assert.equal(engine.steps.at(-1)!.op, "create");
    assert.equal(r.id, id, "the adopted object is the resource");
    assert.deepEqual(writesSince(n), [], "adoption makes no request that changes anything");
    await engine.register(desired(kind, name, { ...program, adoptId: id }, extra));
    assert.equal(engine.steps.at(-1)!.op, "same", "the next preview shows no change");
    await engine.register(desired(kind, name, program, extra));
    assert.equal(engine.steps.at(-1)!.op, "same", "removing adoptId changes nothing");
    const report = (await engine.refresh()).find((x) => x.id === id)!;
    // (Hidden inputs aside: the plugin returns read inputs with `__provider` only.)
    assert.deepEqual([report.dropped, report.changedInputs.filter((k) => !k.startsWith("__"))], [false, []], "refresh finds the object as the program has it");
    await engine.register(desired(kind, name, program, extra));
    assert.equal(engine.steps.at(-1)!.op, "same");
    return engine.get(urn(kind, name))!;
  }

  before(async () => {
    session = await lifecycleSession(KINDS, { prefix: "adopt-", sandboxOptions: { timeScale: 0.05, delays: { alibaba: FAST_ALIBABA } } });
    ({ sb, host, engine } = session);
    const oob = callContext({ config: configReader({ env: sandboxEnv(sb) }) });
    [fabric, ecx, alibaba, ixapi] = [fabricApi(oob), ecxApi(oob), alibabaClient(oob), ixapiClient(oob)];
    tokenCache.clear();
  });
  after(async () => {
    await session?.close();
  });

  it("fabric.Connection: get from the id alone; adopt; a wrong secret is named without its value", async () => {
    const vlan = 3101;
    const created = await fabric.createConnection({
      type: "EVPL_VC",
      name: "oob-alibaba",
      bandwidth: 50,
      notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
      aSide: { accessPoint: { type: "COLO", port: { uuid: findPort("SV").uuid }, linkProtocol: { type: "DOT1Q", vlanTag: vlan } } },
      zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: ALIBABA_PROFILE_UUID }, location: { metroCode: "SV" }, sellerRegion: "us-west-1", authenticationKey: KEY } },
    });
    await until(async () => (await fabric.getConnection(created.uuid))?.operation?.providerStatus === "PENDING_APPROVAL");

    const ref = await get("fabric:Connection", created.uuid);
    assert.deepEqual(await get("fabric:Connection", created.uuid, { engine: true }), ref, "the engine's Read of a get() gives the same");
    assert.equal(ref.id, created.uuid);
    assert.equal(ref.outputs.providerStatus, "PENDING_APPROVAL");
    assert.deepEqual(ref.inputs && { name: ref.inputs.name, bandwidth: ref.inputs.bandwidth, aSide: ref.inputs.aSide, notifications: ref.inputs.notifications }, {
      name: "oob-alibaba",
      bandwidth: 50,
      aSide: { port: { uuid: findPort("SV").uuid, vlanTag: vlan } },
      notifications: ["noc@example.com"],
    });
    assert.deepEqual((ref.inputs!.zSide as Props).serviceProfile, { uuid: ALIBABA_PROFILE_UUID, metroCode: "SV", sellerRegion: "us-west-1", authenticationKey: KEY });

    const program = {
      name: "oob-alibaba",
      bandwidth: 50,
      notifications: ["noc@example.com"],
      aSide: { port: { uuid: findPort("SV").uuid, vlanTag: vlan } },
      zSide: secret({ serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "SV", sellerRegion: "us-west-1", authenticationKey: KEY } }),
    };
    // A wrong authentication key is named, not shown.
    await assert.rejects(
      engine.register(desired("fabric:Connection", "adopted", { ...program, zSide: secret({ serviceProfile: { ...program.zSide.value.serviceProfile, authenticationKey: "5999999999999999" } }), adoptId: created.uuid })),
      (e: unknown) => {
        assert.ok(e instanceof PluginError);
        assert.match(e.message, /zSide\.serviceProfile\.authenticationKey: the program's value and the object's differ \(a secret: values not shown\)/);
        assert.ok(!e.message.includes(KEY) && !e.message.includes("5999999999999999"), e.message);
        return true;
      },
    );
    const r = await adoptScenario("fabric:Connection", "adopted", created.uuid, program, {
      inputs: { bandwidth: 200, aSide: { port: { uuid: findPort("SV").uuid, vlanTag: vlan + 1 } } },
      message: /- aSide\.port\.vlanTag: the program has 3102, the object has 3101\n\s+- bandwidth: the program has 200, the object has 50/,
    });
    assert.ok(isSecret(engine.wrappedOutputs(r).zSide), "zSide is secret in the state");
    assert.match(host.diagnostics(), new RegExp(`Equinix connection ${created.uuid}: adopted`));
  });

  it("fabric.L2Connection: get finds the secondary leg from the primary; adopt the pair", async () => {
    const body = {
      primaryName: "oob-pri",
      speed: 500,
      speedUnit: "MB",
      notifications: ["noc@example.com"],
      primaryPortUUID: findPort("DC", "QINQ", "PRIMARY").uuid,
      primaryVlanSTag: "3201",
      primaryZSidePortUUID: findPort("SV", "QINQ", "PRIMARY").uuid,
      primaryZSideVlanSTag: "3202",
      secondaryName: "oob-sec",
      secondaryPortUUID: findPort("DC", "QINQ", "SECONDARY").uuid,
      secondaryVlanSTag: "3203",
      secondaryZSidePortUUID: findPort("SV", "QINQ", "SECONDARY").uuid,
      secondaryZSideVlanSTag: "3204",
    };
    const created = await ecx.createL2Connection(body);
    const secondaryId = created.secondaryConnectionId!;
    await until(async () => (await ecx.getL2Connection(secondaryId))?.status === "PROVISIONED");

    const ref = await get("fabric:L2Connection", created.primaryConnectionId);
    assert.equal(ref.outputs.secondaryId, secondaryId);
    assert.equal(ref.outputs.primaryStatus, "PROVISIONED");
    assert.deepEqual((ref.inputs!.secondary as Props).name, "oob-sec");
    assert.equal(ref.inputs!.speed, 500);
    // The secondary leg's id names the pair's primary in the error.
    await assert.rejects(get("fabric:L2Connection", secondaryId), new RegExp(`secondary leg of a redundant pair: name the pair by its primary leg, ${created.primaryConnectionId}`));

    const program = {
      name: "oob-pri",
      portUuid: body.primaryPortUUID,
      vlanSTag: 3201,
      zSidePortUuid: body.primaryZSidePortUUID,
      zSideVlanSTag: 3202,
      sellerMetroCode: "SV",
      speed: 500,
      notifications: ["noc@example.com"],
      secondary: { name: "oob-sec", portUuid: body.secondaryPortUUID, vlanSTag: 3203, zSidePortUuid: body.secondaryZSidePortUUID, zSideVlanSTag: 3204 },
    };
    const r = await adoptScenario("fabric:L2Connection", "pair", created.primaryConnectionId, program, {
      inputs: { speed: 1000, secondary: { ...program.secondary, name: "other-sec" } },
      message: /- secondary\.name: the program has "other-sec", the object has "oob-sec"\n\s+- speed: the program has 1000, the object has 500/,
    });
    assert.equal(r.outputs.secondaryId, secondaryId, "the adopted pair includes its secondary leg");
  });

  it("alibaba.PhysicalConnection: get; adopt an Enabled connection; desiredStatus must say what it has reached", async () => {
    const id = await alibaba.createPhysicalConnection({ AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", PortType: "10GBase-LR", bandwidth: 1000, Name: "oob-dedicated" }, clientToken("adopt-test", Date.now(), Math.random()));
    await until(async () => (await alibaba.getPhysicalConnection(id))?.Status === "Allocated");
    const ref = await get("alibaba:PhysicalConnection", id);
    assert.deepEqual(
      { ...ref.inputs, __provider: undefined },
      { accessPointId: "ap-us-sv-eqx-a", lineOperator: "Equinix", portType: "10GBase-LR", type: "VPC", bandwidth: 1000, name: "oob-dedicated", desiredStatus: "Allocated", __provider: undefined },
    );
    const program = { accessPointId: "ap-us-sv-eqx-a", lineOperator: "Equinix", portType: "10GBase-LR", bandwidth: 1000, name: "oob-dedicated", desiredStatus: "Allocated" };
    await adoptScenario("alibaba:PhysicalConnection", "dedicated", id, program, {
      inputs: { desiredStatus: "Enabled" },
      message: /desiredStatus: the program has "Enabled", the object has "Allocated"; the connection is driven no further at adoption/,
    });
    // Raising it afterwards drives the adopted connection on, in place.
    const r = await engine.register(desired("alibaba:PhysicalConnection", "dedicated", { ...program, desiredStatus: "Enabled" }));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(r.outputs.status, "Enabled");
  });

  let hosted = "";
  it("alibaba.HostedConnection: get; an unaccepted one needs accept: false; adopt an accepted one", async () => {
    const unaccepted = sb.admin.alibaba.createHostedConnection({ vlan: 2301, bandwidth: 50, name: "oob-hosted-new" });
    hosted = sb.admin.alibaba.createHostedConnection({ vlan: 2302, bandwidth: 50, name: "oob-hosted" });
    await alibaba.physicalConnectionAction("ConfirmPhysicalConnection", hosted);
    await until(async () => (await alibaba.getPhysicalConnection(hosted))?.Status === "Enabled");

    const ref = await get("alibaba:HostedConnection", unaccepted);
    assert.equal(ref.outputs.vlanId, 2301);
    assert.equal(ref.outputs.identifiedBy, "id");
    assert.deepEqual({ ...ref.inputs, __provider: undefined }, { physicalConnectionId: unaccepted, accept: false, __provider: undefined });

    const n = sb.admin.requests().length;
    await assert.rejects(engine.register(desired("alibaba:HostedConnection", "unaccepted", { physicalConnectionId: unaccepted, adoptId: unaccepted })), /accept: the program has true, the object has false; a connection is not accepted at adoption/);
    assert.deepEqual(writesSince(n), []);
    await adoptScenario("alibaba:HostedConnection", "hosted", hosted, { physicalConnectionId: hosted }, {
      inputs: { physicalConnectionId: unaccepted },
      message: new RegExp(`physicalConnectionId: the program has "${unaccepted}", the object has "${hosted}"`),
    });
    sb.admin.alibaba.deleteConnection(unaccepted);
  });

  it("alibaba.VirtualBorderRouter: get; adopt a VBR on the adopted hosted connection", async () => {
    const id = await alibaba.createVirtualBorderRouter(
      { PhysicalConnectionId: hosted, VlanId: 2302, LocalGatewayIp: "10.33.0.1", PeerGatewayIp: "10.33.0.2", PeeringSubnetMask: "255.255.255.248", Name: "oob-vbr" },
      clientToken("adopt-test", Date.now(), Math.random()),
    );
    await until(async () => (await alibaba.getVirtualBorderRouter(id))?.Status === "active");
    const ref = await get("alibaba:VirtualBorderRouter", id);
    assert.deepEqual(
      { ...ref.inputs, __provider: undefined },
      { physicalConnectionId: hosted, vlanId: 2302, localGatewayIp: "10.33.0.1", peerGatewayIp: "10.33.0.2", peeringSubnetMask: "255.255.255.248", name: "oob-vbr", __provider: undefined },
    );
    const program = { physicalConnectionId: hosted, vlanId: 2302, localGatewayIp: "10.33.0.1", peerGatewayIp: "10.33.0.2", peeringSubnetMask: "255.255.255.248", name: "oob-vbr" };
    await adoptScenario("alibaba:VirtualBorderRouter", "vbr", id, program, { inputs: { peerGatewayIp: "10.33.0.3" }, message: /peerGatewayIp: the program has "10.33.0.3", the object has "10.33.0.2"/ }, { dependencies: [urn("alibaba:HostedConnection", "hosted")] });
  });

  it("ixapi: get and adopt a network service, a contact, role assignments and a config; an unset externalRef is explained", async () => {
    const svc = await ixapi.createNetworkService({ type: "cloud_vc", product_offering: ALIBABA_OFFERING, ...wire(ACC), cloud_key: CLOUD_KEY, capacity: 200, external_ref: "oob-service" });
    await until(async () => (await ixapi.getNetworkService(svc.id))?.state === "allocated");
    const ref = await get("ixapi:NetworkService", svc.id);
    assert.equal(ref.outputs.diversity, 2);
    assert.deepEqual({ ...ref.inputs, __provider: undefined }, { ...ACC, productOffering: ALIBABA_OFFERING, cloudKey: CLOUD_KEY, capacity: 200, externalRef: "oob-service", __provider: undefined });
    const service = { ...ACC, productOffering: ALIBABA_OFFERING, cloudKey: secret(CLOUD_KEY), capacity: 200 };
    // Without externalRef the check fills in a generated one, which the object does not have.
    await assert.rejects(engine.register(desired("ixapi:NetworkService", "svc", { ...service, adoptId: svc.id })), /externalRef: the program has "pulumi:ns:[^"]+", the object has "oob-service"; when not given, externalRef is a reference generated for new objects: set externalRef to the object's/);
    const s = await adoptScenario("ixapi:NetworkService", "svc", svc.id, { ...service, externalRef: "oob-service" }, { inputs: { capacity: 500 }, message: /capacity: the program has 500, the object has 200/ });
    assert.ok(s.secretKeys.includes("cloudKey"));

    const contact = await ixapi.createContact({ managing_account: "A0087264", consuming_account: "A0087264", name: "OOB NOC", email: "noc@example.com", telephone: "+442071838750", external_ref: "oob-contact" });
    const contactProgram = { managingAccount: "A0087264", consumingAccount: "A0087264", name: "OOB NOC", email: "noc@example.com", telephone: "+442071838750", externalRef: "oob-contact" };
    assert.equal((await get("ixapi:Contact", contact.id)).inputs!.name, "OOB NOC");
    await adoptScenario("ixapi:Contact", "noc", contact.id, contactProgram, { inputs: { email: "other@example.com" }, message: /email: the program has "other@example.com", the object has "noc@example.com"/ });

    const roles = await ixapi.listRoles();
    const ras: string[] = [];
    for (const role of ["implementation", "noc"]) {
      const a = await ixapi.createRoleAssignment({ role: roles.find((x) => x.name === role)!.id, contact: contact.id });
      assert.equal((await get("ixapi:RoleAssignment", a.id)).inputs!.role, role);
      await adoptScenario("ixapi:RoleAssignment", role, a.id, { role, contact: contact.id }, { inputs: { role: role === "noc" ? "implementation" : "noc" }, message: /role: the program has "\w+", the object has "\w+"/ }, { dependencies: [urn("ixapi:Contact", "noc")] });
      ras.push(a.id);
    }

    const config = await ixapi.createNetworkServiceConfig({
      type: "cloud_vc",
      network_service: svc.id,
      connection: "CANL-051075",
      ...wire(ACC),
      role_assignments: ras,
      vlan_config: { vlan_type: "dot1q", vlan: 300, vlan_ethertype: "0x8100" },
      handover: 1,
      cloud_vlan: null,
      external_ref: "oob-config",
    });
    await until(async () => (await ixapi.getNetworkServiceConfig(config.id))?.state === "production");
    const cref = await get("ixapi:NetworkServiceConfig", config.id);
    assert.deepEqual(cref.inputs!.vlanConfig, { vlanType: "dot1q", vlan: 300 });
    const configProgram = { ...ACC, networkService: svc.id, connection: "CANL-051075", handover: 1, vlanConfig: { vlanType: "dot1q", vlan: 300 }, roleAssignments: ras, externalRef: "oob-config" };
    await adoptScenario("ixapi:NetworkServiceConfig", "h1", config.id, configProgram, { inputs: { vlanConfig: { vlanType: "dot1q", vlan: 301 } }, message: /vlanConfig\.vlan: the program has 301, the object has 300/ }, {
      dependencies: [urn("ixapi:NetworkService", "svc"), ...["implementation", "noc"].map((r) => urn("ixapi:RoleAssignment", r))],
    });
  });

  it("an id that does not exist fails clearly and creates nothing", async () => {
    const n = sb.admin.requests().length;
    await assert.rejects(
      engine.register(desired("alibaba:VirtualBorderRouter", "missing", { physicalConnectionId: hosted, vlanId: 2302, localGatewayIp: "10.33.0.1", peerGatewayIp: "10.33.0.2", peeringSubnetMask: "255.255.255.252", adoptId: "vbr-doesnotexist" })),
      /adoptId: VBR vbr-doesnotexist does not exist \(or is being deleted\) for these credentials; nothing was created or changed/,
    );
    assert.deepEqual(writesSince(n), []);
    await assert.rejects(engine.register(desired("ixapi:Contact", "blank", { managingAccount: "A0087264", consumingAccount: "A0087264", adoptId: "" })), (e: unknown) => {
      assert.match(String(e), /adoptId/);
      return true;
    });
  });

  it("destroy deletes adopted objects like any other", async () => {
    const adopted = engine.state.resources.map((r) => r.id);
    await engine.destroy();
    const inv = sb.admin.inventory();
    const live = new Set<string>([
      ...(inv.equinix.connections as Props[]).map((c) => String(c.uuid)),
      ...(inv.alibaba.physicalConnections as Props[]).map((c) => String(c.PhysicalConnectionId ?? c.id)),
      ...(inv.alibaba.virtualBorderRouters as Props[]).map((v) => String(v.VbrId ?? v.id)),
      ...(inv.ixapi.networkServices as Props[]).map((s) => String(s.id)),
      ...(inv.ixapi.networkServiceConfigs as Props[]).map((s) => String(s.id)),
      ...(inv.ixapi.contacts as Props[]).map((s) => String(s.id)),
      ...(inv.ixapi.roleAssignments as Props[]).map((s) => String(s.id)),
    ]);
    assert.deepEqual(adopted.filter((id) => live.has(id)), []);
  });
});

/** The accounts in IX-API's wire names. */
function wire(acc: typeof ACC) {
  return { managing_account: acc.managingAccount, consuming_account: acc.consumingAccount, billing_account: acc.billingAccount };
}
