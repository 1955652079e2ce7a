/**
 * Redaction of secrets from anything that is thrown or printed. Every credential, token and secret
 * input is registered here as soon as the provider sees it; `redact` replaces each occurrence, and also
 * masks the shapes secrets travel in (Authorization headers, signatures, token fields) even when the
 * value itself was never registered.
 */
const known = new Set<string>();
const MIN_LENGTH = 4;

/** Registers a value that must never appear in an error, a log line or an unmarked output. */
export function registerSecret(value: unknown): void {
  if (typeof value === "string" && value.length >= MIN_LENGTH) known.add(value);
}

const PATTERNS: Array<[RegExp, string]> = [
  [/(authorization["']?\s*[:=]\s*["']?)((?:bearer|basic)\s+)?[^\s"',}]+/gi, "$1$2[redacted]"],
  [/\bbearer\s+[A-Za-z0-9._~+/=-]+/gi, "Bearer [redacted]"],
  [/((?:access_token|refresh_token|client_secret|clientSecret|api_secret|apiSecret|accessKeySecret|AccessKeySecret|SecurityToken|Signature|authenticationKey|authorizationKey|cloud_key|cloudKey)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/g, "$1[redacted]"],
];

/** Returns the text with every registered secret and secret-bearing pattern masked. */
export function redact(text: string): string {
  let out = text;
  // Longest first, so a secret containing another is masked whole.
  for (const value of [...known].sort((a, b) => b.length - a.length)) {
    if (out.includes(value)) out = out.split(value).join("[redacted]");
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
