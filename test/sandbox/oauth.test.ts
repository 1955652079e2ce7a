import assert from "assert";
import type { Sandbox } from "../../sandbox";
import { raw, withSandbox, type Eqx } from "./helpers";

describe("sandbox: Equinix OAuth and auth", () => {
  let sb: Sandbox;
  let eqx: Eqx;
  before(async () => ({ sb, eqx } = await withSandbox()));
  after(() => sb.stop());

  it("issues a token for client credentials", async () => {
    const r = await raw(sb.url, "POST", "/oauth2/v1/token", { grant_type: "client_credentials", client_id: sb.equinix.clientId, client_secret: sb.equinix.clientSecret });
    assert.strictEqual(r.status, 200);
    assert.strictEqual(r.body.token_type, "Bearer");
    assert.strictEqual(r.body.token_timeout, "3599");
    assert.strictEqual(typeof r.body.access_token, "string");
    assert.strictEqual(typeof r.body.user_name, "string");
  });

  it("answers 400 with the OAuth error body on bad credentials", async () => {
    const r = await raw(sb.url, "POST", "/oauth2/v1/token", { grant_type: "client_credentials", client_id: sb.equinix.clientId, client_secret: "wrong" });
    assert.strictEqual(r.status, 400);
    for (const k of ["error_domain", "error_title", "error_code", "developer_message", "error_message"]) assert.strictEqual(typeof r.body[k], "string", k);
  });

  it("credentials are random per start", async () => {
    const { sb: other } = await withSandbox();
    try {
      assert.notStrictEqual(other.equinix.clientSecret, sb.equinix.clientSecret);
      assert.strictEqual(sb.equinix.endpoint, sb.url);
    } finally {
      await other.stop();
    }
  });

  it("requires a bearer token on every Fabric call (401, error array)", async () => {
    for (const h of [{}, { authorization: "Bearer nope" }, { authorization: "Basic abc" }] as Record<string, string>[]) {
      const r = await raw(sb.url, "GET", "/fabric/v4/ports", undefined, h);
      assert.strictEqual(r.status, 401);
      assert.ok(Array.isArray(r.body));
      assert.match(r.body[0].errorCode, /^EQ-\d{7}$/);
    }
    assert.strictEqual((await eqx.call("GET", "/fabric/v4/ports")).status, 200);
  });

  it("expireTokens invalidates every issued token", async () => {
    const { sb: s, eqx: e } = await withSandbox();
    try {
      assert.strictEqual((await e.call("GET", "/fabric/v4/ports")).status, 200);
      s.admin.expireTokens("equinix");
      assert.strictEqual((await e.call("GET", "/fabric/v4/ports")).status, 401);
      await e.login();
      assert.strictEqual((await e.call("GET", "/fabric/v4/ports")).status, 200);
    } finally {
      await s.stop();
    }
  });

  it("tokens expire after tokenTtlSeconds on the sandbox clock", async () => {
    const { sb: s, eqx: e } = await withSandbox({ tokenTtlSeconds: 60 });
    try {
      const t = await raw(s.url, "POST", "/oauth2/v1/token", { grant_type: "client_credentials", client_id: s.equinix.clientId, client_secret: s.equinix.clientSecret });
      assert.strictEqual(t.body.token_timeout, "60");
      s.admin.clock.advance(59_000);
      assert.strictEqual((await e.call("GET", "/fabric/v4/ports")).status, 200);
      s.admin.clock.advance(2_000);
      assert.strictEqual((await e.call("GET", "/fabric/v4/ports")).status, 401);
    } finally {
      await s.stop();
    }
  });

  it("logs token requests", async () => {
    sb.admin.clearRequests();
    await eqx.login();
    await eqx.login();
    const tokens = sb.admin.requests().filter((r) => r.kind === "oauth.token");
    assert.strictEqual(tokens.length, 2);
    assert.strictEqual(tokens[0].api, "equinix");
    assert.strictEqual(tokens[0].status, 200);
  });
});

describe("sandbox: Equinix account lock", () => {
  it("locks the account after 5 invalid token requests in a row, until unlocked", async () => {
    const { sb } = await withSandbox();
    try {
      const good = { grant_type: "client_credentials", client_id: sb.equinix.clientId, client_secret: sb.equinix.clientSecret };
      for (let i = 0; i < 5; i++) assert.strictEqual((await raw(sb.url, "POST", "/oauth2/v1/token", { ...good, client_secret: "bad" })).status, 400);
      const locked = await raw(sb.url, "POST", "/oauth2/v1/token", good);
      assert.strictEqual(locked.status, 400);
      assert.strictEqual(locked.body.error_code, "OAUTH-E0005");
      sb.admin.equinix.unlockAccount();
      assert.strictEqual((await raw(sb.url, "POST", "/oauth2/v1/token", good)).status, 200);
    } finally {
      await sb.stop();
    }
  });
});
