import { z } from "zod";
import { coalescer } from "../core/coalescer";
import { isApiError, isNotFound } from "../core/errors";
import { HttpClient, RequestSpec } from "../core/http";
import { progress } from "../core/progress";
import { ixapiAuth, credentialKey } from "./auth";
import { ixapiError } from "./errors";
import { isNetworkServiceConfigGone } from "./networkServiceConfigMapping";
import { isNetworkServiceGone } from "./networkServiceMapping";
import { ixapiCredentials } from "./settings";
import { tokenCache } from "../core/tokenCache";

/**
 * IX-API v2 calls used by the resources. Response schemas are tolerant (passthrough): exchanges add
 * fields, and newer schema versions add states.
 */

const clients = new Map<string, HttpClient>();

/** The client for the current settings, created lazily, one per credential set and API URL. */
export function ixapiHttp(): HttpClient {
  const c = ixapiCredentials();
  const key = credentialKey(c);
  let client = clients.get(key);
  if (!client) {
    client = new HttpClient({ api: "ixapi", baseURL: c.apiUrl, auth: ixapiAuth(c), toError: ixapiError });
    clients.set(key, client);
  }
  return client;
}

/** How many tokens this process fetched for the current credentials. */
export function ixapiTokenFetches(): number {
  return tokenCache.fetchCount(credentialKey(ixapiCredentials()));
}

/** Test hook: sees every request the client sends (method, path template, body), before it is sent. */
export const ixapiObserver: { onRequest?: (r: { method: string; template: string; path: string; body?: unknown }) => void } = {};

export interface CallOptions {
  /** Absolute deadline (ms since epoch) for retries. */
  deadline?: number;
}

async function send<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, spec: RequestSpec & { template: string }, opts: CallOptions): Promise<T> {
  ixapiObserver.onRequest?.({ method: spec.method, template: spec.template, path: spec.path, body: spec.body });
  const res = await ixapiHttp().request({ ...spec, deadline: spec.deadline ?? opts.deadline, call: spec.call ?? `${spec.method} ${spec.template}` });
  const r = schema.safeParse(res.data);
  if (!r.success) {
    throw new Error(`ixapi: ${spec.method} ${spec.template}: unexpected response shape: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return r.data;
}

async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

const enc = encodeURIComponent;

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

// ---- catalog ------------------------------------------------------------------------------------

export function getProductOffering(id: string, opts: CallOptions = {}): Promise<ProductOffering | undefined> {
  return orUndefined(send(ProductOffering, { method: "GET", path: `/product-offerings/${enc(id)}`, template: "/product-offerings/{id}" }, opts));
}

export function listProductOfferings(query: Record<string, string> = {}, opts: CallOptions = {}): Promise<ProductOffering[]> {
  return send(z.array(ProductOffering), { method: "GET", path: "/product-offerings", query, template: "/product-offerings" }, opts);
}

export function listPops(query: Record<string, string> = {}, opts: CallOptions = {}): Promise<Pop[]> {
  return send(z.array(Pop), { method: "GET", path: "/pops", query, template: "/pops" }, opts);
}

export function listConnections(query: Record<string, string> = {}, opts: CallOptions = {}): Promise<Connection[]> {
  return send(z.array(Connection), { method: "GET", path: "/connections", query, template: "/connections" }, opts);
}

export function getConnection(id: string, opts: CallOptions = {}): Promise<Connection | undefined> {
  return orUndefined(send(Connection, { method: "GET", path: `/connections/${enc(id)}`, template: "/connections/{id}" }, opts));
}

export function listAccounts(opts: CallOptions = {}) {
  return send(z.array(Account), { method: "GET", path: "/accounts", template: "/accounts" }, opts);
}

// ---- creates that may have been committed -------------------------------------------------------

/**
 * POSTs once; when the answer was lost (dropped connection, 500/502/504), looks the object up with
 * `find` before sending again, and adopts what it finds, so a retry never makes a second object.
 */
export async function createOnce<T>(what: string, post: () => Promise<T>, find: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await post();
    } catch (err) {
      if (!(isApiError(err) && err.maybeCommitted) || attempt >= 3) throw err;
      progress(what, `the create request's answer was lost (${err.vendorMessage}); looking it up before sending again`);
      const found = await find();
      if (found) {
        progress(what, `found ${(found as { id?: string }).id}: adopting it instead of creating another`);
        return found;
      }
    }
  }
}

// ---- network services ---------------------------------------------------------------------------

export function getNetworkService(id: string, opts: CallOptions = {}): Promise<NetworkService | undefined> {
  return orUndefined(send(NetworkService, { method: "GET", path: `/network-services/${enc(id)}`, template: "/network-services/{id}" }, opts));
}

