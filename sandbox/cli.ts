#!/usr/bin/env node
/**
 * pulumi-interconnect-sandbox: runs the sandbox until SIGINT/SIGTERM and prints what a stack needs to use
 * it: the endpoints and credentials (JSON, `export` lines, `pulumi config set` lines), the seeded ids
 * (ports, service profiles, A sides, accounts) and the admin API. `--help` lists the options and the
 * admin routes.
 */
import { SANDBOX_APIS } from "./apis";
import { adminRouteList, type AdminRouteInfo } from "./core/adminRoutes";
import { sandboxEnv, sandboxSettings, startSandbox, type Sandbox, type SandboxOptions } from "./index";

/** The command line options, as `--help` prints them. */
const OPTIONS: [flag: string, does: string][] = [
  ["--port <n>", "TCP port (default 4510; 0 takes a free one)"],
  ["--host <addr>", "address to listen on (default 127.0.0.1)"],
  ["--state <file>", "keep the world in this file across restarts: objects, credentials, tokens, clock (default: in memory, new credentials at each start)"],
  ["--time-scale <x>", "multiplies every state-machine delay (default 1; 0 = transitions are immediate)"],
  ["--token-ttl <s>", "OAuth token lifetime in seconds, on the sandbox clock (default 3599)"],
  ["--rate-limit <r>[:<burst>]", "requests per second each API admits (burst default r); beyond, the API's own 429 with Retry-After (default unlimited)"],
  ["--latency <ms>", "real milliseconds added before each API request is handled (default 0)"],
  ["-h, --help", "this text"],
];

/** `--help`: usage, options and the admin routes (the same list `GET /_sandbox` answers). */
export function usage(routes: AdminRouteInfo[] = adminRouteList(SANDBOX_APIS)): string {
  const w = Math.max(...OPTIONS.map(([f]) => f.length));
  const lines = [
    "usage: pulumi-interconnect-sandbox [--port 4510] [--host 127.0.0.1] [--state <file>] [--time-scale 1] [--token-ttl 3599] [--rate-limit <r>[:<burst>]] [--latency <ms>]",
    "",
    "One process serving Equinix (OAuth, Fabric v4, ECX v3, Network Edge), Alibaba VPC RPC and IX-API v2 over HTTP,",
    "sharing one world. On start it prints the endpoints and credentials, `export` and `pulumi config set` lines, and",
    "the seeded ids (ports, service profiles, A sides, accounts).",
    "",
    "options:",
    ...OPTIONS.map(([f, d]) => `  ${f.padEnd(w)}  ${d}`),
    "",
    "admin routes (JSON; GET /_sandbox lists them on a running sandbox):",
    ...routes.map((r) => `  ${r.method.padEnd(6)} ${r.path}\n           ${r.does}`),
    "",
  ];
  return lines.join("\n");
}

type CliOptions = SandboxOptions & { port: number; host: string; timeScale: number; tokenTtlSeconds: number; help?: boolean };

/** The options the command line asks for (exported for tests); throws naming a bad flag. `help` when -h/--help was given. */
export function parseArgs(argv: string[]): CliOptions {
  const out: CliOptions = { port: 4510, host: "127.0.0.1", timeScale: 1, tokenTtlSeconds: 3599 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const val = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const num = (v: string) => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${flag}: not a number >= 0: ${v}`);
      return n;
    };
    switch (flag) {
      case "--port":
        out.port = num(val());
        if (!Number.isInteger(out.port) || out.port > 65535) throw new Error(`--port: a whole number from 0 to 65535, got ${argv[i]}`);
        break;
      case "--host":
        out.host = val();
        break;
      case "--state":
        out.state = val();
        if (!out.state) throw new Error("--state needs a file name");
        break;
      case "--time-scale":
        out.timeScale = num(val());
        break;
      case "--token-ttl":
        out.tokenTtlSeconds = num(val());
        break;
      case "--rate-limit": {
        const v = val();
        const m = /^(\d+(?:\.\d+)?)(?::(\d+(?:\.\d+)?))?$/.exec(v);
        if (!m || Number(m[1]) <= 0 || (m[2] !== undefined && Number(m[2]) < 1)) {
          throw new Error(`--rate-limit: expected <requests per second > 0>[:<burst >= 1>], e.g. 20 or 20:40, got ${v}`);
        }
        out.rateLimit = { requestsPerSecond: Number(m[1]), ...(m[2] !== undefined ? { burst: Number(m[2]) } : {}) };
        break;
      }
      case "--latency":
        out.latencyMs = num(val());
        break;
      case "-h":
      case "--help":
        out.help = true;
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (see --help)`);
    }
  }
  return out;
}

