import type { Response } from "express";
import { uuid } from "../core/ids";

/** One Fabric error, exactly as Equinix sends it (the body is always an ARRAY of these). */
export interface EquinixError {
  errorCode: string;
  errorMessage: string;
  correlationId: string;
  details?: string;
  additionalInfo?: { property: string; reason?: string }[];
}

/** Builds one error; `property` is the JSON pointer of the offending field. */
export function eqError(errorCode: string, errorMessage: string, property?: string, reason?: string, details?: string): EquinixError {
  const e: EquinixError = { errorCode, errorMessage, correlationId: uuid() };
  if (details) e.details = details;
  if (property) e.additionalInfo = [reason ? { property, reason } : { property }];
  return e;
}

/** Sends an error array. @internal */
export function sendErrors(res: Response, status: number, errors: EquinixError[]): void {
  res.status(status).json(errors);
}

/** Codes the sandbox uses (see DEVELOPING.md, "Sandbox contract"). */
export const EQ = {
  unauthorized: "EQ-3000039",
  invalidBody: "EQ-3000035",
  forbidden: "EQ-3045003",
  notFound: "EQ-3045811",
  notFoundOrNotYours: "EQ-3142519",
  duplicateVlan: "EQ-3142102",
  notFoundPortOrProfile: "EQ-3142301",
  metroNotServed: "EQ-3142302",
  bandwidthNotSupported: "EQ-3142306",
  authKeyRequired: "EQ-3142308",
  pairSameProfile: "EQ-3142320",
  invalidInput: "EQ-3142501",
  alreadyDeleted: "EQ-3142509",
  transientState: "EQ-3142510",
  redundancyGroupRequired: "EQ-3142514",
  redundancyGroupNotFound: "EQ-3142515",
  redundancyPriorityTaken: "EQ-3142516",
  redundancyPriorityInvalid: "EQ-3142517",
  tooManyRequests: "EQ-3000429",
  internal: "EQ-3000500",
  /** not an EQ- code: Equinix relays Alibaba's refusal verbatim (it breaks the spec's own pattern) */
  alibabaDeleteFromPortal: "ERR-UAA-003-00",
} as const;

/** The OAuth endpoint's error body (an object, not an array). */
export function oauthError(message: string, code = "OAUTH-E0001"): Record<string, string> {
  return {
    error_domain: "apigateway",
    error_title: "Invalid client",
    error_code: code,
    developer_message: message,
    error_message: message,
  };
}
