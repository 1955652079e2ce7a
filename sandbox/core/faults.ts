/** A fault to inject into matching requests. */
export type Fault =
  /** answer with this status and a vendor-shaped error body (and Retry-After when given) */
  | { kind: "status"; status: number; retryAfterSeconds?: number }
  /** destroy the socket before the request is handled: nothing changes on the server */
  | { kind: "drop" }
  /** handle the request and commit its effect, then destroy the socket instead of answering */
  | { kind: "loseResponse" }
  /** wait `ms` real milliseconds before handling */
  | { kind: "delay"; ms: number };

export interface FaultSpec {
  /** API name: `equinix`, `alibaba`, `ixapi` */
  api?: string;
  /** HTTP method, case-insensitive */
  method?: string;
  /** regular expression (string or RegExp) tested against the path without the query string */
  path?: string | RegExp;
  /** the vendor action (Alibaba RPC `Action`), exact match */
  action?: string;
  /** how many matching requests it applies to; omitted = every matching request until cleared */
  times?: number;
  fault: Fault;
}

export interface ActiveFault {
  id: number;
  api?: string;
  method?: string;
  path?: string;
  action?: string;
  /** remaining applications; null = unlimited */
  remaining: number | null;
  fault: Fault;
}

export interface RequestFacts {
  api: string;
  method: string;
  path: string;
  action?: string;
}

export class FaultRegistry {
  private faults: (ActiveFault & { re?: RegExp })[] = [];
  private nextId = 1;

  inject(spec: FaultSpec): ActiveFault {
    if (!spec || !spec.fault || typeof spec.fault.kind !== "string") throw new Error("injectFault: `fault.kind` is required");
    if (!["status", "drop", "loseResponse", "delay"].includes(spec.fault.kind)) {
      throw new Error(`injectFault: unknown fault kind ${JSON.stringify(spec.fault.kind)}`);
    }
    const re = spec.path === undefined ? undefined : spec.path instanceof RegExp ? spec.path : new RegExp(spec.path);
    const f = {
      id: this.nextId++,
      api: spec.api,
      method: spec.method?.toUpperCase(),
      path: re?.source,
      action: spec.action,
      remaining: spec.times === undefined || spec.times === null ? null : Math.max(0, Math.floor(spec.times)),
      fault: spec.fault,
      re,
    };
    this.faults.push(f);
    return this.describe(f);
  }

  /** Finds the first active fault matching the request and consumes one application of it. */
  take(r: RequestFacts): Fault | undefined {
    for (const f of this.faults) {
      if (f.remaining !== null && f.remaining <= 0) continue;
      if (f.api && f.api !== r.api) continue;
      if (f.method && f.method !== r.method.toUpperCase()) continue;
      if (f.re && !f.re.test(r.path)) continue;
      if (f.action && f.action !== r.action) continue;
      if (f.remaining !== null) f.remaining--;
      return f.fault;
    }
    return undefined;
  }

  remove(id: number): boolean {
    const n = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== n;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => this.describe(f));
  }

  private describe(f: ActiveFault & { re?: RegExp }): ActiveFault {
    const { re: _re, ...rest } = f;
    return { ...rest, fault: { ...f.fault } };
  }
}
