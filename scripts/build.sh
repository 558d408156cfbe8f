#!/usr/bin/env bash
# Configures and builds Lectern (Release) into build/. Arguments go to cmake's configure step;
# LECTERN_BUILD_TARGET builds one target instead of all.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${LECTERN_BUILD_DIR:-$top/build}
cmake -S "$top" -B "$build" -DCMAKE_BUILD_TYPE=${LECTERN_BUILD_TYPE:-Release} "$@" >/dev/null
cmake --build "$build" --parallel "$(nproc)" ${LECTERN_BUILD_TARGET:+--target "$LECTERN_BUILD_TARGET"}
