import { present } from "./common";

/** Text outputs read from an Alibaba object (output name -> the object's field); a field the API leaves out reads as "". */
export function textOutputs<T extends object>(o: T, fields: Record<string, keyof T>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([out, f]) => [out, String(present(o[f] as unknown) ?? "")]));
}

/**
 * Optional inputs as Alibaba has them (input -> the object's field). Only those the user set are read
 * back, so a value never set stays unset even where the API reports a default (no perpetual diff); the
 * API renders an unset field as "", which reads as unset.
 */
export function readBackOptional<I extends object, T extends object>(o: T, old: I, fields: Partial<Record<keyof I, keyof T>>): Partial<I> {
  const out: Partial<I> = {};
  for (const [k, f] of Object.entries(fields) as Array<[keyof I, keyof T]>) {
    out[k] = old[k] === undefined ? undefined : (present(o[f] as unknown) as I[keyof I] | undefined);
  }
  return out;
}
