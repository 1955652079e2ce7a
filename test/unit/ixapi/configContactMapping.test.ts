import assert from "node:assert/strict";
import type { Contact, NetworkServiceConfig } from "../../../provider/ixapi/client";
import { contactLifecycle } from "../../../provider/ixapi/contactLifecycle";
import { buildContactRequest, mergePatch as contactPatch, missingFields, readBackInputs as contactReadBack, ContactInputs } from "../../../provider/ixapi/contactMapping";
import { networkServiceConfigLifecycle } from "../../../provider/ixapi/networkServiceConfigLifecycle";
import {
  buildConfigRequest,
  mergePatch,
  NetworkServiceConfigInputs,
  readBackInputs,
  sameSlot,
  toOutputs,
  updateTable,
  vlanFromWire,
  vlanToWire,
} from "../../../provider/ixapi/networkServiceConfigMapping";
import { roleAssignmentLifecycle } from "../../../provider/ixapi/roleAssignmentLifecycle";
import { checkRequest } from "./helpers";

type Outcome = { inputs: Record<string, unknown>; failures: { property: string; reason: string }[] };
const ACC = { managingAccount: "A0087264", consumingAccount: "A0087264", billingAccount: "A0087264" };
const CFG = { ...ACC, networkService: "ns:00001abcd", connection: "CANL-051075", handover: 1, vlanConfig: { vlanType: "dot1q", vlan: 100 }, roleAssignments: ["ra:1", "ra:2"] };
const checkCfg = (news: Record<string, unknown>) => networkServiceConfigLifecycle.check({}, news) as Outcome;
const cfgFailures = (news: Record<string, unknown>) => checkCfg(news).failures.map((f) => `${f.property}: ${f.reason}`);

