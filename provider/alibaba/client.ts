import { createHash, randomUUID } from "crypto";
import { z } from "zod";
import { apiError, ApiError, ErrorKind, kindForStatus } from "../core/errors";
import { coalescer } from "../core/coalescer";
import { HttpClient, HttpResponse } from "../core/http";
import { alibabaCredentials, AlibabaCredentials } from "./settings";
import { flattenParams, signedParameters } from "./signer";

/**
 * Alibaba Cloud VPC (Express Connect) over RPC: every call signed afresh per attempt (nonce, timestamp,
 * signature), errors mapped to ApiErrors, ClientTokens for idempotent writes, Describe* paging.
 */

export const VPC_API_VERSION = "2016-04-28";

/** Codes the doc calls transient: retried by the HTTP client within the operation's deadline. */
const THROTTLED = /^Throttling(\..*)?$/;
const RETRYABLE_CONFLICTS = /^(OperationConflict|TaskConflict|IncorrectStatus.*|DependencyViolation\.BgpGroup|LastTokenProcessing|OperationFailed\.LastTokenProcessing)$/;
const AUTH_CODES = new Set(["SignatureDoesNotMatch", "IncompleteSignature", "InvalidTimeStamp.Expired", "SignatureNonceUsed", "InvalidAccessKeyId.NotFound", "InvalidAccessKeyId", "InvalidSecurityToken.Expired", "InvalidSecurityToken.Malformed"]);

export function alibabaErrorKind(status: number, code: string | undefined): { kind: ErrorKind; retryable?: boolean } {
  if (code) {
    if (THROTTLED.test(code)) return { kind: "throttled" };
    if (code === "ServiceUnavailable" || code === "InternalError" || code === "UnknownError") return { kind: "server" };
    if (RETRYABLE_CONFLICTS.test(code)) return { kind: "conflict", retryable: true };
    if (AUTH_CODES.has(code)) return { kind: "auth" };
    // The API reference's answer to an action the resource's status does not allow (Cancel of an Enabled
    // connection): a state conflict, not a permission problem, and not worth retrying.
    if (code === "Forbidden.NotAllowedInState") return { kind: "conflict" };
    if (code.startsWith("Forbidden")) return { kind: "forbidden" };
    // DescribePhysicalConnections answers an unsupported filter key with HTTP 404: the request is wrong.
    if (code.startsWith("InvalidFilterKey")) return { kind: "invalid" };
    if (code.endsWith(".NotFound")) return { kind: "notFound" };
  }
  return { kind: kindForStatus(status) };
}

/** The RPC error envelope {RequestId, HostId, Code, Message, Recommend} as an ApiError. */
export function alibabaError(res: HttpResponse, call: string): ApiError {
  const body = (res.data && typeof res.data === "object" ? res.data : {}) as Record<string, unknown>;
  const code = typeof body.Code === "string" ? body.Code : undefined;
  const message = typeof body.Message === "string" && body.Message ? body.Message : typeof res.data === "string" && res.data ? res.data.slice(0, 300) : `HTTP ${res.status}`;
  const { kind, retryable } = alibabaErrorKind(res.status, code);
  return apiError({
    api: "alibaba",
    kind,
    retryable,
    status: res.status,
    code,
    message,
    requestId: typeof body.RequestId === "string" ? body.RequestId : undefined,
    call,
  });
}

/** Observer of every request's action parameters (without the common ones), for contract tests. */
export const requestObserver: { current?: (action: string, params: Record<string, string>) => void } = {};

const clients = new Map<string, HttpClient>();

function httpFor(c: AlibabaCredentials): HttpClient {
  const key = `${c.endpoint}|${c.accessKeyId}|${createHash("sha256").update(c.accessKeySecret).digest("hex").slice(0, 12)}`;
  let client = clients.get(key);
  if (!client) {
    client = new HttpClient({ api: "alibaba", baseURL: c.endpoint, toError: alibabaError });
    clients.set(key, client);
  }
  return client;
}

