/**
 * What the Fabric v4 objects of the routing resources (Cloud Routers and routing protocols) map the same
 * way: their identity and state outputs.
 */

/** The object's uuid, href and state outputs; a state Equinix leaves out reads as UNKNOWN. */
export function fabricObjectOutputs(x: { uuid: string; href?: string; state?: string }): { uuid: string; href: string | undefined; state: string } {
  return { uuid: x.uuid, href: x.href, state: x.state ?? "UNKNOWN" };
}
