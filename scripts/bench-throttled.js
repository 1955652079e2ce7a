#!/usr/bin/env node
/**
 * `node scripts/bench-throttled.js [count=100] [runs=1]`: `count` fabric.Connection created, read and
 * destroyed concurrently through provider/runtime (the code the plugin runs, from dist/: build first)
 * against a sandbox that admits 20 requests per second per API (a 429 with Retry-After beyond) and
 * answers each request after 50 ms. Prints, per run and phase: failures (with their messages), request
 * counts by kind (429s included), wall time, and the two lower bounds of that wall time: the rate bound
 * (admitted requests / 20 per second) and the critical path of one connection (its sequential requests
 * at 50 ms each plus the sandbox's state-machine delays). A benchmark, not a test: figures, no asserts.
 *
 * Options (environment): BENCH_RPS (20), BENCH_BURST (the bucket's size: default BENCH_RPS; 1 paces
 * requests strictly, one per 1/BENCH_RPS s), BENCH_LATENCY_MS (50), BENCH_POLL_MS (1000, the provider's
 * first poll interval), BENCH_TIME_SCALE (1, the sandbox's delays).
 */
"use strict";
const path = require("path");

const dist = path.join(__dirname, "..", "dist");
const COUNT = Number(process.argv[2] || 100);
const RUNS = Number(process.argv[3] || 1);
const RPS = Number(process.env.BENCH_RPS || 20);
const BURST = process.env.BENCH_BURST ? Number(process.env.BENCH_BURST) : undefined;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 50);
const POLL_MS = String(process.env.BENCH_POLL_MS || 1000);
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE || 1);

function countByKind(entries) {
  const out = {};
  for (const e of entries) {
    const k = e.status === 429 ? `429 ${e.kind}` : e.kind;
    out[k] = (out[k] || 0) + 1;
  }
  return out;
}

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The critical path of one connection in a phase, with no other traffic: its requests before the wait
 * (create: the OAuth token and the POST; destroy: the DELETE), then polls (the first at once, then
 * every BENCH_POLL_MS) until the sandbox's state machine is done; each request takes the latency.
 */
function criticalPathMs(phase, delays) {
  const d = (name) => (delays[name] || 0) * TIME_SCALE;
  if (phase === "read") return LATENCY_MS;
  const before = phase === "create" ? 2 : 1;
  const stateMs = phase === "create" ? d("autoApproval") + d("provisioning") : d("deprovisioning");
  let t = 0; // time since the state machine started (at the end of the last request before the wait)
  for (;;) {
    t += LATENCY_MS; // a poll; the server answers with the state at that moment
    if (t >= stateMs) break;
    t += Number(POLL_MS);
  }
  return before * LATENCY_MS + t;
}

