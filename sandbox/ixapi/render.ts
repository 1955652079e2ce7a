import type { CONNECTIONS, OfferingDef } from "./catalog";
import type { ConfigRecord, ServiceRecord } from "./model";
import type { IxapiWorld } from "./world";

/** What services and configs both begin with: type, id, state (a finished decommission reads "decommissioned"), status log, accounts. */
function head(r: ServiceRecord | ConfigRecord, state: string): Record<string, unknown> {
  return {
    type: "cloud_vc",
    id: r.id,
    state: state === "gone" ? "decommissioned" : state,
    status: r.statusLog.map((x) => ({ ...x })),
    managing_account: r.managing_account,
    consuming_account: r.consuming_account,
    billing_account: r.billing_account,
  };
}

/** What they both end with: the customer's references, and the cancellation dates once decommissioning. */
function tail(r: ServiceRecord | ConfigRecord): Record<string, unknown> {
  return {
    external_ref: r.external_ref,
    purchase_order: r.purchase_order,
    contract_ref: r.contract_ref,
    ...(r.decommission ? { decommission_at: r.decommission.date, charged_until: r.decommission.chargedUntil } : {}),
  };
}

/** A network service as GET /network-services/{id} answers it now. */
export function renderService(w: IxapiWorld, s: ServiceRecord): Record<string, unknown> {
  const offering = w.offering(s.product_offering)!;
  return {
    ...head(s, w.serviceState(s)),
    product_offering: s.product_offering,
    cloud_key: s.cloud_key,
    capacity: s.capacity,
    diversity: offering.diversity,
    provider_ref: s.provider_ref,
    nsc_required_contact_roles: offering.nsc_required_contact_roles.map((n) => `role:${n}`),
    current_billing_start_date: w.date(s.createdAt),
    ...tail(s),
  };
}

/** A network service config as GET /network-service-configs/{id} answers it now. */
export function renderConfig(w: IxapiWorld, c: ConfigRecord): Record<string, unknown> {
  return {
    ...head(c, w.configState(c)),
    network_service: c.network_service,
    connection: c.connection,
    role_assignments: [...c.role_assignments],
    vlan_config: { ...c.vlan_config },
    handover: c.handover,
    cloud_vlan: c.cloud_vlan,
    network_feature_configs: [],
    ...tail(c),
  };
}

/** A product offering as the catalog lists it. */
export function renderOffering(o: OfferingDef): Record<string, unknown> {
  const { nsc_required_contact_roles: _r, ...rest } = o;
  return { ...rest, type: "cloud_vc", resource_type: "network_service", service_pops: o.service_exchange_pops.map((p) => p.pop), orderable_not_before: "2022-06-06T00:00:00Z" };
}

/** A cloud access port (connection) of the customer, with the capacity its configs use. */
export function renderConnection(w: IxapiWorld, c: (typeof CONNECTIONS)[number]): Record<string, unknown> {
  const used = w.vlanUsers(c.id);
  const allocated = used.reduce((n, x) => n + (w.services.get(x.network_service)?.capacity ?? 0), 0);
  return {
    id: c.id,
    name: c.id,
    mode: "standalone",
    state: "production",
    status: [],
    pop: c.pop,
    vlan_types: c.vlan_types,
    outer_vlan_ethertypes: ["0x8100"],
    managing_account: "A0087264",
    consuming_account: "A0087264",
    billing_account: "A0087264",
    role_assignments: [],
    speed: c.speed,
    capacity_allocated: allocated,
    capacity_allocation_limit: c.speed,
    port_quantity: 1,
    ports: [c.id],
    port_reservations: [c.id],
    external_ref: null,
    contract_ref: null,
    purchase_order: "",
  };
}
