import type { CallContext } from "../core/context";
import { createOnceByLookup } from "../core/createOnce";
import { apiError, isApiError } from "../core/errors";
import { kindBasics, Lifecycle, Props } from "../core/lifecycle";
import { partialFailureNow, RESUME_CREATE, RETRY_UPDATE } from "../core/partialFailure";
import { registerSecret } from "../core/redact";
import { waitBudget, waitFor } from "../core/waiter";
import { formatFailures } from "../core/validation";
import { isGone as isConnectionGone } from "./connectionMapping";
import { fabricApi, routingApi } from "./http";
import type { FabricRoutingClient, FabricRoutingProtocol } from "./routingClient";
import {
  buildProtocolRequest,
  isProtocolGone,
  parseProtocolId,
  peerSubnetIssues,
  protocolId,
  protocolInputsFromVendor,
  protocolOutputs,
  protocolShows,
  protocolVerdict,
  readBackProtocolInputs,
  RoutingProtocolInputs,
  sameConnection,
  updateTable,
} from "./routingProtocolMapping";
import { waitProtocolGone, waitProtocolProvisioned } from "./routingWaiters";

const KIND = "fabric:RoutingProtocol";
/** Its inputs, default timeouts (the resource class's description states them) and update rules. */
const kind = kindBasics({ schema: RoutingProtocolInputs, timeouts: { create: "20m", update: "20m", delete: "20m" }, updateTable, deleteBeforeReplace: sameConnection });

/** Equinix's transient-state refusal of routing protocol changes (EQ-3041012). */
const isTransient = (err: unknown) => isApiError(err) && err.code === "EQ-3041012";

function protectSecrets(v: Partial<RoutingProtocolInputs> | Props): void {
  registerSecret(v.authenticationKey);
}

const label = (v: RoutingProtocolInputs) => `${v.type} routing protocol on connection ${v.connectionUuid}`;

/** Equinix statuses of a connection still being set up: routing cannot be configured yet. */
const CONNECTION_TRANSIENT = new Set(["PROVISIONING", "PENDING_AUTO_APPROVAL", "REPROVISIONING"]);

/**
 * Before anything is written: the connection exists and starts at a Fabric Cloud Router (waiting while
 * Equinix still provisions it); for a BGP, the DIRECT it names is on the same connection, PROVISIONED (a
 * DIRECT still provisioning is the transient state Fabric refuses a BGP in), and holds the peer addresses.
 */
async function prepare(ctx: CallContext, v: RoutingProtocolInputs, dl: number): Promise<void> {
  const fabric = fabricApi(ctx);
  const c = await fabric.getConnection(v.connectionUuid, { deadline: dl });
  if (!c || isConnectionGone(c)) {
    throw new Error(formatFailures(KIND, [{ property: "connectionUuid", reason: `connection ${v.connectionUuid} does not exist (or is deleted) for these credentials` }]));
  }
  const ap = c.aSide?.accessPoint;
  if (ap?.type !== "CLOUD_ROUTER" && !ap?.router?.uuid) {
    throw new Error(
      formatFailures(KIND, [{ property: "connectionUuid", reason: `connection ${v.connectionUuid} starts at ${ap?.type ?? "an unknown A side"}: routing protocols are configured on connections from a Fabric Cloud Router (aSide.cloudRouter)` }]),
    );
  }
  if (CONNECTION_TRANSIENT.has(c.operation?.equinixStatus ?? "")) {
    await waitFor({
      ...waitBudget(ctx, "equinix", dl),
      what: `connection ${v.connectionUuid} (before configuring its routing)`,
      poll: () => fabric.readConnection(v.connectionUuid),
      evaluate: (x) =>
        isConnectionGone(x)
          ? { failed: "the connection is being deleted", state: x.operation?.equinixStatus }
          : CONNECTION_TRANSIENT.has(x.operation?.equinixStatus ?? "")
            ? { done: false, state: x.operation?.equinixStatus ?? "UNKNOWN" }
            : { done: true },
    });
  }
  if (v.type !== "BGP") return;
  const api = routingApi(ctx);
  const directUuid = v.directRoutingProtocolUuid!;
  const d = await api.getRoutingProtocol(v.connectionUuid, directUuid, { deadline: dl });
  if (!d || isProtocolGone(d) || d.type !== "DIRECT") {
    const why = !d || isProtocolGone(d) ? "does not exist on this connection (or is being deleted)" : `is a ${d.type} routing protocol, not a DIRECT`;
    throw new Error(formatFailures(KIND, [{ property: "directRoutingProtocolUuid", reason: `routing protocol ${directUuid} ${why}: name the DIRECT routing protocol of connection ${v.connectionUuid}` }]));
  }
  let direct = d;
  if (d.state !== "PROVISIONED") {
    ctx.progress(label(v), `waiting for the DIRECT routing protocol ${directUuid} (${d.state}) before configuring BGP`);
    direct = (await waitProtocolProvisioned(ctx, v.connectionUuid, directUuid, dl, `DIRECT routing protocol ${directUuid}`)).value ?? d;
  }
  const issues = peerSubnetIssues(v, direct);
  if (issues.length) throw new Error(formatFailures(KIND, issues.map(([property, reason]) => ({ property, reason }))));
}

