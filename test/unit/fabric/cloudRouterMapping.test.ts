import assert from "node:assert/strict";
import { UNKNOWN } from "../../../provider/core/validation";
import { cloudRouterLifecycle } from "../../../provider/fabric/cloudRouterLifecycle";
import { buildRouterRequest, CloudRouterInputs, isRouterGone, readBackRouterInputs, routerPatch, routerShows, routerVerdict } from "../../../provider/fabric/cloudRouterMapping";

const PROJECT = "3c3f1b4e-0000-4000-8000-000000000001";

function inputs(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "fcr-sv-1", metroCode: "SV", packageCode: "STANDARD", projectId: PROJECT, notifications: ["noc@example.com"], ...over };
}
const outputs = (over: Record<string, unknown> = {}) => ({ ...inputs(over), uuid: "r1", state: "PROVISIONED", equinixAsn: 30000, connectionsCount: 0 });
const check = (news: Record<string, unknown>) => cloudRouterLifecycle.check({}, news) as { failures: Array<{ property: string; reason: string }>; inputs: Record<string, unknown> };
const failure = (news: Record<string, unknown>, property: string) => check(news).failures.find((f) => f.property === property)?.reason;

describe("fabric/CloudRouter: check, request, diff, read-back", () => {
  it("valid arguments pass", () => {
    assert.deepEqual(check(inputs()).failures, []);
    assert.deepEqual(check(inputs({ packageCode: "LAB", accountNumber: 270848, purchaseOrderNumber: "PO-1", termLength: 12 })).failures, []);
  });

  it("each bad value names its field and the rule", () => {
    assert.match(failure(inputs({ name: "ab" }), "name")!, /3 to 24 letters, digits, '-' or '_'/);
    assert.match(failure(inputs({ name: "a-name-that-is-far-too-long-for-fabric" }), "name")!, /3 to 24/);
    assert.match(failure(inputs({ name: "has space" }), "name")!, /letters, digits/);
    assert.match(failure(inputs({ metroCode: "Silicon Valley" }), "metroCode")!, /two-letter Equinix metro code/);
    assert.match(failure(inputs({ packageCode: "GOLD" }), "packageCode")!, /must be one of LAB, BASIC, STANDARD, ADVANCED, PREMIUM \(got "GOLD"\)/);
    assert.match(failure(inputs({ projectId: "" }), "projectId")!, /is required: the Fabric project/);
    assert.match(failure(inputs({ notifications: [] }), "notifications")!, /at least one email address/);
    assert.match(failure(inputs({ notifications: ["not-an-email"] }), "notifications.0")!, /email address such as noc@example.com/);
    assert.match(failure(inputs({ termLength: 6 }), "termLength")!, /one of 1, 12, 24, 36 \(months\)/);
    assert.match(failure(inputs({ accountNumber: -5 }), "accountNumber")!, /positive account number/);
    assert.match(failure(inputs({ asn: 65000 }), "asn")!, /unknown argument/);
    assert.match(failure({ name: "fcr" }, "packageCode")!, /is required/);
  });

  it("preview unknowns are not failures", () => {
    assert.deepEqual(check(inputs({ name: UNKNOWN, projectId: UNKNOWN })).failures, []);
  });

  it("the request is a CloudRouterPostRequest: XF_ROUTER, location, package, project, notifications ALL, order when given", () => {
    const v = CloudRouterInputs.parse(inputs({ accountNumber: 270848, purchaseOrderNumber: "PO-1", termLength: 12 }));
    assert.deepEqual(buildRouterRequest(v), {
      type: "XF_ROUTER",
      name: "fcr-sv-1",
      location: { metroCode: "SV" },
      package: { code: "STANDARD" },
      project: { projectId: PROJECT },
      account: { accountNumber: 270848 },
      notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
      order: { purchaseOrderNumber: "PO-1", termLength: 12 },
    });
    assert.equal("order" in buildRouterRequest(CloudRouterInputs.parse(inputs())), false);
  });

  it("name, package, notifications and term change in place, in one JSON Patch", async () => {
    const d = await cloudRouterLifecycle.diff("r1", outputs(), inputs({ name: "fcr-sv-2", packageCode: "PREMIUM", notifications: ["a@example.com"], termLength: 12 }));
    assert.deepEqual([d.changes, d.replaces], [true, []]);
    assert.deepEqual(d.changed.sort(), ["name", "notifications", "packageCode", "termLength"]);
    assert.deepEqual(routerPatch(CloudRouterInputs.parse(inputs()), CloudRouterInputs.parse(inputs({ name: "fcr-sv-2", packageCode: "PREMIUM", termLength: 12 }))), [
      { op: "replace", path: "/name", value: "fcr-sv-2" },
      { op: "replace", path: "/package/code", value: "PREMIUM" },
      { op: "replace", path: "/order/termLength", value: 12 },
    ]);
  });

  for (const [key, change] of [["metroCode", { metroCode: "HK" }], ["projectId", { projectId: "other" }], ["accountNumber", { accountNumber: 1 }], ["purchaseOrderNumber", { purchaseOrderNumber: "PO-2" }]] as const) {
    it(`${key}: replaces the router`, async () => {
      const d = await cloudRouterLifecycle.diff("r1", outputs(), inputs(change));
      assert.deepEqual(d.replaces, [key]);
      assert.equal(d.deleteBeforeReplace, false);
    });
  }

  it("timeouts and a new provider version change nothing", async () => {
    const d = await cloudRouterLifecycle.diff("r1", { ...outputs(), __provider: "V1" }, inputs({ timeouts: { create: "1h" }, __provider: "V2" }));
    assert.equal(d.changes, false);
  });

  it("read-back: a portal edit of name, package or notifications shows as a diff; values Fabric does not return are kept", () => {
    const old = CloudRouterInputs.parse(inputs({ termLength: 12, timeouts: { create: "5m" } }));
    const back = readBackRouterInputs({ uuid: "r1", name: "renamed", package: { code: "LAB" }, location: { metroCode: "SV" }, project: { projectId: PROJECT }, notifications: [{ type: "ALL", emails: ["x@example.com"] }] }, old);
    assert.deepEqual(back, { name: "renamed", metroCode: "SV", packageCode: "LAB", projectId: PROJECT, notifications: ["x@example.com"], termLength: 12, timeouts: { create: "5m" } });
  });

  it("ready means PROVISIONED with no change REQUESTED; NOT_PROVISIONED fails; unknown states wait", () => {
    assert.deepEqual(routerVerdict({ uuid: "r", state: "PROVISIONED" }), { done: true });
    assert.deepEqual(routerVerdict({ uuid: "r", state: "PROVISIONED", change: { status: "REQUESTED" } }), { done: false, state: "PROVISIONED, change REQUESTED" });
    assert.deepEqual(routerVerdict({ uuid: "r", state: "PROVISIONING" }), { done: false, state: "PROVISIONING" });
    assert.deepEqual(routerVerdict({ uuid: "r", state: "SOMETHING_NEW" }), { done: false, state: "SOMETHING_NEW" });
    assert.ok("failed" in routerVerdict({ uuid: "r", state: "NOT_PROVISIONED" }));
  });

  it("gone: not found, DEPROVISIONING or DEPROVISIONED (refresh drops it); NOT_DEPROVISIONED is still there", () => {
    assert.equal(isRouterGone(undefined), true);
    for (const state of ["DEPROVISIONED", "DEPROVISIONING"]) assert.equal(isRouterGone({ uuid: "r", state }), true, state);
    for (const state of ["PROVISIONED", "PROVISIONING", "NOT_DEPROVISIONED", "REPROVISIONING"]) assert.equal(isRouterGone({ uuid: "r", state }), false, state);
  });

  it("routerShows: whether a lost PATCH was applied", () => {
    const v = CloudRouterInputs.parse(inputs({ name: "fcr-sv-2" }));
    const r = { uuid: "r", name: "fcr-sv-2", package: { code: "STANDARD" }, notifications: [{ type: "ALL", emails: ["noc@example.com"] }] };
    assert.equal(routerShows(r, v), true);
    assert.equal(routerShows({ ...r, name: "fcr-sv-1" }, v), false);
  });
});
