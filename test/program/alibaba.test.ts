// The Alibaba program (test/fixtures/alibaba-program) through up -> refresh -> drift -> refresh -> up ->
// destroy against the sandbox, every dynamic resource going through the real plugin (dist/ code).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { runProgram, type RunProgramOptions } from "../harness/program";
import { FAST_ALIBABA } from "../unit/alibaba/helpers";
import { sandboxSession, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "fixtures", "alibaba-program");
const urn = (type: string, name: string) => `urn:pulumi:dev::alibaba-program::pulumi-nodejs:dynamic/alibaba:${type}::${name}`;

describe("alibaba program: redundant dedicated pair + accepted hosted connection, with VBRs", function () {
  this.timeout(120000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: Omit<RunProgramOptions, "operation">;
  let hostedId: string;

  before(async () => {
    session = await sandboxSession("alibaba-program-", { port: 0, delays: { alibaba: FAST_ALIBABA } });
    sb = session.sb;
    hostedId = sb.admin.alibaba.createHostedConnection({ vlan: 1234, bandwidth: 500, name: "from-equinix" });
    base = {
      projectDir,
      program: "index.ts",
      stateFile: path.join(session.dir, "state.json"),
      config: {
        hostedConnectionId: hostedId,
        "alicloud:accessKey": sb.alibaba.accessKeyId,
        "alicloud:secretKey": sb.alibaba.accessKeySecret,
        "alicloud:region": sb.alibaba.region,
        "alicloud:endpoints": JSON.stringify([{ vpc: sb.alibaba.endpoint }]),
      },
      secretConfig: ["alicloud:secretKey"],
      env: { INTERCONNECT_POLL_INTERVAL_MS: "20", INTERCONNECT_QUIET: "1" },
    };
  });
  after(() => session?.close());

  const inv = () => sb.admin.inventory().alibaba as { physicalConnections: any[]; virtualBorderRouters: any[] };
  const byUrn = (state: { resources: Array<{ urn: string; id: string; outputs: any }> }, u: string) => state.resources.find((r) => r.urn === u)!;

  it("up creates everything, the secondary naming the primary, and accepts the hosted connection", async () => {
    const r = await runProgram({ ...base, operation: "up" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    assert.equal(r.state.resources.length, 6);
    assert.ok(r.steps.every((s) => s.op === "create"));
    const primary = byUrn(r.state, urn("PhysicalConnection", "primary"));
    const secondary = byUrn(r.state, urn("PhysicalConnection", "secondary"));
    assert.equal(secondary.outputs.redundantPhysicalConnectionId, primary.id);
    assert.equal(sb.admin.alibaba.connection(secondary.id)!.RedundantPhysicalConnectionId, primary.id);
    assert.equal(r.outputs.hostedStatus, "Enabled");
    assert.equal(r.outputs.hostedVlan, 1234);
    assert.equal(inv().physicalConnections.length, 3);
    assert.equal(inv().virtualBorderRouters.length, 3);
    assert.ok(inv().physicalConnections.every((c) => c.Status === "Enabled"));
    assert.equal(sb.admin.alibaba.vbr(byUrn(r.state, urn("VirtualBorderRouter", "vbr-hosted")).id)!.VlanId, 1234);
  });

  it("refresh right after shows no change", async () => {
    const r = await runProgram({ ...base, operation: "refresh" });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    for (const rep of r.refresh!) {
      assert.equal(rep.dropped, false, rep.urn);
      assert.deepEqual(rep.changedInputs, [], rep.urn);
      assert.deepEqual(rep.changedOutputs, [], rep.urn);
    }
  });

  let oldSecondary = "";
  it("refresh sees an out-of-band VBR peer IP change and a connection terminated outside Pulumi", async () => {
    const state = JSON.parse(fs.readFileSync(base.stateFile, "utf8"));
    const vbr = byUrn(state, urn("VirtualBorderRouter", "vbr-primary"));
    oldSecondary = byUrn(state, urn("PhysicalConnection", "secondary")).id;
    sb.admin.alibaba.updateVbr(vbr.id, { peerGatewayIp: "10.10.0.3" });
    sb.admin.alibaba.terminateConnection(oldSecondary); // its VBR was deleted first, as the console requires
    const r = await runProgram({ ...base, operation: "refresh" });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    const rep = (u: string) => r.refresh!.find((x) => x.urn === u)!;
    assert.deepEqual(rep(urn("VirtualBorderRouter", "vbr-primary")).changedInputs, ["peerGatewayIp"]);
    assert.equal(rep(urn("PhysicalConnection", "secondary")).dropped, true);
    assert.equal(rep(urn("VirtualBorderRouter", "vbr-secondary")).dropped, true);
    assert.equal(r.state.resources.length, 4);
  });

  it("up restores the peer IP and recreates the terminated connection and its VBR", async () => {
    const r = await runProgram({ ...base, operation: "up" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    const op = (u: string) => r.steps.find((s) => s.urn === u)!.op;
    assert.equal(op(urn("VirtualBorderRouter", "vbr-primary")), "update");
    assert.equal(op(urn("PhysicalConnection", "secondary")), "create");
    assert.equal(op(urn("VirtualBorderRouter", "vbr-secondary")), "create");
    assert.equal(op(urn("PhysicalConnection", "primary")), "same");
    assert.equal(op(urn("HostedConnection", "hosted")), "same");
    const secondary = byUrn(r.state, urn("PhysicalConnection", "secondary"));
    assert.notEqual(secondary.id, oldSecondary, "a new connection, not the terminated one the ClientToken remembers");
    const vbr = byUrn(r.state, urn("VirtualBorderRouter", "vbr-primary"));
    assert.equal(sb.admin.alibaba.vbr(vbr.id)!.PeerGatewayIp, "10.10.0.2");
    assert.equal(inv().physicalConnections.length, 3);
    assert.equal(inv().virtualBorderRouters.length, 3);
  });

  it("destroy deletes the VBRs before their connections and leaves the sandbox empty", async () => {
    const r = await runProgram({ ...base, operation: "destroy" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    assert.deepEqual(r.state.resources, []);
    const deletes = r.calls.filter((c) => c.method === "delete").map((c) => c.urn);
    const at = (u: string) => deletes.indexOf(u);
    assert.ok(at(urn("VirtualBorderRouter", "vbr-primary")) < at(urn("PhysicalConnection", "primary")));
    assert.ok(at(urn("VirtualBorderRouter", "vbr-secondary")) < at(urn("PhysicalConnection", "secondary")));
    assert.ok(at(urn("PhysicalConnection", "secondary")) < at(urn("PhysicalConnection", "primary")));
    assert.ok(at(urn("VirtualBorderRouter", "vbr-hosted")) < at(urn("HostedConnection", "hosted")));
    assert.deepEqual(inv().physicalConnections, []);
    assert.deepEqual(inv().virtualBorderRouters, []);
  });
});
