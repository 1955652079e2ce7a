import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { CLOUD_ROUTER_SEEDS, SERVICE_TOKEN_SEEDS, VIRTUAL_DEVICE_SEEDS } from "../../sandbox/equinix";
import { ALIBABA_PROFILE_UUID, findPort, raw, SCALE, withSandbox, type Eqx } from "./helpers";

const TOKEN_SV = SERVICE_TOKEN_SEEDS.find((t) => t.name === "sandbox-token-sv-pri")!;
const TOKEN_SV_SEC = SERVICE_TOKEN_SEEDS.find((t) => t.name === "sandbox-token-sv-sec")!;
const TOKEN_HK = SERVICE_TOKEN_SEEDS.find((t) => t.name === "sandbox-token-hk-qinq")!;
const TOKEN_EXPIRED = SERVICE_TOKEN_SEEDS.find((t) => t.name === "sandbox-token-expired")!;
const FCR_SV = CLOUD_ROUTER_SEEDS.find((r) => r.metroCode === "SV")!;
const EDGE_SV = VIRTUAL_DEVICE_SEEDS.find((d) => d.metroCode === "SV")!;
const KEY = "5123456789012345";

let n = 0;
/** A connection request to Alibaba in `metro` from the given A side. */
function toAlibaba(aSide: Record<string, unknown>, over: Record<string, unknown> = {}, metro = "SV"): Record<string, any> {
  return {
    type: "EVPL_VC",
    name: `aside-${++n}`,
    bandwidth: 50,
    notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
    aSide,
    zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: ALIBABA_PROFILE_UUID }, location: { metroCode: metro }, authenticationKey: KEY } },
    ...over,
  };
}
const token = (uuid: string) => ({ serviceToken: { uuid } });
const router = (uuid: string) => ({ accessPoint: { type: "CLOUD_ROUTER", router: { uuid } } });
const device = (uuid: string, id?: number) => ({ accessPoint: { type: "VD", virtualDevice: { type: "EDGE", uuid }, ...(id !== undefined ? { interface: { type: "NETWORK", id } } : {}) } });
/** The one problem of a refused request: [code, property, reason]. */
const problem = (body: any) => {
  assert.equal(Array.isArray(body) && body.length, 1, JSON.stringify(body));
  return [body[0].errorCode, body[0].additionalInfo?.[0]?.property, body[0].additionalInfo?.[0]?.reason ?? ""];
};

/**
 * The A sides of the "Connect to Alibaba Cloud" guide besides a port: an A-side service token, a Fabric
 * Cloud Router (IP_VC) and a Network Edge virtual device, with their look-ups and the rules Fabric applies.
 */
