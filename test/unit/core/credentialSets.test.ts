import assert from "node:assert/strict";
import { alibabaApi } from "../../../provider/alibaba/client";
import { alibabaCredentials, alibabaRegionOf, REGION_ID } from "../../../provider/alibaba/settings";
import { configReader, credentialSetIssue, envInSet, keyInSet, readSetting, scopedConfig, settingInSet } from "../../../provider/core/config";
import { callContext, scopedContext } from "../../../provider/core/context";
import { isConfigError } from "../../../provider/core/errors";
import type { Lifecycle, Props } from "../../../provider/core/lifecycle";
import { partialFailure } from "../../../provider/core/partialFailure";
import { scoped } from "../../../provider/core/scope";
import { equinixApi } from "../../../provider/fabric/http";
import { equinixCredentials } from "../../../provider/fabric/settings";
import { ixapiApi } from "../../../provider/ixapi/client";
import { startSandbox, type Sandbox } from "../../../sandbox";
import { ixapiCredentials } from "../../../provider/ixapi/settings";

const DEFAULT_SECRET = "dflt-SECRET-value-1234";
const OPS2_SECRET = "ops2-SECRET-value-5678";

/** A stack holding the default Alibaba set and a second one, "ops2". */
const stack = () =>
  configReader({
    config: {
      "alicloud:accessKey": "LTAIdefault",
      "alicloud:secretKey": DEFAULT_SECRET,
      "alicloud:region": "us-west-1",
      "interconnect:alicloudVpcEndpoint": "http://127.0.0.1:1/alibaba/",
      "alicloud-ops2:accessKey": "LTAIops2",
      "alicloud-ops2:secretKey": OPS2_SECRET,
    },
  });

function configFailure(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(isConfigError(err), `a config error, got ${String(err)}`);
    return (err as Error).message;
  }
  assert.fail("no error");
}

