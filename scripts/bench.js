#!/usr/bin/env node
/**
 * `npm run bench`: what the provider costs the vendors' APIs, side by side with a naive client that does
 * what the Terraform providers do (one GET per resource per refresh, one poll per object from the moment
 * of the POST, a new OAuth token for every call). Against the sandbox, through the SDK's real plugin (one
 * plugin process, as one `pulumi up` or `pulumi refresh` has), for N = 20 and 200 of each kind:
 *  - requests to refresh N resources (the engine reads them concurrently);
 *  - requests per create and per destroy (fabric.Connection also for the naive client);
 *  - token requests;
 *  - detection lag as a share of the wait, from the waiter's schedule on state machines of 15 s to 300 s
 *    (a fake clock: the schedule, not the network);
 *  - `__provider` bytes per resource;
 * then the throttled scenario (scripts/bench-throttled.js): 100 fabric.Connection created and destroyed
 * at once under the sandbox's rate limit (20 requests/s per API) and latency (50 ms), ours beside the
 * naive client: failures, requests, and wall time / critical path (the time the slowest connection's own
 * state machine needs: what a perfect client whose requests cost nothing would take).
 * Figures, not assertions: the tests assert correctness, this measures cost. `node scripts/bench.js 20`
 * runs one N only, without the throttled scenario (`npm run bench:throttled` runs that alone).
 */
"use strict";
const path = require("path");

require("ts-node").register({ transpileOnly: true, project: path.join(__dirname, "..", "test", "tsconfig.json") });
const { findPort } = require("../dist/sandbox").equinix;
const { FakeClock } = require("../dist/provider/core/clock");
const { waitFor } = require("../dist/provider/core/waiter");
const { alibabaApi } = require("../dist/provider/alibaba/client");
const { HttpClient } = require("../dist/provider/core/http");
const { Engine, makeUrn } = require("../test/harness/engine");
const { secret } = require("../test/harness/wire");
const { lifecycleSession } = require("../test/support/session");
const { naiveFabric, runThrottled } = require("./bench-throttled");

const SIZES = process.argv[2] ? [Number(process.argv[2])] : [20, 200];
/** Sandbox time runs 20x faster; the provider's poll interval is scaled the same way (1 s -> 50 ms). */
const TIME_SCALE = 0.05;
const SECOND = 1000 * TIME_SCALE;
/** Vendor-like durations (sandbox ms at time scale 1): 5 s approval, 15 s provisioning, 15 s deletion. */
const EQUINIX_DELAYS = { autoApproval: 5000, provisioning: 15000, deprovisioning: 15000 };
const ALIBABA_DELAYS = { approval: 200, allocation: 400, enable: 400, terminate: 400, vbrTerminate: 400, vbrDelete: 400 };
/** Terraform's Fabric provider polls every 30 s. */
const TERRAFORM_POLL_MS = 30 * SECOND;
const ACC = { managingAccount: "A0087264", consumingAccount: "A0087264", billingAccount: "A0087264" };
const ALIBABA_OFFERING = "alibaba-express-connect.fra.eu-central-1";

const isToken = (e) => /token/i.test(e.kind) || /token/i.test(e.path);
const type = (kind) => `pulumi-nodejs:dynamic/${kind}`;

