import { secret } from "./ids";

/**
 * The bearer tokens an API issued, each valid until it expires on the sandbox clock or until
 * `expireAll()` (admin.expireTokens) invalidates every token issued before.
 */
export class TokenStore<R extends { expiresAt: number }> {
  private tokens = new Map<string, R & { generation: number }>();
  private generation = 0;

  constructor(private readonly now: () => number) {}

  /** Remembers `token` (a random one by default) with its record; returns the token. */
  issue(record: R, token = secret(32)): string {
    this.tokens.set(token, { ...record, generation: this.generation });
    return token;
  }

  /** The token's record while it is valid: known, unexpired, issued after the last expireAll. */
  valid(token: string | undefined): R | undefined {
    const t = token === undefined ? undefined : this.tokens.get(token);
    return t && t.generation === this.generation && t.expiresAt > this.now() ? t : undefined;
  }

  /** Forgets one token (a refresh token is used once). */
  revoke(token: string): void {
    this.tokens.delete(token);
  }

  /** Every token issued so far becomes invalid. */
  expireAll(): void {
    this.generation++;
  }

  /** What the state file keeps: the tokens and the generation they are checked against. */
  snapshot(): { generation: number; tokens: Map<string, R & { generation: number }> } {
    return { generation: this.generation, tokens: this.tokens };
  }

  restore(s: { generation: number; tokens: Map<string, R & { generation: number }> } | undefined): void {
    if (!s) return;
    this.generation = s.generation;
    this.tokens = new Map(s.tokens);
  }
}

/** What the state file keeps of an API's OAuth2 client: its credentials and the tokens issued. */
export interface ClientCredentialsState<R extends { expiresAt: number }> {
  clientId: string;
  clientSecret: string;
  tokens: ReturnType<TokenStore<R>["snapshot"]>;
}

/**
 * The OAuth2 client (client credentials flow) of a simulated API: a client id `<prefix>-<random>` and a
 * secret, random per world (a saved world keeps its own: `restore`), and the tokens issued
 * (admin.expireTokens: `tokens.expireAll()`).
 */
export class ClientCredentials<R extends { expiresAt: number }> {
  clientId: string;
  clientSecret = secret(24);
  readonly tokens: TokenStore<R>;

  constructor(prefix: string, now: () => number) {
    this.clientId = `${prefix}-${secret(9)}`;
    this.tokens = new TokenStore<R>(now);
  }

  snapshot(): ClientCredentialsState<R> {
    return { clientId: this.clientId, clientSecret: this.clientSecret, tokens: this.tokens.snapshot() };
  }

  restore(s: ClientCredentialsState<R>): void {
    this.clientId = s.clientId;
    this.clientSecret = s.clientSecret;
    this.tokens.restore(s.tokens);
  }
}

/** The bearer token of an `Authorization: Bearer <token>` header, if it has one. */
export function bearer(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? "")?.[1];
}