describe("credential sets and regions (core/config, core/scope)", () => {
  describe("naming", () => {
    it("a named set reads its own namespace and variables; identity settings never fall back to the default set", () => {
      assert.equal(keyInSet("alicloud:accessKey", "ops2"), "alicloud-ops2:accessKey");
      assert.equal(envInSet("EQUINIX_API_CLIENTID", "eu-west"), "EQUINIX_API_CLIENTID_EU_WEST");
      const identity = settingInSet({ name: "accessKey", config: ["alicloud:accessKey"], env: ["ALICLOUD_ACCESS_KEY"], identity: true }, "ops2");
      assert.deepEqual([identity.config, identity.env], [["alicloud-ops2:accessKey"], ["ALICLOUD_ACCESS_KEY_OPS2"]]);
      const endpoint = settingInSet({ name: "endpoint", config: ["equinix:endpoint"], env: ["EQUINIX_API_ENDPOINT"] }, "ops2");
      assert.deepEqual([endpoint.config, endpoint.env], [["equinix-ops2:endpoint", "equinix:endpoint"], ["EQUINIX_API_ENDPOINT_OPS2", "EQUINIX_API_ENDPOINT"]]);
    });

    it("set names: lower-case letters, digits and single hyphens, from a letter, at most 32 characters", () => {
      for (const ok of ["ops2", "eu-west", "b"]) assert.equal(credentialSetIssue(ok), undefined, ok);
      for (const bad of ["Ops2", "2ops", "ops_2", "ops--2", "ops-", "", "a".repeat(33), 7]) assert.match(String(credentialSetIssue(bad)), /credential set/, String(bad));
    });
  });

  describe("Alibaba", () => {
    it("the default set is read as before; a named set reads alicloud-<set>: keys and borrows only the non-secret settings (region, endpoint)", () => {
      const d = alibabaCredentials(stack());
      assert.deepEqual([d.accessKeyId, d.accessKeySecret, d.region, d.endpoint], ["LTAIdefault", DEFAULT_SECRET, "us-west-1", "http://127.0.0.1:1/alibaba"]);
      const o = alibabaCredentials(scopedConfig(stack(), { credentials: "ops2" }));
      assert.deepEqual([o.accessKeyId, o.accessKeySecret, o.region, o.endpoint], ["LTAIops2", OPS2_SECRET, "us-west-1", "http://127.0.0.1:1/alibaba"]);
    });

    it("a resource's region wins over alicloud:region of its set", () => {
      const c = scopedConfig(stack(), { credentials: "ops2", region: "eu-central-1" });
      assert.equal(alibabaCredentials(c).region, "eu-central-1");
      assert.equal(alibabaRegionOf(c), "eu-central-1");
      const own = configReader({ config: { "alicloud-ops2:region": "ap-southeast-1", "alicloud:region": "us-west-1" } });
      assert.equal(alibabaRegionOf(scopedConfig(own, { credentials: "ops2" })), "ap-southeast-1");
      assert.equal(alibabaRegionOf(own), "us-west-1");
    });

    it("a named set that is missing fails naming its keys and variables, never a secret, and never borrows the default set's keys", () => {
      const message = configFailure(() => alibabaCredentials(scopedConfig(stack(), { credentials: "ops3" })));
      assert.match(message, /credential set "ops3"/);
      assert.match(message, /pulumi config set alicloud-ops3:accessKey/);
      assert.match(message, /pulumi config set --secret alicloud-ops3:secretKey/);
      assert.match(message, /ALICLOUD_ACCESS_KEY_OPS3/);
      assert.match(message, /ALICLOUD_SECRET_KEY_OPS3/);
      for (const secret of [DEFAULT_SECRET, OPS2_SECRET]) assert.ok(!message.includes(secret), "no secret in the message");
      // Half a set: its own id and the default set's secret are never combined.
      const half = configReader({ config: { ...Object.fromEntries(["alicloud:accessKey", "alicloud:region"].map((k) => [k, "x"])), "alicloud:secretKey": DEFAULT_SECRET, "alicloud-half:accessKey": "LTAIhalf" } });
      const m2 = configFailure(() => alibabaCredentials(scopedConfig(half, { credentials: "half" })));
      assert.match(m2, /secretKey: set `pulumi config set --secret alicloud-half:secretKey \.\.\.`, or the environment variable ALICLOUD_SECRET_KEY_HALF/);
      assert.doesNotMatch(m2, /accessKey:/);
      assert.ok(!m2.includes(DEFAULT_SECRET));
    });

    it("environment variables of a set: the default variables suffixed with the set's name", () => {
      const env = configReader({ env: { ALICLOUD_ACCESS_KEY_OPS2: "LTAIenv", ALIBABA_CLOUD_ACCESS_KEY_SECRET_OPS2: "env-secret", ALICLOUD_REGION: "cn-hongkong" } });
      const c = alibabaCredentials(scopedConfig(env, { credentials: "ops2" }));
      assert.deepEqual([c.accessKeyId, c.accessKeySecret, c.region], ["LTAIenv", "env-secret", "cn-hongkong"]);
    });

    it("the client factory gives one client per set and region, shared by calls with the same ones", () => {
      const ctx = callContext({ config: stack(), transport: async () => ({ status: 200, headers: {}, body: "{}" }) });
      const a = scopedContext(ctx, { credentials: "ops2", region: "eu-central-1" }).clients.get(alibabaApi);
      const b = scopedContext(ctx, { credentials: "ops2", region: "eu-central-1" }).clients.get(alibabaApi);
      const c = scopedContext(ctx, { credentials: "ops2" }).clients.get(alibabaApi);
      const d = ctx.clients.get(alibabaApi);
      assert.equal(a, b);
      assert.notEqual(a, c);
      assert.notEqual(c, d);
      assert.deepEqual([a.region, c.region, d.region], ["eu-central-1", "us-west-1", "us-west-1"]);
    });
  });

  describe("Equinix and IX-API", () => {
    it("a named Equinix set reads equinix-<set>: keys; missing, it names them (and the token alternative)", () => {
      const cfg = configReader({ config: { "equinix:clientId": "id", "equinix:clientSecret": DEFAULT_SECRET, "equinix-eu:clientId": "eu-id", "equinix-eu:clientSecret": "eu-secret" } });
      const eu = equinixCredentials(scopedConfig(cfg, { credentials: "eu" }));
      assert.deepEqual(eu, { kind: "oauth", clientId: "eu-id", clientSecret: "eu-secret", endpoint: "https://api.equinix.com", set: "eu" });
      const m = configFailure(() => equinixCredentials(scopedConfig(cfg, { credentials: "us" })));
      assert.match(m, /credential set "us"/);
      assert.match(m, /equinix-us:clientId/);
      assert.match(m, /EQUINIX_API_CLIENTSECRET_US/);
      assert.match(m, /equinix-us:token/);
      assert.ok(!m.includes(DEFAULT_SECRET));
    });

    it("a named IX-API set reads ixapi-<set>: keys and the default set's API URL; missing, it names them", () => {
      const cfg = configReader({ config: { "ixapi:apiUrl": "https://ix.example/ixapi/v2", "ixapi:apiKey": "k", "ixapi:apiSecret": DEFAULT_SECRET, "ixapi-b:apiKey": "kb", "ixapi-b:apiSecret": "sb" } });
      assert.deepEqual(ixapiCredentials(scopedConfig(cfg, { credentials: "b" })), { flow: "native", apiUrl: "https://ix.example/ixapi/v2", apiKey: "kb", apiSecret: "sb", set: "b" });
      const m = configFailure(() => ixapiCredentials(scopedConfig(cfg, { credentials: "c" })));
      assert.match(m, /credential set "c"/);
      assert.match(m, /ixapi-c:apiKey/);
      assert.match(m, /IXAPI_CLIENT_SECRET_C/);
      assert.ok(!m.includes(DEFAULT_SECRET));
    });

    it("readSetting without a set is unchanged", () => {
      assert.equal(readSetting({ name: "x", config: ["a:x"], env: [] }, configReader({ config: { "a:x": "1", "a-s:x": "2" } })), "1");
    });
  });

  describe("the scope wrapper", () => {
    /** A kind's lifecycle that records the scope each call acts in and checks its arguments strictly. */
    function fake(found = true) {
      const calls: Array<{ op: string; props: Props; credentials?: string; region?: string }> = [];
      const seen = (op: string, props: Props, ctx: { config: { scope?: { credentials?: string; region?: string } } }) =>
        calls.push({ op, props, credentials: ctx.config.scope?.credentials, region: alibabaRegionOf(ctx.config as never) });
      const life: Lifecycle = {
        check: (_o, news) => {
          const unknown = Object.keys(news).filter((k) => k !== "name");
          return { inputs: news, failures: unknown.map((k) => ({ property: k, reason: "unrecognized" })) };
        },
        diff: (_id, olds, news) => (olds.name === news.name ? { changes: false, replaces: [], stables: ["name"], deleteBeforeReplace: false, changed: [] } : { changes: true, replaces: [], stables: [], deleteBeforeReplace: false, changed: ["name"] }),
        async create(inputs, ctx) {
          seen("create", inputs, ctx);
          if (inputs.name === "fails") throw partialFailure("obj-1", inputs, { name: inputs.name }, new Error("wait failed"));
          return { id: "obj-1", outs: { name: inputs.name } };
        },
        async read(id, props, ctx) {
          seen("read", props, ctx);
          return found ? { id, props: { name: props.name }, inputs: { name: props.name } } : undefined;
        },
        async update(_id, _olds, news, ctx) {
          seen("update", news, ctx);
          return { outs: { name: news.name } };
        },
        async delete(_id, props, ctx) {
          seen("delete", props, ctx);
        },
      };
      return { life, calls };
    }
    const ctx = () => callContext({ config: stack(), progress: () => undefined });
    const regional = (life: Lifecycle) => scoped(life, { kind: "alibaba:Thing", noun: "thing", regionOf: alibabaRegionOf, regionPattern: REGION_ID });

    it("check: names a bad credential set or region; an Equinix or IX-API kind takes no region (its own strict check says so)", async () => {
      const { life } = fake();
      const r = await regional(life).check({}, { name: "a", credentials: "Ops 2", region: "Frankfurt" });
      assert.deepEqual(r.failures.map((f) => f.property).sort(), ["credentials", "region"]);
      assert.match(r.failures.find((f) => f.property === "region")!.reason, /Alibaba Cloud region id such as "us-west-1"/);
      const ok = await regional(life).check({}, { name: "a", credentials: "ops2", region: "eu-central-1" });
      assert.deepEqual(ok, { inputs: { name: "a", credentials: "ops2", region: "eu-central-1" }, failures: [] });
      const fabric = scoped(life, { kind: "fabric:Thing", noun: "thing" });
      assert.deepEqual((await fabric.check({}, { name: "a", region: "eu-central-1" })).failures.map((f) => f.property), ["region"]);
      assert.deepEqual((await fabric.check({}, { name: "a", credentials: "ops2" })).failures, []);
    });

    it("create acts in the resource's set and region and records both; read, update and delete use the recorded ones", async () => {
      const { life, calls } = fake();
      const w = regional(life);
      const c = await w.create({ name: "a", credentials: "ops2", region: "eu-central-1" }, ctx());
      assert.deepEqual(c.outs, { name: "a", credentials: "ops2", region: "eu-central-1" });
      const r = await w.read("obj-1", c.outs, ctx());
      assert.deepEqual(r, { id: "obj-1", props: c.outs, inputs: c.outs });
      await w.update("obj-1", c.outs, { name: "b", credentials: "ops2", region: "eu-central-1" }, ctx());
      await w.delete("obj-1", c.outs, ctx());
      assert.deepEqual(calls.map((x) => [x.op, x.credentials, x.region]), [["create", "ops2", "eu-central-1"], ["read", "ops2", "eu-central-1"], ["update", "ops2", "eu-central-1"], ["delete", "ops2", "eu-central-1"]]);
      assert.ok(calls.every((x) => !("credentials" in x.props) && !("region" in x.props)), "the kind never sees them");
      // Without a region, the one created in is recorded: a later alicloud:region change cannot lose the object.
      const d = await w.create({ name: "a" }, ctx());
      assert.deepEqual(d.outs, { name: "a", region: "us-west-1", __defaultRegion: true });
      // Read gives back what the program wrote (no region), and keeps reading where the object is.
      const moved = callContext({ config: configReader({ config: { ...Object.fromEntries(["alicloud:accessKey", "alicloud:secretKey"].map((k) => [k, "x"])), "alicloud:region": "ap-southeast-1" } }), progress: () => undefined });
      const back = await w.read("obj-1", d.outs, moved);
      assert.deepEqual([back!.inputs, back!.props], [{ name: "a" }, d.outs]);
      assert.equal(calls.at(-1)!.region, "us-west-1");
    });

    it("a partial failure keeps the set and region in its properties (the next up or destroy reaches the object)", async () => {
      const { life } = fake();
      await assert.rejects(regional(life).create({ name: "fails", credentials: "ops2", region: "eu-central-1" }, ctx()), (e: { properties: Props }) => {
        assert.equal(e.properties.credentials, "ops2");
        assert.equal(e.properties.region, "eu-central-1");
        return true;
      });
    });

    it("diff: a credential set change is in place; naming the region already in use changes nothing; another region is refused, naming both", async () => {
      const { life } = fake();
      const w = regional(life);
      const olds = { name: "a", region: "us-west-1" };
      const cred = await w.diff("obj-1", olds, { name: "a", credentials: "ops2" }, ctx());
      assert.deepEqual([cred.changes, cred.replaces, cred.changed], [true, [], ["credentials"]]);
      assert.equal((await w.diff("obj-1", olds, { name: "a", region: "us-west-1" }, ctx())).changes, false);
      assert.equal((await w.diff("obj-1", olds, { name: "a" }, ctx())).changes, false);
      await assert.rejects(Promise.resolve().then(() => w.diff("obj-1", olds, { name: "a", region: "eu-central-1" }, ctx())), /region: thing obj-1 lives in us-west-1 and cannot move to eu-central-1; nothing was changed.*region: "us-west-1"/s);
      // The stack's alicloud:region moved: the object stays where it is, and the preview says what to do.
      const moved = callContext({ config: configReader({ config: { "alicloud:region": "ap-southeast-1" } }), progress: () => undefined });
      await assert.rejects(Promise.resolve().then(() => w.diff("obj-1", olds, { name: "a" }, moved)), /names no region, and alicloud:region now says ap-southeast-1/);
      // A state from before regions were recorded: no region to compare, as before.
      assert.equal((await w.diff("obj-1", { name: "a" }, { name: "a" }, moved)).changes, false);
    });

    it("update to another credential set: reads the object with the new set first; unseen there, it fails and changes nothing", async () => {
      const seenByOps2 = fake(true);
      const w = regional(seenByOps2.life);
      const u = await w.update("obj-1", { name: "a", region: "us-west-1" }, { name: "a", credentials: "ops2" }, ctx());
      assert.deepEqual(u.outs, { name: "a", credentials: "ops2", region: "us-west-1", __defaultRegion: true });
      assert.deepEqual(seenByOps2.calls.map((x) => [x.op, x.credentials]), [["read", "ops2"]], "only a read: nothing else changed");
      const unseen = fake(false);
      await assert.rejects(regional(unseen.life).update("obj-1", { name: "a", region: "us-west-1" }, { name: "b", credentials: "ops2" }, ctx()), /credentials: thing obj-1 is not visible with credential set "ops2" in us-west-1, so it was not moved to it and nothing was changed/);
      assert.deepEqual(unseen.calls.map((x) => x.op), ["read"]);
    });
  });
});

