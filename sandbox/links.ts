import type { SandboxContext } from "./core/api";
import type { BgpSpeaker } from "./core/bgp";
import { ALIBABA_EVENTS, type AlibabaWorld, type HostedEvent } from "./alibaba/world";
import type { IpVersion } from "./alibaba/bgp";
import type { PcRecord, VbrRecord } from "./alibaba/model";
import { EQUINIX_EVENTS, type ProfileConnectionCreatedEvent, type ProfileConnectionDeletedEvent } from "./equinix/world";
import { IXAPI_EVENTS, type CloudServiceDecommissionedEvent, type CloudServiceProductionEvent } from "./ixapi/model";

/**
 * The cross-vendor links of the simulated world, in one place. Each vendor's slice knows only its own API
 * and emits events on `world.events`; these listeners carry the effects across, as the vendors'
 * integrations do:
 *
 * - Equinix -> seller: a Fabric connection to a service profile whose seller the sandbox simulates
 *   (`profile.seller.api`) reaches the seller when Fabric sends it (`sentAt`). For Alibaba a hosted
 *   connection appears in the account named by the authentication key, and its id becomes the Fabric
 *   connection's providerConnectionId; deleting the Fabric connection (API or portal) withdraws it.
 * - Alibaba -> Equinix: confirming the hosted connection provisions the Fabric side; deleting it (not
 *   merely terminating it) deprovisions Fabric, as Equinix's "Connect to Alibaba Cloud" guide says.
 * - IX-API -> seller: a cloud_vc service to an offering whose provider the sandbox simulates
 *   (IXAPI_PROVIDER_APIS) makes one hosted connection per handover appear in the account named by the
 *   cloud key once the service reaches production; decommissioning the service withdraws them.
 * - BGP sessions across a Fabric connection (bgpRemoteEnd, alibabaSessionProbe): a VBR on a hosted
 *   connection Fabric sent peers with the Fabric Cloud Router's BGP routing protocol on that connection.
 *   Each side computes the session from both ends (sandbox/core/bgp.ts): Alibaba's BgpStatus from its
 *   peer and the router's end, Fabric's operationalStatus UP exactly when that BgpStatus is Established.
 */

/** What a simulated seller does when a partner (Equinix, an exchange) sends or withdraws a connection. */
interface SellerLink {
  /** Fabric sent a connection to the seller: returns the seller's id of it (providerConnectionId) */
  fromFabric(ctx: SandboxContext, e: ProfileConnectionCreatedEvent): string;
  /** an exchange's cloud service reached production */
  fromExchange(ctx: SandboxContext, e: CloudServiceProductionEvent): void;
  /** the partner's object is gone: the seller's side follows */
  withdraw(ctx: SandboxContext, partner: { api: string; ref: string }): void;
}

const alibaba = (ctx: SandboxContext): AlibabaWorld => ctx.world.alibaba;

/** The sellers the sandbox simulates, by the name of their API (`profile.seller.api`). */
const SELLERS: Record<string, SellerLink> = {
  alibaba: {
    fromFabric: (ctx, e) =>
      alibaba(ctx).createHosted({
        owner: e.authenticationKey,
        region: e.sellerRegion,
        vlan: e.vlan,
        bandwidth: e.bandwidth,
        name: e.name,
        partner: { api: "equinix", ref: e.uuid },
        visibleAt: e.sentAt,
      }).id,
    // As Equinix does for its own connections, the exchange creates one hosted connection per handover, on
    // its parent connection at the Alibaba access point that serves the handover's pop.
    fromExchange(ctx, e) {
      for (const h of e.handovers) {
        if (h.vlan === null) continue;
        alibaba(ctx).createHosted({
          owner: e.cloudKey,
          region: e.region,
          accessPointId: IXAPI_POP_ACCESS_POINTS[h.pop],
          vlan: h.vlan,
          bandwidth: e.capacity ?? 50,
          name: `ixapi-${e.serviceId}-h${h.handover}`,
          partner: { api: "ixapi", ref: e.serviceId },
          visibleAt: e.productionAt,
        });
      }
    },
    withdraw: (ctx, partner) => alibaba(ctx).hostedFor(partner).forEach((pc) => alibaba(ctx).withdrawHosted(pc)),
  },
};

