import type { Request, Response, Router } from "express";
import { adminAction } from "../core/adminRoutes";
import { randomUUID } from "crypto";
import type { SandboxApi, SandboxContext } from "../core/api";
import { setKind } from "../core/api";
import { acs3CanonicalRequest, acs3Signature, acs3StringToSign, parseAcs3Authorization, queryPairs, rpcSignature, rpcStringToSign, sameSignature, sha256Hex } from "./signature";
import { AliError, type PcRecord, type VbrRecord } from "./model";
import { ACCESS_POINTS, ALIBABA_DEFAULT_DELAYS, AlibabaWorld, EQUINIX_PARTNER_UID, REGIONS, type AlibabaAccount, type StallTarget } from "./world";

export { AlibabaWorld, ALIBABA_DEFAULT_DELAYS, ACCESS_POINTS, REGIONS, EQUINIX_PARTNER_UID } from "./world";
export type { AlibabaDelays, StallTarget, AlibabaAccount } from "./world";
export type { PcRecord, VbrRecord } from "./model";

/** What `sandbox.alibaba` holds. */
export interface AlibabaInfo {
  /** RPC endpoint, `${url}/alibaba/` (the signature's path is `/`) */
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** the region of the sandbox's access points, `us-west-1` */
  region: string;
  /** the tenant's Alibaba account id: use it as the Fabric authentication key */
  accountId: string;
}

/** Out-of-band changes to the Alibaba side, as the console, the partner or an outage would make them. */
export interface AlibabaAdmin {
  /** STS credentials (AccessKeyId, AccessKeySecret, SecurityToken) for the tenant account */
  issueStsCredentials(): { accessKeyId: string; accessKeySecret: string; securityToken: string };
  /** a partner creates a hosted connection in the tenant's account (UnConfirmed); returns its id */
  createHostedConnection(o: { vlan: number; bandwidth: number; name?: string; accountId?: string; accessPointId?: string; orderMode?: string }): string;
  /** console termination (VBRs deleted first): Terminated at once */
  terminateConnection(id: string): void;
  /** the connection disappears (VBRs too) */
  deleteConnection(id: string): void;
  updateConnection(id: string, changes: { name?: string; description?: string; bandwidth?: number; circuitCode?: string; peerLocation?: string }): void;
  /** forces a status: Rejected, "Allocation Failed", Terminated ... */
  setConnectionStatus(id: string, status: string): void;
  updateVbr(id: string, changes: { name?: string; description?: string; localGatewayIp?: string; peerGatewayIp?: string; peeringSubnetMask?: string; vlanId?: number; mtu?: number; bandwidth?: number }): void;
  deleteVbr(id: string): void;
  /** the transition never completes for the next matching connections/VBRs (all when `times` is omitted) */
  stall(target: StallTarget, opts?: { id?: string; times?: number }): void;
  resetRules(): void;
  /** as DescribePhysicalConnections renders it now, whoever owns it */
  connection(id: string): Record<string, unknown> | undefined;
  vbr(id: string): Record<string, unknown> | undefined;
}

