import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { runProgram } from "../harness/program";
import { programBase, sandboxSession, stackConfig, type SandboxSession } from "../support/session";

/**
 * Every example under examples/ runs with its own Pulumi.sandbox.yaml stack config, resolving
 * pulumi-interconnect from its own node_modules as a user's stack does: up, refresh with no change,
 * destroy, and nothing left in the sandbox. (The main example, fabric-alibaba-redundant, has its own
 * longer test in alibabaInterconnect.test.ts.)
 */
const examplesDir = path.join(__dirname, "..", "..", "examples");


const examples: Array<{ name: string; resources: number; check: (outputs: Record<string, any>, sb: Sandbox, config: Record<string, string>) => void }> = [
  {
    name: "fabric-self-redundant",
    resources: 2,
    check: (o) => {
      assert.equal(o.primaryStatus, "PROVISIONED/AVAILABLE");
      assert.equal(o.secondaryStatus, "PROVISIONED/AVAILABLE");
    },
  },
  {
    name: "ixapi-cloud-redundant",
    resources: 6, // service, contact, two role assignments, two configs
    check: (o, sb, config) => {
      assert.equal(o.ready, true);
      assert.deepEqual(o.handovers.map((h: any) => [h.handover, h.state]), [[1, "production"], [2, "production"]]);
      // The shared world: the exchange's service to the Alibaba offering made one hosted connection per
      // handover appear in the Alibaba account named by the cloud key, on the handover's VLAN.
      const alibaba = sb.world.alibaba as unknown as { connections: Map<string, { owner: string; vlanId?: number; vpconnStatus?: string }> };
      const hosted = [...alibaba.connections.values()].filter((c) => c.owner === config["ixapi-cloud-redundant:cloudKey"]);
      assert.deepEqual(hosted.map((c) => [c.vlanId, c.vpconnStatus]).sort(), [[300, "UnConfirmed"], [301, "UnConfirmed"]]);
    },
  },
];

describe("program: every example against the sandbox", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let session: SandboxSession;
  before(async () => {
    session = await sandboxSession("examples-");
    sb = session.sb;
  });
  after(() => session?.close());

  for (const ex of examples) {
    it(`${ex.name}: up, refresh with no change, destroy leaving the sandbox empty`, async () => {
      const projectDir = path.join(examplesDir, ex.name);
      assert.ok(fs.lstatSync(path.join(projectDir, "node_modules", "pulumi-interconnect")).isSymbolicLink(), "resolves the package from its own node_modules");
      const base = programBase(sb, {
        projectDir,
        stateFile: path.join(session.dir, `${ex.name}.json`),
        stack: "sandbox",
        config: stackConfig(projectDir),
      });
      const up = await runProgram({ ...base, operation: "up" });
      assert.equal(up.error, undefined, JSON.stringify(up.error) + up.diagnostics);
      assert.equal(up.steps.filter((s) => s.op === "create").length, ex.resources);
      ex.check(up.outputs, sb, base.config!);

      const refresh = await runProgram({ ...base, operation: "refresh" });
      assert.equal(refresh.error, undefined, JSON.stringify(refresh.error));
      for (const x of refresh.refresh ?? []) {
        assert.equal(x.dropped, false, x.urn);
        assert.deepEqual(x.changedInputs, [], `${x.urn}: ${x.changedInputs.join(", ")}`);
      }

      const destroy = await runProgram({ ...base, operation: "destroy" });
      assert.equal(destroy.error, undefined, JSON.stringify(destroy.error) + destroy.diagnostics);
      assert.deepEqual(destroy.state.resources, []);
      for (const [api, kinds] of Object.entries(sb.admin.inventory())) {
        for (const [kind, objects] of Object.entries(kinds)) assert.deepEqual(objects, [], `${ex.name}: ${api}.${kind} left behind`);
      }
    });
  }
});
