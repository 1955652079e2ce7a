#!/usr/bin/env node
/**
 * The throttled scenario of `npm run bench`, also runnable alone (after `npm run build`):
 * `node scripts/bench-throttled.js [count=100] [runs=1]` (`npm run bench:throttled -- 100 3`).
 *
 * `count` fabric.Connection are created at once, then destroyed at once, against a sandbox that admits
 * 20 requests per second per API (a 429 with Retry-After beyond) and answers every request after 50 ms,
 * with vendor-like state machines at time scale 1 (the rate limit counts real time, so the sandbox's
 * clock must too): 5 s auto-approval + 15 s provisioning, 15 s deprovisioning. Twice, on a fresh sandbox
 * each time:
 *  - ours: through the SDK's real plugin (one plugin process, as one `pulumi up` / `pulumi destroy`
 *    has), the provider's default settings;
 *  - naive: what the Terraform provider does (its HTTP client retries 429, 5xx and connection errors
 *    10 times, after Retry-After when the server sends one; a fresh OAuth token for every call and every
 *    poll; one poll per object at once after the POST / DELETE and every 30 s after), with the same
 *    concurrency as ours (Terraform's default -parallelism=10 would only make it slower).
 * Prints per phase and client: failures, requests (429s included), wall time, and wall time / critical
 * path. The critical path is the time the slowest connection's own state machine needs from its POST
 * (up) or DELETE (destroy), 20 s and 15 s here: what a perfect client would take whose requests cost
 * nothing and which saw every change at once. A benchmark, not a test: figures, no asserts.
 *
 * Options (environment): BENCH_RPS (20), BENCH_BURST (the bucket's size: default BENCH_RPS),
 * BENCH_LATENCY_MS (50).
 */
"use strict";
const path = require("path");

if (!require.extensions[".ts"]) require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "test", "tsconfig.json") });
const { equinix: sandboxEquinix } = require("../dist/sandbox");
const { Engine, makeUrn } = require("../test/harness/engine");
const { lifecycleSession, sandboxSession } = require("../test/support/session");

const RPS = Number(process.env.BENCH_RPS || 20);
const BURST = process.env.BENCH_BURST ? Number(process.env.BENCH_BURST) : undefined;
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS || 50);
/** Sandbox ms at time scale 1. */
const DELAYS = { autoApproval: 5000, provisioning: 15000, deprovisioning: 15000 };
/** One connection's state machine: from its POST to PROVISIONED (up), from its DELETE to gone (destroy). */
const CRITICAL_PATH_MS = { up: DELAYS.autoApproval + DELAYS.provisioning, destroy: DELAYS.deprovisioning };
/** The Terraform Fabric provider: polls every 30 s; go-retryablehttp: 10 retries, 1 s doubling to 30 s. */
const TERRAFORM = { pollMs: 30_000, retries: 10, retryWaitMinMs: 1000, retryWaitMaxMs: 30_000 };
const KIND = "fabric:Connection";
const TYPE = `pulumi-nodejs:dynamic/${KIND}`;

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
const port = (type, priority = "PRIMARY") => sandboxEquinix.findPort("SV", type, priority).uuid;

// ---- the naive client: what the Terraform Fabric provider does -------------------------------------

/**
 * go-retryablehttp as the Terraform provider configures it: 429, 5xx and connection errors are retried
 * `retries` times; after the server's Retry-After on a 429/503 that has one, else 1 s doubling to 30 s.
 * Gives up with an error once the retries are spent.
 */
async function retrying(what, send, retries) {
  for (let attempt = 0; ; attempt++) {
    let res;
    let err;
    try {
      res = await send();
    } catch (e) {
      err = e;
    }
    if (res && res.status !== 429 && res.status < 500) return res;
    if (res) await res.arrayBuffer().catch(() => undefined); // free the connection
    if (attempt >= retries) throw new Error(`${what}: giving up after ${attempt + 1} attempts (${err ? err.message : `HTTP ${res.status}`})`);
    const retryAfter = res && (res.status === 429 || res.status === 503) ? Number(res.headers.get("retry-after")) : NaN;
    await sleep(retryAfter > 0 ? retryAfter * 1000 : Math.min(TERRAFORM.retryWaitMaxMs, TERRAFORM.retryWaitMinMs * 2 ** attempt));
  }
}

