#!/usr/bin/env node
/*
 * Derives the schema fixtures of the contract tests (test/fixtures/specs/) from the vendors' published
 * documents, so that the tests need nothing outside the repository.
 *
 *   node scripts/derive-fixtures.js [documents-dir] [--check]
 *
 * documents-dir (default: ../shared beside the repository) holds:
 *   specs/equinix/fabricv4-openapi.yaml        Equinix Fabric v4 OpenAPI (docs.equinix.com/api-catalog/fabricv4)
 *   specs/equinix/accesstokenv1-openapi.yaml   Equinix API authentication (OAuth2) OpenAPI
 *   specs/ixapi/ix-api-v2.1.0.openapi.yaml     IX-API v2.1.0 schema (docs.ix-api.net)
 *   specs/alibaba/vpc-2016-04-28/<Action>.json Alibaba Cloud VPC API metadata (aliyun-openapi-meta)
 *   seeds/*.txt                                text of Equinix's ECX v3 API guides "Connect to Alibaba" and
 *                                              "Connect to Myself" (found by their title, not by file name)
 *
 * What is kept: the component schemas the tests name and every schema they reference ($ref closure, in
 * the document's own order), the IX-API paths the sandbox and the provider use (request bodies and
 * response schemas per status), the four Fabric examples of ConnectionUpdateRequest, the Alibaba actions
 * the client sends (parameter names, positions, types, required flags, RepeatList members, enumerations),
 * and the ECX v3 request bodies of the two guides. What is dropped: the vendors' prose (description,
 * summary, title, example(s), externalDocs, x-* fields), operation ids, tags, parameters and servers.
 * Enumerations the Alibaba metadata gives only in prose ("Valid values: * **A** * **B**") become `enum`.
 *
 * The output is deterministic (the source documents' order, 2-space JSON): running the script again on
 * the same documents changes nothing. --check compares instead of writing and exits 1 on a difference.
 */
"use strict";
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");
const { parse } = require("yaml");

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "test", "fixtures", "specs");

/** Fabric v4 component schemas the tests validate against (test/contract/fabricRequests, equinixSandbox, fabricRouting). */
const FABRIC_SCHEMAS = [
  "Connection",
  "ConnectionState",
  "ConnectionPostRequest",
  "ConnectionUpdateRequest",
  "ConnectionChangeOperation",
  "ConnectionSearchResponse",
  "SearchRequest",
  "SimplifiedNotification",
  "Port",
  "AllPortsResponse",
  "ServiceProfile",
  "ServiceProfiles",
  "Error",
  "ErrorList",
  // Fabric Cloud Routers and routing protocols (test/contract/fabricRouting.test.ts)
  "CloudRouterPostRequest",
  "CloudRouterUpdateRequest",
  "SearchResponse",
  "RoutingProtocolBase",
  "RoutingProtocolData",
  "GetResponse",
  "ConnectionRoutingProtocolPatchRequest",
  // The catalog the look-ups read (test/sandbox/fabricCatalog.test.ts, test/client/lookups.test.ts)
  "PortV4SearchRequest",
  "ServiceProfileSearchRequest",
  "Metro",
  "MetroResponse",
  "MetroErrorList",
];
/**
 * The document's own JSON Patch examples: of ConnectionUpdateRequest (fabricRequests.test.ts), of
 * CloudRouterUpdateRequest and ConnectionRoutingProtocolPatchRequest (fabricRouting.test.ts).
 */
