import assert from "node:assert/strict";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { configReader } from "../../provider/core/config";
import { checkInputs } from "../../provider/core/validation";
import { cloudRouterLifecycle } from "../../provider/fabric/cloudRouterLifecycle";
import { CloudRouterInputs } from "../../provider/fabric/cloudRouterMapping";
import { routingProtocolLifecycle } from "../../provider/fabric/routingProtocolLifecycle";
import { RoutingProtocolInputs } from "../../provider/fabric/routingProtocolMapping";
import { sandboxEnv } from "../../sandbox";
import { PRIVATE_PROFILE_UUID } from "../../sandbox/equinix";
import { callContext, type CallContext } from "../support/context";
import { captureStderr, useSandbox } from "../unit/fabric/sandboxEnv";

/** The Fabric v4 schemas derived by scripts/derive-fixtures.js (nothing outside the repository is read). */
const SPEC = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "specs", "equinix", "fabricv4.json"), "utf8"));

type Schema = Record<string, any>;

/**
 * The document's CloudRouterPostRequest requires `notification`, a property it does not define: its own
 * examples, Equinix's SDKs and the API use `notifications` (defined in CloudRouterPostRequestBase). The
 * typo is corrected in memory, as Equinix's SDKs do; everything else is the document's.
 */
function schemas(): Record<string, Schema> {
  const s = structuredClone(SPEC.components.schemas) as Record<string, Schema>;
  assert.deepEqual(s.CloudRouterPostRequest.required.includes("notification"), true, "the typo this test corrects is still in the document");
  s.CloudRouterPostRequest.required = s.CloudRouterPostRequest.required.map((r: string) => (r === "notification" ? "notifications" : r));
  return s;
}

function validators() {
  const all = schemas();
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  ajv.addFormat("string", true);
  ajv.addSchema({ $id: "fabricv4", components: { schemas: all } });
  const cache = new Map<string, ValidateFunction>();
  const validator = (name: string) => {
    if (!cache.has(name)) cache.set(name, ajv.compile({ $ref: `fabricv4#/components/schemas/${name}` }));
    return cache.get(name)!;
  };
  const resolve = (x: Schema): Schema => (x && x.$ref ? resolve(all[x.$ref.replace("#/components/schemas/", "")]) : x);
  /** Properties a body has that the schema (its allOf/oneOf parts included) does not declare. */
  const undeclared = (value: unknown, schema: Schema, at = ""): string[] => {
    const x = resolve(schema);
    if (!x || value === null || typeof value !== "object") return [];
    if (Array.isArray(value)) return x.items ? value.flatMap((v, i) => undeclared(v, x.items, `${at}/${i}`)) : [];
    const parts = [x, ...(x.allOf ?? []), ...(x.oneOf ?? []), ...(x.anyOf ?? [])].map(resolve);
    const props: Record<string, Schema> = Object.assign({}, ...parts.map((p) => p.properties ?? {}));
    if (!Object.keys(props).length) return [];
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => (k in props ? undeclared(v, props[k], `${at}/${k}`) : [`${at}/${k}`]));
  };
  return {
    valid(name: string, body: unknown, what: string, strict = true): void {
      const v = validator(name);
      assert.ok(v(body), `${what}: not a valid ${name}: ${JSON.stringify(v.errors, null, 1)}\n${JSON.stringify(body)}`);
      if (strict) assert.deepEqual(undeclared(body, { $ref: `#/components/schemas/${name}` }), [], `${what}: properties ${name} does not define`);
    },
    invalid(name: string, body: unknown): boolean {
      return !validator(name)(body);
    },
    /**
     * A JSON Patch body against `name` (an array of change operations) with `value` taken as any JSON: the
     * document types each operation's value as an object, while its own examples replace names with
     * strings and terms with numbers (checked below). Each value's own type is checked by the caller.
     */
    patch(name: string, body: unknown, what: string): void {
      const list = all[name];
      const op = resolve(list.items);
      const relaxed = new Ajv({ strict: false, allErrors: true, logger: false }).compile({ ...list, items: { ...op, properties: { ...op.properties, value: {} } } });
      assert.ok(relaxed(body), `${what}: not a valid ${name} (value as any JSON): ${JSON.stringify(relaxed.errors)}`);
      assert.deepEqual(undeclared(body, { $ref: `#/components/schemas/${name}` }), [], `${what}: properties ${name} does not define`);
    },
    examples: SPEC.components.examples as Record<string, { value: unknown }>,
  };
}

interface Exchange {
  method: string;
  path: string;
  contentType: string;
  body: unknown;
  status: number;
  response: unknown;
}

