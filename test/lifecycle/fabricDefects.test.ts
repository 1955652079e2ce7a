// Fabric defects of the fault audit (issue 11, items 5, 6 and 7) through the SDK's real dynamic-provider
// plugin (test/harness) against the sandbox. Deprovisioning takes 1.5 s here, so a delete that returns
// before DEPROVISIONED is seen. The plugin runs dist/: `npm run build` first.
import { strict as assert } from "assert";
import type { Sandbox } from "../../sandbox";
import { ALIBABA_PROFILE_UUID, findPort } from "../../sandbox/equinix";
import { CheckFailed, DesiredResource, Engine, makeUrn } from "../harness/engine";
import { Props, secret } from "../harness/wire";
import { lifecycleSession, type LifecycleSession } from "../support/session";

const CONNECTION = "pulumi-nodejs:dynamic/fabric:Connection";
const L2 = "pulumi-nodejs:dynamic/fabric:L2Connection";
const KEY = "5123456789012345";

describe("lifecycle: Fabric defects (delete after EQ-3142509, secrets in outputs, the Alibaba account id rule)", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let engine: Engine;
  let session: LifecycleSession;
  let vlan = 2100;

  const desired = (type: string, name: string, inputs: Props): DesiredResource => ({
    urn: makeUrn(type, name),
    type,
    name,
    inputs: { __provider: session.providerText(type.split("/")[1]), ...inputs },
  });
  /** A port-to-port connection in FR on the given A-side VLAN. */
  const p2p = (name: string, aVlan: number) =>
    desired(CONNECTION, name, {
      name,
      bandwidth: 100,
      notifications: ["noc@example.com"],
      aSide: { port: { uuid: findPort("FR").uuid, vlanTag: aVlan } },
      zSide: { port: { uuid: findPort("FR", "DOT1Q", "SECONDARY").uuid, vlanTag: aVlan } },
    });
  const toAlibaba = (name: string, aVlan: number) =>
    desired(CONNECTION, name, {
      name,
      bandwidth: 50,
      notifications: ["noc@example.com"],
      aSide: { port: { uuid: findPort("SG").uuid, vlanTag: aVlan } },
      zSide: secret({ serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "SG", sellerRegion: "ap-southeast-1", authenticationKey: KEY } }),
    });
  const state = (uuid: string) => {
    const c = sb.admin.equinix.connection(uuid) as { state?: string; operation?: { equinixStatus?: string } };
    return `${c.state}/${c.operation?.equinixStatus}`;
  };
  const deleteStatuses = (from: number) => sb.admin.requests().slice(from).filter((r) => r.kind === "fabric.connection.delete").map((r) => r.status);

  before(async () => {
    session = await lifecycleSession(["fabric:Connection", "fabric:L2Connection"], {
      prefix: "fabric-defects-",
      sandboxOptions: { timeScale: 1, delays: { equinix: { autoApproval: 20, provisioning: 50, deprovisioning: 1500 } } },
    });
    ({ sb, engine } = session);
  });
  after(() => session?.close());
  afterEach(() => sb.admin.clearFaults());

  it("delete whose answer was lost: the retry's EQ-3142509 does not end the delete before DEPROVISIONED; the port and VLAN are free again", async () => {
    const v = vlan++;
    const first = await engine.register(p2p("lost-delete", v));
    sb.admin.injectFault({ api: "equinix", method: "DELETE", path: "^/fabric/v4/connections/", times: 1, fault: { kind: "loseResponse" } });
    const n = sb.admin.requests().length;
    await engine.deleteUnregistered([]);
    assert.deepEqual(deleteStatuses(n), [200, 400], "the lost DELETE, then the retry answered EQ-3142509");
    assert.equal(state(first.id), "DEPROVISIONED/DEPROVISIONED", "delete returned only once Equinix had deprovisioned it");
    const again = await engine.register(p2p("lost-delete-again", v));
    assert.equal(again.outputs.equinixStatus, "PROVISIONED", "a new connection on the same port and VLAN");
    await engine.destroy();
  });

  it("delete after the Alibaba side was deleted first (EQ-3142509 at once): waits for DEPROVISIONED; re-creating on the same port and VLAN succeeds", async () => {
    const v = vlan++;
    const first = await engine.register(toAlibaba("alibaba-first", v));
    assert.equal(first.outputs.providerStatus, "PENDING_APPROVAL");
    sb.admin.equinix.providerDeleted(first.id);
    const n = sb.admin.requests().length;
    await engine.deleteUnregistered([]);
    assert.deepEqual(deleteStatuses(n), [400], "Equinix answered EQ-3142509: already deprovisioning");
    assert.equal(state(first.id), "DEPROVISIONED/DEPROVISIONED");
    const again = await engine.register(toAlibaba("alibaba-first-again", v));
    assert.equal(again.outputs.providerStatus, "PENDING_APPROVAL");
    await engine.destroy();
  });

  const l2ToAlibaba = (name: string, authorizationKey: unknown) =>
    desired(L2, name, {
      name,
      portUuid: findPort("HK").uuid,
      vlanSTag: vlan++,
      profileUuid: ALIBABA_PROFILE_UUID,
      authorizationKey,
      sellerRegion: "cn-hongkong",
      sellerMetroCode: "HK",
      speed: 50,
      notifications: ["noc@example.com"],
    });

  it("fabric.L2Connection: no output outside the secret ones carries the Alibaba account id, after create and after refresh", async () => {
    const r = await engine.register(l2ToAlibaba("l2-secret", secret(KEY)));
    assert.match(String(r.outputs.pendingAction), /accept connection pc-\S+ in Alibaba Cloud/);
    const inClear = (x: { outputs: Props; secretKeys: string[] }) => Object.keys(x.outputs).filter((k) => !x.secretKeys.includes(k) && JSON.stringify(x.outputs[k]).includes(KEY));
    assert.deepEqual(inClear(r), []);
    assert.ok(r.secretKeys.includes("authorizationKey"));
    // A state written by an earlier version holds the account id in pendingAction: refresh rewrites it.
    const stored = engine.get(makeUrn(L2, "l2-secret"))!;
    stored.outputs.pendingAction = `accept connection ${r.outputs.primaryProviderConnectionId} in Alibaba Cloud account ${KEY} (Express Connect)`;
    await engine.refresh();
    const refreshed = engine.get(makeUrn(L2, "l2-secret"))!;
    assert.deepEqual(inClear(refreshed), []);
    assert.match(String(refreshed.outputs.pendingAction), /accept connection pc-\S+ in Alibaba Cloud/);
    await engine.destroy();
  });

  it("fabric.L2Connection and fabric.Connection check an Alibaba account id by the same rule, naming the field, before any request", async () => {
    const n = sb.admin.requests().length;
    const reasons: string[] = [];
    await assert.rejects(engine.register(l2ToAlibaba("l2-abc", secret("abc"))), (e: unknown) => {
      assert.ok(e instanceof CheckFailed, String(e));
      assert.deepEqual(e.failures.map((f) => f.property), ["authorizationKey"]);
      reasons.push(e.failures[0].reason);
      return true;
    });
    const c = toAlibaba("conn-abc", vlan++);
    (c.inputs.zSide as { value: Props }).value = { serviceProfile: { uuid: ALIBABA_PROFILE_UUID, metroCode: "SG", authenticationKey: "abc" } };
    await assert.rejects(engine.register(c), (e: unknown) => {
      assert.ok(e instanceof CheckFailed, String(e));
      assert.deepEqual(e.failures.map((f) => f.property), ["zSide.serviceProfile.authenticationKey"]);
      reasons.push(e.failures[0].reason);
      return true;
    });
    assert.equal(reasons[0], reasons[1]);
    assert.match(reasons[0], /Alibaba Cloud account ID.*5 to 20 digits/);
    assert.equal(sb.admin.requests().length, n, "no request");
  });
});
