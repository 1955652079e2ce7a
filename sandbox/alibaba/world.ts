import type { SandboxContext } from "../core/api";
import { Timeline } from "../core/clock";
import { secret, shortId } from "../core/ids";
import { refill } from "../core/state";
import { AlibabaBgp, type BgpSnapshot } from "./bgp";
import { AliError, LINE_OPERATORS, PC_ACTIVE_STATUSES, PORT_TYPES, specOf, type PcRecord, type VbrRecord } from "./model";
import { checkBandwidth, checkDescription, checkIps, checkName, incorrect, intIn, ipsOf, malformed, oneOf, required } from "./validation";

/** Default delays of the Alibaba state machines, in ms (multiplied by `timeScale`). */
export const ALIBABA_DEFAULT_DELAYS = {
  /** Initial -> Allocating */
  approval: 100,
  /** Allocating -> Allocated */
  allocation: 300,
  /** Confirmed -> Enabled (EnablePhysicalConnection, or a confirmed hosted connection) */
  enable: 300,
  /** Terminating -> Terminated */
  terminate: 300,
  /** VBR terminating -> terminated, recovering -> active */
  vbrTerminate: 200,
  /** VBR deleting -> gone */
  vbrDelete: 200,
  /** BGP group or peer Pending -> Available */
  bgpProvision: 100,
  /** BGP group or peer Modifying -> Available */
  bgpUpdate: 100,
  /** BGP group or peer Deleting -> gone */
  bgpDelete: 100,
  /** a BGP session whose ends agree: OpenSent -> OpenConfirm -> Established */
  bgpEstablish: 200,
};
export type AlibabaDelays = typeof ALIBABA_DEFAULT_DELAYS;

/** Names of the events the Alibaba slice emits on `world.events` (sandbox/links.ts tells the partner). */
export const ALIBABA_EVENTS = {
  /** the tenant confirmed a hosted connection (ConfirmPhysicalConnection): HostedEvent */
  hostedConfirmed: "alibaba.hosted.confirmed",
  /** a hosted connection was deleted (DeletePhysicalConnection, or in the console): HostedEvent */
  hostedDeleted: "alibaba.hosted.deleted",
} as const;

export interface HostedEvent {
  /** the hosted connection's id, `pc-...` */
  id: string;
  /** the partner's object it was made for, if any */
  partner?: PcRecord["partner"];
}

/** The Alibaba slice as the state file keeps it. */
export interface AlibabaState {
  tenantAccessKeyId: string;
  /** absent in files written before the second account existed: it is then made anew */
  secondAccessKeyId?: string;
  accounts: Map<string, AlibabaAccount>;
  connections: Map<string, PcRecord>;
  vbrs: Map<string, VbrRecord>;
  tokens: Map<string, { at: number; body: Record<string, unknown> }>;
  nonces: Map<string, number>;
  signatures: Record<string, number>;
  stalls: { target: StallTarget; id?: string; remaining: number | null }[];
  /** absent in files written before BGP groups and peers existed */
  bgp?: BgpSnapshot;
}

/** Transitions that can be made to never complete (admin.alibaba.stall). */
export type StallTarget = "approval" | "allocation" | "enable" | "terminate" | "vbrDelete" | "bgpSession";

export interface AlibabaAccount {
  accountId: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** STS credentials carry a SecurityToken that must be sent with them */
  securityToken?: string;
}

export const ACCESS_POINTS = [
  { AccessPointId: "ap-us-sv-eqx-a", Name: "Silicon Valley Equinix SV5 A", Location: "Equinix SV5, San Jose", HostOperator: "Equinix", Type: "VPC", Status: "recommended", RegionId: "us-west-1" },
  { AccessPointId: "ap-us-sv-eqx-b", Name: "Silicon Valley Equinix SV1 B", Location: "Equinix SV1, San Jose", HostOperator: "Equinix", Type: "VPC", Status: "recommended", RegionId: "us-west-1" },
  { AccessPointId: "ap-cn-hongkong-eqx-a", Name: "Hong Kong Equinix HK1", Location: "Equinix HK1", HostOperator: "Equinix", Type: "VPC", Status: "recommended", RegionId: "cn-hongkong" },
  { AccessPointId: "ap-sg-eqx-a", Name: "Singapore Equinix SG1", Location: "Equinix SG1", HostOperator: "Equinix", Type: "VPC", Status: "recommended", RegionId: "ap-southeast-1" },
  // The other regions of Equinix's Alibaba profile (sandbox/equinix/catalog.ts), one Equinix access point each.
  { AccessPointId: "ap-jp-ty-eqx-a", Name: "Tokyo Equinix TY2", Location: "Equinix TY2, Tokyo", HostOperator: "Equinix", Type: "VPC", Status: "recommended", RegionId: "ap-northeast-1" },
  { AccessPointId: "ap-us-dc-eqx-a", Name: "Ashburn Equinix DC2", Location: "Equinix DC2, Ashburn", HostOperator: "Equinix", Type: "VPC", Status: "recommended", RegionId: "us-east-1" },
  { AccessPointId: "ap-de-fra-eqx-a", Name: "Frankfurt Equinix FR2", Location: "Equinix FR2, Frankfurt", HostOperator: "Equinix", Type: "VPC", Status: "recommended", RegionId: "eu-central-1" },
  { AccessPointId: "ap-gb-ld-eqx-a", Name: "London Equinix LD5", Location: "Equinix LD5, Slough", HostOperator: "Equinix", Type: "VPC", Status: "recommended", RegionId: "eu-west-1" },
  // The exchange's (IX-API offering "Alibaba Cloud Express Connect Frankfurt"): one per pop of its handovers.
  { AccessPointId: "ap-de-fra-ixn-a", Name: "Frankfurt Interxion FRA5", Location: "Interxion FRA5, Frankfurt", HostOperator: "Interxion", Type: "VPC", Status: "recommended", RegionId: "eu-central-1" },
  { AccessPointId: "ap-de-fra-ixn-b", Name: "Frankfurt Interxion FRA7", Location: "Interxion FRA7, Frankfurt", HostOperator: "Interxion", Type: "VPC", Status: "recommended", RegionId: "eu-central-1" },
];

