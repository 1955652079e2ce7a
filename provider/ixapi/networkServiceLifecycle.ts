import type { CallContext } from "../core/context";
import { apiError } from "../core/errors";
import { diffByTable } from "../core/diff";
import { Lifecycle, pickKeys, Props, storedInputs } from "../core/lifecycle";
import { partialFailure } from "../core/partialFailure";
import { registerSecret } from "../core/redact";
import { checkInputs } from "../core/validation";
import { identityOf } from "../core/resourceInputs";
import { IxapiClient, ixapiClient } from "./client";
import { networkServiceFromVendor } from "./fromVendor";
import { deadline, identityExternalRef } from "./common";
import { acceptedVerdict, buildServiceRequest, isNetworkServiceGone, mergePatch, NetworkServiceInputs, offeringIssues, readBackInputs, toOutputs, updateTable } from "./networkServiceMapping";
import { waitGone, waitService } from "./waiters";

const KEYS = Object.keys(NetworkServiceInputs.shape);

/** Stored outputs back to typed inputs, parsed by the schema; null values are left out like undefined ones. */
function asInputs(props: Props): NetworkServiceInputs {
  return storedInputs(NetworkServiceInputs, pickKeys(props, KEYS, { dropNull: true }), KEYS);
}

async function checkOffering(api: IxapiClient, v: NetworkServiceInputs, dl: number): Promise<void> {
  const o = await api.getProductOffering(v.productOffering, { deadline: dl });
  const issues = offeringIssues(v, o);
  if (issues.length) throw apiError({ api: "ixapi", kind: "invalid", message: `the request does not fit the product offering:\n  ${issues.join("\n  ")}` });
}

export const networkServiceLifecycle: Lifecycle = {
  check(olds, news) {
    const r = checkInputs(NetworkServiceInputs, news);
    if (!r.failures.length && !(r.inputs as Props).externalRef) {
      const v = r.inputs as NetworkServiceInputs;
      (r.inputs as Props).externalRef = identityExternalRef("ns", identityOf(news), [v.productOffering, v.managingAccount, v.consumingAccount, v.billingAccount, v.cloudKey], olds);
    }
    return r;
  },

  diff(_id, olds, news) {
    return diffByTable(updateTable, olds, news);
  },

  async create(inputs, ctx) {
    const api = ixapiClient(ctx);
    const v = asInputs(inputs);
    registerSecret(v.cloudKey);
    const dl = deadline(v.timeouts, "create", ctx.clock);
    await checkOffering(api, v, dl);
    const created = await api.createNetworkService(buildServiceRequest(v), { deadline: dl, progress: ctx.progress });
    const id = created.id;
    ctx.progress(`network service ${id}`, `requested; waiting for the exchange to allocate it (it reaches production once a config exists for every handover)`);
    let last = created;
    try {
      last = (await waitService(ctx, id, `network service ${id}`, dl, acceptedVerdict)).value ?? created;
    } catch (err) {
      const current = (await api.getNetworkService(id).catch(() => undefined)) ?? last;
      throw partialFailure(id, inputs, toOutputs(current, v), err, "run `pulumi up` again to resume waiting, or `pulumi destroy` to remove it");
    }
    return { id, outs: toOutputs(last, v) };
  },

  async read(id, props, ctx) {
    registerSecret(props.cloudKey);
    const s = await ixapiClient(ctx).readNetworkService(id);
    if (!s || isNetworkServiceGone(s)) return undefined;
    // Read from the id alone (NetworkService.get): the inputs a program would write.
    const old = props.productOffering !== undefined ? asInputs(props) : networkServiceFromVendor(s);
    registerSecret(old.cloudKey);
    return { id, props: toOutputs(s, old), inputs: readBackInputs(s, old) };
  },

  async update(id, olds, news, ctx) {
    const api = ixapiClient(ctx);
    const v = asInputs(news);
    registerSecret(v.cloudKey);
    const dl = deadline(v.timeouts, "update", ctx.clock);
    const current = await api.getNetworkService(id, { deadline: dl });
    if (!current || isNetworkServiceGone(current) || current.state === "decommission_requested") {
      throw apiError({ api: "ixapi", kind: "notFound", message: `network service ${id} no longer exists (or is being decommissioned); run \`pulumi refresh\` to drop it from the state, then \`pulumi up\` to create it again` });
    }
    const patch = mergePatch(asInputs(olds), v);
    try {
      if (patch.capacity !== undefined) await checkOffering(api, v, dl);
      let last = current;
      if (Object.keys(patch).length) last = await api.patchNetworkService(id, patch, { deadline: dl });
      // Also resumes a create that failed while waiting.
      last = (await waitService(ctx, id, `network service ${id}`, dl, (s) => (s.state === "production_change_pending" ? { done: false, state: s.state } : acceptedVerdict(s)))).value ?? last;
      return { outs: toOutputs(last, v) };
    } catch (err) {
      const now = (await api.getNetworkService(id).catch(() => undefined)) ?? current;
      throw partialFailure(id, news, toOutputs(now, v), err);
    }
  },

  async delete(id, props, ctx) {
    const api = ixapiClient(ctx);
    const v = asInputs(props);
    const dl = deadline(v.timeouts, "delete", ctx.clock);
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
    await waitGone(ctx, `decommission of network service ${id}`, dl, () => api.readNetworkService(id), isNetworkServiceGone);
  },
};
