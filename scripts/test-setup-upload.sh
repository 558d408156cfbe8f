#!/usr/bin/env bash
# Installs the npm test servers for the upload suite (s3rver, @tus/server, @tus/file-store) from
# tests/servers/package-lock.json into tests/servers/node_modules. The Debian ones (nginx, nodejs,
# npm, s3cmd, python3-botocore) come from scripts/deps/test-upload.txt via install-deps.sh test.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
servers="$top/tests/servers"
if ! command -v npm >/dev/null; then
  # Debian's nodejs comes without npm; the NodeSource nodejs has its own and conflicts with it.
  if [ "$(id -u)" -eq 0 ]; then
    echo "test-setup-upload: installing Debian's npm"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm
  else
    echo "test-setup-upload: npm is missing; as root run: apt-get install npm" >&2
    exit 1
  fi
fi
# Skip when node_modules matches the lock file (npm writes its own copy of the lock there).
if [ -f "$servers/node_modules/.package-lock.json" ] && [ -d "$servers/node_modules/s3rver" ] &&
   [ -d "$servers/node_modules/@tus/server" ] && [ "$servers/node_modules/.package-lock.json" -nt "$servers/package-lock.json" ]; then
  echo "test-setup-upload: test servers already installed"
  exit 0
fi
echo "test-setup-upload: installing test servers with npm ci"
(cd "$servers" && npm ci --no-audit --no-fund --loglevel=error)
