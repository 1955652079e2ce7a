/**
 * Engine: the Pulumi engine's step semantics over a PluginHost and a JSON state file.
 *
 * State (`EngineState`): ordered resources `{urn, type, name, id, inputs, outputs, secretKeys,
 * dependencies, propertyDependencies?, initErrors?, delete?}`; `inputs`/`outputs` are stored WITHOUT
 * secret wrappers and `secretKeys` lists the top-level keys that are secret in either (the engine
 * re-wraps them before each plugin call, so the plugin host strips and re-marks them as the real engine
 * does). `propertyDependencies` maps an input key to the URNs its value came from (as the program's
 * RegisterResource request sends them). `delete: true` marks an old object replaced create-before-delete
 * whose deletion is still pending (as in Pulumi's checkpoint). `outputs` of the file also holds the
 * stack outputs of the last `up`.
 *
 * register(desired): Check(olds = state inputs or {}, news) -> failures: throw CheckFailed.
 *   no state -> Create; state with initErrors -> Update (always); else Diff:
 *   DIFF_NONE -> same (new inputs, old outputs); DIFF_UNKNOWN -> compare old and new inputs
 *   (`__provider` included); replaces (plus `replaceOnChanges` keys that changed) -> replace,
 *   create-before-delete unless Diff or the resource asks deleteBeforeReplace; else Update.
 *   A replaced object's delete runs right after the create, or at `deleteReplaced()` when the engine
 *   was opened with `deferReplacedDeletes` (as `pulumi up` does: at the end of the deployment).
 *   An InitFailure from Create/Update stores the resource with its id, the failure's properties and
 *   `initErrors`, then is rethrown.
 *
 * Delete-before-replace cascades to dependents, as the engine's step generator does
 * (`calculateDependentReplacements`): before deleting the replaced object R, the engine takes every
 * resource of the state that depends on R, transitively (through `dependencies`, which hold a custom
 * parent too, or `propertyDependencies`), and visits them dependencies first. A
 * dependent D is diffed with the plugin (olds = D's outputs, oldInputs = D's inputs, news = D's inputs
 * with each input whose property dependencies name R or an already condemned dependent set to the
 * unknown sentinel; no Check); if that diff asks for a replacement, D is condemned too. A dependent
 * without such an input is not diffed and stays. (A state entry recorded without
 * `propertyDependencies`, e.g. through the Engine API, counts as affected the inputs that hold the id of
 * R or of a condemned dependent.) The condemned dependents are deleted in reverse dependency order
 * (steps `delete` with `replaced` and `dependentOf` = R's URN), then R, then the new R is created. When
 * the program registers a condemned dependent again it is Checked with olds = {} and created (step
 * `replace`, `deleteBeforeReplace`, `oldId`, `replaces` = the keys of that dependency diff,
 * `dependentOf`); not registered again, it stays deleted.
 *
 * Every step is recorded in `steps` (`{urn, op, diffs, detailedDiff, ...}`); the plugin calls in
 * order are in `host.calls`.
 */
import * as fs from "fs";
import * as path from "path";
import { PluginHost, InitFailure, CheckFailure, DiffResult } from "./plugin";
/** Inputs the engine sees but the program never set; a plugin read cannot return `__identity` (it only receives the old outputs), and the engine's refresh diff (the provider's) ignores both. */
const HIDDEN = ["__provider", "__identity"];
import { Props, UNKNOWN, changedKeys, deepEqual, markSecret, secretKeysOf, stripSecrets } from "./wire";

export interface ResourceState {
  urn: string;
  type: string;
  name: string;
  id: string;
  inputs: Props;
  outputs: Props;
  secretKeys: string[];
  dependencies: string[];
  /** Input key -> URNs of the resources its value came from (absent in states written without them). */
  propertyDependencies?: Record<string, string[]>;
  initErrors?: string[];
  /** An old object of a create-before-delete replacement, waiting to be deleted. */
  delete?: boolean;
}

export interface EngineState {
  resources: ResourceState[];
  /** Stack outputs of the last `up` (secret ones wrapped). */
  outputs?: Props;
}

