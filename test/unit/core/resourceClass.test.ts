import assert from "node:assert/strict";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as ts from "typescript";
import { kindSpecOf, KindSpec } from "../../../provider/core/resourceClass";

type Namespaces = typeof import("../../../provider");
type AnyClass = (new (name: string, args: any, opts?: pulumi.CustomResourceOptions) => pulumi.dynamic.Resource) & {
  get(name: string, id: string, opts?: pulumi.CustomResourceOptions): pulumi.dynamic.Resource;
};

const ROOT = path.resolve(__dirname, "..", "..", "..");

/** Every resource class the three namespaces export, by its public name ("fabric.Connection"). */
function resourceClasses(ns: Namespaces): { name: string; cls: AnyClass; spec: KindSpec<object> }[] {
  return Object.entries(ns).flatMap(([api, exports]) =>
    Object.entries(exports as Record<string, unknown>).flatMap(([name, value]) => {
      const spec = kindSpecOf(value);
      return spec ? [{ name: `${api}.${name}`, cls: value as AnyClass, spec }] : [];
    }),
  );
}

/**
 * The outputs each exported class declares (the fields of its `<Resource>Outputs`, each a `pulumi.Output` on the
 * instance), read by the compiler: the instance's Output properties declared in the package (not `id`, `urn`).
 */
function declaredOutputs(): Map<string, string[]> {
  const entry = path.join(ROOT, "provider", "index.ts");
  const program = ts.createProgram([entry], { target: ts.ScriptTarget.ES2020, module: ts.ModuleKind.CommonJS, strict: true, esModuleInterop: true, skipLibCheck: true, types: ["node"], noEmit: true });
  const checker = program.getTypeChecker();
  const out = new Map<string, string[]>();
  const root = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  for (const api of checker.getExportsOfModule(root)) {
    for (const sym of checker.getExportsOfModule(checker.getAliasedSymbol(api))) {
      const decl = (sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym).valueDeclaration;
      if (!decl || !ts.isClassDeclaration(decl)) continue;
      const instance = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(decl.name!)!);
      const own = checker.getPropertiesOfType(instance).filter((p) => {
        const where = p.declarations?.[0]?.getSourceFile().fileName ?? "";
        return where.startsWith(path.join(ROOT, "provider").split(path.sep).join("/")) && /^Output(Instance)?</.test(checker.typeToString(checker.getTypeOfSymbol(p)));
      });
      out.set(`${api.name}.${sym.name}`, own.map((p) => p.name));
    }
  }
  return out;
}

describe("core/resourceClass: what every resource class gets from its kind declaration", function () {
  this.timeout(60_000);
  const registered: pulumi.runtime.MockResourceArgs[] = [];
  let ns: Namespaces;
  let classes: ReturnType<typeof resourceClasses>;

  before(async () => {
    pulumi.runtime.setMocks(
      {
        newResource: (args) => {
          registered.push(args);
          return { id: args.id || `${args.name}-id`, state: args.inputs };
        },
        call: () => ({}),
      },
      "class-test",
      "unit",
      false,
    );
    ns = await import("../../../provider");
    classes = resourceClasses(ns);
  });

  const settle = () => new Promise((r) => setTimeout(r, 50));
  const find = (name: string) => registered.find((r) => r.name === name)!;

  it("the kinds the runtime serves are exactly the exported resource classes' kinds (the vendor index.ts is the kinds table)", async () => {
    const runtime = await import("../../../provider/runtime");
    assert.ok(classes.length >= 9, classes.map((c) => c.name).join(", "));
    assert.deepEqual(classes.map((c) => c.spec.kind).sort(), runtime.knownKinds());
    for (const { name, spec } of classes) assert.equal(spec.kind, name.replace(".", ":"), "a kind is <api>:<Class>");
  });

  it("each class's outputs list names exactly the outputs it declares", () => {
    const declared = declaredOutputs();
    assert.equal(declared.size, classes.length, [...declared.keys()].join(", "));
    for (const { name, spec } of classes) {
      assert.deepEqual([...spec.outputs].sort(), [...(declared.get(name) ?? [])].sort(), name);
    }
  });

  it("get(name, id) gives every declared output as an Output, those that echo an argument included", async () => {
    for (const { name, cls, spec } of classes) {
      const ref = cls.get(`ref-${name}`, `id-${name}`);
      for (const k of spec.outputs) {
        assert.ok(pulumi.Output.isInstance((ref as unknown as Record<string, unknown>)[k]), `${name}.get(...).${k} is an Output`);
      }
    }
  });

  it("registers the type token pulumi-nodejs:dynamic/<api>:<Resource> and the thin provider of its kind", async () => {
    new ns.ixapi.RoleAssignment("token-ra", { role: "noc", contact: "contact-1" });
    await settle();
    const r = find("token-ra");
    assert.equal(r.type, "pulumi-nodejs:dynamic/ixapi:RoleAssignment");
    assert.match(String(r.inputs.__provider), /ixapi:RoleAssignment/);
    assert.equal(r.inputs.__identity, "class-test/unit/ixapi:RoleAssignment/token-ra");
  });

  it("customTimeouts fills the timeouts argument per operation; an explicit timeouts wins", async () => {
    new ns.alibaba.VirtualBorderRouter(
      "timeouts-vbr",
      { physicalConnectionId: "pc-1", vlanId: 10, localGatewayIp: "10.0.0.1", peerGatewayIp: "10.0.0.2", peeringSubnetMask: "255.255.255.252", timeouts: { delete: 90 } },
      { customTimeouts: { create: "2m", delete: "5m" } },
    );
    await settle();
    assert.deepEqual(find("timeouts-vbr").inputs.timeouts, { create: "2m", delete: 90 });
  });
});
