import * as assert from "node:assert/strict";
import { alibabaError, alibabaErrorKind, clientToken } from "../../../provider/alibaba/client";
import { isNotFound, isRetryable, isThrottled } from "../../../provider/core/errors";
import { configure } from "../../../provider/core/config";
import { alibabaCredentials, defaultEndpoint } from "../../../provider/alibaba/settings";
import * as pcm from "../../../provider/alibaba/physicalConnectionMapping";
import * as hcm from "../../../provider/alibaba/hostedConnectionMapping";
import * as vbm from "../../../provider/alibaba/virtualBorderRouterMapping";
import { physicalConnectionLifecycle } from "../../../provider/alibaba/physicalConnectionLifecycle";
import { hostedConnectionLifecycle } from "../../../provider/alibaba/hostedConnectionLifecycle";
import { virtualBorderRouterLifecycle } from "../../../provider/alibaba/virtualBorderRouterLifecycle";
import { UNKNOWN } from "../../../provider/core/validation";

const pcIn = { accessPointId: "ap-us-sv-eqx-a", lineOperator: "Equinix" };
const vbrIn = { physicalConnectionId: "pc-1", vlanId: 10, localGatewayIp: "10.0.0.1", peerGatewayIp: "10.0.0.2", peeringSubnetMask: "255.255.255.252" };

describe("alibaba errors and settings", () => {
  it("maps the error envelope and classifies the documented codes", () => {
    const e = alibabaError({ status: 400, data: { RequestId: "R1", Code: "Throttling.User", Message: "slow down" }, headers: {} }, "CreatePhysicalConnection");
    assert.ok(isThrottled(e) && isRetryable(e));
    assert.equal(e.requestId, "R1");
    assert.match(e.message, /CreatePhysicalConnection HTTP 400 Throttling.User: slow down \[request id R1\]/);
    assert.ok(isNotFound(alibabaError({ status: 404, data: { Code: "InvalidVbrId.NotFound", Message: "x" }, headers: {} }, "c")));
    for (const code of ["OperationConflict", "TaskConflict", "IncorrectStatus.PhysicalConnection", "DependencyViolation.BgpGroup", "ServiceUnavailable", "InternalError"]) {
      assert.ok(isRetryable(alibabaError({ status: 400, data: { Code: code, Message: "m" }, headers: {} }, "c")), code);
    }
    for (const code of ["SignatureDoesNotMatch", "InvalidTimeStamp.Expired", "SignatureNonceUsed", "MissingParameter", "InvalidParameter", "Forbidden.RAM"]) {
      assert.ok(!isRetryable(alibabaError({ status: 400, data: { Code: code, Message: "m" }, headers: {} }, "c")), code);
    }
    assert.equal(alibabaErrorKind(404, "InvalidAccessKeyId.NotFound").kind, "auth");
  });

  it("names the config keys and env vars when credentials are missing; regional endpoints", async () => {
    const saved = { ...process.env };
    for (const k of Object.keys(process.env)) if (/^(ALICLOUD|ALIBABA_CLOUD)_/.test(k)) delete process.env[k];
    await configure({ config: { get: () => undefined } });
    try {
      assert.throws(() => alibabaCredentials(), /alicloud:accessKey.*ALICLOUD_ACCESS_KEY or ALIBABA_CLOUD_ACCESS_KEY_ID/s);
      process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = "id";
      process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "sec";
      process.env.ALICLOUD_REGION = "eu-central-1";
      assert.equal(alibabaCredentials().endpoint, "https://vpc.eu-central-1.aliyuncs.com");
      assert.equal(defaultEndpoint("us-west-1"), "https://vpc.aliyuncs.com");
    } finally {
      process.env = saved;
    }
  });

  it("ClientTokens are stable for the same identity and at most 64 characters", () => {
    assert.equal(clientToken("k", { a: 1 }), clientToken("k", { a: 1 }));
    assert.notEqual(clientToken("k", { a: 1 }), clientToken("k", { a: 2 }));
    assert.ok(clientToken("k").length <= 64);
  });
});