/** The partner account that owns the parent connections of an access point's hosted connections, by host operator. */
export const PARTNER_UIDS: Record<string, string> = { Equinix: "1688000000000001", Interxion: "1688000000000002" };

/** The partner's parent connection at an access point (Equinix's ids as earlier versions made them). */
export function parentIdOf(accessPointId: string): string {
  const ap = ACCESS_POINTS.find((a) => a.AccessPointId === accessPointId);
  const operator = ap?.HostOperator === "Interxion" ? "ixn" : "eqx";
  return `pc-${operator}-parent-${accessPointId.replace(/^ap-/, "")}`;
}

export const REGIONS = [
  { RegionId: "us-west-1", LocalName: "US (Silicon Valley)" },
  { RegionId: "cn-hongkong", LocalName: "China (Hong Kong)" },
  { RegionId: "ap-southeast-1", LocalName: "Singapore" },
  { RegionId: "cn-hangzhou", LocalName: "China (Hangzhou)" },
  { RegionId: "ap-northeast-1", LocalName: "Japan (Tokyo)" },
  { RegionId: "us-east-1", LocalName: "US (Virginia)" },
  { RegionId: "eu-central-1", LocalName: "Germany (Frankfurt)" },
  { RegionId: "eu-west-1", LocalName: "UK (London)" },
];

/** What a connection created without `bandwidth` or `PortType` gets (API reference, CreatePhysicalConnection). */
export const PC_DEFAULT_BANDWIDTH = 100;
export const PC_DEFAULT_PORT_TYPE = "1000Base-T";
/** Statuses in which ModifyPhysicalConnectionAttribute changes nothing (API reference). */
export const PC_FROZEN_STATUSES = ["Canceled", "Allocating", "AllocationFailed", "Allocation Failed", "Terminating", "Terminated"];
/** Statuses in which the specification and the redundant connection may change (API reference). */
export const PC_SPEC_MODIFIABLE_STATUSES = ["Initial", "Enabled", "Rejected"];

/** The Alibaba account Equinix uses as partner: it owns the parents of hosted connections. */
export const EQUINIX_PARTNER_UID = PARTNER_UIDS.Equinix;

/**
 * The Alibaba VPC slice of the world: accounts and their credentials, physical connections (dedicated
 * and hosted) and VBRs with their lazily evaluated state machines, ClientTokens and nonces.
 */
export class AlibabaWorld {
  readonly accounts = new Map<string, AlibabaAccount>();
  /** the tenant's account (random per world; a saved world keeps its own) */
  tenant: AlibabaAccount;
  /**
   * a second account of the same tenant, with its own key pair (a stack names it with the credential set
   * "second": `alicloud-second:accessKey` ...), so one stack can span two accounts
   */
  second: AlibabaAccount;
  readonly region = "us-west-1";
  readonly connections = new Map<string, PcRecord>();
  readonly vbrs = new Map<string, VbrRecord>();
  /** owner|action|token -> first answer, kept a day on the sandbox clock */
  readonly tokens = new Map<string, { at: number; body: Record<string, unknown> }>();
  /** nonces seen, with the real time they were seen */
  readonly nonces = new Map<string, number>();
  /** requests verified per signature scheme (RPC HMAC-SHA1 1.0, V3 ACS3-HMAC-SHA256) */
  readonly signatures = { "HMAC-SHA1": 0, "ACS3-HMAC-SHA256": 0 };
  private stalls: { target: StallTarget; id?: string; remaining: number | null }[] = [];
  /** BGP groups and peers on the VBRs, and their sessions (bgp.ts) */
  readonly bgp: AlibabaBgp;

