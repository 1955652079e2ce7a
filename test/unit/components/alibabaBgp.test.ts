import assert from "node:assert/strict";
import { renderIosXe, validateAlibabaInterconnect, type AlibabaInterconnectArgs } from "../../../components/alibabaInterconnect";
import { peeringOf, prefixOf } from "../../../components/alibabaInterconnect/args";
import { portVlans } from "../../../components/alibabaInterconnect/bgp";

// Issue 13: AlibabaInterconnect's cloudRouter and bgp blocks and the peeringSubnet of a handover, checked
// before anything is created (each message naming the field, the problem and the rule), and the router
// configuration rendered for a port A side.

const PORT = (uuid: string, vlanTag: number) => ({ port: { uuid, type: "DOT1Q" as const, vlanTag } });

/** What every pair below shares: account, metro, region, bandwidth, notifications. */
const BASE = { alibabaAccountId: "5123456789012345", metroCode: "SV", region: "us-west-1", bandwidth: 200, notifications: ["noc@example.com"] };

/** A redundant pair from a cloud router the component creates, with BGP on both handovers. */
function viaRouter(over: Partial<AlibabaInterconnectArgs> = {}): AlibabaInterconnectArgs {
  return {
    ...BASE,
    cloudRouter: { packageCode: "STANDARD", projectId: "project-1" },
    primary: { peeringSubnet: "169.254.10.0/30" },
    secondary: { peeringSubnet: "169.254.10.4/30" },
    bgp: { primary: { authKey: "key-primary-1" }, secondary: { authKey: "key-secondary-2" } },
    ...over,
  };
}

/** A redundant pair from two ports, BGP to your router. */
function viaPorts(over: Partial<AlibabaInterconnectArgs> = {}): AlibabaInterconnectArgs {
  return {
    ...BASE,
    primary: { aSide: PORT("p1", 774), localGatewayIp: "10.10.1.1", peerGatewayIp: "10.10.1.2", peeringSubnetMask: "255.255.255.252" },
    secondary: { aSide: PORT("p2", 775), peeringSubnet: "10.10.1.4/30" },
    bgp: { customerAsn: 65010, primary: { authKey: "key-primary-1" }, secondary: { authKey: "key-secondary-2" } },
    ...over,
  };
}

const errorsOf = (args: AlibabaInterconnectArgs) => validateAlibabaInterconnect(args, "ali");

