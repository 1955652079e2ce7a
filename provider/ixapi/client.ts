import { z } from "zod";
import { ApiSpec } from "../core/clients";
import { Coalescer } from "../core/coalescer";
import { ConfigReader, processConfig } from "../core/config";
import type { CallContext } from "../core/context";
import { createOnceByLookup } from "../core/createOnce";
import { HttpClient, RequestSpec } from "../core/http";
import { progress, Progress } from "../core/progress";
import { optionalFields, orUndefined } from "../core/response";
import { tokenCache } from "../core/tokenCache";
import { credentialKey, ixapiAuth } from "./auth";
import { ixapiError } from "./errors";
import { isNetworkServiceConfigGone } from "./networkServiceConfigMapping";
import { isNetworkServiceGone } from "./networkServiceMapping";
import { IxapiCredentials, ixapiCredentials } from "./settings";

/**
 * IX-API v2 calls used by the resources. Response schemas are tolerant (passthrough): exchanges add
 * fields, and newer schema versions add states.
 */

export interface CallOptions {
  /** Absolute deadline (ms on the client's clock) for retries. */
  deadline?: number;
  /** Where a create reports that its answer was lost and what it found instead (default: stderr). */
  progress?: Progress;
}

const enc = encodeURIComponent;

/** How long a coalesced list call is retried before its objects are read one by one, in ms. */
const BULK_BUDGET_MS = 5000;

// ---- schemas ------------------------------------------------------------------------------------

export const Status = z.object({ severity: z.number().optional(), tag: z.string().optional(), message: z.string().optional() }).passthrough();

export const ProductOffering = z
  .object({
    id: z.string(),
    type: z.string(),
    name: z.string().optional(),
    display_name: z.string().optional(),
    service_provider: z.string().optional(),
    bandwidth_min: z.number().nullable().optional(),
    bandwidth_max: z.number().nullable().optional(),
    provider_vlans: z.string().optional(),
    diversity: z.number().optional(),
    handover_metro_area_network: z.string().optional(),
    service_exchange_pops: z.array(z.object({ pop: z.string() }).passthrough()).optional(),
  })
  .passthrough();
export type ProductOffering = z.infer<typeof ProductOffering>;

export const Pop = z.object({ id: z.string(), name: z.string().optional(), metro_area_network: z.string().optional() }).passthrough();
export type Pop = z.infer<typeof Pop>;

export const Connection = z.object({ id: z.string(), state: z.string().optional(), pop: z.string().optional(), vlan_types: z.array(z.string()).optional() }).passthrough();
export type Connection = z.infer<typeof Connection>;

export const Account = z.object({ id: z.string(), name: z.string().optional() }).passthrough();

/** What services and configs share: their state, the accounts that own and pay for them, the customer's references and the billing dates. */
const stateful = {
  id: z.string(),
  type: z.string(),
  state: z.string().optional(),
  status: z.array(Status).optional(),
  ...optionalFields(z.string(), "managing_account", "consuming_account", "billing_account"),
  ...optionalFields(z.string().nullable(), "external_ref", "purchase_order", "contract_ref", "decommission_at", "charged_until"),
};

export const NetworkService = z
  .object({
    ...stateful,
    ...optionalFields(z.string(), "product_offering", "cloud_key"),
    ...optionalFields(z.string().nullable(), "provider_ref", "current_billing_start_date"),
    capacity: z.number().nullable().optional(),
    diversity: z.number().optional(),
    nsc_required_contact_roles: z.array(z.string()).optional(),
  })
  .passthrough();
export type NetworkService = z.infer<typeof NetworkService>;

export const VlanConfigWire = z
  .object({
    vlan_type: z.string(),
    vlan: z.number().nullable().optional(),
    vlan_ethertype: z.string().optional(),
    outer_vlan: z.number().nullable().optional(),
    outer_vlan_ethertype: z.string().optional(),
    inner_vlan: z.number().nullable().optional(),
  })
  .passthrough();
export type VlanConfigWire = z.infer<typeof VlanConfigWire>;

export const NetworkServiceConfig = z
  .object({
    ...stateful,
    ...optionalFields(z.string(), "network_service", "connection"),
    role_assignments: z.array(z.string()).optional(),
    vlan_config: VlanConfigWire.optional(),
    handover: z.number().optional(),
    cloud_vlan: z.number().nullable().optional(),
  })
  .passthrough();
export type NetworkServiceConfig = z.infer<typeof NetworkServiceConfig>;

export const CancellationPolicy = z.object({ decommission_at: z.string(), charged_until: z.string() }).passthrough();
export type CancellationPolicy = z.infer<typeof CancellationPolicy>;

