#!/usr/bin/env bash
# Frame-time benchmark (issue 12 item 14): the real kiosk fullscreen on Xvfb while it records and
# uploads. An agenda of short talks starting now with [session] auto_record makes it record and
# split by itself; a slow upload cap keeps an upload running all the time. First the room screen
# (live preview) for SECONDS, then the operator console (opened with Ctrl+Alt+O and the demo PIN
# through xdotool) for SECONDS. Each frame's work, from the end of its wait for events to the end
# of applying its intents, comes from LECTERN_FRAME_TIMES; prints p50, p99 and max per phase.
#   usage: bench/kiosk/frame_time.sh [SIZE=1920x1080] [SECONDS=60] [TALK_SECONDS=20] [RENDERER=auto]
# RENDERER is display.renderer (auto: GL on a GPU, SDL's software renderer where GL is llvmpipe; software or gl).
# Needs a build (cmake --build build --target lectern), xvfb and xdotool.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LECTERN_BUILD_DIR:-$top/build}/bin
size=${1:-1920x1080}
window=${2:-60}
talk=${3:-20}
renderer=${4:-auto}
source "$top/bench/kiosk/xvfb_kiosk.sh" frame

# Talks of $talk seconds back to back from a few seconds ago until well after the run, in UTC.
{
  printf '[event]\nname = "Frame time benchmark"\ntime_zone = "UTC"\n\n[[rooms]]\nid = "hall"\nname = "Hall"\n\n'
  printf '[[speakers]]\nid = "wu"\nname = "Wu Jianmin"\nnative_name = "伍建民"\n\n'
  t=$(( $(date +%s) - 5 ))
  for i in $(seq 0 $(( (2 * window + 60) / talk ))); do
    s=$(date -u -d "@$(( t + i * talk ))" +%Y-%m-%dT%H:%M:%S)
    e=$(date -u -d "@$(( t + (i + 1) * talk ))" +%Y-%m-%dT%H:%M:%S)
    printf '[[items]]\nid = "talk-%d"\nroom = "hall"\nstart = %s\nend = %s\ntitle = "Talk %d"\nspeakers = ["wu"]\n\n' "$i" "$s" "$e" "$i"
  done
} > "$work/agenda.toml"

cat > "$work/lectern.toml" <<CONF
[kiosk]
screen = "room"
room = "hall"
[display]
renderer = "$renderer"
[agenda]
file = "$work/agenda.toml"
[session]
auto_record = true
padding_seconds = 0
[media]
output_dir = "$work/recordings"
[upload]
queue_db = "$work/uploads.db"
recording_max_kib_per_s = 256
[[upload.targets]]
name = "archive"
kind = "folder"
path = "$work/archive"
CONF
HOME=$work LECTERN_FRAME_TIMES="$work/frames.txt" "$bin/lectern" --config "$work/lectern.toml" >"$work/kiosk.log" 2>&1 &
kiosk=$!; pids+=($kiosk)

sleep 8  # start-up: fonts, agenda, recorder, first frames
start_room=$(wc -l < "$work/frames.txt")
sleep "$window"
kill -0 "$kiosk" || { echo "the kiosk ended early:"; cat "$work/kiosk.log"; exit 1; }
end_room=$(wc -l < "$work/frames.txt")
load_room=$(cut -d' ' -f1-3 /proc/loadavg)

xdotool key --clearmodifiers ctrl+alt+o
sleep 1
xdotool type --delay 150 1234
xdotool key Return
sleep 3
start_console=$(wc -l < "$work/frames.txt")
sleep "$window"
kill -0 "$kiosk" || { echo "the kiosk ended early:"; cat "$work/kiosk.log"; exit 1; }
end_console=$(wc -l < "$work/frames.txt")
load_console=$(cut -d' ' -f1-3 /proc/loadavg)
# FRAME_BENCH_SHOT=FILE.png keeps a picture of the screen at the end (did the console open?).
[ -n "${FRAME_BENCH_SHOT:-}" ] && import -window root "$FRAME_BENCH_SHOT"
# FRAME_BENCH_LOG=FILE keeps the per-frame log (columns as LECTERN_FRAME_TIMES writes them).
[ -n "${FRAME_BENCH_LOG:-}" ] && cp "$work/frames.txt" "$FRAME_BENCH_LOG"

# Of the frames between two line numbers: p50, p99 and max of the wall time; the same of what the
# frame thread waited for by itself (wall - CPU - waiting for a CPU), apart (the frame's logic: agenda,
# recorder, uploads, screens, intents) and in rasterizing and presenting (llvmpipe's threads, the X
# server); and the means of CPU and of waiting for a CPU per frame.
pct() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) { print "-"; exit }
  printf "p50 %.1f ms, p99 %.1f ms, max %.1f ms", v[int((NR - 1) * 0.50) + 1] / 1000, v[int((NR - 1) * 0.99) + 1] / 1000, v[NR] / 1000 }'; }
stats() {
  local rows; rows=$(sed -n "$(( $1 + 1 )),$2p" "$work/frames.txt")
  echo "$(wc -l <<<"$rows") frames"
  echo "      wall:                 $(awk '{print $1}' <<<"$rows" | pct), $(awk '$1 > 16700' <<<"$rows" | wc -l) over 16.7 ms"
  echo "      logic waited:         $(awk '{w = ($1 - $4) - ($2 - $5) - ($3 - $6); print (w > 0 ? w : 0)}' <<<"$rows" | pct)"
  echo "      present waited:       $(awk '{w = $4 - $5 - $6; print (w > 0 ? w : 0)}' <<<"$rows" | pct)"
  echo "      means per frame:      $(awk '{c += $2; q += $3} END {printf "CPU %.1f ms, waiting for a CPU %.1f ms", c / NR / 1000, q / NR / 1000}' <<<"$rows")"
}
finished=$(ls "$work/recordings"/*.mp4 2>/dev/null | grep -vc recording.mp4 || true)
archived=$(find "$work/archive" -name '*.mp4' 2>/dev/null | wc -l)
echo "bench/kiosk/frame_time: $size, display.renderer = $renderer, auto_record with ${talk} s talks, uploads capped at 256 KiB/s"
echo "  kiosk's log: $(grep -h -o 'GL draws on the CPU.*\|the window is drawn by.*' "$work/kiosk.log" | paste -sd ';')"
echo "  room screen (preview) for ${window} s, load average after: $load_room: $(stats "$start_room" "$end_room")"
echo "  operator console for ${window} s, load average after: $load_console: $(stats "$start_console" "$end_console")"
echo "  recordings finished: $finished, in the archive: $archived"
echo "  command: bench/kiosk/frame_time.sh $size $window $talk $renderer"