describe("alibaba.PhysicalConnection mapping", () => {
  it("check fills defaults and names bad fields", () => {
    const ok = physicalConnectionLifecycle.check({}, pcIn) as { inputs: any; failures: unknown[] };
    assert.deepEqual(ok.failures, []);
    assert.equal(ok.inputs.desiredStatus, "Enabled");
    assert.equal(ok.inputs.type, "VPC");
    const bad = physicalConnectionLifecycle.check({}, { ...pcIn, portType: "1G", name: "http://x", desiredStatus: "Allocated", payment: {} }) as { failures: Array<{ property: string }> };
    assert.deepEqual(bad.failures.map((f) => f.property).sort(), ["name", "portType"]);
    const pay = physicalConnectionLifecycle.check({}, { ...pcIn, desiredStatus: "Allocated", payment: {} }) as { failures: Array<{ property: string }> };
    assert.deepEqual(pay.failures.map((f) => f.property), ["payment"]);
    const unknown = physicalConnectionLifecycle.check({}, { ...pcIn, redundantPhysicalConnectionId: UNKNOWN }) as { failures: unknown[] };
    assert.deepEqual(unknown.failures, []);
  });

  it("sends bandwidth lower-case and builds Modify parameters from what changed", () => {
    const v = pcm.PhysicalConnectionInputs.parse({ ...pcIn, bandwidth: 100 });
    assert.equal(pcm.createParams(v).bandwidth, 100);
    assert.deepEqual(pcm.modifyParams(v, { ...v, bandwidth: 200, name: "ab" }), { bandwidth: 200, Name: "ab" });
    assert.equal(pcm.modifyParams(v, v), undefined);
  });

  it("diff: access point replaces, the rest updates, timeouts and __provider ignored", () => {
    const v = pcm.PhysicalConnectionInputs.parse(pcIn);
    const d1 = physicalConnectionLifecycle.diff("pc-1", { ...v, __provider: "a" }, { ...v, __provider: "b", timeouts: { create: "2h" } }) as any;
    assert.equal(d1.changes, false);
    const d2 = physicalConnectionLifecycle.diff("pc-1", v, { ...v, accessPointId: "ap-2", description: "xx" }) as any;
    assert.deepEqual(d2.replaces, ["accessPointId"]);
    assert.deepEqual(d2.changed.sort(), ["accessPointId", "description"]);
  });

  it("read-back keeps unset optionals unset and lowers desiredStatus to where the connection is", () => {
    const old = pcm.PhysicalConnectionInputs.parse({ ...pcIn, name: "primary" });
    const back = pcm.readBackInputs({ PhysicalConnectionId: "pc-1", AccessPointId: "ap-us-sv-eqx-a", LineOperator: "Equinix", Name: "renamed", PortType: "10GBase-LR", Bandwidth: 1000, Status: "Confirmed", Description: "" }, old);
    assert.equal(back.name, "renamed");
    assert.equal(back.portType, undefined);
    assert.equal(back.bandwidth, undefined);
    assert.equal(back.description, undefined);
    assert.equal(back.desiredStatus, "Confirmed");
  });
});

describe("alibaba.HostedConnection mapping", () => {
  it("needs an id or a VLAN (a parent alone is not enough)", () => {
    const bad = hostedConnectionLifecycle.check({}, { parentPhysicalConnectionId: "pc-p" }) as { failures: Array<{ property: string }> };
    assert.deepEqual(bad.failures.map((f) => f.property), ["physicalConnectionId"]);
    // By VLAN alone (issue 14: the hosted connections an exchange makes): create finds the one with that VLAN in the region.
    assert.deepEqual((hostedConnectionLifecycle.check({}, { vlanId: 5 }) as { failures: unknown[] }).failures, []);
    const ok = hostedConnectionLifecycle.check({}, { parentPhysicalConnectionId: "pc-p", vlanId: 5 }) as { failures: unknown[]; inputs: any };
    assert.deepEqual(ok.failures, []);
    assert.equal(ok.inputs.accept, true);
  });

  it("bandwidth from Spec, gone states, and the found identifiers are not diffed", () => {
    assert.equal(hcm.bandwidthOf({ PhysicalConnectionId: "pc", Spec: "1G" }), 1000);
    assert.equal(hcm.bandwidthOf({ PhysicalConnectionId: "pc", Spec: "50M" }), 50);
    assert.ok(hcm.isHostedGone({ PhysicalConnectionId: "pc", Status: "Terminated" }));
    assert.ok(hcm.isHostedGone({ PhysicalConnectionId: "pc", Status: "Enabled", VpconnStatus: "Deleted" }));
    const outs = hcm.toOutputs({ PhysicalConnectionId: "pc-1", ParentPhysicalConnectionId: "pc-p", VlanId: "12", Spec: "50M", Status: "Enabled" }, { physicalConnectionId: "pc-1", accept: true });
    assert.equal(outs.vlanId, 12);
    assert.equal(outs.identifiedBy, "id");
    const d = hostedConnectionLifecycle.diff("pc-1", outs, { physicalConnectionId: "pc-1", accept: true }) as any;
    assert.equal(d.changes, false);
  });
});

