import assert from "node:assert/strict";
import * as path from "path";
import type { Sandbox } from "../../sandbox";
import { CLOUD_ROUTER_SEEDS } from "../../sandbox/equinix";
import { runProgram, RunProgramOptions } from "../harness/program";
import { isSecret } from "../harness/wire";
import { programBase, sandboxSession, type SandboxSession } from "../support/session";

const projectDir = path.join(__dirname, "..", "fixtures", "alibaba-bgp-program");
const FCR = CLOUD_ROUTER_SEEDS.find((r) => r.metroCode === "SV")!;
const KEYS = { primary: "program-bgp-Key-1", secondary: "program-bgp-Key-2" };
const short = (urn: string) => urn.split("::").pop()!;
/** What the sandbox leaves: every live object, as "api.kind". */
const leftovers = (sb: Sandbox) => Object.entries(sb.admin.inventory()).flatMap(([api, kinds]) => Object.entries(kinds).flatMap(([kind, objs]) => (objs as unknown[]).map(() => `${api}.${kind}`)));

/**
 * components.AlibabaInterconnect's bgp block against the sandbox (test/fixtures/alibaba-bgp-program), through
 * the real plugin: from two ports, the Alibaba end of each session and what the customer's router needs (the
 * key and the rendered configuration as secrets), the session's state reported by refresh once a router
 * answers; from a cloud router the component creates, a session that never comes up fails the up naming the
 * handover's peer, its state and what it means, and the next up, the far end answering, ends Established.
 */
