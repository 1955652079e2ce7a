import assert from "node:assert/strict";
import { startSandbox, type Sandbox } from "../../sandbox";
import { isApiError } from "../../provider/core/errors";
import { tokenCache } from "../../provider/core/tokenCache";
import { ixapiClient, ixapiTokenFetches } from "../../provider/ixapi/client";
import { clearSettings, kinds, useSandbox } from "../unit/ixapi/helpers";
import { callContext, perCall } from "../support/context";

const api = perCall(() => ixapiClient(callContext()));

const ALIBABA = "alibaba-express-connect.fra.eu-central-1";
const serviceBody = (ref: string) => ({
  type: "cloud_vc",
  product_offering: ALIBABA,
  managing_account: "A0087264",
  consuming_account: "A0087264",
  billing_account: "A0087264",
  cloud_key: "9876543210123456",
  capacity: 200,
  external_ref: ref,
});

describe("ixapi client against the sandbox", () => {
  let sb: Sandbox;
  before(async () => {
    sb = await startSandbox({ timeScale: 0.05, tokenTtlSeconds: 600 });
  });
  after(async () => {
    clearSettings();
    await sb.stop();
  });
  beforeEach(() => {
    sb.admin.clearRequests();
    sb.admin.clearFaults();
  });

  it("OAuth2 client credentials: one form-encoded token per credential set, reused by every call", async () => {
    useSandbox(sb, "oauth");
    await Promise.all([api.listPops({ metro_area_network: "man:FRA" }), api.listConnections(), api.listAccounts(), api.getProductOffering(ALIBABA)]);
    assert.equal(kinds(sb).filter((k) => k === "ixapi.oauth.token").length, 1);
    assert.equal(ixapiTokenFetches(), 1);
    const pops = await api.listPops({ metro_area_network: "man:FRA" });
    assert.deepEqual(pops.map((p) => p.id).sort(), ["pop:FRA5-A", "pop:FRA7-B"]);
  });

  it("OAuth2: a token that expires mid-run is renewed once on the 401", async () => {
    useSandbox(sb, "oauth");
    await api.listRoles();
    sb.admin.expireTokens("ixapi");
    const roles = await api.listRoles({ name: "noc" });
    assert.equal(roles[0].name, "noc");
    assert.deepEqual(kinds(sb), ["ixapi.oauth.token", "ixapi.role.list", "ixapi.role.list", "ixapi.oauth.token", "ixapi.role.list"]);
  });

  it("native flow: POST /auth/token, then /auth/refresh when the access token expired on the server's clock", async () => {
    useSandbox(sb, "native");
    await api.listAccounts();
    sb.admin.clock.advance(601_000);
    await api.listAccounts();
    assert.deepEqual(kinds(sb), ["ixapi.auth.token", "ixapi.account.list", "ixapi.account.list", "ixapi.auth.refresh", "ixapi.account.list"]);
    // Every token is revoked (refresh tokens too): it logs in again.
    sb.admin.expireTokens("ixapi");
    await api.listAccounts();
    assert.deepEqual(kinds(sb).slice(-4), ["ixapi.account.list", "ixapi.auth.refresh", "ixapi.auth.token", "ixapi.account.list"]);
  });

  it("tokens are renewed before expiry (the cache renews at 90% of their life)", async () => {
    useSandbox(sb, "native");
    await api.listAccounts();
    const key = [...(tokenCache as unknown as { entries: Map<string, { renewAt: number; expiresAt: number }> }).entries.values()][0];
    assert.ok(key.renewAt < key.expiresAt, "renewal is scheduled before expiry");
  });

  it("bad credentials: one clear error, not retried, no secret in it", async () => {
    useSandbox(sb, "oauth");
    process.env.IXAPI_CLIENT_SECRET = "wrong-secret-value-123";
    await assert.rejects(api.listAccounts(), (e: Error) => {
      assert.match(e.message, /token request refused/);
      assert.ok(!e.message.includes("wrong-secret-value-123"));
      assert.ok(!e.message.includes(sb.ixapi.clientSecret));
      return true;
    });
    assert.deepEqual(kinds(sb), ["ixapi.oauth.token"]);
  });

  it("RFC 7807 problems become ApiErrors with code and field reasons; 404 reads as undefined", async () => {
    useSandbox(sb, "native");
    await assert.rejects(api.createNetworkService({ ...serviceBody("bad"), capacity: 99999 }), (e: unknown) => {
      assert.ok(isApiError(e));
      assert.equal(e.status, 400);
      assert.equal(e.code, "validation-error");
      assert.equal(e.kind, "invalid");
      assert.equal(e.details?.[0].property, "capacity");
      return true;
    });
    assert.equal(await api.getNetworkService("ns:missing"), undefined);
  });

  it("429 with Retry-After and 503 are retried, for reads and creates", async () => {
    useSandbox(sb, "oauth");
    sb.admin.injectFault({ api: "ixapi", method: "GET", path: "/pops$", times: 1, fault: { kind: "status", status: 429, retryAfterSeconds: 0 } });
    sb.admin.injectFault({ api: "ixapi", method: "GET", path: "/pops$", times: 1, fault: { kind: "status", status: 503 } });
    assert.equal((await api.listPops()).length, 4);
    sb.admin.injectFault({ api: "ixapi", method: "POST", path: "/contacts$", times: 1, fault: { kind: "status", status: 503 } });
    const c = await api.createContact({ managing_account: "A0087264", consuming_account: "A0087264", name: "N", email: "n@example.com", external_ref: "retry-503" });
    assert.equal(sb.world.ixapi.contacts.size >= 1, true);
    assert.equal([...sb.world.ixapi.contacts.values()].filter((x) => x.external_ref === "retry-503").length, 1);
    await api.deleteContact(c.id);
  });

  it("a create whose answer was lost is looked up by external_ref, never sent twice", async () => {
    useSandbox(sb, "oauth");
    sb.admin.injectFault({ api: "ixapi", method: "POST", path: "/network-services$", times: 1, fault: { kind: "loseResponse" } });
    const s = await api.createNetworkService(serviceBody("lost-1"));
    assert.equal(s.external_ref, "lost-1");
    const same = [...sb.world.ixapi.services.values()].filter((x) => x.external_ref === "lost-1");
    assert.equal(same.length, 1);
    assert.deepEqual(kinds(sb).filter((k) => k.startsWith("ixapi.networkService")), ["ixapi.networkService.create", "ixapi.networkService.list"]);
    await api.deleteNetworkService(s.id);
  });

  it("missing settings: one error naming the config keys and environment variables", async () => {
    clearSettings();
    await assert.rejects(api.listAccounts(), (e: Error) => {
      for (const k of ["ixapi:apiUrl", "IXAPI_API_URL", "ixapi:clientId", "IXAPI_CLIENT_SECRET", "ixapi:apiKey", "IXAPI_API_SECRET", "ixapi:tokenUrl"]) assert.ok(e.message.includes(k), k);
      return true;
    });
  });
});