  constructor(private readonly ctx: SandboxContext) {
    this.bgp = new AlibabaBgp(ctx, this);
    // 16 digits starting with 1, as Alibaba account ids are: below 2^53, so the answers that carry it as a
    // JSON number (VbrOwnerUid) keep it exact.
    this.tenant = { accountId: `1${String(Math.floor(Math.random() * 1e15)).padStart(15, "0")}`, accessKeyId: `LTAI${shortId(20)}`, accessKeySecret: secret(22) };
    this.accounts.set(this.tenant.accessKeyId, this.tenant);
    this.second = AlibabaWorld.newAccount();
    this.accounts.set(this.second.accessKeyId, this.second);
    this.seedParents();
  }

  /** The partners' parent connections (one per access point), owned by the partner's account; a restored world gets those it lacks. */
  private seedParents(): void {
    for (const ap of ACCESS_POINTS) {
      const id = parentIdOf(ap.AccessPointId);
      if (this.connections.has(id)) continue;
      this.connections.set(id, {
        id,
        owner: PARTNER_UIDS[ap.HostOperator] ?? EQUINIX_PARTNER_UID,
        region: ap.RegionId,
        productType: "PhysicalConnection",
        accessPointId: ap.AccessPointId,
        lineOperator: ap.HostOperator === "Equinix" ? "Equinix" : "Other",
        portType: "10GBase-LR",
        type: "VPC",
        bandwidth: 10240,
        name: `${ap.HostOperator.toLowerCase()}-parent-${ap.AccessPointId}`,
        createdAt: this.now,
        status: new Timeline(this.now, "Enabled"),
      });
    }
  }

  /** A new account: 16 digits from 1, as Alibaba account ids are (below 2^53, so JSON numbers keep them exact), and a key pair. */
  private static newAccount(): AlibabaAccount {
    return { accountId: `1${String(Math.floor(Math.random() * 1e15)).padStart(15, "0")}`, accessKeyId: `LTAI${shortId(20)}`, accessKeySecret: secret(22) };
  }

  get now(): number {
    return this.ctx.clock.now();
  }

  /** What the state file keeps (sandbox/core/state.ts): accounts and keys, connections, VBRs, ClientTokens, nonces, rules. */
  snapshot(): AlibabaState {
    return {
      tenantAccessKeyId: this.tenant.accessKeyId,
      secondAccessKeyId: this.second.accessKeyId,
      accounts: this.accounts,
      connections: this.connections,
      vbrs: this.vbrs,
      tokens: this.tokens,
      nonces: this.nonces,
      signatures: this.signatures,
      stalls: this.stalls,
      bgp: this.bgp.snapshot(),
    };
  }

  restore(s: AlibabaState): void {
    refill(this.accounts, s.accounts);
    const tenant = this.accounts.get(s.tenantAccessKeyId);
    if (!tenant) throw new Error(`the saved Alibaba tenant key ${s.tenantAccessKeyId} is not among the saved accounts`);
    this.tenant = tenant;
    const second = s.secondAccessKeyId === undefined ? undefined : this.accounts.get(s.secondAccessKeyId);
    if (s.secondAccessKeyId !== undefined && !second) throw new Error(`the saved Alibaba second account key ${s.secondAccessKeyId} is not among the saved accounts`);
    if (second) this.second = second;
    else this.accounts.set(this.second.accessKeyId, this.second);
    refill(this.connections, s.connections);
    this.seedParents();
    refill(this.vbrs, s.vbrs);
    refill(this.tokens, s.tokens);
    refill(this.nonces, s.nonces);
    Object.assign(this.signatures, s.signatures);
    this.stalls = s.stalls ?? [];
    this.bgp.restore(s.bgp);
  }

  delay(name: keyof AlibabaDelays): number {
    return this.ctx.delay("alibaba", name);
  }

  /** STS credentials for the tenant account: a temporary key pair and its SecurityToken. */
  issueStsCredentials(): AlibabaAccount {
    const sts = { accountId: this.tenant.accountId, accessKeyId: `STS.${shortId(24)}`, accessKeySecret: secret(22), securityToken: secret(48) };
    this.accounts.set(sts.accessKeyId, sts);
    return sts;
  }

  // ---- stalls ------------------------------------------------------------------------------------

  stall(target: StallTarget, opts: { id?: string; times?: number } = {}): void {
    this.stalls.push({ target, id: opts.id, remaining: opts.times ?? null });
  }

  resetRules(): void {
    this.stalls = [];
    this.bgp.resetRules();
  }

  /** Whether a rule stalls this transition of this object (a rule with `times` counts it). */
  stalled(target: StallTarget, id: string): boolean {
    for (const s of this.stalls) {
      if (s.target !== target || (s.id && s.id !== id) || (s.remaining !== null && s.remaining <= 0)) continue;
      if (s.remaining !== null) s.remaining--;
      return true;
    }
    return false;
  }

  // ---- lookups -----------------------------------------------------------------------------------

  statusOf(pc: PcRecord): string {
    return pc.status.current(this.now);
  }

  vbrStatus(v: VbrRecord): string {
    return v.status.current(this.now);
  }

