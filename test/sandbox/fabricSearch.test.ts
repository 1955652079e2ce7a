import assert from "assert";
import type { Sandbox } from "../../sandbox";
import { ALIBABA_PROFILE_UUID, codes, findPort, PRIVATE_PROFILE_UUID, alibabaBody, selfBody, withSandbox, type Eqx } from "./helpers";
import { PORTS } from "../../sandbox/equinix";

describe("sandbox: search, ports, service profiles", () => {
  let sb: Sandbox;
  let eqx: Eqx;
  const made: any[] = [];
  before(async () => {
    ({ sb, eqx } = await withSandbox());
    for (let i = 0; i < 5; i++) made.push((await eqx.create(alibabaBody({ name: `ali-${i}` }, i % 2 ? "SV" : "HK"))).body);
    for (let i = 0; i < 3; i++) made.push((await eqx.create(selfBody({ name: `self-${i}` }))).body);
  });
  after(() => sb.stop());

  const names = (r: any) => r.body.data.map((c: any) => c.name).sort();

  it("filters with =, IN and LIKE on several properties", async () => {
    assert.deepStrictEqual(names(await eqx.search({ filter: { and: [{ property: "/name", operator: "=", values: ["ali-3"] }] } })), ["ali-3"]);
    assert.deepStrictEqual(names(await eqx.search({ filter: { and: [{ property: "/uuid", operator: "IN", values: [made[0].uuid, made[5].uuid] }] } })), ["ali-0", "self-0"]);
    assert.deepStrictEqual(names(await eqx.search({ filter: { and: [{ property: "/name", operator: "LIKE", values: ["self-%"] }] } })), ["self-0", "self-1", "self-2"]);
    const onPort = await eqx.search({ filter: { and: [{ property: "/aSide/accessPoint/port/uuid", operator: "=", values: [findPort("HK").uuid] }] } });
    assert.deepStrictEqual(names(onPort), ["ali-0", "ali-2", "ali-4"]);
    const vlan = made[1].aSide.accessPoint.linkProtocol.vlanTag;
    const byVlan = await eqx.search({ filter: { and: [{ property: "/aSide/accessPoint/port/uuid", operator: "=", values: [findPort("SV").uuid] }, { property: "/aSide/accessPoint/linkProtocol/vlanTag", operator: "=", values: [String(vlan)] }] } });
    assert.deepStrictEqual(names(byVlan), ["ali-1"]);
    const byProfile = await eqx.search({ filter: { and: [{ property: "/zSide/accessPoint/profile/uuid", operator: "=", values: [ALIBABA_PROFILE_UUID] }] } });
    assert.strictEqual(byProfile.body.pagination.total, 5);
    const byStatus = await eqx.search({ filter: { and: [{ property: "/operation/equinixStatus", operator: "=", values: ["PENDING_AUTO_APPROVAL"] }] } });
    assert.deepStrictEqual(names(byStatus), ["self-0", "self-1", "self-2"]);
    const byGroup = await eqx.search({ filter: { and: [{ property: "/redundancy/group", operator: "=", values: [made[2].redundancy.group] }] } });
    assert.deepStrictEqual(names(byGroup), ["ali-2"]);
  });

  it("paginates with offset/limit (limit <= 100) and sorts", async () => {
    const p1 = await eqx.search({ filter: { and: [{ property: "/name", operator: "LIKE", values: ["%-%"] }] }, pagination: { offset: 0, limit: 3 }, sort: [{ property: "/name", direction: "ASC" }] });
    assert.strictEqual(p1.status, 200);
    assert.deepStrictEqual(p1.body.pagination.total, 8);
    assert.deepStrictEqual(p1.body.data.map((c: any) => c.name), ["ali-0", "ali-1", "ali-2"]);
    assert.strictEqual(typeof p1.body.pagination.next, "string");
    assert.strictEqual(p1.body.pagination.previous, undefined);
    const p3 = await eqx.search({ pagination: { offset: 6, limit: 3 }, sort: [{ property: "/name", direction: "DESC" }] });
    assert.deepStrictEqual(p3.body.data.map((c: any) => c.name), ["ali-1", "ali-0"]);
    assert.strictEqual(p3.body.pagination.next, undefined);
    assert.strictEqual(typeof p3.body.pagination.previous, "string");
    const tooMany = await eqx.search({ pagination: { limit: 101 } });
    assert.strictEqual(tooMany.status, 400);
    assert.deepStrictEqual(codes(tooMany.body), ["EQ-3142501"]);
    const badOp = await eqx.search({ filter: { and: [{ property: "/name", operator: "SOUNDS LIKE", values: ["x"] }] } });
    assert.strictEqual(badOp.status, 400);
  });

  it("lists ports in several metros, DOT1Q and QINQ, PRIMARY and SECONDARY, with stable uuids", async () => {
    const r = await eqx.call("GET", "/fabric/v4/ports");
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.body.data.length, PORTS.length);
    const metros = new Set(r.body.data.map((p: any) => p.location.metroCode));
    for (const m of ["SV", "DC", "SG", "HK", "FR", "LD", "TY"]) assert.ok(metros.has(m), m);
    assert.ok(r.body.data.some((p: any) => p.encapsulation.type === "QINQ" && p.redundancy.priority === "SECONDARY"));
    assert.deepStrictEqual(sb.world.equinix.ports.map((p) => p.uuid), PORTS.map((p) => p.uuid));
    const one = await eqx.call("GET", `/fabric/v4/ports/${findPort("HK").uuid}`);
    assert.strictEqual(one.body.name, findPort("HK").name);
    assert.ok(one.body.usedBandwidth >= 150);
    assert.strictEqual((await eqx.call("GET", "/fabric/v4/ports/00000000-0000-4000-8000-000000000000")).status, 404);
    const byName = await eqx.call("GET", `/fabric/v4/ports?name=${encodeURIComponent(findPort("TY").name)}`);
    assert.strictEqual(byName.body.data.length, 1);
    const s = await eqx.call("POST", "/fabric/v4/ports/search", { filter: { and: [{ property: "/location/metroCode", operator: "=", values: ["LD"] }] } });
    assert.strictEqual(s.body.data.length, 4);
  });

  it("serves the Alibaba and private service profiles", async () => {
    const list = await eqx.call("GET", "/fabric/v4/serviceProfiles");
    assert.deepStrictEqual(list.body.data.map((p: any) => p.uuid).sort(), [ALIBABA_PROFILE_UUID, PRIVATE_PROFILE_UUID].sort());
    const ali = (await eqx.call("GET", `/fabric/v4/serviceProfiles/${ALIBABA_PROFILE_UUID}`)).body;
    assert.strictEqual(ali.name, "Alibaba Cloud Express Connect");
    assert.deepStrictEqual(ali.accessPointTypeConfigs[0].supportedBandwidths, [50, 200, 500, 1000]);
    assert.strictEqual(ali.accessPointTypeConfigs[0].authenticationKey.required, true);
    const regions = Object.fromEntries(ali.metros.map((m: any) => [m.code, Object.keys(m.sellerRegions)[0]]));
    assert.deepStrictEqual(regions, { HK: "cn-hongkong", SG: "ap-southeast-1", TY: "ap-northeast-1", DC: "us-east-1", SV: "us-west-1", FR: "eu-central-1", LD: "eu-west-1" });
    assert.strictEqual((await eqx.call("GET", "/fabric/v4/serviceProfiles/00000000-0000-4000-8000-000000000000")).status, 404);
  });
});
