import type { CallContext } from "../core/context";
import { createOnceByLookup } from "../core/createOnce";
import { apiError, isApiError } from "../core/errors";
import { kindBasics, Lifecycle } from "../core/lifecycle";
import { partialFailureNow, RESUME_CREATE, RETRY_UPDATE } from "../core/partialFailure";
import type { SearchCondition } from "./client";
import {
  buildRouterRequest,
  CloudRouterInputs,
  isRouterGone,
  readBackRouterInputs,
  routerInputsFromVendor,
  routerOutputs,
  routerPatch,
  routerShows,
  routerVerdict,
  updateTable,
} from "./cloudRouterMapping";
import { routingApi } from "./http";
import type { FabricRouter, FabricRoutingClient } from "./routingClient";
import { waitRouterGone, waitRouterReady } from "./routingWaiters";

/** Its inputs, default timeouts (the resource class's description states them) and update rules. */
const kind = kindBasics({ schema: CloudRouterInputs, timeouts: { create: "20m", update: "20m", delete: "20m" }, updateTable });

/**
 * A router this create may already have made (its answer was lost): Fabric's router search by name, metro
 * and project (the project filter is mandatory in that search), not being deleted.
 */
async function findExisting(api: FabricRoutingClient, v: CloudRouterInputs, dl: number): Promise<FabricRouter | undefined> {
  const conditions: SearchCondition[] = [
    { property: "/project/projectId", operator: "=", values: [v.projectId] },
    { property: "/name", operator: "=", values: [v.name] },
    { property: "/location/metroCode", operator: "=", values: [v.metroCode] },
  ];
  for await (const r of api.searchRouters(conditions, { deadline: dl })) {
    if (!isRouterGone(r) && r.name === v.name && r.package?.code === v.packageCode) return r;
  }
  return undefined;
}

/** A failure Fabric answers when the router is in a transient state (PROVISIONING, a change REQUESTED ...). */
const isTransient = (err: unknown) => isApiError(err) && err.code === "EQ-3040030";

export const cloudRouterLifecycle: Lifecycle = kind.lifecycle({
  async create(inputs, ctx) {
    const api = routingApi(ctx);
    const { v, dl } = kind.operation(inputs, "create", ctx);
    // No idempotency key in Fabric: when the answer is lost, look the router up before sending again.
    const created = await createOnceByLookup({
      what: `Fabric Cloud Router ${v.name}`,
      post: () => api.createRouter(buildRouterRequest(v), { deadline: dl }),
      find: () => findExisting(api, v, dl),
      idOf: (r) => r.uuid,
      progress: ctx.progress,
    });
    const id = created.uuid;
    ctx.progress(`Fabric Cloud Router ${v.name}`, `created ${id}; waiting for Equinix to provision it`);
    try {
      const r = (await waitRouterReady(ctx, id, dl)).value ?? created;
      return { id, outs: routerOutputs(r, v) };
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs, read: () => api.getRouter(id), last: created, outputs: (r) => routerOutputs(r, v), nextStep: RESUME_CREATE });
    }
  },

  async read(id, props, ctx) {
    const r = await routingApi(ctx).getRouter(id);
    if (isRouterGone(r)) return undefined;
    // The inputs of a state (or of a program adopting it), or, read from the id alone, those a program would write.
    const old = props.name !== undefined && props.metroCode !== undefined ? kind.inputs(props) : routerInputsFromVendor(r!);
    return { id, props: routerOutputs(r!, old), inputs: readBackRouterInputs(r!, old) };
  },

  async update(id, olds, news, ctx) {
    const api = routingApi(ctx);
    const { v, dl } = kind.operation(news, "update", ctx);
    let current = await api.getRouter(id, { deadline: dl });
    if (isRouterGone(current)) {
      throw apiError({ api: "equinix", kind: "notFound", message: `Fabric Cloud Router ${id} no longer exists; run \`pulumi refresh\` to drop it from the state, then \`pulumi up\` to create it again` });
    }
    try {
      // A create that failed while waiting (init errors), or a change still running, finishes first.
      const verdict = routerVerdict(current!);
      if (!("done" in verdict && verdict.done)) current = (await waitRouterReady(ctx, id, dl)).value ?? current;
      const ops = routerPatch(olds as Partial<CloudRouterInputs>, v);
      if (ops.length) {
        ctx.progress(`Fabric Cloud Router ${id}`, ops.map((o) => `${o.op} ${o.path}`).join(", "));
        try {
          current = await api.patchRouter(id, ops, { deadline: dl });
        } catch (err) {
          // A PATCH whose answer was lost is sent again by the HTTP client; Fabric then refuses it (a change
          // is running). The router showing the new values means the first one was applied.
          const seen = isTransient(err) ? await api.getRouter(id, { deadline: dl }) : undefined;
          if (!seen || !routerShows(seen, v)) throw err;
          current = seen;
        }
        current = (await waitRouterReady(ctx, id, dl, `update of Fabric Cloud Router ${id}`)).value ?? current;
      }
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs: news, read: () => api.getRouter(id), last: current!, outputs: (r) => routerOutputs(r, kind.inputs(olds)), nextStep: RETRY_UPDATE });
    }
    return { outs: routerOutputs(current!, v) };
  },

  async delete(id, props, ctx) {
    const { dl } = kind.operation(props, "delete", ctx);
    await deleteRouter(ctx, routingApi(ctx), id, dl);
  },
});

/**
 * DELETE, then wait until DEPROVISIONED. A router still provisioning (a create that failed while waiting)
 * or changing is waited for first; a DELETE sent again after a lost answer finds it DEPROVISIONING and
 * waits. Fabric refuses to delete a router that still has connections: that error is passed on as it is.
 */
async function deleteRouter(ctx: CallContext, api: FabricRoutingClient, id: string, dl: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await api.deleteRouter(id, { deadline: dl });
      break;
    } catch (err) {
      if (!isTransient(err) || attempt >= 3) throw err;
      const r = await api.getRouter(id, { deadline: dl });
      if (!r || r.state === "DEPROVISIONING" || r.state === "DEPROVISIONED") break;
      ctx.progress(`Fabric Cloud Router ${id}`, `${r.state}: waiting for it to settle before deleting it`);
      await waitRouterReady(ctx, id, dl);
    }
  }
  await waitRouterGone(ctx, id, dl);
}
