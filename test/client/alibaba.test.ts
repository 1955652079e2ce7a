import * as assert from "node:assert/strict";
import axios from "axios";
import { startSandbox, type Sandbox } from "../../sandbox";
import { alibabaClient, clientToken } from "../../provider/alibaba/client";
import { signedParameters } from "../../provider/alibaba/signer";
import { isApiError, isNotFound } from "../../provider/core/errors";
import { alibabaBody, Eqx } from "../sandbox/helpers";
import { FAST_ALIBABA, until, useAlibabaEnv } from "../unit/alibaba/helpers";
import { callContext, perCall } from "../support/context";

const api = perCall(() => alibabaClient(callContext()));

describe("alibaba client against the sandbox", function () {
  let sb: Sandbox;
  let restore: () => void;
  before(async () => {
    sb = await startSandbox({ port: 0, delays: { alibaba: FAST_ALIBABA, equinix: { provisioning: 10, providerProvisioning: 10, deprovisioning: 10 } as any } });
    restore = useAlibabaEnv(sb);
  });
  after(async () => {
    restore();
    await sb.stop();
  });
  afterEach(() => sb.admin.clearFaults());

  const status = async (id: string) => (await api.getPhysicalConnection(id))?.Status;
  const create = (name: string, token = clientToken("t", name)) =>
    api.createPhysicalConnection({ AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", PortType: "10GBase-LR", bandwidth: 1000, Name: name }, token);

  it("lists regions and access points", async () => {
    assert.ok((await api.describeRegions()).some((r) => r.RegionId === "us-west-1"));
    const aps = await api.describeAccessPoints();
    assert.ok(aps.some((a) => a.AccessPointId === "ap-us-sv-eqx-a"));
  });

  it("runs a dedicated connection through its states, with a VBR (VlanId a string on connections, a number on VBRs)", async () => {
    const id = await create("dedicated-a");
    assert.ok(["Initial", "Allocating", "Allocated"].includes((await status(id))!));
    await until(async () => (await status(id)) === "Allocated");
    await api.physicalConnectionAction("ConfirmPhysicalConnection", id);
    assert.equal(await status(id), "Confirmed");
    await api.physicalConnectionAction("EnablePhysicalConnection", id);
    await until(async () => (await status(id)) === "Enabled");
    const vbr = await api.createVirtualBorderRouter(
      { PhysicalConnectionId: id, VlanId: 101, LocalGatewayIp: "10.0.0.1", PeerGatewayIp: "10.0.0.2", PeeringSubnetMask: "255.255.255.252", Name: "vbr-a" },
      clientToken("vbr", id, 101),
    );
    const v = await api.getVirtualBorderRouter(vbr);
    assert.equal(v?.Status, "active");
    const rawVbr = sb.admin.alibaba.vbr(vbr)!;
    assert.equal(typeof rawVbr.VlanId, "number");
    const forPc = await api.describeVirtualBorderRoutersForPhysicalConnection(id);
    assert.deepEqual(forPc.map((x) => x.VbrId), [vbr]);
    assert.equal(typeof (sb.admin.alibaba.connection(id) as any).VlanId, "string");
    // Terminating a connection with a VBR is refused.
    await assert.rejects(api.physicalConnectionAction("TerminatePhysicalConnection", id), (e: any) => e.code === "DependencyViolation.VirtualBorderRouter");
    await api.virtualBorderRouterAction("DeleteVirtualBorderRouter", vbr);
    await until(async () => !(await api.getVirtualBorderRouter(vbr)));
    await api.physicalConnectionAction("TerminatePhysicalConnection", id);
    await until(async () => (await status(id)) === "Terminated");
    await api.physicalConnectionAction("DeletePhysicalConnection", id);
    assert.equal(await api.getPhysicalConnection(id), undefined);
  });

  it("answers a repeated ClientToken with the first result", async () => {
    const before = sb.admin.inventory().alibaba.physicalConnections.length;
    const a = await create("token-pc", "fixed-token-1");
    const b = await create("token-pc", "fixed-token-1");
    assert.equal(a, b);
    assert.equal(sb.admin.inventory().alibaba.physicalConnections.length, before + 1);
    // Cancel is refused while Allocating (Forbidden.NotAllowedInState, as the API reference says).
    await until(async () => (await status(a)) === "Allocated");
    await api.physicalConnectionAction("CancelPhysicalConnection", a);
    await until(async () => (await status(a)) === "Canceled");
    await api.physicalConnectionAction("DeletePhysicalConnection", a);
  });

  it("pages through Describe* results", async () => {
    const ids = Array.from({ length: 55 }, (_, i) => sb.admin.alibaba.createHostedConnection({ vlan: 1000 + i, bandwidth: 50 }));
    const all = await api.describePhysicalConnections({ ProductType: ["VirtualPhysicalConnection"] });
    for (const id of ids) assert.ok(all.some((c) => c.PhysicalConnectionId === id));
    const pages = sb.admin.requests().filter((r) => r.action === "DescribePhysicalConnections");
    assert.ok(pages.length >= 2);
    for (const id of ids) sb.admin.alibaba.deleteConnection(id);
  });

  it("maps errors to ApiErrors with code, message and request id, and never leaks the secret", async () => {
    await assert.rejects(api.physicalConnectionAction("ConfirmPhysicalConnection", "pc-doesnotexist"), (e: unknown) => {
      assert.ok(isApiError(e) && isNotFound(e));
      assert.equal((e as any).code, "InvalidPhysicalConnectionId.NotFound");
      assert.ok((e as any).requestId);
      return true;
    });
    const r2 = useAlibabaEnv(sb, { ALICLOUD_SECRET_KEY: "wrong-secret-value-123" });
    try {
      await assert.rejects(api.describeRegions(), (e: any) => {
        assert.equal(e.code, "SignatureDoesNotMatch");
        assert.match(e.message, /server string to sign is:GET&%2F&/);
        assert.ok(!e.message.includes("wrong-secret-value-123"));
        assert.ok(!e.message.includes(sb.alibaba.accessKeySecret));
        assert.equal(e.attempts, 1);
        return true;
      });
    } finally {
      r2();
      useAlibabaEnv(sb);
    }
  });

  it("signs with STS credentials (SecurityToken) and redacts the token", async () => {
    const sts = sb.admin.alibaba.issueStsCredentials();
    const r = useAlibabaEnv(sb, { ALICLOUD_ACCESS_KEY: sts.accessKeyId, ALICLOUD_SECRET_KEY: sts.accessKeySecret, ALICLOUD_SECURITY_TOKEN: sts.securityToken });
    try {
      assert.ok((await api.describeRegions()).length > 0);
    } finally {
      r();
      useAlibabaEnv(sb);
    }
    // Without the token the same keys are refused.
    const r3 = useAlibabaEnv(sb, { ALICLOUD_ACCESS_KEY: sts.accessKeyId, ALICLOUD_SECRET_KEY: sts.accessKeySecret });
    try {
      await assert.rejects(api.describeRegions(), (e: any) => e.code === "MissingSecurityToken");
    } finally {
      r3();
      useAlibabaEnv(sb);
    }
  });

  it("refuses expired timestamps and reused nonces", async () => {
    const creds = { accessKeyId: sb.alibaba.accessKeyId, accessKeySecret: sb.alibaba.accessKeySecret };
    const send = (p: Record<string, string>) => axios.get(sb.alibaba.endpoint, { params: p, validateStatus: () => true });
    const old = signedParameters({}, creds, { method: "GET", action: "DescribeRegions", now: Date.now() - 3600_000 });
    assert.equal((await send(old)).data.Code, "InvalidTimeStamp.Expired");
    const fresh = signedParameters({}, creds, { method: "GET", action: "DescribeRegions", nonce: "nonce-once" });
    assert.equal((await send(fresh)).status, 200);
    const again = await send(fresh);
    assert.equal(again.status, 400);
    assert.equal(again.data.Code, "SignatureNonceUsed");
  });

  it("retries Throttling, ServiceUnavailable and OperationConflict", async () => {
    for (const [st, code] of [
      [429, "Throttling.User"],
      [503, "ServiceUnavailable"],
      [409, "OperationConflict"],
    ] as const) {
      sb.admin.clearRequests();
      sb.admin.injectFault({ api: "alibaba", action: "DescribeRegions", times: 2, fault: { kind: "status", status: st, retryAfterSeconds: st === 429 ? 0 : undefined } });
      assert.ok((await api.describeRegions()).length > 0, code);
      const log = sb.admin.requests().filter((r) => r.action === "DescribeRegions");
      assert.deepEqual(log.map((r) => r.status), [st, st, 200]);
    }
  });

  it("a create whose answer is lost is re-sent with the same ClientToken: one object", async () => {
    const before = sb.admin.inventory().alibaba.physicalConnections.length;
    sb.admin.injectFault({ api: "alibaba", action: "CreatePhysicalConnection", times: 1, fault: { kind: "loseResponse" } });
    const id = await create("lost-answer");
    assert.equal(sb.admin.inventory().alibaba.physicalConnections.length, before + 1);
    const creates = sb.admin.requests().filter((r) => r.action === "CreatePhysicalConnection");
    assert.ok(creates.length >= 2);
    await until(async () => (await status(id)) === "Allocated");
    await api.physicalConnectionAction("DeletePhysicalConnection", id);
  });

  it("a Fabric connection to the Alibaba profile appears as a hosted connection; accepting it provisions Fabric; deleting it deprovisions Fabric", async () => {
    const eqx = new Eqx(sb);
    await eqx.login();
    const body = alibabaBody();
    body.zSide.accessPoint.authenticationKey = sb.alibaba.accountId;
    const created = await eqx.create(body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const uuid = created.body.uuid;
    const hosted = await until(async () => (await api.describePhysicalConnections({ ProductType: ["VirtualPhysicalConnection"] })).find((c) => c.Name === body.name));
    assert.equal(hosted.VpconnStatus, "UnConfirmed");
    assert.equal(hosted.VlanId, String(body.aSide.accessPoint.linkProtocol.vlanTag));
    assert.equal(hosted.Spec, "50M");
    assert.match(hosted.ParentPhysicalConnectionId ?? "", /^pc-eqx-parent-/);
    const fabric = (await eqx.get(uuid)).body;
    assert.equal(fabric.zSide.accessPoint.providerConnectionId, hosted.PhysicalConnectionId);
    await api.physicalConnectionAction("ConfirmPhysicalConnection", hosted.PhysicalConnectionId);
    await until(async () => (await status(hosted.PhysicalConnectionId)) === "Enabled");
    await until(async () => (await eqx.get(uuid)).body.operation?.providerStatus === "PROVISIONED");
    await api.physicalConnectionAction("TerminatePhysicalConnection", hosted.PhysicalConnectionId);
    await until(async () => (await status(hosted.PhysicalConnectionId)) === "Terminated");
    await api.physicalConnectionAction("DeletePhysicalConnection", hosted.PhysicalConnectionId);
    await until(async () => ["DEPROVISIONED"].includes((await eqx.get(uuid)).body.operation?.equinixStatus));
  });
});
