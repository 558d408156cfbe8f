#!/usr/bin/env bash
# One command: install what is missing (including the real servers the tests use), build, run every test,
# then the core, media and upload suites again under ASan+UBSan and TSan (scripts/test-sanitizers.sh;
# LECTERN_SANITIZERS="" leaves them out). Each step prints its time: README "Time budget of the CI".
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
step() { echo "== test.sh: $1 in $(( $(date +%s) - since )) s"; since=$(date +%s); }
since=$(date +%s)
"$top/scripts/install-deps.sh" test
for setup in "$top"/scripts/test-setup-*.sh; do
  [ -e "$setup" ] && "$setup"
done
step "install check"
"$top/scripts/build.sh" -DLECTERN_BUILD_TESTS=ON -DLECTERN_BUILD_BENCH=ON
step "Release build"
# The six fuzz runs take 30 s each here (two at a time) to leave room for the sanitizers in the CI's
# 30 minutes; their libFuzzer seed is fixed, so a longer run mostly repeats the same inputs.
export LECTERN_FUZZ_SECONDS=${LECTERN_FUZZ_SECONDS:-30}
(cd "${LECTERN_BUILD_DIR:-$top/build}" && ctest --output-on-failure --parallel "$(nproc)" --timeout 300)
step "Release suite"
"$top/scripts/test-sanitizers.sh"
step "sanitizer suites"
