// Every request the BGP group and peer lifecycles send (and the VBR delete's look at its BGP groups) is
// checked against the official Alibaba Cloud VPC SDK's request models (@alicloud/vpc20160428, a
// devDependency): each parameter is one the action's model names, of the type it gives (number, boolean,
// string), with the values its documentation lists ("Valid values"), and every parameter its
// documentation calls required is sent. The action metadata the other Alibaba contract reads
// (test/fixtures/specs/alibaba) does not hold the BGP actions yet.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as Vpc from "@alicloud/vpc20160428";
import { startSandbox, type Sandbox } from "../../sandbox";
import { bgpGroupLifecycle as groupL } from "../../provider/alibaba/bgpGroupLifecycle";
import { bgpPeerLifecycle as peerL } from "../../provider/alibaba/bgpPeerLifecycle";
import { hostedConnectionLifecycle as hcL } from "../../provider/alibaba/hostedConnectionLifecycle";
import { virtualBorderRouterLifecycle as vbrL } from "../../provider/alibaba/virtualBorderRouterLifecycle";
import { configReader } from "../../provider/core/config";
import { alibabaEnv, FAST_ALIBABA } from "../unit/alibaba/helpers";
import { callContext, type CallContext, observingTransport } from "../support/context";

/** The parameters the signer adds to every request (Alibaba's common parameters): not the action's. */
const COMMON = new Set(["Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp", "SecurityToken", "Signature"]);

interface ModelParam {
  /** the wire name, e.g. "PeerAsn" */
  name: string;
  type: string;
  required: boolean;
  /** the values its documentation lists, for strings */
  values?: string[];
}

const MODELS_DIR = path.join(path.dirname(require.resolve("@alicloud/vpc20160428")), "models");

/** The request model of an action: names and types from the model class, required flags and listed values from its documentation. */
function requestModel(action: string): ModelParam[] {
  const cls = (Vpc as unknown as Record<string, { names(): Record<string, string>; types(): Record<string, string> } | undefined>)[`${action}Request`];
  assert.ok(cls, `the official SDK has no ${action}Request model`);
  const names = cls.names();
  const types = cls.types();
  const doc = fs.readFileSync(path.join(MODELS_DIR, `${action}Request.d.ts`), "utf8");
  const comments = new Map<string, string>();
  for (const m of doc.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(\w+)\?:/g)) comments.set(m[2], m[1]);
  return Object.entries(names).map(([prop, name]) => {
    const comment = comments.get(prop) ?? "";
    const listed = /Valid values/.test(comment) ? [...comment.matchAll(/^\s*\*\s*-\s*\*\*([^*]+)\*\*/gm)].map((x) => x[1].trim()) : [];
    return { name, type: types[prop], required: /This parameter is required\./.test(comment), ...(types[prop] === "string" && listed.length ? { values: listed } : {}) };
  });
}

