/**
 * The exchange's fixed catalog: metro areas and their networks, pops on the A and B networks, accounts,
 * cloud access ports (connections), roles, and cloud_vc product offerings (the fields of the "Using IX-API for Cloud Service" guide).
 */

export interface OfferingDef {
  id: string;
  name: string;
  display_name: string;
  service_provider: "Alibaba" | "AWS" | "Microsoft" | "Google" | "Oracle";
  handover_metro_area: string;
  handover_metro_area_network: string;
  service_metro_area: string;
  service_metro_area_network: string;
  physical_port_speed: number;
  bandwidth_min: number;
  bandwidth_max: number;
  provider_vlans: "single" | "multi";
  service_provider_region: string;
  service_provider_pop: string;
  service_provider_workflow: "exchange_first" | "provider_first";
  delivery_method: "dedicated" | "shared";
  diversity: number;
  upgrade_allowed: boolean;
  downgrade_allowed: boolean;
  service_exchange_pops: { pop: string; path_info?: string }[];
  /** role names every config of a service on this offering must carry */
  nsc_required_contact_roles: string[];
}

export const POPS = [
  { id: "pop:FRA5-A", name: "FRA5-A", facility: "fac:fra5", metro_area_network: "man:FRA", devices: ["dev:fra5-a-1"] },
  { id: "pop:FRA7-B", name: "FRA7-B", facility: "fac:fra7", metro_area_network: "man:FRA", devices: ["dev:fra7-b-1"] },
  { id: "pop:AMS5-A", name: "AMS5-A", facility: "fac:ams5", metro_area_network: "man:AMS", devices: ["dev:ams5-a-1"] },
  { id: "pop:AMS7-B", name: "AMS7-B", facility: "fac:ams7", metro_area_network: "man:AMS", devices: ["dev:ams7-b-1"] },
];

export const ACCOUNTS = [
  {
    id: "A0087264",
    name: "Sandbox Customer GmbH",
    state: "production",
    status: [],
    legal_name: "Sandbox Customer GmbH",
    managing_account: "A0087264",
    discoverable: false,
    metro_area_network_presence: ["man:FRA", "man:AMS"],
    address: { country: "DE", locality: "Frankfurt am Main", postal_code: "60314", street_address: "Hanauer Landstrasse 302" },
    billing_information: { name: "Sandbox Customer GmbH", address: { country: "DE", locality: "Frankfurt am Main", postal_code: "60314", street_address: "Hanauer Landstrasse 302" } },
    external_ref: null,
  },
  {
    id: "A0087265",
    name: "Sandbox Subcustomer BV",
    state: "production",
    status: [],
    legal_name: "Sandbox Subcustomer BV",
    managing_account: "A0087264",
    discoverable: false,
    metro_area_network_presence: ["man:AMS"],
    address: { country: "NL", locality: "Amsterdam", postal_code: "1098 XH", street_address: "Science Park 120" },
    external_ref: null,
  },
];

export interface ConnectionDef {
  id: string;
  pop: string;
  speed: number;
  vlan_types: string[];
}

/** Cloud access ports, in production, owned by A0087264. */
export const CONNECTIONS: ConnectionDef[] = [
  { id: "CANL-051075", pop: "pop:FRA5-A", speed: 10000, vlan_types: ["dot1q", "qinq"] },
  { id: "CANL-051076", pop: "pop:FRA7-B", speed: 10000, vlan_types: ["dot1q", "qinq"] },
  { id: "CANL-051077", pop: "pop:FRA5-A", speed: 10000, vlan_types: ["dot1q", "qinq", "port"] },
  { id: "CANL-061001", pop: "pop:AMS5-A", speed: 10000, vlan_types: ["dot1q", "qinq"] },
  { id: "CANL-061002", pop: "pop:AMS7-B", speed: 10000, vlan_types: ["dot1q", "qinq"] },
];

