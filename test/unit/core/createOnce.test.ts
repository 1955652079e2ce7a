import assert from "node:assert/strict";
import { createOnceByLookup, createWithToken } from "../../../provider/core/createOnce";
import { apiError } from "../../../provider/core/errors";

const lost = () => apiError({ api: "unit", kind: "network", message: "connection reset", maybeCommitted: true });

describe("core/createOnce: a create sent again never makes a second object", () => {
  describe("createOnceByLookup (no idempotency token)", () => {
    it("a lost answer is looked up before sending again, and what is found is adopted", async () => {
      const lines: string[] = [];
      let posts = 0;
      const r = await createOnceByLookup({
        what: "thing a",
        post: async () => {
          posts++;
          throw lost();
        },
        find: async () => ({ id: "t-1" }),
        idOf: (x) => x.id,
        progress: (s, m) => lines.push(`${s}: ${m}`),
      });
      assert.deepEqual(r, { id: "t-1" });
      assert.equal(posts, 1);
      assert.deepEqual(lines, ["thing a: the create request's answer was lost (connection reset); looking it up before sending again", "thing a: found t-1: adopting it instead of creating another"]);
    });

    it("sent again when the lookup finds nothing, at most 3 times; a failure that proves nothing was made is not looked up", async () => {
      let posts = 0;
      let finds = 0;
      const always = { what: "thing b", find: async () => (finds++, undefined), idOf: (x: { id: string }) => x.id, progress: () => undefined };
      await assert.rejects(createOnceByLookup({ ...always, post: async () => (posts++, Promise.reject(lost())) }), /connection reset/);
      assert.deepEqual([posts, finds], [3, 2]);
      posts = 0;
      finds = 0;
      const second = await createOnceByLookup({ ...always, post: async () => (++posts === 1 ? Promise.reject(lost()) : { id: "t-2" }) });
      assert.deepEqual([second, posts, finds], [{ id: "t-2" }, 2, 1]);
      finds = 0;
      await assert.rejects(createOnceByLookup({ ...always, post: async () => Promise.reject(apiError({ api: "unit", kind: "invalid", message: "bad name" })) }), /bad name/);
      assert.equal(finds, 0);
    });
  });

  describe("createWithToken (an idempotency token per generation)", () => {
    it("every id is heard at once; a token that names a gone object gets the next generation, at most 3", async () => {
      const tokens: string[] = [];
      const heard: string[] = [];
      const lines: string[] = [];
      const answers = ["old-1", "old-2", "new-3"];
      const id = await createWithToken({
        what: "thing c",
        tokenName: "ClientToken",
        token: (g) => `tok-${g}`,
        create: async (t) => (tokens.push(t), answers[tokens.length - 1]),
        exists: async (x) => x.startsWith("new"),
        created: (x) => heard.push(x),
        progress: (s, m) => lines.push(`${s}: ${m}`),
      });
      assert.equal(id, "new-3");
      assert.deepEqual(tokens, ["tok-1", "tok-2", "tok-3"]);
      assert.deepEqual(heard, ["old-1", "old-2", "new-3"]);
      assert.deepEqual(lines, ["thing c: ClientToken answered with old-1, which no longer exists; creating a new one", "thing c: ClientToken answered with old-2, which no longer exists; creating a new one"]);
      const third = await createWithToken({ what: "d", tokenName: "T", token: (g) => `g${g}`, create: async (t) => `id-${t}`, exists: async () => false, progress: () => undefined });
      assert.equal(third, "id-g3", "the third generation's object is kept whatever it says");
    });
  });
});
