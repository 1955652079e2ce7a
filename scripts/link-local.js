#!/usr/bin/env node
// Gives every example and test fixture project its own node_modules/pulumi-interconnect, a symlink to
// this checkout: what `npm install file:../..` does, without reinstalling the SDK in each project.
// A stack's serialized providers require("pulumi-interconnect/provider/runtime") from the project
// directory, so this is how the examples resolve the package exactly as a user's stack does.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const parents = [path.join(root, "examples"), path.join(root, "test", "fixtures")];

for (const parent of parents) {
  if (!fs.existsSync(parent)) continue;
  for (const entry of fs.readdirSync(parent, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const project = path.join(parent, entry.name);
    const pkgFile = path.join(project, "package.json");
    if (!fs.existsSync(pkgFile)) continue;
    const pkg = JSON.parse(fs.readFileSync(pkgFile, "utf8"));
    const dep = (pkg.dependencies || {})["pulumi-interconnect"];
    if (!dep || !dep.startsWith("file:")) continue;
    const target = path.resolve(project, dep.slice("file:".length));
    const linkDir = path.join(project, "node_modules");
    const link = path.join(linkDir, "pulumi-interconnect");
    fs.mkdirSync(linkDir, { recursive: true });
    try {
      fs.rmSync(link, { recursive: true, force: true });
    } catch {
      /* absent */
    }
    fs.symlinkSync(path.relative(linkDir, target), link, "dir");
  }
}
