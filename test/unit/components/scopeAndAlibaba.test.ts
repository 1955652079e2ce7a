import assert from "node:assert/strict";
import { validateAlibabaInterconnect, type AlibabaInterconnectArgs } from "../../../components/alibabaInterconnect";
import { validateIxApiCloudService, type IxApiCloudServiceArgs } from "../../../components/ixApiCloudService";
import { validateRedundantPair } from "../../../components/redundantFabricConnection";

// Issue 14: the components' credential sets and regions, and the Alibaba side of IxApiCloudService, checked
// before anything is created, each message naming the field, the value's problem and the rule.

function interconnect(over: Partial<AlibabaInterconnectArgs> = {}): AlibabaInterconnectArgs {
  return {
    alibabaAccountId: "5123456789012345",
    metroCode: "FR",
    bandwidth: 200,
    notifications: ["noc@example.com"],
    primary: { aSide: { port: { uuid: "p1", type: "DOT1Q", vlanTag: 774 } }, localGatewayIp: "10.10.1.1", peerGatewayIp: "10.10.1.2", peeringSubnetMask: "255.255.255.252" },
    ...over,
  };
}

function cloud(over: Partial<IxApiCloudServiceArgs> = {}): IxApiCloudServiceArgs {
  return {
    productOffering: "alibaba-express-connect.fra.eu-central-1",
    managingAccount: "A0087264",
    cloudKey: "5123456789012345",
    handovers: [
      { connection: "CANL-051075", pop: "FRA5-A", vlanConfig: { vlanType: "dot1q", vlan: 300 } },
      { connection: "CANL-051076", pop: "FRA7-B", vlanConfig: { vlanType: "dot1q", vlan: 301 } },
    ],
    contacts: [{ name: "NOC", email: "noc@example.com", telephone: "+4969123456789", roles: ["noc", "implementation"] }],
    alibaba: {
      region: "eu-central-1",
      handovers: [
        { localGatewayIp: "10.30.0.1", peerGatewayIp: "10.30.0.2", peeringSubnetMask: "255.255.255.252" },
        { localGatewayIp: "10.30.0.5", peerGatewayIp: "10.30.0.6", peeringSubnetMask: "255.255.255.252" },
      ],
    },
    ...over,
  };
}

