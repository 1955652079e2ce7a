/**
 * Contract: every response the sandbox sends on the Equinix paths validates against the official
 * schemas (Fabric v4 OpenAPI and the OAuth spec), as derived into test/fixtures/specs/equinix by
 * scripts/derive-fixtures.js.
 */
import assert from "assert";
import type { Sandbox } from "../../sandbox";
import { alibabaBody, codes, findPort, nextVlan, PRIVATE_PROFILE_UUID, raw, selfBody, withSandbox, type Eqx, SCALE } from "../sandbox/helpers";
import { ALIBABA_PROFILE_UUID } from "../../sandbox/equinix";
import { buildFabricValidators, type FabricValidators } from "./fabricSchemas";

describe("contract: Equinix sandbox responses validate against the official schemas", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let eqx: Eqx;
  let v: FabricValidators;
  let checked = 0;

  const check = (schema: string, body: unknown, oauth = false) => {
    const fn = oauth ? v.oauth(schema) : v.validator(schema);
    const ok = fn(body);
    assert.ok(ok, `${schema}: ${JSON.stringify(fn.errors?.slice(0, 5), null, 1)}\n${JSON.stringify(body).slice(0, 1500)}`);
    checked++;
  };
  /** 2xx: the given schema; otherwise the ErrorList. */
  const checkReply = (r: { status: number; body: unknown }, schema: string) => check(r.status < 300 ? schema : "ErrorList", r.body);

  before(async () => {
    v = buildFabricValidators();
    ({ sb, eqx } = await withSandbox());
  });
  after(async () => {
    await sb.stop();
    assert.ok(checked > 40, `only ${checked} responses checked`);
  });

  it("the validators reject what the spec forbids (so the checks below mean something)", () => {
    assert.strictEqual(v.validator("ErrorList")([{ errorCode: "ERR-UAA-003-00", errorMessage: "x" }]), false);
    assert.strictEqual(v.validator("ErrorList")([{ errorMessage: "no code" }]), false);
    assert.strictEqual(v.validator("Connection")({ type: "EVPL_VC", name: "n", bandwidth: 50, aSide: {}, zSide: {}, state: "BOGUS" }), false);
    assert.strictEqual(v.validator("Connection")({ type: "EVPL_VC", name: "n", bandwidth: 50, aSide: {}, zSide: {}, state: "PROVISIONED" }), true);
    assert.strictEqual(v.validator("Connection")({ type: "EVPL_VC", name: "n", bandwidth: 50, aSide: { accessPoint: { linkProtocol: { type: "DOT1Q", vlanTag: 4093 } } }, zSide: {} }), false);
    assert.strictEqual(v.validator("Port")({ uuid: "not-a-uuid" }), false);
    assert.strictEqual(v.oauth("Oauth2TokenResponse")({ access_token: "a", token_timeout: 3599, user_name: "u", token_type: "Bearer" }), false);
  });

  it("OAuth: token and error bodies", async () => {
    const ok = await raw(sb.url, "POST", "/oauth2/v1/token", { grant_type: "client_credentials", client_id: sb.equinix.clientId, client_secret: sb.equinix.clientSecret });
    check("Oauth2TokenResponse", ok.body, true);
    const bad = await raw(sb.url, "POST", "/oauth2/v1/token", { grant_type: "client_credentials", client_id: "x", client_secret: "y" });
    assert.strictEqual(bad.status, 400);
    check("Oauth2TokenErrorResponse", bad.body, true);
    const noAuth = await raw(sb.url, "GET", "/fabric/v4/ports");
    assert.strictEqual(noAuth.status, 401);
    check("ErrorList", noAuth.body);
  });

  it("ports and service profiles", async () => {
    checkReply(await eqx.call("GET", "/fabric/v4/ports"), "AllPortsResponse");
    checkReply(await eqx.call("POST", "/fabric/v4/ports/search", { filter: { and: [{ property: "/location/metroCode", operator: "=", values: ["SV"] }] } }), "AllPortsResponse");
    checkReply(await eqx.call("GET", `/fabric/v4/ports/${findPort("SG").uuid}`), "Port");
    checkReply(await eqx.call("GET", `/fabric/v4/ports/${findPort("LD", "QINQ", "SECONDARY").uuid}`), "Port");
    checkReply(await eqx.call("GET", "/fabric/v4/ports/00000000-0000-4000-8000-000000000000"), "Port");
    checkReply(await eqx.call("GET", "/fabric/v4/serviceProfiles"), "ServiceProfiles");
    checkReply(await eqx.call("GET", `/fabric/v4/serviceProfiles/${ALIBABA_PROFILE_UUID}`), "ServiceProfile");
    checkReply(await eqx.call("GET", `/fabric/v4/serviceProfiles/${PRIVATE_PROFILE_UUID}`), "ServiceProfile");
    checkReply(await eqx.call("GET", "/fabric/v4/serviceProfiles/00000000-0000-4000-8000-000000000000"), "ServiceProfile");
  });

  it("a self connection through every state, PATCH and DELETE", async () => {
    const dry = await eqx.create(selfBody(), true);
    assert.strictEqual(dry.status, 200);
    checkReply(dry, "Connection");
    const r = await eqx.create(selfBody());
    assert.strictEqual(r.status, 201);
    checkReply(r, "Connection");
    for (const step of [100, 200, 0]) {
      sb.admin.clock.advance(step * SCALE);
      checkReply(await eqx.get(r.body.uuid), "Connection");
    }
    const p = await eqx.patch(r.body.uuid, [
      { op: "replace", path: "/name", value: "contract-renamed" },
      { op: "replace", path: "/aSide/accessPoint/linkProtocol/vlanTag", value: nextVlan() },
    ]);
    assert.strictEqual(p.status, 202);
    checkReply(p, "Connection");
    checkReply(await eqx.patch(r.body.uuid, [{ op: "replace", path: "/name", value: "busy" }]), "Connection");
    sb.admin.clock.advance(500 * SCALE);
    checkReply(await eqx.get(r.body.uuid), "Connection");
    const d = await eqx.del(r.body.uuid);
    assert.strictEqual(d.status, 200);
    checkReply(d, "Connection");
    checkReply(await eqx.del(r.body.uuid), "Connection");
    sb.admin.clock.advance(500 * SCALE);
    checkReply(await eqx.get(r.body.uuid), "Connection");
    checkReply(await eqx.get("00000000-0000-4000-8000-000000000000"), "Connection");
    checkReply(await eqx.get("not-a-uuid"), "Connection");
  });

  it("an Alibaba connection through every state, including the relayed refusal to delete", async () => {
    const r = await eqx.create(alibabaBody({ aSide: { accessPoint: { type: "COLO", port: { uuid: findPort("HK", "QINQ").uuid }, linkProtocol: { type: "QINQ", vlanSTag: nextVlan(), vlanCTag: 12 } } } }, "HK"));
    assert.strictEqual(r.status, 201, JSON.stringify(r.body));
    checkReply(r, "Connection");
    sb.admin.clock.advance(300 * SCALE);
    checkReply(await eqx.get(r.body.uuid), "Connection");
    sb.world.equinix.setProviderConnectionId(r.body.uuid, "pc-j6c2sxpt6r0cx2m5tk3k0");
    sb.admin.equinix.providerAccept(r.body.uuid);
    checkReply(await eqx.get(r.body.uuid), "Connection");
    sb.admin.clock.advance(300 * SCALE);
    const active = await eqx.get(r.body.uuid);
    assert.strictEqual(active.body.operation.providerStatus, "PROVISIONED");
    checkReply(active, "Connection");
    const refused = await eqx.del(r.body.uuid);
    assert.deepStrictEqual(codes(refused.body), ["ERR-UAA-003-00"]);
    check("ErrorListRelayed", refused.body);
    sb.world.equinix.equinixProviderDeleted(r.body.uuid);
    checkReply(await eqx.get(r.body.uuid), "Connection");
    sb.admin.clock.advance(300 * SCALE);
    checkReply(await eqx.get(r.body.uuid), "Connection");
    sb.admin.equinix.rejectNext();
    const rej = await eqx.create(alibabaBody());
    sb.admin.clock.advance(300 * SCALE);
    const failed = await eqx.get(rej.body.uuid);
    assert.strictEqual(failed.body.state, "FAILED");
    checkReply(failed, "Connection");
  });

  it("search responses", async () => {
    for (let i = 0; i < 3; i++) await eqx.create(alibabaBody({ name: `contract-search-${i}` }));
    const s = await eqx.search({ filter: { and: [{ property: "/name", operator: "LIKE", values: ["contract-search-%"] }] }, pagination: { offset: 1, limit: 1 } });
    assert.strictEqual(s.body.data.length, 1);
    checkReply(s, "ConnectionSearchResponse");
    checkReply(await eqx.search({}), "ConnectionSearchResponse");
    checkReply(await eqx.search({ pagination: { limit: 500 } }), "ConnectionSearchResponse");
  });

  it("every validation error and every fault body is an ErrorList", async () => {
    const bodies: unknown[] = [
      alibabaBody({ name: "" }),
      alibabaBody({ bandwidth: 10 }),
      alibabaBody({ redundancy: { priority: "SECONDARY" } }),
      alibabaBody({ redundancy: { priority: "SECONDARY", group: "nope" } }),
      selfBody({ zSide: { accessPoint: { type: "COLO", port: { uuid: findPort("DC", "QINQ").uuid }, linkProtocol: { type: "QINQ", vlanSTag: 5 } } } }),
      { ...alibabaBody(), zSide: { accessPoint: { type: "SP", profile: { uuid: ALIBABA_PROFILE_UUID }, location: { metroCode: "AM" } } } },
      { nonsense: true },
      [],
    ];
    for (const b of bodies) {
      const r = await eqx.create(b);
      assert.strictEqual(r.status, 400, JSON.stringify(r.body));
      check("ErrorList", r.body);
    }
    const dup = alibabaBody();
    await eqx.create(dup);
    check("ErrorList", (await eqx.create(alibabaBody({ aSide: dup.aSide }))).body);
    for (const [status, retry] of [[429, 2], [500, undefined], [503, 1]] as const) {
      sb.admin.injectFault({ api: "equinix", path: "^/fabric/", times: 1, fault: { kind: "status", status, retryAfterSeconds: retry } });
      const r = await eqx.call("GET", "/fabric/v4/ports");
      assert.strictEqual(r.status, status);
      check("ErrorList", r.body);
    }
    check("ErrorList", (await eqx.call("GET", "/fabric/v4/unknown")).body);
    check("ErrorList", (await eqx.call("POST", "/fabric/v4/connections", "{", "application/json")).body);
  });
});