  /** Connections visible to an account in a region. */
  visibleConnections(owner: string, region: string): PcRecord[] {
    return [...this.connections.values()].filter((c) => c.owner === owner && c.region === region && (c.visibleAt === undefined || c.visibleAt <= this.now));
  }

  pcFor(owner: string, id: string | undefined, region?: string): PcRecord {
    if (!id) throw new AliError(400, "MissingParameter", "The input parameter PhysicalConnectionId that is mandatory for processing this request is not supplied.");
    const pc = this.connections.get(id);
    if (!pc || pc.owner !== owner || (region && pc.region !== region) || (pc.visibleAt !== undefined && pc.visibleAt > this.now)) {
      throw new AliError(404, "InvalidPhysicalConnectionId.NotFound", `The specified physical connection ${id} does not exist.`);
    }
    return pc;
  }

  /** VBRs not yet deleted (deleting ones vanish once their delete completes). */
  liveVbrs(): VbrRecord[] {
    return [...this.vbrs.values()].filter((v) => this.vbrStatus(v) !== "deleted");
  }

  /** A VBR the owner (or, with includeCircuitOwner, its circuit's owner) sees; in `region` when given, as a request's RegionId asks. */
  vbrFor(owner: string, id: string | undefined, includeCircuitOwner = true, region?: string): VbrRecord {
    if (!id) throw new AliError(400, "MissingParameter", "The input parameter VbrId that is mandatory for processing this request is not supplied.");
    const v = this.vbrs.get(id);
    const pcOwner = v ? this.connections.get(v.pcId)?.owner : undefined;
    if (!v || this.vbrStatus(v) === "deleted" || (region !== undefined && v.region !== region) || !(v.owner === owner || (includeCircuitOwner && pcOwner === owner))) {
      throw new AliError(404, "InvalidVbrId.NotFound", `The specified VBR ${id} does not exist.`);
    }
    return v;
  }

  vbrsOn(pcId: string): VbrRecord[] {
    return this.liveVbrs().filter((v) => v.pcId === pcId);
  }

  // ---- physical connections ----------------------------------------------------------------------

  createPhysicalConnection(owner: string, region: string, p: Record<string, string>): PcRecord {
    required(p, ["AccessPointId", "LineOperator"]);
    const ap = ACCESS_POINTS.find((a) => a.AccessPointId === p.AccessPointId && a.RegionId === region);
    if (!ap) throw new AliError(404, "InvalidAccessPointId.NotFound", `The specified access point ${p.AccessPointId} does not exist in region ${region}.`);
    malformed(p, "LineOperator", LINE_OPERATORS);
    if (p.PortType !== undefined) malformed(p, "PortType", PORT_TYPES);
    if (p.Type !== undefined && p.Type !== "VPC") throw new AliError(400, "InvalidType.Malformd", "The Type provided was invalid: it must be VPC.");
    // The API reference's defaults: 100 Mbps and a 1000Base-T port when the request names none.
    const bandwidth = p.bandwidth !== undefined ? checkBandwidth(p.bandwidth) : PC_DEFAULT_BANDWIDTH;
    checkName(p.Name, "Name", true);
    checkDescription(p.Description);
    if (p.RedundantPhysicalConnectionId) {
      const r = this.pcFor(owner, p.RedundantPhysicalConnectionId, region);
      if (!["Allocated", "Confirmed", "Enabled"].includes(this.statusOf(r))) {
        throw new AliError(400, "IncorrectStatus.RedundantPhysicalConnection", `The redundant physical connection ${r.id} must be Allocated, Confirmed or Enabled (it is ${this.statusOf(r)}).`);
      }
    }
    const notEnabled = this.visibleConnections(owner, region).filter((c) => c.productType === "PhysicalConnection" && ["Initial", "Approved", "Allocating", "Allocated", "Confirmed"].includes(this.statusOf(c)));
    if (notEnabled.length >= 5) throw new AliError(400, "QuotaExceeded.PhysicalConnection", "At most 5 physical connections that are not yet enabled are allowed per account.");
    const now = this.now;
    const pc: PcRecord = {
      id: `pc-${shortId(20)}`,
      owner,
      region,
      productType: "PhysicalConnection",
      accessPointId: ap.AccessPointId,
      lineOperator: p.LineOperator,
      portType: p.PortType ?? PC_DEFAULT_PORT_TYPE,
      type: p.Type ?? "VPC",
      bandwidth,
      circuitCode: p.CircuitCode,
      peerLocation: p.PeerLocation,
      redundantId: p.RedundantPhysicalConnectionId || undefined,
      name: p.Name,
      description: p.Description,
      createdAt: now,
      status: new Timeline(now, "Initial"),
    };
    this.scheduleAllocation(pc, now);
    this.connections.set(pc.id, pc);
    return pc;
  }

  private scheduleAllocation(pc: PcRecord, from: number): void {
    // A stalled approval leaves the connection Initial: Alibaba has not reviewed the application yet.
    if (this.stalled("approval", pc.id)) return;
    const a = from + this.delay("approval");
    pc.status.schedule(a, "Allocating");
    if (!this.stalled("allocation", pc.id)) pc.status.schedule(a + this.delay("allocation"), "Allocated");
  }

