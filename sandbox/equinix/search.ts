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