/** A naive Fabric client on one sandbox: a token per call, Terraform's retries. */
function naiveFabric(sb, retries = TERRAFORM.retries) {
  const token = async () => {
    const r = await retrying(
      "POST /oauth2/v1/token",
      () =>
        fetch(`${sb.equinix.endpoint}/oauth2/v1/token`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ grant_type: "client_credentials", client_id: sb.equinix.clientId, client_secret: sb.equinix.clientSecret }),
        }),
      retries,
    );
    const body = await r.json();
    if (!body.access_token) throw new Error(`token: HTTP ${r.status} ${JSON.stringify(body)}`);
    return body.access_token;
  };
  /** A token, then one call (retried with that token); resolves to {status, body} of the last answer. */
  const call = async (method, p, body) => {
    const t = await token();
    const r = await retrying(
      `${method} ${p}`,
      () =>
        fetch(`${sb.equinix.endpoint}${p}`, {
          method,
          headers: { Authorization: `Bearer ${t}`, ...(body ? { "Content-Type": "application/json" } : {}) },
          body: body ? JSON.stringify(body) : undefined,
        }),
      retries,
    );
    const text = await r.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: r.status, body: parsed };
  };
  /** Polls one connection at once, then every `pollMs`, a token each time, until `done`. */
  const poll = async (uuid, done, pollMs) => {
    for (;;) {
      const r = await call("GET", `/fabric/v4/connections/${uuid}`);
      if (done(r)) return;
      await sleep(pollMs);
    }
  };
  const provisioned = (r) => r.body?.operation?.equinixStatus === "PROVISIONED";
  const gone = (r) => r.status === 404 || ["DEPROVISIONED", "DELETED"].includes(r.body?.state);
  return {
    call,
    /** POST connection i; calls onId with its uuid; then waits until provisioned. */
    async create(i, onId, pollMs = TERRAFORM.pollMs) {
      const c = await call("POST", "/fabric/v4/connections", {
        type: "EVPL_VC",
        name: `naive-${i}`,
        bandwidth: 100,
        notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
        aSide: { accessPoint: { type: "COLO", port: { uuid: port("DOT1Q") }, linkProtocol: { type: "DOT1Q", vlanTag: 100 + i } } },
        zSide: { accessPoint: { type: "COLO", port: { uuid: port("QINQ") }, linkProtocol: { type: "QINQ", vlanSTag: 200 + i, vlanCTag: 300 + i } } },
      });
      if (!c.body?.uuid) throw new Error(`naive create: HTTP ${c.status} ${JSON.stringify(c.body)}`);
      onId(c.body.uuid);
      await poll(c.body.uuid, provisioned, pollMs);
    },
    /** DELETE one connection, then wait until it is gone. */
    async destroy(uuid, pollMs = TERRAFORM.pollMs) {
      const d = await call("DELETE", `/fabric/v4/connections/${uuid}`);
      if (d.status >= 400 && d.status !== 404) throw new Error(`naive delete: HTTP ${d.status} ${JSON.stringify(d.body)}`);
      await poll(uuid, gone, pollMs);
    },
  };
}

// ---- the scenario ----------------------------------------------------------------------------------

const sandboxOptions = () => ({
  timeScale: 1,
  delays: { equinix: DELAYS },
  rateLimit: { requestsPerSecond: RPS, ...(BURST ? { burst: BURST } : {}) },
  latencyMs: LATENCY_MS,
});

const message = (e) => String(e && e.message ? e.message : e).split("\n")[0];

/** Runs `count` operations at once; the sandbox's requests, the wall time and the failures. */
async function phase(sb, count, fn) {
  sb.admin.clearRequests();
  const t0 = Date.now();
  const results = await Promise.allSettled(Array.from({ length: count }, (_, i) => fn(i)));
  const wallMs = Date.now() - t0;
  const failures = results.filter((r) => r.status === "rejected").map((r) => message(r.reason));
  return { wallMs, failures, requests: sb.admin.requests() };
}

/** Ours: `pulumi up` then `pulumi destroy` of `count` connections through the real plugin. */
async function ours(count) {
  const session = await lifecycleSession(KIND, {
    prefix: "interconnect-bench-throttled-",
    sandboxOptions: sandboxOptions(),
    credentials: ["equinix"],
    // the provider's default poll schedule, not the tests' 50 ms
    env: { INTERCONNECT_POLL_INTERVAL_MS: undefined, INTERCONNECT_QUIET: "1" },
  });
  const { sb, engine } = session;
  try {
    const up = await phase(sb, count, (i) =>
      engine.register({
        urn: makeUrn(TYPE, `c${i}`, "interconnect-tests", "bench"),
        type: TYPE,
        name: `c${i}`,
        inputs: {
          __provider: session.providerText(KIND),
          name: `throttled-${i}`,
          bandwidth: 100,
          notifications: ["noc@example.com"],
          aSide: { port: { uuid: port("DOT1Q"), type: "DOT1Q", vlanTag: 100 + i } },
          zSide: { port: { uuid: port("QINQ"), type: "QINQ", vlanSTag: 200 + i, vlanCTag: 300 + i } },
        },
      }),
    );
    const attempted = engine.state.resources.length;
    const before = engine.steps.length;
    // `pulumi destroy`: every connection at once (none depends on another); failures are the failed steps.
    const destroy = await phase(sb, 1, () => engine.destroy().catch(() => undefined));
    destroy.failures = engine.steps.slice(before).filter((s) => s.op === "delete" && s.error).map((s) => s.error.split("\n")[0]);
    destroy.count = attempted;
    const left = sb.admin.inventory().equinix.connections.length;
    return { up, destroy, left };
  } finally {
    await session.close();
  }
}