describe("components: AlibabaInterconnect bgp, cloudRouter and peeringSubnet", () => {
  it("valid blocks give no errors (cloud router created, existing routers, ports)", () => {
    assert.deepEqual(errorsOf(viaRouter()), []);
    assert.deepEqual(errorsOf(viaRouter({ cloudRouter: undefined, primary: { aSide: { cloudRouter: { uuid: "r1" } }, peeringSubnet: "169.254.10.0/30" }, secondary: { aSide: { cloudRouter: { uuid: "r2" } }, peeringSubnet: "169.254.10.4/30" } })), []);
    assert.deepEqual(errorsOf(viaPorts()), []);
    assert.deepEqual(errorsOf(viaRouter({ bgp: { primary: { authKey: "k1" }, secondary: { authKey: "k2" }, alibabaAsn: 64700, enableBfd: true, sessionTimeout: "15m" } })), []);
    // Ports on the ECX v3 API: Alibaba's side of BGP too.
    const v3 = (uuid: string, vlanSTag: number) => ({ port: { uuid, type: "DOT1Q" as const, vlanSTag } });
    assert.deepEqual(errorsOf(viaPorts({ fabricApi: "v3", primary: { aSide: v3("p1", 774), peeringSubnet: "10.10.1.0/30" }, secondary: { aSide: v3("p2", 775), peeringSubnet: "10.10.1.4/30" } })), []);
  });

  it("peeringSubnet gives Alibaba the first host and the far end the second", () => {
    assert.deepEqual(peeringOf({ peeringSubnet: "169.254.10.4/30" }), { localGatewayIp: "169.254.10.5", peerGatewayIp: "169.254.10.6", peeringSubnetMask: "255.255.255.252" });
    assert.deepEqual(peeringOf({ peeringSubnet: "10.0.0.0/24" }), { localGatewayIp: "10.0.0.1", peerGatewayIp: "10.0.0.2", peeringSubnetMask: "255.255.255.0" });
    assert.deepEqual([prefixOf("255.255.255.252"), prefixOf("255.255.255.0"), prefixOf("255.0.255.0"), prefixOf("x")], [30, 24, undefined, undefined]);
  });

  it("a bad peeringSubnet names the field, the problem and the rule", () => {
    const e = (subnet: string) => errorsOf(viaPorts({ secondary: { aSide: PORT("p2", 775), peeringSubnet: subnet } })).join("\n");
    assert.match(e("10.10.1/30"), /secondary\.peeringSubnet must be an IPv4 subnet in CIDR form such as "169\.254\.10\.0\/30" \(got "10\.10\.1\/30"\)/);
    assert.match(e("10.10.1.4/31"), /secondary\.peeringSubnet must be a \/24 to \/30 \(Alibaba: a VBR's peering subnet mask is 24 to 30 bits; got \/31\)/);
    assert.match(e("10.10.1.5/30"), /secondary\.peeringSubnet must be the subnet's network address \(its host bits zero\), e\.g\. "10\.10\.1\.4\/30" \(got 10\.10\.1\.5\/30\)/);
    const both = errorsOf(viaPorts({ secondary: { aSide: PORT("p2", 775), peeringSubnet: "10.10.1.4/30", localGatewayIp: "10.10.1.5" } })).join("\n");
    assert.match(both, /secondary\.peeringSubnet conflicts with secondary\.localGatewayIp: give the subnet .* or the three addresses, not both/);
    assert.match(errorsOf(viaPorts({ secondary: { aSide: PORT("p2", 775), peeringSubnet: "10.10.1.0/30" } })).join("\n"), /secondary\.peeringSubnet must differ from primary\.localGatewayIp: each handover's VBR needs its own peering addresses/);
  });

  it("with a cloud router the subnet must also be Fabric's DIRECT size (/28 to /30)", () => {
    const errors = errorsOf(viaRouter({ primary: { peeringSubnet: "169.254.10.0/24" } }));
    assert.equal(errors.length, 1, errors.join("\n"));
    assert.match(errors[0], /^primary\.peeringSubnet .*30.*\(the cloud router's interface 169\.254\.10\.2\/24, Fabric's DIRECT routing protocol\)/);
  });

  it("the sessions: one per handover, each with its own key; none for a handover that does not exist", () => {
    assert.match(errorsOf(viaRouter({ bgp: { primary: { authKey: "k1" } } })).join("\n"), /bgp\.secondary is required when the component has a secondary handover: each session has its own MD5 key/);
    assert.match(errorsOf(viaRouter({ secondary: undefined })).join("\n"), /bgp\.secondary is set but the component has no secondary handover/);
    assert.match(errorsOf(viaRouter({ bgp: { secondary: { authKey: "k2" } } as never })).join("\n"), /bgp\.primary is required: the primary handover's session/);
    assert.match(errorsOf(viaRouter({ bgp: { primary: {} as never, secondary: { authKey: "k2" } } })).join("\n"), /bgp\.primary\.authKey is required/);
  });

  it("MD5 keys: Alibaba's rule (1 to 80 printable ASCII characters, no spaces), named per handover", () => {
    const errors = errorsOf(viaRouter({ bgp: { primary: { authKey: "has space" }, secondary: { authKey: "x".repeat(81) } } }));
    assert.equal(errors.length, 2, errors.join("\n"));
    assert.match(errors[0], /^bgp\.primary\.authKey may contain only printable ASCII characters, without spaces/);
    assert.match(errors[1], /^bgp\.secondary\.authKey must be 1 to 80 characters long/);
  });

  it("ASNs: the customer's is required for a port and refused for a cloud router; Alibaba's side in Alibaba's and Equinix's ranges", () => {
    assert.match(errorsOf(viaPorts({ bgp: { primary: { authKey: "a" }, secondary: { authKey: "b" } } })).join("\n"), /bgp\.customerAsn is required for a port A side \(primary, secondary\): your router's ASN/);
    assert.match(errorsOf(viaRouter({ bgp: { customerAsn: 65010, primary: { authKey: "a" }, secondary: { authKey: "b" } } })).join("\n"), /bgp\.customerAsn applies to port A sides only: with a cloud router the customer ASN is the router's, which Equinix assigns/);
    assert.match(errorsOf(viaPorts({ bgp: { customerAsn: 45104, primary: { authKey: "a" }, secondary: { authKey: "b" } } })).join("\n"), /bgp\.customerAsn must differ from Alibaba's ASN 45104/);
    const reserved = errorsOf(viaRouter({ bgp: { alibabaAsn: 65025, primary: { authKey: "a" }, secondary: { authKey: "b" } } }));
    assert.deepEqual(reserved.length, 1, reserved.join("\n"));
    assert.match(reserved[0], /^bgp\.alibabaAsn must be 45104, 64512 to 65534 \(not 65025, which Alibaba reserves\)/);
    // 64600 is Alibaba's to allow but Equinix reserves it, and the cloud router peers with it.
    const equinix = errorsOf(viaRouter({ bgp: { alibabaAsn: 64600, primary: { authKey: "a" }, secondary: { authKey: "b" } } }));
    assert.equal(equinix.length, 1, equinix.join("\n"));
    assert.match(equinix[0], /^bgp\.alibabaAsn .*64600.*\(Equinix: the cloud router peers with it\)/);
  });

  it("options that do not apply to the A side, and bad values, are named", () => {
    const e = errorsOf(viaPorts({ bgp: { customerAsn: 65010, sessionTimeout: "10m", primary: { authKey: "a" }, secondary: { authKey: "b" } } })).join("\n");
    assert.match(e, /bgp\.sessionTimeout applies to cloud router A sides only/);
    assert.match(errorsOf(viaRouter({ bgp: { sessionTimeout: "ten minutes", primary: { authKey: "a" }, secondary: { authKey: "b" } } })).join("\n"), /bgp\.sessionTimeout must be a duration such as "90s", "10m" or "1h" \(got "ten minutes"\)/);
    assert.match(errorsOf(viaRouter({ bgp: { routerInterface: "Gi1", primary: { authKey: "a" }, secondary: { authKey: "b" } } })).join("\n"), /bgp\.routerInterface applies to port A sides only/);
    assert.match(errorsOf(viaPorts({ bgp: { customerAsn: 65010, routerInterface: "Gi 1", primary: { authKey: "a" }, secondary: { authKey: "b" } } })).join("\n"), /bgp\.routerInterface must be an interface name such as "GigabitEthernet0\/0\/1"/);
    assert.match(errorsOf(viaRouter({ bgp: { enableBfd: "yes" as never, primary: { authKey: "a" }, secondary: { authKey: "b" } } })).join("\n"), /bgp\.enableBfd must be true or false \(got "yes"\)/);
  });

  it("bgp needs a port or cloud router A side", () => {
    const e = errorsOf(viaPorts({ primary: { aSide: { serviceToken: { uuid: "t1" } }, peeringSubnet: "10.10.1.0/30" }, secondary: { aSide: { serviceToken: { uuid: "t2" } }, peeringSubnet: "10.10.1.4/30" }, bgp: { primary: { authKey: "a" }, secondary: { authKey: "b" } } })).join("\n");
    assert.match(e, /primary\.aSide: bgp needs a port or cloud router A side, where the component knows the far end \(got serviceToken\)/);
  });

  it("cloudRouter: the router's rules, v4 only, and no handover aSide beside it", () => {
    const e = errorsOf(viaRouter({ cloudRouter: { packageCode: "HUGE" as never, projectId: "", name: "x" }, primary: { aSide: PORT("p1", 774), peeringSubnet: "169.254.10.0/30" } })).join("\n");
    assert.match(e, /primary\.aSide conflicts with cloudRouter: every handover starts at the router the component creates/);
    assert.match(e, /cloudRouter\.packageCode must be one of LAB, BASIC, STANDARD, ADVANCED, PREMIUM \(got "HUGE"\)/);
    assert.match(e, /cloudRouter\.projectId is required: the Fabric project the router belongs to/);
    assert.match(e, /cloudRouter\.name must be 3 to 24 letters, digits, '-' or '_'/);
    assert.match(errorsOf(viaRouter({ fabricApi: "v3" })).join("\n"), /cloudRouter needs fabricApi "v4": the ECX v3 API \(fabricApi "v3"\) connects ports only/);
    // Without cloudRouter, a handover without aSide is still refused as before.
    assert.match(errorsOf(viaRouter({ cloudRouter: undefined })).join("\n"), /primary\.aSide is required/);
  });

  it("the VLAN your router uses: a DOT1Q port's tag (v3: its vlanSTag), a QINQ port's outer and inner tags", () => {
    assert.deepEqual(portVlans({ uuid: "p", type: "DOT1Q", vlanTag: 774 }), { vlan: 774 });
    assert.deepEqual(portVlans({ uuid: "p", type: "DOT1Q", vlanSTag: 776 }), { vlan: 776 });
    assert.deepEqual(portVlans({ uuid: "p", type: "QINQ", vlanSTag: 100, vlanCTag: 200 }), { vlan: 100, inner: 200 });
    assert.deepEqual(portVlans({ uuid: "p", type: "QINQ", vlanSTag: 100 }), { vlan: 100 });
  });

  it("renders your router's end in IOS-XE: subinterface, address, neighbor with key, BFD when asked", () => {
    const text = renderIosXe({ title: "ali primary handover to Alibaba Cloud (VBR vbr-1)", iface: "GigabitEthernet0/0/1", vlan: 774, ip: "10.10.1.2", mask: "255.255.255.252", asn: 65010, neighborIp: "10.10.1.1", neighborAsn: 45104, md5Key: "key-1", bfd: true });
    assert.equal(
      text,
      [
        "! ali primary handover to Alibaba Cloud (VBR vbr-1)",
        "interface GigabitEthernet0/0/1.774",
        " description ali primary handover to Alibaba Cloud VBR vbr-1",
        " encapsulation dot1Q 774",
        " ip address 10.10.1.2 255.255.255.252",
        " bfd interval 300 min_rx 300 multiplier 3",
        " no shutdown",
        "!",
        "router bgp 65010",
        " neighbor 10.10.1.1 remote-as 45104",
        " neighbor 10.10.1.1 description Alibaba Cloud VBR",
        " neighbor 10.10.1.1 password key-1",
        " neighbor 10.10.1.1 timers 10 30",
        " neighbor 10.10.1.1 fall-over bfd",
        " address-family ipv4 unicast",
        "  neighbor 10.10.1.1 activate",
        " exit-address-family",
        "!",
        "",
      ].join("\n"),
    );
    const qinq = renderIosXe({ title: "t", iface: "Gi1", vlan: 100, innerVlan: 200, ip: "10.0.0.2", mask: "255.255.255.252", asn: 65010, neighborIp: "10.0.0.1", neighborAsn: 45104, md5Key: "k", bfd: false });
    assert.match(qinq, / encapsulation dot1Q 100 second-dot1q 200\n/);
    assert.ok(!qinq.includes("bfd"));
  });
});
