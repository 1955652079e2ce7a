import { mkdirSync, readFileSync, renameSync, writeFileSync } from "fs";
import { dirname, resolve } from "path";
import { Timeline } from "./clock";

/**
 * The sandbox's world on disk (`--state FILE`, `startSandbox({state})`): every API's slice (objects,
 * credentials, tokens, rules, id counters) and the clock's offset, so a stack rehearsed yesterday still
 * refreshes today. The file holds credentials: it is written with mode 0600, whole (a temporary file
 * renamed over it), at most `DEBOUNCE_MS` after a change and when the sandbox stops.
 */

export const STATE_VERSION = 1;
const DEBOUNCE_MS = 100;

/** What the file holds. */
export interface SavedState {
  version: number;
  /** ISO time of the write (real time) */
  savedAt: string;
  /** the sandbox clock's offset from real time, ms */
  clockOffsetMs: number;
  /** per API: what its `saveState` returned */
  apis: Record<string, unknown>;
}

/**
 * JSON for the world's values: Maps, Timelines, RegExps and the non-finite numbers (a stalled
 * transition waits until Infinity) survive the trip; everything else is plain data.
 */
export function encode(v: unknown): unknown {
  if (typeof v === "number" && !Number.isFinite(v)) return { $num: String(v) };
  if (v instanceof Map) return { $map: [...v.entries()].map(([k, x]) => [encode(k), encode(x)]) };
  if (v instanceof Timeline) return { $timeline: v.phaseList().map((p) => ({ at: encode(p.at), value: encode(p.value) })) };
  if (v instanceof RegExp) return { $regexp: v.source, flags: v.flags };
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, encode(x)]));
  return v;
}

export function decode(v: unknown): any {
  if (Array.isArray(v)) return v.map(decode);
  if (!v || typeof v !== "object") return v;
  const o = v as Record<string, any>;
  if (typeof o.$num === "string") return Number(o.$num);
  if (Array.isArray(o.$map)) return new Map(o.$map.map(([k, x]: [unknown, unknown]) => [decode(k), decode(x)]));
  if (Array.isArray(o.$timeline)) return Timeline.fromPhases(o.$timeline.map((p: { at: unknown; value: unknown }) => ({ at: decode(p.at), value: decode(p.value) })));
  if (typeof o.$regexp === "string") return new RegExp(o.$regexp, o.flags);
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, decode(x)]));
}

/** Replaces a Map's entries in place (the slices keep their Maps; tests and routes hold them). */
export function refill<K, V>(target: Map<K, V>, source: Map<K, V> | undefined): void {
  target.clear();
  for (const [k, x] of source ?? []) target.set(k, x);
}

/** The state file: read once at start, written (debounced) after changes and at stop. */
export class StateFile {
  readonly path: string;
  private timer: NodeJS.Timeout | undefined;

  constructor(path: string, private readonly collect: () => SavedState) {
    this.path = resolve(path);
  }

  /** The saved world, or undefined when the file does not exist yet; a file that is not one throws naming it. */
  load(): SavedState | undefined {
    let text: string;
    try {
      text = readFileSync(this.path, "utf8");
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw new Error(`cannot read the sandbox state file ${this.path}: ${(e as Error).message}`);
    }
    const bad = (why: string) =>
      new Error(`the sandbox state file ${this.path} is not usable: ${why}. Move it away (or delete it) to start a new world, or name another file with --state.`);
    let raw: any;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw bad(`it is not JSON (${(e as Error).message})`);
    }
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw bad("it is not a JSON object");
    if (raw.version !== STATE_VERSION) throw bad(`version ${JSON.stringify(raw.version)}, this sandbox reads version ${STATE_VERSION}`);
    if (typeof raw.clockOffsetMs !== "number" || !raw.apis || typeof raw.apis !== "object") throw bad("clockOffsetMs or apis is missing");
    return { version: raw.version, savedAt: String(raw.savedAt ?? ""), clockOffsetMs: raw.clockOffsetMs, apis: decode(raw.apis) };
  }

  /** Writes the world now: a temporary file beside it, renamed over it (a reader never sees half a file). */
  write(): void {
    this.cancel();
    const state = this.collect();
    const text = `${JSON.stringify({ ...state, apis: encode(state.apis) })}\n`;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, this.path);
  }

  /** A change happened: write soon (changes in a burst make one write). */
  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.write();
      } catch (e) {
        process.stderr.write(`sandbox: could not write the state file ${this.path}: ${(e as Error).message}\n`);
      }
    }, DEBOUNCE_MS);
    this.timer.unref?.();
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
