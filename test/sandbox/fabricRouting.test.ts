import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import path from "path";
import { startSandbox, type Sandbox } from "../../sandbox";
import { EQUINIX_DEFAULT_DELAYS } from "../../sandbox/equinix";
import { ALIBABA_PROFILE_UUID, Eqx, PRIVATE_PROFILE_UUID, raw, SCALE, withSandbox } from "./helpers";

const D = EQUINIX_DEFAULT_DELAYS;
const codes = (body: any) => (body as Array<{ errorCode: string }>).map((e) => e.errorCode);
const reasons = (body: any) => (body as Array<{ additionalInfo?: Array<{ reason?: string }>; details?: string }>).map((e) => e.additionalInfo?.[0]?.reason ?? e.details ?? "").join(" | ");

/** Fabric Cloud Routers ordered through the API and the routing protocols of their connections. */
describe("sandbox: Fabric Cloud Routers and routing protocols", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let eqx: Eqx;
  before(async () => ({ sb, eqx } = await withSandbox()));
  after(() => sb?.stop());
  afterEach(() => sb.admin.equinix.resetRules());

  const pass = (ms: number) => sb.admin.clock.advance(ms * SCALE);
  const routerBody = (over: Record<string, unknown> = {}) => ({
    type: "XF_ROUTER",
    name: "fcr-test",
    location: { metroCode: "SV" },
    package: { code: "STANDARD" },
    project: { projectId: sb.equinix.projectId },
    notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
    ...over,
  });
  /** A PROVISIONED router and a PROVISIONED connection from it to the private profile (or Alibaba's). */
  async function routerWithConnection(name: string, alibaba = false): Promise<{ router: string; conn: string }> {
    const r = await eqx.call("POST", "/fabric/v4/routers", routerBody({ name }));
    assert.equal(r.status, 200, JSON.stringify(r.body));
    pass(D.routerProvisioning);
    const zSide = alibaba
      ? { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: ALIBABA_PROFILE_UUID }, location: { metroCode: "SV" }, sellerRegion: "us-west-1", authenticationKey: sb.alibaba.accountId } }
      : { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: PRIVATE_PROFILE_UUID }, location: { metroCode: "SV" } } };
    const c = await eqx.create({ type: "IP_VC", name: `${name}-c`, bandwidth: 50, notifications: [{ type: "ALL", emails: ["noc@example.com"] }], aSide: { accessPoint: { type: "CLOUD_ROUTER", router: { uuid: r.body.uuid } } }, zSide });
    assert.equal(c.status, 201, JSON.stringify(c.body));
    pass(D.autoApproval + D.provisioning);
    return { router: r.body.uuid, conn: c.body.uuid };
  }
  const rpPath = (conn: string, id?: string) => `/fabric/v4/connections/${conn}/routingProtocols${id ? `/${id}` : ""}`;
  const addDirect = (conn: string, ip = "10.20.0.1/30", extra: Record<string, unknown> = {}) => eqx.call("POST", rpPath(conn), { type: "DIRECT", directIpv4: { equinixIfaceIp: ip }, ...extra });
  const addBgp = (conn: string, peer = "10.20.0.2", extra: Record<string, unknown> = {}) => eqx.call("POST", rpPath(conn), { type: "BGP", bgpIpv4: { customerPeerIp: peer, enabled: true }, customerAsn: 45104, ...extra });

  describe("cloud routers", () => {
    it("POST: PROVISIONING, then PROVISIONED; Equinix's ASN; GET and search show it; the inventory lists it (seeded routers are not)", async () => {
      const r = await eqx.call("POST", "/fabric/v4/routers", routerBody({ name: "fcr-a", order: { purchaseOrderNumber: "PO-1", termLength: 12 } }));
      assert.equal(r.status, 200);
      assert.deepEqual([r.body.state, r.body.equinixAsn, r.body.package.code, r.body.order], ["PROVISIONING", 30000, "STANDARD", { purchaseOrderNumber: "PO-1", termLength: 12 }]);
      assert.equal((await eqx.call("GET", `/fabric/v4/routers/${r.body.uuid}`)).body.state, "PROVISIONING");
      pass(D.routerProvisioning);
      assert.equal((await eqx.call("GET", `/fabric/v4/routers/${r.body.uuid}`)).body.state, "PROVISIONED");
      const found = await eqx.call("POST", "/fabric/v4/routers/search", { filter: { and: [{ property: "/name", operator: "=", values: ["fcr-a"] }] } });
      assert.deepEqual(found.body.data.map((x: any) => x.uuid), [r.body.uuid]);
      const inv = sb.admin.inventory().equinix.cloudRouters as any[];
      assert.deepEqual(inv.map((x) => x.name), ["fcr-a"]);
    });

    it("bad bodies: every problem at once, Equinix's codes (name EQ-3040022, package EQ-3040028, account EQ-3040032), the field's pointer", async () => {
      const r = await eqx.call("POST", "/fabric/v4/routers", routerBody({ name: "x", package: { code: "GOLD" }, account: { accountNumber: 1 }, location: { metroCode: "ZZ" }, project: { projectId: "nope" }, notifications: [] }));
      assert.equal(r.status, 400);
      assert.deepEqual(codes(r.body).sort(), ["EQ-3040022", "EQ-3040028", "EQ-3040032", "EQ-3044011", "EQ-3044011", "EQ-3044011"]);
      const props = (r.body as any[]).map((e) => e.additionalInfo?.[0]?.property).sort();
      assert.deepEqual(props, ["/account/accountNumber", "/location/metroCode", "/name", "/notifications", "/package/code", "/project/projectId"]);
    });

    it("at most 3 LAB routers per organization (EQ-3040060)", async () => {
      for (let i = 0; i < 3; i++) assert.equal((await eqx.call("POST", "/fabric/v4/routers", routerBody({ name: `lab-${i}`, package: { code: "LAB" } }))).status, 200);
      const r = await eqx.call("POST", "/fabric/v4/routers", routerBody({ name: "lab-3", package: { code: "LAB" } }));
      assert.deepEqual([r.status, codes(r.body)], [400, ["EQ-3040060"]]);
      assert.match(r.body[0].details, /Only 3 Lab Fabric Cloud Routers allowed per Organization/);
    });

    it("a connection needs a PROVISIONED router; PATCH and DELETE refused while PROVISIONING (EQ-3040030)", async () => {
      const r = await eqx.call("POST", "/fabric/v4/routers", routerBody({ name: "fcr-b" }));
      const c = await eqx.create({ type: "IP_VC", name: "too-early", bandwidth: 50, notifications: [{ type: "ALL", emails: ["noc@example.com"] }], aSide: { accessPoint: { type: "CLOUD_ROUTER", router: { uuid: r.body.uuid } } }, zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: PRIVATE_PROFILE_UUID }, location: { metroCode: "SV" } } } });
      assert.equal(c.status, 400);
      assert.match(reasons(c.body), /is PROVISIONING; connections can be created from a PROVISIONED router only/);
      assert.deepEqual(codes((await eqx.call("PATCH", `/fabric/v4/routers/${r.body.uuid}`, [{ op: "replace", path: "/name", value: "fcr-b2" }], "application/json-patch+json")).body), ["EQ-3040030"]);
      assert.deepEqual(codes((await eqx.call("DELETE", `/fabric/v4/routers/${r.body.uuid}`)).body), ["EQ-3040030"]);
      pass(D.routerProvisioning);
      assert.equal((await eqx.call("DELETE", `/fabric/v4/routers/${r.body.uuid}`)).status, 204);
    });

    it("PATCH name, package, notifications, term: change REQUESTED then COMPLETED; an unknown path is refused", async () => {
      const r = await eqx.call("POST", "/fabric/v4/routers", routerBody({ name: "fcr-c" }));
      pass(D.routerProvisioning);
      const ops = [
        { op: "replace", path: "/name", value: "fcr-c2" },
        { op: "replace", path: "/package/code", value: "PREMIUM" },
        { op: "replace", path: "/notifications", value: [{ type: "ALL", emails: ["a@example.com"] }] },
        { op: "replace", path: "/order/termLength", value: 24 },
      ];
      const p = await eqx.call("PATCH", `/fabric/v4/routers/${r.body.uuid}`, ops, "application/json-patch+json");
      assert.equal(p.status, 200);
      assert.deepEqual([p.body.name, p.body.package.code, p.body.notifications[0].emails, p.body.order.termLength, p.body.change.status, p.body.change.type], ["fcr-c2", "PREMIUM", ["a@example.com"], 24, "REQUESTED", "ROUTER_UPDATE"]);
      assert.deepEqual(codes((await eqx.call("PATCH", `/fabric/v4/routers/${r.body.uuid}`, ops, "application/json-patch+json")).body), ["EQ-3040030"], "a change is running");
      pass(D.routerUpdate);
      assert.equal((await eqx.call("GET", `/fabric/v4/routers/${r.body.uuid}`)).body.change.status, "COMPLETED");
      const bad = await eqx.call("PATCH", `/fabric/v4/routers/${r.body.uuid}`, [{ op: "replace", path: "/location/metroCode", value: "HK" }], "application/json-patch+json");
      assert.deepEqual([bad.status, codes(bad.body)], [400, ["EQ-3044011"]]);
    });

    it("DELETE: refused while connections remain; then 204, DEPROVISIONING, DEPROVISIONED (still readable, out of search and inventory); again 404", async () => {
      const { router, conn } = await routerWithConnection("fcr-d");
      const refused = await eqx.call("DELETE", `/fabric/v4/routers/${router}`);
      assert.equal(refused.status, 400);
      assert.match(reasons(refused.body), new RegExp(`the router has 1 connection\\(s\\): ${conn}`));
      await eqx.del(conn);
      pass(D.deprovisioning);
      assert.equal((await eqx.call("DELETE", `/fabric/v4/routers/${router}`)).status, 204);
      assert.equal((await eqx.call("GET", `/fabric/v4/routers/${router}`)).body.state, "DEPROVISIONING");
      assert.deepEqual(codes((await eqx.call("DELETE", `/fabric/v4/routers/${router}`)).body), ["EQ-3040030"]);
      pass(D.routerDeprovisioning);
      const gone = await eqx.call("GET", `/fabric/v4/routers/${router}`);
      assert.deepEqual([gone.status, gone.body.state], [200, "DEPROVISIONED"]);
      assert.ok(gone.body.changeLog.deletedDateTime);
      assert.equal((await eqx.call("DELETE", `/fabric/v4/routers/${router}`)).status, 404);
      const found = await eqx.call("POST", "/fabric/v4/routers/search", { filter: { and: [{ property: "/uuid", operator: "=", values: [router] }] } });
      assert.deepEqual(found.body.data, []);
      assert.ok(!(sb.admin.inventory().equinix.cloudRouters as any[]).some((x) => x.uuid === router));
    });
  });

  describe("routing protocols", () => {
    it("DIRECT then BGP: BGP refused without a DIRECT (EQ-3041001) and while it provisions (EQ-3041012); then PROVISIONING -> PROVISIONED, Equinix's peer address derived", async () => {
      const { conn } = await routerWithConnection("rp-a");
      const early = await addBgp(conn);
      assert.deepEqual([early.status, codes(early.body)], [400, ["EQ-3041001"]]);
      assert.match(reasons(early.body), /a DIRECT routing protocol must exist on the connection before BGP/);
      const d = await addDirect(conn);
      assert.deepEqual([d.status, d.body.state, d.body.type, d.body.change.type], [202, "PROVISIONING", "DIRECT", "ROUTING_PROTOCOL_CREATION"]);
      const racing = await addBgp(conn);
      assert.deepEqual([racing.status, codes(racing.body)], [400, ["EQ-3041012"]]);
      assert.match(racing.body[0].details, /in the transient state/);
      pass(D.routingProvisioning);
      const b = await addBgp(conn, "10.20.0.2", { bgpAuthKey: "k3y", bfd: { enabled: true, interval: "300" } });
      assert.equal(b.status, 202, JSON.stringify(b.body));
      assert.deepEqual([b.body.bgpIpv4.equinixPeerIp, b.body.equinixAsn, b.body.customerAsn, b.body.bgpAuthKey, b.body.bfd], ["10.20.0.1", 30000, 45104, "k3y", { enabled: true, interval: "300" }]);
      pass(D.routingProvisioning);
      const list = await eqx.call("GET", rpPath(conn));
      assert.deepEqual([list.body.pagination.total, list.body.data.map((x: any) => `${x.type} ${x.state}`)], [2, ["DIRECT PROVISIONED", "BGP PROVISIONED"]]);
      assert.deepEqual(codes((await addDirect(conn, "10.20.9.1/30")).body), ["EQ-3041001"], "one DIRECT per connection");
    });

    it("validation: subnets (/28../30, host address, no overlap on one router), peer inside the DIRECT subnet, reserved ASNs, key length, BFD; each error names its field", async () => {
      const { conn } = await routerWithConnection("rp-b");
      const cases: Array<[Record<string, unknown>, string, RegExp]> = [
        [{ type: "DIRECT", directIpv4: { equinixIfaceIp: "10.30.0.1/24" } }, "/directIpv4/equinixIfaceIp", /\/30, \/29 or \/28/],
        [{ type: "DIRECT", directIpv4: { equinixIfaceIp: "10.30.0.0/30" } }, "/directIpv4/equinixIfaceIp", /network or broadcast/],
        [{ type: "DIRECT", directIpv4: { equinixIfaceIp: "10.30.0.1" } }, "/directIpv4/equinixIfaceIp", /with its prefix/],
        [{ type: "DIRECT", directIpv4: { equinixIfaceIp: "10.30.0.1/30" }, customerAsn: 1 }, "/customerAsn", /applies to BGP routing protocols only/],
        [{ type: "OSPF" }, "type", /one of the following \[DIRECT, BGP\]/],
        [{}, "$.type", /Type is mandatory field/],
      ];
      for (const [body, property, reason] of cases) {
        const r = await eqx.call("POST", rpPath(conn), body);
        assert.equal(r.status, 400, JSON.stringify(body));
        const hit = (r.body as any[]).find((e) => e.additionalInfo?.[0]?.property === property);
        assert.ok(hit, `${JSON.stringify(body)} -> ${JSON.stringify(r.body)}`);
        assert.match(hit.additionalInfo[0].reason, reason);
      }
      // rp-a's connection holds 10.20.0.1/30 on another router: no overlap across routers.
      assert.equal((await addDirect(conn, "10.20.0.1/30")).status, 202);
      pass(D.routingProvisioning);
      // Another connection of the same router: its subnet must not overlap.
      const router = (await eqx.get(conn)).body.aSide.accessPoint.router.uuid;
      const second = await eqx.create({ type: "IP_VC", name: "rp-b-2", bandwidth: 50, notifications: [{ type: "ALL", emails: ["noc@example.com"] }], aSide: { accessPoint: { type: "CLOUD_ROUTER", router: { uuid: router } } }, zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: PRIVATE_PROFILE_UUID }, location: { metroCode: "SV" } } } });
      pass(D.autoApproval + D.provisioning);
      const overlap = await addDirect(second.body.uuid, "10.20.0.1/29");
      assert.deepEqual([overlap.status, overlap.body[0].additionalInfo[0].property], [400, "/directIpv4/equinixIfaceIp"]);
      assert.match(overlap.body[0].additionalInfo[0].reason, new RegExp(`overlaps 10\\.20\\.0\\.1/30 of connection ${conn} on the same Fabric Cloud Router`));
      assert.equal((await addDirect(second.body.uuid, "10.20.0.5/30")).status, 202, "the next /30 is free");
      const bgpCases: Array<[Record<string, unknown>, string, RegExp]> = [
        [{ bgpIpv4: { customerPeerIp: "10.20.1.2", enabled: true } }, "/bgpIpv4/customerPeerIp", /must be a host of the DIRECT subnet 10\.20\.0\.1\/30/],
        [{ bgpIpv4: { customerPeerIp: "10.20.0.1", enabled: true } }, "/bgpIpv4/customerPeerIp", /other than Equinix's interface address/],
        [{ bgpIpv6: { customerPeerIp: "2001:db8::2", enabled: true }, bgpIpv4: undefined }, "/bgpIpv6/customerPeerIp", /has no IPv6 subnet/],
        [{ customerAsn: 23456 }, "/customerAsn", /ASN 23456 is reserved/],
        [{ customerAsn: undefined }, "/customerAsn", /customerAsn is mandatory/],
        [{ bgpAuthKey: "k".repeat(81) }, "/bgpAuthKey", /1 to 80 printable ASCII/],
        [{ bfd: { enabled: true, interval: "20" } }, "/bfd/interval", /100 to 30000 milliseconds/],
      ];
      for (const [extra, property, reason] of bgpCases) {
        const r = await addBgp(conn, "10.20.0.2", extra);
        assert.equal(r.status, 400, JSON.stringify(extra));
        const hit = (r.body as any[]).find((e) => e.additionalInfo?.[0]?.property === property);
        assert.ok(hit, `${JSON.stringify(extra)} -> ${JSON.stringify(r.body)}`);
        assert.match(hit.additionalInfo[0].reason, reason);
      }
    });

    it("PUT replaces in place (REPROVISIONING -> PROVISIONED), keeping the type; a DIRECT cannot leave its BGP's peer outside; PATCH toggles a family", async () => {
      const { conn } = await routerWithConnection("rp-c");
      const d = await addDirect(conn, "10.40.0.1/30");
      pass(D.routingProvisioning);
      const b = await addBgp(conn, "10.40.0.2");
      pass(D.routingProvisioning);
      const put = await eqx.call("PUT", rpPath(conn, b.body.uuid), { type: "BGP", bgpIpv4: { customerPeerIp: "10.40.0.2", enabled: true }, customerAsn: 65010, bgpAuthKey: "new" });
      assert.deepEqual([put.status, put.body.state, put.body.change.type, put.body.customerAsn], [202, "REPROVISIONING", "ROUTING_PROTOCOL_UPDATE", 65010]);
      assert.deepEqual(codes((await eqx.call("PUT", rpPath(conn, b.body.uuid), { type: "BGP", bgpIpv4: { customerPeerIp: "10.40.0.2", enabled: true }, customerAsn: 65010 })).body), ["EQ-3041012"]);
      pass(D.routingUpdate);
      assert.equal((await eqx.call("GET", rpPath(conn, b.body.uuid))).body.state, "PROVISIONED");
      assert.match(reasons((await eqx.call("PUT", rpPath(conn, b.body.uuid), { type: "DIRECT", directIpv4: { equinixIfaceIp: "10.40.0.1/30" } })).body), /cannot become DIRECT/);
      const away = await eqx.call("PUT", rpPath(conn, d.body.uuid), { type: "DIRECT", directIpv4: { equinixIfaceIp: "10.41.0.1/30" } });
      assert.match(reasons(away.body), /peers with 10\.40\.0\.2, which must stay inside this subnet/);
      const p = await eqx.call("PATCH", rpPath(conn, b.body.uuid), [{ op: "replace", path: "/bgpIpv4/enabled", value: false }], "application/json-patch+json");
      assert.deepEqual([p.status, p.body.bgpIpv4.enabled, p.body.bgpIpv4.operation.operationalStatus], [202, false, "DOWN"]);
    });

    it("DELETE: a DIRECT before its BGP is refused (EQ-3041016); BGP then DIRECT, DEPROVISIONING -> DEPROVISIONED; a protocol goes with its connection", async () => {
      const { conn } = await routerWithConnection("rp-d");
      const d = await addDirect(conn, "10.50.0.1/30");
      pass(D.routingProvisioning);
      const b = await addBgp(conn, "10.50.0.2");
      pass(D.routingProvisioning);
      const refused = await eqx.call("DELETE", rpPath(conn, d.body.uuid));
      assert.deepEqual([refused.status, codes(refused.body)], [400, ["EQ-3041016"]]);
      assert.match(refused.body[0].details, /BGP routing protocol should be deleted before deleting the DIRECT/);
      const delB = await eqx.call("DELETE", rpPath(conn, b.body.uuid));
      assert.deepEqual([delB.status, delB.body.state, delB.body.change.type], [202, "DEPROVISIONING", "ROUTING_PROTOCOL_DELETION"]);
      assert.deepEqual(codes((await eqx.call("DELETE", rpPath(conn, d.body.uuid))).body), ["EQ-3041012"], "nothing while the BGP deprovisions");
      pass(D.routingDeprovisioning);
      assert.equal((await eqx.call("GET", rpPath(conn, b.body.uuid))).body.state, "DEPROVISIONED");
      assert.equal((await eqx.call("DELETE", rpPath(conn, b.body.uuid))).status, 404);
      // The DIRECT goes with its connection.
      await eqx.del(conn);
      pass(D.deprovisioning);
      assert.equal((await eqx.call("GET", rpPath(conn, d.body.uuid))).body.state, "DEPROVISIONED");
      assert.ok(!(sb.admin.inventory().equinix.routingProtocols as any[]).some((x) => x.connection.uuid === conn));
      assert.equal((await eqx.call("GET", rpPath(conn))).status, 404);
    });

    it("routing protocols only on a cloud router's connection; unknown connection 404 EQ-3041120", async () => {
      const c = await eqx.create({ type: "EVPL_VC", name: "port-conn", bandwidth: 50, notifications: [{ type: "ALL", emails: ["noc@example.com"] }], aSide: { accessPoint: { type: "COLO", port: { uuid: sb.equinix.ports[0].uuid }, linkProtocol: { type: "DOT1Q", vlanTag: 3001 } } }, zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: PRIVATE_PROFILE_UUID }, location: { metroCode: sb.equinix.ports[0].metroCode } } } });
      pass(D.autoApproval + D.provisioning);
      const r = await addDirect(c.body.uuid, "10.60.0.1/30");
      assert.deepEqual([r.status, codes(r.body)], [400, ["EQ-3041001"]]);
      assert.match(reasons(r.body), /Fabric Cloud Router only/);
      assert.deepEqual(codes((await addDirect("00000000-0000-4000-8000-000000000000")).body), ["EQ-3041120"]);
    });
  });

  describe("the BGP session's Fabric end", () => {
    it("bgpEnd: addresses, ASNs, key, BFD; ready only once the seller accepted; exists until the BGP is deleted", async () => {
      const { router, conn } = await routerWithConnection("end-a", true);
      assert.deepEqual(sb.admin.equinix.bgpEnd(conn).exists, false);
      await addDirect(conn, "10.70.0.1/30", { directIpv6: { equinixIfaceIp: "2001:db8:70::1/126" } });
      pass(D.routingProvisioning);
      await addBgp(conn, "10.70.0.2", { bgpIpv6: { customerPeerIp: "2001:db8:70::2", enabled: false }, bgpAuthKey: "md5", bfd: { enabled: true } });
      pass(D.routingProvisioning);
      const end = sb.admin.equinix.bgpEnd(conn);
      assert.deepEqual(
        { exists: end.exists, state: end.state, ready: end.connectionReady, status: end.connectionStatus, router: end.routerUuid, equinixAsn: end.equinixAsn, customerAsn: end.customerAsn, md5: end.md5Key, ipv4: end.ipv4, ipv6: end.ipv6, bfd: end.bfd },
        {
          exists: true,
          state: "PROVISIONED",
          ready: false,
          status: "PROVISIONED/PENDING_APPROVAL",
          router,
          equinixAsn: 30000,
          customerAsn: 45104,
          md5: "md5",
          ipv4: { equinixIp: "10.70.0.1", prefixLength: 30, subnet: "10.70.0.1/30", customerPeerIp: "10.70.0.2", enabled: true },
          ipv6: { equinixIp: "2001:db8:70::1", prefixLength: 126, subnet: "2001:db8:70::1/126", customerPeerIp: "2001:db8:70::2", enabled: false },
          bfd: { enabled: true, intervalMs: 100 },
        },
      );
      sb.admin.equinix.providerAccept(conn);
      pass(D.providerProvisioning);
      assert.deepEqual([sb.admin.equinix.bgpEnd(conn).connectionReady, sb.admin.equinix.bgpEnd(conn).connectionStatus], [true, "PROVISIONED/PROVISIONED"]);
      const http = await raw(sb.url, "GET", `/_sandbox/equinix/connections/${conn}/bgp`);
      assert.equal(http.body.md5Key, "md5");
    });

    it("operationalStatus: UNKNOWN without a far end; what the session computation says once it is set; DOWN for a disabled family", async () => {
      const { conn } = await routerWithConnection("end-b");
      await addDirect(conn, "10.80.0.1/30");
      pass(D.routingProvisioning);
      const b = await addBgp(conn, "10.80.0.2");
      pass(D.routingProvisioning);
      const status = async () => (await eqx.call("GET", rpPath(conn, b.body.uuid))).body.bgpIpv4.operation;
      assert.equal((await status()).operationalStatus, "UNKNOWN");
      const routing = sb.world.equinix.routing;
      const since = sb.admin.clock.now() - 1000;
      routing.sessionProbe = (end, family) => (end.connectionUuid === conn && family === "ipv4" ? { up: end.customerAsn === 45104, since } : undefined);
      try {
        assert.deepEqual(await status(), { operationalStatus: "UP", opStatusChangedAt: new Date(since).toISOString() });
        sb.admin.equinix.updateRoutingProtocol(b.body.uuid, { customerAsn: 65010 });
        assert.equal((await status()).operationalStatus, "DOWN");
        sb.admin.equinix.updateRoutingProtocol(b.body.uuid, { customerAsn: 45104, enabledIpv4: false });
        assert.equal((await status()).operationalStatus, "DOWN", "a disabled family is down whatever the far end");
      } finally {
        routing.sessionProbe = undefined;
      }
    });
  });

  describe("admin", () => {
    it("over HTTP: read, portal edit and delete of protocols and routers, stalls; bad input names the field; unknown uuids 404", async () => {
      const { router, conn } = await routerWithConnection("adm-a");
      const d = await addDirect(conn, "10.90.0.1/30");
      pass(D.routingProvisioning);
      const b = await addBgp(conn, "10.90.0.2");
      pass(D.routingProvisioning);
      assert.equal((await raw(sb.url, "GET", `/_sandbox/equinix/routingProtocols/${b.body.uuid}`)).body.customerAsn, 45104);
      assert.equal((await raw(sb.url, "POST", `/_sandbox/equinix/routingProtocols/${b.body.uuid}/update`, { bgpAuthKey: "portal-key", customerAsn: 65099 })).status, 200);
      const seen = (await eqx.call("GET", rpPath(conn, b.body.uuid))).body;
      assert.deepEqual([seen.bgpAuthKey, seen.customerAsn, seen.state, seen.changelog.updatedBy], ["portal-key", 65099, "PROVISIONED", "portal-user"]);
      const bad = await raw(sb.url, "POST", `/_sandbox/equinix/routingProtocols/${b.body.uuid}/update`, { customerAsn: 64600 });
      assert.deepEqual([bad.status, bad.body.error], [400, "ASN 64600 is reserved (64600) and cannot be used with a Fabric Cloud Router"]);
      assert.match((await raw(sb.url, "POST", `/_sandbox/equinix/routingProtocols/${d.body.uuid}/delete`)).body.error, /EQ-3041016/);
      assert.equal((await raw(sb.url, "POST", `/_sandbox/equinix/routingProtocols/${b.body.uuid}/delete`)).status, 200);
      assert.equal((await eqx.call("GET", rpPath(conn, b.body.uuid))).body.state, "DEPROVISIONED", "a portal delete is immediate");
      assert.equal((await raw(sb.url, "GET", "/_sandbox/equinix/routingProtocols/00000000-0000-4000-8000-000000000000")).status, 404);
      assert.equal((await raw(sb.url, "POST", `/_sandbox/equinix/cloudRouters/${router}/update`, { name: "adm-renamed" })).status, 200);
      assert.equal((await eqx.call("GET", `/fabric/v4/routers/${router}`)).body.name, "adm-renamed");
      assert.match((await raw(sb.url, "POST", `/_sandbox/equinix/cloudRouters/${router}/delete`)).body.error, /Delete the Fabric Cloud Router's connections|connection\(s\)/);
      assert.equal((await raw(sb.url, "POST", "/_sandbox/equinix/routing/stallNext", { what: "routers" })).status, 200);
      const stuck = await eqx.call("POST", "/fabric/v4/routers", routerBody({ name: "stuck" }));
      pass(D.routerProvisioning * 10);
      assert.equal((await eqx.call("GET", `/fabric/v4/routers/${stuck.body.uuid}`)).body.state, "PROVISIONING");
      assert.equal((await raw(sb.url, "POST", "/_sandbox/equinix/routing/stallNext", { what: "ports" })).status, 400);
      const listed = (await raw(sb.url, "GET", "/_sandbox")).body.routes.map((x: any) => `${x.method} ${x.path}`);
      for (const r of ["GET /_sandbox/equinix/routingProtocols/:uuid", "POST /_sandbox/equinix/routingProtocols/:uuid/update", "POST /_sandbox/equinix/cloudRouters/:uuid/delete", "GET /_sandbox/equinix/connections/:uuid/bgp"]) assert.ok(listed.includes(r), r);
    });
  });
});

