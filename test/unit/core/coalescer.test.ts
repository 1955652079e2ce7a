import assert from "node:assert/strict";
import { BulkKind, Coalescer } from "../../../provider/core/coalescer";

interface Obj {
  id: string;
  v: number;
}

/** A vendor holding `ids`, whose list call may lose some objects, fail, or cap its page. */
function vendor(ids: string[], over: { listLoses?: string[]; listFails?: boolean; pageCap?: number } = {}) {
  const store = new Map(ids.map((id, i) => [id, { id, v: i }]));
  const calls: Array<{ list?: string[]; get?: string }> = [];
  const kind: BulkKind<Obj> = {
    name: "test.obj",
    pageSize: 3,
    windowMs: 5,
    list: async (want) => {
      calls.push({ list: want });
      if (want.length > 3) throw new Error("page too large");
      if (over.listFails) throw new Error("500 Internal Server Error");
      const out = new Map<string, Obj>();
      for (const id of want.slice(0, over.pageCap ?? want.length)) {
        const o = store.get(id);
        if (o && !over.listLoses?.includes(id)) out.set(id, o);
      }
      return out;
    },
    get: async (id) => {
      calls.push({ get: id });
      return store.get(id);
    },
  };
  return { kind, calls, store };
}

describe("core/coalescer", () => {
  it("a read arriving alone costs one direct read", async () => {
    const { kind, calls } = vendor(["a", "b"]);
    const c = new Coalescer(kind);
    assert.deepEqual(await c.read("a"), { id: "a", v: 0 });
    assert.deepEqual(calls, [{ get: "a" }]);
  });

  it("reads within the window share one list call per page (7 ids, pages of 3: 3 lists)", async () => {
    const ids = ["a", "b", "c", "d", "e", "f", "g"];
    const { kind, calls } = vendor(ids);
    const c = new Coalescer(kind);
    const got = await Promise.all(ids.map((id) => c.read(id)));
    assert.deepEqual(got.map((o) => o?.id), ids);
    assert.equal(calls.filter((x) => x.list).length, 3);
    assert.equal(calls.filter((x) => x.get).length, 0);
    assert.deepEqual(c.stats, { lists: 3, gets: 0, fallbacks: 0 });
  });

  it("the same id read twice in a window is listed once and answers both", async () => {
    const { kind, calls } = vendor(["a", "b"]);
    const c = new Coalescer(kind);
    const [x, y, z] = await Promise.all([c.read("a"), c.read("a"), c.read("b")]);
    assert.equal(x, y);
    assert.equal(z?.id, "b");
    assert.deepEqual(calls, [{ list: ["a", "b"] }]);
  });

  it("an object missing from the list is gone only when a direct read agrees", async () => {
    const { kind, calls, store } = vendor(["a", "b", "c"], { listLoses: ["b"] });
    store.delete("c");
    const c = new Coalescer(kind);
    const [a, b, gone] = await Promise.all([c.read("a"), c.read("b"), c.read("c")]);
    assert.equal(a?.id, "a");
    assert.equal(b?.id, "b", "listed wrongly as absent: the direct read keeps it");
    assert.equal(gone, undefined, "absent from both: gone");
    assert.deepEqual(calls.filter((x) => x.get).map((x) => x.get).sort(), ["b", "c"]);
  });

  it("a page the vendor cut short keeps every object (each confirmed by a direct read)", async () => {
    const { kind } = vendor(["a", "b", "c"], { pageCap: 1 });
    const c = new Coalescer(kind);
    const got = await Promise.all(["a", "b", "c"].map((id) => c.read(id)));
    assert.deepEqual(got.map((o) => o?.id), ["a", "b", "c"]);
  });

  it("a failed list call falls back to direct reads of its page", async () => {
    const { kind, calls } = vendor(["a", "b"], { listFails: true });
    const c = new Coalescer(kind);
    const got = await Promise.all([c.read("a"), c.read("b"), c.read("x")]);
    assert.deepEqual(got.map((o) => o?.id), ["a", "b", undefined]);
    assert.equal(calls.filter((x) => x.list).length, 1);
    assert.deepEqual(calls.filter((x) => x.get).map((x) => x.get).sort(), ["a", "b", "x"]);
    assert.equal(c.stats.fallbacks, 1);
  });

  it("a direct read's error reaches its reader only", async () => {
    const { kind } = vendor(["a"], { listFails: true });
    const get = kind.get;
    kind.get = async (id) => {
      if (id === "bad") throw new Error("403 forbidden");
      return get(id);
    };
    const c = new Coalescer(kind);
    const [a, bad] = await Promise.allSettled([c.read("a"), c.read("bad")]);
    assert.equal(a.status === "fulfilled" && a.value?.id, "a");
    assert.equal(bad.status === "rejected" && (bad.reason as Error).message, "403 forbidden");
  });

  it("two kinds read at once each make their own list calls", async () => {
    const one = vendor(["a", "b"]);
    const two = vendor(["x", "y"]);
    two.kind.name = "test.other";
    const c1 = new Coalescer(one.kind);
    const c2 = new Coalescer(two.kind);
    const got = await Promise.all([c1.read("a"), c2.read("x"), c1.read("b"), c2.read("y")]);
    assert.deepEqual(got.map((o) => o?.id), ["a", "x", "b", "y"]);
    assert.deepEqual(one.calls, [{ list: ["a", "b"] }]);
    assert.deepEqual(two.calls, [{ list: ["x", "y"] }]);
  });

  it("reads after the window form a new batch", async () => {
    const { kind, calls } = vendor(["a", "b", "c"]);
    const c = new Coalescer(kind);
    await Promise.all([c.read("a"), c.read("b")]);
    await c.read("c");
    assert.deepEqual(calls, [{ list: ["a", "b"] }, { get: "c" }]);
  });
});

describe("core/coalescer: minBatch", () => {
  it("batches smaller than minBatch are read directly; larger ones listed", async () => {
    const { kind, calls } = vendor(["a", "b", "c", "d"]);
    kind.minBatch = 3;
    kind.pageSize = 10;
    const c = new Coalescer(kind);
    await Promise.all([c.read("a"), c.read("b")]);
    assert.deepEqual(calls.map((x) => x.get ?? "list").sort(), ["a", "b"]);
    calls.length = 0;
    await Promise.all([c.read("a"), c.read("b"), c.read("c")]);
    assert.deepEqual(calls, [{ list: ["a", "b", "c"] }]);
  });
});

describe("core/coalescer: the window", () => {
  it("reads arriving a few ms apart join one batch, up to 4 windows after the first", async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `o${i}`);
    const { kind, calls } = vendor(ids);
    kind.pageSize = 100;
    kind.windowMs = 10;
    const c = new Coalescer(kind);
    const reads: Array<Promise<unknown>> = [];
    const started = Date.now();
    for (const id of ids) {
      reads.push(c.read(id));
      await new Promise((r) => setTimeout(r, 4));
    }
    await Promise.all(reads);
    const lists = calls.filter((x) => x.list);
    // 12 reads 4+ ms apart span about 50 ms: more than one window, at most 4 windows each batch.
    assert.ok(lists.length >= 1 && lists.length <= 3, JSON.stringify(calls));
    assert.ok(lists[0].list!.length >= 3, "reads closer together than the window share a batch");
    assert.ok(Date.now() - started < 500);
  });

  it("a read alone waits one window, not four", async () => {
    const { kind } = vendor(["a"]);
    kind.windowMs = 40;
    const c = new Coalescer(kind);
    const t = Date.now();
    await c.read("a");
    assert.ok(Date.now() - t < 100, String(Date.now() - t));
  });
});