/** The inputs of resource i of each kind; `prereq` made once per N. */
const KINDS = {
  "fabric:Connection": {
    label: "fabric.Connection",
    inputs: (i) => ({
      name: `bench-${i}`,
      bandwidth: 100,
      notifications: ["noc@example.com"],
      aSide: { port: { uuid: findPort("SV", "DOT1Q", "PRIMARY").uuid, type: "DOT1Q", vlanTag: 100 + i } },
      zSide: { port: { uuid: findPort("SV", "QINQ", "PRIMARY").uuid, type: "QINQ", vlanSTag: 200 + i, vlanCTag: 300 + i } },
    }),
  },
  "fabric:L2Connection": {
    label: "fabric.L2Connection (2 legs)",
    inputs: (i) => ({
      name: `b${i}-pri`,
      portUuid: findPort("DC", "QINQ", "PRIMARY").uuid,
      vlanSTag: 1000 + i,
      zSidePortUuid: findPort("SV", "QINQ", "PRIMARY").uuid,
      zSideVlanSTag: 1500 + i,
      sellerMetroCode: "SV",
      speed: 500,
      notifications: ["noc@example.com"],
      secondary: { name: `b${i}-sec`, portUuid: findPort("DC", "QINQ", "SECONDARY").uuid, vlanSTag: 2000 + i, zSidePortUuid: findPort("SV", "QINQ", "SECONDARY").uuid, zSideVlanSTag: 2500 + i },
    }),
  },
  "alibaba:VirtualBorderRouter": {
    label: "alibaba.VirtualBorderRouter",
    prereq: async (reg) => {
      const pc = await reg("alibaba:PhysicalConnection", "pc", { accessPointId: "ap-us-sv-eqx-a", lineOperator: "Equinix", portType: "10GBase-LR", bandwidth: 1000, name: "bench" });
      return { pc: pc.id, deps: [pc.urn] };
    },
    inputs: (i, p) => ({
      physicalConnectionId: p.pc,
      vlanId: 100 + i,
      localGatewayIp: `10.${i >> 6}.${(i % 64) * 4}.1`,
      peerGatewayIp: `10.${i >> 6}.${(i % 64) * 4}.2`,
      peeringSubnetMask: "255.255.255.252",
      name: `bench-${i}`,
    }),
  },
  "ixapi:NetworkServiceConfig": {
    label: "ixapi.NetworkServiceConfig",
    // An Alibaba cloud service takes one config per handover (2): N/2 services.
    prereq: async (reg, n) => {
      const contact = await reg("ixapi:Contact", "noc", { managingAccount: ACC.managingAccount, consumingAccount: ACC.consumingAccount, name: "NOC", email: "noc@example.com", telephone: "+442071838750", roles: ["noc", "implementation"] });
      const ras = [];
      for (const role of ["implementation", "noc"]) ras.push(await reg("ixapi:RoleAssignment", role, { role, contact: contact.id }, [contact.urn]));
      const svcs = await Promise.all(
        Array.from({ length: Math.ceil(n / 2) }, (_, k) => reg("ixapi:NetworkService", `svc${k}`, { ...ACC, productOffering: ALIBABA_OFFERING, cloudKey: secret(String(9876543210120000 + k)), capacity: 200 })),
      );
      return { svcs: svcs.map((x) => x.id), ras: ras.map((r) => r.id), deps: [...svcs.map((x) => x.urn), ...ras.map((r) => r.urn)] };
    },
    inputs: (i, p) => ({ ...ACC, networkService: p.svcs[i >> 1], connection: i % 2 ? "CANL-051076" : "CANL-051075", handover: (i % 2) + 1, vlanConfig: { vlanType: "dot1q", vlan: 100 + (i >> 1) }, roleAssignments: p.ras }),
  },
};

/** Requests during fn, from the sandbox's log. */
async function measure(sb, fn) {
  sb.admin.clearRequests();
  const wall = Date.now();
  await fn();
  return { requests: sb.admin.requests(), wallMs: Date.now() - wall };
}

// ---- the naive client: what the Terraform providers do --------------------------------------------

async function ixapiToken(sb) {
  const r = await fetch(sb.ixapi.tokenUrl, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "client_credentials", client_id: sb.ixapi.clientId, client_secret: sb.ixapi.clientSecret }).toString(),
  });
  return (await r.json()).access_token;
}

/** One read per resource (and per leg), each with its own token: a naive refresh. */
async function naiveRefresh(sb, kind, ids) {
  const fabric = naiveFabric(sb);
  if (kind === "fabric:Connection") return Promise.all(ids.map((id) => fabric.call("GET", `/fabric/v4/connections/${id}`)));
  if (kind === "fabric:L2Connection") return Promise.all(ids.flatMap(([p, s]) => [p, s].filter(Boolean).map((id) => fabric.call("GET", `/ecx/v3/l2/connections/${id}`))));
  if (kind === "ixapi:NetworkServiceConfig") {
    return Promise.all(
      ids.map(async (id) => {
        const token = await ixapiToken(sb);
        return fetch(`${sb.ixapi.apiUrl}/network-service-configs/${id}`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.json());
      }),
    );
  }
  // Alibaba signs each call (no token): one DescribeVirtualBorderRouters per VBR.
  const credentials = { endpoint: sb.alibaba.endpoint, accessKeyId: sb.alibaba.accessKeyId, accessKeySecret: sb.alibaba.accessKeySecret, region: sb.alibaba.region };
  const alibaba = alibabaApi.create(credentials, (o) => new HttpClient(o));
  return Promise.all(ids.map((id) => alibaba.describeVirtualBorderRouters({ VbrId: [id] })));
}

