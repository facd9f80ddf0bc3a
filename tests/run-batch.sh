#!/usr/bin/env bash
# 'minutes batch': a mixed folder (good, broken and crashing documents), kill -9 and resume,
# incremental re-runs, timeouts, the memory cap, shards under GNU Parallel, the JSON Lines
# stream. Builds its inputs under a temporary folder from ../shared.
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
M="$ROOT/build/${BUILD:-release}/minutes"
B="$ROOT/../shared/real/ballerup-2012-12-04"
SEEDS="$ROOT/../shared/seeds"
pass=0 fail=0 skip=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
no() { echo "not ok - $1"; fail=$((fail + 1)); }
skipped() { echo "ok - $1 # SKIP $2"; skip=$((skip + 1)); }
check() { if eval "$2"; then ok "$1"; else no "$1"; fi; }
finish() {
  echo "$pass passed, $fail failed, $skip skipped"
  [ "$fail" -eq 0 ]; exit
}

if [ ! -x "$M" ] || [ ! -d "$B" ]; then
  no "needs $M and $B"; finish
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"

# ---- the mixed folder ----------------------------------------------------------------------
mkdir -p mixed/sub/deeper
cp "$B"/1552814.PDF "$B"/1552816.PDF mixed/
cp "$B"/1552817.PDF mixed/sub/lower.pdf
cp "$B"/1552819.PDF mixed/sub/deeper/crash-me.pdf
cp "$(ls "$SEEDS"/*.txt | head -1)" mixed/sub/seed.txt
head -c 2000 "$B"/1552821.PDF > mixed/corrupt.pdf
: > mixed/zero.pdf
printf 'PK\003\004\000\000binary, not a PDF\000\001\002' > mixed/notpdf.pdf
echo "ignored: not .pdf or .txt" > mixed/readme.doc
echo "ignored: hidden" > mixed/.hidden.pdf
good="1552814 1552816 sub/lower sub/seed"
export MINUTES_TEST_CRASH=crash-me

"$M" batch -j 2 -o out --jsonl out.jsonl mixed 2> err.txt; rc=$?
check "mixed folder: exit status 1 (some documents failed)" '[ "$rc" -eq 1 ]'
all=1; for g in $good; do [ -s "out/$g.json" ] && jq -e .source.sha256 "out/$g.json" >/dev/null || all=0; done
check "mixed folder: every good document has its record (.PDF, .pdf, .txt, subfolders)" '[ $all -eq 1 ]'
check "mixed folder: no record for a failed document" '[ ! -e out/corrupt.json ] && [ ! -e out/zero.json ] && [ ! -e out/notpdf.json ] && [ ! -e out/sub/deeper/crash-me.json ]'
check "mixed folder: .doc and hidden files are not inputs" '[ ! -e out/readme.json ] && [ ! -e out/.hidden.json ] && ! grep -q readme out/errors.jsonl'
code_of() { jq -r --arg p "mixed/$1" 'select(.path == $p) | .code' out/errors.jsonl; }
check "errors.jsonl: corrupt PDF is pdf_damaged" '[ "$(code_of corrupt.pdf)" = pdf_damaged ]'
check "errors.jsonl: zero-byte file is empty" '[ "$(code_of zero.pdf)" = empty ]'
check "errors.jsonl: non-PDF named .pdf is not_pdf" '[ "$(code_of notpdf.pdf)" = not_pdf ]'
check "errors.jsonl: crashing worker is crash, at stage extract" \
  '[ "$(code_of sub/deeper/crash-me.pdf)" = crash ] && jq -r "select(.code == \"crash\") | .stage + \" \" + .message" out/errors.jsonl | grep -q "^extract .*signal 11"'
check "errors.jsonl: one line each, with path, sha256, code, message, stage" \
  '[ "$(wc -l < out/errors.jsonl)" -eq 4 ] && [ "$(jq -c "select(.path and .code and .message and .stage and (.sha256 | length == 64))" out/errors.jsonl | wc -l)" -eq 4 ]'
check "JSON Lines: one complete record per converted document" \
  '[ "$(wc -l < out.jsonl)" -eq 4 ] && [ "$(jq -c .source.path out.jsonl | sort -u | wc -l)" -eq 4 ]'
check "stderr: one line per failure and a summary, no progress when not a terminal" \
  '[ "$(grep -c "^minutes: error \[" err.txt)" -eq 4 ] && grep -q "4 converted, 4 failed" err.txt && ! grep -q $'"'"'\r'"'"' err.txt'

