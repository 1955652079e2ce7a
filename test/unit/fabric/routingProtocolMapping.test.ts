import assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/core/validation";
import { routingProtocolLifecycle } from "../../../provider/fabric/routingProtocolLifecycle";
import {
  buildProtocolRequest,
  isProtocolGone,
  parseProtocolId,
  peerSubnetIssues,
  protocolOutputs,
  protocolVerdict,
  readBackProtocolInputs,
  RoutingProtocolInputs,
} from "../../../provider/fabric/routingProtocolMapping";

const CONN = "c0000000-0000-4000-8000-000000000001";
const DIRECT_UUID = "d0000000-0000-4000-8000-000000000001";

const direct = (over: Record<string, unknown> = {}) => ({ connectionUuid: CONN, type: "DIRECT", directIpv4: { equinixIfaceIp: "10.10.1.1/30" }, ...over });
const bgp = (over: Record<string, unknown> = {}) => ({
  connectionUuid: CONN,
  type: "BGP",
  directRoutingProtocolUuid: DIRECT_UUID,
  bgpIpv4: { customerPeerIp: "10.10.1.2" },
  customerAsn: 45104,
  authenticationKey: "md5-secret",
  bfd: { enabled: true },
  ...over,
});
type Outcome = { failures: Array<{ property: string; reason: string }>; inputs: Record<string, unknown> };
const check = (news: Record<string, unknown>) => routingProtocolLifecycle.check({}, news) as Outcome;
const reason = (news: Record<string, unknown>, property: string) => check(news).failures.find((f) => f.property === property)?.reason;

