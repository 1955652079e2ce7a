import assert from "node:assert/strict";
import { FakeClock } from "../../../provider/core/clock";
import { backoffDelay, defaultRetryPolicy, nextDelay, parseRetryAfter, RetryPolicy } from "../../../provider/core/retry";

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
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

  describe("nextDelay", () => {
    it("returns a backoff delay below maxAttempts and stops at maxAttempts", () => {
      const clock = new FakeClock(0);
      assert.equal(nextDelay(policy, 1, clock, undefined, undefined, top), 99);
      assert.equal(nextDelay(policy, 4, clock, undefined, undefined, top), 799);
      assert.equal(nextDelay(policy, 5, clock, undefined, undefined, top), undefined);
      assert.equal(nextDelay(policy, 6, clock, undefined, undefined, top), undefined);
    });

    it("Retry-After wins over backoff, may exceed maxDelayMs, and is capped at maxRetryAfterMs", () => {
      const clock = new FakeClock(0);
      assert.equal(nextDelay(policy, 1, clock, undefined, 3000, top), 3000);
      assert.equal(nextDelay(policy, 1, clock, undefined, 0, top), 0);
      assert.equal(nextDelay(policy, 1, clock, undefined, 60_000, top), 5000);
      assert.equal(nextDelay(policy, 5, clock, undefined, 10, top), undefined);
    });

    it("never goes past the deadline", () => {
      const clock = new FakeClock(10_000);
      assert.equal(nextDelay(policy, 1, clock, 10_099, undefined, top), 99, "exactly at the deadline is allowed");
      assert.equal(nextDelay(policy, 1, clock, 10_098, undefined, top), undefined);
      assert.equal(nextDelay(policy, 1, clock, 12_000, 3000, top), undefined, "Retry-After past the deadline stops");
      assert.equal(nextDelay(policy, 1, clock, 13_000, 3000, top), 3000);
      assert.equal(nextDelay(policy, 1, clock, 9_000, undefined, () => 0), undefined, "deadline already passed");
    });
  });
});