describe("components: credential sets, regions and the Alibaba side of an IX-API service", () => {
  describe("AlibabaInterconnect region and credentials", () => {
    it("a region equal to the seller region needs no alicloud:region; another one is refused naming both", () => {
      assert.deepEqual(validateAlibabaInterconnect(interconnect({ region: "eu-central-1" }), "fr", undefined), []);
      const [e] = validateAlibabaInterconnect(interconnect({ region: "us-west-1" }), "fr", undefined);
      assert.match(e, /^region us-west-1 differs from sellerRegion eu-central-1 \(the Alibaba region of metroCode FR\): .*Set region to eu-central-1/);
      assert.match(validateAlibabaInterconnect(interconnect({ region: "Frankfurt" })).join("\n"), /region must be an Alibaba Cloud region id such as "us-west-1"/);
    });

    it("without region, a configured alicloud:region other than the seller region still fails, now suggesting region", () => {
      assert.match(validateAlibabaInterconnect(interconnect(), "fr", "us-west-1").join("\n"), /differs from alicloud:region us-west-1: .*Give the component region: "eu-central-1"/);
    });

    it("credential set names are checked per vendor", () => {
      const errors = validateAlibabaInterconnect(interconnect({ region: "eu-central-1", credentials: { equinix: "EU", alibaba: "ops2" } }));
      assert.deepEqual(errors.length, 1);
      assert.match(errors[0], /^credentials\.equinix must be a credential set name: lower-case letters/);
    });
  });

  it("RedundantFabricConnection: a bad credential set name is named", () => {
    const leg = (uuid: string) => ({ aSide: { port: { uuid, type: "DOT1Q" as const, vlanTag: 100 } }, zSidePort: { uuid: `${uuid}z`, type: "DOT1Q" as const, vlanTag: 100 } });
    const errors = validateRedundantPair({ bandwidth: 100, notifications: ["a@b.c"], primary: leg("p1"), secondary: leg("p2"), credentials: "ops 2" });
    assert.deepEqual(errors.map((e) => e.split(":")[0]), ["credentials must be a credential set name"]);
  });

  describe("IxApiCloudService alibaba", () => {
    it("accepts the example's arguments", () => {
      assert.deepEqual(validateIxApiCloudService(cloud()), []);
    });

    it("needs the offering's region and one entry per handover", () => {
      const errors = validateIxApiCloudService(cloud({ alibaba: { region: "", credentials: "Second", handovers: [{ localGatewayIp: "10.30.0.1", peerGatewayIp: "10.30.0.2", peeringSubnetMask: "255.255.255.252" }] } }));
      assert.equal(errors.length, 3, errors.join("\n"));
      assert.match(errors[0], /^alibaba\.region must be the offering's Alibaba Cloud region id \(its service_provider_region\)/);
      assert.match(errors[1], /^alibaba\.credentials must be a credential set name/);
      assert.match(errors[2], /^alibaba\.handovers must have one entry per handover, in the same order \(2 handovers, 1 entries\)/);
    });

    it("two handovers reaching Alibaba on one VLAN cannot be told apart, unless each names the exchange's parent", () => {
      const same = cloud({
        handovers: [
          { connection: "CANL-051075", vlanConfig: { vlanType: "dot1q", vlan: 300 } },
          { connection: "CANL-051076", vlanConfig: { vlanType: "qinq", outerVlan: 300, innerVlan: 10 } },
        ],
      });
      assert.match(validateIxApiCloudService(same).join("\n"), /alibaba\.handovers\[1\]: handovers 1 and 2 both reach Alibaba with VLAN 300/);
      const parents = { ...same.alibaba!, handovers: same.alibaba!.handovers.map((h, i) => ({ ...h, parentPhysicalConnectionId: `pc-parent-${i}` })) };
      assert.deepEqual(validateIxApiCloudService({ ...same, alibaba: parents }), []);
    });

    it("the Alibaba VLAN range, port mode, peerings and the VBR's own rules", () => {
      const args = cloud({
        handovers: [
          { connection: "CANL-051075", vlanConfig: { vlanType: "dot1q", vlan: 3500 } },
          { connection: "CANL-051077", vlanConfig: { vlanType: "port" } },
        ],
      });
      args.alibaba!.handovers[1] = { localGatewayIp: "10.30.0.5", peerGatewayIp: "10.40.0.6", peeringSubnetMask: "255.255.255.252" };
      const errors = validateIxApiCloudService(args).join("\n");
      assert.match(errors, /handovers\[0\]\.vlanConfig: VLAN 3500 reaches Alibaba as the hosted connection's VLAN, and a VBR's VLAN is 0 to 2999/);
      assert.match(errors, /alibaba\.handovers\[1\]\.vlanId is required for a handover in port mode/);
      assert.match(errors, /alibaba\.handovers\[1\]\.peerGatewayIp /);
      // An explicit Alibaba VLAN overrides the exchange's, within 0..2999.
      args.alibaba!.handovers[0] = { ...args.alibaba!.handovers[0], vlanId: 3000 };
      assert.match(validateIxApiCloudService(args).join("\n"), /alibaba\.handovers\[0\]\.vlanId must be a VLAN from 0 to 2999/);
      const multi = cloud({ handovers: [{ connection: "CANL-051075", peerings: [{ cloudVlan: 1, vlanConfig: { vlanType: "dot1q", vlan: 300 } }] }] });
      multi.alibaba!.handovers = [multi.alibaba!.handovers[0]];
      assert.match(validateIxApiCloudService(multi).join("\n"), /handovers\[0\]\.peerings: Alibaba's offering has a single provider VLAN/);
    });
  });
});
