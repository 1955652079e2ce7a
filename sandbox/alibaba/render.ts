import type { PcRecord, VbrRecord } from "./model";
import { EQUINIX_PARTNER_UID, type AlibabaWorld } from "./world";

/** Alibaba's timestamps: ISO 8601 to the second. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** A physical connection as DescribePhysicalConnections returns it. */
export function renderPc(w: AlibabaWorld, pc: PcRecord): Record<string, unknown> {
  const now = w.now;
  const status = w.statusOf(pc);
  const enabledAt = pc.status.timeOf((s) => s === "Enabled");
  const hosted = pc.productType === "VirtualPhysicalConnection";
  return {
    PhysicalConnectionId: pc.id,
    AccessPointId: pc.accessPointId,
    AdLocation: "",
    Bandwidth: pc.bandwidth ?? 0,
    BusinessStatus: "Normal",
    ChargeType: "Prepaid",
    CircuitCode: pc.circuitCode ?? "",
    CreationTime: iso(pc.createdAt),
    Description: pc.description ?? "",
    EnabledTime: enabledAt !== undefined && enabledAt <= now ? iso(enabledAt) : "",
    EndTime: "",
    LineOperator: pc.lineOperator,
    LoaStatus: hosted ? "" : "Available",
    Name: pc.name ?? "",
    // A number (the official models type it so); only hosted connections have a parent.
    ...(hosted ? { ParentPhysicalConnectionAliUid: Number(pc.parentOwner ?? EQUINIX_PARTNER_UID) } : {}),
    ParentPhysicalConnectionId: pc.parentId ?? "",
    PeerLocation: pc.peerLocation ?? "",
    PortNumber: hosted ? "" : "1/1/1",
    PortType: pc.portType ?? "",
    ProductType: pc.productType,
    RedundantPhysicalConnectionId: pc.redundantId ?? "",
    Spec: pc.spec ?? (pc.bandwidth ? (pc.bandwidth >= 1000 ? `${Math.round(pc.bandwidth / 1000)}G` : `${pc.bandwidth}M`) : ""),
    Status: status,
    Type: pc.type,
    // A string on connections: the vendor's own quirk.
    VlanId: pc.vlanId !== undefined ? String(pc.vlanId) : "",
    VpconnStatus: hosted ? pc.vpconnStatus : "",
    OrderMode: hosted ? pc.orderMode : "",
    Tags: { tags: [] },
  };
}

/** The peering fields a VBR carries in both DescribeVirtualBorderRouters and ...ForPhysicalConnection. */
function peering(w: AlibabaWorld, v: VbrRecord): Record<string, unknown> {
  return {
    CircuitCode: v.circuitCode ?? "",
    LocalGatewayIp: v.localGatewayIp ?? "",
    PeerGatewayIp: v.peerGatewayIp ?? "",
    PeeringSubnetMask: v.peeringSubnetMask ?? "",
    EnableIpv6: v.enableIpv6,
    LocalIpv6GatewayIp: v.localIpv6GatewayIp ?? "",
    PeerIpv6GatewayIp: v.peerIpv6GatewayIp ?? "",
    PeeringIpv6SubnetMask: v.peeringIpv6SubnetMask ?? "",
    CreationTime: iso(v.createdAt),
    ActivationTime: v.activatedAt ? iso(v.activatedAt) : "",
    TerminationTime: v.terminatedAt && v.terminatedAt <= w.now ? iso(v.terminatedAt) : "",
  };
}

/** A VBR as DescribeVirtualBorderRouters returns it. */
export function renderVbr(w: AlibabaWorld, v: VbrRecord): Record<string, unknown> {
  const pc = w.connections.get(v.pcId);
  return {
    VbrId: v.id,
    Status: w.vbrStatus(v),
    Name: v.name ?? "",
    Description: v.description ?? "",
    ...peering(w, v),
    // A number on VBRs.
    VlanId: v.vlanId,
    VlanInterfaceId: v.vlanInterfaceId,
    Bandwidth: v.bandwidth ?? 0,
    Mtu: v.mtu,
    MinRxInterval: v.minRxInterval,
    MinTxInterval: v.minTxInterval,
    DetectMultiplier: v.detectMultiplier,
    RouteTableId: v.routeTableId,
    AccessPointId: pc?.accessPointId ?? "",
    PhysicalConnectionId: v.pcId,
    PhysicalConnectionOwnerUid: pc?.owner ?? "",
    PhysicalConnectionStatus: pc ? w.statusOf(pc) : "",
    PhysicalConnectionBusinessStatus: "Normal",
    Tags: { Tags: [] },
  };
}

/** A VBR as DescribeVirtualBorderRoutersForPhysicalConnection returns it. */
export function renderVbrForPc(w: AlibabaWorld, v: VbrRecord): Record<string, unknown> {
  return {
    VbrId: v.id,
    VbrName: v.name ?? "",
    Status: w.vbrStatus(v),
    VlanId: v.vlanId,
    // A string here.
    Bandwidth: String(v.bandwidth ?? 0),
    // A number here (a string on DescribeVirtualBorderRouters' PhysicalConnectionOwnerUid).
    VbrOwnerUid: Number(v.owner),
    ...peering(w, v),
    RecoveryTime: "",
    Type: "Normal",
    EccId: "",
  };
}
