import { EQ, eqError, type EquinixError } from "./errors";

/** Reads a JSON pointer (`/aSide/accessPoint/port/uuid`) from an object; arrays are searched element-wise. */
export function pointer(obj: unknown, path: string): unknown[] {
  const parts = path.split("/").slice(1);
  let cur: unknown[] = [obj];
  for (const p of parts) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (Array.isArray(c)) {
        for (const e of c) if (e && typeof e === "object" && p in (e as object)) next.push((e as any)[p]);
      } else if (c && typeof c === "object" && p in (c as object)) next.push((c as any)[p]);
    }
    cur = next.flatMap((v) => (Array.isArray(v) ? v : [v]));
  }
  return cur.filter((v) => v !== undefined && v !== null);
}

/** Aliases the vendor accepts for fields it stores under other names. */
const ALIASES: Record<string, string[]> = {
  "/aSide/accessPoint/linkProtocol/vlanTagMin": ["/aSide/accessPoint/linkProtocol/vlanTag", "/aSide/accessPoint/linkProtocol/vlanSTag"],
  "/aSide/accessPoint/linkProtocol/vlanTagMax": ["/aSide/accessPoint/linkProtocol/vlanTag", "/aSide/accessPoint/linkProtocol/vlanSTag"],
  "/zSide/accessPoint/linkProtocol/vlanTagMin": ["/zSide/accessPoint/linkProtocol/vlanTag", "/zSide/accessPoint/linkProtocol/vlanSTag"],
  "/zSide/accessPoint/linkProtocol/vlanTagMax": ["/zSide/accessPoint/linkProtocol/vlanTag", "/zSide/accessPoint/linkProtocol/vlanSTag"],
  "/changeLog/lastUpdatedBy": ["/changeLog/updatedBy"],
};

function valuesAt(obj: unknown, property: string): unknown[] {
  return (ALIASES[property] ?? [property]).flatMap((p) => pointer(obj, p));
}

function likeToRegExp(pattern: string, flags: string): RegExp {
  const esc = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/%/g, ".*").replace(/\*/g, ".*").replace(/_/g, ".");
  return new RegExp(`^${esc}$`, flags);
}

export const OPERATORS = ["=", "!=", ">", ">=", "<", "<=", "IN", "NOT IN", "LIKE", "NOT LIKE", "ILIKE", "~*", "IS NULL", "IS NOT NULL", "BETWEEN"];

type Expr = { and?: Expr[]; or?: Expr[]; property?: string; operator?: string; values?: unknown[] };

function cmp(a: unknown, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (!Number.isNaN(na) && !Number.isNaN(nb) && String(a).trim() !== "" && b.trim() !== "") return na - nb;
  return String(a).localeCompare(b);
}

function matchSimple(obj: unknown, e: Expr): boolean {
  const vals = valuesAt(obj, e.property!);
  const args = (e.values ?? []).map(String);
  const op = (e.operator ?? "=").toUpperCase();
  const any = (f: (v: unknown) => boolean) => vals.some(f);
  switch (op) {
    case "=":
    case "IN":
      return any((v) => args.includes(String(v)));
    case "!=":
    case "NOT IN":
      return !any((v) => args.includes(String(v)));
    case "LIKE":
      return any((v) => args.some((a) => likeToRegExp(a, "").test(String(v))));
    case "NOT LIKE":
      return !any((v) => args.some((a) => likeToRegExp(a, "").test(String(v))));
    case "ILIKE":
    case "~*":
      return any((v) => args.some((a) => likeToRegExp(a, "i").test(String(v))));
    case "IS NULL":
      return vals.length === 0;
    case "IS NOT NULL":
      return vals.length > 0;
    case ">":
      return any((v) => cmp(v, args[0]) > 0);
    case ">=":
      return any((v) => cmp(v, args[0]) >= 0);
    case "<":
      return any((v) => cmp(v, args[0]) < 0);
    case "<=":
      return any((v) => cmp(v, args[0]) <= 0);
    case "BETWEEN":
      return any((v) => cmp(v, args[0]) >= 0 && cmp(v, args[1]) <= 0);
    default:
      return false;
  }
}

