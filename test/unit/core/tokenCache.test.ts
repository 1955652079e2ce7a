import assert from "node:assert/strict";
import { FakeClock } from "../../../provider/core/clock";
import { apiError } from "../../../provider/core/errors";
import { redact } from "../../../provider/core/redact";
import { IssuedToken, TokenCache } from "../../../provider/core/tokenCache";

/** A fetch that issues tok-1, tok-2 ... and counts its calls. */
function issuer(ttlMs: number, prefix = "tc-tok") {
  const f = async (): Promise<IssuedToken> => {
    f.calls++;
    return { token: `${prefix}-${f.calls}`, ttlMs };
  };
  f.calls = 0;
  return f;
}

describe("core/tokenCache", () => {
  it("shares one fetch between concurrent callers", async () => {
    const cache = new TokenCache(new FakeClock(0));
    let release!: (t: IssuedToken) => void;
    let calls = 0;
    const fetch = () => {
      calls++;
      return new Promise<IssuedToken>((resolve) => (release = resolve));
    };
    const all = Promise.all([cache.get("k", fetch), cache.get("k", fetch), cache.get("k", fetch)]);
    await Promise.resolve();
    release({ token: "tc-shared-token", ttlMs: 60_000 });
    assert.deepEqual(await all, ["tc-shared-token", "tc-shared-token", "tc-shared-token"]);
    assert.equal(calls, 1);
    assert.equal(cache.fetchCount("k"), 1);
  });

  it("reuses the token until renewAt (90% of a short life), then fetches a new one", async () => {
    const clock = new FakeClock(1000);
    const cache = new TokenCache(clock);
    const fetch = issuer(100_000);
    assert.equal(await cache.get("k", fetch), "tc-tok-1");
    clock.advance(89_999);
    assert.equal(await cache.get("k", fetch), "tc-tok-1");
    assert.equal(fetch.calls, 1);
    clock.advance(1); // renewAt = start + 100 000 - 10 000
    assert.equal(await cache.get("k", fetch), "tc-tok-2");
    assert.equal(fetch.calls, 2);
    assert.equal(cache.fetchCount("k"), 2);
  });

  it("renews a long token one minute before expiry, counting from when the fetch started", async () => {
    const clock = new FakeClock(0);
    const cache = new TokenCache(clock);
    let n = 0;
    const slowFetch = async (): Promise<IssuedToken> => {
      n++;
      clock.advance(5_000); // the token endpoint took 5 s
      return { token: `tc-long-${n}`, ttlMs: 3_600_000 };
    };
    assert.equal(await cache.get("k", slowFetch), "tc-long-1");
    clock.advance(3_540_000 - 5_000 - 1); // now = 3 539 999
    assert.equal(await cache.get("k", slowFetch), "tc-long-1");
    clock.advance(1);
    assert.equal(await cache.get("k", slowFetch), "tc-long-2");
  });

  it("invalidate drops the token only when it is still the cached one", async () => {
    const cache = new TokenCache(new FakeClock(0));
    const fetch = issuer(60_000);
    assert.equal(await cache.get("k", fetch), "tc-tok-1");
    cache.invalidate("k", "some-older-token");
    assert.equal(await cache.get("k", fetch), "tc-tok-1");
    cache.invalidate("other-key", "tc-tok-1");
    assert.equal(await cache.get("k", fetch), "tc-tok-1");
    cache.invalidate("k", "tc-tok-1");
    assert.equal(await cache.get("k", fetch), "tc-tok-2");
    cache.invalidate("k");
    assert.equal(await cache.get("k", fetch), "tc-tok-3");
    assert.equal(fetch.calls, 3);
  });

  it("keeps tokens and fetch counts per key", async () => {
    const cache = new TokenCache(new FakeClock(0));
    const a = issuer(60_000, "tc-a");
    const b = issuer(60_000, "tc-b");
    assert.equal(await cache.get("a", a), "tc-a-1");
    assert.equal(await cache.get("b", b), "tc-b-1");
    assert.equal(await cache.get("a", a), "tc-a-1");
    cache.invalidate("b");
    assert.equal(await cache.get("b", b), "tc-b-2");
    assert.equal(cache.fetchCount("a"), 1);
    assert.equal(cache.fetchCount("b"), 2);
    assert.equal(cache.fetchCount("never"), 0);
    cache.clear();
    assert.equal(cache.fetchCount("a"), 0);
    assert.equal(await cache.get("a", a), "tc-a-2");
  });

  it("does not cache a failing fetch: concurrent callers share the failure, the next call fetches again", async () => {
    const cache = new TokenCache(new FakeClock(0));
    let calls = 0;
    const failing = async (): Promise<IssuedToken> => {
      calls++;
      throw new Error("token endpoint down");
    };
    const results = await Promise.allSettled([cache.get("k", failing), cache.get("k", failing)]);
    assert.deepEqual(results.map((r) => r.status), ["rejected", "rejected"]);
    assert.equal(calls, 1);
    await assert.rejects(cache.get("k", failing), /token endpoint down/);
    assert.equal(calls, 2);
    assert.equal(cache.fetchCount("k"), 0);
    const ok = issuer(60_000, "tc-after-failure");
    assert.equal(await cache.get("k", ok), "tc-after-failure-1");
    assert.equal(cache.fetchCount("k"), 1);
  });

  it("registers issued tokens for redaction", async () => {
    const cache = new TokenCache(new FakeClock(0));
    const token = await cache.get("k", async () => ({ token: "tc-registered-XYZ987", ttlMs: 1000 }));
    assert.equal(redact(`got ${token}`), "got [redacted]");
  });

  it("hands the caller's deadline to the fetch it starts", async () => {
    const cache = new TokenCache(new FakeClock(0));
    const deadlines: Array<number | undefined> = [];
    await cache.get("k", async (d) => (deadlines.push(d), { token: "tc-deadline-1", ttlMs: 60_000 }), { deadline: 5000 });
    assert.deepEqual(deadlines, [5000]);
  });

  it("a caller that joined a fetch which ran out of retries starts its own while its deadline allows", async () => {
    const clock = new FakeClock(0);
    const cache = new TokenCache(clock);
    let calls = 0;
    let fail!: (e: unknown) => void;
    const fetch = (deadline?: number) => {
      calls++;
      if (calls === 1) return new Promise<IssuedToken>((_r, reject) => (fail = reject));
      return Promise.resolve({ token: `tc-second-${deadline}`, ttlMs: 60_000 });
    };
    const early = cache.get("k", fetch, { deadline: 1000 });
    const late = cache.get("k", fetch, { deadline: 9000 });
    const later = cache.get("k", fetch, { deadline: 9500 });
    clock.advance(1000);
    fail(apiError({ api: "equinix", kind: "server", status: 503, message: "unavailable" }));
    await assert.rejects(early, /unavailable/);
    // Both later callers restart, sharing one new fetch (the first to notice starts it).
    assert.deepEqual(await Promise.all([late, later]), ["tc-second-9000", "tc-second-9000"]);
    assert.equal(calls, 2);
  });

  it("a refusal (not retryable) shared by joined callers is not fetched again", async () => {
    const cache = new TokenCache(new FakeClock(0));
    let calls = 0;
    const refused = async (): Promise<IssuedToken> => {
      calls++;
      throw apiError({ api: "equinix", kind: "auth", status: 401, message: "refused" });
    };
    const results = await Promise.allSettled([cache.get("k", refused, { deadline: 9000 }), cache.get("k", refused, { deadline: 9000 })]);
    assert.deepEqual(results.map((r) => r.status), ["rejected", "rejected"]);
    assert.equal(calls, 1);
  });
});
