import { z } from "zod";
import { isApiError } from "../core/errors";
import type { CatalogMetro, CatalogPort, CatalogServiceProfile, Condition } from "../fabric/catalogClient";
import { equinixApi } from "../fabric/http";
import { defined } from "../core/outputs";
import { argsSchema, criteriaHold, exactlyOne, lookupPair, programContext, startLookup, type LookupContext, type LookupOptions } from "./common";
import type { GetMetroArgs, GetMetrosArgs, GetPortArgs, GetServiceProfileArgs, Metro, Port, ServiceProfile } from "./fabric";

// The Fabric look-ups given a call context (provider/lookups/fabric.ts gives them the program's): the
// arguments' schemas, the searches, the results as the public types.

const API = "equinix";
const metroCode = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter Equinix metro code in capitals, such as "SV" or "FR"');
const nonEmpty = z.string().min(1, "must not be empty");

/** PortState of the Fabric v4 spec. */
export const PORT_STATES = ["PENDING", "PROVISIONING", "REPROVISIONING", "PENDING_CROSS_CONNECT", "PROVISIONED", "ACTIVE", "DEPROVISIONING", "DEPROVISIONED", "INACTIVE", "FAILED", "ADDED", "DELETED", "TO_BE_ADDED", "TO_BE_DELETED"] as const;
/** PortEncapsulation.type of the Fabric v4 spec. */
export const PORT_ENCAPSULATIONS = ["DOT1Q", "QINQ", "UNTAGGED"] as const;
/** ServiceProfileTypeEnum of the Fabric v4 spec. */
export const SERVICE_PROFILE_TYPES = ["L2_PROFILE", "L3_PROFILE", "IA_PROFILE", "IX_PROFILE", "IC_PROFILE", "LMAAS_PROFILE"] as const;
/** ServiceProfileStateEnum of the Fabric v4 spec. */
export const SERVICE_PROFILE_STATES = ["ACTIVE", "PENDING_APPROVAL", "DELETED", "REJECTED"] as const;

export const PortArgs = argsSchema<GetPortArgs>()({
  name: nonEmpty.optional(),
  metroCode: metroCode.optional(),
  type: z.enum(PORT_ENCAPSULATIONS).optional(),
  priority: z.enum(["PRIMARY", "SECONDARY"]).optional(),
  state: z.enum(PORT_STATES).default("ACTIVE"),
});

export const ServiceProfileArgs = argsSchema<GetServiceProfileArgs>()({
  name: nonEmpty.optional(),
  uuid: z.string().uuid("must be a service profile uuid").optional(),
  metroCode: metroCode.optional(),
  type: z.enum(SERVICE_PROFILE_TYPES).optional(),
  visibility: z.enum(["PUBLIC", "PRIVATE"]).optional(),
  state: z.enum(SERVICE_PROFILE_STATES).default("ACTIVE"),
});

export const MetroArgs = argsSchema<GetMetroArgs>()({ code: metroCode.optional(), name: nonEmpty.optional() }, (v, ctx) => {
  if ((v.code === undefined) === (v.name === undefined)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["code"], message: "set exactly one of code (e.g. \"SV\") or name (e.g. \"Silicon Valley\")" });
});

export const MetrosArgs = argsSchema<GetMetrosArgs>()({ onlyWithMyPorts: z.boolean().default(false) });

export function toPort(p: CatalogPort): Port {
  return defined({
    uuid: p.uuid,
    name: p.name ?? "",
    type: p.encapsulation?.type ?? "",
    metroCode: p.location?.metroCode ?? "",
    metroName: p.location?.metroName,
    priority: p.redundancy?.priority,
    state: p.state ?? "",
    bandwidth: p.bandwidth ?? p.physicalPortsSpeed,
    availableBandwidth: p.availableBandwidth,
    usedBandwidth: p.usedBandwidth,
    ibx: p.location?.ibx ?? p.demarcationPointIbx,
    projectId: p.project?.projectId,
  });
}

export function toServiceProfile(p: CatalogServiceProfile): ServiceProfile {
  const colo = p.accessPointTypeConfigs?.find((c) => c.type === "COLO") ?? p.accessPointTypeConfigs?.[0];
  return defined({
    uuid: p.uuid,
    name: p.name ?? "",
    type: p.type ?? "",
    state: p.state ?? "",
    visibility: p.visibility,
    description: p.description,
    metros: (p.metros ?? []).map((m) => defined({ code: m.code, name: m.name ?? m.displayName, sellerRegions: { ...(m.sellerRegions ?? {}) } })),
    bandwidths: [...(colo?.supportedBandwidths ?? [])],
    allowCustomBandwidth: colo?.allowCustomBandwidth ?? false,
    authenticationKey: defined({ required: colo?.authenticationKey?.required ?? false, label: colo?.authenticationKey?.label }),
  });
}

export function toMetro(m: CatalogMetro): Metro {
  return defined({
    code: m.code,
    name: m.name ?? m.code,
    region: m.region,
    country: m.country,
    equinixAsn: m.equinixAsn,
    localVCBandwidthMax: m.localVCBandwidthMax,
    connectedMetros: (m.connectedMetros ?? []).map((c) => defined({ code: c.code, avgLatency: c.avgLatency, remoteVCBandwidthMax: c.remoteVCBandwidthMax })),
  });
}

