import assert from "node:assert/strict";
import { validateAlibabaInterconnect, type AlibabaInterconnectArgs } from "../../../components/alibabaInterconnect";
import { validateIxApiCloudService, type IxApiCloudServiceArgs } from "../../../components/ixApiCloudService";
import { checkInputs } from "../../../provider/core/validation";
import { L2ConnectionInputs } from "../../../provider/fabric/l2ConnectionMapping";
import { ALIBABA_PROFILE_UUID } from "../../../provider/fabric/serviceProfiles";

function alibaba(over: Partial<AlibabaInterconnectArgs> = {}): AlibabaInterconnectArgs {
  return {
    alibabaAccountId: "5123456789012345",
    metroCode: "SV",
    bandwidth: 200,
    notifications: ["noc@example.com"],
    primary: { aSide: { port: { uuid: "p1", type: "DOT1Q", vlanTag: 774 } }, localGatewayIp: "10.10.1.1", peerGatewayIp: "10.10.1.2", peeringSubnetMask: "255.255.255.252" },
    secondary: { aSide: { port: { uuid: "p2", type: "QINQ", vlanSTag: 775, vlanCTag: 10 } }, localGatewayIp: "10.10.2.1", peerGatewayIp: "10.10.2.2", peeringSubnetMask: "255.255.255.252" },
    ...over,
  };
}

