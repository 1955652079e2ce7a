import { z } from "zod";
import { parseDuration } from "./duration";

/** A duration as users write it in timeouts: "90s", "20m", "1h", or a number of seconds. */
export const durationSchema = z.union([z.string(), z.number()]).refine((v) => parseDuration(v) !== undefined, {
  message: 'must be a duration such as "90s", "20m" or "1h"',
});

/** `timeouts: {create, update, delete}` of a resource, each a duration. */
export const timeoutsSchema = z.object({ create: durationSchema.optional(), update: durationSchema.optional(), delete: durationSchema.optional() }).strict();
