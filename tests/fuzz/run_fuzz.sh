#!/usr/bin/env bash
# One bounded libFuzzer run: run_fuzz.sh HARNESS WORKDIR SEED... (files or folders)
# Seeds are copied into WORKDIR/corpus, where libFuzzer keeps what it finds; a crash, leak, timeout
# or sanitizer report is saved under WORKDIR/findings and fails the run.
# LECTERN_FUZZ_SECONDS (default 60) bounds the run; LECTERN_FUZZ_SEED (default 1) fixes libFuzzer's
# random seed so that the suite explores the same way on every machine (0 lets libFuzzer pick one:
# use it for exploratory runs, README "Fuzzing"); LECTERN_FUZZ_ARGS adds libFuzzer flags.
set -euo pipefail
harness=$1 work=$2
shift 2
mkdir -p "$work/corpus" "$work/findings"
for seed in "$@"; do
  if [ -d "$seed" ]; then cp -n "$seed"/* "$work/corpus/" 2>/dev/null || true; else cp -n "$seed" "$work/corpus/"; fi
done
exec "$harness" -max_total_time="${LECTERN_FUZZ_SECONDS:-60}" -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
  -seed="${LECTERN_FUZZ_SEED:-1}" -print_final_stats=1 -artifact_prefix="$work/findings/" ${LECTERN_FUZZ_ARGS:-} "$work/corpus"