const world = (ctx: SandboxContext) => ctx.world.alibaba as AlibabaWorld;
const TIMESTAMP_WINDOW_MS = 15 * 60_000;
const TOKEN_TTL_MS = 24 * 3600_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function body(code: string, message: string): Record<string, unknown> {
  return { RequestId: randomUUID().toUpperCase(), HostId: "vpc.aliyuncs.com", Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}` };
}

export function renderPc(w: AlibabaWorld, pc: PcRecord): Record<string, unknown> {
  const now = w.now;
  const status = w.statusOf(pc);
  const enabledAt = pc.status.timeOf((s) => s === "Enabled");
  const hosted = pc.productType === "VirtualPhysicalConnection";
  return {
    PhysicalConnectionId: pc.id,
    AccessPointId: pc.accessPointId,
    AdLocation: "",
    Bandwidth: pc.bandwidth ?? 0,
    BusinessStatus: "Normal",
    ChargeType: "Prepaid",
    CircuitCode: pc.circuitCode ?? "",
    CreationTime: iso(pc.createdAt),
    Description: pc.description ?? "",
    EnabledTime: enabledAt !== undefined && enabledAt <= now ? iso(enabledAt) : "",
    EndTime: "",
    LineOperator: pc.lineOperator,
    LoaStatus: hosted ? "" : "Available",
    Name: pc.name ?? "",
    // A number (the official models type it so); only hosted connections have a parent.
    ...(hosted ? { ParentPhysicalConnectionAliUid: Number(pc.parentOwner ?? EQUINIX_PARTNER_UID) } : {}),
    ParentPhysicalConnectionId: pc.parentId ?? "",
    PeerLocation: pc.peerLocation ?? "",
    PortNumber: hosted ? "" : "1/1/1",
    PortType: pc.portType ?? "",
    ProductType: pc.productType,
    RedundantPhysicalConnectionId: pc.redundantId ?? "",
    Spec: pc.spec ?? (pc.bandwidth ? (pc.bandwidth >= 1000 ? `${Math.round(pc.bandwidth / 1000)}G` : `${pc.bandwidth}M`) : ""),
    Status: status,
    Type: pc.type,
    // A string on connections: the vendor's own quirk.
    VlanId: pc.vlanId !== undefined ? String(pc.vlanId) : "",
    VpconnStatus: hosted ? pc.vpconnStatus : "",
    OrderMode: hosted ? pc.orderMode : "",
    Tags: { tags: [] },
  };
}

export function renderVbr(w: AlibabaWorld, v: VbrRecord): Record<string, unknown> {
  const pc = w.connections.get(v.pcId);
  return {
    VbrId: v.id,
    Status: w.vbrStatus(v),
    Name: v.name ?? "",
    Description: v.description ?? "",
    CreationTime: iso(v.createdAt),
    ActivationTime: v.activatedAt ? iso(v.activatedAt) : "",
    TerminationTime: v.terminatedAt && v.terminatedAt <= w.now ? iso(v.terminatedAt) : "",
    // A number on VBRs.
    VlanId: v.vlanId,
    VlanInterfaceId: v.vlanInterfaceId,
    CircuitCode: v.circuitCode ?? "",
    LocalGatewayIp: v.localGatewayIp ?? "",
    PeerGatewayIp: v.peerGatewayIp ?? "",
    PeeringSubnetMask: v.peeringSubnetMask ?? "",
    EnableIpv6: v.enableIpv6,
    LocalIpv6GatewayIp: v.localIpv6GatewayIp ?? "",
    PeerIpv6GatewayIp: v.peerIpv6GatewayIp ?? "",
    PeeringIpv6SubnetMask: v.peeringIpv6SubnetMask ?? "",
    Bandwidth: v.bandwidth ?? 0,
    Mtu: v.mtu,
    MinRxInterval: v.minRxInterval,
    MinTxInterval: v.minTxInterval,
    DetectMultiplier: v.detectMultiplier,
    RouteTableId: v.routeTableId,
    AccessPointId: pc?.accessPointId ?? "",
    PhysicalConnectionId: v.pcId,
    PhysicalConnectionOwnerUid: pc?.owner ?? "",
    PhysicalConnectionStatus: pc ? w.statusOf(pc) : "",
    PhysicalConnectionBusinessStatus: "Normal",
    Tags: { Tags: [] },
  };
}

function renderVbrForPc(w: AlibabaWorld, v: VbrRecord): Record<string, unknown> {
  return {
    VbrId: v.id,
    VbrName: v.name ?? "",
    Status: w.vbrStatus(v),
    VlanId: v.vlanId,
    // A string here.
    Bandwidth: String(v.bandwidth ?? 0),
    // A number here (a string on DescribeVirtualBorderRouters' PhysicalConnectionOwnerUid).
    VbrOwnerUid: Number(v.owner),
    CircuitCode: v.circuitCode ?? "",
    LocalGatewayIp: v.localGatewayIp ?? "",
    PeerGatewayIp: v.peerGatewayIp ?? "",
    PeeringSubnetMask: v.peeringSubnetMask ?? "",
    EnableIpv6: v.enableIpv6,
    LocalIpv6GatewayIp: v.localIpv6GatewayIp ?? "",
    PeerIpv6GatewayIp: v.peerIpv6GatewayIp ?? "",
    PeeringIpv6SubnetMask: v.peeringIpv6SubnetMask ?? "",
    CreationTime: iso(v.createdAt),
    ActivationTime: v.activatedAt ? iso(v.activatedAt) : "",
    TerminationTime: v.terminatedAt && v.terminatedAt <= w.now ? iso(v.terminatedAt) : "",
    RecoveryTime: "",
    Type: "Normal",
    EccId: "",
  };
}

/** Filter.N.Key / Filter.N.Value.M as {Key: values}. */
function filtersOf(p: Record<string, string>, allowed: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const keys = new Map<string, string>();
  for (const [k, v] of Object.entries(p)) {
    const m = /^Filter\.(\d+)\.Key$/.exec(k);
    if (m) keys.set(m[1], v);
  }
  if (keys.size > 5) throw new AliError(400, "InvalidParameter.Filter", "At most 5 filters are allowed.");
  for (const [n, key] of keys) {
    // The API reference: HTTP 404 InvalidFilterKey.ValueNotSupported, "Specified filter key is not supported".
    if (!allowed.includes(key)) throw new AliError(404, "InvalidFilterKey.ValueNotSupported", `Specified filter key is not supported: Filter.${n}.Key ${key} (supported: ${allowed.join(", ")}).`);
    const values = Object.entries(p)
      .filter(([k]) => new RegExp(`^Filter\\.${n}\\.Value\\.\\d+$`).test(k))
      .sort(([a], [b]) => Number(a.split(".").pop()) - Number(b.split(".").pop()))
      .map(([, v]) => v);
    out.set(key, values);
  }
  return out;
}

function matches(item: Record<string, unknown>, filters: Map<string, string[]>): boolean {
  for (const [key, values] of filters) if (!values.includes(String(item[key] ?? ""))) return false;
  return true;
}

function page<T>(p: Record<string, string>, items: T[]): { PageNumber: number; PageSize: number; TotalCount: number; items: T[] } {
  const number = p.PageNumber !== undefined ? Number(p.PageNumber) : 1;
  const size = p.PageSize !== undefined ? Number(p.PageSize) : 10;
  if (!Number.isInteger(number) || number < 1) throw new AliError(400, "InvalidParameter.PageNumber", "PageNumber must be an integer >= 1.");
  if (!Number.isInteger(size) || size < 1 || size > 50) throw new AliError(400, "InvalidParameter.PageSize", "PageSize must be an integer from 1 to 50.");
  return { PageNumber: number, PageSize: size, TotalCount: items.length, items: items.slice((number - 1) * size, number * size) };
}

const WRITE_ACTIONS = new Set([
  "CreatePhysicalConnection",
  "ModifyPhysicalConnectionAttribute",
  "ConfirmPhysicalConnection",
  "EnablePhysicalConnection",
  "CancelPhysicalConnection",
  "TerminatePhysicalConnection",
  "DeletePhysicalConnection",
  "CreatePhysicalConnectionOccupancyOrder",
  "CreateVirtualBorderRouter",
  "ModifyVirtualBorderRouterAttribute",
  "TerminateVirtualBorderRouter",
  "RecoverVirtualBorderRouter",
  "DeleteVirtualBorderRouter",
]);

type Handler = (w: AlibabaWorld, owner: string, region: string, p: Record<string, string>) => Record<string, unknown>;

const ACTIONS: Record<string, Handler> = {
  DescribeRegions: () => ({ Regions: { Region: REGIONS.map((r) => ({ ...r, RegionEndpoint: "vpc.aliyuncs.com" })) } }),
  DescribeAccessPoints: (_w, _o, region, p) => {
    const pg = page(p, ACCESS_POINTS.filter((a) => a.RegionId === region).map(({ RegionId: _r, ...a }) => ({ ...a, AttachedRegionNo: region })));
    return { PageNumber: pg.PageNumber, PageSize: pg.PageSize, TotalCount: pg.TotalCount, AccessPointSet: { AccessPointType: pg.items } };
  },
  DescribePhysicalConnections: (w, owner, region, p) => {
    const filters = filtersOf(p, ["PhysicalConnectionId", "AccessPointId", "Type", "LineOperator", "Spec", "Status", "Name", "ProductType"]);
    const all = w.visibleConnections(owner, region).map((c) => renderPc(w, c)).filter((c) => matches(c, filters));
    const pg = page(p, all);
    return { PageNumber: pg.PageNumber, PageSize: pg.PageSize, TotalCount: pg.TotalCount, PhysicalConnectionSet: { PhysicalConnectionType: pg.items } };
  },
  CreatePhysicalConnection: (w, owner, region, p) => ({ PhysicalConnectionId: w.createPhysicalConnection(owner, region, p).id }),
  ModifyPhysicalConnectionAttribute: (w, owner, region, p) => (w.modifyPhysicalConnection(owner, region, p), {}),
  ConfirmPhysicalConnection: (w, owner, region, p) => (w.confirm(owner, region, p.PhysicalConnectionId), {}),
  EnablePhysicalConnection: (w, owner, region, p) => (w.enable(owner, region, p.PhysicalConnectionId), {}),
  CancelPhysicalConnection: (w, owner, region, p) => (w.cancel(owner, region, p.PhysicalConnectionId), {}),
  TerminatePhysicalConnection: (w, owner, region, p) => (w.terminate(owner, region, p.PhysicalConnectionId), {}),
  DeletePhysicalConnection: (w, owner, region, p) => (w.deletePc(owner, region, p.PhysicalConnectionId), {}),
  CreatePhysicalConnectionOccupancyOrder: (w, owner, region, p) => ({ Data: { OrderId: w.occupancyOrder(owner, region, p) } }),
  CreateVirtualBorderRouter: (w, owner, region, p) => ({ VbrId: w.createVbr(owner, region, p).id }),
  ModifyVirtualBorderRouterAttribute: (w, owner, _r, p) => (w.modifyVbr(owner, p), {}),
  TerminateVirtualBorderRouter: (w, owner, _r, p) => (w.terminateVbr(owner, p.VbrId), {}),
  RecoverVirtualBorderRouter: (w, owner, _r, p) => (w.recoverVbr(owner, p.VbrId), {}),
  DeleteVirtualBorderRouter: (w, owner, _r, p) => (w.deleteVbr(owner, p.VbrId), {}),
  DescribeVirtualBorderRouters: (w, owner, region, p) => {
    const filters = filtersOf(p, ["PhysicalConnectionId", "VbrId", "Status", "Name", "AccessPointId", "VlanId", "VlanInterfaceId", "CircuitCode", "EccId"]);
    const cross = p.IncludeCrossAccountVbr === "true";
    const all = w
      .liveVbrs()
      .filter((v) => v.region === region && (v.owner === owner || (cross && w.connections.get(v.pcId)?.owner === owner)))
      .map((v) => renderVbr(w, v))
      .filter((v) => matches(v, filters));
    const pg = page(p, all);
    return { PageNumber: pg.PageNumber, PageSize: pg.PageSize, TotalCount: pg.TotalCount, VirtualBorderRouterSet: { VirtualBorderRouterType: pg.items } };
  },
  DescribeVirtualBorderRoutersForPhysicalConnection: (w, owner, region, p) => {
    const pc = w.pcFor(owner, p.PhysicalConnectionId, region);
    const pg = page(p, w.vbrsOn(pc.id).map((v) => renderVbrForPc(w, v)));
    return {
      PageNumber: pg.PageNumber,
      PageSize: pg.PageSize,
      TotalCount: pg.TotalCount,
      VirtualBorderRouterForPhysicalConnectionSet: { VirtualBorderRouterForPhysicalConnectionType: pg.items },
    };
  },
};

/** Request parameters: the query, plus the form body of a POST. Repeated names keep the first value. */
function paramsOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (src: unknown) => {
    if (!src || typeof src !== "object") return;
    for (const [k, v] of Object.entries(src as Record<string, unknown>)) {
      const s = Array.isArray(v) ? v[0] : v;
      if (typeof s === "string" && !(k in out)) out[k] = s;
    }
  };
  add(req.query);
  if (req.method === "POST") add(req.body);
  return out;
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function missing(name: string): AliError {
  return new AliError(400, "MissingParameter", `The input parameter ${name} that is mandatory for processing this request is not supplied.`);
}

/** Timestamp window and nonce reuse, common to both signature schemes (real time: clients sign with their wall clock). */
function checkFreshness(w: AlibabaWorld, accessKeyId: string, timestamp: string, nonce: string): void {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(timestamp)) throw new AliError(400, "InvalidTimeStamp.Format", "Timestamp must be in the format YYYY-MM-DDThh:mm:ssZ.");
  const at = Date.parse(timestamp);
  if (Math.abs(Date.now() - at) > TIMESTAMP_WINDOW_MS) throw new AliError(400, "InvalidTimeStamp.Expired", `Specified time stamp or date value is expired (${timestamp}).`);
  const nonceKey = `${accessKeyId}|${nonce}`;
  const seen = w.nonces.get(nonceKey);
  if (seen !== undefined && Date.now() - seen < TIMESTAMP_WINDOW_MS) throw new AliError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  w.nonces.set(nonceKey, Date.now());
  if (w.nonces.size > 50_000) for (const [k, t] of w.nonces) if (Date.now() - t > TIMESTAMP_WINDOW_MS) w.nonces.delete(k);
}

function accountFor(w: AlibabaWorld, accessKeyId: string, securityToken: string | undefined): AlibabaAccount {
  const account = w.accounts.get(accessKeyId);
  if (!account) throw new AliError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  if (account.securityToken !== undefined && securityToken !== account.securityToken) {
    throw new AliError(400, securityToken ? "InvalidSecurityToken.Mismatch" : "MissingSecurityToken", "The SecurityToken of these STS credentials is missing or does not match.");
  }
  return account;
}

/** RPC signature, HMAC-SHA1 1.0: the common parameters and Signature travel with the action's own. */
function authenticateRpc(w: AlibabaWorld, req: Request, p: Record<string, string>): string {
  for (const n of ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"]) {
    if (!p[n]) throw n === "Signature" ? new AliError(400, "IncompleteSignature", "The request signature does not conform to Alibaba Cloud standards.") : missing(n);
  }
  if (p.SignatureMethod !== "HMAC-SHA1" || p.SignatureVersion !== "1.0") {
    throw new AliError(400, "InvalidParameter.SignatureMethod", "SignatureMethod must be HMAC-SHA1 with SignatureVersion 1.0, or sign with ACS3-HMAC-SHA256 in the Authorization header.");
  }
  const account = accountFor(w, p.AccessKeyId, p.SecurityToken);
  const expected = rpcStringToSign(req.method, p);
  if (!sameSignature(rpcSignature(req.method, p, account.accessKeySecret), p.Signature)) {
    throw new AliError(400, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:${expected}`);
  }
  checkFreshness(w, p.AccessKeyId, p.Timestamp, p.SignatureNonce);
  w.signatures["HMAC-SHA1"]++;
  return account.accountId;
}

