/**
 * Compile-time tests (run by `npx tsc -p test`, part of `npm test`): a resource's public Args and the zod
 * schema its check parses them with cannot drift apart.
 *
 * Every resource class is built by `resourceClass<Class, Args, typeof Schema>` (provider/core/resourceClass.ts),
 * which does not compile when `Disagreements<Args, Schema>` is not `never`: so each resource's own file is
 * its compile-time test, and a new resource gets one by being written the same way. This file checks the
 * three things that rest on: every exported resource class is built that way, the check finds each kind of
 * drift and names it, and it rejects a class whose Args drift.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import * as provider from "../../provider";
import { KIND_SPEC, resourceClass } from "../../provider/core/resourceClass";
import type { Disagreements } from "../../provider/core/schemaAgreement";
import { timeoutsSchema } from "../../provider/core/timeouts";
import type { ContactInputs } from "../../provider/ixapi/contactMapping";
import type { NetworkServiceConfigInputs, VlanConfig } from "../../provider/ixapi/networkServiceConfigMapping";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
type Includes<Set, Members> = [Members] extends [Set] ? true : false;

// 1. Every class a vendor namespace exports is a resource class built by resourceClass, so its Args were
//    checked against its schema where it is defined. (A class written by hand would name itself here.)
type Classes<N> = { [K in keyof N]: N[K] extends abstract new (...args: never[]) => pulumi.CustomResource ? K : never }[keyof N];
type NotBuiltByResourceClass<N> = { [K in Classes<N>]: N[K] extends { readonly [KIND_SPEC]: unknown } ? never : K }[Classes<N>];
export type EveryClassIsChecked = [
  Expect<Equal<NotBuiltByResourceClass<typeof provider.fabric>, never>>,
  Expect<Equal<NotBuiltByResourceClass<typeof provider.alibaba>, never>>,
  Expect<Equal<NotBuiltByResourceClass<typeof provider.ixapi>, never>>,
  // and the classes are seen (the check above is not vacuous); a new kind needs no line here
  Expect<Includes<Classes<typeof provider.fabric>, "Connection" | "L2Connection">>,
  Expect<Includes<Classes<typeof provider.alibaba>, "PhysicalConnection" | "HostedConnection" | "VirtualBorderRouter">>,
  Expect<Includes<Classes<typeof provider.ixapi>, "NetworkService" | "NetworkServiceConfig" | "Contact" | "RoleAssignment">>,
];

// 2. The check finds each kind of drift and names the field.
const Sample = z
  .object({
    name: z.string().min(1),
    size: z.number().int().default(1),
    mode: z.enum(["fast", "slow"]).optional(),
    tags: z.array(z.string()).optional(),
    nested: z.object({ port: z.number(), note: z.string().nullable().optional() }).strict(),
  })
  .strict()
  .superRefine(() => undefined);
interface SampleArgs {
  name: pulumi.Input<string>;
  size?: pulumi.Input<number>;
  mode?: pulumi.Input<"fast" | "slow">;
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  nested: pulumi.Input<{ port: pulumi.Input<number>; note?: pulumi.Input<string | null> }>;
  adoptId?: pulumi.Input<string>;
}
export type FindsDrift = [
  // Inputs unwrapped, defaults optional, adoptId left to adoptable: these agree.
  Expect<Equal<Disagreements<SampleArgs, typeof Sample>, never>>,
  Expect<Equal<Disagreements<Omit<SampleArgs, "mode">, typeof Sample>, "mode: only in the schema">>,
  Expect<Equal<Disagreements<SampleArgs & { colour?: string }, typeof Sample>, "colour: only in the Args">>,
  Expect<Equal<Disagreements<Omit<SampleArgs, "name"> & { name?: string }, typeof Sample>, "name: optional in the Args, required in the schema">>,
  Expect<Equal<Disagreements<Omit<SampleArgs, "mode"> & { mode?: string }, typeof Sample>, "mode: the Args accept string, the schema some string values">>,
  Expect<Equal<Disagreements<Omit<SampleArgs, "tags"> & { tags?: number[] }, typeof Sample>, "tags[]: the Args accept number, the schema string">>,
  Expect<Equal<Disagreements<Omit<SampleArgs, "tags"> & { tags?: string }, typeof Sample>, "tags: the Args accept string, the schema a list">>,
  Expect<Equal<Disagreements<Omit<SampleArgs, "nested"> & { nested: { port: number; note?: string } }, typeof Sample>, "nested.note: the Args accept string, the schema string or null">>,
  Expect<Equal<Disagreements<Omit<SampleArgs, "nested"> & { nested: string }, typeof Sample>, "nested: the Args accept string, the schema an object">>,
];

// 3. The drift this check was written for: `timeouts` typed as strings only while its schema also takes a
//    number of seconds, and IX-API's cloudVlan, which the schema lets be null. Both now agree.
interface OldTimeoutsArgs {
  timeouts?: pulumi.Input<{ create?: pulumi.Input<string>; update?: pulumi.Input<string>; delete?: pulumi.Input<string> }>;
}
const TimeoutsOnly = z.object({ timeouts: timeoutsSchema.optional() }).strict();
export type KnownDrift = [
  Expect<
    Equal<
      Disagreements<OldTimeoutsArgs, typeof TimeoutsOnly>,
      | "timeouts.create: the Args accept string, the schema string or number"
      | "timeouts.update: the Args accept string, the schema string or number"
      | "timeouts.delete: the Args accept string, the schema string or number"
    >
  >,
  Expect<Equal<Disagreements<{ timeouts?: pulumi.Input<provider.fabric.TimeoutsArgs> }, typeof TimeoutsOnly>, never>>,
  Expect<Equal<Disagreements<provider.ixapi.NetworkServiceConfigArgs, typeof NetworkServiceConfigInputs>, never>>,
  Expect<
    Equal<
      Disagreements<Omit<provider.ixapi.NetworkServiceConfigArgs, "cloudVlan"> & { cloudVlan?: pulumi.Input<number> }, typeof NetworkServiceConfigInputs>,
      "cloudVlan: the Args accept number, the schema number or null"
    >
  >,
  // A discriminated union (one shape per vlanType) is compared as the flat object the Args write.
  Expect<Equal<Disagreements<{ v: provider.ixapi.VlanConfigArgs }, z.ZodObject<{ v: typeof VlanConfig }>>, never>>,
  Expect<
    Equal<
      Disagreements<{ v: Omit<provider.ixapi.VlanConfigArgs, "innerVlan"> }, z.ZodObject<{ v: typeof VlanConfig }>>,
      "v.innerVlan: only in the schema"
    >
  >,
];

// 4. A class whose Args drift from its schema does not compile.
interface DriftedContactArgs {
  managingAccount: pulumi.Input<string>;
  consumingAccount: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  email?: pulumi.Input<string>;
  telephone?: pulumi.Input<number>;
  externalRef?: pulumi.Input<string>;
  roles?: pulumi.Input<pulumi.Input<string>[]>;
}
export function definesDriftedClass() {
  class Drifted extends resourceClass<Drifted, DriftedContactArgs, typeof ContactInputs>(
    // @ts-expect-error telephone: the Args accept number, the schema string
    { kind: "test:Drifted", lifecycle: () => provider.ixapi.Contact as never, adopt: { noun: "drifted" }, outputs: [], takesTimeouts: false },
  ) {}
  class Agreeing extends resourceClass<Agreeing, provider.ixapi.ContactArgs, typeof ContactInputs>(
    { kind: "test:Agreeing", lifecycle: () => provider.ixapi.Contact as never, adopt: { noun: "agreeing" }, outputs: [], takesTimeouts: false },
  ) {}
  return [Drifted, Agreeing];
}
