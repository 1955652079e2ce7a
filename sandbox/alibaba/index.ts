import type { SandboxApi, SandboxContext } from "../core/api";
import { alibabaAdminRoutes, createAlibabaAdmin } from "./admin";
import { renderPc, renderVbr } from "./render";
import { handle, statusError } from "./rpc";
import { ALIBABA_DEFAULT_DELAYS, AlibabaWorld, EQUINIX_PARTNER_UID } from "./world";

export { AlibabaWorld, ALIBABA_DEFAULT_DELAYS, ALIBABA_EVENTS, ACCESS_POINTS, REGIONS, EQUINIX_PARTNER_UID } from "./world";
export type { AlibabaDelays, StallTarget, AlibabaAccount, HostedEvent } from "./world";
export type { PcRecord, VbrRecord } from "./model";
export type { AlibabaAdmin } from "./admin";
export { renderPc, renderVbr } from "./render";

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

const world = (ctx: SandboxContext) => ctx.world.alibaba;

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
  createAdmin: createAlibabaAdmin,
  adminRoutes: alibabaAdminRoutes,
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
  errorResponse: (_ctx, _req, status, message) => ({ status, body: statusError(status, message) }),
  action(req) {
    const h = req.headers["x-acs-action"];
    if (typeof h === "string") return h;
    const a = (req.query?.Action as string | undefined) ?? (req.body && typeof req.body === "object" ? (req.body as Record<string, string>).Action : undefined);
    return typeof a === "string" ? a : undefined;
  },
  saveState: (ctx) => world(ctx).snapshot(),
  loadState: (ctx, state) => world(ctx).restore(state),
  settings: (i: AlibabaInfo) => [
    { env: "ALICLOUD_VPC_ENDPOINT", config: "interconnect:alicloudVpcEndpoint", value: i.endpoint },
    { env: "ALICLOUD_ACCESS_KEY", config: "alicloud:accessKey", value: i.accessKeyId, secret: true },
    { env: "ALICLOUD_SECRET_KEY", config: "alicloud:secretKey", value: i.accessKeySecret, secret: true },
    { env: "ALICLOUD_REGION", config: "alicloud:region", value: i.region },
  ],
  info(ctx): AlibabaInfo {
    const w = world(ctx);
    return { endpoint: `${ctx.url()}/alibaba/`, accessKeyId: w.tenant.accessKeyId, accessKeySecret: w.tenant.accessKeySecret, region: w.region, accountId: w.tenant.accountId };
  },
};
