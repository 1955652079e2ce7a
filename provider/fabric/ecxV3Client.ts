import { z } from "zod";
import { Coalescer } from "../core/coalescer";
import { HttpClient } from "../core/http";
import { optionalFields, orUndefined } from "../core/response";
import { CallOptions } from "./client";

/**
 * ECX v3 calls (the legacy L2 API, retired by Equinix in 2024) used by fabric.L2Connection. They share
 * the Fabric v4 OAuth token, retry policy and HTTP client (fabric/http.ts) and its error mapping
 * (equinixError reads the v3 `{errorCode, errorMessage, property, moreInfo}` bodies; IC-LAYER2-4021 =
 * already deleted).
 * Response schemas are tolerant: VLAN tags and speeds may come as numbers or numeric strings.
 */

const num = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);

export const V3Connection = z
  .object({
    uuid: z.string(),
    ...optionalFields(z.string(), "name", "status", "providerStatus", "portUUID", "asideEncapsulation", "zsideEncapsulation", "zSidePortUUID", "speedUnit"),
    ...optionalFields(z.string(), "redundancyType", "redundancyGroup", "redundantUUID", "sellerServiceUUID", "sellerMetroCode", "sellerRegion"),
    ...optionalFields(z.string(), "authorizationKey", "purchaseOrderNumber", "vendorToken"),
    ...optionalFields(num, "vlanSTag", "vlanCTag", "zSideVlanSTag", "zSideVlanCTag", "speed"),
    notifications: z.array(z.string()).optional(),
    updateInProgress: z.boolean().optional(),
  })
  .passthrough();
export type V3Connection = z.infer<typeof V3Connection>;

const PostResponse = z
  .object({ message: z.string().optional(), primaryConnectionId: z.string(), secondaryConnectionId: z.string().optional() })
  .passthrough();
export type V3PostResponse = z.infer<typeof PostResponse>;

const BASE = "/ecx/v3/l2/connections";

const ListPage = z
  .object({ content: z.array(V3Connection).optional(), isLastPage: z.boolean().optional(), totalCount: num.optional() })
  .passthrough();

export interface V3Update {
  connectionNewName?: string;
  speed?: number;
  speedUnit?: "MB" | "GB";
}

/** The ECX v3 calls for one credential set, over the Equinix HTTP client (fabric/http.ts). */
export class EcxV3Client {
  /** Reads of legs within the coalescer's window: one walk of the list answers them all. */
  private readonly legs = new Coalescer<V3Connection>({
    name: "ecxv3.connection",
    // One walk answers every leg of the window; a few legs are cheaper read one by one.
    pageSize: 10_000,
    minBatch: 8,
    list: (ids) => this.listL2ConnectionsByUuid(ids, { deadline: this.http.clock.now() + 5000 }),
    get: (id) => this.getL2Connection(id),
  });

  constructor(private readonly http: HttpClient) {}

  /** POST /ecx/v3/l2/connections: one request creates one leg, or both legs of a redundant pair. Never re-sent blindly. */
  createL2Connection(body: Record<string, unknown>, opts: CallOptions = {}): Promise<V3PostResponse> {
    return this.http.requestParsed(PostResponse, { method: "POST", path: BASE, body, deadline: opts.deadline, call: `POST ${BASE}` });
  }

  /** GET one leg; undefined when Equinix says it does not exist. */
  getL2Connection(uuid: string, opts: CallOptions = {}): Promise<V3Connection | undefined> {
    return orUndefined(this.http.requestParsed(V3Connection, { method: "GET", path: `${BASE}/${encodeURIComponent(uuid)}`, deadline: opts.deadline, call: `GET ${BASE}/{id}` }));
  }

  /**
   * The legs among `uuids` found by walking GET /ecx/v3/l2/connections, 100 a page (ECX v3 lists have no
   * id filter). The walk stops when every leg is found or at the last page; and when the account lists
   * more pages than half the legs (walking would cost more than reading them one by one), after as many
   * pages as the legs alone fill plus 2. Legs it did not reach are left out: the coalescer reads each of
   * them directly.
   */
  async listL2ConnectionsByUuid(uuids: string[], opts: CallOptions = {}): Promise<Map<string, V3Connection>> {
    const want = new Set(uuids);
    const out = new Map<string, V3Connection>();
    let maxPages = Math.ceil(uuids.length / 100) + 2;
    for (let pageNumber = 0; pageNumber < maxPages && out.size < want.size; pageNumber++) {
      const page = await this.http.requestParsed(ListPage, { method: "GET", path: BASE, query: { pageSize: 100, pageNumber }, idempotent: true, deadline: opts.deadline, call: `GET ${BASE}` });
      if (pageNumber === 0 && page.totalCount !== undefined) {
        const pages = Math.ceil(page.totalCount / 100);
        if (pages <= Math.max(2, uuids.length / 2)) maxPages = pages;
      }
      for (const c of page.content ?? []) if (want.has(c.uuid)) out.set(c.uuid, c);
      if (page.isLastPage !== false || !page.content?.length) break;
    }
    return out;
  }

  /** Reads a leg as getL2Connection does, with the other legs of these credentials read within the window (core/coalescer.ts). */
  readL2Connection(uuid: string): Promise<V3Connection | undefined> {
    return this.legs.read(uuid);
  }

  /** PATCH /ecx/v3/l2/connections/{id}?action=update: name and speed, one leg at a time. */
  async updateL2Connection(uuid: string, update: V3Update, opts: CallOptions = {}): Promise<void> {
    await this.http.request({
      method: "PATCH",
      path: `${BASE}/${encodeURIComponent(uuid)}`,
      query: { action: "update" },
      body: update,
      deadline: opts.deadline,
      call: `PATCH ${BASE}/{id}?action=update`,
    });
  }

  /** DELETE one leg; "gone" when it was already deleted (IC-LAYER2-4021) or never existed. */
  async deleteL2Connection(uuid: string, opts: CallOptions = {}): Promise<"deleting" | "gone"> {
    const r = await orUndefined(this.http.request({ method: "DELETE", path: `${BASE}/${encodeURIComponent(uuid)}`, deadline: opts.deadline, call: `DELETE ${BASE}/{id}` }));
    return r ? "deleting" : "gone";
  }
}
