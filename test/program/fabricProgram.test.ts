import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { findPort } from "../../sandbox/equinix";
import { runProgram, RunProgramOptions } from "../harness/program";
import { programBase, sandboxSession, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "fixtures", "fabric-program");
const T = "pulumi-nodejs:dynamic/fabric:Connection";
const urn = (name: string) => `urn:pulumi:dev::fabric-program::${T}::${name}`;
const PRI = urn("alibaba-primary");
const SEC = urn("alibaba-secondary");
const P2P = urn("dot1q-to-qinq");
const P2P_SEC = urn("dot1q-to-qinq-secondary");
const ACCOUNT = "5123456789012345";

/**
 * A whole program (test/fixtures/fabric-program) against the sandbox: a redundant PRIMARY/SECONDARY
 * pair to Alibaba and a DOT1Q->QINQ port-to-port connection go up, refresh finds nothing to change,
 * sees a portal bandwidth change and a portal delete, the next up restores both, destroy empties the
 * sandbox.
 */
describe("program: fabric.Connection pair to Alibaba plus port-to-port", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: Omit<RunProgramOptions, "operation">;
  const live = () => sb.admin.inventory().equinix.connections as Array<Record<string, any>>;

  before(async () => {
    session = await sandboxSession("fabric-program-");
    sb = session.sb;
    base = programBase(sb, {
      projectDir,
      program: "index.ts",
      stateFile: path.join(session.dir, "state.json"),
      config: {
        bandwidth: "50",
        svPrimaryPort: findPort("SV", "DOT1Q", "PRIMARY").uuid,
        svSecondaryPort: findPort("SV", "DOT1Q", "SECONDARY").uuid,
        svQinqPort: findPort("SV", "QINQ", "PRIMARY").uuid,
        svQinqSecondaryPort: findPort("SV", "QINQ", "SECONDARY").uuid,
        "demo:alibabaAccountId": ACCOUNT,
      },
      secretConfig: ["demo:alibabaAccountId"],
      credentials: ["equinix"],
      env: { INTERCONNECT_QUIET: undefined },
    });
  });
  after(() => session?.close());

  it("up creates the pair (the SECONDARY in the PRIMARY's group) and the port-to-port connection", async () => {
    const r = await runProgram({ ...base, operation: "up" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    assert.deepEqual(r.steps.map((s) => [s.urn, s.op]).sort(), [[P2P, "create"], [P2P_SEC, "create"], [PRI, "create"], [SEC, "create"]].sort());
    assert.ok(r.steps.findIndex((s) => s.urn === SEC) > r.steps.findIndex((s) => s.urn === PRI), "the secondary waits for the primary's group");
    assert.equal(r.outputs.secondaryGroup, r.outputs.redundancyGroup);
    assert.match(String(r.outputs.pendingAction), /Alibaba Cloud/);
    assert.equal(r.outputs.p2pZSidePortType, "QINQ");
    const byId = new Map<unknown, Record<string, any>>(live().map((c) => [c.uuid, c]));
    assert.equal(byId.size, 4);
    assert.equal(r.outputs.p2pSecondaryGroup, r.outputs.p2pGroup);
    assert.equal(byId.get(r.outputs.p2pSecondaryId)!.redundancy.priority, "SECONDARY");
    assert.equal(byId.get(r.outputs.secondaryId)!.redundancy.priority, "SECONDARY");
    assert.equal(byId.get(r.outputs.secondaryId)!.redundancy.group, r.outputs.redundancyGroup);
    assert.deepEqual(byId.get(r.outputs.p2pId)!.zSide.accessPoint.linkProtocol, { type: "QINQ", vlanSTag: 1101, vlanCTag: 1102 });
    // zSide is secret for every connection (additionalSecretOutputs), the account id's above all.
    for (const res of r.state.resources) assert.ok(res.secretKeys.includes("zSide"), `${res.urn}: zSide is secret`);
    assert.match(r.diagnostics, /PROVISIONED\/PENDING_APPROVAL: accept connection/);
    assert.ok(!r.diagnostics.includes(ACCOUNT));
  });

  it("refresh right after finds nothing changed", async () => {
    const r = await runProgram({ ...base, operation: "refresh" });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.deepEqual(r.refresh!.map((x) => [x.urn, x.dropped, x.changedInputs, x.changedOutputs]).sort(), [
      [P2P, false, [], []],
      [P2P_SEC, false, [], []],
      [PRI, false, [], []],
      [SEC, false, [], []],
    ].sort());
  });

  it("refresh sees an out-of-band bandwidth change and an out-of-band delete", async () => {
    const state = JSON.parse(fs.readFileSync(base.stateFile, "utf8"));
    const id = (u: string) => state.resources.find((x: any) => x.urn === u).id;
    sb.admin.equinix.updateConnection(id(PRI), { bandwidth: 200 });
    sb.admin.equinix.deleteConnection(id(P2P));
    const r = await runProgram({ ...base, operation: "refresh" });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    const rep = new Map(r.refresh!.map((x) => [x.urn, x]));
    assert.deepEqual(rep.get(PRI)!.changedInputs, ["bandwidth"]);
    assert.equal(rep.get(P2P)!.dropped, true);
    assert.deepEqual([rep.get(SEC)!.dropped, rep.get(SEC)!.changedInputs], [false, []]);
    assert.deepEqual([rep.get(P2P_SEC)!.dropped, rep.get(P2P_SEC)!.changedInputs], [false, []]);
    assert.equal(r.state.resources.find((x) => x.urn === PRI)!.outputs.bandwidth, 200);
    assert.equal(r.state.resources.find((x) => x.urn === P2P), undefined);
  });

  it("up restores both: the bandwidth in place, the deleted connection created again", async () => {
    const before = JSON.parse(fs.readFileSync(base.stateFile, "utf8"));
    const priId = before.resources.find((x: any) => x.urn === PRI).id;
    const r = await runProgram({ ...base, operation: "up" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    assert.deepEqual(r.steps.map((s) => [s.urn, s.op]).sort(), [[P2P, "create"], [P2P_SEC, "update"], [PRI, "update"], [SEC, "same"]].sort());
    // The p2p secondary stays in its group (not replaced): its update only records the new primary's group.
    assert.match(r.diagnostics, /Equinix keeps this SECONDARY in group/);
    assert.equal(r.outputs.primaryId, priId);
    assert.equal(sb.admin.equinix.connection(priId)!.bandwidth, 50);
    assert.equal(live().length, 4);
    const again = await runProgram({ ...base, operation: "refresh" });
    assert.ok(again.refresh!.every((x) => !x.dropped && x.changedInputs.length === 0), JSON.stringify(again.refresh));
  });

  it("destroy leaves the sandbox empty", async () => {
    const r = await runProgram({ ...base, operation: "destroy" });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.equal(r.steps.filter((s) => s.op === "delete").length, 4);
    // The secondary goes before the primary whose group it uses.
    const order = r.steps.map((s) => s.urn);
    assert.ok(order.indexOf(SEC) < order.indexOf(PRI));
    assert.ok(order.indexOf(P2P_SEC) < order.indexOf(P2P));
    assert.deepEqual(r.state.resources, []);
    assert.deepEqual(live(), []);
  });
});
