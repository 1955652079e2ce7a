import assert from "node:assert/strict";
import sinon from "sinon";
import type * as pulumi from "@pulumi/pulumi";
import { configure, ConfigSource, readSetting } from "../../../provider/core/config";
import { systemClock } from "../../../provider/core/clock";
import { Clients } from "../../../provider/core/clients";
import type { CallContext } from "../../../provider/core/context";
import { apiError } from "../../../provider/core/errors";
import { Lifecycle } from "../../../provider/core/lifecycle";
import { partialFailure } from "../../../provider/core/partialFailure";
import { registerSecret } from "../../../provider/core/redact";
import { kinds as alibabaKinds } from "../../../provider/alibaba/kinds";

type Runtime = typeof import("../../../provider/runtime");

const KIND = "unit-test:Probe";
const METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * Loads a fresh copy of provider/runtime whose registry also serves KIND, and puts the module cache and
 * the alibaba registry back as they were, so other tests see the real runtime.
 */
function loadRuntime(life: Lifecycle, loads: { n: number }): Runtime {
  const path = require.resolve("../../../provider/runtime");
  const saved = require.cache[path];
  delete require.cache[path];
  (alibabaKinds as Record<string, () => Lifecycle>)[KIND] = () => {
    loads.n++;
    return life;
  };
  try {
    return require(path) as Runtime;
  } finally {
    delete (alibabaKinds as Record<string, unknown>)[KIND];
    if (saved) require.cache[path] = saved;
    else delete require.cache[path];
  }
}

describe("provider/runtime", () => {
  const loads = { n: 0 };
  /** The contexts the lifecycle's create and read were called with. */
  const contexts: CallContext[] = [];
  const life: Lifecycle = {
    check: async (_o, news) => ({ inputs: { ...news, dropped: undefined, when: new Date(0) }, failures: [] }),
    diff: async () => ({ changes: true, replaces: ["a"], stables: ["b"], deleteBeforeReplace: true, changed: ["a"] }),
    create: async (inputs, ctx) => (contexts.push(ctx), { id: "obj-1", outs: { ...inputs, gone: undefined, n: NaN } }),
    read: async (id, _props, ctx) => (contexts.push(ctx), id === "missing" ? undefined : { id, props: { p: 1, u: undefined }, inputs: { i: 2 } }),
    update: async () => {
      throw apiError({ api: "test", kind: "invalid", message: "rejected Bearer abc.def and rt-secret-9876" });
    },
    delete: async () => {
      throw partialFailure("obj-9", { __provider: "prov" }, { a: 1 }, new Error("half done with rt-secret-9876"));
    },
  };
  let rt: Runtime;

  before(() => {
    registerSecret("rt-secret-9876");
    rt = loadRuntime(life, loads);
  });
  after(async () => {
    await configure({ config: { get: () => undefined } });
  });

  it("provider(kind) for an unknown kind throws naming the known kinds", () => {
    assert.throws(
      () => rt.provider("fabric:NoSuchThing"),
      (e: Error) => e.message.includes('unknown resource kind "fabric:NoSuchThing"') && e.message.includes(KIND),
    );
    assert.ok(rt.knownKinds().includes(KIND));
  });

  it("provider(kind) is one instance per kind and loads the lifecycle lazily, once", async () => {
    const before = loads.n;
    const p = rt.provider(KIND);
    assert.equal(rt.provider(KIND), p);
    assert.equal(loads.n, before, "not loaded until a method runs");
    await p.diff!("id", {}, {});
    await p.diff!("id", {}, {});
    assert.equal(loads.n, before + 1);
  });

  it("attach copies the six methods onto the target and calls configure", async () => {
    const source: ConfigSource = { get: (k) => (k === "rt:key" ? "rt-value" : undefined) };
    const spy = sinon.spy(source, "get");
    const target: { kind: string } & Record<string, unknown> = { kind: KIND, configure: () => undefined };
    const p = rt.provider(KIND);
    await rt.attach(target, { config: source } as unknown as pulumi.dynamic.ConfigureRequest);
    for (const m of METHODS) {
      assert.equal(typeof target[m], "function", m);
      assert.equal(target[m], p[m], m);
    }
    assert.equal(readSetting({ name: "k", config: ["rt:key"], env: [] }), "rt-value", "the request's config is installed");
    assert.ok(spy.calledWith("rt:key"));
  });

  it("attach for an unknown kind throws and attaches nothing", () => {
    const target: { kind: string } & Record<string, unknown> = { kind: "nope:Nope" };
    assert.throws(() => rt.attach(target, {} as pulumi.dynamic.ConfigureRequest), /unknown resource kind "nope:Nope"/);
    for (const m of METHODS) assert.equal(target[m], undefined);
  });

  it("wrapped methods sanitise outputs and pass diff fields through", async () => {
    const p = rt.provider(KIND);
    assert.deepEqual(await p.check!({}, { a: 1 }), { inputs: { a: 1, when: "1970-01-01T00:00:00.000Z" }, failures: [] });
    assert.deepEqual(await p.diff!("id", {}, {}), { changes: true, replaces: ["a"], stables: ["b"], deleteBeforeReplace: true });
    assert.deepEqual(await p.create!({ x: 1 }), { id: "obj-1", outs: { x: 1, n: null } });
    assert.deepEqual(await p.read!("obj-1", {}), { id: "obj-1", props: { p: 1 }, inputs: { i: 2 } });
    assert.deepEqual(await p.read!("missing", {}), {});
  });

  it("errors leave prefixed with kind and operation, redacted, as plain Errors", async () => {
    const p = rt.provider(KIND);
    const err = await p.update!("obj-1", {}, {}).then(
      () => assert.fail("expected a failure"),
      (e: Error & Record<string, unknown>) => e,
    );
    assert.equal(err.message, `${KIND} update: test: rejected Bearer [redacted] and [redacted]`);
    assert.equal(err.isApiError, undefined);
  });

  it("a partial failure keeps its id, properties and redacted reasons", async () => {
    const p = rt.provider(KIND);
    const err = (await p.delete!("obj-9", {}).then(
      () => assert.fail("expected a failure"),
      (e: unknown) => e,
    )) as Error & { id: string; properties: Record<string, unknown>; reasons: string[] };
    assert.equal(err.id, "obj-9");
    assert.deepEqual(err.properties, { a: 1, __provider: "prov" });
    assert.deepEqual(err.reasons, ["half done with [redacted]"]);
    assert.equal(err.message, `${KIND} delete: half done with [redacted]`);
  });

  it("every call gets a context of its own: the system clock, the API clients, progress and the configured settings", async () => {
    const source: ConfigSource = { get: (k) => (k === "rt:ctx" ? "from-stack" : undefined) };
    await rt.attach({ kind: KIND }, { config: source } as unknown as pulumi.dynamic.ConfigureRequest);
    const p = rt.provider(KIND);
    contexts.length = 0;
    await p.create!({ x: 1 });
    await p.read!("obj-1", {});
    assert.equal(contexts.length, 2);
    const [a, b] = contexts;
    assert.notEqual(a, b, "a new context per call");
    for (const ctx of contexts) {
      assert.equal(ctx.clock, systemClock);
      assert.ok(ctx.clients instanceof Clients);
      assert.equal(typeof ctx.progress, "function");
      assert.equal(ctx.config.get("rt:ctx"), "from-stack", "the stack config configure() installed");
    }
  });
});
