import assert from "assert";
import type { Sandbox } from "../../sandbox";
import { alibabaBody, codes, findPort, nextVlan, PRIVATE_PROFILE_UUID, selfBody, withSandbox, type Eqx, SCALE } from "./helpers";

const qinqA = (sTag?: number, cTag?: number, metro = "SV") => ({
  accessPoint: { type: "COLO", port: { uuid: findPort(metro, "QINQ").uuid }, linkProtocol: { type: "QINQ", ...(sTag ? { vlanSTag: sTag } : {}), ...(cTag ? { vlanCTag: cTag } : {}) } },
});

describe("sandbox: Fabric v4 validation errors", () => {
  let sb: Sandbox;
  let eqx: Eqx;
  before(async () => ({ sb, eqx } = await withSandbox()));
  after(() => sb.stop());

  const expect = async (body: unknown, code: string, property?: string | RegExp) => {
    const r = await eqx.create(body);
    assert.strictEqual(r.status, 400, JSON.stringify(r.body));
    assert.ok(codes(r.body).includes(code), `${code} expected in ${JSON.stringify(r.body)}`);
    const e = r.body.find((x: any) => x.errorCode === code);
    for (const k of ["errorCode", "errorMessage", "correlationId"]) assert.strictEqual(typeof e[k], "string", k);
    if (property) {
      const props = e.additionalInfo.map((a: any) => a.property);
      assert.ok(props.some((p: string) => (property instanceof RegExp ? property.test(p) : p === property)), `${property} in ${props}`);
      assert.strictEqual(typeof e.additionalInfo[0].reason, "string");
    }
    return r.body;
  };

  it("duplicate VLAN on a port: EQ-3142102", async () => {
    const a = alibabaBody();
    assert.strictEqual((await eqx.create(a)).status, 201);
    await expect(alibabaBody({ aSide: a.aSide }), "EQ-3142102", "/aSide/accessPoint/linkProtocol");
  });

  it("VLAN outside 2..4092, DOT1Q without vlanTag, wrong link protocol type: EQ-3142501", async () => {
    for (const vlanTag of [1, 4093, 5000]) {
      await expect(alibabaBody({ aSide: { accessPoint: { type: "COLO", port: { uuid: findPort("SV").uuid }, linkProtocol: { type: "DOT1Q", vlanTag } } } }), "EQ-3142501", "/aSide/accessPoint/linkProtocol/vlanTag");
    }
    await expect(alibabaBody({ aSide: { accessPoint: { type: "COLO", port: { uuid: findPort("SV").uuid }, linkProtocol: { type: "DOT1Q" } } } }), "EQ-3142501", "/aSide/accessPoint/linkProtocol/vlanTag");
    await expect(alibabaBody({ aSide: { accessPoint: { type: "COLO", port: { uuid: findPort("SV").uuid }, linkProtocol: { type: "QINQ", vlanSTag: 10 } } } }), "EQ-3142501", "/aSide/accessPoint/linkProtocol/type");
  });

  it("QINQ needs vlanSTag, and vlanCTag towards a DOT1Q service profile or port", async () => {
    await expect(alibabaBody({ aSide: qinqA(undefined, 5) }), "EQ-3142501", "/aSide/accessPoint/linkProtocol/vlanSTag");
    await expect(alibabaBody({ aSide: qinqA(nextVlan()) }), "EQ-3142501", "/aSide/accessPoint/linkProtocol/vlanCTag");
    assert.strictEqual((await eqx.create(alibabaBody({ aSide: qinqA(nextVlan(), 33) }))).status, 201);
    // QINQ -> QINQ port: S-tag only on each side.
    const qq = selfBody({ aSide: qinqA(nextVlan(), undefined, "DC"), zSide: { accessPoint: { type: "COLO", port: { uuid: findPort("DC", "QINQ", "SECONDARY").uuid }, linkProtocol: { type: "QINQ", vlanSTag: nextVlan() } } } });
    assert.strictEqual((await eqx.create(qq)).status, 201);
    // DOT1Q -> QINQ port: the Z side needs S-tag and C-tag.
    const dq = selfBody({ zSide: { accessPoint: { type: "COLO", port: { uuid: findPort("DC", "QINQ", "SECONDARY").uuid }, linkProtocol: { type: "QINQ", vlanSTag: nextVlan() } } } });
    await expect(dq, "EQ-3142501", "/zSide/accessPoint/linkProtocol/vlanCTag");
  });

  it("unknown port or profile: EQ-3142301", async () => {
    await expect(alibabaBody({ aSide: { accessPoint: { type: "COLO", port: { uuid: "00000000-0000-4000-8000-000000000001" }, linkProtocol: { type: "DOT1Q", vlanTag: 10 } } } }), "EQ-3142301", "/aSide/accessPoint/port/uuid");
    const body = alibabaBody();
    body.zSide.accessPoint.profile.uuid = "00000000-0000-4000-8000-000000000002";
    await expect(body, "EQ-3142301", "/zSide/accessPoint/profile/uuid");
    await expect(selfBody({ zSide: { accessPoint: { type: "COLO", port: { uuid: "00000000-0000-4000-8000-000000000003" }, linkProtocol: { type: "DOT1Q", vlanTag: 10 } } } }), "EQ-3142301", "/zSide/accessPoint/port/uuid");
  });

  it("metro not served by the profile: EQ-3142302; seller region must match the metro", async () => {
    const body = alibabaBody();
    body.zSide.accessPoint.location.metroCode = "AM";
    await expect(body, "EQ-3142302", "/zSide/accessPoint/location/metroCode");
    const b2 = alibabaBody();
    b2.zSide.accessPoint.sellerRegion = "eu-central-1";
    await expect(b2, "EQ-3142302", "/zSide/accessPoint/sellerRegion");
  });

  it("bandwidth not supported by the profile: EQ-3142306", async () => {
    await expect(alibabaBody({ bandwidth: 100 }), "EQ-3142306", "/bandwidth");
  });

  it("Alibaba needs the authentication key (account id): EQ-3142308", async () => {
    const body = alibabaBody();
    delete body.zSide.accessPoint.authenticationKey;
    await expect(body, "EQ-3142308", "/zSide/accessPoint/authenticationKey");
  });

  it("name required, at most 50 characters; type, notifications, termLength: EQ-3142501", async () => {
    await expect(alibabaBody({ name: undefined }), "EQ-3142501", "/name");
    await expect(alibabaBody({ name: "x".repeat(51) }), "EQ-3142501", "/name");
    assert.strictEqual((await eqx.create(alibabaBody({ name: "y".repeat(50) }))).status, 201);
    await expect(alibabaBody({ type: "NOPE" }), "EQ-3142501", "/type");
    await expect(alibabaBody({ notifications: [] }), "EQ-3142501", "/notifications");
    await expect(alibabaBody({ notifications: [{ type: "ALL", emails: ["not-an-email"] }] }), "EQ-3142501", /\/notifications\/0\/emails/);
    await expect(alibabaBody({ order: { termLength: 5 } }), "EQ-3142501", "/order/termLength");
  });

  it("all errors of a request are returned together", async () => {
    const body = alibabaBody({ name: "", bandwidth: 75 });
    delete body.zSide.accessPoint.authenticationKey;
    const errs = await expect(body, "EQ-3142501");
    assert.deepStrictEqual(codes(errs).sort(), ["EQ-3142306", "EQ-3142308", "EQ-3142501"]);
  });

  it("redundancy: SECONDARY needs the primary's group, one per group, same profile", async () => {
    const primary = (await eqx.create(alibabaBody())).body;
    const group = primary.redundancy.group;
    const secondaryAside = () => ({ accessPoint: { type: "COLO", port: { uuid: findPort("SV", "DOT1Q", "SECONDARY").uuid }, linkProtocol: { type: "DOT1Q", vlanTag: nextVlan() } } });
    await expect(alibabaBody({ aSide: secondaryAside(), redundancy: { priority: "SECONDARY" } }), "EQ-3142514", "/redundancy/group");
    await expect(alibabaBody({ aSide: secondaryAside(), redundancy: { priority: "SECONDARY", group: "11111111-1111-4111-8111-111111111111" } }), "EQ-3142515", "/redundancy/group");
    await expect(alibabaBody({ aSide: secondaryAside(), redundancy: { priority: "TERTIARY" } }), "EQ-3142517", "/redundancy/priority");
    const wrongProfile = selfBody({ aSide: secondaryAside(), zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: PRIVATE_PROFILE_UUID }, location: { metroCode: "SV" } } }, redundancy: { priority: "SECONDARY", group } });
    await expect(wrongProfile, "EQ-3142320", "/zSide/accessPoint/profile/uuid");
    const ok = await eqx.create(alibabaBody({ aSide: secondaryAside(), redundancy: { priority: "SECONDARY", group } }));
    assert.strictEqual(ok.status, 201, JSON.stringify(ok.body));
    assert.deepStrictEqual(ok.body.redundancy, { group, priority: "SECONDARY" });
    await expect(alibabaBody({ aSide: secondaryAside(), redundancy: { priority: "SECONDARY", group } }), "EQ-3142516", "/redundancy/priority");
  });

  it("a private-profile connection is auto-approved like a port-to-port one", async () => {
    const r = await eqx.create(selfBody({ zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: PRIVATE_PROFILE_UUID }, location: { metroCode: "DC" } } } }));
    assert.strictEqual(r.status, 201, JSON.stringify(r.body));
    sb.admin.clock.advance(1000 * SCALE);
    assert.strictEqual((await eqx.get(r.body.uuid)).body.operation.providerStatus, "AVAILABLE");
  });
});