describe("alibaba.VirtualBorderRouter mapping", () => {
  const check = (over: Record<string, unknown>) => (virtualBorderRouterLifecycle.check({}, { ...vbrIn, ...over }) as { failures: Array<{ property: string; reason: string }> }).failures;

  it("validates VLAN, subnet, mask range, host addresses and the IPv6 trio", () => {
    assert.deepEqual(check({}), []);
    assert.deepEqual(check({ vlanId: 3000 }).map((f) => f.property), ["vlanId"]);
    assert.deepEqual(check({ peerGatewayIp: "10.0.0.5" }).map((f) => f.property), ["peerGatewayIp"]);
    assert.deepEqual(check({ peeringSubnetMask: "255.255.0.0" }).map((f) => f.property), ["peeringSubnetMask"]);
    assert.deepEqual(check({ peeringSubnetMask: "255.0.255.0" }).map((f) => f.property), ["peeringSubnetMask"]);
    assert.deepEqual(check({ localGatewayIp: "10.0.0.0", peerGatewayIp: "10.0.0.1" }).map((f) => f.property), ["localGatewayIp"]);
    assert.deepEqual(check({ enableIpv6: true }).map((f) => f.property), ["enableIpv6"]);
    assert.deepEqual(check({ mtu: 9000, detectMultiplier: 2 }).map((f) => f.property).sort(), ["detectMultiplier", "mtu"]);
    assert.equal(vbm.prefixOf("255.255.255.248"), 29);
  });

  it("create parameters exclude MTU/BFD (a Modify follows); modify parameters carry only changes", () => {
    const v = vbm.VirtualBorderRouterInputs.parse({ ...vbrIn, mtu: 8500 });
    assert.equal(vbm.createParams(v).Mtu, undefined);
    assert.deepEqual(vbm.afterCreateParams(v), { Mtu: 8500 });
    assert.deepEqual(vbm.modifyParams(v, { ...v, peerGatewayIp: "10.0.0.1", localGatewayIp: "10.0.0.2" }), { LocalGatewayIp: "10.0.0.2", PeerGatewayIp: "10.0.0.1" });
  });

  it("read-back takes the VLAN as a number and leaves unset optionals alone (no perpetual diffs)", () => {
    const old = vbm.VirtualBorderRouterInputs.parse(vbrIn);
    const back = vbm.readBackInputs({ VbrId: "vbr-1", VlanId: 10, LocalGatewayIp: "10.0.0.1", PeerGatewayIp: "10.0.0.3", PeeringSubnetMask: "255.255.255.252", Mtu: 1500, Bandwidth: 1000, PhysicalConnectionId: "pc-1", Name: "" }, old);
    assert.equal(back.peerGatewayIp, "10.0.0.3");
    assert.equal(back.mtu, undefined);
    assert.equal(back.bandwidth, undefined);
    assert.equal(back.name, undefined);
    const d = virtualBorderRouterLifecycle.diff("vbr-1", { ...old }, { ...old, physicalConnectionId: "pc-2" }) as any;
    assert.deepEqual(d.replaces, ["physicalConnectionId"]);
  });
});
