import * as pulumi from "@pulumi/pulumi";
import { Contact } from "../provider/ixapi/contact";
import { NetworkService } from "../provider/ixapi/networkService";
import { NetworkServiceConfig, VlanConfigArgs } from "../provider/ixapi/networkServiceConfig";
import { RoleAssignment } from "../provider/ixapi/roleAssignment";
import { CheckedComponent } from "./common";

/** A VLAN configuration as the component checks it: plain values. */
export interface PlainVlanConfig {
  /** dot1q (one tag), qinq (outer + inner) or port (untagged). */
  vlanType: "dot1q" | "qinq" | "port";
  /** dot1q: the tag, 1..4094. */
  vlan?: number;
  /** qinq: the outer tag, 1..4094. */
  outerVlan?: number;
  /** qinq: the inner tag, 1..4094. */
  innerVlan?: number;
}

/** One peering of a multi-VLAN offering (Azure: private or Microsoft peering) on a handover. */
export interface IxApiPeeringArgs {
  /** The provider VLAN this config selects; null takes every VLAN not matched by another config. */
  cloudVlan: number | null;
  /** The VLAN of this peering on the handover's connection. */
  vlanConfig: PlainVlanConfig;
}

/** One handover of the service: a cloud access port at a pop of the offering's metro area network. */
export interface IxApiHandoverArgs {
  /** The IX-API connection (cloud access port) id, e.g. "CANL-051075". */
  connection: string;
  /** The connection's pop (e.g. "FRA5-A"); when given for every handover, they must differ (true diversity). */
  pop?: string;
  /** For single-VLAN offerings (Alibaba, AWS): the VLAN on the connection. */
  vlanConfig?: PlainVlanConfig;
  /** For multi-VLAN offerings: one config per peering (cloud VLAN) on this handover. */
  peerings?: IxApiPeeringArgs[];
}

/** A contact created for the service, with the roles it is assigned. */
export interface IxApiContactArgs {
  /** Name, email and telephone: what the roles' required_fields demand (noc: email and telephone; implementation: name and email ...). */
  name?: string;
  /** Email address. */
  email?: string;
  /** Telephone number in E.164 form, e.g. "+4969123456789". */
  telephone?: string;
  /** Role names assigned to this contact: the service's nsc_required_contact_roles (e.g. "implementation", "noc", "legal"). */
  roles: string[];
}

export interface IxApiCloudServiceArgs {
  /** The cloud_vc product offering id (its diversity decides how many handovers there are). */
  productOffering: pulumi.Input<string>;
  /** The managing account id; consuming and billing default to it. */
  managingAccount: pulumi.Input<string>;
  /** The consuming account id. Defaults to managingAccount. */
  consumingAccount?: pulumi.Input<string>;
  /** The billing account id. Defaults to managingAccount. */
  billingAccount?: pulumi.Input<string>;
  /** The cloud provider's key (Alibaba: account id; Azure: ExpressRoute service key ...). Secret. */
  cloudKey: pulumi.Input<string>;
  /** Capacity in Mbps, within the offering's bandwidth_min..max; omitted = the offering's maximum. */
  capacity?: pulumi.Input<number>;
  /** Purchase order (up to 80 characters). */
  purchaseOrder?: pulumi.Input<string>;
  /** One entry per handover, handover 1 first (1..diversity); distinct connections, on distinct pops. */
  handovers: IxApiHandoverArgs[];
  /** Contacts and their roles; every config carries all their role assignments. */
  contacts: IxApiContactArgs[];
  /** Leave at this date ("YYYY-MM-DD", checked against the cancellation policy) instead of at once on destroy. */
  decommissionAt?: pulumi.Input<string>;
  /** Time limits for each resource's create, update and delete ("20m" ...). */
  timeouts?: pulumi.Input<{ create?: pulumi.Input<string>; update?: pulumi.Input<string>; delete?: pulumi.Input<string> }>;
}

function vlanIssues(path: string, v: PlainVlanConfig | undefined): string[] {
  if (!v) return [`${path} is required`];
  const tag = (name: string, value: number | undefined, required: boolean): string[] =>
    value === undefined
      ? required
        ? [`${path}.${name} is required for vlanType ${v.vlanType}`]
        : []
      : Number.isInteger(value) && value >= 1 && value <= 4094
        ? []
        : [`${path}.${name} must be a VLAN tag from 1 to 4094 (got ${value})`];
  if (v.vlanType === "dot1q") return tag("vlan", v.vlan, false);
  if (v.vlanType === "qinq") return [...tag("outerVlan", v.outerVlan, true), ...tag("innerVlan", v.innerVlan, false)];
  if (v.vlanType === "port") return v.vlan !== undefined ? [`${path}.vlan must be omitted for vlanType port`] : [];
  return [`${path}.vlanType must be dot1q, qinq or port (got ${String(v.vlanType)})`];
}

