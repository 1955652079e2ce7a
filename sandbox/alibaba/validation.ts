import { AliError, type PcRecord, type VbrRecord } from "./model";

// The parameter rules of the Express Connect API reference (names, descriptions, bandwidths, VBR
// addresses, enumerations): each throws the documented AliError.

export function incorrect(pc: PcRecord, status: string, what: string): AliError {
  return new AliError(400, "IncorrectStatus.PhysicalConnection", `Physical connection ${pc.id} cannot be ${what} in status ${status}.`);
}

export function required(p: Record<string, string>, names: string[]): void {
  for (const n of names) {
    if (p[n] === undefined || p[n] === "") throw new AliError(400, "MissingParameter", `The input parameter ${n} that is mandatory for processing this request is not supplied.`);
  }
}

export function oneOf(p: Record<string, string>, name: string, values: string[]): void {
  if (!values.includes(p[name])) throw new AliError(400, `InvalidParameter.${name}`, `The specified ${name} ${JSON.stringify(p[name])} is not valid; expected one of ${values.join(", ")}.`);
}

export function intIn(p: Record<string, string>, name: string, min: number, max: number): number {
  const n = Number(p[name]);
  if (!/^-?\d+$/.test(p[name]) || n < min || n > max) throw new AliError(400, `InvalidParameter.${name}`, `${name} must be an integer from ${min} to ${max} (got ${p[name]}).`);
  return n;
}

/** Names (API reference): 2 to 128 characters, starting with a letter; letters, digits, `_` and `-` (and `.` for physical connections). */
export function checkName(v: string | undefined, field: string, dots = false): void {
  if (v === undefined) return;
  const body = dots ? /^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5._-]*$/ : /^[A-Za-z\u4e00-\u9fa5][A-Za-z0-9\u4e00-\u9fa5_-]*$/;
  if (v.length < 2 || v.length > 128 || !body.test(v) || /^https?:\/\//.test(v)) {
    throw new AliError(
      400,
      `Invalid${field}.Malformed`,
      `The specified ${field} is not valid: it must be 2 to 128 characters long, start with a letter and contain only letters, digits, ${dots ? "periods (.), " : ""}underscores (_) and hyphens (-).`,
    );
  }
}

/** Descriptions (API reference): 2 to 256 characters, starting with a letter, not with http:// or https://. */
export function checkDescription(v: string | undefined): void {
  if (v === undefined) return;
  if (v.length < 2 || v.length > 256 || !/^[A-Za-z\u4e00-\u9fa5]/.test(v) || /^https?:\/\//.test(v)) {
    throw new AliError(400, "InvalidDescription.Malformed", "The specified Description is not valid: it must be 2 to 256 characters long, start with a letter and not start with http:// or https://.");
  }
}

/** A physical connection's bandwidth (API reference): Mbps, 2 to 10240, else 400 InvalidBandwidth. */
export function checkBandwidth(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 2 || n > 10240) throw new AliError(400, "InvalidBandwidth", `invalid physical connection bandwidth: ${v} (it must be 2 to 10240 Mbps).`);
  return n;
}

/** LineOperator, PortType: the codes the API reference gives for them, spelled as Alibaba spells them. */
export function malformed(p: Record<string, string>, name: string, values: string[]): void {
  if (!values.includes(p[name])) throw new AliError(400, `Invalid${name}.Malformd`, `The ${name} provided was invalid: ${JSON.stringify(p[name])}; expected one of ${values.join(", ")}.`);
}

export function ipsOf(v: VbrRecord): Record<string, string> {
  const out: Record<string, string> = {};
  if (v.localGatewayIp) out.LocalGatewayIp = v.localGatewayIp;
  if (v.peerGatewayIp) out.PeerGatewayIp = v.peerGatewayIp;
  if (v.peeringSubnetMask) out.PeeringSubnetMask = v.peeringSubnetMask;
  return out;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function ipToInt(ip: string): number {
  return ip.split(".").reduce((a, o) => a * 256 + Number(o), 0);
}

/** The local and peer gateway IPs must be in the same subnet of the mask (/24 to /30), and differ. */
export function checkIps(p: Record<string, string>): void {
  const { LocalGatewayIp: l, PeerGatewayIp: r, PeeringSubnetMask: m } = p;
  for (const [k, v] of [["LocalGatewayIp", l], ["PeerGatewayIp", r], ["PeeringSubnetMask", m]] as const) {
    if (v !== undefined && !IPV4.test(v)) throw new AliError(400, `InvalidParameter.${k}`, `${k} ${v} is not an IPv4 address.`);
  }
  if (m !== undefined) {
    const bits = ipToInt(m).toString(2).padStart(32, "0");
    const prefix = bits.indexOf("0") === -1 ? 32 : bits.indexOf("0");
    if (/01/.test(bits) || prefix < 24 || prefix > 30) throw new AliError(400, "InvalidParameter.PeeringSubnetMask", `PeeringSubnetMask ${m} must be a mask from 255.255.255.0 to 255.255.255.252.`);
    if (l !== undefined && r !== undefined) {
      const mask = ipToInt(m);
      if (((ipToInt(l) & mask) >>> 0) !== ((ipToInt(r) & mask) >>> 0)) throw new AliError(400, "InvalidParameter.GatewayIp", `LocalGatewayIp ${l} and PeerGatewayIp ${r} must be in the same subnet of ${m}.`);
      if (l === r) throw new AliError(400, "InvalidParameter.GatewayIp", "LocalGatewayIp and PeerGatewayIp must differ.");
    }
  }
}
