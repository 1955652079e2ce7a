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

/** Field names whose value is a secret, in the shapes vendors and libraries print them. */
const SECRET_FIELDS =
  "access_token|refresh_token|client_secret|clientSecret|api_secret|apiSecret|accessKeySecret|AccessKeySecret|SecurityToken|Signature|authenticationKey|authorizationKey|cloud_key|cloudKey";

/**
 * Shapes that carry a secret value. Only the VALUE is masked, never the words around it: a field name
 * followed by `:` and prose ("clientSecret: set `pulumi config set --secret ...`") names a setting and
 * stays readable; a value is what follows `=` (form bodies, query strings), a quoted string after `:`
 * (JSON, inspected objects), or an unquoted token after `:` that is not a lowercase word starting a
 * sentence.
 */
const PATTERNS: Array<[RegExp, string]> = [
  [/(authorization["']?\s*[:=]\s*["']?)((?:bearer|basic)\s+)?[^\s"',}]+/gi, "$1$2[redacted]"],
  [/\bbearer\s+[A-Za-z0-9._~+/=-]+/gi, "Bearer [redacted]"],
  [new RegExp(`((?:${SECRET_FIELDS})["']?\\s*=\\s*["']?)[^\\s"'&,}]+`, "g"), "$1[redacted]"],
  [new RegExp(`((?:${SECRET_FIELDS})["']?\\s*:\\s*["'])[^"']+`, "g"), "$1[redacted]"],
  [new RegExp(`((?:${SECRET_FIELDS})["']?\\s*:\\s*)(?![a-z]+\\s)(?=[^\\s"'])[^\\s"'&,}]+`, "g"), "$1[redacted]"],
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