  modifyPhysicalConnection(owner: string, region: string, p: Record<string, string>): void {
    const pc = this.pcFor(owner, p.PhysicalConnectionId, region);
    const status = this.statusOf(pc);
    // The API reference: nothing changes while Canceled, Allocating, AllocationFailed or Terminated (nor
    // while Terminating, on its way there); the specification (line operator, port type, bandwidth) and
    // the redundant connection only while Initial, Enabled or Rejected.
    if (PC_FROZEN_STATUSES.includes(status)) throw new AliError(400, "InvalidStatus", `invalid physical connection status: physical connection ${pc.id} cannot be modified while ${status}.`);
    const restricted = ["LineOperator", "PortType", "bandwidth", "RedundantPhysicalConnectionId"].filter((k) => p[k] !== undefined);
    if (restricted.length && !PC_SPEC_MODIFIABLE_STATUSES.includes(status)) {
      throw new AliError(400, "InvalidStatus", `invalid physical connection status: ${restricted.join(", ")} can be modified only while ${PC_SPEC_MODIFIABLE_STATUSES.join(", ")} (physical connection ${pc.id} is ${status}).`);
    }
    if (p.LineOperator !== undefined) malformed(p, "LineOperator", LINE_OPERATORS);
    if (p.PortType !== undefined) malformed(p, "PortType", PORT_TYPES);
    const bandwidth = p.bandwidth !== undefined ? checkBandwidth(p.bandwidth) : undefined;
    checkName(p.Name, "Name", true);
    checkDescription(p.Description);
    if (bandwidth !== undefined) pc.bandwidth = bandwidth;
    if (p.RedundantPhysicalConnectionId) this.pcFor(owner, p.RedundantPhysicalConnectionId, region);
    if (p.LineOperator !== undefined) pc.lineOperator = p.LineOperator;
    if (p.PortType !== undefined) pc.portType = p.PortType;
    if (p.CircuitCode !== undefined) pc.circuitCode = p.CircuitCode;
    if (p.PeerLocation !== undefined) pc.peerLocation = p.PeerLocation;
    if (p.RedundantPhysicalConnectionId !== undefined) pc.redundantId = p.RedundantPhysicalConnectionId || undefined;
    if (p.Name !== undefined) pc.name = p.Name;
    if (p.Description !== undefined) pc.description = p.Description;
    if (status === "Rejected") {
      pc.status.cancelAfter(this.now).schedule(this.now, "Initial");
      this.scheduleAllocation(pc, this.now);
    }
  }

  confirm(owner: string, region: string, id: string): void {
    const pc = this.pcFor(owner, id, region);
    const status = this.statusOf(pc);
    if (pc.productType === "VirtualPhysicalConnection") {
      if (pc.vpconnStatus === "Confirmed") return;
      if (pc.vpconnStatus === "Deleted" || status !== "Allocated") throw incorrect(pc, status, "confirmed");
      pc.vpconnStatus = "Confirmed";
      pc.status.schedule(this.now, "Confirmed");
      if (!this.stalled("enable", pc.id)) pc.status.schedule(this.now + this.delay("enable"), "Enabled");
      this.ctx.emit(ALIBABA_EVENTS.hostedConfirmed, { id: pc.id, partner: pc.partner } satisfies HostedEvent);
      return;
    }
    if (status === "Confirmed" || status === "Enabled") return;
    if (status !== "Allocated") throw incorrect(pc, status, "confirmed");
    pc.status.schedule(this.now, "Confirmed");
  }

  enable(owner: string, region: string, id: string): void {
    const pc = this.pcFor(owner, id, region);
    const status = this.statusOf(pc);
    if (status === "Enabled" || pc.status.final() === "Enabled") return;
    if (status !== "Confirmed") throw incorrect(pc, status, "enabled");
    if (!this.stalled("enable", pc.id)) pc.status.schedule(this.now + this.delay("enable"), "Enabled");
  }

  cancel(owner: string, region: string, id: string): void {
    const pc = this.pcFor(owner, id, region);
    const status = this.statusOf(pc);
    if (status === "Canceled") return;
    // The API reference: 400 Forbidden.NotAllowedInState ("The request does not allow in this state").
    if (!["Initial", "Approved", "Allocated", "Confirmed"].includes(status)) {
      throw new AliError(400, "Forbidden.NotAllowedInState", `The request does not allow in this state: physical connection ${pc.id} is ${status} (cancel is for Initial, Approved, Allocated or Confirmed; terminate an Enabled one).`);
    }
    pc.status.cancelAfter(this.now).schedule(this.now, "Canceled");
  }