/** Fabric's search conditions for the criteria given (each `=` one value), by the property each searches, in that order. */
function searchConditions<A extends object>(a: A, properties: Partial<Record<keyof A & string, string>>): Condition[] {
  return Object.entries(properties)
    .filter(([k]) => a[k as keyof A] !== undefined)
    .map(([k, property]) => ({ property: property as string, values: [String(a[k as keyof A])] }));
}

const portLabel = (p: Port) => `${p.name} (${[p.metroCode, p.type, p.priority, p.state].filter(Boolean).join(" ")}, ${p.uuid})`;
const profileLabel = (p: ServiceProfile) => `${JSON.stringify(p.name)} (${p.uuid})`;
const metroLabel = (m: Metro) => `${m.code} (${m.name})`;

/** Every port matching the arguments: Fabric filters on name, metro and state; encapsulation and priority, which its search does not take, are filtered here. */
const ports = lookupPair({
  api: API,
  schema: PortArgs,
  names: ["getPort", "getPorts"],
  list: async ({ a, ctx, deadline }) => {
    const conditions = searchConditions(a, { state: "/state", name: "/name", metroCode: "/location/metroCode" });
    const found = await ctx.clients.get(equinixApi).catalog.searchPorts(conditions, { deadline });
    return found.map(toPort).filter((p) => criteriaHold(a, p, ["name", "metroCode", "state", "type", "priority"]));
  },
  one: ({ a, ctx, deadline }) => ({
    noun: ["Fabric port", "Fabric ports"],
    criteria: { name: a.name, metroCode: a.metroCode, type: a.type, priority: a.priority, state: a.state },
    label: portLabel,
    narrow: "add name, metroCode, type or priority",
    seen: async () => (await ctx.clients.get(equinixApi).catalog.searchPorts([{ property: "/state", values: [a.state] }], { deadline, limit: 100 })).map(toPort),
  }),
});
export const findPorts = ports.all;
export const findPort = ports.one;

/** Every service profile matching the arguments, in the buyer's view; Fabric filters on all of them. */
const serviceProfiles = lookupPair({
  api: API,
  schema: ServiceProfileArgs,
  names: ["getServiceProfile", "getServiceProfiles"],
  list: async ({ a, ctx, deadline }) => {
    const conditions = searchConditions(a, { state: "/state", name: "/name", uuid: "/uuid", metroCode: "/metros/code", type: "/type", visibility: "/visibility" });
    const found = await ctx.clients.get(equinixApi).catalog.searchServiceProfiles(conditions, { deadline });
    return found
      .map(toServiceProfile)
      .filter((p) => criteriaHold(a, p, ["name", "uuid", "type", "visibility", "state"]) && (a.metroCode === undefined || p.metros.some((m) => m.code === a.metroCode)));
  },
  one: ({ a, ctx, deadline }) => ({
    noun: ["Fabric service profile", "Fabric service profiles"],
    criteria: { name: a.name, uuid: a.uuid, metroCode: a.metroCode, type: a.type, visibility: a.visibility, state: a.state },
    label: profileLabel,
    narrow: "add name, uuid, metroCode, type or visibility",
    // The names to choose from: the profiles of that name anywhere, else of that metro, else all.
    seen: async () => {
      const catalog = ctx.clients.get(equinixApi).catalog;
      const near = a.name !== undefined ? [{ property: "/name", values: [a.name] }] : a.metroCode !== undefined ? [{ property: "/metros/code", values: [a.metroCode] }] : [];
      const list = near.length ? await catalog.searchServiceProfiles(near, { deadline, limit: 100 }) : [];
      return (list.length ? list : await catalog.searchServiceProfiles([], { deadline, limit: 100 })).map(toServiceProfile);
    },
  }),
});
export const findServiceProfiles = serviceProfiles.all;
export const findServiceProfile = serviceProfiles.one;

/** The Fabric metros, or with onlyWithMyPorts those where the account has ports. */
export async function findMetros(raw: GetMetrosArgs | undefined, opts?: LookupOptions, lc: LookupContext = programContext): Promise<Metro[]> {
  const { a, ctx, deadline } = startLookup(API, "getMetros", MetrosArgs, raw, opts, lc);
  return (await ctx.clients.get(equinixApi).catalog.listMetros(a.onlyWithMyPorts, { deadline })).map(toMetro);
}

/** One metro by code (GET /fabric/v4/metros/{code}) or by name (matched without regard to case in the list). */
export async function findMetro(raw: GetMetroArgs | undefined, opts?: LookupOptions, lc: LookupContext = programContext): Promise<Metro> {
  const { a, ctx, deadline } = startLookup(API, "getMetro", MetroArgs, raw, opts, lc);
  const catalog = ctx.clients.get(equinixApi).catalog;
  const all = async () => (await catalog.listMetros(false, { deadline })).map(toMetro);
  const o = { api: API, fn: "getMetro", noun: ["Fabric metro", "Fabric metros"] as [string, string], criteria: { code: a.code, name: a.name }, label: metroLabel, narrow: "give the code", seen: all };
  if (a.code !== undefined) {
    try {
      return toMetro(await catalog.getMetro(a.code, { deadline }));
    } catch (err) {
      // Fabric answers an unknown code with 400 EQ-3036013 "Invalid Path Parameter" (or, behind some gateways, a 404).
      if (isApiError(err) && (err.kind === "notFound" || (err.status === 400 && err.code === "EQ-3036013"))) return exactlyOne([], o);
      throw err;
    }
  }
  const name = a.name!.toLowerCase();
  const metros = await all();
  return exactlyOne(metros.filter((m) => m.name.toLowerCase() === name), { ...o, seen: async () => metros });
}

