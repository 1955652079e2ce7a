import type { ASides, CloudRouterRecord, ServiceTokenRecord, VirtualDeviceRecord } from "./aSides";
import { ACCOUNT, PROJECT_ID, metro, type PortDef, type ProfileDef } from "./catalog";
import type { ConnectionRecord, StoredASide, StoredSide } from "./model";
import type { EquinixWorld } from "./world";
import { renderApiRouter, routerBody } from "./routers";

function location(base: string, metroCode: string) {
  const m = metro(metroCode);
  return { metroHref: `${base}/fabric/v4/metros/${metroCode}`, metroCode, ...(m ? { metroName: m.name, region: m.region } : {}) };
}

function side(base: string, s: StoredSide | (StoredASide & { kind: "port" })): Record<string, unknown> {
  if (s.kind === "port") {
    return own(base, "COLO", s.metroCode, {
      port: { href: `${base}/fabric/v4/ports/${s.port.uuid}`, type: "XF_PORT", uuid: s.port.uuid, name: s.port.name },
      linkProtocol: { ...s.linkProtocol },
    });
  }
  const ap: Record<string, unknown> = {
    type: "SP",
    location: location(base, s.metroCode),
    profile: { href: `${base}/fabric/v4/serviceProfiles/${s.profile.uuid}`, type: "L2_PROFILE", name: s.profile.name, uuid: s.profile.uuid },
    linkProtocol: { ...s.linkProtocol },
  };
  if (s.sellerRegion !== undefined) ap.sellerRegion = s.sellerRegion;
  if (s.authenticationKey !== undefined) ap.authenticationKey = s.authenticationKey;
  if (s.providerConnectionId !== undefined) ap.providerConnectionId = s.providerConnectionId;
  return { accessPoint: ap };
}

/** An access point of the customer's own (a port, a Cloud Router, a device): type, account, location, then what it is. */
function own(base: string, type: string, metroCode: string, what: Record<string, unknown>): Record<string, unknown> {
  return { accessPoint: { type, account: account(), location: location(base, metroCode), ...what } };
}

const account = () => ({ accountNumber: ACCOUNT.accountNumber, accountName: ACCOUNT.accountName, orgId: ACCOUNT.orgId, organizationName: ACCOUNT.organizationName });
const iso = (t: number) => new Date(t).toISOString();

/** The A side as Fabric v4 returns it: the port (and the service token that gave it), the router or the device. */
function aSideOf(base: string, s: StoredASide): Record<string, unknown> {
  if (s.kind === "port") {
    const out = side(base, s);
    if (s.serviceToken) out.serviceToken = { href: `${base}/fabric/v4/serviceTokens/${s.serviceToken}`, type: "VC_TOKEN", uuid: s.serviceToken };
    return out;
  }
  if (s.kind === "router") {
    return own(base, "CLOUD_ROUTER", s.metroCode, { router: { href: `${base}/fabric/v4/routers/${s.router.uuid}`, type: "XF_ROUTER", uuid: s.router.uuid, name: s.router.name } });
  }
  return own(base, "VD", s.metroCode, {
    virtualDevice: { href: `${base}/ne/v1/devices/${s.device.uuid}`, type: "EDGE", uuid: s.device.uuid, name: s.device.name },
    interface: { type: "NETWORK", id: s.interface.id, uuid: s.interface.uuid },
  });
}

function billingTier(bw: number): string {
  return bw >= 1000 ? `Up to ${bw / 1000} GB` : `Up to ${bw} MB`;
}

