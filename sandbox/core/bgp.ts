import { inSubnet, parseCidr, parseIp, sameIp } from "./ip";

/**
 * A BGP session between two simulated speakers, each described by its own vendor's slice (an Alibaba BGP
 * peer, a Fabric Cloud Router's BGP routing protocol, a customer router the sandbox stands in for), as a
 * pure function of both ends and the sandbox clock: the state each vendor reports and, when it is not
 * Established, a reason the user can act on. sandbox/links.ts puts the two ends together.
 */

/** The BGP finite-state machine's states (RFC 4271 section 8), as Alibaba's BgpStatus spells them. */
export type BgpState = "Idle" | "Connect" | "Active" | "OpenSent" | "OpenConfirm" | "Established";

/** One end of a session, in its own terms. */
export interface BgpSpeaker {
  /** How the user knows this end, for reasons: "Alibaba (BGP peer bgp-1 on VBR vbr-1)", "the cloud router". */
  name: string;
  /** BGP is configured on this end for the session (the object exists and is not being deleted). */
  configured: boolean;
  /** Why this end cannot take part now (still provisioning, its line not enabled); undefined when it can. */
  down?: string;
  /** Its own address on the peering subnet. */
  ip?: string;
  /** The peering subnet it sits in, `address/prefix`. */
  subnet?: string;
  /** The address it opens the session to. */
  neighborIp?: string;
  /** Its own ASN. */
  asn?: number;
  /** The ASN it expects of the other end. */
  neighborAsn?: number;
  /** The TCP MD5 key (RFC 2385); undefined when none. */
  md5Key?: string;
  /** Sandbox ms of the last change to anything above (a change restarts the session). */
  changedAt: number;
}

/** What one end reports of the session. */
export interface BgpSession {
  state: BgpState;
  /** Why it is not Established: what to change, and where. Undefined when Established. */
  reason?: string;
  /** Sandbox ms since when the session is in this state. */
  since: number;
}

/**
 * The session as seen from `local` towards `remote`, at `now`. Established only when both ends are
 * configured and up, their addresses sit in one subnet and point at each other, each expects the other's
 * ASN and the MD5 keys agree; it then passes OpenSent and OpenConfirm during `establishMs` after the last
 * change of either end. Otherwise, each with the reason: Idle (this end cannot start), Active (nothing
 * answers BGP at the neighbor's address: no far end, not up yet, the addresses do not point at each other;
 * or the OPEN is refused for an ASN mismatch), Connect (TCP keeps failing: the MD5 keys differ, so the
 * segments are dropped).
 */
export function computeSession(local: BgpSpeaker, remote: BgpSpeaker | undefined, now: number, establishMs: number, noRemote?: string): BgpSession {
  const changed = Math.max(local.changedAt, remote?.changedAt ?? 0);
  const not = (state: BgpState, reason: string): BgpSession => ({ state, reason, since: Math.min(now, changed) });
  if (!local.configured) return not("Idle", `${local.name} has no BGP session configured`);
  if (local.down) return not("Idle", local.down);
  if (!local.neighborIp) return not("Idle", `${local.name} has no peer address`);
  if (!remote) return not("Active", noRemote ?? `nothing answers at ${local.neighborIp}: the sandbox simulates no router at the far end`);
  if (!remote.configured) return not("Active", `nothing answers BGP at ${local.neighborIp}: ${remote.name} has no BGP session configured${remote.down ? ` (${remote.down})` : ""}`);
  if (remote.down) return not("Active", `${remote.name} is not up: ${remote.down}`);
  const addressProblem = addresses(local, remote);
  if (addressProblem) return not("Active", addressProblem);
  if ((local.md5Key ?? "") !== (remote.md5Key ?? "")) {
    const which = !local.md5Key ? `${remote.name} uses an MD5 key and ${local.name} none` : !remote.md5Key ? `${local.name} uses an MD5 key and ${remote.name} none` : `the MD5 keys of ${local.name} and ${remote.name} differ`;
    return not("Connect", `${which}: the TCP segments are dropped (set the same key on both ends)`);
  }
  if (local.neighborAsn !== remote.asn) return not("Active", `peer ASN ${local.neighborAsn} (${local.name}) does not match ${remote.name}'s ${remote.asn}`);
  if (remote.neighborAsn !== local.asn) return not("Active", `${remote.name} expects ASN ${remote.neighborAsn} but ${local.name} uses ${local.asn}`);
  const openSent = changed;
  const established = changed + establishMs;
  if (now < openSent + establishMs / 2) return { state: "OpenSent", reason: "the OPEN messages are being exchanged", since: openSent };
  if (now < established) return { state: "OpenConfirm", reason: "waiting for the first KEEPALIVE", since: openSent + establishMs / 2 };
  return { state: "Established", since: established };
}

/** Why two ends cannot reach each other over the peering subnet, or undefined. */
function addresses(a: BgpSpeaker, b: BgpSpeaker): string | undefined {
  const aIp = parseIp(a.ip);
  const bIp = parseIp(b.ip);
  if (!aIp) return `${a.name} has no address of its own on the peering subnet`;
  if (!bIp) return `${b.name} has no address of its own on the peering subnet`;
  if (aIp.family !== bIp.family) return `${a.name}'s address ${a.ip} and ${b.name}'s ${b.ip} are of different families`;
  if (!sameIp(a.neighborIp, b.ip)) return `${a.name} opens the session to ${a.neighborIp}, but ${b.name}'s address is ${b.ip}`;
  if (!sameIp(b.neighborIp, a.ip)) return `${b.name} expects its peer at ${b.neighborIp}, but ${a.name}'s address is ${a.ip}`;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    const net = parseCidr(x.subnet);
    if (net && !inSubnet(net, parseIp(y.ip)!)) return `${x.name}'s subnet ${x.subnet} does not hold ${y.name}'s address ${y.ip}: the two ends are not on one peering subnet`;
  }
  return undefined;
}