/**
 * The protocol of this type the lost create may have made: a connection holds one of each type, so one
 * that is there with our addresses is ours.
 */
async function findExisting(api: FabricRoutingClient, v: RoutingProtocolInputs, dl: number): Promise<FabricRoutingProtocol | undefined> {
  const all = await api.listRoutingProtocols(v.connectionUuid, { deadline: dl });
  return all.find((p) => p.type === v.type && !isProtocolGone(p) && sameAddresses(p, v));
}

function sameAddresses(p: FabricRoutingProtocol, v: RoutingProtocolInputs): boolean {
  return v.type === "DIRECT"
    ? p.directIpv4?.equinixIfaceIp === v.directIpv4?.equinixIfaceIp && p.directIpv6?.equinixIfaceIp === v.directIpv6?.equinixIfaceIp
    : p.bgpIpv4?.customerPeerIp === v.bgpIpv4?.customerPeerIp && p.bgpIpv6?.customerPeerIp === v.bgpIpv6?.customerPeerIp;
}

/** A protocol of this type already on the connection that is not ours: refused with what to do, before the POST. */
async function refuseTaken(api: FabricRoutingClient, v: RoutingProtocolInputs, dl: number): Promise<void> {
  const all = await api.listRoutingProtocols(v.connectionUuid, { deadline: dl });
  const there = all.find((p) => p.type === v.type && !isProtocolGone(p));
  if (there) {
    throw new Error(
      formatFailures(KIND, [
        {
          property: "type",
          reason: `connection ${v.connectionUuid} already has a ${v.type} routing protocol (${there.uuid}; a connection holds one of each type): adopt it with adoptId "${protocolId(v.connectionUuid, there.uuid)}", or delete it first`,
        },
      ]),
    );
  }
}

