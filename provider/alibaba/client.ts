import { createHash, randomUUID } from "crypto";
import { z } from "zod";
import { ApiSpec, fingerprint } from "../core/clients";
import type { CallContext } from "../core/context";
import { apiError, ApiError, ErrorKind, kindForStatus } from "../core/errors";
import { Coalescer } from "../core/coalescer";
import { createWithToken } from "../core/createOnce";
import { HttpClient, HttpResponse } from "../core/http";
import { optionalFields, parseResponse } from "../core/response";
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

/** A create of one object with its ClientToken (createToken) through createWithToken, which makes a new token when one names an object already gone. */
export interface ClientTokenCreate<T> {
  /** The kind ("alibaba:BgpGroup"), the resource's identity (core/resourceInputs) and the inputs that define the object. */
  kind: string;
  identity: string | undefined;
  defining: unknown[];
  /** The object, for progress lines: "BGP group on vbr-1 (IPv4)". */
  what: string;
  /** Sends the create with the token: the new object's id. */
  create: (token: string) => Promise<string>;
  /** Reads the object a token answered with, and whether it counts as gone: a token naming a gone one gets a new generation. */
  get: (id: string) => Promise<T | undefined>;
  isGone: (x: T) => boolean;
  /** Hears every id Alibaba returns, before anything else can fail, so the caller can record it. */
  created: (id: string) => void;
}

/**
 * A create whose re-sent request (lost answer, plugin restart) names the first object, never a second one,
 * and whose two look-alike resources get two objects (the identity is in the token).
 */
