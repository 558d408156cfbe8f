#!/usr/bin/env bash
# Upload benchmarks: throughput of a large upload to nginx (WebDAV PUT) and to s3rver, Lectern's
# target against the curl CLI sending the same file to the same server, and the uploader's peak
# RSS during a large upload (/usr/bin/time -v). Prints each figure and this command.
#   usage: bench/upload/run.sh [SIZE_MIB=2048] [RSS_SIZE_MIB=4096]
# Needs a build (cmake --build build --target upload_bench lectern-uploads) and the test servers
# (scripts/test-setup-upload.sh). Servers run on 127.0.0.1 only and stop when the script ends.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${LECTERN_BUILD_DIR:-$top/build}/bin
size_mib=${1:-2048}
rss_mib=${2:-4096}
# Servers keep what they receive in /dev/shm when it has room, so the figure is about the
# uploader and the network path, not about how fast this disk absorbs writes.
shm_free_mib=$(df -Pm /dev/shm 2>/dev/null | awk 'NR==2{print $4}')
base=/tmp
if [ -n "$shm_free_mib" ] && [ "$shm_free_mib" -gt $((3 * size_mib + rss_mib + 1024)) ]; then base=/dev/shm; fi
work=$(mktemp -d "$base/lectern-upload-bench-XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 did not open" >&2; exit 1; }
now() { date +%s.%N; }

# nginx with DAV, no auth (the figure is about moving bytes).
ng_port=$(free_port)
mkdir -p "$work/nginx/www/dav" "$work/nginx/tmp"
cat > "$work/nginx/nginx.conf" <<CONF
$( [ "$(id -u)" = 0 ] && echo "user root;" )
daemon off; worker_processes 1; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log;
events { worker_connections 64; }
http { access_log off; client_body_temp_path $work/nginx/tmp/body; client_max_body_size 0;
  proxy_temp_path $work/nginx/tmp/p; fastcgi_temp_path $work/nginx/tmp/f; uwsgi_temp_path $work/nginx/tmp/u; scgi_temp_path $work/nginx/tmp/s;
  server { listen 127.0.0.1:$ng_port; root $work/nginx/www;
    location /dav/ { dav_methods PUT DELETE MKCOL; create_full_put_path on; } } }
CONF
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" & pids+=($!)
s3_port=$(free_port)
mkdir -p "$work/s3"
node "$top/tests/servers/node_modules/s3rver/bin/s3rver.js" -d "$work/s3" -a 127.0.0.1 -p "$s3_port" \
  --configure-bucket recordings --silent & pids+=($!)
wait_port "$ng_port"; wait_port "$s3_port"

echo "bench/upload: writing a ${size_mib} MiB test file"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom > "$work/big.bin"
cat "$work/big.bin" > /dev/null  # into the page cache for both clients alike

dav="http://127.0.0.1:$ng_port/dav"
s3="http://127.0.0.1:$s3_port"
ratio() { /usr/bin/python3 -c "import sys; c,l=float(sys.argv[1]),float(sys.argv[2]); print('%.2f' % (c/l))" "$1" "$2"; }
mibps() { /usr/bin/python3 -c "import sys; print('%.0f' % ($size_mib/float(sys.argv[1])))" "$1"; }
best() { printf '%s\n' "$@" | sort -n | head -1; }

run_curl_dav() { local t0; t0=$(now); curl -sf -o /dev/null -H "Expect:" -T "$work/big.bin" "$dav/curl/$1.bin"; echo "$(now) - $t0" | bc; }
run_lectern_dav() { "$bin/upload_bench" webdav "$dav" "$work/big.bin"; }
run_curl_s3() { local t0; t0=$(now); curl -sf -o /dev/null --aws-sigv4 "aws:amz:us-east-1:s3" --user S3RVER:S3RVER \
    -H "x-amz-content-sha256: UNSIGNED-PAYLOAD" -T "$work/big.bin" "$s3/recordings/curl/$1.bin"; echo "$(now) - $t0" | bc; }
