import { randomUUID } from "crypto";
import type { Request, Response } from "express";
import { setKind, type SandboxContext } from "../core/api";
import { authenticate, header, missing } from "./auth";
import { AliError } from "./model";
import { renderPc, renderVbr, renderVbrForPc } from "./render";
import { ACCESS_POINTS, REGIONS, type AlibabaWorld } from "./world";

// The RPC actions of the VPC API (version 2016-04-28) the sandbox serves: parameters, filters, paging,
// ClientToken replays, and the error body every answer uses.

/** ClientTokens are remembered this long (sandbox clock). */
const TOKEN_TTL_MS = 24 * 3600_000;

/** Alibaba's error body. */
export function errorBody(code: string, message: string): Record<string, unknown> {
  return { RequestId: randomUUID().toUpperCase(), HostId: "vpc.aliyuncs.com", Code: code, Message: message, Recommend: `https://api.aliyun.com/troubleshoot?q=${code}` };
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
  "CreateBgpGroup",
  "ModifyBgpGroupAttribute",
  "DeleteBgpGroup",
  "CreateBgpPeer",
  "ModifyBgpPeerAttribute",
  "DeleteBgpPeer",
]);

type Handler = (w: AlibabaWorld, owner: string, region: string, p: Record<string, string>) => Record<string, unknown>;

const ACTIONS: Record<string, Handler> = {
  DescribeRegions: () => ({ Regions: { Region: REGIONS.map((r) => ({ ...r, RegionEndpoint: "vpc.aliyuncs.com" })) } }),
  DescribeAccessPoints: (_w, _o, region, p) => {
    // As the API reference shows them: the region as AttachedRegionNo, and the features of the access point.
    const pg = page(
      p,
      ACCESS_POINTS.filter((a) => a.RegionId === region).map(({ RegionId: _r, ...a }) => ({
        ...a,
        Description: `Express Connect access point at ${a.Location}`,
        AttachedRegionNo: region,
        AccessPointFeatureModels: { AccessPointFeatureModel: [{ FeatureKey: "AP_Support_VbrBandwidthLimit", FeatureValue: "true" }] },
      })),
    );
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
  ModifyVirtualBorderRouterAttribute: (w, owner, region, p) => (w.modifyVbr(owner, p, region), {}),
  TerminateVirtualBorderRouter: (w, owner, region, p) => (w.terminateVbr(owner, p.VbrId, region), {}),
  RecoverVirtualBorderRouter: (w, owner, region, p) => (w.recoverVbr(owner, p.VbrId, region), {}),
  DeleteVirtualBorderRouter: (w, owner, region, p) => (w.deleteVbr(owner, p.VbrId, region), {}),
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
  CreateBgpGroup: (w, owner, region, p) => ({ BgpGroupId: w.bgp.createGroup(owner, region, p).id }),
  ModifyBgpGroupAttribute: (w, owner, _r, p) => (w.bgp.modifyGroup(owner, p), {}),
  DeleteBgpGroup: (w, owner, _r, p) => (w.bgp.deleteGroup(owner, p.BgpGroupId), {}),
  DescribeBgpGroups: (w, owner, region, p) => {
    const all = w.bgp
      .liveGroups()
      .filter((g) => g.owner === owner && g.region === region && (!p.BgpGroupId || g.id === p.BgpGroupId) && (!p.RouterId || g.vbrId === p.RouterId))
      // No group of the sandbox is a VBR's default one.
      .filter(() => p.IsDefault !== "true")
      .map((g) => w.bgp.renderGroup(g));
    const pg = page(p, all);
    return { PageNumber: pg.PageNumber, PageSize: pg.PageSize, TotalCount: pg.TotalCount, BgpGroups: { BgpGroup: pg.items } };
  },
  CreateBgpPeer: (w, owner, _r, p) => ({ BgpPeerId: w.bgp.createPeer(owner, p).id }),
  ModifyBgpPeerAttribute: (w, owner, _r, p) => (w.bgp.modifyPeer(owner, p), {}),
  DeleteBgpPeer: (w, owner, _r, p) => (w.bgp.deletePeer(owner, p.BgpPeerId), {}),
  DescribeBgpPeers: (w, owner, region, p) => {
    const all = w.bgp
      .livePeers()
      .filter((x) => x.owner === owner && x.region === region && (!p.BgpPeerId || x.id === p.BgpPeerId) && (!p.BgpGroupId || x.groupId === p.BgpGroupId))
      .filter((x) => !p.RouterId || w.bgp.groups.get(x.groupId)?.vbrId === p.RouterId)
      .filter(() => p.IsDefault !== "true")
      .map((x) => w.bgp.renderPeer(x));
    const pg = page(p, all);
    return { PageNumber: pg.PageNumber, PageSize: pg.PageSize, TotalCount: pg.TotalCount, BgpPeers: { BgpPeer: pg.items } };
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

/** Serves one RPC request (either signature scheme). */
export function handle(ctx: SandboxContext, req: Request, res: Response): void {
  const w = ctx.world.alibaba;
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
      res.status(err.status).json(errorBody(err.code, err.message));
      return;
    }
    throw err;
  }
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

/** The vendor-shaped error of an injected fault, an unknown route, a malformed body or a crash. */
export function statusError(status: number, message: string): Record<string, unknown> {
  const code = ERROR_CODES[status] ?? (status >= 500 ? "InternalError" : "InvalidParameter");
  const msg = status === 429 ? "Request was denied due to user flow control." : status === 409 ? "The operation conflicts with another operation in progress." : status === 503 ? "The request has failed due to a temporary failure of the server." : message;
  return errorBody(code, msg);
}
