import assert from "node:assert/strict";
import * as fs from "fs";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { checkInputs } from "../../provider/core/validation";
import { connectionLifecycle } from "../../provider/fabric/connectionLifecycle";
import { buildPostRequest, ConnectionInputs } from "../../provider/fabric/connectionMapping";
import { ALIBABA_PROFILE_UUID, PRIVATE_PROFILE_UUID, findPort } from "../../sandbox/equinix";
import { captureStderr, useSandbox } from "../unit/fabric/sandboxEnv";
import { configReader } from "../../provider/core/config";
import { sandboxEnv } from "../../sandbox";
import { callContext, type CallContext } from "../support/context";

/** The Fabric v4 and OAuth schemas, derived from Equinix's OpenAPI documents by scripts/derive-fixtures.js. */
const SPECS = path.join(__dirname, "..", "fixtures", "specs", "equinix");

type Schema = Record<string, any>;

/** The OpenAPI documents' schemas, compiled with ajv 8: each component schema by name. */
function loadSpec(file: string, id: string) {
  const doc = JSON.parse(fs.readFileSync(path.join(SPECS, file), "utf8"));
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats(ajv);
  ajv.addSchema({ $id: id, components: doc.components });
  const cache = new Map<string, ValidateFunction>();
  const validator = (name: string) => {
    if (!cache.has(name)) cache.set(name, ajv.getSchema(`${id}#/components/schemas/${name}`)!);
    const v = cache.get(name);
    assert.ok(v, `no schema ${name} in ${file}`);
    return v;
  };
  const resolve = (s: Schema): Schema => (s && s.$ref ? resolve(doc.components.schemas[s.$ref.replace("#/components/schemas/", "")]) : s);
  /** Paths of properties the body has and the schema does not declare (the spec has almost no additionalProperties: false). */
  const undeclared = (value: unknown, schema: Schema, at = ""): string[] => {
    const s = resolve(schema);
    if (!s || value === null || typeof value !== "object") return [];
    if (Array.isArray(value)) return s.items ? value.flatMap((v, i) => undeclared(v, s.items, `${at}/${i}`)) : [];
    const parts = [s, ...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])].map(resolve);
    const props: Record<string, Schema> = Object.assign({}, ...parts.map((p) => p.properties ?? {}));
    if (!Object.keys(props).length) return [];
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => (k in props ? undeclared(v, props[k], `${at}/${k}`) : [`${at}/${k}`]));
  };
  return { doc, validator, undeclared, schema: (name: string) => doc.components.schemas[name] as Schema };
}

/**
 * Known deviation, reported and not yet decided: the `description` input is sent as a top-level
 * `description`, which Connection (the response) has but ConnectionPostRequest does not define. The
 * document allows additional properties, so ajv accepts it; the stricter check below lists it, and
 * this is the only property allowed to be listed.
 */
const UNDECLARED_ALLOWED: Record<string, string[]> = { ConnectionPostRequest: ["/description"] };

function assertValid(spec: ReturnType<typeof loadSpec>, name: string, body: unknown, what: string): void {
  const v = spec.validator(name);
  assert.ok(v(body), `${what}: not a valid ${name}: ${JSON.stringify(v.errors, null, 1)}\n${JSON.stringify(body)}`);
  const expected = (UNDECLARED_ALLOWED[name] ?? []).filter((p) => (body as Record<string, unknown>)[p.slice(1)] !== undefined);
  assert.deepEqual(spec.undeclared(body, { $ref: `#/components/schemas/${name}` }), expected, `${what}: properties ${name} does not define`);
}

interface Recorded {
  method: string;
  path: string;
  contentType: string;
  body: unknown;
}

