#!/usr/bin/env bash
# Configures and builds Lectern (Release) into build/. Extra arguments go to cmake's configure step.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${LECTERN_BUILD_DIR:-$top/build}
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=${LECTERN_BUILD_TYPE:-Release} "$@" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
