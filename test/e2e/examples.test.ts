import assert from "node:assert/strict";
import * as path from "path";
import type { EngineEvent } from "@pulumi/pulumi/automation";
import { collect, e2eStack, kindOf, leftovers, pulumiCli, startSandboxProcess, stackConfigFile, stateResources, type Cli, type E2eStack, type SandboxProcess } from "./support";

/**
 * Every example under examples/ through the real Pulumi engine (the CLI from scripts/pulumi-cli.js,
 * driven by the Automation API) against the sandbox in its own process:
 * preview -> up -> preview: no change -> refresh: no change -> a change made outside Pulumi (one edit, one
 * deletion) -> refresh shows both -> preview shows the update and the re-creation -> up repairs ->
 * preview: no change -> destroy -> the sandbox holds nothing.
 */
const EXAMPLES = path.join(__dirname, "..", "..", "examples");

interface Drift {
  /** make one edit and (unless `deleted` is left out) one deletion outside Pulumi; return the URNs edited and deleted */
  apply(sb: SandboxProcess, resources: any[]): Promise<{ edited: string; deleted?: string }>;
  /** how many resources refresh finds changed (default 1: the edited one) */
  refreshUpdates?: number;
  /** what refresh must show, on the state it leaves */
  afterRefresh?(sb: SandboxProcess, resources: any[]): Promise<void>;
  /** what the repairing up must have reached, on the state and the sandbox */
  afterRepair?(sb: SandboxProcess, resources: any[]): Promise<void>;
}

const byName = (resources: any[], kind: string, name: string) => {
  const r = resources.find((x) => kindOf(x) === kind && String(x.urn).endsWith(`::${name}`));
  assert.ok(r, `no ${kind} ${name} in ${resources.map((x) => x.urn).join(", ")}`);
  return r;
};

/** The Equinix credentials as stack config (`pulumi config set --secret equinix:clientSecret ...`), not environment variables. */
const equinixCredentialsAsConfig = (sb: SandboxProcess) => ({
  plain: { "equinix:clientId": sb.env.EQUINIX_API_CLIENTID, "equinix:endpoint": sb.env.EQUINIX_API_ENDPOINT },
  secret: { "equinix:clientSecret": sb.env.EQUINIX_API_CLIENTSECRET },
});

/** The MD5 keys of the BGP example's sessions. */
const BGP_KEYS = { primary: "e2e-primary-md5-Key1", secondary: "e2e-secondary-md5-Key2" };

/** Each BGP peer's session as the sandbox computes it from both ends: state and reason. */
const sessionsOf = async (sb: SandboxProcess, resources: any[]) =>
  Promise.all(resources.filter((r) => kindOf(r) === "alibaba:BgpPeer").map(async (p) => ({ urn: String(p.urn), ...(await sb.admin("GET", `/alibaba/bgpPeers/${p.id}/session`)) })));

