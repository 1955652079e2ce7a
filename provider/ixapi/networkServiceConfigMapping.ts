import { z } from "zod";
import { ChangeRule } from "../core/diff";
import { keptTimeouts, timeoutsSchema } from "../core/timeouts";
import { defined } from "../core/outputs";
import { NetworkServiceConfig } from "./client";
import { id } from "./common";
import { GONE_STATES } from "./networkServiceMapping";
import { accountAndRefRules, accountInputs, accountsAndRefsToWire, readBackAccountsAndRefs, refInputs, statefulOutputs } from "./sharedMapping";

const tag = z.number().int("must be a whole number").min(1, "must be between 1 and 4094").max(4094, "must be between 1 and 4094");
const ethertype = z.enum(["0x8100", "0x88a8", "0x9100"]);

export const VlanConfig = z.discriminatedUnion("vlanType", [
  z.object({ vlanType: z.literal("dot1q"), vlan: tag, vlanEthertype: ethertype.optional() }).strict(),
  z.object({ vlanType: z.literal("qinq"), outerVlan: tag, outerVlanEthertype: ethertype.optional(), innerVlan: tag }).strict(),
  z.object({ vlanType: z.literal("port") }).strict(),
]);
export type VlanConfig = z.output<typeof VlanConfig>;

export const NetworkServiceConfigInputs = z
  .object({
    networkService: id,
    connection: id,
    ...accountInputs,
    vlanConfig: VlanConfig,
    handover: z.number().int("must be a whole number").min(1, "must be at least 1 (and at most the service's diversity)"),
    cloudVlan: tag.nullable().optional(),
    roleAssignments: z.array(id).default([]),
    ...refInputs,
    timeouts: timeoutsSchema.optional(),
  })
  .strict();
export type NetworkServiceConfigInputs = z.output<typeof NetworkServiceConfigInputs>;

export function vlanToWire(v: VlanConfig): Record<string, unknown> {
  if (v.vlanType === "dot1q") return { vlan_type: "dot1q", vlan: v.vlan, vlan_ethertype: v.vlanEthertype ?? "0x8100" };
  if (v.vlanType === "qinq") return { vlan_type: "qinq", outer_vlan: v.outerVlan, outer_vlan_ethertype: v.outerVlanEthertype ?? "0x8100", inner_vlan: v.innerVlan };
  return { vlan_type: "port" };
}

/** The vlan config as read back, in the user's shape (ethertypes only when the user set them). */
export function vlanFromWire(w: Record<string, unknown> | undefined, old: VlanConfig): VlanConfig {
  if (!w) return old;
  if (w.vlan_type === "dot1q") return defined({ vlanType: "dot1q" as const, vlan: w.vlan as number, vlanEthertype: old.vlanType === "dot1q" && old.vlanEthertype ? (w.vlan_ethertype as VlanConfig & string) ?? old.vlanEthertype : undefined }) as VlanConfig;
  if (w.vlan_type === "qinq") return defined({ vlanType: "qinq" as const, outerVlan: w.outer_vlan as number, innerVlan: w.inner_vlan as number, outerVlanEthertype: old.vlanType === "qinq" && old.outerVlanEthertype ? (w.outer_vlan_ethertype as never) ?? old.outerVlanEthertype : undefined }) as VlanConfig;
  return { vlanType: "port" };
}

export function buildConfigRequest(v: Omit<NetworkServiceConfigInputs, "timeouts" | "roleAssignments"> & { roleAssignments?: string[] }): Record<string, unknown> {
  return defined({
    type: "cloud_vc",
    network_service: v.networkService,
    connection: v.connection,
    ...accountsAndRefsToWire(v),
    role_assignments: v.roleAssignments ?? [],
    vlan_config: vlanToWire(v.vlanConfig),
    handover: v.handover,
    cloud_vlan: v.cloudVlan ?? null,
  });
}

export function readBackInputs(c: NetworkServiceConfig, old: NetworkServiceConfigInputs): NetworkServiceConfigInputs {
  return defined({
    networkService: c.network_service ?? old.networkService,
    connection: c.connection ?? old.connection,
    ...readBackAccountsAndRefs(c, old),
    vlanConfig: vlanFromWire(c.vlan_config, old.vlanConfig),
    handover: c.handover ?? old.handover,
    cloudVlan: old.cloudVlan !== undefined || c.cloud_vlan != null ? c.cloud_vlan ?? null : undefined,
    roleAssignments: c.role_assignments ?? old.roleAssignments,
    ...keptTimeouts(old),
  }) as NetworkServiceConfigInputs;
}

export function toOutputs(c: NetworkServiceConfig, old: NetworkServiceConfigInputs): Record<string, unknown> {
  return statefulOutputs(c, readBackInputs(c, old), "configId");
}

export const updateTable: Record<string, ChangeRule> = {
  networkService: "replace",
  handover: "replace",
  cloudVlan: "replace",
  ...accountAndRefRules,
  connection: "update",
  vlanConfig: "update",
  roleAssignments: "update",
  timeouts: "ignore",
};

export function mergePatch(olds: Partial<NetworkServiceConfigInputs>, news: NetworkServiceConfigInputs): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (!same(olds.connection, news.connection)) out.connection = news.connection;
  if (!olds.vlanConfig || !same(vlanToWire(olds.vlanConfig), vlanToWire(news.vlanConfig))) out.vlan_config = vlanToWire(news.vlanConfig);
  if (!same(olds.roleAssignments, news.roleAssignments)) out.role_assignments = news.roleAssignments;
  if (!same(olds.externalRef, news.externalRef)) out.external_ref = news.externalRef ?? null;
  if (!same(olds.purchaseOrder, news.purchaseOrder)) out.purchase_order = news.purchaseOrder ?? "";
  if (!same(olds.contractRef, news.contractRef)) out.contract_ref = news.contractRef ?? null;
  return out;
}

/** Replacing onto the same service, handover and cloud VLAN would collide: delete the old config first. */
export function sameSlot(olds: Partial<NetworkServiceConfigInputs>, news: NetworkServiceConfigInputs): boolean {
  return olds.networkService === news.networkService && olds.handover === news.handover && (olds.cloudVlan ?? null) === (news.cloudVlan ?? null);
}

/** A config the exchange has removed (refresh drops it; a delete is done): the states of its service. */
export function isNetworkServiceConfigGone(c: Pick<NetworkServiceConfig, "state">): boolean {
  return GONE_STATES.has(c.state ?? "");
}
