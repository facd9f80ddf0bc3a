#!/usr/bin/env bash
# tests/fuzz/run-fuzz.sh [TARGET...]: runs libFuzzer targets (build/fuzz/fuzz/fuzz_<t>, built
# by 'make fuzz') for FUZZ_TIME seconds each (default 60), FUZZ_JOBS at a time (default 2).
# Working corpus: build/fuzz/corpus/<t> (kept between runs, grows); seeds (read only):
# tests/fuzz/seeds/<t>, plus what is cut from ../shared/seeds and rules/ into
# build/fuzz/seeds/<t>. Crashes, leaks, timeouts: build/fuzz/crashes/<t>/. Logs:
# build/fuzz/log/<t>.log; build/fuzz/log/totals adds up executions over runs. FUZZ_FLAGS adds
# libFuzzer options. Prints one ok/not ok line per target and "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
FUZZ_TIME=${FUZZ_TIME:-60}
FUZZ_JOBS=${FUZZ_JOBS:-2}
B=build/fuzz
SHARED=../shared
ALL="rules clean dehyphen segment fields"
targets=${*:-$ALL}
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
export OMP_THREAD_LIMIT=1

# Seeds cut from the project's material (never copied into the repository).
gen_seeds() {
  local t=$1 d=$B/seeds/$1
  rm -rf "$d"; mkdir -p "$d"
  case $t in
    rules)
      cp rules/*.rules "$d/" 2>/dev/null
      # single blocks of the shipped rules, small and valid
      for f in rules/*.rules; do
        awk -v out="$d/$(basename "$f" .rules)-" '/^\[/{n++} n>0{print > (out n)}' "$f"
      done ;;
    clean|dehyphen|segment)
      for f in "$SHARED"/seeds/*.txt; do
        [ -f "$f" ] || continue
        cp "$f" "$d/"
        split -l 60 -d "$f" "$d/$(basename "$f" .txt)-part"
      done ;;
    fields)
      for f in "$SHARED"/seeds/*.txt; do
        [ -f "$f" ] || continue
        grep -aiE '[0-9]{1,2}\. ?[a-zæøå]+ [0-9]{4}|[0-9]{1,2}[.:][0-9]{2}|deltager|afbud|fravær|\(' "$f" | head -200 |
          awk -v out="$d/$(basename "$f" .txt)-" '{print > (out NR)}'
      done ;;
  esac
}

pass=0 fail=0
run_one() {
  local t=$1 bin=$B/fuzz/fuzz_$1 log=$B/log/$1.log
  mkdir -p "$B/corpus/$t" "$B/crashes/$t" "$B/log"
  "$bin" -max_total_time="$FUZZ_TIME" -timeout=20 -rss_limit_mb=2048 -max_len=16384 \
    -print_final_stats=1 -artifact_prefix="$B/crashes/$t/" ${FUZZ_FLAGS:-} \
    "$B/corpus/$t" "tests/fuzz/seeds/$t" "$B/seeds/$t" >"$log" 2>&1
}

pids=() names=()
for t in $targets; do
  if [ ! -x "$B/fuzz/fuzz_$t" ]; then echo "not ok - fuzz_$t: not built (make fuzz)"; fail=$((fail + 1)); continue; fi
  gen_seeds "$t"
  run_one "$t" & pids+=($!); names+=("$t")
  while [ "$(jobs -rp | wc -l)" -ge "$FUZZ_JOBS" ]; do wait -n; done
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}"; rc=$?; t=${names[$i]}
  execs=$(grep -E '^stat::number_of_executed_units' "$B/log/$t.log" | awk '{print $2}')
  cov=$(grep -E '^#[0-9]+' "$B/log/$t.log" | tail -1 | grep -oE 'cov: [0-9]+' )
  if [ "$rc" -eq 0 ]; then
    echo "ok - fuzz_$t: ${execs:-?} runs in ${FUZZ_TIME}s, ${cov:-cov: ?}"; pass=$((pass + 1))
  else
    echo "not ok - fuzz_$t (exit $rc): see $B/log/$t.log; inputs in $B/crashes/$t/"
    grep -E 'ERROR|SUMMARY|invariant|runtime error' "$B/log/$t.log" | head -5 | sed 's/^/#   /'
    fail=$((fail + 1))
  fi
  # a running total across runs, for the closing note
  echo "$(date -u +%FT%TZ) $t ${FUZZ_TIME}s ${execs:-0} rc=$rc" >> "$B/log/totals"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
