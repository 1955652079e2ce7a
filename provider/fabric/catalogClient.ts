import { z } from "zod";
import { HttpClient } from "../core/http";
import { optionalFields } from "../core/response";

/**
 * The Fabric v4 catalog a program looks things up in (provider/lookups/fabric.ts): ports, service profiles
 * and metros, over the same HTTP client (token, retries, errors) as the connections. Response schemas are
 * tolerant (passthrough): Equinix adds fields.
 */

const str = z.string();
const num = z.number();

export const CatalogPort = z
  .object({
    uuid: z.string(),
    ...optionalFields(str, "name", "description", "state", "type", "demarcationPointIbx"),
    ...optionalFields(num, "bandwidth", "availableBandwidth", "usedBandwidth", "physicalPortsSpeed", "connectionsCount"),
    encapsulation: z.object(optionalFields(str, "type", "tagProtocolId")).passthrough().optional(),
    location: z.object(optionalFields(str, "metroCode", "metroName", "region", "ibx")).passthrough().optional(),
    redundancy: z.object({ priority: str.optional() }).passthrough().optional(),
    project: z.object({ projectId: str.optional() }).passthrough().optional(),
  })
  .passthrough();
export type CatalogPort = z.infer<typeof CatalogPort>;

const ServiceMetro = z.object({ code: z.string(), ...optionalFields(str, "name", "displayName"), vcBandwidthMax: num.optional(), sellerRegions: z.record(z.string()).optional() }).passthrough();

export const CatalogServiceProfile = z
  .object({
    uuid: z.string(),
    ...optionalFields(str, "name", "type", "description", "visibility", "state"),
    accessPointTypeConfigs: z
      .array(
        z
          .object({
            ...optionalFields(str, "type"),
            supportedBandwidths: z.array(num).optional(),
            allowCustomBandwidth: z.boolean().optional(),
            authenticationKey: z.object({ required: z.boolean().optional(), ...optionalFields(str, "label", "description") }).passthrough().optional(),
            linkProtocolConfig: z.object(optionalFields(str, "encapsulation", "encapsulationStrategy")).passthrough().optional(),
          })
          .passthrough(),
      )
      .optional(),
    metros: z.array(ServiceMetro).optional(),
    selfProfile: z.boolean().optional(),
  })
  .passthrough();
export type CatalogServiceProfile = z.infer<typeof CatalogServiceProfile>;

export const CatalogMetro = z
  .object({
    code: z.string(),
    ...optionalFields(str, "name", "region", "country", "type"),
    ...optionalFields(num, "equinixAsn", "localVCBandwidthMax"),
    connectedMetros: z.array(z.object({ code: str, avgLatency: num.optional(), remoteVCBandwidthMax: num.optional() }).passthrough()).optional(),
  })
  .passthrough();
export type CatalogMetro = z.infer<typeof CatalogMetro>;

const Pagination = z.object({ total: num.optional(), offset: num.optional(), limit: num.optional() }).passthrough().optional();
const page = <T extends z.ZodTypeAny>(item: T) => z.object({ data: z.array(item).optional(), pagination: Pagination }).passthrough();

/** One condition of a Fabric search: the ports and service profile searches take only `=`. */
export interface Condition {
  property: string;
  values: string[];
}

export interface CatalogCallOptions {
  /** Absolute deadline (ms on the client's clock) for retries. */
  deadline?: number;
  /** Stop after this many results (default 1,000). */
  limit?: number;
}

/** Pages are 100 long, the most Fabric serves. */
const PAGE = 100;

export class FabricCatalogClient {
  constructor(private readonly http: HttpClient) {}

  /** POST /fabric/v4/ports/search: every port matching all the conditions (the spec's PortSearchFieldName properties). */
  searchPorts(conditions: Condition[], opts: CatalogCallOptions = {}): Promise<CatalogPort[]> {
    return this.walk(CatalogPort, opts, (offset) => ({
      method: "POST",
      path: "/fabric/v4/ports/search",
      body: { filter: { and: conditions.map((c) => ({ ...c, operator: "=" })) }, pagination: { offset, limit: PAGE }, sort: [{ property: "/name", direction: "ASC" }] },
      call: "POST /fabric/v4/ports/search",
    }));
  }

  /** POST /fabric/v4/serviceProfiles/search (the buyer's view): every profile matching all the conditions. */
  searchServiceProfiles(conditions: Condition[], opts: CatalogCallOptions = {}): Promise<CatalogServiceProfile[]> {
    return this.walk(CatalogServiceProfile, opts, (offset) => ({
      method: "POST",
      path: "/fabric/v4/serviceProfiles/search",
      query: { viewPoint: "aSide" },
      body: { ...(conditions.length ? { filter: { and: conditions.map((c) => ({ ...c, operator: "=" })) } } : {}), pagination: { offset, limit: PAGE }, sort: [{ property: "/name", direction: "ASC" }] },
      call: "POST /fabric/v4/serviceProfiles/search",
    }));
  }

  /** GET /fabric/v4/metros: every Fabric metro, or with `myPorts` only those where the account has ports (presence=MY_PORTS). */
  listMetros(myPorts: boolean, opts: CatalogCallOptions = {}): Promise<CatalogMetro[]> {
    return this.walk(CatalogMetro, opts, (offset) => ({
      method: "GET",
      path: "/fabric/v4/metros",
      query: { ...(myPorts ? { presence: "MY_PORTS" } : {}), offset, limit: PAGE },
      call: "GET /fabric/v4/metros",
    }));
  }

  /** GET /fabric/v4/metros/{metroCode}. Fabric answers an unknown code with 400 EQ-3036013 "Invalid Path Parameter". */
  getMetro(code: string, opts: CatalogCallOptions = {}): Promise<CatalogMetro> {
    return this.http.requestParsed(CatalogMetro, { method: "GET", path: `/fabric/v4/metros/${encodeURIComponent(code)}`, deadline: opts.deadline, call: "GET /fabric/v4/metros/{metroCode}" });
  }

  /** Every page of a paged answer, until its total, an empty page or `limit` items. Searches only read: each page may be re-sent. */
  private async walk<S extends z.ZodTypeAny>(
    item: S,
    opts: CatalogCallOptions,
    request: (offset: number) => { method: "GET" | "POST"; path: string; query?: Record<string, string | number>; body?: unknown; call: string },
  ): Promise<Array<z.output<S>>> {
    const out: Array<z.output<S>> = [];
    const limit = opts.limit ?? 1000;
    for (let offset = 0; ; ) {
      const res = await this.http.requestParsed(page(item), { ...request(offset), idempotent: true, deadline: opts.deadline });
      const data = (res.data ?? []) as Array<z.output<S>>;
      out.push(...data.slice(0, limit - out.length));
      offset += data.length;
      if (data.length === 0 || out.length >= limit || offset >= (res.pagination?.total ?? 0)) return out;
    }
  }
}
