import { isIPv4, isIPv6 } from "net";

/**
 * IP addresses and subnets, for the checks of peering addresses (an interface address with its prefix, a
 * peer inside that subnet): IPv4 and IPv6, values as bigints so both families share the arithmetic.
 */

export type IpFamily = 4 | 6;

export interface Ip {
  family: IpFamily;
  value: bigint;
}

export interface Cidr extends Ip {
  /** the address as written, without the prefix */
  address: string;
  prefix: number;
  /** the subnet's first address */
  network: bigint;
}

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };

function v6(text: string): bigint | undefined {
  let s = text;
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two groups.
  const m = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (m) {
    const v4 = parseIp(m[2]);
    if (!v4 || v4.family !== 4) return undefined;
    s = `${m[1]}${(v4.value >> 16n).toString(16)}:${(v4.value & 0xffffn).toString(16)}`;
  }
  const halves = s.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  let value = 0n;
  for (const g of all) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    value = (value << 16n) | BigInt(parseInt(g, 16));
  }
  return value;
}

/** A plain address (no prefix), or undefined. */
export function parseIp(text: unknown): Ip | undefined {
  if (typeof text !== "string") return undefined;
  if (isIPv4(text)) return { family: 4, value: text.split(".").reduce((acc, o) => (acc << 8n) | BigInt(Number(o)), 0n) };
  if (isIPv6(text)) {
    const value = v6(text);
    return value === undefined ? undefined : { family: 6, value };
  }
  return undefined;
}

/** `address/prefix`, or undefined when it is not one. */
export function parseCidr(text: unknown): Cidr | undefined {
  if (typeof text !== "string") return undefined;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const ip = parseIp(m[1]);
  const prefix = Number(m[2]);
  if (!ip || prefix > BITS[ip.family]) return undefined;
  const host = BITS[ip.family] - prefix;
  return { ...ip, address: m[1], prefix, network: (ip.value >> BigInt(host)) << BigInt(host) };
}

/** Whether `ip` lies in the subnet (same family). */
export function inSubnet(c: Cidr, ip: Ip): boolean {
  if (ip.family !== c.family) return false;
  const host = BigInt(BITS[c.family] - c.prefix);
  return ip.value >> host === c.network >> host;
}

/**
 * Whether `ip` can be a host of the subnet: inside it and, for IPv4 subnets larger than /31, neither its
 * network nor its broadcast address.
 */
export function isHostOf(c: Cidr, ip: Ip): boolean {
  if (!inSubnet(c, ip)) return false;
  if (c.family === 6 || c.prefix >= 31) return true;
  const last = c.network + (1n << BigInt(32 - c.prefix)) - 1n;
  return ip.value !== c.network && ip.value !== last;
}

/** The address in its usual text form (IPv6 fully expanded groups, lower case, no compression). */
export function formatIp(ip: Ip): string {
  if (ip.family === 4) return [24n, 16n, 8n, 0n].map((s) => String((ip.value >> s) & 0xffn)).join(".");
  return Array.from({ length: 8 }, (_, i) => ((ip.value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(":");
}

/** Whether two addresses are the same (whatever their spelling). */
export function sameIp(a: unknown, b: unknown): boolean {
  const x = parseIp(a);
  const y = parseIp(b);
  return !!x && !!y && x.family === y.family && x.value === y.value;
}
