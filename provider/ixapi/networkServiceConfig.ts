import type * as pulumi from "@pulumi/pulumi";
import { generatedReferenceHint } from "../core/adopt";
import type { AdoptArgs, TimedArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { AccountArgs, ReferenceArgs } from "./args";
import type { NetworkServiceConfigInputs } from "./networkServiceConfigMapping";

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

export interface NetworkServiceConfigArgs extends AccountArgs, ReferenceArgs, TimedArgs, AdoptArgs {
  /** The ixapi.NetworkService's id. A change replaces the config. */
  networkService: pulumi.Input<string>;
  /** The cloud access port (connection) id, at a pop of the offering's handover metro area network. Changed in place. */
  connection: pulumi.Input<string>;
  /** VLAN configuration on the connection. Changed in place. */
  vlanConfig: pulumi.Input<VlanConfigArgs>;
  /**
   * Which handover this is, 1..the service's diversity; one config per (handover, cloudVlan). For true
   * diversity, handovers 1 and 2 use connections on different pops. A change replaces the config.
   */
  handover: pulumi.Input<number>;
  /**
   * Multi-VLAN offerings (Azure): the provider VLAN (peering) this config carries, 1..4094, or omitted for
   * all unmatched VLANs (null means the same). Must be omitted for single-VLAN offerings (Alibaba, AWS). A
   * change replaces.
   */
  cloudVlan?: pulumi.Input<number | null>;
  /** Role assignment ids covering the service's nscRequiredContactRoles. Changed in place. */
  roleAssignments?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * One handover of an IX-API cloud service (network service config, type cloud_vc). Create waits until
 * the config is in production, and reports an error with the service's status messages. Delete drops
 * this diversity immediately and waits until it is gone. Its id (for `get` and `adoptId`) is the config's
 * id at the exchange. Its accounts are its service's.
 *
 * Default timeouts: create "30m" (waiting for production), update "20m", delete "30m".
 */
export class NetworkServiceConfig extends resourceClass<NetworkServiceConfig, NetworkServiceConfigArgs, typeof NetworkServiceConfigInputs, NetworkServiceConfigOutputs>({
  kind: "ixapi:NetworkServiceConfig",
  lifecycle: () => (require("./networkServiceConfigLifecycle") as typeof import("./networkServiceConfigLifecycle")).networkServiceConfigLifecycle,
  adopt: { noun: "network service config", hints: { externalRef: generatedReferenceHint("externalRef") } },
  outputs: ["configId", "networkService", "connection", "vlanConfig", "handover", "cloudVlan", "roleAssignments", "externalRef", "state", "statusMessages"],
  takesTimeouts: true,
}) {}

/** What a NetworkServiceConfig reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface NetworkServiceConfigOutputs {
  configId: string;
  networkService: string;
  connection: string;
  vlanConfig: VlanConfigArgs;
  handover: number;
  cloudVlan: number | undefined;
  roleAssignments: string[];
  externalRef: string;
  state: string;
  statusMessages: string[];
}
