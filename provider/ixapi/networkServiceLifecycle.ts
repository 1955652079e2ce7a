import { apiError } from "../core/errors";
import { kindBasics, Lifecycle } from "../core/lifecycle";
import { partialFailureNow, RESUME_CREATE } from "../core/partialFailure";
import { registerSecret } from "../core/redact";
import { identityOf } from "../core/resourceInputs";
import { IxapiClient, ixapiClient, NetworkService } from "./client";
import { networkServiceFromVendor } from "./fromVendor";
import { identityExternalRef, IXAPI_TIMEOUTS, StatefulObject, updateStateful, withDefaultExternalRef } from "./common";
import { acceptedVerdict, buildServiceRequest, isNetworkServiceGone, mergePatch, NetworkServiceInputs, offeringIssues, readBackInputs, toOutputs, updateTable } from "./networkServiceMapping";
import { waitDecommissioned, waitStateful } from "./waiters";

/** Its inputs (null stored values are unset), default timeouts and update rules. */
const kind = kindBasics({ schema: NetworkServiceInputs, timeouts: IXAPI_TIMEOUTS, updateTable, dropNull: true });
/** The service as the shared update and waits read it. */
const SERVICE: StatefulObject<NetworkService> = { noun: "network service", get: (api, id, deadline) => api.getNetworkService(id, { deadline }), read: (api, id) => api.readNetworkService(id), isGone: isNetworkServiceGone };

async function checkOffering(api: IxapiClient, v: NetworkServiceInputs, dl: number): Promise<void> {
  const o = await api.getProductOffering(v.productOffering, { deadline: dl });
  const issues = offeringIssues(v, o);
  if (issues.length) throw apiError({ api: "ixapi", kind: "invalid", message: `the request does not fit the product offering:\n  ${issues.join("\n  ")}` });
}

export const networkServiceLifecycle: Lifecycle = kind.lifecycle({
  check: withDefaultExternalRef(kind, (v, news, olds) =>
    identityExternalRef("ns", identityOf(news), [v.productOffering, v.managingAccount, v.consumingAccount, v.billingAccount, v.cloudKey], olds),
  ),

  async create(inputs, ctx) {
    const api = ixapiClient(ctx);
    const { v, dl } = kind.operation(inputs, "create", ctx);
    registerSecret(v.cloudKey);
    await checkOffering(api, v, dl);
    const created = await api.createNetworkService(buildServiceRequest(v), { deadline: dl, progress: ctx.progress });
    const id = created.id;
    ctx.progress(`network service ${id}`, `requested; waiting for the exchange to allocate it (it reaches production once a config exists for every handover)`);
    let last = created;
    try {
      last = (await waitStateful(ctx, SERVICE, id, `network service ${id}`, dl, acceptedVerdict)).value ?? created;
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs, read: () => api.getNetworkService(id), last, outputs: (x) => toOutputs(x, v), nextStep: RESUME_CREATE });
    }
    return { id, outs: toOutputs(last, v) };
  },

  async read(id, props, ctx) {
    registerSecret(props.cloudKey);
    const s = await ixapiClient(ctx).readNetworkService(id);
    if (!s || isNetworkServiceGone(s)) return undefined;
    // Read from the id alone (NetworkService.get): the inputs a program would write.
    const old = props.productOffering !== undefined ? kind.inputs(props) : networkServiceFromVendor(s);
    registerSecret(old.cloudKey);
    return { id, props: toOutputs(s, old), inputs: readBackInputs(s, old) };
  },

  async update(id, olds, news, ctx) {
    const api = ixapiClient(ctx);
    const { v, dl } = kind.operation(news, "update", ctx);
    registerSecret(v.cloudKey);
    const patch = mergePatch(kind.inputs(olds), v);
    const applied = (s: NetworkService) => (s.state === "production_change_pending" ? { done: false, state: s.state } : acceptedVerdict(s));
    return updateStateful(
      SERVICE,
      api,
      {
        id,
        news,
        patch,
        check: async () => (patch.capacity !== undefined ? checkOffering(api, v, dl) : undefined),
        send: (p) => api.patchNetworkService(id, p, { deadline: dl }),
        wait: async () => (await waitStateful(ctx, SERVICE, id, `network service ${id}`, dl, applied)).value,
        outputs: (s) => toOutputs(s, v),
      },
      dl,
    );
  },

  async delete(id, props, ctx) {
    const api = ixapiClient(ctx);
    const { v, dl } = kind.operation(props, "delete", ctx);
    const current = await api.getNetworkService(id, { deadline: dl });
    if (!current || isNetworkServiceGone(current)) return;
    if (current.state === "decommission_requested") {
      if (v.decommissionAt) return;
    } else if (v.decommissionAt) {
      const policy = await api.getCancellationPolicy(id, v.decommissionAt, { deadline: dl });
      if (policy.decommission_at > v.decommissionAt) {
        throw apiError({ api: "ixapi", kind: "invalid", message: `decommissionAt ${v.decommissionAt} is before the earliest date the cancellation policy allows, ${policy.decommission_at}; set decommissionAt to ${policy.decommission_at} or later (charged until ${policy.charged_until}), or remove it to decommission now` });
      }
      const s = await api.deleteNetworkService(id, v.decommissionAt, { deadline: dl });
      ctx.progress(`network service ${id}`, `decommission scheduled for ${s?.decommission_at ?? v.decommissionAt}, charged until ${s?.charged_until ?? policy.charged_until}`);
      return;
    } else {
      const s = await api.deleteNetworkService(id, undefined, { deadline: dl });
      if (!s) return;
    }
    await waitDecommissioned(ctx, SERVICE, id, dl);
  },
});
