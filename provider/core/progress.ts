import { ConfigReader, processConfig } from "./config";
import { redact } from "./redact";

/** Reports a step of a long operation: `subject` is what it is about ("connection 3f1c..."). */
export type Progress = (subject: string, message: string) => void;

/**
 * Progress lines for long waits. The plugin forwards its stderr to the user as diagnostics, so this is
 * how `pulumi up` shows "PROVISIONED/PENDING_APPROVAL: accept pc-... in the Alibaba console".
 * Set INTERCONNECT_QUIET=1 to silence it.
 */
export function progress(subject: string, message: string, config: ConfigReader = processConfig): void {
  if (config.env("INTERCONNECT_QUIET") === "1") return;
  process.stderr.write(`[pulumi-interconnect] ${redact(`${subject}: ${message}`)}\n`);
}

/** The progress of calls reading `config`: lines on stderr, unless INTERCONNECT_QUIET=1 there. */
export function stderrProgress(config: ConfigReader = processConfig): Progress {
  return (subject, message) => progress(subject, message, config);
}