describe("unit: ixapi.NetworkServiceConfig, Contact and RoleAssignment mappings", () => {
  describe("NetworkServiceConfig check", () => {
    it("accepts dot1q, qinq and port configs; fills roleAssignments and a deterministic external_ref from service, handover and cloud VLAN", () => {
      for (const vlanConfig of [
        { vlanType: "dot1q", vlan: 1, vlanEthertype: "0x88a8" },
        { vlanType: "qinq", outerVlan: 4094, outerVlanEthertype: "0x9100", innerVlan: 1 },
        { vlanType: "port" },
      ]) assert.deepEqual(cfgFailures({ ...CFG, vlanConfig }), [], JSON.stringify(vlanConfig));
      const a = checkCfg({ ...CFG, roleAssignments: undefined });
      assert.deepEqual(a.inputs.roleAssignments, []);
      assert.match(String(a.inputs.externalRef), /^pulumi:nsc:[0-9a-f]{24}$/);
      assert.equal(checkCfg({ ...CFG, connection: "CANL-051076", vlanConfig: { vlanType: "dot1q", vlan: 7 } }).inputs.externalRef, a.inputs.externalRef, "in-place fields do not move it");
      assert.notEqual(checkCfg({ ...CFG, handover: 2 }).inputs.externalRef, a.inputs.externalRef);
      assert.notEqual(checkCfg({ ...CFG, cloudVlan: 10 }).inputs.externalRef, a.inputs.externalRef);
      assert.equal(checkCfg({ ...CFG, cloudVlan: null }).inputs.externalRef, a.inputs.externalRef, "null and omitted cloud VLAN are the same slot");
    });

    it("names the field and rule: VLAN ranges, ethertypes, vlan type members, handover, cloud VLAN, ref lengths", () => {
      assert.deepEqual(cfgFailures({ ...CFG, vlanConfig: { vlanType: "dot1q", vlan: 0 } }), ["vlanConfig.vlan: must be between 1 and 4094"]);
      assert.deepEqual(cfgFailures({ ...CFG, vlanConfig: { vlanType: "dot1q", vlan: 4095 } }), ["vlanConfig.vlan: must be between 1 and 4094"]);
      assert.deepEqual(cfgFailures({ ...CFG, vlanConfig: { vlanType: "dot1q", vlan: 10.5 } }), ["vlanConfig.vlan: must be a whole number"]);
      assert.deepEqual(cfgFailures({ ...CFG, vlanConfig: { vlanType: "dot1q" } }), ["vlanConfig.vlan: is required"]);
      assert.deepEqual(cfgFailures({ ...CFG, vlanConfig: { vlanType: "dot1q", vlan: 10, vlanEthertype: "0x8a88" } }), ['vlanConfig.vlanEthertype: must be one of 0x8100, 0x88a8, 0x9100 (got "0x8a88")']);
      assert.deepEqual(cfgFailures({ ...CFG, vlanConfig: { vlanType: "qinq", outerVlan: 5000, innerVlan: 0 } }).sort(), ["vlanConfig.innerVlan: must be between 1 and 4094", "vlanConfig.outerVlan: must be between 1 and 4094"]);
      assert.deepEqual(cfgFailures({ ...CFG, vlanConfig: { vlanType: "qinq", outerVlan: 5, innerVlan: 6, outerVlanEthertype: "0x0800" } }), ['vlanConfig.outerVlanEthertype: must be one of 0x8100, 0x88a8, 0x9100 (got "0x0800")']);
      assert.deepEqual(cfgFailures({ ...CFG, vlanConfig: { vlanType: "qinq", outerVlan: 5 } }), ["vlanConfig.innerVlan: is required"]);
      assert.deepEqual(cfgFailures({ ...CFG, vlanConfig: { vlanType: "port", vlan: 5 } }), ["vlanConfig.vlan: unknown argument: check the spelling against the documented arguments"]);
      assert.deepEqual(cfgFailures({ ...CFG, vlanConfig: { vlanType: "dot1q", vlan: 5, innerVlan: 6 } }), ["vlanConfig.innerVlan: unknown argument: check the spelling against the documented arguments"]);
      assert.equal(cfgFailures({ ...CFG, vlanConfig: { vlanType: "vxlan", vlan: 5 } })[0].split(":")[0], "vlanConfig.vlanType");
      assert.deepEqual(cfgFailures({ ...CFG, handover: 0 }), ["handover: must be at least 1 (and at most the service's diversity)"]);
      assert.deepEqual(cfgFailures({ ...CFG, handover: 1.5 }), ["handover: must be a whole number"]);
      assert.deepEqual(cfgFailures({ ...CFG, cloudVlan: 0 }), ["cloudVlan: must be between 1 and 4094"]);
      assert.deepEqual(cfgFailures({ ...CFG, cloudVlan: 4095 }), ["cloudVlan: must be between 1 and 4094"]);
      assert.deepEqual(cfgFailures({ ...CFG, externalRef: "x".repeat(129), purchaseOrder: "p".repeat(81), contractRef: "c".repeat(129) }).sort(), [
        "contractRef: must be at most 128 characters long",
        "externalRef: must be at most 128 characters long",
        "purchaseOrder: must be at most 80 characters long",
      ]);
      assert.deepEqual(cfgFailures({ ...CFG, roleAssignments: [""] }), ["roleAssignments.0: is required"]);
    });
  });

  describe("NetworkServiceConfig request, outputs and read-back", () => {
    it("the POST body (ethertype defaults, null cloud_vlan for all unmatched), valid against the schema", () => {
      const v = checkCfg({ ...CFG, purchaseOrder: "PO-1" }).inputs as NetworkServiceConfigInputs;
      const body = buildConfigRequest(v);
      assert.deepEqual(body, {
        type: "cloud_vc",
        network_service: "ns:00001abcd",
        connection: "CANL-051075",
        ...{ managing_account: "A0087264", consuming_account: "A0087264", billing_account: "A0087264" },
        role_assignments: ["ra:1", "ra:2"],
        vlan_config: { vlan_type: "dot1q", vlan: 100, vlan_ethertype: "0x8100" },
        handover: 1,
        cloud_vlan: null,
        external_ref: v.externalRef,
        purchase_order: "PO-1",
      });
      assert.equal(checkRequest("POST", "/network-service-configs", body), "");
      const qinq = buildConfigRequest({ ...v, vlanConfig: { vlanType: "qinq", outerVlan: 10, innerVlan: 20 }, cloudVlan: 300 });
      assert.deepEqual([qinq.vlan_config, qinq.cloud_vlan], [{ vlan_type: "qinq", outer_vlan: 10, outer_vlan_ethertype: "0x8100", inner_vlan: 20 }, 300]);
      assert.equal(checkRequest("POST", "/network-service-configs", qinq), "");
      const port = buildConfigRequest({ ...v, vlanConfig: { vlanType: "port" } });
      assert.equal(checkRequest("POST", "/network-service-configs", port), "");
    });

    it("the vlan config round-trips; ethertypes show in read-back only when the user set them", () => {
      assert.deepEqual(vlanFromWire(vlanToWire({ vlanType: "dot1q", vlan: 5 }), { vlanType: "dot1q", vlan: 5 }), { vlanType: "dot1q", vlan: 5 });
      assert.deepEqual(vlanFromWire({ vlan_type: "dot1q", vlan: 5, vlan_ethertype: "0x88a8" }, { vlanType: "dot1q", vlan: 5, vlanEthertype: "0x8100" }), { vlanType: "dot1q", vlan: 5, vlanEthertype: "0x88a8" });
      assert.deepEqual(vlanFromWire({ vlan_type: "qinq", outer_vlan: 1, inner_vlan: 2, outer_vlan_ethertype: "0x8100" }, { vlanType: "dot1q", vlan: 5 }), { vlanType: "qinq", outerVlan: 1, innerVlan: 2 });
      assert.deepEqual(vlanFromWire({ vlan_type: "port" }, { vlanType: "dot1q", vlan: 5 }), { vlanType: "port" });
      assert.deepEqual(vlanFromWire(undefined, { vlanType: "dot1q", vlan: 5 }), { vlanType: "dot1q", vlan: 5 });
    });

    const wire = (over: Partial<NetworkServiceConfig> = {}): NetworkServiceConfig =>
      ({
        id: "nsc:1",
        type: "cloud_vc",
        state: "production",
        network_service: "ns:00001abcd",
        connection: "CANL-051075",
        managing_account: "A0087264",
        consuming_account: "A0087264",
        billing_account: "A0087264",
        role_assignments: ["ra:1", "ra:2"],
        vlan_config: { vlan_type: "dot1q", vlan: 100, vlan_ethertype: "0x8100" },
        handover: 1,
        cloud_vlan: null,
        external_ref: "ref",
        purchase_order: "",
        contract_ref: null,
        status: [],
        ...over,
      }) as NetworkServiceConfig;

    it("read-back shows what changed outside Pulumi (VLAN, connection, role assignments), nothing when unchanged", () => {
      const old = { ...CFG, externalRef: "ref" } as NetworkServiceConfigInputs;
      assert.deepEqual(readBackInputs(wire(), old), old);
      assert.deepEqual(readBackInputs(wire({ vlan_config: { vlan_type: "dot1q", vlan: 555, vlan_ethertype: "0x8100" } }), old).vlanConfig, { vlanType: "dot1q", vlan: 555 });
      assert.equal(readBackInputs(wire({ connection: "CANL-051077" }), old).connection, "CANL-051077");
      assert.deepEqual(readBackInputs(wire({ role_assignments: ["ra:1"] }), old).roleAssignments, ["ra:1"]);
      assert.equal(readBackInputs(wire({ cloud_vlan: 12 }), old).cloudVlan, 12);
      const o = toOutputs(wire({ state: "error", status: [{ message: "no route" }] as never }), old);
      assert.deepEqual([o.configId, o.state, o.statusMessages], ["nsc:1", "error", ["no route"]]);
    });
  });

  describe("NetworkServiceConfig update or replace", () => {
    const olds = checkCfg({ ...CFG }).inputs;
    const diff = (news: Record<string, unknown>) => networkServiceConfigLifecycle.diff!("nsc:1", olds, news) as { replaces: string[]; changed: string[]; deleteBeforeReplace: boolean };

    it("service, handover, cloud VLAN and accounts replace (delete first when the slot is the same); connection, VLAN, roles and refs in place", () => {
      assert.deepEqual(Object.entries(updateTable).filter(([, r]) => r === "replace").map(([k]) => k).sort(), ["billingAccount", "cloudVlan", "consumingAccount", "handover", "managingAccount", "networkService"]);
      const d = diff({ ...olds, billingAccount: "A0087265" });
      assert.deepEqual([d.replaces, d.deleteBeforeReplace], [["billingAccount"], true], "same service, handover and cloud VLAN: would collide");
      const h = diff({ ...olds, handover: 2 });
      assert.deepEqual([h.replaces, h.deleteBeforeReplace], [["handover"], false]);
      assert.equal(diff({ ...olds, cloudVlan: 10 }).deleteBeforeReplace, false);
      for (const [k, v] of Object.entries({ connection: "CANL-051077", vlanConfig: { vlanType: "dot1q", vlan: 200 }, roleAssignments: ["ra:1"], purchaseOrder: "PO" })) {
        const x = diff({ ...olds, [k]: v });
        assert.deepEqual([x.changed, x.replaces], [[k], []], k);
      }
      assert.equal(sameSlot({ networkService: "a", handover: 1 }, { networkService: "a", handover: 1, cloudVlan: null } as NetworkServiceConfigInputs), true);
    });

    it("the merge PATCH carries what changed, valid against the schema", () => {
      const o = olds as NetworkServiceConfigInputs;
      assert.deepEqual(mergePatch(o, o), {});
      const p = mergePatch(o, { ...o, vlanConfig: { vlanType: "dot1q", vlan: 200 }, connection: "CANL-051077", roleAssignments: ["ra:1"] });
      assert.deepEqual(p, { connection: "CANL-051077", vlan_config: { vlan_type: "dot1q", vlan: 200, vlan_ethertype: "0x8100" }, role_assignments: ["ra:1"] });
      assert.equal(checkRequest("PATCH", "/network-service-configs/{id}", { type: "cloud_vc", ...p }), "");
      assert.deepEqual(mergePatch(o, { ...o, vlanConfig: { vlanType: "dot1q", vlan: 100, vlanEthertype: "0x8100" } }), {}, "the default ethertype spelled out is no change");
    });
  });

  describe("Contact and RoleAssignment", () => {
    const C = { managingAccount: "A0087264", consumingAccount: "A0087264", name: "NOC", email: "noc@example.com", telephone: "+442071838750" };
    const contactFailures = (news: Record<string, unknown>) => (contactLifecycle.check({}, news) as Outcome).failures.map((f) => `${f.property}: ${f.reason}`);

    it("contact checks: E.164 telephone, email, lengths; a deterministic external_ref", () => {
      assert.deepEqual(contactFailures(C), []);
      assert.deepEqual(contactFailures({ ...C, telephone: "069 123456" }), ["telephone: must be in E.164 format, e.g. +442071838750"]);
      assert.deepEqual(contactFailures({ ...C, email: "noc" }), ["email: must be an email address such as noc@example.com"]);
      assert.deepEqual(contactFailures({ ...C, name: "n".repeat(129) }), ["name: must be at most 128 characters long"]);
      const a = (contactLifecycle.check({}, C) as Outcome).inputs.externalRef;
      assert.match(String(a), /^pulumi:contact:[0-9a-f]{24}$/);
      assert.equal((contactLifecycle.check({}, { ...C, telephone: "+4969123" }) as Outcome).inputs.externalRef, a);
    });

    it("contact body, role required_fields, read-back and PATCH", () => {
      const body = buildContactRequest({ ...C, externalRef: "r" });
      assert.deepEqual(body, { managing_account: "A0087264", consuming_account: "A0087264", name: "NOC", email: "noc@example.com", telephone: "+442071838750", external_ref: "r" });
      assert.equal(checkRequest("POST", "/contacts", body), "");
      assert.deepEqual(missingFields(buildContactRequest({ managingAccount: "a", consumingAccount: "a", name: "x" }), ["email", "telephone"]), ["email", "telephone"]);
      assert.deepEqual(missingFields({ email: "" }, ["email"]), ["email"]);
      const old = { ...C, externalRef: "r", roles: ["noc"] } as ContactInputs;
      const wire = { id: "c:1", ...body } as Contact;
      assert.deepEqual(contactReadBack(wire, old), old);
      assert.equal(contactReadBack({ ...wire, telephone: "+4969000" } as Contact, old).telephone, "+4969000");
      assert.deepEqual(contactPatch(old, { ...old, email: "ops@example.com", telephone: undefined }), { email: "ops@example.com", telephone: null });
      assert.deepEqual((contactLifecycle.diff!("c:1", old, { ...old, consumingAccount: "A0087265" }) as { replaces: string[] }).replaces, ["consumingAccount"]);
      assert.deepEqual((contactLifecycle.diff!("c:1", old, { ...old, name: "Ops" }) as { replaces: string[] }).replaces, []);
    });

    it("role assignment: role name and contact required; both replace", () => {
      const f = (roleAssignmentLifecycle.check({}, { role: "", contact: "" }) as Outcome).failures.map((x) => `${x.property}: ${x.reason}`).sort();
      assert.deepEqual(f, ["contact: is required", "role: is required: a role name such as noc or implementation"]);
      const olds = { role: "noc", contact: "c:1" };
      assert.deepEqual((roleAssignmentLifecycle.diff!("ra:1", olds, { role: "legal", contact: "c:2" }) as { replaces: string[] }).replaces.sort(), ["contact", "role"]);
      assert.equal((roleAssignmentLifecycle.diff!("ra:1", { ...olds, roleId: "role:noc", assignmentId: "ra:1" }, olds) as { changes: boolean }).changes, false);
    });
  });
});
