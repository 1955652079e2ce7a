import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { METROS, PORTS } from "../../sandbox/equinix";
import { buildFabricValidators } from "../contract/fabricSchemas";
import { ALIBABA_PROFILE_UUID, PRIVATE_PROFILE_UUID, findPort, withSandbox, type Eqx } from "./helpers";

/**
 * The Fabric v4 catalog the look-ups read (provider/lookups/fabric.ts): metros, the service profile search
 * and the port search's narrower rules, answered as the Fabric v4 spec describes them (bodies checked
 * against its schemas).
 */
describe("sandbox: Fabric metros, service profile search, port search rules", () => {
  let sb: Sandbox;
  let eqx: Eqx;
  const schemas = buildFabricValidators();
  const valid = (schema: string, body: unknown) => {
    const v = schemas.validator(schema);
    assert.ok(v(body), `${schema}: ${JSON.stringify(v.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
  };
  before(async () => ({ sb, eqx } = await withSandbox()));
  after(() => sb.stop());

  it("GET /fabric/v4/metros pages every metro; presence=MY_PORTS keeps those with a port; a bad presence is EQ-3036013", async () => {
    const first = await eqx.call("GET", "/fabric/v4/metros?limit=3");
    assert.equal(first.status, 200);
    valid("MetroResponse", first.body);
    assert.deepEqual(first.body.data.map((m: any) => m.code), METROS.slice(0, 3).map((m) => m.code));
    assert.equal(first.body.pagination.total, METROS.length);
    assert.match(first.body.pagination.next, /\/fabric\/v4\/metros\?offset=3&limit=3$/);
    const all = await eqx.call("GET", "/fabric/v4/metros?presence=MY_PORTS");
    assert.deepEqual(all.body.data.map((m: any) => m.code).sort(), [...new Set(PORTS.map((p) => p.metroCode))].sort());
    const bad = await eqx.call("GET", "/fabric/v4/metros?presence=EVERYWHERE");
    assert.equal(bad.status, 400);
    valid("MetroErrorList", bad.body);
    assert.deepEqual(bad.body[0].additionalInfo, [{ property: "presence", reason: "Allowed value for presence is MY_PORTS" }]);
  });

  it("GET /fabric/v4/metros/{code}: the metro with its connected metros; an unknown code is 400 Invalid Path Parameter", async () => {
    const fr = await eqx.call("GET", "/fabric/v4/metros/FR");
    assert.equal(fr.status, 200);
    valid("Metro", fr.body);
    assert.equal(fr.body.name, "Frankfurt");
    assert.equal(fr.body.country, "DE");
    const ld = fr.body.connectedMetros.find((m: any) => m.code === "LD");
    const sv = fr.body.connectedMetros.find((m: any) => m.code === "SV");
    assert.ok(ld.avgLatency < sv.avgLatency, "London is nearer Frankfurt than Silicon Valley");
    const zz = await eqx.call("GET", "/fabric/v4/metros/ZZ");
    assert.equal(zz.status, 400);
    valid("MetroErrorList", zz.body);
    assert.equal(zz.body[0].errorMessage, "Invalid Path Parameter");
  });

  it("POST /fabric/v4/serviceProfiles/search finds by name, metro, uuid; only =, only and, the documented properties", async () => {
    const search = (body: unknown, query = "") => eqx.call("POST", `/fabric/v4/serviceProfiles/search${query}`, body);
    const byName = await search({ filter: { and: [{ property: "/name", operator: "=", values: ["Alibaba Cloud Express Connect"] }] } });
    assert.equal(byName.status, 200);
    valid("ServiceProfiles", byName.body);
    assert.deepEqual(byName.body.data.map((p: any) => p.uuid), [ALIBABA_PROFILE_UUID]);
    const inFr = await search({ filter: { property: "/metros/code", operator: "=", values: ["FR"] }, sort: [{ property: "/name", direction: "ASC" }] });
    assert.deepEqual(inFr.body.data.map((p: any) => p.name), ["Alibaba Cloud Express Connect", "Sandbox Private L2"]);
    const none = await search({ filter: { and: [{ property: "/name", operator: "=", values: ["Alibaba Cloud Express Connect"] }, { property: "/metros/code", operator: "=", values: ["AM"] }] } });
    assert.deepEqual(none.body.data, []);
    assert.equal(none.body.pagination.total, 0);
    const seller = await search({}, "?viewPoint=zSide");
    assert.deepEqual(seller.body.data.map((p: any) => p.uuid), [PRIVATE_PROFILE_UUID], "the seller's view: the customer's own profiles");

    const badProperty = await search({ filter: { and: [{ property: "/description", operator: "=", values: ["x"] }] } });
    assert.equal(badProperty.status, 400);
    valid("ErrorList", badProperty.body);
    assert.deepEqual(badProperty.body.map((e: any) => [e.errorCode, e.errorMessage]), [["EQ-3001202", "Unsupported search property"]]);
    assert.match(badProperty.body[0].details, /\/name,\/uuid,\/state,\/metros\/code/);
    const badOperator = await search({ filter: { property: "/name", operator: "LIKE", values: ["Ali%"] } });
    assert.equal(badOperator.body[0].details, "Supported search operator is : =");
    const or = await search({ filter: { or: [{ property: "/name", operator: "=", values: ["x"] }] } });
    assert.equal(or.status, 400);
    const limit = await search({ pagination: { limit: 0 } });
    assert.deepEqual(limit.body.map((e: any) => e.additionalInfo[0].property), ["pagination.limit"]);
  });

  it("POST /fabric/v4/ports/search: a filter is required, properties are the spec's PortSearchFieldName, the operator is =", async () => {
    const ok = await eqx.call("POST", "/fabric/v4/ports/search", { filter: { and: [{ property: "/location/metroCode", operator: "=", values: ["SV"] }, { property: "/name", operator: "=", values: [findPort("SV", "QINQ").name] }] } });
    assert.equal(ok.status, 200);
    valid("AllPortsResponse", ok.body);
    assert.deepEqual(ok.body.data.map((p: any) => p.uuid), [findPort("SV", "QINQ").uuid]);
    const either = await eqx.call("POST", "/fabric/v4/ports/search", { filter: { or: [{ property: "/location/metroCode", operator: "=", values: ["FR"] }, { property: "/location/metroCode", operator: "=", values: ["TY"] }] } });
    assert.equal(either.body.data.length, 4);
    const missing = await eqx.call("POST", "/fabric/v4/ports/search", {});
    assert.equal(missing.status, 400);
    assert.equal(missing.body[0].errorCode, "EQ-3046116");
    const encapsulation = await eqx.call("POST", "/fabric/v4/ports/search", { filter: { and: [{ property: "/encapsulation/type", operator: "=", values: ["QINQ"] }] } });
    assert.equal(encapsulation.status, 400);
    valid("ErrorList", encapsulation.body);
    assert.deepEqual(encapsulation.body[0].additionalInfo, [{ property: "filter.and.[0].property", reason: "Unexpected value '/encapsulation/type'" }]);
    const like = await eqx.call("POST", "/fabric/v4/ports/search", { filter: { property: "/name", operator: "LIKE", values: ["270848%"] } });
    assert.equal(like.status, 400);
    const empty = await eqx.call("POST", "/fabric/v4/ports/search", { filter: { property: "/name", operator: "=", values: [] } });
    assert.equal(empty.body[0].errorCode, "EQ-3046112");
  });
});
