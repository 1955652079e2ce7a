import type { z } from "zod";
import { apiError, isNotFound } from "./errors";

/**
 * One answer checked against its (tolerant) zod schema. An answer of another shape is the vendor's
 * fault, not the request's: an ApiError of kind "server" naming the call and each field that did not
 * match, with the ZodError as its `cause`.
 */
export function parseResponse<S extends z.ZodTypeAny>(schema: S, data: unknown, where: { api: string; call: string }): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw apiError({ api: where.api, kind: "server", call: where.call, message: `unexpected response shape: ${issues}`, cause: r.error });
}

/** The call's answer, or undefined when the vendor says the object does not exist (kind "notFound"). */
export async function orUndefined<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * Fields of one type, each optional, for tolerant response schemas (vendors leave fields out):
 * `z.object({ id: z.string(), ...optionalFields(z.string(), "name", "state") })`.
 */
export function optionalFields<T extends z.ZodTypeAny, K extends string>(type: T, ...names: K[]): { [P in K]: z.ZodOptional<T> } {
  return Object.fromEntries(names.map((n) => [n, type.optional()])) as { [P in K]: z.ZodOptional<T> };
}
