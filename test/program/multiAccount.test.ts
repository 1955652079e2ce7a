// Accounts and regions per resource (issue 14): one stack (test/fixtures/multi-account-program) across two
// Alibaba accounts and two regions against the sandbox, every dynamic resource through the real plugin
// (dist/ code): up puts each object in the account and region its resource names, refresh is quiet, a
// region change is refused, a credential set that does not see an object is refused, one that does is
// taken in place, and destroy empties both accounts. The second set's keys come from the stack config
// (`alicloud-second:`), never from inputs, and neither the state nor a serialized provider holds a key.
import assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { runProgram, type RunProgramOptions } from "../harness/program";
import type { EngineState } from "../harness/engine";
import { sandboxEnv } from "../../sandbox";
import { sandboxSession, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "fixtures", "multi-account-program");

describe("program: one stack across two Alibaba accounts and two regions (credentials and region per resource)", function () {
  this.timeout(240_000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: Omit<RunProgramOptions, "operation">;
  let state: EngineState;
  let decoys: string[];
  let partnerHosted: string;
  const world = () => sb.world.alibaba;
  const res = (name: string) => state.resources.find((r) => r.urn.endsWith(`::${name}`))!;

  before(async () => {
    session = await sandboxSession("multi-account-");
    sb = session.sb;
    const second = sb.alibaba.second;
    // A partner's hosted connection in the second account in Frankfurt, and two with the same VLAN where
    // the resource must not look: in the default account in Frankfurt, and in the second account in us-west-1.
    partnerHosted = sb.admin.alibaba.createHostedConnection({ vlan: 2345, bandwidth: 200, name: "from-partner", accountId: second.accountId, accessPointId: "ap-de-fra-eqx-a" });
    decoys = [
      sb.admin.alibaba.createHostedConnection({ vlan: 2345, bandwidth: 200, name: "decoy-default-account", accessPointId: "ap-de-fra-eqx-a" }),
      sb.admin.alibaba.createHostedConnection({ vlan: 2345, bandwidth: 200, name: "decoy-other-region", accountId: second.accountId, accessPointId: "ap-us-sv-eqx-a" }),
    ];
    const frPort = sb.equinix.ports.find((p) => p.metroCode === "FR" && p.encapsulation === "DOT1Q" && p.priority === "PRIMARY")!;
    // The default sets from the environment, as the sandbox prints them; the second set only from the stack config.
    const env = Object.fromEntries(Object.entries(sandboxEnv(sb)).filter(([k]) => !k.endsWith("_SECOND")));
    base = {
      projectDir,
      stateFile: path.join(session.dir, "state.json"),
      config: {
        frPort: frPort.uuid,
        secondAccountId: second.accountId,
        hostedVlan: "2345",
        "alicloud-second:accessKey": second.accessKeyId,
        "alicloud-second:secretKey": second.accessKeySecret,
      },
      secretConfig: ["secondAccountId", "alicloud-second:secretKey"],
      env: { ...env, INTERCONNECT_POLL_INTERVAL_MS: "50", INTERCONNECT_QUIET: "1" },
    };
  });
  after(() => session?.close());

  it("up: each object in the account and region its resource names, the hosted connection found by VLAN there only", async () => {
    assert.equal(sb.alibaba.region, "us-west-1", "the stack's default region");
    const r = await runProgram({ ...base, operation: "up" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    state = r.state;
    const { accountId: defaultAccount } = sb.alibaba;
    const secondAccount = sb.alibaba.second.accountId;
    const out = r.outputs as Record<string, string>;
    const owner = (id: string) => world().connections.get(id)!;
    assert.deepEqual([owner(out.usConnection).owner, owner(out.usConnection).region], [defaultAccount, "us-west-1"]);
    assert.deepEqual([owner(out.euConnection).owner, owner(out.euConnection).region], [secondAccount, "eu-central-1"]);
    const vbr = (id: string) => world().vbrs.get(id)!;
    assert.deepEqual([vbr(out.usVbrId).owner, vbr(out.usVbrId).region], [defaultAccount, "us-west-1"]);
    assert.deepEqual([vbr(out.euVbrId).owner, vbr(out.euVbrId).region], [secondAccount, "eu-central-1"]);
    // By VLAN, in the second account's Frankfurt region only: not the decoys with the same VLAN.
    assert.equal(r.outputs.hostedId, partnerHosted);
    assert.equal(r.outputs.hostedStatus, "Enabled");
    for (const d of decoys) assert.equal(world().connections.get(d)!.vpconnStatus, "UnConfirmed", `decoy ${d} untouched`);
    // The Fabric handover in FR, accepted in the second account in eu-central-1 while alicloud:region says us-west-1.
    const [h] = r.outputs.handovers as Array<Record<string, any>>;
    assert.deepEqual([h.alibabaStatus, h.vbrStatus], ["Enabled", "active"]);
    assert.deepEqual([owner(h.alibabaConnectionId).owner, owner(h.alibabaConnectionId).region], [secondAccount, "eu-central-1"]);
    assert.deepEqual([vbr(h.vbrId).owner, vbr(h.vbrId).region], [secondAccount, "eu-central-1"]);
    // The state records where each object lives: the set when named, the region always.
    assert.deepEqual([res("eu-vbr").outputs.credentials, res("eu-vbr").outputs.region], ["second", "eu-central-1"]);
    assert.deepEqual([res("us-vbr").outputs.credentials, res("us-vbr").outputs.region], [undefined, "us-west-1"]);
    assert.deepEqual([res("fr-primary-vbr").outputs.credentials, res("fr-primary-vbr").outputs.region], ["second", "eu-central-1"]);
    assert.equal(res("fr-primary").outputs.credentials, undefined, "the Fabric leg uses the default Equinix set");
  });

  it("no key in the state or in a serialized provider: the inputs name the set, the keys stay in config and env", () => {
    const text = fs.readFileSync(base.stateFile, "utf8");
    for (const secret of [sb.alibaba.second.accessKeySecret, sb.alibaba.accessKeySecret, sb.alibaba.second.accessKeyId, sb.alibaba.accessKeyId, sb.equinix.clientSecret]) {
      assert.ok(!text.includes(secret), "a key is in the state");
    }
    for (const r of state.resources) {
      const provider = String(r.outputs.__provider ?? "");
      assert.ok(provider.length > 0 && !provider.includes("second") && !provider.includes("eu-central-1"), `${r.urn}: the provider is the thin one`);
    }
  });

  it("refresh right after: no change anywhere", async () => {
    const r = await runProgram({ ...base, operation: "refresh" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    for (const rep of r.refresh!) {
      assert.equal(rep.dropped, false, rep.urn);
      assert.deepEqual(rep.changedInputs, [], rep.urn);
    }
  });

  it("a region change is refused, naming both regions, and changes nothing", async () => {
    const before = res("eu-vbr");
    const r = await runProgram({ ...base, config: { ...base.config, moveVbr: "us-west-1" }, operation: "up" });
    assert.ok(r.error, "refused");
    assert.match(r.error!.message, /region: VBR vbr-\S+ lives in eu-central-1 and cannot move to us-west-1; nothing was changed/);
    assert.ok(world().vbrs.get(before.id), "the VBR is still there");
    assert.equal(world().vbrs.get(before.id)!.region, "eu-central-1");
    assert.ok(!r.steps.some((s) => s.op === "create" || s.op === "delete" || s.op === "replace"), JSON.stringify(r.steps.map((s) => s.op)));
  });

  it("a credential set that does not see the object is refused; one that does is taken in place", async () => {
    const id = res("us-vbr").id;
    const refused = await runProgram({ ...base, config: { ...base.config, vbrCredentials: "second" }, operation: "up" });
    assert.ok(refused.error, "refused");
    assert.match(refused.error!.message, /credentials: VBR vbr-\S+ is not visible with credential set "second" in us-west-1, so it was not moved to it and nothing was changed/);
    assert.equal(world().vbrs.get(id)!.owner, sb.alibaba.accountId);
    // Another name for the default account's keys (a rotated or renamed set): the same object, in place.
    const alias = { ...base.config, vbrCredentials: "alias", "alicloud-alias:accessKey": sb.alibaba.accessKeyId, "alicloud-alias:secretKey": sb.alibaba.accessKeySecret };
    const r = await runProgram({ ...base, config: alias, secretConfig: [...base.secretConfig!, "alicloud-alias:secretKey"], operation: "up" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    state = r.state;
    const step = r.steps.find((s) => s.urn.endsWith("::us-vbr"))!;
    assert.equal(step.op, "update");
    assert.equal(res("us-vbr").id, id, "the same VBR");
    assert.equal(res("us-vbr").outputs.credentials, "alias");
    base = { ...base, config: alias, secretConfig: [...base.secretConfig!, "alicloud-alias:secretKey"] };
  });

  it("destroy: both accounts and regions are empty again (the partner's decoys aside), and Fabric too", async () => {
    const r = await runProgram({ ...base, operation: "destroy" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    assert.equal(r.state.resources.length, 0);
    const inv = sb.admin.inventory() as { alibaba: { physicalConnections: Array<{ PhysicalConnectionId: string }>; virtualBorderRouters: unknown[] }; equinix: { connections: unknown[] } };
    assert.deepEqual(inv.alibaba.physicalConnections.map((c) => c.PhysicalConnectionId).sort(), [...decoys].sort());
    assert.deepEqual(inv.alibaba.virtualBorderRouters, []);
    assert.deepEqual(inv.equinix.connections, []);
  });
});
