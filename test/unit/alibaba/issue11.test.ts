import { strict as assert } from "assert";
import { validateAlibabaInterconnect, type AlibabaInterconnectArgs } from "../../../components/alibabaInterconnect";
import { alibabaErrorKind, clientToken, createToken } from "../../../provider/alibaba/client";
import { aliDescription, aliName, vbrName } from "../../../provider/alibaba/common";
import { hostedConnectionLifecycle } from "../../../provider/alibaba/hostedConnectionLifecycle";
import { PhysicalConnectionInputs } from "../../../provider/alibaba/physicalConnectionMapping";

const ID_A = "proj/dev/alibaba:PhysicalConnection/a";
const ID_B = "proj/dev/alibaba:PhysicalConnection/b";
const PARAMS = { AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", bandwidth: 1000, Name: "line" };

describe("alibaba: issue 11 rules", () => {
  describe("ClientTokens from the resource's identity", () => {
    it("two resources with identical arguments get different tokens; one resource always the same", () => {
      assert.notEqual(createToken("alibaba:PhysicalConnection", ID_A, [PARAMS], 1), createToken("alibaba:PhysicalConnection", ID_B, [PARAMS], 1));
      assert.equal(createToken("alibaba:PhysicalConnection", ID_A, [PARAMS], 1), createToken("alibaba:PhysicalConnection", ID_A, [{ ...PARAMS }], 1));
    });

    it("a change of the defining inputs, or a new generation, is a new token", () => {
      const t = createToken("alibaba:PhysicalConnection", ID_A, [PARAMS], 1);
      assert.notEqual(createToken("alibaba:PhysicalConnection", ID_A, [{ ...PARAMS, AccessPointId: "ap-us-sv-eqx-b" }], 1), t);
      assert.notEqual(createToken("alibaba:PhysicalConnection", ID_A, [PARAMS], 2), t);
      assert.notEqual(createToken("alibaba:VirtualBorderRouter", ID_A, [PARAMS], 1), t);
    });

    it("without an identity the token is derived as earlier versions did (their retries find their objects)", () => {
      assert.equal(createToken("alibaba:PhysicalConnection", undefined, [PARAMS], 1), clientToken("alibaba:PhysicalConnection", PARAMS, undefined));
      assert.equal(createToken("alibaba:PhysicalConnection", undefined, [PARAMS], 2), clientToken("alibaba:PhysicalConnection", PARAMS, 2));
      assert.equal(createToken("alibaba:VirtualBorderRouter", undefined, ["pc-1", 100], 1), clientToken("alibaba:VirtualBorderRouter", "pc-1", 100, undefined));
      assert.ok(createToken("alibaba:PhysicalConnection", ID_A, [PARAMS], 1).length <= 64);
    });
  });

  describe("HostedConnection: one way of naming the connection", () => {
    it("rejects physicalConnectionId with parentPhysicalConnectionId or vlanId, naming both fields", async () => {
      const r = await hostedConnectionLifecycle.check({}, { physicalConnectionId: "pc-mine", parentPhysicalConnectionId: "pc-parent", vlanId: 1501 });
      assert.deepEqual(r.failures.map((f) => f.property).sort(), ["parentPhysicalConnectionId", "vlanId"]);
      for (const f of r.failures) {
        assert.match(f.reason, /conflicts with physicalConnectionId/);
        assert.match(f.reason, /parentPhysicalConnectionId and vlanId/);
      }
      const vlanOnly = await hostedConnectionLifecycle.check({}, { physicalConnectionId: "pc-mine", vlanId: 1501 });
      assert.deepEqual(vlanOnly.failures.map((f) => f.property), ["vlanId"]);
    });

    it("accepts either way alone, and checks sellerRegion's shape", async () => {
      assert.deepEqual((await hostedConnectionLifecycle.check({}, { physicalConnectionId: "pc-mine" })).failures, []);
      assert.deepEqual((await hostedConnectionLifecycle.check({}, { parentPhysicalConnectionId: "pc-parent", vlanId: 1501, sellerRegion: "eu-central-1" })).failures, []);
      const bad = await hostedConnectionLifecycle.check({}, { physicalConnectionId: "pc-mine", sellerRegion: "Frankfurt" });
      assert.deepEqual(bad.failures.map((f) => f.property), ["sellerRegion"]);
    });
  });

  describe("AlibabaInterconnect: the seller region against alicloud:region", () => {
    const args = (over: Partial<AlibabaInterconnectArgs> = {}): AlibabaInterconnectArgs => ({
      alibabaAccountId: "1234567890123456",
      metroCode: "FR",
      bandwidth: 50,
      notifications: ["noc@example.com"],
      primary: { aSide: { port: { uuid: "p1", type: "DOT1Q", vlanTag: 100 } }, localGatewayIp: "10.0.0.1", peerGatewayIp: "10.0.0.2", peeringSubnetMask: "255.255.255.252" },
      ...over,
    });

    it("metro FR (eu-central-1) with alicloud:region us-west-1 is refused before anything is created, naming both", () => {
      const errors = validateAlibabaInterconnect(args(), "fr", "us-west-1");
      assert.equal(errors.length, 1, errors.join("\n"));
      assert.match(errors[0], /sellerRegion eu-central-1 \(the Alibaba region of metroCode FR\) differs from alicloud:region us-west-1/);
      assert.match(errors[0], /pulumi config set alicloud:region eu-central-1/);
    });

    it("an explicit sellerRegion is compared too; a matching region, or none configured, passes", () => {
      assert.match(validateAlibabaInterconnect(args({ metroCode: "SV", sellerRegion: "us-east-1" }), "sv", "us-west-1").join("\n"), /^sellerRegion us-east-1 differs from alicloud:region us-west-1/);
      assert.deepEqual(validateAlibabaInterconnect(args(), "fr", "eu-central-1"), []);
      assert.deepEqual(validateAlibabaInterconnect(args({ metroCode: "SV" }), "sv", "us-west-1"), []);
      assert.deepEqual(validateAlibabaInterconnect(args(), "fr"), []);
    });
  });

  describe("the Express Connect API reference", () => {
    it("names: letters, digits, underscores, hyphens (periods for physical connections), starting with a letter", () => {
      assert.ok(aliName.safeParse("line.one_2-b").success);
      assert.ok(!vbrName.safeParse("vbr.one").success);
      assert.ok(vbrName.safeParse("vbr_one-2").success);
      for (const bad of ["1st", "line one", "x", "a".repeat(129)]) assert.ok(!aliName.safeParse(bad).success, bad);
      const r = PhysicalConnectionInputs.safeParse({ accessPointId: "ap", lineOperator: "Equinix", name: "line one" });
      assert.ok(!r.success);
      assert.match(r.error.issues[0].message, /may contain only letters, digits, periods/);
    });

    it("descriptions start with a letter and not with http(s)://", () => {
      assert.ok(aliDescription.safeParse("Primary circuit at SV5").success);
      for (const bad of ["1 line", "https://example.com", "x"]) assert.ok(!aliDescription.safeParse(bad).success, bad);
    });

    it("classifies Forbidden.NotAllowedInState as a state conflict and an unknown filter key (HTTP 404) as a bad request", () => {
      assert.deepEqual(alibabaErrorKind(400, "Forbidden.NotAllowedInState"), { kind: "conflict" });
      assert.deepEqual(alibabaErrorKind(404, "InvalidFilterKey.ValueNotSupported"), { kind: "invalid" });
      assert.deepEqual(alibabaErrorKind(403, "Forbidden.RAM"), { kind: "forbidden" });
      assert.deepEqual(alibabaErrorKind(404, "InvalidPhysicalConnectionId.NotFound"), { kind: "notFound" });
    });
  });
});
