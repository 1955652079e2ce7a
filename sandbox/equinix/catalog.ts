import { stableUuid } from "../core/ids";

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

export interface Metro {
  code: string;
  name: string;
  region: "AMER" | "APAC" | "EMEA";
  ibx: string;
  /** Alibaba region served in this metro */
  alibabaRegion: string;
  alibabaRegionName: string;
}

export const METROS: Metro[] = [
  { code: "SV", name: "Silicon Valley", region: "AMER", ibx: "SV5", alibabaRegion: "us-west-1", alibabaRegionName: "US (Silicon Valley)" },
  { code: "DC", name: "Ashburn", region: "AMER", ibx: "DC6", alibabaRegion: "us-east-1", alibabaRegionName: "US (Virginia)" },
  { code: "SG", name: "Singapore", region: "APAC", ibx: "SG3", alibabaRegion: "ap-southeast-1", alibabaRegionName: "Singapore" },
  { code: "HK", name: "Hong Kong", region: "APAC", ibx: "HK1", alibabaRegion: "cn-hongkong", alibabaRegionName: "China (Hong Kong)" },
  { code: "TY", name: "Tokyo", region: "APAC", ibx: "TY2", alibabaRegion: "ap-northeast-1", alibabaRegionName: "Japan (Tokyo)" },
  { code: "FR", name: "Frankfurt", region: "EMEA", ibx: "FR5", alibabaRegion: "eu-central-1", alibabaRegionName: "Germany (Frankfurt)" },
  { code: "LD", name: "London", region: "EMEA", ibx: "LD5", alibabaRegion: "eu-west-1", alibabaRegionName: "UK (London)" },
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
  /** the provider must accept each connection (PENDING_APPROVAL) */
  requiresApproval: boolean;
  /** Z side encapsulation */
  encapsulation: Encapsulation;
  /** the profile belongs to the sandbox customer */
  selfProfile: boolean;
  /** metro -> { sellerRegion: description } */
  sellerRegions: Record<string, Record<string, string>>;
  /** name of the state machine driving its connections */
  machine: "alibaba" | "private";
}

export const PROFILES: ProfileDef[] = [
  {
    uuid: ALIBABA_PROFILE_UUID,
    name: "Alibaba Cloud Express Connect",
    description:
      "Alibaba Cloud Express Connect connects on-premise Equinix data centers to the Alibaba Cloud through a dedicated partner backbone network.",
    visibility: "PUBLIC",
    bandwidths: [50, 200, 500, 1000],
    metros: ["HK", "SG", "TY", "DC", "SV", "FR", "LD"],
    authKeyRequired: true,
    authKeyLabel: "Alibaba Cloud Account ID",
    requiresApproval: true,
    encapsulation: "DOT1Q",
    selfProfile: false,
    sellerRegions: Object.fromEntries(
      ["HK", "SG", "TY", "DC", "SV", "FR", "LD"].map((c) => {
        const m = metro(c)!;
        return [c, { [m.alibabaRegion]: m.alibabaRegionName }];
      }),
    ),
    machine: "alibaba",
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
    machine: "private",
  },
];

export function findProfile(uuid: string | undefined): ProfileDef | undefined {
  return PROFILES.find((p) => p.uuid === uuid);
}
