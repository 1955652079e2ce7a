import { FakeClock } from "../../../provider/core/clock";
import { configReader, configure } from "../../../provider/core/config";
import { callContext, type CallContext, type CallContextOptions } from "../../../provider/core/context";
import { sandboxEnv, startSandbox, type Sandbox, type SandboxOptions } from "../../../sandbox";

/**
 * In-process Fabric tests against a sandbox: the provider's settings come from the environment
 * (EQUINIX_API_*, INTERCONNECT_POLL_INTERVAL_MS=50), restored afterwards; no stack config.
 */
export function useSandbox(opts: SandboxOptions = {}): { sb: () => Sandbox; context: (o?: Omit<CallContextOptions, "config">) => CallContext } {
  let sb: Sandbox | undefined;
  const saved: Record<string, string | undefined> = {};
  const keys = ["EQUINIX_API_CLIENTID", "EQUINIX_API_CLIENTSECRET", "EQUINIX_API_ENDPOINT", "INTERCONNECT_POLL_INTERVAL_MS", "INTERCONNECT_QUIET"];
  before(async () => {
    sb = await startSandbox({ timeScale: 0.05, ...opts });
    for (const k of keys) saved[k] = process.env[k];
    process.env.EQUINIX_API_CLIENTID = sb.equinix.clientId;
    process.env.EQUINIX_API_CLIENTSECRET = sb.equinix.clientSecret;
    process.env.EQUINIX_API_ENDPOINT = sb.equinix.endpoint;
    process.env.INTERCONNECT_POLL_INTERVAL_MS = "50";
    delete process.env.INTERCONNECT_QUIET;
    // Another test may have configured a stack config in this process: start from none.
    await configure({ config: { get: () => undefined } });
  });
  after(async () => {
    for (const k of keys) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    await sb?.stop();
  });
  return {
    sb: () => sb!,
    /** A call's context whose settings point at the sandbox (from these values, not process.env). */
    context: (o = {}) => callContext({ ...o, config: configReader({ env: { ...sandboxEnv(sb!), INTERCONNECT_POLL_INTERVAL_MS: "50" } }) }),
  };
}

/**
 * A fake clock for the provider's waits that also moves the sandbox's clock: each sleep advances both
 * at once, so a 30-minute provisioning is waited for in milliseconds, on the schedule the waiter chose.
 */
export class SandboxLinkedClock extends FakeClock {
  constructor(private readonly sb: Sandbox) {
    super(sb.admin.clock.now());
  }
  override now(): number {
    return Math.max(super.now(), this.sb.admin.clock.now());
  }
  override async sleep(ms: number): Promise<void> {
    await super.sleep(ms);
    this.sb.admin.clock.advance(ms);
  }
}

/** Collects the provider's progress lines written to stderr while `fn` runs. */
export async function captureStderr<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: unknown; lines: string[] }> {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  (process.stderr as unknown as { write: (c: unknown, ...r: unknown[]) => boolean }).write = (chunk: unknown, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.startsWith("[pulumi-interconnect]")) {
      lines.push(...text.split("\n").filter(Boolean));
      return true;
    }
    return (write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
  };
  try {
    return { value: await fn(), lines };
  } catch (error) {
    return { error, lines };
  } finally {
    process.stderr.write = write;
  }
}
