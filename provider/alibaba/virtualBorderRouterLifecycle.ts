import { diffByTable } from "../core/diff";
import { apiError, isNotFound } from "../core/errors";
import { Lifecycle, pickKeys, Props, storedInputs } from "../core/lifecycle";
import { partialFailure } from "../core/partialFailure";
import { progress } from "../core/progress";
import { identityOf } from "../core/resourceInputs";
import { deadlineFor } from "../core/timeouts";
import { checkInputs } from "../core/validation";
import * as api from "./client";
import { hasInputs, virtualBorderRouterFromVendor } from "./fromVendor";
import {
  AFTER_CREATE_KEYS,
  afterCreateParams,
  createParams,
  isVirtualBorderRouterGone,
  modifyParams,
  readBackInputs,
  reflects,
  toOutputs,
  updateTable,
  VBR_INPUT_KEYS,
  VirtualBorderRouterInputs,
} from "./virtualBorderRouterMapping";
import { alibabaClock, waitVirtualBorderRouter, waitVirtualBorderRouterGone } from "./waiters";

const KIND = "alibaba:VirtualBorderRouter";
const DEFAULTS = { create: "20m", update: "20m", delete: "20m" };

function asInputs(props: Props): VirtualBorderRouterInputs {
  return storedInputs(VirtualBorderRouterInputs, props, VBR_INPUT_KEYS);
}

/** The rules that depend on the connection: its VLAN for a hosted one, no bandwidth on a hosted one. */
async function checkAgainstConnection(v: VirtualBorderRouterInputs, dl: number): Promise<void> {
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
async function createOnce(v: VirtualBorderRouterInputs, identity: string | undefined, dl: number, created: (id: string) => void): Promise<string> {
  const params = createParams(v);
  for (let generation = 1; ; generation++) {
    const token = api.createToken(KIND, identity, [v.physicalConnectionId, v.vlanId], generation);
    const id = await api.createVirtualBorderRouter(params, token, { deadline: dl });
    created(id);
    const found = await api.getVirtualBorderRouter(id, { deadline: dl });
    if ((found && !isVirtualBorderRouterGone(found)) || generation >= 3) return id;
    progress(`VBR on ${v.physicalConnectionId} VLAN ${v.vlanId}`, `ClientToken answered with ${id}, which no longer exists; creating a new one`);
  }
}

export const virtualBorderRouterLifecycle: Lifecycle = {
  check(_olds, news) {
    return checkInputs(VirtualBorderRouterInputs, news);
  },

  diff(_id, olds, news) {
    return diffByTable(updateTable, olds, news);
  },

  async create(inputs) {
    const v = asInputs(inputs);
    const dl = deadlineFor(v.timeouts, "create", DEFAULTS, alibabaClock.current);
    await checkAgainstConnection(v, dl);
    // Recorded as soon as Alibaba returns it: every later failure is a partial failure with the id.
    let id: string | undefined;
    try {
      id = await createOnce(v, identityOf(inputs), dl, (got) => (id = got));
      progress(`VBR ${id}`, "created; waiting until active");
      let vbr = (await waitVirtualBorderRouter(id, ["active", "unconfirmed"], dl)).value!;
      const extra = afterCreateParams(v);
      if (extra) {
        await api.modifyVirtualBorderRouter(id, extra, { deadline: dl });
        vbr = (await waitVirtualBorderRouter(id, ["active", "unconfirmed"], dl, (x) => reflects(x, extra))).value!;
      }
      return { id, outs: toOutputs(vbr, v) };
    } catch (err) {
      if (id === undefined) throw err;
      // What Alibaba has (or, unread, what the create sent): the next `up` then applies the rest.
      const latest = await api.getVirtualBorderRouter(id, { deadline: dl }).catch(() => undefined);
      const sent = pickKeys(v as Props, VBR_INPUT_KEYS.filter((k) => !AFTER_CREATE_KEYS.includes(k)));
      throw partialFailure(id, inputs, latest ? toOutputs(latest, readBackInputs(latest, v)) : { ...sent, vbrId: id }, err, "run `pulumi up` again to resume, or `pulumi destroy` to remove it");
    }
  },

  async read(id, props) {
    const v = await api.readVirtualBorderRouter(id);
    if (!v || isVirtualBorderRouterGone(v)) return undefined;
    // Read from the id alone (VirtualBorderRouter.get): the inputs a program would write.
    const old = hasInputs(props, ["physicalConnectionId", "localGatewayIp"]) ? asInputs(props) : virtualBorderRouterFromVendor(v);
    const inputs = readBackInputs(v, old);
    return { id, props: toOutputs(v, inputs), inputs: pickKeys(inputs as Props, VBR_INPUT_KEYS) };
  },

  async update(id, olds, news) {
    const o = asInputs(olds);
    const v = asInputs(news);
    const dl = deadlineFor(v.timeouts, "update", DEFAULTS, alibabaClock.current);
    if (v.vlanId !== o.vlanId || v.bandwidth !== o.bandwidth) await checkAgainstConnection(v, dl);
    let current = await api.getVirtualBorderRouter(id, { deadline: dl });
    if (!current) throw apiError({ api: "alibaba", kind: "notFound", message: `VBR ${id} no longer exists; run \`pulumi refresh\` to drop it` });
    const params = modifyParams(o, v);
    try {
      if (current.Status === "terminated" || current.Status === "terminating") {
        progress(`VBR ${id}`, `${current.Status}: recovering it`);
        if (current.Status === "terminating") await waitVirtualBorderRouter(id, ["terminated"], dl);
        await api.virtualBorderRouterAction("RecoverVirtualBorderRouter", id, { deadline: dl });
        current = (await waitVirtualBorderRouter(id, ["active"], dl)).value!;
      }
      if (params) {
        progress(`VBR ${id}`, `modifying ${Object.keys(params).join(", ")}`);
        await api.modifyVirtualBorderRouter(id, params, { deadline: dl });
        current = (await waitVirtualBorderRouter(id, ["active", "unconfirmed"], dl, (x) => reflects(x, params))).value!;
      }
    } catch (err) {
      const latest = (await api.getVirtualBorderRouter(id).catch(() => undefined)) ?? current;
      throw partialFailure(id, news, toOutputs(latest, o), err, "run `pulumi up` again to retry the update");
    }
    return { outs: toOutputs(current, v) };
  },

  async delete(id, props) {
    const v = asInputs(props);
    const dl = deadlineFor(v.timeouts, "delete", DEFAULTS, alibabaClock.current);
    const current = await api.getVirtualBorderRouter(id, { deadline: dl });
    if (!current) return;
    try {
      if (current.Status === "terminating" || current.Status === "recovering") {
        await waitVirtualBorderRouter(id, ["terminated", "active"], dl);
      }
      if (!isVirtualBorderRouterGone(current)) {
        // DependencyViolation.BgpGroup and TaskConflict are retried by the client within the deadline.
        await api.virtualBorderRouterAction("DeleteVirtualBorderRouter", id, { deadline: dl });
      }
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await waitVirtualBorderRouterGone(id, dl);
  },
};