async function run(index) {
  // A fresh process state per run: new sandbox, new credentials, new token cache.
  for (const k of Object.keys(require.cache)) if (k.startsWith(dist)) delete require.cache[k];
  const { startSandbox } = require(path.join(dist, "sandbox"));
  const { findPort } = require(path.join(dist, "sandbox", "equinix", "catalog"));
  const { EQUINIX_DEFAULT_DELAYS } = require(path.join(dist, "sandbox", "equinix"));
  const sandbox = await startSandbox({ timeScale: TIME_SCALE, rateLimit: { requestsPerSecond: RPS, ...(BURST ? { burst: BURST } : {}) }, latencyMs: LATENCY_MS });
  Object.assign(process.env, {
    EQUINIX_API_ENDPOINT: sandbox.equinix.endpoint,
    EQUINIX_API_CLIENTID: sandbox.equinix.clientId,
    EQUINIX_API_CLIENTSECRET: sandbox.equinix.clientSecret,
    INTERCONNECT_POLL_INTERVAL_MS: POLL_MS,
    INTERCONNECT_QUIET: "1",
  });
  delete process.env.EQUINIX_API_TOKEN;
  const { provider } = require(path.join(dist, "provider", "runtime"));
  const p = provider("fabric:Connection");
  await p.configure({ config: { get: () => undefined } });

  const a = findPort("SV", "DOT1Q", "PRIMARY").uuid;
  const z = findPort("SV", "QINQ", "PRIMARY").uuid;
  const state = new Map(); // i -> {id, outs}
  const phases = [];
  const phase = async (name, fn) => {
    sandbox.admin.clearRequests();
    const t0 = Date.now();
    const results = await Promise.allSettled(Array.from({ length: COUNT }, (_, i) => fn(i)));
    const wallMs = Date.now() - t0;
    const failures = results.filter((r) => r.status === "rejected").map((r) => String(r.reason && r.reason.message ? r.reason.message : r.reason));
    phases.push({ name, wallMs, failures, requests: sandbox.admin.requests() });
  };

  await phase("create", async (i) => {
    const news = {
      name: `throttled-${i}`,
      bandwidth: 100,
      notifications: ["noc@example.com"],
      aSide: { port: { uuid: a, type: "DOT1Q", vlanTag: 100 + i } },
      zSide: { port: { uuid: z, type: "QINQ", vlanSTag: 200 + i, vlanCTag: 300 + i } },
    };
    const checked = await p.check({}, news);
    if (checked.failures && checked.failures.length) throw new Error(`check: ${JSON.stringify(checked.failures)}`);
    const created = await p.create(checked.inputs);
    state.set(i, { id: created.id, outs: created.outs });
  });
  await phase("read", async (i) => {
    const s = state.get(i);
    if (!s) throw new Error("not created");
    const r = await p.read(s.id, s.outs);
    if (!r.id) throw new Error(`read: connection ${s.id} not found`);
    state.set(i, { id: r.id, outs: r.props });
  });
  await phase("destroy", async (i) => {
    const s = state.get(i);
    if (!s) throw new Error("not created");
    await p.delete(s.id, s.outs);
  });
  const left = sandbox.admin.inventory().equinix.connections.length;
  await sandbox.stop();

  console.log(`\nrun ${index + 1}/${RUNS}: ${COUNT} fabric.Connection, sandbox at ${RPS} requests/s per API (burst ${BURST ?? RPS}) and ${LATENCY_MS} ms latency`);
  let failures = 0;
  for (const ph of phases) {
    failures += ph.failures.length;
    const admitted = ph.requests.filter((e) => e.status !== 429).length;
    const throttled = ph.requests.length - admitted;
    const rateBound = (admitted / RPS) * 1000;
    const cpMs = criticalPathMs(ph.name, EQUINIX_DEFAULT_DELAYS || {});
    console.log(
      `  ${ph.name.padEnd(8)} failures ${ph.failures.length}/${COUNT}; ${ph.requests.length} requests (${admitted} admitted, ${throttled} answered 429); ` +
        `wall ${seconds(ph.wallMs)} vs lower bounds: rate ${seconds(rateBound)}, one connection's critical path ${seconds(cpMs)} ` +
        `(wall / max bound ${(ph.wallMs / Math.max(rateBound, cpMs)).toFixed(2)})`,
    );
    for (const [k, n] of Object.entries(countByKind(ph.requests)).sort((x, y) => y[1] - x[1])) console.log(`      ${String(n).padStart(5)}  ${k}`);
    for (const f of [...new Set(ph.failures)].slice(0, 5)) console.log(`      FAILED: ${f}`);
  }
  console.log(`  connections left at the vendor after destroy: ${left}`);
  console.log(`  result: ${failures === 0 && left === 0 ? "0 failures" : `${failures} failures, ${left} left behind`}`);
  return failures === 0 && left === 0;
}

async function main() {
  let ok = 0;
  for (let i = 0; i < RUNS; i++) if (await run(i)) ok++;
  console.log(`\n${ok} of ${RUNS} runs with 0 failures`);
  process.exit(ok === RUNS ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
