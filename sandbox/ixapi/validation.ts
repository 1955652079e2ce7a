import type { Prop } from "./model";

// The field rules of IX-API requests: each pushes the problems it finds (RFC 7807 `properties`) and
// throws nothing, so one answer names every bad field.

const ETHERTYPES = ["0x8100", "0x88a8", "0x9100"];
const ACCOUNT_FIELDS = ["managing_account", "consuming_account", "billing_account"];

/** The account fields (all three by default): required, and accounts the exchange knows. */
export function checkAccounts(b: Record<string, unknown>, accounts: { id: string }[], props: Prop[], fields = ACCOUNT_FIELDS): void {
  for (const f of fields) {
    if (typeof b[f] !== "string") props.push({ name: f, reason: "This field is required." });
    else if (!accounts.some((a) => a.id === b[f])) props.push({ name: f, reason: `unknown account ${b[f]}` });
  }
}

/** external_ref, purchase_order, contract_ref: optional strings of bounded length. */
export function checkRefs(b: Record<string, unknown>, props: Prop[]): void {
  const str = (k: string, max: number) => {
    const v = b[k];
    if (v === undefined || v === null) return;
    if (typeof v !== "string") props.push({ name: k, reason: "must be a string" });
    else if (v.length > max) props.push({ name: k, reason: `Ensure this field has no more than ${max} characters.` });
  };
  str("external_ref", 128);
  str("purchase_order", 80);
  str("contract_ref", 128);
}

/** A contact's own fields: lengths, email, E.164 telephone. */
export function checkContactFields(b: Record<string, unknown>, props: Prop[]): void {
  const max: Record<string, number> = { name: 128, email: 80, telephone: 40, external_ref: 128 };
  for (const [k, m] of Object.entries(max)) {
    const v = b[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string" || v.length > m) props.push({ name: k, reason: `must be a string of at most ${m} characters` });
  }
  if (typeof b.email === "string" && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(b.email)) props.push({ name: "email", reason: "Enter a valid email address." });
  if (typeof b.telephone === "string" && !/^\+[1-9]\d{1,14}$/.test(b.telephone)) props.push({ name: "telephone", reason: "must be in E.164 format, e.g. +442071838750" });
}

/** A vlan_config of type dot1q, qinq or port, against the VLAN types the connection supports; the config when well-formed. */
export function checkVlanConfig(v: unknown, props: Prop[], connectionVlanTypes: string[] | undefined): Record<string, unknown> | undefined {
  if (!v || typeof v !== "object") {
    props.push({ name: "vlan_config", reason: "This field is required." });
    return undefined;
  }
  const o = v as Record<string, unknown>;
  const tag = (k: string, required: boolean) => {
    const x = o[k];
    if (x === undefined || x === null) {
      if (required) props.push({ name: `vlan_config.${k}`, reason: "This field is required." });
      return;
    }
    if (!Number.isInteger(x) || (x as number) < 1 || (x as number) > 4094) props.push({ name: `vlan_config.${k}`, reason: "must be an integer 1..4094" });
  };
  const eth = (k: string) => {
    if (o[k] !== undefined && !ETHERTYPES.includes(o[k] as string)) props.push({ name: `vlan_config.${k}`, reason: `must be one of ${ETHERTYPES.join(", ")}` });
  };
  if (o.vlan_type === "dot1q") {
    tag("vlan", false);
    eth("vlan_ethertype");
  } else if (o.vlan_type === "qinq") {
    tag("outer_vlan", false);
    tag("inner_vlan", true);
    eth("outer_vlan_ethertype");
  } else if (o.vlan_type !== "port") {
    props.push({ name: "vlan_config.vlan_type", reason: "must be dot1q, qinq or port" });
    return undefined;
  }
  if (connectionVlanTypes && !connectionVlanTypes.includes(o.vlan_type as string)) {
    props.push({ name: "vlan_config.vlan_type", reason: `the connection supports ${connectionVlanTypes.join(", ")}` });
  }
  return o;
}

/** The outer tag a config occupies on its connection ("port" occupies the whole port). */
export function outerTag(v: Record<string, unknown>): number | "port" | undefined {
  if (v.vlan_type === "port") return "port";
  return (v.vlan_type === "dot1q" ? v.vlan : v.outer_vlan) as number | undefined;
}
