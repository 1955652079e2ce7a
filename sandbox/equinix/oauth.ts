import type { NextFunction, Request, Response, Router } from "express";
import { setKind, type SandboxContext } from "../core/api";
import { bearer, ClientCredentials, type ClientCredentialsState } from "../core/tokens";
import { EQ, eqError, oauthError, sendErrors } from "./errors";

/** Equinix locks the account after 5 successive invalid attempts (admin.equinix.unlockAccount()). */
export const LOCK_AFTER = 5;

interface TokenRecord {
  clientId: string;
  userName: string;
  issuedAt: number;
  expiresAt: number;
}

export interface EquinixAuthState extends ClientCredentialsState<TokenRecord> {
  failedAttempts: number;
}

/** The OAuth2 client-credentials endpoint and the bearer-token check of every other Equinix call. */
export class EquinixAuth extends ClientCredentials<TokenRecord> {
  readonly userName = "sandbox-fabric-user";
  /** failed token requests in a row (the real API locks the account after 5) */
  failedAttempts = 0;

  constructor(private ctx: SandboxContext) {
    super("sandbox", () => ctx.clock.now());
  }

  /** What the state file keeps: credentials, tokens, the failed-attempt count. */
  override snapshot(): EquinixAuthState {
    return { ...super.snapshot(), failedAttempts: this.failedAttempts };
  }

  override restore(s: EquinixAuthState): void {
    super.restore(s);
    this.failedAttempts = s.failedAttempts ?? 0;
  }

  issue(): { access_token: string; token_timeout: string; user_name: string; token_type: string } {
    const ttl = this.ctx.options.tokenTtlSeconds;
    const now = this.ctx.clock.now();
    const token = this.tokens.issue({ clientId: this.clientId, userName: this.userName, issuedAt: now, expiresAt: now + ttl * 1000 });
    return { access_token: token, token_timeout: String(ttl), user_name: this.userName, token_type: "Bearer" };
  }

  /** The token's record when valid (known, unexpired, issued after the last expireAll). */
  check(header: string | undefined): TokenRecord | undefined {
    return this.tokens.valid(bearer(header));
  }

  /** @internal */
  register(app: Router): void {
    app.post("/oauth2/v1/token", (req: Request, res: Response) => {
      setKind(res, "oauth.token");
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (b.grant_type !== "client_credentials") {
        res.status(400).json(oauthError("grant_type must be client_credentials", "OAUTH-E0002"));
        return;
      }
      if (this.failedAttempts >= LOCK_AFTER) {
        res.status(400).json(oauthError("The account is locked after 5 invalid attempts; contact Equinix support", "OAUTH-E0005"));
        return;
      }
      if (b.client_id !== this.clientId || b.client_secret !== this.clientSecret) {
        this.failedAttempts++;
        res.status(400).json(oauthError("Invalid client_id or client_secret", "OAUTH-E0001"));
        return;
      }
      this.failedAttempts = 0;
      res.status(200).json(this.issue());
    });
  }

  /** Middleware: 401 with an Equinix error array unless the bearer token is valid. @internal */
  require() {
    return (req: Request, res: Response, next: NextFunction) => {
      const t = this.check(req.headers.authorization);
      if (!t) {
        sendErrors(res, 401, [eqError(EQ.unauthorized, "User not found in request or invalid.", undefined, undefined, "Authorization header missing, malformed, expired or revoked")]);
        return;
      }
      res.locals.equinixUser = t.userName;
      next();
    };
  }
}
