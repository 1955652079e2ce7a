import assert from "node:assert/strict";
import { sandboxEnv, sandboxSettings, startSandbox, type Sandbox, type SandboxApi } from "../../sandbox";

/** An extra API that describes its own settings, as every SandboxApi does. */
const extraApi: SandboxApi = {
  name: "extra",
  owns: (path) => path.startsWith("/extra/"),
  createWorld: () => ({}),
  register: () => undefined,
  inventory: () => ({}),
  errorResponse: (_ctx, _req, status, message) => ({ status, body: { message } }),
  info: (ctx) => ({ endpoint: `${ctx.url()}/extra/`, token: "extra-token" }),
  settings: (i: { endpoint: string; token: string }) => [
    { env: "EXTRA_ENDPOINT", config: "extra:endpoint", value: i.endpoint },
    { env: "EXTRA_TOKEN", config: "extra:token", value: i.token, secret: true },
  ],
};

describe("sandbox: settings (environment variables and stack config keys) come from each API's own description", () => {
  let sb: Sandbox;
  before(async () => (sb = await startSandbox({ port: 0, apis: [extraApi] })));
  after(() => sb?.stop());

  it("sandboxEnv: the variables the providers read, from each API's info", () => {
    const env = sandboxEnv(sb);
    assert.deepEqual(env, {
      EQUINIX_API_ENDPOINT: sb.equinix.endpoint,
      EQUINIX_API_CLIENTID: sb.equinix.clientId,
      EQUINIX_API_CLIENTSECRET: sb.equinix.clientSecret,
      ALICLOUD_VPC_ENDPOINT: sb.alibaba.endpoint,
      ALICLOUD_ACCESS_KEY: sb.alibaba.accessKeyId,
      ALICLOUD_SECRET_KEY: sb.alibaba.accessKeySecret,
      ALICLOUD_REGION: sb.alibaba.region,
      ALICLOUD_ACCESS_KEY_SECOND: sb.alibaba.second.accessKeyId,
      ALICLOUD_SECRET_KEY_SECOND: sb.alibaba.second.accessKeySecret,
      IXAPI_API_URL: sb.ixapi.apiUrl,
      IXAPI_TOKEN_URL: sb.ixapi.tokenUrl,
      IXAPI_CLIENT_ID: sb.ixapi.clientId,
      IXAPI_CLIENT_SECRET: sb.ixapi.clientSecret,
      EXTRA_ENDPOINT: `${sb.url}/extra/`,
      EXTRA_TOKEN: "extra-token",
    });
  });

  it("sandboxSettings: the stack config key of each value, credentials marked secret", () => {
    const byKey = Object.fromEntries(sandboxSettings(sb).map((s) => [s.config, s]));
    assert.equal(byKey["equinix:clientSecret"].secret, true);
    assert.equal(byKey["equinix:clientId"].secret, undefined);
    assert.equal(byKey["alicloud:region"].value, sb.alibaba.region);
    assert.equal(byKey["ixapi:clientSecret"].value, sb.ixapi.clientSecret);
    assert.deepEqual(byKey["extra:token"], { api: "extra", env: "EXTRA_TOKEN", config: "extra:token", value: "extra-token", secret: true });
  });
});
