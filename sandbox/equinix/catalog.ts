import { stableUuid } from "../core/ids";
import { EQ } from "./errors";

/** The Alibaba Cloud Express Connect service profile (the real uuid). */
export const ALIBABA_PROFILE_UUID = "4c4b8edf-873b-4c6c-805a-edb2c335bd6c";
/** The customer's own private L2 service profile (auto-approved, like port-to-port). */
export const PRIVATE_PROFILE_UUID = stableUuid("equinix/serviceProfile/private-l2");

/** The sandbox's Equinix customer account (every connection belongs to it). */
export const ACCOUNT = {
  accountNumber: 270848,
  accountName: "Sandbox Interconnect Ltd",
  orgId: 92610,
  organizationName: "Sandbox Interconnect Ltd",
  globalOrgId: "0016u000003JZ4tAAG",
  globalOrganizationName: "Sandbox Interconnect Global",
  ucmId: "A1B2C3D4-SANDBOX",
};
export const PROJECT_ID = stableUuid("equinix/project/default");

/** providerStatus of a deprovisioning connection whose Z side is a port or an auto-approved profile. */
export const PORT_DEPROVISIONING_STATUS = { deprovisioning: "AVAILABLE", deprovisioned: "NOT_AVAILABLE" };

export interface Metro {
  code: string;
  name: string;
  region: "AMER" | "APAC" | "EMEA";
  ibx: string;
  /** ISO 3166 country code */
  country: string;
  latitude: number;
  longitude: number;
}

export const METROS: Metro[] = [
  { code: "SV", name: "Silicon Valley", region: "AMER", ibx: "SV5", country: "US", latitude: 37.3688, longitude: -121.9295 },
  { code: "DC", name: "Ashburn", region: "AMER", ibx: "DC6", country: "US", latitude: 39.0158, longitude: -77.4599 },
  { code: "SG", name: "Singapore", region: "APAC", ibx: "SG3", country: "SG", latitude: 1.3311, longitude: 103.8966 },
  { code: "HK", name: "Hong Kong", region: "APAC", ibx: "HK1", country: "HK", latitude: 22.3643, longitude: 114.1247 },
  { code: "TY", name: "Tokyo", region: "APAC", ibx: "TY2", country: "JP", latitude: 35.6264, longitude: 139.7478 },
  { code: "FR", name: "Frankfurt", region: "EMEA", ibx: "FR5", country: "DE", latitude: 50.1028, longitude: 8.7384 },
  { code: "LD", name: "London", region: "EMEA", ibx: "LD5", country: "GB", latitude: 51.5224, longitude: -0.6321 },
];

export function metro(code: string | undefined): Metro | undefined {
  return METROS.find((m) => m.code === code);
}

export type Encapsulation = "DOT1Q" | "QINQ";
export type Priority = "PRIMARY" | "SECONDARY";

/** A Fabric port of the sandbox customer. */
export interface PortDef {
  uuid: string;
  name: string;
  metroCode: string;
  encapsulation: Encapsulation;
  priority: Priority;
  /** Mbps */
  bandwidth: number;
  ibx: string;
  deviceName: string;
}

function port(metroCode: string, encapsulation: Encapsulation, priority: Priority, n = 1): PortDef {
  const m = metro(metroCode)!;
  const tag = `${metroCode}-${encapsulation}-${priority === "PRIMARY" ? "PRI" : "SEC"}${n > 1 ? `-${n}` : ""}`;
  return {
    uuid: stableUuid(`equinix/port/${tag}`),
    name: `270848-${m.ibx}-${encapsulation === "DOT1Q" ? "CX" : "QQ"}-${priority === "PRIMARY" ? "PRI" : "SEC"}-0${n}`,
    metroCode,
    encapsulation,
    priority,
    bandwidth: 10000,
    ibx: m.ibx,
    deviceName: `${m.ibx.toLowerCase()}-m1-${priority === "PRIMARY" ? "pri" : "sec"}-01`,
  };
}

/**
 * The sandbox customer's ports: in every metro a DOT1Q primary and secondary; QINQ primary and
 * secondary in SV, DC, HK and LD. Uuids are stable across runs (see `findPort`).
 */
export const PORTS: PortDef[] = [
  ...METROS.flatMap((m) => [port(m.code, "DOT1Q", "PRIMARY"), port(m.code, "DOT1Q", "SECONDARY")]),
  ...["SV", "DC", "HK", "LD"].flatMap((c) => [port(c, "QINQ", "PRIMARY"), port(c, "QINQ", "SECONDARY")]),
];

