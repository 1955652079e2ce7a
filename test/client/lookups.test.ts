import assert from "node:assert/strict";
import { FakeClock } from "../../provider/core/clock";
import { configReader, scopedConfig, type ConfigReader } from "../../provider/core/config";
import { callContext } from "../../provider/core/context";
import { isApiError, type ApiError } from "../../provider/core/errors";
import type { TransportRequest } from "../../provider/core/http";
import * as alibabaQ from "../../provider/lookups/alibabaQueries";
import type { LookupContext } from "../../provider/lookups/common";
import * as fabricQ from "../../provider/lookups/fabricQueries";
import * as ixapiQ from "../../provider/lookups/ixapiQueries";
import { sandboxEnv, startSandbox, type Sandbox } from "../../sandbox";
import { ALIBABA_PROFILE_UUID, PRIVATE_PROFILE_UUID, PORTS, findPort } from "../../sandbox/equinix";
import { buildFabricValidators } from "../contract/fabricSchemas";
import { observingTransport } from "../support/context";

/**
 * The look-ups (provider/lookups) against the sandbox over HTTP on 127.0.0.1: found, not found (naming
 * the criteria and listing the candidates), ambiguous (listing them), bad arguments refused before any
 * call, throttling retried, bad credentials reported without the secret. Each look-up gets a context as
 * the program would build it, but over these settings, a fake clock (Retry-After waits take no time) and
 * a transport that records what was sent.
 */
