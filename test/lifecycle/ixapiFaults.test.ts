import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { Engine, makeUrn } from "../harness/engine";
import { InitFailure, PluginHost } from "../harness/plugin";
import { Props, secret } from "../harness/wire";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const KIND = "ixapi:NetworkService";
const TYPE = `pulumi-nodejs:dynamic/${KIND}`;
const ALIBABA = "alibaba-express-connect.fra.eu-central-1";
const ACC = { managingAccount: "A0087264", consumingAccount: "A0087264", billingAccount: "A0087264" };
const SERVICES = "^/ixapi/v2/network-services$";
const SERVICE = "^/ixapi/v2/network-services/[^/]+$";

/**
 * ixapi.NetworkService through the plugin while the IX-API sandbox misbehaves (what the lifecycle test
 * in ixapi.test.ts does not cover): 429 with Retry-After and 503 on create and reads, a lost create
 * response, tokens expiring mid-run, and a stalled service resumed by the next `pulumi up`.
 */
describe("lifecycle: ixapi.NetworkService under faults", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let host: PluginHost;
  let engine: Engine;
  let providerText: string;
  let session: LifecycleSession;
  let key = 1000_0000_0000_0000;

  const inputs = (over: Props = {}): Props => ({ __provider: providerText, ...ACC, productOffering: ALIBABA, cloudKey: secret(String(key++)), capacity: 100, ...over });
  const reg = (name: string, i: Props) => engine.register({ urn: makeUrn(TYPE, name, "interconnect-tests"), type: TYPE, name, inputs: i });
  const log = () => sb.admin.requests().filter((r) => r.api === "ixapi");
  const services = () => sb.admin.inventory().ixapi.networkServices as Array<Record<string, any>>;

  before(async () => {
    session = await lifecycleSession(KIND, { prefix: "ixapi-faults-", env: { INTERCONNECT_QUIET: undefined } });
    ({ sb, host, engine } = session);
    providerText = session.providerText(KIND);
  });
  afterEach(() => {
    sb.admin.clearFaults();
    sb.admin.ixapi.resetRules();
  });
  after(() => session?.close());

  it("429 with Retry-After and 503 on the create and on the reads: absorbed, one service", async () => {
    sb.admin.injectFault({ api: "ixapi", method: "POST", path: SERVICES, times: 1, fault: { kind: "status", status: 429, retryAfterSeconds: 1 } });
    sb.admin.injectFault({ api: "ixapi", method: "POST", path: SERVICES, times: 1, fault: { kind: "status", status: 503 } });
    sb.admin.injectFault({ api: "ixapi", method: "GET", path: SERVICE, times: 1, fault: { kind: "status", status: 429, retryAfterSeconds: 1 } });
    sb.admin.injectFault({ api: "ixapi", method: "GET", path: SERVICE, times: 2, fault: { kind: "status", status: 503 } });
    const n = log().length;
    const t0 = Date.now();
    const r = await reg("throttled", inputs());
    assert.equal(r.outputs.state, "allocated");
    const seq = log().slice(n);
    assert.deepEqual(seq.filter((x) => x.method === "POST" && /network-services$/.test(x.path)).map((x) => x.status), [429, 503, 201]);
    const gets = seq.filter((x) => x.method === "GET" && /network-services\/[^/]+$/.test(x.path)).map((x) => x.status);
    assert.deepEqual(gets.slice(0, 3), [429, 503, 503]);
    assert.equal(gets.at(-1), 200);
    assert.ok(Date.now() - t0 >= 2000, "Retry-After: 1 was honoured on the create and on the read");
    assert.deepEqual(services().filter((s) => s.id === r.id).length, 1);
    assert.equal(services().length, 1);

    // The refresh's reads ride out the same answers.
    sb.admin.injectFault({ api: "ixapi", method: "GET", path: SERVICE, times: 1, fault: { kind: "status", status: 503 } });
    sb.admin.injectFault({ api: "ixapi", method: "GET", path: SERVICE, times: 1, fault: { kind: "status", status: 429, retryAfterSeconds: 1 } });
    const report = await engine.refresh();
    assert.deepEqual(report.map((x) => [x.id, x.dropped, x.changedInputs]), [[r.id, false, []]]);
  });

  it("a lost create response: looked up by external_ref, adopted, no duplicate, the id recorded", async () => {
    sb.admin.injectFault({ api: "ixapi", method: "POST", path: SERVICES, times: 1, fault: { kind: "loseResponse" } });
    const before = services().length;
    const n = log().length;
    const d = host.diagnostics().length;
    const r = await reg("lost", inputs());
    const mine = services().filter((s) => s.external_ref === r.outputs.externalRef);
    assert.deepEqual(mine.map((s) => s.id), [r.id]);
    assert.equal(services().length, before + 1);
    assert.match(String(r.outputs.externalRef), /^pulumi:ns:[0-9a-f]{24}$/);
    assert.deepEqual(log().slice(n).filter((x) => /network-services$/.test(x.path)).map((x) => `${x.kind}${x.fault ? ` (${x.fault})` : ""}`), [
      "ixapi.networkService.create (loseResponse)",
      "ixapi.networkService.list",
    ]);
    assert.match(host.diagnostics().slice(d), /answer was lost .*looking it up before sending again/);
    assert.match(host.diagnostics().slice(d), new RegExp(`found ${r.id}: adopting it instead of creating another`));
    assert.equal(engine.get(makeUrn(TYPE, "lost", "interconnect-tests"))!.id, r.id);
  });

  it("tokens expire mid-run: one 401, one new token, the update goes on", async () => {
    const i = inputs();
    const s = await reg("expiry", i);
    sb.admin.expireTokens();
    const n = log().length;
    const r = await reg("expiry", { ...i, purchaseOrder: "PO-after-expiry" });
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(r.id, s.id);
    const seq = log().slice(n).map((x) => `${x.kind} ${x.status}`);
    assert.deepEqual(seq.slice(0, 3), ["ixapi.networkService.get 401", "ixapi.oauth.token 200", "ixapi.networkService.get 200"]);
    assert.equal(seq.filter((x) => x.endsWith(" 401")).length, 1);
    assert.equal(seq.filter((x) => x.startsWith("ixapi.oauth.token")).length, 1);
    assert.equal(sb.admin.ixapi.service(s.id)!.purchase_order, "PO-after-expiry");
  });

  it("a service stuck in requested: partial failure with the id, the next up resumes it once the stall is lifted", async () => {
    sb.admin.ixapi.stallNext("service");
    const i = inputs({ timeouts: { create: "1s" } });
    await assert.rejects(reg("stuck", i), (e: unknown) => {
      assert.ok(e instanceof InitFailure, String(e));
      assert.match(e.message, /last state requested/);
      return true;
    });
    const rec = engine.get(makeUrn(TYPE, "stuck", "interconnect-tests"))!;
    assert.ok(rec.id.startsWith("ns:"));
    assert.equal(sb.admin.ixapi.service(rec.id)!.state, "requested");
    const n = log().length;
    sb.admin.ixapi.releaseStall(rec.id);
    const r = await reg("stuck", i);
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(r.id, rec.id);
    assert.equal(r.outputs.state, "allocated");
    assert.equal(log().slice(n).filter((x) => x.method === "POST").length, 0, "resumed, not created again");
    assert.equal(services().filter((s) => s.cloud_key === sb.admin.ixapi.service(rec.id)!.cloud_key).length, 1);
  });

  it("destroy after all that leaves nothing behind", async () => {
    await engine.destroy();
    assert.deepEqual(services(), []);
  });
});
