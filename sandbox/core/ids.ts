import { createHash, randomBytes, randomUUID } from "crypto";

/** A random RFC 4122 v4 uuid. */
export function uuid(): string {
  return randomUUID();
}

/** A deterministic uuid (v5 layout, SHA-1 of the namespace-qualified name): stable across runs. */
export function stableUuid(name: string): string {
  const h = createHash("sha1").update(`pulumi-interconnect-sandbox/${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/** A random url-safe secret of `bytes` bytes. */
export function secret(bytes = 24): string {
  return randomBytes(bytes).toString("base64url");
}

/** A random lowercase alphanumeric id of `len` characters (for vendor ids like pc-xxxx). */
export function shortId(len = 20): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const b = randomBytes(len);
  let s = "";
  for (let i = 0; i < len; i++) s += alphabet[b[i] % alphabet.length];
  return s;
}
