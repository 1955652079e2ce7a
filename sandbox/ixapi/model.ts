/** Names of the events the IX-API slice emits on `world.events`. */
export const IXAPI_EVENTS = {
  /**
   * A cloud_vc service got a config for every handover: it reaches production at `productionAt`
   * (sandbox ms). Payload: CloudServiceProductionEvent. The Alibaba slice may make a hosted connection
   * appear in account `cloudKey` from then on.
   */
  cloudServiceProduction: "ixapi.cloudService.production",
  /** A cloud_vc service started decommissioning (API delete, or outside Pulumi): CloudServiceDecommissionedEvent. */
  cloudServiceDecommissioned: "ixapi.cloudService.decommissioned",
} as const;

export interface CloudServiceProductionEvent {
  serviceId: string;
  serviceProvider: string;
  productOffering: string;
  /** the provider's account (Alibaba: the Alibaba Cloud account id) */
  cloudKey: string;
  /** Mbps */
  capacity: number;
  region: string;
  providerRef: string;
  productionAt: number;
  handovers: { handover: number; configId: string; connection: string; pop: string; vlan: number | null; cloudVlan: number | null }[];
}

export interface CloudServiceDecommissionedEvent {
  serviceId: string;
  serviceProvider: string;
  cloudKey: string;
  providerRef: string;
  by: "api" | "outside";
}

/** Default delays (ms, before timeScale). */
export const IXAPI_DEFAULT_DELAYS = {
  /** service requested -> allocated */
  allocation: 150,
  /** config requested -> production (once the service is allocated) */
  configProvisioning: 150,
  /** PATCH: production_change_pending -> production */
  change: 100,
  /** immediate decommission: decommission_requested -> gone */
  decommission: 150,
};
export type IxapiDelays = typeof IXAPI_DEFAULT_DELAYS;

/** What a finished decommission answers: 404 (today), or 200 with state decommissioned/archived (the "in future" answer of the "Using IX-API for Cloud Service" guide). */
export type DecommissionMode = "404" | "decommissioned" | "archived";

/** What services and configs share: when they are ready, in error, changing or decommissioned. */
export interface Lifecycle {
  createdAt: number;
  /** when requested ends (Infinity: stalled) */
  readyAt: number;
  errorAt?: number;
  errorMessage?: string;
  changeUntil?: number;
  decommission?: { requestedAt: number; goneAt: number; date: string; chargedUntil: string; by: "api" | "outside" };
  statusLog: { severity: number; tag: string; message: string; attrs: Record<string, unknown>; timestamp: string }[];
}

export interface ServiceRecord extends Lifecycle {
  id: string;
  product_offering: string;
  managing_account: string;
  consuming_account: string;
  billing_account: string;
  cloud_key: string;
  capacity: number;
  external_ref: string | null;
  purchase_order: string;
  contract_ref: string | null;
  provider_ref: string;
  productionAnnounced?: boolean;
}

export interface ConfigRecord extends Lifecycle {
  id: string;
  network_service: string;
  connection: string;
  managing_account: string;
  consuming_account: string;
  billing_account: string;
  role_assignments: string[];
  vlan_config: Record<string, unknown>;
  handover: number;
  cloud_vlan: number | null;
  external_ref: string | null;
  purchase_order: string;
  contract_ref: string | null;
}

export interface ContactRecord {
  id: string;
  managing_account: string;
  consuming_account: string;
  name: string | null;
  email: string | null;
  telephone: string | null;
  external_ref: string | null;
}

export interface AssignmentRecord {
  id: string;
  role: string;
  contact: string;
}


/** A field problem of a validation error (RFC 7807 `properties`). */
export type Prop = { name: string; reason: string };

export const DAY = 86_400_000;

