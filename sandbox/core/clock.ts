/**
 * The sandbox clock: real time plus an offset that `advance(ms)` moves forward.
 * Every state machine in the sandbox reads this clock (lazily), so a test can skip a long wait
 * instead of sleeping.
 */
export class SandboxClock {
  private offset = 0;

  /** Milliseconds since the epoch, on the sandbox clock. */
  now(): number {
    return Date.now() + this.offset;
  }

  /** The sandbox time as a Date. */
  date(): Date {
    return new Date(this.now());
  }

  /** ISO 8601 timestamp of the sandbox time (or of `at`, a sandbox time in ms). */
  iso(at?: number): string {
    return new Date(at ?? this.now()).toISOString();
  }

  /** Moves the sandbox clock forward by `ms` (negative values are ignored). Returns the new time. */
  advance(ms: number): number {
    if (Number.isFinite(ms) && ms > 0) this.offset += ms;
    return this.now();
  }

  /** How far the sandbox clock is ahead of real time, ms (kept across restarts by the state file). */
  get offsetMs(): number {
    return this.offset;
  }

  /** Restores the offset of a saved world. */
  setOffset(ms: number): void {
    if (Number.isFinite(ms)) this.offset = ms;
  }
}

/**
 * A lazily evaluated state machine: a list of phases, each taking effect at a sandbox time.
 * The current phase is the last one whose time has come.
 */
export class Timeline<T> {
  private phases: { at: number; value: T }[] = [];

  constructor(at: number, initial: T) {
    this.phases.push({ at, value: initial });
  }

  /** A machine with these phases (a saved one). */
  static fromPhases<T>(phases: { at: number; value: T }[]): Timeline<T> {
    if (!phases.length) throw new Error("a timeline needs at least one phase");
    const t = new Timeline(phases[0].at, phases[0].value);
    t.phases = phases.map((p) => ({ ...p })).sort((a, b) => a.at - b.at);
    return t;
  }

  /** Every phase, past and scheduled (for the state file). */
  phaseList(): { at: number; value: T }[] {
    return this.phases.map((p) => ({ ...p }));
  }

  /** The phase in effect at `now`. */
  current(now: number): T {
    let v = this.phases[0].value;
    for (const p of this.phases) if (p.at <= now) v = p.value;
    return v;
  }

  /** When the phase in effect at `now` began. */
  since(now: number): number {
    let at = this.phases[0].at;
    for (const p of this.phases) if (p.at <= now) at = p.at;
    return at;
  }

  /** Adds a phase at time `at` (kept sorted). */
  schedule(at: number, value: T): this {
    this.phases.push({ at, value });
    this.phases.sort((a, b) => a.at - b.at);
    return this;
  }

  /** Drops every phase that has not yet taken effect at `now` (stops the machine where it is). */
  cancelAfter(now: number): this {
    this.phases = this.phases.filter((p, i) => i === 0 || p.at <= now);
    return this;
  }

  /** Time of the first phase matching `pred`, if any (past or future). */
  timeOf(pred: (v: T) => boolean): number | undefined {
    return this.phases.find((p) => pred(p.value))?.at;
  }

  /** Whether some phase is still scheduled after `now`. */
  pending(now: number): boolean {
    return this.phases.some((p) => p.at > now);
  }

  /** The last scheduled phase (where the machine will settle). */
  final(): T {
    return this.phases[this.phases.length - 1].value;
  }
}