const examples: Array<{
  name: string;
  resources: number;
  config: (sb: SandboxProcess) => { plain: Record<string, string>; secret: Record<string, string> };
  /** environment variables the stack leaves out (its credentials come from config instead) */
  withoutEnv?: string[];
  /** what up must have reached, checked on the state, the stack outputs and the sandbox right after it */
  afterUp?: (sb: SandboxProcess, resources: any[], outputs: Record<string, any>) => Promise<void>;
  /** values the example holds that must never appear in clear in the export or the CLI's output */
  secrets?: Record<string, string>;
  drift: Drift;
  /** checks on the destroy: the sandbox's request log of it, the state destroyed, the engine's events in order */
  afterDestroy?: (requests: any[], destroyed: any[], events: EngineEvent[]) => void;
}> = [
  {
    name: "fabric-self-redundant",
    resources: 2,
    config: equinixCredentialsAsConfig,
    withoutEnv: ["EQUINIX_API_CLIENTID", "EQUINIX_API_CLIENTSECRET", "EQUINIX_API_ENDPOINT"],
    drift: {
      async apply(sb, resources) {
        const primary = byName(resources, "fabric:Connection", "primary");
        const secondary = byName(resources, "fabric:Connection", "secondary");
        await sb.admin("POST", `/equinix/connections/${primary.id}/update`, { bandwidth: 200 });
        await sb.admin("POST", `/equinix/connections/${secondary.id}/delete`);
        return { edited: primary.urn, deleted: secondary.urn };
      },
    },
  },
  {
    name: "fabric-alibaba-redundant",
    resources: 6, // per handover: a Fabric connection, its hosted connection accepted, a VBR
    config: (sb) => ({ plain: {}, secret: { alibabaAccountId: sb.info.alibaba.accountId } }),
    drift: {
      async apply(sb, resources) {
        const vbrs = resources.filter((r) => kindOf(r) === "alibaba:VirtualBorderRouter");
        assert.equal(vbrs.length, 2);
        const [edited, deleted] = vbrs;
        await sb.admin("PATCH", `/alibaba/vbrs/${edited.id}`, { peerGatewayIp: edited.outputs.localGatewayIp.replace(/\.1$/, ".3") });
        await sb.admin("DELETE", `/alibaba/vbrs/${deleted.id}`);
        return { edited: edited.urn, deleted: deleted.urn };
      },
    },
  },
  {
    name: "fabric-cloudrouter-alibaba-bgp",
    // the cloud router; per handover a Fabric connection, its hosted connection accepted, a VBR, the router's DIRECT and BGP, the VBR's BGP group and peer
    resources: 15,
    config: (sb) => ({ plain: {}, secret: { alibabaAccountId: sb.info.alibaba.accountId, primaryBgpKey: BGP_KEYS.primary, secondaryBgpKey: BGP_KEYS.secondary } }),
    secrets: { "primary MD5 key": BGP_KEYS.primary, "secondary MD5 key": BGP_KEYS.secondary },
    // From nothing to two Established sessions in one up: in the stack outputs, in the state, and as the sandbox computes them from both ends.
    async afterUp(sb, resources, outputs) {
      assert.deepEqual(outputs.sessions.map((x: any) => [x.role, x.aSide, x.bgpStatus, x.peerAsn, x.localAsn === outputs.routerAsn]), [
        ["primary", "cloudRouter", "Established", 45104, true],
        ["secondary", "cloudRouter", "Established", 45104, true],
      ]);
      assert.deepEqual(outputs.sessions.map((x: any) => `${x.localIp} -> ${x.peerIp}`), ["169.254.10.2/30 -> 169.254.10.1", "169.254.10.6/30 -> 169.254.10.5"]);
      const peers = resources.filter((r) => kindOf(r) === "alibaba:BgpPeer");
      assert.deepEqual(peers.map((p) => [p.outputs.bgpStatus, p.outputs.sessionState]), [["Established", "Established"], ["Established", "Established"]]);
      assert.equal(peers.length, 2);
      assert.deepEqual((await sessionsOf(sb, resources)).map((x) => x.state), ["Established", "Established"]);
      for (const rp of resources.filter((r) => kindOf(r) === "fabric:RoutingProtocol" && r.outputs.type === "BGP")) {
        const live = await sb.admin("GET", `/equinix/routingProtocols/${rp.outputs.uuid}`);
        assert.equal(live.bgpIpv4.operation.operationalStatus, "UP", "Fabric sees the session up too");
      }
    },
    drift: {
      // The primary's MD5 key changed in the Alibaba console: the session breaks.
      async apply(sb, resources) {
        const group = byName(resources, "alibaba:BgpGroup", "alibaba-bgp-primary-bgp-group");
        await sb.admin("PATCH", `/alibaba/bgpGroups/${group.id}`, { authKey: "changed-in-the-console" });
        const primary = (await sessionsOf(sb, resources)).find((x) => x.urn.endsWith("::alibaba-bgp-primary-bgp-peer"))!;
        assert.equal(primary.state, "Connect");
        assert.match(primary.reason, /MD5 keys .* differ/);
        return { edited: group.urn };
      },
      // The group (its key) and the primary's peer (its session no longer Established).
      refreshUpdates: 2,
      async afterRefresh(_sb, resources) {
        const peer = byName(resources, "alibaba:BgpPeer", "alibaba-bgp-primary-bgp-peer");
        assert.deepEqual([peer.outputs.bgpStatus, peer.outputs.sessionState], ["Connect", "Connect"]);
        assert.equal(byName(resources, "alibaba:BgpPeer", "alibaba-bgp-secondary-bgp-peer").outputs.sessionState, "Established");
      },
      // up sets the key back and waits until the session is Established again.
      async afterRepair(sb, resources) {
        const group = byName(resources, "alibaba:BgpGroup", "alibaba-bgp-primary-bgp-group");
        assert.equal((await sb.admin("GET", `/alibaba/bgpGroups/${group.id}`)).AuthKey, BGP_KEYS.primary);
        assert.deepEqual(resources.filter((r) => kindOf(r) === "alibaba:BgpPeer").map((p) => p.outputs.sessionState), ["Established", "Established"]);
        assert.deepEqual((await sessionsOf(sb, resources)).map((x) => x.state), ["Established", "Established"]);
      },
    },
    // The vendors' order, per handover: the BGP peer before its group, the group before the VBR, the router's BGP
    // before its DIRECT, the VBR (after its hosted connection is gone) and the DIRECT before the Fabric connection,
    // both connections before the router: each delete starts only after the one it waits for has finished, and no
    // vendor refused a delete.
    afterDestroy(requests, destroyed, events) {
      const at = (urn: string, kind: "resourcePreEvent" | "resOutputsEvent") => {
        const i = events.findIndex((ev) => ev[kind]?.metadata.urn === urn && ev[kind]?.metadata.op === "delete");
        assert.ok(i >= 0, `no delete ${kind} for ${urn}`);
        return i;
      };
      const urnOf = (kind: string, name: string) => String(byName(destroyed, kind, name).urn);
      for (const role of ["primary", "secondary"]) {
        const n = (suffix: string) => `alibaba-bgp-${role}${suffix}`;
        const order: Array<[string, string]> = [
          [urnOf("alibaba:BgpPeer", n("-bgp-peer")), urnOf("alibaba:BgpGroup", n("-bgp-group"))],
          [urnOf("alibaba:BgpGroup", n("-bgp-group")), urnOf("alibaba:VirtualBorderRouter", n("-vbr"))],
          [urnOf("fabric:RoutingProtocol", n("-bgp")), urnOf("fabric:RoutingProtocol", n("-direct"))],
          [urnOf("alibaba:VirtualBorderRouter", n("-vbr")), urnOf("alibaba:HostedConnection", n("-accept"))],
          [urnOf("alibaba:HostedConnection", n("-accept")), urnOf("fabric:Connection", n(""))],
          [urnOf("fabric:RoutingProtocol", n("-direct")), urnOf("fabric:Connection", n(""))],
          [urnOf("fabric:Connection", n("")), urnOf("fabric:CloudRouter", "alibaba-bgp-fcr")],
        ];
        for (const [first, then] of order) {
          assert.ok(at(first, "resOutputsEvent") < at(then, "resourcePreEvent"), `${first.split("::").pop()} is deleted before ${then.split("::").pop()} starts`);
        }
      }
      // (A Fabric connection's DELETE may find it already deprovisioned by the hosted connection's deletion: Equinix's flow, not a refusal.)
      const orderSensitive = (q: any) => ["DeleteBgpPeer", "DeleteBgpGroup", "DeleteVirtualBorderRouter"].includes(q.action) || ["fabric.routingProtocol.delete", "fabric.router.delete"].includes(q.kind);
      const refused = requests.filter((q) => orderSensitive(q) && q.status >= 400 && q.status !== 404);
      assert.deepEqual(refused.map((q) => `${q.kind} ${q.action ?? ""} ${q.status}`), [], "no vendor refused a delete for its order");
      assert.ok(requests.some((q) => q.action === "DeleteBgpPeer") && requests.some((q) => q.kind === "fabric.router.delete"), "the destroy reached the vendors");
    },
  },
  {
    name: "ixapi-cloud-redundant",
    resources: 6, // service, contact, two role assignments, two configs
    config: (sb) => ({ plain: {}, secret: { cloudKey: sb.info.alibaba.accountId } }),
    drift: {
      async apply(sb, resources) {
        const configs = resources.filter((r) => kindOf(r) === "ixapi:NetworkServiceConfig");
        assert.equal(configs.length, 2);
        const [edited, deleted] = configs;
        await sb.admin("POST", `/ixapi/configs/${edited.id}/update`, { vlan_config: { vlan_type: "dot1q", vlan: 777 } });
        await sb.admin("POST", `/ixapi/configs/${deleted.id}/decommission`);
        return { edited: edited.urn, deleted: deleted.urn };
      },
    },
  },
  {
    name: "ixapi-alibaba",
    resources: 10, // service, contact, two role assignments, two configs, two hosted connections accepted, two VBRs
    config: (sb) => ({ plain: {}, secret: { cloudKey: sb.info.alibaba.accountId } }),
    // From nothing to Enabled hosted connections with active VBRs, in the offering's region (not alicloud:region).
    async afterUp(sb, resources) {
      const hosted = resources.filter((r) => kindOf(r) === "alibaba:HostedConnection");
      const vbrs = resources.filter((r) => kindOf(r) === "alibaba:VirtualBorderRouter");
      assert.deepEqual(hosted.map((r) => [r.outputs.status, r.outputs.vlanId, r.outputs.region]).sort(), [["Enabled", 300, "eu-central-1"], ["Enabled", 301, "eu-central-1"]]);
      assert.deepEqual(vbrs.map((r) => [r.outputs.status, r.outputs.region]), [["active", "eu-central-1"], ["active", "eu-central-1"]]);
      for (const v of vbrs) {
        const live = await sb.admin("GET", `/alibaba/vbrs/${v.id}`);
        assert.equal(live.Status, "active");
        assert.ok(hosted.some((h) => h.id === live.PhysicalConnectionId), "each VBR sits on an accepted hosted connection");
      }
    },
    drift: {
      async apply(sb, resources) {
        const vbrs = resources.filter((r) => kindOf(r) === "alibaba:VirtualBorderRouter");
        assert.equal(vbrs.length, 2);
        const [edited, deleted] = vbrs;
        await sb.admin("PATCH", `/alibaba/vbrs/${edited.id}`, { peerGatewayIp: edited.outputs.localGatewayIp.replace(/\.1$/, ".3") });
        await sb.admin("DELETE", `/alibaba/vbrs/${deleted.id}`);
        return { edited: edited.urn, deleted: deleted.urn };
      },
    },
  },
];

