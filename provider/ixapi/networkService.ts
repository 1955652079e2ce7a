import type * as pulumi from "@pulumi/pulumi";
import { generatedReferenceHint } from "../core/adopt";
import type { AdoptArgs, TimedArgs } from "../core/resourceTypes";
import { resourceClass } from "../core/resourceClass";
import type { AccountArgs, ReferenceArgs } from "./args";
import type { NetworkServiceInputs } from "./networkServiceMapping";

export type { TimeoutsArgs } from "../core/resourceTypes";

export interface NetworkServiceArgs extends AccountArgs, ReferenceArgs, TimedArgs, AdoptArgs {
  /** The cloud_vc product offering's id (GET /product-offerings?type=cloud_vc). A change replaces the service. */
  productOffering: pulumi.Input<string>;
  /**
   * The key from the cloud provider's console, stored as a secret: Alibaba: your Alibaba Cloud account
   * id (16 digits); AWS: account id (12 digits); Azure: ExpressRoute service key; Google: pairing key;
   * Oracle: virtual circuit OCID. Checked against the offering's provider before create. A change replaces.
   */
  cloudKey: pulumi.Input<string>;
  /** Capacity in Mbps, within the offering's bandwidth_min..bandwidth_max. Omitted: the offering's maximum. Changed in place. */
  capacity?: pulumi.Input<number>;
  /**
   * Date (YYYY-MM-DD) at which `pulumi destroy` asks the exchange to decommission the service, e.g. at
   * the end of the 30-day notice period; checked against the service's cancellation policy. Omitted:
   * destroy decommissions at once and waits until the service is gone.
   */
  decommissionAt?: pulumi.Input<string>;
}

/**
 * An IX-API cloud network service (type cloud_vc): the exchange's side of a cloud connection.
 *
 * Create waits until the exchange has accepted it (state allocated). It reaches production only once
 * an `ixapi.NetworkServiceConfig` exists for every handover (1..diversity), which this resource does not
 * wait for. Read drops it when it is gone (404, decommissioned or archived). Its id (for `get` and
 * `adoptId`) is the service's id at the exchange.
 *
 * Default timeouts: create "30m" (waiting until allocated), update "20m", delete "30m" (waiting until
 * decommissioned).
 */
export class NetworkService extends resourceClass<NetworkService, NetworkServiceArgs, typeof NetworkServiceInputs, NetworkServiceOutputs>({
  kind: "ixapi:NetworkService",
  lifecycle: () => (require("./networkServiceLifecycle") as typeof import("./networkServiceLifecycle")).networkServiceLifecycle,
  adopt: { noun: "network service", secrets: ["cloudKey"], hints: { externalRef: generatedReferenceHint("externalRef") } },
  outputs: ["serviceId", "productOffering", "managingAccount", "consumingAccount", "billingAccount", "cloudKey", "capacity", "externalRef", "state", "diversity",
    "providerRef", "nscRequiredContactRoles", "allocatedCapacity", "scheduledDecommissionAt", "chargedUntil", "statusMessages"],
  secretOutputs: ["cloudKey"],
  takesTimeouts: true,
}) {}

/** What a NetworkService reports: each field is an output of the resource, a `pulumi.Output` of that value. */
export interface NetworkServiceOutputs {
  /** The service's id at the exchange (also the resource id). */
  serviceId: string;
  productOffering: string;
  managingAccount: string;
  consumingAccount: string;
  billingAccount: string;
  /** Secret. */
  cloudKey: string;
  capacity: number | undefined;
  externalRef: string;
  /** requested, allocated, production, production_change_pending, decommission_requested, error ... */
  state: string;
  /** Number of handovers (1 or 2), from the offering: create one config per handover. */
  diversity: number;
  /** The exchange's reference at the cloud provider. */
  providerRef: string;
  /** Role ids every config must carry as role assignments. */
  nscRequiredContactRoles: string[];
  /** The capacity the exchange allocated, in Mbps. */
  allocatedCapacity: number;
  /** decommission_at as the exchange reports it ("" unless decommissioning). */
  scheduledDecommissionAt: string;
  /** charged_until ("" unless decommissioning). */
  chargedUntil: string;
  statusMessages: string[];
}
