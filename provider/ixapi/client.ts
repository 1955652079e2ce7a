import { z } from "zod";
import { ApiSpec } from "../core/clients";
import { Coalescer } from "../core/coalescer";
import { ConfigReader, processConfig } from "../core/config";
import type { CallContext } from "../core/context";
import { createOnceByLookup } from "../core/createOnce";
import { HttpClient, RequestSpec } from "../core/http";
import { progress, Progress } from "../core/progress";
import { orUndefined } from "../core/response";
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

export const NetworkService = z
  .object({
    id: z.string(),
    type: z.string(),
    state: z.string().optional(),
    status: z.array(Status).optional(),
    product_offering: z.string().optional(),
    managing_account: z.string().optional(),
    consuming_account: z.string().optional(),
    billing_account: z.string().optional(),
    cloud_key: z.string().optional(),
    capacity: z.number().nullable().optional(),
    diversity: z.number().optional(),
    provider_ref: z.string().nullable().optional(),
    nsc_required_contact_roles: z.array(z.string()).optional(),
    external_ref: z.string().nullable().optional(),
    purchase_order: z.string().nullable().optional(),
    contract_ref: z.string().nullable().optional(),
    decommission_at: z.string().nullable().optional(),
    charged_until: z.string().nullable().optional(),
    current_billing_start_date: z.string().nullable().optional(),
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
    id: z.string(),
    type: z.string(),
    state: z.string().optional(),
    status: z.array(Status).optional(),
    network_service: z.string().optional(),
    connection: z.string().optional(),
    managing_account: z.string().optional(),
    consuming_account: z.string().optional(),
    billing_account: z.string().optional(),
    role_assignments: z.array(z.string()).optional(),
    vlan_config: VlanConfigWire.optional(),
    handover: z.number().optional(),
    cloud_vlan: z.number().nullable().optional(),
    external_ref: z.string().nullable().optional(),
    purchase_order: z.string().nullable().optional(),
    contract_ref: z.string().nullable().optional(),
    decommission_at: z.string().nullable().optional(),
    charged_until: z.string().nullable().optional(),
  })
  .passthrough();
export type NetworkServiceConfig = z.infer<typeof NetworkServiceConfig>;

export const CancellationPolicy = z.object({ decommission_at: z.string(), charged_until: z.string() }).passthrough();
export type CancellationPolicy = z.infer<typeof CancellationPolicy>;

export const Contact = z
  .object({
    id: z.string(),
    managing_account: z.string().optional(),
    consuming_account: z.string().optional(),
    name: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    telephone: z.string().nullable().optional(),
    external_ref: z.string().nullable().optional(),
  })
  .passthrough();
export type Contact = z.infer<typeof Contact>;

export const Role = z.object({ id: z.string(), name: z.string(), required_fields: z.array(z.string()).default([]) }).passthrough();
export type Role = z.infer<typeof Role>;

export const RoleAssignment = z.object({ id: z.string(), role: z.string(), contact: z.string() }).passthrough();
export type RoleAssignment = z.infer<typeof RoleAssignment>;

/**
 * The IX-API calls for one exchange and credential set (ixapiApi makes it, core/clients.ts caches it):
 * one HTTP client with the exchange's token flow, one coalesced reader per kind. The list calls filter by
 * `?id=a,b,...` (the IX-API schema's id filter, a comma-separated list): up to 100 ids a call.
 */
export class IxapiClient {
  private readonly services = this.byIds("ixapi.networkService", (q, o) => this.listNetworkServices(q, o), (id) => this.getNetworkService(id));
  private readonly configs = this.byIds("ixapi.networkServiceConfig", (q, o) => this.listNetworkServiceConfigs(q, o), (id) => this.getNetworkServiceConfig(id));
  private readonly contacts = this.byIds("ixapi.contact", (q, o) => this.listContacts(q, o), (id) => this.getContact(id));
  private readonly roleAssignments = this.byIds("ixapi.roleAssignment", (q, o) => this.listRoleAssignments(q, o), (id) => this.getRoleAssignment(id));

