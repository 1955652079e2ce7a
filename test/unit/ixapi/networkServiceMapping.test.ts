import assert from "node:assert/strict";
import { networkServiceLifecycle } from "../../../provider/ixapi/networkServiceLifecycle";
import type { NetworkService, ProductOffering } from "../../../provider/ixapi/client";
import { defaultExternalRef } from "../../../provider/ixapi/common";
import {
  acceptedVerdict,
  buildServiceRequest,
  CLOUD_KEY_RULES,
  mergePatch,
  NetworkServiceInputs,
  offeringIssues,
  readBackInputs,
  toOutputs,
  updateTable,
} from "../../../provider/ixapi/networkServiceMapping";
import { OFFERINGS } from "../../../sandbox/ixapi";
import { checkRequest } from "./helpers";

const ACC = { managingAccount: "A0087264", consumingAccount: "A0087264", billingAccount: "A0087264" };
const BASE = { ...ACC, productOffering: "alibaba-express-connect.fra.eu-central-1", cloudKey: "9876543210123456" };
const offering = (over: Partial<ProductOffering> = {}) => ({ type: "cloud_vc", ...OFFERINGS[0], ...over }) as unknown as ProductOffering;
const check = (news: Record<string, unknown>) => networkServiceLifecycle.check({}, news) as { inputs: Record<string, unknown>; failures: { property: string; reason: string }[] };
const failures = (news: Record<string, unknown>) => check(news).failures.map((f) => `${f.property}: ${f.reason}`);

