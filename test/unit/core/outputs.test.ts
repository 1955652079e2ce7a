import assert from "node:assert/strict";
import { pick, sanitize } from "../../../provider/core/outputs";

describe("core/outputs", () => {
  it("drops undefined keys at any depth", () => {
    assert.deepEqual(sanitize({ a: 1, b: undefined, c: { d: undefined, e: { f: undefined, g: "x" } } }), { a: 1, c: { e: { g: "x" } } });
    assert.ok(!("b" in sanitize({ a: 1, b: undefined })));
  });

  it("turns undefined array items into null, keeping positions", () => {
    assert.deepEqual(sanitize({ list: [1, undefined, { x: undefined, y: 2 }, [undefined]] }), { list: [1, null, { y: 2 }, [null]] });
  });

  it("turns dates into ISO strings", () => {
    const d = new Date("2026-03-04T05:06:07.890Z");
    assert.deepEqual(sanitize({ at: d, list: [d] }), { at: "2026-03-04T05:06:07.890Z", list: ["2026-03-04T05:06:07.890Z"] });
  });

  it("turns NaN and infinities into null", () => {
    assert.deepEqual(sanitize({ a: NaN, b: Infinity, c: [-Infinity, 2], d: 0 }), { a: null, b: null, c: [null, 2], d: 0 });
  });

  it("drops functions, keeps null, booleans, strings and does not mutate the input", () => {
    const input = { f: () => 1, n: null, t: true, s: "", z: 0, arr: [() => 2] };
    const out = sanitize(input);
    assert.deepEqual(out, { n: null, t: true, s: "", z: 0, arr: [null] });
    assert.equal(typeof input.f, "function");
  });

  it("the result survives a JSON round trip unchanged", () => {
    const out = sanitize({ a: [undefined, NaN, new Date(0)], b: { c: undefined } });
    assert.deepEqual(JSON.parse(JSON.stringify(out)), out);
  });

  it("pick keeps present keys only", () => {
    assert.deepEqual(pick({ a: 1, b: undefined, c: null, d: 4 } as Record<string, unknown>, ["a", "b", "c"]), { a: 1, c: null });
  });
});