/** The exchange's pops -> the Alibaba access point (in the offering's region) where its parent connection for that pop lands. */
export const IXAPI_POP_ACCESS_POINTS: Record<string, string> = { "pop:FRA5-A": "ap-de-fra-ixn-a", "pop:FRA7-B": "ap-de-fra-ixn-b" };

/** IX-API offerings' `service_provider` -> the simulated seller's API. */
export const IXAPI_PROVIDER_APIS: Record<string, string> = { Alibaba: "alibaba" };

/** Runs one link; a failure is reported and does not break the change that caused it. */
function guarded<E>(what: string, fn: (e: E) => void): (e: E) => void {
  return (e) => {
    try {
      fn(e);
    } catch (err) {
      process.stderr.write(`sandbox links: ${what} failed: ${(err as Error).message}\n`);
    }
  };
}

/** Subscribes the links to the world's events (startSandbox calls it once every slice exists). */
export function linkWorlds(ctx: SandboxContext): void {
  const { events, world } = ctx;
  linkBgpSessions(ctx);
  const seller = (api: string | undefined) => (api !== undefined && world[api] !== undefined ? SELLERS[api] : undefined);

  events.on(
    EQUINIX_EVENTS.profileConnectionCreated,
    guarded("equinix -> seller (new connection)", (e: ProfileConnectionCreatedEvent) => {
      const s = seller(e.profile.seller.api);
      if (s) world.equinix.setProviderConnectionId(e.uuid, s.fromFabric(ctx, e));
    }),
  );
  events.on(
    EQUINIX_EVENTS.profileConnectionDeleted,
    guarded("equinix -> seller (deleted connection)", (e: ProfileConnectionDeletedEvent) => {
      // Deprovisioning the seller caused (by: "provider") needs nothing more on the seller's side.
      if (e.by !== "provider") seller(e.profile.seller.api)?.withdraw(ctx, { api: "equinix", ref: e.uuid });
    }),
  );

  const fabricPartner = (p: PcRecord["partner"]) => (p?.api === "equinix" && world.equinix ? p.ref : undefined);
  events.on(
    ALIBABA_EVENTS.hostedConfirmed,
    guarded("alibaba -> equinix (confirmed)", (e: HostedEvent) => {
      const uuid = fabricPartner(e.partner);
      if (uuid) world.equinix.providerAccept(uuid);
    }),
  );
  events.on(
    ALIBABA_EVENTS.hostedDeleted,
    guarded("alibaba -> equinix (deleted)", (e: HostedEvent) => {
      const uuid = fabricPartner(e.partner);
      if (uuid) world.equinix.equinixProviderDeleted(uuid);
    }),
  );

  events.on(
    IXAPI_EVENTS.cloudServiceProduction,
    guarded("ixapi -> seller (production)", (e: CloudServiceProductionEvent) => seller(IXAPI_PROVIDER_APIS[e.serviceProvider])?.fromExchange(ctx, e)),
  );
  events.on(
    IXAPI_EVENTS.cloudServiceDecommissioned,
    guarded("ixapi -> seller (decommissioned)", (e: CloudServiceDecommissionedEvent) =>
      seller(IXAPI_PROVIDER_APIS[e.serviceProvider])?.withdraw(ctx, { api: "ixapi", ref: e.serviceId }),
    ),
  );
}

// ---- BGP sessions across a Fabric connection --------------------------------------------------------

/**
 * The far end of a VBR's BGP sessions, for Alibaba's side: the Fabric Cloud Router's BGP routing protocol
 * on the Fabric connection the VBR's hosted connection was made for (`pc.partner`), in the family of the
 * session; undefined when the VBR's connection comes from no Fabric connection (the sandbox then simulates
 * no far end, unless the admin stands a customer router in).
 *
 * This is the interface between the two slices: Fabric offers `routing.bgpEnd(connectionUuid)`
 * (sandbox/equinix/routers.ts, FabricBgpEnd: exists, state, connectionReady/connectionStatus, equinixAsn,
 * customerAsn, md5Key, ipv4/ipv6 {equinixIp, subnet, customerPeerIp, enabled}, changedAt), Alibaba takes a
 * BgpSpeaker (sandbox/core/bgp.ts).
 */
