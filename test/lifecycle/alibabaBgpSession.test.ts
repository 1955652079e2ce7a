// alibaba.BgpPeer's `sessionState: "Established"` through the SDK's real dynamic-provider plugin (dist/ code:
// run `npm run build` first) against the sandbox, with a customer router stood in at the VBR's far end:
// create waits for the session; a key changed in the Alibaba console shows on refresh as the session's
// state and the group's key, and the next up waits until it is Established again; a session that never
// comes up fails the create with its state and what it means, and the peer stays in the stack.
import { strict as assert } from "assert";
import type { Sandbox } from "../../sandbox";
import { BgpGroup } from "../../provider/alibaba/bgpGroup";
import { kindSpecOf } from "../../provider/core/resourceClass";
import { CheckFailed, Engine, makeUrn, type DesiredResource } from "../harness/engine";
import { InitFailure } from "../harness/plugin";
import type { Props } from "../harness/wire";
import { FAST_ALIBABA } from "../unit/alibaba/helpers";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const KIND = { hc: "alibaba:HostedConnection", vbr: "alibaba:VirtualBorderRouter", group: "alibaba:BgpGroup", peer: "alibaba:BgpPeer" };
const T = Object.fromEntries(Object.entries(KIND).map(([k, v]) => [k, `pulumi-nodejs:dynamic/${v}`])) as Record<keyof typeof KIND, string>;
const GROUP_SECRET_OUTPUTS = [...(kindSpecOf(BgpGroup)!.secretOutputs ?? [])];
const FAST_BGP = { bgpProvision: 20, bgpUpdate: 20, bgpDelete: 20, bgpEstablish: 300 };
const KEY = "session-Pa55word!";

