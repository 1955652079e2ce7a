import assert from "node:assert/strict";
import * as path from "path";
import { validateAlibabaInterconnect, type AlibabaInterconnectArgs } from "../../components/alibabaInterconnect";
import type { Sandbox } from "../../sandbox";
import { runProgram, RunProgramOptions } from "../harness/program";
import { isSecret } from "../harness/wire";
import { mainExampleConfig, programBase, sandboxSession, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "fixtures", "alibaba-v3-program");
const COMPONENT = "pulumi-interconnect:components:AlibabaInterconnect";
const short = (urn: string) => urn.split("::").pop()!;

/**
 * components.AlibabaInterconnect with fabricApi "v3" (test/fixtures/alibaba-v3-program) against the
 * sandbox: one fabric.L2Connection (ECX v3) creates both legs in one request, waits until Equinix reports
 * Alibaba's connection id of each, and per leg an alibaba.HostedConnection accepts it and a VBR sits on
 * its VLAN. Refresh changes nothing; destroy runs in the seed's order and leaves nothing behind.
 */
describe("program: components.AlibabaInterconnect with fabricApi v3 (test/fixtures/alibaba-v3-program)", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  let session: SandboxSession;
  let base: Omit<RunProgramOptions, "operation">;

  before(async () => {
    session = await sandboxSession("alibaba-interconnect-v3-");
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

  it("checks the v3 rules before anything is created: ports only, DOT1Q S-tag only, QINQ S- and C-tag, 2..4094, v3 names", () => {
    const leg = (port: Record<string, unknown>) => ({ aSide: { port } as any, localGatewayIp: "10.10.1.1", peerGatewayIp: "10.10.1.2", peeringSubnetMask: "255.255.255.252" });
    const args = (over: Partial<AlibabaInterconnectArgs> = {}): AlibabaInterconnectArgs => ({
      fabricApi: "v3",
      alibabaAccountId: "1956030",
      metroCode: "SV",
      bandwidth: 200,
      notifications: ["noc@example.com"],
      primary: leg({ uuid: "p1", type: "DOT1Q", vlanSTag: 774 }),
      secondary: { ...leg({ uuid: "p2", type: "QINQ", vlanSTag: 775, vlanCTag: 4094 }), localGatewayIp: "10.10.2.1", peerGatewayIp: "10.10.2.2" },
      ...over,
    });
    assert.deepEqual(validateAlibabaInterconnect(args(), "alibaba"), []);
    const errors = validateAlibabaInterconnect(
      args({
        termLength: 12,
        primary: leg({ uuid: "p1", type: "DOT1Q", vlanTag: 774, vlanCTag: 5 }),
        secondary: { ...leg({ uuid: "p1", type: "QINQ", vlanSTag: 4095 }), localGatewayIp: "10.10.2.1", peerGatewayIp: "10.10.2.2", name: "a name with spaces" },
      }),
      "alibaba",
    ).join("\n");
    for (const re of [
      /termLength applies only with fabricApi "v4"/,
      /primary\.aSide\.port\.vlanTag does not apply/,
      /primary\.aSide\.port\.vlanSTag is required/,
      /primary\.aSide\.port\.vlanCTag must be omitted: a DOT1Q port/,
      /secondary\.aSide\.port\.vlanSTag must be a whole number between 2 and 4094/,
      /secondary\.aSide\.port\.vlanCTag is required: a QINQ port/,
      /secondary\.name must be 1 to 24/,
      /secondary\.aSide\.port\.uuid must differ/,
    ]) {
      assert.match(errors, re);
    }
    assert.match(validateAlibabaInterconnect(args({ primary: { ...leg({}), aSide: { serviceToken: { uuid: "t" } } } }), "alibaba").join("\n"), /primary\.aSide\.port is required with fabricApi "v3"/);
    assert.match(validateAlibabaInterconnect(args(), "a-component-name-too-long").join("\n"), /primary\.name must be 1 to 24 .*default from the component name/);
  });

  it("up: one L2Connection for both legs, per leg the accepted Alibaba connection and a VBR on Equinix's VLAN", async () => {
    const r = await runProgram({ ...base, operation: "up" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    const created = r.steps.filter((s) => s.op === "create").map((s) => short(s.urn)).sort();
    assert.deepEqual(created, [
      "alibaba-fabric",
      "alibaba-primary-accept",
      "alibaba-primary-vbr",
      "alibaba-secondary-accept",
      "alibaba-secondary-vbr",
    ]);
    assert.equal(created.length, 5, "1 L2Connection + 2 HostedConnection + 2 VirtualBorderRouter");
    assert.ok(r.components.some((c) => c.type === COMPONENT && c.name === "alibaba"));
    const l2 = r.state.resources.find((x) => x.name === "alibaba-fabric")!;
    const handovers = r.outputs.handovers as Array<Record<string, any>>;
    assert.deepEqual(handovers.map((h) => h.role), ["primary", "secondary"]);
    assert.deepEqual(handovers.map((h) => h.fabricUuid), [l2.outputs.primaryId, l2.outputs.secondaryId]);
    for (const h of handovers) {
      assert.equal(h.alibabaStatus, "Enabled", JSON.stringify(h));
      assert.match(h.alibabaConnectionId, /^pc-/);
      assert.match(h.vbrId, /^vbr-/);
      assert.equal(h.vbrStatus, "active");
      const fabric = sb.admin.equinix.connection(h.fabricUuid) as Record<string, any>;
      assert.equal(fabric.zSide.accessPoint.providerConnectionId, h.alibabaConnectionId);
      assert.equal(h.vlanId, fabric.aSide.accessPoint.linkProtocol.vlanTag);
    }
    assert.deepEqual([l2.outputs.primaryProviderConnectionId, l2.outputs.secondaryProviderConnectionId], handovers.map((h) => h.alibabaConnectionId));
    assert.deepEqual(handovers.map((h) => h.vlanId), [774, 775]);
    assert.equal(r.outputs.redundancyGroup, l2.outputs.redundancyGroup);
    assert.ok(isSecret(r.outputs.handovers) || !JSON.stringify(r.outputs.handovers).includes(String(base.config!.alibabaAccountId)));
    assert.ok(!r.diagnostics.includes(String(base.config!.alibabaAccountId)), "the account id never shows in diagnostics");
  });

  it("refresh right after: nothing dropped, no input changed", async () => {
    const r = await runProgram({ ...base, operation: "refresh" });
    assert.equal(r.error, undefined, JSON.stringify(r.error));
    assert.deepEqual((r.refresh ?? []).filter((x) => x.dropped), []);
    for (const x of r.refresh ?? []) assert.deepEqual(x.changedInputs, [], `${short(x.urn)}: ${x.changedInputs.join(", ")}`);
    const l2 = r.state.resources.find((x) => x.name === "alibaba-fabric")!;
    assert.deepEqual([l2.outputs.primaryProviderStatus, l2.outputs.secondaryProviderStatus], ["PROVISIONED", "PROVISIONED"]);
    assert.match(String(l2.outputs.primaryProviderConnectionId), /^pc-/);
    assert.match(String(l2.outputs.secondaryProviderConnectionId), /^pc-/);
  });

  it("destroy: VBRs, then the Alibaba connections (Equinix deprovisions the legs), then the L2Connection; nothing left", async () => {
    const r = await runProgram({ ...base, operation: "destroy" });
    assert.equal(r.error, undefined, JSON.stringify(r.error) + r.diagnostics);
    const order = r.steps.filter((s) => s.op === "delete").map((s) => short(s.urn));
    assert.equal(order.length, 5, order.join(" "));
    for (const role of ["primary", "secondary"]) {
      assert.ok(order.indexOf(`alibaba-${role}-vbr`) < order.indexOf(`alibaba-${role}-accept`), order.join(" "));
      assert.ok(order.indexOf(`alibaba-${role}-accept`) < order.indexOf("alibaba-fabric"), order.join(" "));
    }
    assert.deepEqual(r.state.resources, []);
    const inventory = sb.admin.inventory();
    for (const [api, kinds] of Object.entries(inventory)) {
      for (const [kind, objects] of Object.entries(kinds)) assert.deepEqual(objects, [], `${api}.${kind} left behind`);
    }
  });
});
