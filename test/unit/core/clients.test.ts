import assert from "node:assert/strict";
import { ApiSpec, Clients } from "../../../provider/core/clients";
import { FakeClock, systemClock } from "../../../provider/core/clock";
import { configReader, type ConfigReader } from "../../../provider/core/config";
import { callContext } from "../../../provider/core/context";
import { apiError, isApiError, kindForStatus } from "../../../provider/core/errors";
import { HttpClient, type Transport, type TransportRequest } from "../../../provider/core/http";

interface Creds {
  url: string;
  user: string;
  secret: string;
}

/** A small API: its credentials from `unit:*` config keys, its client the HTTP client itself. */
function spec(made: Creds[]): ApiSpec<Creds, HttpClient> {
  return {
    api: "unit",
    credentials(config: ConfigReader) {
      const url = config.get("unit:url") as string | undefined;
      const user = config.get("unit:user") as string | undefined;
      const secret = config.env("UNIT_SECRET");
      if (!url || !user || !secret) throw apiError({ api: "unit", kind: "config", message: "missing unit:url, unit:user or UNIT_SECRET" });
      return { url, user, secret };
    },
    key: (c) => `${c.url}|${c.user}|${c.secret.length}${c.secret.slice(-2)}`,
    create(c, http) {
      made.push(c);
      return http({ api: "unit", baseURL: c.url, toError: (res, call) => apiError({ api: "unit", kind: kindForStatus(res.status), status: res.status, call, message: "refused" }) });
    },
  };
}

const settings = (user: string, secret: string, url = "http://unit.example/api/") => configReader({ config: { "unit:url": url, "unit:user": user }, env: { UNIT_SECRET: secret } });

describe("core/clients: the API-client factory", () => {
  it("one client per credential set, shared by every call with the same settings; another secret or user gets its own", () => {
    const made: Creds[] = [];
    const s = spec(made);
    const a = new Clients(settings("ann", "secret-ab")).get(s);
    assert.equal(new Clients(settings("ann", "secret-ab")).get(s), a, "a later call with the same credentials shares the client");
    assert.notEqual(new Clients(settings("ann", "secret-cd")).get(s), a, "another secret: another client");
    assert.notEqual(new Clients(settings("bob", "secret-ab")).get(s), a, "another user: another client");
    assert.equal(made.length, 3);
  });

  it("reads the credentials at every get: missing settings are the spec's config error", () => {
    assert.throws(() => new Clients(configReader()).get(spec([])), (e: unknown) => isApiError(e) && e.kind === "config" && /unit:url/.test(e.message));
    assert.deepEqual(new Clients(settings("carl", "s3")).credentials(spec([])), { url: "http://unit.example/api/", user: "carl", secret: "s3" });
  });

  it("an injected transport or clock gets clients of its own, which send through it on its clock", async () => {
    const made: Creds[] = [];
    const s = spec(made);
    const sent: TransportRequest[] = [];
    const transport: Transport = async (req) => {
      sent.push(req);
      return { status: 200, body: JSON.stringify({ ok: true }), headers: {} };
    };
    const shared = new Clients(settings("dan", "x1")).get(s);
    const observed = new Clients(settings("dan", "x1"), { transport }).get(s);
    assert.notEqual(observed, shared, "never the shared client");
    assert.equal(new Clients(settings("dan", "x1"), { transport }).get(s), observed, "the same transport shares its own client");
    const res = await observed.request<{ ok: boolean }>({ method: "GET", path: "/things", query: { n: 2, skip: undefined } });
    assert.deepEqual(res.data, { ok: true });
    assert.deepEqual(
      sent.map((r) => [r.method, r.url, r.query]),
      [["GET", "http://unit.example/api/things", { n: "2" }]],
    );
    const clock = new FakeClock(5);
    const timed = new Clients(settings("dan", "x1"), { transport, clock }).get(s);
    assert.equal(timed.clock, clock);
    assert.equal(shared.clock, systemClock);
  });

  it("callContext: the runtime's defaults, or what a test fakes", () => {
    const ctx = callContext();
    assert.equal(ctx.clock, systemClock);
    assert.ok(ctx.clients instanceof Clients);
    const lines: string[] = [];
    const clock = new FakeClock(0);
    const fake = callContext({ clock, config: settings("eve", "z"), progress: (s, m) => lines.push(`${s}: ${m}`) });
    fake.progress("thing 1", "waiting");
    assert.deepEqual(lines, ["thing 1: waiting"]);
    assert.equal(fake.clock, clock);
    assert.equal(fake.clients.credentials(spec([])).user, "eve");
  });
});
