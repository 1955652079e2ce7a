import { defined } from "../core/outputs";
import { PhysicalConnection, VirtualBorderRouter } from "./client";
import { present } from "./common";
import { HostedConnectionInputs } from "./hostedConnectionMapping";
import { PhysicalConnectionInputs, rank } from "./physicalConnectionMapping";
import { VirtualBorderRouterInputs } from "./virtualBorderRouterMapping";

/**
 * The inputs a program would write for an object Alibaba already has, built from the object alone (a read
 * from its id with no state, as the classes' static `get` does): every value Alibaba reports, Alibaba's
 * defaults left out, so the read-back of these inputs is the same inputs.
 */

/** Whether stored props (a state's outputs, or a program's inputs) carry the inputs, rather than nothing but `__provider`. */
export function hasInputs(props: Record<string, unknown>, required: string[]): boolean {
  return required.some((k) => props[k] !== undefined);
}

export function physicalConnectionFromVendor(c: PhysicalConnection): PhysicalConnectionInputs {
  const reached = rank(c.Status) >= 0 ? (c.Status as PhysicalConnectionInputs["desiredStatus"]) : "Enabled";
  return defined({
    accessPointId: present(c.AccessPointId) ?? "",
    lineOperator: (present(c.LineOperator) ?? "Other") as PhysicalConnectionInputs["lineOperator"],
    portType: present(c.PortType) as PhysicalConnectionInputs["portType"],
    type: "VPC" as const,
    bandwidth: c.Bandwidth || undefined,
    circuitCode: present(c.CircuitCode),
    peerLocation: present(c.PeerLocation),
    name: present(c.Name),
    description: present(c.Description),
    redundantPhysicalConnectionId: present(c.RedundantPhysicalConnectionId),
    desiredStatus: reached,
  }) as PhysicalConnectionInputs;
}

/** Named by its id; `accept` reads back false while the connection is not confirmed. */
export function hostedConnectionFromVendor(c: PhysicalConnection): HostedConnectionInputs {
  return { physicalConnectionId: c.PhysicalConnectionId, accept: true } as HostedConnectionInputs;
}

/** Alibaba's defaults: MTU 1500, BFD 300 ms / 300 ms / 3 (CreateVirtualBorderRouter, ModifyVirtualBorderRouterAttribute). */
const VBR_DEFAULTS = { mtu: 1500, minRxInterval: 300, minTxInterval: 300, detectMultiplier: 3 };

/**
 * A VBR's inputs. `bandwidth` is left out: on a hosted connection it is the partner's and a program must
 * not set it (the VBR does not say which kind of connection it sits on).
 */
export function virtualBorderRouterFromVendor(v: VirtualBorderRouter): VirtualBorderRouterInputs {
  const unlessDefault = <K extends keyof typeof VBR_DEFAULTS>(k: K, value: number | undefined) => (value === undefined || value === VBR_DEFAULTS[k] ? undefined : value);
  const six = v.EnableIpv6 === true;
  return defined({
    physicalConnectionId: present(v.PhysicalConnectionId) ?? "",
    vlanId: v.VlanId ?? 0,
    localGatewayIp: present(v.LocalGatewayIp) ?? "",
    peerGatewayIp: present(v.PeerGatewayIp) ?? "",
    peeringSubnetMask: present(v.PeeringSubnetMask) ?? "",
    enableIpv6: six ? true : undefined,
    localIpv6GatewayIp: six ? present(v.LocalIpv6GatewayIp) : undefined,
    peerIpv6GatewayIp: six ? present(v.PeerIpv6GatewayIp) : undefined,
    peeringIpv6SubnetMask: six ? present(v.PeeringIpv6SubnetMask) : undefined,
    name: present(v.Name),
    description: present(v.Description),
    circuitCode: present(v.CircuitCode),
    mtu: unlessDefault("mtu", v.Mtu) as 1500 | 8500 | undefined,
    minRxInterval: unlessDefault("minRxInterval", v.MinRxInterval),
    minTxInterval: unlessDefault("minTxInterval", v.MinTxInterval),
    detectMultiplier: unlessDefault("detectMultiplier", v.DetectMultiplier),
  }) as VirtualBorderRouterInputs;
}
