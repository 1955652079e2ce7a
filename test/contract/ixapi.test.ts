import assert from "node:assert/strict";
import { startSandbox, type Sandbox } from "../../sandbox";
import { ixapiClient } from "../../provider/ixapi/client";
import { buildServiceRequest } from "../../provider/ixapi/networkServiceMapping";
import { buildConfigRequest } from "../../provider/ixapi/networkServiceConfigMapping";
import { checkRequest, checkResponse, checkSchema, clearSettings, templateOf, useSandbox } from "../unit/ixapi/helpers";
import { callContext, observingTransport } from "../support/context";

const ALIBABA = "alibaba-express-connect.fra.eu-central-1";
const AZURE = "ms-express-route.ms-london.AMS";

/** Every sandbox answer of an exchange's cloud service flow, checked against the official schema (IX-API 2.1.0). */
describe("ixapi contract: sandbox responses and client requests against the IX-API 2.1.0 schema", () => {
  let sb: Sandbox;
  let token = "";
  const seen: string[] = [];
  const call = async (method: string, path: string, body?: unknown, expect?: number) => {
    const res = await fetch(`${sb.ixapi.apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const data = text ? JSON.parse(text) : undefined;
    const template = templateOf(path)!;
    assert.ok(template, `${path} is in the schema`);
    const problems = checkResponse(method, template, res.status, data);
    assert.equal(problems, "", `${method} ${path} -> ${res.status}: ${problems}\n${text.slice(0, 500)}`);
    if (expect !== undefined) assert.equal(res.status, expect, `${method} ${path}: ${text.slice(0, 300)}`);
    seen.push(`${method} ${template} ${res.status}`);
    return data;
  };

  before(async () => {
    sb = await startSandbox({ timeScale: 0 });
    const res = await fetch(`${sb.ixapi.apiUrl}/auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ api_key: sb.ixapi.apiKey, api_secret: sb.ixapi.apiSecret }) });
    const body = (await res.json()) as { access_token: string; refresh_token: string };
    assert.equal(res.status, 201);
    assert.equal(checkResponse("POST", "/auth/token", 201, body), "");
    assert.equal(checkRequest("POST", "/auth/token", { api_key: sb.ixapi.apiKey, api_secret: sb.ixapi.apiSecret }), "");
    token = body.access_token;
    const r2 = await fetch(`${sb.ixapi.apiUrl}/auth/refresh`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refresh_token: body.refresh_token }) });
    assert.equal(checkResponse("POST", "/auth/refresh", r2.status, await r2.json()), "");
  });
  after(async () => {
    clearSettings();
    await sb.stop();
  });

  it("catalog: offerings (Alibaba diversity 2, AWS diversity 1, Azure multi-VLAN), pops on A and B, accounts, connections, roles", async () => {
    const offerings = await call("GET", "/product-offerings?type=cloud_vc", undefined, 200);
    const by = Object.fromEntries(offerings.map((o: any) => [o.service_provider, o]));
    assert.equal(by.Alibaba.diversity, 2);
    assert.equal(by.AWS.diversity, 1);
    assert.equal(by.Microsoft.provider_vlans, "multi");
    await call("GET", `/product-offerings/${ALIBABA}`, undefined, 200);
    const pops = await call("GET", "/pops?metro_area_network=man:FRA", undefined, 200);
    assert.deepEqual(pops.map((p: any) => p.name).sort(), ["FRA5-A", "FRA7-B"]);
    await call("GET", "/pops/pop:FRA5-A", undefined, 200);
    await call("GET", "/accounts", undefined, 200);
    await call("GET", "/accounts/A0087264", undefined, 200);
    await call("GET", "/connections", undefined, 200);
    await call("GET", "/connections/CANL-051075", undefined, 200);
    const roles = await call("GET", "/roles?name=implementation", undefined, 200);
    assert.deepEqual(roles[0].required_fields, ["name", "email"]);
    await call("GET", "/roles/role:noc", undefined, 200);
  });

  it("the cloud service flow: service, contacts, role assignments, configs, production, cancellation policy, decommission; and its errors", async () => {
    const svc = await call("POST", "/network-services", { type: "cloud_vc", product_offering: ALIBABA, managing_account: "A0087264", consuming_account: "A0087264", billing_account: "A0087264", cloud_key: "9876543210123456", capacity: 500, external_ref: "IX:Service:1" }, 201);
    await call("GET", "/network-services?external_ref=IX:Service:1", undefined, 200);
    const ras: string[] = [];
    for (const role of ["implementation", "noc"]) {
      const contact = await call("POST", "/contacts", { managing_account: "A0087264", consuming_account: "A0087264", name: "Some A. Name", email: "info@customer.com", telephone: "+442071838750" }, 201);
      await call("GET", `/contacts/${contact.id}`, undefined, 200);
      await call("PATCH", `/contacts/${contact.id}`, { name: "Some B. Name" }, 200);
      const ra = await call("POST", "/role-assignments", { role: `role:${role}`, contact: contact.id }, 201);
      await call("GET", `/role-assignments?id=${ra.id}`, undefined, 200);
      ras.push(ra.id);
    }
    await call("GET", "/role-assignments", undefined, 200);
    await call("GET", "/contacts", undefined, 200);
    const cfg = (handover: number, connection: string, vlan: number) => ({ type: "cloud_vc", network_service: svc.id, managing_account: "A0087264", consuming_account: "A0087264", billing_account: "A0087264", role_assignments: ras, connection, vlan_config: { vlan_type: "dot1q", vlan, vlan_ethertype: "0x8100" }, handover, cloud_vlan: null });
    // Errors: unknown handover, a single-VLAN offering given a cloud_vlan, same pop for both handovers, missing roles.
    await call("POST", "/network-service-configs", cfg(3, "CANL-051075", 100), 400);
    await call("POST", "/network-service-configs", { ...cfg(1, "CANL-051075", 100), cloud_vlan: 5 }, 400);
    await call("POST", "/network-service-configs", { ...cfg(1, "CANL-051075", 100), role_assignments: [] }, 400);
    const c1 = await call("POST", "/network-service-configs", cfg(1, "CANL-051075", 100), 201);
    await call("POST", "/network-service-configs", cfg(2, "CANL-051077", 101), 400); // same pop as handover 1
    await call("POST", "/network-service-configs", cfg(1, "CANL-051076", 101), 400); // (handover, cloud_vlan) taken
    const c2 = await call("POST", "/network-service-configs", cfg(2, "CANL-051076", 100), 201);
    const prod = await call("GET", `/network-services/${svc.id}`, undefined, 200);
    assert.equal(prod.state, "production");
    await call("GET", `/network-service-configs/${c1.id}`, undefined, 200);
    await call("GET", `/network-service-configs?network_service=${svc.id}`, undefined, 200);
    await call("PATCH", `/network-service-configs/${c2.id}`, { vlan_config: { vlan_type: "dot1q", vlan: 222 } }, 202);
    await call("PATCH", `/network-services/${svc.id}`, { capacity: 1000 }, 202);
    await call("PATCH", `/network-services/${svc.id}`, { capacity: 1 }, 400);
    await call("GET", `/network-services/${svc.id}/cancellation-policy?decommission_at=2000-01-01`, undefined, 200);
    await call("DELETE", `/network-services/${svc.id}`, { decommission_at: "2000-01-01" }, 400);
    await call("DELETE", `/role-assignments/${ras[0]}`, undefined, 400); // still used by a config
    await call("DELETE", `/network-service-configs/${c2.id}`, undefined, 202);
    const gone = await call("DELETE", `/network-services/${svc.id}`, undefined, 202);
    assert.equal(gone.state, "decommission_requested");
    assert.match(gone.decommission_at, /^\d{4}-\d{2}-\d{2}$/);
    sb.admin.clock.advance(10);
    await call("GET", `/network-services/${svc.id}`, undefined, 404);
    await call("GET", `/network-service-configs/${c1.id}`, undefined, 404);
    await call("GET", "/network-services/ns:nope", undefined, 404);
    // The "in future" mode: 200 with decommissioned / archived.
    sb.admin.ixapi.setDecommissionMode("archived");
    const archived = await call("GET", `/network-services/${svc.id}`, undefined, 200);
    assert.equal(archived.state, "archived");
    sb.admin.ixapi.setDecommissionMode("404");
  });

  it("Azure multi-VLAN: one config per (handover, cloud_vlan); 401 answers are problems", async () => {
    const svc = await call("POST", "/network-services", { type: "cloud_vc", product_offering: AZURE, managing_account: "A0087264", consuming_account: "A0087264", billing_account: "A0087264", cloud_key: "dc79e015-f15c-4681-9c7b-6d16b2973997" }, 201);
    assert.equal(svc.capacity, 2000);
    const cfg = (handover: number, cloud_vlan: number | null, connection: string, vlan: number) => ({ type: "cloud_vc", network_service: svc.id, managing_account: "A0087264", consuming_account: "A0087264", billing_account: "A0087264", role_assignments: [], connection, vlan_config: { vlan_type: "qinq", outer_vlan: vlan, inner_vlan: 10 }, handover, cloud_vlan });
    await call("POST", "/network-service-configs", cfg(1, 100, "CANL-061001", 300), 201);
    await call("POST", "/network-service-configs", cfg(1, 200, "CANL-061001", 301), 201);
    await call("POST", "/network-service-configs", cfg(1, 200, "CANL-061001", 302), 400);
    await call("DELETE", `/network-services/${svc.id}`, undefined, 202);
    const saved = token;
    token = "not-a-token";
    await call("GET", "/network-services", undefined, 401);
    token = saved;
  });

  it("every request body the provider sends validates against the schema", async () => {
    useSandbox(sb, "oauth");
    const sent: Array<{ method: string; template: string; body?: unknown }> = [];
    // The client's calls over a transport that records every request to the IX-API (not the token endpoint's).
    const transport = observingTransport((req) => {
      if (!req.url.startsWith(sb.ixapi.apiUrl)) return;
      const path = req.url.slice(sb.ixapi.apiUrl.length);
      sent.push({ method: req.method, template: templateOf(path) ?? path, body: req.body === undefined ? undefined : JSON.parse(req.body) });
    });
    const api = ixapiClient(callContext({ transport }));
    const svcReq = buildServiceRequest({ productOffering: ALIBABA, managingAccount: "A0087264", consumingAccount: "A0087264", billingAccount: "A0087264", cloudKey: "9876543210123456", capacity: 200, externalRef: "contract-1", purchaseOrder: "PO 1", contractRef: "c-1" });
    const svc = await api.createNetworkService(svcReq);
    const contact = await api.createContact({ managing_account: "A0087264", consuming_account: "A0087264", name: "N", email: "n@example.com", telephone: "+442071838750", external_ref: "contact-1" });
    await api.patchContact(contact.id, { telephone: "+442071838751" });
    const ras = [await api.createRoleAssignment({ role: "role:implementation", contact: contact.id }), await api.createRoleAssignment({ role: "role:noc", contact: contact.id })].map((r) => r.id);
    const base = { networkService: svc.id, managingAccount: "A0087264", consumingAccount: "A0087264", billingAccount: "A0087264", roleAssignments: ras };
    const c1 = await api.createNetworkServiceConfig(buildConfigRequest({ ...base, connection: "CANL-051075", handover: 1, vlanConfig: { vlanType: "dot1q", vlan: 300, vlanEthertype: "0x8100" }, externalRef: "cfg-1" }));
    await api.createNetworkServiceConfig(buildConfigRequest({ ...base, connection: "CANL-051076", handover: 2, vlanConfig: { vlanType: "qinq", outerVlan: 301, innerVlan: 7 } }));
    await api.patchNetworkServiceConfig(c1.id, { vlan_config: { vlan_type: "dot1q", vlan: 302, vlan_ethertype: "0x8100" } });
    await api.patchNetworkService(svc.id, { capacity: 500, purchase_order: "PO 2" });
    await api.getCancellationPolicy(svc.id, "2099-01-01");
    await api.deleteNetworkService(svc.id, "2099-01-01");
    assert.ok(sent.length >= 8);
    for (const r of sent) {
      const problems = checkRequest(r.method, r.template, r.body);
      assert.equal(problems, "", `${r.method} ${r.template}: ${problems} ${JSON.stringify(r.body)}`);
    }
    assert.equal(checkSchema("CloudNetworkServiceRequest", svcReq), "");
  });
});
