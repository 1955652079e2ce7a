import { createHmac, randomUUID } from "crypto";

/**
 * Alibaba Cloud RPC signature, HMAC-SHA1 version 1.0 (the scheme of the VPC API, 2016-04-28):
 * sort every parameter but Signature by name (byte order), percent-encode names and values as UTF-8
 * keeping only `A-Za-z0-9-_.~` (space `%20`, `*` `%2A`), join `k=v` with `&`;
 * StringToSign = `METHOD&%2F&` + percentEncode(canonical); Signature = Base64(HMAC-SHA1(secret + "&", it)).
 * The sandbox verifies with these same functions, so they are the one definition of the scheme.
 */

/** RFC 3986 percent-encoding as Alibaba's POP signature wants it. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Byte-order comparison of the UTF-8 names (not locale order). */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** The canonicalized query string: every parameter but Signature, sorted, encoded, joined. */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort(byteOrder)
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join("&");
}

export function stringToSign(method: string, params: Record<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonicalQuery(params))}`;
}

export function signString(text: string, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(text, "utf8").digest("base64");
}

/** The signature of a request's parameters (Signature itself excluded). */
export function signature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  return signString(stringToSign(method, params), accessKeySecret);
}

/** `YYYY-MM-DDTHH:mm:ssZ` in UTC, the only Timestamp format the API accepts. */
export function rpcTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export interface SigningCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS token; sent as SecurityToken when set. */
  securityToken?: string;
}

export interface SignOptions {
  method: "GET" | "POST";
  action: string;
  version?: string;
  /** Defaults to a random UUID; must differ on every attempt (the server refuses a reused nonce). */
  nonce?: string;
  /** Epoch ms; defaults to now. */
  now?: number;
}

/** The action's parameters plus the common ones, with Signature: what goes in the query or the form. */
export function signedParameters(params: Record<string, string>, creds: SigningCredentials, o: SignOptions): Record<string, string> {
  const all: Record<string, string> = {
    ...params,
    Action: o.action,
    Version: o.version ?? "2016-04-28",
    Format: "JSON",
    AccessKeyId: creds.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: o.nonce ?? randomUUID(),
    Timestamp: rpcTimestamp(o.now ?? Date.now()),
  };
  if (creds.securityToken) all.SecurityToken = creds.securityToken;
  all.Signature = signature(o.method, all, creds.accessKeySecret);
  return all;
}

/**
 * Flattens structured values into RPC parameter names: arrays become `Name.1`, `Name.2` ..., objects
 * `Name.Key`, recursively (`Filter.1.Value.1`, `Tag.1.Key`). Booleans and numbers become strings;
 * undefined values are dropped.
 */
export function flattenParams(input: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (prefix: string, v: unknown) => {
    if (v === undefined || v === null) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(`${prefix}.${i + 1}`, item));
    } else if (typeof v === "object") {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) walk(`${prefix}.${k}`, child);
    } else {
      out[prefix] = String(v);
    }
  };
  for (const [k, v] of Object.entries(input)) walk(k, v);
  return out;
}
