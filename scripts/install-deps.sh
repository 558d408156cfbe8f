#!/usr/bin/env bash
# Installs the Debian packages Lectern needs. Usage: scripts/install-deps.sh [run|test]
#   run  — what building and running the kiosk needs (scripts/deps/{core,media,upload}.txt)
#   test — that plus what the test suite runs against (scripts/deps/test*.txt)
# As root, missing packages are installed with apt-get; otherwise the exact command is printed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-run}
lists=("$here"/deps/core.txt "$here"/deps/media.txt "$here"/deps/upload.txt)
if [ "$mode" = test ]; then
  for f in "$here"/deps/test*.txt; do lists+=("$f"); done
fi
wanted=$(grep -hv '^\s*#' "${lists[@]}" | awk 'NF{print $1}' | sort -u)
missing=()
for p in $wanted; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${mode} packages present"
  exit 0
fi
cmd="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run as root:  apt-get update && $cmd" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
$cmd