const FABRIC_EXAMPLES = [
  "ConnectionUpdateNameRequest",
  "ConnectionUpdateBandwidthRequest",
  "ConnectionUpdateTermLengthRequest",
  "ConnectionUpdateNotificationEmailRequest",
  "UpdateName",
  "UpdatePackage",
  "UpdateNotifications",
  "UpdateTermLength",
  "UpdatePackageAndTermLength",
  "PatchRoutingProtocolEnableIPv4",
  "PatchRoutingProtocolDisableIPv6",
];
const OAUTH_SCHEMAS = ["Oauth2TokenRequest", "Oauth2TokenResponse", "Oauth2TokenErrorResponse"];
/** IX-API path groups (first segment) the sandbox serves and the provider calls. */
const IXAPI_GROUPS = ["auth", "accounts", "connections", "contacts", "network-service-configs", "network-services", "pops", "product-offerings", "role-assignments", "roles"];
/** Every action the Alibaba client (provider/alibaba/client.ts) sends. */
const ALIBABA_ACTIONS = [
  "CancelPhysicalConnection",
  "ConfirmPhysicalConnection",
  "CreatePhysicalConnection",
  "CreatePhysicalConnectionOccupancyOrder",
  "CreateVirtualBorderRouter",
  "DeletePhysicalConnection",
  "DeleteVirtualBorderRouter",
  "DescribeAccessPoints",
  "DescribePhysicalConnections",
  "DescribeRegions",
  "DescribeVirtualBorderRouters",
  "DescribeVirtualBorderRoutersForPhysicalConnection",
  "EnablePhysicalConnection",
  "ModifyPhysicalConnectionAttribute",
  "ModifyVirtualBorderRouterAttribute",
  "RecoverVirtualBorderRouter",
  "TerminatePhysicalConnection",
  "TerminateVirtualBorderRouter",
];
/** The ECX v3 guides whose request bodies test/unit/fabric/l2SeedBodies.test.ts rebuilds, by title. */
const ECX_GUIDES = { connectToAlibaba: "Connect to Alibaba", connectToMyself: "Connect to Myself" };

const SOURCES = {
  fabricv4: {
    document: "Equinix Fabric API v4 OpenAPI specification",
    url: "https://docs.equinix.com/api-catalog/fabricv4/openapi.yaml",
    copy: "https://github.com/equinix/equinix-sdk-go spec/services/fabricv4/oas3.fetched/openapi.yaml",
  },
  accesstokenv1: {
    document: "Equinix API Authentication (OAuth2) OpenAPI specification",
    url: "https://github.com/equinix/equinix-sdk-go spec/services/accesstokenv1/oas3.fetched/openapi.yaml",
  },
  ixapi: {
    document: "IX-API v2 OpenAPI schema, version 2.1.0",
    url: "https://docs.ix-api.net/v2/ix-api-latest.json",
    copy: "https://github.com/APIs-guru/openapi-directory APIs/ix-api.net/2.1.0/openapi.yaml",
  },
  alibaba: {
    document: "Alibaba Cloud OpenAPI metadata, VPC API 2016-04-28 (Express Connect actions)",
    url: "https://github.com/aliyun/aliyun-openapi-meta en-US/vpc/<Action>.json",
  },
  ecxV3: {
    document: 'Equinix ECX Fabric Layer 2 API (v3) guides "Connect to Alibaba" and "Connect to Myself" (curl examples of POST /ecx/v3/l2/connections)',
    url: "Equinix Developer Platform (developer.equinix.com), ECX Fabric API v3 guides, retired with the v3 API",
  },
};

const PROSE = new Set(["description", "summary", "title", "example", "examples", "externalDocs", "xml"]);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const sha256 = (buf) => crypto.createHash("sha256").update(buf).digest("hex");

/** A JSON schema (OpenAPI flavour) without prose; property names are kept, whatever they are. */
function cleanSchema(s) {
  if (Array.isArray(s)) return s.map(cleanSchema);
  if (!isObject(s)) return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (PROSE.has(k) || k.startsWith("x-")) continue;
    if (k === "properties" || k === "patternProperties") out[k] = Object.fromEntries(Object.entries(v).map(([name, sub]) => [name, cleanSchema(sub)]));
    else if (k === "enum" || k === "const" || k === "default" || k === "required") out[k] = v;
    else if (k === "discriminator") out[k] = { propertyName: v.propertyName, ...(v.mapping ? { mapping: v.mapping } : {}) };
    else out[k] = cleanSchema(v);
  }
  return out;
}

/** Names of the component schemas a (cleaned) tree references, by $ref or discriminator mapping. */
function refsOf(node, found = new Set()) {
  if (typeof node === "string") {
    const m = /^#\/components\/schemas\/(.+)$/.exec(node);
    if (m) found.add(m[1]);
  } else if (Array.isArray(node)) node.forEach((n) => refsOf(n, found));
  else if (isObject(node)) Object.values(node).forEach((n) => refsOf(n, found));
  return found;
}

/** The named schemas and everything they reference, cleaned, in the document's order. */
function schemaClosure(schemas, roots, extra = []) {
  const keep = new Set();
  const todo = [...roots, ...extra.flatMap((t) => [...refsOf(t)])];
  while (todo.length) {
    const name = todo.pop();
    if (keep.has(name)) continue;
    if (!schemas[name]) throw new Error(`no component schema ${name}`);
    keep.add(name);
    todo.push(...refsOf(cleanSchema(schemas[name])));
  }
  return Object.fromEntries(Object.keys(schemas).filter((n) => keep.has(n)).map((n) => [n, cleanSchema(schemas[n])]));
}

