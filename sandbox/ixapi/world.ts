import type { SandboxContext } from "../core/api";
import { shortId, uuid } from "../core/ids";
import { refill } from "../core/state";
import { ACCOUNTS, CONNECTIONS, OFFERINGS, POPS, ROLES, type OfferingDef } from "./catalog";
import type { IxapiAuth, IxapiAuthState } from "./auth";
import { fail } from "./errors";
import {
  DAY,
  IXAPI_EVENTS,
  type AssignmentRecord,
  type CloudServiceDecommissionedEvent,
  type CloudServiceProductionEvent,
  type ConfigRecord,
  type ContactRecord,
  type DecommissionMode,
  type IxapiDelays,
  type Lifecycle,
  type Prop,
  type ServiceRecord,
} from "./model";
import { IxapiRules } from "./rules";
import { checkAccounts, checkContactFields, checkRefs, checkVlanConfig, outerTag } from "./validation";

/** The IX-API slice as the state file keeps it. */
export interface IxapiState {
  services: Map<string, ServiceRecord>;
  configs: Map<string, ConfigRecord>;
  contacts: Map<string, ContactRecord>;
  assignments: Map<string, AssignmentRecord>;
  rules: ReturnType<IxapiRules["snapshot"]>;
  seq: number;
  auth: IxapiAuthState;
}

export class IxapiWorld {
  readonly offerings = OFFERINGS;
  readonly pops = POPS;
  readonly accounts = ACCOUNTS;
  readonly connections = CONNECTIONS;
  readonly roles = ROLES;
  readonly services = new Map<string, ServiceRecord>();
  readonly configs = new Map<string, ConfigRecord>();
  readonly contacts = new Map<string, ContactRecord>();
  readonly assignments = new Map<string, AssignmentRecord>();
  /** stalls, failures and the decommission mode the admin set */
  readonly rules = new IxapiRules();
  private seq = 0;

  /** What a finished decommission answers (admin.ixapi.setDecommissionMode). */
  get decommissionMode(): DecommissionMode {
    return this.rules.decommissionMode;
  }
  set decommissionMode(mode: DecommissionMode) {
    this.rules.decommissionMode = mode;
  }

  constructor(private ctx: SandboxContext, readonly auth: IxapiAuth) {}

  /** While set, every state is computed at this instant (see `asOf`). */
  private pinnedNow: number | undefined;

  get now(): number {
    if (this.pinnedNow !== undefined) return this.pinnedNow;
    return this.ctx.clock.now();
  }
  /**
   * Runs `fn` (a change and the rendering of its answer) at one instant, so an answer describes the
   * object as the request left it: with delays scaled to almost nothing, the clock could otherwise pass
   * the next transition between the change and the rendering (a DELETE answering "decommissioned").
   */
  asOf<T>(fn: () => T): T {
    if (this.pinnedNow !== undefined) return fn();
    this.pinnedNow = this.ctx.clock.now();
    try {
      return fn();
    } finally {
      this.pinnedNow = undefined;
    }
  }

  private delay(name: keyof IxapiDelays): number {
    return this.ctx.delay("ixapi", name);
  }
  private nextId(prefix: string): string {
    return `${prefix}${(++this.seq).toString().padStart(5, "0")}${shortId(4)}`;
  }
  date(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
  }

  // ---- state ------------------------------------------------------------------------------------

  /** "gone" when decommissioning finished (404, or decommissioned/archived per the mode). */
  private baseState(r: Lifecycle): string {
    const now = this.now;
    if (r.decommission) return now >= r.decommission.goneAt ? "gone" : "decommission_requested";
    if (r.errorAt !== undefined && now >= r.errorAt) return "error";
    if (now < r.readyAt) return "requested";
    return "ready";
  }

  configState(c: ConfigRecord): string {
    const s = this.baseState(c);
    if (s === "gone") return this.decommissionMode === "404" ? "gone" : this.decommissionMode;
    if (s !== "ready") return s;
    const svc = this.services.get(c.network_service);
    const svcState = svc ? this.serviceState(svc) : "gone";
    if (svcState === "requested") return "requested";
    if (c.changeUntil !== undefined && this.now < c.changeUntil) return "production_change_pending";
    return "production";
  }