# ---- a second run over the unchanged tree ------------------------------------------------
"$M" batch -j 2 -o out --jsonl out.jsonl mixed 2> err2.txt; rc=$?
check "re-run: converts nothing and says so" 'grep -q "nothing to convert" err2.txt && [ "$(wc -l < out.jsonl)" -eq 4 ] && [ "$(wc -l < out/errors.jsonl)" -eq 4 ]'
check "re-run: still exit 1 (failures from before stand)" '[ "$rc" -eq 1 ]'
cp "$B"/1552822.PDF mixed/new.pdf
echo " " >> mixed/sub/seed.txt
"$M" batch -o out --jsonl out.jsonl mixed 2> err3.txt
check "incremental: only the new and the changed document are converted" \
  'grep -q "2 converted, 0 failed, 7 unchanged" err3.txt && [ "$(wc -l < out.jsonl)" -eq 6 ] && [ -s out/new.json ]'
rm out/1552816.json
"$M" batch -o out mixed 2> err4.txt
check "incremental: a deleted record is made again" 'grep -q "1 converted" err4.txt && [ -s out/1552816.json ]'
"$M" batch -o out --force mixed 2> err5.txt; rc=$?
check "--force converts everything again" 'grep -q "5 converted, 4 failed, 0 unchanged" err5.txt && [ "$rc" -eq 1 ]'
rm mixed/new.pdf

# ---- an all-good folder exits 0; --jsonl - alone streams --------------------------------
mkdir good; cp "$B"/1552823.PDF "$B"/1552824.PDF good/
"$M" batch -q --jsonl - good > stream.jsonl 2> err6.txt; rc=$?
check "all good, --jsonl - only: exit 0, two lines on stdout, nothing on stderr" \
  '[ "$rc" -eq 0 ] && [ "$(jq -c .source.pages stream.jsonl | wc -l)" -eq 2 ] && [ ! -s err6.txt ]'

# ---- naming: '-' lists, files given themselves, collisions ------------------------------
(cd mixed && ls ./1552814.PDF sub/lower.pdf) | (cd mixed && "$M" batch -q -o ../listed -)
check "'-' reads paths; files given themselves keep their relative path" \
  '[ -s listed/1552814.json ] && [ -s listed/sub/lower.json ]'
"$M" batch -q -o abs "$tmp/good/1552823.PDF"
check "an absolute file path maps under OUTDIR without its leading /" '[ -s "abs/${tmp#/}/good/1552823.json" ]'
mkdir clash; cp "$B"/1552823.PDF clash/x.pdf; cp "$SEEDS"/001_*.txt clash/x.txt
"$M" batch -q -o clashout clash 2> err7.txt; rc=$?
check "two inputs with one record name: usage error, nothing converted" \
  '[ "$rc" -eq 2 ] && grep -q "would both be recorded as" err7.txt && [ ! -e clashout/x.json ]'

# ---- timeout and memory cap ----------------------------------------------------------------
mkdir limits; cp "$B"/1552826.PDF limits/hang.pdf; cp "$B"/1552823.PDF limits/fine.pdf
MINUTES_TEST_HANG=hang "$M" batch -q -o lim --timeout 1 limits; rc=$?
check "--timeout: the hanging worker is killed, code timeout; the other converts" \
  '[ "$rc" -eq 1 ] && [ "$(jq -r .code lim/errors.jsonl)" = timeout ] && [ -s lim/fine.json ]'
if [ "${BUILD:-release}" = asan ]; then
  skipped "--mem-limit: allocation past the cap is code oom" "ASan needs unlimited address space"
else
  cp "$B"/1552826.PDF limits/oom.pdf
  MINUTES_TEST_OOM=oom "$M" batch -q -o lim2 --mem-limit 256 limits/oom.pdf; rc=$?
  check "--mem-limit: allocation past the cap is code oom" \
    '[ "$rc" -eq 1 ] && [ "$(jq -r .code lim2/errors.jsonl)" = oom ]'
fi

# ---- OUTDIR in use -----------------------------------------------------------------------
MINUTES_TEST_HANG=hang "$M" batch -q -o busy --timeout 30 limits/hang.pdf & bg=$!
for _ in $(seq 50); do [ -e busy/.lock ] && break; sleep 0.1; done; sleep 0.2
"$M" batch -q -o busy good 2> err8.txt; rc=$?
check "a second run into a busy OUTDIR stops with exit 4" '[ "$rc" -eq 4 ] && grep -q "in use" err8.txt'
kill "$bg"; wait "$bg" 2>/dev/null; rc=$?
check "SIGTERM: the batch stops, records nothing for the killed worker, exits 143" \
  '[ "$rc" -eq 143 ] && [ ! -s busy/errors.jsonl ] && [ "$(grep -c "\"key\"" busy/manifest.jsonl)" -eq 0 ]'