describe("sandbox: routers and routing protocols in the state file", function () {
  this.timeout(30_000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), "sandbox-routing-state-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a restart keeps API routers (with their pending transition), routing protocols and their states", async () => {
    const file = path.join(dir, "world.json");
    let sb = await startSandbox({ port: 0, timeScale: SCALE, state: file });
    try {
      const eqx = new Eqx(sb);
      await eqx.login();
      const r = await eqx.call("POST", "/fabric/v4/routers", { type: "XF_ROUTER", name: "kept", location: { metroCode: "SV" }, package: { code: "STANDARD" }, project: { projectId: sb.equinix.projectId }, notifications: [{ type: "ALL", emails: ["noc@example.com"] }] });
      sb.admin.clock.advance(D.routerProvisioning * SCALE);
      const c = await eqx.create({ type: "IP_VC", name: "kept-c", bandwidth: 50, notifications: [{ type: "ALL", emails: ["noc@example.com"] }], aSide: { accessPoint: { type: "CLOUD_ROUTER", router: { uuid: r.body.uuid } } }, zSide: { accessPoint: { type: "SP", profile: { type: "L2_PROFILE", uuid: PRIVATE_PROFILE_UUID }, location: { metroCode: "SV" } } } });
      sb.admin.clock.advance((D.autoApproval + D.provisioning) * SCALE);
      const d = await eqx.call("POST", `/fabric/v4/connections/${c.body.uuid}/routingProtocols`, { type: "DIRECT", directIpv4: { equinixIfaceIp: "10.99.0.1/30" } });
      const before = sb.admin.inventory().equinix;
      await sb.stop();
      sb = await startSandbox({ port: 0, timeScale: SCALE, state: file });
      const after = sb.admin.inventory().equinix;
      const brief = (list: unknown[]) => (list as any[]).map((x) => `${x.uuid} ${x.name} ${x.state} ${x.package?.code ?? x.type} ${x.connectionsCount ?? x.connection?.uuid}`);
      assert.deepEqual(brief(after.cloudRouters), brief(before.cloudRouters));
      assert.deepEqual(brief(after.routingProtocols), brief(before.routingProtocols));
      assert.equal(brief(after.cloudRouters).length, 1);
      assert.equal((sb.admin.equinix.routingProtocol(d.body.uuid) as any).state, "PROVISIONING");
      sb.admin.clock.advance(D.routingProvisioning * SCALE);
      assert.equal((sb.admin.equinix.routingProtocol(d.body.uuid) as any).state, "PROVISIONED", "the pending transition survived");
    } finally {
      await sb.stop();
    }
  });
});
