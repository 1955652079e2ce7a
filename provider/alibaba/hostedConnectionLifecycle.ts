import type { CallContext } from "../core/context";
import { diffByTable } from "../core/diff";
import { apiError, isNotFound, noLongerExists } from "../core/errors";
import { kindBasics, Lifecycle, pickKeys, Props } from "../core/lifecycle";
import { partialFailureNow } from "../core/partialFailure";
import { AlibabaClient, alibabaClient, PhysicalConnection } from "./client";
import { hasInputs, hostedConnectionFromVendor } from "./fromVendor";
import { HC_INPUT_KEYS, HostedConnectionInputs, identifiedBy, isHostedGone, readBackInputs, toOutputs, updateTable, userInputKeys } from "./hostedConnectionMapping";
import { refuseWhileVbrs, terminateAndDelete } from "./physicalConnectionLifecycle";
import { waitHostedConnectionAppears, waitPhysicalConnection } from "./waiters";

/** Its inputs, default timeouts (the resource class's description states them) and update rules. */
const kind = kindBasics({ schema: HostedConnectionInputs, timeouts: { create: "60m", update: "30m", delete: "30m" }, updateTable });

function describe(v: HostedConnectionInputs): string {
  if (v.physicalConnectionId) return `hosted connection ${v.physicalConnectionId}`;
  return v.parentPhysicalConnectionId ? `hosted connection on ${v.parentPhysicalConnectionId} VLAN ${v.vlanId}` : `hosted connection with VLAN ${v.vlanId}`;
}

/**
 * Finds the hosted connection by id, or by VLAN (and parent, when given); undefined while it has not
 * appeared. By VLAN alone, two hosted connections with that VLAN in the region (from two partners, or two
 * parents of one) cannot be told apart: that fails naming them, rather than accepting the wrong one.
 */
async function find(api: AlibabaClient, v: HostedConnectionInputs, dl: number): Promise<PhysicalConnection | undefined> {
  if (v.physicalConnectionId) {
    const c = await api.getPhysicalConnection(v.physicalConnectionId, { deadline: dl });
    return c && !isHostedGone(c) ? c : undefined;
  }
  const list = await api.describePhysicalConnections({ ProductType: ["VirtualPhysicalConnection"] }, { deadline: dl });
  const found = list.filter((c) => (v.parentPhysicalConnectionId === undefined || c.ParentPhysicalConnectionId === v.parentPhysicalConnectionId) && Number(c.VlanId) === v.vlanId && !isHostedGone(c));
  if (found.length > 1) {
    throw apiError({
      api: "alibaba",
      kind: "invalid",
      message:
        `vlanId: ${found.length} hosted connections in region ${api.region} carry VLAN ${v.vlanId} (${found.map((c) => `${c.PhysicalConnectionId} on parent ${c.ParentPhysicalConnectionId ?? "?"}`).join(", ")}): ` +
        `set parentPhysicalConnectionId to the partner's parent connection of the one to accept`,
    });
  }
  return found[0];
}

/**
 * Waits until the partner's hosted connection appears in this account, in the provider's region (the
 * only one DescribePhysicalConnections searches). A `sellerRegion` other than that region fails at once:
 * the connection would appear in the other region, never in this one, and the wait would last the whole
 * create timeout.
 */
async function waitAppears(ctx: CallContext, api: AlibabaClient, v: HostedConnectionInputs, dl: number): Promise<PhysicalConnection> {
  const region = api.region;
  // Where the region came from: the resource's own `region`, or the stack's alicloud:region.
  const from = ctx.config.scope?.region !== undefined ? "the resource's region" : "alicloud:region";
  if (v.sellerRegion !== undefined && v.sellerRegion !== region) {
    throw apiError({
      api: "alibaba",
      kind: "invalid",
      message:
        `sellerRegion: the partner's connection is in ${v.sellerRegion} (the Fabric connection's seller region), but this provider searches ${region} (${from}): ` +
        `${describe(v)} can never appear there. Give this resource region: "${v.sellerRegion}", or set alicloud:region to ${v.sellerRegion} (pulumi config set alicloud:region ${v.sellerRegion}), or connect to a metro whose seller region is ${region}`,
    });
  }
  const names = v.sellerRegion !== undefined ? `, the region the Fabric connection names` : "; if the partner creates it in another region, give this resource that region";
  return waitHostedConnectionAppears(
    ctx,
    `${describe(v)} to appear in this account in region ${region} (${from})`,
    `searched region ${region}${names}; the partner (Equinix) creates it once its side is provisioned`,
    dl,
    () => find(api, v, dl),
  );
}

