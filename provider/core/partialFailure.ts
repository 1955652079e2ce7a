import { describeError } from "./errors";
import { redact } from "./redact";
import { sanitize } from "./outputs";

/**
 * The error to throw when create or update fails after the vendor object exists. The plugin packs it as
 * ErrorResourceInitFailed: the engine records the id and properties, the deployment fails, and the next
 * `up` sends Update (which resumes the wait) instead of creating a second object. `properties` must
 * carry `__provider`, which the SDK does not add on this path; without it a later delete fails.
 */
export interface PartialFailure extends Error {
  id: string;
  properties: Record<string, unknown>;
  reasons: string[];
}

export function partialFailure(
  id: string,
  inputs: Record<string, unknown>,
  properties: Record<string, unknown>,
  cause: unknown,
  nextStep?: string,
): PartialFailure {
  const reason = describeError(cause);
  const reasons = [reason];
  if (nextStep) reasons.push(nextStep);
  const message = redact(`${reason}${nextStep ? `. ${nextStep}` : ""}`);
  const err = new Error(message) as PartialFailure;
  err.id = id;
  err.properties = sanitize({ ...properties, __provider: inputs.__provider });
  err.reasons = reasons.map(redact);
  return err;
}

export function isPartialFailure(err: unknown): err is PartialFailure {
  return typeof err === "object" && err !== null && typeof (err as PartialFailure).id === "string" && "properties" in err;
}