/** V3 signature, ACS3-HMAC-SHA256: everything common travels in headers, the signature in Authorization. */
function authenticateAcs3(w: AlibabaWorld, req: Request, authorization: string): string {
  const auth = parseAcs3Authorization(authorization);
  if (!auth) throw new AliError(400, "IncompleteSignature", "The Authorization header does not conform to Alibaba Cloud standards: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>.");
  if (auth.algorithm !== "ACS3-HMAC-SHA256") throw new AliError(400, "InvalidParameter.SignatureMethod", `Signature algorithm ${auth.algorithm} is not supported by this sandbox; use ACS3-HMAC-SHA256.`);
  for (const n of ["x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"]) if (!header(req, n)) throw missing(n);
  // Every common header but Authorization must be signed when present.
  const mustSign = Object.keys(req.headers).filter((h) => h === "host" || h === "content-type" || (h.startsWith("x-acs-") && h !== "x-acs-signature"));
  const unsigned = mustSign.filter((h) => !auth.signedHeaders.includes(h));
  if (unsigned.length) throw new AliError(400, "IncompleteSignature", `The request signature does not conform to Alibaba Cloud standards: headers ${unsigned.join(", ")} must be signed.`);
  const absent = auth.signedHeaders.filter((h) => req.headers[h] === undefined);
  if (absent.length) throw new AliError(400, "IncompleteSignature", `SignedHeaders names headers the request does not carry: ${absent.join(", ")}.`);
  const body = (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
  const declared = header(req, "x-acs-content-sha256")!;
  if (declared !== sha256Hex(body)) throw new AliError(400, "SignatureDoesNotMatch", "x-acs-content-sha256 is not the SHA-256 of the request body.");
  const account = accountFor(w, auth.accessKeyId, header(req, "x-acs-security-token"));
  const canonical = acs3CanonicalRequest({ method: req.method, query: queryPairs(req.originalUrl), headers: req.headers, signedHeaders: auth.signedHeaders, payloadHash: declared });
  const toSign = acs3StringToSign(canonical);
  if (!sameSignature(acs3Signature(toSign, account.accessKeySecret), auth.signature)) {
    throw new AliError(400, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:${toSign}`);
  }
  checkFreshness(w, auth.accessKeyId, header(req, "x-acs-date")!, header(req, "x-acs-signature-nonce")!);
  w.signatures["ACS3-HMAC-SHA256"]++;
  return account.accountId;
}

/** The account a request is signed for (either scheme), after every check. */
function authenticate(w: AlibabaWorld, req: Request, p: Record<string, string>): string {
  const authorization = header(req, "authorization");
  return authorization?.startsWith("ACS3-") ? authenticateAcs3(w, req, authorization) : authenticateRpc(w, req, p);
}

function handle(ctx: SandboxContext, req: Request, res: Response): void {
  const w = world(ctx);
  const p = paramsOf(req);
  // V3 requests name the action and version in headers, RPC requests in parameters.
  const action = header(req, "x-acs-action") ?? p.Action;
  const version = header(req, "x-acs-version") ?? p.Version;
  setKind(res, `alibaba.${action ?? "unknown"}`);
  try {
    const owner = authenticate(w, req, p);
    if (!action) throw missing("Action");
    if (version !== "2016-04-28") throw new AliError(400, "InvalidVersion", `Specified parameter Version ${version ?? ""} is not valid.`);
    const handler = ACTIONS[action];
    if (!handler) throw new AliError(404, "InvalidAction.NotFound", `Specified api ${action} is not found, please check your url and method.`);
    const region = p.RegionId ?? (action === "DescribeRegions" ? w.region : undefined);
    if (!region) throw missing("RegionId");
    if (!REGIONS.some((r) => r.RegionId === region)) throw new AliError(400, "InvalidRegionId.NotFound", `The specified RegionId ${region} does not exist.`);
    if (p.ClientToken !== undefined && (p.ClientToken.length > 64 || !/^[\x20-\x7e]+$/.test(p.ClientToken))) {
      throw new AliError(400, "InvalidClientToken.Malformed", "ClientToken must be at most 64 ASCII characters.");
    }
    const tokenKey = p.ClientToken && WRITE_ACTIONS.has(action) ? `${owner}|${action}|${p.ClientToken}` : undefined;
    if (tokenKey) {
      const prior = w.tokens.get(tokenKey);
      if (prior && w.now - prior.at < TOKEN_TTL_MS) {
        res.locals.kind = `alibaba.${action}.replayed`;
        res.status(200).json({ RequestId: randomUUID().toUpperCase(), ...prior.body });
        return;
      }
    }
    const out = handler(w, owner, region, p);
    if (tokenKey) w.tokens.set(tokenKey, { at: w.now, body: out });
    res.status(200).json({ RequestId: randomUUID().toUpperCase(), ...out });
  } catch (err) {
    if (err instanceof AliError) {
      res.status(err.status).json(body(err.code, err.message));
      return;
    }
    throw err;
  }
}

function createAdmin(ctx: SandboxContext): AlibabaAdmin {
  const w = world(ctx);
  return {
    issueStsCredentials: () => {
      const s = w.issueStsCredentials();
      return { accessKeyId: s.accessKeyId, accessKeySecret: s.accessKeySecret, securityToken: s.securityToken! };
    },
    createHostedConnection: (o) => w.createHosted({ owner: o.accountId ?? w.tenant.accountId, vlan: o.vlan, bandwidth: o.bandwidth, name: o.name, accessPointId: o.accessPointId, orderMode: o.orderMode }).id,
    terminateConnection: (id) => w.terminateOutOfBand(id),
    deleteConnection: (id) => w.deletePcOutOfBand(id),
    updateConnection: (id, changes) => w.updatePcOutOfBand(id, changes),
    setConnectionStatus: (id, status) => w.setStatusOutOfBand(id, status),
    updateVbr: (id, changes) => w.updateVbrOutOfBand(id, changes),
    deleteVbr: (id) => w.deleteVbrOutOfBand(id),
    stall: (target, opts) => w.stall(target, opts),
    resetRules: () => w.resetRules(),
    connection: (id) => {
      const pc = w.connections.get(id);
      return pc ? renderPc(w, pc) : undefined;
    },
    vbr: (id) => {
      const v = w.vbrs.get(id);
      return v && w.vbrStatus(v) !== "deleted" ? renderVbr(w, v) : undefined;
    },
  };
}

function adminRoutes(r: Router, ctx: SandboxContext): void {
  const admin = () => ctx.admin.alibaba as AlibabaAdmin;
  // An unknown id is a 404 {error}, as the other APIs' admin routes answer it.
  const safe = (fn: (req: Request) => unknown) => adminAction(fn, /^no (physical connection|VBR) /);
  const found = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`no ${what}`);
    return value;
  };
  r.post("/sts", safe(() => admin().issueStsCredentials()));
  r.post("/hosted", safe((req) => ({ id: admin().createHostedConnection(req.body) })));
  r.get("/connections/:id", safe((req) => found(admin().connection(String(req.params.id)), `physical connection ${req.params.id}`)));
  r.patch("/connections/:id", safe((req) => admin().updateConnection(String(req.params.id), req.body ?? {})));
  r.post("/connections/:id/terminate", safe((req) => admin().terminateConnection(String(req.params.id))));
  r.post("/connections/:id/status", safe((req) => admin().setConnectionStatus(String(req.params.id), String(req.body?.status))));
  r.delete("/connections/:id", safe((req) => admin().deleteConnection(String(req.params.id))));
  r.get("/vbrs/:id", safe((req) => found(admin().vbr(String(req.params.id)), `VBR ${req.params.id}`)));
  r.patch("/vbrs/:id", safe((req) => admin().updateVbr(String(req.params.id), req.body ?? {})));
  r.delete("/vbrs/:id", safe((req) => admin().deleteVbr(String(req.params.id))));
  r.post("/stall", safe((req) => admin().stall(req.body?.target, { id: req.body?.id, times: req.body?.times })));
  r.post("/rules/reset", safe(() => admin().resetRules()));
}

const ERROR_CODES: Record<number, string> = {
  400: "InvalidParameter",
  403: "Forbidden",
  404: "InvalidAction.NotFound",
  409: "OperationConflict",
  429: "Throttling.User",
  500: "InternalError",
  502: "InternalError",
  503: "ServiceUnavailable",
  504: "ServiceUnavailable",
};

/** Alibaba VPC (Express Connect) over RPC at `${url}/alibaba/`. @internal */
export const alibabaApi: SandboxApi = {
  name: "alibaba",
  // The real endpoint serves RPC at `/`, and the official SDKs take a host, not a URL: the sandbox's root
  // is the Alibaba endpoint too (no other API uses it).
  owns: (path) => path === "/" || path === "/alibaba" || path.startsWith("/alibaba/"),
  defaultDelays: ALIBABA_DEFAULT_DELAYS,
  createWorld: (ctx) => new AlibabaWorld(ctx),
  register(app, ctx) {
    app.all(["/", "/alibaba", "/alibaba/"], (req, res) => handle(ctx, req, res));
  },
  createAdmin,
  adminRoutes,
  inventory(ctx) {
    const w = world(ctx);
    return {
      // Canceled and Terminated connections stay listed by Describe until deleted, but are no longer live.
      physicalConnections: [...w.connections.values()]
        .filter((c) => c.owner !== EQUINIX_PARTNER_UID && !["Canceled", "Terminated"].includes(w.statusOf(c)))
        .map((c) => renderPc(w, c)),
      virtualBorderRouters: w.liveVbrs().map((v) => renderVbr(w, v)),
    };
  },
  errorResponse(_ctx, _req, status, message) {
    const code = ERROR_CODES[status] ?? (status >= 500 ? "InternalError" : "InvalidParameter");
    const msg = status === 429 ? "Request was denied due to user flow control." : status === 409 ? "The operation conflicts with another operation in progress." : status === 503 ? "The request has failed due to a temporary failure of the server." : message;
    return { status, body: body(code, msg) };
  },
  action(req) {
    const h = req.headers["x-acs-action"];
    if (typeof h === "string") return h;
    const a = (req.query?.Action as string | undefined) ?? (req.body && typeof req.body === "object" ? (req.body as Record<string, string>).Action : undefined);
    return typeof a === "string" ? a : undefined;
  },
  info(ctx): AlibabaInfo {
    const w = world(ctx);
    return { endpoint: `${ctx.url()}/alibaba/`, accessKeyId: w.tenant.accessKeyId, accessKeySecret: w.tenant.accessKeySecret, region: w.region, accountId: w.tenant.accountId };
  },
};
