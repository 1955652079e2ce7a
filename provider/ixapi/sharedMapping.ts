import { ChangeRule } from "../core/diff";
import { id, ref } from "./common";

/**
 * The fields IX-API's service objects share (network services and their configs: the "Using IX-API for
 * Cloud Service" guide): the three accounts and the customer's references, in the inputs' names and on the wire.
 */
export const accountInputs = { managingAccount: id, consumingAccount: id, billingAccount: id };
export const refInputs = { externalRef: ref(128).optional(), purchaseOrder: ref(80).optional(), contractRef: ref(128).optional() };

/** How a change of them is made: a new account is a new object; the references change in place (merge PATCH). */
export const accountAndRefRules: Record<string, ChangeRule> = {
  managingAccount: "replace",
  consumingAccount: "replace",
  billingAccount: "replace",
  externalRef: "update",
  purchaseOrder: "update",
  contractRef: "update",
};

interface AccountsAndRefs {
  managingAccount: string;
  consumingAccount: string;
  billingAccount: string;
  externalRef?: string;
  purchaseOrder?: string;
  contractRef?: string;
}

interface WireAccountsAndRefs {
  managing_account?: string;
  consuming_account?: string;
  billing_account?: string;
  external_ref?: string | null;
  purchase_order?: string | null;
  contract_ref?: string | null;
}

/** The accounts and references of a request body (undefined ones are for the caller's defined()). */
export function accountsAndRefsToWire(v: AccountsAndRefs): WireAccountsAndRefs {
  return {
    managing_account: v.managingAccount,
    consuming_account: v.consumingAccount,
    billing_account: v.billingAccount,
    external_ref: v.externalRef,
    purchase_order: v.purchaseOrder,
    contract_ref: v.contractRef,
  };
}

/**
 * The accounts and references as the exchange now has them: its values replace the old ones; a purchase
 * order or contract reference the user never set stays unset unless the exchange reports one.
 */
export function readBackAccountsAndRefs(w: WireAccountsAndRefs, old: AccountsAndRefs): AccountsAndRefs {
  return {
    managingAccount: w.managing_account ?? old.managingAccount,
    consumingAccount: w.consuming_account ?? old.consumingAccount,
    billingAccount: w.billing_account ?? old.billingAccount,
    externalRef: w.external_ref ?? old.externalRef,
    purchaseOrder: old.purchaseOrder !== undefined || w.purchase_order ? w.purchase_order ?? old.purchaseOrder : undefined,
    contractRef: old.contractRef !== undefined || w.contract_ref ? w.contract_ref ?? old.contractRef : undefined,
  };
}

/** A stateful object's outputs (network services and configs): its inputs as read back, its id (as `idOutput`), its `state` and `statusMessages`. */
export function statefulOutputs(x: { id: string; state?: string; status?: Array<{ message?: string }> }, inputs: object, idOutput: string): Record<string, unknown> {
  return { ...inputs, [idOutput]: x.id, state: x.state ?? "unknown", statusMessages: (x.status ?? []).map((s) => s.message ?? "").filter(Boolean) };
}

/** Merge PATCH members for the listed inputs that changed (`[input, wire name]`); null clears a removed value. */
export function changedMembers<T>(olds: Partial<T>, news: T, pairs: Array<[keyof T, string]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, wire] of pairs) if (JSON.stringify(olds[k] ?? null) !== JSON.stringify(news[k] ?? null)) out[wire] = news[k] ?? null;
  return out;
}