/** The port of the given metro, encapsulation and redundancy priority (PRIMARY by default). */
export function findPort(metroCode: string, encapsulation: Encapsulation = "DOT1Q", priority: Priority = "PRIMARY"): PortDef {
  const p = PORTS.find((x) => x.metroCode === metroCode && x.encapsulation === encapsulation && x.priority === priority);
  if (!p) throw new Error(`no ${encapsulation} ${priority} port in ${metroCode}`);
  return p;
}

/**
 * What the seller behind a profile does with the connections made to it. The Equinix slice takes every
 * seller-specific behaviour from here, never from a profile's uuid; sandbox/links.ts drives the seller's own
 * API when the sandbox simulates it.
 */
export interface SellerDef {
  /** `apiConfig.integrationId` of the profile */
  integrationId: string;
  /** providerStatus while a connection deprovisions, and once it is deprovisioned */
  deprovisioningStatus: { deprovisioning: string; deprovisioned: string };
  /**
   * Once the seller's side is provisioned, Fabric refuses its own delete with this error (relayed verbatim
   * from the seller): the seller's portal must delete, and Fabric then deprovisions.
   */
  deleteFromSellerPortal?: { errorCode: string; errorMessage: string; details: string };
  /** the sandbox API that plays this seller (`world[api]`), wired by sandbox/links.ts */
  api?: string;
}

/** A service profile a connection's Z side can point at. */
export interface ProfileDef {
  uuid: string;
  name: string;
  description: string;
  visibility: "PUBLIC" | "PRIVATE";
  /** Mbps */
  bandwidths: number[];
  metros: string[];
  authKeyRequired: boolean;
  authKeyLabel?: string;
  /**
   * the seller accepts each connection: PROVISIONING -> PROVISIONED/PENDING_APPROVAL until it does; otherwise
   * auto-approved (PENDING_AUTO_APPROVAL -> PROVISIONING -> PROVISIONED/AVAILABLE)
   */
  requiresApproval: boolean;
  /** Z side encapsulation */
  encapsulation: Encapsulation;
  /** the profile belongs to the sandbox customer */
  selfProfile: boolean;
  /** metro -> { sellerRegion: description } */
  sellerRegions: Record<string, Record<string, string>>;
  seller: SellerDef;
}

/** The Alibaba regions Equinix's Alibaba profile serves, by metro (Alibaba's region ids and names). */
const ALIBABA_SELLER_REGIONS: Record<string, Record<string, string>> = {
  HK: { "cn-hongkong": "China (Hong Kong)" },
  SG: { "ap-southeast-1": "Singapore" },
  TY: { "ap-northeast-1": "Japan (Tokyo)" },
  DC: { "us-east-1": "US (Virginia)" },
  SV: { "us-west-1": "US (Silicon Valley)" },
  FR: { "eu-central-1": "Germany (Frankfurt)" },
  LD: { "eu-west-1": "UK (London)" },
};

export const PROFILES: ProfileDef[] = [
  {
    uuid: ALIBABA_PROFILE_UUID,
    name: "Alibaba Cloud Express Connect",
    description:
      "Alibaba Cloud Express Connect connects on-premise Equinix data centers to the Alibaba Cloud through a dedicated partner backbone network.",
    visibility: "PUBLIC",
    bandwidths: [50, 200, 500, 1000],
    metros: Object.keys(ALIBABA_SELLER_REGIONS),
    authKeyRequired: true,
    authKeyLabel: "Alibaba Cloud Account ID",
    requiresApproval: true,
    encapsulation: "DOT1Q",
    selfProfile: false,
    sellerRegions: ALIBABA_SELLER_REGIONS,
    seller: {
      integrationId: "Alibaba-ExpressConnect",
      deprovisioningStatus: { deprovisioning: "DEPROVISIONING", deprovisioned: "DEPROVISIONED" },
      // Equinix's "Connect to Alibaba Cloud" guide: a provisioned connection is deleted from the Alibaba console.
      deleteFromSellerPortal: {
        errorCode: EQ.alibabaDeleteFromPortal,
        errorMessage: "Deletion for a provisioned connection needs to be initiated from Alibaba Portal",
        details: "Delete the VBR, then terminate and delete the physical connection in Alibaba Cloud; Fabric then deprovisions the connection.",
      },
      api: "alibaba",
    },
  },
  {
    uuid: PRIVATE_PROFILE_UUID,
    name: "Sandbox Private L2",
    description: "The sandbox customer's own private Layer 2 service (auto-approved).",
    visibility: "PRIVATE",
    bandwidths: [50, 100, 200, 500, 1000, 2000, 5000, 10000],
    metros: METROS.map((m) => m.code),
    authKeyRequired: false,
    requiresApproval: false,
    encapsulation: "DOT1Q",
    selfProfile: true,
    sellerRegions: {},
    seller: { integrationId: "Sandbox-Private", deprovisioningStatus: PORT_DEPROVISIONING_STATUS },
  },
];

