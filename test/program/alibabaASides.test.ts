import assert from "node:assert/strict";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { CLOUD_ROUTER_SEEDS, SERVICE_TOKEN_SEEDS, VIRTUAL_DEVICE_SEEDS } from "../../sandbox/equinix";
import { runProgram, RunProgramOptions } from "../harness/program";
import type { EngineState } from "../harness/engine";
import { programBase, sandboxSession, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "fixtures", "alibaba-asides-program");
const short = (urn: string) => urn.split("::").pop()!;
const TOKEN_PRI = SERVICE_TOKEN_SEEDS.find((t) => t.name === "sandbox-token-sv-pri")!;
const TOKEN_SEC = SERVICE_TOKEN_SEEDS.find((t) => t.name === "sandbox-token-sv-sec")!;
const FCR = CLOUD_ROUTER_SEEDS.find((r) => r.metroCode === "SV")!;
const EDGE = VIRTUAL_DEVICE_SEEDS.find((d) => d.metroCode === "SV")!;

/**
 * The "Connect to Alibaba Cloud" guide from every A side besides a port (test/fixtures/alibaba-asides-program,
 * components.AlibabaInterconnect against the sandbox's shared world): a redundant pair from two A-side
 * service tokens, a handover from a Fabric Cloud Router and one from a Network Edge device. Each Fabric
 * connection makes an Alibaba connection appear, which is accepted and gets a VBR on the connection's
 * VLAN. Refresh finds nothing changed; destroy runs in the vendors' order (VBR, the Alibaba connection
 * terminated and deleted, Equinix deprovisioning its side because of it, then the Fabric resource).
 */
describe("program: connections to Alibaba from service tokens, a cloud router and a virtual device", function () {
  this.timeout(240_000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: Omit<RunProgramOptions, "operation">;
  let state: EngineState;
  const fabricIds = () => state.resources.filter((r) => r.type.endsWith("fabric:Connection")).map((r) => r.id);

  before(async () => {
    session = await sandboxSession("alibaba-asides-");
    sb = session.sb;
    base = programBase(sb, {
      projectDir,
      stateFile: path.join(session.dir, "state.json"),
      config: {
        alibabaAccountId: sb.alibaba.accountId,
        primaryToken: TOKEN_PRI.uuid,
        secondaryToken: TOKEN_SEC.uuid,
        cloudRouter: FCR.uuid,
        virtualDevice: EDGE.uuid,
      },
      secretConfig: ["alibabaAccountId"],
    });
  });
  after(() => session?.close());

  it("up: per handover the Fabric connection from its A side, the accepted Alibaba connection and a VBR on its VLAN", async () => {
    const r = await runProgram({ ...base, operation: "up" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    state = r.state;
    assert.equal(r.steps.filter((s) => s.op === "create").length, 12);
    const handovers = [...(r.outputs.tokenHandovers as any[]), ...(r.outputs.routerHandovers as any[]), ...(r.outputs.deviceHandovers as any[])];
    assert.equal(handovers.length, 4);
    const fabric = handovers.map((h) => sb.admin.equinix.connection(h.fabricUuid) as Record<string, any>);
    for (const [i, h] of handovers.entries()) {
      assert.equal(h.alibabaStatus, "Enabled", JSON.stringify(h));
      assert.equal(h.vbrStatus, "active", JSON.stringify(h));
      assert.equal(fabric[i].zSide.accessPoint.providerConnectionId, h.alibabaConnectionId);
      // The VBR sits on the VLAN Fabric hands to Alibaba: the token's, or the one Equinix assigned.
      assert.equal(h.vlanId, fabric[i].zSide.accessPoint.linkProtocol.vlanTag);
      assert.equal(fabric[i].operation.providerStatus, "PROVISIONED", "accepted on Alibaba");
    }
    const [tokPri, tokSec, router, device] = fabric;
    assert.deepEqual([tokPri.aSide.serviceToken.uuid, tokPri.aSide.accessPoint.port.uuid, tokPri.aSide.accessPoint.linkProtocol.vlanTag], [TOKEN_PRI.uuid, TOKEN_PRI.port.uuid, 2101]);
    assert.deepEqual([tokSec.aSide.serviceToken.uuid, tokSec.redundancy.priority, tokSec.redundancy.group], [TOKEN_SEC.uuid, "SECONDARY", tokPri.redundancy.group]);
    assert.deepEqual([router.type, router.aSide.accessPoint.type, router.aSide.accessPoint.router.uuid], ["IP_VC", "CLOUD_ROUTER", FCR.uuid]);
    assert.deepEqual([device.type, device.aSide.accessPoint.virtualDevice.uuid, device.aSide.accessPoint.interface.id], ["EVPL_VC", EDGE.uuid, 5]);
    for (const t of [TOKEN_PRI, TOKEN_SEC]) assert.equal((sb.admin.equinix.serviceToken(t.uuid) as any).state, "INACTIVE", "each token redeemed");
    assert.ok(!r.diagnostics.includes(sb.alibaba.accountId), "the account id never shows in diagnostics");
  });

  it("refresh right after: nothing dropped, no input changed", async () => {
    const r = await runProgram({ ...base, operation: "refresh" });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    for (const x of r.refresh ?? []) assert.deepEqual([x.dropped, x.changedInputs], [false, []], short(x.urn));
    assert.equal((r.refresh ?? []).length, 12);
    state = r.state;
  });

  it("destroy: VBRs, then the Alibaba connections (whose deletion deprovisions Fabric), then the Fabric resources; nothing left", async () => {
    const ids = fabricIds();
    const r = await runProgram({ ...base, operation: "destroy" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    const order = r.steps.filter((s) => s.op === "delete").map((s) => short(s.urn));
    assert.equal(order.length, 12);
    for (const leg of ["via-token-primary", "via-token-secondary", "via-router-primary", "via-device-primary"]) {
      assert.ok(order.indexOf(`${leg}-vbr`) < order.indexOf(`${leg}-accept`), order.join(" "));
      assert.ok(order.indexOf(`${leg}-accept`) < order.indexOf(leg), order.join(" "));
    }
    for (const id of ids) {
      const c = sb.admin.equinix.connection(id) as Record<string, any>;
      assert.equal(c.operation.equinixStatus, "DEPROVISIONED");
      assert.equal(c.changeLog.deletedBy, "provider", "Equinix deprovisioned it because the Alibaba connection was deleted");
    }
    assert.deepEqual(r.state.resources, []);
    const inventory = sb.admin.inventory();
    for (const [api, kinds] of Object.entries(inventory)) {
      for (const [kind, objects] of Object.entries(kinds)) assert.deepEqual(objects, [], `${api}.${kind} left behind`);
    }
    const ne = sb.admin.equinix.virtualDevice(EDGE.uuid) as Record<string, any>;
    assert.equal(ne.interfaces.find((i: any) => i.id === 5).status, "AVAILABLE", "the device's interface is free again");
  });
});
