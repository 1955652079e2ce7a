// fabric.CloudRouter and fabric.RoutingProtocol through the SDK's real dynamic-provider plugin
// (test/harness), against the sandbox: check failures before any call, create and wait, in-place updates,
// DIRECT before BGP and BGP deleted before DIRECT, drift on refresh, faults (a lost create answer, a lost
// PUT answer, 429 and 503 while waiting), a stalled create resumed, the MD5 key never in clear.
// The plugin runs dist/: `npm run build` first.
import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { PRIVATE_PROFILE_UUID } from "../../sandbox/equinix";
import { CheckFailed, DesiredResource, Engine, makeUrn } from "../harness/engine";
import { InitFailure, PluginError, PluginHost } from "../harness/plugin";
import { isSecret, secret, Props } from "../harness/wire";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const ROUTER = "pulumi-nodejs:dynamic/fabric:CloudRouter";
const CONNECTION = "pulumi-nodejs:dynamic/fabric:Connection";
const PROTOCOL = "pulumi-nodejs:dynamic/fabric:RoutingProtocol";
const KEY = "bgp-md5-Key-7f3a9c";

describe("lifecycle: fabric.CloudRouter and fabric.RoutingProtocol through the plugin", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let host: PluginHost;
  let engine: Engine;
  let session: LifecycleSession;
  let projectId: string;
  let subnet = 0;
  /** A fresh /30 per protocol pair: subnets of one router's connections must not overlap. */
  const nextSubnet = () => {
    subnet++;
    return { equinix: `10.77.${subnet}.1/30`, customer: `10.77.${subnet}.2` };
  };

  const desired = (type: string, kind: string, name: string, inputs: Props, dependencies: string[] = []): DesiredResource => ({
    urn: makeUrn(type, name),
    type,
    name,
    inputs: { __provider: session.providerText(kind), ...inputs },
    dependencies,
  });
  const routerArgs = (name: string, over: Props = {}): Props => ({ name, metroCode: "SV", packageCode: "STANDARD", projectId, notifications: ["noc@example.com"], ...over });
  const router = (name: string, over: Props = {}) => desired(ROUTER, "fabric:CloudRouter", name, routerArgs(name, over));
  const connection = (name: string, routerUuid: string, routerUrn: string) =>
    desired(
      CONNECTION,
      "fabric:Connection",
      name,
      { name, bandwidth: 100, aSide: { cloudRouter: { uuid: routerUuid } }, zSide: { serviceProfile: { uuid: PRIVATE_PROFILE_UUID, metroCode: "SV" } }, notifications: ["noc@example.com"] },
      [routerUrn],
    );
  const direct = (name: string, connectionUuid: string, connUrn: string, equinixIfaceIp: string, over: Props = {}) =>
    desired(PROTOCOL, "fabric:RoutingProtocol", name, { connectionUuid, type: "DIRECT", directIpv4: { equinixIfaceIp }, ...over }, [connUrn]);
  const bgp = (name: string, connectionUuid: string, directUuid: string, deps: string[], customerPeerIp: string, over: Props = {}) =>
    desired(
      PROTOCOL,
      "fabric:RoutingProtocol",
      name,
      { connectionUuid, type: "BGP", directRoutingProtocolUuid: directUuid, bgpIpv4: { customerPeerIp }, customerAsn: 45104, authenticationKey: secret(KEY), bfd: { enabled: true, interval: 300 }, ...over },
      deps,
    );
  const log = () => sb.admin.requests();
  const kinds = (from: number, re: RegExp) => log().slice(from).filter((q) => re.test(q.kind)).map((q) => `${q.kind} ${q.status}${q.fault ? ` (${q.fault})` : ""}`);
  const rp = (uuid: string) => sb.admin.equinix.routingProtocol(uuid) as Record<string, any>;
  /** Deletes these resources as `pulumi up` does for resources the program no longer declares. */
  const drop = (...urns: string[]) => engine.deleteUnregistered(engine.state.resources.map((r) => r.urn).filter((u) => !urns.includes(u)));

  before(async () => {
    session = await lifecycleSession(["fabric:CloudRouter", "fabric:Connection", "fabric:RoutingProtocol"], {
      prefix: "fabric-routing-lifecycle-",
      // A PUT reprovisions for 1 s: longer than the first retry's pause (at most 0.5 s), so a PUT sent again after a lost answer finds it REPROVISIONING.
      sandboxOptions: { port: 0, timeScale: 0.05, delays: { equinix: { routingUpdate: 20_000 } } },
      env: { INTERCONNECT_QUIET: undefined },
    });
    ({ sb, host, engine } = session);
    projectId = sb.equinix.projectId;
  });
  after(() => session?.close());
  afterEach(() => {
    sb.admin.clearFaults();
    sb.admin.equinix.resetRules();
  });

  it("check names each failing field and rule, and sends nothing", async () => {
    const n = log().length;
    await assert.rejects(engine.register(router("x", { packageCode: "GOLD", metroCode: "Silicon Valley" })), (e: unknown) => {
      assert.ok(e instanceof CheckFailed);
      assert.deepEqual(e.failures.map((f) => f.property).sort(), ["metroCode", "name", "packageCode"]);
      return true;
    });
    await assert.rejects(
      engine.register(desired(PROTOCOL, "fabric:RoutingProtocol", "orphan-bgp", { connectionUuid: "c", type: "BGP", bgpIpv4: { customerPeerIp: "10.1.1.2/30" }, customerAsn: 23456 })),
      (e: unknown) => {
        assert.ok(e instanceof CheckFailed);
        const by = Object.fromEntries(e.failures.map((f) => [f.property, f.reason]));
        assert.match(by.directRoutingProtocolUuid, /pass the DIRECT routing protocol's uuid/);
        assert.match(by["bgpIpv4.customerPeerIp"], /without a prefix length/);
        assert.match(by.customerAsn, /AS_TRANS/);
        return true;
      },
    );
    assert.deepEqual(log().slice(n), []);
  });

  let fcr: { urn: string; uuid: string };
  it("a cloud router: created and waited for until PROVISIONED; its ASN is Equinix's", async () => {
    const n = log().length;
    const r = await engine.register(router("fcr-main"));
    assert.equal(r.outputs.state, "PROVISIONED");
    assert.equal(r.outputs.equinixAsn, 30000);
    assert.equal(r.id, r.outputs.uuid);
    assert.deepEqual(kinds(n, /^fabric\.router\.(create|update|delete)$/), ["fabric.router.create 200"]);
    fcr = { urn: makeUrn(ROUTER, "fcr-main"), uuid: r.id };
  });

  it("the router's name, package and notifications change in place, in one PATCH, waited for until COMPLETED", async () => {
    const n = log().length;
    const r = await engine.register({ ...router("fcr-main", { name: "fcr-main-2", packageCode: "PREMIUM", notifications: ["noc@example.com", "ops@example.com"] }), name: "fcr-main", urn: fcr.urn });
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(r.id, fcr.uuid);
    const seen = sb.admin.equinix.cloudRouter(fcr.uuid) as Record<string, any>;
    assert.deepEqual([seen.name, seen.package.code, seen.change.status], ["fcr-main-2", "PREMIUM", "COMPLETED"]);
    assert.deepEqual(kinds(n, /^fabric\.router\.(create|update)$/), ["fabric.router.update 200"]);
  });

  let conn: { urn: string; uuid: string };
  let pair: { direct: string; bgp: string; directUrn: string; bgpUrn: string; addr: { equinix: string; customer: string } };
  it("DIRECT then BGP on a connection from the router: the BGP waits for its DIRECT; Equinix's peer address and ASN come back", async () => {
    const c = await engine.register(connection("fcr-conn", fcr.uuid, fcr.urn));
    assert.equal(c.outputs.equinixStatus, "PROVISIONED");
    conn = { urn: makeUrn(CONNECTION, "fcr-conn"), uuid: c.id };
    const addr = nextSubnet();
    const n = log().length;
    const d = await engine.register(direct("direct", conn.uuid, conn.urn, addr.equinix));
    assert.equal(d.outputs.state, "PROVISIONED");
    assert.equal(d.id, `${conn.uuid}/${d.outputs.uuid}`);
    const b = await engine.register(bgp("bgp", conn.uuid, String(d.outputs.uuid), [makeUrn(PROTOCOL, "direct")], addr.customer));
    assert.equal(b.outputs.state, "PROVISIONED");
    assert.deepEqual([b.outputs.equinixPeerIpv4, b.outputs.equinixAsn, b.outputs.customerAsn], [addr.equinix.split("/")[0], 30000, 45104]);
    assert.deepEqual(b.outputs.bfd, { enabled: true, interval: 300 });
    // No session partner in the sandbox for a private profile: Fabric reports the session UNKNOWN.
    assert.equal(b.outputs.bgpIpv4Status, "UNKNOWN");
    assert.deepEqual(kinds(n, /^fabric\.routingProtocol\.create$/), ["fabric.routingProtocol.create 202", "fabric.routingProtocol.create 202"]);
    assert.equal(rp(String(b.outputs.uuid)).bgpAuthKey, KEY, "the key reached Fabric");
    // The MD5 key: secret in the state, never in the plugin's output nor in the state file in clear.
    assert.ok(b.secretKeys.includes("authenticationKey"));
    assert.ok(isSecret(engine.wrappedOutputs(b).authenticationKey));
    assert.ok(!host.diagnostics().includes(KEY), "the key never reaches the user's console");
    pair = { direct: String(d.outputs.uuid), bgp: String(b.outputs.uuid), directUrn: makeUrn(PROTOCOL, "direct"), bgpUrn: makeUrn(PROTOCOL, "bgp"), addr };
  });

  it("a BGP whose DIRECT is still provisioning waits for it instead of failing (terraform-provider-equinix #484)", async () => {
    const c = await engine.register(connection("race-conn", fcr.uuid, fcr.urn));
    const addr = nextSubnet();
    // The DIRECT is made outside this engine and held in PROVISIONING; it finishes 1.5 s later.
    sb.admin.equinix.stallNextRouting("protocols");
    const made = sb.world.equinix.routing.createProtocol(c.id, { type: "DIRECT", directIpv4: { equinixIfaceIp: addr.equinix } });
    setTimeout(() => made.phases.schedule(sb.admin.clock.now(), "PROVISIONED"), 1500);
    const n = log().length;
    const d0 = host.diagnostics().length;
    const b = await engine.register(bgp("race-bgp", c.id, made.uuid, [makeUrn(CONNECTION, "race-conn")], addr.customer));
    assert.equal(b.outputs.state, "PROVISIONED");
    assert.match(host.diagnostics().slice(d0), new RegExp(`waiting for the DIRECT routing protocol ${made.uuid} \\(PROVISIONING\\) before configuring BGP`));
    assert.deepEqual(kinds(n, /^fabric\.routingProtocol\.create$/), ["fabric.routingProtocol.create 202"], "one BGP create, never refused EQ-3041012");
    await drop(makeUrn(PROTOCOL, "race-bgp"));
    sb.admin.equinix.deleteRoutingProtocol(made.uuid);
    await drop(makeUrn(CONNECTION, "race-conn"));
  });

  it("the BGP's ASN, key and BFD change in place: one PUT, waited for until PROVISIONED again", async () => {
    const n = log().length;
    const r = await engine.register(bgp("bgp", conn.uuid, pair.direct, [pair.directUrn], pair.addr.customer, { customerAsn: 65010, authenticationKey: secret(`${KEY}-2`), bfd: { enabled: false } }));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(r.outputs.state, "PROVISIONED");
    const seen = rp(pair.bgp);
    assert.deepEqual([seen.customerAsn, seen.bgpAuthKey, seen.bfd.enabled, seen.state], [65010, `${KEY}-2`, false, "PROVISIONED"]);
    assert.deepEqual(kinds(n, /^fabric\.routingProtocol\.(create|replace|update|delete)$/), ["fabric.routingProtocol.replace 202"]);
    assert.ok(!host.diagnostics().includes(`${KEY}-2`));
  });

  it("refresh shows a change made in the portal (ASN and MD5 key); the next up puts the program's values back", async () => {
    sb.admin.equinix.updateRoutingProtocol(pair.bgp, { customerAsn: 65020, bgpAuthKey: "changed-in-portal" });
    const report = await engine.refresh();
    const mine = report.find((x) => x.urn === pair.bgpUrn)!;
    assert.equal(mine.dropped, false);
    assert.ok(mine.changedOutputs.includes("customerAsn") && mine.changedOutputs.includes("authenticationKey"), JSON.stringify(mine));
    assert.equal(engine.get(pair.bgpUrn)!.outputs.customerAsn, 65020);
    assert.ok(!host.diagnostics().includes("changed-in-portal"), "the key read back stays out of the console");
    const r = await engine.register(bgp("bgp", conn.uuid, pair.direct, [pair.directUrn], pair.addr.customer, { customerAsn: 65010, authenticationKey: secret(`${KEY}-2`), bfd: { enabled: false } }));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.deepEqual([rp(pair.bgp).customerAsn, rp(pair.bgp).bgpAuthKey], [65010, `${KEY}-2`]);
    assert.equal(r.outputs.customerAsn, 65010);
  });

  it("a routing protocol deleted in the portal is dropped by refresh", async () => {
    const c = await engine.register(connection("gone-conn", fcr.uuid, fcr.urn));
    const addr = nextSubnet();
    const d = await engine.register(direct("gone-direct", c.id, makeUrn(CONNECTION, "gone-conn"), addr.equinix));
    sb.admin.equinix.deleteRoutingProtocol(String(d.outputs.uuid));
    const report = await engine.refresh();
    assert.equal(report.find((x) => x.urn === makeUrn(PROTOCOL, "gone-direct"))!.dropped, true);
    await drop(makeUrn(CONNECTION, "gone-conn"));
  });

  it("a lost create answer: the protocol is looked up on its connection and adopted, never created twice", async () => {
    const c = await engine.register(connection("lost-conn", fcr.uuid, fcr.urn));
    const addr = nextSubnet();
    sb.admin.injectFault({ api: "equinix", method: "POST", path: "/routingProtocols$", times: 1, fault: { kind: "loseResponse" } });
    const n = log().length;
    const d0 = host.diagnostics().length;
    const d = await engine.register(direct("lost-direct", c.id, makeUrn(CONNECTION, "lost-conn"), addr.equinix));
    assert.equal(d.outputs.state, "PROVISIONED");
    assert.deepEqual(kinds(n, /^fabric\.routingProtocol\.(create|list)$/), ["fabric.routingProtocol.list 200", "fabric.routingProtocol.create 202 (loseResponse)", "fabric.routingProtocol.list 200"]);
    assert.match(host.diagnostics().slice(d0), new RegExp(`found ${d.outputs.uuid}: adopting it instead of creating another`));
    assert.equal((sb.admin.inventory().equinix.routingProtocols as Array<Record<string, any>>).filter((p) => p.connection.uuid === c.id).length, 1);
    await drop(makeUrn(PROTOCOL, "lost-direct"));
    await drop(makeUrn(CONNECTION, "lost-conn"));
  });

  it("a lost router create answer: the router is found by name, metro and project, never ordered twice", async () => {
    sb.admin.injectFault({ api: "equinix", method: "POST", path: "^/fabric/v4/routers$", times: 1, fault: { kind: "loseResponse" } });
    const n = log().length;
    const r = await engine.register(router("fcr-lost"));
    assert.equal(r.outputs.state, "PROVISIONED");
    assert.deepEqual(kinds(n, /^fabric\.router\.(create|search)$/), ["fabric.router.create 200 (loseResponse)", "fabric.router.search 200"]);
    assert.equal((sb.admin.inventory().equinix.cloudRouters as Array<Record<string, any>>).filter((x) => x.name === "fcr-lost").length, 1);
    await drop(makeUrn(ROUTER, "fcr-lost"));
  });

  it("a lost PUT answer: sent again, refused while reprovisioning, and taken as applied since Fabric shows the values", async () => {
    sb.admin.injectFault({ api: "equinix", method: "PUT", path: "/routingProtocols/", times: 1, fault: { kind: "loseResponse" } });
    const n = log().length;
    const r = await engine.register(bgp("bgp", conn.uuid, pair.direct, [pair.directUrn], pair.addr.customer, { customerAsn: 65030, authenticationKey: secret(`${KEY}-2`), bfd: { enabled: false } }));
    assert.equal(r.outputs.state, "PROVISIONED");
    assert.equal(rp(pair.bgp).customerAsn, 65030);
    assert.deepEqual(kinds(n, /^fabric\.routingProtocol\.replace$/), ["fabric.routingProtocol.replace 202 (loseResponse)", "fabric.routingProtocol.replace 400"]);
  });

  it("429 with Retry-After and 503 while waiting are absorbed", async () => {
    const c = await engine.register(connection("busy-conn", fcr.uuid, fcr.urn));
    const addr = nextSubnet();
    sb.admin.injectFault({ api: "equinix", method: "GET", path: "/routingProtocols/", times: 2, fault: { kind: "status", status: 429, retryAfterSeconds: 1 } });
    sb.admin.injectFault({ api: "equinix", method: "GET", path: "/routingProtocols/", times: 1, fault: { kind: "status", status: 503 } });
    const d = await engine.register(direct("busy-direct", c.id, makeUrn(CONNECTION, "busy-conn"), addr.equinix));
    assert.equal(d.outputs.state, "PROVISIONED");
    const statuses = log().filter((q) => q.kind === "fabric.routingProtocol.get" || q.kind === "fault.status").map((q) => q.status);
    assert.ok(statuses.filter((s) => s === 429).length === 2 && statuses.includes(503), statuses.join(","));
    await drop(makeUrn(PROTOCOL, "busy-direct"));
    await drop(makeUrn(CONNECTION, "busy-conn"));
  });

  it("provisioning that never finishes: the create fails with the id recorded; the next up resumes and creates nothing", async () => {
    const c = await engine.register(connection("stall-conn", fcr.uuid, fcr.urn));
    const addr = nextSubnet();
    sb.admin.equinix.stallNextRouting("protocols");
    const d = direct("stall-direct", c.id, makeUrn(CONNECTION, "stall-conn"), addr.equinix, { timeouts: { create: "1s", update: "20s" } });
    let id = "";
    await assert.rejects(engine.register(d), (e: unknown) => {
      assert.ok(e instanceof InitFailure, String(e));
      assert.match(e.message, /not done after 1s; last state PROVISIONING.*run `pulumi up` again to resume waiting/s);
      id = e.id;
      return true;
    });
    const uuid = id.split("/")[1];
    sb.world.equinix.routing.protocols.get(uuid)!.phases.schedule(sb.admin.clock.now(), "PROVISIONED");
    const n = log().length;
    const r = await engine.register(d);
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(r.id, id);
    assert.equal(r.outputs.state, "PROVISIONED");
    assert.deepEqual(kinds(n, /^fabric\.routingProtocol\.(create|replace)$/), [], "nothing created or sent again");
    await drop(makeUrn(PROTOCOL, "stall-direct"));
    await drop(makeUrn(CONNECTION, "stall-conn"));
  });

  it("adoptId and get: protocols made outside Pulumi are read from their id alone and adopted when they match; a different key is named, never shown", async () => {
    const c = await engine.register(connection("adopt-conn", fcr.uuid, fcr.urn));
    const addr = nextSubnet();
    const routing = sb.world.equinix.routing;
    const d = routing.createProtocol(c.id, { type: "DIRECT", directIpv4: { equinixIfaceIp: addr.equinix } });
    sb.admin.clock.advance(60_000);
    const b = routing.createProtocol(c.id, { type: "BGP", bgpIpv4: { customerPeerIp: addr.customer, enabled: true }, customerAsn: 45104, bgpAuthKey: "oob-key-1234" });
    sb.admin.clock.advance(60_000);
    // get: the id alone (no state, no inputs) gives the inputs a program would write, the DIRECT found on the connection.
    const got = await host.read(makeUrn(PROTOCOL, "ref"), `${c.id}/${b.uuid}`, {}, { __provider: session.providerText("fabric:RoutingProtocol") });
    assert.equal(got.id, `${c.id}/${b.uuid}`);
    assert.deepEqual([got.outputs.type, got.outputs.directRoutingProtocolUuid, got.outputs.customerAsn, got.outputs.bgpIpv4], ["BGP", d.uuid, 45104, { customerPeerIp: addr.customer, enabled: true }]);
    const writes = (from: number) => log().slice(from).filter((q) => q.method !== "GET" && !/token|search/.test(q.kind));
    const conn = makeUrn(CONNECTION, "adopt-conn");
    let n = log().length;
    await assert.rejects(engine.register(direct("adopt-direct", c.id, conn, "10.250.0.1/30", { adoptId: d.uuid })), (e: unknown) => {
      assert.ok(e instanceof PluginError, String(e));
      assert.match(e.message, new RegExp(`directIpv4.equinixIfaceIp: the program has "10.250.0.1/30", the object has "${addr.equinix.replace(/\./g, "\\.")}"`));
      return true;
    });
    const ad = await engine.register(direct("adopt-direct", c.id, conn, addr.equinix, { adoptId: d.uuid }));
    assert.equal(ad.id, `${c.id}/${d.uuid}`, "the bare uuid is taken with the connection of the arguments");
    await assert.rejects(engine.register(bgp("adopt-bgp", c.id, d.uuid, [makeUrn(PROTOCOL, "adopt-direct")], addr.customer, { adoptId: `${c.id}/${b.uuid}`, bfd: undefined })), (e: unknown) => {
      assert.ok(e instanceof PluginError, String(e));
      assert.match(e.message, /authenticationKey: the program's value and the object's differ \(a secret: values not shown\)/);
      assert.ok(!e.message.includes("oob-key-1234") && !e.message.includes(KEY));
      return true;
    });
    const ab = await engine.register(bgp("adopt-bgp", c.id, d.uuid, [makeUrn(PROTOCOL, "adopt-direct")], addr.customer, { adoptId: `${c.id}/${b.uuid}`, authenticationKey: secret("oob-key-1234"), bfd: undefined }));
    assert.equal(ab.id, `${c.id}/${b.uuid}`);
    assert.deepEqual(writes(n), [], "adoption writes nothing");
    n = log().length;
    await engine.register(bgp("adopt-bgp", c.id, d.uuid, [makeUrn(PROTOCOL, "adopt-direct")], addr.customer, { authenticationKey: secret("oob-key-1234"), bfd: undefined }));
    assert.equal(engine.steps.at(-1)!.op, "same", "the next up changes nothing");
    assert.deepEqual(writes(n), []);
  });

  it("destroy deletes each BGP before its DIRECT, the protocols before their connections, the connections before the router, and leaves nothing", async () => {
    const types = new Map(engine.state.resources.filter((r) => r.type === PROTOCOL).map((r) => [String(r.outputs.uuid), `${r.outputs.type}:${r.outputs.connectionUuid}`]));
    const n = log().length;
    await engine.destroy();
    const deletes = log()
      .slice(n)
      .filter((q) => /^fabric\.(routingProtocol|connection|router)\.delete$/.test(q.kind));
    assert.ok(deletes.every((q) => q.status < 400), deletes.map((q) => `${q.kind} ${q.status}`).join(", "));
    const order = deletes.map((q) => (q.kind === "fabric.routingProtocol.delete" ? types.get(q.path.split("/").pop()!)! : `${q.kind.split(".")[1]}:${q.path.split("/").pop()}`));
    for (const [uuid, label] of types) {
      const conn = label.split(":")[1];
      if (label.startsWith("BGP")) assert.ok(order.indexOf(label) < order.indexOf(`DIRECT:${conn}`), `${uuid}: BGP before DIRECT (${order.join(", ")})`);
      assert.ok(order.indexOf(label) < order.indexOf(`connection:${conn}`), `${uuid}: before its connection (${order.join(", ")})`);
    }
    assert.ok(order.at(-1)!.startsWith("router:") && order.filter((x) => x.startsWith("router:")).length === 1, order.join(", "));
    assert.ok(order.includes(`BGP:${conn.uuid}`) && order.includes(`DIRECT:${conn.uuid}`));
    const inv = sb.admin.inventory().equinix;
    assert.deepEqual([inv.connections, inv.cloudRouters, inv.routingProtocols], [[], [], []]);
  });
});
