import assert from "node:assert/strict";
import { ChangeRule, diffByTable, sameValue } from "../../../provider/core/diff";
import { UNKNOWN } from "../../../provider/core/validation";

const table: Record<string, ChangeRule> = {
  name: "update",
  bandwidth: "update",
  port: "replace",
  vlan: "replace",
  notifications: "update",
  description: "ignore",
};

const olds = () => ({
  id: "c-1",
  state: "ACTIVE",
  name: "a",
  bandwidth: 50,
  port: "p-1",
  vlan: 100,
  notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
  description: "old",
  __provider: "old provider text",
});

describe("core/diff", () => {
  it("no change: no changes, every compared input stable", () => {
    const d = diffByTable(table, olds(), { name: "a", bandwidth: 50, port: "p-1", vlan: 100, notifications: olds().notifications, description: "old" });
    assert.deepEqual(d, {
      changes: false,
      replaces: [],
      stables: ["name", "bandwidth", "port", "vlan", "notifications"],
      deleteBeforeReplace: false,
      changed: [],
    });
  });

  it("update-rule changes update in place; replace-rule changes replace", () => {
    const upd = diffByTable(table, olds(), { ...olds(), name: "b", bandwidth: 100 });
    assert.equal(upd.changes, true);
    assert.deepEqual(upd.changed, ["name", "bandwidth"]);
    assert.deepEqual(upd.replaces, []);
    assert.ok(!upd.stables.includes("name"));

    const rep = diffByTable(table, olds(), { ...olds(), name: "b", vlan: 200 });
    assert.deepEqual(rep.changed, ["name", "vlan"]);
    assert.deepEqual(rep.replaces, ["vlan"]);
  });

  it("an input missing from the table replaces by default, or follows `unlisted`", () => {
    const news = { ...olds(), location: "DC" };
    const oldsWith = { ...olds(), location: "SV" };
    assert.deepEqual(diffByTable(table, oldsWith, news).replaces, ["location"]);
    const upd = diffByTable(table, oldsWith, news, { unlisted: "update" });
    assert.deepEqual(upd.replaces, []);
    assert.deepEqual(upd.changed, ["location"]);
    const ign = diffByTable(table, oldsWith, news, { unlisted: "ignore" });
    assert.deepEqual(ign.changed, []);
    assert.equal(ign.changes, false);
  });

  it("ignored inputs are never changes nor stables, whether listed or unlisted", () => {
    const d = diffByTable(table, olds(), { ...olds(), description: "new" });
    assert.equal(d.changes, false);
    assert.ok(!d.stables.includes("description"));
    const u = diffByTable({}, { note: "x" }, { note: "y" }, { unlisted: "ignore" });
    assert.equal(u.changes, false);
    assert.deepEqual(u.stables, []);
  });

  it("never compares __provider, and output-only fields of olds are not inputs", () => {
    const d = diffByTable(table, olds(), { ...olds(), __provider: "new provider text" });
    assert.equal(d.changes, false);
    assert.ok(!d.stables.includes("__provider"));
    const withoutOutputs = { name: "a", bandwidth: 50, port: "p-1", vlan: 100, notifications: olds().notifications };
    assert.equal(diffByTable(table, olds(), withoutOutputs).changes, false);
  });

  it("undefined, null and a missing key are equal", () => {
    const t: Record<string, ChangeRule> = { a: "replace", b: "replace", c: "replace" };
    assert.equal(diffByTable(t, { a: null, c: { x: null } }, { a: undefined, b: null, c: {} }).changes, false);
    assert.equal(diffByTable(t, {}, { a: null }).changes, false);
    assert.deepEqual(diffByTable(t, { a: null }, { a: 0 }).replaces, ["a"]);
    assert.deepEqual(diffByTable(t, { a: "" }, {}).replaces, ["a"], "an empty string is a value");
    assert.deepEqual(diffByTable(t, { b: 1 }, {}).replaces, ["b"], "a listed input removed is a change");
  });

  it("compares nested objects and arrays deeply", () => {
    const same = diffByTable(table, olds(), { ...olds(), notifications: [{ emails: ["noc@example.com"], type: "ALL" }] });
    assert.equal(same.changes, false, "key order does not matter");
    const email = diffByTable(table, olds(), { ...olds(), notifications: [{ type: "ALL", emails: ["ops@example.com"] }] });
    assert.deepEqual(email.changed, ["notifications"]);
    const order = diffByTable(table, olds(), { ...olds(), notifications: [{ type: "ALL", emails: ["noc@example.com"] }, { type: "X" }] });
    assert.deepEqual(order.changed, ["notifications"]);
    assert.equal(diffByTable({ n: "update" }, { n: 1 }, { n: "1" }).changes, true, "types are compared strictly");
    assert.equal(sameValue([1, [2, { a: 3 }]], [1, [2, { a: 3, b: null }]]), true);
    assert.equal(sameValue([1, 2], [2, 1]), false);
  });

  it("an unknown value counts as a change, nested too", () => {
    const top = diffByTable(table, olds(), { ...olds(), vlan: UNKNOWN });
    assert.deepEqual(top.replaces, ["vlan"]);
    const nested = diffByTable(table, olds(), { ...olds(), notifications: [{ type: "ALL", emails: [UNKNOWN] }] });
    assert.deepEqual(nested.changed, ["notifications"]);
    assert.deepEqual(nested.replaces, []);
    const unchangedOldUnknown = diffByTable({ a: "update" }, { a: UNKNOWN }, { a: UNKNOWN });
    assert.equal(unchangedOldUnknown.changes, true);
  });

  it("asks deleteBeforeReplace only when something is replaced, with olds, news and the replaced keys", () => {
    const calls: unknown[][] = [];
    const dbr = (o: Record<string, unknown>, n: Record<string, unknown>, r: string[]) => {
      calls.push([o.vlan, n.vlan, r]);
      return n.port === o.port;
    };
    assert.equal(diffByTable(table, olds(), { ...olds(), name: "z" }, { deleteBeforeReplace: dbr }).deleteBeforeReplace, false);
    assert.equal(calls.length, 0);
    assert.equal(diffByTable(table, olds(), { ...olds(), vlan: 7 }, { deleteBeforeReplace: dbr }).deleteBeforeReplace, true);
    assert.deepEqual(calls, [[100, 7, ["vlan"]]]);
    assert.equal(diffByTable(table, olds(), { ...olds(), vlan: 7, port: "p-2" }, { deleteBeforeReplace: dbr }).deleteBeforeReplace, false);
    assert.equal(diffByTable(table, olds(), { ...olds(), vlan: 7 }).deleteBeforeReplace, false, "default false");
  });

  it("stables are the compared inputs that did not change", () => {
    const { id: _id, state: _state, ...inputs } = olds();
    const d = diffByTable(table, olds(), { ...inputs, bandwidth: 1000, extra: "new" });
    assert.deepEqual(d.stables.sort(), ["name", "notifications", "port", "vlan"].sort());
    assert.deepEqual(d.replaces, ["extra"]);
  });
});