export interface DesiredResource {
  urn: string;
  type: string;
  name: string;
  /** As the program sends them: may hold secret wrappers. `__provider` included. */
  inputs: Props;
  dependencies?: string[];
  /** Input key -> URNs its value came from (the request's propertyDependencies). */
  propertyDependencies?: Record<string, string[]>;
  deleteBeforeReplace?: boolean;
  replaceOnChanges?: string[];
  /** Output keys the resource asks to be secret (the `additionalSecretOutputs` option). */
  additionalSecretOutputs?: string[];
  /** Create/update timeout in seconds, sent to the plugin. */
  timeoutSec?: number;
}

export type StepOp = "create" | "update" | "replace" | "same" | "delete" | "read" | "refresh-drop";

export interface Step {
  urn: string;
  op: StepOp;
  /** Top-level input keys that changed (create: all keys; delete: none). */
  diffs: string[];
  detailedDiff?: DiffResult["detailedDiff"];
  id?: string;
  /** replace: the id of the object that was replaced. */
  oldId?: string;
  /** replace: keys that forced replacement; deleteBeforeReplace chosen. */
  replaces?: string[];
  deleteBeforeReplace?: boolean;
  /** read: output keys that changed outside Pulumi. */
  changedOutputs?: string[];
  /** delete: the object was replaced (old half of a replacement, or condemned by a dependency's). */
  replaced?: boolean;
  /**
   * delete/replace of a dependent condemned by a delete-before-replace: the URN of the replaced
   * resource that caused it.
   */
  dependentOf?: string;
  /** Set when the step failed (the message). */
  error?: string;
}

export interface RefreshReport {
  urn: string;
  id: string;
  dropped: boolean;
  /** Output keys whose values changed (added, removed or modified), `__provider` excluded. */
  changedOutputs: string[];
  changedInputs: string[];
}

