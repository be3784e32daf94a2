#!/usr/bin/env bash
# Packs botojs as `npm publish` would, installs the tarball into a fresh app outside the
# repository and uses it the ways a user does:
#   - checks the tarball's contents (no tests, sources, maps) and prints its sizes;
#   - a CommonJS program making real calls to a loopback server (scripts/pack-app/smoke.cjs);
#   - an ES module importing named exports of botojs, botojs/dynamodb, botojs/testing (smoke.mjs);
#   - `npx botojs --help` and the REPL on piped input;
#   - `tsc --strict --noEmit` on a TypeScript app, under node10, node16 and bundler resolution;
#   - `npx botojs types s3 dynamodb`, then a strict compile in which every planted mistake
#     (scripts/pack-app/typed-app.ts) must be an error and the correct code must not.
# Options (environment):
#   PACK_CHECK_NODES="20.0.0 24"  also run the two programs under these Node releases
#                                 (scripts/with-node.sh fetches them);
#   PACK_CHECK_GIT=1              also `npm install git+file://<this repo>#HEAD` (commits only:
#                                 the git install runs `prepare`, which must build dist/).
# Dependencies come from npm's cache when there (--prefer-offline), else the registry.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

work="$(mktemp -d "${TMPDIR:-/tmp}/botojs-pack-check.XXXXXX")"
trap 'status=$?; if [[ $status -ne 0 ]]; then echo "pack-check: FAILED (exit $status); work dir kept: $work" >&2; else rm -rf "$work"; fi' EXIT
trap 'echo "pack-check: FAILED at line $LINENO: $BASH_COMMAND" >&2' ERR

fail() {
  echo "pack-check: FAILED: $*" >&2
  exit 1
}
step() {
  echo "== pack-check: $* ($SECONDS s)"
}

npm_install=(npm install --prefer-offline --no-audit --no-fund --loglevel=error)

step "npm pack (prepack builds dist/)"
npm pack --json --pack-destination "$work" >"$work/pack.json"
node - "$work/pack.json" <<'EOF'
// Reads npm pack's JSON report: what the tarball holds, and how big it is.
const fs = require('fs');
const text = fs.readFileSync(process.argv[2], 'utf8');
const [report] = JSON.parse(text.slice(text.indexOf('[')));
const paths = report.files.map((f) => f.path);
const problems = [];
for (const needed of ['package.json', 'README.md', 'LICENSE', 'NOTICE', 'dist/index.js', 'dist/index.d.ts', 'dist/dynamodb.js', 'dist/dynamodb.d.ts', 'dist/testing.js', 'dist/testing.d.ts', 'dist/cli/botojs.js', 'service-models/s3/2006-03-01/service-2.json', 'service-models/_retry.json', 'resource-models/s3/2006-03-01/resources-1.json']) {
  if (!paths.includes(needed)) problems.push(`missing ${needed}`);
}
const junk = paths.filter((p) => /\.(map|tsbuildinfo)$|^(spec|src|scripts|bench|examples|docs|\.ci)\/|\.spec\.|(^|\/)\.|\.ts$/.test(p) && !p.endsWith('.d.ts'));
if (junk.length) problems.push(`files users do not need: ${junk.slice(0, 10).join(', ')}${junk.length > 10 ? ', ...' : ''}`);
// Loud limits, well above today's size: a tarball past them took in something by mistake.
if (report.size > 8e6) problems.push(`packed size ${report.size} bytes is over 8 MB`);
if (report.unpackedSize > 60e6) problems.push(`unpacked size ${report.unpackedSize} bytes is over 60 MB`);
const mb = (n) => (n / 1e6).toFixed(1) + ' MB';
console.log(`tarball ${report.filename}: ${mb(report.size)} packed, ${mb(report.unpackedSize)} unpacked, ${report.entryCount} files`);
if (problems.length) {
  console.error('pack-check: the tarball is wrong:\n  ' + problems.join('\n  '));
  process.exit(1);
}
fs.writeFileSync(process.argv[2] + '.filename', report.filename);
EOF
tarball="$work/$(cat "$work/pack.json.filename")"

