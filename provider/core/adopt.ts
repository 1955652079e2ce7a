import { sameValue } from "./diff";
import { CheckOutcome } from "./validation";
import { Lifecycle, Props } from "./lifecycle";

/**
 * Adoption of an existing vendor object, the supported way to bring one under Pulumi.
 *
 * `pulumi import` and the `import` resource option cannot work for any Pulumi dynamic resource: the
 * engine's import step (`ImportStep.Apply`, pkg/resource/deploy/step.go) sends the provider a Read with
 * the import id and neither inputs nor state, and the SDK's dynamic-provider plugin
 * (`@pulumi/pulumi/cmd/dynamic-provider/index.js`, `read()` then `getProvider(props)`) can only find the
 * provider in the serialized `__provider` of those inputs or state, so it fails before any code of this
 * package runs. Instead every resource takes an `adoptId` argument: create reads that object instead of
 * creating one, checks that it matches the arguments, and records it. (A resource constructed with the
 * `id` option, the classes' static `get`, is a user-driven Read whose inputs do carry `__provider`: that
 * path works, and is how an object is referenced read-only.)
 */
export const ADOPT_KEY = "adoptId";

export interface AdoptOptions {
  /** What the object is called in messages: "Equinix connection", "VBR" ... */
  noun: string;
  /** Input paths ("zSide.serviceProfile.authenticationKey", "cloudKey") whose values are secrets: a mismatch names them without values. */
  secrets?: string[];
  /** Extra advice per top-level input when it does not match (e.g. a default the check filled in). */
  hints?: Record<string, string>;
}

/** The hint for an argument this package fills in with a generated reference for new objects when it is not given. */
export function generatedReferenceHint(field: string): string {
  return `when not given, ${field} is a reference generated for new objects: set ${field} to the object's`;
}

/** The props without `adoptId`. */
export function withoutAdopt(props: Props): Props {
  if (!(ADOPT_KEY in props)) return props;
  const { [ADOPT_KEY]: _ignored, ...rest } = props;
  return rest;
}

export interface Mismatch {
  /** Dotted path of the differing field. */
  path: string;
  program: unknown;
  vendor: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The leaf fields where the vendor's value and the program's differ (objects walked, arrays compared whole). */
export function leafMismatches(vendor: unknown, program: unknown, path: string): Mismatch[] {
  if (sameValue(vendor, program)) return [];
  if (isPlainObject(vendor) && isPlainObject(program)) {
    const keys = [...new Set([...Object.keys(vendor), ...Object.keys(program)])].sort();
    return keys.flatMap((k) => leafMismatches(vendor[k], program[k], path ? `${path}.${k}` : k));
  }
  return [{ path, program, vendor }];
}

function shown(v: unknown): string {
  return v === undefined || v === null ? "not set" : JSON.stringify(v);
}

/** One line per differing field: its path, the program's value and the vendor's (secrets named, not shown). */
export function describeMismatches(mismatches: Mismatch[], o: AdoptOptions): string[] {
  const secret = (p: string) => (o.secrets ?? []).some((s) => p === s || p.startsWith(`${s}.`) || s.startsWith(`${p}.`));
  return mismatches.map((m) => {
    const hint = o.hints?.[m.path.split(".")[0]];
    const values = secret(m.path) ? "the program's value and the object's differ (a secret: values not shown)" : `the program has ${shown(m.program)}, the object has ${shown(m.vendor)}`;
    return `${m.path}: ${values}${hint ? `; ${hint}` : ""}`;
  });
}

/**
 * Wraps a kind's lifecycle with adoption: check accepts `adoptId` (a non-empty string) beside the kind's
 * own arguments and keeps it in the inputs; diff, read, update and delete never see it, so adding or
 * removing it later changes nothing; create with `adoptId` reads that object (the kind's own read, given
 * the program's inputs as the state), lets the kind's own diff compare it with the program's inputs, and
 * fails before any write, naming each differing field, when the next `up` would change or replace it.
 * Otherwise the object becomes the created resource, with the outputs a refresh would give, so the next
 * preview shows no change. Delete then deletes it as for any other resource.
 */
export function adoptable(life: Lifecycle, o: AdoptOptions): Lifecycle {
  return {
    async check(olds, news, ...rest): Promise<CheckOutcome<Props>> {
      const adoptId = news[ADOPT_KEY];
      const r = await life.check(withoutAdopt(olds), withoutAdopt(news), ...rest);
      if (adoptId === undefined || adoptId === null) return r;
      if (typeof adoptId !== "string" || adoptId.trim() === "") {
        const failure = { property: ADOPT_KEY, reason: `must be the id of an existing ${o.noun} to adopt (a non-empty string), or omitted to create one` };
        return { inputs: news, failures: [...r.failures, failure] };
      }
      return r.failures.length ? { inputs: news, failures: r.failures } : { inputs: { ...(r.inputs as Props), [ADOPT_KEY]: adoptId }, failures: [] };
    },

    diff(id, olds, news, ...rest) {
      return life.diff(id, withoutAdopt(olds), withoutAdopt(news), ...rest);
    },

    async create(inputs, ...rest) {
      const adoptId = inputs[ADOPT_KEY];
      const program = withoutAdopt(inputs);
      if (typeof adoptId !== "string" || adoptId === "") return life.create(program, ...rest);
      return adopt(life, adoptId, program, o, rest);
    },

    read(id, props, ...rest) {
      return life.read(id, withoutAdopt(props), ...rest);
    },

    update(id, olds, news, ...rest) {
      return life.update(id, withoutAdopt(olds), withoutAdopt(news), ...rest);
    },

    delete(id, props, ...rest) {
      return life.delete(id, withoutAdopt(props), ...rest);
    },
  };
}

/** What a lifecycle method takes after its own arguments (the per-call context, where there is one): passed on as it came. */
type CallRest = Parameters<Lifecycle["create"]> extends [Props, ...infer R] ? R : never;

async function adopt(life: Lifecycle, adoptId: string, program: Props, o: AdoptOptions, rest: CallRest): Promise<{ id: string; outs: Props }> {
  const found = await life.read(adoptId, program, ...rest);
  if (!found) {
    throw new Error(`adoptId: ${o.noun} ${adoptId} does not exist (or is being deleted) for these credentials; nothing was created or changed. Check the id, or remove adoptId to create a new ${o.noun}`);
  }
  const d = await life.diff(found.id, found.props, program, ...rest);
  const fields = d.changed.filter((k) => !k.startsWith("__"));
  if (d.changes && fields.length) {
    const mismatches = fields.flatMap((k) => {
      const leaves = leafMismatches(found.props[k], program[k], k);
      return leaves.length ? leaves : [{ path: k, program: program[k], vendor: found.props[k] }];
    });
    const lines = describeMismatches(mismatches, o);
    throw new Error(
      `adoptId: ${o.noun} ${adoptId} does not match the arguments, so it was not adopted and nothing was changed:\n  - ${lines.join("\n  - ")}\n` +
        `Set these arguments to the object's values to adopt it as it is (change it afterwards with another \`pulumi up\`), or remove adoptId to create a new ${o.noun}`,
    );
  }
  const [ctx] = rest;
  ctx.progress(`${o.noun} ${found.id}`, "adopted: it matches the arguments; Pulumi manages it from now on (destroy deletes it unless the resource has retainOnDelete)");
  return { id: found.id, outs: found.props };
}
