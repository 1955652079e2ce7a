import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { CONNECTIONS } from "../../sandbox/ixapi";
import { runProgram, RunProgramOptions } from "../harness/program";
import { isSecret } from "../harness/wire";
import { programBase, sandboxSession, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "fixtures", "ixapi-program");
const OFFERING = "alibaba-express-connect.fra.eu-central-1";
const CLOUD_KEY = "5318008123456789";
const t = (kind: string) => `pulumi-nodejs:dynamic/ixapi:${kind}`;
const urn = (kind: string, name: string) => `urn:pulumi:dev::ixapi-program::${t(kind)}::${name}`;
const SVC = urn("NetworkService", "alibaba-fra");
const H1 = urn("NetworkServiceConfig", "handover-1");
const H2 = urn("NetworkServiceConfig", "handover-2");
const NOC = urn("Contact", "noc");
const RA_NOC = urn("RoleAssignment", "noc-role");
const RA_IMPL = urn("RoleAssignment", "implementation-role");
const ALL = [SVC, H1, H2, NOC, RA_NOC, RA_IMPL];

/**
 * A whole program (test/fixtures/ixapi-program) against the IX-API sandbox: a cloud service to the
 * Alibaba offering (diversity 2) with a config per handover on connections at different pops, and the
 * contact and role assignments its nsc_required_contact_roles demand. Up, refresh clean, a config VLAN
 * changed and the service decommissioned outside Pulumi, up restores both, destroy empties the sandbox.
 */
