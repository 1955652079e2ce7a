import type { CallContext } from "../core/context";
import { apiError, isApiError, isNotFound } from "../core/errors";
import { kindBasics, Lifecycle, pickKeys, Props } from "../core/lifecycle";
import { createRecorded, partialFailureNow, RESUME_STEPS, RETRY_UPDATE } from "../core/partialFailure";
import { identityOf } from "../core/resourceInputs";
import { AlibabaClient, alibabaClient, createWithClientToken, PhysicalConnection } from "./client";
import { physicalConnectionFromVendor } from "./fromVendor";
import { createParams, isPhysicalConnectionGone, MODIFIABLE_STATUSES, modifyParams, PhysicalConnectionInputs, rank, readBackInputs, STATUS_RESTRICTED, toOutputs, updateTable } from "./physicalConnectionMapping";
import { waitPhysicalConnection, waitPhysicalConnectionGone } from "./waiters";

const KIND = "alibaba:PhysicalConnection";
/** Its inputs, default timeouts (the resource class's description states them) and update rules. */
const kind = kindBasics({ schema: PhysicalConnectionInputs, timeouts: { create: "60m", update: "30m", delete: "30m" }, updateTable });
/** How read gives back a connection's state; read from its id alone (PhysicalConnection.get), the inputs a program would write. */
const readBack = { storedWhen: ["accessPointId"], fromVendor: physicalConnectionFromVendor, readBackInputs, toOutputs };

/**
 * CreatePhysicalConnection with a ClientToken derived from the resource's identity and what defines the
 * connection, so a re-sent create (lost answer, plugin restart) returns the first connection and two
 * look-alike resources get two. Alibaba remembers tokens for a while after the object is gone: when the
 * token names a connection that no longer exists (destroyed earlier), a new token is derived.
 * `created` hears every id Alibaba returns, before anything else can fail, so the caller can record it.
 */
function createOnce(ctx: CallContext, api: AlibabaClient, v: PhysicalConnectionInputs, identity: string | undefined, dl: number, created: (id: string) => void): Promise<string> {
  const params = createParams(v);
  return createWithClientToken(ctx, {
    kind: KIND,
    identity,
    defining: [params],
    what: `physical connection ${v.name ?? v.accessPointId}`,
    create: (token) => api.createPhysicalConnection(params, token, { deadline: dl }),
    get: (id) => api.getPhysicalConnection(id, { deadline: dl }),
    isGone: isPhysicalConnectionGone,
    created,
  });
}

/** Drives a connection forward to the desired step: Confirm, the optional payment, Enable, waiting on each. */
async function driveForward(ctx: CallContext, api: AlibabaClient, id: string, v: PhysicalConnectionInputs, dl: number): Promise<PhysicalConnection> {
  const hint = "Alibaba is allocating the port";
  let c = (await waitPhysicalConnection(ctx, id, ["Allocated", "Confirmed", "Enabled"], dl, { hint })).value!;
  const target = rank(v.desiredStatus);
  if (target >= rank("Confirmed") && c.Status === "Allocated") {
    ctx.progress(`physical connection ${id}`, "Allocated: confirming");
    await api.physicalConnectionAction("ConfirmPhysicalConnection", id, { deadline: dl });
    c = (await waitPhysicalConnection(ctx, id, ["Confirmed", "Enabled"], dl)).value!;
  }
  if (v.payment && target >= rank("Confirmed") && c.Status === "Confirmed") {
    ctx.progress(`physical connection ${id}`, `paying: occupancy order, ${v.payment.period} ${v.payment.pricingCycle}`);
    await api.createOccupancyOrder(id, v.payment, { deadline: dl });
  }
  if (target >= rank("Enabled") && c.Status === "Confirmed") {
    ctx.progress(`physical connection ${id}`, "Confirmed: enabling");
    await api.physicalConnectionAction("EnablePhysicalConnection", id, { deadline: dl });
    c = (await waitPhysicalConnection(ctx, id, ["Enabled"], dl)).value!;
  }
  return c;
}

/**
 * CancelPhysicalConnection. Alibaba refuses it while Allocating (Forbidden.NotAllowedInState), which an
 * Initial connection may enter between our read and the call: then wait until allocation ends and cancel
 * again.
 */
async function cancel(ctx: CallContext, api: AlibabaClient, id: string, dl: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await api.physicalConnectionAction("CancelPhysicalConnection", id, { deadline: dl });
      return;
    } catch (err) {
      if (!(isApiError(err) && err.code === "Forbidden.NotAllowedInState") || attempt >= 3) throw err;
      const now = await api.getPhysicalConnection(id, { deadline: dl });
      if (!now || now.Status === "Canceled") return;
      if (now.Status !== "Allocating") throw err;
      await waitPhysicalConnection(ctx, id, ["Allocated", "Confirmed", "Enabled"], dl, { failed: [] });
    }
  }
}

/**
 * Refuses to delete a connection (dedicated or hosted) that still carries VBRs, naming them: Alibaba
 * refuses too (DependencyViolation.VirtualBorderRouter), and they are other resources' to delete.
 */
export async function refuseWhileVbrs(api: AlibabaClient, c: PhysicalConnection, gone: boolean, noun: string, advice: string, dl: number): Promise<void> {
  const id = c.PhysicalConnectionId;
  const vbrs = await api.describeVirtualBorderRoutersForPhysicalConnection(id, { deadline: dl }).catch((e) => (isNotFound(e) ? [] : Promise.reject(e)));
  if (vbrs.length && !gone) {
    throw apiError({ api: "alibaba", kind: "conflict", message: `${noun} ${id} still carries VBRs ${vbrs.map((x) => x.VbrId).join(", ")}: delete them first${advice}` });
  }
}

