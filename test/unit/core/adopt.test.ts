import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { adoptable, describeMismatches, leafMismatches } from "../../../provider/core/adopt";
import { diffByTable } from "../../../provider/core/diff";
import { Lifecycle, Props } from "../../../provider/core/lifecycle";
import { checkInputs, UNKNOWN } from "../../../provider/core/validation";
import { z } from "zod";
import { callContext } from "../../support/context";

/** The calls' context (the process's settings; this kind makes no requests). */
const ctx = callContext();

/** A small kind: strict inputs {name, size, key?}, `size` changes in place, the rest replaces; read mirrors the "vendor". */
function fakeKind(vendor: Map<string, Props>, calls: string[]): Lifecycle {
  const schema = z.object({ name: z.string(), size: z.number(), key: z.string().optional() }).strict();
  const pick = (p: Props) => Object.fromEntries(Object.entries(p).filter(([k]) => ["name", "size", "key"].includes(k)));
  return {
    check: (_o, n) => checkInputs(schema, n),
    diff: (_id, o, n) => diffByTable({ size: "update" }, o, n),
    async create(inputs) {
      calls.push(`create ${JSON.stringify(inputs)}`);
      return { id: "new-1", outs: { ...pick(inputs), state: "up" } };
    },
    async read(id, props) {
      calls.push(`read ${id}`);
      const obj = vendor.get(id);
      if (!obj) return undefined;
      const inputs = { ...pick(props), ...obj };
      return { id, props: { ...inputs, state: "up" }, inputs };
    },
    async update(_id, _o, n) {
      calls.push("update");
      return { outs: n };
    },
    async delete() {
      calls.push("delete");
    },
  };
}

describe("core/adopt: adoptId on every kind", () => {
  const vendor = new Map<string, Props>([["obj-1", { name: "edge", size: 5, key: "s3cret-key" }]]);
  let calls: string[];
  let life: Lifecycle;
  beforeEach(() => {
    calls = [];
    life = adoptable(fakeKind(vendor, calls), { noun: "widget", secrets: ["key"], hints: { size: "set size to the widget's" } });
  });

  it("check accepts adoptId beside the kind's strict arguments and keeps it; anything but a non-empty string fails naming it", async () => {
    const ok = await life.check({}, { name: "edge", size: 5, adoptId: "obj-1", __provider: "p" });
    assert.deepEqual(ok, { inputs: { name: "edge", size: 5, adoptId: "obj-1", __provider: "p" }, failures: [] });
    const preview = await life.check({}, { name: "edge", size: 5, adoptId: UNKNOWN });
    assert.deepEqual(preview.failures, []);
    for (const bad of ["", "  ", 42]) {
      const r = await life.check({}, { name: "edge", size: 5, adoptId: bad });
      assert.deepEqual(r.failures.map((f) => f.property), ["adoptId"]);
      assert.match(r.failures[0].reason, /must be the id of an existing widget to adopt/);
    }
    const both = await life.check({}, { name: "edge", size: "x", adoptId: "" });
    assert.deepEqual(both.failures.map((f) => f.property).sort(), ["adoptId", "size"]);
  });

  it("diff ignores adoptId: adding or removing it is no change", async () => {
    const olds = { name: "edge", size: 5, state: "up" };
    assert.equal((await life.diff("obj-1", olds, { name: "edge", size: 5, adoptId: "obj-1" })).changes, false);
    assert.equal((await life.diff("obj-1", { ...olds, adoptId: "obj-1" }, { name: "edge", size: 5 })).changes, false);
  });

  it("create without adoptId creates, and never passes adoptId on", async () => {
    const r = await life.create({ name: "edge", size: 5 }, ctx);
    assert.equal(r.id, "new-1");
    assert.deepEqual(calls, ['create {"name":"edge","size":5}']);
  });

  it("create with adoptId reads the object and records it without creating", async () => {
    const r = await life.create({ name: "edge", size: 5, key: "s3cret-key", adoptId: "obj-1", __identity: "p/s/widget/edge" }, ctx);
    assert.deepEqual(r, { id: "obj-1", outs: { name: "edge", size: 5, key: "s3cret-key", state: "up" } });
    assert.deepEqual(calls, ["read obj-1"]);
  });

  it("a mismatch fails before any write, naming each field, both values and the hint; a secret is named, not shown", async () => {
    await assert.rejects(life.create({ name: "core", size: 7, key: "other-key", adoptId: "obj-1" }, ctx), (e: Error) => {
      assert.equal(
        e.message,
        "adoptId: widget obj-1 does not match the arguments, so it was not adopted and nothing was changed:\n" +
          '  - name: the program has "core", the object has "edge"\n' +
          "  - size: the program has 7, the object has 5; set size to the widget's\n" +
          "  - key: the program's value and the object's differ (a secret: values not shown)\n" +
          "Set these arguments to the object's values to adopt it as it is (change it afterwards with another `pulumi up`), or remove adoptId to create a new widget",
      );
      return true;
    });
    assert.deepEqual(calls, ["read obj-1"]);
  });

  it("an id that does not exist fails, creating nothing", async () => {
    await assert.rejects(life.create({ name: "edge", size: 5, adoptId: "obj-2" }, ctx), /adoptId: widget obj-2 does not exist \(or is being deleted\) for these credentials; nothing was created or changed/);
    assert.deepEqual(calls, ["read obj-2"]);
  });

  it("read, update and delete never see adoptId", async () => {
    await life.read("obj-1", { name: "edge", size: 5, adoptId: "obj-1" }, ctx);
    const u = await life.update("obj-1", { name: "edge", size: 5 }, { name: "edge", size: 6, adoptId: "obj-1" }, ctx);
    assert.deepEqual(u.outs, { name: "edge", size: 6 });
  });

  it("leafMismatches walks objects and compares arrays whole; describeMismatches masks paths under a secret", () => {
    const m = leafMismatches({ a: { b: 1, c: [1, 2] }, d: "x" }, { a: { b: 2, c: [1, 2] }, d: "x" }, "");
    assert.deepEqual(m, [{ path: "a.b", program: 2, vendor: 1 }]);
    assert.deepEqual(leafMismatches([1], [2], "list"), [{ path: "list", program: [2], vendor: [1] }]);
    assert.deepEqual(describeMismatches([{ path: "zSide.serviceProfile.authenticationKey", program: "1", vendor: "2" }, { path: "zSide", program: undefined, vendor: { x: 1 } }], { noun: "c", secrets: ["zSide.serviceProfile.authenticationKey"] }), [
      "zSide.serviceProfile.authenticationKey: the program's value and the object's differ (a secret: values not shown)",
      "zSide: the program's value and the object's differ (a secret: values not shown)",
    ]);
  });
});