describe("program: AlibabaInterconnect with BGP (port A sides, and a cloud router that waits)", function () {
  this.timeout(180_000);
  let sb: Sandbox;
  let session: SandboxSession;
  const stack = (scenario: "port" | "router" | "existing", config: Record<string, string>, stateName: string = scenario): Omit<RunProgramOptions, "operation"> =>
    programBase(sb, {
      projectDir,
      stateFile: path.join(session.dir, `${stateName}.json`),
      config: { scenario, alibabaAccountId: sb.alibaba.accountId, primaryKey: KEYS.primary, secondaryKey: KEYS.secondary, ...config },
      secretConfig: ["alibabaAccountId", "primaryKey", "secondaryKey"],
    });

  before(async () => {
    session = await sandboxSession("alibaba-bgp-program-", { port: 0, timeScale: 0.05 });
    sb = session.sb;
  });
  after(() => session?.close());

  it("port A sides: Alibaba's end, what the router needs (secrets kept secret), and refresh reporting the session", async () => {
    const ports = sb.equinix.ports.filter((p) => p.metroCode === "SV" && p.encapsulation === "DOT1Q");
    const base = stack("port", { primaryPort: ports.find((p) => p.priority === "PRIMARY")!.uuid, secondaryPort: ports.find((p) => p.priority === "SECONDARY")!.uuid });
    const up = await runProgram({ ...base, operation: "up" });
    assert.equal(up.error, undefined, JSON.stringify(up.error) + up.diagnostics);
    // Per handover: connection, hosted connection, VBR, BGP group, BGP peer; no routing protocol (your router is the far end).
    assert.equal(up.steps.filter((s) => s.op === "create").length, 10);
    assert.ok(!up.state.resources.some((r) => r.type.endsWith("fabric:RoutingProtocol")));
    const sessions = up.outputs.sessions as any[];
    assert.deepEqual(
      sessions.map((x) => [x.role, x.aSide, x.vlan, x.localIp, x.peerIp, x.localAsn, x.peerAsn]),
      [
        ["primary", "port", 774, "10.30.1.2/30", "10.30.1.1", 65010, 45104],
        ["secondary", "port", 775, "10.30.1.6/30", "10.30.1.5", 65010, 45104],
      ],
    );
    // Nothing answers yet: Alibaba reports it, and up did not wait for your router.
    assert.deepEqual(sessions.map((x) => x.bgpStatus), ["Active", "Active"]);
    assert.ok(isSecret(up.outputs.bgpSecrets), "the keys and configurations are a secret output");
    const secrets = (up.outputs.bgpSecrets as any).value ?? up.outputs.bgpSecrets;
    const primary = secrets.find((s: any) => s.role === "primary");
    assert.equal(primary.authKey, KEYS.primary);
    for (const line of [
      "interface GigabitEthernet0/0/1.774",
      " encapsulation dot1Q 774",
      " ip address 10.30.1.2 255.255.255.252",
      "router bgp 65010",
      " neighbor 10.30.1.1 remote-as 45104",
      ` neighbor 10.30.1.1 password ${KEYS.primary}`,
    ]) {
      assert.ok(primary.routerConfig.split("\n").includes(line), `${line} in\n${primary.routerConfig}`);
    }
    assert.ok(!JSON.stringify(up.outputs.sessions).includes(KEYS.primary), "the non-secret outputs carry no key");
    assert.ok(!up.diagnostics.includes(KEYS.primary) && !up.diagnostics.includes(KEYS.secondary), "no key in the diagnostics");
    for (const g of up.state.resources.filter((r) => r.type.endsWith("alibaba:BgpGroup"))) assert.ok(g.secretKeys.includes("authKey"), short(g.urn));

    // Your router comes up, configured from the outputs: refresh reports each session Established, and no input changed.
    for (const x of sessions) {
      const vbrId = (up.outputs.handovers as any[]).find((h) => h.role === x.role).vbrId;
      sb.admin.alibaba.setCustomerRouter(vbrId, { ip: x.localIp.split("/")[0], asn: x.localAsn, md5Key: KEYS[x.role as "primary" | "secondary"] });
    }
    sb.admin.clock.advance(60_000);
    const refresh = await runProgram({ ...base, operation: "refresh" });
    assert.equal(refresh.error, undefined, JSON.stringify(refresh.error));
    for (const x of refresh.refresh ?? []) assert.deepEqual(x.changedInputs.filter((k) => k !== "region" && k !== "credentials"), [], short(x.urn));
    const peers = refresh.state.resources.filter((r) => r.type.endsWith("alibaba:BgpPeer"));
    assert.deepEqual(peers.map((p) => p.outputs.bgpStatus), ["Established", "Established"]);

    const down = await runProgram({ ...base, operation: "destroy" });
    assert.equal(down.error, undefined, JSON.stringify(down.error));
    assert.deepEqual(leftovers(sb), []);
  });

  it("a bad MD5 key given as a secret stops the up before any call, naming the field and the rule, never the key", async () => {
    const badKey = "secret with spaces";
    const base = stack("router", { projectId: sb.equinix.projectId, primaryKey: badKey }, "bad-key");
    const n = sb.admin.requests().length;
    const r = await runProgram({ ...base, operation: "up" });
    assert.ok(r.error, "up fails");
    const text = `${r.error!.message} ${(r.error!.reasons ?? []).join(" ")} ${r.diagnostics}`;
    assert.match(text, /AlibabaInterconnect fcr-bgp: invalid arguments:\n {2}- bgp\.primary\.authKey may contain only printable ASCII characters, without spaces/);
    assert.ok(!text.includes(badKey), "the key never shows");
    assert.deepEqual(sb.admin.requests().slice(n).filter((q) => q.method !== "GET" && q.kind !== "oauth.token").map((q) => q.kind), [], "nothing was created");
    assert.deepEqual(r.state.resources.filter((x) => x.type.startsWith("pulumi-nodejs:dynamic/")), []);
  });

  it("an existing cloud router: both ends on its connection, Alibaba's side on a private ASN with BFD, Established in one up", async () => {
    const base = stack("existing", { cloudRouter: FCR.uuid });
    const up = await runProgram({ ...base, operation: "up" });
    assert.equal(up.error, undefined, JSON.stringify(up.error) + up.diagnostics);
    assert.ok(!up.state.resources.some((r) => r.type.endsWith("fabric:CloudRouter")), "no router created");
    const [s] = up.outputs.sessions as any[];
    assert.deepEqual([s.aSide, s.bgpStatus, s.peerAsn], ["cloudRouter", "Established", 64700]);
    const bgp = sb.admin.equinix.routingProtocol(s.bgpRoutingProtocolUuid) as any;
    assert.deepEqual([bgp.customerAsn, bgp.bgpIpv4.customerPeerIp, bgp.bfd?.enabled], [64700, "169.254.30.1", true]);
    const fabric = sb.admin.equinix.connection((up.outputs.handovers as any[])[0].fabricUuid) as any;
    assert.equal(fabric.aSide.accessPoint.router.uuid, FCR.uuid);
    assert.equal(s.localAsn, bgp.equinixAsn, "Alibaba's group peers with the router's ASN");
    assert.equal(sb.admin.alibaba.bgpPeer(s.bgpPeerId)!.EnableBfd, true);
    const down = await runProgram({ ...base, operation: "destroy" });
    assert.equal(down.error, undefined, JSON.stringify(down.error));
    assert.deepEqual(leftovers(sb), []);
  });

  it("a cloud router's session that never comes up fails the up naming the handover's peer and why; the next up ends Established", async () => {
    sb.admin.alibaba.stall("bgpSession");
    const base = stack("router", { projectId: sb.equinix.projectId, sessionTimeout: "3s" });
    const failed = await runProgram({ ...base, operation: "up" });
    assert.ok(failed.error, "up fails");
    const text = `${failed.error!.message} ${(failed.error!.reasons ?? []).join(" ")} ${failed.diagnostics}`;
    // The handover is named (its BGP group's name); the real engine also prints the peer's URN (fcr-bgp-primary-bgp-peer).
    assert.match(text, /in BGP group fcr-bgp-primary-bgp \(bgpg-\w+\) on VBR vbr-/);
    assert.match(text, /the session is Active, not Established, after \d+s: nothing answers BGP at peerIpAddress/);
    assert.ok(!text.includes(KEYS.primary), "no key in the error");
    const peer = failed.state.resources.find((r) => r.name === "fcr-bgp-primary-bgp-peer")!;
    assert.ok(peer, "the peer stays in the stack");
    // Both ends exist; the far end is the sandbox's stall, as its reason says.
    assert.match(sb.admin.alibaba.bgpSession(peer.id)!.reason!, /never answers/);

    sb.admin.alibaba.resetRules();
    const up = await runProgram({ ...base, operation: "up" });
    assert.equal(up.error, undefined, JSON.stringify(up.error) + up.diagnostics);
    assert.equal(up.steps.find((s) => s.urn.endsWith("::fcr-bgp-primary-bgp-peer"))!.op, "update", "the peer's create failed: up updates it, waiting for the session");
    const [s] = up.outputs.sessions as any[];
    assert.deepEqual([s.aSide, s.bgpStatus, s.peerAsn, s.localIp, s.peerIp], ["cloudRouter", "Established", 45104, "169.254.20.2/30", "169.254.20.1"]);
    assert.equal(sb.admin.alibaba.bgpSession(s.bgpPeerId)!.state, "Established");
    assert.equal((sb.admin.equinix.routingProtocol(s.bgpRoutingProtocolUuid) as any).bgpIpv4.operation.operationalStatus, "UP");

    const down = await runProgram({ ...base, operation: "destroy" });
    assert.equal(down.error, undefined, JSON.stringify(down.error));
    assert.deepEqual(leftovers(sb), []);
  });
});
