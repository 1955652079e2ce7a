import assert from "node:assert/strict";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import { FakeClock } from "../../../provider/core/clock";
import { ApiError, apiError, isApiError, kindForStatus } from "../../../provider/core/errors";
import { AuthProvider, HttpClient, HttpClientOptions, HttpResponse } from "../../../provider/core/http";
import { registerSecret } from "../../../provider/core/redact";

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Handler = (req: http.IncomingMessage, res: http.ServerResponse, seen: Seen, index: number) => void;

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "Content-Type": "application/json", "X-Request-Id": `req-${status}`, ...headers });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

/** The vendor mapper: vendor code and message from the body, request id from a header. */
function toError(res: HttpResponse, call: string): ApiError {
  const data = (res.data ?? {}) as { code?: string; message?: string };
  return apiError({
    api: "test",
    kind: kindForStatus(res.status),
    status: res.status,
    code: data.code,
    message: data.message ?? `status ${res.status}`,
    requestId: res.headers["x-request-id"] as string | undefined,
    call,
  });
}

async function rejects(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    assert.ok(isApiError(err), `expected an ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail("expected the request to fail");
}

describe("core/http HttpClient against a real server", () => {
  let server: http.Server;
  let baseURL: string;
  let handler: Handler;
  let seen: Seen[];
  let clock: FakeClock;

  before(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const s: Seen = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString() };
        seen.push(s);
        handler(req, res, s, seen.length - 1);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });

  after(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    seen = [];
    clock = new FakeClock(1_000_000);
    handler = (_req, res) => json(res, 200, {});
  });

  const client = (more: Partial<HttpClientOptions> = {}) =>
    new HttpClient({
      api: "test",
      baseURL,
      toError,
      clock,
      random: () => 0.5,
      retry: { baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 10_000, defaultBudgetMs: 1000 },
      ...more,
    });

  /** Answers with the given statuses in order, then 200 {"ok":true}. */
  const sequence = (...statuses: Array<number | "drop">): Handler => (req, res, _s, i) => {
    const step = statuses[i];
    if (step === "drop") return req.socket.destroy();
    if (step === undefined) return json(res, 200, { ok: true });
    json(res, step, { code: `E${step}`, message: `failure ${step}` });
  };

  it("returns a 2xx JSON body parsed, with query, Accept and JSON content type", async () => {
    handler = (_req, res) => json(res, 201, { id: "c-1", nested: { n: 2 } });
    const res = await client().request<{ id: string }>({
      method: "POST",
      path: "/things",
      query: { a: 1, b: undefined, c: true },
      body: { name: "x" },
    });
    assert.equal(res.status, 201);
    assert.deepEqual(res.data, { id: "c-1", nested: { n: 2 } });
    assert.equal(seen.length, 1);
    assert.equal(seen[0].method, "POST");
    assert.equal(seen[0].url, "/api/things?a=1&c=true");
    assert.equal(seen[0].headers.accept, "application/json");
    assert.equal(seen[0].headers["content-type"], "application/json");
    assert.deepEqual(JSON.parse(seen[0].body), { name: "x" });
  });

  it("an empty 204 body is undefined and a non-JSON body stays text", async () => {
    handler = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    assert.equal((await client().request({ method: "DELETE", path: "/x" })).data, undefined);
    handler = (_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end("plain {text");
    };
    assert.equal((await client().request({ method: "GET", path: "/x" })).data, "plain {text");
  });

  it("honours Retry-After on 429 (seconds) as the floor of a jittered pause, then succeeds", async () => {
    handler = (_req, res, _s, i) =>
      i === 0 ? json(res, 429, { code: "throttled", message: "slow down" }, { "Retry-After": "7" }) : json(res, 200, { ok: 1 });
    const res = await client().request({ method: "GET", path: "/t", deadline: clock.now() + 60_000 });
    assert.deepEqual(res.data, { ok: 1 });
    assert.equal(seen.length, 2);
    assert.deepEqual(clock.slept, [7050], "Retry-After plus jitter (0.5 of the 100 ms first ceiling)");
  });

  it("honours a Retry-After HTTP date on a 429 for a POST (not processed, so re-sent)", async () => {
    const when = new Date(clock.now() + 4000).toUTCString();
    handler = (_req, res, _s, i) => (i === 0 ? json(res, 429, {}, { "Retry-After": when }) : json(res, 200, { ok: 1 }));
    await client().request({ method: "POST", path: "/t", body: { a: 1 }, deadline: clock.now() + 60_000 });
    assert.equal(seen.length, 2);
    assert.deepEqual(clock.slept, [4050]);
  });

  it("retries 503 with jittered exponential backoff, then succeeds (POST too)", async () => {
    handler = sequence(503, 503);
    const res = await client().request({ method: "POST", path: "/t", body: {} });
    assert.deepEqual(res.data, { ok: true });
    assert.equal(seen.length, 3);
    assert.deepEqual(clock.slept, [50, 100]);
  });

  it("retries a 500 on GET", async () => {
    handler = sequence(500, 502, 504);
    const attempts: Array<number | undefined> = [];
    const res = await client({ onAttempt: (i) => attempts.push(i.status) }).request({ method: "GET", path: "/t" });
    assert.equal(res.status, 200);
    assert.equal(seen.length, 4);
    assert.deepEqual(attempts, [500, 502, 504, 200]);
  });

  it("does not re-send a POST after a 500: maybeCommitted", async () => {
    handler = sequence(500);
    const err = await rejects(client().request({ method: "POST", path: "/t", body: {} }));
    assert.equal(seen.length, 1);
    assert.equal(err.maybeCommitted, true);
    assert.equal(err.status, 500);
    assert.equal(err.kind, "server");
    assert.equal(err.attempts, 1);
    assert.deepEqual(clock.slept, []);
  });

  it("re-sends a POST after a 500 when told it is idempotent", async () => {
    handler = sequence(500);
    await client().request({ method: "POST", path: "/t", body: {}, idempotent: true });
    assert.equal(seen.length, 2);
  });

  it("retries a GET whose socket was destroyed", async () => {
    handler = sequence("drop");
    const res = await client().request({ method: "GET", path: "/t" });
    assert.deepEqual(res.data, { ok: true });
    assert.equal(seen.length, 2);
    assert.equal(clock.slept.length, 1);
  });

  it("does not re-send a POST whose socket was destroyed: network error, maybeCommitted", async () => {
    handler = sequence("drop");
    const err = await rejects(client().request({ method: "POST", path: "/t", body: { a: 1 } }));
    assert.equal(seen.length, 1);
    assert.equal(err.kind, "network");
    assert.equal(err.maybeCommitted, true);
    assert.equal(err.status, undefined);
    assert.match(err.message, /^test: POST \/t: connection failed/);
  });

  describe("401 with an AuthProvider", () => {
    function auth() {
      let n = 0;
      const a = {
        invalidations: 0,
        async headers() {
          return { Authorization: `Bearer tok-${n + 1}` };
        },
        invalidate() {
          a.invalidations++;
          n++;
        },
      };
      return a satisfies AuthProvider;
    }

    it("invalidates once and retries once with the new token", async () => {
      const a = auth();
      handler = (req, res) =>
        req.headers.authorization === "Bearer tok-1" ? json(res, 401, { code: "expired", message: "token expired" }) : json(res, 200, { ok: 1 });
      const res = await client({ auth: a }).request({ method: "POST", path: "/t", body: {} });
      assert.deepEqual(res.data, { ok: 1 });
      assert.equal(a.invalidations, 1);
      assert.deepEqual(
        seen.map((s) => s.headers.authorization),
        ["Bearer tok-1", "Bearer tok-2"],
      );
      assert.deepEqual(clock.slept, [], "no pause before the auth retry");
    });

    it("a second 401 is thrown (auth kind, two attempts, one invalidation)", async () => {
      const a = auth();
      handler = (_req, res) => json(res, 401, { code: "unauthorized", message: "bad token" });
      const err = await rejects(client({ auth: a }).request({ method: "GET", path: "/t" }));
      assert.equal(seen.length, 2);
      assert.equal(a.invalidations, 1);
      assert.equal(err.kind, "auth");
      assert.equal(err.status, 401);
      assert.equal(err.attempts, 2);
    });

    it("invalidate receives the headers that request sent (not whatever is current now)", async () => {
      const used: Array<Record<string, string>> = [];
      let n = 0;
      const a: AuthProvider = {
        headers: async () => ({ Authorization: `Bearer tok-${++n}` }),
        invalidate: (u) => void used.push(u),
      };
      handler = (req, res) => (req.headers.authorization === "Bearer tok-1" ? json(res, 401, {}) : json(res, 200, { ok: 1 }));
      await client({ auth: a }).request({ method: "GET", path: "/t" });
      assert.deepEqual(used, [{ Authorization: "Bearer tok-1" }]);
    });

    it("a 401 is final when invalidate says no other credential can be obtained (a static token)", async () => {
      let calls = 0;
      const a: AuthProvider = { headers: async () => ({ Authorization: "Bearer static-tok-1" }), invalidate: () => (calls++, false) };
      handler = (_req, res) => json(res, 401, { message: "expired" });
      const err = await rejects(client({ auth: a }).request({ method: "GET", path: "/t" }));
      assert.equal(seen.length, 1);
      assert.equal(calls, 1);
      assert.equal(err.kind, "auth");
    });

    it("the auth provider is handed the request's deadline (for the token request it may make)", async () => {
      const deadlines: Array<number | undefined> = [];
      const a: AuthProvider = { headers: async (o) => (deadlines.push(o?.deadline), {}), invalidate: () => undefined };
      await client({ auth: a }).request({ method: "GET", path: "/t", deadline: 1_234_567 });
      await client({ auth: a }).request({ method: "GET", path: "/t" });
      assert.deepEqual(deadlines, [1_234_567, clock.now() + 1000]);
    });

    it("without an AuthProvider a 401 is thrown at once", async () => {
      handler = (_req, res) => json(res, 401, { message: "no" });
      const err = await rejects(client().request({ method: "GET", path: "/t" }));
      assert.equal(seen.length, 1);
      assert.equal(err.kind, "auth");
    });
  });

  it("throws a non-retryable 400 at once with the mapper's code and request id", async () => {
    handler = (_req, res) => json(res, 400, { code: "EQ-3142102", message: "bandwidth not allowed" });
    const err = await rejects(client().request({ method: "POST", path: "/t", body: {}, call: "CreateThing" }));
    assert.equal(seen.length, 1);
    assert.equal(err.kind, "invalid");
    assert.equal(err.code, "EQ-3142102");
    assert.equal(err.attempts, 1);
    assert.equal(err.message, "test: CreateThing HTTP 400 EQ-3142102: bandwidth not allowed [request id req-400]");
    assert.deepEqual(clock.slept, []);
  });

  it("without a deadline, retries for the policy's default budget, then reports attempts, time and why it stopped", async () => {
    handler = (_req, res) => json(res, 503, { code: "busy", message: "try later" });
    const err = await rejects(client().request({ method: "GET", path: "/t" }));
    // Pauses 50, 100, 200, 400 (half of each doubling ceiling), then 500 would end past the 1 s budget:
    // cut to the 250 ms left, one last attempt at the budget's end.
    assert.deepEqual(clock.slept, [50, 100, 200, 400, 250]);
    assert.equal(seen.length, 6);
    assert.equal(err.attempts, 6);
    assert.equal(err.elapsedMs, 1000);
    assert.equal(err.kind, "server");
    assert.match(err.message, / after 6 attempts over 1 s \(retries stopped: the operation's deadline has passed\)$/);
  });

  it("stops retrying at the deadline: the last pause is cut to end at it", async () => {
    handler = (_req, res) => json(res, 503, {});
    // First pause 50 ms fits; the second (100 ms) would end past the deadline: 70 ms, a last attempt.
    const err = await rejects(client().request({ method: "GET", path: "/t", deadline: clock.now() + 120 }));
    assert.equal(seen.length, 3);
    assert.equal(err.attempts, 3);
    assert.deepEqual(clock.slept, [50, 70]);
  });

  it("a deadline far away keeps retrying past any attempt count", async () => {
    handler = sequence(...Array.from({ length: 12 }, () => 503));
    const res = await client().request({ method: "GET", path: "/t", deadline: clock.now() + 60_000 });
    assert.equal(res.status, 200);
    assert.equal(seen.length, 13);
  });

  it("a Retry-After past the deadline stops at once and says so", async () => {
    handler = (_req, res) => json(res, 429, {}, { "Retry-After": "30" });
    const err = await rejects(client().request({ method: "GET", path: "/t", deadline: clock.now() + 5_000 }));
    assert.equal(seen.length, 1);
    assert.equal(err.kind, "throttled");
    assert.deepEqual(clock.slept, []);
    assert.match(err.message, /retries stopped: the server asked to wait 30 s, past the operation's deadline \(5 s left\)/);
  });

  it("returns okStatuses instead of throwing", async () => {
    handler = (_req, res) => json(res, 404, { code: "missing", message: "gone" });
    const res = await client().request({ method: "GET", path: "/t", okStatuses: [404] });
    assert.equal(res.status, 404);
    assert.deepEqual(res.data, { code: "missing", message: "gone" });
    assert.equal(seen.length, 1);
    const err = await rejects(client().request({ method: "GET", path: "/t" }));
    assert.equal(err.kind, "notFound");
  });

  it("re-runs prepare before every attempt", async () => {
    handler = sequence(503, 429);
    let n = 0;
    await client().request({
      method: "POST",
      path: "/t",
      query: { fixed: "f", sig: "stale" },
      body: { stale: true },
      prepare: () => {
        n++;
        return { query: { fixed: "f", sig: `s${n}` }, headers: { "X-Nonce": `nonce-${n}` }, body: { n } };
      },
    });
    assert.equal(n, 3);
    assert.deepEqual(
      seen.map((s) => [s.url, s.headers["x-nonce"], JSON.parse(s.body).n]),
      [
        ["/api/t?fixed=f&sig=s1", "nonce-1", 1],
        ["/api/t?fixed=f&sig=s2", "nonce-2", 2],
        ["/api/t?fixed=f&sig=s3", "nonce-3", 3],
      ],
    );
  });

  it("encodes form bodies", async () => {
    await client().request({
      method: "POST",
      path: "/token",
      form: true,
      body: { grant_type: "client_credentials", scope: "read write", x: "a&b=c" },
    });
    assert.equal(seen[0].headers["content-type"], "application/x-www-form-urlencoded");
    assert.equal(seen[0].body, "grant_type=client_credentials&scope=read+write&x=a%26b%3Dc");
    const parsed = new URLSearchParams(seen[0].body);
    assert.equal(parsed.get("x"), "a&b=c");
  });

  it("never puts the Authorization value or a registered secret in an error, even when the server echoes them", async () => {
    const token = "tok-VerySecret.abc_123";
    const secret = "client-secret-Zq9!x";
    registerSecret(secret);
    const a: AuthProvider = { headers: async () => ({ Authorization: `Bearer ${token}` }), invalidate: () => undefined };
    handler = (req, res, s) =>
      json(res, 400, {
        code: "echo",
        message: `you sent authorization: ${req.headers.authorization} and body ${s.body} token=${token}`,
      }, { "X-Request-Id": `rid-${secret}` });
    const err = await rejects(
      client({ auth: a }).request({ method: "POST", path: "/t", body: { client_secret: secret, other: secret } }),
    );
    assert.ok(seen[0].body.includes(secret), "the server did receive the secret");
    assert.equal(seen[0].headers.authorization, `Bearer ${token}`);
    for (const text of [err.message, err.vendorMessage, String(err), err.stack ?? ""]) {
      assert.ok(!text.includes(token), `token leaked: ${text}`);
      assert.ok(!text.includes("VerySecret"), `token part leaked: ${text}`);
      assert.ok(!text.includes(secret), `secret leaked: ${text}`);
    }
    assert.match(err.message, /\[redacted\]/);
  });
});