  serviceState(s: ServiceRecord): string {
    const b = this.baseState(s);
    if (b === "gone") return this.decommissionMode === "404" ? "gone" : this.decommissionMode;
    if (b !== "ready") return b;
    if (s.changeUntil !== undefined && this.now < s.changeUntil) return "production_change_pending";
    const offering = this.offering(s.product_offering)!;
    for (let h = 1; h <= offering.diversity; h++) {
      const ok = this.liveConfigs(s.id).some((c) => c.handover === h && !c.decommission && this.baseState(c) === "ready");
      if (!ok) return "allocated";
    }
    return "production";
  }

  /** Configs of a service that still exist (not finished decommissioning). */
  liveConfigs(serviceId?: string): ConfigRecord[] {
    return [...this.configs.values()].filter((c) => (serviceId === undefined || c.network_service === serviceId) && !this.isGone(c));
  }
  liveServices(): ServiceRecord[] {
    return [...this.services.values()].filter((s) => !this.isGone(s));
  }
  isGone(r: Lifecycle): boolean {
    return !!r.decommission && this.now >= r.decommission.goneAt;
  }
  /** Holding resources (VLANs, handover slots): live and not decommissioning. */
  private active(r: Lifecycle): boolean {
    return !r.decommission;
  }

  offering(id: string): OfferingDef | undefined {
    return this.offerings.find((o) => o.id === id);
  }

  // ---- network services -------------------------------------------------------------------------

  createService(b: Record<string, unknown>): ServiceRecord {
    const props: Prop[] = [];
    if (b.type !== "cloud_vc") props.push({ name: "type", reason: "only cloud_vc network services can be created here" });
    const offering = typeof b.product_offering === "string" ? this.offering(b.product_offering) : undefined;
    if (!offering) props.push({ name: "product_offering", reason: `unknown product offering ${JSON.stringify(b.product_offering)}` });
    checkAccounts(b, this.accounts, props);
    if (typeof b.billing_account === "string" && !this.accounts.find((a) => a.id === b.billing_account)?.billing_information) {
      props.push({ name: "billing_account", reason: "an account requires billing_information to be used as a billing_account" });
    }
    if (typeof b.cloud_key !== "string" || !b.cloud_key) props.push({ name: "cloud_key", reason: "This field is required." });
    checkRefs(b, props);
    let capacity = offering?.bandwidth_max ?? 0;
    if (b.capacity !== undefined && b.capacity !== null) {
      if (!Number.isInteger(b.capacity) || (b.capacity as number) < 1) props.push({ name: "capacity", reason: "must be an integer >= 1 (Mbps)" });
      else if (offering && ((b.capacity as number) < offering.bandwidth_min || (b.capacity as number) > offering.bandwidth_max)) {
        props.push({ name: "capacity", reason: `must be within ${offering.bandwidth_min}..${offering.bandwidth_max} Mbps for ${offering.id}` });
      } else capacity = b.capacity as number;
    }
    if (props.length) fail(400, "validation-error", undefined, props);
    const now = this.now;
    const { stalled, failure } = this.rules.take("service");
    const rec: ServiceRecord = {
      id: this.nextId("ns:"),
      product_offering: offering!.id,
      managing_account: b.managing_account as string,
      consuming_account: b.consuming_account as string,
      billing_account: b.billing_account as string,
      cloud_key: b.cloud_key as string,
      capacity,
      external_ref: (b.external_ref as string | undefined) ?? null,
      purchase_order: (b.purchase_order as string | undefined) ?? "",
      contract_ref: (b.contract_ref as string | undefined) ?? null,
      provider_ref: uuid(),
      createdAt: now,
      readyAt: stalled ? Infinity : now + this.delay("allocation"),
      statusLog: [],
    };
    if (failure) this.setError(rec, now + this.delay("allocation"), failure);
    this.services.set(rec.id, rec);
    return rec;
  }

