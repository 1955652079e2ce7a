import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object handed to `pulumi.dynamic.Resource`, serialized into the state of every resource
 * (in its inputs and its outputs). It holds only its kind and one method. The plugin deserializes it
 * and calls `configure()` before any other method (in the same tick as it caches the object, so no
 * concurrent call can see it unconfigured); configure asks the package's runtime, required in the
 * plugin process, to attach check/diff/create/read/update/delete for this kind.
 *
 * Why not one serialized method per operation: the SDK's serializer wraps every function in ~190 bytes,
 * so seven methods cost 1,681 bytes even with empty bodies, over our 1,500-byte budget; this costs about 600 (596 for fabric:Connection).
 *
 * Compatibility contract: old states keep calling this exact text after an upgrade, so
 * `require("pulumi-interconnect/provider/runtime").attach(this, req)` and the kind names stay.
 */
export function thinProvider(kind: string): pulumi.dynamic.ResourceProvider {
  return {
    kind,
    configure(req: pulumi.dynamic.ConfigureRequest) {
      return require("pulumi-interconnect/provider/runtime").attach(this, req);
    },
  } as unknown as pulumi.dynamic.ResourceProvider;
}
