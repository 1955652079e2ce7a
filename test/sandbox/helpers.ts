import { startSandbox, type Sandbox, type SandboxOptions } from "../../sandbox";
import { ALIBABA_PROFILE_UUID, PRIVATE_PROFILE_UUID, findPort } from "../../sandbox/equinix";

export { ALIBABA_PROFILE_UUID, PRIVATE_PROFILE_UUID, findPort };

export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small Equinix client for tests: real HTTP against the sandbox, one token. */
export class Eqx {
  token = "";
  constructor(public sb: Sandbox) {}

  async login(): Promise<string> {
    const r = await raw(this.sb.url, "POST", "/oauth2/v1/token", {
      grant_type: "client_credentials",
      client_id: this.sb.equinix.clientId,
      client_secret: this.sb.equinix.clientSecret,
    });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${JSON.stringify(r.body)}`);
    this.token = r.body.access_token;
    return this.token;
  }

  call<T = any>(method: string, path: string, body?: unknown, contentType?: string): Promise<Reply<T>> {
    return raw(this.sb.url, method, path, body, { authorization: `Bearer ${this.token}`, ...(contentType ? { "content-type": contentType } : {}) });
  }

  create(body: unknown, dryRun = false) {
    return this.call("POST", `/fabric/v4/connections${dryRun ? "?dryRun=true" : ""}`, body);
  }
  get(uuid: string) {
    return this.call("GET", `/fabric/v4/connections/${uuid}`);
  }
  patch(uuid: string, ops: unknown) {
    return this.call("PATCH", `/fabric/v4/connections/${uuid}`, ops, "application/json-patch+json");
  }
  del(uuid: string) {
    return this.call("DELETE", `/fabric/v4/connections/${uuid}`);
  }
  search(body: unknown) {
    return this.call("POST", "/fabric/v4/connections/search", body);
  }
}

export async function raw(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    (init.headers as Record<string, string>)["content-type"] ??= "application/json";
    init.body = typeof body === "string" ? body : JSON.stringify(body);
  }
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/**
 * Tests run with every delay multiplied by SCALE, and advance the sandbox clock by `d * SCALE` to pass
 * a default delay `d`: intermediate states then hold for seconds of real time, even on a loaded machine.
 */
export const SCALE = 100;

export async function withSandbox(opts: SandboxOptions = {}): Promise<{ sb: Sandbox; eqx: Eqx }> {
  const sb = await startSandbox({ port: 0, timeScale: SCALE, ...opts });
  const eqx = new Eqx(sb);
  await eqx.login();
  return { sb, eqx };
}

let vlan = 100;
/** A fresh VLAN per call, so tests in one sandbox do not collide. */
export function nextVlan(): number {
  return vlan++;
}

/** A Fabric port (DOT1Q) to Alibaba connection request. */
export function alibabaBody(over: Record<string, any> = {}, metro = "SV"): Record<string, any> {
  return {
    type: "EVPL_VC",
    name: over.name ?? `to-alibaba-${nextVlan()}`,
    bandwidth: 50,
    notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
    order: { purchaseOrderNumber: "PO-1", termLength: 1 },
    aSide: { accessPoint: { type: "COLO", port: { uuid: findPort(metro).uuid }, linkProtocol: { type: "DOT1Q", vlanTag: nextVlan() } } },
    zSide: {
      accessPoint: {
        type: "SP",
        profile: { type: "L2_PROFILE", uuid: ALIBABA_PROFILE_UUID },
        location: { metroCode: metro },
        authenticationKey: "5123456789012345",
      },
    },
    ...over,
  };
}

/** A port-to-port (self) connection request: DOT1Q primary port to DOT1Q secondary port. */
export function selfBody(over: Record<string, any> = {}, metro = "DC"): Record<string, any> {
  return {
    type: "EVPL_VC",
    name: `self-${nextVlan()}`,
    bandwidth: 100,
    notifications: [{ type: "ALL", emails: ["noc@example.com"] }],
    aSide: { accessPoint: { type: "COLO", port: { uuid: findPort(metro).uuid }, linkProtocol: { type: "DOT1Q", vlanTag: nextVlan() } } },
    zSide: { accessPoint: { type: "COLO", port: { uuid: findPort(metro, "DOT1Q", "SECONDARY").uuid }, linkProtocol: { type: "DOT1Q", vlanTag: nextVlan() } } },
    ...over,
  };
}

export function codes(body: any): string[] {
  return (Array.isArray(body) ? body : []).map((e: any) => e.errorCode);
}
