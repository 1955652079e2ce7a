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

/** The next step after a create whose object exists but whose wait failed. */
export const RESUME_CREATE = "run `pulumi up` again to resume waiting, or `pulumi destroy` to remove it";
/** The next step after a create whose object exists but whose later steps (a wait, a modification) failed. */
export const RESUME_STEPS = "run `pulumi up` again to resume, or `pulumi destroy` to remove it";
/** The next step after an update that failed part of the way. */
export const RETRY_UPDATE = "run `pulumi up` again to retry the update";

/** What `partialFailureNow` records: the object, how to read it again, and its outputs. */
export interface ObjectNow<T> {
  id: string;
  /** The operation's inputs (they carry `__provider`). */
  inputs: Record<string, unknown>;
  /** Reads the object once more; a failure of that read falls back to `last`. */
  read: () => Promise<T | undefined>;
  /** The object as last seen (a create may not have seen it yet: then `unread`). */
  last?: T;
  /** The outputs to record when the object was never read (a create's inputs and the new id). */
  unread?: Record<string, unknown>;
  /** The object's outputs, as the state records them. */
  outputs: (object: T) => Record<string, unknown>;
  nextStep?: string;
}

/**
 * The partial failure of a create or update whose object exists, with the object as the vendor has it
 * now: read once more, else as last seen (the read may fail for the reason the operation did), else
 * (never seen) `unread`.
 */
export async function partialFailureNow<T>(cause: unknown, o: ObjectNow<T>): Promise<PartialFailure> {
  const now = (await o.read().catch(() => undefined)) ?? o.last;
  return partialFailure(o.id, o.inputs, now === undefined ? (o.unread ?? {}) : o.outputs(now), cause, o.nextStep);
}

/** A create that records its object as soon as the vendor names it (createRecorded). */
export interface RecordedCreate<T> {
  /** The create's inputs (they carry `__provider`). */
  inputs: Record<string, unknown>;
  /** Sends the create; `created` hears the new id as soon as the vendor answers, before anything else can fail. */
  create: (created: (id: string) => void) => Promise<string>;
  /** The steps after it (waits, further calls): the outputs to record. */
  finish: (id: string) => Promise<Record<string, unknown>>;
  /** After a failure: how to read the object and what to record of it (partialFailureNow). */
  now: (id: string) => Omit<ObjectNow<T>, "id" | "inputs">;
}

/**
 * A create whose object is recorded as soon as the vendor names it: every later failure is a partial
 * failure carrying the id and the object as it is now, so the next `up` resumes it and `destroy` removes
 * it, never a second object.
 */
export async function createRecorded<T>(o: RecordedCreate<T>): Promise<{ id: string; outs: Record<string, unknown> }> {
  let id: string | undefined;
  try {
    id = await o.create((got) => (id = got));
    return { id, outs: await o.finish(id) };
  } catch (err) {
    if (id === undefined) throw err;
    throw await partialFailureNow(err, { id, inputs: o.inputs, ...o.now(id) });
  }
}