  private setError(r: Lifecycle, at: number, message: string): void {
    r.errorAt = at;
    r.errorMessage = message;
    r.statusLog.push({ severity: 3, tag: "provisioning_failed", message, attrs: {}, timestamp: new Date(at).toISOString() });
  }

  mustService(id: string): ServiceRecord {
    const s = this.services.get(id);
    if (!s || (this.isGone(s) && this.decommissionMode === "404")) fail(404, "not-found", `network service ${id} not found`);
    return s;
  }

  /** Merge PATCH of what IX-API lets a customer change on a cloud_vc service. */
  patchService(id: string, b: Record<string, unknown>, by: "api" | "outside" = "api"): ServiceRecord {
    const s = this.mustService(id);
    const state = this.serviceState(s);
    if (by === "api" && ["decommission_requested", "decommissioned", "archived", "error"].includes(state)) {
      fail(400, "unable-to-fulfill", `network service ${id} is ${state} and can not be changed`);
    }
    const props: Prop[] = [];
    const offering = this.offering(s.product_offering)!;
    for (const k of Object.keys(b)) {
      if (k === "type") {
        if (b.type !== "cloud_vc") props.push({ name: k, reason: "must be cloud_vc" });
      } else if (["product_offering", "cloud_key", "managing_account", "consuming_account", "billing_account"].includes(k) && b[k] !== (s as unknown as Record<string, unknown>)[k]) {
        props.push({ name: k, reason: "can not be changed; create a new network service" });
      } else if (!["capacity", "external_ref", "purchase_order", "contract_ref", "product_offering", "cloud_key", "managing_account", "consuming_account", "billing_account", "type"].includes(k)) {
        props.push({ name: k, reason: "unknown or read-only field" });
      }
    }
    checkRefs(b, props);
    if ("capacity" in b) {
      const c = b.capacity;
      if (c !== null && (!Number.isInteger(c) || (c as number) < offering.bandwidth_min || (c as number) > offering.bandwidth_max)) {
        props.push({ name: "capacity", reason: `must be within ${offering.bandwidth_min}..${offering.bandwidth_max} Mbps for ${offering.id}` });
      } else if (c !== null && (c as number) > s.capacity && !offering.upgrade_allowed) props.push({ name: "capacity", reason: "upgrades are not allowed for this offering" });
      else if (c !== null && (c as number) < s.capacity && !offering.downgrade_allowed) props.push({ name: "capacity", reason: "downgrades are not allowed for this offering" });
    }
    if (props.length) fail(400, "validation-error", undefined, props);
    if ("capacity" in b) s.capacity = (b.capacity as number | null) ?? offering.bandwidth_max;
    if ("external_ref" in b) s.external_ref = (b.external_ref as string | null) ?? null;
    if ("purchase_order" in b) s.purchase_order = (b.purchase_order as string | null) ?? "";
    if ("contract_ref" in b) s.contract_ref = (b.contract_ref as string | null) ?? null;
    if (by === "api" && state === "production" && "capacity" in b) s.changeUntil = this.now + this.delay("change");
    return s;
  }

  cancellationPolicy(id: string, requested?: string): { decommission_at: string; charged_until: string } {
    const s = this.mustService(id);
    void s;
    const today = this.date(this.now);
    if (requested !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(requested)) fail(400, "validation-error", undefined, [{ name: "decommission_at", reason: "Date has wrong format. Use YYYY-MM-DD." }]);
    const at = requested && requested > today ? requested : today;
    const notice = this.date(this.now + 30 * DAY);
    return { decommission_at: at, charged_until: at > notice ? at : notice };
  }