describe("program: ixapi cloud service to Alibaba with diversity 2", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: Omit<RunProgramOptions, "operation">;
  let diagnostics = "";
  const inv = () => sb.admin.inventory().ixapi as Record<string, Array<Record<string, any>>>;
  const stateId = (u: string) => JSON.parse(fs.readFileSync(base.stateFile, "utf8")).resources.find((x: any) => x.urn === u)?.id as string;
  const run = async (operation: RunProgramOptions["operation"]) => {
    const r = await runProgram({ ...base, operation });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    diagnostics += r.diagnostics + r.programOutput;
    return r;
  };

  before(async () => {
    session = await sandboxSession("ixapi-program-");
    sb = session.sb;
    base = programBase(sb, {
      projectDir,
      program: "index.ts",
      stateFile: path.join(session.dir, "state.json"),
      config: { cloudKey: CLOUD_KEY, account: "A0087264", offering: OFFERING, capacity: "200", connectionA: "CANL-051075", connectionB: "CANL-051076" },
      secretConfig: ["cloudKey"],
      credentials: ["ixapi"],
      env: { INTERCONNECT_QUIET: undefined },
      onDiagnostic: (line) => void (diagnostics += line + "\n"),
    });
  });
  after(() => session?.close());

  it("up creates the service, the contact, both role assignments and a config per handover at different pops", async () => {
    const r = await run("up");
    assert.deepEqual(r.steps.map((s) => [s.urn, s.op]).sort(), ALL.map((u) => [u, "create"]).sort());
    const at = (u: string) => r.steps.findIndex((s) => s.urn === u);
    for (const cfg of [H1, H2]) for (const dep of [SVC, RA_NOC, RA_IMPL]) assert.ok(at(cfg) > at(dep), `${cfg} after ${dep}`);
    assert.equal(r.outputs.diversity, 2);
    assert.deepEqual([...(r.outputs.requiredRoles as string[])].sort(), ["role:implementation", "role:noc"]);
    assert.deepEqual([r.outputs.handover1State, r.outputs.handover2State], ["production", "production"]);
    // The cloud key is a secret: in the output, in the state, never in the diagnostics.
    assert.ok(isSecret(r.outputs.serviceCloudKey), JSON.stringify(r.outputs.serviceCloudKey));
    assert.ok(r.state.resources.find((x) => x.urn === SVC)!.secretKeys.includes("cloudKey"));

    const { networkServices, networkServiceConfigs, contacts, roleAssignments } = inv();
    assert.equal(networkServices.length, 1);
    const svc = networkServices[0];
    assert.deepEqual([svc.id, svc.state, svc.cloud_key, svc.capacity, svc.product_offering], [r.outputs.serviceId, "production", CLOUD_KEY, 200, OFFERING]);
    assert.equal(networkServiceConfigs.length, 2);
    const byHandover = new Map(networkServiceConfigs.map((c) => [c.handover, c]));
    assert.deepEqual([byHandover.get(1)!.connection, byHandover.get(2)!.connection], ["CANL-051075", "CANL-051076"]);
    assert.deepEqual([byHandover.get(1)!.vlan_config.vlan, byHandover.get(2)!.vlan_config.vlan], [300, 301]);
    const pops = networkServiceConfigs.map((c) => CONNECTIONS.find((x) => x.id === c.connection)!.pop);
    assert.deepEqual(pops.sort(), ["pop:FRA5-A", "pop:FRA7-B"], "true diversity: the handovers are on different pops");
    for (const c of networkServiceConfigs) assert.deepEqual([...c.role_assignments].sort(), roleAssignments.map((a) => a.id).sort());
    assert.equal(contacts.length, 1);
    assert.deepEqual(roleAssignments.map((a) => a.role).sort(), ["role:implementation", "role:noc"]);
  });

  it("refresh right after finds nothing changed", async () => {
    const r = await run("refresh");
    assert.deepEqual(r.refresh!.map((x) => [x.urn, x.dropped, x.changedInputs]).sort(), ALL.map((u) => [u, false, []]).sort());
  });

  it("refresh sees a config VLAN changed and the service decommissioned outside Pulumi", async () => {
    sb.admin.ixapi.updateConfig(stateId(H1), { vlan_config: { vlan_type: "dot1q", vlan: 777 } });
    // H1 keeps its drift for the refresh to see; then the whole service (with its configs) goes.
    const r1 = await run("refresh");
    const rep1 = new Map(r1.refresh!.map((x) => [x.urn, x]));
    assert.deepEqual(rep1.get(H1)!.changedInputs, ["vlanConfig"]);
    assert.deepEqual(r1.state.resources.find((x) => x.urn === H1)!.outputs.vlanConfig, { vlanType: "dot1q", vlan: 777 });
    for (const u of [SVC, H2, NOC, RA_NOC, RA_IMPL]) assert.deepEqual([rep1.get(u)!.dropped, rep1.get(u)!.changedInputs], [false, []], u);

    const oldService = stateId(SVC);
    sb.admin.ixapi.decommissionService(oldService);
    assert.equal(sb.admin.ixapi.service(oldService), undefined, "404 mode: the service is gone");
    const r2 = await run("refresh");
    const rep2 = new Map(r2.refresh!.map((x) => [x.urn, x]));
    assert.deepEqual([SVC, H1, H2].map((u) => rep2.get(u)!.dropped), [true, true, true]);
    assert.deepEqual([NOC, RA_NOC, RA_IMPL].map((u) => rep2.get(u)!.dropped), [false, false, false]);
    assert.deepEqual(r2.state.resources.map((x) => x.urn).filter((u) => [SVC, H1, H2].includes(u)), []);
  });

  it("up restores both: a new service and configs (VLAN 300 again), contact and assignments kept", async () => {
    const ids = Object.fromEntries([NOC, RA_NOC, RA_IMPL].map((u) => [u, stateId(u)]));
    const r = await run("up");
    assert.deepEqual(r.steps.map((s) => [s.urn, s.op]).sort(), [
      [H1, "create"],
      [H2, "create"],
      [NOC, "same"],
      [RA_IMPL, "same"],
      [RA_NOC, "same"],
      [SVC, "create"],
    ].sort());
    for (const u of [NOC, RA_NOC, RA_IMPL]) assert.equal(stateId(u), ids[u]);
    const { networkServices, networkServiceConfigs } = inv();
    assert.deepEqual(networkServices.map((s) => [s.id, s.state]), [[r.outputs.serviceId, "production"]]);
    assert.deepEqual(networkServiceConfigs.map((c) => [c.handover, c.vlan_config.vlan, c.network_service]).sort(), [
      [1, 300, r.outputs.serviceId],
      [2, 301, r.outputs.serviceId],
    ]);
  });

  it("destroy leaves the sandbox empty; the cloud key never showed in any diagnostics", async () => {
    const r = await run("destroy");
    assert.deepEqual(r.steps.filter((s) => s.op === "delete").map((s) => s.urn).sort(), [...ALL].sort());
    const at = (u: string) => r.steps.findIndex((s) => s.urn === u);
    assert.ok(at(H1) < at(SVC) && at(H2) < at(SVC) && at(H1) < at(RA_NOC), "configs go before the service and the assignments they use");
    const { networkServices, networkServiceConfigs, contacts, roleAssignments } = inv();
    assert.deepEqual([networkServices, networkServiceConfigs, contacts, roleAssignments], [[], [], [], []]);
    assert.deepEqual(r.state.resources.filter((x) => !x.urn.includes("pulumi:pulumi:Stack") && !x.urn.includes("pulumi:providers")), []);
    assert.match(diagnostics, /network service ns:\S+.*requested; waiting for the exchange to allocate it/, "progress lines were captured");
    assert.ok(!diagnostics.includes(CLOUD_KEY), "the cloud key leaked into the diagnostics");
  });
});
