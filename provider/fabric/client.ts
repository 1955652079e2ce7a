import { z } from "zod";
import { Coalescer } from "../core/coalescer";
import { HttpClient } from "../core/http";
import { orUndefined } from "../core/response";

/**
 * Fabric v4 calls used by the resources. Response schemas are tolerant (passthrough): Equinix adds
 * fields, and the provider must keep working when it does.
 */

const LinkProtocol = z
  .object({ type: z.string().optional(), vlanTag: z.number().optional(), vlanSTag: z.number().optional(), vlanCTag: z.number().optional() })
  .passthrough();

const AccessPoint = z
  .object({
    type: z.string().optional(),
    port: z.object({ uuid: z.string().optional(), name: z.string().optional() }).passthrough().optional(),
    profile: z.object({ uuid: z.string().optional(), type: z.string().optional(), name: z.string().optional() }).passthrough().optional(),
    router: z.object({ uuid: z.string().optional() }).passthrough().optional(),
    virtualDevice: z.object({ uuid: z.string().optional(), type: z.string().optional() }).passthrough().optional(),
    interface: z.object({ id: z.number().optional(), uuid: z.string().optional(), type: z.string().optional() }).passthrough().optional(),
    linkProtocol: LinkProtocol.optional(),
    location: z.object({ metroCode: z.string().optional() }).passthrough().optional(),
    sellerRegion: z.string().optional(),
    authenticationKey: z.string().optional(),
    providerConnectionId: z.string().optional(),
  })
  .passthrough();

const Side = z
  .object({ accessPoint: AccessPoint.optional(), serviceToken: z.object({ uuid: z.string().optional() }).passthrough().optional() })
  .passthrough();

export const FabricConnection = z
  .object({
    uuid: z.string(),
    href: z.string().optional(),
    type: z.string().optional(),
    name: z.string().optional(),
    description: z.string().optional(),
    state: z.string().optional(),
    bandwidth: z.number().optional(),
    change: z.object({ type: z.string().optional(), status: z.string().optional(), uuid: z.string().optional() }).passthrough().optional(),
    operation: z
      .object({
        providerStatus: z.string().optional(),
        equinixStatus: z.string().optional(),
        operationalStatus: z.string().optional(),
        errors: z.array(z.object({ errorCode: z.string().optional(), errorMessage: z.string().optional() }).passthrough()).optional(),
      })
      .passthrough()
      .optional(),
    order: z.object({ purchaseOrderNumber: z.string().optional(), termLength: z.number().optional() }).passthrough().optional(),
    notifications: z.array(z.object({ type: z.string().optional(), emails: z.array(z.string()).optional() }).passthrough()).optional(),
    redundancy: z.object({ group: z.string().optional(), priority: z.string().optional() }).passthrough().optional(),
    aSide: Side.optional(),
    zSide: Side.optional(),
  })
  .passthrough();
export type FabricConnection = z.infer<typeof FabricConnection>;

