/**
 * Coalesced reads: within one plugin process (one per `pulumi up`, `refresh` or `destroy`), reads of the
 * same kind that arrive within a short window (25 ms after the last one, 100 ms at most) are answered from one vendor list call per page instead of
 * one GET each. The engine reads a stack's resources concurrently on refresh, and waiting objects poll
 * through the same reader, so 200 connections refresh in 2 searches and wait together.
 *
 * Correctness rules, in this order:
 * - A read arriving alone costs exactly one direct read (the kind's `get`), after at most the window.
 * - An object the list does not return is gone only if a direct read agrees: a paging mistake, an
 *   eventually consistent index or a filter the vendor ignored never drops a resource from a state.
 * - A failed list call (throttling, 5xx, a filter the vendor refuses) falls back to direct reads of the
 *   page's objects, each with its own retries and errors, exactly as without coalescing.
 */

/** The per-kind declaration: how to list a page of objects by id and how to read one directly. */
export interface BulkKind<V> {
  /** For messages and tests: "fabric.connection". */
  name: string;
  /** Most ids one list call may name (the vendor's page size: Fabric 100, Alibaba 50). */
  pageSize: number;
  /** One vendor list call naming these ids (at most pageSize); returns the objects it listed, by id. */
  list(ids: string[]): Promise<Map<string, V>>;
  /** One direct read; undefined when the vendor says the object does not exist. */
  get(id: string): Promise<V | undefined>;
  /**
   * Batches of fewer ids than this are read directly, one request each (default 2: a read alone costs one
   * GET). Larger for a list call that cannot filter by id and must walk pages.
   */
  minBatch?: number;
  /** How long a read waits for others to join it, in ms. Default: coalesceWindowMs(). */
  windowMs?: number;
}

/** Counters, for tests and the benchmark. */
export interface CoalescerStats {
  /** List calls made. */
  lists: number;
  /** Direct reads made (alone, confirming an absence, or after a failed list). */
  gets: number;
  /** List calls that failed and fell back to direct reads. */
  fallbacks: number;
}

interface Waiter<V> {
  resolve: (v: V | undefined) => void;
  reject: (e: unknown) => void;
}

/** The window in ms: INTERCONNECT_COALESCE_MS (0 turns coalescing off), else 25. */
export function coalesceWindowMs(): number {
  const raw = process.env.INTERCONNECT_COALESCE_MS;
  const n = raw === undefined || raw === "" ? NaN : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : 25;
}

export class Coalescer<V> {
  readonly stats: CoalescerStats = { lists: 0, gets: 0, fallbacks: 0 };
  private pending = new Map<string, Waiter<V>[]>();
  private timer: NodeJS.Timeout | undefined;
  private batchStart: number | undefined;

  constructor(private readonly kind: BulkKind<V>) {}

  /** Reads one object; undefined when it does not exist (the same answer as `kind.get`). */
  read(id: string): Promise<V | undefined> {
    const window = this.kind.windowMs ?? coalesceWindowMs();
    if (window <= 0) return this.direct(id);
    return new Promise<V | undefined>((resolve, reject) => {
      const list = this.pending.get(id);
      if (list) list.push({ resolve, reject });
      else this.pending.set(id, [{ resolve, reject }]);
      // The batch closes `window` ms after its last read (a read alone waits exactly that), and at the
      // latest 4 windows after its first: the engine's reads reach the plugin spread over some ms.
      const now = Date.now();
      if (this.batchStart === undefined) this.batchStart = now;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), Math.max(0, Math.min(window, this.batchStart + 4 * window - now)));
      // A pending read keeps the process alive through its own promise, not through this timer.
      this.timer.unref?.();
    });
  }

  private direct(id: string): Promise<V | undefined> {
    this.stats.gets++;
    return this.kind.get(id);
  }

  private async flush(): Promise<void> {
    this.timer = undefined;
    this.batchStart = undefined;
    const batch = this.pending;
    this.pending = new Map();
    const ids = [...batch.keys()];
    const settle = (id: string, p: Promise<V | undefined>) =>
      p.then(
        (v) => batch.get(id)!.forEach((w) => w.resolve(v)),
        (e) => batch.get(id)!.forEach((w) => w.reject(e)),
      );
    if (ids.length < Math.max(2, this.kind.minBatch ?? 2)) {
      await Promise.all(ids.map((id) => settle(id, this.direct(id))));
      return;
    }
    const pages: string[][] = [];
    for (let i = 0; i < ids.length; i += this.kind.pageSize) pages.push(ids.slice(i, i + this.kind.pageSize));
    await Promise.all(
      pages.map(async (page) => {
        let listed: Map<string, V>;
        try {
          this.stats.lists++;
          listed = await this.kind.list(page);
        } catch {
          // The list call failed: each object is read on its own, with its own retries and errors.
          this.stats.fallbacks++;
          await Promise.all(page.map((id) => settle(id, this.direct(id))));
          return;
        }
        await Promise.all(
          page.map((id) => {
            const v = listed.get(id);
            // Absent from the list: gone only if a direct read agrees.
            return settle(id, v !== undefined ? Promise.resolve(v) : this.direct(id));
          }),
        );
      }),
    );
  }
}
