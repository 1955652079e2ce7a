import { createHash, createHmac, timingSafeEqual } from "crypto";

/**
 * The sandbox's own verification of Alibaba Cloud API signatures, written from Alibaba's published
 * documentation and independent of the provider's signer (a verifier that shares the signer's code would
 * accept whatever that code gets wrong). Two schemes, both served by the real VPC endpoint:
 *
 * - RPC, SignatureMethod HMAC-SHA1, SignatureVersion 1.0 ("Request signatures" of the RPC API
 *   reference): every parameter but Signature, sorted by name; names and values percent-encoded as UTF-8
 *   (RFC 3986: `A-Z a-z 0-9 - _ . ~` kept, everything else `%XY` in upper-case hex, a space `%20`),
 *   joined as `name=value` with `&`; StringToSign = `METHOD&%2F&` + encode(that string); Signature =
 *   Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign)).
 * - V3, ACS3-HMAC-SHA256 ("V3 request body and signature mechanism", the official SDKs' default):
 *   CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n
 *   SignedHeaders \n HashedRequestPayload, where the URI of an RPC-style API is `/`, the query parameters
 *   are sorted by name, encoded as above and joined as `name=value` (empty value: `name=`) with `&`, the
 *   headers are the signed ones (`host`, `content-type` when present, every `x-acs-*`), each
 *   `lower-case-name:trimmed value\n`, SignedHeaders their names joined with `;`, and the payload hash is
 *   hex(SHA-256(body)), which the client also sends as `x-acs-content-sha256`; StringToSign =
 *   `ACS3-HMAC-SHA256\n` + hex(SHA-256(CanonicalRequest)); Signature = hex(HMAC-SHA256(AccessKeySecret,
 *   StringToSign)), sent as `Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<...>,
 *   Signature=<...>`. Action and Version travel as `x-acs-action` and `x-acs-version`, the timestamp as
 *   `x-acs-date`, the nonce as `x-acs-signature-nonce`, an STS token as `x-acs-security-token`.
 */

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** RFC 3986 percent-encoding of a UTF-8 string, byte by byte. */
export function rfc3986(value: string): string {
  let out = "";
  for (const ch of value) {
    if (UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of Buffer.from(ch, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Orders names by their UTF-8 bytes, as the documentation's "sorted by name" means. */
function byName(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/** The RPC (HMAC-SHA1 1.0) string to sign of a request's parameters; Signature itself is left out. */
export function rpcStringToSign(method: string, params: Record<string, string>): string {
  const canonical = Object.keys(params)
    .filter((name) => name !== "Signature")
    .sort(byName)
    .map((name) => `${rfc3986(name)}=${rfc3986(params[name])}`)
    .join("&");
  return `${method.toUpperCase()}&${rfc3986("/")}&${rfc3986(canonical)}`;
}

/** The RPC signature the server expects. */
export function rpcSignature(method: string, params: Record<string, string>, accessKeySecret: string): string {
  return createHmac("sha1", `${accessKeySecret}&`).update(rpcStringToSign(method, params), "utf8").digest("base64");
}

/** What an ACS3 `Authorization` header says. */
export interface Acs3Authorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,Signature=...`; undefined when malformed. */
export function parseAcs3Authorization(header: string): Acs3Authorization | undefined {
  const m = /^(ACS3-[A-Z0-9-]+)\s+(.*)$/.exec(header.trim());
  if (!m) return undefined;
  const fields = new Map<string, string>();
  for (const part of m[2].split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const credential = fields.get("Credential");
  const signed = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || !signed || !signature) return undefined;
  return { algorithm: m[1], accessKeyId: credential, signedHeaders: signed.split(";").map((h) => h.trim().toLowerCase()), signature };
}

/** The query of a raw URL as decoded name/value pairs, in order (`+` is a space, as forms encode it). */
export function queryPairs(url: string): Array<[string, string]> {
  const q = url.indexOf("?");
  if (q < 0) return [];
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, " "));
    } catch {
      return s;
    }
  };
  return url
    .slice(q + 1)
    .split("&")
    .filter((p) => p !== "")
    .map((p) => {
      const eq = p.indexOf("=");
      return eq < 0 ? [decode(p), ""] : [decode(p.slice(0, eq)), decode(p.slice(eq + 1))];
    });
}

export interface Acs3Request {
  method: string;
  /** The URL's query as sent. */
  query: Array<[string, string]>;
  /** Request headers, names in lower case. */
  headers: Record<string, string | string[] | undefined>;
  signedHeaders: string[];
  /** hex(SHA-256(body)) as the client declared it (x-acs-content-sha256). */
  payloadHash: string;
}

/** The V3 canonical request of an RPC-style call (CanonicalURI `/`). */
export function acs3CanonicalRequest(r: Acs3Request): string {
  const query = [...r.query]
    .sort(([a], [b]) => byName(a, b))
    .map(([name, value]) => `${rfc3986(name)}=${rfc3986(value)}`)
    .join("&");
  const names = [...r.signedHeaders].sort();
  const headerValue = (name: string) => {
    const v = r.headers[name];
    return (Array.isArray(v) ? v.join(",") : v ?? "").trim();
  };
  const canonicalHeaders = names.map((name) => `${name}:${headerValue(name)}\n`).join("");
  return [r.method.toUpperCase(), "/", query, canonicalHeaders, names.join(";"), r.payloadHash].join("\n");
}

export function acs3StringToSign(canonicalRequest: string): string {
  return `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
}

export function acs3Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac("sha256", accessKeySecret).update(stringToSign, "utf8").digest("hex");
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Constant-time comparison of two signatures. */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
