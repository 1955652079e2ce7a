import { z } from "zod";
import { HttpClient } from "../core/http";
import { orUndefined, optionalFields } from "../core/response";
import { deleteOrGone, offsetPages, patchJson, type CallOptions, type JsonPatchOp, type SearchCondition } from "./client";

/**
 * The Fabric v4 calls of Fabric Cloud Routers (`/fabric/v4/routers`) and routing protocols
 * (`/fabric/v4/connections/{id}/routingProtocols`), over the Equinix HTTP client (its token, retries and
 * error mapping: fabric/http.ts). Response schemas are tolerant (passthrough).
 */

const Notification = z.object({ type: z.string().optional(), emails: z.array(z.string()).optional() }).passthrough();

export const FabricRouter = z
  .object({
    uuid: z.string(),
    ...optionalFields(z.string(), "href", "name", "state", "type"),
    ...optionalFields(z.number(), "equinixAsn", "connectionsCount"),
    location: z.object({ metroCode: z.string().optional() }).passthrough().optional(),
    package: z.object({ code: z.string().optional() }).passthrough().optional(),
    project: z.object({ projectId: z.string().optional() }).passthrough().optional(),
    account: z.object({ accountNumber: z.number().optional() }).passthrough().optional(),
    order: z.object({ purchaseOrderNumber: z.string().optional(), termLength: z.number().optional() }).passthrough().optional(),
    notifications: z.array(Notification).optional(),
    change: z.object({ ...optionalFields(z.string(), "uuid", "type", "status") }).passthrough().optional(),
  })
  .passthrough();
export type FabricRouter = z.infer<typeof FabricRouter>;

const RouterSearch = z.object({ pagination: z.object({ total: z.number().optional() }).passthrough().optional(), data: z.array(FabricRouter).optional() }).passthrough();

const BgpFamily = z
  .object({
    ...optionalFields(z.string(), "customerPeerIp", "equinixPeerIp"),
    enabled: z.boolean().optional(),
    operation: z.object({ ...optionalFields(z.string(), "operationalStatus", "opStatusChangedAt") }).passthrough().optional(),
  })
  .passthrough();

export const FabricRoutingProtocol = z
  .object({
    uuid: z.string(),
    ...optionalFields(z.string(), "href", "type", "name", "state", "bgpAuthKey"),
    ...optionalFields(z.number(), "customerAsn", "equinixAsn"),
    directIpv4: z.object({ equinixIfaceIp: z.string().optional() }).passthrough().optional(),
    directIpv6: z.object({ equinixIfaceIp: z.string().optional() }).passthrough().optional(),
    bgpIpv4: BgpFamily.optional(),
    bgpIpv6: BgpFamily.optional(),
    // The specification types the interval as a string; its examples send a number.
    bfd: z.object({ enabled: z.boolean().optional(), interval: z.union([z.string(), z.number()]).optional() }).passthrough().optional(),
    change: z.object({ ...optionalFields(z.string(), "uuid", "type") }).passthrough().optional(),
    connection: z.object({ uuid: z.string().optional() }).passthrough().optional(),
    operation: z.object({ errors: z.array(z.object({ ...optionalFields(z.string(), "errorCode", "errorMessage") }).passthrough()).optional() }).passthrough().optional(),
  })
  .passthrough();
export type FabricRoutingProtocol = z.infer<typeof FabricRoutingProtocol>;

const ProtocolList = z.object({ pagination: z.object({ total: z.number().optional() }).passthrough().optional(), data: z.array(FabricRoutingProtocol).optional() }).passthrough();

const ROUTER = "/fabric/v4/routers/{routerId}";
const PROTOCOLS = "/fabric/v4/connections/{connectionId}/routingProtocols";
const PROTOCOL = `${PROTOCOLS}/{routingProtocolId}`;
const enc = encodeURIComponent;

export class FabricRoutingClient {
  constructor(private readonly http: HttpClient) {}

  // ---- cloud routers ----

  /** POST /fabric/v4/routers. Never re-sent after an ambiguous failure: the error says maybeCommitted. */
  createRouter(body: unknown, opts: CallOptions = {}): Promise<FabricRouter> {
    return this.http.requestParsed(FabricRouter, { method: "POST", path: "/fabric/v4/routers", body, deadline: opts.deadline, call: "POST /fabric/v4/routers" });
  }

