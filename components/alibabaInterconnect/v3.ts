import { describeIssue } from "../../provider/core/validation";
import { L2Connection } from "../../provider/fabric/l2Connection";
import { ECX_NAME_MAX, L2Leg, tagIssues } from "../../provider/fabric/l2ConnectionMapping";
import { credentialsOf, samePortIssues } from "../common";
import { AlibabaHandoverArgs, AlibabaInterconnectArgs, FabricBuild, FabricSide, handoversOf } from "./args";

/** Where each field of an ECX v3 leg comes from in a handover's arguments. */
const FIELD_OF: Record<string, string> = {
  name: "name",
  portUuid: "aSide.port.uuid",
  portType: "aSide.port.type",
  vlanSTag: "aSide.port.vlanSTag",
  vlanCTag: "aSide.port.vlanCTag",
};

/** One handover's fields of the ECX v3 request: its port with the v3 tags. */
function v3Leg(leg: AlibabaHandoverArgs, name: string | undefined) {
  const p = leg.aSide!.port!;
  const fields = { name, portUuid: p.uuid, portType: p.type, vlanSTag: p.vlanSTag, vlanCTag: p.vlanCTag };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<L2Leg>;
}

/**
 * The ECX v3 rules of the handovers (fabricApi "v3"): ports only, each leg checked by fabric.L2Connection's
 * own schema (name, tag ranges) and tagging table, distinct ports.
 */
export function validateV3(args: AlibabaInterconnectArgs, componentName: string | undefined, profileUuid: string): string[] {
  const errors: string[] = [];
  if (args.termLength !== undefined) errors.push('termLength applies only with fabricApi "v4": ECX v3 has no term');
  if (!args.primary) errors.push("primary is required");
  for (const { role, short, leg } of handoversOf(args)) {
    const a = leg.aSide;
    if (!a?.port) {
      errors.push(`${role}.aSide.port is required with fabricApi "v3": ECX v3 connects a port only (no service token, cloud router or Network Edge device)`);
      continue;
    }
    for (const k of ["serviceToken", "cloudRouter", "virtualDevice"] as const) {
      if (a[k] !== undefined) errors.push(`${role}.aSide.${k} conflicts with ${role}.aSide.port: with fabricApi "v3" the A side is a port only`);
    }
    const f = `${role}.aSide.port`;
    if (a.port.type === undefined) errors.push(`${f}.type is required with fabricApi "v3": DOT1Q or QINQ, so that the tags are checked before anything is created`);
    if (a.port.vlanTag !== undefined) errors.push(`${f}.vlanTag does not apply with fabricApi "v3": ECX v3 tags a DOT1Q port with vlanSTag`);
    const name = leg.name ?? (componentName !== undefined ? `${componentName}-${short}` : undefined);
    const fields = v3Leg(leg, name);
    const parsed = L2Leg.partial({ name: true }).safeParse(fields);
    let badName = false;
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      if (issue.path[0] === "name") badName = true;
      else errors.push(`${role}.${FIELD_OF[String(issue.path[0])] ?? issue.path.join(".")} ${describeIssue(issue)}`);
    }
    if (badName) {
      errors.push(`${role}.name must be 1 to ${ECX_NAME_MAX} letters, digits, '-' or '_' with fabricApi "v3" (got "${name}"${leg.name === undefined ? ", the default from the component name" : ""})`);
    }
    for (const issue of tagIssues({ ...(fields as L2Leg), profileUuid }, {})) errors.push(`${role}.${FIELD_OF[issue.path.join(".")]} ${issue.message}`);
  }
  errors.push(...samePortIssues("aSide.port", args.primary?.aSide?.port?.uuid, args.secondary?.aSide?.port?.uuid));
  return errors;
}

/** One `fabric.L2Connection` (ECX v3) that creates both legs to the profile in one request. */
export function buildV3(b: FabricBuild): FabricSide & { l2Connection: L2Connection } {
  const { args, name } = b;
  const [primary, secondary] = handoversOf(args);
  const leg = (h: typeof primary) => v3Leg(h.leg, h.leg.name ?? `${name}-${h.short}`) as L2Leg;
  const l2Connection = new L2Connection(
    `${name}-fabric`,
    {
      ...leg(primary),
      profileUuid: b.profile.uuid,
      authorizationKey: b.accountId,
      sellerRegion: b.sellerRegion,
      sellerMetroCode: args.metroCode,
      speed: args.bandwidth,
      speedUnit: "MB",
      notifications: args.notifications,
      purchaseOrderNumber: args.purchaseOrderNumber,
      ...(secondary ? { secondary: leg(secondary) } : {}),
      timeouts: args.timeouts,
      ...credentialsOf(args.credentials?.equinix),
    },
    { parent: b.parent, ...(b.gate ? { dependsOn: b.gate } : {}) },
  );
  const l2 = l2Connection;
  const legs = handoversOf(args).map(({ role, short, leg }) =>
    role === "primary"
      ? { role, short, leg, uuid: l2.primaryId, equinixStatus: l2.primaryStatus, providerStatus: l2.primaryProviderStatus, providerConnectionId: l2.primaryProviderConnectionId }
      : { role, short, leg, uuid: l2.secondaryId, equinixStatus: l2.secondaryStatus, providerStatus: l2.secondaryProviderStatus, providerConnectionId: l2.secondaryProviderConnectionId },
  );
  return { l2Connection, legs, redundancyGroup: l2.redundancyGroup };
}