  terminate(owner: string, region: string, id: string): void {
    const pc = this.pcFor(owner, id, region);
    const status = this.statusOf(pc);
    if (status === "Terminating" || status === "Terminated") return;
    if (status !== "Enabled") throw incorrect(pc, status, "terminated");
    const vbrs = this.vbrsOn(pc.id);
    if (vbrs.length) throw new AliError(400, "DependencyViolation.VirtualBorderRouter", `Physical connection ${pc.id} still has VBRs ${vbrs.map((v) => v.id).join(", ")}; delete them first.`);
    pc.status.cancelAfter(this.now).schedule(this.now, "Terminating");
    if (!this.stalled("terminate", pc.id)) pc.status.schedule(this.now + this.delay("terminate"), "Terminated");
    // Terminated is not cleared: Fabric deprovisions once the connection is deleted (deletePc).
  }

  deletePc(owner: string, region: string, id: string): void {
    const pc = this.pcFor(owner, id, region);
    const status = this.statusOf(pc);
    if (!["Allocated", "Confirmed", "Rejected", "Canceled", "Allocation Failed", "AllocationFailed", "Terminated"].includes(status)) throw incorrect(pc, status, "deleted");
    if (this.vbrsOn(pc.id).length) throw new AliError(400, "DependencyViolation.VirtualBorderRouter", `Physical connection ${pc.id} still has VBRs.`);
    this.connections.delete(pc.id);
    if (pc.productType === "VirtualPhysicalConnection") this.ctx.emit(ALIBABA_EVENTS.hostedDeleted, { id: pc.id, partner: pc.partner } satisfies HostedEvent);
  }

  occupancyOrder(owner: string, region: string, p: Record<string, string>): string {
    const pc = this.pcFor(owner, p.PhysicalConnectionId, region);
    if (p.InstanceChargeType !== undefined && p.InstanceChargeType !== "PrePaid") throw new AliError(400, "InvalidParameter.InstanceChargeType", "InstanceChargeType must be PrePaid.");
    if (p.PricingCycle !== undefined) oneOf(p, "PricingCycle", ["Month", "Year"]);
    pc.paid = true;
    return `${Math.floor(200000000000000 + Math.random() * 1e14)}`;
  }

  // ---- hosted connections (made by a partner: sandbox/links.ts for Equinix and IX-API) -------------

  /** A partner (Equinix, or an exchange on its behalf) creates a hosted connection in an account. */
  createHosted(o: { owner: string; region?: string; vlan: number; bandwidth: number; name?: string; accessPointId?: string; partner?: PcRecord["partner"]; visibleAt?: number; orderMode?: string }): PcRecord {
    const named = ACCESS_POINTS.find((a) => a.AccessPointId === o.accessPointId);
    const region = o.region || named?.RegionId || this.region;
    const ap = named ?? ACCESS_POINTS.find((a) => a.RegionId === region && a.HostOperator === "Equinix") ?? ACCESS_POINTS[0];
    const parentId = parentIdOf(ap.AccessPointId);
    const now = this.now;
    const at = o.visibleAt ?? now;
    const pc: PcRecord = {
      id: `pc-${shortId(20)}`,
      owner: o.owner,
      region,
      productType: "VirtualPhysicalConnection",
      accessPointId: ap.AccessPointId,
      lineOperator: ap.HostOperator === "Equinix" ? "Equinix" : "Other",
      type: "VPC",
      bandwidth: o.bandwidth,
      name: o.name,
      createdAt: at,
      status: new Timeline(now, "Allocated"),
      vpconnStatus: "UnConfirmed",
      parentId,
      parentOwner: PARTNER_UIDS[ap.HostOperator] ?? EQUINIX_PARTNER_UID,
      vlanId: o.vlan,
      spec: specOf(o.bandwidth),
      orderMode: o.orderMode ?? "PayByVirtualPhysicalConnectionOwner",
      partner: o.partner,
      visibleAt: at,
    };
    this.connections.set(pc.id, pc);
    return pc;
  }

  /** Hosted connections made for a partner's object (a Fabric connection, an IX-API service). */
  hostedFor(partner: NonNullable<PcRecord["partner"]>): PcRecord[] {
    return [...this.connections.values()].filter((pc) => pc.partner?.api === partner.api && pc.partner.ref === partner.ref);
  }

  /** The partner withdrew its side: the hosted connection leaves the tenant's account (Deleted, its VBRs gone, Terminated). */
  withdrawHosted(pc: PcRecord): void {
    pc.vpconnStatus = "Deleted";
    for (const v of this.vbrsOn(pc.id)) this.vbrs.delete(v.id);
    pc.status.cancelAfter(this.now).schedule(this.now, "Terminated");
  }

  // ---- VBRs --------------------------------------------------------------------------------------

