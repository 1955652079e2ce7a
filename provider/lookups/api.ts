import * as pulumi from "@pulumi/pulumi";

// What the public look-up modules need at run time and in their declarations: the options, the Input
// form of the arguments, the Output variant. The look-ups' code (./*Queries.ts) is loaded on first use.

/** Options of every look-up. */
export interface LookupOptions {
  /**
   * How long the look-up may take, retries of throttling (429, Retry-After honoured) and transient faults
   * (5xx, dropped connections) included: a duration such as "30s", "2m" or "1m30s". Defaults to "2m".
   */
  timeout?: string;
  /**
   * The credential set to read with, as a resource's `credentials` names it: "ops2" reads the
   * `equinix-ops2:` / `alicloud-ops2:` / `ixapi-ops2:` keys (then EQUINIX_API_CLIENTID_OPS2 ... variables).
   * Lower-case letters, digits and single hyphens, at most 32 characters. Defaults to the default set.
   */
  credentials?: string;
}

/** The arguments of a look-up's Output variant: each argument may be an Input (an Output of another resource or look-up). */
export type InputArgs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/**
 * The Output variant of a look-up: runs once every argument is known (during a preview, an argument that
 * depends on a resource not yet created leaves the result unknown); a secret argument makes the result
 * secret.
 */
export function outputOf<A, R>(lookup: (args: A, opts?: LookupOptions) => Promise<R>, args: InputArgs<A> | undefined, opts?: LookupOptions): pulumi.Output<R> {
  return pulumi.output(args ?? ({} as InputArgs<A>)).apply((plain) => lookup(plain as unknown as A, opts)) as unknown as pulumi.Output<R>;
}

/** Runs a look-up, a synchronous failure (bad arguments, missing credentials) rejecting its promise. */
export function settle<T>(f: () => Promise<T>): Promise<T> {
  try {
    return f();
  } catch (err) {
    return Promise.reject(err);
  }
}
