#!/usr/bin/env bash
# Runs tests on the other supported Node.js major (package.json engines: ">=22"). `npm test` runs on the
# Node 22 that the `node` devDependency installs in node_modules/.bin; this script does the same with
# Node 24 LTS: the npm package `node@<version>` (its preinstall fetches node-<platform>-<arch>), installed
# once into node_modules/.cache/node-matrix/, put first on PATH, then the build and mocha run on it, so
# tsc, mocha, ts-node and every child process (the dynamic-provider plugin included) run on Node 24.
#
#   scripts/node-matrix.sh                    # unit and contract tests (the default)
#   scripts/node-matrix.sh 'test/lifecycle/**/*.test.ts' ...   # other mocha specs
#   NODE_MATRIX_VERSION=24.21.0 scripts/node-matrix.sh          # another version
#
# Needs the npm registry once per version (npm's own cache serves later installs); ends with mocha's
# "N passed, N failed" line and exits non-zero when a test fails.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
version="${NODE_MATRIX_VERSION:-24.21.0}"
if [ "$#" -gt 0 ]; then
  specs=("$@")
else
  specs=("test/unit/**/*.test.ts" "test/contract/**/*.test.ts")
fi

dir="$root/node_modules/.cache/node-matrix/node-$version"
bin="$dir/node_modules/.bin"

if [ "$("$bin/node" --version 2>/dev/null || true)" != "v$version" ]; then
  echo "node-matrix: installing Node.js $version (npm package node@$version) into ${dir#"$root"/}" >&2
  rm -rf "$dir"
  mkdir -p "$dir"
  cat >"$dir/package.json" <<EOF
{
  "name": "node-matrix-$version",
  "private": true,
  "dependencies": { "node": "$version" },
  "allowScripts": { "node": true }
}
EOF
  # A project-scoped install of its own: drop what an enclosing `npm run` exported about this project.
  (cd "$dir" && env -u npm_config_local_prefix -u npm_config_allow_scripts -u npm_config_call \
    npm install --no-audit --no-fund --no-package-lock --prefer-offline >&2)
  if [ "$("$bin/node" --version 2>/dev/null || true)" != "v$version" ]; then
    echo "node-matrix: the node@$version package did not install a Node.js $version binary in ${bin#"$root"/}" >&2
    exit 1
  fi
fi

export PATH="$bin:$PATH"
cd "$root"
echo "node-matrix: $(command -v node) $(node --version)" >&2

node node_modules/typescript/bin/tsc -p tsconfig.json
node scripts/link-local.js

exec node node_modules/mocha/bin/mocha.js "${specs[@]}"
