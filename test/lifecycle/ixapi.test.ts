import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { CheckFailed, Engine, makeUrn } from "../harness/engine";
import { InitFailure } from "../harness/plugin";
import { Props, secret } from "../harness/wire";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const ALIBABA = "alibaba-express-connect.fra.eu-central-1";
const ACC = { managingAccount: "A0087264", consumingAccount: "A0087264", billingAccount: "A0087264" };

/** The four ixapi kinds through the SDK's real dynamic-provider plugin, against the sandbox. */
describe("lifecycle: ixapi kinds through the plugin", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let engine: Engine;
  let session: LifecycleSession;
  const type = (kind: string) => `pulumi-nodejs:dynamic/${kind}`;
  const urn = (kind: string, name: string) => makeUrn(type(kind), name, "interconnect-tests");
  // `dependencies` as a program records them (an input taken from another resource's output), so the
  // engine's concurrent destroy deletes a config before the role assignments and service it uses.
  const reg = (kind: string, name: string, inputs: Props, dependencies: string[] = []) =>
    engine.register({ urn: urn(kind, name), type: type(kind), name, inputs: { __provider: session.providerText(kind), ...inputs }, dependencies });

  before(async () => {
    session = await lifecycleSession(["ixapi:NetworkService", "ixapi:NetworkServiceConfig", "ixapi:Contact", "ixapi:RoleAssignment"], { prefix: "ixapi-lifecycle-" });
    ({ sb, engine } = session);
  });
  after(() => session?.close());

  it("check failures name the field and call nothing", async () => {
    const n = sb.admin.requests().length;
    await assert.rejects(reg("ixapi:NetworkService", "bad", { ...ACC, productOffering: ALIBABA, cloudKey: secret("9876543210123456"), capacity: 0, bogus: 1 }), (e: unknown) => {
      assert.ok(e instanceof CheckFailed);
      assert.deepEqual(e.failures.map((f) => f.property).sort(), ["bogus", "capacity"]);
      return true;
    });
    assert.equal(sb.admin.requests().length, n);
  });

  it("a cloud key of the wrong shape for the offering's provider fails before any write", async () => {
    await assert.rejects(reg("ixapi:NetworkService", "badkey", { ...ACC, productOffering: ALIBABA, cloudKey: secret("123") }), /cloudKey\) does not look like an Alibaba Cloud account id/);
    assert.equal(sb.admin.inventory().ixapi.networkServices.length, 0);
  });

  it("service, contacts, role assignments and two configs: up, refresh clean, drift seen, up restores, destroy empties", async () => {
    const svc = await reg("ixapi:NetworkService", "svc", { ...ACC, productOffering: ALIBABA, cloudKey: secret("9876543210123456"), capacity: 200 });
    assert.equal(svc.outputs.state, "allocated");
    assert.equal(svc.outputs.diversity, 2);
    assert.ok(svc.secretKeys.includes("cloudKey"));
    const contact = await reg("ixapi:Contact", "noc", { managingAccount: "A0087264", consumingAccount: "A0087264", name: "NOC", email: "noc@example.com", telephone: "+442071838750", roles: ["noc", "implementation"] });
    await assert.rejects(reg("ixapi:Contact", "thin", { managingAccount: "A0087264", consumingAccount: "A0087264", name: "Thin", roles: ["noc"] }), /role noc requires email, telephone/);
    const ras: string[] = [];
    for (const role of ["implementation", "noc"]) ras.push((await reg("ixapi:RoleAssignment", role, { role, contact: contact.id }, [urn("ixapi:Contact", "noc")])).id);
    const cfgDeps = [urn("ixapi:NetworkService", "svc"), urn("ixapi:RoleAssignment", "implementation"), urn("ixapi:RoleAssignment", "noc")];
    const cfg = (handover: number, connection: string, vlan: number) => ({ ...ACC, networkService: svc.id, connection, handover, vlanConfig: { vlanType: "dot1q", vlan }, roleAssignments: ras });
    await assert.rejects(reg("ixapi:NetworkServiceConfig", "noroles", { ...cfg(1, "CANL-051075", 100), roleAssignments: [] }), /requires contacts with the roles implementation, noc/);
    const c1 = await reg("ixapi:NetworkServiceConfig", "h1", cfg(1, "CANL-051075", 100), cfgDeps);
    const c2 = await reg("ixapi:NetworkServiceConfig", "h2", cfg(2, "CANL-051076", 100), cfgDeps);
    assert.equal(c1.outputs.state, "production");
    assert.equal(c2.outputs.state, "production");
    assert.equal((sb.admin.ixapi.service(svc.id) as Props).state, "production");

    let report = await engine.refresh();
    assert.ok(report.every((r) => !r.dropped && r.changedInputs.length === 0), JSON.stringify(report));
    sb.admin.ixapi.updateConfig(c1.id, { vlan_config: { vlan_type: "dot1q", vlan: 555 } });
    report = await engine.refresh();
    assert.deepEqual(report.filter((r) => r.changedInputs.length).map((r) => [r.id, r.changedInputs]), [[c1.id, ["vlanConfig"]]]);
    await reg("ixapi:NetworkServiceConfig", "h1", cfg(1, "CANL-051075", 100), cfgDeps);
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(((sb.admin.ixapi.config(c1.id) as Props).vlan_config as Props).vlan, 100);
    // In place: capacity.
    await reg("ixapi:NetworkService", "svc", { ...ACC, productOffering: ALIBABA, cloudKey: secret("9876543210123456"), capacity: 500 });
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal((sb.admin.ixapi.service(svc.id) as Props).capacity, 500);

    await engine.destroy();
    const inv = sb.admin.inventory().ixapi;
    assert.deepEqual([inv.networkServices.length, inv.networkServiceConfigs.length, inv.contacts.length, inv.roleAssignments.length], [0, 0, 0, 0]);
  });

  it("a service stuck in requested: partial failure recording the id; decommissioned/archived reads as gone", async () => {
    sb.admin.ixapi.stallNext("service");
    await assert.rejects(reg("ixapi:NetworkService", "stuck", { ...ACC, productOffering: ALIBABA, cloudKey: secret("9876543210123456"), timeouts: { create: "1s" } }), (e: unknown) => {
      assert.ok(e instanceof InitFailure, String(e));
      assert.match(e.message, /last state requested/);
      return true;
    });
    const rec = engine.get(urn("ixapi:NetworkService", "stuck"))!;
    assert.ok(rec.id.startsWith("ns:"));
    sb.admin.ixapi.setDecommissionMode("archived");
    sb.admin.ixapi.decommissionService(rec.id);
    const report = await engine.refresh();
    assert.deepEqual(report.filter((r) => r.id === rec.id).map((r) => r.dropped), [true]);
    sb.admin.ixapi.resetRules();
    assert.equal(sb.admin.inventory().ixapi.networkServices.length, 0);
  });
});