describe("sandbox: service tokens, cloud routers and virtual devices as A sides", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let eqx: Eqx;
  const admin = (method: string, path: string, body?: unknown) => raw(sb.url, method, `/_sandbox${path}`, body);

  before(async () => {
    ({ sb, eqx } = await withSandbox());
  });
  after(() => sb?.stop());

  it("look-ups: the seeded tokens, routers and devices, with stable uuids, in the sandbox's info", async () => {
    const list = await eqx.call("GET", "/fabric/v4/serviceTokens");
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.data.map((t: any) => t.uuid).sort(), SERVICE_TOKEN_SEEDS.map((t) => t.uuid).sort());
    const t = (await eqx.call("GET", `/fabric/v4/serviceTokens/${TOKEN_HK.uuid}`)).body;
    assert.equal(t.state, "ACTIVE");
    assert.deepEqual(t.connection.aSide.accessPointSelectors[0].linkProtocol, { type: "QINQ", vlanSTag: 2103, vlanCTag: 103 });
    assert.equal(t.connection.aSide.accessPointSelectors[0].port.uuid, findPort("HK", "QINQ").uuid);
    assert.equal((await eqx.call("GET", `/fabric/v4/serviceTokens/${TOKEN_EXPIRED.uuid}`)).body.state, "EXPIRED");
    assert.equal((await eqx.call("GET", "/fabric/v4/serviceTokens/00000000-0000-4000-8000-000000000000")).status, 404);

    const r = (await eqx.call("GET", `/fabric/v4/routers/${FCR_SV.uuid}`)).body;
    assert.deepEqual([r.name, r.state, r.location.metroCode, r.connectionsCount], ["sandbox-fcr-sv", "PROVISIONED", "SV", 0]);
    const found = await eqx.call("POST", "/fabric/v4/routers/search", { filter: { and: [{ property: "/location/metroCode", operator: "=", values: ["HK"] }] } });
    assert.deepEqual(found.body.data.map((x: any) => x.name), ["sandbox-fcr-hk"]);
    assert.equal((await eqx.call("GET", "/fabric/v4/routers/00000000-0000-4000-8000-000000000000")).status, 404);

    const devices = (await eqx.call("GET", "/ne/v1/devices")).body;
    assert.deepEqual(devices.content.map((d: any) => d.uuid).sort(), VIRTUAL_DEVICE_SEEDS.map((d) => d.uuid).sort());
    const d = (await eqx.call("GET", `/ne/v1/devices/${EDGE_SV.uuid}`)).body;
    assert.equal(d.status, "PROVISIONED");
    assert.deepEqual(d.interfaces.slice(0, 3).map((i: any) => [i.id, i.type, i.status]), [[1, "MGMT", "ASSIGNED"], [2, "DATA", "AVAILABLE"], [3, "DATA", "AVAILABLE"]]);
    assert.equal((await eqx.call("GET", "/ne/v1/devices/nope")).status, 404);
    assert.equal((await raw(sb.url, "GET", `/ne/v1/devices/${EDGE_SV.uuid}`)).status, 401, "the Network Edge calls need the bearer token too");

    const info = (await admin("GET", "/info")).body.equinix.aSides;
    assert.deepEqual(info.serviceTokens.map((x: any) => x.uuid), SERVICE_TOKEN_SEEDS.map((x) => x.uuid));
    assert.deepEqual(info.cloudRouters.map((x: any) => x.uuid), CLOUD_ROUTER_SEEDS.map((x) => x.uuid));
    assert.deepEqual(info.virtualDevices.map((x: any) => x.uuid), VIRTUAL_DEVICE_SEEDS.map((x) => x.uuid));
    assert.deepEqual(sb.equinix.aSides.cloudRouters.map((x) => x.name), ["sandbox-fcr-sv", "sandbox-fcr-hk"]);
  });

  it("service token: it gives the port and VLAN, is redeemed once; expired, inactive or unknown tokens are refused", async () => {
    const dry = await eqx.create(toAlibaba(token(TOKEN_SV.uuid)), true);
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.equal((await eqx.call("GET", `/fabric/v4/serviceTokens/${TOKEN_SV.uuid}`)).body.state, "ACTIVE", "a dry run redeems nothing");

    const r = await eqx.create(toAlibaba(token(TOKEN_SV.uuid)));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.aSide.serviceToken.uuid, TOKEN_SV.uuid);
    assert.equal(r.body.aSide.accessPoint.type, "COLO");
    assert.equal(r.body.aSide.accessPoint.port.uuid, TOKEN_SV.port.uuid);
    assert.deepEqual(r.body.aSide.accessPoint.linkProtocol, { type: "DOT1Q", vlanTag: 2101 });
    assert.equal(r.body.zSide.accessPoint.linkProtocol.vlanTag, 2101);
    const used = (await eqx.call("GET", `/fabric/v4/serviceTokens/${TOKEN_SV.uuid}`)).body;
    assert.deepEqual([used.state, used.connection.uuid], ["INACTIVE", r.body.uuid]);
    const found = await eqx.search({ filter: { and: [{ property: "/aSide/serviceToken/uuid", operator: "=", values: [TOKEN_SV.uuid] }] } });
    assert.deepEqual(found.body.data.map((c: any) => c.uuid), [r.body.uuid]);

    const again = problem((await eqx.create(toAlibaba(token(TOKEN_SV.uuid)))).body);
    assert.deepEqual(again.slice(0, 2), ["EQ-3142501", "/aSide/serviceToken/uuid"]);
    assert.match(again[2], new RegExp(`already used by connection ${r.body.uuid}`));
    const expired = problem((await eqx.create(toAlibaba(token(TOKEN_EXPIRED.uuid)))).body);
    assert.deepEqual(expired.slice(0, 2), ["EQ-3142501", "/aSide/serviceToken/uuid"]);
    assert.match(expired[2], /it expired at .*only an ACTIVE, unexpired token/);
    assert.deepEqual(problem((await eqx.create(toAlibaba(token("00000000-0000-4000-8000-000000000000")))).body).slice(0, 2), ["EQ-3142301", "/aSide/serviceToken/uuid"]);

    // Deactivated in the portal, then expiring: refused either way; a token past its expiry reads EXPIRED.
    const mine = sb.admin.equinix.createServiceToken({ portUuid: findPort("DC").uuid, vlanTag: 2201, expiresInMs: 3_600_000 });
    sb.admin.equinix.setServiceTokenState(mine, "INACTIVE");
    assert.match(problem((await eqx.create(toAlibaba(token(mine), {}, "DC"))).body)[2], /it is INACTIVE/);
    sb.admin.equinix.setServiceTokenState(mine, "ACTIVE");
    sb.admin.clock.advance(3_600_000);
    await eqx.login(); // an hour on: the OAuth token expired too
    assert.equal((sb.admin.equinix.serviceToken(mine) as any).state, "EXPIRED");
    assert.match(problem((await eqx.create(toAlibaba(token(mine), {}, "DC"))).body)[2], /it expired at/);

    // The token's limits: its bandwidth, its metro (no remote connection), not both a token and an access point.
    const small = sb.admin.equinix.createServiceToken({ portUuid: findPort("SV").uuid, vlanTag: 2202, bandwidthLimit: 200 });
    assert.deepEqual(problem((await eqx.create(toAlibaba(token(small), { bandwidth: 500 }))).body).slice(0, 2), ["EQ-3142306", "/bandwidth"]);
    assert.match(problem((await eqx.create(toAlibaba(token(TOKEN_SV_SEC.uuid), {}, "LD"))).body)[2], /does not allow remote connections: its port is in SV, the Z side in LD/);
    const both = await eqx.create(toAlibaba({ ...token(TOKEN_SV_SEC.uuid), accessPoint: { type: "COLO", port: { uuid: findPort("SV").uuid } } }));
    assert.deepEqual(problem(both.body).slice(0, 2), ["EQ-3142501", "/aSide/accessPoint"]);
    // The token's VLAN is held like any other: a port connection already on it makes the token unusable.
    const squatter = await eqx.create(toAlibaba({ accessPoint: { type: "COLO", port: { uuid: TOKEN_SV_SEC.port.uuid }, linkProtocol: { type: "DOT1Q", vlanTag: 2102 } } }));
    assert.equal(squatter.status, 201);
    assert.deepEqual(problem((await eqx.create(toAlibaba(token(TOKEN_SV_SEC.uuid)))).body).slice(0, 2), ["EQ-3142102", "/aSide/serviceToken/uuid"]);

    // A QINQ token to Alibaba: the C-tag goes to Alibaba; a remote-capable token may reach another metro.
    const hk = await eqx.create(toAlibaba(token(TOKEN_HK.uuid), {}, "SG"));
    assert.equal(hk.status, 201, JSON.stringify(hk.body));
    assert.deepEqual([hk.body.isRemote, hk.body.zSide.accessPoint.linkProtocol.vlanTag], [true, 103]);
  });

  it("cloud router: connections are IP_VC, from a PROVISIONED router; Equinix assigns the VLAN towards Alibaba", async () => {
    const wrongType = problem((await eqx.create(toAlibaba(router(FCR_SV.uuid)))).body);
    assert.deepEqual(wrongType.slice(0, 2), ["EQ-3142501", "/type"]);
    assert.match(wrongType[2], /Fabric Cloud Router is an IP_VC/);
    assert.match(problem((await eqx.create(toAlibaba({ accessPoint: { type: "COLO", port: { uuid: findPort("SV").uuid }, linkProtocol: { type: "DOT1Q", vlanTag: 2301 } } }, { type: "IP_VC" }))).body)[2], /IP_VC connections start at a Fabric Cloud Router/);

    const r1 = await eqx.create(toAlibaba(router(FCR_SV.uuid), { type: "IP_VC" }));
    assert.equal(r1.status, 201, JSON.stringify(r1.body));
    assert.equal(r1.body.type, "IP_VC");
    assert.deepEqual([r1.body.aSide.accessPoint.type, r1.body.aSide.accessPoint.router.uuid, r1.body.aSide.accessPoint.router.name], ["CLOUD_ROUTER", FCR_SV.uuid, "sandbox-fcr-sv"]);
    const r2 = await eqx.create(toAlibaba(router(FCR_SV.uuid), { type: "IP_VC" }));
    const vlans = [r1.body.zSide.accessPoint.linkProtocol.vlanTag, r2.body.zSide.accessPoint.linkProtocol.vlanTag];
    assert.ok(vlans.every((v) => Number.isInteger(v) && v >= 2 && v < 3000) && vlans[0] !== vlans[1], `two distinct assigned VLANs: ${vlans}`);
    assert.equal((await eqx.call("GET", `/fabric/v4/routers/${FCR_SV.uuid}`)).body.connectionsCount, 2);
    const found = await eqx.search({ filter: { and: [{ property: "/aSide/accessPoint/router/uuid", operator: "=", values: [FCR_SV.uuid] }] } });
    assert.equal(found.body.data.length, 2);

    const building = sb.admin.equinix.createCloudRouter({ metroCode: "SV", state: "PROVISIONING" });
    assert.match(problem((await eqx.create(toAlibaba(router(building), { type: "IP_VC" }))).body)[2], /is PROVISIONING; connections can be created from a PROVISIONED router only/);
    sb.admin.equinix.setCloudRouterState(building, "PROVISIONED");
    assert.equal((await eqx.create(toAlibaba(router(building), { type: "IP_VC" }))).status, 201);
    assert.deepEqual(problem((await eqx.create(toAlibaba(router("00000000-0000-4000-8000-000000000000"), { type: "IP_VC" }))).body).slice(0, 2), ["EQ-3142301", "/aSide/accessPoint/router/uuid"]);
  });

  it("virtual device: the next free interface, or the one asked for if free; a PROVISIONED device only; interfaces come back after deprovisioning", async () => {
    const dev = sb.admin.equinix.createVirtualDevice({ metroCode: "SV", interfaceCount: 4 });
    const a = await eqx.create(toAlibaba(device(dev)));
    assert.equal(a.status, 201, JSON.stringify(a.body));
    assert.deepEqual([a.body.aSide.accessPoint.type, a.body.aSide.accessPoint.virtualDevice.uuid, a.body.aSide.accessPoint.interface.id], ["VD", dev, 2]);
    const b = await eqx.create(toAlibaba(device(dev, 4)));
    assert.equal(b.body.aSide.accessPoint.interface.id, 4);
    const taken = problem((await eqx.create(toAlibaba(device(dev, 4)))).body);
    assert.deepEqual(taken.slice(0, 2), ["EQ-3142501", "/aSide/accessPoint/interface/id"]);
    assert.match(taken[2], new RegExp(`already used by connection ${b.body.uuid}`));
    assert.match(problem((await eqx.create(toAlibaba(device(dev, 1)))).body)[2], /has no data interface 1 \(data interfaces: 2\.\.4\)/);
    const c = await eqx.create(toAlibaba(device(dev)));
    assert.equal(c.body.aSide.accessPoint.interface.id, 3);
    assert.match(problem((await eqx.create(toAlibaba(device(dev)))).body)[2], /has no free interface left/);
    const ne = (await eqx.call("GET", `/ne/v1/devices/${dev}`)).body;
    assert.deepEqual(ne.interfaces.map((i: any) => i.status), ["ASSIGNED", "ASSIGNED", "ASSIGNED", "ASSIGNED"]);
    const found = await eqx.search({ filter: { and: [{ property: "/aSide/accessPoint/virtualDevice/uuid", operator: "=", values: [dev] }] } });
    assert.equal(found.body.data.length, 3);

    // Deleted (before Alibaba accepts it): the interface is free once the connection is DEPROVISIONED.
    sb.admin.clock.advance(200 * SCALE);
    assert.equal((await eqx.del(b.body.uuid)).status, 200);
    assert.match(problem((await eqx.create(toAlibaba(device(dev, 4)))).body)[2], /already used/, "still held while DEPROVISIONING");
    sb.admin.clock.advance(200 * SCALE);
    assert.equal((await eqx.create(toAlibaba(device(dev, 4)))).status, 201);

    const off = sb.admin.equinix.createVirtualDevice({ metroCode: "SV", status: "PROVISIONING" });
    assert.match(problem((await eqx.create(toAlibaba(device(off)))).body)[2], /is PROVISIONING; connections can be created from a PROVISIONED device only/);
    assert.deepEqual(problem((await eqx.create(toAlibaba(device("00000000-0000-4000-8000-000000000000")))).body).slice(0, 2), ["EQ-3142301", "/aSide/accessPoint/virtualDevice/uuid"]);
  });

  it("each A side's connection to Alibaba makes a hosted connection on the VLAN Fabric shows towards Alibaba", async () => {
    const account = sb.alibaba.accountId;
    const withAccount = (body: Record<string, any>) => {
      body.zSide.accessPoint.authenticationKey = account;
      return body;
    };
    const tok = sb.admin.equinix.createServiceToken({ portUuid: findPort("SV", "QINQ").uuid, vlanSTag: 2401, vlanCTag: 401 });
    const bodies = [
      withAccount(toAlibaba(token(tok))),
      withAccount(toAlibaba(router(CLOUD_ROUTER_SEEDS[1].uuid), { type: "IP_VC" }, "HK")),
      withAccount(toAlibaba(device(VIRTUAL_DEVICE_SEEDS[1].uuid), {}, "HK")),
    ];
    const ids: string[] = [];
    for (const b of bodies) {
      const r = await eqx.create(b);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      ids.push(r.body.uuid);
    }
    sb.admin.clock.advance(200 * SCALE);
    for (const id of ids) {
      const c = (await eqx.get(id)).body;
      assert.equal(c.operation.providerStatus, "PENDING_APPROVAL");
      const pc = sb.admin.alibaba.connection(c.zSide.accessPoint.providerConnectionId) as Record<string, any>;
      assert.equal(pc.VpconnStatus, "UnConfirmed");
      assert.equal(Number(pc.VlanId), c.zSide.accessPoint.linkProtocol.vlanTag);
    }
    assert.equal(Number((sb.admin.alibaba.connection((await eqx.get(ids[0])).body.zSide.accessPoint.providerConnectionId) as any).VlanId), 401, "a QINQ token: the C-tag");
  });

  it("admin over HTTP: create, read and change tokens, routers and devices; bad input names the field, unknown uuids are 404", async () => {
    const t = await admin("POST", "/equinix/serviceTokens", { portUuid: findPort("LD").uuid, vlanTag: 2501, name: "http-token" });
    assert.equal(t.status, 200, JSON.stringify(t.body));
    assert.equal((await eqx.call("GET", `/fabric/v4/serviceTokens/${t.body.uuid}`)).body.name, "http-token");
    assert.equal((await admin("POST", `/equinix/serviceTokens/${t.body.uuid}/expire`)).status, 200);
    assert.equal((await admin("GET", `/equinix/serviceTokens/${t.body.uuid}`)).body.state, "EXPIRED");
    assert.equal((await admin("POST", `/equinix/serviceTokens/${t.body.uuid}/state`, { state: "DELETED" })).status, 200);
    assert.equal((await eqx.call("GET", `/fabric/v4/serviceTokens/${t.body.uuid}`)).status, 404, "a deleted token is gone");
    const bad = await admin("POST", "/equinix/serviceTokens", { portUuid: findPort("LD").uuid, vlanTag: 5000 });
    assert.equal(bad.status, 400);
    assert.match(bad.body.error, /vlanTag must be a whole number between 2 and 4092/);
    assert.match((await admin("POST", "/equinix/serviceTokens", { portUuid: findPort("HK", "QINQ").uuid, vlanTag: 10 })).body.error, /is QINQ: give vlanSTag/);
    assert.equal((await admin("POST", "/equinix/serviceTokens/00000000-0000-4000-8000-000000000000/state", { state: "ACTIVE" })).status, 404);

    const r = await admin("POST", "/equinix/cloudRouters", { metroCode: "FR", name: "http-fcr" });
    assert.equal((await eqx.call("GET", `/fabric/v4/routers/${r.body.uuid}`)).body.name, "http-fcr");
    assert.match((await admin("POST", `/equinix/cloudRouters/${r.body.uuid}/state`, { state: "BROKEN" })).body.error, /state must be one of PROVISIONED, /);
    assert.equal((await admin("POST", `/equinix/cloudRouters/${r.body.uuid}/state`, { state: "DEPROVISIONED" })).status, 200);
    assert.equal((await admin("GET", `/equinix/cloudRouters/${r.body.uuid}`)).body.state, "DEPROVISIONED");
    assert.match((await admin("POST", "/equinix/cloudRouters", { metroCode: "XX" })).body.error, /metroCode must be a sandbox metro/);

    const d = await admin("POST", "/equinix/virtualDevices", { metroCode: "TY", interfaceCount: 3 });
    assert.equal((await eqx.call("GET", `/ne/v1/devices/${d.body.uuid}`)).body.interfaces.length, 3);
    assert.equal((await admin("POST", `/equinix/virtualDevices/${d.body.uuid}/status`, { status: "FAILED" })).status, 200);
    assert.equal((await eqx.call("GET", "/ne/v1/devices?statusList=FAILED")).body.content.length, 1);
    assert.equal((await admin("GET", "/equinix/virtualDevices/00000000-0000-4000-8000-000000000000")).status, 404);
    assert.match((await admin("POST", "/equinix/virtualDevices", { metroCode: "TY", interfaceCount: 1 })).body.error, /interfaceCount must be a whole number between 2 and 24/);
  });
});
