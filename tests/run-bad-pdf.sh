#!/usr/bin/env bash
# tests/run-bad-pdf.sh: converts every PDF under ../shared/bad-pdf/ (damaged, fuzzed, encrypted
# and odd files from the qpdf, pdf.js, poppler and py-pdf test suites) with
# build/$BUILD/minutes, JOBS at a time (default 2), each under a TIMEOUT (default 60 s).
# Every file must give either a record (exit 0, stdout one JSON object, stderr empty) or a
# clear error (exit 1, exactly one stderr line "minutes: error [code]: ..." naming the file).
# A signal, a timeout, a sanitizer report (exit 86, see SAN_ENV in the Makefile) or anything
# else fails. Summary: records, errors by code, slowest files. make check runs it on the
# ASan+UBSan build with leak checking. BAD_PDF_ARGS adds options (default: --ocr never, so the
# sweep tests parsing and extraction, not tesseract; use BAD_PDF_ARGS= to include OCR).
set -u
cd "$(dirname "$0")/.."
. tests/sanitizer-env.sh
BUILD=${BUILD:-release}
BIN=build/$BUILD/minutes
DIR=${BAD_PDF_DIR:-../shared/bad-pdf}
JOBS=${JOBS:-2}
TIMEOUT=${TIMEOUT:-60}
ARGS=${BAD_PDF_ARGS---ocr never}
OUT=build/$BUILD/bad-pdf
export LC_ALL=C.UTF-8

# one file: writes "<rc>\t<seconds>\t<path>" to $OUT/<n>.res, stdout/stderr beside it
if [ "${1:-}" = "--one" ]; then
  n=$2 f=$3
  s=$(date +%s%N)
  # shellcheck disable=SC2086
  timeout -k 5 "$TIMEOUT" "$BIN" convert $ARGS "$f" >"$OUT/$n.out" 2>"$OUT/$n.err"
  rc=$?
  e=$(date +%s%N)
  printf '%s\t%s\t%s\n' "$rc" "$(( (e - s) / 1000000 ))" "$f" >"$OUT/$n.res"
  exit 0
fi

pass=0 fail=0
ok() { pass=$((pass + 1)); echo "ok - $*"; }
no() { fail=$((fail + 1)); echo "not ok - $*"; }

if [ ! -d "$DIR" ]; then
  echo "ok - bad-pdf sweep # SKIP $DIR is absent"; echo "0 passed, 0 failed, 1 skipped"; exit 0
fi
if [ ! -x "$BIN" ]; then no "$BIN exists (make BUILD=$BUILD)"; echo "$pass passed, $fail failed"; exit 1; fi
rm -rf "$OUT"; mkdir -p "$OUT"
find "$DIR" -type f \( -iname '*.pdf' -o -name '*.fuzz' \) | LC_ALL=C sort >"$OUT/list"
total=$(wc -l <"$OUT/list")
start=$(date +%s)
awk '{printf "%d\t%s\n", NR, $0}' "$OUT/list" |
  while IFS=$'\t' read -r n f; do printf '%s\0%s\0' "$n" "$f"; done |
  xargs -0 -n2 -P"$JOBS" bash "$0" --one
secs=$(( $(date +%s) - start ))

records=0 timeouts=0 crashes=0 san=0
declare -A codes=()
n=0
while IFS= read -r f; do
  n=$((n + 1))
  name=${f#"$DIR"/}
  if [ ! -f "$OUT/$n.res" ]; then no "$name: no result"; continue; fi
  IFS=$'\t' read -r rc ms _ <"$OUT/$n.res"
  nerr=$(wc -l <"$OUT/$n.err")
  if grep -qE 'Sanitizer|runtime error:|LeakSanitizer' "$OUT/$n.err" || [ "$rc" -eq 86 ]; then
    san=$((san + 1)); no "$name: sanitizer report (exit $rc)"; grep -m3 -E 'ERROR|SUMMARY|runtime error' "$OUT/$n.err" | sed 's/^/#   /'
  elif [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
    timeouts=$((timeouts + 1)); no "$name: no result within ${TIMEOUT}s (hang)"
  elif [ "$rc" -gt 128 ]; then
    crashes=$((crashes + 1)); no "$name: killed by signal $((rc - 128))"; tail -3 "$OUT/$n.err" | sed 's/^/#   /'
  elif [ "$rc" -eq 0 ]; then
    if [ "$nerr" -ne 0 ]; then no "$name: exit 0 but stderr: $(head -c 200 "$OUT/$n.err")"
    elif ! jq -e 'type == "object"' "$OUT/$n.out" >/dev/null 2>&1; then no "$name: exit 0 but no JSON record"
    else records=$((records + 1)); ok "$name: record (${ms} ms, $(jq '.warnings | length' "$OUT/$n.out") warnings)"; fi
  elif [ "$rc" -eq 1 ]; then
    line=$(head -1 "$OUT/$n.err")
    code=$(printf '%s' "$line" | sed -nE 's/^minutes: error \[([a-z_]+)\]: .*/\1/p')
    if [ "$nerr" -ne 1 ] || [ -z "$code" ]; then
      no "$name: exit 1 without one 'minutes: error [code]: ...' line: $(head -c 300 "$OUT/$n.err" | tr '\n' '|')"
    elif [[ "$line" != *"$f"* ]]; then
      no "$name: error line does not name the file: $line"
    else
      codes[$code]=$(( ${codes[$code]:-0} + 1 )); ok "$name: [$code] (${ms} ms)"
    fi
  else
    no "$name: exit $rc: $(head -c 300 "$OUT/$n.err" | tr '\n' '|')"
  fi
done <"$OUT/list"

summary="$total files in ${secs}s: $records records"
for c in $(printf '%s\n' "${!codes[@]}" | sort); do summary="$summary, ${codes[$c]} $c"; done
summary="$summary; $timeouts hangs, $crashes signals, $san sanitizer reports"
echo "# $summary"
echo "# slowest:"
cat "$OUT"/*.res | sort -t$'\t' -k2,2nr | head -3 | awk -F'\t' -v d="$DIR/" '{sub(d, "", $3); printf "#   %6d ms  exit %s  %s\n", $2, $1, $3}'
echo "$summary" >"$OUT/summary"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
