import assert from "node:assert/strict";
import {
  apiError,
  describeError,
  ErrorKind,
  isApiError,
  isAuthError,
  isConfigError,
  isConflict,
  isInvalid,
  isNotFound,
  isRetryable,
  isThrottled,
  isTimeout,
  kindForStatus,
  withFields,
} from "../../../provider/core/errors";
import { registerSecret } from "../../../provider/core/redact";

describe("core/errors", () => {
  describe("apiError", () => {
    it("formats call, status, code, message, details, request id and attempts", () => {
      const err = apiError({
        api: "equinix",
        kind: "invalid",
        message: "bad request",
        status: 400,
        code: "EQ-3142102",
        requestId: "r-42",
        call: "POST /fabric/v4/connections",
        attempts: 3,
        details: [{ property: "bandwidth", reason: "too large" }, { reason: "port busy" }],
      });
      assert.equal(
        err.message,
        "equinix: POST /fabric/v4/connections HTTP 400 EQ-3142102: bad request (bandwidth: too large; port busy) [request id r-42] after 3 attempts",
      );
      assert.equal(err.vendorMessage, "bad request");
      assert.equal(err.name, "ApiError");
      assert.equal(err.isApiError, true);
      assert.equal(err.status, 400);
      assert.equal(err.code, "EQ-3142102");
      assert.ok(err instanceof Error);
    });

    it("a retried call says how long it tried and why retrying stopped", () => {
      const e = apiError({ api: "equinix", kind: "throttled", status: 429, call: "DELETE /fabric/v4/connections/{id}", message: "Too Many Requests", attempts: 14, elapsedMs: 92_400, retryStop: "the operation's deadline has passed" });
      assert.equal(e.message, "equinix: DELETE /fabric/v4/connections/{id} HTTP 429: Too Many Requests after 14 attempts over 1 min 32 s (retries stopped: the operation's deadline has passed)");
    });

    it("omits what is not given; one attempt is not mentioned", () => {
      assert.equal(apiError({ api: "ixapi", kind: "network", message: "reset" }).message, "ixapi: reset");
      assert.equal(apiError({ api: "a", kind: "server", status: 502, message: "m", attempts: 1 }).message, "a: HTTP 502: m");
      assert.equal(apiError({ api: "a", kind: "server", code: "X", message: "m", details: [] }).message, "a: X: m");
    });

    it("redacts the message and the vendor message", () => {
      registerSecret("errors-test-secret-777");
      const err = apiError({ api: "a", kind: "invalid", message: "key errors-test-secret-777 and Bearer abc.def rejected" });
      assert.equal(err.message, "a: key [redacted] and Bearer [redacted] rejected");
      assert.equal(err.vendorMessage, "key [redacted] and Bearer [redacted] rejected");
      assert.ok(!(err.stack ?? "").includes("errors-test-secret-777"));
    });
  });

  describe("predicates", () => {
    const kinds: ErrorKind[] = ["throttled", "invalid", "auth", "forbidden", "notFound", "conflict", "server", "network", "timeout", "state", "config"];
    const e = (kind: ErrorKind, more = {}) => apiError({ api: "a", kind, message: "m", ...more });

    it("each predicate matches exactly its kind", () => {
      const table: Array<[(x: unknown) => boolean, ErrorKind]> = [
        [isNotFound, "notFound"],
        [isThrottled, "throttled"],
        [isAuthError, "auth"],
        [isConflict, "conflict"],
        [isInvalid, "invalid"],
        [isTimeout, "timeout"],
        [isConfigError, "config"],
      ];
      for (const [pred, kind] of table) {
        for (const k of kinds) assert.equal(pred(e(k)), k === kind, `${pred.name} on ${k}`);
      }
    });

    it("isRetryable: throttled, server, network, or a vendor-flagged code", () => {
      for (const k of kinds) assert.equal(isRetryable(e(k)), ["throttled", "server", "network"].includes(k), k);
      assert.equal(isRetryable(e("conflict", { retryable: true })), true);
      assert.equal(isRetryable(e("invalid", { retryable: false })), false);
    });

    it("recognises plain objects shaped like ApiErrors (no instanceof) and rejects others", () => {
      const copy = { isApiError: true, kind: "notFound", message: "m", api: "a" };
      assert.equal(isApiError(copy), true);
      assert.equal(isNotFound(copy), true);
      for (const v of [new Error("x"), null, undefined, "notFound", { kind: "notFound" }, { isApiError: "true", kind: "server" }]) {
        assert.equal(isApiError(v), false);
        assert.equal(isNotFound(v), false);
        assert.equal(isRetryable(v), false);
      }
    });
  });

  describe("withFields", () => {
    it("keeps every field, adds new ones and rebuilds the message", () => {
      const base = apiError({
        api: "alibaba",
        kind: "server",
        status: 500,
        code: "InternalError",
        requestId: "R1",
        call: "CreateVirtualBorderRouter",
        message: "oops",
        details: [{ reason: "d" }],
      });
      const more = withFields(base, { attempts: 5, maybeCommitted: true });
      assert.equal(more.api, "alibaba");
      assert.equal(more.kind, "server");
      assert.equal(more.status, 500);
      assert.equal(more.code, "InternalError");
      assert.equal(more.requestId, "R1");
      assert.equal(more.call, "CreateVirtualBorderRouter");
      assert.deepEqual(more.details, [{ reason: "d" }]);
      assert.equal(more.attempts, 5);
      assert.equal(more.maybeCommitted, true);
      assert.equal(more.vendorMessage, "oops");
      assert.equal(more.message, "alibaba: CreateVirtualBorderRouter HTTP 500 InternalError: oops (d) [request id R1] after 5 attempts");
      assert.equal(isApiError(more), true);
      assert.equal(base.attempts, undefined, "the original is not changed");
    });

    it("can override fields such as the kind and message", () => {
      const base = apiError({ api: "a", kind: "server", message: "x", status: 503 });
      const changed = withFields(base, { kind: "timeout", message: "y" });
      assert.equal(changed.kind, "timeout");
      assert.equal(changed.message, "a: HTTP 503: y");
    });
  });

  it("kindForStatus maps bare statuses", () => {
    const cases: Array<[number, ErrorKind]> = [
      [429, "throttled"],
      [401, "auth"],
      [403, "forbidden"],
      [404, "notFound"],
      [409, "conflict"],
      [500, "server"],
      [503, "server"],
      [599, "server"],
      [400, "invalid"],
      [422, "invalid"],
      [405, "invalid"],
    ];
    for (const [status, kind] of cases) assert.equal(kindForStatus(status), kind, String(status));
  });

  it("describeError redacts errors and any thrown value", () => {
    assert.equal(describeError(new Error("Authorization: Bearer abcdef")), "Authorization: Bearer [redacted]");
    assert.equal(describeError("client_secret=hunter22&x=1"), "client_secret=[redacted]&x=1");
    assert.equal(describeError(42), "42");
  });
});
