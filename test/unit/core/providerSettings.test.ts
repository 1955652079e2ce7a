// Reading each API's settings: names that coexist with the official providers (@pulumi/alicloud rejects
// unknown `alicloud:` keys; the Equinix provider's keys are shared), the Equinix static token, the VPC
// endpoint override in the official shape, the deprecated keys with their warning, and the exact
// missing-credentials messages (readable: the setting names are not redacted).
import assert from "node:assert/strict";
import { configure } from "../../../provider/core/config";
import { isApiError, isConfigError } from "../../../provider/core/errors";
import { redact } from "../../../provider/core/redact";
import { alibabaCredentials, alibabaSettings, DEPRECATED_ENDPOINT_KEYS, OFFICIAL_ENDPOINTS_KEY } from "../../../provider/alibaba/settings";
import { equinixCredentials, equinixSettings } from "../../../provider/fabric/settings";
import { ixapiSettings } from "../../../provider/ixapi/settings";

const ENV = /^(EQUINIX_|ALICLOUD_|ALIBABA_CLOUD_|IXAPI_)/;

/** Runs `fn` with these stack config values and no provider variables in the environment. */
async function withSettings<T>(config: Record<string, unknown>, env: Record<string, string>, fn: () => T): Promise<T> {
  const saved = Object.fromEntries(Object.entries(process.env).filter(([k]) => ENV.test(k)));
  for (const k of Object.keys(saved)) delete process.env[k];
  Object.assign(process.env, env);
  await configure({ config: { get: (k: string) => config[k] as string | undefined } });
  try {
    return fn();
  } finally {
    for (const k of Object.keys(process.env)) if (ENV.test(k)) delete process.env[k];
    Object.assign(process.env, saved);
    await configure({ config: { get: () => undefined } });
  }
}

/** What `fn` wrote to stderr. */
function stderrOf(fn: () => void): string {
  const write = process.stderr.write;
  let out = "";
  process.stderr.write = ((chunk: unknown) => ((out += String(chunk)), true)) as typeof process.stderr.write;
  try {
    fn();
  } finally {
    process.stderr.write = write;
  }
  return out;
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  assert.fail("expected a throw");
}

const ALI_BASE = { "alicloud:accessKey": "LTAI-settings-test", "alicloud:secretKey": "ali-secret-settings-test", "alicloud:region": "eu-central-1" };

