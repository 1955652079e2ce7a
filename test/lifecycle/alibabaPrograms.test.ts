// Issue 11's Alibaba defects as a program sees them (the resource classes, through the harness's engine
// and the real plugin; dist/ code: run `npm run build` first): look-alike resources get their own objects
// (2), the VBR's owner account id is a secret output (6), and AlibabaInterconnect refuses a metro whose
// Alibaba region is not alicloud:region before anything is created (9).
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { findPort } from "../../sandbox/equinix";
import { runProgram, type RunProgramOptions } from "../harness/program";
import { isSecret } from "../harness/wire";
import { FAST_ALIBABA } from "../unit/alibaba/helpers";
import { mainExampleConfig, programBase, sandboxSession, type SandboxSession } from "../support/session";

const fixture = path.join(__dirname, "..", "fixtures", "alibaba-issue11-program");
const mainExample = path.join(__dirname, "..", "..", "examples", "fabric-alibaba-redundant");

describe("program: alibaba defects of issue 11", function () {
  this.timeout(120_000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: Omit<RunProgramOptions, "operation">;

  before(async () => {
    session = await sandboxSession("alibaba-issue11-", { port: 0, delays: { alibaba: FAST_ALIBABA } });
    sb = session.sb;
    base = programBase(sb, {
      projectDir: fixture,
      program: "index.ts",
      stateFile: path.join(session.dir, "state.json"),
      config: { hostedConnectionId: sb.admin.alibaba.createHostedConnection({ vlan: 1777, bandwidth: 200, name: "from-equinix" }) },
      credentials: ["alibaba"],
      env: { INTERCONNECT_POLL_INTERVAL_MS: "20", INTERCONNECT_QUIET: "1" },
    });
  });
  after(() => session?.close());

  const inv = () => sb.admin.inventory().alibaba as { physicalConnections: any[]; virtualBorderRouters: any[] };

  let up: Awaited<ReturnType<typeof runProgram>>;

  it("up: two look-alike connections under lost create answers get one connection each", async () => {
    sb.admin.injectFault({ api: "alibaba", action: "CreatePhysicalConnection", times: 2, fault: { kind: "loseResponse" } });
    up = await runProgram({ ...base, operation: "up" });
    assert.equal(up.error, undefined, JSON.stringify(up.error) + up.diagnostics);
    const ids = up.outputs.twinIds as string[];
    assert.equal(new Set(ids).size, 2, `two connections, not one shared: ${ids.join(", ")}`);
    const twins = inv().physicalConnections.filter((c) => c.Name === "twin");
    assert.deepEqual(twins.map((c) => c.PhysicalConnectionId).sort(), [...ids].sort(), "no orphan, no duplicate");
    assert.equal(sb.admin.requests().filter((q) => q.fault === "loseResponse").length, 2);
  });

  it("the VBR's owner account id (the Fabric authentication key) is a secret output in the state", () => {
    const vbr = up.state.resources.find((x) => x.name === "vbr-hosted")!;
    assert.equal(vbr.outputs.physicalConnectionOwnerUid, sb.alibaba.accountId);
    assert.ok(vbr.secretKeys.includes("physicalConnectionOwnerUid"), `secret keys: ${vbr.secretKeys.join(", ")}`);
    assert.ok(isSecret(up.outputs.vbrOwner), "the exported owner id is a secret output");
  });

  it("destroy leaves nothing at Alibaba", async () => {
    const r = await runProgram({ ...base, operation: "destroy" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    assert.deepEqual(r.state.resources, []);
    assert.deepEqual(inv().virtualBorderRouters, []);
    assert.deepEqual(inv().physicalConnections, []);
  });

  it("AlibabaInterconnect with metro FR while alicloud:region is us-west-1: refused before anything is created", async () => {
    const stateFile = path.join(session.dir, "fr-state.json");
    const n = sb.admin.requests().length;
    // The ports are pinned (the example looks them up otherwise), so the program itself sends nothing either.
    const r = await runProgram({
      ...programBase(sb, { projectDir: mainExample, stateFile, stack: "sandbox", config: { ...mainExampleConfig(sb), metro: "FR", primaryPort: findPort("FR").uuid, secondaryPort: findPort("FR", "DOT1Q", "SECONDARY").uuid }, secretConfig: ["alibabaAccountId"] }),
      operation: "up",
    });
    assert.ok(r.error, "the program fails");
    const text = `${r.error!.message}\n${r.diagnostics}`;
    assert.match(text, /sellerRegion eu-central-1 \(the Alibaba region of metroCode FR\) differs from alicloud:region us-west-1/);
    assert.deepEqual(r.state.resources, []);
    assert.equal(sb.admin.requests().length, n, "no request reached Equinix or Alibaba");
    assert.ok(!fs.existsSync(stateFile) || JSON.parse(fs.readFileSync(stateFile, "utf8")).resources.length === 0);
  });
});
