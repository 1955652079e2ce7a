// The ECX v3 client (provider/fabric/ecxV3Client.ts) against the sandbox over real HTTP: the seeds'
// requests, the v3 response and error shapes, the shared world with Fabric v4, and the faults.
import { strict as assert } from "assert";
import { startSandbox, type Sandbox } from "../../sandbox";
import { ALIBABA_PROFILE_UUID, findPort } from "../../sandbox/equinix";
import { isApiError } from "../../provider/core/errors";
import { ecxApi, fabricApi } from "../../provider/fabric/http";
import { callContext, perCall } from "../support/context";

const v4 = perCall(() => fabricApi(callContext()));
const v3 = perCall(() => ecxApi(callContext()));

const ENV = ["EQUINIX_API_CLIENTID", "EQUINIX_API_CLIENTSECRET", "EQUINIX_API_ENDPOINT", "INTERCONNECT_POLL_INTERVAL_MS"];

describe("client: ECX v3 L2 connections against the sandbox", function () {
  this.timeout(20000);
  let sb: Sandbox;
  const saved: Record<string, string | undefined> = {};
  let vlan = 300;
  const next = () => String(vlan++);

  before(async () => {
    sb = await startSandbox({ port: 0, timeScale: 1 });
    for (const k of ENV) saved[k] = process.env[k];
    process.env.EQUINIX_API_CLIENTID = sb.equinix.clientId;
    process.env.EQUINIX_API_CLIENTSECRET = sb.equinix.clientSecret;
    process.env.EQUINIX_API_ENDPOINT = sb.equinix.endpoint;
  });
  after(async () => {
    for (const k of ENV) (saved[k] === undefined ? delete process.env[k] : (process.env[k] = saved[k]));
    await sb.stop();
  });
  afterEach(() => sb.admin.clearFaults());

  const settle = () => sb.admin.clock.advance(5000);

  /** The "Connect to Myself" guide's redundant QinQ -> QinQ body on the sandbox's ports. */
  const q2q = (name: string) => ({
    primaryName: `${name}-pri`,
    speed: 500,
    speedUnit: "MB",
    notifications: ["noc@example.com"],
    purchaseOrderNumber: "1234567890",
    primaryPortUUID: findPort("DC", "QINQ", "PRIMARY").uuid,
    primaryVlanSTag: next(),
    secondaryName: `${name}-sec`,
    secondaryVlanSTag: next(),
    secondaryPortUUID: findPort("DC", "QINQ", "SECONDARY").uuid,
    sellerMetroCode: "SV",
    primaryZSidePortUUID: findPort("SV", "QINQ", "PRIMARY").uuid,
    primaryZSideVlanSTag: next(),
    secondaryZSideVlanSTag: next(),
    secondaryZSidePortUUID: findPort("SV", "QINQ", "SECONDARY").uuid,
  });

  it("creates a redundant pair in one request; both legs follow the self-connection state table", async () => {
    const r = await v3.createL2Connection(q2q("c-pair"));
    assert.ok(r.primaryConnectionId && r.secondaryConnectionId);
    const p0 = (await v3.getL2Connection(r.primaryConnectionId))!;
    assert.equal(p0.status, "PENDING_AUTO_APPROVAL");
    assert.equal(p0.providerStatus, "NOT_AVAILABLE");
    settle();
    const p = (await v3.getL2Connection(r.primaryConnectionId))!;
    const s = (await v3.getL2Connection(r.secondaryConnectionId!))!;
    assert.deepEqual([p.status, p.providerStatus, s.status, s.providerStatus], ["PROVISIONED", "AVAILABLE", "PROVISIONED", "AVAILABLE"]);
    assert.equal(p.redundancyType, "primary");
    assert.equal(s.redundancyType, "secondary");
    assert.equal(p.redundancyGroup, s.redundancyGroup);
    assert.equal(p.redundantUUID, s.uuid);
    assert.equal(p.asideEncapsulation, "qinq");
    assert.equal(p.speed, 500);
    assert.equal(p.speedUnit, "MB");
  });

  it("v3 connections live in the Fabric world: visible through v4 GET and search", async () => {
    const body = q2q("c-v4");
    const r = await v3.createL2Connection(body);
    const c = (await v4.getConnection(r.primaryConnectionId))!;
    assert.equal(c.name, "c-v4-pri");
    assert.equal(c.aSide?.accessPoint?.linkProtocol?.vlanSTag, Number(body.primaryVlanSTag));
    assert.equal(c.redundancy?.priority, "PRIMARY");
    const found = [];
    for await (const x of v4.searchConnections([{ property: "/name", operator: "=", values: ["c-v4-sec"] }])) found.push(x.uuid);
    assert.deepEqual(found, [r.secondaryConnectionId]);
  });

  it("to Alibaba (Equinix's Alibaba Cloud Express Connect guide): a QinQ port needs S- and C-tag; the legs stop at PROVISIONED/PENDING_APPROVAL", async () => {
    const base = {
      primaryName: "c-ali",
      profileUUID: ALIBABA_PROFILE_UUID,
      speed: 50,
      speedUnit: "MB",
      notifications: ["noc@example.com"],
      primaryPortUUID: findPort("SV", "QINQ").uuid,
      primaryVlanSTag: next(),
      sellerRegion: "us-west-1",
      sellerMetroCode: "SV",
      authorizationKey: "1956030",
    };
    await assert.rejects(v3.createL2Connection(base), (e: unknown) => {
      assert.ok(isApiError(e));
      assert.equal(e.kind, "invalid");
      assert.equal(e.status, 400);
      assert.match(e.message, /vlanCTag/);
      return true;
    });
    const r = await v3.createL2Connection({ ...base, primaryVlanCTag: next() });
    settle();
    const c = (await v3.getL2Connection(r.primaryConnectionId))!;
    assert.deepEqual([c.status, c.providerStatus], ["PROVISIONED", "PENDING_APPROVAL"]);
    assert.equal(c.sellerServiceUUID, ALIBABA_PROFILE_UUID);
    assert.equal(c.authorizationKey, "1956030");
  });

  it("errors come in the v3 shape: field and rule, nothing created", async () => {
    const before = sb.admin.inventory().equinix.connections.length;
    await assert.rejects(v3.createL2Connection({ ...q2q("x"), primaryName: "this-name-is-longer-than-24", secondaryVlanSTag: "5000" }), (e: unknown) => {
      assert.ok(isApiError(e));
      assert.equal(e.code, "IC-LAYER2-4001");
      const props = (e.details ?? []).map((d) => d.property);
      assert.ok(props.includes("primaryName") && props.includes("secondaryVlanSTag"), JSON.stringify(e.details));
      return true;
    });
    assert.equal(sb.admin.inventory().equinix.connections.length, before);
  });

  it("PATCH ?action=update changes name and speed; updateInProgress until done", async () => {
    const r = await v3.createL2Connection(q2q("c-upd"));
    settle();
    await v3.updateL2Connection(r.primaryConnectionId, { connectionNewName: "c-upd-renamed", speed: 1, speedUnit: "GB" });
    const during = (await v3.getL2Connection(r.primaryConnectionId))!;
    assert.equal(during.updateInProgress, true);
    settle();
    const after = (await v3.getL2Connection(r.primaryConnectionId))!;
    assert.equal(after.updateInProgress, false);
    assert.equal(after.name, "c-upd-renamed");
    assert.deepEqual([after.speed, after.speedUnit], [1, "GB"]);
    assert.equal((await v4.getConnection(r.primaryConnectionId))!.bandwidth, 1000);
  });

  it("DELETE: DEPROVISIONING -> DEPROVISIONED; a second DELETE is IC-LAYER2-4021, reported as gone", async () => {
    const r = await v3.createL2Connection(q2q("c-del"));
    settle();
    assert.equal(await v3.deleteL2Connection(r.primaryConnectionId), "deleting");
    assert.equal((await v3.getL2Connection(r.primaryConnectionId))!.status, "DEPROVISIONING");
    settle();
    assert.equal((await v3.getL2Connection(r.primaryConnectionId))!.status, "DEPROVISIONED");
    assert.equal(await v3.deleteL2Connection(r.primaryConnectionId), "gone");
    const log = sb.admin.requests().filter((q) => q.kind === "ecxv3.connection.delete").at(-1)!;
    assert.equal(log.status, 400);
    assert.equal(await v3.getL2Connection("00000000-0000-4000-8000-000000000000"), undefined);
    assert.equal(await v3.deleteL2Connection("00000000-0000-4000-8000-000000000000"), "gone");
    await v3.deleteL2Connection(r.secondaryConnectionId!);
  });

  it("faults: 429 with Retry-After and 503 are retried; an expired token is renewed once", async () => {
    sb.admin.clearRequests();
    sb.admin.injectFault({ api: "equinix", method: "POST", path: "^/ecx/v3/l2/connections$", times: 1, fault: { kind: "status", status: 429, retryAfterSeconds: 1 } });
    sb.admin.injectFault({ api: "equinix", method: "GET", path: "^/ecx/v3/l2/connections/", times: 1, fault: { kind: "status", status: 503 } });
    const t0 = Date.now();
    const r = await v3.createL2Connection(q2q("c-fault"));
    assert.ok(Date.now() - t0 >= 900, "Retry-After was honoured");
    assert.ok(await v3.getL2Connection(r.primaryConnectionId));
    const creates = sb.admin.requests().filter((q) => q.path === "/ecx/v3/l2/connections" && q.method === "POST");
    assert.deepEqual(creates.map((q) => q.status), [429, 201]);
    sb.admin.expireTokens("equinix");
    assert.ok(await v3.getL2Connection(r.primaryConnectionId));
    assert.ok(sb.admin.requests().some((q) => q.kind === "oauth.token"));
  });

  it("a dropped connection or a lost answer on POST is never re-sent blindly: maybeCommitted", async () => {
    for (const kind of ["drop", "loseResponse"] as const) {
      sb.admin.injectFault({ api: "equinix", method: "POST", path: "^/ecx/v3/l2/connections$", times: 1, fault: { kind } });
      const before = sb.admin.inventory().equinix.connections.length;
      await assert.rejects(v3.createL2Connection(q2q(`c-${kind}`.slice(0, 12))), (e: unknown) => {
        assert.ok(isApiError(e));
        assert.equal(e.maybeCommitted, true);
        return true;
      });
      const after = sb.admin.inventory().equinix.connections.length;
      assert.equal(after - before, kind === "drop" ? 0 : 2, `${kind}: the pair exists only when the request was handled`);
    }
  });
});