export interface CallOptions {
  /** Absolute deadline (ms since the epoch); no retry starts past it. */
  deadline?: number;
  /** GET (parameters in the query) or POST (form body). Default POST. */
  method?: "GET" | "POST";
  /** Credentials override (tests); defaults to the stack config / environment. */
  credentials?: AlibabaCredentials;
  /** The action takes no RegionId (DescribeRegions). */
  regionless?: boolean;
}

/**
 * One RPC call. Every action in this package carries a ClientToken or only reads, so every attempt may
 * be re-sent: a ClientToken makes the server answer a repeat with the first result.
 */
export async function rpc<T = Record<string, unknown>>(action: string, params: Record<string, unknown>, opts: CallOptions = {}): Promise<T> {
  const c = opts.credentials ?? alibabaCredentials();
  const method = opts.method ?? "POST";
  const flat = flattenParams(opts.regionless ? params : { RegionId: c.region, ...params });
  requestObserver.current?.(action, { ...flat });
  const sign = () => signedParameters(flat, c, { method, action, version: VPC_API_VERSION });
  const res = await httpFor(c).request<T>({
    method,
    path: "/",
    call: action,
    idempotent: true,
    deadline: opts.deadline,
    form: method === "POST",
    prepare: () => (method === "POST" ? { body: sign(), query: undefined } : { query: sign() }),
  });
  return (res.data ?? {}) as T;
}

/** A ClientToken (<= 64 ASCII) derived from what identifies the operation, so a repeat is recognised. */
export function clientToken(...parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 40);
}

/**
 * The ClientToken of a create: the kind, the resource's identity in the program (`project/stack/kind/
 * name`, core/resourceInputs) and the inputs that define the object, plus a generation (2, 3 ...) when an
 * earlier token named an object that no longer exists. Two resources with identical arguments get
 * different tokens (so two objects), a repeat of one resource's create the same token (so no duplicate),
 * and a change of the defining inputs a new token (so a replacement is a new object). A create without an
 * identity (a state or caller from before identities) derives the token as earlier versions did.
 */
export function createToken(kind: string, identity: string | undefined, defining: unknown[], generation: number): string {
  const gen = generation === 1 ? undefined : generation;
  return identity === undefined ? clientToken(kind, ...defining, gen) : clientToken(kind, identity, ...defining, gen);
}

/**
 * A ClientToken for one logical call of a state-changing action (Confirm, Enable, Modify ...): the same
 * on every HTTP retry of that call, so a lost answer is not applied twice, but new for the next call, so
 * a deliberate repeat (Enable again after a stalled one) is not answered from the server's token memory.
 */
export function operationToken(): string {
  return randomUUID();
}

// ---- response shapes (tolerant) ---------------------------------------------------------------

const num = z.union([z.number(), z.string()]).transform((v) => Number(v));
const optStr = z.union([z.string(), z.number()]).transform((v) => String(v)).optional();

export const PhysicalConnection = z
  .object({
    PhysicalConnectionId: z.string(),
    AccessPointId: z.string().optional(),
    AdLocation: z.string().optional(),
    Bandwidth: num.optional(),
    BusinessStatus: z.string().optional(),
    ChargeType: z.string().optional(),
    CircuitCode: z.string().optional(),
    CreationTime: z.string().optional(),
    Description: z.string().optional(),
    EnabledTime: z.string().optional(),
    LineOperator: z.string().optional(),
    LoaStatus: z.string().optional(),
    Name: z.string().optional(),
    ParentPhysicalConnectionAliUid: optStr,
    ParentPhysicalConnectionId: z.string().optional(),
    PeerLocation: z.string().optional(),
    PortNumber: z.string().optional(),
    PortType: z.string().optional(),
    ProductType: z.string().optional(),
    RedundantPhysicalConnectionId: z.string().optional(),
    Spec: z.string().optional(),
    Status: z.string().optional(),
    Type: z.string().optional(),
    /** A string on connections ("1234"); tolerate a number. */
    VlanId: optStr,
    VpconnStatus: z.string().optional(),
    OrderMode: z.string().optional(),
  })
  .passthrough();
