import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";

/**
 * Compile-time agreement between a resource's public Args and the zod schema its check parses them with
 * (`z.input` of the schema). Used by `resourceClass`, so a resource whose Args and schema drift apart does
 * not compile, and the error names each differing field.
 *
 * Agreement means, after unwrapping `pulumi.Input`s (`pulumi.Unwrap`) and leaving out `adoptId` (which
 * `adoptable` handles for every kind) and `credentials` and `region` (which core/scope.ts handles): the same field names at every level, each required in both or
 * optional in both, and every leaf (string, number, boolean, a literal union, null) accepting the same
 * values in both directions. A discriminated union in the schema (one shape per `vlanType`, say) is
 * compared as the one flat object it is written as in the Args: its fields, each as optional as in the
 * least demanding member; the rules tying fields to the discriminator stay with check, like refinements.
 */
export type Disagreements<Args, Schema extends z.ZodTypeAny> = Differ<pulumi.Unwrap<Omit<Args, "adoptId" | "credentials" | "region">>, z.input<Schema>, "">;

type Defined<T> = Exclude<T, undefined>;
type IsAny<T> = 0 extends 1 & T ? true : false;
type IsPlainObject<T> = [T] extends [never] ? false : T extends readonly unknown[] ? false : T extends (...args: never[]) => unknown ? false : T extends object ? true : false;
type KeysOf<U> = U extends unknown ? keyof U : never;
type OptionalKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? K : never }[keyof T];
/** A union of object shapes as one object: every member's fields, required only where required in all. */
type Flat<U> = { [K in Exclude<KeysOf<U>, OptionalSomewhere<U, U>>]-?: ValueIn<U, K> } & { [K in OptionalSomewhere<U, U>]?: ValueIn<U, K> };
type OptionalSomewhere<U, All> = U extends unknown ? OptionalKeys<U> | Exclude<KeysOf<All>, keyof U> : never;
type ValueIn<U, K extends PropertyKey> = U extends unknown ? (K extends keyof U ? Defined<U[K]> : never) : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Path<P extends string, K> = P extends "" ? `${K & string}` : `${P}.${K & string}`;

type Differ<A, S, P extends string> =
  IsAny<A> extends true
    ? never // a type lost to another compile error: that error is the one to read
    : IsAny<S> extends true
      ? never
      : IsPlainObject<Defined<A>> extends true
        ? IsPlainObject<Defined<S>> extends true
          ? DifferObjects<Flat<Defined<A>>, Flat<Defined<S>>, P>
          : Mismatch<A, S, P>
        : Defined<A> extends readonly (infer EA)[]
          ? Defined<S> extends readonly (infer ES)[]
            ? Differ<EA, ES, `${P}[]`>
            : Mismatch<A, S, P>
          : IsPlainObject<Defined<S>> extends true
            ? Mismatch<A, S, P>
            : Defined<S> extends readonly unknown[]
              ? Mismatch<A, S, P>
              : Same<Defined<A>, Defined<S>> extends true
                ? never
                : Mismatch<A, S, P>;

type Mismatch<A, S, P extends string> = `${P}: the Args accept ${Show<Defined<A>>}, the schema ${Show<Defined<S>>}`;

type DifferObjects<A, S, P extends string> =
  | { [K in Exclude<keyof A, keyof S>]: `${Path<P, K>}: only in the Args` }[Exclude<keyof A, keyof S>]
  | { [K in Exclude<keyof S, keyof A>]: `${Path<P, K>}: only in the schema` }[Exclude<keyof S, keyof A>]
  | {
      [K in keyof A & keyof S]: Same<K extends OptionalKeys<A> ? true : false, K extends OptionalKeys<S> ? true : false> extends true
        ? Differ<A[K], S[K], Path<P, K>>
        : `${Path<P, K>}: ${K extends OptionalKeys<A> ? "optional" : "required"} in the Args, ${K extends OptionalKeys<S> ? "optional" : "required"} in the schema`;
    }[keyof A & keyof S];

/** A type in words: "string", "some number values", "string or number", "some string values or null", "a list" ... */
type Show<T> = Trim<`${Part<T, string, "string">}${Part<T, number, "number">}${Part<T, boolean, "boolean">}${null extends T ? "null or " : ""}${Others<T>}`>;
type Part<T, P, Name extends string> = [Extract<T, P>] extends [never] ? "" : [P] extends [Extract<T, P>] ? `${Name} or ` : `some ${Name} values or `;
type Others<T> = `${[Extract<T, readonly unknown[]>] extends [never] ? "" : "a list or "}${[Exclude<Extract<T, object>, readonly unknown[]>] extends [never] ? "" : "an object or "}`;
type Trim<S extends string> = S extends `${infer H} or ` ? H : S;
