import assert from "node:assert/strict";
import { FakeClock } from "../../../provider/core/clock";
import { backoffCeiling, backoffDelay, defaultRetryPolicy, formatMs, parseRetryAfter, retryDecision, RetryDecision, RetryPolicy } from "../../../provider/core/retry";

const policy: RetryPolicy = { baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000, defaultBudgetMs: 60_000 };
/** A random source just below 1, so the delay equals (almost) the ceiling. */
const top = () => 0.999999999;

describe("core/retry", () => {
  describe("backoffDelay", () => {
    it("doubles the ceiling each attempt and caps it at maxDelayMs", () => {
      const delays = [1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(policy, a, top));
      assert.deepEqual(delays, [99, 199, 399, 799, 999, 999, 999]);
    });

    it("treats attempt 0 like attempt 1", () => {
      assert.equal(backoffDelay(policy, 0, top), 99);
    });

    it("full jitter: random 0 gives 0, random 0.5 gives half the ceiling", () => {
      assert.equal(backoffDelay(policy, 3, () => 0), 0);
      assert.equal(backoffDelay(policy, 3, () => 0.5), 200);
      assert.equal(backoffDelay(policy, 9, () => 0.5), 500);
    });

    it("with Math.random stays within [0, ceiling)", () => {
      for (let i = 0; i < 500; i++) {
        const attempt = 1 + (i % 8);
        const d = backoffDelay(defaultRetryPolicy, attempt);
        const ceiling = Math.min(defaultRetryPolicy.maxDelayMs, defaultRetryPolicy.baseDelayMs * 2 ** (attempt - 1));
        assert.ok(d >= 0 && d < ceiling, `attempt ${attempt}: ${d} not in [0, ${ceiling})`);
        assert.equal(d, Math.floor(d));
      }
    });
  });

  describe("parseRetryAfter", () => {
    const clock = new FakeClock(Date.parse("2026-01-01T00:00:00Z"));

    it("parses seconds, including numbers and fractions", () => {
      assert.equal(parseRetryAfter("3", clock), 3000);
      assert.equal(parseRetryAfter(" 7 ", clock), 7000);
      assert.equal(parseRetryAfter("1.5", clock), 1500);
      assert.equal(parseRetryAfter(2, clock), 2000);
      assert.equal(parseRetryAfter("0", clock), 0);
    });

    it("parses an HTTP date relative to the clock", () => {
      assert.equal(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", clock), 30_000);
      assert.equal(parseRetryAfter(new Date(clock.now() + 90_000).toUTCString(), clock), 90_000);
    });

    it("a date in the past means retry now", () => {
      assert.equal(parseRetryAfter("Wed, 31 Dec 2025 23:59:00 GMT", clock), 0);
    });

    it("absent or garbage gives undefined", () => {
      for (const v of [undefined, null, "", "soon", "abc123", "12 monkeys", "-5", "1.5.3", "foo 1"]) {
        assert.equal(parseRetryAfter(v, clock), undefined, `for ${JSON.stringify(v)}`);
      }
    });
  });

  describe("retryDecision (fake clock)", () => {
    const delay = (d: RetryDecision): number => {
      assert.ok(d.retry, `expected a retry, got: ${d.retry ? "" : d.reason}`);
      return d.delayMs;
    };
    /** A seeded generator (mulberry32), so the sampled bounds are the same on every run. */
    const seeded = (seed: number) => () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };

    it("jitter bounds: without Retry-After a pause lies in [0, ceiling(attempt)), the ceiling doubling up to maxDelayMs", () => {
      const clock = new FakeClock(0);
      const random = seeded(42);
      for (let attempt = 1; attempt <= 12; attempt++) {
        const ceiling = backoffCeiling(policy, attempt);
        assert.equal(ceiling, Math.min(1000, 100 * 2 ** (attempt - 1)));
        const seen = Array.from({ length: 200 }, () => delay(retryDecision(policy, attempt, clock, 1e12, undefined, random)));
        assert.ok(seen.every((d) => d >= 0 && d < ceiling), `attempt ${attempt}: ${Math.min(...seen)}..${Math.max(...seen)} not in [0, ${ceiling})`);
        // Spread, not lockstep: the samples cover most of the range.
        assert.ok(Math.max(...seen) - Math.min(...seen) > ceiling * 0.8, `attempt ${attempt} is spread over its range`);
      }
      assert.equal(delay(retryDecision(policy, 3, clock, 1e12, undefined, () => 0)), 0);
      assert.equal(delay(retryDecision(policy, 3, clock, 1e12, undefined, () => 0.5)), 200);
      assert.equal(delay(retryDecision(policy, 3, clock, 1e12, undefined, top)), 399);
    });

    it("Retry-After is the floor: the pause is Retry-After plus jitter, never less, and clients do not come back in lockstep", () => {
      const clock = new FakeClock(0);
      assert.equal(delay(retryDecision(policy, 1, clock, 1e12, 3000, () => 0)), 3000, "never below what the server asked");
      assert.equal(delay(retryDecision(policy, 1, clock, 1e12, 3000, top)), 3099);
      assert.equal(delay(retryDecision(policy, 4, clock, 1e12, 3000, () => 0.5)), 3400, "jitter grows with the attempt");
      assert.equal(delay(retryDecision(policy, 1, clock, 1e12, 0, () => 0.5)), 50, "Retry-After 0: backoff still applies");
      const random = seeded(7);
      const hundred = Array.from({ length: 100 }, () => delay(retryDecision(policy, 2, clock, 1e12, 1000, random)));
      assert.ok(hundred.every((d) => d >= 1000 && d < 1200));
      assert.ok(new Set(hundred).size > 50, "100 throttled clients pick different moments");
    });

    it("a Retry-After longer than maxRetryAfterMs is treated as maxRetryAfterMs", () => {
      const clock = new FakeClock(0);
      assert.equal(delay(retryDecision(policy, 1, clock, 1e12, 60_000, () => 0)), 5000);
    });

    it("deadline budget: no attempt count; a pause is cut to end at the deadline; at the deadline it stops", () => {
      const clock = new FakeClock(10_000);
      assert.equal(delay(retryDecision(policy, 50, clock, 1e12, undefined, () => 0.5)), 500, "attempt 50 still retries");
      assert.equal(delay(retryDecision(policy, 3, clock, 10_100, undefined, top)), 100, "399 ms cut to the 100 ms left");
      const stop = retryDecision(policy, 1, clock, 10_000, undefined, top);
      assert.deepEqual(stop, { retry: false, reason: "the operation's deadline has passed" });
      assert.equal(retryDecision(policy, 1, clock, 9_000, undefined, () => 0).retry, false, "deadline already passed");
    });

    it("a Retry-After that ends past the deadline stops at once, saying so; one that fits is honoured", () => {
      const clock = new FakeClock(10_000);
      assert.deepEqual(retryDecision(policy, 1, clock, 12_000, 3000, top), {
        retry: false,
        reason: "the server asked to wait 3 s, past the operation's deadline (2 s left)",
      });
      assert.equal(delay(retryDecision(policy, 1, clock, 13_000, 3000, top)), 3000, "jitter cut at the deadline, floor kept");
      assert.equal(delay(retryDecision(policy, 1, clock, 14_000, 3000, () => 0.5)), 3050);
    });

    it("a whole retry run on a fake clock ends at the deadline, whatever the attempt count", () => {
      const clock = new FakeClock(0);
      const deadline = 60_000;
      let attempts = 1;
      const random = seeded(3);
      for (;;) {
        const d = retryDecision(policy, attempts, clock, deadline, undefined, random);
        if (!d.retry) break;
        clock.advance(d.delayMs);
        attempts++;
      }
      assert.equal(clock.now(), deadline, "the last attempt is made at the deadline");
      assert.ok(attempts > 8, `more than the old 8-attempt cap fit in a minute: ${attempts}`);
    });

    it("the default policy: 500 ms first ceiling, 20 s jitter cap, Retry-After up to 2 min, 5 min without a deadline", () => {
      assert.deepEqual(defaultRetryPolicy, { baseDelayMs: 500, maxDelayMs: 20_000, maxRetryAfterMs: 120_000, defaultBudgetMs: 300_000 });
    });
  });

  describe("formatMs", () => {
    it("reads as people write durations", () => {
      assert.deepEqual([0, 850, 1000, 12_540, 59_999, 60_000, 200_000].map(formatMs), ["0 ms", "850 ms", "1 s", "12.5 s", "60 s", "1 min", "3 min 20 s"]);
    });
  });
});
