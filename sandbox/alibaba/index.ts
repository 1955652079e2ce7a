import type { SandboxApi, SandboxContext } from "../core/api";
import { alibabaAdminRoutes, createAlibabaAdmin } from "./admin";
import { renderPc, renderVbr } from "./render";
import { handle, statusError } from "./rpc";
import { ALIBABA_DEFAULT_DELAYS, ACCESS_POINTS, AlibabaWorld, PARTNER_UIDS, REGIONS } from "./world";

export { AlibabaWorld, ALIBABA_DEFAULT_DELAYS, ALIBABA_EVENTS, ACCESS_POINTS, REGIONS, EQUINIX_PARTNER_UID, PARTNER_UIDS } from "./world";
export type { AlibabaDelays, StallTarget, AlibabaAccount, HostedEvent } from "./world";
export type { PcRecord, VbrRecord } from "./model";
export type { BgpGroupRecord, BgpPeerRecord, BgpGroupChanges, BgpPeerChanges, BgpSessionView, CustomerRouter, IpVersion } from "./bgp";
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
  /**
   * A second Alibaba account with its own key pair, for stacks that span two accounts: the credential set
   * `credentials` names (its keys are `alicloud-<credentials>:accessKey` and `alicloud-<credentials>:secretKey`,
   * or ALICLOUD_ACCESS_KEY_<CREDENTIALS> and ALICLOUD_SECRET_KEY_<CREDENTIALS>), its account id the
   * authentication key or cloud key that sends hosted connections to it.
   */
  second: { credentials: string; accountId: string; accessKeyId: string; accessKeySecret: string };
  /** The regions served and their access points (a hosted connection appears in its partner's region). */
  regions: Array<{ region: string; accessPoints: Array<{ id: string; hostOperator: string }> }>;
}

/** The credential set name of the sandbox's second Alibaba account. */
export const SECOND_ACCOUNT_SET = "second";

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
        .filter((c) => !Object.values(PARTNER_UIDS).includes(c.owner) && !["Canceled", "Terminated"].includes(w.statusOf(c)))
        .map((c) => renderPc(w, c)),
      virtualBorderRouters: w.liveVbrs().map((v) => renderVbr(w, v)),
      bgpGroups: w.bgp.liveGroups().map((g) => w.bgp.renderGroup(g)),
      bgpPeers: w.bgp.livePeers().map((p) => w.bgp.renderPeer(p)),
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
    // The second account, as the credential set "second" reads it (its region and endpoint: the default set's).
    { env: `ALICLOUD_ACCESS_KEY_${i.second.credentials.toUpperCase()}`, config: `alicloud-${i.second.credentials}:accessKey`, value: i.second.accessKeyId, secret: true },
    { env: `ALICLOUD_SECRET_KEY_${i.second.credentials.toUpperCase()}`, config: `alicloud-${i.second.credentials}:secretKey`, value: i.second.accessKeySecret, secret: true },
  ],
  info(ctx): AlibabaInfo {
    const w = world(ctx);
    return {
      endpoint: `${ctx.url()}/alibaba/`,
      accessKeyId: w.tenant.accessKeyId,
      accessKeySecret: w.tenant.accessKeySecret,
      region: w.region,
      accountId: w.tenant.accountId,
      second: { credentials: SECOND_ACCOUNT_SET, accountId: w.second.accountId, accessKeyId: w.second.accessKeyId, accessKeySecret: w.second.accessKeySecret },
      regions: REGIONS.map((r) => ({
        region: r.RegionId,
        accessPoints: ACCESS_POINTS.filter((a) => a.RegionId === r.RegionId).map((a) => ({ id: a.AccessPointId, hostOperator: a.HostOperator })),
      })).filter((r) => r.accessPoints.length > 0),
    };
  },
};
