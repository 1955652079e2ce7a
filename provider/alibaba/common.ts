import { z } from "zod";

/** Shared argument rules of the Alibaba resources. */

/**
 * Names, as Alibaba's API reference states them: 2 to 128 characters, starting with a letter, made of
 * letters, digits, underscores and hyphens; a physical connection's name may also contain periods.
 */
function nameRule(dots: boolean) {
  const chars = dots ? /^[A-Za-z0-9\u4e00-\u9fa5._-]*$/ : /^[A-Za-z0-9\u4e00-\u9fa5_-]*$/;
  return z
    .string()
    .min(2, "must be 2 to 128 characters long")
    .max(128, "must be 2 to 128 characters long")
    .regex(/^[A-Za-z\u4e00-\u9fa5]/, "must start with a letter")
    .regex(chars, `may contain only letters, digits, ${dots ? "periods (.), " : ""}underscores (_) and hyphens (-)`);
}

/** A physical connection's name (Alibaba: InvalidName.Malformed otherwise). */
export const aliName = nameRule(true);
/** A VBR's name (no periods). */
export const vbrName = nameRule(false);

/** Descriptions: 2 to 256 characters, starting with a letter, not with http:// or https:// (Alibaba: InvalidDescription.Malformed otherwise). */
export const aliDescription = z
  .string()
  .min(2, "must be 2 to 256 characters long")
  .max(256, "must be 2 to 256 characters long")
  .regex(/^[A-Za-z\u4e00-\u9fa5]/, "must start with a letter")
  .refine((v) => !/^https?:\/\//.test(v), { message: "must not start with http:// or https://" });

/** The explicit payment step (CreatePhysicalConnectionOccupancyOrder); off unless given. */
export const Payment = z
  .object({
    pricingCycle: z.enum(["Month", "Year"]).default("Month"),
    period: z.number().int().min(1, "must be 1 to 9 months or 1 to 5 years").max(9, "must be 1 to 9 months or 1 to 5 years").default(1),
    autoPay: z.boolean().default(true),
  })
  .strict();

/** Drops undefined and empty-string values (the API renders unset fields as ""). */
export function present<T>(v: T | "" | undefined | null): T | undefined {
  return v === "" || v === null ? undefined : (v as T | undefined);
}