  createVbr(owner: string, region: string, p: Record<string, string>): VbrRecord {
    required(p, ["PhysicalConnectionId", "VlanId"]);
    const pc = this.pcFor(owner, p.PhysicalConnectionId, region);
    if (this.statusOf(pc) !== "Enabled") throw new AliError(400, "InvalidPhysicalConnectionId.NotEnabled", `Physical connection ${pc.id} is ${this.statusOf(pc)}, not Enabled.`);
    const vlan = Number(p.VlanId);
    if (!/^\d+$/.test(p.VlanId) || vlan > 2999) throw new AliError(400, "InvalidVlanId.Malformed", `VlanId must be an integer from 0 to 2999 (got ${p.VlanId}).`);
    if (pc.productType === "VirtualPhysicalConnection" && pc.vlanId !== vlan) throw new AliError(400, "InvalidVlanId.Mismatch", `A VBR on hosted connection ${pc.id} must use its VLAN ${pc.vlanId}.`);
    if (this.vbrsOn(pc.id).some((v) => v.vlanId === vlan)) throw new AliError(400, "InvalidVlanId.Used", `VLAN ${vlan} is already used on physical connection ${pc.id}.`);
    const vbrOwner = p.VbrOwnerId || owner;
    if (vbrOwner === owner) required(p, ["LocalGatewayIp", "PeerGatewayIp", "PeeringSubnetMask"]);
    checkIps(p);
    checkName(p.Name, "Name");
    checkDescription(p.Description);
    let bandwidth: number | undefined;
    if (p.Bandwidth !== undefined) {
      if (pc.productType === "VirtualPhysicalConnection") throw new AliError(400, "InvalidParameter.Bandwidth", "Bandwidth cannot be set on a VBR of a hosted connection.");
      bandwidth = intIn(p, "Bandwidth", 2, 102400);
    }
    const now = this.now;
    const v: VbrRecord = {
      id: `vbr-${shortId(20)}`,
      owner: vbrOwner,
      region,
      pcId: pc.id,
      vlanId: vlan,
      vlanInterfaceId: `ri-${shortId(20)}`,
      routeTableId: `vtb-${shortId(20)}`,
      circuitCode: p.CircuitCode,
      localGatewayIp: p.LocalGatewayIp,
      peerGatewayIp: p.PeerGatewayIp,
      peeringSubnetMask: p.PeeringSubnetMask,
      enableIpv6: p.EnableIpv6 === "true",
      localIpv6GatewayIp: p.LocalIpv6GatewayIp,
      peerIpv6GatewayIp: p.PeerIpv6GatewayIp,
      peeringIpv6SubnetMask: p.PeeringIpv6SubnetMask,
      bandwidth: bandwidth ?? pc.bandwidth,
      mtu: 1500,
      minRxInterval: 300,
      minTxInterval: 300,
      detectMultiplier: 3,
      name: p.Name,
      description: p.Description,
      createdAt: now,
      activatedAt: vbrOwner === owner ? now : undefined,
      status: new Timeline(now, vbrOwner === owner ? "active" : "unconfirmed"),
    };
    this.vbrs.set(v.id, v);
    return v;
  }

  modifyVbr(owner: string, p: Record<string, string>, region?: string): void {
    const v = this.vbrFor(owner, p.VbrId, true, region);
    const status = this.vbrStatus(v);
    if (!["active", "unconfirmed"].includes(status)) throw new AliError(400, "IncorrectStatus.Vbr", `VBR ${v.id} cannot be modified in status ${status}.`);
    if (p.VlanId !== undefined) {
      const vlan = Number(p.VlanId);
      if (!/^\d+$/.test(p.VlanId) || vlan > 2999) throw new AliError(400, "InvalidVlanId.Malformed", `VlanId must be an integer from 0 to 2999 (got ${p.VlanId}).`);
      if (this.vbrsOn(v.pcId).some((o) => o.id !== v.id && o.vlanId === vlan)) throw new AliError(400, "InvalidVlanId.Used", `VLAN ${vlan} is already used on physical connection ${v.pcId}.`);
      const pc = this.connections.get(v.pcId);
      if (pc?.productType === "VirtualPhysicalConnection" && pc.vlanId !== vlan) throw new AliError(400, "InvalidVlanId.Mismatch", `A VBR on hosted connection ${pc.id} must use its VLAN ${pc.vlanId}.`);
      v.vlanId = vlan;
    }
    checkIps({ ...ipsOf(v), ...p });
    checkName(p.Name, "Name");
    checkDescription(p.Description);
    if (p.Mtu !== undefined) oneOf(p, "Mtu", ["1500", "8500"]);
    if (p.MinRxInterval !== undefined) v.minRxInterval = intIn(p, "MinRxInterval", 200, 1000);
    if (p.MinTxInterval !== undefined) v.minTxInterval = intIn(p, "MinTxInterval", 200, 1000);
    if (p.DetectMultiplier !== undefined) v.detectMultiplier = intIn(p, "DetectMultiplier", 3, 10);
    if (p.Bandwidth !== undefined) v.bandwidth = intIn(p, "Bandwidth", 2, 102400);
    if (p.Mtu !== undefined) v.mtu = Number(p.Mtu);
    const set = <K extends keyof VbrRecord>(k: K, param: string) => {
      if (p[param] !== undefined) (v as any)[k] = p[param];
    };
    set("circuitCode", "CircuitCode");
    set("localGatewayIp", "LocalGatewayIp");
    set("peerGatewayIp", "PeerGatewayIp");
    set("peeringSubnetMask", "PeeringSubnetMask");
    set("localIpv6GatewayIp", "LocalIpv6GatewayIp");
    set("peerIpv6GatewayIp", "PeerIpv6GatewayIp");
    set("peeringIpv6SubnetMask", "PeeringIpv6SubnetMask");
    set("name", "Name");
    set("description", "Description");
    if (p.EnableIpv6 !== undefined) v.enableIpv6 = p.EnableIpv6 === "true";
    this.bgp.touchVbr(v.id);
  }

