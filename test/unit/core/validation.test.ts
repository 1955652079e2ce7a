import assert from "node:assert/strict";
import { z } from "zod";
import { checkInputs, containsUnknown, email, fail, formatFailures, isUnknown, UNKNOWN } from "../../../provider/core/validation";

const schema = z
  .object({
    name: z.string().min(3),
    speed: z.number().int().min(50).max(10_000),
    type: z.enum(["EVPL", "EPL"]),
    redundancy: z.enum(["PRIMARY", "SECONDARY"]).default("PRIMARY"),
    tags: z.array(z.string()).default([]),
    aSide: z.object({ port: z.string(), vlan: z.number().int().min(2).max(4094).optional() }).strict(),
    notify: z.array(email).optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.type === "EPL" && v.aSide.vlan !== undefined) fail(ctx, ["aSide", "vlan"], "must not be set for an EPL connection");
  });

const valid = () => ({ name: "conn", speed: 100, type: "EVPL", aSide: { port: "p-1", vlan: 100 } }) as Record<string, unknown>;
const provider = "exports.handler = __provider_text;";

describe("core/validation", () => {
  describe("checkInputs failures name the path and the rule", () => {
    const failuresFor = (change: (v: Record<string, unknown>) => void) => {
      const news = valid();
      change(news);
      const r = checkInputs(schema, news);
      assert.equal(r.inputs, news, "on failure the inputs are returned as given");
      return r.failures;
    };

    it("unknown keys, top-level and nested", () => {
      assert.deepEqual(
        failuresFor((v) => {
          v.colour = "red";
          (v.aSide as Record<string, unknown>).vlann = 3;
        }),
        [
          { property: "aSide.vlann", reason: "unknown argument: check the spelling against the documented arguments" },
          { property: "colour", reason: "unknown argument: check the spelling against the documented arguments" },
        ],
      );
    });

    it("enum", () => {
      assert.deepEqual(failuresFor((v) => (v.type = "EVLP")), [{ property: "type", reason: 'must be one of EVPL, EPL (got "EVLP")' }]);
    });

    it("ranges", () => {
      assert.deepEqual(failuresFor((v) => (v.speed = 10)), [{ property: "speed", reason: "must be at least 50" }]);
      assert.deepEqual(failuresFor((v) => (v.speed = 20_000)), [{ property: "speed", reason: "must be at most 10000" }]);
      assert.deepEqual(failuresFor((v) => (v.aSide = { port: "p", vlan: 4095 })), [{ property: "aSide.vlan", reason: "must be at most 4094" }]);
      assert.deepEqual(failuresFor((v) => (v.name = "ab")), [{ property: "name", reason: "must be at least 3 characters long" }]);
    });

    it("type and required", () => {
      assert.deepEqual(failuresFor((v) => (v.speed = "fast")), [{ property: "speed", reason: "must be a number (got string)" }]);
      assert.deepEqual(failuresFor((v) => delete v.name), [{ property: "name", reason: "is required" }]);
      assert.deepEqual(failuresFor((v) => (v.tags = ["a", 3])), [{ property: "tags.1", reason: "must be a string (got number)" }]);
    });

    it("superRefine rules through fail() name the field", () => {
      assert.deepEqual(failuresFor((v) => (v.type = "EPL")), [{ property: "aSide.vlan", reason: "must not be set for an EPL connection" }]);
    });

    it("reports several failures at once", () => {
      const f = failuresFor((v) => {
        v.speed = 1;
        v.type = "X";
        delete v.name;
      });
      assert.deepEqual(f.map((x) => x.property).sort(), ["name", "speed", "type"]);
    });

    it("formatFailures lists them", () => {
      assert.equal(
        formatFailures("fabric:Connection c", [{ property: "speed", reason: "must be at least 50" }]),
        "fabric:Connection c: invalid arguments:\n  - speed: must be at least 50",
      );
    });
  });

  describe("checkInputs on valid inputs", () => {
    it("fills in defaults", () => {
      const r = checkInputs(schema, valid());
      assert.deepEqual(r.failures, []);
      assert.deepEqual(r.inputs, { ...valid(), redundancy: "PRIMARY", tags: [] });
    });

    it("keeps __provider as is and never validates it against the strict schema", () => {
      const ok = checkInputs(schema, { ...valid(), __provider: provider });
      assert.deepEqual(ok.failures, []);
      assert.equal((ok.inputs as Record<string, unknown>).__provider, provider);
      const bad = checkInputs(schema, { ...valid(), speed: 1, __provider: provider });
      assert.deepEqual(bad.failures, [{ property: "speed", reason: "must be at least 50" }]);
      assert.equal((bad.inputs as Record<string, unknown>).__provider, provider);
      assert.ok(!("__provider" in (checkInputs(schema, valid()).inputs as object)));
    });
  });

  describe("the preview unknown sentinel", () => {
    const accepted = (news: Record<string, unknown>) => {
      const copy = JSON.parse(JSON.stringify(news));
      const r = checkInputs(schema, news);
      assert.deepEqual(r.failures, []);
      assert.deepEqual(r.inputs, copy, "inputs are passed through unchanged");
      return r;
    };

    it("is accepted at the top level where another type is expected", () => {
      accepted({ ...valid(), speed: UNKNOWN, type: UNKNOWN, __provider: provider });
    });

    it("is accepted for a whole nested object and inside one", () => {
      accepted({ ...valid(), aSide: UNKNOWN });
      accepted({ ...valid(), aSide: { port: "p", vlan: UNKNOWN } });
    });

    it("is accepted in arrays and for a whole array", () => {
      accepted({ ...valid(), notify: ["noc@example.com", UNKNOWN], speed: UNKNOWN });
      accepted({ ...valid(), tags: UNKNOWN, notify: UNKNOWN });
    });

    it("a string field that is unknown stays the sentinel", () => {
      const r = checkInputs(schema, { ...valid(), name: UNKNOWN });
      assert.deepEqual(r.failures, []);
      assert.equal((r.inputs as Record<string, unknown>).name, UNKNOWN);
    });

    it("does not hide failures on known fields", () => {
      const r = checkInputs(schema, { ...valid(), speed: UNKNOWN, type: "bogus", aSide: { port: UNKNOWN, vlan: 9999 } });
      assert.deepEqual(r.failures, [
        { property: "type", reason: 'must be one of EVPL, EPL (got "bogus")' },
        { property: "aSide.vlan", reason: "must be at most 4094" },
      ]);
    });

    it("does not hide a misspelled argument because another input is unknown", () => {
      const top = checkInputs(schema, { ...valid(), speed: UNKNOWN, colour: "red" });
      assert.deepEqual(top.failures, [{ property: "colour", reason: "unknown argument: check the spelling against the documented arguments" }]);
      const nested = checkInputs(schema, { ...valid(), aSide: { port: UNKNOWN, prot: "p" } });
      assert.deepEqual(nested.failures, [{ property: "aSide.prot", reason: "unknown argument: check the spelling against the documented arguments" }]);
    });

    it("containsUnknown finds it at any depth", () => {
      assert.equal(isUnknown(UNKNOWN), true);
      assert.equal(isUnknown("x"), false);
      assert.equal(containsUnknown(UNKNOWN), true);
      assert.equal(containsUnknown({ a: { b: [1, { c: UNKNOWN }] } }), true);
      assert.equal(containsUnknown([[UNKNOWN]]), true);
      assert.equal(containsUnknown({ a: { b: [1, { c: "x" }] }, n: null, u: undefined }), false);
      assert.equal(containsUnknown(null), false);
      assert.equal(containsUnknown("04da6b54"), false);
    });
  });
});
