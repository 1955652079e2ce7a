import assert from "node:assert/strict";
import { startSandbox, type Sandbox } from "../../sandbox";
import { alibabaClient } from "../../provider/alibaba/client";
import { ixapiClient } from "../../provider/ixapi/client";
import { callContext, perCall } from "../support/context";
import { useAlibabaEnv } from "../unit/alibaba/helpers";
import { clearSettings, useSandbox } from "../unit/ixapi/helpers";

const ali = perCall(() => alibabaClient(callContext()));
const ix = perCall(() => ixapiClient(callContext()));

/**
 * Coalesced reads (core/coalescer.ts) of Alibaba physical connections (DescribePhysicalConnections with a
 * PhysicalConnectionId filter, 50 a page) and IX-API contacts (`?id=a,b,...`), alone and mixed.
 */
describe("coalesced reads: Alibaba physical connections and IX-API contacts against the sandbox", function () {
  this.timeout(60_000);
  let sb: Sandbox;
  let restoreAlibaba: () => void;
  const pcs: string[] = [];
  const contacts: string[] = [];
  const log = (n: number) => sb.admin.requests().slice(n).map((e) => `${e.api} ${e.action ?? e.kind}`);

  before(async () => {
    sb = await startSandbox({ timeScale: 0.05 });
    restoreAlibaba = useAlibabaEnv(sb);
    useSandbox(sb, "oauth");
    for (let i = 0; i < 51; i++) pcs.push(sb.admin.alibaba.createHostedConnection({ vlan: 100 + i, bandwidth: 100, name: `coalesced-${i}` }));
    for (let i = 0; i < 3; i++) {
      const c = await ix.createContact({ managing_account: "A0087264", consuming_account: "A0087264", name: `c${i}`, email: `c${i}@example.com`, external_ref: `coalesced-${i}` });
      contacts.push(c.id);
    }
  });
  after(async () => {
    restoreAlibaba?.();
    clearSettings();
    await sb?.stop();
  });

  it("51 physical connections read at once: 2 DescribePhysicalConnections (50 a page), each its own", async () => {
    const n = sb.admin.requests().length;
    const got = await Promise.all(pcs.map((id) => ali.readPhysicalConnection(id)));
    assert.deepEqual(got.map((c) => c?.PhysicalConnectionId), pcs);
    assert.deepEqual(got.map((c) => c?.Name), pcs.map((_, i) => `coalesced-${i}`));
    assert.deepEqual(log(n), ["alibaba DescribePhysicalConnections", "alibaba DescribePhysicalConnections"]);
  });

  it("a physical connection the list does not have is confirmed gone by a direct read", async () => {
    const n = sb.admin.requests().length;
    const got = await Promise.all([pcs[0], pcs[1], "pc-doesnotexist000"].map((id) => ali.readPhysicalConnection(id)));
    assert.deepEqual(got.map((c) => c?.PhysicalConnectionId), [pcs[0], pcs[1], undefined]);
    assert.equal(log(n).length, 2, "one list, one direct read of the missing one");
  });

  it("a refused Describe (HTTP 400) falls back to direct reads", async () => {
    sb.admin.injectFault({ api: "alibaba", times: 1, fault: { kind: "status", status: 400 } });
    const n = sb.admin.requests().length;
    const got = await Promise.all(pcs.slice(0, 3).map((id) => ali.readPhysicalConnection(id)));
    assert.deepEqual(got.map((c) => c?.PhysicalConnectionId), pcs.slice(0, 3));
    assert.equal(log(n).length, 4, `the refused list, then 3 direct reads: ${log(n).join(", ")}`);
  });

  it("a mix of kinds at once: one list call per kind, every answer its own", async () => {
    const n = sb.admin.requests().length;
    const [a, b, c, d] = await Promise.all([ali.readPhysicalConnection(pcs[5]), ix.readContact(contacts[0]), ali.readPhysicalConnection(pcs[6]), ix.readContact(contacts[2])]);
    assert.equal(a?.PhysicalConnectionId, pcs[5]);
    assert.equal(c?.PhysicalConnectionId, pcs[6]);
    assert.equal(b?.id, contacts[0]);
    assert.equal(d?.id, contacts[2]);
    assert.deepEqual(log(n).filter((x) => !/token/.test(x)).sort(), ["alibaba DescribePhysicalConnections", "ixapi ixapi.contact.list"]);
  });

  it("a contact read alone costs one GET", async () => {
    const n = sb.admin.requests().length;
    assert.equal((await ix.readContact(contacts[1]))?.id, contacts[1]);
    assert.deepEqual(log(n).filter((x) => !/token/.test(x)), ["ixapi ixapi.contact.get"]);
  });
});