/** Validates a filter expression; returns the errors. */
export function checkFilter(e: unknown, path = "/filter"): EquinixError[] {
  if (e === undefined) return [];
  if (typeof e !== "object" || e === null || Array.isArray(e)) return [eqError(EQ.invalidBody, "Invalid request body", path, "filter must be an object")];
  const x = e as Expr;
  const errs: EquinixError[] = [];
  if (x.and !== undefined) {
    if (!Array.isArray(x.and)) errs.push(eqError(EQ.invalidBody, "Invalid request body", `${path}/and`, "must be an array"));
    else x.and.forEach((s, i) => errs.push(...checkFilter(s, `${path}/and/${i}`)));
  }
  if (x.or !== undefined) {
    if (!Array.isArray(x.or)) errs.push(eqError(EQ.invalidBody, "Invalid request body", `${path}/or`, "must be an array"));
    else x.or.forEach((s, i) => errs.push(...checkFilter(s, `${path}/or/${i}`)));
  }
  if (x.property !== undefined || x.operator !== undefined || x.values !== undefined) {
    if (typeof x.property !== "string" || !x.property.startsWith("/")) errs.push(eqError(EQ.invalidBody, "Invalid request body", `${path}/property`, "property must be a JSON pointer such as /name"));
    if (typeof x.operator !== "string" || !OPERATORS.includes(x.operator.toUpperCase())) errs.push(eqError(EQ.invalidBody, "Invalid request body", `${path}/operator`, `operator must be one of ${OPERATORS.join(" ")}`));
    if (!Array.isArray(x.values) && !/NULL/.test(String(x.operator).toUpperCase())) errs.push(eqError(EQ.invalidBody, "Invalid request body", `${path}/values`, "values must be an array"));
  }
  return errs;
}

export function matches(obj: unknown, e: unknown): boolean {
  if (!e || typeof e !== "object") return true;
  const x = e as Expr;
  if (x.and && !x.and.every((s) => matches(obj, s))) return false;
  if (x.or && x.or.length && !x.or.some((s) => matches(obj, s))) return false;
  if (x.property) return matchSimple(obj, x);
  return true;
}

export interface PageRequest {
  offset: number;
  limit: number;
}

/** Reads {offset, limit} (limit 1..maxLimit); returns errors when out of range. */
export function readPagination(p: unknown, defLimit = 20, maxLimit = 100): { errors: EquinixError[]; page: PageRequest } {
  const x = (p && typeof p === "object" ? p : {}) as Record<string, unknown>;
  const offset = x.offset === undefined ? 0 : Number(x.offset);
  const limit = x.limit === undefined ? defLimit : Number(x.limit);
  const errors: EquinixError[] = [];
  if (!Number.isInteger(offset) || offset < 0) errors.push(eqError(EQ.invalidInput, "Invalid input", "/pagination/offset", "offset must be an integer >= 0"));
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) errors.push(eqError(EQ.invalidInput, "Invalid input", "/pagination/limit", `limit must be an integer between 1 and ${maxLimit}`));
  return { errors, page: { offset: errors.length ? 0 : offset, limit: errors.length ? defLimit : limit } };
}

/** Sorts by [{property, direction}] (default: `defaultSort`). */
export function sortBy<T>(items: T[], sort: unknown, defaultSort: { property: string; direction: "ASC" | "DESC" }): T[] {
  const crit = (Array.isArray(sort) && sort.length ? sort : [defaultSort]) as { property?: string; direction?: string }[];
  return [...items].sort((a, b) => {
    for (const c of crit) {
      const prop = c.property ?? defaultSort.property;
      const va = valuesAt(a, prop)[0];
      const vb = valuesAt(b, prop)[0];
      const d = va === undefined ? (vb === undefined ? 0 : -1) : vb === undefined ? 1 : cmp(va, String(vb));
      if (d !== 0) return (c.direction ?? "DESC").toUpperCase() === "ASC" ? d : -d;
    }
    return 0;
  });
}

/** {pagination, data} for one page of `items`. `link` builds the next/previous href. */
export function page<T>(items: T[], p: PageRequest, link: (offset: number, limit: number) => string): { pagination: Record<string, unknown>; data: T[] } {
  const data = items.slice(p.offset, p.offset + p.limit);
  const pagination: Record<string, unknown> = { offset: p.offset, limit: p.limit, total: items.length };
  if (p.offset + p.limit < items.length) pagination.next = link(p.offset + p.limit, p.limit);
  if (p.offset > 0) pagination.previous = link(Math.max(0, p.offset - p.limit), p.limit);
  return { pagination, data };
}

/**
 * The narrower search some Fabric collections offer (ports, service profiles): the Fabric v4 spec lists
 * the properties each accepts and allows only the `=` operator. Each collection answers a breach with its
 * own error (`errors`).
 */