/** fabric.Connection create and destroy, N at once, as the Terraform provider does them (polls every 30 s, scaled). */
async function naiveFabricCreateDestroy(sb, n) {
  const client = naiveFabric(sb);
  const uuids = [];
  const create = await measure(sb, () => Promise.all(Array.from({ length: n }, (_, i) => client.create(i, (u) => uuids.push(u), TERRAFORM_POLL_MS))));
  const refresh = await measure(sb, () => naiveRefresh(sb, "fabric:Connection", uuids));
  const destroy = await measure(sb, () => Promise.all(uuids.map((u) => client.destroy(u, TERRAFORM_POLL_MS))));
  return { create, refresh, destroy };
}

// ---- detection lag: the waiter's schedule on a fake clock ------------------------------------------

/** Lag share (lag / total wait) of a wait on a state machine of `doneAfter` ms, for a schedule. */
async function lagOf(schedule, doneAfter, start) {
  const clock = new FakeClock(start);
  const r = await waitFor({
    api: "bench",
    what: "x",
    clock,
    timeoutMs: 3_600_000,
    onState: () => undefined,
    ...schedule,
    poll: async () => ({ done: clock.now() - start >= doneAfter }),
    evaluate: (o) => (o.done ? { done: true } : { done: false }),
  });
  return { lag: r.waitedMs - doneAfter, wait: r.waitedMs, polls: r.polls };
}

async function lagTable() {
  const schedules = {
    "ours (bounded, 10 % + 1 s)": { intervalMs: 5000, maxIntervalMs: 30_000, lagShare: 0.1 },
    "before (5 s x1.5 to 30 s, first poll at 0)": { intervalMs: 5000, maxIntervalMs: 30_000, factor: 1.5 },
    "naive (Terraform: every 30 s from 0)": { intervalMs: 30_000, maxIntervalMs: 30_000, factor: 1 },
  };
  const machines = [15, 20, 30, 45, 60, 90, 120, 180, 240, 300].map((s) => s * 1000);
  const out = {};
  for (const [name, s] of Object.entries(schedules)) {
    let max = 0;
    let maxOver1s = 0;
    let sum = 0;
    let polls = 0;
    let n = 0;
    for (const m of machines) {
      for (const start of [0, 137, 250, 499, 731]) {
        const r = await lagOf(s, m, 1_000_000 + start);
        max = Math.max(max, r.lag / r.wait);
        maxOver1s = Math.max(maxOver1s, Math.max(0, r.lag - 1000) / r.wait);
        sum += r.lag / r.wait;
        polls += r.polls;
        n++;
      }
    }
    out[name] = { max, maxOver1s, mean: sum / n, polls: polls / n };
  }
  return out;
}

// ---- ours: through the plugin ---------------------------------------------------------------------

async function runOurs(n) {
  const session = await lifecycleSession([...Object.keys(KINDS), "alibaba:PhysicalConnection", "ixapi:NetworkService", "ixapi:Contact", "ixapi:RoleAssignment"], {
    prefix: "interconnect-bench-",
    sandboxOptions: { timeScale: TIME_SCALE, delays: { equinix: EQUINIX_DELAYS, alibaba: ALIBABA_DELAYS } },
    credentials: ["equinix", "ixapi", "alibaba"],
    env: { INTERCONNECT_POLL_INTERVAL_MS: String(SECOND), INTERCONNECT_QUIET: "1" },
  });
  const { sb, host, dir } = session;
  const rows = {};
  let naiveFabric;
  try {
    for (const [kind, spec] of Object.entries(KINDS)) {
      const engine = new Engine(host, { stateFile: path.join(dir, `${kind.replace(":", "-")}.json`) });
      const pre = new Engine(host, { stateFile: path.join(dir, `${kind.replace(":", "-")}-prereq.json`) });
      const reg = (e) => (k, name, inputs, dependencies = []) => e.register({ urn: makeUrn(type(k), name, "interconnect-tests", "bench"), type: type(k), name, inputs: { __provider: session.providerText(k), ...inputs }, dependencies });
      const p = spec.prereq ? await spec.prereq(reg(pre), n) : { deps: [] };
      const created = [];
      const create = await measure(sb, () => Promise.all(Array.from({ length: n }, async (_, i) => created.push(await reg(engine)(kind, `r${i}`, spec.inputs(i, p), p.deps)))));
      const refresh = await measure(sb, async () => {
        const report = await engine.refresh();
        const bad = report.filter((r) => r.dropped || r.changedInputs.length);
        if (bad.length) throw new Error(`${kind}: refresh found changes: ${JSON.stringify(bad.slice(0, 3))}`);
      });
      const ids = kind === "fabric:L2Connection" ? created.map((r) => [r.id, r.outputs.secondaryId]) : created.map((r) => r.id);
      const naive = await measure(sb, () => naiveRefresh(sb, kind, ids));
      const destroy = await measure(sb, () => engine.destroy());
      await pre.destroy();
      rows[kind] = { create, refresh, destroy, naive };
    }
    naiveFabric = await naiveFabricCreateDestroy(sb, n);
    rows.bytes = Buffer.byteLength(session.providerText("fabric:Connection"));
  } finally {
    await session.close();
  }
  return { rows, naiveFabric };
}

