/**
 * Contract: the sandbox's answers about A sides besides ports (service tokens, Fabric Cloud Routers, and
 * connections from a token, a router or a Network Edge device) validate against the Fabric v4 schemas,
 * as derived into test/fixtures/specs/equinix.
 */
import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { CLOUD_ROUTER_SEEDS, SERVICE_TOKEN_SEEDS, VIRTUAL_DEVICE_SEEDS } from "../../sandbox/equinix";
import { ALIBABA_PROFILE_UUID, findPort, SCALE, withSandbox, type Eqx } from "../sandbox/helpers";
import { buildFabricValidators, type FabricValidators } from "./fabricSchemas";

describe("contract: service tokens, cloud routers and connections from them validate against the Fabric v4 schemas", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let eqx: Eqx;
  let v: FabricValidators;
  let checked = 0;

  const check = (schema: string, body: unknown) => {
    const fn = v.validator(schema);
    assert.ok(fn(body), `${schema}: ${JSON.stringify(fn.errors?.slice(0, 5), null, 1)}\n${JSON.stringify(body).slice(0, 1500)}`);
    checked++;
  };
  /** A list answer: `{pagination: Pagination, data: item[]}`, the shape of the spec's ServiceTokens and SearchResponse. */
  const checkList = (body: any, item: string) => {
    check("Pagination", body.pagination);
    assert.ok(Array.isArray(body.data) && body.data.length > 0);
    for (const x of body.data) check(item, x);
  };
  const toAlibaba = (name: string, aSide: unknown, type = "EVPL_VC", metro = "SV") => ({
    type,
    name,
    bandwidth: 50,
    notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
    aSide,
    zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: ALIBABA_PROFILE_UUID }, location: { metroCode: metro }, sellerRegion: "us-west-1", authenticationKey: sb.alibaba.accountId } },
  });

  before(async () => {
    v = buildFabricValidators();
    ({ sb, eqx } = await withSandbox());
  });
  after(async () => {
    await sb?.stop();
    assert.ok(checked > 20, `only ${checked} bodies checked`);
  });

  it("the validators reject what the spec forbids", () => {
    assert.equal(v.validator("ServiceToken")({ uuid: "x", state: "ACTIVE" }), false, "uuid format");
    assert.equal(v.validator("ServiceToken")({ state: "USED" }), false, "state enum");
    assert.equal(v.validator("CloudRouter")({ state: "ACTIVE" }), false, "router state enum");
    assert.equal(v.validator("Connection")({ type: "IP_VC", name: "n", bandwidth: 50, aSide: { accessPoint: { type: "VD", virtualDevice: { type: "ROUTER" } } }, zSide: {} }), false);
  });

  it("service tokens: list, one, unknown", async () => {
    checkList((await eqx.call("GET", "/fabric/v4/serviceTokens")).body, "ServiceToken");
    for (const t of SERVICE_TOKEN_SEEDS) check("ServiceToken", (await eqx.call("GET", `/fabric/v4/serviceTokens/${t.uuid}`)).body);
    check("ErrorList", (await eqx.call("GET", "/fabric/v4/serviceTokens/00000000-0000-4000-8000-000000000000")).body);
    check("ErrorList", (await eqx.call("GET", "/fabric/v4/serviceTokens/not-a-uuid")).body);
  });

  it("cloud routers: one, search, unknown", async () => {
    for (const r of CLOUD_ROUTER_SEEDS) check("CloudRouter", (await eqx.call("GET", `/fabric/v4/routers/${r.uuid}`)).body);
    checkList((await eqx.call("POST", "/fabric/v4/routers/search", { filter: { and: [{ property: "/state", operator: "=", values: ["PROVISIONED"] }] }, pagination: { offset: 0, limit: 10 } })).body, "CloudRouter");
    check("ErrorList", (await eqx.call("GET", "/fabric/v4/routers/00000000-0000-4000-8000-000000000000")).body);
  });

  it("a connection from each A side through its states; the token redeemed; every refusal an ErrorList", async () => {
    const tok = sb.admin.equinix.createServiceToken({ portUuid: findPort("SV", "QINQ").uuid, vlanSTag: 2601, vlanCTag: 601 });
    const created = [
      await eqx.create(toAlibaba("c-token", { serviceToken: { uuid: tok } })),
      await eqx.create(toAlibaba("c-router", { accessPoint: { type: "CLOUD_ROUTER", router: { uuid: CLOUD_ROUTER_SEEDS[0].uuid } } }, "IP_VC")),
      await eqx.create(toAlibaba("c-device", { accessPoint: { type: "VD", virtualDevice: { type: "EDGE", uuid: VIRTUAL_DEVICE_SEEDS[0].uuid }, interface: { type: "NETWORK", id: 5 } } })),
    ];
    for (const r of created) {
      assert.equal(r.status, 201, JSON.stringify(r.body));
      check("Connection", r.body);
    }
    check("ServiceToken", (await eqx.call("GET", `/fabric/v4/serviceTokens/${tok}`)).body);
    check("CloudRouter", (await eqx.call("GET", `/fabric/v4/routers/${CLOUD_ROUTER_SEEDS[0].uuid}`)).body);
    sb.admin.clock.advance(200 * SCALE);
    for (const r of created) {
      const c = (await eqx.get(r.body.uuid)).body;
      assert.equal(c.operation.providerStatus, "PENDING_APPROVAL");
      check("Connection", c);
      check("Connection", (await eqx.del(r.body.uuid)).body);
    }
    sb.admin.clock.advance(200 * SCALE);
    for (const r of created) check("Connection", (await eqx.get(r.body.uuid)).body);
    check("ConnectionSearchResponse", (await eqx.search({ filter: { and: [{ property: "/aSide/accessPoint/type", operator: "IN", values: ["CLOUD_ROUTER", "VD"] }] } })).body);

    const refusals = [
      toAlibaba("again", { serviceToken: { uuid: tok } }),
      toAlibaba("expired", { serviceToken: { uuid: SERVICE_TOKEN_SEEDS.find((t) => t.name === "sandbox-token-expired")!.uuid } }),
      toAlibaba("evpl-router", { accessPoint: { type: "CLOUD_ROUTER", router: { uuid: CLOUD_ROUTER_SEEDS[0].uuid } } }),
      toAlibaba("mgmt", { accessPoint: { type: "VD", virtualDevice: { type: "EDGE", uuid: VIRTUAL_DEVICE_SEEDS[0].uuid }, interface: { type: "NETWORK", id: 1 } } }),
    ];
    for (const b of refusals) {
      const r = await eqx.create(b);
      assert.equal(r.status, 400, JSON.stringify(r.body));
      check("ErrorList", r.body);
    }
  });
});
