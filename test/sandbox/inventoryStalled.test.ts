import assert from "node:assert/strict";
import type { Sandbox } from "../../sandbox";
import { alibabaBody, raw, SCALE, withSandbox, type Eqx } from "./helpers";

/**
 * Issue 11, defect 11: `admin.inventory()` and `GET /_sandbox/inventory` threw "Invalid time value" while
 * a stalled Fabric connection to the Alibaba profile existed (the Alibaba side was told of a connection
 * that never reaches Alibaba, with an infinite time). A stalled connection is still PROVISIONING /
 * NOT_AVAILABLE: "Connection request has not been sent to Alibaba yet", so Alibaba has nothing of it.
 */
describe("sandbox: inventory while a Fabric connection to Alibaba is stalled", function () {
  this.timeout(30_000);
  let sb: Sandbox;
  let eqx: Eqx;

  before(async () => {
    ({ sb, eqx } = await withSandbox());
  });
  after(() => sb?.stop());

  it("admin.inventory() and GET /_sandbox/inventory answer; the stalled connection is listed by Equinix only", async () => {
    sb.admin.equinix.stallProvisioning("next");
    const body = alibabaBody();
    body.zSide.accessPoint.authenticationKey = sb.alibaba.accountId;
    const stalled = await eqx.create(body);
    assert.equal(stalled.status, 201, JSON.stringify(stalled.body));
    // A normal one alongside, which does reach Alibaba.
    const normal = alibabaBody();
    normal.zSide.accessPoint.authenticationKey = sb.alibaba.accountId;
    const ok = await eqx.create(normal);
    sb.admin.clock.advance(1000 * SCALE);

    const inv = sb.admin.inventory() as Record<string, Record<string, any[]>>;
    const equinix = new Map(inv.equinix.connections.map((c) => [c.uuid, c]));
    assert.equal(equinix.get(stalled.body.uuid)?.operation.equinixStatus, "PROVISIONING");
    assert.equal(equinix.get(ok.body.uuid)?.operation.providerStatus, "PENDING_APPROVAL");
    const hosted = inv.alibaba.physicalConnections.filter((pc) => pc.ProductType === "VirtualPhysicalConnection");
    assert.deepEqual(hosted.map((pc) => pc.Name), [normal.name], "only the connection Fabric sent to Alibaba is there");
    for (const pc of hosted) assert.ok(!Number.isNaN(Date.parse(pc.CreationTime)), pc.CreationTime);

    const http = await raw(sb.url, "GET", "/_sandbox/inventory");
    assert.equal(http.status, 200, JSON.stringify(http.body));
    assert.deepEqual(http.body.equinix.connections.map((c: any) => c.uuid).sort(), [stalled.body.uuid, ok.body.uuid].sort());
  });
});