describe("fabric/RoutingProtocol: check, request, diff, read-back", () => {
  it("valid DIRECT (IPv4, IPv6, both) and BGP arguments pass; defaults are filled in", () => {
    assert.deepEqual(check(direct()).failures, []);
    assert.deepEqual(check(direct({ directIpv4: undefined, directIpv6: { equinixIfaceIp: "2001:db8:c59b::1/126" } })).failures, []);
    assert.deepEqual(check(direct({ directIpv6: { equinixIfaceIp: "2001:db8::1/64" } })).failures, []);
    const b = check(bgp());
    assert.deepEqual(b.failures, []);
    assert.deepEqual(b.inputs.bgpIpv4, { customerPeerIp: "10.10.1.2", enabled: true });
    assert.deepEqual(b.inputs.bfd, { enabled: true, interval: 100 });
  });

  it("a BGP without its DIRECT is refused before anything is sent, saying how Pulumi orders them", () => {
    assert.match(reason(bgp({ directRoutingProtocolUuid: undefined }), "directRoutingProtocolUuid")!, /is required for a BGP routing protocol: pass the DIRECT routing protocol's uuid \(e\.g\. `direct\.uuid`\).*creates the DIRECT first and deletes the BGP first/);
  });

  it("DIRECT addresses: an interface address with a /28../30 (IPv4) or /64../127 (IPv6) prefix, not the network or broadcast address", () => {
    assert.match(reason(direct({ directIpv4: { equinixIfaceIp: "10.10.1.1" } }), "directIpv4.equinixIfaceIp")!, /IPv4 interface address with its prefix length, such as 192\.168\.100\.1\/30 \(got "10\.10\.1\.1"\)/);
    assert.match(reason(direct({ directIpv4: { equinixIfaceIp: "10.10.1.1/24" } }), "directIpv4.equinixIfaceIp")!, /must be a \/30, \/29 or \/28 \(got \/24;/);
    assert.match(reason(direct({ directIpv4: { equinixIfaceIp: "10.10.1.0/30" } }), "directIpv4.equinixIfaceIp")!, /network or broadcast address of its \/30/);
    assert.match(reason(direct({ directIpv4: { equinixIfaceIp: "10.10.1.3/30" } }), "directIpv4.equinixIfaceIp")!, /network or broadcast/);
    assert.match(reason(direct({ directIpv4: { equinixIfaceIp: "2001:db8::1/126" } }), "directIpv4.equinixIfaceIp")!, /IPv4 interface address/);
    assert.match(reason(direct({ directIpv6: { equinixIfaceIp: "2001:db8::1/48" } }), "directIpv6.equinixIfaceIp")!, /\/64 to \/127 \(got \/48\)/);
    assert.match(reason(direct({ directIpv4: undefined }), "directIpv4")!, /needs directIpv4 and\/or directIpv6/);
  });

  it("BGP fields: peer addresses without prefix, ASN outside the reserved ranges, MD5 key length and charset, BFD interval", () => {
    assert.match(reason(bgp({ bgpIpv4: { customerPeerIp: "10.10.1.2/30" } }), "bgpIpv4.customerPeerIp")!, /IPv4 host address without a prefix length/);
    assert.match(reason(bgp({ bgpIpv6: { customerPeerIp: "10.10.1.2" } }), "bgpIpv6.customerPeerIp")!, /IPv6 host address/);
    assert.match(reason(bgp({ customerAsn: undefined }), "customerAsn")!, /is required for a BGP routing protocol: the ASN of the far end \(Alibaba Cloud: 45104\)/);
    assert.match(reason(bgp({ customerAsn: 0 }), "customerAsn")!, /must be 1 to 4294967294 \(got 0\)/);
    assert.match(reason(bgp({ customerAsn: 23456 }), "customerAsn")!, /ASN 23456 is AS_TRANS \(RFC 6793\) and Fabric Cloud Routers refuse it/);
    assert.match(reason(bgp({ customerAsn: 64500 }), "customerAsn")!, /reserved for documentation.*64496-64511/);
    assert.match(reason(bgp({ customerAsn: 64600 }), "customerAsn")!, /reserved by Equinix/);
    assert.match(reason(bgp({ customerAsn: 65000.5 }), "customerAsn")!, /whole number/);
    assert.match(reason(bgp({ authenticationKey: "x".repeat(81) }), "authenticationKey")!, /1 to 80 characters \(Equinix: Fabric Cloud Router MD5 keys are up to 80 ASCII characters\)/);
    assert.match(reason(bgp({ authenticationKey: "clé" }), "authenticationKey")!, /printable ASCII/);
    assert.match(reason(bgp({ bfd: { enabled: true, interval: 50 } }), "bfd.interval")!, /must be 100 to 30000 milliseconds/);
    assert.match(reason(bgp({ bgpIpv4: undefined }), "bgpIpv4")!, /needs bgpIpv4 and\/or bgpIpv6/);
  });

  it("fields of the other type are refused, naming the type they belong to", () => {
    assert.match(reason(direct({ customerAsn: 45104 }), "customerAsn")!, /applies to a BGP routing protocol only/);
    assert.match(reason(direct({ authenticationKey: "k" }), "authenticationKey")!, /applies to a BGP routing protocol only/);
    assert.match(reason(bgp({ directIpv4: { equinixIfaceIp: "10.10.1.1/30" } }), "directIpv4")!, /applies to a DIRECT routing protocol only/);
    assert.match(reason(bgp({ type: "OSPF" }), "type")!, /must be one of DIRECT, BGP/);
  });

  it("preview unknowns are not failures", () => {
    assert.deepEqual(check(bgp({ connectionUuid: UNKNOWN, directRoutingProtocolUuid: UNKNOWN, bgpIpv4: UNKNOWN })).failures, []);
  });

  it("the request is a RoutingProtocolBase: DIRECT interface addresses; BGP peers with enabled, customerAsn, bgpAuthKey, BFD with a string interval", () => {
    assert.deepEqual(buildProtocolRequest(RoutingProtocolInputs.parse(direct({ name: "direct-1" }))), { type: "DIRECT", name: "direct-1", directIpv4: { equinixIfaceIp: "10.10.1.1/30" } });
    assert.deepEqual(buildProtocolRequest(RoutingProtocolInputs.parse(bgp())), {
      type: "BGP",
      bgpIpv4: { customerPeerIp: "10.10.1.2", enabled: true },
      customerAsn: 45104,
      bgpAuthKey: "md5-secret",
      bfd: { enabled: true, interval: "100" },
    });
  });

  it("diff: addresses, ASN, key, BFD and name change in place; connection, type and the DIRECT replace, deleting first on the same connection", async () => {
    const olds = { ...RoutingProtocolInputs.parse(bgp()), uuid: "u", state: "PROVISIONED", bgpIpv4Status: "UP" };
    for (const change of [{ customerAsn: 65010 }, { authenticationKey: "other" }, { bgpIpv4: { customerPeerIp: "10.10.1.2", enabled: false } }, { bfd: { enabled: false } }, { name: "n" }]) {
      const d = await routingProtocolLifecycle.diff("x", olds, check(bgp(change)).inputs);
      assert.deepEqual([d.changes, d.replaces], [true, []], JSON.stringify(change));
    }
    const sameConn = await routingProtocolLifecycle.diff("x", olds, check(bgp({ directRoutingProtocolUuid: "d2" })).inputs);
    assert.deepEqual([sameConn.replaces, sameConn.deleteBeforeReplace], [["directRoutingProtocolUuid"], true]);
    const otherConn = await routingProtocolLifecycle.diff("x", olds, check(bgp({ connectionUuid: "c2", directRoutingProtocolUuid: "d2" })).inputs);
    assert.deepEqual([otherConn.replaces.sort(), otherConn.deleteBeforeReplace], [["connectionUuid", "directRoutingProtocolUuid"], false]);
    const unknown = await routingProtocolLifecycle.diff("x", olds, { ...check(bgp()).inputs, directRoutingProtocolUuid: UNKNOWN });
    assert.deepEqual(unknown.replaces, ["directRoutingProtocolUuid"], "a DIRECT being replaced (preview) replaces the BGP");
    const nothing = await routingProtocolLifecycle.diff("x", { ...olds, __provider: "V1" }, { ...check(bgp({ timeouts: { create: "1h" } })).inputs, __provider: "V2" });
    assert.equal(nothing.changes, false);
  });

  it("peer addresses must sit in the DIRECT subnet, other than Equinix's address, checked against the DIRECT read at create", () => {
    const d = { uuid: DIRECT_UUID, type: "DIRECT", directIpv4: { equinixIfaceIp: "10.10.1.1/30" } };
    assert.deepEqual(peerSubnetIssues(RoutingProtocolInputs.parse(bgp()), d), []);
    assert.deepEqual(peerSubnetIssues(RoutingProtocolInputs.parse(bgp({ bgpIpv4: { customerPeerIp: "10.10.2.2" } })), d), [
      ["bgpIpv4.customerPeerIp", "10.10.2.2 must be a host of the DIRECT subnet 10.10.1.1/30 other than Equinix's interface address 10.10.1.1"],
    ]);
    assert.match(peerSubnetIssues(RoutingProtocolInputs.parse(bgp({ bgpIpv4: { customerPeerIp: "10.10.1.1" } })), d)[0][1], /other than Equinix's interface address/);
    assert.match(peerSubnetIssues(RoutingProtocolInputs.parse(bgp({ bgpIpv6: { customerPeerIp: "2001:db8::2" } })), d)[0][1], /has no IPv6 subnet: add directIpv6 to it first/);
  });

  it("read-back: Fabric's values replace the program's (drift); a generated name and the DIRECT dependency stay as written", () => {
    const old = RoutingProtocolInputs.parse(bgp());
    const back = readBackProtocolInputs(
      { uuid: "u", type: "BGP", name: "bgp-generated", bgpIpv4: { customerPeerIp: "10.10.1.2", equinixPeerIp: "10.10.1.1", enabled: true }, customerAsn: 65010, bgpAuthKey: "changed", bfd: { enabled: true, interval: "300" }, connection: { uuid: CONN } },
      old,
    );
    assert.deepEqual(back, { connectionUuid: CONN, type: "BGP", directRoutingProtocolUuid: DIRECT_UUID, bgpIpv4: { customerPeerIp: "10.10.1.2", enabled: true }, customerAsn: 65010, authenticationKey: "changed", bfd: { enabled: true, interval: 300 } });
    // A key Fabric withholds keeps the program's.
    assert.equal(readBackProtocolInputs({ uuid: "u", type: "BGP", bgpIpv4: { customerPeerIp: "10.10.1.2" }, customerAsn: 45104 }, old).authenticationKey, "md5-secret");
  });

  it("outputs: Equinix's peer address and ASN, the session's state per family ('' without the family)", () => {
    const o = protocolOutputs(
      { uuid: "u", href: "h", state: "PROVISIONED", type: "BGP", bgpIpv4: { customerPeerIp: "10.10.1.2", equinixPeerIp: "10.10.1.1", enabled: true, operation: { operationalStatus: "UP" } }, customerAsn: 45104, equinixAsn: 30000 },
      RoutingProtocolInputs.parse(bgp()),
    );
    assert.deepEqual([o.equinixPeerIpv4, o.equinixAsn, o.bgpIpv4Status, o.bgpIpv6Status, o.state], ["10.10.1.1", 30000, "UP", "", "PROVISIONED"]);
  });

  it("verdicts: PROVISIONED done; FAILED and DEPROVISIONING fail with Fabric's errors; anything else waits", () => {
    assert.deepEqual(protocolVerdict({ uuid: "u", state: "PROVISIONED" }), { done: true });
    assert.deepEqual(protocolVerdict({ uuid: "u", state: "REPROVISIONING" }), { done: false, state: "REPROVISIONING" });
    const f = protocolVerdict({ uuid: "u", state: "FAILED", operation: { errors: [{ errorCode: "EQ-3041022", errorMessage: "no subnet" }] } });
    assert.ok("failed" in f && /FAILED: EQ-3041022 no subnet/.test(f.failed));
  });

  it("gone: not found (the protocol or its connection), DEPROVISIONING or DEPROVISIONED", () => {
    assert.equal(isProtocolGone(undefined), true);
    for (const state of ["DEPROVISIONED", "DEPROVISIONING"]) assert.equal(isProtocolGone({ uuid: "u", state }), true, state);
    for (const state of ["PROVISIONED", "PROVISIONING", "REPROVISIONING", "FAILED"]) assert.equal(isProtocolGone({ uuid: "u", state }), false, state);
  });

  it("ids: <connection>/<protocol>, or the protocol alone with the connection from the inputs", () => {
    assert.deepEqual(parseProtocolId(`${CONN}/${DIRECT_UUID}`), { connectionUuid: CONN, uuid: DIRECT_UUID });
    assert.deepEqual(parseProtocolId(DIRECT_UUID, CONN), { connectionUuid: CONN, uuid: DIRECT_UUID });
    assert.throws(() => parseProtocolId(DIRECT_UUID), /must be "<connection uuid>\/<routing protocol uuid>"/);
  });
});