describe("a refused login names the keys of the credential set it used, never a secret", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  before(async () => (sb = await startSandbox({ port: 0 })));
  after(() => sb?.stop());

  it("Equinix: the set's keys and variables", async () => {
    const config = configReader({ env: { EQUINIX_API_ENDPOINT: sb.equinix.endpoint, EQUINIX_API_CLIENTID_EU: sb.equinix.clientId, EQUINIX_API_CLIENTSECRET_EU: "not-the-secret-42" } });
    const ctx = scopedContext(callContext({ config, progress: () => undefined }), { credentials: "eu" });
    await assert.rejects(ctx.clients.get(equinixApi).fabric.listConnectionsByUuid(["7f0c6ad8-7a8d-4a59-8d3a-1f2b3c4d5e6f"], { deadline: Date.now() + 10_000 }), (e: Error) => {
      assert.match(e.message, /token request refused for client id .*Check equinix-eu:clientId and equinix-eu:clientSecret \(or EQUINIX_API_CLIENTID_EU \/ EQUINIX_API_CLIENTSECRET_EU\)/);
      assert.ok(!e.message.includes("not-the-secret-42") && !e.message.includes(sb.equinix.clientSecret));
      return true;
    });
  });

  it("IX-API: the set's keys and variables", async () => {
    const config = configReader({ env: { IXAPI_API_URL: sb.ixapi.apiUrl, IXAPI_API_KEY_B: "key-b", IXAPI_API_SECRET_B: "not-the-secret-43" } });
    const ctx = scopedContext(callContext({ config, progress: () => undefined }), { credentials: "b" });
    await assert.rejects(ctx.clients.get(ixapiApi).listPops({}, { deadline: Date.now() + 10_000 }), (e: Error) => {
      assert.match(e.message, /token request refused for api key key-b; check ixapi-b:apiKey and ixapi-b:apiSecret \(or IXAPI_API_KEY_B \/ IXAPI_API_SECRET_B\)/);
      assert.ok(!e.message.includes("not-the-secret-43"));
      return true;
    });
  });
});

