#!/usr/bin/env bash
# One command: install what is missing, build, and start the kiosk on its embedded defaults
# (demo agenda, synthetic camera, local archive). Arguments go to the kiosk, e.g. --config FILE.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/install-deps.sh" run
LECTERN_BUILD_TARGET=lectern "$top/scripts/build.sh" -DLECTERN_BUILD_TESTS=OFF -DLECTERN_BUILD_BENCH=OFF
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${SDL_VIDEODRIVER:-}" ] && [ ! -e /dev/dri/card0 ]; then
  cat <<MSG
No display found (DISPLAY and WAYLAND_DISPLAY are unset), so the kiosk cannot open its window.
Render a screen to a PNG instead:
  $top/build/bin/lectern --screenshot lobby.png --screen lobby --size 1920x1080
or run it under a virtual display:  xvfb-run -s '-screen 0 1920x1080x24' $0
MSG
  exit 0
fi
exec "$top/build/bin/lectern" "$@"
