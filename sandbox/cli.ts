#!/usr/bin/env node
/**
 * pulumi-interconnect-sandbox: runs the sandbox until SIGINT/SIGTERM and prints the endpoints and
 * credentials to use.
 *   --port <n>          (default 4510; 0 picks a free port)
 *   --host <addr>       (default 127.0.0.1)
 *   --time-scale <x>    multiplies every state-machine delay (default 1)
 *   --token-ttl <s>     OAuth token lifetime in seconds (default 3599)
 *   --rate-limit <r>[:<burst>]  requests per second each API admits (burst default r); beyond, 429
 *                       with Retry-After (default unlimited)
 *   --latency <ms>      real milliseconds added before each API request is handled (default 0)
 */
import { sandboxEnv, startSandbox, type SandboxOptions } from "./index";

const USAGE =
  "usage: pulumi-interconnect-sandbox [--port 4510] [--host 127.0.0.1] [--time-scale 1] [--token-ttl 3599] " +
  "[--rate-limit <requests per second>[:<burst>]] [--latency <ms>]\n";

/** The options the command line asks for (exported for tests); throws naming a bad flag. */
export function parseArgs(argv: string[]): SandboxOptions & { port: number; host: string; timeScale: number; tokenTtlSeconds: number } {
  const out: SandboxOptions & { port: number; host: string; timeScale: number; tokenTtlSeconds: number } = { port: 4510, host: "127.0.0.1", timeScale: 1, tokenTtlSeconds: 3599 };
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
        break;
      case "--host":
        out.host = val();
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
        process.stdout.write(USAGE);
        process.exit(0);
      default:
        throw new Error(`unknown option ${argv[i]} (see --help)`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const sb = await startSandbox(opts);
  const { world: _w, admin: _a, stop: _s, ...info } = sb;
  process.stdout.write(`${JSON.stringify({ ...info, admin: `${sb.url}/_sandbox`, limits: sb.admin.limits() }, null, 2)}\n\n`);
  process.stdout.write("# paste into your shell (the variables the providers read):\n");
  for (const [k, v] of Object.entries(sandboxEnv(sb))) process.stdout.write(`export ${k}=${v}\n`);
  process.stdout.write(`\nsandbox listening on ${sb.url} (Ctrl-C to stop)\n`);
  const shutdown = (sig: string) => {
    process.stdout.write(`\n${sig}: stopping\n`);
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