export const Contact = z
  .object({
    id: z.string(),
    ...optionalFields(z.string(), "managing_account", "consuming_account"),
    ...optionalFields(z.string().nullable(), "name", "email", "telephone", "external_ref"),
  })
  .passthrough();
export type Contact = z.infer<typeof Contact>;

export const Role = z.object({ id: z.string(), name: z.string(), required_fields: z.array(z.string()).default([]) }).passthrough();
export type Role = z.infer<typeof Role>;

export const RoleAssignment = z.object({ id: z.string(), role: z.string(), contact: z.string() }).passthrough();
export type RoleAssignment = z.infer<typeof RoleAssignment>;

type Query = Record<string, string>;

/**
 * What every IX-API collection answers (services, configs, contacts, role assignments): GET one
 * (undefined when the exchange says it does not exist), the list with a query, and reads of these
 * credentials coalesced by id: the list calls filter by `?id=a,b,...` (the IX-API schema's id filter, a
 * comma-separated list), up to 100 ids a call.
 */
interface Collection<T> {
  get(id: string, opts?: CallOptions): Promise<T | undefined>;
  list(query: Query, opts?: CallOptions): Promise<T[]>;
  read(id: string): Promise<T | undefined>;
}

/**
 * The IX-API calls for one exchange and credential set (ixapiApi makes it, core/clients.ts caches it):
 * one HTTP client with the exchange's token flow, one coalesced reader per collection.
 */
export class IxapiClient {
  private readonly services = this.collection("ixapi.networkService", "/network-services", NetworkService);
  private readonly configs = this.collection("ixapi.networkServiceConfig", "/network-service-configs", NetworkServiceConfig);
  private readonly contacts = this.collection("ixapi.contact", "/contacts", Contact);
  /** The schema has no GET of one role assignment: `?id=`, as step 6.2 of the "Using IX-API for Cloud Service" guide shows. */
  private readonly assignments: Collection<RoleAssignment> = this.collection("ixapi.roleAssignment", "/role-assignments", RoleAssignment, async (id, opts) =>
    (await this.assignments.list({ id }, opts)).find((a) => a.id === id),
  );

  constructor(private readonly http: HttpClient) {}

  /** One call, named by its method and path template ("GET /network-services/{id}"), its answer checked against `schema`. */
  private send<S extends z.ZodTypeAny>(schema: S, spec: RequestSpec & { template: string }, opts: CallOptions): Promise<z.output<S>> {
    const { template, ...request } = spec;
    return this.http.requestParsed(schema, { ...request, deadline: spec.deadline ?? opts.deadline, call: spec.call ?? `${spec.method} ${template}` });
  }

  /** POST once to a collection; a lost answer is looked up with `find` before the POST is sent again (core/createOnce.ts). */
  private create<S extends z.ZodType<{ id: string }, z.ZodTypeDef, unknown>>(schema: S, path: string, what: string, body: unknown, opts: CallOptions, find: () => Promise<z.output<S> | undefined>): Promise<z.output<S>> {
    const post = () => this.send(schema, { method: "POST", path, body, template: path }, opts);
    return createOnceByLookup({ what, post, find, idOf: (x) => x.id, progress: opts.progress ?? progress });
  }

  private collection<S extends z.ZodType<{ id: string }, z.ZodTypeDef, unknown>>(name: string, path: string, schema: S, getOne?: Collection<z.output<S>>["get"]): Collection<z.output<S>> {
    type T = z.output<S>;
    const get = getOne ?? ((id: string, opts: CallOptions = {}) => orUndefined(this.send(schema, { method: "GET", path: `${path}/${enc(id)}`, template: `${path}/{id}` }, opts)));
    const list = (query: Query, opts: CallOptions = {}): Promise<T[]> => this.send(z.array(schema), { method: "GET", path, query, template: path }, opts);
    const reads = new Coalescer<T>({
      name,
      pageSize: 100,
      list: async (ids) => new Map((await list({ id: ids.join(",") }, { deadline: this.http.clock.now() + BULK_BUDGET_MS })).filter((x) => ids.includes(x.id)).map((x) => [x.id, x])),
      get: (id) => get(id),
    });
    return { get, list, read: (id) => reads.read(id) };
  }

  /** PATCH with a merge patch (RFC 7396), the IX-API's only update. */
  private mergePatch<S extends z.ZodTypeAny>(schema: S, path: string, id: string, body: Record<string, unknown>, opts: CallOptions): Promise<z.output<S>> {
    return this.send(schema, { method: "PATCH", path: `${path}/${enc(id)}`, body, headers: { "Content-Type": "application/merge-patch+json" }, template: `${path}/{id}` }, opts);
  }

