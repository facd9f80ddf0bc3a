#!/usr/bin/env bash
# Runs every suite (tests/run-*.sh except this one) and adds up their closing lines
# "N passed, N failed". Exit 1 if any suite failed or printed no closing line.
# MN_SKIP_SUITES="tests/run-x.sh ..." leaves suites out (make check: the corpus under ASan).
set -u
cd "$(dirname "$0")/.."
export BUILD="${BUILD:-release}" LC_ALL=C.UTF-8
total_pass=0 total_fail=0 bad=0
for suite in tests/run-unit.sh tests/run-rules.sh tests/run-cli.sh tests/run-*.sh; do
  case "$suite" in tests/run-all.sh) continue ;; esac
  case " ${MN_SKIP_SUITES:-} " in *" $suite "*) echo "=== $suite: skipped (MN_SKIP_SUITES)"; continue ;; esac
  [ -f "$suite" ] || continue
  case " ${seen:-} " in *" $suite "*) continue ;; esac
  seen="${seen:-} $suite"
  echo "=== $suite"
  out=$(bash "$suite" 2>&1); rc=$?
  printf '%s\n' "$out"
  line=$(printf '%s\n' "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed' | tail -1)
  if [ -z "$line" ]; then
    echo "!!! $suite printed no 'N passed, N failed' line (exit $rc)"
    bad=1; total_fail=$((total_fail + 1)); continue
  fi
  p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}
  total_pass=$((total_pass + p)); total_fail=$((total_fail + f))
  [ "$rc" -eq 0 ] || bad=1
done
echo "=== all suites"
echo "$total_pass passed, $total_fail failed"
[ "$bad" -eq 0 ] && [ "$total_fail" -eq 0 ]