# ---- kill -9 mid-run, resume: every document exactly once --------------------------------
mkdir big
for d in a b c d e f; do mkdir big/$d; cp "$B"/15528*.PDF big/$d/; done
n=$(find big -type f | wc -l)
oks() { cat big-out/manifest.jsonl 2>/dev/null | grep -c '"outcome":"ok"'; }
kills=0
for round in 1 2 3; do
  "$M" batch -q -j 1 -o big-out --jsonl big.jsonl big & bg=$!
  target=$(( $(oks) + 4 ))
  for _ in $(seq 400); do [ "$(oks)" -ge "$target" ] && break; kill -0 "$bg" 2>/dev/null || break; sleep 0.02; done
  if kill -9 "$bg" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$bg" 2>/dev/null
done
partial=$(oks)
# as if a run died after writing a line but before its manifest line, and mid-line after that
echo '{"schema_version":1,"source":{"path":"big/a/1552814.PDF"},"unrecorded":true}' >> big.jsonl
printf '{"schema_version":1,"source":{"pa' >> big.jsonl
"$M" batch -q -j 2 -o big-out --jsonl big.jsonl big; rc=$?
check "kill -9: the killed runs had not finished ($partial of $n recorded)" '[ "$partial" -lt "$n" ]'
check "resume cuts the JSON Lines back to the manifest's last mark" '! grep -q unrecorded big.jsonl' 
check "kill -9 x$kills then resume: exit 0" '[ "$rc" -eq 0 ] && [ "$kills" -ge 1 ]'
check "kill -9 then resume: JSON Lines has every document exactly once ($n)" \
  '[ "$(wc -l < big.jsonl)" -eq "$n" ] && [ "$(jq -r .source.path big.jsonl | sort -u | wc -l)" -eq "$n" ]'
check "kill -9 then resume: a record file per document, no temporary left" \
  '[ "$(find big-out -name "*.json" | wc -l)" -eq "$n" ] && [ -z "$(find big-out -name "*.tmp")" ]'
check "kill -9 then resume: the manifest's last word on every document is ok" \
  '[ "$(jq -r "select(.key) | [.key, .outcome] | @tsv" big-out/manifest.jsonl | sort -k1,1 -s | awk -F"\t" "{last[\$1]=\$2} END {for (k in last) if (last[k]==\"ok\") c++; print c}")" -eq "$n" ]'

# ---- shards under GNU Parallel = one run ----------------------------------------------------
if command -v parallel >/dev/null 2>&1; then
  "$M" batch -q -j 1 -o one mixed
  parallel --will-cite -j 3 "$M" batch -q -j 1 -o sharded --shard {}/3 mixed ::: 1 2 3
  strip() { (cd "$1" && find . -name "*.json" | sort); }
  check "--shard 1..3/3 under GNU Parallel: the same record files as one run" \
    '[ "$(strip one)" = "$(strip sharded)" ] && diff -r -x "*.jsonl" -x ".lock*" one sharded >/dev/null'
  check "--shard: the same failures as one run" \
    '[ "$(jq -r "[.path, .code] | @tsv" one/errors.jsonl | sort)" = "$(jq -r "[.path, .code] | @tsv" sharded/errors.jsonl | sort)" ]'
  tot=0; for k in 1 2 3; do c=$("$M" batch -q --jsonl - --shard $k/3 big 2>/dev/null | wc -l); tot=$((tot + c)); done
  check "--shard: the slices of the big tree add up to it ($tot = $n)" '[ "$tot" -eq "$n" ]'
else
  skipped "--shard under GNU Parallel" "parallel not installed (scripts/setup)"
fi

# ---- progress on a terminal ------------------------------------------------------------------
if command -v script >/dev/null 2>&1; then
  script -qec "$M batch -o tty-out good" /dev/null > tty.txt 2>&1
  check "on a terminal: a progress line (done/total, pages/s, errors, ETA)" \
    'grep -q "\[[0-9]/2\].*pages/s.*errors.*ETA" tty.txt'
else
  skipped "progress on a terminal" "no script(1)"
fi

# ---- usage -----------------------------------------------------------------------------------
"$M" batch good 2>/dev/null; rc1=$?
"$M" batch -o x 2>/dev/null; rc2=$?
"$M" batch -o x --shard 4/3 good 2>/dev/null; rc3=$?
"$M" convert --force good/1552823.PDF >/dev/null 2>&1; rc4=$?
check "usage errors exit 2 (no output, no PATH, bad --shard, batch option to convert)" \
  '[ "$rc1$rc2$rc3$rc4" = 2222 ]'

finish
