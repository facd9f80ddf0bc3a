#!/usr/bin/env bash
# tests/run-fuzz-regress.sh: replays every fuzz finding kept in tests/fuzz/regress/<target>/ (and
# the hand-made seeds in tests/fuzz/seeds/<target>/) through build/$BUILD/fuzz/replay_<target>:
# the fuzz target linked with a plain file-replay driver (tests/fuzz/replay.c), so this needs
# no clang or libFuzzer. Under BUILD=asan it checks for memory errors, undefined behaviour and
# leaks as the fuzzer did. One line per input; ends "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
. tests/sanitizer-env.sh
BUILD=${BUILD:-release}
B=build/$BUILD/fuzz
export LC_ALL=C.UTF-8
pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
tmp=$(mktemp); trap 'rm -f "$tmp"' EXIT

for src in tests/fuzz/fuzz_*.c; do
  t=$(basename "$src" .c); t=${t#fuzz_}
  bin=$B/replay_$t
  if [ ! -x "$bin" ]; then no "replay_$t is built (make BUILD=$BUILD $bin)"; continue; fi
  for f in tests/fuzz/regress/"$t"/* tests/fuzz/seeds/"$t"/*; do
    [ -f "$f" ] || continue
    timeout -k 5 60 "$bin" "$f" >/dev/null 2>"$tmp"; rc=$?
    if [ "$rc" -eq 0 ] && ! grep -qE 'Sanitizer|runtime error:|invariant failed' "$tmp"; then
      ok "$t: $f"
    else
      no "$t: $f (exit $rc)"; grep -m4 -E 'ERROR|SUMMARY|runtime error|invariant' "$tmp" | sed 's/^/#   /'
    fi
  done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