export type PhysicalConnection = z.infer<typeof PhysicalConnection>;

export const VirtualBorderRouter = z
  .object({
    VbrId: z.string(),
    Status: z.string().optional(),
    Name: z.string().optional(),
    Description: z.string().optional(),
    CreationTime: z.string().optional(),
    ActivationTime: z.string().optional(),
    TerminationTime: z.string().optional(),
    /** A number on VBRs; tolerate a string. */
    VlanId: num.optional(),
    VlanInterfaceId: z.string().optional(),
    CircuitCode: z.string().optional(),
    LocalGatewayIp: z.string().optional(),
    PeerGatewayIp: z.string().optional(),
    PeeringSubnetMask: z.string().optional(),
    LocalIpv6GatewayIp: z.string().optional(),
    PeerIpv6GatewayIp: z.string().optional(),
    PeeringIpv6SubnetMask: z.string().optional(),
    EnableIpv6: z.union([z.boolean(), z.string()]).transform((v) => v === true || v === "true").optional(),
    Bandwidth: num.optional(),
    Mtu: num.optional(),
    MinRxInterval: num.optional(),
    MinTxInterval: num.optional(),
    DetectMultiplier: num.optional(),
    RouteTableId: z.string().optional(),
    AccessPointId: z.string().optional(),
    PhysicalConnectionId: z.string().optional(),
    PhysicalConnectionOwnerUid: optStr,
    PhysicalConnectionStatus: z.string().optional(),
    PhysicalConnectionBusinessStatus: z.string().optional(),
  })
  .passthrough();
export type VirtualBorderRouter = z.infer<typeof VirtualBorderRouter>;

function parse<S extends z.ZodTypeAny>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw apiError({ api: "alibaba", kind: "server", message: `unexpected ${what} in the answer: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` });
  }
  return r.data;
}

/** Filters as {Key: [values]}: sent as Filter.N.Key / Filter.N.Value.M. */
export type Filters = Record<string, string[]>;

function filterParams(filters: Filters): Record<string, unknown> {
  const list = Object.entries(filters).map(([Key, Value]) => ({ Key, Value }));
  return list.length ? { Filter: list } : {};
}

const PAGE_SIZE = 50;

/** Walks Describe* pages (PageNumber from 1, PageSize 50) until TotalCount items were seen or a page is empty. */
export async function* pages<T>(
  action: string,
  params: Record<string, unknown>,
  items: (page: Record<string, any>) => unknown[],
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  opts: CallOptions = {},
  limit = 10_000,
): AsyncGenerator<T> {
  let seen = 0;
  for (let page = 1; ; page++) {
    const res = await rpc<Record<string, any>>(action, { ...params, PageNumber: page, PageSize: PAGE_SIZE }, { method: "GET", ...opts });
    const list = items(res) ?? [];
    for (const item of list) {
      yield parse(schema, item, action);
      if (++seen >= limit) return;
    }
    const total = Number(res.TotalCount ?? 0);
    if (list.length === 0 || seen >= total) return;
  }
}