describe("unit: ixapi.NetworkService mapping", () => {
  describe("check", () => {
    it("accepts the minimal inputs and fills a deterministic external_ref", () => {
      const a = check({ ...BASE, __provider: "p" });
      assert.deepEqual(a.failures, []);
      assert.match(String(a.inputs.externalRef), /^pulumi:ns:[0-9a-f]{24}$/);
      assert.equal(a.inputs.__provider, "p");
      assert.equal(check({ ...BASE }).inputs.externalRef, a.inputs.externalRef, "same inputs, same ref");
      assert.notEqual(check({ ...BASE, cloudKey: "9876543210123457" }).inputs.externalRef, a.inputs.externalRef);
      assert.notEqual(check({ ...BASE, billingAccount: "A0087265" }).inputs.externalRef, a.inputs.externalRef);
      // Capacity and refs are changed in place: they must not move the ref a lost create is found by.
      assert.equal(check({ ...BASE, capacity: 500, purchaseOrder: "PO" }).inputs.externalRef, a.inputs.externalRef);
      assert.equal(check({ ...BASE, externalRef: "mine" }).inputs.externalRef, "mine");
    });

    it("the default external_ref is a hash of stable parts, distinct per kind", () => {
      assert.equal(defaultExternalRef("ns", ["a", 1]), defaultExternalRef("ns", ["a", 1]));
      assert.notEqual(defaultExternalRef("ns", ["a", 1]), defaultExternalRef("nsc", ["a", 1]));
      assert.notEqual(defaultExternalRef("ns", ["a", 1]), defaultExternalRef("ns", ["a", 2]));
      assert.ok(defaultExternalRef("contact", ["x"]).length <= 128);
    });

    it("names the field and the rule: required fields, capacity, ref lengths, decommissionAt, unknown keys", () => {
      assert.deepEqual(failures({}).sort(), [
        "billingAccount: is required",
        "cloudKey: is required",
        "consumingAccount: is required",
        "managingAccount: is required",
        "productOffering: is required",
      ]);
      assert.deepEqual(failures({ ...BASE, cloudKey: "" }), ["cloudKey: is required: the key from your cloud provider's console (Alibaba: your account id)"]);
      assert.deepEqual(failures({ ...BASE, capacity: 0 }), ["capacity: must be at least 1 Mbps"]);
      assert.deepEqual(failures({ ...BASE, capacity: 100.5 }), ["capacity: must be a whole number of Mbps"]);
      assert.deepEqual(failures({ ...BASE, capacity: "100" }), ["capacity: must be a number (got string)"]);
      assert.deepEqual(failures({ ...BASE, externalRef: "x".repeat(128), purchaseOrder: "p".repeat(80), contractRef: "c".repeat(128) }), []);
      assert.deepEqual(failures({ ...BASE, externalRef: "x".repeat(129) }), ["externalRef: must be at most 128 characters long"]);
      assert.deepEqual(failures({ ...BASE, purchaseOrder: "p".repeat(81) }), ["purchaseOrder: must be at most 80 characters long"]);
      assert.deepEqual(failures({ ...BASE, contractRef: "c".repeat(129) }), ["contractRef: must be at most 128 characters long"]);
      assert.deepEqual(failures({ ...BASE, decommissionAt: "2030-01-31" }), []);
      assert.deepEqual(failures({ ...BASE, decommissionAt: "31.01.2030" }), ["decommissionAt: must be a date YYYY-MM-DD", "decommissionAt: must be a valid date"]);
      assert.deepEqual(failures({ ...BASE, decommissionAt: "2030-13-45" }), ["decommissionAt: must be a valid date"]);
      assert.deepEqual(failures({ ...BASE, timeouts: { create: "soon" } }), ['timeouts.create: must be a duration such as "90s", "20m" or "1h"']);
      assert.deepEqual(failures({ ...BASE, cloud_key: "x" }), ["cloud_key: unknown argument: check the spelling against the documented arguments"]);
    });
  });

  describe("the offering's rules (before any write)", () => {
    it("capacity within bandwidth_min..max, a cloud_vc offering, an offering that exists", () => {
      assert.deepEqual(offeringIssues({ ...BASE, capacity: 50 }, offering()), []);
      assert.deepEqual(offeringIssues({ ...BASE, capacity: 10000 }, offering()), []);
      assert.deepEqual(offeringIssues({ ...BASE }, offering()), [], "no capacity: the offering's maximum");
      assert.deepEqual(offeringIssues({ ...BASE, capacity: 49 }, offering()), ["capacity: 49 Mbps is outside alibaba-express-connect.fra.eu-central-1's range 50..10000 Mbps"]);
      assert.deepEqual(offeringIssues({ ...BASE, capacity: 10001 }, offering()), ["capacity: 10001 Mbps is outside alibaba-express-connect.fra.eu-central-1's range 50..10000 Mbps"]);
      assert.match(offeringIssues({ ...BASE }, offering({ type: "p2p_vc" } as never)).join(), /productOffering: alibaba-express-connect\.fra\.eu-central-1 is a p2p_vc offering; ixapi\.NetworkService needs a cloud_vc one/);
      assert.match(offeringIssues({ ...BASE }, undefined).join(), /^productOffering: product offering alibaba-express-connect\.fra\.eu-central-1 does not exist/);
    });

    it("the cloud key's shape per cloud provider", () => {
      const cases: Array<[string, string, string]> = [
        ["Alibaba", "9876543210123456", "55512345678901"],
        ["AWS", "123456789876", "5551234567890"],
        ["Microsoft", "dc79e015-f15c-4681-9c7b-6d16b2973997", "dc79e015f15c46819c7b6d16b2973997"],
        ["Google", "d8412846-c12b-3364-cd67-1471187ce9c9/europe-west3/2", "d8412846-c12b-3364-cd67-1471187ce9c9/europe-west3/3"],
        ["Oracle", "ocid1.virtualcircuit.oc1.eu-frankfurt-1.aaaa", "ocid1.vcn.oc1.aaaa"],
      ];
      for (const [provider, good, bad] of cases) {
        const o = offering({ service_provider: provider } as never);
        assert.deepEqual(offeringIssues({ ...BASE, cloudKey: good }, o), [], `${provider} ${good}`);
        const issues = offeringIssues({ ...BASE, cloudKey: bad }, o);
        assert.equal(issues.length, 1, `${provider} ${bad}`);
        assert.match(issues[0], new RegExp(`^the cloud key \\(cloudKey\\) does not look like .* \\(the offering's provider is ${provider}\\)$`));
        assert.ok(!issues[0].includes(bad), "the message does not repeat the (secret) key");
      }
      assert.match(offeringIssues({ ...BASE, cloudKey: "123" }, offering()).join(), /an Alibaba Cloud account id: 16 digits/);
      assert.deepEqual(offeringIssues({ ...BASE, cloudKey: "anything" }, offering({ service_provider: "Sandbox Cloud" } as never)), [], "unknown provider: no shape enforced");
      assert.ok(CLOUD_KEY_RULES.amazon && CLOUD_KEY_RULES.azure, "aliases");
    });
  });

  describe("request, outputs and read-back", () => {
    it("the POST body, valid against the schema", () => {
      const v = check({ ...BASE, capacity: 200, purchaseOrder: "PO-1", contractRef: "C-1" }).inputs as NetworkServiceInputs;
      const body = buildServiceRequest(v);
      assert.deepEqual(body, {
        type: "cloud_vc",
        product_offering: BASE.productOffering,
        managing_account: "A0087264",
        consuming_account: "A0087264",
        billing_account: "A0087264",
        cloud_key: "9876543210123456",
        capacity: 200,
        external_ref: v.externalRef,
        purchase_order: "PO-1",
        contract_ref: "C-1",
      });
      assert.equal(checkRequest("POST", "/network-services", body), "");
      const minimal = buildServiceRequest({ ...BASE });
      assert.deepEqual(Object.keys(minimal).sort(), ["billing_account", "cloud_key", "consuming_account", "managing_account", "product_offering", "type"]);
      assert.equal(checkRequest("POST", "/network-services", minimal), "");
    });

    const svc = (over: Partial<NetworkService> = {}): NetworkService =>
      ({
        id: "ns:00001abcd",
        type: "cloud_vc",
        state: "production",
        product_offering: BASE.productOffering,
        managing_account: "A0087264",
        consuming_account: "A0087264",
        billing_account: "A0087264",
        cloud_key: "9876543210123456",
        capacity: 200,
        external_ref: "ref",
        purchase_order: "",
        contract_ref: null,
        diversity: 2,
        provider_ref: "prov-1",
        nsc_required_contact_roles: ["role:noc"],
        status: [],
        ...over,
      }) as NetworkService;

    it("outputs from the response", () => {
      const old = { ...BASE, capacity: 200, externalRef: "ref" } as NetworkServiceInputs;
      const o = toOutputs(svc({ decommission_at: "2030-01-01", charged_until: "2030-02-01", status: [{ message: "m1" }, {}] as never }), old);
      assert.deepEqual(
        [o.serviceId, o.state, o.diversity, o.providerRef, o.nscRequiredContactRoles, o.allocatedCapacity, o.scheduledDecommissionAt, o.chargedUntil, o.statusMessages],
        ["ns:00001abcd", "production", 2, "prov-1", ["role:noc"], 200, "2030-01-01", "2030-02-01", ["m1"]],
      );
      const bare = toOutputs({ id: "ns:2" } as NetworkService, old);
      assert.deepEqual([bare.state, bare.diversity, bare.providerRef, bare.nscRequiredContactRoles, bare.scheduledDecommissionAt], ["unknown", 1, "", [], ""]);
    });

    it("read-back inputs show changes made outside Pulumi, and nothing else", () => {
      const old = { ...BASE, capacity: 200, externalRef: "ref", decommissionAt: "2030-01-31", timeouts: { create: "5m" } } as NetworkServiceInputs;
      assert.deepEqual(readBackInputs(svc(), old), old, "unchanged: identical inputs, no diff");
      assert.equal(readBackInputs(svc({ capacity: 1000 }), old).capacity, 1000);
      assert.equal(readBackInputs(svc({ purchase_order: "PO-portal" }), old).purchaseOrder, "PO-portal");
      assert.equal(readBackInputs(svc({ external_ref: "changed" }), old).externalRef, "changed");
      // Not set by the user and defaulted by the exchange: no drift.
      assert.equal(readBackInputs(svc({ capacity: 10000 }), { ...old, capacity: undefined }).capacity, undefined);
      assert.equal("purchaseOrder" in readBackInputs(svc({ purchase_order: "" }), old), false);
      assert.equal(readBackInputs(svc(), old).decommissionAt, "2030-01-31", "local-only inputs kept");
    });

    it("create is done once the exchange accepted the service; error and decommissioning fail", () => {
      assert.deepEqual(acceptedVerdict(svc({ state: "allocated" })), { done: true });
      assert.deepEqual(acceptedVerdict(svc({ state: "production" })), { done: true });
      assert.equal((acceptedVerdict(svc({ state: "requested" })) as { done: boolean }).done, false);
      assert.deepEqual(acceptedVerdict(svc({ state: "error", status: [{ tag: "provisioning_failed", message: "no capacity" }] as never })), {
        failed: "the exchange reports an error: provisioning_failed: no capacity",
        state: "error",
      });
      for (const st of ["decommission_requested", "decommissioned", "archived"]) assert.ok("failed" in acceptedVerdict(svc({ state: st })), st);
    });
  });

  describe("update or replace", () => {
    const olds = { ...BASE, capacity: 200, externalRef: "ref", purchaseOrder: "PO-1" };
    const diff = (news: Record<string, unknown>) => networkServiceLifecycle.diff!("ns:1", olds, news) as { replaces: string[]; changed: string[]; changes: boolean };

    it("the table: product_offering, cloud_key and the accounts replace; capacity and refs in place; decommissionAt and timeouts neither", () => {
      assert.deepEqual(
        Object.entries(updateTable).filter(([, r]) => r === "replace").map(([k]) => k).sort(),
        ["billingAccount", "cloudKey", "consumingAccount", "managingAccount", "productOffering"],
      );
      for (const [k, v] of Object.entries({ productOffering: "aws-direct-connect.fra.eu-central-1", cloudKey: "1111222233334444", managingAccount: "A0087265", consumingAccount: "A0087265", billingAccount: "A0087265" })) {
        assert.deepEqual(diff({ ...olds, [k]: v }).replaces, [k], k);
      }
      for (const [k, v] of Object.entries({ capacity: 500, externalRef: "new", purchaseOrder: "PO-2", contractRef: "C-9" })) {
        const d = diff({ ...olds, [k]: v });
        assert.deepEqual([d.changed, d.replaces], [[k], []], k);
      }
      assert.equal(diff({ ...olds, decommissionAt: "2030-01-31", timeouts: { delete: "1h" } }).changes, false);
      assert.equal(diff({ ...olds, __provider: "other version" }).changes, false);
    });

    it("the merge PATCH carries exactly what changed, with null to clear", () => {
      assert.deepEqual(mergePatch(olds, { ...olds } as NetworkServiceInputs), {});
      assert.deepEqual(mergePatch(olds, { ...olds, capacity: 500 } as NetworkServiceInputs), { capacity: 500 });
      assert.deepEqual(mergePatch(olds, { ...olds, purchaseOrder: undefined, contractRef: "C-1" } as NetworkServiceInputs), { purchase_order: null, contract_ref: "C-1" });
      assert.deepEqual(mergePatch(olds, { ...olds, cloudKey: "1111222233334444", productOffering: "x" } as NetworkServiceInputs), {}, "replacing fields are never patched");
      const patch = { type: "cloud_vc", ...mergePatch(olds, { ...olds, capacity: 500, externalRef: "new" } as NetworkServiceInputs) };
      assert.equal(checkRequest("PATCH", "/network-services/{id}", patch), "");
    });
  });
});
