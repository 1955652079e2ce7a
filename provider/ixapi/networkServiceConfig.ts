import * as pulumi from "@pulumi/pulumi";
import { dynamicInputs } from "../core/resourceInputs";
import { thinProvider } from "../core/thinProvider";
import type { TimeoutsArgs } from "./networkService";

/** How the service is delivered on the connection: one of dot1q, qinq or port. */
export interface VlanConfigArgs {
  /** dot1q (one tag), qinq (outer and inner tag) or port (the whole port, untagged). */
  vlanType: pulumi.Input<"dot1q" | "qinq" | "port">;
  /** dot1q: the VLAN tag, 1..4094. */
  vlan?: pulumi.Input<number>;
  /** dot1q: ethertype 0x8100 (default), 0x88a8 or 0x9100. */
  vlanEthertype?: pulumi.Input<"0x8100" | "0x88a8" | "0x9100">;
  /** qinq: the outer tag, 1..4094. */
  outerVlan?: pulumi.Input<number>;
  /** qinq: ethertype of the outer tag, 0x8100 (default), 0x88a8 or 0x9100. */
  outerVlanEthertype?: pulumi.Input<"0x8100" | "0x88a8" | "0x9100">;
  /** qinq: the inner tag, 1..4094. */
  innerVlan?: pulumi.Input<number>;
}

export interface NetworkServiceConfigArgs {
  /** The ixapi.NetworkService's id. A change replaces the config. */
  networkService: pulumi.Input<string>;
  /** The cloud access port (connection) id, at a pop of the offering's handover metro area network. Changed in place. */
  connection: pulumi.Input<string>;
  /** Same accounts as the service. A change replaces the config. */
  managingAccount: pulumi.Input<string>;
  /** The consuming account (the service's). A change replaces the config. */
  consumingAccount: pulumi.Input<string>;
  /** The billing account (the service's). A change replaces the config. */
  billingAccount: pulumi.Input<string>;
  /** VLAN configuration on the connection. Changed in place. */
  vlanConfig: pulumi.Input<VlanConfigArgs>;
  /**
   * Which handover this is, 1..the service's diversity; one config per (handover, cloudVlan). For true
   * diversity, handovers 1 and 2 use connections on different pops. A change replaces the config.
   */
  handover: pulumi.Input<number>;
  /**
   * Multi-VLAN offerings (Azure): the provider VLAN (peering) this config carries, 1..4094, or omitted for
   * all unmatched VLANs. Must be omitted for single-VLAN offerings (Alibaba, AWS). A change replaces.
   */
  cloudVlan?: pulumi.Input<number>;
  /** Role assignment ids covering the service's nscRequiredContactRoles. Changed in place. */
  roleAssignments?: pulumi.Input<pulumi.Input<string>[]>;
  /** Up to 128 characters; defaults to a deterministic `pulumi:nsc:<hash>`. Changed in place. */
  externalRef?: pulumi.Input<string>;
  /** Up to 80 characters. Changed in place. */
  purchaseOrder?: pulumi.Input<string>;
  /** Up to 128 characters. Changed in place. */
  contractRef?: pulumi.Input<string>;
  /** Durations for create (waiting for production; default "30m"), update ("20m") and delete ("30m"). */
  timeouts?: pulumi.Input<TimeoutsArgs>;
  /**
   * The id of an existing object to adopt instead of creating one: a network service config, named by its id
   * at the exchange. Create reads it instead of creating one and, when it matches these arguments, records it
   * as this resource without changing it (the next preview shows no change); when it does not match, create
   * fails before anything changes, naming each differing field with the program's value and the object's.
   * Adding or removing it later changes nothing. Destroy deletes an adopted object like any other: set the
   * `retainOnDelete` resource option to stop managing it without deleting it. `pulumi import` and the
   * `import` option cannot be used with dynamic resources: see the README, "Adopting existing objects
   * (import)".
   */
  adoptId?: pulumi.Input<string>;
}

/**
 * One handover of an IX-API cloud service (network service config, type cloud_vc). Create waits until
 * the config is in production, and reports an error with the service's status messages. Delete drops
 * this diversity immediately and waits until it is gone.
 */
export class NetworkServiceConfig extends pulumi.dynamic.Resource {
  declare readonly configId: pulumi.Output<string>;
  declare readonly networkService: pulumi.Output<string>;
  declare readonly connection: pulumi.Output<string>;
  declare readonly vlanConfig: pulumi.Output<VlanConfigArgs>;
  declare readonly handover: pulumi.Output<number>;
  declare readonly cloudVlan: pulumi.Output<number | undefined>;
  declare readonly roleAssignments: pulumi.Output<string[]>;
  declare readonly externalRef: pulumi.Output<string>;
  declare readonly state: pulumi.Output<string>;
  declare readonly statusMessages: pulumi.Output<string[]>;

  /**
   * A read-only reference to an existing network service config, by its id at the exchange: Pulumi reads it
   * on every `up` and `refresh` and never creates, changes or deletes it. To manage an existing one, give its
   * id as `adoptId` instead.
   */
  static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions): NetworkServiceConfig {
    return new NetworkServiceConfig(name, {} as NetworkServiceConfigArgs, { ...opts, id });
  }

  constructor(name: string, args: NetworkServiceConfigArgs, opts?: pulumi.CustomResourceOptions) {
    super(thinProvider("ixapi:NetworkServiceConfig"), name, { ...dynamicInputs("ixapi:NetworkServiceConfig", name, args, opts, true), configId: undefined, state: undefined, statusMessages: undefined }, opts, "ixapi", "NetworkServiceConfig");
  }
}