describe("alibaba BGP peer: waiting for the session (sessionState) through the plugin", function () {
  this.timeout(90_000);
  let sb: Sandbox;
  let engine: Engine;
  let session: LifecycleSession;

  const desired = (type: keyof typeof KIND, name: string, inputs: Props, dependencies: string[] = []): DesiredResource => ({
    urn: makeUrn(T[type], name, "interconnect-tests"),
    type: T[type],
    name,
    inputs: { __provider: session.providerText(KIND[type]), ...inputs },
    ...(type === "group" ? { additionalSecretOutputs: GROUP_SECRET_OUTPUTS } : {}),
    dependencies,
  });
  const changedOf = (report: Awaited<ReturnType<Engine["refresh"]>>, id: string) => report.find((x) => x.id === id)!.changedInputs.filter((k) => k !== "region" && k !== "credentials");

  before(async () => {
    session = await lifecycleSession(Object.values(KIND), {
      prefix: "alibaba-bgp-session-",
      sandboxOptions: { port: 0, delays: { alibaba: { ...FAST_ALIBABA, ...FAST_BGP } } },
      credentials: ["alibaba"],
      env: { INTERCONNECT_POLL_INTERVAL_MS: "20" },
    });
    ({ sb, engine } = session);
  });
  after(() => session?.close());

  /** A hosted connection, a VBR on it (10.<n>.0.1 Alibaba's, 10.<n>.0.2 the far end's) and a group (peer ASN 65010). */
  async function groupOnVbr(n: number): Promise<{ vbrId: string; vbrUrn: string; group: { urn: string; id: string } }> {
    const hostedId = sb.admin.alibaba.createHostedConnection({ vlan: 1100 + n, bandwidth: 200, name: `session-${n}` });
    const h = await engine.register(desired("hc", `hosted-${n}`, { physicalConnectionId: hostedId }));
    const v = await engine.register(
      desired("vbr", `vbr-${n}`, { physicalConnectionId: hostedId, vlanId: 1100 + n, localGatewayIp: `10.${n}.0.1`, peerGatewayIp: `10.${n}.0.2`, peeringSubnetMask: "255.255.255.252" }, [h.urn]),
    );
    const g = await engine.register(desired("group", `group-${n}`, { vbrId: v.id, peerAsn: 65010, authKey: KEY }, [v.urn]));
    return { vbrId: v.id, vbrUrn: v.urn, group: { urn: g.urn, id: g.id } };
  }

  it("check refuses another state, naming the field and the rule", async () => {
    await assert.rejects(engine.register(desired("peer", "bad", { bgpGroupId: "bgpg-x", peerIpAddress: "10.0.0.2", sessionState: "Connect" })), (e: unknown) => {
      assert.ok(e instanceof CheckFailed);
      assert.deepEqual(e.failures.map((f) => f.property), ["sessionState"]);
      assert.match(e.failures[0].reason, /must be "Established"/);
      return true;
    });
  });

  it("create waits until Established; a console key change shows on refresh; the next up waits until it is back", async () => {
    const { vbrId, vbrUrn, group } = await groupOnVbr(61);
    sb.admin.alibaba.setCustomerRouter(vbrId, { ip: "10.61.0.2", asn: 65010, md5Key: KEY });
    const inputs = { bgpGroupId: group.id, peerIpAddress: "10.61.0.2", sessionState: "Established" };
    const p = await engine.register(desired("peer", "peer-61", inputs, [group.urn]));
    // Established as create returned, without the test moving the clock: create waited through OpenSent and OpenConfirm.
    assert.deepEqual([p.outputs.bgpStatus, p.outputs.sessionState], ["Established", "Established"]);
    assert.equal(sb.admin.alibaba.bgpPeer(p.id)!.BgpStatus, "Established");

    sb.admin.alibaba.updateBgpGroup(group.id, { authKey: "changed-in-console" });
    const report = await engine.refresh();
    assert.deepEqual(changedOf(report, group.id), ["authKey"]);
    assert.deepEqual(changedOf(report, p.id), ["sessionState"]);
    assert.equal(engine.get(p.urn)!.outputs.sessionState, "Connect");

    // The next up: the group's key set back, then the peer updated, which waits for the session.
    await engine.register(desired("group", "group-61", { vbrId, peerAsn: 65010, authKey: KEY }, [vbrUrn]));
    assert.equal(engine.steps.at(-1)!.op, "update");
    const again = await engine.register(desired("peer", "peer-61", inputs, [group.urn]));
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.deepEqual([again.outputs.bgpStatus, again.outputs.sessionState], ["Established", "Established"]);
    const quiet = await engine.refresh();
    assert.deepEqual(changedOf(quiet, p.id), []);
  });

  it("a session that never comes up fails the create with its state and meaning; the peer stays in the stack", async () => {
    const { vbrId, group } = await groupOnVbr(62);
    sb.admin.alibaba.setCustomerRouter(vbrId, { ip: "10.62.0.2", asn: 65010, md5Key: "not-the-same-key" });
    const d = desired("peer", "peer-62", { bgpGroupId: group.id, peerIpAddress: "10.62.0.2", sessionState: "Established", timeouts: { create: "2s" } }, [group.urn]);
    await assert.rejects(engine.register(d), (e: unknown) => {
      assert.ok(e instanceof InitFailure, String(e));
      assert.match(e.id, /^bgp-/);
      const text = `${e.message} ${e.reasons.join(" ")}`;
      assert.match(text, new RegExp(`BGP peer ${e.id} \\(to 10.62.0.2 in ${group.id} on VBR ${vbrId}\\): the session is Connect, not Established, after \\d`));
      assert.match(text, /MD5 keys differ/);
      assert.ok(!text.includes(KEY) && !text.includes("not-the-same-key"), "no key in the error");
      return true;
    });
    const kept = engine.get(d.urn)!;
    assert.equal(kept.outputs.sessionState, "Connect", "the state records the session as it was");
    // The far end fixed: the next up updates the peer (its create failed) and waits until Established.
    sb.admin.alibaba.setCustomerRouter(vbrId, { ip: "10.62.0.2", asn: 65010, md5Key: KEY });
    const fixed = await engine.register({ ...d, inputs: { ...d.inputs, timeouts: { create: "2m", update: "2m" } } });
    assert.equal(engine.steps.at(-1)!.op, "update");
    assert.equal(fixed.outputs.bgpStatus, "Established");
    await engine.destroy();
    assert.deepEqual([...(sb.admin.inventory().alibaba as Record<string, unknown[]>).bgpPeers], []);
  });
});