function readDoc(file) {
  const text = fs.readFileSync(file);
  return { doc: parse(text.toString("utf8")), sha256: sha256(text), file: path.basename(file) };
}

const header = (key, inputs, what) => ({ generated: "by scripts/derive-fixtures.js; do not edit, regenerate", source: SOURCES[key], inputs, kept: what });

function fabric(dir) {
  const { doc, sha256: hash, file } = readDoc(path.join(dir, "specs", "equinix", "fabricv4-openapi.yaml"));
  const examples = Object.fromEntries(FABRIC_EXAMPLES.map((n) => [n, { value: doc.components.examples[n].value }]));
  return {
    ...header("fabricv4", [{ file, sha256: hash, version: doc.info.version }], "the component schemas the contract tests use and their $ref closure; the JSON Patch examples of connections, cloud routers and routing protocols"),
    components: { schemas: schemaClosure(doc.components.schemas, FABRIC_SCHEMAS), examples },
  };
}

function oauth(dir) {
  const { doc, sha256: hash, file } = readDoc(path.join(dir, "specs", "equinix", "accesstokenv1-openapi.yaml"));
  return {
    ...header("accesstokenv1", [{ file, sha256: hash, version: doc.info.version }], "the token request, response and error schemas"),
    components: { schemas: schemaClosure(doc.components.schemas, OAUTH_SCHEMAS) },
  };
}

function ixapi(dir) {
  const { doc, sha256: hash, file } = readDoc(path.join(dir, "specs", "ixapi", "ix-api-v2.1.0.openapi.yaml"));
  const content = (c) => Object.fromEntries(Object.entries(c).map(([type, media]) => [type, media.schema ? { schema: cleanSchema(media.schema) } : {}]));
  const paths = {};
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!IXAPI_GROUPS.includes(p.split("/")[1])) continue;
    paths[p] = {};
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "put", "post", "delete", "patch"].includes(method)) continue;
      const out = {};
      if (op.requestBody) out.requestBody = { ...(op.requestBody.required !== undefined ? { required: op.requestBody.required } : {}), ...(op.requestBody.content ? { content: content(op.requestBody.content) } : {}) };
      out.responses = Object.fromEntries(Object.entries(op.responses ?? {}).map(([status, r]) => [status, r.content ? { content: content(r.content) } : {}]));
      paths[p][method] = out;
    }
  }
  return {
    ...header("ixapi", [{ file, sha256: hash, version: doc.info.version }], `paths under /${IXAPI_GROUPS.join(", /")} (request body and response schemas per status) and their component schemas`),
    paths,
    components: { schemas: schemaClosure(doc.components.schemas, [], [paths]) },
  };
}

/** The values a String or Boolean parameter's description lists under "Valid values". */
function enumOf(p) {
  if (p.enum && p.enum.length) return p.enum;
  const m = /Valid values?:?\s*\n((?:\s*\*\s+\*\*[^*]+\*\*.*\n?)+)/.exec(p.description ?? "");
  if (!m || !["String", "Boolean"].includes(p.type)) return undefined;
  return [...m[1].matchAll(/\*\s+\*\*([^*]+)\*\*/g)].map((x) => x[1]);
}

function alibabaParam(p) {
  const values = enumOf(p);
  return {
    name: p.name,
    position: p.position,
    type: p.type,
    required: Boolean(p.required),
    ...(values ? { enum: values } : {}),
    ...(p.sub_parameters ? { sub_parameters: p.sub_parameters.map(alibabaParam) } : {}),
  };
}

function alibaba(dir) {
  const base = path.join(dir, "specs", "alibaba", "vpc-2016-04-28");
  const inputs = [];
  const actions = {};
  for (const action of [...ALIBABA_ACTIONS].sort()) {
    const text = fs.readFileSync(path.join(base, `${action}.json`));
    const meta = JSON.parse(text.toString("utf8"));
    inputs.push({ file: `${action}.json`, sha256: sha256(text) });
    actions[action] = { method: meta.method, parameters: meta.parameters.map(alibabaParam) };
  }
  return { ...header("alibaba", inputs, "the actions the client sends: parameter names, positions, types, required flags, RepeatList members, enumerations"), actions };
}

