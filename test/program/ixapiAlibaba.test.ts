// IX-API to Alibaba, whole (issue 14): the example examples/ixapi-alibaba against the sandbox, every
// dynamic resource through the real plugin (dist/ code). The exchange's service to the Alibaba offering
// makes one hosted connection per handover appear in the Alibaba account named by the cloud key, in the
// offering's region (eu-central-1, while alicloud:region says us-west-1); the component accepts each and
// puts a VBR on it. Then refresh is quiet, a VBR deleted in the console comes back on the next up, and
// destroy goes VBRs, hosted connections, configs, service, without one refusal, leaving the sandbox empty.
import assert from "node:assert/strict";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { runProgram, type RunProgramOptions } from "../harness/program";
import { programBase, sandboxSession, stackConfig, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "..", "examples", "ixapi-alibaba");

describe("program: IX-API to Alibaba, whole (examples/ixapi-alibaba)", function () {
  this.timeout(240_000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: Omit<RunProgramOptions, "operation">;
  const world = () => sb.world.alibaba;

  before(async () => {
    session = await sandboxSession("ixapi-alibaba-");
    sb = session.sb;
    base = programBase(sb, {
      projectDir,
      stateFile: path.join(session.dir, "state.json"),
      stack: "sandbox",
      config: { ...stackConfig(projectDir), "ixapi-alibaba:cloudKey": sb.alibaba.accountId },
      secretConfig: ["ixapi-alibaba:cloudKey"],
      env: { INTERCONNECT_QUIET: "1" },
    });
  });
  after(() => session?.close());

  it("up: the service and its configs, then each hosted connection accepted (Enabled) with a VBR on its VLAN (active), in eu-central-1", async () => {
    const r = await runProgram({ ...base, operation: "up" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    // service, contact, two role assignments, two configs, two hosted connections, two VBRs
    assert.equal(r.steps.filter((s) => s.op === "create").length, 10);
    assert.equal(r.outputs.ready, true);
    const handovers = r.outputs.alibabaHandovers as Array<Record<string, any>>;
    assert.deepEqual(
      handovers.map((h) => [h.handover, h.alibabaStatus, h.vlanId, h.vbrStatus]),
      [
        [1, "Enabled", 300, "active"],
        [2, "Enabled", 301, "active"],
      ],
    );
    for (const h of handovers) {
      const pc = world().connections.get(h.alibabaConnectionId)!;
      assert.deepEqual([pc.owner, pc.region, pc.productType, pc.vpconnStatus, pc.partner?.api], [sb.alibaba.accountId, "eu-central-1", "VirtualPhysicalConnection", "Confirmed", "ixapi"]);
      const vbr = world().vbrs.get(h.vbrId)!;
      assert.deepEqual([vbr.pcId, vbr.vlanId, vbr.region], [h.alibabaConnectionId, h.vlanId, "eu-central-1"]);
    }
    // Each handover's hosted connection sits on the exchange's parent at the access point of its pop.
    const parents = handovers.map((h) => world().connections.get(h.alibabaConnectionId)!.accessPointId);
    assert.deepEqual(parents, ["ap-de-fra-ixn-a", "ap-de-fra-ixn-b"]);
  });

  it("refresh right after shows no change", async () => {
    const r = await runProgram({ ...base, operation: "refresh" });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    for (const x of r.refresh!) {
      assert.equal(x.dropped, false, x.urn);
      assert.deepEqual(x.changedInputs, [], `${x.urn}: ${x.changedInputs.join(", ")}`);
    }
  });

  it("a VBR deleted in the Alibaba console is dropped by refresh and made again by up, on the same hosted connection", async () => {
    const before = await runProgram({ ...base, operation: "refresh" });
    const vbr = before.state.resources.find((x) => x.urn.endsWith("::alibaba-fra-handover-2-vbr"))!;
    sb.admin.alibaba.deleteVbr(vbr.id);
    const refresh = await runProgram({ ...base, operation: "refresh" });
    assert.ok(refresh.refresh!.some((x) => x.urn === vbr.urn && x.dropped));
    const up = await runProgram({ ...base, operation: "up" });
    assert.equal(up.error, undefined, JSON.stringify(up.error) + up.diagnostics);
    assert.deepEqual(up.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.urn.split("::").pop()]), [["create", "alibaba-fra-handover-2-vbr"]]);
    const h2 = (up.outputs.alibabaHandovers as Array<Record<string, any>>)[1];
    assert.equal(world().vbrs.get(h2.vbrId)!.pcId, h2.alibabaConnectionId);
  });

  it("destroy: VBRs, then the hosted connections (terminated, deleted), then the configs and the service; no refusal; nothing left", async () => {
    sb.admin.clearRequests();
    const r = await runProgram({ ...base, operation: "destroy" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    assert.deepEqual(r.state.resources, []);
    const log = sb.admin.requests().filter((q) => q.api === "alibaba" || q.api === "ixapi");
    // Reads answer 404 once an object is gone (how the waits see it go); no write may be refused.
    const refused = log.filter((q) => q.status >= 400 && !/\.(get|list)$|^alibaba\.Describe/.test(q.kind));
    assert.deepEqual(refused.map((q) => `${q.kind} ${q.status}`), [], "every delete came in an order the vendors accept");
    const seqs = (kind: string) => log.filter((q) => q.kind === kind && q.status < 300).map((q) => q.seq);
    const [vbrDeletes, terminates, pcDeletes, configDeletes, serviceDeletes] = [
      "alibaba.DeleteVirtualBorderRouter",
      "alibaba.TerminatePhysicalConnection",
      "alibaba.DeletePhysicalConnection",
      "ixapi.networkServiceConfig.delete",
      "ixapi.networkService.delete",
    ].map(seqs);
    assert.deepEqual([vbrDeletes.length, terminates.length, pcDeletes.length, configDeletes.length, serviceDeletes.length], [2, 2, 2, 2, 1]);
    assert.ok(Math.min(...terminates) > Math.min(...vbrDeletes), "a hosted connection is terminated only after a VBR went");
    assert.ok(Math.min(...configDeletes) > Math.min(...pcDeletes), "a config is decommissioned only after a hosted connection went");
    assert.ok(Math.min(...serviceDeletes) > Math.max(...pcDeletes, ...configDeletes), "the service goes last");
    for (const [api, kinds] of Object.entries(sb.admin.inventory())) {
      for (const [kind, objects] of Object.entries(kinds)) assert.deepEqual(objects, [], `${api}.${kind} left behind`);
    }
  });
});
