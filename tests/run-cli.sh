#!/usr/bin/env bash
# The command line: exit codes, --help on stdout, errors as one line naming the file and a
# stable code, records on stdout, -o written atomically, /dev/full detected.
set -u
cd "$(dirname "$0")/.."
M="build/${BUILD:-release}/minutes"
SEED="../shared/seeds/000_41b390801a43a69c.txt"
REAL="../shared/real/ballerup-2012-12-04/1552816.PDF"
pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
no() { echo "not ok - $1"; fail=$((fail + 1)); }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# expect NAME EXIT STDERR_REGEX -- command...
expect() {
  local name=$1 want=$2 re=$3; shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  if [ "$rc" -ne "$want" ]; then no "$name: exit $rc, wanted $want ($(head -c 300 "$tmp/err"))"; return; fi
  if [ -n "$re" ] && ! grep -Eq -- "$re" "$tmp/err"; then no "$name: stderr '$(head -c 300 "$tmp/err")' lacks /$re/"; return; fi
  ok "$name"
}

expect "--help exits 0" 0 "" -- "$M" --help
grep -q "usage: minutes convert" "$tmp/out" && ok "--help goes to stdout" || no "--help goes to stdout"
expect "--version" 0 "" -- "$M" --version
grep -Eq "^minutes [0-9]" "$tmp/out" && ok "--version prints the version" || no "--version output"
expect "no arguments: usage" 2 "usage" -- "$M"
expect "unknown command" 2 "unknown command" -- "$M" frobnicate x
expect "unknown option" 2 "" -- "$M" convert --frobnicate "$SEED"
expect "bad --dpi" 2 "dpi" -- "$M" convert --dpi abc "$SEED"
expect "two files for convert" 2 "" -- "$M" convert "$SEED" "$SEED"

expect "text seed converts" 0 "" -- "$M" convert "$SEED"
python3 -c "import json,sys; d=json.load(open('$tmp/out')); assert d['schema_version']==1 and d['items']" \
  && ok "record is JSON with items" || no "record is JSON with items"
[ "$(wc -l < "$tmp/out")" -eq 1 ] && ok "compact record is one line" || no "compact record is one line"
grep -q 'Socialdirektørkredsen' "$tmp/out" && ok "UTF-8 out, no \\u escapes" || no "UTF-8 out"
expect "stdin as text" 0 "" -- sh -c "'$M' convert - < '$SEED'"
expect "PDF converts" 0 "" -- "$M" convert --pretty "$REAL"
python3 -c "import json; d=json.load(open('$tmp/out')); assert d['source']['text_source']=='pdf' and d['source']['pages']>=1 and len(d['source']['sha256'])==64" \
  && ok "PDF record has source fields" || no "PDF record has source fields"

# tesseract is opened only for a page that needs OCR (pipeline/tess.h): a born-digital PDF
# must not pay for loading it
LD_DEBUG=files "$M" convert "$REAL" 2>"$tmp/ld" >/dev/null
if grep -q "file=libtesseract" "$tmp/ld"; then no "born-digital PDF loaded libtesseract"
elif grep -q "file=libpoppler" "$tmp/ld"; then ok "born-digital PDF: libtesseract not loaded"
else no "LD_DEBUG=files printed no library loads: cannot tell"; fi

expect "missing file: io" 1 "\[io\].*nope.pdf" -- "$M" convert "$tmp/nope.pdf"
: > "$tmp/empty.pdf"
expect "empty file: empty" 1 "\[empty\].*empty.pdf" -- "$M" convert "$tmp/empty.pdf"
mkdir "$tmp/dir.pdf"
expect "directory: io" 1 "\[io\].*dir.pdf" -- "$M" convert "$tmp/dir.pdf"
printf 'PK\003\004\000\000\010\000binary\000\001\002' > "$tmp/word.pdf"
expect "non-PDF named .pdf: not_pdf" 1 "\[not_pdf\].*word.pdf" -- "$M" convert "$tmp/word.pdf"
head -c 3000 "$REAL" > "$tmp/cut.pdf"
expect "truncated PDF: pdf_damaged" 1 "\[pdf_damaged\].*cut.pdf" -- "$M" convert "$tmp/cut.pdf"
[ ! -s "$tmp/out" ] && ok "no record on stdout for a failed document" || no "failed document wrote to stdout"
lines=$(wc -l < "$tmp/err")
[ "$lines" -eq 1 ] && ok "one line on stderr for a bad document" || no "stderr has $lines lines"