/** Shell-safe single quoting for a printed value. */
function quote(v: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}

/**
 * What the CLI prints once the sandbox listens: the JSON info (machines parse it: test/e2e/support.ts reads
 * from the first `{` to the first line `}`), the `export` lines, then for people the `pulumi config set`
 * lines, the seeded ids and accounts, the state file, and last the `sandbox listening on` line.
 */
export function banner(sb: Sandbox): string {
  const { world: _w, admin: _a, stop: _s, adminRoutes: _r, statePath, ...info } = sb;
  const out: string[] = [];
  out.push(JSON.stringify({ ...info, admin: `${sb.url}/_sandbox`, ...(statePath ? { state: statePath } : {}), limits: sb.admin.limits() }, null, 2), "");
  out.push("# paste into your shell (the variables the providers read):");
  for (const [k, v] of Object.entries(sandboxEnv(sb))) out.push(`export ${k}=${v}`);
  out.push("", "# or keep them in the stack's config (run in the stack's project directory):");
  for (const s of sandboxSettings(sb)) if (s.config) out.push(`pulumi config set${s.secret ? " --secret" : ""} ${s.config} ${quote(s.value)}`);
  out.push("", "# Equinix ports (their uuids are the same at every start):");
  for (const p of sb.equinix.ports) out.push(`#   ${p.metroCode} ${p.encapsulation.padEnd(5)} ${p.priority.padEnd(9)} ${p.uuid}  ${p.name}`);
  out.push("# Equinix service profiles:");
  for (const p of sb.equinix.profiles) {
    out.push(`#   ${p.uuid}  ${p.name} (metros ${p.metros.join(" ")}${p.requiresApproval ? "; the seller approves each connection" : ""}${p.authenticationKey ? `; authentication key: ${p.authenticationKey}` : ""})`);
  }
  out.push("# Equinix A sides besides ports:");
  for (const [kind, list] of Object.entries(sb.equinix.aSides)) for (const a of list) out.push(`#   ${kind.replace(/s$/, "").padEnd(13)} ${a.uuid}  ${a.name} (${a.metroCode}, ${a.state})`);
  out.push("# Accounts:");
  out.push(`#   Alibaba account ${sb.alibaba.accountId} in ${sb.alibaba.region}: the authentication key of a Fabric connection to the Alibaba profile, the cloud_key of an IX-API service`);
  const second = sb.alibaba.second;
  out.push(`#   Alibaba account ${second.accountId}, the second one: a resource reaches it with credentials: "${second.credentials}" (keys alicloud-${second.credentials}:accessKey and :secretKey above)`);
  out.push(`#   Alibaba regions (a resource's region; default alicloud:region): ${sb.alibaba.regions.map((r) => `${r.region} (${r.accessPoints.map((a) => a.id).join(", ")})`).join("; ")}`);
  for (const a of sb.ixapi.accounts) out.push(`#   IX-API account ${a.id} ${a.name}${a.billing ? " (can be billed)" : ""}`);
  out.push(`#   IX-API connections: ${sb.ixapi.connections.map((c) => `${c.id} (${c.pop.replace(/^pop:/, "")})`).join(", ")}`);
  out.push(`#   IX-API offerings: ${sb.ixapi.offerings.map((o) => o.id).join(", ")}`);
  out.push(`# Admin API: ${sb.url}/_sandbox (GET lists the routes; --help too)`);
  out.push(statePath ? `# The world is kept in ${statePath}: restart with --state ${quote(statePath)} to continue it.` : "# The world lives in memory: a restart makes a new one, with new credentials (--state <file> keeps it).");
  out.push("", `sandbox listening on ${sb.url} (Ctrl-C to stop)`, "");
  return out.join("\n");
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    process.stdout.write(usage());
    return;
  }
  const sb = await startSandbox(opts);
  process.stdout.write(banner(sb));
  const shutdown = (sig: string) => {
    process.stdout.write(`\n${sig}: stopping${sb.statePath ? ` (the world is kept in ${sb.statePath})` : ""}\n`);
    sb.stop().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

if (require.main === module) {
  main().catch((e) => {
    process.stderr.write(`pulumi-interconnect-sandbox: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
