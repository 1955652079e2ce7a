import type { CallContext } from "../core/context";
import { pollIntervals } from "../core/config";
import { apiError, isApiError, isNotFound, isRetryable, noLongerExists } from "../core/errors";
import { kindBasics, Lifecycle, pickKeys, Props } from "../core/lifecycle";
import { createRecorded, partialFailureNow, RESUME_STEPS, RETRY_UPDATE } from "../core/partialFailure";
import { identityOf } from "../core/resourceInputs";
import { AlibabaClient, alibabaClient, createWithClientToken, type VirtualBorderRouter } from "./client";
import { virtualBorderRouterFromVendor } from "./fromVendor";
import { AFTER_CREATE_KEYS, afterCreateParams, createParams, isVirtualBorderRouterGone, modifyParams, readBackInputs, reflects, toOutputs, updateTable, VirtualBorderRouterInputs } from "./virtualBorderRouterMapping";
import { isBgpGroupGone } from "./bgpGroupMapping";
import { waitBgpGroupGone, waitVirtualBorderRouter, waitVirtualBorderRouterGone } from "./waiters";

const KIND = "alibaba:VirtualBorderRouter";
/** Its inputs, default timeouts (the resource class's description states them) and update rules. */
const kind = kindBasics({ schema: VirtualBorderRouterInputs, timeouts: { create: "20m", update: "20m", delete: "20m" }, updateTable });
/** How read gives back a VBR's state; read from its id alone (VirtualBorderRouter.get), the inputs a program would write. */
const readBack = { storedWhen: ["physicalConnectionId", "localGatewayIp"], fromVendor: virtualBorderRouterFromVendor, readBackInputs, toOutputs };

/** The rules that depend on the connection: its VLAN for a hosted one, no bandwidth on a hosted one. */
async function checkAgainstConnection(api: AlibabaClient, v: VirtualBorderRouterInputs, dl: number): Promise<void> {
  const pc = await api.getPhysicalConnection(v.physicalConnectionId, { deadline: dl });
  if (!pc) throw apiError({ api: "alibaba", kind: "invalid", message: `physicalConnectionId: physical connection ${v.physicalConnectionId} does not exist or is not visible to these credentials` });
  if (pc.ProductType === "VirtualPhysicalConnection") {
    if (pc.VlanId !== undefined && pc.VlanId !== "" && Number(pc.VlanId) !== v.vlanId) {
      throw apiError({ api: "alibaba", kind: "invalid", message: `vlanId: a VBR on hosted connection ${pc.PhysicalConnectionId} must use the VLAN the partner assigned, ${pc.VlanId} (got ${v.vlanId})` });
    }
    if (v.bandwidth !== undefined) {
      throw apiError({ api: "alibaba", kind: "invalid", message: `bandwidth: set only on VBRs of dedicated connections; hosted connection ${pc.PhysicalConnectionId} has its bandwidth (${pc.Spec}) from the partner` });
    }
  }
}

/**
 * CreateVirtualBorderRouter with a ClientToken derived from the resource's identity, its connection and
 * VLAN (core/resourceInputs, client.createToken); a token that names a VBR already gone gets a new
 * generation. `created` hears every id Alibaba returns, before anything else can fail.
 */
function createOnce(ctx: CallContext, api: AlibabaClient, v: VirtualBorderRouterInputs, identity: string | undefined, dl: number, created: (id: string) => void): Promise<string> {
  const params = createParams(v);
  return createWithClientToken(ctx, {
    kind: KIND,
    identity,
    defining: [v.physicalConnectionId, v.vlanId],
    what: `VBR on ${v.physicalConnectionId} VLAN ${v.vlanId}`,
    create: (token) => api.createVirtualBorderRouter(params, token, { deadline: dl }),
    get: (id) => api.getVirtualBorderRouter(id, { deadline: dl }),
    isGone: isVirtualBorderRouterGone,
    created,
  });
}

/** The code of Alibaba's refusal to delete a VBR that still has BGP groups. */
const BGP_GROUP_REFUSAL = "DependencyViolation.BgpGroup";

/**
 * DeleteVirtualBorderRouter, never retrying Alibaba's refusal for the VBR's BGP groups blindly. Alibaba
 * refuses a VBR that still has one (DependencyViolation.BgpGroup), and the groups are other resources' to
 * delete (an alibaba.BgpGroup whose vbrId is this VBR's output is deleted first by the engine) or someone
 * else's. After a refusal the VBR's groups are looked at: those that stay are named in a clear error at
 * once; those being deleted are waited for, then the delete is sent again (as it is after a pause when
 * Alibaba still counts a group it has just deleted). TaskConflict, throttling and 5xx are retried as usual.
 */
