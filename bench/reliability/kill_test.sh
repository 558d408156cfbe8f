#!/usr/bin/env bash
# Nothing lost, nothing stuck: kill -9 `lectern record` N times and `lectern-uploads run` N times
# at random moments, then check that every recording plays, every job is done and verified, no
# recording is uploaded twice and no job is stuck.
#
#   bench/reliability/kill_test.sh [BUILD_DIR] [N]        (defaults: build 30)
#
# Prints the figures for BENCHMARKS.md; exits 1 when a check fails.
set -u
BUILD=$(realpath "${1:-build}")
N=${2:-30}
LECTERN="$BUILD/bin/lectern"
UPLOADS="$BUILD/bin/lectern-uploads"
WORK=$(mktemp -d /tmp/lectern-kill-XXXXXX)
REC="$WORK/recordings" ARCHIVE="$WORK/archive"
mkdir -p "$REC" "$ARCHIVE"
cat > "$WORK/lectern.toml" <<TOML
[media]
width = 320
height = 240
fps = 15
output_dir = "$REC"
[upload]
queue_db = "$WORK/uploads.db"
parallel = 2
max_kib_per_s = 256          # slow enough that a kill lands mid-copy
[[upload.targets]]
name = "archive"
kind = "folder"
path = "$ARCHIVE"
TOML
CONFIG="$WORK/lectern.toml"
rand_ms() { echo $(( $1 + RANDOM % ($2 - $1) )); }
sleep_ms() { sleep "$(awk "BEGIN{print $1/1000}")"; }
# Every finished recording (stem.mp4 with its sidecar stem.json) goes to the queue; adding one
# twice is a no-op, which this run also checks.
queue_all() {
  for json in "$REC"/*.json; do
    case "$json" in *.recording.json|*.crashed.json) continue ;; esac
    [ -f "${json%.json}.mp4" ] && "$LECTERN" uploads add --config "$CONFIG" "${json%.json}.mp4" "$json" > /dev/null
  done
}

echo "recording: $N kill -9 at random moments (0.3-6 s into a 5 s recording)"
record_kills=0 record_ends=0
for i in $(seq 1 "$N"); do
  "$LECTERN" record --config "$CONFIG" --duration 5s > "$WORK/record-$i.log" 2>&1 &
  pid=$!
  sleep_ms "$(rand_ms 300 6000)"
  if kill -9 "$pid" 2> /dev/null; then record_kills=$((record_kills + 1)); else record_ends=$((record_ends + 1)); fi
  wait "$pid" 2> /dev/null
  queue_all
done
# One clean run recovers what the last kill left.
"$LECTERN" record --config "$CONFIG" --duration 1s > "$WORK/record-last.log" 2>&1
queue_all

echo "uploading: $N kill -9 of lectern-uploads run at random moments (0.1-2 s)"
for i in $(seq 1 "$N"); do
  "$UPLOADS" run --config "$CONFIG" > "$WORK/upload-$i.log" 2>&1 &
  pid=$!
  sleep_ms "$(rand_ms 100 2000)"
  kill -9 "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
done
start=$(date +%s)
timeout 600 "$UPLOADS" run --once --config "$CONFIG" > "$WORK/upload-last.log" 2>&1
once=$?
drain_s=$(( $(date +%s) - start ))

failed=0
check() { if eval "$2"; then echo "  ok    $1"; else echo "  FAIL  $1"; failed=1; fi; }
recordings=0 unplayable=0
for mp4 in "$REC"/*.mp4; do
  case "$mp4" in *.recording.mp4|*.crashed.mp4) continue ;; esac
  recordings=$((recordings + 1))
  ffmpeg -v error -xerror -i "$mp4" -f null - > /dev/null 2>&1 || { unplayable=$((unplayable + 1)); echo "  unplayable: $mp4"; }
done
jobs_json=$("$LECTERN" uploads list --json --config "$CONFIG")
jobs=$(echo "$jobs_json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
done_jobs=$(echo "$jobs_json" | python3 -c 'import json,sys; print(sum(j["state"]=="done" for j in json.load(sys.stdin)))')
# A recording killed before its first fragment (the first second) holds no picture: it is kept and
# named here, and is no lost speech. Any other .recording file left would be one.
left_recording=0 empty_kept=0
for f in "$REC"/*.recording.mp4; do
  [ -e "$f" ] || continue
  if [ -n "$(ffprobe -v error -select_streams v -show_entries packet=pts -of csv=p=0 "$f" 2> /dev/null | head -1)" ]; then
    left_recording=$((left_recording + 1))
  else
    empty_kept=$((empty_kept + 1))
  fi
done
archived=$(find "$ARCHIVE" -name '*.mp4' | wc -l)
parts=$(find "$ARCHIVE" -name '*.part' | wc -l)
# Each archived file is byte-identical to a recording (verified), and no recording arrived twice.
dupes=$(find "$ARCHIVE" -name '*.mp4' -exec sha256sum {} + | awk '{print $1}' | sort | uniq -d | wc -l)
unmatched=0
for f in $(find "$ARCHIVE" -name '*.mp4'); do
  sum=$(sha256sum "$f" | cut -d' ' -f1)
  grep -rqs "\"sha256\": \"$sum\"" "$REC"/*.json || unmatched=$((unmatched + 1))
done

echo "results ($WORK):"
echo "  recordings: $recordings finished ($record_kills killed, $record_ends ended by themselves), $unplayable unplayable, $left_recording .recording files with pictures left, $empty_kept empty ones (killed before the first second)"
echo "  upload jobs: $jobs, $done_jobs done; archive: $archived files, $parts .part left, $dupes duplicates, $unmatched not matching a sidecar"
echo "  final 'lectern-uploads run --once': exit $once after ${drain_s} s"
check "every recording plays" '[ "$unplayable" -eq 0 ] && [ "$recordings" -gt 0 ]'
check "no .recording file left unrecovered" '[ "$left_recording" -eq 0 ]'
check "one job per recording, every job done and verified" '[ "$jobs" -eq "$recordings" ] && [ "$done_jobs" -eq "$jobs" ]'
check "no duplicate in the archive, each copy matches its sidecar" '[ "$dupes" -eq 0 ] && [ "$unmatched" -eq 0 ] && [ "$archived" -eq "$recordings" ]'
check "no stuck job: run --once finished" '[ "$once" -eq 0 ]'
echo "reproduce: bench/reliability/kill_test.sh $BUILD $N"
exit $failed
