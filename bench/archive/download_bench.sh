#!/bin/bash
# Download throughput of one recording from the staff page (`lectern archive serve`, cpp-httplib,
# staff password) against nginx serving the same file from the same folder, side by side: curl to
# /dev/null, rounds alternating. Target: Lectern >= 0.9x nginx.
# Usage: bench/archive/download_bench.sh [BUILD_DIR] [MIB] [ROUNDS]
set -euo pipefail
build=$(realpath "${1:-build}")
mib=${2:-512}
rounds=${3:-5}
work=$(mktemp -d /tmp/lectern-download-bench-XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

mkdir -p "$work/rec" "$work/nginx/tmp"
head -c $((mib * 1048576)) /dev/urandom > "$work/rec/talk.mp4"
sha=$(sha256sum "$work/rec/talk.mp4" | cut -c1-64)
printf '{"schema":"lectern.recording/1","file":"talk.mp4","title":"Bench","size_bytes":%d,"sha256":"%s"}\n' \
  $((mib * 1048576)) "$sha" > "$work/rec/talk.json"
password=bench-password-1
hash=$(echo "$password" | "$build/bin/lectern" hash-pin --staff)
printf '[archive]\ncatalog_db = "%s/catalog.db"\nstaff_password_hash = "%s"\n' "$work" "$hash" > "$work/web.toml"
"$build/bin/lectern" archive reindex "$work/rec" --config "$work/web.toml" > /dev/null

lp=$(free_port)
"$build/bin/lectern" archive serve --config "$work/web.toml" --listen "127.0.0.1:$lp" > "$work/serve.log" 2>&1 & pids+=($!)
np=$(free_port)
cat > "$work/nginx/nginx.conf" <<CONF
daemon off; worker_processes 1; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log;
events {}
http { access_log off; client_body_temp_path $work/nginx/tmp/body; proxy_temp_path $work/nginx/tmp/p;
  fastcgi_temp_path $work/nginx/tmp/f; uwsgi_temp_path $work/nginx/tmp/u; scgi_temp_path $work/nginx/tmp/s;
  sendfile on;
  server { listen 127.0.0.1:$np; root $work/rec; } }
CONF
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" & pids+=($!)
for port in $lp $np; do
  for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.1; done
done
chmod -R a+rX "$work"                 # nginx workers run as nobody
cat "$work/rec/talk.mp4" > /dev/null  # both then read from the page cache

lectern_url="http://127.0.0.1:$lp/api/v1/recordings/1/media"
nginx_url="http://127.0.0.1:$np/talk.mp4"
speed() { curl -s -o /dev/null -w '%{speed_download}' "$@"; }
ls=(); ns=()
for r in $(seq "$rounds"); do
  ns+=("$(speed "$nginx_url")")
  ls+=("$(speed -u "staff:$password" "$lectern_url")")
  printf 'round %d: nginx %.0f MiB/s  lectern %.0f MiB/s\n' "$r" "$(echo "${ns[-1]}/1048576" | bc -l)" "$(echo "${ls[-1]}/1048576" | bc -l)"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
nm=$(median "${ns[@]}"); lm=$(median "${ls[@]}")
printf 'median of %d rounds, %d MiB file: nginx %.0f MiB/s, lectern %.0f MiB/s, ratio %.2f (target >= 0.9)\n' \
  "$rounds" "$mib" "$(echo "$nm/1048576" | bc -l)" "$(echo "$lm/1048576" | bc -l)" "$(echo "$lm/$nm" | bc -l)"
echo "reproduce: bench/archive/download_bench.sh build $mib $rounds"