/** The naive client: the same `count` connections, created then destroyed at once, on a fresh sandbox. */
async function naive(count) {
  const session = await sandboxSession("interconnect-bench-naive-", sandboxOptions());
  const { sb } = session;
  try {
    const client = naiveFabric(sb);
    const uuids = [];
    const up = await phase(sb, count, (i) => client.create(i, (u) => uuids.push(u)));
    // Terraform records the id before waiting: a connection whose wait failed is still destroyed.
    const destroy = await phase(sb, uuids.length, (k) => client.destroy(uuids[k]));
    destroy.count = uuids.length;
    const left = sb.admin.inventory().equinix.connections.length;
    return { up, destroy, left };
  } finally {
    await session.close();
  }
}

// ---- printing --------------------------------------------------------------------------------------

const col = (s, w = 12) => String(s).padStart(w);
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (ph, name) => ph.wallMs / CRITICAL_PATH_MS[name];
const answered429 = (ph) => ph.requests.filter((e) => e.status === 429).length;

function describe(count) {
  console.log(`${count} fabric.Connection created at once (pulumi up), then destroyed at once (pulumi destroy): ours beside a naive`);
  console.log(`Terraform-like client (a token per call and per poll, a poll every 30 s from the POST/DELETE on, 10 retries`);
  console.log(`after Retry-After on 429), the same concurrency. Sandbox: ${RPS} requests/s per API (burst ${BURST ?? RPS}; a 429 with`);
  console.log(`Retry-After beyond), ${LATENCY_MS} ms per request, time scale 1, ${DELAYS.autoApproval / 1000} s auto-approval + ${DELAYS.provisioning / 1000} s provisioning, ${DELAYS.deprovisioning / 1000} s deprovisioning.`);
  console.log(`Critical path: the time the slowest connection's own state machine needs from its POST (up: ${secs(CRITICAL_PATH_MS.up)})`);
  console.log(`or DELETE (destroy: ${secs(CRITICAL_PATH_MS.destroy)}), i.e. what a perfect client would take whose requests cost nothing.`);
}

function table(count, r) {
  const line = (label, o, n, goal = "") => console.log(`  ${label.padEnd(46)}${col(o)}${col(n)}${goal ? `   goal ${goal}` : ""}`);
  console.log(`  ${"".padEnd(46)}${col("ours")}${col("naive")}`);
  for (const name of ["up", "destroy"]) {
    const o = r.ours[name];
    const n = r.naive[name];
    line(`${name}: failures`, `${o.failures.length}/${o.count ?? count}`, `${n.failures.length}/${n.count ?? count}`, name === "up" ? "0" : "");
    line(`${name}: requests (answered 429)`, `${o.requests.length} (${answered429(o)})`, `${n.requests.length} (${answered429(n)})`);
    line(`${name}: wall time`, secs(o.wallMs), secs(n.wallMs));
    line(`${name}: wall time / critical path`, `x${ratio(o, name).toFixed(2)}`, `x${ratio(n, name).toFixed(2)}`, name === "up" ? "<= x3" : "");
  }
  line("connections left at the vendor after destroy", r.ours.left, r.naive.left, "0");
  for (const [who, x] of [["ours", r.ours], ["naive", r.naive]]) {
    for (const name of ["up", "destroy"]) {
      const seen = new Map();
      for (const f of x[name].failures.map((m) => m.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<uuid>"))) seen.set(f, (seen.get(f) || 0) + 1);
      for (const [f, k] of [...seen].slice(0, 3)) console.log(`    ${who} ${name} failed (${k}x): ${f}`);
    }
  }
}

/** `runs` runs of the scenario, each ours then naive on fresh sandboxes; prints as it goes. */
async function runThrottled(count = 100, runs = 1) {
  describe(count);
  const all = [];
  for (let k = 0; k < runs; k++) {
    const r = { ours: await ours(count), naive: await naive(count) };
    console.log(`\nrun ${k + 1}/${runs}:`);
    table(count, r);
    all.push(r);
  }
  if (runs > 1) {
    const range = (f) => {
      const v = all.map(f);
      const lo = Math.min(...v);
      const hi = Math.max(...v);
      return lo === hi ? `${lo}` : `${lo} to ${hi}`;
    };
    const fails = (x) => x.up.failures.length + x.destroy.failures.length;
    console.log(`\nover ${runs} runs: failures ours ${range((r) => fails(r.ours))}, naive ${range((r) => fails(r.naive))};`);
    console.log(`  up wall time / critical path ours x${range((r) => ratio(r.ours.up, "up").toFixed(2))}, naive x${range((r) => ratio(r.naive.up, "up").toFixed(2))}`);
    console.log(`  destroy wall time / critical path ours x${range((r) => ratio(r.ours.destroy, "destroy").toFixed(2))}, naive x${range((r) => ratio(r.naive.destroy, "destroy").toFixed(2))}`);
  }
  return all;
}

module.exports = { runThrottled, naiveFabric };

if (require.main === module) {
  const count = Number(process.argv[2] || 100);
  const runs = Number(process.argv[3] || 1);
  runThrottled(count, runs)
    .then((all) => process.exit(all.every((r) => r.ours.up.failures.length + r.ours.destroy.failures.length + r.ours.left === 0) ? 0 : 1))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
