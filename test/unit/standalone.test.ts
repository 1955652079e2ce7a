// What a user's clone needs: user-facing text cites the vendors' documents (users do not have the
// workplace's numbered source files), and no test reads anything outside the repository.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

/** Files under dir (relative to the repository) whose name passes keep, without node_modules. */
function files(dir: string, keep: (name: string) => boolean): string[] {
  const abs = path.join(ROOT, dir);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [dir];
  return fs.readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    if (e.name === "node_modules" || e.name === "dist") return [];
    const rel = path.join(dir, e.name);
    return e.isDirectory() ? files(rel, keep) : keep(e.name) ? [rel] : [];
  });
}

/** "file:line: text" of every line matching re. */
function grep(list: string[], re: RegExp): string[] {
  return list.flatMap((f) =>
    fs
      .readFileSync(path.join(ROOT, f), "utf8")
      .split("\n")
      .flatMap((line, i) => (re.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe("a clone stands alone", () => {
  it("errors, TSDoc, examples and the README cite the vendors' documents, never a numbered seed", () => {
    const userFacing = [
      ...["provider", "components", "sandbox", "examples"].flatMap((d) => files(d, (n) => /\.(ts|ya?ml)$/.test(n))),
      ...files("index.ts", () => true),
      ...files("README.md", () => true),
    ];
    assert.ok(userFacing.length > 50, `only ${userFacing.length} files looked at`);
    assert.deepEqual(grep(userFacing, /\bseeds?\b/i), []);
  });

  it("the tests and scripts read nothing beside the clone (a shared folder) and no absolute workplace path", () => {
    const code = [...files("test", (n) => /\.(ts|js)$/.test(n)), ...files("scripts", (n) => /\.(ts|js)$/.test(n) && n !== "derive-fixtures.js")];
    assert.ok(code.length > 50, `only ${code.length} files looked at`);
    const self = path.relative(ROOT, __filename);
    assert.deepEqual(grep(code.filter((f) => f !== self), /\.\.\/shared|["'`]\/work\//), []);
  });

  it("the schema fixtures the tests read are in the repository", () => {
    for (const f of ["equinix/fabricv4.json", "equinix/accesstokenv1.json", "equinix/ecx-v3-examples.json", "ixapi/ix-api-v2.1.0.json", "alibaba/vpc-2016-04-28.json"]) {
      const doc = JSON.parse(fs.readFileSync(path.join(ROOT, "test", "fixtures", "specs", f), "utf8"));
      assert.match(doc.generated, /scripts\/derive-fixtures\.js/, f);
      assert.ok(doc.source?.document, `${f} names the document it was derived from`);
    }
  });
});