/** A reverse proxy in front of the sandbox that records every request the client sends. */
async function recordingProxy(target: () => string): Promise<{ url: string; recorded: Recorded[]; close: () => Promise<void> }> {
  const recorded: Recorded[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      recorded.push({ method: req.method!, path: req.url!, contentType: String(req.headers["content-type"] ?? ""), body: raw ? JSON.parse(raw) : undefined });
      try {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && k !== "host" && k !== "content-length") headers[k] = v;
        const r = await fetch(`${target()}${req.url}`, { method: req.method, headers, body: raw || undefined });
        const text = await r.text();
        const out: Record<string, string> = {};
        r.headers.forEach((v, k) => (k === "content-length" || k === "transfer-encoding" || k === "connection" ? undefined : (out[k] = v)));
        res.writeHead(r.status, out).end(text);
      } catch {
        res.socket?.destroy(); // the sandbox dropped it: drop it too
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    recorded,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

let vlan = 600;
const notifications = ["noc@example.com", "ops@example.com"];
function port(metro: string, type: "DOT1Q" | "QINQ", priority: "PRIMARY" | "SECONDARY", typed = true) {
  const uuid = findPort(metro, type, priority).uuid;
  const t = typed ? { type } : {};
  return type === "DOT1Q" ? { uuid, ...t, vlanTag: vlan++ } : { uuid, ...t, vlanSTag: vlan++, vlanCTag: vlan++ };
}

/**
 * Contract: every request body the Fabric client sends, as recorded on the wire, is valid against the
 * Fabric v4 and OAuth OpenAPI documents (and uses only properties they define). The sandbox's answers
 * are checked by test/contract/equinixSandbox.test.ts.
 */
describe("contract: Fabric v4 and OAuth requests the client sends", function () {
  this.timeout(30_000);
  const fabric = loadSpec("fabricv4.json", "fabricv4");
  const oauth = loadSpec("accesstokenv1.json", "accesstoken");
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  let ctx: CallContext;
  const created: Array<{ id: string; outs: Record<string, any> }> = [];
  // Best-effort clean-up while the sandbox still runs (registered before useSandbox's own after hook).
  after(async () => {
    await Promise.all(created.map((c) => connectionLifecycle.delete(c.id, { ...c.outs, timeouts: { delete: "5s" } }, ctx).catch(() => undefined)));
  });
  const env = useSandbox({ timeScale: 0.02 });

  before(async () => {
    proxy = await recordingProxy(() => env.sb().url);
    // The lifecycle's calls go to the sandbox through the recording proxy.
    ctx = callContext({ config: configReader({ env: { ...sandboxEnv(env.sb()), EQUINIX_API_ENDPOINT: proxy.url, INTERCONNECT_POLL_INTERVAL_MS: "50" } }) });
  });
  after(() => proxy?.close());

  async function create(inputs: Record<string, unknown>) {
    const checked = checkInputs(ConnectionInputs, inputs);
    assert.deepEqual(checked.failures, []);
    const r = await captureStderr(() => connectionLifecycle.create(checked.inputs as Record<string, unknown>, ctx));
    if (r.error) throw r.error;
    return r.value!;
  }
  const base = (name: string) => ({ name, bandwidth: 50, notifications, termLength: 12, purchaseOrderNumber: "PO-42", description: "contract" });


  it("ConnectionPostRequest: every A/Z combination the sandbox can create, sent by the lifecycle", async () => {
    const primary = await create({
      ...base("c-alibaba-pri"),
      aSide: { port: port("SV", "DOT1Q", "PRIMARY") },
      zSide: { serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "SV", sellerRegion: "us-west-1", authenticationKey: "5123456789012345" } },
      redundancy: { priority: "PRIMARY" },
    });
    created.push(primary);
    created.push(
      await create({
        ...base("c-alibaba-sec"),
        aSide: { port: port("SV", "DOT1Q", "SECONDARY") },
        zSide: { serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "SV", sellerRegion: "us-west-1", authenticationKey: "5123456789012345" } },
        redundancy: { priority: "SECONDARY", group: primary.outs.redundancyGroup },
      }),
    );
    created.push(await create({ ...base("c-qinq-alibaba"), aSide: { port: port("HK", "QINQ", "PRIMARY") }, zSide: { serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "HK", authenticationKey: "5123456789012345" } } }));
    created.push(await create({ ...base("c-private"), bandwidth: 100, aSide: { port: port("DC", "DOT1Q", "PRIMARY") }, zSide: { serviceProfile: { uuid: PRIVATE_PROFILE_UUID, metroCode: "DC" } } }));
    for (const [a, z] of [
      ["DOT1Q", "DOT1Q"],
      ["DOT1Q", "QINQ"],
      ["QINQ", "DOT1Q"],
      ["QINQ", "QINQ"],
    ] as const) {
      const zEnd = port("LD", z, "SECONDARY", false);
      if (a === "QINQ" && z === "QINQ") delete (zEnd as { vlanCTag?: number }).vlanCTag;
      created.push(await create({ ...base(`c-${a}-${z}`), bandwidth: 100, aSide: { port: port("LD", a, "PRIMARY", false) }, zSide: { port: zEnd } }));
    }
    const posts = proxy.recorded.filter((r) => r.method === "POST" && r.path === "/fabric/v4/connections");
    assert.equal(posts.length, 8);
    for (const p of posts) {
      assert.match(p.contentType, /^application\/json/);
      assertValid(fabric, "ConnectionPostRequest", p.body, (p.body as { name: string }).name);
    }
    const lps = posts.map((p: any) => [p.body.aSide.accessPoint.linkProtocol.type, p.body.zSide.accessPoint.linkProtocol?.type ?? p.body.zSide.accessPoint.type]);
    assert.deepEqual(lps.slice(4), [["DOT1Q", "DOT1Q"], ["DOT1Q", "QINQ"], ["QINQ", "DOT1Q"], ["QINQ", "QINQ"]], "port types were looked up");
  });

  it("ConnectionPostRequest: the A sides the sandbox does not serve (service token, cloud router, Network Edge device)", () => {
    const z = { serviceProfile: { uuid: PRIVATE_PROFILE_UUID, metroCode: "DC" } };
    for (const aSide of [{ serviceToken: { uuid: "5b2d5c5e-1111-4222-8333-444455556666" } }, { cloudRouter: { uuid: "6b2d5c5e-1111-4222-8333-444455556666" } }, { virtualDevice: { uuid: "7b2d5c5e-1111-4222-8333-444455556666", interfaceId: 3 } }, { virtualDevice: { uuid: "7b2d5c5e-1111-4222-8333-444455556666" } }]) {
      const checked = checkInputs(ConnectionInputs, { ...base("c-other"), aSide, zSide: z });
      assert.deepEqual(checked.failures, []);
      assertValid(fabric, "ConnectionPostRequest", buildPostRequest(checked.inputs as ConnectionInputs, {}), Object.keys(aSide)[0]);
    }
  });

  it("ConnectionUpdateRequest: the JSON Patch of every in-place change, as application/json-patch+json", async () => {
    const c = created.find((x) => x.outs.name === "c-DOT1Q-DOT1Q")!;
    const { __provider: _p, ...olds } = c.outs;
    const news = checkInputs(ConnectionInputs, {
      ...(checkInputs(ConnectionInputs, pickInputs(olds)).inputs as Record<string, unknown>),
      name: "c-DOT1Q-DOT1Q-renamed",
      bandwidth: 200,
      notifications: ["new@example.com"],
      termLength: 24,
      aSide: { port: { ...olds.aSide.port, vlanTag: vlan++ } },
    });
    assert.deepEqual(news.failures, []);
    const n = proxy.recorded.length;
    const r = await captureStderr(() => connectionLifecycle.update(c.id, c.outs, news.inputs as Record<string, unknown>, ctx));
    if (r.error) throw r.error;
    const patches = proxy.recorded.slice(n).filter((x) => x.method === "PATCH");
    assert.deepEqual(patches.map((p: any) => p.body[0].path), ["/name", "/bandwidth", "/notifications", "/order/termLength", "/aSide/accessPoint/linkProtocol/vlanTag"]);
    // ConnectionChangeOperation declares `value` as an object, but the spec's own examples replace /name
    // with a string and /bandwidth with a number: validate `value` as the examples use it (any JSON).
    const strict = fabric.validator("ConnectionUpdateRequest");
    const examples = fabric.doc.components.examples;
    assert.equal(strict(examples.ConnectionUpdateNameRequest.value), false, "the spec's own example fails its schema");
    const relaxedAjv = new Ajv({ strict: false, allErrors: true, logger: false });
    const op = { ...fabric.schema("ConnectionChangeOperation"), properties: { ...fabric.schema("ConnectionChangeOperation").properties, value: {} } };
    const relaxed = relaxedAjv.compile({ ...fabric.schema("ConnectionUpdateRequest"), items: op });
    for (const name of ["ConnectionUpdateNameRequest", "ConnectionUpdateBandwidthRequest", "ConnectionUpdateTermLengthRequest", "ConnectionUpdateNotificationEmailRequest"]) {
      assert.ok(relaxed(examples[name].value), name);
    }
    for (const p of patches) {
      assert.equal(p.contentType, "application/json-patch+json");
      assert.ok(relaxed(p.body), `${JSON.stringify(p.body)}: ${JSON.stringify(relaxed.errors)}`);
      assert.equal(fabric.undeclared(p.body, { $ref: "#/components/schemas/ConnectionUpdateRequest" }).length, 0);
      const [o] = p.body as Array<{ op: string; path: string; value: unknown }>;
      assert.equal(o.op, "replace");
      // The value has the type of the field the path names, in ConnectionPostRequest.
      if (o.path === "/notifications") assertValid(fabric, "SimplifiedNotification", (o.value as unknown[])[0], o.path);
      if (o.path === "/bandwidth" || o.path === "/order/termLength" || o.path.endsWith("/vlanTag")) assert.ok(Number.isInteger(o.value), o.path);
      if (o.path === "/name") assert.equal(typeof o.value, "string");
    }
  });

  it("SearchRequest: the lookup after a lost create answer", async () => {
    env.sb().admin.injectFault({ api: "equinix", method: "POST", path: "^/fabric/v4/connections$", times: 1, fault: { kind: "loseResponse" } });
    const n = proxy.recorded.length;
    created.push(await create({ ...base("c-lost"), bandwidth: 100, aSide: { port: port("DC", "DOT1Q", "PRIMARY") }, zSide: { port: port("DC", "DOT1Q", "SECONDARY") } }));
    const searches = proxy.recorded.slice(n).filter((r) => r.path === "/fabric/v4/connections/search");
    assert.equal(searches.length, 1);
    assert.match(searches[0].contentType, /^application\/json/);
    assertValid(fabric, "SearchRequest", searches[0].body, "search");
  });

  it("Oauth2TokenRequest: client credentials, as JSON", () => {
    const tokens = proxy.recorded.filter((r) => r.path === "/oauth2/v1/token");
    assert.ok(tokens.length >= 1);
    for (const t of tokens) {
      assert.match(t.contentType, /^application\/json/);
      assertValid(oauth, "Oauth2TokenRequest", t.body, "token");
      assert.equal((t.body as { grant_type: string }).grant_type, "client_credentials");
    }
  });

  it("every request with a body was one of the above", () => {
    const kinds = new Set(proxy.recorded.filter((r) => r.body !== undefined).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, "{id}")}`));
    assert.deepEqual([...kinds].sort(), ["PATCH /fabric/v4/connections/{id}", "POST /fabric/v4/connections", "POST /fabric/v4/connections/search", "POST /oauth2/v1/token"]);
  });

  it("the stricter check finds properties the document does not define", () => {
    assert.deepEqual(fabric.undeclared({ name: "x", aSide: { accessPoint: { type: "COLO", linkProtocol: { type: "DOT1Q", vlan: 5 } } } }, { $ref: "#/components/schemas/ConnectionPostRequest" }), ["/aSide/accessPoint/linkProtocol/vlan"]);
    assert.equal(fabric.validator("ConnectionPostRequest")({ name: "x" }), false, "required fields are enforced");
  });

});

function pickInputs(o: Record<string, any>): Record<string, unknown> {
  const keys = ["name", "type", "bandwidth", "aSide", "zSide", "notifications", "purchaseOrderNumber", "termLength", "redundancy", "description", "timeouts"];
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
