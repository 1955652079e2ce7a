import * as pulumi from "@pulumi/pulumi";

/** Throws the component's argument errors, all at once, before any child resource is registered. */
export function rejectInvalid(component: pulumi.ComponentResource, type: string, name: string, errors: string[]): void {
  if (errors.length) throw new pulumi.ResourceError(`${type} ${name}: invalid arguments:\n  - ${errors.join("\n  - ")}`, component);
}

/** A redundant pair's legs on one port: `field` is where the port sits in a leg, e.g. "aSide.port". */
export function samePortIssues(field: string, primaryUuid: string | undefined, secondaryUuid: string | undefined): string[] {
  return primaryUuid && primaryUuid === secondaryUuid
    ? [`secondary.${field}.uuid must differ from primary.${field}.uuid (${primaryUuid}): a redundant pair needs two distinct ports`]
    : [];
}