step "install the tarball into a fresh app"
app="$work/app"
mkdir "$app"
cp scripts/pack-app/* "$app/"
echo '{ "name": "botojs-pack-app", "version": "1.0.0", "private": true }' >"$app/package.json"
# @types/node at the repository's version, for the TypeScript check (and a cache hit).
types_node="$(node -p "require('./node_modules/@types/node/package.json').version")"
(cd "$app" && "${npm_install[@]}" "$tarball" "@types/node@$types_node")
[[ -f "$app/node_modules/botojs/dist/index.js" ]] || fail "the installed package has no dist/index.js"

step "CommonJS program (node $(node --version))"
(cd "$app" && node smoke.cjs)
step "ES module program"
(cd "$app" && node smoke.mjs)

step "npx botojs"
[[ -x "$app/node_modules/.bin/botojs" ]] || fail "npm linked no botojs bin into node_modules/.bin"
# --no: never fetch a "botojs" from the registry if the local bin were missing.
help_status=0
help_out="$(cd "$app" && npx --no -- botojs --help 2>&1)" || help_status=$?
# 0 once the CLI treats --help as a request; 2 (usage error) from CLIs before that. A crash
# (1, or no usage line) is a broken bin entry.
[[ $help_status -eq 0 ]] || fail "npx botojs --help exited $help_status: $help_out"
grep -q "usage: botojs" <<<"$help_out" || fail "npx botojs --help printed no usage line: $help_out"
repl_out="$(cd "$app" && printf "typeof client('s3').listBuckets\n.exit\n" | AWS_CONFIG_FILE=/nonexistent npx --no -- botojs repl --region us-east-1 2>&1)" ||
  fail "npx botojs repl failed: $repl_out"
grep -q "'function'" <<<"$repl_out" || fail "the REPL did not evaluate a line: $repl_out"

step "tsc --strict --noEmit (node10, node16, bundler)"
tsc=(node "$repo/node_modules/typescript/bin/tsc" --strict --noEmit --target es2022 --types node)
(cd "$app" && "${tsc[@]}" --module commonjs --moduleResolution node10 app.ts)
(cd "$app" && "${tsc[@]}" --module node16 --moduleResolution node16 app.ts app-esm.mts)
(cd "$app" && "${tsc[@]}" --module esnext --moduleResolution bundler app.ts)

step "npx botojs types s3 dynamodb, then tsc --strict catches the planted mistakes"
(cd "$app" && npx --no -- botojs types s3 dynamodb --out botojs-types --no-docs)
[[ -f "$app/botojs-types/s3.d.ts" && -f "$app/botojs-types/dynamodb.d.ts" ]] || fail "botojs types wrote no s3.d.ts / dynamodb.d.ts"
(cd "$app" && "${tsc[@]}" --module commonjs --moduleResolution node10 typed-app.ts botojs-types/*.d.ts) ||
  fail "the typed app did not compile as expected against the generated declarations (see above)"

for version in ${PACK_CHECK_NODES:-}; do
  step "the programs under Node $version"
  (cd "$app" && "$repo/scripts/with-node.sh" "$version" node smoke.cjs)
  (cd "$app" && "$repo/scripts/with-node.sh" "$version" node smoke.mjs)
done

if [[ "${PACK_CHECK_GIT:-}" == 1 ]]; then
  commit="$(git rev-parse HEAD)"
  step "npm install git+file://$repo#$commit (prepare builds dist/ in the clone)"
  git_app="$work/git-app"
  mkdir "$git_app"
  echo '{ "name": "botojs-git-app", "version": "1.0.0", "private": true }' >"$git_app/package.json"
  cp scripts/pack-app/smoke.cjs "$git_app/"
  (cd "$git_app" && "${npm_install[@]}" "git+file://$repo#$commit")
  (cd "$git_app" && node smoke.cjs)
fi

step "all checks passed"
