/**
 * The arguments IX-API's resources share, each documented once ("Using IX-API for Cloud Service": the
 * accounts and the customer's references of contacts, network services and their configs). The resource
 * Args extend these; their zod side is sharedMapping.ts (`accountInputs`, `refInputs`). Types only.
 */
import type * as pulumi from "@pulumi/pulumi";

/** The accounts (account ids at the exchange) an object belongs to. */
export interface OwnerAccountArgs {
  /** The account managing the object through the API. A change replaces the object. */
  managingAccount: pulumi.Input<string>;
  /** The account the object belongs to and is used by (a network service config: its service's). A change replaces the object. */
  consumingAccount: pulumi.Input<string>;
}

/** The accounts of a billed object: the owners and the account billed. */
export interface AccountArgs extends OwnerAccountArgs {
  /** The account billed for the object (it needs billing information; a network service config: its service's). A change replaces the object. */
  billingAccount: pulumi.Input<string>;
}

/** The customer's own reference, by which this package also finds a create whose answer was lost. */
export interface ExternalRefArgs {
  /**
   * Your reference, up to 128 characters. Omitted: a deterministic `pulumi:<kind>:<hash>` (`contact`,
   * `ns` or `nsc`) of the inputs that define the object (a contact's and a service's also of the
   * resource's project, stack and name), by which a create whose answer was lost is found again instead
   * of made twice. Changed in place.
   */
  externalRef?: pulumi.Input<string>;
}

/** The customer's references of a billed object, shown on the exchange's invoice. */
export interface ReferenceArgs extends ExternalRefArgs {
  /** Purchase order shown on the invoice, up to 80 characters. Changed in place. */
  purchaseOrder?: pulumi.Input<string>;
  /** Contract reference, up to 128 characters. Changed in place. */
  contractRef?: pulumi.Input<string>;
}