describe("get(name, id, opts, scope): a read-only reference read where the object lives", () => {
  const registered: Array<{ name: string; id?: string; inputs: Record<string, unknown> }> = [];
  let mod: typeof import("../../../provider");
  before(async () => {
    const pulumi = await import("@pulumi/pulumi");
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: args.id || `${args.name}-id`, state: args.inputs };
        },
        call: () => ({}),
      },
      "get-scope-test",
      "unit",
      false,
    );
    mod = await import("../../../provider");
  });

  it("passes the credential set and region to the read (the scope wrapper reads there); without one, no argument but the hidden ones", async () => {
    mod.alibaba.VirtualBorderRouter.get("fra-vbr", "vbr-1", {}, { region: "eu-central-1", credentials: "ops2" });
    mod.fabric.Connection.get("eu-leg", "uuid-1", {}, { credentials: "eu" });
    mod.alibaba.VirtualBorderRouter.get("plain-vbr", "vbr-2");
    await new Promise((r) => setTimeout(r, 50));
    const inputs = (name: string) => registered.find((x) => x.name === name)!.inputs;
    assert.deepEqual([inputs("fra-vbr").region, inputs("fra-vbr").credentials], ["eu-central-1", "ops2"]);
    assert.deepEqual([inputs("eu-leg").region, inputs("eu-leg").credentials], [undefined, "eu"]);
    assert.deepEqual(Object.keys(inputs("plain-vbr")).sort(), ["__identity", "__provider"]);
    assert.equal(registered.find((x) => x.name === "fra-vbr")!.id, "vbr-1");
  });
});
