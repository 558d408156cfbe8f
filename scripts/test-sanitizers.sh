#!/usr/bin/env bash
# The core, media and upload suites again under the sanitizer presets of CMakePresets.json:
# ASan+UBSan (build-asan/) and TSan (build-tsan/), -O1 -g; .ci/run runs it after scripts/test.sh
# (which installs what the suites need). LECTERN_SANITIZERS picks the presets ("asan tsan" by default).
# Only those suites' executables and the helpers they start are built: no kiosk (the media tests drive
# lectern_record_helper, the same record command), no benches, no fuzzers. Both presets are built
# first, then their tests run one preset after the other, each with ctest --parallel $(nproc).
# Leaks inside FFmpeg's libraries are suppressed by name in tests/sanitizers/lsan.supp (none of ours);
# tests that assert real-time behaviour are left out where tests/sanitizers/*-excluded.txt says why.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
presets=${LECTERN_SANITIZERS-asan tsan}
# The test executables of the sanitized folders, as their CMakeLists declare them.
suites=$(sed -n 's/^lectern_test(\([a-z_]*\).*/\1/p' tests/core/CMakeLists.txt tests/media/CMakeLists.txt tests/upload/CMakeLists.txt)
labels='^(core|media|upload)$'

for preset in $presets; do
  started=$(date +%s)
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" --parallel "$(nproc)" --target $suites >/dev/null
  echo "== $preset: built $(echo $suites) in $(( $(date +%s) - started )) s"
done

for preset in $presets; do
  started=$(date +%s)
  # Not run under this sanitizer, and why (they run in the Release suite):
  excluded_file=tests/sanitizers/$preset-excluded.txt
  excluded=$( [ -f "$excluded_file" ] && sed -n "s/^$preset-exclude: //p" "$excluded_file" | paste -sd '|' || true)
  exclude=()
  if [ -n "$excluded" ]; then
    exclude=(--exclude-regex "$excluded")
    echo "== $preset: not run ($excluded_file says why):"
    ctest --preset "$preset" --label-regex "$labels" --show-only --tests-regex "$excluded" |
      sed -n 's/^ *Test *#[0-9]*: /   /p'
  fi
  ctest --preset "$preset" --label-regex "$labels" "${exclude[@]}" --parallel "$(nproc)" --timeout 600
  echo "== $preset: tests in $(( $(date +%s) - started )) s"
done
