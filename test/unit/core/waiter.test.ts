import assert from "node:assert/strict";
import { FakeClock } from "../../../provider/core/clock";
import { apiError, ApiError, isApiError } from "../../../provider/core/errors";
import { waitFor, WaitOptions, WaitVerdict } from "../../../provider/core/waiter";

interface Obj {
  state: string;
}

/** Poll answers in order; the last one repeats. A function entry throws. */
function script(...answers: Array<Obj | undefined | (() => never)>) {
  let i = 0;
  const poll = async (): Promise<Obj | undefined> => {
    const a = answers[Math.min(i++, answers.length - 1)];
    if (typeof a === "function") a();
    return a as Obj | undefined;
  };
  return { poll, count: () => i };
}

const evaluate = (o: Obj): WaitVerdict => {
  if (o.state === "ACTIVE") return { done: true };
  if (o.state === "FAILED") return { failed: "provisioning failed", state: o.state };
  return { done: false, state: o.state, hint: o.state === "PENDING_APPROVAL" ? "accept it in the console" : undefined };
};

async function waitError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    assert.ok(isApiError(err), String(err));
    return err;
  }
  assert.fail("expected the wait to fail");
}

describe("core/waiter", () => {
  let clock: FakeClock;
  let states: Array<[string, string | undefined]>;
  const base = (more: Partial<WaitOptions<Obj>>): WaitOptions<Obj> => ({
    api: "test",
    what: "connection c-1 to be provisioned",
    poll: async () => ({ state: "ACTIVE" }),
    evaluate,
    timeoutMs: 600_000,
    intervalMs: 1000,
    maxIntervalMs: 5000,
    factor: 2,
    clock,
    onState: (s, h) => states.push([s, h]),
    ...more,
  });

  beforeEach(() => {
    clock = new FakeClock(50_000);
    states = [];
  });

  it("returns at once when the first observation is done", async () => {
    const r = await waitFor(base({}));
    assert.deepEqual(r, { value: { state: "ACTIVE" }, polls: 1, waitedMs: 0 });
    assert.deepEqual(clock.slept, []);
    assert.deepEqual(states, []);
  });

  it("reports each pending state once per change, with its hint", async () => {
    const s = script(
      { state: "PENDING" },
      { state: "PENDING" },
      { state: "PENDING_APPROVAL" },
      { state: "PENDING_APPROVAL" },
      { state: "PENDING" },
      { state: "ACTIVE" },
    );
    const r = await waitFor(base({ poll: s.poll }));
    assert.equal(r.polls, 6);
    assert.deepEqual(states, [
      ["PENDING", undefined],
      ["PENDING_APPROVAL", "accept it in the console"],
      ["PENDING", undefined],
    ]);
    assert.equal(r.waitedMs, clock.slept.reduce((a, b) => a + b, 0));
  });

  it("grows the interval by the factor up to the cap", async () => {
    const s = script(...Array.from({ length: 7 }, () => ({ state: "PENDING" })), { state: "ACTIVE" });
    await waitFor(base({ poll: s.poll }));
    assert.deepEqual(clock.slept, [1000, 2000, 4000, 5000, 5000, 5000, 5000]);
  });

  it("uses a 1.5 factor by default", async () => {
    const s = script({ state: "PENDING" }, { state: "PENDING" }, { state: "PENDING" }, { state: "ACTIVE" });
    await waitFor(base({ poll: s.poll, factor: undefined, maxIntervalMs: 100_000 }));
    assert.deepEqual(clock.slept, [1000, 1500, 2250]);
  });

  it("a failed verdict throws kind state naming the reason and state", async () => {
    const s = script({ state: "PENDING" }, { state: "FAILED" });
    const err = await waitError(waitFor(base({ poll: s.poll })));
    assert.equal(err.kind, "state");
    assert.equal(err.message, "test: connection c-1 to be provisioned: provisioning failed (state FAILED)");
    assert.equal(s.count(), 2);
  });

  it("times out with kind timeout naming the last state, polling once more at the deadline", async () => {
    const s = script({ state: "PENDING" }, { state: "PROVISIONING" });
    const err = await waitError(waitFor(base({ poll: s.poll, timeoutMs: 10_000, intervalMs: 3000, factor: 1 })));
    assert.equal(err.kind, "timeout");
    assert.equal(err.message, "test: connection c-1 to be provisioned: not done after 10s; last state PROVISIONING");
    assert.deepEqual(clock.slept, [3000, 3000, 3000, 1000]);
    assert.equal(s.count(), 5);
    assert.equal(clock.now(), 60_000);
  });

  it("tolerates not found up to notFoundTolerance consecutive answers", async () => {
    const s = script(undefined, undefined, { state: "PENDING" }, undefined, undefined, { state: "ACTIVE" });
    const r = await waitFor(base({ poll: s.poll, notFoundTolerance: 2 }));
    assert.equal(r.polls, 6);

    const gone = script(undefined, undefined, undefined);
    const err = await waitError(waitFor(base({ poll: gone.poll, notFoundTolerance: 2 })));
    assert.equal(err.kind, "notFound");
    assert.match(err.message, /connection c-1 to be provisioned: the object no longer exists/);
    assert.equal(gone.count(), 3);
  });

  it("without tolerance, not found fails on the first answer", async () => {
    const s = script(undefined);
    const err = await waitError(waitFor(base({ poll: s.poll })));
    assert.equal(err.kind, "notFound");
    assert.equal(s.count(), 1);
  });

  it("goneIsDone: not found is the target", async () => {
    const s = script({ state: "DEPROVISIONING" }, { state: "DEPROVISIONING" }, undefined);
    const r = await waitFor(base({ poll: s.poll, goneIsDone: true }));
    assert.deepEqual(r, { value: undefined, polls: 3, waitedMs: 3000 });
    assert.deepEqual(states, [["DEPROVISIONING", undefined]]);
  });

  it("absorbs transient retryable poll errors", async () => {
    const throttle = () => {
      throw apiError({ api: "test", kind: "throttled", status: 429, message: "slow down" });
    };
    const drop = () => {
      throw apiError({ api: "test", kind: "network", message: "reset" });
    };
    const s = script({ state: "PENDING" }, throttle, drop, { state: "ACTIVE" });
    const r = await waitFor(base({ poll: s.poll }));
    assert.equal(r.polls, 4);
    assert.deepEqual(r.value, { state: "ACTIVE" });
  });

  it("a timeout after only transient errors names the last error", async () => {
    const s = script(() => {
      throw apiError({ api: "test", kind: "server", status: 503, message: "maintenance" });
    });
    const err = await waitError(waitFor(base({ poll: s.poll, timeoutMs: 3000 })));
    assert.equal(err.kind, "timeout");
    assert.match(err.message, /not done after 3s; last error: maintenance$/);
  });

  it("throws non-retryable poll errors at once, unchanged", async () => {
    const denied = apiError({ api: "test", kind: "forbidden", status: 403, message: "no" });
    const s = script({ state: "PENDING" }, () => {
      throw denied;
    });
    await assert.rejects(waitFor(base({ poll: s.poll })), (e) => e === denied);
    assert.equal(s.count(), 2);
    const plain = new Error("bug");
    await assert.rejects(
      waitFor(base({ poll: async () => { throw plain; } })),
      (e) => e === plain,
    );
  });
});
