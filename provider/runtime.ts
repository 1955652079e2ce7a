/**
 * The stable entry every serialized provider requires:
 * `require("pulumi-interconnect/provider/runtime").provider(kind)`.
 *
 * Compatibility contract: states written by any earlier version call this with their kind, so kinds
 * are never renamed or removed, and the lifecycles keep reading the output shapes older versions wrote.
 */
import type * as pulumi from "@pulumi/pulumi";
import { configure as configureSettings, configured } from "./core/config";
import { CallContext, callContext } from "./core/context";
import { describeError } from "./core/errors";
import { KindRegistry, Lifecycle } from "./core/lifecycle";
import { sanitize } from "./core/outputs";
import { isPartialFailure } from "./core/partialFailure";
import { redact } from "./core/redact";
import { kinds as fabricKinds } from "./fabric/kinds";
import { kinds as alibabaKinds } from "./alibaba/kinds";
import { kinds as ixapiKinds } from "./ixapi/kinds";

const registry: KindRegistry = { ...fabricKinds, ...alibabaKinds, ...ixapiKinds };
const providers = new Map<string, pulumi.dynamic.ResourceProvider>();

/** Every kind this version serves. */
export function knownKinds(): string[] {
  return Object.keys(registry).sort();
}

/** The ResourceProvider for a kind ("fabric:Connection", ...); one instance per kind per process. */
export function provider(kind: string): pulumi.dynamic.ResourceProvider {
  let p = providers.get(kind);
  if (!p) {
    const load = registry[kind];
    if (!load) {
      throw new Error(`pulumi-interconnect: unknown resource kind "${kind}"; this version serves ${knownKinds().join(", ")}`);
    }
    p = wrap(kind, load);
    providers.set(kind, p);
  }
  return p;
}

/**
 * Called by every serialized provider's configure(): attaches the kind's methods to the deserialized
 * object (so the plugin finds check, diff, create, read, update and delete on it), then configures.
 */
export function attach(target: { kind: string } & Record<string, unknown>, req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  const p = provider(target.kind);
  for (const method of ["check", "diff", "create", "read", "update", "delete"] as const) {
    target[method] = p[method];
  }
  return p.configure!(req);
}

/**
 * The kind's ResourceProvider. Each method waits for configure(), builds the call's context (the system
 * clock, the API clients for the configured credentials, progress on stderr, the stack config then the
 * environment: core/context.ts) and hands it to the lifecycle, then cleans what comes back.
 */
function wrap(kind: string, load: () => Lifecycle): pulumi.dynamic.ResourceProvider {
  let lifecycle: Lifecycle | undefined;
  const life = () => (lifecycle ??= load());
  const guard = async <T>(op: string, fn: (ctx: CallContext) => Promise<T> | T): Promise<T> => {
    try {
      await configured();
      return await fn(callContext());
    } catch (err) {
      throw cleanError(kind, op, err);
    }
  };
  return {
    configure: (req) => configureSettings(req),
    check: (olds, news) =>
      guard("check", async (ctx) => {
        const r = await life().check(olds ?? {}, news ?? {}, ctx);
        return { inputs: sanitize(r.inputs), failures: r.failures };
      }),
    diff: (id, olds, news) =>
      guard("diff", async (ctx) => {
        const d = await life().diff(id, olds ?? {}, news ?? {}, ctx);
        return {
          changes: d.changes,
          replaces: d.replaces,
          stables: d.stables,
          deleteBeforeReplace: d.deleteBeforeReplace,
        };
      }),
    create: (inputs) =>
      guard("create", async (ctx) => {
        const r = await life().create(inputs, ctx);
        return { id: r.id, outs: sanitize(r.outs) };
      }),
    read: (id, props) =>
      guard("read", async (ctx) => {
        const r = await life().read(id, props ?? {}, ctx);
        if (!r) return {};
        return { id: r.id, props: sanitize(r.props), inputs: sanitize(r.inputs) } as pulumi.dynamic.ReadResult;
      }),
    update: (id, olds, news) =>
      guard("update", async (ctx) => {
        const r = await life().update(id, olds ?? {}, news ?? {}, ctx);
        return { outs: sanitize(r.outs) };
      }),
    delete: (id, props) => guard("delete", (ctx) => life().delete(id, props ?? {}, ctx)),
  };
}

/**
 * Errors leave the provider redacted and as plain Errors (the plugin only keeps message, id, properties
 * and reasons). A partial failure keeps its id, properties and reasons so the engine records the object.
 */
function cleanError(kind: string, op: string, err: unknown): Error {
  if (isPartialFailure(err)) {
    const e = new Error(redact(`${kind} ${op}: ${err.message}`));
    return Object.assign(e, { id: err.id, properties: err.properties, reasons: err.reasons.map(redact) });
  }
  return new Error(`${kind} ${op}: ${describeError(err)}`);
}
