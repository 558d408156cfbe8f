#!/usr/bin/env bash
# One command: install what is missing (including the real servers the tests use), build, run every test.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh" test
for setup in "$top"/scripts/test-setup-*.sh; do
  [ -e "$setup" ] && "$setup"
done
"$top/scripts/build.sh" -DLECTERN_BUILD_TESTS=ON -DLECTERN_BUILD_BENCH=ON
cd "${LECTERN_BUILD_DIR:-$top/build}"
ctest --output-on-failure --parallel "$(nproc)" --timeout 300
