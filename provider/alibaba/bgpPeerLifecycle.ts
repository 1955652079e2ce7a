import type { CallContext } from "../core/context";
import { apiError, isTimeout, noLongerExists, unlessNotFound } from "../core/errors";
import { formatDuration } from "../core/duration";
import { waitBudget, waitFor } from "../core/waiter";
import { kindBasics, Lifecycle, pickKeys, Props } from "../core/lifecycle";
import { createRecorded, partialFailureNow, RESUME_CREATE, RETRY_UPDATE } from "../core/partialFailure";
import { identityOf } from "../core/resourceInputs";
import { isBgpGroupGone } from "./bgpGroupMapping";
import { bgpPeerFromVendor, BgpPeerInputs, createParams, familyOf, isBgpPeerGone, modifyParams, readBackInputs, reflects, toOutputs, updateTable } from "./bgpPeerMapping";
import { AlibabaClient, alibabaClient, BgpPeer, createWithClientToken } from "./client";
import { present } from "./common";
import { registerSigningSecret } from "./settings";
import { waitBgpPeer, waitBgpPeerGone } from "./waiters";

const KIND = "alibaba:BgpPeer";
/** Its inputs, default timeouts (the resource class's description states them) and update rules. */
const kind = kindBasics({ schema: BgpPeerInputs, timeouts: { create: "10m", update: "10m", delete: "10m" }, updateTable });
/** How read gives back a peer's state; read from its id alone (BgpPeer.get), the inputs a program would write. */
const readBack = { storedWhen: ["bgpGroupId", "peerIpAddress"], fromVendor: bgpPeerFromVendor, readBackInputs, toOutputs };

/** DescribeBgpPeers also returns the group's MD5 key: it must never reach an error or a log line. */
function protect(p: BgpPeer | undefined): BgpPeer | undefined {
  if (p && typeof p.AuthKey === "string") registerSigningSecret(p.AuthKey);
  return p;
}

/**
 * What a session that stays in a state usually means (RFC 4271's states as DescribeBgpPeers reports them):
 * Alibaba's API gives the state, never why.
 */
const SESSION_HINTS: Record<string, string> = {
  Idle: "Alibaba's side does not start the session: its VBR or physical connection is not up, or the session was just reset",
  Connect: "the TCP connection to the peer keeps failing, most often because the MD5 keys differ (the group's authKey and the far end's key must be the same)",
  Active:
    "nothing answers BGP at peerIpAddress, or the far end refuses the OPEN: check that the far end is configured and up, that its address is peerIpAddress and it peers with the VBR's local address on the same subnet, and that each end expects the other's ASN (the group's peerAsn; Alibaba's 45104 unless localAsn)",
  OpenSent: "Alibaba sent its OPEN and waits for the far end's",
  OpenConfirm: "the OPEN messages were exchanged; waiting for the first KEEPALIVE",
  Down: "Alibaba reports the session down",
};

/**
 * Waits until the peer's session is `target` (Established). At the deadline: a timeout naming the peer,
 * its address and VBR, the state it is in and what that state usually means.
 */
async function waitSession(ctx: CallContext, id: string, target: string, dl: number): Promise<BgpPeer> {
  const api = alibabaClient(ctx);
  let last: BgpPeer | undefined;
  const started = ctx.clock.now();
  try {
    const r = await waitFor({
      ...waitBudget(ctx, "alibaba", dl),
      what: `BGP peer ${id}'s session to be ${target}`,
      poll: async () => (last = protect(await api.bgpPeers.read(id))),
      notFoundTolerance: 3,
      evaluate: (p) => {
        if (isBgpPeerGone(p)) return { failed: "the peer is being deleted", state: p.Status };
        const state = present(p.BgpStatus) ?? "not reported";
        return state === target ? { done: true } : { done: false, state, hint: SESSION_HINTS[state] };
      },
    });
    return r.value!;
  } catch (err) {
    if (!isTimeout(err)) throw err;
    const state = present(last?.BgpStatus) ?? "not reported";
    // DescribeBgpPeers also gives the group's name, which says which session this is (a component names it by its handover).
    const group = last ? (typeof last.Name === "string" && last.Name ? `BGP group ${last.Name} (${last.BgpGroupId})` : last.BgpGroupId) : "";
    const where = last ? ` (to ${last.PeerIpAddress} in ${group} on VBR ${last.RouterId})` : "";
    throw apiError({
      api: "alibaba",
      kind: "timeout",
      message: `BGP peer ${id}${where}: the session is ${state}, not ${target}, after ${formatDuration(ctx.clock.now() - started)}${SESSION_HINTS[state] ? `: ${SESSION_HINTS[state]}` : ""}`,
    });
  }
}

