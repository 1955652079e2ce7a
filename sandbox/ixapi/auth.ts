import type { NextFunction, Request, Response, Router } from "express";
import { setKind, type SandboxContext } from "../core/api";
import { secret } from "../core/ids";
import { bearer, ClientCredentials, type ClientCredentialsState } from "../core/tokens";
import { problem, sendProblem } from "./errors";

interface TokenRecord {
  kind: "access" | "refresh";
  expiresAt: number;
}

export interface IxapiAuthState extends ClientCredentialsState<TokenRecord> {
  apiKey: string;
  apiSecret: string;
}

/**
 * Both IX-API token flows: OAuth2 client credentials (form-encoded) at the login URL
 * `/ixapi-auth/connect/token`, and IX-API's own `POST /ixapi/v2/auth/token {api_key, api_secret}` with
 * `POST /ixapi/v2/auth/refresh {refresh_token}`. Tokens are JWT-shaped (exp and iat on the sandbox clock).
 */
export class IxapiAuth extends ClientCredentials<TokenRecord> {
  /** the schema's AuthTokenRequest: api_key 16 chars, api_secret 86 chars; random per world (restore keeps a saved one) */
  apiKey = secret(12).slice(0, 16);
  apiSecret = (secret(48) + secret(48)).slice(0, 86);
  /** refresh tokens live this much longer than access tokens */
  refreshTtlSeconds = 86_400;

  constructor(private ctx: SandboxContext) {
    super("ixapi", () => ctx.clock.now());
  }

  /** What the state file keeps: both credential sets and the tokens. */
  override snapshot(): IxapiAuthState {
    return { ...super.snapshot(), apiKey: this.apiKey, apiSecret: this.apiSecret };
  }

  override restore(s: IxapiAuthState): void {
    super.restore(s);
    Object.assign(this, { apiKey: s.apiKey, apiSecret: s.apiSecret });
  }

  private jwt(kind: "access" | "refresh", ttlSeconds: number): string {
    const now = this.ctx.clock.now();
    const iat = Math.floor(now / 1000);
    const header = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");
    const claims = Buffer.from(JSON.stringify({ sub: this.apiKey, typ: kind, iat, exp: iat + ttlSeconds, jti: secret(8) })).toString("base64url");
    return this.tokens.issue({ kind, expiresAt: now + ttlSeconds * 1000 }, `${header}.${claims}.${secret(32)}`);
  }

  private valid(token: string | undefined, kind: "access" | "refresh"): boolean {
    return this.tokens.valid(token)?.kind === kind;
  }

  /** @internal */
  register(app: Router): void {
    const ttl = () => this.ctx.options.tokenTtlSeconds;
    app.post("/ixapi-auth/connect/token", (req: Request, res: Response) => {
      setKind(res, "ixapi.oauth.token");
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (!String(req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
        res.status(400).json({ error: "invalid_request", error_description: "the body must be application/x-www-form-urlencoded" });
        return;
      }
      if (b.grant_type !== "client_credentials") {
        res.status(400).json({ error: "unsupported_grant_type", error_description: "grant_type must be client_credentials" });
        return;
      }
      if (b.client_id !== this.clientId || b.client_secret !== this.clientSecret) {
        res.status(400).json({ error: "invalid_client", error_description: "Invalid client_id or client_secret" });
        return;
      }
      res.status(200).json({ access_token: this.jwt("access", ttl()), expires_in: ttl(), token_type: "Bearer", scope: "resource.api resource.ixapi resource.productcatalogapi" });
    });
    app.post("/ixapi/v2/auth/token", (req: Request, res: Response) => {
      setKind(res, "ixapi.auth.token");
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (b.api_key !== this.apiKey || b.api_secret !== this.apiSecret) {
        sendProblem(res, problem(401, "authentication-error", "Invalid api_key or api_secret"));
        return;
      }
      res.status(201).json({ access_token: this.jwt("access", ttl()), refresh_token: this.jwt("refresh", this.refreshTtlSeconds) });
    });
    app.post("/ixapi/v2/auth/refresh", (req: Request, res: Response) => {
      setKind(res, "ixapi.auth.refresh");
      const b = (req.body ?? {}) as Record<string, unknown>;
      if (typeof b.refresh_token !== "string" || !this.valid(b.refresh_token, "refresh")) {
        sendProblem(res, problem(401, "signature-expired", "The refresh token is invalid or expired"));
        return;
      }
      this.tokens.revoke(b.refresh_token);
      res.status(201).json({ access_token: this.jwt("access", ttl()), refresh_token: this.jwt("refresh", this.refreshTtlSeconds) });
    });
  }

  /** Middleware: a 401 problem unless the bearer token is a valid access token. @internal */
  require() {
    return (req: Request, res: Response, next: NextFunction) => {
      const token = bearer(req.headers.authorization);
      if (!token) return sendProblem(res, problem(401, "not-authenticated", "Authorization: Bearer <token> is required"));
      if (!this.valid(token, "access")) return sendProblem(res, problem(401, "signature-expired", "The access token is invalid or expired"));
      next();
    };
  }
}