describe("e2e: every example through the real Pulumi engine", function () {
  this.timeout(600_000);
  let cli: Cli;
  let sb: SandboxProcess;
  before(async () => {
    cli = pulumiCli();
    sb = await startSandboxProcess();
  });
  after(() => sb?.stop());

  for (const ex of examples) {
    describe(ex.name, () => {
      let e: E2eStack;
      let resources: any[];
      const out = collect();
      const ctx = () => `\n--- pulumi output ---\n${out.text().slice(-6000)}`;
      before(async () => {
        const dir = path.join(EXAMPLES, ex.name);
        const fileConfig = stackConfigFile(path.join(dir, "Pulumi.sandbox.yaml"));
        const { plain, secret } = ex.config(sb);
        const ns = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.includes(":") ? k : `${ex.name}:${k}`, v]));
        const env = Object.fromEntries(Object.entries(sb.env).filter(([k]) => !ex.withoutEnv?.includes(k)));
        const configKey = Object.keys(fileConfig).find((k) => k.endsWith(":cloudKey"));
        const filePlain = Object.fromEntries(Object.entries(fileConfig).filter(([k]) => k !== configKey));
        e = await e2eStack(cli, {
          project: ex.name,
          programFile: path.join(dir, "index.ts"),
          config: { ...filePlain, ...ns(plain) },
          secretConfig: ns(secret),
          env,
        });
      });
      after(() => e?.close());

      it("preview plans every create", async () => {
        const p = await e.stack.preview({ onOutput: out.onOutput });
        assert.ok((p.changeSummary.create ?? 0) >= ex.resources + 1, `creates: ${JSON.stringify(p.changeSummary)}${ctx()}`);
        assert.match(out.text(), /\+ /);
      });

      it("up creates them; preview and refresh then report no change", async () => {
        const up = await e.stack.up({ onOutput: out.onOutput });
        assert.equal(up.summary.result, "succeeded", ctx());
        resources = await stateResources(e.stack);
        assert.equal(resources.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")).length, ex.resources, ctx());
        await ex.afterUp?.(sb, resources, Object.fromEntries(Object.entries(await e.stack.outputs()).map(([k, v]) => [k, v.value])));
        const again = await e.stack.preview({ onOutput: out.onOutput });
        assert.deepEqual(Object.keys(again.changeSummary), ["same"], `preview after up: ${JSON.stringify(again.changeSummary)}${ctx()}`);
        const refresh = await e.stack.refresh({ onOutput: out.onOutput });
        assert.deepEqual(Object.keys(refresh.summary.resourceChanges ?? {}), ["same"], `refresh after up: ${JSON.stringify(refresh.summary.resourceChanges)}${ctx()}`);
      });

      it("pulumi stack export holds no credential and no plaintext key or account id", async () => {
        const exported = await e.run(["stack", "export"]);
        assert.ok(JSON.parse(exported).deployment.resources.length > ex.resources);
        const secrets: Record<string, string> = {
          "Equinix client secret": sb.env.EQUINIX_API_CLIENTSECRET,
          "Alibaba access key secret": sb.info.alibaba.accessKeySecret,
          "IX-API client secret": sb.info.ixapi.clientSecret,
          "IX-API api secret": sb.info.ixapi.apiSecret,
          "Alibaba account id (authentication and cloud key)": sb.info.alibaba.accountId,
          ...ex.secrets,
        };
        for (const [what, value] of Object.entries(secrets)) assert.ok(!exported.includes(value), `${what} in clear in the stack export`);
        // The serialized providers are in the state of every resource: small, and no credential.
        for (const r of await stateResources(e.stack)) assert.ok(String(r.inputs.__provider).length < 1500, r.urn);
        assert.doesNotMatch(out.text(), new RegExp(Object.values(secrets).join("|")), "no secret in the CLI's output");
      });

      it("a change made outside Pulumi shows on refresh and preview, and up repairs it", async () => {
        const { edited, deleted } = await ex.drift.apply(sb, resources);
        const refresh = await e.stack.refresh({ onOutput: out.onOutput });
        const changes = refresh.summary.resourceChanges ?? {};
        assert.equal(changes.update, ex.drift.refreshUpdates ?? 1, `refresh: ${JSON.stringify(changes)}${ctx()}`);
        assert.equal(changes.delete, deleted ? 1 : undefined, `refresh: ${JSON.stringify(changes)}${ctx()}`);
        const after = await stateResources(e.stack);
        assert.ok(!after.some((r) => r.urn === deleted), "refresh drops the deleted object");
        await ex.drift.afterRefresh?.(sb, after);
        const preview = await e.stack.preview({ onOutput: out.onOutput, diff: true });
        assert.equal(preview.changeSummary.create, deleted ? 1 : undefined, `preview: ${JSON.stringify(preview.changeSummary)}${ctx()}`);
        assert.ok((preview.changeSummary.update ?? 0) + (preview.changeSummary.replace ?? 0) >= 1, `preview: ${JSON.stringify(preview.changeSummary)}${ctx()}`);
        assert.ok(preview.stdout.includes(edited.split("::").pop()!), "the preview names the edited resource");
        const up = await e.stack.up({ onOutput: out.onOutput });
        assert.equal(up.summary.result, "succeeded", ctx());
        await ex.drift.afterRepair?.(sb, await stateResources(e.stack));
        const clean = await e.stack.preview({ onOutput: out.onOutput });
        assert.deepEqual(Object.keys(clean.changeSummary), ["same"], `preview after repair: ${JSON.stringify(clean.changeSummary)}${ctx()}`);
      });

      it("destroy leaves nothing in the sandbox", async () => {
        const destroyed = await stateResources(e.stack);
        const from = ((await sb.admin<any[]>("GET", "/requests")).at(-1)?.seq ?? 0) + 1;
        const events: EngineEvent[] = [];
        const d = await e.stack.destroy({ onOutput: out.onOutput, onEvent: (ev) => events.push(ev) });
        assert.equal(d.summary.result, "succeeded", ctx());
        ex.afterDestroy?.((await sb.admin<any[]>("GET", "/requests")).filter((q) => q.seq >= from), destroyed, events);
        assert.deepEqual(await stateResources(e.stack), []);
        assert.deepEqual(leftovers(await sb.inventory()), [], ctx());
      });
    });
  }
});
