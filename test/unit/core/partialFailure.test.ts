import assert from "node:assert/strict";
import { apiError } from "../../../provider/core/errors";
import { isPartialFailure, partialFailure } from "../../../provider/core/partialFailure";
import { registerSecret } from "../../../provider/core/redact";

describe("core/partialFailure", () => {
  const provider = "exports.handler = __f0; /* serialized provider */";

  it("carries the id, the properties with __provider copied from the inputs, and the reasons", () => {
    const cause = apiError({ api: "equinix", kind: "timeout", message: "connection c-1 to be provisioned: not done after 20m" });
    const err = partialFailure("c-1", { name: "x", __provider: provider }, { name: "x", state: "PENDING", extra: undefined }, cause, "run `pulumi up` again to resume the wait");
    assert.equal(err.id, "c-1");
    assert.deepEqual(err.properties, { name: "x", state: "PENDING", __provider: provider });
    assert.deepEqual(err.reasons, ["equinix: connection c-1 to be provisioned: not done after 20m", "run `pulumi up` again to resume the wait"]);
    assert.equal(err.message, "equinix: connection c-1 to be provisioned: not done after 20m. run `pulumi up` again to resume the wait");
    assert.ok(err instanceof Error);
    assert.equal(isPartialFailure(err), true);
  });

  it("the inputs' __provider wins over one in the properties; absent means absent", () => {
    const err = partialFailure("id", { __provider: provider }, { __provider: "old" }, new Error("x"));
    assert.equal(err.properties.__provider, provider);
    const none = partialFailure("id", {}, { a: 1 }, new Error("x"));
    assert.deepEqual(none.properties, { a: 1 });
    assert.deepEqual(none.reasons, ["x"]);
    assert.equal(none.message, "x");
  });

  it("redacts the reasons and the message", () => {
    registerSecret("pf-secret-value-1");
    const err = partialFailure("id", {}, {}, "failed with key pf-secret-value-1 and Bearer tok.en", "rotate client_secret=abc");
    const all = [err.message, ...err.reasons].join("\n");
    assert.ok(!all.includes("pf-secret-value-1"), all);
    assert.ok(!all.includes("tok.en"), all);
    assert.ok(!all.includes("=abc"), all);
    assert.deepEqual(err.reasons, ["failed with key [redacted] and Bearer [redacted]", "rotate client_secret=[redacted]"]);
  });

  it("isPartialFailure needs a string id and properties", () => {
    assert.equal(isPartialFailure(new Error("x")), false);
    assert.equal(isPartialFailure(null), false);
    assert.equal(isPartialFailure({ id: 1, properties: {} }), false);
    assert.equal(isPartialFailure({ id: "a" }), false);
    assert.equal(isPartialFailure({ id: "a", properties: {} }), true);
  });
});
