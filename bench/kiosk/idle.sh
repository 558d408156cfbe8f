#!/usr/bin/env bash
# Idle kiosk benchmark: the real kiosk (demo agenda, default recorder and uploads, not recording)
# fullscreen on Xvfb, left alone; CPU share of one core and resident memory over a window, and the
# peak resident memory of a lobby screenshot. Prints each figure and this command.
#   usage: bench/kiosk/idle.sh [SCREEN=lobby] [SIZE=1920x1080] [SECONDS=30] [RENDERER=auto]
# RENDERER is display.renderer: auto, gl or software.
# Needs a build (cmake --build build --target lectern) and xvfb.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LECTERN_BUILD_DIR:-$top/build}/bin
screen=${1:-lobby}
size=${2:-1920x1080}
window=${3:-30}
renderer=${4:-auto}
source "$top/bench/kiosk/xvfb_kiosk.sh" idle

# Everything the kiosk writes (recordings, queue, archive) goes into the scratch folder.
cat > "$work/lectern.toml" <<CONF
[kiosk]
screen = "$screen"
[display]
renderer = "$renderer"
[media]
output_dir = "$work/recordings"
[upload]
queue_db = "$work/uploads.db"
[[upload.targets]]
name = "archive"
kind = "folder"
path = "$work/archive"
CONF
HOME=$work "$bin/lectern" --config "$work/lectern.toml" >"$work/kiosk.log" 2>&1 & kiosk=$!; pids+=($kiosk)

ticks() { awk '{print $14 + $15}' "/proc/$kiosk/stat"; }
hz=$(getconf CLK_TCK)
sleep 8  # start-up: fonts, agenda, first frames
t0=$(ticks); s0=$(date +%s.%N)
sleep "$window"
t1=$(ticks); s1=$(date +%s.%N)
kill -0 "$kiosk" || { echo "the kiosk ended early:"; cat "$work/kiosk.log"; exit 1; }
cpu=$(awk -v a="$t0" -v b="$t1" -v s="$s0" -v e="$s1" -v hz="$hz" 'BEGIN{printf "%.2f", 100 * (b - a) / hz / (e - s)}')
rss=$(awk '/VmRSS/{printf "%.1f", $2/1024}' "/proc/$kiosk/status")
hwm=$(awk '/VmHWM/{printf "%.1f", $2/1024}' "/proc/$kiosk/status")
# Resident memory by kind of mapping (smaps): what the kiosk allocated, GL's driver, shared memory
# with the X server (the window's pixels), the font files and every other library.
by_kind=$(awk '
  /^[0-9a-f]+-[0-9a-f]+ / {
    n = $6
    if (n == "" || n ~ /^\[/) kind = "allocated"
    else if (n ~ /libLLVM|_dri\.so|libGL|libglapi|libgallium/) kind = "GL driver"
    else if (n ~ /^\/SYSV/) kind = "X shared memory"
    else if (n ~ /\/fonts\//) kind = "font files"
    else kind = "other files"
    next
  }
  /^Rss:/ { kb[kind] += $2 }
  END { for (k in kb) { printf "%s%s %.1f MB", sep, k, kb[k] / 1024; sep = ", " } }' "/proc/$kiosk/smaps")
drawn_by=$(grep -o "drawn by SDL's [a-z0-9]* renderer" "$work/kiosk.log" | head -1 || true)
threads=$(ls "/proc/$kiosk/task" | wc -l)
names=$(cat /proc/$kiosk/task/*/comm | sort | uniq -c | awk '{printf "%s%s×%s", sep, $2, $1; sep=" "}')
shot=$( { /usr/bin/time -f '%M' "$bin/lectern" --screenshot "$work/shot.png" --screen "$screen" --size "$size" \
          --at 2024-04-29T09:40:00+08:00 >/dev/null; } 2>&1 | tail -1)
echo "bench/kiosk/idle: screen $screen at $size, display.renderer = $renderer, idle for ${window} s after 8 s of start-up"
echo "  CPU: ${cpu}% of one core"
echo "  resident memory: ${rss} MB now, ${hwm} MB peak; threads: ${threads} (${names})"
echo "  by kind: ${by_kind}; window ${drawn_by:-renderer not logged}"
echo "  screenshot of the same screen: $(awk -v k="$shot" 'BEGIN{printf "%.1f", k/1024}') MB peak resident"
echo "  command: bench/kiosk/idle.sh $screen $size $window $renderer"
