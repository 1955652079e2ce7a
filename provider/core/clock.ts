/**
 * Time as the provider sees it. Waiters and retries take a Clock so tests run them instantly with a
 * fake one, and benchmarks can measure waits against the sandbox's clock.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * A clock that only moves when slept on: each sleep advances it by the requested time at once.
 * `slept` records every sleep so tests can assert the waiting schedule.
 */
export class FakeClock implements Clock {
  readonly slept: number[] = [];
  constructor(private current = 0) {}
  now(): number {
    return this.current;
  }
  async sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.current += Math.max(0, ms);
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