export const FabricPort = z
  .object({
    uuid: z.string(),
    name: z.string().optional(),
    state: z.string().optional(),
    encapsulation: z.object({ type: z.string().optional(), tagProtocolId: z.string().optional() }).passthrough().optional(),
    location: z.object({ metroCode: z.string().optional() }).passthrough().optional(),
    redundancy: z.object({ priority: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type FabricPort = z.infer<typeof FabricPort>;

const SearchResponse = z
  .object({
    pagination: z.object({ offset: z.number().optional(), limit: z.number().optional(), total: z.number().optional() }).passthrough().optional(),
    data: z.array(FabricConnection).optional(),
  })
  .passthrough();

export interface SearchCondition {
  property: string;
  operator: "=" | "IN" | "LIKE";
  values: Array<string | number>;
}

export interface JsonPatchOp {
  op: "replace" | "add" | "remove";
  path: string;
  value?: unknown;
}

export interface CallOptions {
  /** Absolute deadline (ms on the client's clock) for retries. */
  deadline?: number;
}

/** A paged Fabric answer: one page of items and the total. */
export interface FabricPage<T> {
  data?: T[];
  pagination?: { total?: number };
}

/**
 * The items of every page (`page(offset)` fetches the one at `offset`), until the total was seen, a page is
 * empty or missing (undefined: the parent does not exist). The caller stops early by not asking for more.
 */
export async function* offsetPages<T>(page: (offset: number) => Promise<FabricPage<T> | undefined>): AsyncGenerator<T> {
  for (let offset = 0; ; ) {
    const p = await page(offset);
    const data = p?.data ?? [];
    yield* data;
    offset += data.length;
    if (!p || data.length === 0 || offset >= (p.pagination?.total ?? 0)) return;
  }
}

/** PATCH with JSON Patch operations (`application/json-patch+json`), the answer parsed with `schema`. */
export function patchJson<S extends z.ZodTypeAny>(http: HttpClient, schema: S, path: string, call: string, ops: JsonPatchOp[], opts: CallOptions): Promise<z.output<S>> {
  return http.requestParsed(schema, { method: "PATCH", path, body: ops, headers: { "Content-Type": "application/json-patch+json" }, deadline: opts.deadline, call });
}

/** DELETE: "deleting", or "gone" when Equinix says the object does not exist. */
export async function deleteOrGone(http: HttpClient, path: string, call: string, opts: CallOptions): Promise<"deleting" | "gone"> {
  return (await orUndefined(http.request({ method: "DELETE", path, deadline: opts.deadline, call }))) ? "deleting" : "gone";
}

/** How long a coalesced search is retried before its connections are read one by one, in ms. */
export const BULK_BUDGET_MS = 5000;

const CONNECTION = "/fabric/v4/connections/{id}";
const SEARCH = "POST /fabric/v4/connections/search";

/**
 * The Fabric v4 calls for one credential set (fabric/http.ts makes it, core/clients.ts caches it): one
 * HTTP client, one coalesced reader of connections.
 */
export class FabricClient {
  /** Reads of this credential set's connections within the coalescer's window share one search per 100. */
  private readonly connections = new Coalescer<FabricConnection>({
    name: "fabric.connection",
    pageSize: 100,
    // Retried for 5 s (a 429 or a 503 passes); past that, each connection is read on its own.
    list: (ids) => this.listConnectionsByUuid(ids, { deadline: this.http.clock.now() + BULK_BUDGET_MS }),
    get: (id) => this.getConnection(id),
  });

  constructor(private readonly http: HttpClient) {}

  /** POST /fabric/v4/connections. Never re-sent after an ambiguous failure: the error says maybeCommitted. */
  createConnection(body: unknown, opts: CallOptions = {}): Promise<FabricConnection> {
    return this.http.requestParsed(FabricConnection, { method: "POST", path: "/fabric/v4/connections", body, deadline: opts.deadline, call: "POST /fabric/v4/connections" });
  }

  /** POST /fabric/v4/connections?dryRun=true: Equinix validates the request and creates nothing. */
  async validateConnection(body: unknown, opts: CallOptions = {}): Promise<void> {
    await this.http.request({
      method: "POST",
      path: "/fabric/v4/connections",
      query: { dryRun: true },
      body,
      idempotent: true,
      deadline: opts.deadline,
      call: "POST /fabric/v4/connections?dryRun=true",
    });
  }

  /** GET a connection; undefined when Equinix says it does not exist. */
  getConnection(uuid: string, opts: CallOptions = {}): Promise<FabricConnection | undefined> {
    return orUndefined(this.http.requestParsed(FabricConnection, { method: "GET", path: `/fabric/v4/connections/${encodeURIComponent(uuid)}`, deadline: opts.deadline, call: `GET ${CONNECTION}` }));
  }

  /**
   * Up to 100 connections by uuid in one search (`/uuid IN [...]`, Equinix's page size); the ones it does
   * not list are left out (the coalescer confirms an absence with a direct GET).
   */
  async listConnectionsByUuid(uuids: string[], opts: CallOptions = {}): Promise<Map<string, FabricConnection>> {
    const page = await this.http.requestParsed(SearchResponse, {
      method: "POST",
      path: "/fabric/v4/connections/search",
      body: { filter: { and: [{ property: "/uuid", operator: "IN", values: uuids }] }, pagination: { offset: 0, limit: 100 } },
      idempotent: true,
      deadline: opts.deadline,
      call: SEARCH,
    });
    return new Map((page.data ?? []).filter((c) => uuids.includes(c.uuid)).map((c) => [c.uuid, c]));
  }

  /**
   * Reads a connection as GET does (undefined when it does not exist), coalesced with the other reads of
   * these credentials that arrive within the window: one search per 100 connections (core/coalescer.ts).
   */
  readConnection(uuid: string): Promise<FabricConnection | undefined> {
    return this.connections.read(uuid);
  }

  patchConnection(uuid: string, ops: JsonPatchOp[], opts: CallOptions = {}): Promise<FabricConnection> {
    return patchJson(this.http, FabricConnection, `/fabric/v4/connections/${encodeURIComponent(uuid)}`, `PATCH ${CONNECTION}`, ops, opts);
  }

  /**
   * DELETE a connection; "gone" when Equinix says it does not exist or is already deleted (EQ-3142509, which
   * it also answers while the connection is still DEPROVISIONING: wait for DEPROVISIONED either way).
   */
  deleteConnection(uuid: string, opts: CallOptions = {}): Promise<"deleting" | "gone"> {
    return deleteOrGone(this.http, `/fabric/v4/connections/${encodeURIComponent(uuid)}`, `DELETE ${CONNECTION}`, opts);
  }

  /** Search, page by page, as an async iterator bounded by `limit` results. */
  async *searchConnections(conditions: SearchCondition[], limit = 1000, opts: CallOptions = {}): AsyncGenerator<FabricConnection> {
    let seen = 0;
    const pages = offsetPages((offset) =>
      this.http.requestParsed(SearchResponse, {
        method: "POST",
        path: "/fabric/v4/connections/search",
        body: { filter: { and: conditions }, pagination: { offset, limit: 100 }, sort: [{ direction: "DESC", property: "/changeLog/createdDateTime" }] },
        idempotent: true,
        deadline: opts.deadline,
        call: SEARCH,
      }),
    );
    for await (const c of pages) {
      yield c;
      if (++seen >= limit) return;
    }
  }

  getPort(uuid: string, opts: CallOptions = {}): Promise<FabricPort | undefined> {
    return orUndefined(this.http.requestParsed(FabricPort, { method: "GET", path: `/fabric/v4/ports/${encodeURIComponent(uuid)}`, deadline: opts.deadline, call: "GET /fabric/v4/ports/{id}" }));
  }
}
