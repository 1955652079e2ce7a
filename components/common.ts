import * as pulumi from "@pulumi/pulumi";
import { credentialSetIssue } from "../provider/core/config";
import { VirtualBorderRouterInputs } from "../provider/alibaba/virtualBorderRouterMapping";

/**
 * A component of this package whose arguments are checked before any child resource is registered:
 * `errors` (from its validate function) are thrown all at once, each naming its field.
 */
export abstract class CheckedComponent extends pulumi.ComponentResource {
  protected constructor(type: string, name: string, errors: string[], opts?: pulumi.ComponentResourceOptions) {
    super(`pulumi-interconnect:components:${type}`, name, {}, opts);
    if (errors.length) throw new pulumi.ResourceError(`${type} ${name}: invalid arguments:\n  - ${errors.join("\n  - ")}`, this);
  }
}

/** A redundant pair's legs on one port: `field` is where the port sits in a leg, e.g. "aSide.port". */
export function samePortIssues(field: string, primaryUuid: string | undefined, secondaryUuid: string | undefined): string[] {
  return primaryUuid && primaryUuid === secondaryUuid
    ? [`secondary.${field}.uuid must differ from primary.${field}.uuid (${primaryUuid}): a redundant pair needs two distinct ports`]
    : [];
}

/** The `credentials` argument a component passes to its children of one vendor, when a set is named. */
export function credentialsOf(set: string | undefined): { credentials?: string } {
  return set === undefined ? {} : { credentials: set };
}

/** The issues of credential set names given to a component (`field` names each, e.g. "credentials.alibaba"). */
export function credentialSetIssues(sets: Record<string, string | undefined>): string[] {
  return Object.entries(sets).flatMap(([field, set]) => {
    const issue = set === undefined ? undefined : credentialSetIssue(set);
    return issue ? [`${field} ${issue}`] : [];
  });
}

/**
 * The issues a VBR's own rules (gateway addresses, same subnet, mask /24 to /30, name) find in a peering
 * a component gives, before anything exists: each names `${at}.<field>` (the VBR's `name` is the
 * component's `vbrName`).
 */
export function vbrPeeringIssues(at: string, p: { localGatewayIp?: string; peerGatewayIp?: string; peeringSubnetMask?: string; vbrName?: string }): string[] {
  const parsed = VirtualBorderRouterInputs.safeParse({
    physicalConnectionId: "pc-tobeassigned",
    vlanId: 0,
    localGatewayIp: p.localGatewayIp,
    peerGatewayIp: p.peerGatewayIp,
    peeringSubnetMask: p.peeringSubnetMask,
    ...(p.vbrName !== undefined ? { name: p.vbrName } : {}),
  });
  return (parsed.success ? [] : parsed.error.issues).map((issue) => `${at}.${issue.path[0] === "name" ? "vbrName" : issue.path.join(".")} ${issue.message}`);
}