  terminateVbr(owner: string, id: string, region?: string): void {
    const v = this.vbrFor(owner, id, true, region);
    const status = this.vbrStatus(v);
    if (status === "terminating" || status === "terminated") return;
    if (status !== "active") throw new AliError(400, "IncorrectStatus.Vbr", `VBR ${v.id} cannot be terminated in status ${status}.`);
    v.status.cancelAfter(this.now).schedule(this.now, "terminating").schedule(this.now + this.delay("vbrTerminate"), "terminated");
    v.terminatedAt = this.now + this.delay("vbrTerminate");
  }

  recoverVbr(owner: string, id: string, region?: string): void {
    const v = this.vbrFor(owner, id, true, region);
    const status = this.vbrStatus(v);
    if (status === "active" || status === "recovering") return;
    if (status !== "terminated") throw new AliError(400, "IncorrectStatus.Vbr", `VBR ${v.id} cannot be recovered in status ${status}.`);
    v.status.cancelAfter(this.now).schedule(this.now, "recovering").schedule(this.now + this.delay("vbrTerminate"), "active");
  }

  deleteVbr(owner: string, id: string, region?: string): void {
    const v = this.vbrFor(owner, id, true, region);
    const status = this.vbrStatus(v);
    if (status === "deleting") return;
    if (!["unconfirmed", "active", "terminated"].includes(status)) {
      throw new AliError(400, "InvalidOperation.OperationNotAllowedInState", `VBR ${v.id} cannot be deleted in status ${status}.`);
    }
    const groups = this.bgp.groupsOn(v.id);
    if (groups.length) throw new AliError(400, "DependencyViolation.BgpGroup", `VBR ${v.id} still has BGP groups ${groups.map((g) => g.id).join(", ")}; delete them first.`);
    v.status.cancelAfter(this.now).schedule(this.now, "deleting");
    if (!this.stalled("vbrDelete", v.id)) v.status.schedule(this.now + this.delay("vbrDelete"), "deleted");
  }

  // ---- out of band -------------------------------------------------------------------------------

  /** Someone terminated the connection in the console (its VBRs deleted first): Terminated at once. */
  terminateOutOfBand(id: string): void {
    const pc = this.connections.get(id);
    if (!pc) throw new Error(`no physical connection ${id}`);
    for (const v of this.vbrsOn(id)) this.vbrs.delete(v.id);
    pc.status.cancelAfter(this.now).schedule(this.now, "Terminated");
  }

  /** Someone deleted the connection in the console: gone (a hosted one: its partner hears of it, ALIBABA_EVENTS.hostedDeleted). */
  deletePcOutOfBand(id: string): void {
    const pc = this.connections.get(id);
    for (const v of this.vbrsOn(id)) this.vbrs.delete(v.id);
    if (!pc || !this.connections.delete(id)) throw new Error(`no physical connection ${id}`);
    if (pc.productType === "VirtualPhysicalConnection") this.ctx.emit(ALIBABA_EVENTS.hostedDeleted, { id: pc.id, partner: pc.partner } satisfies HostedEvent);
  }

  /** A console edit of a VBR (no state checks). */
  updateVbrOutOfBand(id: string, changes: Partial<Pick<VbrRecord, "name" | "description" | "localGatewayIp" | "peerGatewayIp" | "peeringSubnetMask" | "vlanId" | "mtu" | "bandwidth">>): void {
    const v = this.vbrs.get(id);
    if (!v) throw new Error(`no VBR ${id}`);
    Object.assign(v, changes);
    this.bgp.touchVbr(id);
  }

  updatePcOutOfBand(id: string, changes: Partial<Pick<PcRecord, "name" | "description" | "bandwidth" | "circuitCode" | "peerLocation">>): void {
    const pc = this.connections.get(id);
    if (!pc) throw new Error(`no physical connection ${id}`);
    Object.assign(pc, changes);
  }

  deleteVbrOutOfBand(id: string): void {
    if (!this.vbrs.delete(id)) throw new Error(`no VBR ${id}`);
  }

  /** Allocation of a connection failed, or Alibaba rejected it. */
  setStatusOutOfBand(id: string, status: string): void {
    const pc = this.connections.get(id);
    if (!pc) throw new Error(`no physical connection ${id}`);
    pc.status.cancelAfter(this.now).schedule(this.now, status);
  }
}

export { PC_ACTIVE_STATUSES };
