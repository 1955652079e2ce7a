// Who signed a request: both schemes the VPC endpoint accepts (RPC HMAC-SHA1 1.0 and V3 ACS3-HMAC-SHA256),
// the timestamp window, nonce reuse, unknown keys and STS tokens. The crypto is in signature.ts.
import type { Request } from "express";
import { acs3CanonicalRequest, acs3Signature, acs3StringToSign, parseAcs3Authorization, queryPairs, rpcSignature, rpcStringToSign, sameSignature, sha256Hex } from "./signature";
import { AliError } from "./model";
import type { AlibabaAccount, AlibabaWorld } from "./world";

const TIMESTAMP_WINDOW_MS = 15 * 60_000;

export function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function missing(name: string): AliError {
  return new AliError(400, "MissingParameter", `The input parameter ${name} that is mandatory for processing this request is not supplied.`);
}

/** Timestamp window and nonce reuse, common to both signature schemes (real time: clients sign with their wall clock). */
function checkFreshness(w: AlibabaWorld, accessKeyId: string, timestamp: string, nonce: string): void {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(timestamp)) throw new AliError(400, "InvalidTimeStamp.Format", "Timestamp must be in the format YYYY-MM-DDThh:mm:ssZ.");
  const at = Date.parse(timestamp);
  if (Math.abs(Date.now() - at) > TIMESTAMP_WINDOW_MS) throw new AliError(400, "InvalidTimeStamp.Expired", `Specified time stamp or date value is expired (${timestamp}).`);
  const nonceKey = `${accessKeyId}|${nonce}`;
  const seen = w.nonces.get(nonceKey);
  if (seen !== undefined && Date.now() - seen < TIMESTAMP_WINDOW_MS) throw new AliError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  w.nonces.set(nonceKey, Date.now());
  if (w.nonces.size > 50_000) for (const [k, t] of w.nonces) if (Date.now() - t > TIMESTAMP_WINDOW_MS) w.nonces.delete(k);
}

function accountFor(w: AlibabaWorld, accessKeyId: string, securityToken: string | undefined): AlibabaAccount {
  const account = w.accounts.get(accessKeyId);
  if (!account) throw new AliError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  if (account.securityToken !== undefined && securityToken !== account.securityToken) {
    throw new AliError(400, securityToken ? "InvalidSecurityToken.Mismatch" : "MissingSecurityToken", "The SecurityToken of these STS credentials is missing or does not match.");
  }
  return account;
}

/** RPC signature, HMAC-SHA1 1.0: the common parameters and Signature travel with the action's own. */
function authenticateRpc(w: AlibabaWorld, req: Request, p: Record<string, string>): string {
  for (const n of ["AccessKeyId", "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp"]) {
    if (!p[n]) throw n === "Signature" ? new AliError(400, "IncompleteSignature", "The request signature does not conform to Alibaba Cloud standards.") : missing(n);
  }
  if (p.SignatureMethod !== "HMAC-SHA1" || p.SignatureVersion !== "1.0") {
    throw new AliError(400, "InvalidParameter.SignatureMethod", "SignatureMethod must be HMAC-SHA1 with SignatureVersion 1.0, or sign with ACS3-HMAC-SHA256 in the Authorization header.");
  }
  const account = accountFor(w, p.AccessKeyId, p.SecurityToken);
  const expected = rpcStringToSign(req.method, p);
  if (!sameSignature(rpcSignature(req.method, p, account.accessKeySecret), p.Signature)) {
    throw new AliError(400, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:${expected}`);
  }
  checkFreshness(w, p.AccessKeyId, p.Timestamp, p.SignatureNonce);
  w.signatures["HMAC-SHA1"]++;
  return account.accountId;
}

/** V3 signature, ACS3-HMAC-SHA256: everything common travels in headers, the signature in Authorization. */
function authenticateAcs3(w: AlibabaWorld, req: Request, authorization: string): string {
  const auth = parseAcs3Authorization(authorization);
  if (!auth) throw new AliError(400, "IncompleteSignature", "The Authorization header does not conform to Alibaba Cloud standards: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>.");
  if (auth.algorithm !== "ACS3-HMAC-SHA256") throw new AliError(400, "InvalidParameter.SignatureMethod", `Signature algorithm ${auth.algorithm} is not supported by this sandbox; use ACS3-HMAC-SHA256.`);
  for (const n of ["x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"]) if (!header(req, n)) throw missing(n);
  // Every common header but Authorization must be signed when present.
  const mustSign = Object.keys(req.headers).filter((h) => h === "host" || h === "content-type" || (h.startsWith("x-acs-") && h !== "x-acs-signature"));
  const unsigned = mustSign.filter((h) => !auth.signedHeaders.includes(h));
  if (unsigned.length) throw new AliError(400, "IncompleteSignature", `The request signature does not conform to Alibaba Cloud standards: headers ${unsigned.join(", ")} must be signed.`);
  const absent = auth.signedHeaders.filter((h) => req.headers[h] === undefined);
  if (absent.length) throw new AliError(400, "IncompleteSignature", `SignedHeaders names headers the request does not carry: ${absent.join(", ")}.`);
  const body = (req as Request & { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
  const declared = header(req, "x-acs-content-sha256")!;
  if (declared !== sha256Hex(body)) throw new AliError(400, "SignatureDoesNotMatch", "x-acs-content-sha256 is not the SHA-256 of the request body.");
  const account = accountFor(w, auth.accessKeyId, header(req, "x-acs-security-token"));
  const canonical = acs3CanonicalRequest({ method: req.method, query: queryPairs(req.originalUrl), headers: req.headers, signedHeaders: auth.signedHeaders, payloadHash: declared });
  const toSign = acs3StringToSign(canonical);
  if (!sameSignature(acs3Signature(toSign, account.accessKeySecret), auth.signature)) {
    throw new AliError(400, "SignatureDoesNotMatch", `Specified signature is not matched with our calculation. server string to sign is:${toSign}`);
  }
  checkFreshness(w, auth.accessKeyId, header(req, "x-acs-date")!, header(req, "x-acs-signature-nonce")!);
  w.signatures["ACS3-HMAC-SHA256"]++;
  return account.accountId;
}

/** The account a request is signed for (either scheme), after every check. */
export function authenticate(w: AlibabaWorld, req: Request, p: Record<string, string>): string {
  const authorization = header(req, "authorization");
  return authorization?.startsWith("ACS3-") ? authenticateAcs3(w, req, authorization) : authenticateRpc(w, req, p);
}