export interface SearchRules {
  /** the properties a simple expression may name (the spec's enumeration) */
  properties: readonly string[];
  /** `or` accepted besides `and` (PortExpression has both; ServiceProfileFilter only `and`) */
  or: boolean;
  /** a missing filter is an error (PortV4SearchRequest requires it) */
  required: boolean;
  errors: {
    /** `at` is the expression's path in the collection's own notation */
    property(at: string, value: unknown): EquinixError;
    operator(at: string, value: unknown): EquinixError;
    /** values missing, not an array of strings, or empty */
    values(at: string): EquinixError;
    /** not an object, `or` where it is not allowed, nesting the collection does not take */
    shape(at: string, reason: string): EquinixError;
  };
}

/** Checks a filter against a collection's search rules; returns every problem at once. */
export function checkRestrictedFilter(e: unknown, rules: SearchRules, at = "filter", depth = 0): EquinixError[] {
  if (e === undefined || e === null) return rules.required && depth === 0 ? [rules.errors.shape(at, "must not be null")] : [];
  if (typeof e !== "object" || Array.isArray(e)) return [rules.errors.shape(at, "must be an object")];
  const x = e as Expr;
  const errs: EquinixError[] = [];
  for (const key of ["and", "or"] as const) {
    const list = x[key];
    if (list === undefined) continue;
    if (key === "or" && !rules.or) errs.push(rules.errors.shape(`${at}.or`, "Unexpected value"));
    else if (!Array.isArray(list)) errs.push(rules.errors.shape(`${at}.${key}`, "must be an array"));
    else if (!rules.or && depth > 0) errs.push(rules.errors.shape(`${at}.${key}`, "Unexpected value"));
    else list.forEach((s, i) => errs.push(...checkRestrictedFilter(s, { ...rules, required: false }, `${at}.${key}.[${i}]`, depth + 1)));
  }
  if (x.property !== undefined || x.operator !== undefined || x.values !== undefined) {
    if (!rules.properties.includes(String(x.property))) errs.push(rules.errors.property(`${at}.property`, x.property));
    if (x.operator !== "=") errs.push(rules.errors.operator(`${at}.operator`, x.operator));
    if (!Array.isArray(x.values) || x.values.length === 0 || x.values.some((v) => typeof v !== "string")) errs.push(rules.errors.values(`${at}.values`));
  }
  return errs;
}

/** PortSearchFieldName of the Fabric v4 spec. */
export const PORT_SEARCH_PROPERTIES = [
  "/device/name",
  "/physicalPorts/tether/crossConnectId",
  "/physicalPorts/interface/name",
  "/state",
  "/project/projectId",
  "/uuid",
  "/name",
  "/account/orgId",
  "/account/accountNumber",
  "/location/metroCode",
] as const;

/** POST /fabric/v4/ports/search: the errors of the spec's examples (portSearchInvalidRequest, portSearchInvalidSearchFieldArgument). */
export const PORT_SEARCH_RULES: SearchRules = {
  properties: PORT_SEARCH_PROPERTIES,
  or: true,
  required: true,
  errors: {
    property: (at, v) => eqError("EQ-3046116", "JSON syntax error.", at, `Unexpected value '${String(v)}'`, "Unknown json property"),
    operator: (at, v) => eqError("EQ-3046116", "JSON syntax error.", at, `Unexpected value '${String(v)}'`, "Unknown json property"),
    values: (at) => eqError("EQ-3046112", "Invalid argument value.", at, "values must be a non-empty array of strings", "Please refer the contracts for correct fields"),
    shape: (at, reason) => eqError("EQ-3046116", "JSON syntax error.", at, reason, "Please refer the contracts for correct fields"),
  },
};

/** The properties POST /fabric/v4/serviceProfiles/search filters on (ServiceProfileSimpleExpression). */
export const SERVICE_PROFILE_SEARCH_PROPERTIES = ["/name", "/uuid", "/state", "/metros/code", "/visibility", "/type", "/project/projectId"] as const;

/** POST /fabric/v4/serviceProfiles/search: the errors of the spec's example sp-400-search. */
export const SERVICE_PROFILE_SEARCH_RULES: SearchRules = {
  properties: SERVICE_PROFILE_SEARCH_PROPERTIES,
  or: false,
  required: false,
  errors: {
    property: () => eqError("EQ-3001202", "Unsupported search property", undefined, undefined, `Supported search properties are : ${SERVICE_PROFILE_SEARCH_PROPERTIES.join(",")}`),
    operator: () => eqError("EQ-3001202", "Unsupported search property", undefined, undefined, "Supported search operator is : ="),
    values: (at) => eqError("EQ-3001022", "INVALID_VALUE", at, "values must be a non-empty array of strings"),
    shape: (at, reason) => eqError("EQ-3001022", "Unexpected value", at, reason),
  },
};
