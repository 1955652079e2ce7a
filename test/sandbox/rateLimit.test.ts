// The sandbox's request-rate limit and latency (SandboxOptions rateLimit/latencyMs, admin.setLimits,
// /_sandbox/limits, the CLI's --rate-limit and --latency): a token bucket per API, each API answering
// with its own 429 shape and a Retry-After header; latency on every API request, none on admin calls.
import assert from "node:assert/strict";
import { startSandbox, type Sandbox } from "../../sandbox";
import { parseArgs } from "../../sandbox/cli";
import { RateLimiter } from "../../sandbox/core/limits";

interface Answer {
  status: number;
  retryAfter: string | null;
  body: unknown;
  ms: number;
}

async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const t0 = Date.now();
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body, ms: Date.now() - t0 };
}

describe("sandbox: request-rate limit and latency", function () {
  this.timeout(30_000);

  describe("RateLimiter (a token bucket per API, on an injected clock)", () => {
    it("admits a burst, then one request per 1/rate seconds; answers how long to wait", () => {
      let now = 0;
      const l = new RateLimiter({ rateLimit: { requestsPerSecond: 20, burst: 3 } }, () => now);
      assert.deepEqual([l.take("equinix"), l.take("equinix"), l.take("equinix")], [undefined, undefined, undefined]);
      assert.equal(l.take("equinix"), 50, "empty: the next token in 50 ms");
      assert.equal(l.take("alibaba"), undefined, "each API has its own bucket");
      now += 50;
      assert.equal(l.take("equinix"), undefined);
      assert.equal(l.take("equinix"), 50);
      now += 10_000;
      assert.deepEqual([1, 2, 3, 4].map(() => l.take("equinix")), [undefined, undefined, undefined, 50], "refills up to the burst only");
    });

    it("burst defaults to the rate; no limit admits everything; bad values name the field and rule", () => {
      const now = 0;
      const l = new RateLimiter({ rateLimit: { requestsPerSecond: 2 } }, () => now);
      assert.deepEqual([1, 2, 3].map(() => l.take("x")), [undefined, undefined, 500]);
      l.set({ rateLimit: null });
      assert.ok(Array.from({ length: 100 }, () => l.take("x")).every((w) => w === undefined));
      assert.throws(() => l.set({ rateLimit: { requestsPerSecond: 0 } }), /rateLimit\.requestsPerSecond must be a number > 0, got 0/);
      assert.throws(() => l.set({ rateLimit: { requestsPerSecond: 5, burst: 0.5 } }), /rateLimit\.burst must be a number >= 1/);
      assert.throws(() => l.set({ latencyMs: -1 }), /latencyMs must be a number of milliseconds >= 0, got -1/);
      assert.throws(() => new RateLimiter({ latencyMs: "soon" as unknown as number }), /latencyMs must be/);
    });
  });

  describe("over HTTP", () => {
    let sb: Sandbox;
    before(async () => {
      sb = await startSandbox({ timeScale: 0, rateLimit: { requestsPerSecond: 2, burst: 3 } });
    });
    after(async () => {
      await sb.stop();
    });
    beforeEach(() => {
      sb.admin.setLimits({ rateLimit: { requestsPerSecond: 2, burst: 3 }, latencyMs: 0 });
      sb.admin.clearRequests();
    });

    it("Equinix (Fabric and OAuth), Alibaba and IX-API each answer their own 429 with Retry-After beyond the burst", async () => {
      const fabric = await Promise.all(Array.from({ length: 5 }, () => call(`${sb.url}/fabric/v4/ports`)));
      assert.deepEqual(fabric.map((a) => a.status).sort(), [401, 401, 401, 429, 429], "3 admitted (401: no token), 2 throttled");
      const throttled = fabric.find((a) => a.status === 429)!;
      assert.equal(throttled.retryAfter, "1", "whole seconds, at least 1");
      assert.equal((throttled.body as Array<{ errorCode: string }>)[0].errorCode, "EQ-3000429");

      const oauth = await call(`${sb.url}/oauth2/v1/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
      assert.equal(oauth.status, 429, "the OAuth endpoint shares Equinix's bucket");
      assert.equal((oauth.body as { error_code: string }).error_code, "OAUTH-E429");

      const alibaba = await Promise.all(
        Array.from({ length: 4 }, () => call(`${sb.url}/alibaba/`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "Action=DescribeRegions" })),
      );
      const aliThrottled = alibaba.filter((a) => a.status === 429);
      assert.equal(aliThrottled.length, 1, "Alibaba's own bucket: 3 of 4 admitted");
      assert.equal((aliThrottled[0].body as { Code: string }).Code, "Throttling.User");
      assert.equal(aliThrottled[0].retryAfter, "1");

      const ixapi = await Promise.all(Array.from({ length: 4 }, () => call(`${sb.ixapi.apiUrl}/pops`)));
      const ixThrottled = ixapi.filter((a) => a.status === 429);
      assert.equal(ixThrottled.length, 1);
      assert.match((ixThrottled[0].body as { type: string }).type, /too-many-requests/);

      const log = sb.admin.requests().filter((r) => r.status === 429);
      assert.equal(log.length, 2 + 1 + 1 + 1);
      assert.ok(log.every((r) => r.kind === "throttled" && r.fault === "rateLimit"), JSON.stringify(log[0]));
    });

    it("refills at the configured rate", async () => {
      sb.admin.setLimits({ rateLimit: { requestsPerSecond: 20, burst: 1 } });
      const first = await call(`${sb.url}/fabric/v4/ports`);
      const second = await call(`${sb.url}/fabric/v4/ports`);
      assert.deepEqual([first.status, second.status], [401, 429]);
      await new Promise((r) => setTimeout(r, 60));
      assert.equal((await call(`${sb.url}/fabric/v4/ports`)).status, 401, "one token back after 50 ms");
    });

    it("latencyMs delays every API request (throttled ones too), never admin calls", async () => {
      sb.admin.setLimits({ rateLimit: null, latencyMs: 120 });
      const api = await call(`${sb.url}/fabric/v4/ports`);
      assert.ok(api.ms >= 115, `an API request took ${api.ms} ms`);
      const admin = await call(`${sb.url}/_sandbox/clock`);
      assert.ok(admin.ms < 100, `an admin call took ${admin.ms} ms`);
      sb.admin.setLimits({ rateLimit: { requestsPerSecond: 1, burst: 1 }, latencyMs: 120 });
      const [a, b] = await Promise.all([call(`${sb.url}/fabric/v4/ports`), call(`${sb.url}/fabric/v4/ports`)]);
      assert.deepEqual([a.status, b.status].sort(), [401, 429]);
      assert.ok(a.ms >= 115 && b.ms >= 115);
    });

    it("the HTTP admin reads and changes the limits, naming a bad field", async () => {
      assert.deepEqual((await call(`${sb.url}/_sandbox/limits`)).body, { rateLimit: { requestsPerSecond: 2, burst: 3 }, latencyMs: 0 });
      const post = (body: unknown) => call(`${sb.url}/_sandbox/limits`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
      assert.deepEqual((await post({ rateLimit: { requestsPerSecond: 50 }, latencyMs: 5 })).body, { rateLimit: { requestsPerSecond: 50 }, latencyMs: 5 });
      assert.deepEqual(sb.admin.limits(), { rateLimit: { requestsPerSecond: 50 }, latencyMs: 5 });
      const bad = await post({ rateLimit: { requestsPerSecond: -3 } });
      assert.equal(bad.status, 400);
      assert.match((bad.body as { error: string }).error, /rateLimit\.requestsPerSecond must be a number > 0, got -3/);
      assert.deepEqual((await post({ rateLimit: null })).body, { rateLimit: null, latencyMs: 5 });
      assert.ok(sb.admin.requests().every((r) => !r.path.startsWith("/_sandbox")), "admin calls are not logged");
    });
  });

  it("no options: unlimited, no latency", async () => {
    const sb = await startSandbox({ timeScale: 0 });
    try {
      assert.deepEqual(sb.admin.limits(), { rateLimit: null, latencyMs: 0 });
      const answers = await Promise.all(Array.from({ length: 30 }, () => call(`${sb.url}/fabric/v4/ports`)));
      assert.ok(answers.every((a) => a.status === 401));
    } finally {
      await sb.stop();
    }
  });

  it("the CLI takes --rate-limit <rps>[:<burst>] and --latency <ms>, and rejects a bad value naming the flag", async () => {
    const opts = parseArgs(["--port", "0", "--rate-limit", "20:40", "--latency=50"]);
    assert.deepEqual({ rateLimit: opts.rateLimit, latencyMs: opts.latencyMs, port: opts.port }, { rateLimit: { requestsPerSecond: 20, burst: 40 }, latencyMs: 50, port: 0 });
    assert.deepEqual(parseArgs(["--rate-limit=2.5"]).rateLimit, { requestsPerSecond: 2.5 });
    assert.equal(parseArgs([]).rateLimit, undefined, "unlimited by default");
    for (const bad of ["fast", "0", "20:0", "-3", "20:"]) {
      assert.throws(() => parseArgs(["--rate-limit", bad]), new RegExp(`--rate-limit: expected <requests per second > 0>\\[:<burst >= 1>\\], e\\.g\\. 20 or 20:40, got ${bad}`));
    }
    assert.throws(() => parseArgs(["--latency", "-5"]), /--latency: not a number >= 0: -5/);
    const sb = await startSandbox(opts);
    try {
      assert.deepEqual((await call(`${sb.url}/_sandbox/limits`)).body, { rateLimit: { requestsPerSecond: 20, burst: 40 }, latencyMs: 50 });
    } finally {
      await sb.stop();
    }
  });
});