export class CheckFailed extends Error {
  readonly urn: string;
  readonly failures: CheckFailure[];
  constructor(urn: string, failures: CheckFailure[]) {
    super(`check failed for ${urn}: ${failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
    this.name = "CheckFailed";
    this.urn = urn;
    this.failures = failures;
  }
}

export interface EngineOptions {
  /** Where the state is kept (created if missing). Without it the state lives in memory only. */
  stateFile?: string;
  /** Defer deletes of replaced objects to `deleteReplaced()` (what `pulumi up` does). Default false. */
  deferReplacedDeletes?: boolean;
}

/** URN of a resource, as the engine builds it (parentTypes: the types of the parent chain). */
export function makeUrn(type: string, name: string, project = "harness-project", stack = "dev", parentTypes: string[] = []): string {
  return `urn:pulumi:${stack}::${project}::${[...parentTypes, type].join("$")}::${name}`;
}

export class Engine {
  readonly host: PluginHost;
  readonly steps: Step[] = [];
  state: EngineState;
  private readonly stateFile?: string;
  private readonly deferReplacedDeletes: boolean;
  /** Dependents deleted by a delete-before-replace cascade, by URN, until the program registers them again. */
  private readonly condemned = new Map<string, { old: ResourceState; replaces: string[]; dependentOf: string }>();

  constructor(host: PluginHost, opts: EngineOptions = {}) {
    this.host = host;
    this.stateFile = opts.stateFile;
    this.deferReplacedDeletes = opts.deferReplacedDeletes ?? false;
    this.state = Engine.load(opts.stateFile);
  }

  static load(stateFile?: string): EngineState {
    if (stateFile && fs.existsSync(stateFile)) return JSON.parse(fs.readFileSync(stateFile, "utf8")) as EngineState;
    return { resources: [] };
  }

  save(): void {
    if (!this.stateFile) return;
    fs.mkdirSync(path.dirname(this.stateFile), { recursive: true });
    const tmp = `${this.stateFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(this.state, null, 2));
    fs.renameSync(tmp, this.stateFile);
  }

  /** The live (not pending-delete) resource with this URN. */
  get(urn: string): ResourceState | undefined {
    return this.state.resources.find((r) => r.urn === urn && !r.delete);
  }

  /** Inputs as the engine holds them: secret keys wrapped. */
  wrappedInputs(r: ResourceState): Props {
    return markSecret(r.inputs, r.secretKeys);
  }
  /** Outputs as the engine holds them (and the program sees them): secret keys wrapped. */
  wrappedOutputs(r: ResourceState): Props {
    return markSecret(r.outputs, r.secretKeys);
  }

  private record(step: Step): Step {
    this.steps.push(step);
    return step;
  }

  private toState(d: DesiredResource, id: string, inputs: Props, outputs: Props, initErrors?: string[]): ResourceState {
    const r: ResourceState = {
      urn: d.urn,
      type: d.type,
      name: d.name,
      id,
      inputs: stripSecrets(inputs),
      outputs: stripSecrets(outputs),
      secretKeys: [
        ...new Set([...secretKeysOf(inputs), ...secretKeysOf(outputs), ...(d.additionalSecretOutputs ?? []).filter((k) => k in outputs)]),
      ].sort(),
      dependencies: [...(d.dependencies ?? [])],
    };
    if (d.propertyDependencies) {
      r.propertyDependencies = Object.fromEntries(Object.entries(d.propertyDependencies).map(([k, v]) => [k, [...v]]));
    }
    if (initErrors && initErrors.length) r.initErrors = initErrors;
    return r;
  }

  /** Replaces the live entry for the URN (or appends), keeping the order of the state. */
  private put(r: ResourceState): void {
    const i = this.state.resources.findIndex((x) => x.urn === r.urn && !x.delete);
    if (i >= 0) this.state.resources[i] = r;
    else this.state.resources.push(r);
    this.save();
  }

  private remove(r: ResourceState): void {
    this.state.resources = this.state.resources.filter((x) => x !== r);
    this.save();
  }

  /** One resource registration, as the engine's step generator and executor handle it. */
  async register(d: DesiredResource): Promise<ResourceState> {
    const old = this.get(d.urn);
    const oldInputs = old ? this.wrappedInputs(old) : {};
    const checked = await this.host.check(d.urn, oldInputs, d.inputs);
    if (checked.failures.length) {
      this.record({ urn: d.urn, op: old ? "update" : "create", diffs: [], error: "check failed" });
      throw new CheckFailed(d.urn, checked.failures);
    }
    const news = checked.inputs;
    const condemned = old ? undefined : this.condemned.get(d.urn);
    if (condemned) return this.doRecreate(d, news, condemned);
    if (!old) return this.doCreate(d, news, "create", changedKeys({}, stripSecrets(news)));
    if (old.initErrors && old.initErrors.length) {
      return this.doUpdate(d, old, news, changedKeys(old.inputs, stripSecrets(news)));
    }
    const diff = await this.host.diff(d.urn, old.id, this.wrappedOutputs(old), news, oldInputs);
    const inputDiffs = changedKeys(old.inputs, stripSecrets(news));
    const diffs = diff.diffs.length ? diff.diffs : inputDiffs;
    let changes = diff.changes;
    if (changes === undefined) changes = !deepEqual(old.inputs, stripSecrets(news));
    if (!changes) {
      const r = { ...old, ...this.toState(d, old.id, news, this.wrappedOutputs(old)) };
      r.secretKeys = [...new Set([...r.secretKeys, ...old.secretKeys])].sort();
      if (!d.propertyDependencies) delete r.propertyDependencies;
      this.put(r);
      this.record({ urn: d.urn, op: "same", diffs: [], id: old.id });
      return r;
    }
    const replaces = [...diff.replaces];
    for (const k of d.replaceOnChanges ?? []) {
      if ((k === "*" && diffs.length) || (diffs.includes(k) && !replaces.includes(k))) replaces.push(k === "*" ? diffs[0] : k);
    }
    if (replaces.length) {
      const dbr = diff.deleteBeforeReplace || d.deleteBeforeReplace === true;
      return this.doReplace(d, old, news, diffs, replaces, dbr, diff.detailedDiff);
    }
    return this.doUpdate(d, old, news, diffs, diff.detailedDiff);
  }

  private async doCreate(d: DesiredResource, news: Props, op: "create", diffs: string[]): Promise<ResourceState> {
    try {
      const res = await this.host.create(d.urn, news, d.timeoutSec);
      const r = this.toState(d, res.id, news, res.outputs);
      this.put(r);
      this.record({ urn: d.urn, op, diffs, id: res.id });
      return r;
    } catch (e) {
      this.failed(d, news, op, diffs, e);
      throw e;
    }
  }

  /** Creates again a dependent that a delete-before-replace cascade deleted (the engine's CreateReplacement). */
  private async doRecreate(
    d: DesiredResource,
    news: Props,
    c: { old: ResourceState; replaces: string[]; dependentOf: string },
  ): Promise<ResourceState> {
    this.condemned.delete(d.urn);
    const diffs = changedKeys(c.old.inputs, stripSecrets(news));
    const step: Partial<Step> = { oldId: c.old.id, replaces: c.replaces, deleteBeforeReplace: true, dependentOf: c.dependentOf };
    try {
      const res = await this.host.create(d.urn, news, d.timeoutSec);
      const r = this.toState(d, res.id, news, res.outputs);
      this.put(r);
      this.record({ urn: d.urn, op: "replace", diffs, ...step, id: res.id });
      return r;
    } catch (e) {
      this.failed(d, news, "replace", diffs, e, step);
      throw e;
    }
  }

  private failed(d: DesiredResource, news: Props, op: StepOp, diffs: string[], e: unknown, extra: Partial<Step> = {}): void {
    if (e instanceof InitFailure) {
      this.put(this.toState(d, e.id, news, e.properties, e.reasons));
      this.record({ urn: d.urn, op, diffs, id: e.id, error: e.message, ...extra });
    } else {
      this.record({ urn: d.urn, op, diffs, error: (e as Error).message, ...extra });
    }
  }

  private async doUpdate(
    d: DesiredResource,
    old: ResourceState,
    news: Props,
    diffs: string[],
    detailedDiff?: DiffResult["detailedDiff"],
  ): Promise<ResourceState> {
    try {
      const res = await this.host.update(d.urn, old.id, this.wrappedOutputs(old), news, this.wrappedInputs(old), d.timeoutSec);
      const r = this.toState(d, old.id, news, res.outputs);
      this.put(r);
      this.record({ urn: d.urn, op: "update", diffs, detailedDiff, id: old.id });
      return r;
    } catch (e) {
      this.failed(d, news, "update", diffs, e, { detailedDiff });
      throw e;
    }
  }

  private async doReplace(
    d: DesiredResource,
    old: ResourceState,
    news: Props,
    diffs: string[],
    replaces: string[],
    deleteBeforeReplace: boolean,
    detailedDiff?: DiffResult["detailedDiff"],
  ): Promise<ResourceState> {
    const step: Step = { urn: d.urn, op: "replace", diffs, detailedDiff, oldId: old.id, replaces, deleteBeforeReplace };
    if (deleteBeforeReplace) {
      // Dependents that the replacement would replace go first, in reverse dependency order.
      const dependents = await this.dependentReplacements(old);
      for (const x of [...dependents].reverse()) {
        await this.deleteOne(x.r, true, old.urn);
        if (!x.r.delete) this.condemned.set(x.r.urn, { old: x.r, replaces: x.replaces, dependentOf: old.urn });
      }
      await this.deleteOne(old, true);
    }
    const insertAfterOld = (r: ResourceState) => {
      // The old object stays in the state, marked for deletion, right before its replacement.
      const i = this.state.resources.indexOf(old);
      old.delete = true;
      this.state.resources.splice(i + 1, 0, r);
      this.save();
    };
    try {
      const res = await this.host.create(d.urn, news, d.timeoutSec);
      const r = this.toState(d, res.id, news, res.outputs);
      if (deleteBeforeReplace) this.put(r);
      else insertAfterOld(r);
      this.record({ ...step, id: res.id });
      if (!deleteBeforeReplace && !this.deferReplacedDeletes) await this.deleteOne(old, true);
      return r;
    } catch (e) {
      if (e instanceof InitFailure && !deleteBeforeReplace) {
        insertAfterOld(this.toState(d, e.id, news, e.properties, e.reasons));
        this.record({ ...step, id: e.id, error: e.message });
      } else this.failed(d, news, "replace", diffs, e, step);
      throw e;
    }
  }

  /**
   * Deletes one object and records a "delete" step (`replaced` when it was replaced, `dependentOf` when
   * a delete-before-replace of that URN condemned it).
   */
  private async deleteOne(r: ResourceState, replaced = false, dependentOf?: string): Promise<void> {
    const extra: Partial<Step> = { ...(replaced || r.delete ? { replaced: true } : {}), ...(dependentOf ? { dependentOf } : {}) };
    try {
      await this.host.delete(r.urn, r.id, this.wrappedOutputs(r), this.wrappedInputs(r));
    } catch (e) {
      this.record({ urn: r.urn, op: "delete", diffs: [], id: r.id, error: (e as Error).message, ...extra });
      throw e;
    }
    this.remove(r);
    this.record({ urn: r.urn, op: "delete", diffs: [], id: r.id, ...extra });
  }

  /** URNs a state entry depends on: `dependencies` and every `propertyDependencies` list. */
  private static dependsOn(r: ResourceState): string[] {
    return [...r.dependencies, ...Object.values(r.propertyDependencies ?? {}).flat()];
  }

  /**
   * The engine's `calculateDependentReplacements(root)`: the state entries that depend on `root`,
   * transitively, in dependency order (dependencies first), filtered to those a replacement of `root`
   * would replace. Each candidate with an input coming from `root` or from an entry already condemned is
   * diffed with those inputs set to the unknown sentinel; it is condemned when the diff replaces.
   */
  private async dependentReplacements(root: ResourceState): Promise<Array<{ r: ResourceState; replaces: string[] }>> {
    const all = this.state.resources.filter((r) => r !== root && r.urn !== root.urn);
    // Transitive dependents (DependingOn): fixpoint, so the order of the state does not matter.
    const reached = new Set<string>([root.urn]);
    const dependents: ResourceState[] = [];
    for (let grew = true; grew; ) {
      grew = false;
      for (const r of all) {
        if (dependents.includes(r) || !Engine.dependsOn(r).some((u) => reached.has(u))) continue;
        dependents.push(r);
        reached.add(r.urn);
        grew = true;
      }
    }
    // Dependency order: an entry after every dependent it depends on; otherwise the order of the state.
    const ordered: ResourceState[] = [];
    const left = all.filter((r) => dependents.includes(r));
    while (left.length) {
      const pendingUrns = new Set(left.map((r) => r.urn));
      const i = left.findIndex((r) => !Engine.dependsOn(r).some((u) => u !== r.urn && pendingUrns.has(u)));
      ordered.push(...left.splice(i >= 0 ? i : 0, 1));
    }
    // The replace set: URN -> ids of the condemned objects (a pending-delete entry shares its URN).
    const replaceSet = new Map<string, string[]>([[root.urn, [root.id]]]);
    const condemned: Array<{ r: ResourceState; replaces: string[] }> = [];
    for (const r of ordered) {
      const affected = Engine.affectedInputs(r, replaceSet);
      if (!affected.length) continue;
      const oldInputs = this.wrappedInputs(r);
      const news: Props = { ...oldInputs };
      for (const k of affected) news[k] = UNKNOWN;
      const diff = await this.host.diff(r.urn, r.id, this.wrappedOutputs(r), news, oldInputs);
      const detailedReplace = Object.entries(diff.detailedDiff ?? {})
        .filter(([, v]) => v.kind.endsWith("_REPLACE"))
        .map(([k]) => k);
      const replaces = diff.replaces.length ? diff.replaces : detailedReplace;
      if (!replaces.length) continue;
      condemned.push({ r, replaces });
      replaceSet.set(r.urn, [...(replaceSet.get(r.urn) ?? []), r.id]);
    }
    return condemned;
  }

  /**
   * Inputs of `r` whose value comes from a condemned resource: by `propertyDependencies` when recorded,
   * else the inputs holding the id of a condemned resource `r` depends on.
   */
  private static affectedInputs(r: ResourceState, replaceSet: Map<string, string[]>): string[] {
    const keys = Object.keys(r.inputs);
    if (r.propertyDependencies) {
      return keys.filter((k) => (r.propertyDependencies![k] ?? []).some((u) => replaceSet.has(u)));
    }
    const ids = r.dependencies.flatMap((u) => replaceSet.get(u) ?? []);
    const holds = (v: unknown): boolean =>
      typeof v === "string" ? ids.includes(v) : typeof v === "object" && v !== null && Object.values(v).some(holds);
    return ids.length ? keys.filter((k) => k !== "__provider" && holds(r.inputs[k])) : [];
  }

  /**
   * Orders resources for deletion: dependents before their dependencies, otherwise reverse
   * registration order.
   */
  private deletionOrder(victims: ResourceState[]): ResourceState[] {
    const all = this.state.resources;
    const left = new Set(victims);
    const order: ResourceState[] = [];
    while (left.size) {
      // Last registered first, among those no remaining victim depends on.
      const candidates = all.filter((r) => left.has(r)).reverse();
      const next =
        candidates.find((r) => !candidates.some((o) => o !== r && o.dependencies.includes(r.urn))) ?? candidates[0];
      order.push(next);
      left.delete(next);
    }
    return order;
  }

  /**
   * Deletes concurrently, as the engine does: each victim as soon as every victim that depends on it is
   * gone. After a failure no new delete starts; those in flight finish; the first error is thrown.
   */
  private async deleteAll(victims: ResourceState[]): Promise<void> {
    const order = this.deletionOrder(victims);
    const done = new Map<ResourceState, Promise<void>>();
    let failure: unknown;
    let failed = false;
    const start = (r: ResourceState): Promise<void> => {
      let p = done.get(r);
      if (p) return p;
      const dependents = order.filter((o) => o !== r && Engine.dependsOn(o).includes(r.urn) && o.urn !== r.urn);
      p = Promise.all(dependents.map(start)).then(async () => {
        if (failed) return;
        try {
          await this.deleteOne(r);
        } catch (e) {
          if (!failed) failure = e;
          failed = true;
        }
      });
      done.set(r, p);
      return p;
    };
    await Promise.all(order.map(start));
    if (failed) throw failure;
  }

  /** Deletes the old objects of create-before-delete replacements (end of `up`). */
  async deleteReplaced(): Promise<void> {
    await this.deleteAll(this.state.resources.filter((r) => r.delete));
  }

  /** Deletes resources the program no longer registers (and pending replaced objects). */
  async deleteUnregistered(registeredUrns: Iterable<string>): Promise<void> {
    const keep = new Set(registeredUrns);
    await this.deleteAll(this.state.resources.filter((r) => r.delete || !keep.has(r.urn)));
  }

  /** `pulumi destroy`: deletes everything, dependents first, independent ones concurrently. */
  async destroy(): Promise<void> {
    await this.deleteAll([...this.state.resources]);
    this.state.outputs = {};
    this.save();
  }

  /**
   * `pulumi refresh`: Read each resource with (id, old outputs, old inputs). An empty id drops it
   * (step "refresh-drop"); otherwise the outputs (and inputs, when returned) are stored and init
   * errors cleared. Returns what changed per resource.
   */
  async refresh(): Promise<RefreshReport[]> {
    const reports: RefreshReport[] = [];
    // The engine reads every resource at once; the results are applied in state order.
    const resources = [...this.state.resources];
    const reads = await Promise.all(resources.map((r) => this.host.read(r.urn, r.id, this.wrappedOutputs(r), this.wrappedInputs(r)).then((res) => ({ res }), (error: unknown) => ({ error }))));
    // Like the engine, a failed read fails the refresh after the other reads are recorded.
    const failedRead = reads.find((x): x is { error: unknown } => "error" in x);
    for (const [n, r] of resources.entries()) {
      const read = reads[n];
      if ("error" in read) continue;
      const res = read.res;
      if (!res.id) {
        this.remove(r);
        this.record({ urn: r.urn, op: "refresh-drop", diffs: [], id: r.id });
        reports.push({ urn: r.urn, id: r.id, dropped: true, changedOutputs: [], changedInputs: [] });
        continue;
      }
      const outputs = stripSecrets(res.outputs);
      const inputs = res.inputs ? stripSecrets(res.inputs) : r.inputs;
      const changedOutputs = changedKeys(r.outputs, outputs).filter((k) => !HIDDEN.includes(k));
      const changedInputs = changedKeys(r.inputs, inputs).filter((k) => !HIDDEN.includes(k));
      const next: ResourceState = {
        ...r,
        id: res.id,
        outputs,
        inputs,
        secretKeys: [...new Set([...r.secretKeys, ...secretKeysOf(res.outputs), ...secretKeysOf(res.inputs)])].sort(),
      };
      delete next.initErrors;
      const i = this.state.resources.indexOf(r);
      this.state.resources[i] = next;
      this.save();
      this.record({ urn: r.urn, op: "read", diffs: changedInputs, id: res.id, changedOutputs });
      reports.push({ urn: r.urn, id: res.id, dropped: false, changedOutputs, changedInputs });
    }
    if (failedRead) throw failedRead.error;
    return reports;
  }
}
