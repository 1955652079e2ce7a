import * as pulumi from "@pulumi/pulumi";

/**
 * The hidden input every resource class adds: the resource's identity in the program
 * (`project/stack/kind/name`), known when the class is constructed and stable across `up`s. Creates
 * derive their idempotency tokens and lost-answer lookup keys from it, so two resources with identical
 * arguments never share a vendor object. Checks keep it, diffs ignore it (a renamed or re-parented
 * resource is not replaced for it), and states written before it existed simply lack it.
 */
export const IDENTITY_KEY = "__identity";

/** Inputs the engine hands the provider that are not the user's arguments. */
export const HIDDEN_INPUTS = ["__provider", IDENTITY_KEY] as const;

/** `project/stack/kind/name`: unique in a stack for every resource a program declares at the top level or under distinctly named components. */
export function resourceIdentity(kind: string, name: string): string {
  return `${pulumi.getProject()}/${pulumi.getStack()}/${kind}/${name}`;
}

/** The identity a create received, if its state was written by a version that sends one. */
export function identityOf(inputs: Record<string, unknown>): string | undefined {
  const v = inputs[IDENTITY_KEY];
  return typeof v === "string" && v !== "" ? v : undefined;
}

type Timeouts = { create?: pulumi.Input<string>; update?: pulumi.Input<string>; delete?: pulumi.Input<string> };

/**
 * The engine sends a dynamic provider its `customTimeouts` in every Create/Update/Delete request, but the
 * SDK's dynamic-provider plugin (`@pulumi/pulumi/cmd/dynamic-provider/index.js`, `create`/`update`/
 * `delete`) drops them before calling the provider. So the resource class maps the option onto the
 * resource's own `timeouts` argument, which the provider honours. An explicit `timeouts` argument wins
 * per operation; `customTimeouts.read` has no counterpart (reads are single requests) and is ignored.
 * Kinds without waits (`takesTimeouts` false) warn that the option has no effect.
 */
export function dynamicInputs<A extends object>(
  kind: string,
  name: string,
  args: A,
  opts: pulumi.CustomResourceOptions | undefined,
  takesTimeouts: boolean,
): A & { [IDENTITY_KEY]: string } {
  const out: Record<string, unknown> = { ...args, [IDENTITY_KEY]: resourceIdentity(kind, name) };
  const custom = opts?.customTimeouts;
  if (custom && (custom.create || custom.update || custom.delete)) {
    if (takesTimeouts) {
      const given = (args as { timeouts?: pulumi.Input<Timeouts> }).timeouts;
      out.timeouts = pulumi.output(given ?? {}).apply((t: Timeouts | undefined) => {
        const merged: Record<string, string> = {};
        for (const op of ["create", "update", "delete"] as const) {
          const v = (t?.[op] as string | undefined) ?? custom[op];
          if (v !== undefined) merged[op] = v;
        }
        return merged;
      });
    } else {
      void pulumi.log.warn(`${kind} "${name}": customTimeouts has no effect: this resource makes single requests and never waits`);
    }
  }
  return out as A & { [IDENTITY_KEY]: string };
}