/** The rules that need the group: it exists for these credentials, and the peer's family is the group's. */
async function checkAgainstGroup(api: AlibabaClient, v: BgpPeerInputs, dl: number): Promise<void> {
  const g = await api.bgpGroups.get(v.bgpGroupId, { deadline: dl });
  if (typeof g?.AuthKey === "string") registerSigningSecret(g.AuthKey);
  if (!g || isBgpGroupGone(g)) throw apiError({ api: "alibaba", kind: "invalid", message: `bgpGroupId: BGP group ${v.bgpGroupId} does not exist (or is being deleted) for these credentials (region ${api.region})` });
  const groupFamily = g.IpVersion || "IPv4";
  if (familyOf(v) !== groupFamily) {
    throw apiError({ api: "alibaba", kind: "invalid", message: `peerIpAddress: BGP group ${v.bgpGroupId} is ${groupFamily}, so its peers need ${groupFamily} addresses (got ${v.peerIpAddress})` });
  }
}

/**
 * CreateBgpPeer with a ClientToken derived from the resource's identity, its group and address family
 * (client.createToken): a lost answer sent again names the same peer, never a second one.
 */
function createOnce(ctx: CallContext, api: AlibabaClient, v: BgpPeerInputs, identity: string | undefined, dl: number, created: (id: string) => void): Promise<string> {
  const params = createParams(v);
  return createWithClientToken(ctx, {
    kind: KIND,
    identity,
    defining: [v.bgpGroupId, familyOf(v)],
    what: `BGP peer ${v.peerIpAddress} in ${v.bgpGroupId}`,
    create: (token) => api.bgpPeers.create(params, token, { deadline: dl }),
    get: async (id) => protect(await api.bgpPeers.get(id, { deadline: dl })),
    isGone: isBgpPeerGone,
    created,
  });
}

export const bgpPeerLifecycle: Lifecycle = kind.lifecycle({
  async create(inputs, ctx) {
    const api = alibabaClient(ctx);
    const { v, dl } = kind.operation(inputs, "create", ctx);
    await checkAgainstGroup(api, v, dl);
    return createRecorded<BgpPeer>({
      inputs,
      create: (created) => createOnce(ctx, api, v, identityOf(inputs), dl, created),
      finish: async (id) => {
        ctx.progress(`BGP peer ${id}`, "created; waiting until Available");
        let p = protect((await waitBgpPeer(ctx, id, dl)).value)!;
        ctx.progress(`BGP peer ${id}`, `Available; the session is ${p.BgpStatus || "not reported yet"}`);
        if (v.sessionState) p = await waitSession(ctx, id, v.sessionState, dl);
        return toOutputs(p, v);
      },
      now: (id) => ({ read: async () => protect(await api.bgpPeers.get(id, { deadline: dl })), unread: { ...pickKeys(v as Props, kind.keys), bgpPeerId: id }, outputs: (x) => toOutputs(x, readBackInputs(x, v)), nextStep: RESUME_CREATE }),
    });
  },

  async read(id, props, ctx) {
    const p = protect(await alibabaClient(ctx).bgpPeers.read(id));
    if (!p || isBgpPeerGone(p)) return undefined;
    return kind.readBack(id, props, p, readBack);
  },

  async update(id, olds, news, ctx) {
    const api = alibabaClient(ctx);
    const { o, v, dl } = kind.change(olds, news, ctx);
    let current = protect(await api.bgpPeers.get(id, { deadline: dl }));
    if (!current || isBgpPeerGone(current)) throw noLongerExists("alibaba", `BGP peer ${id}`);
    const params = modifyParams(o, v);
    try {
      if (params) {
        ctx.progress(`BGP peer ${id}`, `modifying ${Object.keys(params).join(", ")}`);
        await api.bgpPeers.modify(id, params, { deadline: dl });
      }
      current = protect((await waitBgpPeer(ctx, id, dl, (p) => (params ? reflects(p, params) : true))).value)!;
      if (v.sessionState) current = await waitSession(ctx, id, v.sessionState, dl);
    } catch (err) {
      const last = current;
      throw await partialFailureNow(err, { id, inputs: news, read: async () => protect(await api.bgpPeers.get(id)), last, outputs: (x) => toOutputs(x, o), nextStep: RETRY_UPDATE });
    }
    return { outs: toOutputs(current, v) };
  },

  async delete(id, props, ctx) {
    const api = alibabaClient(ctx);
    const { dl } = kind.operation(props, "delete", ctx);
    const current = protect(await api.bgpPeers.get(id, { deadline: dl }));
    if (!current) return;
    // A peer still Pending or Modifying is refused with IncorrectStatus, which the client retries.
    if (!isBgpPeerGone(current) && !(await unlessNotFound(() => api.bgpPeers.delete(id, { deadline: dl })))) return;
    await waitBgpPeerGone(ctx, id, dl);
  },
});
