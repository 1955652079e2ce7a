import { defined } from "../core/outputs";
import { NetworkService, NetworkServiceConfig } from "./client";
import { NetworkServiceConfigInputs, VlanConfig } from "./networkServiceConfigMapping";
import { NetworkServiceInputs } from "./networkServiceMapping";

/**
 * The inputs a program would write for an object the exchange already has, built from the object alone (a
 * read from its id with no state, as the classes' static `get` does): every value the exchange reports,
 * its defaults (ethertype 0x8100, no cloud VLAN) left out.
 */

const opt = <T>(v: T | null | undefined): T | undefined => (v === null || v === "" ? undefined : v);

/** The accounts and references services and configs share, as the exchange reports them. */
function accountsAndRefs(x: NetworkService | NetworkServiceConfig) {
  return {
    managingAccount: x.managing_account ?? "",
    consumingAccount: x.consuming_account ?? "",
    billingAccount: x.billing_account ?? "",
    externalRef: opt(x.external_ref),
    purchaseOrder: opt(x.purchase_order),
    contractRef: opt(x.contract_ref),
  };
}

export function networkServiceFromVendor(s: NetworkService): NetworkServiceInputs {
  return defined({ productOffering: s.product_offering ?? "", cloudKey: s.cloud_key ?? "", capacity: opt(s.capacity), ...accountsAndRefs(s) }) as NetworkServiceInputs;
}

function vlanConfigFromVendor(w: NetworkServiceConfig["vlan_config"]): VlanConfig {
  const ethertype = (e: string | undefined) => (e && e !== "0x8100" ? (e as "0x88a8" | "0x9100") : undefined);
  if (w?.vlan_type === "dot1q") return defined({ vlanType: "dot1q" as const, vlan: w.vlan ?? 0, vlanEthertype: ethertype(w.vlan_ethertype) }) as VlanConfig;
  if (w?.vlan_type === "qinq") {
    return defined({ vlanType: "qinq" as const, outerVlan: w.outer_vlan ?? 0, innerVlan: w.inner_vlan ?? 0, outerVlanEthertype: ethertype(w.outer_vlan_ethertype) }) as VlanConfig;
  }
  return { vlanType: "port" };
}

export function networkServiceConfigFromVendor(c: NetworkServiceConfig): NetworkServiceConfigInputs {
  return defined({
    networkService: c.network_service ?? "",
    connection: c.connection ?? "",
    vlanConfig: vlanConfigFromVendor(c.vlan_config),
    handover: c.handover ?? 1,
    cloudVlan: opt(c.cloud_vlan),
    roleAssignments: c.role_assignments ?? [],
    ...accountsAndRefs(c),
  }) as NetworkServiceConfigInputs;
}
