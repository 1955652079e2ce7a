/**
 * The public types every resource class shares. This file imports nothing but @pulumi/pulumi's types, so
 * the published declarations of the resources reach nothing else (the machinery is resourceClass.ts).
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * How long create, update and delete may take, waits and retries included. Each is a duration: "90s",
 * "20m", "1h30m", or a number of seconds. An operation still waiting at its limit fails; a create records
 * the object it made, so the next `pulumi up` resumes it. The `customTimeouts` resource option sets the
 * same limits (an explicit `timeouts` wins per operation).
 */
export interface TimeoutsArgs {
  /** The create's limit. Omitted: the resource's default (its description and the README list them). */
  create?: pulumi.Input<string | number>;
  /** The update's limit. Omitted: the resource's default. */
  update?: pulumi.Input<string | number>;
  /** The delete's limit, waiting until the object is gone. Omitted: the resource's default. */
  delete?: pulumi.Input<string | number>;
}

/**
 * The `timeouts` argument of every resource that waits (all but `ixapi.Contact` and `ixapi.RoleAssignment`).
 * Each resource's description states its default limits and what its create waits for.
 */
export interface TimedArgs {
  /**
   * Time limits of create, update and delete, waits and retries included: each a duration ("90s", "20m",
   * "1h30m") or a number of seconds. An omitted one is the resource's default, which its description
   * (and the README) states. Never sent to the vendor; a change does nothing to the object.
   */
  timeouts?: pulumi.Input<TimeoutsArgs>;
}

/**
 * The `credentials` argument every resource takes (through AdoptArgs, which every resource's Args extend).
 */
export interface CredentialsArgs {
  /**
   * The credential set this resource's calls use: omitted, the stack's default one (`equinix:` / `alicloud:` /
   * `ixapi:` keys and their environment variables, as the official providers name them); a name such as
   * "ops2", the keys of that set: the same keys in the namespace `<namespace>-ops2` (`equinix-ops2:clientId`,
   * `alicloud-ops2:secretKey`, `ixapi-ops2:apiKey` ...) or the same variables suffixed `_OPS2`
   * (EQUINIX_API_CLIENTID_OPS2 ...). A set's ids, keys and secrets come only from its own keys; its endpoint,
   * region and token URL fall back to the default set's. Secrets stay in the stack config or the
   * environment: only the name is an argument. Lower-case letters, digits and single hyphens, from a letter,
   * at most 32 characters. A change keeps the object: the update first reads it with the new set, and
   * fails without changing anything when that set does not see it (another account).
   */
  credentials?: pulumi.Input<string>;
}

/** Where `get` reads an object: a credential set and, for an Alibaba object, its region. */
export interface GetScope {
  /** The credential set (as the resources' `credentials` argument). Omitted: the default set. */
  credentials?: string;
  /** The Alibaba Cloud region of the object, e.g. "eu-central-1" (Alibaba resources only). Omitted: `alicloud:region`. */
  region?: string;
}

/** The `adoptId` argument every resource takes, with `credentials` (CredentialsArgs). */
export interface AdoptArgs extends CredentialsArgs {
  /**
   * The id of an existing object to adopt instead of creating one: the id the resource would have (the one
   * `get` takes; the resource's description says which). Create reads it instead of creating one and, when
   * it matches these arguments, records it as this resource without changing it (the next preview shows no
   * change); when it does not match, create fails before anything changes, naming each differing field with
   * the program's value and the object's. Adding or removing it later changes nothing. Destroy deletes an
   * adopted object like any other: set the `retainOnDelete` resource option to stop managing it without
   * deleting it. `pulumi import` and the `import` option cannot be used with dynamic resources: see the
   * README, "Adopting existing objects (import)".
   */
  adoptId?: pulumi.Input<string>;
}

/**
 * Where a resource class keeps its kind's declaration (`KindSpec`, read by `kindSpecOf`).
 *
 * @internal
 */
export const KIND_SPEC: unique symbol = Symbol.for("pulumi-interconnect.kindSpec");

/**
 * A resource's outputs as its instances carry them: each field of `O` (the kind's `<Resource>Outputs`
 * interface, where each output is documented) a read-only `pulumi.Output` of its value.
 */
export type ResourceOutputs<O> = { readonly [K in keyof O]: pulumi.Output<O[K]> };

/**
 * The constructor and static `get` every resource class has; `R` is the class itself (what `get` returns),
 * `A` its Args, `O` its outputs' values (`ResourceOutputs`).
 */
export interface ResourceClass<R, A extends object, O extends object = object> {
  new (name: string, args: A, opts?: pulumi.CustomResourceOptions): pulumi.dynamic.Resource & ResourceOutputs<O>;
  /**
   * A read-only reference to an existing object, by its id (the resource's description says which id):
   * Pulumi reads it on every `up` and `refresh` and never creates, changes or deletes it. To manage an
   * existing object, give its id as `adoptId` instead. `scope` says where to read it: the credential set
   * (`credentials`) and, for an Alibaba object, its `region`; omitted, the defaults.
   */
  get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions, scope?: GetScope): R;
  /** @internal */
  readonly [KIND_SPEC]: unknown;
}