/** The JSON bodies of a guide's curl examples (`-d '{...}'`), in order. */
function curlBodies(text) {
  const t = text.replace(/\u00a0/g, " ");
  const out = [];
  for (let i = t.indexOf("-d '"); i >= 0; i = t.indexOf("-d '", i + 1)) {
    const start = t.indexOf("{", i);
    let depth = 0;
    let k = start;
    for (; k < t.length; k++) {
      if (t[k] === "{") depth++;
      else if (t[k] === "}" && --depth === 0) break;
    }
    out.push(JSON.parse(t.slice(start, k + 1)));
  }
  return out;
}

function ecxV3(dir) {
  const seeds = path.join(dir, "seeds");
  const files = fs.readdirSync(seeds).filter((f) => f.endsWith(".txt")).sort();
  const texts = files.map((f) => ({ f, buf: fs.readFileSync(path.join(seeds, f)) }));
  const inputs = [];
  const bodies = {};
  for (const [key, title] of Object.entries(ECX_GUIDES)) {
    const hit = texts.find(({ buf }) => buf.toString("utf8").split(/\r?\n/).slice(0, 5).some((l) => l.trim() === title));
    if (!hit) throw new Error(`no document titled "${title}" in ${seeds}`);
    inputs.push({ document: title, sha256: sha256(hit.buf) });
    bodies[key] = curlBodies(hit.buf.toString("utf8"));
  }
  return { ...header("ecxV3", inputs, "the request bodies of the guides' curl examples, verbatim, in the guides' order"), ...bodies };
}

function readme() {
  const lines = [
    "# Schema fixtures (generated)",
    "",
    "Generated by `node scripts/derive-fixtures.js [documents-dir]` from the vendors' published documents;",
    "do not edit by hand. Each file's `source` and `inputs` name the document, its public location and the",
    "sha256 of the copy it was derived from. Only what the tests validate against is kept (types, required",
    "fields, enumerations, patterns, formats, the `$ref`s they resolve, the paths and operations the tests",
    "check); the vendors' prose (descriptions, summaries, examples, `x-*` fields) is dropped.",
    "",
    "| file | derived from |",
    "|---|---|",
    `| equinix/fabricv4.json | ${SOURCES.fabricv4.document}, ${SOURCES.fabricv4.url} |`,
    `| equinix/accesstokenv1.json | ${SOURCES.accesstokenv1.document}, ${SOURCES.accesstokenv1.url} |`,
    `| equinix/ecx-v3-examples.json | ${SOURCES.ecxV3.document} |`,
    `| ixapi/ix-api-v2.1.0.json | ${SOURCES.ixapi.document}, ${SOURCES.ixapi.url} |`,
    `| alibaba/vpc-2016-04-28.json | ${SOURCES.alibaba.document}, ${SOURCES.alibaba.url} |`,
    "",
    "Used by test/contract/*.test.ts, test/unit/ixapi/helpers.ts and test/unit/fabric/l2SeedBodies.test.ts.",
    "",
  ];
  return lines.join("\n");
}

function main() {
  const args = process.argv.slice(2);
  const check = args.includes("--check");
  const dir = path.resolve(args.find((a) => !a.startsWith("--")) ?? path.join(ROOT, "..", "shared"));
  if (!fs.existsSync(path.join(dir, "specs"))) {
    console.error(`derive-fixtures: no specs/ under ${dir}; give the directory holding the vendors' documents as the first argument`);
    process.exit(2);
  }
  const json = (o) => `${JSON.stringify(o, null, 2)}\n`;
  const files = {
    "equinix/fabricv4.json": json(fabric(dir)),
    "equinix/accesstokenv1.json": json(oauth(dir)),
    "equinix/ecx-v3-examples.json": json(ecxV3(dir)),
    "ixapi/ix-api-v2.1.0.json": json(ixapi(dir)),
    "alibaba/vpc-2016-04-28.json": json(alibaba(dir)),
    "README.md": readme(),
  };
  let differ = 0;
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(OUT, rel);
    const old = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    if (check) {
      if (old !== text) {
        differ++;
        console.error(`differs: test/fixtures/specs/${rel}`);
      }
      continue;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (old !== text) fs.writeFileSync(file, text);
    console.log(`${old === text ? "unchanged" : "written"}  test/fixtures/specs/${rel} (${Buffer.byteLength(text)} bytes)`);
  }
  if (check) {
    console.log(differ ? `${differ} fixture file(s) differ from ${dir}` : `fixtures match ${dir}`);
    process.exit(differ ? 1 : 0);
  }
}

main();