describe("look-ups against the sandbox", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  const sent: TransportRequest[] = [];
  const transport = observingTransport((r) => sent.push(r));
  const clock = new FakeClock(Date.now());
  const settings = (over: Record<string, string> = {}): ConfigReader => configReader({ env: { ...sandboxEnv(sb), INTERCONNECT_QUIET: "1", ...over } });
  /** A look-up context over `config` (the sandbox's settings by default). */
  const lookups = (config?: ConfigReader): LookupContext => (scope) => {
    const base = config ?? settings();
    return callContext({ config: scope ? scopedConfig(base, scope) : base, clock, transport });
  };
  const lc = () => lookups();
  const schemas = buildFabricValidators();

  async function failure(p: Promise<unknown>): Promise<ApiError> {
    try {
      await p;
    } catch (e) {
      assert.ok(isApiError(e), String(e));
      return e;
    }
    assert.fail("expected the look-up to fail");
  }
  const apiRequests = () => sb.admin.requests().filter((r) => r.kind !== "oauth.token" && !r.kind.startsWith("ixapi.auth"));

  before(async () => {
    sb = await startSandbox({ port: 0, timeScale: 0.05 });
  });
  after(() => sb?.stop());
  beforeEach(() => {
    sent.length = 0;
    sb.admin.clearRequests();
    sb.admin.clearFaults();
  });

  describe("fabric", () => {
    it("getPort: the one port of a metro, encapsulation and priority, in one search Fabric's schema accepts", async () => {
      const want = findPort("SV", "QINQ", "SECONDARY");
      const p = await fabricQ.findPort({ metroCode: "SV", type: "QINQ", priority: "SECONDARY" }, undefined, lc());
      assert.deepEqual(
        { uuid: p.uuid, name: p.name, type: p.type, metroCode: p.metroCode, priority: p.priority, state: p.state, bandwidth: p.bandwidth, metroName: p.metroName },
        { uuid: want.uuid, name: want.name, type: "QINQ", metroCode: "SV", priority: "SECONDARY", state: "ACTIVE", bandwidth: 10000, metroName: "Silicon Valley" },
      );
      const searches = sent.filter((r) => r.url.endsWith("/fabric/v4/ports/search"));
      assert.equal(searches.length, 1);
      const body = JSON.parse(searches[0].body!) as { filter: { and: unknown[] } };
      assert.ok(schemas.validator("PortV4SearchRequest")(body), JSON.stringify(schemas.validator("PortV4SearchRequest").errors));
      assert.deepEqual(body.filter.and, [
        { property: "/state", values: ["ACTIVE"], operator: "=" },
        { property: "/location/metroCode", values: ["SV"], operator: "=" },
      ]);
      const byName = await fabricQ.findPort({ name: want.name }, undefined, lc());
      assert.equal(byName.uuid, want.uuid);
    });

    it("getPort: nothing matches -> notFound naming the criteria and listing the ports the credentials see", async () => {
      const e = await failure(fabricQ.findPort({ metroCode: "SG", type: "QINQ" }, undefined, lc()));
      assert.equal(e.kind, "notFound");
      assert.match(e.message, /getPort: no Fabric port matches metroCode "SG", type "QINQ", state "ACTIVE"/);
      for (const name of PORTS.map((p) => p.name).sort().slice(0, 20)) assert.ok(e.message.includes(name), `lists ${name}`);
      assert.match(e.message, /and \d+ more/);
    });

    it("getPort: several match -> invalid, listing each and how to narrow; getPorts gives them all", async () => {
      const e = await failure(fabricQ.findPort({ metroCode: "SV" }, undefined, lc()));
      assert.equal(e.kind, "invalid");
      const sv = PORTS.filter((p) => p.metroCode === "SV");
      assert.match(e.message, new RegExp(`getPort: ${sv.length} Fabric ports match metroCode "SV", state "ACTIVE": `));
      for (const p of sv) assert.ok(e.message.includes(`${p.name} (SV ${p.encapsulation} ${p.priority} ACTIVE, ${p.uuid})`), p.name);
      assert.match(e.message, /add name, metroCode, type or priority to pick one/);
      const all = await fabricQ.findPorts({ metroCode: "SV" }, undefined, lc());
      assert.deepEqual(all.map((p) => p.uuid).sort(), sv.map((p) => p.uuid).sort());
      assert.deepEqual(all.map((p) => p.name), [...all.map((p) => p.name)].sort(), "sorted by name");
      assert.deepEqual(await fabricQ.findPorts({ metroCode: "SV", state: "DEPROVISIONED" }, undefined, lc()), []);
    });

    it("bad arguments are refused before any call, naming the field and the rule", async () => {
      const cases: Array<[Promise<unknown>, RegExp]> = [
        [fabricQ.findPort({ metroCode: "sv" }, undefined, lc()), /metroCode: must be a two-letter Equinix metro code in capitals/],
        [fabricQ.findPort({ type: "VLAN" as never }, undefined, lc()), /type: must be one of DOT1Q, QINQ, UNTAGGED \(got "VLAN"\)/],
        [fabricQ.findPort({ metro: "SV" } as never, undefined, lc()), /metro: unknown argument/],
        [fabricQ.findPort({ name: "" }, undefined, lc()), /name: must not be empty/],
        [fabricQ.findMetro({}, undefined, lc()), /code: set exactly one of code/],
        [fabricQ.findServiceProfile({ uuid: "alibaba" }, undefined, lc()), /uuid: must be a service profile uuid/],
        [fabricQ.findPort({ name: "x" }, { timeout: "soon" }, lc()), /options.timeout: "soon" is not a duration/],
        [ixapiQ.findProductOffering({ bandwidth: -5 }, undefined, lc()), /bandwidth: must be a bandwidth in Mbps greater than 0/],
        [alibabaQ.findAccessPoint({ region: "US West" }, undefined, lc()), /region: must be an Alibaba Cloud region id/],
        [fabricQ.findPort({ name: "x" }, { credentials: "Ops_2" }, lc()), /options.credentials must be a credential set name/],
      ];
      for (const [p, re] of cases) {
        const e = await failure(p);
        assert.equal(e.kind, "invalid");
        assert.match(e.message, re);
      }
      assert.deepEqual(sent, [], "no request was sent");
    });

    it("a 429 (Retry-After) and a 503 are retried within the look-up's deadline", async () => {
      sb.admin.injectFault({ api: "equinix", path: "^/fabric/v4/ports/search$", times: 1, fault: { kind: "status", status: 429, retryAfterSeconds: 7 } });
      sb.admin.injectFault({ api: "equinix", path: "^/fabric/v4/ports/search$", times: 1, fault: { kind: "status", status: 503 } });
      const slept = clock.slept.length;
      const p = await fabricQ.findPort({ metroCode: "LD", type: "DOT1Q", priority: "PRIMARY" }, undefined, lc());
      assert.equal(p.uuid, findPort("LD").uuid);
      assert.deepEqual(apiRequests().map((r) => r.status), [429, 503, 200]);
      assert.ok(clock.slept.slice(slept)[0] >= 7000, `waited the Retry-After: ${clock.slept.slice(slept)}`);
      // A budget too short for the Retry-After: the throttling is reported, with the attempts made.
      sb.admin.injectFault({ api: "equinix", path: "^/fabric/v4/ports/search$", fault: { kind: "status", status: 429, retryAfterSeconds: 30 } });
      const e = await failure(fabricQ.findPort({ metroCode: "LD" }, { timeout: "10s" }, lc()));
      assert.equal(e.kind, "throttled");
      assert.match(e.message, /POST \/fabric\/v4\/ports\/search HTTP 429/);
    });

    it("bad credentials: an auth error naming the settings, without the secret, the token request not repeated", async () => {
      const secret = "not-the-sandbox-secret-4711";
      const e = await failure(fabricQ.findPort({ metroCode: "SV" }, undefined, lookups(settings({ EQUINIX_API_CLIENTID: "someone-else", EQUINIX_API_CLIENTSECRET: secret }))));
      assert.equal(e.kind, "auth", e.message);
      assert.match(e.message, /token request refused for client id .*Check equinix:clientId and equinix:clientSecret/);
      assert.ok(!JSON.stringify({ ...e, message: e.message, stack: e.stack }).includes(secret), "the secret appears nowhere in the error");
      assert.deepEqual(sb.admin.requests().map((r) => `${r.kind} ${r.status}`), ["oauth.token 400"]);
      sb.admin.equinix.unlockAccount();
      const missing = await failure(fabricQ.findPort({ metroCode: "SV" }, undefined, lookups(configReader({ env: {} }))));
      assert.equal(missing.kind, "config");
      assert.match(missing.message, /equinix:clientId.*EQUINIX_API_CLIENTID/s);
    });

    it("getServiceProfile: by name (Fabric's profile search), with its metros, seller regions, bandwidths and key rule", async () => {
      const p = await fabricQ.findServiceProfile({ name: "Alibaba Cloud Express Connect" }, undefined, lc());
      assert.equal(p.uuid, ALIBABA_PROFILE_UUID);
      assert.deepEqual(p.bandwidths, [50, 200, 500, 1000]);
      assert.deepEqual(p.authenticationKey, { required: true, label: "Alibaba Cloud Account ID" });
      assert.deepEqual(p.metros.find((m) => m.code === "SV")?.sellerRegions, { "us-west-1": "US (Silicon Valley)" });
      const search = sent.find((r) => r.url.endsWith("/fabric/v4/serviceProfiles/search"))!;
      assert.ok(schemas.validator("ServiceProfileSearchRequest")(JSON.parse(search.body!)), JSON.stringify(schemas.validator("ServiceProfileSearchRequest").errors));
      assert.equal(search.query?.viewPoint, "aSide");
      const inSv = await fabricQ.findServiceProfile({ name: "Alibaba Cloud Express Connect", metroCode: "SV" }, undefined, lc());
      assert.equal(inSv.uuid, ALIBABA_PROFILE_UUID);
    });

    it("getServiceProfile: none in that metro -> lists the profiles of that name; several -> lists them", async () => {
      const none = await failure(fabricQ.findServiceProfile({ name: "Alibaba Cloud Express Connect", metroCode: "AM" }, undefined, lc()));
      assert.equal(none.kind, "notFound");
      assert.match(none.message, /no Fabric service profile matches name "Alibaba Cloud Express Connect", metroCode "AM", state "ACTIVE"; the Fabric service profiles these credentials can see: "Alibaba Cloud Express Connect" \(4c4b8edf/);
      const many = await failure(fabricQ.findServiceProfile({ metroCode: "FR" }, undefined, lc()));
      assert.equal(many.kind, "invalid");
      assert.ok(many.message.includes(`"Sandbox Private L2" (${PRIVATE_PROFILE_UUID})`), many.message);
      assert.ok(many.message.includes(`"Alibaba Cloud Express Connect" (${ALIBABA_PROFILE_UUID})`), many.message);
    });

    it("getMetro by code or name, getMetros; an unknown code lists the metros", async () => {
      const fr = await fabricQ.findMetro({ code: "FR" }, undefined, lc());
      assert.deepEqual([fr.code, fr.name, fr.region, fr.country], ["FR", "Frankfurt", "EMEA", "DE"]);
      assert.ok(fr.connectedMetros.some((m) => m.code === "LD" && typeof m.avgLatency === "number"));
      assert.equal((await fabricQ.findMetro({ name: "silicon valley" }, undefined, lc())).code, "SV");
      const zz = await failure(fabricQ.findMetro({ code: "ZZ" }, undefined, lc()));
      assert.equal(zz.kind, "notFound");
      assert.match(zz.message, /getMetro: no Fabric metro matches code "ZZ"; the Fabric metros these credentials can see: SV \(Silicon Valley\), DC \(Ashburn\)/);
      const mine = await fabricQ.findMetros({ onlyWithMyPorts: true }, undefined, lc());
      assert.deepEqual(mine.map((m) => m.code).sort(), [...new Set(PORTS.map((p) => p.metroCode))].sort());
    });
  });

  describe("alibaba", () => {
    it("getAccessPoint in the stack's region, or in another region named by the argument", async () => {
      const sv = await alibabaQ.findAccessPoint({ name: "Silicon Valley Equinix SV5 A" }, undefined, lc());
      assert.equal(sv.id, "ap-us-sv-eqx-a");
      assert.equal(sv.region, "us-west-1");
      assert.equal(sv.hostOperator, "Equinix");
      assert.equal(sv.status, "recommended");
      assert.deepEqual(sv.features, { AP_Support_VbrBandwidthLimit: "true" });
      const hk = await alibabaQ.findAccessPoint({ region: "cn-hongkong", hostOperator: "equinix" }, undefined, lc());
      assert.deepEqual([hk.id, hk.region], ["ap-cn-hongkong-eqx-a", "cn-hongkong"]);
      const all = await alibabaQ.findAccessPoints({ status: ["recommended", "hot"] }, undefined, lc());
      assert.deepEqual(all.map((a) => a.id).sort(), ["ap-us-sv-eqx-a", "ap-us-sv-eqx-b"]);
      assert.deepEqual(await alibabaQ.findAccessPoints({ status: ["full"] }, undefined, lc()), []);
    });

    it("several or none -> the error names the criteria (the region included) and lists the region's access points", async () => {
      const many = await failure(alibabaQ.findAccessPoint({ hostOperator: "Equinix" }, undefined, lc()));
      assert.equal(many.kind, "invalid");
      assert.match(many.message, /getAccessPoint: 2 Express Connect access points match region "us-west-1 \(alicloud:region\)", hostOperator "Equinix": ap-us-sv-eqx-a \(Silicon Valley Equinix SV5 A, Equinix, recommended\), ap-us-sv-eqx-b/);
      const none = await failure(alibabaQ.findAccessPoint({ region: "cn-hongkong", id: "ap-us-sv-eqx-a" }, undefined, lc()));
      assert.equal(none.kind, "notFound");
      assert.match(none.message, /no Express Connect access point matches region "cn-hongkong", id "ap-us-sv-eqx-a"; the Express Connect access points these credentials can see: ap-cn-hongkong-eqx-a/);
    });

    it("options.credentials reads another credential set (the sandbox's second account); a set without keys names them", async () => {
      const ap = await alibabaQ.findAccessPoint({ id: "ap-us-sv-eqx-a" }, { credentials: "second" }, lc());
      assert.equal(ap.region, "us-west-1", "the default set's region: a named set falls back to it");
      assert.deepEqual(sent.map((r) => r.query?.AccessKeyId), [(sb.alibaba as unknown as { second: { accessKeyId: string } }).second.accessKeyId], "signed with the second account's key");
      const e = await failure(alibabaQ.findAccessPoint({ id: "ap-us-sv-eqx-a" }, { credentials: "ops9" }, lc()));
      assert.equal(e.kind, "config");
      assert.match(e.message, /credential set "ops9".*alicloud-ops9:accessKey.*ALICLOUD_ACCESS_KEY_OPS9/s);
    });

    it("throttling is retried; a wrong secret is an auth error that does not carry it", async () => {
      sb.admin.injectFault({ api: "alibaba", action: "DescribeAccessPoints", times: 2, fault: { kind: "status", status: 429, retryAfterSeconds: 2 } });
      assert.equal((await alibabaQ.findAccessPoint({ id: "ap-us-sv-eqx-b" }, undefined, lc())).name, "Silicon Valley Equinix SV1 B");
      assert.deepEqual(sb.admin.requests().map((r) => r.status), [429, 429, 200]);
      const secret = "wrong-alibaba-secret-0815";
      const e = await failure(alibabaQ.findAccessPoint({ id: "ap-us-sv-eqx-b" }, undefined, lookups(settings({ ALICLOUD_SECRET_KEY: secret }))));
      assert.equal(e.kind, "auth");
      assert.ok(!JSON.stringify({ ...e, message: e.message, stack: e.stack }).includes(secret), "the secret appears nowhere in the error");
    });
  });

  describe("ixapi", () => {
    it("getProductOffering by provider and region; getConnection by pop and VLAN type", async () => {
      const o = await ixapiQ.findProductOffering({ serviceProvider: "Alibaba", serviceProviderRegion: "eu-central-1" }, undefined, lc());
      assert.deepEqual(
        [o.id, o.type, o.diversity, o.providerVlans, o.handoverMetroAreaNetwork, o.serviceExchangePops],
        ["alibaba-express-connect.fra.eu-central-1", "cloud_vc", 2, "single", "man:FRA", ["pop:FRA5-A", "pop:FRA7-B"]],
      );
      const q = sent.find((r) => r.url.endsWith("/product-offerings"))!.query;
      assert.deepEqual(q, { type: "cloud_vc", service_provider: "Alibaba", service_provider_region: "eu-central-1" });
      const b = await ixapiQ.findConnection({ pop: "pop:FRA7-B" }, undefined, lc());
      assert.deepEqual([b.id, b.state, b.pop, b.speed], ["CANL-051076", "production", "pop:FRA7-B", 10000]);
      assert.equal((await ixapiQ.findConnection({ pop: "pop:FRA5-A", vlanType: "port" }, undefined, lc())).id, "CANL-051077");
      assert.equal((await ixapiQ.findConnections({ pop: "pop:FRA5-A" }, undefined, lc())).length, 2);
    });

    it("several or none: the offerings or connections are listed", async () => {
      const many = await failure(ixapiQ.findProductOffering({ handoverMetroAreaNetwork: "man:FRA" }, undefined, lc()));
      assert.equal(many.kind, "invalid");
      assert.match(many.message, /2 product offerings match type "cloud_vc", handoverMetroAreaNetwork "man:FRA": alibaba-express-connect\.fra\.eu-central-1 .*aws-direct-connect\.fra\.eu-central-1/);
      const none = await failure(ixapiQ.findProductOffering({ serviceProvider: "Oracle" }, undefined, lc()));
      assert.equal(none.kind, "notFound");
      assert.match(none.message, /no product offering matches type "cloud_vc", serviceProvider "Oracle"; .*ms-express-route/);
      const ambiguous = await failure(ixapiQ.findConnection({ pop: "pop:FRA5-A" }, undefined, lc()));
      assert.match(ambiguous.message, /2 connections match pop "pop:FRA5-A", state "production": CANL-051075 \(pop pop:FRA5-A, 10000 Mbps, production\), CANL-051077/);
    });

    it("a 429 on the offerings is retried", async () => {
      sb.admin.injectFault({ api: "ixapi", path: "/product-offerings$", times: 1, fault: { kind: "status", status: 429, retryAfterSeconds: 1 } });
      assert.equal((await ixapiQ.findProductOffering({ serviceProvider: "AWS" }, undefined, lc())).id, "aws-direct-connect.fra.eu-central-1");
      assert.deepEqual(apiRequests().map((r) => r.status), [429, 200]);
    });
  });
});
