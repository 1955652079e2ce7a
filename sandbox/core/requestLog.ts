/** One logged request. `status` is 0 while in flight or when the socket was dropped. */
export interface RequestLogEntry {
  seq: number;
  /** sandbox time, ISO 8601 */
  at: string;
  api: string;
  method: string;
  /** path without the query string */
  path: string;
  /** the vendor action (Alibaba RPC `Action`), when the API has one */
  action?: string;
  status: number;
  /** the operation, e.g. `oauth.token`, `fabric.connection.create`; `unknown` when no route matched */
  kind: string;
  /** the injected fault that applied to this request, if any */
  fault?: string;
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private seq = 0;

  add(e: Omit<RequestLogEntry, "seq">): RequestLogEntry {
    const entry = { seq: ++this.seq, ...e };
    this.entries.push(entry);
    return entry;
  }

  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  clear(): void {
    this.entries = [];
  }
}
