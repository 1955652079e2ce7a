import { z } from "zod";
import { updateTableOf } from "../core/diff";
import { inputKeys, pickKeys } from "../core/lifecycle";
import { fail } from "../core/validation";
import { timeoutsSchema } from "../core/timeouts";
import { VirtualBorderRouter } from "./client";
import { aliDescription, present, vbrName } from "./common";
import { readBackOptional, textOutputs } from "./sharedMapping";

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const ipv4 = z.string().regex(IPV4, "must be an IPv4 address such as 10.0.0.1");
const ipv6 = z.string().regex(/^[0-9a-fA-F:]+$/, "must be an IPv6 address").refine((v) => v.includes(":"), { message: "must be an IPv6 address" });

export function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, o) => a * 256 + Number(o), 0) >>> 0;
}

/** The prefix length of a dotted mask, or undefined when it is not a contiguous mask. */
export function prefixOf(mask: string): number | undefined {
  const bits = ipToInt(mask).toString(2).padStart(32, "0");
  if (/01/.test(bits)) return undefined;
  const i = bits.indexOf("0");
  return i === -1 ? 32 : i;
}

export const VirtualBorderRouterInputs = z
  .object({
    physicalConnectionId: z.string().regex(/^pc-/, "must be a physical connection id (pc-...)"),
    vlanId: z.number().int("must be a whole number").min(0, "must be 0 to 2999").max(2999, "must be 0 to 2999"),
    localGatewayIp: ipv4,
    peerGatewayIp: ipv4,
    peeringSubnetMask: ipv4,
    enableIpv6: z.boolean().optional(),
    localIpv6GatewayIp: ipv6.optional(),
    peerIpv6GatewayIp: ipv6.optional(),
    peeringIpv6SubnetMask: z.string().min(1).optional(),
    name: vbrName.optional(),
    description: aliDescription.optional(),
    bandwidth: z.number().int("must be a whole number of Mbps").min(2, "must be at least 2 Mbps").max(102400, "must be at most 102400 Mbps").optional(),
    circuitCode: z.string().min(1).optional(),
    mtu: z.union([z.literal(1500), z.literal(8500)], { errorMap: () => ({ message: "must be 1500 or 8500" }) }).optional(),
    minRxInterval: z.number().int().min(200, "must be 200 to 1000 ms").max(1000, "must be 200 to 1000 ms").optional(),
    minTxInterval: z.number().int().min(200, "must be 200 to 1000 ms").max(1000, "must be 200 to 1000 ms").optional(),
    detectMultiplier: z.number().int().min(3, "must be 3 to 10").max(10, "must be 3 to 10").optional(),
    timeouts: timeoutsSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const prefix = IPV4.test(v.peeringSubnetMask) ? prefixOf(v.peeringSubnetMask) : undefined;
    if (IPV4.test(v.peeringSubnetMask) && (prefix === undefined || prefix < 24 || prefix > 30)) {
      fail(ctx, ["peeringSubnetMask"], "must be a mask from /24 (255.255.255.0) to /30 (255.255.255.252)");
    } else if (prefix !== undefined && IPV4.test(v.localGatewayIp) && IPV4.test(v.peerGatewayIp)) {
      const mask = ipToInt(v.peeringSubnetMask);
      if (((ipToInt(v.localGatewayIp) & mask) >>> 0) !== ((ipToInt(v.peerGatewayIp) & mask) >>> 0)) {
        fail(ctx, ["peerGatewayIp"], `must be in the same /${prefix} subnet as localGatewayIp ${v.localGatewayIp}`);
      } else if (v.localGatewayIp === v.peerGatewayIp) {
        fail(ctx, ["peerGatewayIp"], "must differ from localGatewayIp");
      } else {
        const host = (ip: string) => (ipToInt(ip) & ~mask) >>> 0;
        const broadcast = (~mask >>> 0) & 0xffffffff;
        for (const f of ["localGatewayIp", "peerGatewayIp"] as const) {
          const h = host(v[f]);
          if (h === 0 || h === broadcast) fail(ctx, [f], `must be a host address of its /${prefix} subnet, not the network or broadcast address`);
        }
      }
    }
    const six = [v.localIpv6GatewayIp, v.peerIpv6GatewayIp, v.peeringIpv6SubnetMask].filter((x) => x !== undefined).length;
    if (v.enableIpv6 && six !== 3) fail(ctx, ["enableIpv6"], "requires localIpv6GatewayIp, peerIpv6GatewayIp and peeringIpv6SubnetMask");
    if (six > 0 && !v.enableIpv6) fail(ctx, ["enableIpv6"], "must be true when IPv6 gateway addresses are set");
  });
export type VirtualBorderRouterInputs = z.output<typeof VirtualBorderRouterInputs>;

export const VBR_INPUT_KEYS = inputKeys(VirtualBorderRouterInputs);

export const updateTable = updateTableOf(VBR_INPUT_KEYS, { replace: ["physicalConnectionId"] });

