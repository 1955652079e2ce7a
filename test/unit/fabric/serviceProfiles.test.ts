// The service-profile table: one row per profile, read by the v4 and v3 mappings and the components.
import { strict as assert } from "assert";
import { apiError } from "../../../provider/core/errors";
import { checkInputs } from "../../../provider/core/validation";
import { ConnectionInputs } from "../../../provider/fabric/connectionMapping";
import * as constants from "../../../provider/fabric/constants";
import { L2ConnectionInputs } from "../../../provider/fabric/l2ConnectionMapping";
import { isProviderSideDeletion } from "../../../provider/fabric/waiters";
import { ALIBABA_PROFILE, ALIBABA_PROFILE_UUID, metrosOf, profileIssues, providerSideDeletion, serviceProfile } from "../../../provider/fabric/serviceProfiles";

describe("fabric/serviceProfiles", () => {
  it("finds a known profile by uuid; any other profile has no row (Equinix alone checks it)", () => {
    assert.equal(serviceProfile(ALIBABA_PROFILE_UUID), ALIBABA_PROFILE);
    assert.equal(serviceProfile("00000000-0000-0000-0000-000000000000"), undefined);
    assert.equal(serviceProfile(undefined), undefined);
    // The public names read the row (and constants re-exports them for fabric.*).
    assert.deepEqual(metrosOf(ALIBABA_PROFILE), ["HK", "SG", "TY", "DC", "SV", "FR", "LD"]);
    assert.equal(constants.ALIBABA_PROFILE_UUID, ALIBABA_PROFILE.uuid);
    assert.equal(constants.ALIBABA_SELLER_REGIONS.FR, "eu-central-1");
  });

  it("profileIssues: metro, bandwidth and key per field; a key not known yet (null) is not checked", () => {
    assert.deepEqual(profileIssues(ALIBABA_PROFILE, { metroCode: "SV", mbps: 200, authenticationKey: "1956030" }), {});
    assert.deepEqual(profileIssues(ALIBABA_PROFILE, { metroCode: "AM", mbps: 100, got: "100 MB", authenticationKey: null }), {
      metroCode: "Alibaba Cloud Express Connect is offered in HK, SG, TY, DC, SV, FR, LD (got AM)",
      bandwidth: "Alibaba Cloud Express Connect sells 50, 200, 500, 1000 Mbps (got 100 MB)",
    });
    assert.deepEqual(profileIssues(ALIBABA_PROFILE, {}), { authenticationKey: "is required for Alibaba Cloud Express Connect: your Alibaba Cloud account ID" });
    assert.deepEqual(profileIssues(ALIBABA_PROFILE, { authenticationKey: "abc-123" }), { authenticationKey: "must be your Alibaba Cloud account ID (5 to 20 digits)" });
  });

  it("the v4 and v3 mappings apply the same row to their own fields", () => {
    const v4 = checkInputs(ConnectionInputs, {
      name: "c",
      bandwidth: 100,
      aSide: { port: { uuid: "p", type: "DOT1Q", vlanTag: 10 } },
      zSide: { serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "AM", authenticationKey: "abc-123" } },
      notifications: ["noc@example.com"],
    }).failures;
    assert.deepEqual(v4.map((f) => f.property).sort(), ["bandwidth", "zSide.serviceProfile.authenticationKey", "zSide.serviceProfile.metroCode"]);
    const v3 = checkInputs(L2ConnectionInputs, {
      name: "c",
      portUuid: "p",
      portType: "DOT1Q",
      vlanSTag: 10,
      profileUuid: ALIBABA_PROFILE_UUID,
      authorizationKey: "abc-123",
      sellerMetroCode: "AM",
      speed: 2,
      speedUnit: "GB",
      notifications: ["noc@example.com"],
    }).failures;
    assert.deepEqual(v3.map((f) => f.property).sort(), ["authorizationKey", "sellerMetroCode", "speed"]);
    assert.deepEqual(v3.find((f) => f.property === "speed")!.reason, "Alibaba Cloud Express Connect sells 50, 200, 500, 1000 Mbps (got 2 GB)");
  });

  it("the approval hint names the connection and the argument holding the key, never the key", () => {
    assert.match(ALIBABA_PROFILE.approvalHint("pc-123"), /^accept connection pc-123 in Alibaba Cloud \(Express Connect > Physical Connections > Accept and Pay\)/);
    assert.match(ALIBABA_PROFILE.approvalHint(undefined), /accept connection \(its id appears in the Alibaba console\)/);
    assert.match(ALIBABA_PROFILE.approvalHint("pc-123", "authorizationKey"), /in Alibaba Cloud, in the account given as authorizationKey \(/);
  });

  it("a delete Equinix leaves to the provider's side: the provider and what to do there, also for a profile without a row", () => {
    const ali = providerSideDeletion(ALIBABA_PROFILE_UUID, "pc-9");
    assert.equal(ali.provider, "Alibaba");
    assert.match(ali.hint, /delete its VBRs, then terminate and delete physical connection pc-9 in Alibaba Cloud/);
    assert.match(providerSideDeletion(ALIBABA_PROFILE_UUID, undefined).hint, /terminate and delete the physical connection in Alibaba Cloud/);
    assert.deepEqual(providerSideDeletion("other", "x-1"), { provider: "the provider", hint: "Equinix deletes this connection only from the provider's side: delete connection x-1 there" });
  });

  it("Equinix's refusal to delete from the Fabric side: its code for any profile, the profile's own wording without the code", () => {
    const coded = apiError({ api: "equinix", kind: "invalid", status: 400, code: "ERR-UAA-003-00", message: "refused" });
    const worded = apiError({ api: "equinix", kind: "invalid", status: 400, message: "Deletion for a provisioned connection needs to be initiated from Alibaba Portal" });
    assert.equal(isProviderSideDeletion(coded, ALIBABA_PROFILE_UUID), true);
    assert.equal(isProviderSideDeletion(coded, undefined), true);
    assert.equal(isProviderSideDeletion(worded, ALIBABA_PROFILE_UUID), true);
    // The wording is the Alibaba row's: another profile (or none) needs the code.
    assert.equal(isProviderSideDeletion(worded, "00000000-0000-0000-0000-000000000000"), false);
    assert.equal(isProviderSideDeletion(worded, undefined), false);
    assert.equal(isProviderSideDeletion(new Error("initiated from Alibaba"), ALIBABA_PROFILE_UUID), false);
  });
});