/** A connection as Fabric v4 returns it, with its state computed on the sandbox clock. */
export function renderConnection(w: EquinixWorld, rec: ConnectionRecord, base: string, now: number): Record<string, unknown> {
  const p = rec.internal.phases.current(now);
  const ch = rec.internal.change;
  const changeStatus = w.changeStatus(rec);
  const changeUpdated = ch.status.since(now);
  const change: Record<string, unknown> = {
    uuid: ch.uuid,
    type: ch.type,
    status: changeStatus,
    createdDateTime: iso(ch.createdAt),
    updatedDateTime: iso(Math.max(changeUpdated, ch.type === "CONNECTION_CREATION" ? rec.internal.phases.since(now) : changeUpdated)),
  };
  const lastPatch = rec.internal.extra.lastPatch as { op: string; path: string; value: unknown } | undefined;
  if (ch.type === "CONNECTION_UPDATE" && lastPatch && typeof lastPatch.value === "object" && lastPatch.value !== null && !Array.isArray(lastPatch.value)) {
    change.data = { op: lastPatch.op, path: lastPatch.path, value: lastPatch.value };
  }
  const changeLog: Record<string, unknown> = {
    createdBy: rec.internal.createdBy,
    createdByFullName: rec.internal.createdBy,
    createdByEmail: `${rec.internal.createdBy}@sandbox.example`,
    createdDateTime: iso(rec.internal.createdAt),
    updatedBy: rec.internal.updatedBy,
    updatedByFullName: rec.internal.updatedBy,
    updatedByEmail: `${rec.internal.updatedBy}@sandbox.example`,
    updatedDateTime: iso(Math.max(rec.internal.updatedAt, rec.internal.phases.since(now))),
  };
  if (rec.internal.deletedAt !== undefined) {
    changeLog.deletedBy = rec.internal.deletedBy;
    changeLog.deletedByFullName = rec.internal.deletedBy;
    changeLog.deletedByEmail = `${rec.internal.deletedBy}@sandbox.example`;
    changeLog.deletedDateTime = iso(rec.internal.deletedAt);
  }
  const out: Record<string, unknown> = {
    href: `${base}/fabric/v4/connections/${rec.uuid}`,
    type: rec.type,
    uuid: rec.uuid,
    name: rec.name,
    ...(rec.description !== undefined ? { description: rec.description } : {}),
    state: p.state,
    change,
    operation: {
      providerStatus: p.providerStatus,
      equinixStatus: p.equinixStatus,
      operationalStatus: p.state === "ACTIVE" ? "UP" : "DOWN",
      opStatusChangedAt: iso(rec.internal.phases.since(now)),
    },
    order: { ...rec.order, billingTier: billingTier(rec.bandwidth) },
    notifications: rec.notifications.map((n) => ({ ...n, emails: [...n.emails] })),
    account: { ...ACCOUNT },
    changeLog,
    bandwidth: rec.bandwidth,
    redundancy: { ...rec.redundancy },
    isRemote: rec.aSide.metroCode !== rec.zSide.metroCode,
    direction: "OUTGOING",
    aSide: aSideOf(base, rec.aSide),
    zSide: side(base, rec.zSide),
    project: { projectId: rec.projectId },
  };
  if (rec.additionalInfo?.length) out.additionalInfo = rec.additionalInfo.map((x) => ({ ...x }));
  return out;
}

/** A port as Fabric v4 returns it; `used` = Mbps used by live connections. */
export function renderPort(p: PortDef, base: string, used: number, connections: number): Record<string, unknown> {
  const m = metro(p.metroCode)!;
  return {
    href: `${base}/fabric/v4/ports/${p.uuid}`,
    type: "XF_PORT",
    uuid: p.uuid,
    name: p.name,
    description: `${p.encapsulation} ${p.priority.toLowerCase()} port in ${m.name}`,
    physicalPortsSpeed: p.bandwidth,
    physicalPortsType: "10GBASE_LR",
    physicalPortsCount: 1,
    connectionsCount: connections,
    connectivitySourceType: "COLO",
    state: "ACTIVE",
    operation: { operationalStatus: "UP", connectionCount: connections, opStatusChangedAt: "2024-01-15T10:00:00.000Z" },
    account: { ...ACCOUNT },
    serviceType: "MSP",
    bandwidth: p.bandwidth,
    availableBandwidth: Math.max(0, p.bandwidth - used),
    usedBandwidth: used,
    location: { metroHref: `${base}/fabric/v4/metros/${p.metroCode}`, metroCode: p.metroCode, metroName: m.name, region: m.region, ibx: p.ibx },
    device: { name: p.deviceName, redundancy: { group: "1", priority: p.priority } },
    demarcationPointIbx: p.ibx,
    tetherIbx: p.ibx,
    redundancy: { enabled: true, group: "1", priority: p.priority },
    encapsulation: { type: p.encapsulation, tagProtocolId: p.encapsulation === "QINQ" ? "0x88A8" : "0x8100" },
    lagEnabled: false,
    package: { code: "STANDARD" },
    settings: { buyout: false, viewPortPermission: true, placeVcOrderPermission: true, layer3Enabled: false, packageType: "STANDARD" },
    project: { projectId: PROJECT_ID },
  };
}