describe("provider settings", () => {
  describe("names that coexist with the official providers", () => {
    it("every alicloud: key read is one the official alicloud provider accepts", () => {
      // The official provider's configuration points (pulumi registry, alicloud Installation & Configuration).
      const official = new Set(["alicloud:accessKey", "alicloud:secretKey", "alicloud:securityToken", "alicloud:region", "alicloud:endpoints"]);
      const read = [...Object.values(alibabaSettings).flatMap((s) => s.config), OFFICIAL_ENDPOINTS_KEY].filter((k) => k.startsWith("alicloud:"));
      assert.deepEqual(read.filter((k) => !official.has(k)), []);
      for (const k of DEPRECATED_ENDPOINT_KEYS) assert.ok(!official.has(k));
    });

    it("every equinix: key read is one the official Equinix provider accepts", () => {
      const official = new Set(["equinix:clientId", "equinix:clientSecret", "equinix:token", "equinix:endpoint", "equinix:authToken"]);
      const read = Object.values(equinixSettings).flatMap((s) => s.config);
      assert.deepEqual(read.filter((k) => !official.has(k)), []);
      assert.deepEqual(Object.values(equinixSettings).flatMap((s) => s.env).sort(), ["EQUINIX_API_CLIENTID", "EQUINIX_API_CLIENTSECRET", "EQUINIX_API_ENDPOINT", "EQUINIX_API_TOKEN"]);
    });

    it("IX-API keys live in the ixapi: namespace only (no official Pulumi IX-API provider claims it)", () => {
      const read = Object.values(ixapiSettings).flatMap((s) => s.config);
      assert.ok(read.length > 0 && read.every((k) => k.startsWith("ixapi:")), read.join(", "));
    });
  });

  describe("equinix", () => {
    it("missing credentials: the exact message, setting names readable", async () => {
      const e = await withSettings({}, {}, () => thrown(equinixCredentials));
      assert.ok(isConfigError(e));
      assert.equal(
        e.message,
        "equinix: missing credentials or settings:\n" +
          "  clientId: set `pulumi config set equinix:clientId ...`, or the environment variable EQUINIX_API_CLIENTID\n" +
          "  clientSecret: set `pulumi config set --secret equinix:clientSecret ...`, or the environment variable EQUINIX_API_CLIENTSECRET\n" +
          "  (or, instead of client credentials, a token from the Equinix OAuth2 API: set `pulumi config set --secret equinix:token ...`, or the environment variable EQUINIX_API_TOKEN)",
      );
    });

    it("only the secret missing: names it alone", async () => {
      const e = await withSettings({ "equinix:clientId": "id-1" }, {}, () => thrown(equinixCredentials));
      assert.match(e.message, /^equinix: missing credentials or settings:\n {2}clientSecret: set `pulumi config set --secret equinix:clientSecret \.\.\.`/);
      assert.doesNotMatch(e.message, /clientId: set/);
    });

    it("client credentials from config win over the environment; default endpoint", async () => {
      const c = await withSettings(
        { "equinix:clientId": "cfg-id", "equinix:clientSecret": "cfg-secret-value-1" },
        { EQUINIX_API_CLIENTID: "env-id", EQUINIX_API_CLIENTSECRET: "env-secret" },
        equinixCredentials,
      );
      assert.deepEqual(c, { kind: "oauth", clientId: "cfg-id", clientSecret: "cfg-secret-value-1", endpoint: "https://api.equinix.com" });
    });

    it("equinix:token: a static token, used instead of client credentials (as the official provider does), registered as a secret", async () => {
      const c = await withSettings(
        { "equinix:token": "static-token-from-config-9f8e", "equinix:clientId": "cfg-id", "equinix:clientSecret": "cfg-secret", "equinix:endpoint": "https://sandbox.example/" },
        {},
        equinixCredentials,
      );
      assert.deepEqual(c, { kind: "token", token: "static-token-from-config-9f8e", endpoint: "https://sandbox.example" });
      assert.equal(redact("sent static-token-from-config-9f8e"), "sent [redacted]");
    });

    it("EQUINIX_API_TOKEN from the environment, a pasted 'Bearer ' prefix dropped", async () => {
      const c = await withSettings({}, { EQUINIX_API_TOKEN: "Bearer env-static-token-77aa" }, equinixCredentials);
      assert.deepEqual(c, { kind: "token", token: "env-static-token-77aa", endpoint: "https://api.equinix.com" });
      assert.equal(redact("x env-static-token-77aa"), "x [redacted]");
    });
  });

  describe("alibaba VPC endpoint", () => {
    const endpointOf = (config: Record<string, unknown>, env: Record<string, string> = {}) =>
      withSettings({ ...ALI_BASE, ...config }, env, () => alibabaCredentials().endpoint);

    it("no override: the region's default endpoint", async () => {
      assert.equal(await endpointOf({}), "https://vpc.eu-central-1.aliyuncs.com");
      assert.equal(await endpointOf({ "alicloud:region": "cn-hongkong" }), "https://vpc.aliyuncs.com");
    });

    it("alicloud:endpoints in the official provider's shape: a list of objects with vpc (JSON text or parsed; host or URL)", async () => {
      assert.equal(await endpointOf({ "alicloud:endpoints": '[{"ecs":"ecs.example.com"},{"vpc":"vpc.example.com"}]' }), "https://vpc.example.com");
      assert.equal(await endpointOf({ "alicloud:endpoints": [{ vpc: "http://127.0.0.1:4510/alibaba/" }] }), "http://127.0.0.1:4510/alibaba");
      assert.equal(await endpointOf({ "alicloud:endpoints": '[{"ecs":"ecs.example.com"}]' }), "https://vpc.eu-central-1.aliyuncs.com", "no vpc entry: default");
    });

    it("alicloud:endpoints of another shape: a config error naming the key and the expected shape", async () => {
      const e = await withSettings({ ...ALI_BASE, "alicloud:endpoints": '["vpc.example.com"]' }, {}, () => thrown(alibabaCredentials));
      assert.ok(isApiError(e) && isConfigError(e));
      assert.match(e.message, /alicloud:endpoints must be a list of objects, one field per service/);
      assert.match(e.message, /pulumi config set --path 'alicloud:endpoints\[0\]\.vpc'/);
    });

    it("interconnect:alicloudVpcEndpoint (this package's namespace) wins over alicloud:endpoints and the environment", async () => {
      assert.equal(
        await endpointOf({ "interconnect:alicloudVpcEndpoint": "http://own.example:1/alibaba/", "alicloud:endpoints": '[{"vpc":"vpc.example.com"}]' }, { ALICLOUD_VPC_ENDPOINT: "http://env.example" }),
        "http://own.example:1/alibaba",
      );
    });

    it("ALICLOUD_VPC_ENDPOINT when no config key is set", async () => {
      assert.equal(await endpointOf({}, { ALICLOUD_VPC_ENDPOINT: "http://env.example:2/alibaba/" }), "http://env.example:2/alibaba");
    });

    it("the deprecated alicloud:vpcEndpoint still works, with one warning on stderr naming both replacements", async () => {
      let endpoint: string | undefined;
      const first = await withSettings({ ...ALI_BASE, "alicloud:vpcEndpoint": "http://old.example/alibaba/" }, {}, () =>
        stderrOf(() => {
          endpoint = alibabaCredentials().endpoint;
          alibabaCredentials();
        }),
      );
      assert.equal(endpoint, "http://old.example/alibaba");
      assert.equal(
        first,
        "[pulumi-interconnect] warning: config key alicloud:vpcEndpoint is deprecated: a stack that also uses @pulumi/alicloud rejects it as unknown. " +
          "Use `pulumi config set --path 'alicloud:endpoints[0].vpc' <endpoint>` (the official provider's shape) or " +
          "`pulumi config set interconnect:alicloudVpcEndpoint <endpoint>`, then `pulumi config rm alicloud:vpcEndpoint`\n",
      );
      const again = await withSettings({ ...ALI_BASE, "alicloud:vpcEndpoint": "http://old.example/alibaba/" }, {}, () => stderrOf(() => alibabaCredentials()));
      assert.equal(again, "", "printed once per process");
    });

    it("a new key set beside the deprecated one wins, and no warning is printed", async () => {
      const out = await withSettings({ ...ALI_BASE, "alicloud:endpoint": "http://old.example", "alicloud:endpoints": '[{"vpc":"http://new.example"}]' }, {}, () =>
        stderrOf(() => assert.equal(alibabaCredentials().endpoint, "http://new.example")),
      );
      assert.equal(out, "");
    });
  });
});