  constructor(private readonly http: HttpClient) {}

  /** One call, named by its method and path template ("GET /network-services/{id}"), its answer checked against `schema`. */
  private send<S extends z.ZodTypeAny>(schema: S, spec: RequestSpec & { template: string }, opts: CallOptions): Promise<z.output<S>> {
    const { template, ...request } = spec;
    return this.http.requestParsed(schema, { ...request, deadline: spec.deadline ?? opts.deadline, call: spec.call ?? `${spec.method} ${template}` });
  }

  /** A create that looks its object up before it is sent again (core/createOnce.ts). */
  private createOnce<T extends { id: string }>(what: string, opts: CallOptions, post: () => Promise<T>, find: () => Promise<T | undefined>): Promise<T> {
    return createOnceByLookup({ what, post, find, idOf: (x) => x.id, progress: opts.progress ?? progress });
  }

  private byIds<T extends { id: string }>(name: string, list: (q: Record<string, string>, o: CallOptions) => Promise<T[]>, get: (id: string) => Promise<T | undefined>): Coalescer<T> {
    return new Coalescer<T>({
      name,
      pageSize: 100,
      list: async (ids) => {
        const got = await list({ id: ids.join(",") }, { deadline: this.http.clock.now() + BULK_BUDGET_MS });
        return new Map(got.filter((x) => ids.includes(x.id)).map((x) => [x.id, x]));
      },
      get,
    });
  }

  // ---- catalog ----------------------------------------------------------------------------------

  getProductOffering(id: string, opts: CallOptions = {}): Promise<ProductOffering | undefined> {
    return orUndefined(this.send(ProductOffering, { method: "GET", path: `/product-offerings/${enc(id)}`, template: "/product-offerings/{id}" }, opts));
  }

  listPops(query: Record<string, string> = {}, opts: CallOptions = {}): Promise<Pop[]> {
    return this.send(z.array(Pop), { method: "GET", path: "/pops", query, template: "/pops" }, opts);
  }

  listConnections(query: Record<string, string> = {}, opts: CallOptions = {}): Promise<Connection[]> {
    return this.send(z.array(Connection), { method: "GET", path: "/connections", query, template: "/connections" }, opts);
  }

  getConnection(id: string, opts: CallOptions = {}): Promise<Connection | undefined> {
    return orUndefined(this.send(Connection, { method: "GET", path: `/connections/${enc(id)}`, template: "/connections/{id}" }, opts));
  }

  listAccounts(opts: CallOptions = {}): Promise<Array<z.infer<typeof Account>>> {
    return this.send(z.array(Account), { method: "GET", path: "/accounts", template: "/accounts" }, opts);
  }

  // ---- network services -------------------------------------------------------------------------

  getNetworkService(id: string, opts: CallOptions = {}): Promise<NetworkService | undefined> {
    return orUndefined(this.send(NetworkService, { method: "GET", path: `/network-services/${enc(id)}`, template: "/network-services/{id}" }, opts));
  }

  /** A network service as GET answers it, read with the others of these credentials in one list call. */
  readNetworkService(id: string): Promise<NetworkService | undefined> {
    return this.services.read(id);
  }

  listNetworkServices(query: Record<string, string>, opts: CallOptions = {}): Promise<NetworkService[]> {
    return this.send(z.array(NetworkService), { method: "GET", path: "/network-services", query, template: "/network-services" }, opts);
  }

