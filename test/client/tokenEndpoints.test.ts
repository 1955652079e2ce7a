// The token endpoints of Equinix (OAuth2 at /oauth2/v1/token) and IX-API (OAuth2 at the login URL)
// under faults, against the sandbox over HTTP: transient answers are retried within the operation's
// deadline, credential refusals never are, and concurrent operations share one renewal per expiry.
import assert from "node:assert/strict";
import { configure } from "../../provider/core/config";
import { isApiError } from "../../provider/core/errors";
import { tokenCache } from "../../provider/core/tokenCache";
import { fabricApi } from "../../provider/fabric/http";
import { ixapiClient } from "../../provider/ixapi/client";
import { clearRefreshTokens } from "../../provider/ixapi/auth";
import { startSandbox, type Sandbox } from "../../sandbox";
import { findPort } from "../../sandbox/equinix";
import { callContext, perCall } from "../support/context";

const fabric = perCall(() => fabricApi(callContext()));
const ixapi = perCall(() => ixapiClient(callContext()));

const ENV_KEYS = [
  "EQUINIX_API_CLIENTID",
  "EQUINIX_API_CLIENTSECRET",
  "EQUINIX_API_ENDPOINT",
  "EQUINIX_API_TOKEN",
  "IXAPI_API_URL",
  "IXAPI_TOKEN_URL",
  "IXAPI_CLIENT_ID",
  "IXAPI_CLIENT_SECRET",
  "IXAPI_API_KEY",
  "IXAPI_API_SECRET",
];

type Api = "equinix" | "ixapi";
const TOKEN_PATH: Record<Api, string> = { equinix: "^/oauth2/v1/token$", ixapi: "^/ixapi-auth/connect/token$" };
const TOKEN_KIND: Record<Api, string> = { equinix: "oauth.token", ixapi: "ixapi.oauth.token" };
const READ_PATH: Record<Api, string> = { equinix: "^/fabric/v4/ports/", ixapi: "/pops$" };

