import type { SandboxContext } from "./core/api";
import { ALIBABA_EVENTS, type AlibabaWorld, type HostedEvent } from "./alibaba/world";
import type { PcRecord } from "./alibaba/model";
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
