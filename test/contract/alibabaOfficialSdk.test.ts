// The official Alibaba Cloud VPC SDK (@alicloud/vpc20160428, on @alicloud/openapi-core), with its default
// settings but for the endpoint and protocol, through the Express Connect flow against the sandbox:
// access points; create, describe and modify a dedicated connection; confirm a hosted one; VBR create,
// describe and modify; a BGP group and peer on a VBR, created, described, modified and deleted; terminate;
// delete. The SDK signs with ACS3-HMAC-SHA256 by default (the V3
// signature), and its typed models parse every answer: a field the models type as a number must arrive
// as one (a string such as "" would parse as NaN), and the fields they name must be there.
import { strict as assert } from "assert";
import { randomUUID } from "crypto";
import Vpc, * as $Vpc from "@alicloud/vpc20160428";
import { $OpenApiUtil } from "@alicloud/openapi-core";
import { startSandbox, type Sandbox } from "../../sandbox";
import { FAST_ALIBABA, until } from "../unit/alibaba/helpers";

/** Paths (within a parsed model) of every number that is NaN, and of every value of the wrong JS type. */
function nanPaths(value: unknown, path = "body"): string[] {
  if (typeof value === "number") return Number.isNaN(value) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => nanPaths(v, `${path}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => nanPaths(v, `${path}.${k}`));
  return [];
}

describe("contract: the official Alibaba VPC SDK against the sandbox (default settings, V3 signature)", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let client: Vpc;
  const region = "us-west-1";
  const answers: Array<{ action: string; body: unknown }> = [];

  /** Calls the SDK and keeps the parsed (typed) body for the NaN check. */
  async function sdk<T extends { body?: unknown }>(action: string, call: Promise<T>): Promise<NonNullable<T["body"]>> {
    const res = await call;
    assert.ok(res.body, `${action}: no body`);
    answers.push({ action, body: res.body });
    assert.deepEqual(nanPaths(res.body), [], `${action}: fields the official model types as numbers arrived as something else`);
    return res.body as NonNullable<T["body"]>;
  }
  const pc = async (id: string) => {
    const body = await sdk(
      "DescribePhysicalConnections",
      client.describePhysicalConnections(
        new $Vpc.DescribePhysicalConnectionsRequest({ regionId: region, filter: [new $Vpc.DescribePhysicalConnectionsRequestFilter({ key: "PhysicalConnectionId", value: [id] })] }),
      ),
    );
    return body.physicalConnectionSet?.physicalConnectionType?.[0];
  };
  const vbr = async (id: string) => {
    const body = await sdk(
      "DescribeVirtualBorderRouters",
      client.describeVirtualBorderRouters(new $Vpc.DescribeVirtualBorderRoutersRequest({ regionId: region, filter: [new $Vpc.DescribeVirtualBorderRoutersRequestFilter({ key: "VbrId", value: [id] })] })),
    );
    return body.virtualBorderRouterSet?.virtualBorderRouterType?.[0];
  };
  const token = () => randomUUID();

  before(async () => {
    sb = await startSandbox({ port: 0, delays: { alibaba: FAST_ALIBABA } });
    const url = new URL(sb.url);
    // Default settings, but for where the endpoint is: a host, and plain HTTP on 127.0.0.1.
    client = new Vpc(new $OpenApiUtil.Config({ accessKeyId: sb.alibaba.accessKeyId, accessKeySecret: sb.alibaba.accessKeySecret, endpoint: url.host, protocol: "http" }));
  });
  after(() => sb?.stop());

  let dedicated = "";
  let hosted = "";
  let vbrDedicated = "";
  let vbrHosted = "";

  it("lists the access points", async () => {
    const body = await sdk("DescribeAccessPoints", client.describeAccessPoints(new $Vpc.DescribeAccessPointsRequest({ regionId: region })));
    const ids = (body.accessPointSet?.accessPointType ?? []).map((a) => a.accessPointId);
    assert.ok(ids.includes("ap-us-sv-eqx-a"), ids.join(", "));
    assert.equal(typeof body.totalCount, "number");
  });

  it("creates, describes and modifies a dedicated connection, then confirms and enables it", async () => {
    const created = await sdk(
      "CreatePhysicalConnection",
      client.createPhysicalConnection(
        new $Vpc.CreatePhysicalConnectionRequest({ regionId: region, accessPointId: "ap-us-sv-eqx-a", lineOperator: "Equinix", portType: "10GBase-LR", bandwidth: 1000, name: "sdk-dedicated", clientToken: token() }),
      ),
    );
    dedicated = created.physicalConnectionId!;
    assert.match(dedicated, /^pc-/);
    await until(async () => (await pc(dedicated))?.status === "Allocated");
    await sdk(
      "ModifyPhysicalConnectionAttribute",
      client.modifyPhysicalConnectionAttribute(new $Vpc.ModifyPhysicalConnectionAttributeRequest({ regionId: region, physicalConnectionId: dedicated, name: "sdk-renamed", description: "Changed by the official SDK", clientToken: token() })),
    );
    const c = (await pc(dedicated))!;
    assert.equal(c.name, "sdk-renamed");
    assert.equal(c.description, "Changed by the official SDK");
    assert.equal(c.bandwidth, 1000);
    assert.equal(c.vlanId, "", "VlanId is a string on connections");
    await sdk("ConfirmPhysicalConnection", client.confirmPhysicalConnection(new $Vpc.ConfirmPhysicalConnectionRequest({ regionId: region, physicalConnectionId: dedicated, clientToken: token() })));
    await sdk("EnablePhysicalConnection", client.enablePhysicalConnection(new $Vpc.EnablePhysicalConnectionRequest({ regionId: region, physicalConnectionId: dedicated, clientToken: token() })));
    await until(async () => (await pc(dedicated))?.status === "Enabled");
  });

  it("confirms a hosted connection the partner created; its parent's owner is a number", async () => {
    hosted = sb.admin.alibaba.createHostedConnection({ vlan: 1234, bandwidth: 200, name: "from-equinix" });
    const before = (await pc(hosted))!;
    assert.equal(before.vpconnStatus, "UnConfirmed");
    assert.equal(typeof before.parentPhysicalConnectionAliUid, "number");
    assert.ok(Number.isSafeInteger(before.parentPhysicalConnectionAliUid));
    assert.equal(before.vlanId, "1234");
    await sdk("ConfirmPhysicalConnection", client.confirmPhysicalConnection(new $Vpc.ConfirmPhysicalConnectionRequest({ regionId: region, physicalConnectionId: hosted, clientToken: token() })));
    await until(async () => (await pc(hosted))?.status === "Enabled");
    assert.equal((await pc(hosted))!.vpconnStatus, "Confirmed");
  });

  it("creates, describes and modifies VBRs on both connections", async () => {
    const a = await sdk(
      "CreateVirtualBorderRouter",
      client.createVirtualBorderRouter(
        new $Vpc.CreateVirtualBorderRouterRequest({
          regionId: region,
          physicalConnectionId: dedicated,
          vlanId: 100,
          localGatewayIp: "10.0.0.1",
          peerGatewayIp: "10.0.0.2",
          peeringSubnetMask: "255.255.255.252",
          name: "sdk-vbr",
          bandwidth: 1000,
          clientToken: token(),
        }),
      ),
    );
    vbrDedicated = a.vbrId!;
    const b = await sdk(
      "CreateVirtualBorderRouter",
      client.createVirtualBorderRouter(
        new $Vpc.CreateVirtualBorderRouterRequest({ regionId: region, physicalConnectionId: hosted, vlanId: 1234, localGatewayIp: "172.16.0.1", peerGatewayIp: "172.16.0.2", peeringSubnetMask: "255.255.255.252", name: "sdk-hosted-vbr", clientToken: token() }),
      ),
    );
    vbrHosted = b.vbrId!;
    await sdk(
      "ModifyVirtualBorderRouterAttribute",
      client.modifyVirtualBorderRouterAttribute(new $Vpc.ModifyVirtualBorderRouterAttributeRequest({ regionId: region, vbrId: vbrDedicated, mtu: 8500, description: "Modified by the official SDK", clientToken: token() })),
    );
    const v = (await vbr(vbrDedicated))!;
    assert.equal(v.status, "active");
    assert.equal(v.vlanId, 100);
    assert.equal(v.mtu, 8500);
    assert.equal(v.description, "Modified by the official SDK");
    assert.equal(v.physicalConnectionOwnerUid, sb.alibaba.accountId);

    for (const [id, vbrId, name, local] of [
      [dedicated, vbrDedicated, "sdk-vbr", "10.0.0.1"],
      [hosted, vbrHosted, "sdk-hosted-vbr", "172.16.0.1"],
    ]) {
      const body = await sdk(
        "DescribeVirtualBorderRoutersForPhysicalConnection",
        client.describeVirtualBorderRoutersForPhysicalConnection(new $Vpc.DescribeVirtualBorderRoutersForPhysicalConnectionRequest({ regionId: region, physicalConnectionId: id })),
      );
      const list = body.virtualBorderRouterForPhysicalConnectionSet?.virtualBorderRouterForPhysicalConnectionType ?? [];
      assert.equal(list.length, 1);
      const item = list[0];
      assert.equal(item.vbrId, vbrId);
      assert.equal(item.vbrName, name);
      assert.equal(item.localGatewayIp, local);
      assert.ok(item.peerGatewayIp, "PeerGatewayIp");
      assert.equal(item.peeringSubnetMask, "255.255.255.252");
      assert.equal(item.enableIpv6, false);
      assert.equal(item.vbrOwnerUid, Number(sb.alibaba.accountId));
      assert.equal(typeof item.vlanId, "number");
      assert.equal(typeof item.bandwidth, "string", "Bandwidth is a string here");
    }
  });

  it("creates, describes, modifies and deletes a BGP group and a BGP peer on a VBR; the session's state is one of BGP's", async () => {
    const groupOf = async (id: string) => {
      const body = await sdk("DescribeBgpGroups", client.describeBgpGroups(new $Vpc.DescribeBgpGroupsRequest({ regionId: region, bgpGroupId: id })));
      return body.bgpGroups?.bgpGroup?.[0];
    };
    const peerOf = async (id: string) => {
      const body = await sdk("DescribeBgpPeers", client.describeBgpPeers(new $Vpc.DescribeBgpPeersRequest({ regionId: region, bgpPeerId: id })));
      return body.bgpPeers?.bgpPeer?.[0];
    };
    const g = await sdk(
      "CreateBgpGroup",
      client.createBgpGroup(new $Vpc.CreateBgpGroupRequest({ regionId: region, routerId: vbrDedicated, peerAsn: 65010, localAsn: 64512, authKey: "sdk-md5-key", name: "sdk-group", description: "From the official SDK", ipVersion: "IPv4", routeQuota: 100, clientToken: token() })),
    );
    assert.match(g.bgpGroupId!, /^bgpg-/);
    await until(async () => (await groupOf(g.bgpGroupId!))?.status === "Available");
    const group = (await groupOf(g.bgpGroupId!))!;
    assert.deepEqual(
      [group.routerId, group.peerAsn, group.localAsn, group.authKey, group.ipVersion, group.isFake, group.routeLimit, group.name, group.hold, group.keepalive],
      [vbrDedicated, "65010", "64512", "sdk-md5-key", "IPv4", "false", "100", "sdk-group", "30", "10"],
      "strings, as the model types them",
    );
    await sdk("ModifyBgpGroupAttribute", client.modifyBgpGroupAttribute(new $Vpc.ModifyBgpGroupAttributeRequest({ regionId: region, bgpGroupId: g.bgpGroupId, peerAsn: 65020, clearAuthKey: true, isFakeAsn: true, clientToken: token() })));
    await until(async () => (await groupOf(g.bgpGroupId!))?.status === "Available");
    assert.deepEqual([(await groupOf(g.bgpGroupId!))!.peerAsn, (await groupOf(g.bgpGroupId!))!.authKey, (await groupOf(g.bgpGroupId!))!.isFake], ["65020", "", "true"]);

    const p = await sdk(
      "CreateBgpPeer",
      client.createBgpPeer(new $Vpc.CreateBgpPeerRequest({ regionId: region, bgpGroupId: g.bgpGroupId, peerIpAddress: "10.0.0.2", ipVersion: "IPv4", enableBfd: true, bfdMultiHop: 3, clientToken: token() })),
    );
    assert.match(p.bgpPeerId!, /^bgp-/);
    await until(async () => (await peerOf(p.bgpPeerId!))?.status === "Available");
    const peer = (await peerOf(p.bgpPeerId!))!;
    assert.deepEqual([peer.bgpGroupId, peer.routerId, peer.peerIpAddress, peer.enableBfd, peer.bfdMultiHop, peer.peerAsn, peer.localAsn, peer.isFake], [g.bgpGroupId, vbrDedicated, "10.0.0.2", true, 3, "65020", "64512", true]);
    assert.ok(["Idle", "Connect", "Active", "OpenSent", "OpenConfirm", "Established"].includes(peer.bgpStatus!), peer.bgpStatus);
    assert.equal(typeof peer.advertisedRouteCount, "number");
    assert.match(peer.gmtModified!, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/, "the model's yyyy-MM-ddTHH:mmZ");
    const byVbr = await sdk("DescribeBgpPeers", client.describeBgpPeers(new $Vpc.DescribeBgpPeersRequest({ regionId: region, routerId: vbrDedicated, pageSize: 50 })));
    assert.deepEqual(byVbr.bgpPeers?.bgpPeer?.map((x) => x.bgpPeerId), [p.bgpPeerId]);
    await sdk("ModifyBgpPeerAttribute", client.modifyBgpPeerAttribute(new $Vpc.ModifyBgpPeerAttributeRequest({ regionId: region, bgpPeerId: p.bgpPeerId, peerIpAddress: "10.0.0.1", enableBfd: false, clientToken: token() })));
    await until(async () => (await peerOf(p.bgpPeerId!))?.status === "Available");
    assert.deepEqual([(await peerOf(p.bgpPeerId!))!.peerIpAddress, (await peerOf(p.bgpPeerId!))!.enableBfd], ["10.0.0.1", false]);

    await sdk("DeleteBgpPeer", client.deleteBgpPeer(new $Vpc.DeleteBgpPeerRequest({ regionId: region, bgpPeerId: p.bgpPeerId, clientToken: token() })));
    await until(async () => !(await peerOf(p.bgpPeerId!)));
    await sdk("DeleteBgpGroup", client.deleteBgpGroup(new $Vpc.DeleteBgpGroupRequest({ regionId: region, bgpGroupId: g.bgpGroupId, clientToken: token() })));
    await until(async () => !(await groupOf(g.bgpGroupId!)));
  });

  it("deletes the VBRs, terminates and deletes both connections", async () => {
    for (const id of [vbrDedicated, vbrHosted]) {
      await sdk("DeleteVirtualBorderRouter", client.deleteVirtualBorderRouter(new $Vpc.DeleteVirtualBorderRouterRequest({ regionId: region, vbrId: id, clientToken: token() })));
      await until(async () => !(await vbr(id)));
    }
    for (const id of [dedicated, hosted]) {
      await sdk("TerminatePhysicalConnection", client.terminatePhysicalConnection(new $Vpc.TerminatePhysicalConnectionRequest({ regionId: region, physicalConnectionId: id, clientToken: token() })));
      await until(async () => (await pc(id))?.status === "Terminated");
      await sdk("DeletePhysicalConnection", client.deletePhysicalConnection(new $Vpc.DeletePhysicalConnectionRequest({ regionId: region, physicalConnectionId: id, clientToken: token() })));
      assert.equal(await pc(id), undefined);
    }
    assert.deepEqual(sb.admin.inventory().alibaba.physicalConnections, []);
    assert.deepEqual(sb.admin.inventory().alibaba.virtualBorderRouters, []);
  });

  it("every request was signed with ACS3-HMAC-SHA256, and every answer parsed without NaN", () => {
    const w = sb.world.alibaba as unknown as { signatures: Record<string, number> };
    assert.equal(w.signatures["HMAC-SHA1"], 0);
    assert.ok(w.signatures["ACS3-HMAC-SHA256"] >= answers.length, `${w.signatures["ACS3-HMAC-SHA256"]} V3 requests for ${answers.length} answers`);
    const actions = new Set(answers.map((a) => a.action));
    for (const a of [
      "DescribeAccessPoints",
      "CreatePhysicalConnection",
      "DescribePhysicalConnections",
      "ModifyPhysicalConnectionAttribute",
      "ConfirmPhysicalConnection",
      "EnablePhysicalConnection",
      "CreateVirtualBorderRouter",
      "DescribeVirtualBorderRouters",
      "ModifyVirtualBorderRouterAttribute",
      "DescribeVirtualBorderRoutersForPhysicalConnection",
      "CreateBgpGroup",
      "DescribeBgpGroups",
      "ModifyBgpGroupAttribute",
      "CreateBgpPeer",
      "DescribeBgpPeers",
      "ModifyBgpPeerAttribute",
      "DeleteBgpPeer",
      "DeleteBgpGroup",
      "DeleteVirtualBorderRouter",
      "TerminatePhysicalConnection",
      "DeletePhysicalConnection",
    ]) {
      assert.ok(actions.has(a), `the flow called ${a}`);
    }
    for (const { action, body } of answers) assert.deepEqual(nanPaths(body), [], action);
  });
});