/** A reverse proxy in front of the sandbox recording every request and its answer. */
async function recordingProxy(target: () => string): Promise<{ url: string; seen: Exchange[]; close: () => Promise<void> }> {
  const seen: Exchange[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host" && k !== "content-length") headers[k] = v;
      const r = await fetch(`${target()}${req.url}`, { method: req.method, headers, body: raw || undefined });
      const text = await r.text();
      seen.push({ method: req.method!, path: req.url!.split("?")[0], contentType: String(req.headers["content-type"] ?? ""), body: raw ? JSON.parse(raw) : undefined, status: r.status, response: text ? JSON.parse(text) : undefined });
      const out: Record<string, string> = {};
      r.headers.forEach((v, k) => (["content-length", "transfer-encoding", "connection"].includes(k) ? undefined : (out[k] = v)));
      res.writeHead(r.status, out).end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

const ROUTER = /^\/fabric\/v4\/routers\/[^/]+$/;
const PROTOCOLS = /^\/fabric\/v4\/connections\/[^/]+\/routingProtocols$/;
const PROTOCOL = /^\/fabric\/v4\/connections\/[^/]+\/routingProtocols\/[^/]+$/;

/**
 * Contract: every request body the router and routing protocol lifecycles send, as recorded on the wire,
 * is valid against the Fabric v4 document and uses only properties it defines; every answer of the
 * sandbox on those paths is valid too (CloudRouter, SearchResponse, RoutingProtocolData, GetResponse, ErrorList).
 */
describe("contract: Fabric Cloud Routers and routing protocols against the Fabric v4 schemas", function () {
  this.timeout(30_000);
  const spec = validators();
  const env = useSandbox({ timeScale: 0.02 });
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let ctx: CallContext;
  let routerOuts: Record<string, any>;
  let connectionUuid: string;
  let direct: { id: string; outs: Record<string, any> };
  let bgp: { id: string; outs: Record<string, any> };

  before(async () => {
    proxy = await recordingProxy(() => env.sb().url);
    ctx = callContext({ config: configReader({ env: { ...sandboxEnv(env.sb()), EQUINIX_API_ENDPOINT: proxy.url, INTERCONNECT_POLL_INTERVAL_MS: "50" } }) });
  });
  after(() => proxy?.close());

  const run = async <T>(f: () => Promise<T>): Promise<T> => {
    const r = await captureStderr(f);
    if (r.error) throw r.error;
    return r.value!;
  };
  const sent = (method: string, re: RegExp) => proxy.seen.filter((x) => x.method === method && re.test(x.path));

  it("the document's own corrected schema still refuses what it must (a missing package, a routing protocol of unknown type)", () => {
    assert.ok(spec.invalid("CloudRouterPostRequest", { type: "XF_ROUTER", name: "x", location: { metroCode: "SV" }, notifications: [] }));
    assert.ok(spec.invalid("RoutingProtocolBase", { type: "OSPF" }));
    assert.ok(spec.invalid("RoutingProtocolBase", { type: "BGP", bgpIpv4: { customerPeerIp: "10.0.0.2" } }), "bgpIpv4.enabled is required");
  });

  it("CloudRouterPostRequest and CloudRouterUpdateRequest: the bodies the router lifecycle sends", async () => {
    const inputs = checkInputs(CloudRouterInputs, { name: "fcr-contract", metroCode: "SV", packageCode: "LAB", projectId: env.sb().equinix.projectId, accountNumber: 270848, notifications: ["noc@example.com"], purchaseOrderNumber: "PO-7", termLength: 12 });
    assert.deepEqual(inputs.failures, []);
    const created = await run(() => cloudRouterLifecycle.create(inputs.inputs as Record<string, unknown>, ctx));
    const [post] = sent("POST", /^\/fabric\/v4\/routers$/);
    assert.match(post.contentType, /^application\/json/);
    spec.valid("CloudRouterPostRequest", post.body, "router create");
    const news = checkInputs(CloudRouterInputs, { ...(inputs.inputs as object), name: "fcr-contract-2", packageCode: "STANDARD", notifications: ["noc@example.com", "ops@example.com"], termLength: 24 });
    const updated = await run(() => cloudRouterLifecycle.update(created.id, created.outs, news.inputs as Record<string, unknown>, ctx));
    const [patch] = sent("PATCH", ROUTER);
    assert.match(patch.contentType, /^application\/json-patch\+json/);
    // The document's own examples fail its strict schema (string values) and pass the relaxed one.
    assert.ok(spec.invalid("CloudRouterUpdateRequest", spec.examples.UpdateName.value), "the document's example fails its own schema");
    for (const name of ["UpdateName", "UpdatePackage", "UpdateNotifications", "UpdateTermLength", "UpdatePackageAndTermLength"]) spec.patch("CloudRouterUpdateRequest", spec.examples[name].value, name);
    spec.patch("CloudRouterUpdateRequest", patch.body, "router update");
    const ops = patch.body as Array<{ op: string; path: string; value: unknown }>;
    assert.deepEqual(ops.map((o) => `${o.op} ${o.path}`), ["replace /name", "replace /package/code", "replace /notifications", "replace /order/termLength"]);
    // Each value has the type of the field its path names, in CloudRouterPostRequest.
    spec.valid("CloudRouterPostRequest", { type: "XF_ROUTER", location: { metroCode: "SV" }, name: ops[0].value, package: { code: ops[1].value }, notifications: ops[2].value, order: { termLength: ops[3].value } }, "patched values");
    routerOuts = { ...updated.outs, uuid: created.id };
  });

  it("RoutingProtocolBase: the DIRECT and BGP bodies of create (POST) and update (PUT)", async () => {
    const sb = env.sb();
    const conn = sb.world.equinix.createConnection({
      type: "IP_VC",
      name: "fcr-contract-conn",
      bandwidth: 50,
      notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
      aSide: { accessPoint: { type: "CLOUD_ROUTER", router: { uuid: routerOuts.uuid } } },
      zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: PRIVATE_PROFILE_UUID }, location: { metroCode: "SV" } } },
    });
    sb.admin.clock.advance(60_000);
    connectionUuid = conn.uuid;
    const d = checkInputs(RoutingProtocolInputs, { connectionUuid, type: "DIRECT", name: "direct-contract", directIpv4: { equinixIfaceIp: "10.90.0.1/30" }, directIpv6: { equinixIfaceIp: "2001:db8:90::1/126" } });
    assert.deepEqual(d.failures, []);
    direct = await run(() => routingProtocolLifecycle.create(d.inputs as Record<string, unknown>, ctx));
    const b = checkInputs(RoutingProtocolInputs, {
      connectionUuid,
      type: "BGP",
      directRoutingProtocolUuid: direct.outs.uuid,
      bgpIpv4: { customerPeerIp: "10.90.0.2" },
      bgpIpv6: { customerPeerIp: "2001:db8:90::2", enabled: false },
      customerAsn: 45104,
      authenticationKey: "contract-md5",
      bfd: { enabled: true, interval: 300 },
    });
    assert.deepEqual(b.failures, []);
    bgp = await run(() => routingProtocolLifecycle.create(b.inputs as Record<string, unknown>, ctx));
    const news = checkInputs(RoutingProtocolInputs, { ...(b.inputs as object), customerAsn: 65010, bgpIpv6: { customerPeerIp: "2001:db8:90::2", enabled: true } });
    await run(() => routingProtocolLifecycle.update(bgp.id, bgp.outs, news.inputs as Record<string, unknown>, ctx));
    const bodies = [...sent("POST", PROTOCOLS), ...sent("PUT", PROTOCOL)];
    assert.deepEqual(bodies.map((x) => `${x.method} ${(x.body as { type: string }).type}`), ["POST DIRECT", "POST BGP", "PUT BGP"]);
    for (const x of bodies) {
      assert.match(x.contentType, /^application\/json/);
      spec.valid("RoutingProtocolBase", x.body, `${x.method} ${(x.body as { type: string }).type}`);
    }
  });

  it("ConnectionRoutingProtocolPatchRequest: the sandbox takes the document's enable/disable patch", async () => {
    const sb = env.sb();
    const token = await (await fetch(`${sb.url}/oauth2/v1/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ grant_type: "client_credentials", client_id: sb.equinix.clientId, client_secret: sb.equinix.clientSecret }) })).json();
    sb.admin.clock.advance(60_000);
    const ops = [{ op: "replace", path: "/bgpIpv4/enabled", value: false }];
    for (const name of ["PatchRoutingProtocolEnableIPv4", "PatchRoutingProtocolDisableIPv6"]) spec.patch("ConnectionRoutingProtocolPatchRequest", spec.examples[name].value, name);
    assert.deepEqual(spec.examples.PatchRoutingProtocolEnableIPv4.value, [{ op: "replace", path: "/bgpIpv4/enabled", value: true }], "the shape the sandbox takes is the document's");
    spec.patch("ConnectionRoutingProtocolPatchRequest", ops, "patch");
    const r = await fetch(`${proxy.url}/fabric/v4/connections/${connectionUuid}/routingProtocols/${bgp.outs.uuid}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${(token as { access_token: string }).access_token}`, "content-type": "application/json-patch+json" },
      body: JSON.stringify(ops),
    });
    assert.equal(r.status, 202);
    assert.equal(((await r.json()) as { bgpIpv4: { enabled: boolean } }).bgpIpv4.enabled, false);
  });

  it("refusals are ErrorLists: a DIRECT deleted before its BGP, a bad router name, a DIRECT outside /28../30", async () => {
    const sb = env.sb();
    const token = ((await (await fetch(`${sb.url}/oauth2/v1/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ grant_type: "client_credentials", client_id: sb.equinix.clientId, client_secret: sb.equinix.clientSecret }) })).json()) as { access_token: string }).access_token;
    const call = (method: string, p: string, body?: unknown) =>
      fetch(`${proxy.url}${p}`, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    sb.admin.clock.advance(60_000);
    assert.equal((await call("DELETE", `/fabric/v4/connections/${connectionUuid}/routingProtocols/${direct.outs.uuid}`)).status, 400);
    assert.equal((await call("POST", "/fabric/v4/routers", { type: "XF_ROUTER", name: "x", location: { metroCode: "SV" }, package: { code: "STANDARD" }, notifications: [{ type: "ALL", emails: ["a@example.com"] }] })).status, 400);
    assert.equal((await call("PUT", `/fabric/v4/connections/${connectionUuid}/routingProtocols/${direct.outs.uuid}`, { type: "DIRECT", directIpv4: { equinixIfaceIp: "10.90.0.1/24" } })).status, 400);
    assert.equal((await call("GET", `/fabric/v4/connections/${connectionUuid}/routingProtocols/00000000-0000-4000-8000-000000000000`)).status, 404);
    const codes = proxy.seen.filter((x) => x.status >= 400).map((x) => (x.response as Array<{ errorCode: string }>)[0].errorCode);
    assert.deepEqual(codes.slice(-4), ["EQ-3041016", "EQ-3040022", "EQ-3041002", "EQ-3041120"]);
  });

  it("the routes and the clean-up: every answer on the router and routing protocol paths validates", async () => {
    const sb = env.sb();
    await run(() => routingProtocolLifecycle.delete(bgp.id, bgp.outs, ctx));
    await run(() => routingProtocolLifecycle.delete(direct.id, direct.outs, ctx));
    await run(() => routingProtocolLifecycle.read(direct.id, {}, ctx));
    sb.world.equinix.deleteConnection(connectionUuid);
    sb.admin.clock.advance(60_000);
    await run(() => cloudRouterLifecycle.delete(routerOuts.uuid, routerOuts, ctx));
    const checked: string[] = [];
    for (const x of proxy.seen) {
      const what = `${x.method} ${x.path} -> ${x.status}`;
      if (x.status >= 400) spec.valid("ErrorList", x.response, what, false);
      else if (x.status === 204) assert.equal(x.response, undefined, what);
      else if (x.path === "/fabric/v4/routers" || ROUTER.test(x.path)) spec.valid("CloudRouter", x.response, what, false);
      else if (x.path === "/fabric/v4/routers/search") spec.valid("SearchResponse", x.response, what, false);
      else if (PROTOCOL.test(x.path) || (PROTOCOLS.test(x.path) && x.method === "POST")) spec.valid("RoutingProtocolData", x.response, what, false);
      else if (PROTOCOLS.test(x.path)) spec.valid("GetResponse", x.response, what, false);
      else continue;
      checked.push(`${x.method} ${x.path.replace(/[0-9a-f-]{36}/g, "{id}")} ${x.status}`);
    }
    const kinds = new Set(checked);
    for (const k of [
      "POST /fabric/v4/routers 200",
      "GET /fabric/v4/routers/{id} 200",
      "PATCH /fabric/v4/routers/{id} 200",
      "DELETE /fabric/v4/routers/{id} 204",
      "POST /fabric/v4/connections/{id}/routingProtocols 202",
      "GET /fabric/v4/connections/{id}/routingProtocols 200",
      "GET /fabric/v4/connections/{id}/routingProtocols/{id} 200",
      "PUT /fabric/v4/connections/{id}/routingProtocols/{id} 202",
      "PATCH /fabric/v4/connections/{id}/routingProtocols/{id} 202",
      "DELETE /fabric/v4/connections/{id}/routingProtocols/{id} 202",
      "DELETE /fabric/v4/connections/{id}/routingProtocols/{id} 400",
    ]) {
      assert.ok(kinds.has(k), `${k} was exercised and validated (seen: ${[...kinds].join(", ")})`);
    }
  });
});