export const ROLES = [
  { id: "role:noc", name: "noc", required_fields: ["email", "telephone"] },
  { id: "role:implementation", name: "implementation", required_fields: ["name", "email"] },
  { id: "role:legal", name: "legal", required_fields: ["name", "email"] },
  { id: "role:peering", name: "peering", required_fields: ["email"] },
  { id: "role:billing", name: "billing", required_fields: ["name", "email"] },
];

const common = { physical_port_speed: 0, upgrade_allowed: true, downgrade_allowed: true } as const;

export const OFFERINGS: OfferingDef[] = [
  {
    ...common,
    id: "alibaba-express-connect.fra.eu-central-1",
    name: "Alibaba-Cloud-Express-Connect",
    display_name: "Alibaba Cloud Express Connect Frankfurt",
    service_provider: "Alibaba",
    handover_metro_area: "met:FRA",
    handover_metro_area_network: "man:FRA",
    service_metro_area: "met:FRA",
    service_metro_area_network: "man:FRA",
    bandwidth_min: 50,
    bandwidth_max: 10000,
    provider_vlans: "single",
    service_provider_region: "eu-central-1",
    service_provider_pop: "FRA-ALI1",
    service_provider_workflow: "provider_first",
    delivery_method: "shared",
    diversity: 2,
    service_exchange_pops: [
      { pop: "pop:FRA5-A", path_info: "Interxion FRA5 A network" },
      { pop: "pop:FRA7-B", path_info: "Interxion FRA7 B network" },
    ],
    nsc_required_contact_roles: ["implementation", "noc"],
  },
  {
    ...common,
    id: "aws-direct-connect.fra.eu-central-1",
    name: "AWS-Direct-Connect",
    display_name: "AWS Direct Connect Frankfurt",
    service_provider: "AWS",
    handover_metro_area: "met:FRA",
    handover_metro_area_network: "man:FRA",
    service_metro_area: "met:FRA",
    service_metro_area_network: "man:FRA",
    bandwidth_min: 50,
    bandwidth_max: 5000,
    provider_vlans: "single",
    service_provider_region: "eu-central-1",
    service_provider_pop: "EqFA5",
    service_provider_workflow: "provider_first",
    delivery_method: "shared",
    diversity: 1,
    service_exchange_pops: [{ pop: "pop:FRA5-A" }],
    nsc_required_contact_roles: ["noc"],
  },
  {
    ...common,
    id: "ms-express-route.ms-london.AMS",
    name: "Microsoft-ExpressRoute",
    display_name: "Microsoft-ExpressRoute",
    service_provider: "Microsoft",
    handover_metro_area: "met:AMS",
    handover_metro_area_network: "man:AMS",
    service_metro_area: "met:LON",
    service_metro_area_network: "man:LON",
    bandwidth_min: 50,
    bandwidth_max: 2000,
    provider_vlans: "multi",
    service_provider_region: "Europe North",
    service_provider_pop: "London",
    service_provider_workflow: "provider_first",
    delivery_method: "shared",
    diversity: 2,
    upgrade_allowed: true,
    downgrade_allowed: false,
    service_exchange_pops: [
      { pop: "pop:AMS5-A", path_info: "Equinix-Telecity Southeast AMS 5" },
      { pop: "pop:AMS7-B", path_info: "Equinix-Telecity Southeast AMS 5" },
    ],
    nsc_required_contact_roles: [],
  },
];

/** The cloud_key shapes, per provider, as the "Using IX-API for Cloud Service" guide lists them. */
export const CLOUD_KEY_SHAPES: Record<string, RegExp> = {
  Alibaba: /^\d{16}$/,
  AWS: /^\d{12}$/,
  Microsoft: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  Google: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[a-z0-9-]+\/[12]$/i,
  Oracle: /^ocid1\.virtualcircuit\.[a-z0-9]+\.[a-z0-9-]*\.[a-z0-9]+$/i,
};
