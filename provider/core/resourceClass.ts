import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { AdoptOptions } from "./adopt";
import type { Lifecycle } from "./lifecycle";
import { dynamicInputs } from "./resourceInputs";
import type { Disagreements } from "./schemaAgreement";
import { thinProvider } from "./thinProvider";
import { GetScope, KIND_SPEC, ResourceClass } from "./resourceTypes";

export { KIND_SPEC } from "./resourceTypes";
export type { ResourceClass, ResourceOutputs } from "./resourceTypes";

/** An input path (`zSide.serviceProfile.authenticationKey`) starting at one of the Args' fields. */
type ArgPath<A> = { [K in keyof A & string]: K | `${K}.${string}` }[keyof A & string];

/** Everything the package knows about a resource kind beside its Args, its outputs' types, its lifecycle and its mapping. */
export interface KindSpec<A extends object, O extends object = object> {
  /**
   * `"<api>:<Resource>"`, e.g. "fabric:Connection": the kind the serialized provider carries, and the type
   * token `pulumi-nodejs:dynamic/<api>:<Resource>`. Never renamed: states written by every earlier version
   * name it.
   */
  kind: `${string}:${string}`;
  /** The kind's lifecycle, required only in the plugin process, the first time the kind is used. */
  lifecycle: () => Lifecycle;
  /** How adoption (`adoptId`) names the object and which arguments are secret or need advice. */
  adopt: AdoptOptions & { secrets?: ArgPath<A>[]; hints?: { [K in keyof A]?: string } };
  /**
   * Every output of the class (each field of its `<Resource>Outputs` interface), so each is registered
   * even when the program leaves its argument out or references the object with `get`.
   */
  outputs: readonly (keyof O & string)[];
  /**
   * Outputs (or arguments the state echoes) stored encrypted in the state (`additionalSecretOutputs`) beside
   * those that come from secret inputs.
   */
  secretOutputs?: readonly ((keyof O | keyof A) & string)[];
  /** Whether the kind takes `timeouts` (it waits); the `customTimeouts` option is mapped onto it. */
  takesTimeouts: "timeouts" extends keyof A ? true : false;
}

/** What a resource whose Args and input schema disagree is asked for instead of its spec. */
type Agreeing<A, S extends z.ZodTypeAny> = [Disagreements<A, S>] extends [never] ? unknown : { argsDisagreeWithInputSchema: Listed<Disagreements<A, S>> };
/** Each disagreement as new text, so the compiler's message lists them rather than the name of the type that found them. */
type Listed<D> = D extends string ? `at ${D}` : never;

/**
 * The base of a resource class: `class Connection extends resourceClass<Connection, ConnectionArgs, typeof
 * ConnectionInputs, ConnectionOutputs>({...}) {}`. It passes the thin provider of the kind, the arguments with the hidden
 * `__identity` and the `customTimeouts` mapping (provider/core/resourceInputs.ts), every listed output
 * (`undefined` until the provider sets it) and the secret outputs to `pulumi.dynamic.Resource`, and gives
 * the class its static `get` and its outputs, each field of `O` as a read-only `pulumi.Output`
 * (`ResourceOutputs`). `S` is the zod schema the kind's check parses the arguments with: the class
 * does not compile when the Args and the schema accept different shapes (provider/core/schemaAgreement.ts).
 *
 * @internal
 */
export function resourceClass<R, A extends object, S extends z.ZodTypeAny, O extends object = object>(spec: KindSpec<A, O> & Agreeing<A, S>): ResourceClass<R, A, O>;
export function resourceClass<R, A extends object>(spec: KindSpec<A>): ResourceClass<R, A> {
  const [module, type] = spec.kind.split(":");
  class InterconnectResource extends pulumi.dynamic.Resource {
    static readonly [KIND_SPEC] = spec;

    static get(name: string, id: pulumi.Input<pulumi.ID>, opts?: pulumi.CustomResourceOptions, scope?: GetScope): R {
      const where: Record<string, string> = {};
      if (scope?.credentials !== undefined) where.credentials = scope.credentials;
      if (scope?.region !== undefined) where.region = scope.region;
      return new this(name, where as A, { ...opts, id }) as R;
    }

    constructor(name: string, args: A, opts?: pulumi.CustomResourceOptions) {
      const props: Record<string, unknown> = dynamicInputs(spec.kind, name, args, opts, spec.takesTimeouts);
      for (const k of spec.outputs) if (!(k in props)) props[k] = undefined;
      const secrets = spec.secretOutputs?.length ? pulumi.mergeOptions(opts, { additionalSecretOutputs: [...spec.secretOutputs] }) : opts;
      super(thinProvider(spec.kind), name, props, secrets, module, type);
    }
  }
  return InterconnectResource;
}

/** The kind declaration of a resource class, or undefined for any other value. */
export function kindSpecOf(value: unknown): KindSpec<object> | undefined {
  return typeof value === "function" && KIND_SPEC in value ? ((value as unknown as ResourceClass<unknown, object>)[KIND_SPEC] as KindSpec<object>) : undefined;
}