  /** GET a router; undefined when Equinix says it does not exist. */
  getRouter(uuid: string, opts: CallOptions = {}): Promise<FabricRouter | undefined> {
    return orUndefined(this.http.requestParsed(FabricRouter, { method: "GET", path: `/fabric/v4/routers/${enc(uuid)}`, deadline: opts.deadline, call: `GET ${ROUTER}` }));
  }

  /** POST /fabric/v4/routers/search, page by page (100 a page). */
  searchRouters(conditions: SearchCondition[], opts: CallOptions = {}): AsyncGenerator<FabricRouter> {
    return offsetPages((offset) =>
      this.http.requestParsed(RouterSearch, {
        method: "POST",
        path: "/fabric/v4/routers/search",
        body: { filter: { and: conditions.map((c) => ({ ...c, values: c.values.map(String) })) }, pagination: { offset, limit: 100 }, sort: [{ direction: "DESC", property: "/changeLog/createdDateTime" }] },
        idempotent: true,
        deadline: opts.deadline,
        call: "POST /fabric/v4/routers/search",
      }),
    );
  }

  /** PATCH a router (`application/json-patch+json`, CloudRouterUpdateRequest). */
  patchRouter(uuid: string, ops: JsonPatchOp[], opts: CallOptions = {}): Promise<FabricRouter> {
    return patchJson(this.http, FabricRouter, `/fabric/v4/routers/${enc(uuid)}`, `PATCH ${ROUTER}`, ops, opts);
  }

  /** DELETE a router; "gone" when Equinix says it does not exist. */
  deleteRouter(uuid: string, opts: CallOptions = {}): Promise<"deleting" | "gone"> {
    return deleteOrGone(this.http, `/fabric/v4/routers/${enc(uuid)}`, `DELETE ${ROUTER}`, opts);
  }

  // ---- routing protocols ----

  /** POST a routing protocol (RoutingProtocolBase). Never re-sent after an ambiguous failure. */
  createRoutingProtocol(connectionUuid: string, body: unknown, opts: CallOptions = {}): Promise<FabricRoutingProtocol> {
    return this.http.requestParsed(FabricRoutingProtocol, { method: "POST", path: `/fabric/v4/connections/${enc(connectionUuid)}/routingProtocols`, body, deadline: opts.deadline, call: `POST ${PROTOCOLS}` });
  }

  /** GET one routing protocol; undefined when Equinix says it (or its connection) does not exist. */
  getRoutingProtocol(connectionUuid: string, uuid: string, opts: CallOptions = {}): Promise<FabricRoutingProtocol | undefined> {
    return orUndefined(
      this.http.requestParsed(FabricRoutingProtocol, { method: "GET", path: `/fabric/v4/connections/${enc(connectionUuid)}/routingProtocols/${enc(uuid)}`, deadline: opts.deadline, call: `GET ${PROTOCOL}` }),
    );
  }

  /** Every routing protocol of a connection (GET, page by page); [] when the connection does not exist. */
  async listRoutingProtocols(connectionUuid: string, opts: CallOptions = {}): Promise<FabricRoutingProtocol[]> {
    const out: FabricRoutingProtocol[] = [];
    const path = `/fabric/v4/connections/${enc(connectionUuid)}/routingProtocols`;
    for await (const p of offsetPages((offset) => orUndefined(this.http.requestParsed(ProtocolList, { method: "GET", path, query: { offset, limit: 100 }, deadline: opts.deadline, call: `GET ${PROTOCOLS}` })))) out.push(p);
    return out;
  }

  /** PUT: replaces the whole protocol (RoutingProtocolBase). */
  replaceRoutingProtocol(connectionUuid: string, uuid: string, body: unknown, opts: CallOptions = {}): Promise<FabricRoutingProtocol> {
    return this.http.requestParsed(FabricRoutingProtocol, { method: "PUT", path: `/fabric/v4/connections/${enc(connectionUuid)}/routingProtocols/${enc(uuid)}`, body, deadline: opts.deadline, call: `PUT ${PROTOCOL}` });
  }

  /** DELETE a routing protocol; "gone" when Equinix says it (or its connection) does not exist. */
  deleteRoutingProtocol(connectionUuid: string, uuid: string, opts: CallOptions = {}): Promise<"deleting" | "gone"> {
    return deleteOrGone(this.http, `/fabric/v4/connections/${enc(connectionUuid)}/routingProtocols/${enc(uuid)}`, `DELETE ${PROTOCOL}`, opts);
  }
}