export const routingProtocolLifecycle: Lifecycle = kind.lifecycle({
  async create(inputs, ctx) {
    const api = routingApi(ctx);
    const { v, dl } = kind.operation(inputs, "create", ctx);
    protectSecrets(v);
    await prepare(ctx, v, dl);
    await refuseTaken(api, v, dl);
    // No idempotency key in Fabric: when the answer is lost, look it up before sending again.
    const created = await createOnceByLookup({
      what: label(v),
      post: () => api.createRoutingProtocol(v.connectionUuid, buildProtocolRequest(v), { deadline: dl }),
      find: () => findExisting(api, v, dl),
      idOf: (p) => p.uuid,
      progress: ctx.progress,
    });
    const id = protocolId(v.connectionUuid, created.uuid);
    ctx.progress(label(v), `created ${created.uuid}; waiting for Equinix to provision it`);
    try {
      const p = (await waitProtocolProvisioned(ctx, v.connectionUuid, created.uuid, dl, `${label(v)} (${created.uuid})`)).value ?? created;
      return { id, outs: protocolOutputs(p, v) };
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs, read: () => api.getRoutingProtocol(v.connectionUuid, created.uuid), last: created, outputs: (p) => protocolOutputs(p, v), nextStep: RESUME_CREATE });
    }
  },

  async read(id, props, ctx) {
    const api = routingApi(ctx);
    const stored = props.connectionUuid !== undefined && props.type !== undefined;
    const { connectionUuid, uuid } = parseProtocolId(id, stored ? String(props.connectionUuid) : undefined);
    const p = await api.getRoutingProtocol(connectionUuid, uuid);
    if (isProtocolGone(p)) return undefined;
    let old: RoutingProtocolInputs;
    if (stored) old = kind.inputs(props);
    else {
      // Read from the id alone (RoutingProtocol.get): a BGP depends on the DIRECT of its connection.
      const direct = p!.type === "BGP" ? (await api.listRoutingProtocols(connectionUuid)).find((x) => x.type === "DIRECT" && !isProtocolGone(x)) : undefined;
      old = protocolInputsFromVendor(p!, connectionUuid, direct?.uuid);
    }
    protectSecrets(old);
    protectSecrets({ authenticationKey: p!.bgpAuthKey });
    return { id: protocolId(connectionUuid, uuid), props: protocolOutputs(p!, old), inputs: readBackProtocolInputs(p!, old) };
  },

  async update(id, olds, news, ctx) {
    const api = routingApi(ctx);
    const { v, dl } = kind.operation(news, "update", ctx);
    protectSecrets(v);
    protectSecrets(olds);
    const { connectionUuid, uuid } = parseProtocolId(id, v.connectionUuid);
    let current = await api.getRoutingProtocol(connectionUuid, uuid, { deadline: dl });
    if (isProtocolGone(current)) {
      throw apiError({ api: "equinix", kind: "notFound", message: `routing protocol ${uuid} of connection ${connectionUuid} no longer exists; run \`pulumi refresh\` to drop it from the state, then \`pulumi up\` to create it again` });
    }
    try {
      // A create that failed while waiting (init errors) resumes here.
      const verdict = protocolVerdict(current!);
      if (!("done" in verdict && verdict.done)) current = (await waitProtocolProvisioned(ctx, connectionUuid, uuid, dl, `${label(v)} (${uuid})`)).value ?? current;
      // Sent when the program changed something, or when Fabric does not show the program's values.
      if (kind.diff(id, olds, news).changes || !protocolShows(current!, v)) {
        if (v.type === "BGP") await prepare(ctx, v, dl);
        ctx.progress(label(v), `replace ${uuid} (PUT)`);
        try {
          current = await api.replaceRoutingProtocol(connectionUuid, uuid, buildProtocolRequest(v), { deadline: dl });
        } catch (err) {
          // A PUT whose answer was lost is sent again by the HTTP client; Fabric then refuses it (the
          // protocol is REPROVISIONING). The protocol showing the new values means the first one was applied.
          const seen = isTransient(err) ? await api.getRoutingProtocol(connectionUuid, uuid, { deadline: dl }) : undefined;
          if (!seen || !protocolShows(seen, v)) throw err;
          current = seen;
        }
        current = (await waitProtocolProvisioned(ctx, connectionUuid, uuid, dl, `update of ${label(v)} (${uuid})`)).value ?? current;
      }
    } catch (err) {
      throw await partialFailureNow(err, { id, inputs: news, read: () => api.getRoutingProtocol(connectionUuid, uuid), last: current!, outputs: (p) => protocolOutputs(p, kind.inputs(olds)), nextStep: RETRY_UPDATE });
    }
    return { outs: protocolOutputs(current!, v) };
  },

  async delete(id, props, ctx) {
    const api = routingApi(ctx);
    const { v, dl } = kind.operation(props, "delete", ctx);
    const { connectionUuid, uuid } = parseProtocolId(id, v.connectionUuid);
    for (let attempt = 1; ; attempt++) {
      try {
        // "gone": the protocol (or its connection) no longer exists.
        await api.deleteRoutingProtocol(connectionUuid, uuid, { deadline: dl });
        break;
      } catch (err) {
        if (!isTransient(err) || attempt >= 3) throw err;
        // A DELETE sent again after a lost answer finds the protocol DEPROVISIONING; one still
        // provisioning (a create that failed while waiting), or another protocol of the connection
        // changing, is waited for before deleting.
        const p = await api.getRoutingProtocol(connectionUuid, uuid, { deadline: dl });
        if (isProtocolGone(p)) break;
        ctx.progress(label(v), `${p!.state}: waiting for the connection's routing to settle before deleting ${uuid}`);
        await waitProtocolProvisioned(ctx, connectionUuid, uuid, dl, `routing protocol ${uuid}`);
        await waitSettled(ctx, api, connectionUuid, dl);
      }
    }
    await waitProtocolGone(ctx, connectionUuid, uuid, dl);
  },
});

/** Until no routing protocol of the connection is in a transient state (Fabric refuses deletes then). */
async function waitSettled(ctx: CallContext, api: FabricRoutingClient, connectionUuid: string, dl: number): Promise<void> {
  await waitFor({
    ...waitBudget(ctx, "equinix", dl),
    what: `routing of connection ${connectionUuid}`,
    poll: () => api.listRoutingProtocols(connectionUuid),
    evaluate: (all) => {
      const busy = all.find((p) => ["PROVISIONING", "REPROVISIONING", "DEPROVISIONING"].includes(p.state ?? ""));
      return busy ? { done: false, state: `${busy.type} ${busy.uuid} ${busy.state}` } : { done: true };
    },
  });
}
