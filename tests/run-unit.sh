#!/usr/bin/env bash
# Runs every unit-test binary of the build flavour; each ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
B="build/${BUILD:-release}/tests"
pass=0 fail=0
for t in "$B"/test_*; do
  [ -x "$t" ] || continue
  out=$("$t" 2>&1); rc=$?
  line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
  p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
  if [ -z "$line" ] || [ "$rc" -ne 0 ]; then
    printf '%s\n' "$out" | grep -v '^ok ' | tail -20
    echo "not ok - $(basename "$t") (exit $rc)"
    fail=$((fail + ${f:-1})); pass=$((pass + ${p:-0}))
    [ -n "$line" ] && [ "${f:-0}" -eq 0 ] && fail=$((fail + 1))
  else
    echo "ok - $(basename "$t"): $line"
    pass=$((pass + p))
  fi
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
