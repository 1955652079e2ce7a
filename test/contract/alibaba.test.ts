// Every request the Alibaba client sends while the three resources go through create, update, read and
// delete is checked against the official action metadata (Alibaba Cloud's VPC API 2016-04-28, derived
// into test/fixtures/specs/alibaba by scripts/derive-fixtures.js): parameter names (RepeatList ones
// flattened as Name.N.Sub.M), required ones, types and enumerations.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { startSandbox, type Sandbox } from "../../sandbox";
import { alibabaClient } from "../../provider/alibaba/client";
import { physicalConnectionLifecycle as pcL } from "../../provider/alibaba/physicalConnectionLifecycle";
import { hostedConnectionLifecycle as hcL } from "../../provider/alibaba/hostedConnectionLifecycle";
import { virtualBorderRouterLifecycle as vbrL } from "../../provider/alibaba/virtualBorderRouterLifecycle";
import { configReader } from "../../provider/core/config";
import { alibabaEnv, FAST_ALIBABA } from "../unit/alibaba/helpers";
import { callContext, type CallContext, observingTransport } from "../support/context";

/** The parameters the signer adds to every request (Alibaba's common parameters): not the action's. */
const COMMON = new Set(["Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "SecurityToken", "Signature"]);

interface Param {
  name: string;
  type: string;
  required?: boolean;
  sub_parameters?: Param[];
  /** The enumeration: the metadata's own, or the "Valid values" its description lists (the script reads those). */
  enum?: string[];
}

const METADATA = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "fixtures", "specs", "alibaba", "vpc-2016-04-28.json"), "utf8")) as { actions: Record<string, { parameters: Param[] }> };

function spec(action: string): { parameters: Param[] } {
  assert.ok(Object.prototype.hasOwnProperty.call(METADATA.actions, action), `no metadata for action ${action}`);
  return METADATA.actions[action];
}

function enumOf(p: Param): string[] | undefined {
  return p.enum?.length ? p.enum : undefined;
}

function checkType(where: string, p: Param, value: string): string[] {
  const errs: string[] = [];
  if (["Integer", "Long"].includes(p.type) && !/^-?\d+$/.test(value)) errs.push(`${where}: ${p.type} expected, got ${JSON.stringify(value)}`);
  if (p.type === "Boolean" && value !== "true" && value !== "false") errs.push(`${where}: Boolean expected, got ${JSON.stringify(value)}`);
  const values = enumOf(p);
  if (values && !values.includes(value)) errs.push(`${where}: must be one of ${values.join(", ")}, got ${JSON.stringify(value)}`);
  return errs;
}

/** Problems of one request's parameters (common parameters are added by the signer and not listed). */
export function validateRequest(action: string, params: Record<string, string>): string[] {
  const s = spec(action);
  const byName = new Map(s.parameters.map((p) => [p.name, p]));
  const errs: string[] = [];
  for (const p of s.parameters) {
    if (p.required && params[p.name] === undefined) errs.push(`${action}: required parameter ${p.name} missing`);
  }
  for (const [name, value] of Object.entries(params)) {
    const parts = name.split(".");
    const top = byName.get(parts[0]);
    if (!top) {
      errs.push(`${action}: unknown parameter ${name}`);
      continue;
    }
    if (parts.length === 1) {
      if (top.type === "RepeatList") errs.push(`${action}: ${name} is a RepeatList, send ${name}.1 ...`);
      else errs.push(...checkType(`${action}.${name}`, top, value));
      continue;
    }
    if (top.type !== "RepeatList" || !/^\d+$/.test(parts[1])) {
      errs.push(`${action}: ${name} is not a list element of ${top.name} (${top.type})`);
      continue;
    }
    if (parts.length === 2) continue; // a list of scalars
    const sub = top.sub_parameters?.find((x) => x.name === parts[2]);
    if (!sub) {
      errs.push(`${action}: ${name}: ${top.name} has no member ${parts[2]}`);
      continue;
    }
    if (sub.type === "RepeatList" ? parts.length !== 4 || !/^\d+$/.test(parts[3]) : parts.length !== 3) {
      errs.push(`${action}: ${name} does not match ${top.name}.N.${sub.name}${sub.type === "RepeatList" ? ".M" : ""}`);
      continue;
    }
    errs.push(...checkType(`${action}.${name}`, sub, value));
  }
  return errs;
}