export function createWithClientToken<T>(ctx: CallContext, o: ClientTokenCreate<T>): Promise<string> {
  return createWithToken({
    what: o.what,
    tokenName: "ClientToken",
    token: (generation) => createToken(o.kind, o.identity, o.defining, generation),
    create: o.create,
    exists: async (id) => {
      const found = await o.get(id);
      return found !== undefined && !o.isGone(found);
    },
    created: o.created,
    progress: ctx.progress,
  });
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
/** A number Alibaba may send as a string; "" (unset) reads as undefined. */
const optNum = z
  .union([z.number(), z.string()])
  .transform((v) => (v === "" ? undefined : Number(v)))
  .optional();
/** A boolean Alibaba may send as "true"/"false". */
const optBool = z
  .union([z.boolean(), z.string()])
  .transform((v) => v === true || v === "true")
  .optional();

/** The tolerant shape of an object Alibaba describes: its id field a string, the fields listed, the fields Alibaba adds kept as they are. */
function described<K extends string, F extends z.ZodRawShape>(idField: K, fields: F) {
  return z.object({ [idField]: z.string(), ...fields } as { [P in K]: z.ZodString } & F).passthrough();
}

export const PhysicalConnection = described("PhysicalConnectionId", {
  ...optionalFields(z.string(), "AccessPointId", "AdLocation", "BusinessStatus", "ChargeType", "CircuitCode", "CreationTime", "Description", "EnabledTime"),
  ...optionalFields(z.string(), "LineOperator", "LoaStatus", "Name", "ParentPhysicalConnectionId", "PeerLocation", "PortNumber", "PortType", "ProductType"),
  ...optionalFields(z.string(), "RedundantPhysicalConnectionId", "Spec", "Status", "Type", "VpconnStatus", "OrderMode"),
  Bandwidth: num.optional(),
  ParentPhysicalConnectionAliUid: optStr,
  /** A string on connections ("1234"); tolerate a number. */
  VlanId: optStr,
});
export type PhysicalConnection = z.infer<typeof PhysicalConnection>;

export const VirtualBorderRouter = described("VbrId", {
  ...optionalFields(z.string(), "Status", "Name", "Description", "CreationTime", "ActivationTime", "TerminationTime", "VlanInterfaceId", "CircuitCode"),
  ...optionalFields(z.string(), "LocalGatewayIp", "PeerGatewayIp", "PeeringSubnetMask", "LocalIpv6GatewayIp", "PeerIpv6GatewayIp", "PeeringIpv6SubnetMask"),
  ...optionalFields(z.string(), "RouteTableId", "AccessPointId", "PhysicalConnectionId", "PhysicalConnectionStatus", "PhysicalConnectionBusinessStatus"),
  /** Numbers on VBRs (VlanId, Bandwidth, Mtu, BFD); tolerate strings. */
  ...optionalFields(num, "VlanId", "Bandwidth", "Mtu", "MinRxInterval", "MinTxInterval", "DetectMultiplier"),
  EnableIpv6: optBool,
  PhysicalConnectionOwnerUid: optStr,
});
export type VirtualBorderRouter = z.infer<typeof VirtualBorderRouter>;

/** A BGP group as DescribeBgpGroups returns it (the official SDK's model: every field a string). */
export const BgpGroup = described("BgpGroupId", {
  ...optionalFields(z.string(), "RouterId", "Name", "Description", "Status", "IpVersion", "AuthKey", "RegionId", "Hold", "Keepalive"),
  ...optionalFields(optNum, "PeerAsn", "LocalAsn", "RouteLimit"),
  IsFake: optBool,
});
export type BgpGroup = z.infer<typeof BgpGroup>;

/** A BGP peer as DescribeBgpPeers returns it (BgpStatus: the session's state). */
export const BgpPeer = described("BgpPeerId", {
  ...optionalFields(z.string(), "BgpGroupId", "RouterId", "PeerIpAddress", "Status", "BgpStatus", "IpVersion", "Name", "Description", "RegionId", "GmtModified"),
  ...optionalFields(optNum, "PeerAsn", "LocalAsn", "BfdMultiHop", "RouteLimit", "AdvertisedRouteCount", "ReceivedRouteCount"),
  EnableBfd: optBool,
  IsFake: optBool,
});
export type BgpPeer = z.infer<typeof BgpPeer>;

/** Filters as {Key: [values]}: sent as Filter.N.Key / Filter.N.Value.M. */
export type Filters = Record<string, string[]>;

function filterParams(filters: Filters): Record<string, unknown> {
  const list = Object.entries(filters).map(([Key, Value]) => ({ Key, Value }));
  return list.length ? { Filter: list } : {};
}

const PAGE_SIZE = 50;

/** How long a coalesced Describe call is retried before its objects are read one by one, in ms. */
const BULK_BUDGET_MS = 5000;

const VbrForPc = described("VbrId", { VlanId: num.optional(), Bandwidth: optStr, VbrOwnerUid: optStr });
export type VbrForPhysicalConnection = z.infer<typeof VbrForPc>;

const AccessPoint = described("AccessPointId", { Status: z.string().optional(), Name: z.string().optional(), Type: z.string().optional() });

export interface CallOptions {
  /** Absolute deadline (ms on the client's clock); no retry starts past it. */
  deadline?: number;
  /** GET (parameters in the query) or POST (form body). Default POST. */
  method?: "GET" | "POST";
  /** The action takes no RegionId (DescribeRegions). */
  regionless?: boolean;
  /**
   * Whether a failed attempt is tried again, instead of the client's classification (isRetryable): a
   * caller that must look before trying again (a VBR delete refused for its BGP groups) says no to that code.
   */
  retryable?: (err: ApiError) => boolean;
}

/** The calls on one kind of object (`AlibabaClient.bgpGroups`, `.bgpPeers`). */
export interface ObjectCalls<T, F> {
  /** The objects of the region matching `filter`; paged. */
  describe(filter: F, opts?: CallOptions): Promise<T[]>;
  /** The object, or undefined when it does not exist. */
  get(id: string, opts?: CallOptions): Promise<T | undefined>;
  /** As `get` answers it; reads within the coalescer's window share one walk of the region's list. */
  read(id: string): Promise<T | undefined>;
  /** The create action with its ClientToken: the new object's id. */
  create(params: Record<string, unknown>, token: string, opts?: CallOptions): Promise<string>;
  /** The modify action (a fresh ClientToken). */
  modify(id: string, params: Record<string, unknown>, opts?: CallOptions): Promise<void>;
  /** The delete action (a fresh ClientToken). */
  delete(id: string, opts?: CallOptions): Promise<void>;
}

export type PhysicalConnectionAction = "ConfirmPhysicalConnection" | "EnablePhysicalConnection" | "CancelPhysicalConnection" | "TerminatePhysicalConnection" | "DeletePhysicalConnection";

/**
 * The Alibaba Cloud VPC calls for one credential set and region (alibabaApi makes it, core/clients.ts
 * caches it): every call signed afresh per attempt, Describe* paging, coalesced reads by id.
 */
export class AlibabaClient {
  /** Reads of physical connections within the coalescer's window: one DescribePhysicalConnections per 50 (a PhysicalConnectionId filter). */
  private readonly physicalConnections = this.bulkReader<PhysicalConnection>(
    "alibaba.physicalConnection",
    (ids, deadline) => this.describePhysicalConnections({ PhysicalConnectionId: ids }, { deadline }),
    (c) => c.PhysicalConnectionId,
    (id) => this.getPhysicalConnection(id),
  );
  /** Reads of VBRs within the coalescer's window: one DescribeVirtualBorderRouters per 50 (a VbrId filter). */
  private readonly virtualBorderRouters = this.bulkReader<VirtualBorderRouter>(
    "alibaba.virtualBorderRouter",
    (ids, deadline) => this.describeVirtualBorderRouters({ VbrId: ids }, { deadline }),
    (v) => v.VbrId,
    (id) => this.getVirtualBorderRouter(id),
  );


  constructor(
    private readonly http: HttpClient,
    private readonly credentials: AlibabaCredentials,
  ) {}

  /** The region these credentials act in (alicloud:region): the only one DescribePhysicalConnections searches. */
  get region(): string {
    return this.credentials.region;
  }

  /**
   * One RPC call. Every action in this package carries a ClientToken or only reads, so every attempt may
   * be re-sent: a ClientToken makes the server answer a repeat with the first result.
   */
  async rpc<T = Record<string, unknown>>(action: string, params: Record<string, unknown>, opts: CallOptions = {}): Promise<T> {
    const c = this.credentials;
    const method = opts.method ?? "POST";
    const flat = flattenParams(opts.regionless ? params : { RegionId: c.region, ...params });
    const sign = () => signedParameters(flat, c, { method, action, version: VPC_API_VERSION });
    const res = await this.http.request<T>({
      method,
      path: "/",
      call: action,
      idempotent: true,
      deadline: opts.deadline,
      retryable: opts.retryable,
      form: method === "POST",
      prepare: () => (method === "POST" ? { body: sign(), query: undefined } : { query: sign() }),
    });
    return (res.data ?? {}) as T;
  }

  /** Walks Describe* pages (PageNumber from 1, PageSize 50) until TotalCount items were seen or a page is empty. */
  async *pages<S extends z.ZodTypeAny>(
    action: string,
    params: Record<string, unknown>,
    items: (page: Record<string, any>) => unknown[],
    schema: S,
    opts: CallOptions = {},
    limit = 10_000,
  ): AsyncGenerator<z.output<S>> {
    let seen = 0;
    for (let page = 1; ; page++) {
      const res = await this.rpc<Record<string, any>>(action, { ...params, PageNumber: page, PageSize: PAGE_SIZE }, { method: "GET", ...opts });
      const list = items(res) ?? [];
      for (const item of list) {
        yield parseResponse(schema, item, { api: "alibaba", call: action });
        if (++seen >= limit) return;
      }
      const total = Number(res.TotalCount ?? 0);
      if (list.length === 0 || seen >= total) return;
    }
  }

  // ---- physical connections ----------------------------------------------------------------------

  describePhysicalConnections(filters: Filters, opts: CallOptions = {}): Promise<PhysicalConnection[]> {
    return collect(this.pages("DescribePhysicalConnections", filterParams(filters), (r) => r.PhysicalConnectionSet?.PhysicalConnectionType, PhysicalConnection, opts));
  }

  /** The connection, or undefined when it does not exist. */
  async getPhysicalConnection(id: string, opts: CallOptions = {}): Promise<PhysicalConnection | undefined> {
    const list = await this.describePhysicalConnections({ PhysicalConnectionId: [id] }, opts);
    return list.find((c) => c.PhysicalConnectionId === id);
  }

  /** A physical connection as getPhysicalConnection answers it, read with the others of these credentials in one call per 50. */
  readPhysicalConnection(id: string): Promise<PhysicalConnection | undefined> {
    return this.physicalConnections.read(id);
  }

  /** A create action with its ClientToken: the new object's id, from the answer's `idField`. */
  private async create(action: string, idField: string, params: Record<string, unknown>, token: string, opts: CallOptions): Promise<string> {
    const r = await this.rpc<Record<string, unknown>>(action, { ...params, ClientToken: token }, opts);
    const id = r[idField];
    if (typeof id !== "string" || !id) throw apiError({ api: "alibaba", kind: "server", call: action, message: `the answer has no ${idField}` });
    return id;
  }

  createPhysicalConnection(params: Record<string, unknown>, token: string, opts: CallOptions = {}): Promise<string> {
    return this.create("CreatePhysicalConnection", "PhysicalConnectionId", params, token, opts);
  }

  async modifyPhysicalConnection(id: string, params: Record<string, unknown>, opts: CallOptions = {}): Promise<void> {
    await this.rpc("ModifyPhysicalConnectionAttribute", { PhysicalConnectionId: id, ...params, ClientToken: operationToken() }, opts);
  }

  async physicalConnectionAction(action: PhysicalConnectionAction, id: string, opts: CallOptions = {}): Promise<void> {
    await this.rpc(action, { PhysicalConnectionId: id, ClientToken: operationToken() }, opts);
  }

  /** The payment step ("Pay"): an occupancy order for the connection. */
  async createOccupancyOrder(id: string, order: { pricingCycle: "Month" | "Year"; period: number; autoPay: boolean }, opts: CallOptions = {}): Promise<string | undefined> {
    const r = await this.rpc<{ Data?: { OrderId?: string | number } }>(
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

  // ---- virtual border routers --------------------------------------------------------------------

  /** VBRs matching the filters; cross-account VBRs included (without it they vanish from state). */
  describeVirtualBorderRouters(filters: Filters, opts: CallOptions = {}): Promise<VirtualBorderRouter[]> {
    return collect(
      this.pages("DescribeVirtualBorderRouters", { ...filterParams(filters), IncludeCrossAccountVbr: true }, (r) => r.VirtualBorderRouterSet?.VirtualBorderRouterType, VirtualBorderRouter, opts),
    );
  }

  async getVirtualBorderRouter(id: string, opts: CallOptions = {}): Promise<VirtualBorderRouter | undefined> {
    const list = await this.describeVirtualBorderRouters({ VbrId: [id] }, opts);
    return list.find((v) => v.VbrId === id);
  }

  /** A VBR as getVirtualBorderRouter answers it, read with the others of these credentials in one call per 50. */
  readVirtualBorderRouter(id: string): Promise<VirtualBorderRouter | undefined> {
    return this.virtualBorderRouters.read(id);
  }

  /** The VBRs on a connection, of every owner. */
  describeVirtualBorderRoutersForPhysicalConnection(physicalConnectionId: string, opts: CallOptions = {}): Promise<VbrForPhysicalConnection[]> {
    return collect(
      this.pages(
        "DescribeVirtualBorderRoutersForPhysicalConnection",
        { PhysicalConnectionId: physicalConnectionId },
        (r) => r.VirtualBorderRouterForPhysicalConnectionSet?.VirtualBorderRouterForPhysicalConnectionType,
        VbrForPc,
        opts,
      ),
    );
  }

  createVirtualBorderRouter(params: Record<string, unknown>, token: string, opts: CallOptions = {}): Promise<string> {
    return this.create("CreateVirtualBorderRouter", "VbrId", params, token, opts);
  }

  async modifyVirtualBorderRouter(id: string, params: Record<string, unknown>, opts: CallOptions = {}): Promise<void> {
    await this.rpc("ModifyVirtualBorderRouterAttribute", { VbrId: id, ...params, ClientToken: operationToken() }, opts);
  }

  async virtualBorderRouterAction(action: "TerminateVirtualBorderRouter" | "RecoverVirtualBorderRouter" | "DeleteVirtualBorderRouter", id: string, opts: CallOptions = {}): Promise<void> {
    await this.rpc(action, { VbrId: id, ClientToken: operationToken() }, opts);
  }

  // ---- BGP groups and peers ----------------------------------------------------------------------

  /** BGP groups of the region, narrowed by group or VBR (RouterId). */
  readonly bgpGroups = this.objectCalls<typeof BgpGroup, { BgpGroupId?: string; RouterId?: string }>({
    name: "alibaba.bgpGroup",
    idField: "BgpGroupId",
    describe: "DescribeBgpGroups",
    items: (r) => r.BgpGroups?.BgpGroup,
    schema: BgpGroup,
    create: "CreateBgpGroup",
    modify: "ModifyBgpGroupAttribute",
    delete: "DeleteBgpGroup",
  });

  /** BGP peers of the region, narrowed by peer, group or VBR (RouterId). */
  readonly bgpPeers = this.objectCalls<typeof BgpPeer, { BgpPeerId?: string; BgpGroupId?: string; RouterId?: string }>({
    name: "alibaba.bgpPeer",
    idField: "BgpPeerId",
    describe: "DescribeBgpPeers",
    items: (r) => r.BgpPeers?.BgpPeer,
    schema: BgpPeer,
    create: "CreateBgpPeer",
    modify: "ModifyBgpPeerAttribute",
    delete: "DeleteBgpPeer",
  });

  /**
   * The calls on one kind of object the VPC API describes (paged, filtered by its id field among others),
   * creates, modifies and deletes by its id. Its reads by id within the coalescer's window: the Describe
   * call filters by one id only, so a batch of 4 or more walks the region's list once (pages of 50) instead.
   */
  private objectCalls<S extends z.ZodTypeAny, F extends Record<string, string | undefined>>(o: {
    /** The coalescer's name. */
    name: string;
    idField: keyof z.output<S> & keyof F & string;
    describe: string;
    items: (page: Record<string, any>) => unknown[];
    schema: S;
    create: string;
    modify: string;
    delete: string;
  }): ObjectCalls<z.output<S>, F> {
    type T = z.output<S>;
    const calls: ObjectCalls<T, F> = {
      describe: (filter, opts = {}) => collect(this.pages(o.describe, defined(filter), o.items, o.schema, opts)),
      get: async (id, opts = {}) => (await calls.describe({ [o.idField]: id } as F, opts)).find((x: T) => x[o.idField] === id),
      read: (id) => reader.read(id),
      create: (params, token, opts = {}) => this.create(o.create, o.idField, params, token, opts),
      modify: async (id, params, opts = {}) => void (await this.rpc(o.modify, { [o.idField]: id, ...params, ClientToken: operationToken() }, opts)),
      delete: async (id, opts = {}) => void (await this.rpc(o.delete, { [o.idField]: id, ClientToken: operationToken() }, opts)),
    };
    const reader = this.bulkReader<T>(o.name, (_ids, deadline) => calls.describe({} as F, { deadline }), (x) => x[o.idField], (id) => calls.get(id), 4);
    return calls;
  }

  // ---- catalog -----------------------------------------------------------------------------------

  async describeRegions(opts: CallOptions = {}): Promise<Array<{ RegionId: string; LocalName?: string }>> {
    const r = await this.rpc<{ Regions?: { Region?: Array<{ RegionId: string; LocalName?: string }> } }>("DescribeRegions", {}, { method: "GET", regionless: true, ...opts });
    return r.Regions?.Region ?? [];
  }

  describeAccessPoints(opts: CallOptions = {}): Promise<Array<z.infer<typeof AccessPoint>>> {
    return collect(this.pages("DescribeAccessPoints", {}, (r) => r.AccessPointSet?.AccessPointType, AccessPoint, opts));
  }

  /**
   * A reader of one Describe* action's objects by id (core/coalescer.ts): reads within the window share
   * one call per 50 ids (the filter's values are ORed); `get` reads one directly.
   */
  private bulkReader<T>(
    name: string,
    describe: (ids: string[], deadline: number) => Promise<T[]>,
    idOf: (x: T) => string,
    get: (id: string) => Promise<T | undefined>,
    minBatch?: number,
  ): Coalescer<T> {
    return new Coalescer<T>({
      name,
      pageSize: PAGE_SIZE,
      ...(minBatch === undefined ? {} : { minBatch }),
      list: async (ids) => new Map((await describe(ids, this.http.clock.now() + BULK_BUDGET_MS)).filter((x) => ids.includes(idOf(x))).map((x) => [idOf(x), x])),
      get,
    });
  }
}

/** The entries whose value is set (request parameters). */
function defined(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

async function collect<T>(it: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** Alibaba Cloud VPC for the client factory (core/clients.ts): one client per credential set, region and endpoint. */
export const alibabaApi: ApiSpec<AlibabaCredentials, AlibabaClient> = {
  api: "alibaba",
  credentials: alibabaCredentials,
  key: (c) => `${c.endpoint}|${c.region}|${c.accessKeyId}|${fingerprint(c.accessKeySecret, c.securityToken)}`,
  create: (c, http) => new AlibabaClient(http({ api: "alibaba", baseURL: c.endpoint, toError: alibabaError }), c),
};

/** The call's Alibaba client (for the credentials and region its config gives). */
export function alibabaClient(ctx: CallContext): AlibabaClient {
  return ctx.clients.get(alibabaApi);
}