/** A service profile as Fabric v4 returns it. */
export function renderProfile(p: ProfileDef, base: string): Record<string, unknown> {
  return {
    href: `${base}/fabric/v4/serviceProfiles/${p.uuid}`,
    type: "L2_PROFILE",
    name: p.name,
    uuid: p.uuid,
    description: p.description,
    notifications: [{ type: "BANDWIDTH_ALERT", emails: ["noc@provider.example"] }],
    visibility: p.visibility,
    accessPointTypeConfigs: [
      {
        type: "COLO",
        uuid: p.uuid,
        supportedBandwidths: [...p.bandwidths],
        allowRemoteConnections: true,
        allowCustomBandwidth: false,
        allowBandwidthAutoApproval: false,
        allowBandwidthUpgrade: true,
        linkProtocolConfig: { encapsulationStrategy: "CTAGED", reuseVlanSTag: false, encapsulation: p.encapsulation },
        enableAutoGenerateServiceKey: false,
        connectionRedundancyRequired: false,
        apiConfig: { apiAvailable: true, integrationId: p.seller.integrationId, equinixManagedPort: true, equinixManagedVlan: true, allowOverSubscription: false, bandwidthFromApi: false },
        connectionLabel: "Connection",
        authenticationKey: { required: p.authKeyRequired, label: p.authKeyLabel ?? "Authentication key", description: p.authKeyRequired ? `${p.authKeyLabel}` : "not used" },
      },
    ],
    metros: p.metros.map((code) => {
      const m = metro(code)!;
      return {
        code,
        name: m.name,
        displayName: m.name,
        ibxs: [m.ibx],
        inTrail: false,
        vcBandwidthMax: Math.max(...p.bandwidths),
        sellerRegions: { ...(p.sellerRegions[code] ?? {}) },
      };
    }),
    selfProfile: p.selfProfile,
    state: "ACTIVE",
    account: { accountNumber: p.selfProfile ? ACCOUNT.accountNumber : 100001, organizationName: p.selfProfile ? ACCOUNT.organizationName : p.name, orgId: p.selfProfile ? ACCOUNT.orgId : 100001 },
    project: { projectId: PROJECT_ID },
    changeLog: { createdBy: "provider", createdDateTime: "2023-03-01T00:00:00.000Z", updatedBy: "provider", updatedDateTime: "2024-06-01T00:00:00.000Z" },
  };
}

const changeLog = (created: number, updated: number) => ({
  createdBy: "sandbox-admin",
  createdByFullName: "Sandbox Admin",
  createdByEmail: "sandbox-admin@sandbox.example",
  createdDateTime: iso(created),
  updatedBy: "sandbox-admin",
  updatedByFullName: "Sandbox Admin",
  updatedByEmail: "sandbox-admin@sandbox.example",
  updatedDateTime: iso(updated),
});