async function collect<T>(it: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

// ---- physical connections ------------------------------------------------------------------------

export function describePhysicalConnections(filters: Filters, opts: CallOptions = {}): Promise<PhysicalConnection[]> {
  return collect(pages("DescribePhysicalConnections", filterParams(filters), (r) => r.PhysicalConnectionSet?.PhysicalConnectionType, PhysicalConnection, opts));
}

/** The connection, or undefined when it does not exist. */
export async function getPhysicalConnection(id: string, opts: CallOptions = {}): Promise<PhysicalConnection | undefined> {
  const list = await describePhysicalConnections({ PhysicalConnectionId: [id] }, opts);
  return list.find((c) => c.PhysicalConnectionId === id);
}

export async function createPhysicalConnection(params: Record<string, unknown>, token: string, opts: CallOptions = {}): Promise<string> {
  const r = await rpc<{ PhysicalConnectionId?: string }>("CreatePhysicalConnection", { ...params, ClientToken: token }, opts);
  if (!r.PhysicalConnectionId) throw apiError({ api: "alibaba", kind: "server", call: "CreatePhysicalConnection", message: "the answer has no PhysicalConnectionId" });
  return r.PhysicalConnectionId;
}

export async function modifyPhysicalConnection(id: string, params: Record<string, unknown>, opts: CallOptions = {}): Promise<void> {
  await rpc("ModifyPhysicalConnectionAttribute", { PhysicalConnectionId: id, ...params, ClientToken: operationToken() }, opts);
}

export type PhysicalConnectionAction = "ConfirmPhysicalConnection" | "EnablePhysicalConnection" | "CancelPhysicalConnection" | "TerminatePhysicalConnection" | "DeletePhysicalConnection";

export async function physicalConnectionAction(action: PhysicalConnectionAction, id: string, opts: CallOptions = {}): Promise<void> {
  await rpc(action, { PhysicalConnectionId: id, ClientToken: operationToken() }, opts);
}

/** The payment step ("Pay"): an occupancy order for the connection. */
export async function createOccupancyOrder(
  id: string,
  order: { pricingCycle: "Month" | "Year"; period: number; autoPay: boolean },
  opts: CallOptions = {},
): Promise<string | undefined> {
  const r = await rpc<{ Data?: { OrderId?: string | number } }>(
    "CreatePhysicalConnectionOccupancyOrder",
    {
      PhysicalConnectionId: id,
      InstanceChargeType: "PrePaid",
      PricingCycle: order.pricingCycle,
      Period: order.period,
      AutoPay: order.autoPay,
      ClientToken: operationToken(),
    },
    opts,
  );
  return r.Data?.OrderId === undefined ? undefined : String(r.Data.OrderId);
}

// ---- virtual border routers ------------------------------------------------------------------------

/** VBRs matching the filters; cross-account VBRs included (without it they vanish from state). */
export function describeVirtualBorderRouters(filters: Filters, opts: CallOptions = {}): Promise<VirtualBorderRouter[]> {
  return collect(
    pages("DescribeVirtualBorderRouters", { ...filterParams(filters), IncludeCrossAccountVbr: true }, (r) => r.VirtualBorderRouterSet?.VirtualBorderRouterType, VirtualBorderRouter, opts),
  );
}

export async function getVirtualBorderRouter(id: string, opts: CallOptions = {}): Promise<VirtualBorderRouter | undefined> {
  const list = await describeVirtualBorderRouters({ VbrId: [id] }, opts);
  return list.find((v) => v.VbrId === id);
}

const VbrForPc = z.object({ VbrId: z.string(), VlanId: num.optional(), Bandwidth: optStr, VbrOwnerUid: optStr }).passthrough();
export type VbrForPhysicalConnection = z.infer<typeof VbrForPc>;

/** The VBRs on a connection, of every owner. */
export function describeVirtualBorderRoutersForPhysicalConnection(physicalConnectionId: string, opts: CallOptions = {}): Promise<VbrForPhysicalConnection[]> {
  return collect(
    pages(
      "DescribeVirtualBorderRoutersForPhysicalConnection",
      { PhysicalConnectionId: physicalConnectionId },
      (r) => r.VirtualBorderRouterForPhysicalConnectionSet?.VirtualBorderRouterForPhysicalConnectionType,
      VbrForPc,
      opts,
    ),
  );
}

export async function createVirtualBorderRouter(params: Record<string, unknown>, token: string, opts: CallOptions = {}): Promise<string> {
  const r = await rpc<{ VbrId?: string }>("CreateVirtualBorderRouter", { ...params, ClientToken: token }, opts);
  if (!r.VbrId) throw apiError({ api: "alibaba", kind: "server", call: "CreateVirtualBorderRouter", message: "the answer has no VbrId" });
  return r.VbrId;
}

export async function modifyVirtualBorderRouter(id: string, params: Record<string, unknown>, opts: CallOptions = {}): Promise<void> {
  await rpc("ModifyVirtualBorderRouterAttribute", { VbrId: id, ...params, ClientToken: operationToken() }, opts);
}

export async function virtualBorderRouterAction(action: "TerminateVirtualBorderRouter" | "RecoverVirtualBorderRouter" | "DeleteVirtualBorderRouter", id: string, opts: CallOptions = {}): Promise<void> {
  await rpc(action, { VbrId: id, ClientToken: operationToken() }, opts);
}

// ---- catalog --------------------------------------------------------------------------------------

export async function describeRegions(opts: CallOptions = {}): Promise<Array<{ RegionId: string; LocalName?: string }>> {
  const r = await rpc<{ Regions?: { Region?: Array<{ RegionId: string; LocalName?: string }> } }>("DescribeRegions", {}, { method: "GET", regionless: true, ...opts });
  return r.Regions?.Region ?? [];
}

const AccessPoint = z.object({ AccessPointId: z.string(), Status: z.string().optional(), Name: z.string().optional(), Type: z.string().optional() }).passthrough();

export function describeAccessPoints(opts: CallOptions = {}): Promise<Array<z.infer<typeof AccessPoint>>> {
  return collect(pages("DescribeAccessPoints", {}, (r) => r.AccessPointSet?.AccessPointType, AccessPoint, opts));
}

// ---- coalesced reads (core/coalescer.ts) ----------------------------------------------------------

/** How long a coalesced Describe call is retried before its objects are read one by one, in ms. */
const BULK_BUDGET_MS = 5000;

/** The credentials' region and account, so reads for different ones never share a call. */
function scope(): string {
  const c = alibabaCredentials();
  return `${c.endpoint}|${c.region}|${c.accessKeyId}`;
}

/**
 * A reader of one Describe* action's objects by id: reads of this process within the coalescer's window
 * share one call per 50 ids (the filter's values are ORed); `get` reads one directly.
 */
function bulkReader<T>(name: string, describe: (ids: string[]) => Promise<T[]>, idOf: (x: T) => string, get: (id: string) => Promise<T | undefined>) {
  return (id: string): Promise<T | undefined> =>
    coalescer<T>({
      name: `${name}|${scope()}`,
      pageSize: PAGE_SIZE,
      list: async (ids) => new Map((await describe(ids)).filter((x) => ids.includes(idOf(x))).map((x) => [idOf(x), x])),
      get,
    }).read(id);
}

/** A physical connection as getPhysicalConnection answers it, read in one DescribePhysicalConnections call per 50 (a PhysicalConnectionId filter). */
export const readPhysicalConnection = bulkReader<PhysicalConnection>(
  "alibaba.physicalConnection",
  (ids) => describePhysicalConnections({ PhysicalConnectionId: ids }, { deadline: Date.now() + BULK_BUDGET_MS }),
  (c) => c.PhysicalConnectionId,
  (id) => getPhysicalConnection(id),
);

/** A VBR as getVirtualBorderRouter answers it, read in one DescribeVirtualBorderRouters call per 50 (a VbrId filter). */
export const readVirtualBorderRouter = bulkReader<VirtualBorderRouter>(
  "alibaba.virtualBorderRouter",
  (ids) => describeVirtualBorderRouters({ VbrId: ids }, { deadline: Date.now() + BULK_BUDGET_MS }),
  (v) => v.VbrId,
  (id) => getVirtualBorderRouter(id),
);
