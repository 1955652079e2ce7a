import { z } from "zod";
import { ixapiApi, type Connection as WireConnection, type ProductOffering as WireOffering } from "../ixapi/client";
import { defined } from "../core/outputs";
import { argsSchema, criteriaHold, lookupPair } from "./common";
import type { Connection, GetConnectionArgs, GetProductOfferingArgs, ProductOffering } from "./ixapi";

// The IX-API look-ups given a context factory (provider/lookups/ixapi.ts gives them the program's). The
// exchange filters on the query parameters of the IX-API schema; each criterion is checked again here, so
// an exchange that ignores a filter cannot widen the answer.

const API = "ixapi";
const text = z.string().min(1, "must not be empty");

/** IX-API product and network service types. */
export const PRODUCT_TYPES = ["exchange_lan", "p2p_vc", "p2mp_vc", "mp2mp_vc", "cloud_vc"] as const;
/** IX-API object states. */
export const STATES = ["requested", "allocated", "testing", "production", "production_change_pending", "decommission_requested", "decommissioned", "archived", "error", "operator", "scheduled", "cancelled"] as const;

export const ProductOfferingArgs = argsSchema<GetProductOfferingArgs>()({
  id: text.optional(),
  name: text.optional(),
  type: z.enum(PRODUCT_TYPES).default("cloud_vc"),
  serviceProvider: text.optional(),
  serviceProviderRegion: text.optional(),
  serviceProviderPop: text.optional(),
  handoverMetroArea: text.optional(),
  handoverMetroAreaNetwork: text.optional(),
  serviceMetroArea: text.optional(),
  serviceMetroAreaNetwork: text.optional(),
  deliveryMethod: z.enum(["dedicated", "shared"]).optional(),
  bandwidth: z.number().int("must be a whole number of Mbps").positive("must be a bandwidth in Mbps greater than 0").optional(),
});

export const ConnectionArgs = argsSchema<GetConnectionArgs>()({
  id: text.optional(),
  name: text.optional(),
  pop: text.optional(),
  state: z.enum(STATES).default("production"),
  vlanType: z.enum(["dot1q", "qinq", "port"]).optional(),
  externalRef: text.optional(),
});

const s = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const n = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

export function toOffering(o: WireOffering): ProductOffering {
  const x = o as Record<string, unknown>;
  return defined({
    id: o.id,
    name: o.name ?? "",
    displayName: o.display_name,
    type: o.type,
    serviceProvider: o.service_provider ?? "",
    serviceProviderRegion: s(x.service_provider_region),
    serviceProviderPop: s(x.service_provider_pop),
    handoverMetroArea: s(x.handover_metro_area),
    handoverMetroAreaNetwork: o.handover_metro_area_network,
    serviceMetroArea: s(x.service_metro_area),
    serviceMetroAreaNetwork: s(x.service_metro_area_network),
    bandwidthMin: o.bandwidth_min ?? undefined,
    bandwidthMax: o.bandwidth_max ?? undefined,
    providerVlans: o.provider_vlans,
    diversity: o.diversity ?? 1,
    deliveryMethod: s(x.delivery_method),
    serviceExchangePops: (o.service_exchange_pops ?? []).map((p) => p.pop),
  });
}

export function toConnection(c: WireConnection): Connection {
  const x = c as Record<string, unknown>;
  return defined({
    id: c.id,
    name: s(x.name) ?? c.id,
    state: c.state ?? "",
    pop: c.pop,
    mode: s(x.mode),
    speed: n(x.speed),
    vlanTypes: [...(c.vlan_types ?? [])],
    capacityAllocated: n(x.capacity_allocated),
    capacityAllocationLimit: n(x.capacity_allocation_limit),
    externalRef: s(x.external_ref),
  });
}

const offeringLabel = (o: ProductOffering) => `${o.id} (${[o.displayName ?? o.name, o.serviceProviderRegion, o.handoverMetroAreaNetwork].filter(Boolean).join(", ")})`;
const connectionLabel = (c: Connection) => `${c.id} (${[c.name !== c.id ? c.name : undefined, c.pop && `pop ${c.pop}`, c.speed && `${c.speed} Mbps`, c.state].filter(Boolean).join(", ")})`;

