import type { Response } from "express";
import { uuid } from "../core/ids";

/** An RFC 7807 problem, as IX-API answers it (`type` is https://errors.ix-api.net/v2/<name>.html). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  properties?: { name: string; reason: string }[];
}

const TITLES: Record<string, string> = {
  "validation-error": "Some fields have validation errors.",
  "unable-to-fulfill": "The request can not be fulfilled.",
  "cancellation-policy-error": "The cancellation policy does not allow this.",
  "authentication-error": "Authentication failed.",
  "signature-expired": "The token's signature has expired.",
  "not-authenticated": "Authentication credentials were not provided.",
  "permission-denied": "You do not have permission to perform this action.",
  "not-found": "The requested resource was not found.",
  "too-many-requests": "Too many requests.",
  "server-error": "Internal server error.",
};

export function problem(status: number, name: string, detail?: string, properties?: { name: string; reason: string }[]): Problem {
  const p: Problem = { type: `https://errors.ix-api.net/v2/${name}.html`, title: TITLES[name] ?? name, status, instance: `urn:uuid:${uuid()}` };
  if (detail) p.detail = detail;
  if (properties?.length) p.properties = properties;
  return p;
}

/** The problem name for a bare status (injected faults, unknown routes, crashes). */
export function problemNameFor(status: number): string {
  if (status === 400) return "validation-error";
  if (status === 401) return "not-authenticated";
  if (status === 403) return "permission-denied";
  if (status === 404) return "not-found";
  if (status === 429) return "too-many-requests";
  return "server-error";
}

/** A refusal by the IX-API world: thrown inside handlers, sent as a problem. */
export class IxProblem extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.title}${problem.detail ? ` ${problem.detail}` : ""}`);
  }
}

export function fail(status: number, name: string, detail?: string, properties?: { name: string; reason: string }[]): never {
  throw new IxProblem(problem(status, name, detail, properties));
}

/** Sends a problem (application/problem+json). @internal */
export function sendProblem(res: Response, p: Problem): void {
  res.status(p.status).type("application/problem+json").json(p);
}
