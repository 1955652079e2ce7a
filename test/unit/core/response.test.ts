import assert from "node:assert/strict";
import { z } from "zod";
import { apiError, isApiError } from "../../../provider/core/errors";
import { orUndefined, parseResponse } from "../../../provider/core/response";

describe("core/response: answers checked against their schema", () => {
  const Thing = z.object({ id: z.string(), size: z.number().optional() }).passthrough();

  it("gives the parsed answer, extra fields kept", () => {
    assert.deepEqual(parseResponse(Thing, { id: "t-1", size: 2, extra: true }, { api: "unit", call: "GET /things/{id}" }), { id: "t-1", size: 2, extra: true });
  });

  it("an answer of another shape is an ApiError of kind server naming the call and each field, the ZodError as its cause", () => {
    assert.throws(
      () => parseResponse(Thing, { size: "big" }, { api: "unit", call: "GET /things/{id}" }),
      (e: unknown) => {
        assert.ok(isApiError(e));
        assert.equal(e.kind, "server");
        assert.equal(e.call, "GET /things/{id}");
        assert.match(e.message, /^unit: GET \/things\/\{id\}: unexpected response shape: id: Required; size: Expected number, received string$/);
        assert.ok(e.cause instanceof z.ZodError);
        return true;
      },
    );
  });

  it("orUndefined: not found is undefined, any other failure stays one", async () => {
    assert.equal(await orUndefined(Promise.reject(apiError({ api: "unit", kind: "notFound", message: "no" }))), undefined);
    assert.equal(await orUndefined(Promise.resolve(3)), 3);
    await assert.rejects(orUndefined(Promise.reject(apiError({ api: "unit", kind: "server", message: "boom" }))), /boom/);
  });
});
