// A whole program of fabric.L2Connection (ECX v3) under setMocks, forwarded to the real plugin against the
// sandbox: a redundant Q2Q pair to own ports and a redundant pair to Alibaba; up, refresh, drift on one
// leg, up, destroy, and nothing left. The plugin runs dist/: `npm run build` first.
import { strict as assert } from "assert";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { findPort } from "../../sandbox/equinix";
import { runProgram, RunProgramOptions } from "../harness/program";
import { isSecret } from "../harness/wire";
import { programBase, sandboxSession, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "fixtures", "fabric-l2-program");

describe("program: fabric.L2Connection pairs, up -> refresh -> drift -> up -> destroy", function () {
  this.timeout(60000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: Omit<RunProgramOptions, "operation">;

  before(async () => {
    session = await sandboxSession("fabric-l2-program-", { port: 0, timeScale: 0.2 });
    sb = session.sb;
    base = programBase(sb, {
      projectDir,
      stateFile: path.join(session.dir, "state.json"),
      config: {
        notify: "noc@example.com",
        qinqPrimary: findPort("DC", "QINQ", "PRIMARY").uuid,
        qinqSecondary: findPort("DC", "QINQ", "SECONDARY").uuid,
        zQinqPrimary: findPort("LD", "QINQ", "PRIMARY").uuid,
        zQinqSecondary: findPort("LD", "QINQ", "SECONDARY").uuid,
        aliPrimary: findPort("SV", "QINQ", "PRIMARY").uuid,
        aliSecondary: findPort("SV", "QINQ", "SECONDARY").uuid,
        alibabaAccountId: "5123456789012345",
      },
      secretConfig: ["alibabaAccountId"],
      credentials: ["equinix"],
    });
  });
  after(() => session?.close());

  it("runs the whole cycle and leaves the sandbox empty", async () => {
    const up = await runProgram({ ...base, operation: "up" });
    assert.equal(up.error, undefined, JSON.stringify(up.error));
    assert.deepEqual(up.steps.map((s) => s.op), ["create", "create"]);
    assert.equal(up.outputs.ownStatus, "PROVISIONED/AVAILABLE PROVISIONED/AVAILABLE");
    assert.equal(up.outputs.alibabaStatus, "PROVISIONED/PENDING_APPROVAL PROVISIONED/PENDING_APPROVAL");
    assert.match(String(up.outputs.alibabaAction), /accept connection/);
    assert.equal(sb.admin.inventory().equinix.connections.length, 4);
    const ali = up.state.resources.find((r) => r.name === "alibaba")!;
    assert.ok(ali.secretKeys.includes("authorizationKey"));
    assert.ok(ali.inputs.__provider && !String(ali.inputs.__provider).includes("5123456789012345"), "no credential in __provider");
    const own = sb.admin.equinix.connection(String(up.outputs.ownPrimaryId)) as any;
    assert.equal(own.redundancy.group, up.outputs.ownGroup, "visible through Fabric v4 with the same redundancy group");

    const quiet = await runProgram({ ...base, operation: "refresh" });
    assert.equal(quiet.error, undefined, JSON.stringify(quiet.error));
    assert.deepEqual(quiet.refresh!.filter((x) => x.dropped || x.changedOutputs.length), []);

    // Drift: the secondary leg of the own-ports pair is deleted in the portal.
    const oldSecondary = String(up.outputs.ownSecondaryId);
    sb.admin.equinix.deleteConnection(oldSecondary);
    const drift = await runProgram({ ...base, operation: "refresh" });
    assert.equal(drift.error, undefined, JSON.stringify(drift.error));
    const changed = drift.refresh!.find((x) => x.id === up.outputs.ownPrimaryId)!;
    assert.equal(changed.dropped, false);
    assert.ok(changed.changedOutputs.includes("secondaryStatus"), JSON.stringify(changed));

    const again = await runProgram({ ...base, operation: "up" });
    assert.equal(again.error, undefined, JSON.stringify(again.error));
    const ops = again.steps.map((s) => `${s.urn.split("::").pop()}:${s.op}`);
    assert.ok(ops.includes("own:replace") && ops.includes("alibaba:same"), ops.join(","));
    assert.equal(again.outputs.ownStatus, "PROVISIONED/AVAILABLE PROVISIONED/AVAILABLE");
    assert.notEqual(again.outputs.ownSecondaryId, oldSecondary);
    assert.equal(sb.admin.inventory().equinix.connections.length, 4);

    const down = await runProgram({ ...base, operation: "destroy" });
    assert.equal(down.error, undefined, JSON.stringify(down.error));
    assert.deepEqual(down.state.resources, []);
    const left = Object.entries(sb.admin.inventory()).flatMap(([api, kinds]) => Object.entries(kinds).flatMap(([kind, objs]) => objs.map(() => `${api}.${kind}`)));
    assert.deepEqual(left, [], "nothing left in the sandbox");
    assert.ok(!isSecret(down.outputs));
  });
});
