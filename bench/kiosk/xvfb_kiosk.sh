# Sourced by the kiosk benchmarks: a scratch folder ($work), an Xvfb of $size on a free display
# (DISPLAY exported), and cleanup at exit of everything started with its pid in $pids.
work=$(mktemp -d "/tmp/lectern-$1-bench-XXXXXX")
pids=()
cleanup() {
  # The fullscreen kiosk ignores a polite quit; it ends with its X server.
  for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# A display number nobody uses: Xvfb's -displayfd picks one and tells us.
Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp 3>"$work/display" 2>"$work/xvfb.log" & pids+=($!)
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$work/display")"