describe("token endpoints under faults (Equinix and IX-API, over HTTP)", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  const saved: Record<string, string | undefined> = {};

  before(async () => {
    for (const k of ENV_KEYS) saved[k] = process.env[k];
    sb = await startSandbox({ timeScale: 0.05 });
  });
  after(async () => {
    for (const k of ENV_KEYS) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    tokenCache.clear();
    await sb.stop();
  });
  beforeEach(async () => {
    for (const k of ENV_KEYS) delete process.env[k];
    await configure({ config: { get: () => undefined } });
    Object.assign(process.env, {
      EQUINIX_API_ENDPOINT: sb.equinix.endpoint,
      EQUINIX_API_CLIENTID: sb.equinix.clientId,
      EQUINIX_API_CLIENTSECRET: sb.equinix.clientSecret,
      IXAPI_API_URL: sb.ixapi.apiUrl,
      IXAPI_TOKEN_URL: sb.ixapi.tokenUrl,
      IXAPI_CLIENT_ID: sb.ixapi.clientId,
      IXAPI_CLIENT_SECRET: sb.ixapi.clientSecret,
    });
    tokenCache.clear();
    clearRefreshTokens();
    sb.admin.clearFaults();
    sb.admin.clearRequests();
    sb.admin.equinix.unlockAccount();
  });

  const port = findPort("SV").uuid;
  /** One cheap authenticated read of each API. */
  const read: Record<Api, (deadline?: number) => Promise<unknown>> = {
    equinix: (deadline) => fabric.getPort(port, { deadline }),
    ixapi: (deadline) => ixapi.listPops({}, { deadline }),
  };
  const tokenRequests = (api: Api) => sb.admin.requests().filter((r) => r.api === api && new RegExp(TOKEN_PATH[api]).test(r.path));

  for (const api of ["equinix", "ixapi"] as Api[]) {
    describe(api, () => {
      it("a 503 and then a 429 on the token endpoint are retried: every operation in flight succeeds", async () => {
        sb.admin.injectFault({ api, method: "POST", path: TOKEN_PATH[api], times: 1, fault: { kind: "status", status: 503 } });
        sb.admin.injectFault({ api, method: "POST", path: TOKEN_PATH[api], times: 1, fault: { kind: "status", status: 429, retryAfterSeconds: 0 } });
        const results = await Promise.allSettled(Array.from({ length: 20 }, () => read[api](Date.now() + 20_000)));
        assert.deepEqual(
          results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)),
          [],
        );
        assert.deepEqual(tokenRequests(api).map((r) => r.status), [503, 429, 200], "one shared fetch, retried twice");
      });

      it("20 concurrent operations across 2 expiries make 3 token requests (1 initial + 1 per expiry)", async () => {
        // Operations run staggered, as a deployment's do: while some hold the revoked token, others have
        // already renewed it. Every request that sees the 401 must share one renewal. The server revokes
        // every token once each operation has read since the previous revocation (so no request can
        // straddle two revocations, which in real life are an hour apart). Reads take 15 ms at the server,
        // so many are in flight at a revocation and their 401s arrive after the first renewal completed.
        sb.admin.injectFault({ api, method: "GET", path: READ_PATH[api], fault: { kind: "delay", ms: 15 } });
        const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
        const ops = 20;
        let expiries = 0;
        const readSince = new Array<number>(ops).fill(-1); // the last expiry count a read of op i started after
        const op = async (i: number) => {
          let readsAfterLastExpiry = 0;
          for (let n = 0; expiries < 2 || readsAfterLastExpiry < 3; n++) {
            const seen = expiries;
            await read[api]();
            readSince[i] = Math.max(readSince[i], seen);
            if (seen === 2) readsAfterLastExpiry++;
            await sleep(1 + ((i * 7 + n * 3) % 13));
          }
        };
        const expire = (async () => {
          for (let k = 0; k < 2; k++) {
            while (readSince.some((x) => x < k)) await sleep(2);
            await sleep(20);
            sb.admin.expireTokens(api); // the server revokes every token issued so far
            expiries++;
          }
        })();
        await Promise.all([...Array.from({ length: ops }, (_, i) => op(i)), expire]);
        assert.equal(tokenRequests(api).length, 3, `token requests: ${tokenRequests(api).map((r) => r.status).join(", ")}`);
        assert.equal(sb.admin.requests().filter((r) => r.kind === TOKEN_KIND[api]).length, 3);
        assert.ok(sb.admin.requests().filter((r) => r.api === api && r.status === 401).length >= 2, "the expiries were seen");
      });

      it("a 401 on the token endpoint is not retried (repeated refusals lock the account) and says so", async () => {
        sb.admin.injectFault({ api, method: "POST", path: TOKEN_PATH[api], fault: { kind: "status", status: 401 } });
        await assert.rejects(read[api](Date.now() + 20_000), (e: unknown) => {
          assert.ok(isApiError(e), String(e));
          assert.equal(e.kind, "auth");
          assert.match(e.message, /token request refused/);
          assert.match(e.message, /not retried/);
          return true;
        });
        assert.deepEqual(tokenRequests(api).map((r) => r.status), [401]);
      });

      it("a token endpoint that stays unavailable fails at the deadline with what happened, not a credentials hint", async () => {
        sb.admin.injectFault({ api, method: "POST", path: TOKEN_PATH[api], fault: { kind: "status", status: 503 } });
        const started = Date.now();
        await assert.rejects(read[api](started + 1_500), (e: unknown) => {
          assert.ok(isApiError(e), String(e));
          assert.equal(e.kind, "server");
          assert.match(e.message, /HTTP 503/);
          assert.match(e.message, /token endpoint/);
          assert.match(e.message, /not a credentials problem/);
          assert.match(e.message, /after \d+ attempts/);
          assert.doesNotMatch(e.message, /[Cc]heck (equinix|ixapi):/);
          return true;
        });
        assert.ok(Date.now() - started < 5_000, "gave up around the deadline");
        assert.ok(tokenRequests(api).length >= 2, "retried before giving up");
      });
    });
  }

  it("equinix: a 400 refusal (bad secret) is sent once, names the settings, never the secret", async () => {
    process.env.EQUINIX_API_CLIENTSECRET = "wrong-secret-value-77";
    await assert.rejects(read.equinix(Date.now() + 20_000), (e: unknown) => {
      assert.ok(isApiError(e));
      assert.equal(e.kind, "auth");
      assert.match(e.message, /Check equinix:clientId and equinix:clientSecret/);
      assert.ok(!e.message.includes("wrong-secret-value-77"));
      return true;
    });
    assert.deepEqual(tokenRequests("equinix").map((r) => r.status), [400]);
  });

  it("equinix:token / EQUINIX_API_TOKEN: a token obtained from the OAuth endpoint is used as is, no token request; a 401 is final and says what to do", async () => {
    const res = await fetch(`${sb.equinix.endpoint}/oauth2/v1/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials", client_id: sb.equinix.clientId, client_secret: sb.equinix.clientSecret }),
    });
    const token = ((await res.json()) as { access_token: string }).access_token;
    delete process.env.EQUINIX_API_CLIENTID;
    delete process.env.EQUINIX_API_CLIENTSECRET;
    process.env.EQUINIX_API_TOKEN = token;
    sb.admin.clearRequests();
    await Promise.all([read.equinix(), read.equinix(), fabric.getPort(findPort("DC").uuid)]);
    assert.deepEqual(tokenRequests("equinix"), [], "no token request: the static token is used");
    assert.equal(sb.admin.requests().filter((r) => r.api === "equinix" && r.status === 200).length, 3);

    sb.admin.expireTokens("equinix");
    await assert.rejects(read.equinix(), (e: unknown) => {
      assert.ok(isApiError(e));
      assert.equal(e.kind, "auth");
      assert.equal(e.status, 401);
      assert.match(e.message, /static token \(equinix:token or EQUINIX_API_TOKEN\) was rejected/);
      assert.ok(!e.message.includes(token), "the token never shows");
      return true;
    });
    assert.equal(sb.admin.requests().filter((r) => r.status === 401).length, 1, "not re-sent: it cannot be renewed");
    assert.deepEqual(tokenRequests("equinix"), []);
  });
});
