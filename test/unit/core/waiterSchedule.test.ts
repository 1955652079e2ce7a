import assert from "node:assert/strict";
import { FakeClock } from "../../../provider/core/clock";
import { pollIntervals } from "../../../provider/core/config";
import { boundedPause, firstPause, waitFor } from "../../../provider/core/waiter";

/**
 * The bounded schedule: an object finishing at `doneAt` ms into the wait (a state machine of that
 * length) is seen at the first poll after it; the lag is that poll's time minus doneAt.
 */
async function run(doneAt: number, start = 50_000, intervalMs = 5000) {
  const clock = new FakeClock(start);
  const polledAt: number[] = [];
  const r = await waitFor({
    api: "test",
    what: "x",
    clock,
    timeoutMs: 3_600_000,
    intervalMs,
    maxIntervalMs: Math.max(intervalMs, Math.min(30_000, intervalMs * 6)),
    lagShare: 0.1,
    onState: () => undefined,
    poll: async () => {
      polledAt.push(clock.now() - start);
      return { done: clock.now() - start >= doneAt };
    },
    evaluate: (o) => (o.done ? { done: true } : { done: false, state: "PENDING" }),
  });
  return { polledAt, waited: r.waitedMs, lag: r.waitedMs - doneAt };
}

describe("core/waiter: the bounded schedule", () => {
  it("every vendor waiter gets it from pollIntervals()", () => {
    assert.equal(pollIntervals().lagShare, 0.1);
  });

  it("no poll at time zero: the first one comes after at most 1 s", async () => {
    const { polledAt } = await run(0);
    assert.equal(polledAt.length, 1);
    assert.ok(polledAt[0] > 0 && polledAt[0] <= 1000, String(polledAt[0]));
  });

  it("detection lag <= 10 % of the wait + 1 s for state machines of 15 s to 300 s, at any start", async () => {
    let worst = 0;
    for (const doneAt of [15_000, 15_001, 30_000, 59_999, 60_000, 120_000, 180_500, 300_000]) {
      for (const start of [50_000, 50_300, 50_999]) {
        const { lag, waited } = await run(doneAt, start);
        assert.ok(lag <= 0.1 * waited + 1000, `done at ${doneAt}, start ${start}: lag ${lag} of ${waited}`);
        worst = Math.max(worst, (lag - 1000) / waited);
      }
    }
    assert.ok(worst <= 0.1, String(worst));
  });

  it("far fewer polls than a fixed 1 s poll: a 300 s wait takes under 45 (the 10 % bound needs about 9 ln(1 + 0.1 T) polls)", async () => {
    const { polledAt } = await run(300_000);
    assert.ok(polledAt.length < 45, String(polledAt.length));
    // Pauses grow with the wait: the last one is near 10 % of it (capped at 30 s).
    const last = polledAt[polledAt.length - 1] - polledAt[polledAt.length - 2];
    assert.ok(last >= 15_000 && last <= 30_000, String(last));
  });

  it("waits that start at different times poll at the same instants (a grid of half the minimum pause)", async () => {
    const a = await run(20_000, 50_000);
    const b = await run(20_000, 50_321);
    const absA = new Set(a.polledAt.map((t) => t + 50_000));
    const absB = b.polledAt.map((t) => t + 50_321);
    const shared = absB.filter((t) => absA.has(t));
    assert.ok(shared.length >= absB.length - 1, `${shared.length} of ${absB.length} shared`);
  });

  it("firstPause lands on the grid within (minPause/2, minPause]; boundedPause never exceeds what the bound allows, (10 % of the elapsed time + 1 s) / 0.9", () => {
    for (const start of [0, 1, 499, 500, 501, 999, 123_456]) {
      const p = firstPause(start, 1000);
      assert.ok(p > 500 && p <= 1000, `${start}: ${p}`);
      assert.equal((start + p) % 500, 0);
    }
    for (const [elapsed, now] of [[0, 1000], [5000, 51_000], [40_000, 90_000], [250_000, 300_000], [250_000, 300_500]]) {
      const p = boundedPause(elapsed, now, 1000, 0.1, 30_000);
      assert.ok(p <= (0.1 * elapsed + 1000) / 0.9 && p <= 0.1 * (elapsed + p) + 1000, `${elapsed}: ${p}`);
      assert.ok(p >= 500, `${elapsed}: ${p}`);
    }
  });
});
