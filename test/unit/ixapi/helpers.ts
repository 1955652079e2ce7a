/**
 * Test helpers for IX-API: the official schema (IX-API v2.1.0, the paths and schemas the tests use,
 * derived into test/fixtures/specs/ixapi by scripts/derive-fixtures.js) compiled with ajv, and the
 * provider's settings pointed at a sandbox. Not a test file itself.
 */
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "fs";
import { join } from "path";
import type { Sandbox } from "../../../sandbox";
import { configure } from "../../../provider/core/config";
import { tokenCache } from "../../../provider/core/tokenCache";
import { clearRefreshTokens } from "../../../provider/ixapi/auth";

export const SPEC_PATH = join(__dirname, "../../fixtures/specs/ixapi/ix-api-v2.1.0.json");

type Json = any;
let spec: Json | undefined;
let ajv: Ajv | undefined;
const cache = new Map<string, ValidateFunction>();

/**
 * The spec's polymorphic schemas (`oneOf` + `discriminator`) cannot be checked by plain oneOf: their
 * variants do not exclude each other (a dot1q vlan_config also matches VLanConfigPort). Each one is
 * rewritten to select the variant by the discriminator's value, as the spec's mapping says.
 */
function rewriteDiscriminators(node: Json): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) return node.forEach(rewriteDiscriminators);
  if (node.discriminator?.mapping && node.oneOf) {
    const prop = node.discriminator.propertyName;
    const mapping = node.discriminator.mapping as Record<string, string>;
    delete node.oneOf;
    delete node.discriminator;
    node.type = "object";
    node.required = [prop];
    node.properties = { [prop]: { enum: Object.keys(mapping) } };
    node.allOf = Object.entries(mapping).map(([value, ref]) => ({
      if: { properties: { [prop]: { const: value } }, required: [prop] },
      then: { $ref: `ixapi${ref}` },
    }));
  }
  for (const v of Object.values(node)) rewriteDiscriminators(v);
}

export function ixapiSpec(): Json {
  if (!spec) {
    spec = JSON.parse(readFileSync(SPEC_PATH, "utf8"));
    rewriteDiscriminators(spec.components.schemas);
  }
  return spec;
}

function validator(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
    ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
    ajv.addSchema({ $id: "ixapi", components: ixapiSpec().components }, "ixapi");
  }
  return ajv;
}

function compile(key: string, schema: Json): ValidateFunction {
  let v = cache.get(key);
  if (!v) {
    // Refs inside the spec are "#/components/...": resolve them against the registered document.
    const fixed = JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"ixapi#/components/'));
    v = validator().compile(fixed);
    cache.set(key, v);
  }
  return v;
}

function errorsOf(v: ValidateFunction): string {
  return (v.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`).join("; ");
}

/** Validates data against a named component schema; returns the problems ("" when valid). */
export function checkSchema(name: string, data: unknown): string {
  const v = compile(`schema:${name}`, { $ref: `#/components/schemas/${name}` });
  return v(data) ? "" : errorsOf(v);
}

/** The spec path template matching a concrete path (below /ixapi/v2), e.g. /network-services/{id}. */
export function templateOf(path: string): string | undefined {
  const paths = Object.keys(ixapiSpec().paths);
  const segs = path.split("?")[0].split("/");
  return paths.find((t) => {
    const ts = t.split("/");
    return ts.length === segs.length && ts.every((s, i) => s.startsWith("{") || s === segs[i]);
  });
}

/** Validates a response body against the spec's schema for that path, method and status. */
export function checkResponse(method: string, template: string, status: number, body: unknown): string {
  const op = ixapiSpec().paths[template]?.[method.toLowerCase()];
  if (!op) return `no operation ${method} ${template} in the schema`;
  const r = op.responses?.[String(status)];
  if (!r) return `status ${status} is not documented for ${method} ${template} (documented: ${Object.keys(op.responses ?? {}).join(", ")})`;
  const content = r.content ? (Object.values(r.content)[0] as { schema?: Json }) : undefined;
  if (!content?.schema) return "";
  const v = compile(`resp:${method}:${template}:${status}`, content.schema);
  return v(body) ? "" : errorsOf(v);
}

/** Validates a request body against the spec's requestBody schema. */
export function checkRequest(method: string, template: string, body: unknown): string {
  const op = ixapiSpec().paths[template]?.[method.toLowerCase()];
  if (!op) return `no operation ${method} ${template} in the schema`;
  const content = op.requestBody?.content ? (Object.values(op.requestBody.content)[0] as { schema?: Json }) : undefined;
  if (!content?.schema) return body === undefined ? "" : `${method} ${template} takes no body`;
  if (body === undefined) return op.requestBody.required ? "a body is required" : "";
  const v = compile(`req:${method}:${template}`, content.schema);
  return v(body) ? "" : errorsOf(v);
}

const KEYS = ["IXAPI_API_URL", "IXAPI_TOKEN_URL", "IXAPI_CLIENT_ID", "IXAPI_CLIENT_SECRET", "IXAPI_API_KEY", "IXAPI_API_SECRET"];

/** Points the provider (in this process) at the sandbox, with one of the two token flows. */
export function useSandbox(sb: Sandbox, flow: "oauth" | "native"): void {
  for (const k of KEYS) delete process.env[k];
  void configure({ config: { get: () => undefined } });
  process.env.IXAPI_API_URL = sb.ixapi.apiUrl;
  if (flow === "oauth") {
    process.env.IXAPI_TOKEN_URL = sb.ixapi.tokenUrl;
    process.env.IXAPI_CLIENT_ID = sb.ixapi.clientId;
    process.env.IXAPI_CLIENT_SECRET = sb.ixapi.clientSecret;
  } else {
    process.env.IXAPI_API_KEY = sb.ixapi.apiKey;
    process.env.IXAPI_API_SECRET = sb.ixapi.apiSecret;
  }
  tokenCache.clear();
  clearRefreshTokens();
}

export function clearSettings(): void {
  for (const k of KEYS) delete process.env[k];
}

/** Requests of the IX-API in the sandbox's log, by kind. */
export function kinds(sb: Sandbox): string[] {
  return sb.admin.requests().filter((r) => r.api === "ixapi").map((r) => r.kind);
}