describe("alibaba contract: requests against the action metadata", function () {
  this.timeout(30000);
  let sb: Sandbox;
  const seen: Array<{ action: string; params: Record<string, string> }> = [];
  /** The lifecycles' calls: the sandbox's settings, over a transport that records each request's action parameters. */
  let ctx: CallContext;
  const transport = observingTransport((req) => {
    const all = req.method === "POST" ? Object.fromEntries(new URLSearchParams(req.body ?? "")) : { ...req.query };
    const params = Object.fromEntries(Object.entries(all).filter(([k]) => !COMMON.has(k)));
    seen.push({ action: all.Action, params });
  });

  before(async () => {
    sb = await startSandbox({ port: 0, delays: { alibaba: FAST_ALIBABA } });
    ctx = callContext({ transport, config: configReader({ env: alibabaEnv(sb) }) });
  });
  after(async () => {
    await sb.stop();
  });

  it("the validator itself catches wrong names, missing required, types and enums", () => {
    assert.deepEqual(validateRequest("CreatePhysicalConnection", { RegionId: "r", AccessPointId: "a", LineOperator: "Equinix", bandwidth: "100" }), []);
    const errs = validateRequest("CreatePhysicalConnection", { RegionId: "r", LineOperator: "ATT", Bandwidth: "x", bandwidth: "1.5" });
    assert.ok(errs.some((e) => /required parameter AccessPointId/.test(e)));
    assert.ok(errs.some((e) => /must be one of CT/.test(e)));
    assert.ok(errs.some((e) => /unknown parameter Bandwidth/.test(e)));
    assert.ok(errs.some((e) => /Integer expected/.test(e)));
    assert.deepEqual(validateRequest("DescribeVirtualBorderRouters", { RegionId: "r", "Filter.1.Key": "VbrId", "Filter.1.Value.1": "vbr-1", IncludeCrossAccountVbr: "true" }), []);
    assert.ok(validateRequest("DescribeVirtualBorderRouters", { RegionId: "r", "Filter.1.Nope": "x" }).length > 0);
  });

  it("every request of the three resources' lifecycles and of the catalog calls matches the metadata", async () => {
    // Dedicated connection with payment, a VBR with MTU/BFD, updates, then delete.
    const pc = await pcL.create({ accessPointId: "ap-us-sv-eqx-a", lineOperator: "Equinix", portType: "10GBase-LR", type: "VPC", bandwidth: 1000, name: "contract-a", desiredStatus: "Enabled", payment: { pricingCycle: "Month", period: 1, autoPay: true } }, ctx);
    const pcOuts = pc.outs;
    await pcL.update(pc.id, pcOuts, { ...pcOuts, description: "changed", bandwidth: 2000 }, ctx);
    const sec = await pcL.create({ accessPointId: "ap-us-sv-eqx-b", lineOperator: "Other", type: "VPC", name: "contract-b", redundantPhysicalConnectionId: pc.id, desiredStatus: "Confirmed" }, ctx);
    const vbrIn = { physicalConnectionId: pc.id, vlanId: 7, localGatewayIp: "10.0.0.1", peerGatewayIp: "10.0.0.2", peeringSubnetMask: "255.255.255.252", name: "contract-vbr", bandwidth: 500, mtu: 8500, minRxInterval: 300, minTxInterval: 300, detectMultiplier: 4, enableIpv6: true, localIpv6GatewayIp: "2408:4004::1", peerIpv6GatewayIp: "2408:4004::2", peeringIpv6SubnetMask: "2408:4004::/56" };
    const vbr = await vbrL.create(vbrIn, ctx);
    await vbrL.update(vbr.id, vbr.outs, { ...vbr.outs, peerGatewayIp: "10.0.0.1", localGatewayIp: "10.0.0.2", vlanId: 8 }, ctx);
    await vbrL.read(vbr.id, vbr.outs, ctx);
    // Hosted connection by parent and VLAN, accepted with payment, then removed.
    const hostedId = sb.admin.alibaba.createHostedConnection({ vlan: 321, bandwidth: 100 });
    const parent = sb.admin.alibaba.connection(hostedId)!.ParentPhysicalConnectionId as string;
    const hc = await hcL.create({ parentPhysicalConnectionId: parent, vlanId: 321, accept: true, payment: { pricingCycle: "Year", period: 1, autoPay: false } }, ctx);
    await hcL.read(hc.id, hc.outs, ctx);
    await vbrL.delete(vbr.id, vbr.outs, ctx);
    await pcL.delete(sec.id, sec.outs, ctx);
    await pcL.delete(pc.id, pcOuts, ctx);
    await hcL.delete(hc.id, hc.outs, ctx);
    await alibabaClient(ctx).describeRegions();
    await alibabaClient(ctx).describeAccessPoints();
    await alibabaClient(ctx).virtualBorderRouterAction("TerminateVirtualBorderRouter", "vbr-nonexistent").catch(() => undefined);
    await alibabaClient(ctx).virtualBorderRouterAction("RecoverVirtualBorderRouter", "vbr-nonexistent").catch(() => undefined);

    const actions = new Set(seen.map((s) => s.action));
    for (const a of [
      "CreatePhysicalConnection",
      "DescribePhysicalConnections",
      "ModifyPhysicalConnectionAttribute",
      "ConfirmPhysicalConnection",
      "EnablePhysicalConnection",
      "CancelPhysicalConnection",
      "TerminatePhysicalConnection",
      "DeletePhysicalConnection",
      "CreatePhysicalConnectionOccupancyOrder",
      "CreateVirtualBorderRouter",
      "ModifyVirtualBorderRouterAttribute",
      "DescribeVirtualBorderRouters",
      "DescribeVirtualBorderRoutersForPhysicalConnection",
      "DeleteVirtualBorderRouter",
      "TerminateVirtualBorderRouter",
      "RecoverVirtualBorderRouter",
      "DescribeRegions",
      "DescribeAccessPoints",
    ]) {
      assert.ok(actions.has(a), `${a} was not exercised`);
    }
    const errors = seen.flatMap((s) => validateRequest(s.action, s.params));
    assert.deepEqual([...new Set(errors)], []);
    assert.deepEqual(sb.admin.inventory().alibaba.physicalConnections, []);
    assert.deepEqual(sb.admin.inventory().alibaba.virtualBorderRouters, []);
  });
});