type OfferingCriteria = z.output<typeof ProductOfferingArgs>;

/** The IX-API query for the criteria (the schema's filters of GET /product-offerings). */
function offeringQuery(a: OfferingCriteria): Record<string, string> {
  const q: Record<string, string | undefined> = {
    id: a.id,
    name: a.name,
    type: a.type,
    service_provider: a.serviceProvider,
    service_provider_region: a.serviceProviderRegion,
    service_provider_pop: a.serviceProviderPop,
    handover_metro_area: a.handoverMetroArea,
    handover_metro_area_network: a.handoverMetroAreaNetwork,
    service_metro_area: a.serviceMetroArea,
    service_metro_area_network: a.serviceMetroAreaNetwork,
    delivery_method: a.deliveryMethod,
    bandwidth: a.bandwidth === undefined ? undefined : String(a.bandwidth),
  };
  return defined(q) as Record<string, string>;
}

function offeringMatches(o: ProductOffering, a: OfferingCriteria): boolean {
  const same = criteriaHold(a, o, ["id", "name", "type", "serviceProvider", "serviceProviderRegion", "serviceProviderPop", "handoverMetroArea", "handoverMetroAreaNetwork", "serviceMetroArea", "serviceMetroAreaNetwork", "deliveryMethod"]);
  return same && (a.bandwidth === undefined || ((o.bandwidthMin ?? 0) <= a.bandwidth && a.bandwidth <= (o.bandwidthMax ?? Infinity)));
}

const productOfferings = lookupPair({
  api: API,
  schema: ProductOfferingArgs,
  names: ["getProductOffering", "getProductOfferings"],
  list: async ({ a, ctx, deadline }) => (await ctx.clients.get(ixapiApi).listProductOfferings(offeringQuery(a), { deadline })).map(toOffering).filter((o) => offeringMatches(o, a)),
  one: ({ a, ctx, deadline }) => ({
    noun: ["product offering", "product offerings"],
    criteria: { ...a },
    label: offeringLabel,
    narrow: "add serviceProviderRegion, handoverMetroAreaNetwork, deliveryMethod or name",
    // What the exchange offers of that type (and that provider, if one was named).
    seen: async () => {
      const q = defined({ type: a.type, service_provider: a.serviceProvider }) as Record<string, string>;
      const near = (await ctx.clients.get(ixapiApi).listProductOfferings(q, { deadline })).map(toOffering);
      return near.length ? near : (await ctx.clients.get(ixapiApi).listProductOfferings({ type: a.type }, { deadline })).map(toOffering);
    },
  }),
});
export const findProductOfferings = productOfferings.all;
export const findProductOffering = productOfferings.one;

type ConnectionCriteria = z.output<typeof ConnectionArgs>;

function connectionMatches(c: Connection, a: ConnectionCriteria): boolean {
  return (
    criteriaHold(a, c, ["id", "name", "state", "externalRef"]) &&
    (a.pop === undefined || c.pop === undefined || c.pop === a.pop) &&
    (a.vlanType === undefined || c.vlanTypes.includes(a.vlanType))
  );
}

const connections = lookupPair({
  api: API,
  schema: ConnectionArgs,
  names: ["getConnection", "getConnections"],
  list: async ({ a, ctx, deadline }) => {
    const q = defined({ id: a.id, name: a.name, pop: a.pop, state: a.state, external_ref: a.externalRef }) as Record<string, string>;
    return (await ctx.clients.get(ixapiApi).listConnections(q, { deadline })).map(toConnection).filter((c) => connectionMatches(c, a));
  },
  one: ({ a, ctx, deadline }) => ({
    noun: ["connection", "connections"],
    criteria: { ...a },
    label: connectionLabel,
    narrow: "add id, name, pop or vlanType",
    seen: async () => (await ctx.clients.get(ixapiApi).listConnections({ state: a.state }, { deadline })).map(toConnection),
  }),
});
export const findConnections = connections.all;
export const findConnection = connections.one;
