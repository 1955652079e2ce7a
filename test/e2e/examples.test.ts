import assert from "node:assert/strict";
import * as path from "path";
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
  /** make one edit and one deletion outside Pulumi; return the URNs edited and deleted */
  apply(sb: SandboxProcess, resources: any[]): Promise<{ edited: string; deleted: string }>;
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

const examples: Array<{
  name: string;
  resources: number;
  config: (sb: SandboxProcess) => { plain: Record<string, string>; secret: Record<string, string> };
  /** environment variables the stack leaves out (its credentials come from config instead) */
  withoutEnv?: string[];
  /** what up must have reached, checked on the state and the sandbox right after it */
  afterUp?: (sb: SandboxProcess, resources: any[]) => Promise<void>;
  drift: Drift;
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
        await ex.afterUp?.(sb, resources);
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
        assert.equal(changes.update, 1, `refresh: ${JSON.stringify(changes)}${ctx()}`);
        assert.equal(changes.delete, 1, `refresh: ${JSON.stringify(changes)}${ctx()}`);
        const after = await stateResources(e.stack);
        assert.ok(!after.some((r) => r.urn === deleted), "refresh drops the deleted object");
        const preview = await e.stack.preview({ onOutput: out.onOutput, diff: true });
        assert.equal(preview.changeSummary.create, 1, `preview: ${JSON.stringify(preview.changeSummary)}${ctx()}`);
        assert.ok((preview.changeSummary.update ?? 0) + (preview.changeSummary.replace ?? 0) >= 1, `preview: ${JSON.stringify(preview.changeSummary)}${ctx()}`);
        assert.ok(preview.stdout.includes(edited.split("::").pop()!), "the preview names the edited resource");
        const up = await e.stack.up({ onOutput: out.onOutput });
        assert.equal(up.summary.result, "succeeded", ctx());
        const clean = await e.stack.preview({ onOutput: out.onOutput });
        assert.deepEqual(Object.keys(clean.changeSummary), ["same"], `preview after repair: ${JSON.stringify(clean.changeSummary)}${ctx()}`);
      });

      it("destroy leaves nothing in the sandbox", async () => {
        const d = await e.stack.destroy({ onOutput: out.onOutput });
        assert.equal(d.summary.result, "succeeded", ctx());
        assert.deepEqual(await stateResources(e.stack), []);
        assert.deepEqual(leftovers(await sb.inventory()), [], ctx());
      });
    });
  }
});