/** A VBR being deleted: it counts as gone (refresh drops it; a create does not adopt it). */
export function isVirtualBorderRouterGone(v: VirtualBorderRouter): boolean {
  return v.Status === "deleting";
}

/** Input -> ModifyVirtualBorderRouterAttribute parameter. */
const PARAMS: Record<string, string> = {
  vlanId: "VlanId",
  localGatewayIp: "LocalGatewayIp",
  peerGatewayIp: "PeerGatewayIp",
  peeringSubnetMask: "PeeringSubnetMask",
  enableIpv6: "EnableIpv6",
  localIpv6GatewayIp: "LocalIpv6GatewayIp",
  peerIpv6GatewayIp: "PeerIpv6GatewayIp",
  peeringIpv6SubnetMask: "PeeringIpv6SubnetMask",
  name: "Name",
  description: "Description",
  bandwidth: "Bandwidth",
  circuitCode: "CircuitCode",
  mtu: "Mtu",
  minRxInterval: "MinRxInterval",
  minTxInterval: "MinTxInterval",
  detectMultiplier: "DetectMultiplier",
};

/** The optional inputs the VBR reports back, each under its parameter's name (bandwidth aside: 0 reads as unset). */
const READ_BACK_OPTIONAL = Object.fromEntries(
  VBR_INPUT_KEYS.filter((k) => PARAMS[k] && k !== "bandwidth" && VirtualBorderRouterInputs.innerType().shape[k].isOptional()).map((k) => [k, PARAMS[k]]),
) as Partial<Record<keyof VirtualBorderRouterInputs, keyof VirtualBorderRouter>>;

/** The inputs set after the create, with a Modify: MTU and the BFD timers. */
export const AFTER_CREATE_KEYS = ["mtu", "minRxInterval", "minTxInterval", "detectMultiplier"];
/** CreateVirtualBorderRouter takes every other input that has a parameter (the connection is its own). */
export const CREATE_KEYS = VBR_INPUT_KEYS.filter((k) => PARAMS[k] !== undefined && !AFTER_CREATE_KEYS.includes(k));

export function createParams(v: VirtualBorderRouterInputs): Record<string, unknown> {
  const out: Record<string, unknown> = { PhysicalConnectionId: v.physicalConnectionId };
  for (const k of CREATE_KEYS) out[PARAMS[k]] = (v as Record<string, unknown>)[k];
  return out;
}

export function afterCreateParams(v: VirtualBorderRouterInputs): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const k of AFTER_CREATE_KEYS) if ((v as Record<string, unknown>)[k] !== undefined) out[PARAMS[k]] = (v as Record<string, unknown>)[k];
  return Object.keys(out).length ? out : undefined;
}

export function modifyParams(olds: Partial<VirtualBorderRouterInputs>, news: VirtualBorderRouterInputs): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, param] of Object.entries(PARAMS)) {
    const n = (news as Record<string, unknown>)[k];
    if (n !== undefined && n !== (olds as Record<string, unknown>)[k]) out[param] = n;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Whether the VBR shows every modified value (the change is applied). */
export function reflects(v: VirtualBorderRouter, params: Record<string, unknown>): boolean {
  return Object.entries(params).every(([k, val]) => {
    const got = (v as Record<string, unknown>)[k];
    return got === undefined || String(got) === String(val);
  });
}

/** Output -> field of the VBR, besides the inputs. */
const OUTPUT_FIELDS = {
  status: "Status",
  vlanInterfaceId: "VlanInterfaceId",
  routeTableId: "RouteTableId",
  accessPointId: "AccessPointId",
  physicalConnectionOwnerUid: "PhysicalConnectionOwnerUid",
  physicalConnectionStatus: "PhysicalConnectionStatus",
  creationTime: "CreationTime",
  activationTime: "ActivationTime",
} as const;

export function toOutputs(v: VirtualBorderRouter, inputs: VirtualBorderRouterInputs): Record<string, unknown> {
  return { ...pickKeys(inputs as Record<string, unknown>, VBR_INPUT_KEYS), vbrId: v.VbrId, ...textOutputs(v, OUTPUT_FIELDS) };
}

/** The inputs as Alibaba has them; optional fields the user never set stay unset (no perpetual diffs). */
export function readBackInputs(v: VirtualBorderRouter, old: VirtualBorderRouterInputs): VirtualBorderRouterInputs {
  return {
    ...old,
    physicalConnectionId: present(v.PhysicalConnectionId) ?? old.physicalConnectionId,
    vlanId: v.VlanId ?? old.vlanId,
    localGatewayIp: present(v.LocalGatewayIp) ?? old.localGatewayIp,
    peerGatewayIp: present(v.PeerGatewayIp) ?? old.peerGatewayIp,
    peeringSubnetMask: present(v.PeeringSubnetMask) ?? old.peeringSubnetMask,
    ...readBackOptional(v, old, READ_BACK_OPTIONAL),
    bandwidth: old.bandwidth === undefined ? undefined : v.Bandwidth || undefined,
  };
}