async function deleteAfterBgpGroups(ctx: CallContext, api: AlibabaClient, id: string, dl: number): Promise<void> {
  for (;;) {
    let refusal: unknown;
    try {
      await api.virtualBorderRouterAction("DeleteVirtualBorderRouter", id, { deadline: dl, retryable: (e) => e.code !== BGP_GROUP_REFUSAL && isRetryable(e) });
      return;
    } catch (err) {
      if (!isApiError(err) || err.code !== BGP_GROUP_REFUSAL) throw err;
      refusal = err;
    }
    const groups = await api.bgpGroups.describe({ RouterId: id }, { deadline: dl });
    const staying = groups.filter((g) => !isBgpGroupGone(g));
    if (staying.length) {
      throw apiError({
        api: "alibaba",
        kind: "conflict",
        code: BGP_GROUP_REFUSAL,
        call: "DeleteVirtualBorderRouter",
        message:
          `VBR ${id} still has BGP groups ${staying.map((g) => `${g.BgpGroupId}${g.Name ? ` (${g.Name})` : ""}`).join(", ")}, and Alibaba deletes a VBR only after its BGP groups. ` +
          "Declare each alibaba.BgpGroup with this VBR's vbrId output as its vbrId (destroy then deletes the groups first), or delete groups made outside Pulumi in the console (VBR > BGP groups), then run the command again",
      });
    }
    for (const g of groups) await waitBgpGroupGone(ctx, g.BgpGroupId, dl);
    if (ctx.clock.now() >= dl) throw refusal;
    if (!groups.length) {
      ctx.progress(`VBR ${id}`, "Alibaba still counts a BGP group it has just deleted; trying again");
      await ctx.clock.sleep(Math.min(pollIntervals(ctx.config).intervalMs, Math.max(0, dl - ctx.clock.now())));
    }
  }
}

export const virtualBorderRouterLifecycle: Lifecycle = kind.lifecycle({
  async create(inputs, ctx) {
    const api = alibabaClient(ctx);
    const { v, dl } = kind.operation(inputs, "create", ctx);
    await checkAgainstConnection(api, v, dl);
    return createRecorded<VirtualBorderRouter>({
      inputs,
      create: (created) => createOnce(ctx, api, v, identityOf(inputs), dl, created),
      finish: async (id) => {
        ctx.progress(`VBR ${id}`, "created; waiting until active");
        let vbr = (await waitVirtualBorderRouter(ctx, id, ["active", "unconfirmed"], dl)).value!;
        const extra = afterCreateParams(v);
        if (extra) {
          await api.modifyVirtualBorderRouter(id, extra, { deadline: dl });
          vbr = (await waitVirtualBorderRouter(ctx, id, ["active", "unconfirmed"], dl, (x) => reflects(x, extra))).value!;
        }
        return toOutputs(vbr, v);
      },
      // What Alibaba has (or, unread, what the create sent): the next `up` then applies the rest.
      now: (id) => {
        const sent = pickKeys(v as Props, kind.keys.filter((k) => !AFTER_CREATE_KEYS.includes(k)));
        return { read: () => api.getVirtualBorderRouter(id, { deadline: dl }), unread: { ...sent, vbrId: id }, outputs: (x) => toOutputs(x, readBackInputs(x, v)), nextStep: RESUME_STEPS };
      },
    });
  },

  async read(id, props, ctx) {
    const v = await alibabaClient(ctx).readVirtualBorderRouter(id);
    if (!v || isVirtualBorderRouterGone(v)) return undefined;
    return kind.readBack(id, props, v, readBack);
  },

  async update(id, olds, news, ctx) {
    const api = alibabaClient(ctx);
    const { o, v, dl } = kind.change(olds, news, ctx);
    if (v.vlanId !== o.vlanId || v.bandwidth !== o.bandwidth) await checkAgainstConnection(api, v, dl);
    let current = await api.getVirtualBorderRouter(id, { deadline: dl });
    if (!current) throw noLongerExists("alibaba", `VBR ${id}`);
    const params = modifyParams(o, v);
    try {
      if (current.Status === "terminated" || current.Status === "terminating") {
        ctx.progress(`VBR ${id}`, `${current.Status}: recovering it`);
        if (current.Status === "terminating") await waitVirtualBorderRouter(ctx, id, ["terminated"], dl);
        await api.virtualBorderRouterAction("RecoverVirtualBorderRouter", id, { deadline: dl });
        current = (await waitVirtualBorderRouter(ctx, id, ["active"], dl)).value!;
      }
      if (params) {
        ctx.progress(`VBR ${id}`, `modifying ${Object.keys(params).join(", ")}`);
        await api.modifyVirtualBorderRouter(id, params, { deadline: dl });
        current = (await waitVirtualBorderRouter(ctx, id, ["active", "unconfirmed"], dl, (x) => reflects(x, params))).value!;
      }
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs: news, read: () => api.getVirtualBorderRouter(id), last: current, outputs: (x) => toOutputs(x, o), nextStep: RETRY_UPDATE });
    }
    return { outs: toOutputs(current, v) };
  },

  async delete(id, props, ctx) {
    const api = alibabaClient(ctx);
    const { v, dl } = kind.operation(props, "delete", ctx);
    const current = await api.getVirtualBorderRouter(id, { deadline: dl });
    if (!current) return;
    try {
      if (current.Status === "terminating" || current.Status === "recovering") {
        await waitVirtualBorderRouter(ctx, id, ["terminated", "active"], dl);
      }
      if (!isVirtualBorderRouterGone(current)) await deleteAfterBgpGroups(ctx, api, id, dl);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await waitVirtualBorderRouterGone(ctx, id, dl);
  },
});