  /** DELETE: immediate (today), or at `decommission_at`; cascades to the service's configs. */
  decommissionService(id: string, date?: string, by: "api" | "outside" = "api"): ServiceRecord {
    const s = this.mustService(id);
    if (s.decommission) {
      if (by === "api") fail(400, "unable-to-fulfill", `network service ${id} is already ${this.serviceState(s)}`);
      return s;
    }
    const today = this.date(this.now);
    if (date !== undefined && date !== null) {
      if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(date)) fail(400, "validation-error", undefined, [{ name: "decommission_at", reason: "Date has wrong format. Use YYYY-MM-DD." }]);
      if (date < today) fail(400, "cancellation-policy-error", `decommission_at ${date} is before the earliest possible date ${today}; see the service's cancellation-policy`);
    }
    const policy = this.cancellationPolicy(id, date ?? undefined);
    const goneAt = by === "outside" ? this.now : date && date > today ? Date.parse(`${date}T00:00:00Z`) : this.now + Math.max(1, this.delay("decommission"));
    s.decommission = { requestedAt: this.now, goneAt, date: policy.decommission_at, chargedUntil: policy.charged_until, by };
    for (const c of this.liveConfigs(s.id)) if (!c.decommission) c.decommission = { requestedAt: this.now, goneAt, date: policy.decommission_at, chargedUntil: policy.charged_until, by };
    const offering = this.offering(s.product_offering)!;
    this.ctx.emit(IXAPI_EVENTS.cloudServiceDecommissioned, {
      serviceId: s.id,
      serviceProvider: offering.service_provider,
      cloudKey: s.cloud_key,
      providerRef: s.provider_ref,
      by,
    } satisfies CloudServiceDecommissionedEvent);
    return s;
  }

  // ---- network service configs ------------------------------------------------------------------

  /** Configs holding a VLAN on the connection (not decommissioning). */
  vlanUsers(connection: string, except?: string): ConfigRecord[] {
    return [...this.configs.values()].filter((c) => c.connection === connection && c.id !== except && this.active(c));
  }

  private autoVlan(connection: string): number {
    const used = new Set(this.vlanUsers(connection).map((c) => outerTag(c.vlan_config)));
    for (let v = 100; v <= 4094; v++) if (!used.has(v)) return v;
    fail(400, "validation-error", undefined, [{ name: "vlan_config", reason: `no free VLAN on connection ${connection}` }]);
  }

  private checkVlanFree(connection: string, v: Record<string, unknown>, props: Prop[], except?: string): void {
    const users = this.vlanUsers(connection, except);
    const tag = outerTag(v);
    if (tag === "port" && users.length) props.push({ name: "vlan_config.vlan_type", reason: `connection ${connection} already carries other services; port mode needs it whole` });
    else if (users.some((u) => u.vlan_config.vlan_type === "port")) props.push({ name: "connection", reason: `connection ${connection} is used in port mode by another config` });
    else if (tag !== undefined) {
      const clash = users.find((u) => {
        if (outerTag(u.vlan_config) !== tag) return false;
        // QinQ configs may share an outer tag when their inner tags differ.
        return !(v.vlan_type === "qinq" && u.vlan_config.vlan_type === "qinq" && u.vlan_config.inner_vlan !== v.inner_vlan);
      });
      if (clash) props.push({ name: v.vlan_type === "dot1q" ? "vlan_config.vlan" : "vlan_config.outer_vlan", reason: `VLAN ${tag} is already in use on connection ${connection}` });
    }
  }

  createConfig(b: Record<string, unknown>): ConfigRecord {
    const props: Prop[] = [];
    if (b.type !== "cloud_vc") props.push({ name: "type", reason: "must be cloud_vc" });
    const svc = typeof b.network_service === "string" ? this.services.get(b.network_service) : undefined;
    if (!svc || this.isGone(svc)) fail(400, "validation-error", undefined, [{ name: "network_service", reason: `unknown network service ${JSON.stringify(b.network_service)}` }]);
    if (svc.decommission) fail(400, "validation-error", undefined, [{ name: "network_service", reason: `network service ${svc.id} is being decommissioned` }]);
    const offering = this.offering(svc.product_offering)!;
    checkAccounts(b, this.accounts, props);
    const conn = this.connections.find((c) => c.id === b.connection);
    if (!conn) props.push({ name: "connection", reason: `unknown connection ${JSON.stringify(b.connection)}` });
    else {
      const pop = this.pops.find((p) => p.id === conn.pop)!;
      if (pop.metro_area_network !== offering.handover_metro_area_network) {
        props.push({ name: "connection", reason: `connection ${conn.id} is at ${pop.id} in ${pop.metro_area_network}; the offering is handed over in ${offering.handover_metro_area_network}` });
      }
    }
    const vlan = checkVlanConfig(b.vlan_config, props, conn?.vlan_types);
    const handover = b.handover;
    if (!Number.isInteger(handover) || (handover as number) < 1 || (handover as number) > offering.diversity) {
      props.push({ name: "handover", reason: `must be within 1..${offering.diversity} (the service's diversity)` });
    }
    const cloudVlan = b.cloud_vlan === undefined ? null : b.cloud_vlan;
    if (!("cloud_vlan" in b)) props.push({ name: "cloud_vlan", reason: "This field is required (null for single-VLAN offerings)." });
    if (cloudVlan !== null) {
      if (offering.provider_vlans === "single") props.push({ name: "cloud_vlan", reason: `must be null: ${offering.id} provides a single VLAN` });
      else if (!Number.isInteger(cloudVlan) || (cloudVlan as number) < 1 || (cloudVlan as number) > 4094) props.push({ name: "cloud_vlan", reason: "must be an integer 1..4094 or null" });
    }
    if (!Array.isArray(b.role_assignments)) props.push({ name: "role_assignments", reason: "This field is required." });
    checkRefs(b, props);
    if (props.length) fail(400, "validation-error", undefined, props);
    const ras = (b.role_assignments as unknown[]).map(String);
    const unknownRa = ras.filter((r) => !this.assignments.has(r));
    if (unknownRa.length) fail(400, "validation-error", undefined, [{ name: "role_assignments", reason: `unknown role assignments ${unknownRa.join(", ")}` }]);
    const missing = offering.nsc_required_contact_roles.filter((name) => !ras.some((r) => this.assignments.get(r)!.role === `role:${name}`));
    if (missing.length) fail(400, "validation-error", undefined, [{ name: "role_assignments", reason: `missing role assignments for the required contact roles: ${missing.join(", ")}` }]);
    // Diversity: one config per (handover, cloud_vlan); different handovers on different pops.
    const siblings = [...this.configs.values()].filter((c) => c.network_service === svc.id && this.active(c));
    if (siblings.some((c) => c.handover === handover && c.cloud_vlan === cloudVlan)) {
      fail(400, "validation-error", undefined, [{ name: "handover", reason: `network service ${svc.id} already has a config for handover ${handover} and cloud_vlan ${cloudVlan}` }]);
    }
    const otherPop = siblings.find((c) => c.handover !== handover && this.connections.find((x) => x.id === c.connection)?.pop === conn!.pop);
    if (otherPop) {
      fail(400, "validation-error", undefined, [{ name: "connection", reason: `handover ${handover} must use a connection on a different pop than handover ${otherPop.handover} (${conn!.pop}) for true diversity` }]);
    }
    const v = { ...vlan! };
    if (v.vlan_type === "dot1q") {
      v.vlan ??= this.autoVlan(conn!.id);
      v.vlan_ethertype ??= "0x8100";
    } else if (v.vlan_type === "qinq") {
      v.outer_vlan ??= this.autoVlan(conn!.id);
      v.outer_vlan_ethertype ??= "0x8100";
    }
    const vp: Prop[] = [];
    this.checkVlanFree(conn!.id, v, vp);
    if (vp.length) fail(400, "validation-error", undefined, vp);
    const now = this.now;
    const { stalled, failure } = this.rules.take("config");
    const rec: ConfigRecord = {
      id: this.nextId("nsc:"),
      network_service: svc.id,
      connection: conn!.id,
      managing_account: b.managing_account as string,
      consuming_account: b.consuming_account as string,
      billing_account: b.billing_account as string,
      role_assignments: ras,
      vlan_config: v,
      handover: handover as number,
      cloud_vlan: cloudVlan as number | null,
      external_ref: (b.external_ref as string | undefined) ?? null,
      purchase_order: (b.purchase_order as string | undefined) ?? "",
      contract_ref: (b.contract_ref as string | undefined) ?? null,
      createdAt: now,
      readyAt: stalled ? Infinity : Math.max(now, svc.readyAt) + this.delay("configProvisioning"),
      statusLog: [],
    };
    if (failure) {
      this.setError(rec, rec.readyAt === Infinity ? now : rec.readyAt, failure);
      svc.statusLog.push({ severity: 3, tag: "config_failed", message: `config ${rec.id} (handover ${rec.handover}): ${failure}`, attrs: { config: rec.id }, timestamp: new Date(rec.errorAt!).toISOString() });
    }
    this.configs.set(rec.id, rec);
    this.announceProduction(svc);
    return rec;
  }

  /** Emits cloudServiceProduction once every handover has a config that will reach production. */
  private announceProduction(svc: ServiceRecord): void {
    if (svc.productionAnnounced || svc.readyAt === Infinity || svc.errorAt !== undefined) return;
    const offering = this.offering(svc.product_offering)!;
    const configs = this.liveConfigs(svc.id).filter((c) => !c.decommission && c.errorAt === undefined && c.readyAt !== Infinity);
    const handovers: CloudServiceProductionEvent["handovers"] = [];
    for (let h = 1; h <= offering.diversity; h++) {
      const c = configs.find((x) => x.handover === h);
      if (!c) return;
      const v = c.vlan_config;
      handovers.push({ handover: h, configId: c.id, connection: c.connection, pop: this.connections.find((x) => x.id === c.connection)!.pop, vlan: ((v.vlan ?? v.outer_vlan) as number | undefined) ?? null, cloudVlan: c.cloud_vlan });
    }
    svc.productionAnnounced = true;
    this.ctx.emit(IXAPI_EVENTS.cloudServiceProduction, {
      serviceId: svc.id,
      serviceProvider: offering.service_provider,
      productOffering: offering.id,
      cloudKey: svc.cloud_key,
      capacity: svc.capacity,
      region: offering.service_provider_region,
      providerRef: svc.provider_ref,
      productionAt: Math.max(...configs.map((c) => c.readyAt)),
      handovers,
    } satisfies CloudServiceProductionEvent);
  }

  mustConfig(id: string): ConfigRecord {
    const c = this.configs.get(id);
    if (!c || (this.isGone(c) && this.decommissionMode === "404")) fail(404, "not-found", `network service config ${id} not found`);
    return c;
  }

  patchConfig(id: string, b: Record<string, unknown>, by: "api" | "outside" = "api"): ConfigRecord {
    const c = this.mustConfig(id);
    const state = this.configState(c);
    if (by === "api" && ["decommission_requested", "decommissioned", "archived", "error"].includes(state)) fail(400, "unable-to-fulfill", `config ${id} is ${state} and can not be changed`);
    const props: Prop[] = [];
    for (const k of Object.keys(b)) {
      if (k === "type") {
        if (b.type !== "cloud_vc") props.push({ name: k, reason: "must be cloud_vc" });
      } else if (["network_service", "handover", "cloud_vlan", "managing_account", "consuming_account", "billing_account"].includes(k)) {
        if (b[k] !== (c as unknown as Record<string, unknown>)[k]) props.push({ name: k, reason: "can not be changed; create a new config" });
      } else if (!["connection", "vlan_config", "role_assignments", "external_ref", "purchase_order", "contract_ref"].includes(k)) props.push({ name: k, reason: "unknown or read-only field" });
    }
    checkRefs(b, props);
    const connId = (b.connection as string | undefined) ?? c.connection;
    const conn = this.connections.find((x) => x.id === connId);
    if (!conn) props.push({ name: "connection", reason: `unknown connection ${connId}` });
    let vlan = c.vlan_config;
    if ("vlan_config" in b) {
      const v = checkVlanConfig(b.vlan_config, props, conn?.vlan_types);
      if (v) vlan = { ...v, ...(v.vlan_type === "dot1q" ? { vlan_ethertype: v.vlan_ethertype ?? "0x8100" } : v.vlan_type === "qinq" ? { outer_vlan_ethertype: v.outer_vlan_ethertype ?? "0x8100" } : {}) };
    }
    if (conn && ("vlan_config" in b || "connection" in b)) this.checkVlanFree(conn.id, vlan, props, c.id);
    if ("role_assignments" in b) {
      const ras = Array.isArray(b.role_assignments) ? b.role_assignments.map(String) : [];
      const unknownRa = ras.filter((r) => !this.assignments.has(r));
      if (unknownRa.length) props.push({ name: "role_assignments", reason: `unknown role assignments ${unknownRa.join(", ")}` });
    }
    if (props.length) fail(400, "validation-error", undefined, props);
    if (vlan.vlan_type === "dot1q" && vlan.vlan == null) vlan = { ...vlan, vlan: this.autoVlan(connId) };
    c.vlan_config = vlan;
    c.connection = connId;
    if ("role_assignments" in b) c.role_assignments = (b.role_assignments as unknown[]).map(String);
    if ("external_ref" in b) c.external_ref = (b.external_ref as string | null) ?? null;
    if ("purchase_order" in b) c.purchase_order = (b.purchase_order as string | null) ?? "";
    if ("contract_ref" in b) c.contract_ref = (b.contract_ref as string | null) ?? null;
    if (by === "api" && state === "production") c.changeUntil = this.now + this.delay("change");
    return c;
  }

  /** DELETE one config: drops one diversity, immediately. */
  decommissionConfig(id: string, by: "api" | "outside" = "api"): ConfigRecord {
    const c = this.mustConfig(id);
    if (c.decommission) {
      if (by === "api") fail(400, "unable-to-fulfill", `config ${id} is already ${this.configState(c)}`);
      return c;
    }
    const today = this.date(this.now);
    c.decommission = { requestedAt: this.now, goneAt: by === "outside" ? this.now : this.now + Math.max(1, this.delay("decommission")), date: today, chargedUntil: this.date(this.now + 30 * DAY), by };
    const svc = this.services.get(c.network_service);
    if (svc) svc.productionAnnounced = false;
    return c;
  }

  // ---- contacts, roles, assignments -------------------------------------------------------------

  createContact(b: Record<string, unknown>): ContactRecord {
    const props: Prop[] = [];
    checkAccounts(b, this.accounts, props, ["managing_account", "consuming_account"]);
    checkContactFields(b, props);
    if (props.length) fail(400, "validation-error", undefined, props);
    const rec: ContactRecord = {
      id: this.nextId("contact:"),
      managing_account: b.managing_account as string,
      consuming_account: b.consuming_account as string,
      name: (b.name as string | undefined) ?? null,
      email: (b.email as string | undefined) ?? null,
      telephone: (b.telephone as string | undefined) ?? null,
      external_ref: (b.external_ref as string | undefined) ?? null,
    };
    this.contacts.set(rec.id, rec);
    return rec;
  }

  mustContact(id: string): ContactRecord {
    const c = this.contacts.get(id);
    if (!c) fail(404, "not-found", `contact ${id} not found`);
    return c;
  }

  patchContact(id: string, b: Record<string, unknown>): ContactRecord {
    const c = this.mustContact(id);
    const props: Prop[] = [];
    checkContactFields(b, props);
    for (const k of Object.keys(b)) {
      if (["managing_account", "consuming_account"].includes(k) && b[k] !== (c as unknown as Record<string, unknown>)[k]) props.push({ name: k, reason: "can not be changed" });
      else if (!["managing_account", "consuming_account", "name", "email", "telephone", "external_ref"].includes(k)) props.push({ name: k, reason: "unknown field" });
    }
    // A contact must keep the fields its roles require.
    const next = { ...c, ...b } as Record<string, unknown>;
    for (const a of this.assignments.values()) {
      if (a.contact !== id) continue;
      const role = this.roles.find((r) => r.id === a.role)!;
      for (const f of role.required_fields) if (next[f] === null || next[f] === undefined || next[f] === "") props.push({ name: f, reason: `required by the contact's role ${role.name}` });
    }
    if (props.length) fail(400, "validation-error", undefined, props);
    for (const k of ["name", "email", "telephone", "external_ref"] as const) if (k in b) c[k] = (b[k] as string | null) ?? null;
    return c;
  }

  deleteContact(id: string): void {
    this.mustContact(id);
    const used = [...this.assignments.values()].filter((a) => a.contact === id);
    if (used.length) fail(400, "unable-to-fulfill", `contact ${id} is still used by role assignments ${used.map((a) => a.id).join(", ")}`);
    this.contacts.delete(id);
  }

  createAssignment(b: Record<string, unknown>): AssignmentRecord {
    const props: Prop[] = [];
    const role = this.roles.find((r) => r.id === b.role);
    if (!role) props.push({ name: "role", reason: `unknown role ${JSON.stringify(b.role)}` });
    const contact = typeof b.contact === "string" ? this.contacts.get(b.contact) : undefined;
    if (!contact) props.push({ name: "contact", reason: `unknown contact ${JSON.stringify(b.contact)}` });
    if (props.length) fail(400, "validation-error", undefined, props);
    const missing = role!.required_fields.filter((f) => !(contact as unknown as Record<string, unknown>)[f]);
    if (missing.length) fail(400, "validation-error", `the role ${role!.name} requires the contact's ${missing.join(", ")}`, missing.map((f) => ({ name: f, reason: `required by role ${role!.name}` })));
    if ([...this.assignments.values()].some((a) => a.role === role!.id && a.contact === contact!.id)) fail(400, "validation-error", undefined, [{ name: "role", reason: `contact ${contact!.id} already has role ${role!.name}` }]);
    const rec: AssignmentRecord = { id: this.nextId("ra:"), role: role!.id, contact: contact!.id };
    this.assignments.set(rec.id, rec);
    return rec;
  }

  mustAssignment(id: string): AssignmentRecord {
    const a = this.assignments.get(id);
    if (!a) fail(404, "not-found", `role assignment ${id} not found`);
    return a;
  }

  deleteAssignment(id: string): void {
    this.mustAssignment(id);
    const used = [...this.configs.values()].filter((c) => this.active(c) && c.role_assignments.includes(id));
    if (used.length) fail(400, "unable-to-fulfill", `role assignment ${id} is still used by network service configs ${used.map((c) => c.id).join(", ")}`);
    this.assignments.delete(id);
  }

  // ---- the state file (sandbox/core/state.ts) ------------------------------------------------------

  /** Every service, config, contact and role assignment, the rules, the id counter, credentials and tokens. */
  snapshot(): IxapiState {
    return { services: this.services, configs: this.configs, contacts: this.contacts, assignments: this.assignments, rules: this.rules.snapshot(), seq: this.seq, auth: this.auth.snapshot() };
  }

  restore(s: IxapiState): void {
    refill(this.services, s.services);
    refill(this.configs, s.configs);
    refill(this.contacts, s.contacts);
    refill(this.assignments, s.assignments);
    this.rules.restore(s.rules);
    this.seq = s.seq ?? 0;
    this.auth.restore(s.auth);
  }

  // ---- admin rules ------------------------------------------------------------------------------

  /** A stalled service or config leaves `requested` now, as if the exchange had caught up. */
  releaseStall(id: string): void {
    const svc = this.services.get(id);
    const r = svc ?? this.configs.get(id);
    if (!r) throw new Error(`no service or config ${id}`);
    if (r.readyAt !== Infinity) return;
    r.readyAt = this.now + this.delay(svc ? "allocation" : "configProvisioning");
    const owner = svc ?? this.services.get((r as ConfigRecord).network_service);
    if (svc) for (const c of this.liveConfigs(svc.id)) if (c.readyAt === Infinity && c.errorAt === undefined) c.readyAt = r.readyAt + this.delay("configProvisioning");
    if (owner) this.announceProduction(owner);
  }
  /** Moves an existing object to error now. */
  failNow(id: string, message: string): void {
    const r = this.services.get(id) ?? this.configs.get(id);
    if (!r) throw new Error(`no service or config ${id}`);
    this.setError(r, this.now, message);
  }
}
