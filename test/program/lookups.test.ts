import assert from "node:assert/strict";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { ALIBABA_PROFILE_UUID, findPort } from "../../sandbox/equinix";
import { runProgram } from "../harness/program";
import { isSecret } from "../harness/wire";
import { programBase, sandboxSession, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "fixtures", "lookups-program");

/**
 * The look-ups in a whole program (test/fixtures/lookups-program) under the engine harness: the Equinix
 * credentials come from the stack config (the client secret a secret key), as the provider reads them,
 * the Alibaba and IX-API ones from the environment. Promise variants feed plain values, Output variants
 * a fabric.Connection; a secret argument gives a secret result; a look-up that finds nothing fails the
 * program with a message naming the criteria and the candidates, and no secret anywhere.
 */
describe("program: look-ups with the stack's credentials", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: ReturnType<typeof programBase>;
  before(async () => {
    session = await sandboxSession("lookups-");
    sb = session.sb;
    base = programBase(sb, {
      projectDir,
      stateFile: path.join(session.dir, "state.json"),
      credentials: ["alibaba", "ixapi"],
      config: {
        "equinix:clientId": sb.equinix.clientId,
        "equinix:clientSecret": sb.equinix.clientSecret,
        "equinix:endpoint": sb.equinix.endpoint,
        metro: "SV",
        secretPortName: findPort("LD", "QINQ", "SECONDARY").name,
        accessPointName: "Silicon Valley Equinix SV1 B",
      },
      secretConfig: ["equinix:clientSecret"],
    });
  });
  after(() => session?.close());

  it("up: the looked-up ports, profile, metro, access point and offering; the connection on the ports", async () => {
    const up = await runProgram({ ...base, operation: "up" });
    assert.equal(up.error, undefined, JSON.stringify(up.error) + up.programOutput);
    assert.equal(up.steps.filter((s) => s.op === "create").length, 1);
    const o = up.outputs as Record<string, unknown>;
    assert.equal(o.profileUuid, ALIBABA_PROFILE_UUID);
    assert.deepEqual(o.sellerRegions, { "us-west-1": "US (Silicon Valley)" });
    assert.equal(o.metroName, "Silicon Valley");
    assert.equal(o.aSide, findPort("SV").name);
    assert.equal(o.connectionStatus, "PROVISIONED/AVAILABLE");
    assert.equal(o.accessPoint, "ap-us-sv-eqx-b");
    assert.equal(o.offering, "alibaba-express-connect.fra.eu-central-1");
    assert.equal(o.diversity, 2);
    assert.equal(o.portCount, 4);
    assert.ok(isSecret(o.hiddenUuid), "a look-up with a secret argument gives a secret result");
    const conn = sb.admin.inventory().equinix.connections as Array<Record<string, any>>;
    assert.deepEqual(
      conn.map((c) => [c.aSide.accessPoint.port.uuid, c.zSide.accessPoint.port.uuid]),
      [[findPort("SV").uuid, findPort("SV", "DOT1Q", "SECONDARY").uuid]],
    );
    assert.ok(!up.programOutput.includes(sb.equinix.clientSecret));
  });

  it("a look-up that finds nothing fails the program, naming the criteria and the candidates, without the secret", async () => {
    const run = await runProgram({ ...base, config: { ...base.config, portName: "270848-SV5-CX-PRI-99" }, operation: "up" });
    assert.ok(run.error, "the program fails");
    const text = `${run.error!.message}\n${run.programOutput}`;
    assert.match(text, /getPort: no Fabric port matches name "270848-SV5-CX-PRI-99", metroCode "SV", type "DOT1Q", priority "PRIMARY", state "ACTIVE"; the Fabric ports these credentials can see: .*270848-SV5-CX-PRI-01 \(SV DOT1Q PRIMARY ACTIVE/);
    assert.ok(!text.includes(sb.equinix.clientSecret), "no secret in the error or the program's output");
    assert.equal(run.steps.filter((s) => s.op === "delete").length, 0, "a failed program deletes nothing");
  });

  it("destroy leaves the sandbox empty", async () => {
    const destroy = await runProgram({ ...base, operation: "destroy" });
    assert.equal(destroy.error, undefined, JSON.stringify(destroy.error));
    assert.deepEqual(destroy.state.resources, []);
    assert.deepEqual(sb.admin.inventory().equinix.connections, []);
  });
});
