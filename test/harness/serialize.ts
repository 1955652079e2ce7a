/**
 * serializeProvider: the `__provider` value exactly as `pulumi.dynamic.Resource` produces it
 * (node_modules/@pulumi/pulumi/dynamic/index.js, serializeFunctionMaybeSecret):
 * `serializeFunction(() => provider, {allowSecrets: true})`, keeping `.text` as the value and
 * `.containsSecrets` as the secretness of the Output the SDK stores. When `containsSecrets` is true the
 * SDK sends `__provider` as a secret; `providerInput()` returns that wire form.
 *
 * The SDK module is resolved from `projectDir` (default: this checkout), as a program would.
 */
import * as path from "path";
import { createRequire } from "module";
import { secret } from "./wire";

export interface SerializedProvider {
  text: string;
  containsSecrets: boolean;
}

export async function serializeProvider(provider: object, projectDir?: string): Promise<SerializedProvider> {
  const req = createRequire(path.join(path.resolve(projectDir ?? process.cwd()), "__harness__.js"));
  const pulumi = req("@pulumi/pulumi");
  const sf = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return { text: sf.text as string, containsSecrets: sf.containsSecrets as boolean };
}

/** The `__provider` input as the SDK sends it: the text, wrapped as a secret when it contains secrets. */
export function providerInput(sp: SerializedProvider): unknown {
  return sp.containsSecrets ? secret(sp.text) : sp.text;
}
