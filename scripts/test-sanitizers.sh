#!/usr/bin/env bash
# The core, media and upload suites again under the sanitizer presets of CMakePresets.json:
# ASan+UBSan (build-asan/) and TSan (build-tsan/), issue 12 item 20. Run it after scripts/test.sh (which
# installs what the suites need); LECTERN_SANITIZERS picks the presets ("asan tsan" by default).
# Not part of scripts/test.sh (what .ci/run runs): measured, it would take the CI past its 30 minutes
# on the 2-core machine (README "Sanitizers"). Only the test executables of those folders are built
# (the media tests also build the `lectern` binary they drive); each preset prints its times.
# Leaks inside FFmpeg's libraries are suppressed by name in tests/sanitizers/lsan.supp (none of ours).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# The test executables of the sanitized folders, as their CMakeLists declare them.
suites=$(sed -n 's/^lectern_test(\([a-z_]*\).*/\1/p' tests/core/CMakeLists.txt tests/media/CMakeLists.txt tests/upload/CMakeLists.txt)
# Not run under TSan, and why (they run under ASan+UBSan and in the Release suite):
tsan_excluded=$(sed -n 's/^tsan-exclude: //p' tests/sanitizers/tsan-excluded.txt | paste -sd '|')
for preset in ${LECTERN_SANITIZERS-asan tsan}; do
  started=$(date +%s)
  cmake --preset "$preset" -DLECTERN_BUILD_TESTS=ON >/dev/null
  cmake --build --preset "$preset" --parallel "$(nproc)" --target $suites >/dev/null
  built=$(date +%s)
  echo "== $preset: built $(echo $suites) in $(( built - started )) s"
  exclude=()
  if [ "$preset" = tsan ] && [ -n "$tsan_excluded" ]; then
    exclude=(--exclude-regex "$tsan_excluded")
    echo "== tsan: not run (tests/sanitizers/tsan-excluded.txt says why):"
    ctest --preset tsan --label-regex '^(core|media|upload)$' --show-only "${exclude[@]/--exclude-regex/--tests-regex}" |
      sed -n 's/^ *Test *#[0-9]*: /   /p'
  fi
  ctest --preset "$preset" --label-regex '^(core|media|upload)$' "${exclude[@]}" --parallel "$(nproc)" --timeout 600
  echo "== $preset: tests in $(( $(date +%s) - built )) s"
done
