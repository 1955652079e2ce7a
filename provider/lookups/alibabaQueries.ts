import { z } from "zod";
import { alibabaApi } from "../alibaba/client";
import { alibabaRegionOf } from "../alibaba/settings";
import { argsSchema, checkArgs, deadlineOf, exactlyOne, programContext, scopeOf, type LookupContext, type LookupOptions } from "./common";
import type { AccessPoint, GetAccessPointArgs } from "./alibaba";

// The Alibaba look-ups given a context factory (provider/lookups/alibaba.ts gives them the program's).

const API = "alibaba";

/** Status of an access point (DescribeAccessPoints): recommended, hot, full, disabled. */
export const ACCESS_POINT_STATUSES = ["recommended", "hot", "full", "disabled"] as const;

export const AccessPointArgs = argsSchema<GetAccessPointArgs>()({
  region: z.string().regex(/^[a-z]{2,}(-[a-z0-9]+)+$/, 'must be an Alibaba Cloud region id such as "us-west-1" or "eu-central-1"').optional(),
  id: z.string().regex(/^ap-/, 'must be an access point id (ap-...), e.g. "ap-us-sv-eqx-a"').optional(),
  name: z.string().min(1, "must not be empty").optional(),
  hostOperator: z.string().min(1, "must not be empty").optional(),
  status: z.array(z.enum(ACCESS_POINT_STATUSES)).min(1, "must list at least one status").optional(),
});

/** An access point as DescribeAccessPoints answers it (tolerant: Alibaba adds fields). */
const Item = z
  .object({
    AccessPointId: z.string(),
    ...Object.fromEntries(["Name", "Description", "Location", "HostOperator", "Type", "Status", "AttachedRegionNo"].map((k) => [k, z.string().optional()])),
    AccessPointFeatureModels: z
      .object({ AccessPointFeatureModel: z.array(z.object({ FeatureKey: z.string().optional(), FeatureValue: z.string().optional() }).passthrough()).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough() as z.ZodType<RawAccessPoint>;

interface RawAccessPoint {
  AccessPointId: string;
  Name?: string;
  Description?: string;
  Location?: string;
  HostOperator?: string;
  Type?: string;
  Status?: string;
  AttachedRegionNo?: string;
  AccessPointFeatureModels?: { AccessPointFeatureModel?: Array<{ FeatureKey?: string; FeatureValue?: string }> };
}

function toAccessPoint(a: RawAccessPoint, region: string): AccessPoint {
  const features = Object.fromEntries((a.AccessPointFeatureModels?.AccessPointFeatureModel ?? []).filter((f) => f.FeatureKey).map((f) => [f.FeatureKey!, f.FeatureValue ?? ""]));
  const out: AccessPoint = { id: a.AccessPointId, name: a.Name ?? "", region: a.AttachedRegionNo || region, status: a.Status ?? "", type: a.Type ?? "", features };
  if (a.Description) out.description = a.Description;
  if (a.Location) out.location = a.Location;
  if (a.HostOperator) out.hostOperator = a.HostOperator;
  return out;
}

const label = (a: AccessPoint) => `${a.id} (${[a.name, a.hostOperator, a.status].filter(Boolean).join(", ")})`;

/** Every access point of the region (DescribeAccessPoints, 50 a page): the look-up's criteria are applied here, since the action takes none. */
async function all(lc: LookupContext, a: z.output<typeof AccessPointArgs>, opts: LookupOptions | undefined): Promise<AccessPoint[]> {
  const ctx = lc({ ...scopeOf(API, opts), region: a.region });
  const deadline = deadlineOf(API, ctx, opts);
  const client = ctx.clients.get(alibabaApi);
  const out: AccessPoint[] = [];
  for await (const item of client.pages("DescribeAccessPoints", {}, (r) => r.AccessPointSet?.AccessPointType, Item, { deadline })) out.push(toAccessPoint(item, client.region));
  return out;
}

function matching(list: AccessPoint[], a: z.output<typeof AccessPointArgs>): AccessPoint[] {
  return list.filter(
    (p) =>
      (a.id === undefined || p.id === a.id) &&
      (a.name === undefined || p.name === a.name) &&
      (a.hostOperator === undefined || (p.hostOperator ?? "").toLowerCase() === a.hostOperator.toLowerCase()) &&
      (a.status === undefined || (a.status as string[]).includes(p.status)),
  );
}

export async function findAccessPoints(raw: GetAccessPointArgs | undefined, opts?: LookupOptions, lc: LookupContext = programContext): Promise<AccessPoint[]> {
  const a = checkArgs(API, "getAccessPoints", AccessPointArgs, raw);
  return matching(await all(lc, a, opts), a);
}

export async function findAccessPoint(raw: GetAccessPointArgs | undefined, opts?: LookupOptions, lc: LookupContext = programContext): Promise<AccessPoint> {
  const a = checkArgs(API, "getAccessPoint", AccessPointArgs, raw);
  const list = await all(lc, a, opts);
  return exactlyOne(matching(list, a), {
    api: API,
    fn: "getAccessPoint",
    noun: ["Express Connect access point", "Express Connect access points"],
    criteria: { region: a.region ?? `${alibabaRegionOf(lc(scopeOf(API, opts)).config)} (alicloud:region)`, id: a.id, name: a.name, hostOperator: a.hostOperator, status: a.status?.join(" or ") },
    label,
    narrow: "add id, name, hostOperator or status",
    seen: async () => list,
  });
}
