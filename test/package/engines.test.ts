// The Node.js versions: package.json `engines` matches what @pulumi/pulumi requires, the tests run on a
// Node that satisfies it, and `npm ci` installed the pinned Node (the `node` devDependency, whose install
// script package.json's allowScripts approves) that `npm test` puts first on PATH.
import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

/** The lowest version a `>=x[.y[.z]]` range allows, as [major, minor, patch]. */
function lowerBound(range: string): number[] {
  const m = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(range.trim());
  assert.ok(m, `engines range "${range}" is not of the form >=x.y.z`);
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
}

function atLeast(version: number[], bound: number[]): boolean {
  for (let i = 0; i < 3; i++) if (version[i] !== bound[i]) return version[i] > bound[i];
  return true;
}

const parse = (v: string) => v.replace(/^v/, "").split(".").map(Number);

describe("package: Node.js versions", function () {
  it("engines.node is at least what the pinned @pulumi/pulumi requires", function () {
    const sdk = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"));
    assert.equal(sdk.version, pkg.devDependencies["@pulumi/pulumi"]);
    assert.ok(atLeast(lowerBound(pkg.engines.node), lowerBound(sdk.engines.node)), `engines.node ${pkg.engines.node} allows a Node that @pulumi/pulumi ${sdk.version} (${sdk.engines.node}) does not`);
  });

  it("the tests run on a Node that engines.node allows", function () {
    assert.ok(atLeast(parse(process.versions.node), lowerBound(pkg.engines.node)), `running on Node ${process.version}, engines.node is ${pkg.engines.node}`);
  });

  it("npm ci installed the pinned Node in node_modules/.bin (the node devDependency), which engines.node allows", function () {
    const pinned = pkg.devDependencies.node;
    assert.ok(pkg.allowScripts?.node === true, "package.json allowScripts does not approve the node package's install script");
    const bin = path.join(ROOT, "node_modules", ".bin", process.platform === "win32" ? "node.cmd" : "node");
    const version = execFileSync(bin, ["--version"], { encoding: "utf8" }).trim();
    assert.equal(version, `v${pinned}`);
    assert.ok(atLeast(parse(pinned), lowerBound(pkg.engines.node)));
  });
});
