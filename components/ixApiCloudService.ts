import * as pulumi from "@pulumi/pulumi";
import type { PaymentArgs } from "../provider/alibaba/args";
import { HostedConnection } from "../provider/alibaba/hostedConnection";
import { REGION_ID } from "../provider/alibaba/settings";
import { VirtualBorderRouter } from "../provider/alibaba/virtualBorderRouter";
import { Contact } from "../provider/ixapi/contact";
import { NetworkService } from "../provider/ixapi/networkService";
import { NetworkServiceConfig, VlanConfigArgs } from "../provider/ixapi/networkServiceConfig";
import { RoleAssignment } from "../provider/ixapi/roleAssignment";
import { CheckedComponent, credentialSetIssues, credentialsOf, vbrPeeringIssues } from "./common";

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

/** The Alibaba side of one handover: the VBR's peering, and how to find the hosted connection if the VLAN alone cannot. */
export interface IxApiAlibabaHandoverArgs {
  /** Alibaba's side of the BGP peering on the VBR, e.g. "10.20.1.1". */
  localGatewayIp: string;
  /** Your side, in the same subnet, e.g. "10.20.1.2". */
  peerGatewayIp: string;
  /** Peering subnet mask, /24 to /30, e.g. "255.255.255.252". */
  peeringSubnetMask: string;
  /** VBR name (2-128 characters, starting with a letter). Defaults to `<component name>-h<handover>-vbr`. */
  vbrName?: string;
  /**
   * The VLAN of the hosted connection in Alibaba (0 to 2999). Defaults to the handover's VLAN at the
   * exchange (`vlanConfig.vlan`, or `outerVlan` for qinq; the one the exchange assigned when omitted),
   * which the exchange carries to Alibaba. Give it when the exchange tells you another one.
   */
  vlanId?: number;
  /**
   * The exchange's parent connection in Alibaba (pc-...): needed only when several hosted connections in
   * the region carry this handover's VLAN (the create then fails naming them).
   */
  parentPhysicalConnectionId?: string;
}

/**
 * Accepting, in your Alibaba account, the hosted connections an IX-API service to the Alibaba offering
 * makes appear there (one per handover, once the service is in production), and a VBR on each.
 */
export interface IxApiAlibabaArgs {
  /**
   * The Alibaba region of the hosted connections and VBRs: the offering's `service_provider_region`
   * (e.g. "eu-central-1" for Frankfurt). Required: the exchange creates them there, whatever
   * `alicloud:region` says.
   */
  region: string;
  /**
   * The Alibaba credential set (the children's `credentials`) of the account whose id is the service's
   * `cloudKey`, e.g. "ops2" for the `alicloud-ops2:` keys. Omitted: the stack's `alicloud:` keys.
   */
  credentials?: string;
  /** One entry per handover, in the order of `handovers`. */
  handovers: IxApiAlibabaHandoverArgs[];
  /** The explicit payment step of each acceptance (off unless given). */
  payment?: pulumi.Input<PaymentArgs>;
}

/** Per handover, the Alibaba side the component built. */
export interface IxApiAlibabaHandoverOutputs {
  handover: number;
  alibabaConnectionId: string;
  alibabaStatus: string;
  vlanId: number;
  vbrId: string;
  vbrStatus: string;
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
  /**
   * The IX-API credential set of the service, its configs, contacts and role assignments (their
   * `credentials`), e.g. "ix2" for the `ixapi-ix2:` keys. Omitted: the stack's `ixapi:` keys.
   */
  credentials?: string;
  /**
   * For the Alibaba offering: accept each hosted connection the service makes appear in the Alibaba account
   * (`alibaba.HostedConnection`, found by the handover's VLAN in `region`) and put a VBR on it
   * (`alibaba.VirtualBorderRouter`), waiting until both are up. Destroy then takes the VBRs down first, then
   * the hosted connections (terminated and deleted), then the configs and the service. Omitted: the
   * hosted connections are left for you to accept.
   */
  alibaba?: IxApiAlibabaArgs;
}

