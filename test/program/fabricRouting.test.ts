// A program of fabric.CloudRouter, fabric.Connection and fabric.RoutingProtocol under setMocks, forwarded to
// the real plugin against the sandbox: one up creates router, connection, DIRECT and BGP in dependency
// order with no dependsOn (the BGP names its DIRECT); refresh is quiet; an ASN change is one update;
// destroy deletes BGP, DIRECT, connection, router in that order and leaves nothing. `npm run build` first.
import { strict as assert } from "assert";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { PRIVATE_PROFILE_UUID } from "../../sandbox/equinix";
import { runProgram, RunProgramOptions } from "../harness/program";
import { isSecret } from "../harness/wire";
import { programBase, sandboxSession, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "fixtures", "fabric-routing-program");
const KEY = "program-md5-key-91";

describe("program: a cloud router, its connection, DIRECT and BGP in one up, no dependsOn", function () {
  this.timeout(90_000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: Omit<RunProgramOptions, "operation">;

  before(async () => {
    session = await sandboxSession("fabric-routing-program-", { port: 0, timeScale: 0.1 });
    sb = session.sb;
    base = programBase(sb, {
      projectDir,
      stateFile: path.join(session.dir, "state.json"),
      config: { projectId: sb.equinix.projectId, profileUuid: PRIVATE_PROFILE_UUID, md5Key: KEY },
      secretConfig: ["md5Key"],
      credentials: ["equinix"],
    });
  });
  after(() => session?.close());

  /** The create/delete requests of routers, connections and routing protocols, in order. */
  const writes = (from: number, verb: "create" | "delete") =>
    sb.admin
      .requests()
      .slice(from)
      .filter((q) => new RegExp(`^fabric\\.(router|connection|routingProtocol)\\.${verb}$`).test(q.kind))
      .map((q) => `${q.kind.split(".")[1]} ${q.status}`);

  it("up, refresh, an in-place change, destroy", async () => {
    const n = sb.admin.requests().length;
    const up = await runProgram({ ...base, operation: "up" });
    assert.equal(up.error, undefined, JSON.stringify(up.error));
    assert.deepEqual(up.steps.map((s) => `${s.urn.split("::").pop()}:${s.op}`), ["fcr:create", "fcr-connection:create", "direct:create", "bgp:create"]);
    // DIRECT's create answered before BGP's was sent; Fabric never refused the BGP (EQ-3041012).
    assert.deepEqual(writes(n, "create"), ["router 200", "connection 201", "routingProtocol 202", "routingProtocol 202"]);
    assert.deepEqual([up.outputs.directState, up.outputs.bgpState, up.outputs.routerAsn, up.outputs.equinixPeer], ["PROVISIONED", "PROVISIONED", 30000, "10.66.0.1"]);
    const bgp = up.state.resources.find((r) => r.name === "bgp")!;
    assert.ok(bgp.secretKeys.includes("authenticationKey"), "the key is a secret in the state");
    assert.ok(!JSON.stringify(up.outputs).includes(KEY));

    const quiet = await runProgram({ ...base, operation: "refresh" });
    assert.equal(quiet.error, undefined, JSON.stringify(quiet.error));
    assert.deepEqual(quiet.refresh!.filter((x) => x.dropped || x.changedInputs.length), []);

    const again = await runProgram({ ...base, operation: "up", config: { ...base.config, customerAsn: "65010" } });
    assert.equal(again.error, undefined, JSON.stringify(again.error));
    assert.deepEqual(again.steps.map((s) => `${s.urn.split("::").pop()}:${s.op}`), ["fcr:same", "fcr-connection:same", "direct:same", "bgp:update"]);
    assert.equal((sb.admin.equinix.routingProtocol(String(again.state.resources.find((r) => r.name === "bgp")!.outputs.uuid)) as any).customerAsn, 65010);

    const m = sb.admin.requests().length;
    const down = await runProgram({ ...base, operation: "destroy" });
    assert.equal(down.error, undefined, JSON.stringify(down.error));
    assert.deepEqual(writes(m, "delete"), ["routingProtocol 202", "routingProtocol 202", "connection 200", "router 204"]);
    const deletes = sb.admin.requests().slice(m).filter((q) => q.kind === "fabric.routingProtocol.delete").map((q) => q.path);
    assert.ok(deletes[0].endsWith(String(bgp.outputs.uuid)), "the BGP goes first");
    assert.deepEqual(down.state.resources, []);
    const left = Object.entries(sb.admin.inventory()).flatMap(([api, kinds]) => Object.entries(kinds).flatMap(([kind, objs]) => objs.map(() => `${api}.${kind}`)));
    assert.deepEqual(left, [], "nothing left in the sandbox");
    assert.ok(!isSecret(down.outputs));
  });
});