export function findProfile(uuid: string | undefined): ProfileDef | undefined {
  return PROFILES.find((p) => p.uuid === uuid);
}

// ---- A sides other than ports (the "Connect to Alibaba Cloud" guide: a port, an A-side service token, a
// Fabric Cloud Router or a Network Edge virtual device). Seeded in the default project with stable uuids;
// their states live in the world (sandbox/equinix/aSides.ts), where the admin can add more.

/** An A-side service token issued to the sandbox customer: it carries the port and the VLAN. */
export interface ServiceTokenSeed {
  uuid: string;
  name: string;
  description: string;
  /** the token's port */
  port: PortDef;
  /** the tags the connection gets on that port */
  linkProtocol: { type: Encapsulation; vlanTag?: number; vlanSTag?: number; vlanCTag?: number };
  /** Mbps */
  bandwidthLimit: number;
  allowRemoteConnection: boolean;
  /** "expired": the expiry date has passed when the sandbox starts; otherwise it expires a year later */
  expired?: boolean;
}

/** A Fabric Cloud Router (connections from it are IP_VC). */
export interface CloudRouterSeed {
  uuid: string;
  name: string;
  metroCode: string;
  packageCode: "LAB" | "BASIC" | "STANDARD" | "ADVANCED" | "PREMIUM";
  equinixAsn: number;
}

/** A Network Edge virtual device (type EDGE) with its interfaces. */
export interface VirtualDeviceSeed {
  uuid: string;
  name: string;
  metroCode: string;
  deviceTypeCode: string;
  /** interfaces numbered 1..n; 1 is the management interface, the others carry connections */
  interfaceCount: number;
}

export const SERVICE_TOKEN_SEEDS: ServiceTokenSeed[] = [
  {
    uuid: stableUuid("equinix/serviceToken/SV-DOT1Q-PRI"),
    name: "sandbox-token-sv-pri",
    description: "A-side token: SV DOT1Q primary port, VLAN 2101",
    port: findPort("SV", "DOT1Q", "PRIMARY"),
    linkProtocol: { type: "DOT1Q", vlanTag: 2101 },
    bandwidthLimit: 1000,
    allowRemoteConnection: false,
  },
  {
    uuid: stableUuid("equinix/serviceToken/SV-DOT1Q-SEC"),
    name: "sandbox-token-sv-sec",
    description: "A-side token: SV DOT1Q secondary port, VLAN 2102",
    port: findPort("SV", "DOT1Q", "SECONDARY"),
    linkProtocol: { type: "DOT1Q", vlanTag: 2102 },
    bandwidthLimit: 1000,
    allowRemoteConnection: false,
  },
  {
    uuid: stableUuid("equinix/serviceToken/HK-QINQ-PRI"),
    name: "sandbox-token-hk-qinq",
    description: "A-side token: HK QINQ primary port, S-tag 2103, C-tag 103",
    port: findPort("HK", "QINQ", "PRIMARY"),
    linkProtocol: { type: "QINQ", vlanSTag: 2103, vlanCTag: 103 },
    bandwidthLimit: 500,
    allowRemoteConnection: true,
  },
  {
    uuid: stableUuid("equinix/serviceToken/SV-EXPIRED"),
    name: "sandbox-token-expired",
    description: "An expired A-side token (SV DOT1Q primary port, VLAN 2109): Fabric refuses it",
    port: findPort("SV", "DOT1Q", "PRIMARY"),
    linkProtocol: { type: "DOT1Q", vlanTag: 2109 },
    bandwidthLimit: 1000,
    allowRemoteConnection: false,
    expired: true,
  },
];

export const CLOUD_ROUTER_SEEDS: CloudRouterSeed[] = [
  { uuid: stableUuid("equinix/router/SV"), name: "sandbox-fcr-sv", metroCode: "SV", packageCode: "STANDARD", equinixAsn: 30000 },
  { uuid: stableUuid("equinix/router/HK"), name: "sandbox-fcr-hk", metroCode: "HK", packageCode: "STANDARD", equinixAsn: 30000 },
];

export const VIRTUAL_DEVICE_SEEDS: VirtualDeviceSeed[] = [
  { uuid: stableUuid("equinix/virtualDevice/SV"), name: "sandbox-edge-sv", metroCode: "SV", deviceTypeCode: "C8000V", interfaceCount: 10 },
  { uuid: stableUuid("equinix/virtualDevice/HK"), name: "sandbox-edge-hk", metroCode: "HK", deviceTypeCode: "C8000V", interfaceCount: 10 },
];