// ---- printing -------------------------------------------------------------------------------------

const col = (s, w) => String(s).padStart(w);
function line(label, ours, naive, goal = "") {
  console.log(`  ${label.padEnd(62)}${col(ours, 10)}${col(naive, 10)}${goal ? `   goal ${goal}` : ""}`);
}
const per = (k, n) => (k / n).toFixed(2);
const tokens = (m) => m.requests.filter(isToken).length;
const vendor = (m) => m.requests.filter((e) => !isToken(e)).length;

async function main() {
  const lag = await lagTable();
  const results = [];
  for (const n of SIZES) results.push([n, await runOurs(n)]);

  console.log("pulumi-interconnect bench: ours (one plugin process, coalesced reads, shared bounded polling) beside a");
  console.log("naive client doing what the Terraform providers do (a GET per resource, a poll per object from t = 0, a token per call).");
  console.log(`Sandbox time x${1 / TIME_SCALE}; requests counted by the sandbox; tokens counted apart from API requests.\n`);
  for (const [n, { rows, naiveFabric }] of results) {
    console.log(`N = ${n}${" ".repeat(60 - String(n).length)}${col("ours", 10)}${col("naive", 10)}`);
    const goals = { "fabric:Connection": "<= 20", "ixapi:NetworkServiceConfig": "<= 20", "alibaba:VirtualBorderRouter": "<= 40", "fabric:L2Connection": "<= 40" };
    for (const [kind, r] of Object.entries(rows)) {
      if (kind === "bytes") continue;
      line(`refresh ${n} ${KINDS[kind].label}: API requests`, vendor(r.refresh), vendor(r.naive), n === 200 ? goals[kind] : "");
      line(`  tokens`, tokens(r.refresh), tokens(r.naive));
    }
    const fc = rows["fabric:Connection"];
    line(`fabric.Connection: API requests per create`, per(vendor(fc.create), n), per(vendor(naiveFabric.create), n), n === 200 ? "<= 1.5" : "");
    line(`fabric.Connection: API requests per destroy`, per(vendor(fc.destroy), n), per(vendor(naiveFabric.destroy), n), n === 200 ? "<= 1.5" : "");
    line(`fabric.Connection: tokens for create + refresh + destroy`, tokens(fc.create) + tokens(fc.refresh) + tokens(fc.destroy), tokens(naiveFabric.create) + tokens(naiveFabric.refresh) + tokens(naiveFabric.destroy));
    for (const [kind, r] of Object.entries(rows)) {
      if (kind === "bytes" || kind === "fabric:Connection") continue;
      console.log(`  ${KINDS[kind].label}: per create ${per(vendor(r.create), n)}, per destroy ${per(vendor(r.destroy), n)} (ours; tokens ${tokens(r.create) + tokens(r.destroy)})`);
    }
    console.log(`  __provider: ${rows.bytes} bytes per resource (goal: at most 1,500)\n`);
  }
  console.log("Detection lag: time from the object being done to the waiter seeing it, as a share of the whole wait");
  console.log("(state machines of 15 s to 300 s, 5 start phases each; the waiter's code on a fake clock):");
  for (const [name, l] of Object.entries(lag)) {
    console.log(`  ${name.padEnd(46)} max ${l.max.toFixed(2)}, max beyond 1 s ${l.maxOver1s.toFixed(3)} (goal <= 0.10), mean ${l.mean.toFixed(3)}, ${l.polls.toFixed(1)} polls per wait`);
  }
  if (process.argv[2]) return;
  console.log("\nUnder the vendors' rate limit and latency:");
  await runThrottled(100, 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