/**
 * The last steps of a delete, dedicated or hosted: an Enabled (or Terminating) connection is terminated
 * and waited for (`terminating` is the progress line), then DeletePhysicalConnection, then the wait until
 * Alibaba no longer lists it. Gone at any step (not found) is done.
 */
export async function terminateAndDelete(ctx: CallContext, api: AlibabaClient, c: PhysicalConnection, dl: number, terminating: (status: string) => [subject: string, message: string]): Promise<void> {
  const id = c.PhysicalConnectionId;
  try {
    if (c.Status === "Enabled" || c.Status === "Terminating") {
      ctx.progress(...terminating(c.Status));
      if (c.Status === "Enabled") await api.physicalConnectionAction("TerminatePhysicalConnection", id, { deadline: dl });
      await waitPhysicalConnection(ctx, id, ["Terminated"], dl, { failed: [] });
    }
    await api.physicalConnectionAction("DeletePhysicalConnection", id, { deadline: dl });
  } catch (err) {
    if (isNotFound(err)) return;
    throw err;
  }
  await waitPhysicalConnectionGone(ctx, id, dl);
}

export const physicalConnectionLifecycle: Lifecycle = kind.lifecycle({
  async create(inputs, ctx) {
    const api = alibabaClient(ctx);
    const { v, dl } = kind.operation(inputs, "create", ctx);
    return createRecorded<PhysicalConnection>({
      inputs,
      create: (created) => createOnce(ctx, api, v, identityOf(inputs), dl, created),
      finish: async (id) => {
        ctx.progress(`physical connection ${id}`, `created; driving it to ${v.desiredStatus}`);
        return toOutputs(await driveForward(ctx, api, id, v, dl), v);
      },
      // The read is best effort, within what is left of the deadline (one attempt once it has passed).
      now: (id) => ({ read: () => api.getPhysicalConnection(id, { deadline: dl }), unread: { ...pickKeys(v as Props, kind.keys), physicalConnectionId: id }, outputs: (c) => toOutputs(c, v), nextStep: RESUME_STEPS }),
    });
  },

  async read(id, props, ctx) {
    const c = await alibabaClient(ctx).readPhysicalConnection(id);
    if (isPhysicalConnectionGone(c)) return undefined;
    return kind.readBack(id, props, c, readBack);
  },

  async update(id, olds, news, ctx) {
    const api = alibabaClient(ctx);
    const { o, v, dl } = kind.change(olds, news, ctx);
    let c = await api.getPhysicalConnection(id, { deadline: dl });
    if (isPhysicalConnectionGone(c)) {
      throw apiError({ api: "alibaba", kind: "notFound", message: `physical connection ${id} no longer exists (${c?.Status ?? "not found"}); run \`pulumi refresh\` to drop it, then \`pulumi up\` to create it again` });
    }
    if (rank(v.desiredStatus) < rank(c.Status) && rank(c.Status) >= 0) {
      throw apiError({ api: "alibaba", kind: "invalid", message: `desiredStatus: physical connection ${id} is already ${c.Status}; a connection cannot go back to ${v.desiredStatus}` });
    }
    const params = modifyParams(o, v);
    const restricted = STATUS_RESTRICTED.filter((k) => params && (k === "bandwidth" ? "bandwidth" : k.charAt(0).toUpperCase() + k.slice(1)) in params);
    if (restricted.length && !MODIFIABLE_STATUSES.includes(c.Status ?? "")) {
      throw apiError({
        api: "alibaba",
        kind: "invalid",
        message: `${restricted.join(", ")}: Alibaba changes these only while the connection is ${MODIFIABLE_STATUSES.join(", ")} (physical connection ${id} is ${c.Status}); set desiredStatus to Enabled and run \`pulumi up\` again, or wait`,
      });
    }
    try {
      if (params && c.Status === "Allocating") {
        // Alibaba changes nothing while Allocating (InvalidStatus): wait until the port is allocated.
        ctx.progress(`physical connection ${id}`, "Allocating: waiting for it to end before modifying");
        c = (await waitPhysicalConnection(ctx, id, ["Allocated", "Confirmed", "Enabled"], dl)).value!;
      }
      if (params) {
        ctx.progress(`physical connection ${id}`, `modifying ${Object.keys(params).join(", ")}`);
        await api.modifyPhysicalConnection(id, params, { deadline: dl });
      }
      c = await driveForward(ctx, api, id, v, dl);
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs: news, read: () => api.getPhysicalConnection(id), last: c, outputs: (x) => toOutputs(x, o), nextStep: RETRY_UPDATE });
    }
    return { outs: toOutputs(c, v) };
  },

  async delete(id, props, ctx) {
    const api = alibabaClient(ctx);
    const { dl } = kind.operation(props, "delete", ctx);
    let c = await api.getPhysicalConnection(id, { deadline: dl });
    if (!c) return;
    await refuseWhileVbrs(api, c, isPhysicalConnectionGone(c), "physical connection", " (destroy the alibaba.VirtualBorderRouter resources, or delete them in the console)", dl);
    try {
      // Cancel is refused while Allocating (and Initial may turn into Allocating under our feet: cancel() waits then).
      if (c.Status === "Allocating") c = (await waitPhysicalConnection(ctx, id, ["Allocated", "Confirmed", "Enabled"], dl, { failed: [] })).value!;
      if (["Initial", "Approved", "Allocated", "Confirmed"].includes(c.Status ?? "")) {
        ctx.progress(`physical connection ${id}`, `${c.Status}: canceling`);
        await cancel(ctx, api, id, dl);
        c = (await waitPhysicalConnection(ctx, id, ["Canceled"], dl, { failed: [] })).value!;
      }
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await terminateAndDelete(ctx, api, c, dl, (status) => [`physical connection ${id}`, `${status}: terminating`]);
  },
});
