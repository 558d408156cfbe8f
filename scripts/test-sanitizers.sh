#!/usr/bin/env bash
# The core, media and upload suites under the sanitizer presets of CMakePresets.json: ASan+UBSan
# (build-asan/) and TSan (build-tsan/), issue 12 item 20. Run it after scripts/test.sh (which
# installs what the suites need); LECTERN_SANITIZERS picks the presets ("asan tsan" by default).
# Not yet part of scripts/test.sh (what .ci/run runs): its time on the 2-core CI machine is not
# measured yet, and the whole CI must stay under 30 minutes.
# Leaks inside FFmpeg's libraries are suppressed by name in tests/sanitizers/lsan.supp (none of ours).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
# The test executables of the sanitized folders, as their CMakeLists declare them.
suites=$(sed -n 's/^lectern_test(\([a-z_]*\).*/\1/p' tests/core/CMakeLists.txt tests/media/CMakeLists.txt tests/upload/CMakeLists.txt)
for preset in ${LECTERN_SANITIZERS-asan tsan}; do
  started=$(date +%s)
  echo "== $preset: $(echo $suites)"
  cmake --preset "$preset" -DLECTERN_BUILD_TESTS=ON >/dev/null
  cmake --build --preset "$preset" --parallel "$(nproc)" --target $suites
  ctest --preset "$preset" --label-regex '^(core|media|upload)$' --parallel "$(nproc)" --timeout 600
  echo "== $preset: $(( $(date +%s) - started )) s"
done