/** Accepts (Confirm, then the optional payment) and waits until Enabled. */
async function accept(ctx: CallContext, api: AlibabaClient, c: PhysicalConnection, v: HostedConnectionInputs, dl: number): Promise<PhysicalConnection> {
  const id = c.PhysicalConnectionId;
  if (c.VpconnStatus === "UnConfirmed" || c.Status === "Allocated") {
    ctx.progress(`hosted connection ${id}`, "accepting (ConfirmPhysicalConnection)");
    await api.physicalConnectionAction("ConfirmPhysicalConnection", id, { deadline: dl });
  }
  if (v.payment) {
    ctx.progress(`hosted connection ${id}`, `paying: occupancy order, ${v.payment.period} ${v.payment.pricingCycle}`);
    await api.createOccupancyOrder(id, v.payment, { deadline: dl });
  }
  return (await waitPhysicalConnection(ctx, id, ["Enabled"], dl, { what: `hosted connection ${id} to be Enabled` })).value!;
}

export const hostedConnectionLifecycle: Lifecycle = kind.lifecycle({
  diff(_id, olds, news) {
    // The identifying inputs the user left out are filled in as outputs once found: compare only those given.
    const table = { ...updateTable };
    for (const k of ["physicalConnectionId", "parentPhysicalConnectionId", "vlanId"]) if (news[k] === undefined) table[k] = "ignore";
    return diffByTable(table, olds, news);
  },

  async create(inputs, ctx) {
    const api = alibabaClient(ctx);
    const { v, dl } = kind.operation(inputs, "create", ctx);
    let c = await waitAppears(ctx, api, v, dl);
    const id = c.PhysicalConnectionId;
    if (!v.accept) {
      ctx.progress(`hosted connection ${id}`, "found; not accepting it (accept: false): accept it in the Alibaba console (Accept and Pay) or set accept: true");
      return { id, outs: toOutputs(c, v) };
    }
    try {
      c = await accept(ctx, api, c, v, dl);
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs, read: () => api.getPhysicalConnection(id), last: c, outputs: (x) => toOutputs(x, v), nextStep: "run `pulumi up` again to resume, or `pulumi destroy` to terminate and delete it" });
    }
    return { id, outs: toOutputs(c, v) };
  },

  async read(id, props, ctx) {
    const c = await alibabaClient(ctx).readPhysicalConnection(id);
    if (isHostedGone(c)) return undefined;
    // Read from the id alone (HostedConnection.get): named by its id.
    const stored = hasInputs(props, ["physicalConnectionId", "parentPhysicalConnectionId"]);
    const old = stored ? kind.inputs(props) : hostedConnectionFromVendor(c!);
    const by = identifiedBy(stored ? props : old);
    const inputs = readBackInputs(c!, old);
    return { id, props: toOutputs(c!, inputs, by), inputs: pickKeys(inputs as Props, userInputKeys(by)) };
  },

  async update(id, olds, news, ctx) {
    const api = alibabaClient(ctx);
    const { v, dl } = kind.operation(news, "update", ctx);
    let c = await api.getPhysicalConnection(id, { deadline: dl });
    if (isHostedGone(c)) throw noLongerExists("alibaba", `hosted connection ${id}`);
    if (!v.accept && c!.VpconnStatus === "Confirmed") {
      throw apiError({ api: "alibaba", kind: "invalid", message: `accept: hosted connection ${id} is already accepted; it cannot be un-accepted (destroy it instead)` });
    }
    if (v.accept && c!.Status !== "Enabled") {
      try {
        c = await accept(ctx, api, c!, v, dl);
      } catch (err) {
        throw await partialFailureNow(err, { id, inputs: news, read: () => api.getPhysicalConnection(id), last: c!, outputs: (x) => toOutputs(x, kind.inputs(olds)), nextStep: "run `pulumi up` again to retry" });
      }
    }
    return { outs: toOutputs(c!, v) };
  },

  async delete(id, props, ctx) {
    const api = alibabaClient(ctx);
    const { v, dl } = kind.operation(props, "delete", ctx);
    let c = await api.getPhysicalConnection(id, { deadline: dl });
    if (!c) return;
    await refuseWhileVbrs(api, c, isHostedGone(c), "hosted connection", "", dl);
    try {
      // A Confirmed connection is on its way to Enabled: it is terminated from there.
      if (c.Status === "Confirmed") c = (await waitPhysicalConnection(ctx, id, ["Enabled"], dl, { failed: [] })).value!;
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await terminateAndDelete(ctx, api, c, dl, () => [`hosted connection ${id}`, "terminating, then deleting; the partner (Equinix) deprovisions its side once it is deleted"]);
  },
});