export function listNetworkServices(query: Record<string, string>, opts: CallOptions = {}): Promise<NetworkService[]> {
  return send(z.array(NetworkService), { method: "GET", path: "/network-services", query, template: "/network-services" }, opts);
}

export function createNetworkService(body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkService> {
  const ref = body.external_ref as string | undefined;
  return createOnce(
    `network service ${ref ?? ""}`.trim(),
    () => send(NetworkService, { method: "POST", path: "/network-services", body, template: "/network-services" }, opts),
    async () => (ref ? (await listNetworkServices({ external_ref: ref }, opts)).find((s) => !isNetworkServiceGone(s) && s.state !== "decommission_requested") : undefined),
  );
}

export function patchNetworkService(id: string, body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkService> {
  return send(NetworkService, { method: "PATCH", path: `/network-services/${enc(id)}`, body: { type: "cloud_vc", ...body }, headers: { "Content-Type": "application/merge-patch+json" }, template: "/network-services/{id}" }, opts);
}

/** DELETE, immediately or at `decommissionAt` (YYYY-MM-DD); undefined when it was already gone. */
export function deleteNetworkService(id: string, decommissionAt?: string, opts: CallOptions = {}): Promise<NetworkService | undefined> {
  return orUndefined(
    send(
      NetworkService,
      { method: "DELETE", path: `/network-services/${enc(id)}`, body: decommissionAt ? { decommission_at: decommissionAt } : undefined, template: "/network-services/{id}" },
      opts,
    ),
  );
}

export function getCancellationPolicy(id: string, decommissionAt?: string, opts: CallOptions = {}): Promise<CancellationPolicy> {
  return send(
    CancellationPolicy,
    { method: "GET", path: `/network-services/${enc(id)}/cancellation-policy`, query: decommissionAt ? { decommission_at: decommissionAt } : undefined, template: "/network-services/{id}/cancellation-policy" },
    opts,
  );
}

// ---- network service configs --------------------------------------------------------------------

export function getNetworkServiceConfig(id: string, opts: CallOptions = {}): Promise<NetworkServiceConfig | undefined> {
  return orUndefined(send(NetworkServiceConfig, { method: "GET", path: `/network-service-configs/${enc(id)}`, template: "/network-service-configs/{id}" }, opts));
}

export function listNetworkServiceConfigs(query: Record<string, string>, opts: CallOptions = {}): Promise<NetworkServiceConfig[]> {
  return send(z.array(NetworkServiceConfig), { method: "GET", path: "/network-service-configs", query, template: "/network-service-configs" }, opts);
}

export function createNetworkServiceConfig(body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkServiceConfig> {
  const ref = body.external_ref as string | undefined;
  return createOnce(
    `network service config ${ref ?? ""}`.trim(),
    () => send(NetworkServiceConfig, { method: "POST", path: "/network-service-configs", body, template: "/network-service-configs" }, opts),
    async () => {
      const found = await listNetworkServiceConfigs({ network_service: String(body.network_service) }, opts);
      return found.find(
        (c) =>
          !isNetworkServiceConfigGone(c) &&
          c.state !== "decommission_requested" &&
          (ref ? c.external_ref === ref : c.handover === body.handover && (c.cloud_vlan ?? null) === (body.cloud_vlan ?? null)),
      );
    },
  );
}

export function patchNetworkServiceConfig(id: string, body: Record<string, unknown>, opts: CallOptions = {}): Promise<NetworkServiceConfig> {
  return send(
    NetworkServiceConfig,
    { method: "PATCH", path: `/network-service-configs/${enc(id)}`, body: { type: "cloud_vc", ...body }, headers: { "Content-Type": "application/merge-patch+json" }, template: "/network-service-configs/{id}" },
    opts,
  );
}

export function deleteNetworkServiceConfig(id: string, opts: CallOptions = {}): Promise<NetworkServiceConfig | undefined> {
  return orUndefined(send(NetworkServiceConfig, { method: "DELETE", path: `/network-service-configs/${enc(id)}`, template: "/network-service-configs/{id}" }, opts));
}

// ---- contacts, roles, role assignments ----------------------------------------------------------

export function getContact(id: string, opts: CallOptions = {}): Promise<Contact | undefined> {
  return orUndefined(send(Contact, { method: "GET", path: `/contacts/${enc(id)}`, template: "/contacts/{id}" }, opts));
}

export function listContacts(query: Record<string, string>, opts: CallOptions = {}): Promise<Contact[]> {
  return send(z.array(Contact), { method: "GET", path: "/contacts", query, template: "/contacts" }, opts);
}

export function createContact(body: Record<string, unknown>, opts: CallOptions = {}): Promise<Contact> {
  const ref = body.external_ref as string | undefined;
  return createOnce(
    `contact ${ref ?? ""}`.trim(),
    () => send(Contact, { method: "POST", path: "/contacts", body, template: "/contacts" }, opts),
    async () => (ref ? (await listContacts({ external_ref: ref }, opts))[0] : undefined),
  );
}

export function patchContact(id: string, body: Record<string, unknown>, opts: CallOptions = {}): Promise<Contact> {
  return send(Contact, { method: "PATCH", path: `/contacts/${enc(id)}`, body, headers: { "Content-Type": "application/merge-patch+json" }, template: "/contacts/{id}" }, opts);
}

/** DELETE; "gone" when it did not exist. */
export async function deleteContact(id: string, opts: CallOptions = {}): Promise<"deleted" | "gone"> {
  const r = await orUndefined(send(z.unknown(), { method: "DELETE", path: `/contacts/${enc(id)}`, template: "/contacts/{id}" }, opts).then(() => "deleted" as const));
  return r ?? "gone";
}

export function listRoles(query: Record<string, string> = {}, opts: CallOptions = {}): Promise<Role[]> {
  return send(z.array(Role), { method: "GET", path: "/roles", query, template: "/roles" }, opts);
}

export function getRole(id: string, opts: CallOptions = {}): Promise<Role | undefined> {
  return orUndefined(send(Role, { method: "GET", path: `/roles/${enc(id)}`, template: "/roles/{id}" }, opts));
}

/** The role with this name (noc, implementation, legal ...), or undefined. */
export async function findRole(name: string, opts: CallOptions = {}): Promise<Role | undefined> {
  return (await listRoles({ name }, opts)).find((r) => r.name === name);
}

/** GET /role-assignments?id= (the schema has no GET by id, as step 6.2 of the "Using IX-API for Cloud Service" guide shows). */
export async function getRoleAssignment(id: string, opts: CallOptions = {}): Promise<RoleAssignment | undefined> {
  return (await listRoleAssignments({ id }, opts)).find((a) => a.id === id);
}

export function listRoleAssignments(query: Record<string, string>, opts: CallOptions = {}): Promise<RoleAssignment[]> {
  return send(z.array(RoleAssignment), { method: "GET", path: "/role-assignments", query, template: "/role-assignments" }, opts);
}

export function createRoleAssignment(body: { role: string; contact: string }, opts: CallOptions = {}): Promise<RoleAssignment> {
  return createOnce(
    `role assignment ${body.role} -> ${body.contact}`,
    () => send(RoleAssignment, { method: "POST", path: "/role-assignments", body, template: "/role-assignments" }, opts),
    async () => (await listRoleAssignments({ contact: body.contact, role: body.role }, opts)).find((a) => a.role === body.role && a.contact === body.contact),
  );
}

export async function deleteRoleAssignment(id: string, opts: CallOptions = {}): Promise<"deleted" | "gone"> {
  const r = await orUndefined(send(z.unknown(), { method: "DELETE", path: `/role-assignments/${enc(id)}`, template: "/role-assignments/{assignment_id}" }, opts).then(() => "deleted" as const));
  return r ?? "gone";
}

// ---- coalesced reads (core/coalescer.ts) ----------------------------------------------------------

/** How long a coalesced list call is retried before its objects are read one by one, in ms. */
const BULK_BUDGET_MS = 5000;

/**
 * The IX-API list calls filter by `?id=a,b,...` (the IX-API schema's id filter, a comma-separated list):
 * up to 100 ids a call.
 */
function byIds<T extends { id: string }>(name: string, list: (q: Record<string, string>, o: CallOptions) => Promise<T[]>, get: (id: string) => Promise<T | undefined>) {
  return (id: string): Promise<T | undefined> =>
    coalescer<T>({
      name,
      pageSize: 100,
      list: async (ids) => {
        const got = await list({ id: ids.join(",") }, { deadline: Date.now() + BULK_BUDGET_MS });
        return new Map(got.filter((x) => ids.includes(x.id)).map((x) => [x.id, x]));
      },
      get,
    }).read(id);
}

/** A network service as GET answers it, read with the others of this process in one list call. */
export const readNetworkService = byIds("ixapi.networkService", listNetworkServices, (id) => getNetworkService(id));
/** A network service config as GET answers it, read with the others of this process in one list call. */
export const readNetworkServiceConfig = byIds("ixapi.networkServiceConfig", listNetworkServiceConfigs, (id) => getNetworkServiceConfig(id));
/** A contact as GET answers it, read with the others of this process in one list call. */
export const readContact = byIds("ixapi.contact", listContacts, (id) => getContact(id));
/** A role assignment, read with the others of this process in one list call. */
export const readRoleAssignment = byIds("ixapi.roleAssignment", listRoleAssignments, (id) => getRoleAssignment(id));