expect "-o writes a file" 0 "" -- "$M" convert -o "$tmp/rec.json" "$SEED"
[ -s "$tmp/rec.json" ] && [ ! -s "$tmp/out" ] && ok "-o: record in the file, nothing on stdout" || no "-o output"
ls "$tmp"/rec.json.tmp.* >/dev/null 2>&1 && no "-o left a temporary file" || ok "-o leaves no temporary file"
expect "-o into a missing directory: exit 4" 4 "cannot write" -- "$M" convert -o "$tmp/no/such/dir/x.json" "$SEED"
if [ -w /dev/full ]; then
  expect "stdout is /dev/full: exit 4" 4 "write error" -- sh -c "'$M' convert '$SEED' > /dev/full"
fi
expect "text --stage extract" 0 "" -- "$M" text --stage extract "$REAL"
grep -q -- "--- page 1 ---" "$tmp/out" && ok "text shows page markers" || no "text page markers"
expect "text --stage bogus" 2 "stage" -- "$M" text --stage bogus "$REAL"
# text --layout: each line with page, x, x2, y, size and B/I marks. The corpus styles set
# their section labels in bold (pdffonts: LiberationSerif-Bold, LiberationSans-Bold,
# Carlito-Bold), as Ballerup does (Verdana,Bold); body text is regular; plain text has no layout.
LAYOUT_PDF=$(awk -F'\t' '$3 == "A" && $4 == "text" { print $1; exit }' build/corpus/manifest.tsv 2>/dev/null)
[ -f "${LAYOUT_PDF:-}" ] || LAYOUT_PDF=$REAL
N='[0-9]+\.[0-9]'
expect "text --layout" 0 "" -- "$M" text --layout "$LAYOUT_PDF"
if grep -Eq "^ +1 +$N +$N +$N +$N B- (Beslutning|Sammendrag)\$" "$tmp/out" &&
   grep -Eq "^ +1 +$N +$N +$N +$N -- (Sagsnr|Godkendt|Ballerup Kommune)" "$tmp/out" &&
   grep -Eq "^ +1 +- +- +- +- -- \$" "$tmp/out" && head -1 "$tmp/out" | grep -q "^# page"; then
  ok "text --layout: bold section label B-, body --, blank lines without layout"
else
  no "text --layout marks ($(basename "$LAYOUT_PDF")): $(head -c 300 "$tmp/out")"
fi
expect "text --layout on plain text" 0 "" -- "$M" text --layout "$SEED"
if grep -Evq '^(# page|  +1 +- +- +- +- -- )' "$tmp/out"; then no "plain text has no layout"
else ok "plain text: every line's layout unknown"; fi
expect "check-rules" 0 "" -- "$M" check-rules
# make install honours PREFIX and DESTDIR, and the installed binary finds its rules
if make -s install DESTDIR="$tmp/stage" PREFIX=/opt/minutes BUILD="${BUILD:-release}" >/dev/null 2>&1 &&
   [ -x "$tmp/stage/opt/minutes/bin/minutes" ] && [ -f "$tmp/stage/opt/minutes/share/minutes/rules/40-sections.rules" ]; then
  ok "make install DESTDIR=... PREFIX=..."
  expect "installed binary finds its rules" 0 "" -- "$tmp/stage/opt/minutes/bin/minutes" convert "$SEED"
else
  no "make install DESTDIR=... PREFIX=..."
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