/** The VLAN the exchange carries to the cloud for a handover, when the program knows it. */
function exchangeVlan(v: PlainVlanConfig | undefined): number | undefined {
  if (!v) return undefined;
  return v.vlanType === "dot1q" ? v.vlan : v.vlanType === "qinq" ? v.outerVlan : undefined;
}

/** The rules of the Alibaba side, before anything is created. */
function alibabaIssues(args: IxApiCloudServiceArgs): string[] {
  const a = args.alibaba;
  if (!a) return [];
  const errors: string[] = [];
  if (typeof a.region !== "string" || !REGION_ID.test(a.region)) {
    errors.push(`alibaba.region must be the offering's Alibaba Cloud region id (its service_provider_region), such as "eu-central-1" (got ${JSON.stringify(a.region)})`);
  }
  errors.push(...credentialSetIssues({ "alibaba.credentials": a.credentials }));
  const handovers = args.handovers ?? [];
  if ((a.handovers ?? []).length !== handovers.length) {
    errors.push(`alibaba.handovers must have one entry per handover, in the same order (${handovers.length} handovers, ${(a.handovers ?? []).length} entries)`);
  }
  const seen = new Map<number, number>();
  (a.handovers ?? []).forEach((h, i) => {
    const at = `alibaba.handovers[${i}]`;
    const handover = handovers[i];
    if (handover?.peerings) errors.push(`handovers[${i}].peerings: Alibaba's offering has a single provider VLAN (provider_vlans single): give vlanConfig, not peerings`);
    errors.push(...vbrPeeringIssues(at, h));
    const vlan = h.vlanId ?? exchangeVlan(handover?.vlanConfig);
    if (h.vlanId !== undefined && (!Number.isInteger(h.vlanId) || h.vlanId < 0 || h.vlanId > 2999)) {
      errors.push(`${at}.vlanId must be a VLAN from 0 to 2999, Alibaba's range for a VBR (got ${h.vlanId})`);
    } else if (h.vlanId === undefined && vlan !== undefined && vlan > 2999) {
      errors.push(`handovers[${i}].vlanConfig: VLAN ${vlan} reaches Alibaba as the hosted connection's VLAN, and a VBR's VLAN is 0 to 2999: choose a VLAN up to 2999, or give ${at}.vlanId if the exchange uses another one`);
    }
    if (handover?.vlanConfig?.vlanType === "port" && h.vlanId === undefined) {
      errors.push(`${at}.vlanId is required for a handover in port mode: the exchange assigns the Alibaba VLAN; give the one it tells you`);
    }
    if (h.parentPhysicalConnectionId !== undefined && !/^pc-/.test(h.parentPhysicalConnectionId)) {
      errors.push(`${at}.parentPhysicalConnectionId must be a physical connection id (pc-...) (got ${h.parentPhysicalConnectionId})`);
    }
    if (vlan !== undefined && h.parentPhysicalConnectionId === undefined) {
      const other = seen.get(vlan);
      if (other !== undefined) {
        errors.push(
          `${at}: handovers ${other + 1} and ${i + 1} both reach Alibaba with VLAN ${vlan}, so their hosted connections cannot be told apart by VLAN: ` +
            `use distinct VLANs, or give each alibaba.handovers[].parentPhysicalConnectionId (the exchange's parent connection)`,
        );
      } else seen.set(vlan, i);
    }
    for (let k = 0; k < i; k++) {
      if (a.handovers[k]?.localGatewayIp && a.handovers[k].localGatewayIp === h.localGatewayIp) {
        errors.push(`${at}.localGatewayIp must differ from alibaba.handovers[${k}].localGatewayIp: each handover's VBR needs its own peering addresses`);
      }
    }
  });
  return errors;
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
  errors.push(...credentialSetIssues({ credentials: args.credentials }), ...alibabaIssues(args));
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
  /** With `alibaba`: the hosted connection accepted per handover. */
  readonly hostedConnections: HostedConnection[] = [];
  /** With `alibaba`: the VBR per handover. */
  readonly vbrs: VirtualBorderRouter[] = [];
  /** With `alibaba`: per handover, the hosted connection and the VBR (empty without). */
  readonly alibabaHandovers: pulumi.Output<IxApiAlibabaHandoverOutputs[]>;

  constructor(name: string, args: IxApiCloudServiceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("IxApiCloudService", name, validateIxApiCloudService(args), opts);
    const ixapi = credentialsOf(args.credentials);
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
        ...ixapi,
      },
      { parent: this },
    );
    args.contacts.forEach((c, i) => {
      const contact = new Contact(
        `${name}-contact-${i + 1}`,
        { managingAccount: accounts.managingAccount, consumingAccount: accounts.consumingAccount, name: c.name, email: c.email, telephone: c.telephone, roles: c.roles, ...ixapi },
        { parent: this },
      );
      this.contacts.push(contact);
      for (const role of c.roles) {
        this.roleAssignments.push(new RoleAssignment(`${name}-${role}`, { role, contact: contact.id, ...ixapi }, { parent: this }));
      }
    });
    const assignmentIds = this.roleAssignments.map((a) => a.id);
    const rows: pulumi.Output<{ handover: number; cloudVlan: number | null; connection: string; configId: string; state: string }>[] = [];
    const alibabaRows: pulumi.Output<IxApiAlibabaHandoverOutputs>[] = [];
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
            ...ixapi,
          },
          { parent: this },
        );
        this.configs.push(config);
        if (args.alibaba && !h.peerings) alibabaRows.push(this.acceptAndPeer(name, args, args.alibaba, handover, config));
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
    this.alibabaHandovers = pulumi.all(alibabaRows);
    this.registerOutputs({ serviceId: this.serviceId, handovers: this.handovers, ready: this.ready, alibabaHandovers: this.alibabaHandovers });
  }

  /**
   * A handover's Alibaba side: the hosted connection the exchange makes appear (found by the handover's
   * VLAN in the offering's region, once the config exists: it depends on the config, so destroy removes it
   * first) and the VBR on it.
   */
  private acceptAndPeer(name: string, args: IxApiCloudServiceArgs, a: IxApiAlibabaArgs, handover: number, config: NetworkServiceConfig): pulumi.Output<IxApiAlibabaHandoverOutputs> {
    const h = a.handovers[handover - 1];
    const scope = { region: a.region, ...credentialsOf(a.credentials) };
    const known = h.vlanId ?? exchangeVlan(args.handovers[handover - 1].vlanConfig);
    // The VLAN the exchange assigned, when the program left it to the exchange.
    const vlanId = known !== undefined ? pulumi.output(known) : config.vlanConfig.apply((v) => (v.vlanType === "dot1q" ? v.vlan : v.vlanType === "qinq" ? v.outerVlan : undefined) as number);
    const hosted = new HostedConnection(
      `${name}-handover-${handover}-accept`,
      {
        vlanId,
        ...(h.parentPhysicalConnectionId !== undefined ? { parentPhysicalConnectionId: h.parentPhysicalConnectionId } : {}),
        payment: a.payment,
        timeouts: args.timeouts,
        ...scope,
      },
      { parent: this, dependsOn: [config] },
    );
    const vbr = new VirtualBorderRouter(
      `${name}-handover-${handover}-vbr`,
      {
        physicalConnectionId: hosted.physicalConnectionId,
        vlanId: hosted.vlanId,
        localGatewayIp: h.localGatewayIp,
        peerGatewayIp: h.peerGatewayIp,
        peeringSubnetMask: h.peeringSubnetMask,
        name: h.vbrName ?? `${name}-h${handover}-vbr`,
        timeouts: args.timeouts,
        ...scope,
      },
      { parent: this },
    );
    this.hostedConnections.push(hosted);
    this.vbrs.push(vbr);
    return pulumi
      .all([hosted.physicalConnectionId, hosted.status, hosted.vlanId, vbr.vbrId, vbr.status])
      .apply(([alibabaConnectionId, alibabaStatus, vlan, vbrId, vbrStatus]) => ({ handover, alibabaConnectionId, alibabaStatus, vlanId: vlan, vbrId, vbrStatus }));
  }
}