  /** DELETE; "gone" when it did not exist. */
  private async remove(path: string, id: string, template: string, opts: CallOptions): Promise<"deleted" | "gone"> {
    const r = await orUndefined(this.send(z.unknown(), { method: "DELETE", path: `${path}/${enc(id)}`, template }, opts).then(() => "deleted" as const));
    return r ?? "gone";
  }

  // ---- catalog ----------------------------------------------------------------------------------

  getProductOffering(id: string, opts: CallOptions = {}): Promise<ProductOffering | undefined> {
    return orUndefined(this.send(ProductOffering, { method: "GET", path: `/product-offerings/${enc(id)}`, template: "/product-offerings/{id}" }, opts));
  }

  /** GET /product-offerings with the schema's filters (type, service_provider, handover_metro_area_network ...). */
  listProductOfferings(query: Query = {}, opts: CallOptions = {}): Promise<ProductOffering[]> {
    return this.send(z.array(ProductOffering), { method: "GET", path: "/product-offerings", query, template: "/product-offerings" }, opts);
  }

  listPops(query: Query = {}, opts: CallOptions = {}): Promise<Pop[]> {
    return this.send(z.array(Pop), { method: "GET", path: "/pops", query, template: "/pops" }, opts);
  }

  listConnections(query: Query = {}, opts: CallOptions = {}): Promise<Connection[]> {
    return this.send(z.array(Connection), { method: "GET", path: "/connections", query, template: "/connections" }, opts);
  }

  getConnection(id: string, opts: CallOptions = {}): Promise<Connection | undefined> {
    return orUndefined(this.send(Connection, { method: "GET", path: `/connections/${enc(id)}`, template: "/connections/{id}" }, opts));
  }

  listAccounts(opts: CallOptions = {}): Promise<Array<z.infer<typeof Account>>> {
    return this.send(z.array(Account), { method: "GET", path: "/accounts", template: "/accounts" }, opts);
  }

  // ---- network services -------------------------------------------------------------------------

  readonly getNetworkService = this.services.get;
  /** A network service as GET answers it, read with the others of these credentials in one list call. */
  readonly readNetworkService = this.services.read;
  readonly listNetworkServices = this.services.list;

