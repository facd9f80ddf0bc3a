#!/usr/bin/env bash
# tests/run-bad.sh: our own bad inputs (corpus/bad/cases.tsv; generated ones by scripts/make-bad
# into build/bad). For each case: no signal, no hang, no sanitizer report, the documented exit
# code; a failure prints exactly one stderr line "minutes: error [code]: ..." naming the file
# and the problem; an odd-but-readable input gives a JSON record carrying the expected warnings.
# Also: a full stdout (/dev/full) exits 4, standard input works. Ends "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
. tests/sanitizer-env.sh
BUILD=${BUILD:-release}
M=build/$BUILD/minutes
B=build/bad
C=corpus/bad
export LC_ALL=C.UTF-8
factor=1; case $BUILD in asan|fuzz) factor=3 ;; esac
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }
finish() { echo "$pass passed, $fail failed, $skip skipped"; [ "$fail" -eq 0 ]; exit; }

[ -x "$M" ] || { no "$M exists (make BUILD=$BUILD)"; finish; }
if ! out=$(bash scripts/make-bad "$B" 2>&1); then no "scripts/make-bad: $out"; finish; fi
has_dan=0
tesseract --list-langs 2>/dev/null | grep -qx dan && has_dan=1

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# sanitizer_or_signal RC NAME: fails the case (returns 0) on a crash, hang or sanitizer report
sanitizer_or_signal() {
  if [ "$1" -eq 86 ] || grep -qE 'Sanitizer|runtime error:' "$tmp/err"; then
    no "$2: sanitizer report (exit $1)"; grep -m3 -E 'ERROR|SUMMARY|runtime error' "$tmp/err" | sed 's/^/#   /'; return 0
  fi
  if [ "$1" -eq 124 ] || [ "$1" -eq 137 ]; then no "$2: hangs (killed after its time limit)"; return 0; fi
  if [ "$1" -gt 128 ]; then no "$2: killed by signal $(($1 - 128))"; tail -3 "$tmp/err" | sed 's/^/#   /'; return 0; fi
  return 1
}

# check_error NAME RC WANT_RC CODE NAMES: one clear stderr line with the code, naming what failed
check_error() {
  local name=$1 rc=$2 want=$3 code=$4 names=$5 line n
  n=$(wc -l <"$tmp/err"); line=$(head -1 "$tmp/err")
  if [ "$rc" -ne "$want" ]; then no "$name: exit $rc, want $want: $(head -c 300 "$tmp/err" | tr '\n' '|')"
  elif [ "$n" -ne 1 ]; then no "$name: $n stderr lines, want 1: $(head -c 300 "$tmp/err" | tr '\n' '|')"
  elif [[ "$line" != "minutes: error [$code]: "* ]]; then no "$name: want [$code], got: $line"
  elif [[ "$line" != *"$names"* ]]; then no "$name: the line does not name '$names': $line"
  else ok "$name: exit $rc [$code]"; fi
}

while IFS=$'\t' read -r name want expect names max args; do
  case $name in ''|'#'*) continue ;; esac
  args=${args//\$B/$B}; args=${args//\$C/$C}; names=${names//\$B/$B}; names=${names//\$C/$C}
  if [[ "$args" == *"--ocr always"* ]] && [ "$has_dan" -eq 0 ]; then
    skip=$((skip + 1)); echo "ok - $name # SKIP tesseract has no Danish data"; continue
  fi
  limit=$((max * factor))
  s=$(date +%s%N)
  # shellcheck disable=SC2086
  timeout -k 5 "$((limit + 30))" "$M" $args >"$tmp/out" 2>"$tmp/err" </dev/null
  rc=$?
  secs=$(( ($(date +%s%N) - s) / 1000000000 ))
  sanitizer_or_signal "$rc" "$name" && continue
  if [ "$secs" -gt "$limit" ]; then no "$name: took ${secs}s, allowed ${limit}s"; continue; fi
  if [ "$want" -ne 0 ]; then check_error "$name" "$rc" "$want" "$expect" "$names"; continue; fi
  if [ "$rc" -ne 0 ]; then no "$name: exit $rc, want a record: $(head -c 300 "$tmp/err" | tr '\n' '|')"; continue; fi
  if [ -s "$tmp/err" ]; then no "$name: a record, but stderr says: $(head -c 200 "$tmp/err")"; continue; fi
  if [[ "$args" == check-rules* ]]; then ok "$name: rules accepted"; continue; fi
  if ! jq -e 'type == "object"' "$tmp/out" >/dev/null 2>&1; then no "$name: stdout is no JSON record"; continue; fi
  missing=""
  if [ "$expect" != "-" ]; then
    for w in ${expect//,/ }; do
      jq -e --arg w "$w" 'any(.warnings[]?; .code == $w)' "$tmp/out" >/dev/null || missing="$missing $w"
    done
  fi
  got=$(jq -r '[.warnings[]?.code] | unique | join(",")' "$tmp/out")
  if [ -n "$missing" ]; then no "$name: record lacks the warning(s)$missing (has: $got)"
  else ok "$name: record in ${secs}s, warnings: ${got:-none}"; fi
done <"$C/cases.tsv"

# A full standard output is a system error: exit 4, one line.
"$M" convert --ocr never "$B/one.pdf" >/dev/full 2>"$tmp/err"; rc=$?
sanitizer_or_signal "$rc" "stdout is /dev/full" || check_error "stdout is /dev/full" "$rc" 4 io "standard output"
# An output file that cannot be created: exit 4, naming it.
"$M" convert --ocr never -o "$B/no-such-dir/out.json" "$B/one.pdf" >/dev/null 2>"$tmp/err"; rc=$?
sanitizer_or_signal "$rc" "-o into a missing directory" || check_error "-o into a missing directory" "$rc" 4 io "$B/no-such-dir/out.json"
# Standard input: empty, and a PDF.
"$M" convert - </dev/null >/dev/null 2>"$tmp/err"; rc=$?
sanitizer_or_signal "$rc" "empty standard input" || check_error "empty standard input" "$rc" 1 empty "<stdin>"
"$M" convert --ocr never - <"$B/one.pdf" >"$tmp/out" 2>"$tmp/err"; rc=$?
if ! sanitizer_or_signal "$rc" "a PDF on standard input"; then
  if [ "$rc" -eq 0 ] && jq -e 'type == "object"' "$tmp/out" >/dev/null 2>&1; then ok "a PDF on standard input: record"
  else no "a PDF on standard input: exit $rc $(head -c 200 "$tmp/err")"; fi
fi
finish