/** An A-side service token as `GET /fabric/v4/serviceTokens/{id}` returns it. */
export function renderServiceToken(a: ASides, t: ServiceTokenRecord, base: string): Record<string, unknown> {
  const lp = t.linkProtocol;
  return {
    href: `${base}/fabric/v4/serviceTokens/${t.uuid}`,
    type: t.type,
    uuid: t.uuid,
    name: t.name,
    description: t.description,
    state: a.tokenState(t),
    expirationDateTime: iso(t.expiresAt),
    connection: {
      type: "EVPL_VC",
      ...(t.connectionUuid ? { href: `${base}/fabric/v4/connections/${t.connectionUuid}`, uuid: t.connectionUuid } : {}),
      allowRemoteConnection: t.allowRemoteConnection,
      allowCustomBandwidth: false,
      bandwidthLimit: t.bandwidthLimit,
      aSide: {
        accessPointSelectors: [
          {
            type: "COLO",
            port: { href: `${base}/fabric/v4/ports/${t.port.uuid}`, type: "XF_PORT", uuid: t.port.uuid },
            linkProtocol: lp.type === "DOT1Q" ? { type: "DOT1Q", vlanTag: lp.vlanTag } : { type: "QINQ", vlanSTag: lp.vlanSTag, ...(lp.vlanCTag !== undefined ? { vlanCTag: lp.vlanCTag } : {}) },
          },
        ],
      },
    },
    notifications: [{ type: "ALL", emails: ["noc@sandbox.example"] }],
    account: { orgId: ACCOUNT.orgId },
    changelog: changeLog(t.createdAt, t.updatedAt),
    project: { projectId: t.projectId },
  };
}

/**
 * A Fabric Cloud Router as `GET /fabric/v4/routers/{id}` returns it; `connections` = its live connections,
 * `state` its state now (`ASides.routerState`). A router ordered through the API also shows its order,
 * notifications and last change (sandbox/equinix/routers.ts).
 */
export function renderCloudRouter(r: CloudRouterRecord, base: string, connections: number, state: string = r.state, now?: number): Record<string, unknown> {
  if (r.api) return renderApiRouter(r, r.api, base, connections, state, now ?? r.updatedAt);
  return routerBody(r, base, state, connections, {
    notifications: [{ type: "ALL", emails: ["noc@sandbox.example"] }],
    accountNumber: ACCOUNT.accountNumber,
    changeLog: changeLog(r.createdAt, r.updatedAt),
  });
}

/**
 * A Network Edge device as `GET /ne/v1/devices/{uuid}` returns it (the Network Edge API: flat fields,
 * `interfaces` with their status: ASSIGNED when the management interface or used by a connection).
 */
export function renderVirtualDevice(d: VirtualDeviceRecord, used: Set<number>): Record<string, unknown> {
  const m = metro(d.metroCode);
  return {
    uuid: d.uuid,
    name: d.name,
    deviceTypeCode: d.deviceTypeCode,
    status: d.status,
    licenseStatus: "REGISTERED",
    metroCode: d.metroCode,
    ibx: m?.ibx,
    region: m?.region,
    throughput: "1",
    throughputUnit: "Gbps",
    hostName: d.name.toLowerCase(),
    packageCode: "network-essentials",
    version: "17.09.01a",
    licenseType: "Sub",
    accountNumber: String(ACCOUNT.accountNumber),
    notifications: ["noc@sandbox.example"],
    redundancyType: "PRIMARY",
    interfaceCount: d.interfaces.length,
    deviceManagementType: "SELF-CONFIGURED",
    projectId: d.projectId,
    createdDate: iso(d.createdAt),
    lastUpdatedDate: iso(d.updatedAt),
    interfaces: d.interfaces.map((i) => ({
      id: i.id,
      name: i.name,
      status: i.type === "MGMT" || used.has(i.id) ? "ASSIGNED" : "AVAILABLE",
      operationalStatus: d.status === "PROVISIONED" ? "up" : "down",
      macAddress: `02:00:5e:${d.uuid.slice(0, 2)}:${d.uuid.slice(2, 4)}:${i.id.toString(16).padStart(2, "0")}`,
      assignedType: i.type === "MGMT" ? "Equinix Managed" : "",
      type: i.type,
    })),
  };
}
