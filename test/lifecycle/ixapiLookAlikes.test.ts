import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { Engine, makeUrn } from "../harness/engine";
import { Props, secret } from "../harness/wire";
import { identityExternalRef, defaultExternalRef } from "../../provider/ixapi/common";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const ALIBABA = "alibaba-express-connect.fra.eu-central-1";
const ACC = { managingAccount: "A0087264", consumingAccount: "A0087264", billingAccount: "A0087264" };
const PROJECT = "interconnect-tests";

/**
 * Issue 11, defect 2 for IX-API: a create whose answer is lost is looked up by external_ref. With the
 * default external_ref derived from the arguments alone, two look-alike resources share it, and the
 * second adopts the first one's object (orphaning its own). Derived from the resource's identity, each
 * finds its own.
 */
describe("lifecycle: two look-alike ixapi resources under lost create answers", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let engine: Engine;
  let session: LifecycleSession;
  const type = (kind: string) => `pulumi-nodejs:dynamic/${kind}`;
  /** What the resource class sends: the arguments, `__provider` and `__identity` (project/stack/kind/name). */
  const reg = (kind: string, name: string, inputs: Props) =>
    engine.register({ urn: makeUrn(type(kind), name, PROJECT), type: type(kind), name, inputs: { __provider: session.providerText(kind), __identity: `${PROJECT}/dev/${kind}/${name}`, ...inputs } });
  const inv = () => sb.admin.inventory().ixapi as { networkServices: Array<Record<string, any>>; contacts: Array<Record<string, any>> };

  before(async () => {
    session = await lifecycleSession(["ixapi:NetworkService", "ixapi:Contact"], { prefix: "ixapi-lookalikes-" });
    ({ sb, engine } = session);
  });
  afterEach(() => sb.admin.clearFaults());
  after(() => session?.close());

  it("ixapi.NetworkService: identical arguments, both create answers lost: each resource ends with its own service", async () => {
    const args = { ...ACC, productOffering: ALIBABA, cloudKey: secret("1234567890123456"), capacity: 100 };
    sb.admin.injectFault({ api: "ixapi", method: "POST", path: "^/ixapi/v2/network-services$", times: 2, fault: { kind: "loseResponse" } });
    const a = await reg("ixapi:NetworkService", "twin-a", args);
    const b = await reg("ixapi:NetworkService", "twin-b", args);
    assert.notEqual(a.id, b.id, "each resource has its own service");
    assert.notEqual(a.outputs.externalRef, b.outputs.externalRef);
    const services = inv().networkServices;
    assert.deepEqual(services.map((s) => s.id).sort(), [a.id, b.id].sort(), "no orphan, no duplicate");
    assert.equal(sb.admin.requests().filter((q) => q.fault === "loseResponse").length, 2);
  });

  it("ixapi.Contact: identical arguments, both create answers lost: each resource ends with its own contact", async () => {
    const args = { managingAccount: "A0087264", consumingAccount: "A0087264", name: "NOC", email: "noc@example.com" };
    sb.admin.injectFault({ api: "ixapi", method: "POST", path: "^/ixapi/v2/contacts$", times: 2, fault: { kind: "loseResponse" } });
    const a = await reg("ixapi:Contact", "noc-a", args);
    const b = await reg("ixapi:Contact", "noc-b", args);
    assert.notEqual(a.id, b.id, "each resource has its own contact");
    assert.deepEqual(inv().contacts.map((c) => c.id).sort(), [a.id, b.id].sort(), "no orphan, no duplicate");
  });

  it("a state written before identities keeps its external_ref: no update just for the upgrade", async () => {
    const args = { managingAccount: "A0087264", consumingAccount: "A0087264", name: "Legacy", email: "legacy@example.com" };
    const legacy = defaultExternalRef("contact", [args.managingAccount, args.consumingAccount, args.name, args.email]);
    const old = await engine.register({ urn: makeUrn(type("ixapi:Contact"), "legacy", PROJECT), type: type("ixapi:Contact"), name: "legacy", inputs: { __provider: session.providerText("ixapi:Contact"), ...args } });
    assert.equal(old.outputs.externalRef, legacy, "without an identity the ref is derived as before");
    const again = await reg("ixapi:Contact", "legacy", args);
    assert.equal(engine.steps.at(-1)!.op, "same");
    assert.equal(again.outputs.externalRef, legacy);
    // A defining input changes: the identity-based ref from then on.
    const renamed = await reg("ixapi:Contact", "legacy", { ...args, name: "Renamed" });
    assert.equal(renamed.outputs.externalRef, identityExternalRef("contact", `${PROJECT}/dev/ixapi:Contact/legacy`, [args.managingAccount, args.consumingAccount, "Renamed", args.email], {}));
  });

  it("destroy leaves nothing", async () => {
    await engine.destroy();
    assert.deepEqual([inv().networkServices.length, inv().contacts.length], [0, 0]);
  });
});
