import assert from "node:assert/strict";
import { isApiError } from "../../../provider/core/errors";
import { fabricApi } from "../../../provider/fabric/http";
import { waitChangeCompleted, waitDeprovisioned, waitProvisioned } from "../../../provider/fabric/waiters";
import { type CallContext, perCall } from "../../support/context";
import { ALIBABA_PROFILE_UUID, findPort } from "../../../sandbox/equinix";
import { captureStderr, SandboxLinkedClock, useSandbox } from "./sandboxEnv";

const S = 1000;

let vlan = 2000;

function selfBody(name: string) {
  return {
    type: "EVPL_VC",
    name,
    bandwidth: 100,
    notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
    aSide: { accessPoint: { type: "COLO", port: { uuid: findPort("DC").uuid }, linkProtocol: { type: "DOT1Q", vlanTag: vlan++ } } },
    zSide: { accessPoint: { type: "COLO", port: { uuid: findPort("DC", "DOT1Q", "SECONDARY").uuid }, linkProtocol: { type: "DOT1Q", vlanTag: vlan++ } } },
  };
}
function alibabaBody(name: string) {
  return {
    type: "EVPL_VC",
    name,
    bandwidth: 50,
    notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
    aSide: { accessPoint: { type: "COLO", port: { uuid: findPort("SV").uuid }, linkProtocol: { type: "DOT1Q", vlanTag: vlan++ } } },
    zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: ALIBABA_PROFILE_UUID }, location: { metroCode: "SV" }, authenticationKey: "5123456789012345" } },
  };
}

/**
 * The Fabric waiters with a fake clock linked to the sandbox's: Equinix's transitions take sandbox
 * seconds, the waits finish sooner, and the schedule of polls is the waiter's own.
 */