describe("resource classes: adoptId and static get()", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  let mod: typeof import("../../../provider");

  before(async () => {
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: args.id || `${args.name}-id`, state: args.inputs };
        },
        call: () => ({}),
      },
      "adopt-test",
      "unit",
      false,
    );
    mod = await import("../../../provider");
  });

  const settle = () => new Promise((r) => setTimeout(r, 50));

  it("get(name, id) reads the object: the id option, and no arguments but the hidden ones", async () => {
    const classes = [
      mod.fabric.Connection,
      mod.fabric.L2Connection,
      mod.alibaba.PhysicalConnection,
      mod.alibaba.HostedConnection,
      mod.alibaba.VirtualBorderRouter,
      mod.ixapi.NetworkService,
      mod.ixapi.NetworkServiceConfig,
      mod.ixapi.Contact,
      mod.ixapi.RoleAssignment,
    ];
    for (const [i, C] of classes.entries()) C.get(`ref-${i}`, `id-${i}`);
    await settle();
    for (const [i] of classes.entries()) {
      const r = registered.find((x) => x.name === `ref-${i}`)!;
      assert.equal(r.id, `id-${i}`, `${r.type} is read by its id`);
      assert.deepEqual(Object.keys(r.inputs).sort(), ["__identity", "__provider"], r.type);
    }
  });

  it("adoptId is passed to the provider as an input", async () => {
    new mod.ixapi.Contact("adopt-contact", { managingAccount: "A", consumingAccount: "A", adoptId: "contact-7" });
    await settle();
    const r = registered.find((x) => x.name === "adopt-contact")!;
    assert.ok(!r.id, "registered (created), not read");
    assert.equal(r.inputs.adoptId, "contact-7");
  });
});