  /** POST once; a lost answer is looked up by external_ref before sending again. */
  createNetworkService(body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkService> {
    const ref = body.external_ref as string | undefined;
    return this.createOnce(
      `network service ${ref ?? ""}`.trim(),
      opts,
      () => this.send(NetworkService, { method: "POST", path: "/network-services", body, template: "/network-services" }, opts),
      async () => (ref ? (await this.listNetworkServices({ external_ref: ref }, opts)).find((s) => !isNetworkServiceGone(s) && s.state !== "decommission_requested") : undefined),
    );
  }

  patchNetworkService(id: string, body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkService> {
    return this.send(NetworkService, { method: "PATCH", path: `/network-services/${enc(id)}`, body: { type: "cloud_vc", ...body }, headers: { "Content-Type": "application/merge-patch+json" }, template: "/network-services/{id}" }, opts);
  }

  /** DELETE, immediately or at `decommissionAt` (YYYY-MM-DD); undefined when it was already gone. */
  deleteNetworkService(id: string, decommissionAt?: string, opts: CallOptions = {}): Promise<NetworkService | undefined> {
    return orUndefined(
      this.send(
        NetworkService,
        { method: "DELETE", path: `/network-services/${enc(id)}`, body: decommissionAt ? { decommission_at: decommissionAt } : undefined, template: "/network-services/{id}" },
        opts,
      ),
    );
  }

  getCancellationPolicy(id: string, decommissionAt?: string, opts: CallOptions = {}): Promise<CancellationPolicy> {
    return this.send(
      CancellationPolicy,
      { method: "GET", path: `/network-services/${enc(id)}/cancellation-policy`, query: decommissionAt ? { decommission_at: decommissionAt } : undefined, template: "/network-services/{id}/cancellation-policy" },
      opts,
    );
  }

  // ---- network service configs ------------------------------------------------------------------

  getNetworkServiceConfig(id: string, opts: CallOptions = {}): Promise<NetworkServiceConfig | undefined> {
    return orUndefined(this.send(NetworkServiceConfig, { method: "GET", path: `/network-service-configs/${enc(id)}`, template: "/network-service-configs/{id}" }, opts));
  }

  /** A network service config as GET answers it, read with the others of these credentials in one list call. */
  readNetworkServiceConfig(id: string): Promise<NetworkServiceConfig | undefined> {
    return this.configs.read(id);
  }

  listNetworkServiceConfigs(query: Record<string, string>, opts: CallOptions = {}): Promise<NetworkServiceConfig[]> {
    return this.send(z.array(NetworkServiceConfig), { method: "GET", path: "/network-service-configs", query, template: "/network-service-configs" }, opts);
  }

  /** POST once; a lost answer is looked up by external_ref (or handover and cloud VLAN) before sending again. */
  createNetworkServiceConfig(body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkServiceConfig> {
    const ref = body.external_ref as string | undefined;
    return this.createOnce(
      `network service config ${ref ?? ""}`.trim(),
      opts,
      () => this.send(NetworkServiceConfig, { method: "POST", path: "/network-service-configs", body, template: "/network-service-configs" }, opts),
      async () => {
        const found = await this.listNetworkServiceConfigs({ network_service: String(body.network_service) }, opts);
        return found.find(
          (c) =>
            !isNetworkServiceConfigGone(c) &&
            c.state !== "decommission_requested" &&
            (ref ? c.external_ref === ref : c.handover === body.handover && (c.cloud_vlan ?? null) === (body.cloud_vlan ?? null)),
        );
      },
    );
  }

  patchNetworkServiceConfig(id: string, body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkServiceConfig> {
    return this.send(
      NetworkServiceConfig,
      { method: "PATCH", path: `/network-service-configs/${enc(id)}`, body: { type: "cloud_vc", ...body }, headers: { "Content-Type": "application/merge-patch+json" }, template: "/network-service-configs/{id}" },
      opts,
    );
  }

  deleteNetworkServiceConfig(id: string, opts: CallOptions = {}): Promise<NetworkServiceConfig | undefined> {
    return orUndefined(this.send(NetworkServiceConfig, { method: "DELETE", path: `/network-service-configs/${enc(id)}`, template: "/network-service-configs/{id}" }, opts));
  }

  // ---- contacts, roles, role assignments --------------------------------------------------------

  getContact(id: string, opts: CallOptions = {}): Promise<Contact | undefined> {
    return orUndefined(this.send(Contact, { method: "GET", path: `/contacts/${enc(id)}`, template: "/contacts/{id}" }, opts));
  }

  /** A contact as GET answers it, read with the others of these credentials in one list call. */
  readContact(id: string): Promise<Contact | undefined> {
    return this.contacts.read(id);
  }

  listContacts(query: Record<string, string>, opts: CallOptions = {}): Promise<Contact[]> {
    return this.send(z.array(Contact), { method: "GET", path: "/contacts", query, template: "/contacts" }, opts);
  }

  /** POST once; a lost answer is looked up by external_ref before sending again. */
  createContact(body: Record<string, unknown>, opts: CallOptions = {}): Promise<Contact> {
    const ref = body.external_ref as string | undefined;
    return this.createOnce(
      `contact ${ref ?? ""}`.trim(),
      opts,
      () => this.send(Contact, { method: "POST", path: "/contacts", body, template: "/contacts" }, opts),
      async () => (ref ? (await this.listContacts({ external_ref: ref }, opts))[0] : undefined),
    );
  }

  patchContact(id: string, body: Record<string, unknown>, opts: CallOptions = {}): Promise<Contact> {
    return this.send(Contact, { method: "PATCH", path: `/contacts/${enc(id)}`, body, headers: { "Content-Type": "application/merge-patch+json" }, template: "/contacts/{id}" }, opts);
  }

  /** DELETE; "gone" when it did not exist. */
  async deleteContact(id: string, opts: CallOptions = {}): Promise<"deleted" | "gone"> {
    const r = await orUndefined(this.send(z.unknown(), { method: "DELETE", path: `/contacts/${enc(id)}`, template: "/contacts/{id}" }, opts).then(() => "deleted" as const));
    return r ?? "gone";
  }

  listRoles(query: Record<string, string> = {}, opts: CallOptions = {}): Promise<Role[]> {
    return this.send(z.array(Role), { method: "GET", path: "/roles", query, template: "/roles" }, opts);
  }

  getRole(id: string, opts: CallOptions = {}): Promise<Role | undefined> {
    return orUndefined(this.send(Role, { method: "GET", path: `/roles/${enc(id)}`, template: "/roles/{id}" }, opts));
  }

  /** The role with this name (noc, implementation, legal ...), or undefined. */
  async findRole(name: string, opts: CallOptions = {}): Promise<Role | undefined> {
    return (await this.listRoles({ name }, opts)).find((r) => r.name === name);
  }

  /** GET /role-assignments?id= (the schema has no GET by id, as step 6.2 of the "Using IX-API for Cloud Service" guide shows). */
  async getRoleAssignment(id: string, opts: CallOptions = {}): Promise<RoleAssignment | undefined> {
    return (await this.listRoleAssignments({ id }, opts)).find((a) => a.id === id);
  }

  /** A role assignment, read with the others of these credentials in one list call. */
  readRoleAssignment(id: string): Promise<RoleAssignment | undefined> {
    return this.roleAssignments.read(id);
  }

  listRoleAssignments(query: Record<string, string>, opts: CallOptions = {}): Promise<RoleAssignment[]> {
    return this.send(z.array(RoleAssignment), { method: "GET", path: "/role-assignments", query, template: "/role-assignments" }, opts);
  }

  /** POST once; a lost answer is looked up by contact and role before sending again. */
  createRoleAssignment(body: { role: string; contact: string }, opts: CallOptions = {}): Promise<RoleAssignment> {
    return this.createOnce(
      `role assignment ${body.role} -> ${body.contact}`,
      opts,
      () => this.send(RoleAssignment, { method: "POST", path: "/role-assignments", body, template: "/role-assignments" }, opts),
      async () => (await this.listRoleAssignments({ contact: body.contact, role: body.role }, opts)).find((a) => a.role === body.role && a.contact === body.contact),
    );
  }

  async deleteRoleAssignment(id: string, opts: CallOptions = {}): Promise<"deleted" | "gone"> {
    const r = await orUndefined(this.send(z.unknown(), { method: "DELETE", path: `/role-assignments/${enc(id)}`, template: "/role-assignments/{assignment_id}" }, opts).then(() => "deleted" as const));
    return r ?? "gone";
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