describe("fabric/waiters (fake clock linked to the sandbox clock)", function () {
  this.timeout(20_000);
  const env = useSandbox({ timeScale: 1, delays: { equinix: { autoApproval: 2 * S, provisioning: 4 * S, update: 3 * S, deprovisioning: 3 * S } } });
  const api = perCall(() => fabricApi(env.context()));
  let clock: SandboxLinkedClock;
  /** The waits' calls: the fake clock linked to the sandbox's. */
  let ctx: CallContext;
  beforeEach(() => {
    clock = new SandboxLinkedClock(env.sb());
    ctx = env.context({ clock });
  });

  it("waits through PENDING_AUTO_APPROVAL and PROVISIONING to PROVISIONED/AVAILABLE, first polling after at most 50 ms, then as rarely as a lag of 10 % of the wait + 50 ms allows (at most 300 ms)", async () => {
    const started = Date.now();
    const c = await api.createConnection(selfBody("wait-self"));
    const { value, lines } = await captureStderr(() => waitProvisioned(ctx, c.uuid, false, clock.now() + 60 * S));
    assert.ok(value, "the wait finished");
    assert.equal(value.value!.operation!.equinixStatus, "PROVISIONED");
    assert.equal(value.value!.operation!.providerStatus, "AVAILABLE");
    assert.ok(Date.now() - started < 3 * S, "6 sandbox seconds waited in less real time");
    const waited = clock.slept.reduce((a, b) => a + b, 0);
    // The sandbox clock also runs in real time, so the fake sleeps plus the real time spent cover 6 s.
    assert.ok(waited + (Date.now() - started) >= 6 * S, `waited ${waited} ms, real ${Date.now() - started} ms`);
    // No poll at time zero: the first sleep comes before any poll (the bounded schedule, core/waiter.ts).
    assert.ok(clock.slept[0] > 25 && clock.slept[0] <= 50, String(clock.slept[0]));
    // The sandbox clock also runs in real time: the wait's elapsed time is at most the sleeps so far plus it.
    const real = Date.now() - started;
    let elapsed = 0;
    for (const ms of clock.slept) {
      assert.ok(ms > 0 && ms <= (0.1 * (elapsed + real) + 50) / 0.9 && ms <= 300, `slept ${ms} ms at ${elapsed} ms into the wait`);
      elapsed += ms;
    }
    assert.ok(clock.slept.length > 10, "polls grow with the wait, not all at the cap");
    assert.deepEqual(lines, [
      `[pulumi-interconnect] connection ${c.uuid}: PENDING_AUTO_APPROVAL/NOT_AVAILABLE`,
      `[pulumi-interconnect] connection ${c.uuid}: PROVISIONING/NOT_AVAILABLE`,
    ]);
  });

  it("a connection to Alibaba is done at PROVISIONED/PENDING_APPROVAL", async () => {
    const c = await api.createConnection(alibabaBody("wait-alibaba"));
    const r = await waitProvisioned(ctx, c.uuid, true, clock.now() + 60 * S);
    assert.equal(`${r.value!.operation!.equinixStatus}/${r.value!.operation!.providerStatus}`, "PROVISIONED/PENDING_APPROVAL");
  });

  it("provisioning that never finishes ends at the deadline with the last state seen", async () => {
    env.sb().admin.equinix.stallProvisioning("next");
    const c = await api.createConnection(selfBody("wait-stalled"));
    const start = clock.now();
    const sleeps = clock.slept.length;
    const { error } = await captureStderr(() => waitProvisioned(ctx, c.uuid, false, start + 15 * S));
    assert.ok(isApiError(error), String(error));
    assert.equal(error.kind, "timeout");
    assert.match(error.message, new RegExp(`connection ${c.uuid}: not done after 15s; last state PROVISIONING/NOT_AVAILABLE`));
    const waited = clock.slept.slice(sleeps).reduce((a, b) => a + b, 0);
    assert.ok(waited <= 15 * S && clock.now() - start >= 15 * S, `slept ${waited} ms: up to the deadline, never past it`);
  });

  it("a rejected connection fails the wait at once with Equinix's status", async () => {
    env.sb().admin.equinix.rejectNext();
    const c = await api.createConnection(alibabaBody("wait-rejected"));
    const { error } = await captureStderr(() => waitProvisioned(ctx, c.uuid, true, clock.now() + 60 * S));
    assert.ok(isApiError(error), String(error));
    assert.equal(error.kind, "state");
    assert.match(error.message, /Equinix reports REJECTED\/REJECTED \(state FAILED\)/);
  });

  it("a connection that does not exist fails after the not-found tolerance (4 polls)", async () => {
    const before = env.sb().admin.requests().length;
    await assert.rejects(waitProvisioned(ctx, "0b5e7c2a-1111-4222-8333-444455556666", false, clock.now() + 60 * S), (e: unknown) => isApiError(e) && e.kind === "notFound");
    const gets = env.sb().admin.requests().slice(before).filter((r) => r.kind === "fabric.connection.get" && r.status === 404);
    assert.equal(gets.length, 4);
  });

  it("waits for a PATCH to be COMPLETED, then for a delete to be DEPROVISIONED", async () => {
    const c = await api.createConnection(selfBody("wait-patch"));
    await waitProvisioned(ctx, c.uuid, false, clock.now() + 60 * S);
    const patched = await api.patchConnection(c.uuid, [{ op: "replace", path: "/bandwidth", value: 200 }]);
    const t0 = clock.now();
    const done = await captureStderr(() => waitChangeCompleted(ctx, c.uuid, clock.now() + 60 * S, patched.change?.uuid));
    assert.equal(done.value!.value!.bandwidth, 200);
    assert.equal(done.value!.value!.change!.status, "COMPLETED");
    assert.ok(clock.now() - t0 >= 3 * S);
    assert.deepEqual(done.lines, [`[pulumi-interconnect] update of connection ${c.uuid}: change REQUESTED`]);
    assert.equal(await api.deleteConnection(c.uuid), "deleting");
    const gone = await captureStderr(() => waitDeprovisioned(ctx, c.uuid, clock.now() + 60 * S));
    assert.equal(gone.value!.value, undefined);
    assert.deepEqual(gone.lines, [`[pulumi-interconnect] deletion of connection ${c.uuid}: DEPROVISIONING/AVAILABLE`]);
    assert.equal(await api.deleteConnection(c.uuid), "gone", "deleting it again finds it gone");
  });
});