run_lectern_s3() { LECTERN_SECRET_BENCH_USER=S3RVER LECTERN_SECRET_BENCH_PASSWORD=S3RVER "$bin/upload_bench" s3 "$s3" recordings "$work/big.bin" "$1"; }

# Alternate the two clients, three rounds each, keep the best of each: the machine is shared with
# other builds, and the best run is the one least disturbed by them.
rounds=${ROUNDS:-3}
cdav=(); ldav=(); cs3=(); ls3=()
single_kib=$((size_mib * 1024 + 1))
for r in $(seq "$rounds"); do
  cdav+=("$(run_curl_dav "$r")"); rm -rf "$work/nginx/www/dav/curl"
  ldav+=("$(run_lectern_dav)"); rm -rf "$work/nginx/www/dav/bench"
  cs3+=("$(run_curl_s3 "$r")"); rm -rf "$work/s3/recordings/curl"
  ls3+=("$(run_lectern_s3 $single_kib)"); rm -rf "$work/s3/recordings/bench"
done
cd_=$(best "${cdav[@]}"); ld=$(best "${ldav[@]}"); cs=$(best "${cs3[@]}"); ls_=$(best "${ls3[@]}")
lm=$(run_lectern_s3 65536); rm -rf "$work/s3/recordings/bench"

echo
echo "Upload throughput, ${size_mib} MiB file, 127.0.0.1, best of ${rounds} (seconds; MiB/s; ratio = curl time / Lectern time):"
printf '  nginx WebDAV PUT (Lectern: PUT, then GET and SHA-256 of the copy)\n                     curl %6.2f s (%s MiB/s)   Lectern %6.2f s (%s MiB/s)   ratio %s\n' "$cd_" "$(mibps "$cd_")" "$ld" "$(mibps "$ld")" "$(ratio "$cd_" "$ld")"
printf '  s3rver single PUT  curl %6.2f s (%s MiB/s)   Lectern %6.2f s (%s MiB/s)   ratio %s\n' "$cs" "$(mibps "$cs")" "$ls_" "$(mibps "$ls_")" "$(ratio "$cs" "$ls_")"
printf '  s3rver multipart 64 MiB parts (Lectern only, incl. s3rver assembling the parts): %6.2f s (%s MiB/s)\n' "$lm" "$(mibps "$lm")"

# Peak RSS of the whole uploader (queue, local SHA-256 check, upload, verify) on a large file.
echo
echo "bench/upload: writing a ${rss_mib} MiB file for the RSS run"
rm -f "$work/big.bin"
rm -rf "$work/s3"
head -c "$((rss_mib * 1024 * 1024))" /dev/urandom > "$work/rss.mkv"
sha=$(sha256sum "$work/rss.mkv" | cut -d' ' -f1)
printf '{"event":"bench","room":"r","title":"rss","actual_start":"2026-01-01T10:00:00Z","size_bytes":%d,"sha256":"%s"}' \
  "$((rss_mib * 1024 * 1024))" "$sha" > "$work/rss.json"
cat > "$work/lectern.toml" <<CONF
[upload]
queue_db = "$work/q.db"
[[upload.targets]]
name = "nginx"
kind = "webdav"
url = "$dav"
secret = "none"
CONF
"$bin/lectern-uploads" add "$work/rss.mkv" "$work/rss.json" --config "$work/lectern.toml" > /dev/null
/usr/bin/time -v "$bin/lectern-uploads" run --once --config "$work/lectern.toml" 2> "$work/time.txt" || { cat "$work/time.txt"; exit 1; }
rss_kib=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
wall=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
printf 'Peak RSS of lectern-uploads run --once, %s MiB recording to nginx WebDAV: %.1f MiB (wall %s)\n' "$rss_mib" "$(echo "$rss_kib/1024" | bc -l)" "$wall"
echo
echo "reproduce: bench/upload/run.sh $size_mib $rss_mib   (servers store in $base)"