/** Checks everything before anything is created; messages name the field (and the conflicting one). */
export function validateIxApiCloudService(args: IxApiCloudServiceArgs): string[] {
  const errors: string[] = [];
  if (!args.handovers?.length) errors.push("handovers must list at least one handover (1..the offering's diversity)");
  (args.handovers ?? []).forEach((h, i) => {
    const at = `handovers[${i}]`;
    if (!h.connection) errors.push(`${at}.connection is required`);
    if (!!h.vlanConfig === !!h.peerings) {
      errors.push(`${at} must set exactly one of vlanConfig (single-VLAN offerings) or peerings (multi-VLAN offerings)`);
    }
    if (h.vlanConfig) errors.push(...vlanIssues(`${at}.vlanConfig`, h.vlanConfig));
    const seen = new Set<string>();
    (h.peerings ?? []).forEach((p, j) => {
      errors.push(...vlanIssues(`${at}.peerings[${j}].vlanConfig`, p.vlanConfig));
      const key = String(p.cloudVlan);
      if (seen.has(key)) errors.push(`${at}.peerings[${j}].cloudVlan ${key} is already used on this handover: one config per (handover, cloud VLAN)`);
      seen.add(key);
    });
    for (let k = 0; k < i; k++) {
      const other = args.handovers[k];
      if (other.connection && other.connection === h.connection) {
        errors.push(`${at}.connection must differ from handovers[${k}].connection (${h.connection}): each handover needs its own cloud access port`);
      }
      if (h.pop && other.pop && h.pop === other.pop) {
        errors.push(`${at}.pop must differ from handovers[${k}].pop (${h.pop}): diverse handovers sit at different pops`);
      }
    }
  });
  if (!args.contacts?.length) errors.push("contacts must list at least one contact carrying the service's required roles");
  const roles = new Set<string>();
  (args.contacts ?? []).forEach((c, i) => {
    if (!c.roles?.length) errors.push(`contacts[${i}].roles must name at least one role`);
    for (const r of c.roles ?? []) {
      if (roles.has(r)) errors.push(`contacts[${i}].roles: role ${r} is already assigned to another contact`);
      roles.add(r);
    }
  });
  return errors;
}

/**
 * A cloud_vc network service at an exchange (IX-API) with one config per handover (and per peering for
 * multi-VLAN offerings) on connections at distinct pops, and the contacts and role assignments every
 * config carries. `ready` resolves to true once every config (and so the service) is in production.
 */
export class IxApiCloudService extends CheckedComponent {
  readonly service: NetworkService;
  readonly contacts: Contact[] = [];
  readonly roleAssignments: RoleAssignment[] = [];
  readonly configs: NetworkServiceConfig[] = [];
  readonly serviceId: pulumi.Output<string>;
  /** Per config: handover, cloud VLAN, connection, state. */
  readonly handovers: pulumi.Output<Array<{ handover: number; cloudVlan: number | null; connection: string; configId: string; state: string }>>;
  /** True once the service and every config are in production. */
  readonly ready: pulumi.Output<boolean>;

  constructor(name: string, args: IxApiCloudServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("IxApiCloudService", name, validateIxApiCloudService(args), opts);
    const accounts = {
      managingAccount: args.managingAccount,
      consumingAccount: args.consumingAccount ?? args.managingAccount,
      billingAccount: args.billingAccount ?? args.managingAccount,
    };
    this.service = new NetworkService(
      `${name}-service`,
      {
        ...accounts,
        productOffering: args.productOffering,
        cloudKey: pulumi.secret(args.cloudKey),
        capacity: args.capacity,
        purchaseOrder: args.purchaseOrder,
        decommissionAt: args.decommissionAt,
        timeouts: args.timeouts,
      },
      { parent: this },
    );
    args.contacts.forEach((c, i) => {
      const contact = new Contact(
        `${name}-contact-${i + 1}`,
        { managingAccount: accounts.managingAccount, consumingAccount: accounts.consumingAccount, name: c.name, email: c.email, telephone: c.telephone, roles: c.roles },
        { parent: this },
      );
      this.contacts.push(contact);
      for (const role of c.roles) {
        this.roleAssignments.push(new RoleAssignment(`${name}-${role}`, { role, contact: contact.id }, { parent: this }));
      }
    });
    const assignmentIds = this.roleAssignments.map((a) => a.id);
    const rows: pulumi.Output<{ handover: number; cloudVlan: number | null; connection: string; configId: string; state: string }>[] = [];
    args.handovers.forEach((h, i) => {
      const handover = i + 1;
      const entries: Array<{ suffix: string; cloudVlan?: number | null; vlanConfig: PlainVlanConfig }> = h.peerings
        ? h.peerings.map((p) => ({ suffix: `-vlan-${p.cloudVlan ?? "default"}`, cloudVlan: p.cloudVlan, vlanConfig: p.vlanConfig }))
        : [{ suffix: "", vlanConfig: h.vlanConfig! }];
      for (const e of entries) {
        const config = new NetworkServiceConfig(
          `${name}-handover-${handover}${e.suffix}`,
          {
            ...accounts,
            networkService: this.service.id,
            connection: h.connection,
            handover,
            vlanConfig: e.vlanConfig as VlanConfigArgs,
            ...(e.cloudVlan !== undefined && e.cloudVlan !== null ? { cloudVlan: e.cloudVlan } : {}),
            roleAssignments: assignmentIds,
            timeouts: args.timeouts,
          },
          { parent: this },
        );
        this.configs.push(config);
        rows.push(
          pulumi.all([config.id, config.state]).apply(([configId, state]) => ({
            handover,
            cloudVlan: e.cloudVlan ?? null,
            connection: h.connection,
            configId,
            state,
          })),
        );
      }
    });
    this.serviceId = this.service.id;
    this.handovers = pulumi.all(rows);
    this.ready = this.handovers.apply((hs) => hs.length > 0 && hs.every((h) => h.state === "production"));
    this.registerOutputs({ serviceId: this.serviceId, handovers: this.handovers, ready: this.ready });
  }
}
