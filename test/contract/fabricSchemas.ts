// The Fabric v4 and OAuth schema validators of the contract tests, from the schemas derived into
// test/fixtures/specs/equinix by scripts/derive-fixtures.js (nothing outside the repository is read).
import { readFileSync } from "fs";
import { resolve } from "path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

const SPECS = resolve(__dirname, "../fixtures/specs/equinix");

function loadComponents(file: string): Record<string, any> {
  return JSON.parse(readFileSync(resolve(SPECS, file), "utf8")).components.schemas;
}

export interface FabricValidators {
  /** a component schema of the Fabric v4 spec (plus ErrorRelayed / ErrorListRelayed, see below) */
  validator(name: string): ValidateFunction;
  /** a component schema of the OAuth spec */
  oauth(name: string): ValidateFunction;
}

export function buildFabricValidators(): FabricValidators {
  const fabric = loadComponents("fabricv4.json");
  // The spec's ConnectionState lacks PROVISIONED and REPROVISIONING, which the API does return:
  // Equinix's own SDK (equinix-sdk-go, fabricv4) patches them into the enum. Do the same in memory.
  fabric.ConnectionState = { ...fabric.ConnectionState, enum: [...fabric.ConnectionState.enum, "PROVISIONED", "REPROVISIONING"] };
  // Equinix relays Alibaba's refusal to delete a provisioned connection with the code ERR-UAA-003-00,
  // which breaks the spec's own ^EQ-\d{7}$ pattern: a separate schema accepts exactly that one code.
  fabric.ErrorRelayed = { ...fabric.Error, properties: { ...fabric.Error.properties, errorCode: { type: "string", enum: ["ERR-UAA-003-00"] } } };
  fabric.ErrorListRelayed = { type: "array", items: { $ref: "#/components/schemas/ErrorRelayed" } };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  ajv.addFormat("string", true); // the spec uses `format: string` on plain strings
  // All components under one id, so every internal $ref resolves; only what is used gets compiled.
  ajv.addSchema({ $id: "fabricv4", components: { schemas: fabric } });
  ajv.addSchema({ $id: "oauth", components: { schemas: loadComponents("accesstokenv1.json") } });
  const cache = new Map<string, ValidateFunction>();
  const get = (id: string, name: string) => {
    const key = `${id}:${name}`;
    if (!cache.has(key)) cache.set(key, ajv.compile({ $ref: `${id}#/components/schemas/${name}` }));
    return cache.get(key)!;
  };
  return { validator: (n) => get("fabricv4", n), oauth: (n) => get("oauth", n) };
}
