import assert from "node:assert/strict";
import { ConfigSource, configure, configured, pollIntervals, readSetting, requireSettings, SettingSpec } from "../../../provider/core/config";
import { isConfigError, ApiError } from "../../../provider/core/errors";
import { redact } from "../../../provider/core/redact";

class FakeSource implements ConfigSource {
  readonly asked: string[] = [];
  constructor(private readonly values: Record<string, string>, private readonly throws = false) {}
  get(key: string): string | undefined {
    this.asked.push(key);
    if (this.throws) throw new Error("Missing required configuration (engine sent none)");
    return this.values[key];
  }
}

const ENV = ["UT_CFG_CLIENT_ID", "UT_CFG_CLIENT_ID_2", "UT_CFG_SECRET", "UT_CFG_REGION", "INTERCONNECT_POLL_INTERVAL_MS"];

const clientId: SettingSpec & { name: "clientId" } = {
  name: "clientId",
  config: ["ut:clientId", "ut:legacyClientId"],
  env: ["UT_CFG_CLIENT_ID", "UT_CFG_CLIENT_ID_2"],
};
const clientSecret: SettingSpec & { name: "clientSecret" } = {
  name: "clientSecret",
  config: ["ut:clientSecret"],
  env: ["UT_CFG_SECRET"],
  secret: true,
};
const region: SettingSpec = { name: "region", config: ["ut:region"], env: ["UT_CFG_REGION"] };

describe("core/config", () => {
  let saved: Record<string, string | undefined>;
  beforeEach(async () => {
    saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
    for (const k of ENV) delete process.env[k];
    await configure({ config: new FakeSource({}) });
  });
  afterEach(async () => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await configure({ config: new FakeSource({}) });
  });

  it("configure installs the source; configured() resolves", async () => {
    const source = new FakeSource({ "ut:clientId": "from-config" });
    const p = configure({ config: source });
    await configured();
    await p;
    assert.equal(readSetting(clientId), "from-config");
    assert.deepEqual(source.asked, ["ut:clientId"]);
  });

  it("a configure without config keeps the previous source", async () => {
    await configure({ config: new FakeSource({ "ut:region": "sg" }) });
    await configure(undefined);
    await configure({});
    assert.equal(readSetting(region), "sg");
  });

  it("config keys win over the environment, in order", async () => {
    process.env.UT_CFG_CLIENT_ID = "from-env";
    await configure({ config: new FakeSource({ "ut:legacyClientId": "legacy", "ut:clientId": "primary" }) });
    assert.equal(readSetting(clientId), "primary");
    await configure({ config: new FakeSource({ "ut:legacyClientId": "legacy" }) });
    assert.equal(readSetting(clientId), "legacy");
  });

  it("falls back to environment variables, in order, ignoring empty strings", async () => {
    await configure({ config: new FakeSource({ "ut:clientId": "" }) });
    process.env.UT_CFG_CLIENT_ID = "";
    process.env.UT_CFG_CLIENT_ID_2 = "env-two";
    assert.equal(readSetting(clientId), "env-two");
    process.env.UT_CFG_CLIENT_ID = "env-one";
    assert.equal(readSetting(clientId), "env-one");
    process.env.UT_CFG_CLIENT_ID = "";
    process.env.UT_CFG_CLIENT_ID_2 = "";
    assert.equal(readSetting(clientId), undefined);
  });

  it("tolerates a source whose get throws", async () => {
    const source = new FakeSource({}, true);
    await configure({ config: source });
    assert.equal(readSetting(clientId), undefined);
    assert.deepEqual(source.asked, ["ut:clientId", "ut:legacyClientId"]);
    process.env.UT_CFG_CLIENT_ID = "env";
    assert.equal(readSetting(clientId), "env");
  });

  it("requireSettings returns required and optional settings", async () => {
    await configure({ config: new FakeSource({ "ut:clientId": "id-1", "ut:clientSecret": "ut-secret-value-1" }) });
    assert.deepEqual(requireSettings("equinix", [clientId, clientSecret], [region]), {
      clientId: "id-1",
      clientSecret: "ut-secret-value-1",
      region: undefined,
    });
  });

  it("requireSettings names every missing config key and env var, never a value", async () => {
    await configure({ config: new FakeSource({ "ut:region": "eu-sensitive-region-value" }) });
    process.env.UT_CFG_SECRET = "";
    let err: ApiError | undefined;
    try {
      requireSettings("equinix", [clientId, clientSecret, region]);
    } catch (e) {
      err = e as ApiError;
    }
    assert.ok(err, "expected a throw");
    assert.equal(isConfigError(err), true);
    assert.equal(err.api, "equinix");
    for (const name of ["clientId", "ut:clientId", "ut:legacyClientId", "UT_CFG_CLIENT_ID", "UT_CFG_CLIENT_ID_2", "clientSecret", "ut:clientSecret", "UT_CFG_SECRET"]) {
      assert.ok(err.message.includes(name), `message names ${name}: ${err.message}`);
    }
    assert.ok(err.message.includes("pulumi config set --secret ut:clientSecret"), err.message);
    assert.ok(!err.message.includes("ut:region"), "a present setting is not listed");
    assert.ok(!err.message.includes("eu-sensitive-region-value"));
  });

  it("registers secret settings for redaction, and only those", async () => {
    await configure({ config: new FakeSource({ "ut:clientSecret": "ut-secret-from-config-42", "ut:region": "ut-region-not-secret" }) });
    requireSettings("equinix", [clientSecret], [region]);
    assert.equal(redact("x ut-secret-from-config-42 y"), "x [redacted] y");
    assert.equal(redact("ut-region-not-secret"), "ut-region-not-secret");
    process.env.UT_CFG_SECRET = "ut-secret-from-env-43";
    await configure({ config: new FakeSource({}) });
    readSetting(clientSecret);
    assert.equal(redact("ut-secret-from-env-43"), "[redacted]");
  });

  it("pollIntervals: 5 s growing to 30 s by default; config or env override", async () => {
    assert.deepEqual(pollIntervals(), { intervalMs: 5000, maxIntervalMs: 30_000, lagShare: 0.1 });
    process.env.INTERCONNECT_POLL_INTERVAL_MS = "200";
    assert.deepEqual(pollIntervals(), { intervalMs: 200, maxIntervalMs: 1200, lagShare: 0.1 });
    process.env.INTERCONNECT_POLL_INTERVAL_MS = "60000";
    assert.deepEqual(pollIntervals(), { intervalMs: 60_000, maxIntervalMs: 60_000, lagShare: 0.1 });
    await configure({ config: new FakeSource({ "interconnect:pollIntervalMs": "10" }) });
    assert.deepEqual(pollIntervals(), { intervalMs: 10, maxIntervalMs: 60, lagShare: 0.1 });
    for (const bad of ["abc", "0", "-5"]) {
      await configure({ config: new FakeSource({ "interconnect:pollIntervalMs": bad }) });
      delete process.env.INTERCONNECT_POLL_INTERVAL_MS;
      assert.deepEqual(pollIntervals(), { intervalMs: 5000, maxIntervalMs: 30_000, lagShare: 0.1 }, bad);
    }
  });
});
