import { z } from "zod";

/** Shared argument rules of the Alibaba resources. */

/** Names: 2 to 128 characters, starting with a letter, not with http:// or https://. */
export const aliName = z
  .string()
  .min(2, "must be 2 to 128 characters long")
  .max(128, "must be 2 to 128 characters long")
  .regex(/^[A-Za-z\u4e00-\u9fa5]/, "must start with a letter")
  .refine((v) => !/^https?:\/\//.test(v), { message: "must not start with http:// or https://" });

/** Descriptions: 2 to 256 characters, not starting with http:// or https://. */
export const aliDescription = z
  .string()
  .min(2, "must be 2 to 256 characters long")
  .max(256, "must be 2 to 256 characters long")
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
