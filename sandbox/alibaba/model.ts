import type { Timeline } from "../core/clock";

/** A physical connection: dedicated (PhysicalConnection) or hosted (VirtualPhysicalConnection). */
export interface PcRecord {
  id: string;
  /** the Alibaba account id that owns it */
  owner: string;
  region: string;
  productType: "PhysicalConnection" | "VirtualPhysicalConnection";
  accessPointId: string;
  lineOperator: string;
  portType?: string;
  type: string;
  bandwidth?: number;
  circuitCode?: string;
  peerLocation?: string;
  redundantId?: string;
  name?: string;
  description?: string;
  createdAt: number;
  /** Status on the sandbox clock */
  status: Timeline<string>;
  // hosted only
  vpconnStatus?: "Confirmed" | "UnConfirmed" | "Deleted";
  parentId?: string;
  parentOwner?: string;
  vlanId?: number;
  spec?: string;
  orderMode?: string;
  /** hosted: the partner's object it was made for (a Fabric connection's uuid, an IX-API cloud service's id) */
  partner?: { api: string; ref: string };
  /** hosted: the sandbox time at which it becomes visible in the tenant's account */
  visibleAt?: number;
  paid?: boolean;
}

export interface VbrRecord {
  id: string;
  owner: string;
  region: string;
  pcId: string;
  vlanId: number;
  vlanInterfaceId: string;
  routeTableId: string;
  circuitCode?: string;
  localGatewayIp?: string;
  peerGatewayIp?: string;
  peeringSubnetMask?: string;
  enableIpv6: boolean;
  localIpv6GatewayIp?: string;
  peerIpv6GatewayIp?: string;
  peeringIpv6SubnetMask?: string;
  bandwidth?: number;
  mtu: number;
  minRxInterval: number;
  minTxInterval: number;
  detectMultiplier: number;
  name?: string;
  description?: string;
  createdAt: number;
  activatedAt?: number;
  terminatedAt?: number;
  status: Timeline<string>;
}

/** An Alibaba API error: HTTP status and the documented Code. */
export class AliError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

export const PC_ACTIVE_STATUSES = ["Initial", "Approved", "Allocating", "Allocated", "Confirmed", "Enabled"];
export const LINE_OPERATORS = ["CT", "CU", "CM", "CO", "Equinix", "Other"];
export const PORT_TYPES = ["100Base-T", "1000Base-T", "1000Base-LX", "10GBase-T", "10GBase-LR", "40GBase-LR", "100GBase-LR"];

/** "50M", "1G" ... from Mbps. */
export function specOf(mbps: number): string {
  return mbps >= 1000 && mbps % 1000 === 0 ? `${mbps / 1000}G` : `${mbps}M`;
}
