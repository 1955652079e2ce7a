import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { randomUUID } from "crypto";
import { rpcSignature } from "../../sandbox/alibaba/signature";
import { startSandbox, type Sandbox } from "../../sandbox";
import { alibabaBody, Eqx, raw, SCALE, selfBody } from "./helpers";

const status = (c: any) => `${c.state}/${c.operation.equinixStatus}/${c.operation.providerStatus}`;
const ACCOUNT = "A0087264";

/**
 * `startSandbox({state})` (the CLI's --state): the world survives a restart on the same file, credentials,
 * tokens, objects, pending transitions, rules, id counters and the clock's offset included.
 */
describe("sandbox: the state file keeps the world across restarts", function () {
  this.timeout(60_000);
  let dir: string;
  let file: string;
  let sb: Sandbox | undefined;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), "sandbox-state-"));
    file = path.join(dir, "world.json");
  });
  afterEach(async () => {
    await sb?.stop();
    sb = undefined;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const start = async (f = file) => (sb = await startSandbox({ port: 0, timeScale: SCALE, state: f }));
  const restart = async () => {
    await sb!.stop();
    return start();
  };
  const ix = async (s: Sandbox, token: string, method: string, p: string, body?: unknown) => raw(s.ixapi.apiUrl, method, p, body, { authorization: `Bearer ${token}` });
  /** An Alibaba RPC call (HMAC-SHA1), signed with the sandbox's own signature code. */
  const aliCall = async (s: Sandbox, action: string, params: Record<string, string>, creds: { accessKeyId: string; accessKeySecret: string; securityToken?: string } = s.alibaba) => {
    const p: Record<string, string> = {
      Action: action,
      Version: "2016-04-28",
      Format: "JSON",
      RegionId: "us-west-1",
      AccessKeyId: creds.accessKeyId,
      SignatureMethod: "HMAC-SHA1",
      SignatureVersion: "1.0",
      SignatureNonce: randomUUID(),
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
      ...(creds.securityToken ? { SecurityToken: creds.securityToken } : {}),
      ...params,
    };
    p.Signature = rpcSignature("POST", p, creds.accessKeySecret);
    const r = await raw(s.alibaba.endpoint, "POST", "", new URLSearchParams(p).toString(), { "content-type": "application/x-www-form-urlencoded" });
    assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.body)}`);
    return r.body;
  };

  it("a restart on the same file (port 0 both times) serves the same credentials, objects, tokens, clock and id counters", async () => {
    const first = await start();
    assert.equal(first.statePath, file);
    const eqx = new Eqx(first);
    const eqToken = await eqx.login();
    // Equinix: a self connection still provisioning, and an Alibaba one the seller has not approved yet.
    const self = (await eqx.create(selfBody())).body;
    const body = alibabaBody();
    body.zSide.accessPoint.authenticationKey = first.alibaba.accountId;
    const toAli = (await eqx.create(body)).body;
    first.admin.clock.advance(200 * SCALE);
    const pc = (await eqx.get(toAli.uuid)).body.zSide.accessPoint.providerConnectionId as string;
    assert.match(pc, /^pc-/);
    first.admin.equinix.rejectNext(1);
    // IX-API: a contact through the native token flow (the token kept for after the restart).
    const tok = await raw(first.ixapi.apiUrl, "POST", "/auth/token", { api_key: first.ixapi.apiKey, api_secret: first.ixapi.apiSecret });
    const ixToken = tok.body.access_token as string;
    const contact = (await ix(first, ixToken, "POST", "/contacts", { managing_account: ACCOUNT, consuming_account: ACCOUNT, name: "NOC", email: "noc@example.com" })).body;
    // Alibaba: STS credentials issued before the restart.
    const sts = first.admin.alibaba.issueStsCredentials();
    first.admin.clock.advance(600_000); // ten minutes: the tokens (3599 s) are still valid
    const clockBefore = first.admin.clock.now();
    const before = { equinix: first.equinix, alibaba: first.alibaba, ixapi: first.ixapi, inventory: first.admin.inventory() };
    const firstUrl = first.url;

    const second = await restart();
    assert.notEqual(second.url, firstUrl, "another free port");
    for (const api of ["equinix", "alibaba", "ixapi"] as const) {
      const { endpoint: _e, apiUrl: _u, tokenUrl: _t, aSides: _a, ...creds } = before[api] as any;
      const { endpoint: _e2, apiUrl: _u2, tokenUrl: _t2, aSides: _a2, ...again } = second[api] as any;
      assert.deepEqual(again, creds, `${api}: the same credentials and accounts`);
    }
    const ids = (inv: Record<string, Record<string, any[]>>) =>
      Object.fromEntries(Object.entries(inv).map(([api, kinds]) => [api, Object.fromEntries(Object.entries(kinds).map(([k, xs]) => [k, xs.map((x) => x.uuid ?? x.id ?? x.PhysicalConnectionId ?? x.VbrId).sort()]))]));
    assert.deepEqual(ids(second.admin.inventory()), ids(before.inventory), "the same objects");
    assert.ok(second.admin.clock.now() >= clockBefore, "the clock's offset is kept");

    // The tokens issued before the restart still work.
    const eqx2 = new Eqx(second);
    eqx2.token = eqToken;
    assert.equal((await eqx2.get(self.uuid)).status, 200, "the Equinix token issued before");
    assert.equal((await ix(second, ixToken, "GET", `/contacts/${contact.id}`)).status, 200, "the IX-API token issued before");
    const described = await aliCall(second, "DescribePhysicalConnections", { "Filter.1.Key": "PhysicalConnectionId", "Filter.1.Value.1": pc }, sts);
    assert.equal(described.PhysicalConnectionSet.PhysicalConnectionType[0].PhysicalConnectionId, pc, "the STS credentials issued before");

    // Pending transitions continue where they were: the self connection finishes, the Alibaba one waits for its seller.
    assert.equal(status((await eqx2.get(self.uuid)).body), "ACTIVE/PROVISIONED/AVAILABLE");
    assert.equal(status((await eqx2.get(toAli.uuid)).body), "PENDING/PROVISIONED/PENDING_APPROVAL");
    await aliCall(second, "ConfirmPhysicalConnection", { PhysicalConnectionId: pc, ClientToken: randomUUID() });
    second.admin.clock.advance(1000 * SCALE);
    assert.equal(status((await eqx2.get(toAli.uuid)).body), "ACTIVE/PROVISIONED/PROVISIONED", "the links work on the restored world");
    // The rule set before the restart applies to the next connection.
    const rejected = (await eqx2.create(selfBody())).body;
    second.admin.clock.advance(1000 * SCALE);
    assert.equal((await eqx2.get(rejected.uuid)).body.operation.equinixStatus, "REJECTED");
    // IX-API ids go on from where they were.
    const next = (await ix(second, ixToken, "POST", "/contacts", { managing_account: ACCOUNT, consuming_account: ACCOUNT, name: "NOC 2", email: "noc2@example.com" })).body;
    assert.notEqual(next.id, contact.id);
    assert.ok(Number(next.id.slice(8, 13)) > Number(contact.id.slice(8, 13)), `${next.id} after ${contact.id}`);
  });

  it("an expired token is re-issued with the same client credentials after a restart", async () => {
    const first = await start();
    const clientId = first.equinix.clientId;
    await first.stop();
    const second = await startSandbox({ port: 0, state: file, tokenTtlSeconds: 60 });
    sb = second;
    const eqx = new Eqx(second);
    assert.equal(second.equinix.clientId, clientId);
    await eqx.login();
    second.admin.clock.advance(61_000);
    assert.equal((await eqx.call("GET", "/fabric/v4/ports")).status, 401);
    await eqx.login();
    assert.equal((await eqx.call("GET", "/fabric/v4/ports")).status, 200);
  });

  it("the file is written at start, shortly after each change (before any stop), whole and readable by its owner only", async () => {
    const f = path.join(dir, "fresh", "world.json");
    const s = await start(f);
    const saved = () => JSON.parse(readFileSync(f, "utf8"));
    assert.equal(saved().version, 1);
    assert.equal(statSync(f).mode & 0o777, 0o600);
    assert.ok(JSON.stringify(saved()).includes(s.equinix.clientSecret), "the credentials are kept from the start");
    const eqx = new Eqx(s);
    await eqx.login();
    const c = (await eqx.create(selfBody())).body;
    await new Promise((r) => setTimeout(r, 400));
    assert.ok(JSON.stringify(saved()).includes(c.uuid), "the new connection is in the file before the sandbox stops");
    s.admin.clock.advance(5_000_000);
    await new Promise((r) => setTimeout(r, 400));
    assert.ok(saved().clockOffsetMs >= 5_000_000, "an admin call through the JS API is kept too");
  });

  it("a file that is not a sandbox state is refused with an error naming it; nothing is overwritten", async () => {
    for (const [name, text, why] of [
      ["garbage.json", "{ not json", /is not JSON/],
      ["array.json", "[1, 2]", /not a JSON object/],
      ["future.json", JSON.stringify({ version: 99, clockOffsetMs: 0, apis: {} }), /version 99, this sandbox reads version 1/],
      ["partial.json", JSON.stringify({ version: 1 }), /clockOffsetMs or apis is missing/],
    ] as const) {
      const f = path.join(dir, name);
      writeFileSync(f, text);
      await assert.rejects(startSandbox({ port: 0, state: f }), (e: Error) => {
        assert.ok(e.message.includes(f), `${e.message} names the file`);
        assert.match(e.message, why);
        assert.match(e.message, /Move it away \(or delete it\) to start a new world/);
        return true;
      });
      assert.equal(readFileSync(f, "utf8"), text, "the file is left as it was");
    }
  });
});
