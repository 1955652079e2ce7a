import assert from "node:assert/strict";
import { configure } from "../../provider/core/config";
import { thinProvider } from "../../provider/core/thinProvider";
import { knownKinds, provider } from "../../provider/runtime";
import { serializeProvider } from "../harness/serialize";

/**
 * Every resource kind's provider, serialized exactly as pulumi.dynamic.Resource does, stays small (it
 * is stored twice per resource), is not a secret, and carries no credential, even when credentials
 * are configured in the process that serializes it.
 */
describe("serialized providers", () => {
  const credentials = {
    EQUINIX_API_CLIENTID: "serialize-test-client-id",
    EQUINIX_API_CLIENTSECRET: "serialize-test-client-secret-0123456789",
    ALICLOUD_ACCESS_KEY: "LTAIserializeTestKey",
    ALICLOUD_SECRET_KEY: "serialize-test-alibaba-secret-abcdef",
    IXAPI_CLIENT_SECRET: "serialize-test-ixapi-secret-xyz",
    IXAPI_API_SECRET: "serialize-test-ixapi-api-secret",
  };
  const saved: Record<string, string | undefined> = {};

  before(async () => {
    for (const [k, v] of Object.entries(credentials)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    await configure({ config: { get: (key: string) => (key === "equinix:clientSecret" ? "config-secret-value-42" : undefined) } });
  });
  after(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it("serves at least the Fabric connection kind", () => {
    assert.ok(knownKinds().includes("fabric:Connection"), knownKinds().join(", "));
  });

  for (const kind of knownKinds()) {
    it(`${kind}: at most 1,500 bytes, not secret, no credential`, async () => {
      const { text, containsSecrets } = await serializeProvider(thinProvider(kind));
      assert.ok(Buffer.byteLength(text) <= 1500, `${kind}: ${Buffer.byteLength(text)} bytes`);
      assert.equal(containsSecrets, false);
      for (const value of [...Object.values(credentials), "config-secret-value-42"]) {
        assert.ok(!text.includes(value), `${kind}: serialized provider contains a credential`);
      }
      assert.match(text, /require\("pulumi-interconnect\/provider\/runtime"\)\.attach\(this, req\)/);
      assert.ok(text.includes(JSON.stringify(kind)), "the kind is the only data it holds");
    });
  }

  it("attach() gives a deserialized provider every CRUD method of its kind", async () => {
    const target: Record<string, unknown> & { kind: string } = { kind: "fabric:Connection" };
    const runtime = require("../../provider/runtime");
    await runtime.attach(target, { config: { get: () => undefined } });
    for (const m of ["check", "diff", "create", "read", "update", "delete"]) {
      assert.equal(typeof target[m], "function", m);
      assert.equal(target[m], (provider("fabric:Connection") as unknown as Record<string, unknown>)[m]);
    }
  });

  it("an unknown kind names the kinds this version serves", () => {
    assert.throws(() => provider("fabric:Nope"), /unknown resource kind "fabric:Nope".*fabric:Connection/);
  });
});