  /** POST once; a lost answer is looked up by external_ref before sending again. */
  createNetworkService(body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkService> {
    const ref = body.external_ref as string | undefined;
    return this.create(NetworkService, "/network-services", `network service ${ref ?? ""}`.trim(), body, opts, async () =>
      ref ? (await this.listNetworkServices({ external_ref: ref }, opts)).find((s) => !isNetworkServiceGone(s) && s.state !== "decommission_requested") : undefined,
    );
  }

  patchNetworkService(id: string, body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkService> {
    return this.mergePatch(NetworkService, "/network-services", id, { type: "cloud_vc", ...body }, opts);
  }

  /** DELETE, immediately or at `decommissionAt` (YYYY-MM-DD); undefined when it was already gone. */
  deleteNetworkService(id: string, decommissionAt?: string, opts: CallOptions = {}): Promise<NetworkService | undefined> {
    const body = decommissionAt ? { decommission_at: decommissionAt } : undefined;
    return orUndefined(this.send(NetworkService, { method: "DELETE", path: `/network-services/${enc(id)}`, body, template: "/network-services/{id}" }, opts));
  }

  getCancellationPolicy(id: string, decommissionAt?: string, opts: CallOptions = {}): Promise<CancellationPolicy> {
    const query = decommissionAt ? { decommission_at: decommissionAt } : undefined;
    return this.send(CancellationPolicy, { method: "GET", path: `/network-services/${enc(id)}/cancellation-policy`, query, template: "/network-services/{id}/cancellation-policy" }, opts);
  }

  // ---- network service configs ------------------------------------------------------------------

  readonly getNetworkServiceConfig = this.configs.get;
  /** A network service config as GET answers it, read with the others of these credentials in one list call. */
  readonly readNetworkServiceConfig = this.configs.read;
  readonly listNetworkServiceConfigs = this.configs.list;

  /** POST once; a lost answer is looked up by external_ref (or handover and cloud VLAN) before sending again. */
  createNetworkServiceConfig(body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkServiceConfig> {
    const ref = body.external_ref as string | undefined;
    const same = (c: NetworkServiceConfig) => (ref ? c.external_ref === ref : c.handover === body.handover && (c.cloud_vlan ?? null) === (body.cloud_vlan ?? null));
    return this.create(NetworkServiceConfig, "/network-service-configs", `network service config ${ref ?? ""}`.trim(), body, opts, async () =>
      (await this.listNetworkServiceConfigs({ network_service: String(body.network_service) }, opts)).find((c) => !isNetworkServiceConfigGone(c) && c.state !== "decommission_requested" && same(c)),
    );
  }

  patchNetworkServiceConfig(id: string, body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkServiceConfig> {
    return this.mergePatch(NetworkServiceConfig, "/network-service-configs", id, { type: "cloud_vc", ...body }, opts);
  }

  deleteNetworkServiceConfig(id: string, opts: CallOptions = {}): Promise<NetworkServiceConfig | undefined> {
    return orUndefined(this.send(NetworkServiceConfig, { method: "DELETE", path: `/network-service-configs/${enc(id)}`, template: "/network-service-configs/{id}" }, opts));
  }

  // ---- contacts, roles, role assignments --------------------------------------------------------

  readonly getContact = this.contacts.get;
  /** A contact as GET answers it, read with the others of these credentials in one list call. */
  readonly readContact = this.contacts.read;
  readonly listContacts = this.contacts.list;

  /** POST once; a lost answer is looked up by external_ref before sending again. */
  createContact(body: Record<string, unknown>, opts: CallOptions = {}): Promise<Contact> {
    const ref = body.external_ref as string | undefined;
    return this.create(Contact, "/contacts", `contact ${ref ?? ""}`.trim(), body, opts, async () => (ref ? (await this.listContacts({ external_ref: ref }, opts))[0] : undefined));
  }

  patchContact(id: string, body: Record<string, unknown>, opts: CallOptions = {}): Promise<Contact> {
    return this.mergePatch(Contact, "/contacts", id, body, opts);
  }

  /** DELETE; "gone" when it did not exist. */
  deleteContact(id: string, opts: CallOptions = {}): Promise<"deleted" | "gone"> {
    return this.remove("/contacts", id, "/contacts/{id}", opts);
  }

  listRoles(query: Query = {}, opts: CallOptions = {}): Promise<Role[]> {
    return this.send(z.array(Role), { method: "GET", path: "/roles", query, template: "/roles" }, opts);
  }

  getRole(id: string, opts: CallOptions = {}): Promise<Role | undefined> {
    return orUndefined(this.send(Role, { method: "GET", path: `/roles/${enc(id)}`, template: "/roles/{id}" }, opts));
  }

  /** The role with this name (noc, implementation, legal ...), or undefined. */
  async findRole(name: string, opts: CallOptions = {}): Promise<Role | undefined> {
    return (await this.listRoles({ name }, opts)).find((r) => r.name === name);
  }

  /** GET /role-assignments?id= (the schema has no GET by id). */
  readonly getRoleAssignment = this.assignments.get;
  /** A role assignment, read with the others of these credentials in one list call. */
  readonly readRoleAssignment = this.assignments.read;
  readonly listRoleAssignments = this.assignments.list;

  /** POST once; a lost answer is looked up by contact and role before sending again. */
  createRoleAssignment(body: { role: string; contact: string }, opts: CallOptions = {}): Promise<RoleAssignment> {
    return this.create(RoleAssignment, "/role-assignments", `role assignment ${body.role} -> ${body.contact}`, body, opts, async () =>
      (await this.listRoleAssignments({ contact: body.contact, role: body.role }, opts)).find((a) => a.role === body.role && a.contact === body.contact),
    );
  }

  deleteRoleAssignment(id: string, opts: CallOptions = {}): Promise<"deleted" | "gone"> {
    return this.remove("/role-assignments", id, "/role-assignments/{assignment_id}", opts);
  }
}

/** IX-API for the client factory (core/clients.ts): one client per exchange URL and credential set. */
export const ixapiApi: ApiSpec<IxapiCredentials, IxapiClient> = {
  api: "ixapi",
  credentials: ixapiCredentials,
  key: credentialKey,
  create: (c, http) => new IxapiClient(http({ api: "ixapi", baseURL: c.apiUrl, auth: ixapiAuth(c, http), toError: ixapiError })),
};

/** The call's IX-API client (for the exchange and credentials its config gives). */
export function ixapiClient(ctx: CallContext): IxapiClient {
  return ctx.clients.get(ixapiApi);
}

/** How many tokens this process fetched for the credentials `config` gives. */
export function ixapiTokenFetches(config: ConfigReader = processConfig): number {
  return tokenCache.fetchCount(credentialKey(ixapiCredentials(config)));
}
