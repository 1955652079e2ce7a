import type { CallContext } from "../core/context";
import { apiError, noLongerExists, unlessNotFound } from "../core/errors";
import { kindBasics, Lifecycle, pickKeys, Props } from "../core/lifecycle";
import { createRecorded, partialFailureNow, RESUME_CREATE, RETRY_UPDATE } from "../core/partialFailure";
import { identityOf } from "../core/resourceInputs";
import { AlibabaClient, alibabaClient, createWithClientToken, type BgpGroup } from "./client";
import { bgpGroupFromVendor, BgpGroupInputs, createParams, isBgpGroupGone, modifyParams, readBackInputs, reflects, toOutputs, updateTable } from "./bgpGroupMapping";
import { isBgpPeerGone } from "./bgpPeerMapping";
import { registerSigningSecret } from "./settings";
import { waitBgpGroup, waitBgpGroupGone, waitBgpPeerGone } from "./waiters";

const KIND = "alibaba:BgpGroup";
/** Its inputs, default timeouts (the resource class's description states them) and update rules. */
const kind = kindBasics({ schema: BgpGroupInputs, timeouts: { create: "10m", update: "10m", delete: "10m" }, updateTable });
/** How read gives back a group's state; read from its id alone (BgpGroup.get), the inputs a program would write. */
const readBack = { storedWhen: ["vbrId", "peerAsn"], fromVendor: bgpGroupFromVendor, readBackInputs: readBackInputs, toOutputs };

/** The MD5 key never appears in an error or a log line, in clear or in the encoded forms a signed request carries. */
function protectSecrets(...keys: Array<string | undefined>): void {
  for (const k of keys) registerSigningSecret(k);
}

/** The rules that need the VBR: it exists for these credentials, and has IPv6 on for an IPv6 group. */
async function checkAgainstVbr(api: AlibabaClient, v: BgpGroupInputs, dl: number): Promise<void> {
  const vbr = await api.getVirtualBorderRouter(v.vbrId, { deadline: dl });
  if (!vbr) throw apiError({ api: "alibaba", kind: "invalid", message: `vbrId: VBR ${v.vbrId} does not exist or is not visible to these credentials (region ${api.region})` });
  if (v.ipVersion === "IPv6" && vbr.EnableIpv6 !== true) {
    throw apiError({ api: "alibaba", kind: "invalid", message: `ipVersion: an IPv6 BGP group needs a VBR with IPv6 enabled; VBR ${v.vbrId} has enableIpv6 false (set it and its IPv6 addresses on the VirtualBorderRouter first)` });
  }
}

/**
 * CreateBgpGroup with a ClientToken derived from the resource's identity, its VBR and address family
 * (client.createToken): a lost answer sent again names the same group, never a second one.
 */
function createOnce(ctx: CallContext, api: AlibabaClient, v: BgpGroupInputs, identity: string | undefined, dl: number, created: (id: string) => void): Promise<string> {
  const params = createParams(v);
  return createWithClientToken(ctx, {
    kind: KIND,
    identity,
    defining: [v.vbrId, v.ipVersion],
    what: `BGP group on ${v.vbrId} (${v.ipVersion})`,
    create: (token) => api.bgpGroups.create(params, token, { deadline: dl }),
    get: (id) => api.bgpGroups.get(id, { deadline: dl }),
    isGone: isBgpGroupGone,
    created,
  });
}

export const bgpGroupLifecycle: Lifecycle = kind.lifecycle({
  async create(inputs, ctx) {
    const api = alibabaClient(ctx);
    const { v, dl } = kind.operation(inputs, "create", ctx);
    protectSecrets(v.authKey);
    await checkAgainstVbr(api, v, dl);
    return createRecorded<BgpGroup>({
      inputs,
      create: (created) => createOnce(ctx, api, v, identityOf(inputs), dl, created),
      finish: async (id) => {
        ctx.progress(`BGP group ${id}`, "created; waiting until Available");
        return toOutputs((await waitBgpGroup(ctx, id, dl)).value!, v);
      },
      now: (id) => ({ read: () => api.bgpGroups.get(id, { deadline: dl }), unread: { ...pickKeys(v as Props, kind.keys), bgpGroupId: id }, outputs: (x) => toOutputs(x, readBackInputs(x, v)), nextStep: RESUME_CREATE }),
    });
  },

  async read(id, props, ctx) {
    const g = await alibabaClient(ctx).bgpGroups.read(id);
    if (!g || isBgpGroupGone(g)) return undefined;
    protectSecrets(g.AuthKey, props.authKey);
    return kind.readBack(id, props, g, readBack);
  },

  async update(id, olds, news, ctx) {
    const api = alibabaClient(ctx);
    const { o, v, dl } = kind.change(olds, news, ctx);
    protectSecrets(o.authKey, v.authKey);
    let current = await api.bgpGroups.get(id, { deadline: dl });
    if (!current || isBgpGroupGone(current)) throw noLongerExists("alibaba", `BGP group ${id}`);
    const params = modifyParams(o, v);
    try {
      if (params) {
        // A group still Pending or Modifying cannot be modified yet (IncorrectStatus, retried by the client).
        ctx.progress(`BGP group ${id}`, `modifying ${Object.keys(params).join(", ")}`);
        await api.bgpGroups.modify(id, params, { deadline: dl });
      }
      current = (await waitBgpGroup(ctx, id, dl, (g) => (params ? reflects(g, params) : true))).value!;
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs: news, read: () => api.bgpGroups.get(id), last: current, outputs: (x) => toOutputs(x, o), nextStep: RETRY_UPDATE });
    }
    return { outs: toOutputs(current, v) };
  },

  async delete(id, props, ctx) {
    const api = alibabaClient(ctx);
    const { dl } = kind.operation(props, "delete", ctx);
    const current = await api.bgpGroups.get(id, { deadline: dl });
    if (!current) return;
    if (!isBgpGroupGone(current)) {
      await peersGone(ctx, api, id, dl);
      if (!(await unlessNotFound(() => api.bgpGroups.delete(id, { deadline: dl })))) return;
    }
    await waitBgpGroupGone(ctx, id, dl);
  },
});

/**
 * Before a group is deleted: its peers being deleted are waited for; a peer that stays is an error naming
 * it (the peers are other resources' to delete, or someone else's), not a blind retry.
 */
async function peersGone(ctx: CallContext, api: AlibabaClient, id: string, dl: number): Promise<void> {
  const peers = await api.bgpPeers.describe({ BgpGroupId: id }, { deadline: dl });
  const staying = peers.filter((p) => !isBgpPeerGone(p));
  if (staying.length) {
    throw apiError({
      api: "alibaba",
      kind: "conflict",
      message:
        `BGP group ${id} still has BGP peers ${staying.map((p) => `${p.BgpPeerId} (${p.PeerIpAddress ?? "no address"})`).join(", ")}; a group is deleted after its peers. ` +
        "Declare each alibaba.BgpPeer with this group's bgpGroupId output as its bgpGroupId (destroy then deletes the peers first), or delete peers made outside Pulumi in the console",
    });
  }
  for (const p of peers) await waitBgpPeerGone(ctx, p.BgpPeerId, dl);
}
