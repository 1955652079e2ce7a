import { redact } from "./redact";

/**
 * Progress lines for long waits. The plugin forwards its stderr to the user as diagnostics, so this is
 * how `pulumi up` shows "PROVISIONED/PENDING_APPROVAL: accept pc-... in the Alibaba console".
 * Set INTERCONNECT_QUIET=1 to silence it.
 */
export function progress(subject: string, message: string): void {
  if (process.env.INTERCONNECT_QUIET === "1") return;
  process.stderr.write(`[pulumi-interconnect] ${redact(`${subject}: ${message}`)}\n`);
}
