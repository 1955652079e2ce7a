import assert from "node:assert/strict";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { runProgram, RunProgramOptions } from "../harness/program";
import type { EngineState } from "../harness/engine";
import { isSecret } from "../harness/wire";
import { mainExampleConfig, programBase, sandboxSession, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "..", "examples", "fabric-alibaba-redundant");
const COMPONENT = "pulumi-interconnect:components:AlibabaInterconnect";
const short = (urn: string) => urn.split("::").pop()!;

/**
 * The main example (examples/fabric-alibaba-redundant: components.AlibabaInterconnect) against the
 * sandbox's shared world: each Fabric connection makes a hosted connection appear in the Alibaba account,
 * the component accepts it and puts a VBR on it. Then changes made outside Pulumi: one VBR deleted, and
 * one Alibaba connection terminated and deleted (Equinix deprovisions its Fabric leg with it). The next
 * up repairs both, and destroy runs in the seed's order and leaves nothing behind.
 */
describe("program: components.AlibabaInterconnect (examples/fabric-alibaba-redundant)", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: Omit<RunProgramOptions, "operation">;
  let state: EngineState;
  const byName = (name: string) => state.resources.find((r) => r.name === name)!;

  before(async () => {
    session = await sandboxSession("alibaba-interconnect-");
    sb = session.sb;
    base = programBase(sb, {
      projectDir,
      stateFile: path.join(session.dir, "state.json"),
      stack: "sandbox",
      config: mainExampleConfig(sb),
      secretConfig: ["alibabaAccountId"],
    });
  });
  after(() => session?.close());

  it("up: per handover a Fabric connection, the accepted Alibaba connection and a VBR on the VLAN Equinix assigned", async () => {
    const r = await runProgram({ ...base, operation: "up" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    state = r.state;
    assert.equal(r.steps.filter((s) => s.op === "create").length, 6);
    assert.ok(r.components.some((c) => c.type === COMPONENT && c.name === "alibaba"));
    const handovers = r.outputs.handovers as Array<Record<string, any>>;
    assert.equal(handovers.length, 2);
    for (const h of handovers) {
      assert.equal(h.alibabaStatus, "Enabled", JSON.stringify(h));
      assert.match(h.alibabaConnectionId, /^pc-/);
      assert.match(h.vbrId, /^vbr-/);
      assert.equal(h.vbrStatus, "active");
      const fabric = sb.admin.equinix.connection(h.fabricUuid) as Record<string, any>;
      assert.equal(fabric.zSide.accessPoint.providerConnectionId, h.alibabaConnectionId);
      // The VBR sits on the VLAN Equinix assigned to the connection.
      assert.equal(h.vlanId, fabric.aSide.accessPoint.linkProtocol.vlanTag);
    }
    // Accepting on Alibaba moved Fabric on: PROVISIONED/PROVISIONED after the next read.
    assert.deepEqual(handovers.map((h) => h.role), ["primary", "secondary"]);
    assert.ok(isSecret(r.outputs.handovers) || !JSON.stringify(r.outputs.handovers).includes(String(base.config!.alibabaAccountId)));
    assert.ok(!r.diagnostics.includes(String(base.config!.alibabaAccountId)), "the account id never shows in diagnostics");
  });

  it("refresh right after: nothing changed (Fabric now reports the accepted connections as PROVISIONED)", async () => {
    const r = await runProgram({ ...base, operation: "refresh" });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    const dropped = (r.refresh ?? []).filter((x) => x.dropped);
    assert.deepEqual(dropped, []);
    // Only Fabric's status outputs may move (the acceptance happened after its create); no input drifted.
    for (const x of r.refresh ?? []) assert.deepEqual(x.changedInputs, [], `${short(x.urn)}: ${x.changedInputs.join(", ")}`);
    state = r.state;
    assert.equal(byName("alibaba-primary").outputs.providerStatus, "PROVISIONED");
  });

  it("outside Pulumi: the secondary's VBR is deleted, and the primary's Alibaba connection is terminated and deleted", async () => {
    const secVbr = byName("alibaba-secondary-vbr").id;
    const priPc = byName("alibaba-primary-accept").id;
    const priFabric = byName("alibaba-primary").id;
    sb.admin.alibaba.deleteVbr(secVbr);
    sb.admin.alibaba.terminateConnection(priPc);
    sb.admin.alibaba.deleteConnection(priPc);
    // Equinix deprovisions the Fabric leg when its Alibaba side is gone.
    sb.admin.clock.advance(60_000);
    const fabric = sb.admin.equinix.connection(priFabric) as Record<string, any>;
    assert.equal(fabric.operation.equinixStatus, "DEPROVISIONED");

    const r = await runProgram({ ...base, operation: "refresh" });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    const dropped = (r.refresh ?? []).filter((x) => x.dropped).map((x) => short(x.urn)).sort();
    assert.deepEqual(dropped, ["alibaba-primary", "alibaba-primary-accept", "alibaba-primary-vbr", "alibaba-secondary-vbr"]);
  });

  it("up repairs both: a new Fabric leg, its acceptance and VBR, and the secondary's VBR", async () => {
    const r = await runProgram({ ...base, operation: "up", onDiagnostic: process.env.DEBUG_PROGRAM ? (l) => console.log("   |", l) : undefined });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    const created = r.steps.filter((s) => s.op === "create").map((s) => short(s.urn)).sort();
    assert.deepEqual(created, ["alibaba-primary", "alibaba-primary-accept", "alibaba-primary-vbr", "alibaba-secondary-vbr"]);
    const handovers = r.outputs.handovers as Array<Record<string, any>>;
    assert.ok(handovers.every((h) => h.alibabaStatus === "Enabled" && h.vbrStatus === "active"), JSON.stringify(handovers));
    state = r.state;
  });

  it("destroy: VBRs, then the Alibaba connections (Equinix deprovisions), then the Fabric legs; nothing left", async () => {
    const r = await runProgram({ ...base, operation: "destroy" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    const order = r.steps.filter((s) => s.op === "delete").map((s) => short(s.urn));
    for (const role of ["primary", "secondary"]) {
      assert.ok(order.indexOf(`alibaba-${role}-vbr`) < order.indexOf(`alibaba-${role}-accept`), order.join(" "));
      assert.ok(order.indexOf(`alibaba-${role}-accept`) < order.indexOf(`alibaba-${role}`), order.join(" "));
    }
    assert.deepEqual(r.state.resources, []);
    const inventory = sb.admin.inventory();
    for (const [api, kinds] of Object.entries(inventory)) {
      for (const [kind, objects] of Object.entries(kinds)) assert.deepEqual(objects, [], `${api}.${kind} left behind`);
    }
  });
});