describe("components: validation before anything is created", () => {
  describe("AlibabaInterconnect", () => {
    it("accepts the main example's arguments, and a single handover", () => {
      assert.deepEqual(validateAlibabaInterconnect(alibaba()), []);
      assert.deepEqual(validateAlibabaInterconnect(alibaba({ secondary: undefined })), []);
    });

    it("refuses a metro and a bandwidth Alibaba does not sell, naming the allowed values", () => {
      const errors = validateAlibabaInterconnect(alibaba({ metroCode: "AM", bandwidth: 100 })).join("\n");
      assert.match(errors, /metroCode must be one of HK, SG, TY, DC, SV, FR, LD, .*\(got AM\)/);
      assert.match(errors, /bandwidth must be one of 50, 200, 500, 1000 Mbps, .*\(got 100\)/);
    });

    it("refuses an account id that is not one (the profile's key rule), without showing it; an output is left to the Fabric resource", () => {
      const errors = validateAlibabaInterconnect(alibaba({ alibabaAccountId: "acc-7731" }));
      assert.deepEqual(errors, ["alibabaAccountId must be your Alibaba Cloud account ID (5 to 20 digits)"]);
      assert.ok(!errors.join("\n").includes("acc-7731"));
      assert.deepEqual(validateAlibabaInterconnect(alibaba({ alibabaAccountId: Promise.resolve("acc-7731") })), []);
    });

    it('with fabricApi "v3", a handover\'s port gets the reasons fabric.L2Connection\'s own check gives', () => {
      const l2Reasons = (over: Record<string, unknown>) =>
        checkInputs(L2ConnectionInputs, { name: "a-pri", portUuid: "p1", vlanSTag: 774, profileUuid: ALIBABA_PROFILE_UUID, authorizationKey: "5123456789012345", speed: 200, notifications: ["noc@example.com"], ...over }).failures.map(
          (f) => `${f.property} ${f.reason}`,
        );
      const v3 = (port: Record<string, unknown>) =>
        validateAlibabaInterconnect(alibaba({ fabricApi: "v3", secondary: undefined, primary: { ...alibaba().primary, aSide: { port: { uuid: "p1", ...port } as never } } }), "a");
      assert.deepEqual(v3({ type: "QINQ", vlanSTag: 774 }), l2Reasons({ portType: "QINQ" }).map((r) => `primary.aSide.port.${r}`));
      assert.deepEqual(v3({ type: "DOT1Q", vlanSTag: 774, vlanCTag: 5000 }), l2Reasons({ portType: "DOT1Q", vlanCTag: 5000 }).map((r) => `primary.aSide.port.${r}`));
      assert.equal(v3({ type: "DOT1Q", vlanSTag: 774, vlanCTag: 5000 }).length, 2, "the range and the DOT1Q rule");
    });

    it("refuses both handovers on one port, naming both fields", () => {
      const a = alibaba();
      a.secondary!.aSide = { port: { uuid: "p1", type: "DOT1Q", vlanTag: 775 } };
      assert.match(validateAlibabaInterconnect(a).join("\n"), /secondary\.aSide\.port\.uuid must differ from primary\.aSide\.port\.uuid/);
    });

    it("checks each handover's tags for its port type, also for a single handover", () => {
      const single = alibaba({ secondary: undefined });
      single.primary.aSide = { port: { uuid: "p1", type: "QINQ", vlanSTag: 774 } };
      assert.deepEqual(validateAlibabaInterconnect(single), ["primary.aSide.port.vlanCTag is required for a QINQ port when the other end is a service profile (single-tagged)"]);
    });

    it("checks the VBR peering of each handover with the VBR's own rules", () => {
      const a = alibaba();
      a.primary.peerGatewayIp = "10.10.9.2";
      a.secondary!.peeringSubnetMask = "255.255.0.0";
      a.secondary!.vbrName = "1-bad";
      const errors = validateAlibabaInterconnect(a).join("\n");
      assert.match(errors, /primary\.peerGatewayIp must be in the same \/30 subnet as localGatewayIp 10\.10\.1\.1/);
      assert.match(errors, /secondary\.peeringSubnetMask must be a mask from \/24/);
      assert.match(errors, /secondary\.vbrName /);
    });

    it("refuses the same peering address on both handovers, naming both fields", () => {
      const a = alibaba();
      a.secondary!.localGatewayIp = "10.10.1.1";
      a.secondary!.peerGatewayIp = "10.10.1.2";
      assert.match(validateAlibabaInterconnect(a).join("\n"), /secondary\.localGatewayIp must differ from primary\.localGatewayIp/);
    });
  });

  describe("IxApiCloudService", () => {
    const base = (): IxApiCloudServiceArgs => ({
      productOffering: "alibaba-express-connect.fra.eu-central-1",
      managingAccount: "A0087264",
      cloudKey: "5318008123456789",
      handovers: [
        { connection: "CANL-051075", pop: "FRA5-A", vlanConfig: { vlanType: "dot1q", vlan: 300 } },
        { connection: "CANL-051076", pop: "FRA7-B", vlanConfig: { vlanType: "dot1q", vlan: 301 } },
      ],
      contacts: [{ name: "NOC", email: "noc@example.com", telephone: "+4969123456789", roles: ["noc", "implementation"] }],
    });

    it("accepts the example's arguments and a multi-VLAN handover", () => {
      assert.deepEqual(validateIxApiCloudService(base()), []);
      const multi = base();
      multi.handovers = [
        { connection: "CANL-061001", peerings: [{ cloudVlan: 100, vlanConfig: { vlanType: "dot1q", vlan: 10 } }, { cloudVlan: null, vlanConfig: { vlanType: "qinq", outerVlan: 20, innerVlan: 21 } }] },
      ];
      assert.deepEqual(validateIxApiCloudService(multi), []);
    });

    it("refuses two handovers on one connection or one pop, naming both", () => {
      const a = base();
      a.handovers[1] = { connection: "CANL-051075", pop: "FRA5-A", vlanConfig: { vlanType: "dot1q", vlan: 301 } };
      const errors = validateIxApiCloudService(a).join("\n");
      assert.match(errors, /handovers\[1\]\.connection must differ from handovers\[0\]\.connection \(CANL-051075\)/);
      assert.match(errors, /handovers\[1\]\.pop must differ from handovers\[0\]\.pop \(FRA5-A\)/);
    });

    it("checks VLANs per VLAN type and one config per (handover, cloud VLAN)", () => {
      const a = base();
      a.handovers[0].vlanConfig = { vlanType: "dot1q", vlan: 5000 };
      a.handovers[1] = { connection: "CANL-051076", peerings: [{ cloudVlan: 7, vlanConfig: { vlanType: "qinq", innerVlan: 3 } }, { cloudVlan: 7, vlanConfig: { vlanType: "port" } }] };
      const errors = validateIxApiCloudService(a).join("\n");
      assert.match(errors, /handovers\[0\]\.vlanConfig\.vlan must be a VLAN tag from 1 to 4094 \(got 5000\)/);
      assert.match(errors, /handovers\[1\]\.peerings\[0\]\.vlanConfig\.outerVlan is required for vlanType qinq/);
      assert.match(errors, /handovers\[1\]\.peerings\[1\]\.cloudVlan 7 is already used on this handover/);
    });

    it("a handover takes vlanConfig or peerings, and contacts carry their roles once", () => {
      const a = base();
      a.handovers[0] = { connection: "CANL-051075", vlanConfig: { vlanType: "dot1q", vlan: 1 }, peerings: [] };
      a.contacts.push({ email: "other@example.com", roles: ["noc"] });
      const errors = validateIxApiCloudService(a).join("\n");
      assert.match(errors, /handovers\[0\] must set exactly one of vlanConfig .* or peerings/);
      assert.match(errors, /contacts\[1\]\.roles: role noc is already assigned to another contact/);
      assert.match(validateIxApiCloudService({ ...base(), handovers: [] }).join("\n"), /handovers must list at least one handover/);
      assert.match(validateIxApiCloudService({ ...base(), contacts: [] }).join("\n"), /contacts must list at least one contact/);
    });
  });
});