/** Problems of one request's parameters against the action's request model. */
export function validateBgpRequest(action: string, params: Record<string, string>): string[] {
  const model = requestModel(action);
  const byName = new Map(model.map((p) => [p.name, p]));
  const errs: string[] = [];
  for (const p of model) if (p.required && params[p.name] === undefined) errs.push(`${action}: required parameter ${p.name} missing`);
  for (const [name, value] of Object.entries(params)) {
    const p = byName.get(name);
    if (!p) {
      errs.push(`${action}: unknown parameter ${name}`);
      continue;
    }
    if (p.type === "number" && !/^-?\d+$/.test(value)) errs.push(`${action}.${name}: a number expected, got ${JSON.stringify(value)}`);
    if (p.type === "boolean" && value !== "true" && value !== "false") errs.push(`${action}.${name}: a boolean expected, got ${JSON.stringify(value)}`);
    if (p.values && !p.values.includes(value)) errs.push(`${action}.${name}: must be one of ${p.values.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return errs;
}

const BGP_ACTIONS = ["CreateBgpGroup", "ModifyBgpGroupAttribute", "DeleteBgpGroup", "DescribeBgpGroups", "CreateBgpPeer", "ModifyBgpPeerAttribute", "DeleteBgpPeer", "DescribeBgpPeers"];

describe("alibaba contract: BGP requests against the official SDK's request models", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  const seen: Array<{ action: string; params: Record<string, string> }> = [];
  let ctx: CallContext;
  const transport = observingTransport((req) => {
    const all = req.method === "POST" ? Object.fromEntries(new URLSearchParams(req.body ?? "")) : { ...req.query };
    seen.push({ action: all.Action, params: Object.fromEntries(Object.entries(all).filter(([k]) => !COMMON.has(k))) });
  });

  before(async () => {
    sb = await startSandbox({ port: 0, delays: { alibaba: { ...FAST_ALIBABA, bgpProvision: 20, bgpUpdate: 20, bgpDelete: 20, bgpEstablish: 20 } } });
    ctx = callContext({ transport, config: configReader({ env: alibabaEnv(sb) }) });
  });
  after(() => sb?.stop());

  it("the models: required flags, types and listed values as the SDK documents them", () => {
    const create = new Map(requestModel("CreateBgpGroup").map((p) => [p.name, p]));
    assert.deepEqual(
      ["RouterId", "PeerAsn", "RegionId", "LocalAsn", "IsFakeAsn", "IpVersion"].map((n) => [n, create.get(n)?.type, create.get(n)?.required]),
      [
        ["RouterId", "string", true],
        ["PeerAsn", "number", true],
        ["RegionId", "string", true],
        ["LocalAsn", "number", false],
        ["IsFakeAsn", "boolean", false],
        ["IpVersion", "string", false],
      ],
    );
    assert.deepEqual(create.get("IpVersion")!.values, ["IPv4", "IPv6"]);
    assert.deepEqual(validateBgpRequest("CreateBgpGroup", { RegionId: "r", RouterId: "vbr-1", PeerAsn: "65010", IpVersion: "IPv4", ClientToken: "t" }), []);
    const errs = validateBgpRequest("CreateBgpGroup", { RegionId: "r", PeerAsn: "x", IpVersion: "ipv5", IsFakeAsn: "yes", VbrId: "vbr-1" });
    assert.ok(errs.some((e) => /required parameter RouterId missing/.test(e)));
    assert.ok(errs.some((e) => /PeerAsn: a number expected/.test(e)));
    assert.ok(errs.some((e) => /IpVersion: must be one of IPv4, IPv6/.test(e)));
    assert.ok(errs.some((e) => /IsFakeAsn: a boolean expected/.test(e)));
    assert.ok(errs.some((e) => /unknown parameter VbrId/.test(e)));
    assert.ok(validateBgpRequest("ModifyBgpPeerAttribute", { RegionId: "r" }).some((e) => /required parameter BgpPeerId/.test(e)));
  });

  it("every BGP request of the group's and peer's create, update, read and delete, and of a VBR delete refused for its groups, fits the models", async () => {
    const hostedId = sb.admin.alibaba.createHostedConnection({ vlan: 2345, bandwidth: 100 });
    const hc = await hcL.create({ physicalConnectionId: hostedId, accept: true }, ctx);
    const vbr = await vbrL.create({ physicalConnectionId: hostedId, vlanId: 2345, localGatewayIp: "10.9.0.1", peerGatewayIp: "10.9.0.2", peeringSubnetMask: "255.255.255.252" }, ctx);
    const groupIn = { vbrId: vbr.id, peerAsn: 65010, localAsn: 64512, authKey: "contract-md5", ipVersion: "IPv4", isFakeAsn: false, routeQuota: 100, name: "contract-group", description: "Contract test" };
    const g = await groupL.create(groupIn, ctx);
    await groupL.update(g.id, g.outs, { ...groupIn, peerAsn: 65020, authKey: undefined, localAsn: undefined, name: undefined, isFakeAsn: true }, ctx);
    const gRead = await groupL.read(g.id, g.outs, ctx);
    assert.ok(gRead);
    const peerIn = { bgpGroupId: g.id, peerIpAddress: "10.9.0.2", enableBfd: true, bfdMultiHop: 2 };
    const p = await peerL.create(peerIn, ctx);
    await peerL.update(p.id, p.outs, { ...peerIn, peerIpAddress: "10.9.0.3", enableBfd: false, bfdMultiHop: undefined }, ctx);
    assert.ok(await peerL.read(p.id, p.outs, ctx));
    // The VBR's delete while its group stands: refused, then a look at its groups (DescribeBgpGroups by RouterId).
    await assert.rejects(vbrL.delete(vbr.id, vbr.outs, ctx), /still has BGP groups/);
    // The group's delete while its peer stands: a look at its peers first (DescribeBgpPeers by BgpGroupId).
    await assert.rejects(groupL.delete(g.id, gRead!.props, ctx), /still has BGP peers/);
    await peerL.delete(p.id, p.outs, ctx);
    await groupL.delete(g.id, gRead!.props, ctx);
    await vbrL.delete(vbr.id, vbr.outs, ctx);
    await hcL.delete(hc.id, hc.outs, ctx);

    const bgp = seen.filter((s) => BGP_ACTIONS.includes(s.action));
    assert.deepEqual([...new Set(bgp.map((s) => s.action))].sort(), [...BGP_ACTIONS].sort(), "every BGP action was exercised");
    assert.ok(bgp.some((s) => s.action === "ModifyBgpGroupAttribute" && s.params.ClearAuthKey === "true"), "a removed key is cleared");
    assert.ok(bgp.some((s) => s.action === "DescribeBgpGroups" && s.params.RouterId === vbr.id), "the VBR's groups were looked at");
    assert.ok(bgp.filter((s) => s.action.startsWith("Create") || s.action.startsWith("Modify") || s.action.startsWith("Delete")).every((s) => s.params.ClientToken), "every write carries a ClientToken");
    assert.deepEqual([...new Set(bgp.flatMap((s) => validateBgpRequest(s.action, s.params)))], []);
    for (const k of ["bgpPeers", "bgpGroups", "virtualBorderRouters"]) assert.deepEqual((sb.admin.inventory().alibaba as Record<string, unknown[]>)[k], [], k);
  });
});