export function bgpRemoteEnd(ctx: SandboxContext, _vbr: VbrRecord, pc: PcRecord | undefined, family: IpVersion): BgpSpeaker | undefined {
  const routing = ctx.world.equinix?.routing;
  if (!pc || pc.partner?.api !== "equinix" || !routing) return undefined;
  const end = routing.bgpEnd(pc.partner.ref);
  const fam = family === "IPv6" ? end.ipv6 : end.ipv4;
  const name = "the cloud router";
  const where = `Fabric connection ${end.connectionUuid}${end.routingProtocolUuid ? `, routing protocol ${end.routingProtocolUuid}` : ""}`;
  if (!end.exists) return { name, configured: false, down: `${where} has no BGP routing protocol`, changedAt: end.changedAt };
  if (!fam) return { name, configured: false, down: `the BGP routing protocol on ${where} has no ${family === "IPv6" ? "bgpIpv6" : "bgpIpv4"} (or the DIRECT no ${family} subnet)`, changedAt: end.changedAt };
  let down: string | undefined;
  if (!end.connectionReady) down = `${where} is ${end.connectionStatus}, not provisioned and accepted`;
  else if (end.state !== "PROVISIONED" && end.state !== "REPROVISIONING") down = `the BGP routing protocol on ${where} is ${end.state}`;
  else if (!fam.enabled) down = `the ${family} session is disabled on ${where} (${family === "IPv6" ? "bgpIpv6" : "bgpIpv4"}.enabled false)`;
  return {
    name,
    configured: true,
    down,
    ip: fam.equinixIp,
    subnet: fam.subnet,
    neighborIp: fam.customerPeerIp,
    asn: end.equinixAsn,
    neighborAsn: end.customerAsn,
    md5Key: end.md5Key,
    changedAt: end.changedAt,
  };
}

/**
 * Fabric's view of a BGP session on a connection to Alibaba: UP exactly when Alibaba's peer facing the
 * router reports Established (the peer whose address is the router's interface address, else any peer of
 * the family on the VBRs of the connection's hosted connection), since when it is. Undefined when the
 * connection reached no simulated Alibaba account (Fabric then says UNKNOWN).
 */
export function alibabaSessionProbe(ctx: SandboxContext, connectionUuid: string, family: IpVersion, routerIp: string | undefined): { up: boolean; since: number } | undefined {
  const ali = alibaba(ctx);
  if (!ali) return undefined;
  const hosted = ali.hostedFor({ api: "equinix", ref: connectionUuid });
  if (!hosted.length) return undefined;
  const peers = hosted
    .flatMap((pc) => ali.vbrsOn(pc.id))
    .flatMap((v) => ali.bgp.peersOnVbr(v.id))
    .filter((p) => p.ipVersion === family);
  const peer = peers.find((p) => p.peerIp !== undefined && p.peerIp === routerIp) ?? peers[0];
  if (!peer) return { up: false, since: Math.max(0, ...hosted.map((pc) => pc.status.since(ctx.clock.now()))) };
  const s = ali.bgp.session(peer);
  return { up: s.state === "Established", since: s.since };
}

/** Sets the hooks through which each side sees the other end of a BGP session (startSandbox calls it once every slice exists). */
export function linkBgpSessions(ctx: SandboxContext): void {
  const ali = alibaba(ctx);
  if (ali) ali.bgp.remoteEnd = (vbr, pc, family) => bgpRemoteEnd(ctx, vbr, pc, family);
  const routing = ctx.world.equinix?.routing;
  if (routing) {
    routing.sessionProbe = (end, family) => alibabaSessionProbe(ctx, end.connectionUuid, family === "ipv6" ? "IPv6" : "IPv4", (family === "ipv6" ? end.ipv6 : end.ipv4)?.equinixIp);
  }
}
