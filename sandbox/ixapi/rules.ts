import type { DecommissionMode } from "./model";

type Kind = "service" | "config";

/**
 * The exchange's misbehaviour on demand (admin.ixapi): the next services or configs that stall in
 * `requested` or fail, and what a finished decommission answers. Each rule is taken once by the
 * object it applies to.
 */
export class IxapiRules {
  /** what a finished decommission answers: 404 (today), or 200 with that state */
  decommissionMode: DecommissionMode = "404";
  private stalls: Record<Kind, number> = { service: 0, config: 0 };
  private failures: { kind: Kind; message: string }[] = [];

  /** The next `count` services (or configs) stay in `requested` forever. */
  stallNext(kind: Kind, count = 1): void {
    this.stalls[kind] += count;
  }

  /** Whether the object being created stalls (consumes one stall of its kind). */
  takeStall(kind: Kind): boolean {
    if (this.stalls[kind] <= 0) return false;
    this.stalls[kind]--;
    return true;
  }

  /** The next service (or config) goes to `error` with this status message. */
  failNext(kind: Kind, message = "provisioning failed at the cloud provider"): void {
    this.failures.push({ kind, message });
  }

  /** The failure message for the object being created, if a rule applies (consumed). */
  takeFailure(kind: Kind): string | undefined {
    const i = this.failures.findIndex((f) => f.kind === kind);
    if (i < 0) return undefined;
    return this.failures.splice(i, 1)[0].message;
  }

  /** The rules that apply to the object being created (each consumed): whether it stalls, and its failure message. */
  take(kind: Kind): { stalled: boolean; failure: string | undefined } {
    return { stalled: this.takeStall(kind), failure: this.takeFailure(kind) };
  }

  /** What the state file keeps. */
  snapshot(): { decommissionMode: DecommissionMode; stalls: Record<Kind, number>; failures: { kind: Kind; message: string }[] } {
    return { decommissionMode: this.decommissionMode, stalls: { ...this.stalls }, failures: [...this.failures] };
  }

  restore(s: ReturnType<IxapiRules["snapshot"]> | undefined): void {
    if (!s) return;
    this.decommissionMode = s.decommissionMode;
    this.stalls = { ...s.stalls };
    this.failures = [...s.failures];
  }

  reset(): void {
    this.stalls = { service: 0, config: 0 };
    this.failures = [];
    this.decommissionMode = "404";
  }
}
