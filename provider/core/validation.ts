import { defaultErrorMap, z, ZodIssue, ZodTypeAny } from "zod";

/** The engine's "unknown" value during preview: an input that depends on a resource not yet created. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckOutcome<T> {
  inputs: T | Record<string, unknown>;
  failures: CheckFailure[];
}

export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN;
}

/** True when the value, or anything inside it, is the preview unknown. */
export function containsUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

function valueAt(root: unknown, path: Array<string | number>): { unknownOnPath: boolean } {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === UNKNOWN) return { unknownOnPath: true };
    if (cur === null || typeof cur !== "object") return { unknownOnPath: false };
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return { unknownOnPath: containsUnknown(cur) };
}

/** A reason that names the rule, for one zod issue. */
export function describeIssue(issue: ZodIssue): string {
  // A message the schema gives for a rule (`.min(2, "must be between 2 and 4092")`) names that rule
  // better than the generic wording below: keep it.
  if (issue.code !== "custom" && issue.message !== defaultErrorMap(issue, { defaultError: issue.message, data: undefined }).message) {
    return issue.message;
  }
  switch (issue.code) {
    case "unrecognized_keys":
      return `unknown argument${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}: check the spelling against the documented arguments`;
    case "invalid_enum_value":
      return `must be one of ${issue.options.map(String).join(", ")} (got ${JSON.stringify(issue.received)})`;
    case "invalid_literal":
      return `must be ${JSON.stringify(issue.expected)}`;
    case "invalid_type":
      return issue.received === "undefined" ? "is required" : `must be a ${issue.expected} (got ${issue.received})`;
    case "too_small":
      if (issue.type === "string") return `must be at least ${issue.minimum} characters long`;
      if (issue.type === "array") return `must have at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`;
      return `must be ${issue.inclusive ? "at least" : "greater than"} ${issue.minimum}`;
    case "too_big":
      if (issue.type === "string") return `must be at most ${issue.maximum} characters long`;
      if (issue.type === "array") return `must have at most ${issue.maximum} items`;
      return `must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
    case "invalid_union":
      return issue.message === "Invalid input" ? "does not match any of the allowed forms" : issue.message;
    default:
      return issue.message;
  }
}

function issueToFailures(issue: ZodIssue): CheckFailure[] {
  const base = issue.path.join(".");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((k) => ({
      property: base ? `${base}.${k}` : k,
      reason: `unknown argument: check the spelling against the documented arguments`,
    }));
  }
  return [{ property: base || "(arguments)", reason: describeIssue(issue) }];
}

/**
 * Validates new inputs with a strict zod schema and returns the engine's CheckResult: the parsed inputs
 * (defaults filled in, so the state records the values used) or failures naming each field path and
 * the rule. During preview, values may be the unknown sentinel: issues on such paths are not failures,
 * and the inputs are passed through unchanged (the real check runs again once they are known).
 * `__provider` and `__identity` (core/resourceInputs) are kept as they are and never validated.
 */
export function checkInputs<S extends ZodTypeAny>(schema: S, news: Record<string, unknown>): CheckOutcome<z.output<S>> {
  const { __provider, __identity, ...rest } = news;
  const withProvider = (v: Record<string, unknown>) => ({
    ...v,
    ...(__provider === undefined ? {} : { __provider }),
    ...(__identity === undefined ? {} : { __identity }),
  });
  const parsed = schema.safeParse(rest);
  if (parsed.success) return { inputs: withProvider(parsed.data as Record<string, unknown>), failures: [] };
  // An unrecognized key is wrong whatever the other values turn out to be: its path is the object that
  // holds it, which may contain an unknown elsewhere, so it must not be filtered like a value's issue.
  const issues = parsed.error.issues.filter((i) => i.code === "unrecognized_keys" || !valueAt(rest, i.path).unknownOnPath);
  if (issues.length === 0) return { inputs: news, failures: [] };
  const failures = issues.flatMap(issueToFailures);
  return { inputs: news, failures: dedupe(failures) };
}

function dedupe(failures: CheckFailure[]): CheckFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => {
    const key = `${f.property}\u0000${f.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A readable message listing failures, for checks that can only run at create (after a lookup) and must throw. */
export function formatFailures(subject: string, failures: CheckFailure[]): string {
  return `${subject}: invalid arguments:\n${failures.map((f) => `  - ${f.property}: ${f.reason}`).join("\n")}`;
}

/**
 * Adds an issue at a field path inside superRefine, so cross-field rules name the field the user must
 * change and the rule it broke.
 */
export function fail(ctx: z.RefinementCtx, path: Array<string | number>, message: string): void {
  ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
}

/** Common field schemas. */
export const email = z.string().email("must be an email address such as noc@example.com");
