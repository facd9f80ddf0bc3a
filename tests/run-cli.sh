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
# nor libpq and SQLite, opened only for a store (pipeline/pq.h, pipeline/lite.h)
if grep -q -e "file=libpq" -e "file=libsqlite3" "$tmp/ld"; then no "convert loaded libpq or SQLite"
elif grep -q "file=libpoppler" "$tmp/ld"; then ok "convert: libpq and SQLite not loaded"
else no "LD_DEBUG=files printed no library loads: cannot tell"; fi

expect "missing file: io" 1 "\[io\].*nope.pdf" -- "$M" convert "$tmp/nope.pdf"
: > "$tmp/empty.pdf"
expect "empty file: empty" 1 "\[empty\].*empty.pdf" -- "$M" convert "$tmp/empty.pdf"
mkdir "$tmp/dir.pdf"
expect "directory: io" 1 "\[io\].*dir.pdf" -- "$M" convert "$tmp/dir.pdf"
printf 'PK\003\004\000\000\010\000binary\000\001\002' > "$tmp/word.pdf"
expect "non-PDF named .pdf: not_pdf" 1 "\[not_pdf\].*word.pdf" -- "$M" convert "$tmp/word.pdf"
# a file named .pdf (any case) that is not one: not_pdf, naming what it looks like (issue 16)
np=$tmp/np; mkdir -p "$np"
printf '<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not found</body></html>\n' > "$np/page.pdf"
printf 'Referat af mødet\n\n1. Godkendelse af dagsorden\nGodkendt.\n' > "$np/notes.PDF"
printf 'PK\003\004\024\000\000\000\010\000' > "$np/archive.pdf"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' > "$np/image.pdf"
printf '\377\330\377\340\000\020JFIF\000' > "$np/photo.Pdf"
printf 'II*\000\010\000\000\000' > "$np/scan.pdf"
printf 'GIF89a\001\000\001\000' > "$np/anim.pdf"
for c in page.pdf:HTML notes.PDF:text archive.pdf:ZIP image.pdf:PNG photo.Pdf:JPEG scan.pdf:TIFF anim.pdf:GIF; do
  f=${c%%:*} what=${c#*:}
  expect "$f is $what: not_pdf" 1 "^minutes: error \[not_pdf\]: '[^']*$f' is named .pdf but is $what" -- "$M" convert "$np/$f"
  [ ! -s "$tmp/out" ] && [ "$(wc -l < "$tmp/err")" -eq 1 ] && ok "$f: no record, one stderr line" ||
    no "$f: no record, one stderr line"
done
: > "$np/zero.PDF"
expect "an empty .PDF keeps the code empty" 1 "\[empty\]" -- "$M" convert "$np/zero.PDF"
printf 'junk before the header\n' > "$np/late.pdf"; cat "$REAL" >> "$np/late.pdf"
expect "leading junk before %PDF- is still a PDF" 0 "" -- "$M" convert "$np/late.pdf"
expect "--text still converts text named .PDF" 0 "" -- "$M" convert --text "$np/notes.PDF"
grep -q 'Godkendelse af dagsorden' "$tmp/out" && ok "--text: the text is in the record" || no "--text record"
cp "$np/notes.PDF" "$np/plain.txt"
expect "the same text named .txt converts" 0 "" -- "$M" convert "$np/plain.txt"
expect "the same text on stdin converts" 0 "" -- sh -c "'$M' convert - < '$np/page.pdf'"
# batch: every one of them is a line in errors.jsonl with its code and what it is
"$M" batch -q -j 1 -o "$tmp/bo" "$np" 2>/dev/null; rc=$?
[ "$rc" -eq 1 ] && ok "batch over them: exit 1" || no "batch over them: exit $rc, wanted 1"
for c in page.pdf:HTML notes.PDF:text archive.pdf:ZIP image.pdf:PNG photo.Pdf:JPEG scan.pdf:TIFF anim.pdf:GIF; do
  f=${c%%:*} what=${c#*:}
  python3 - "$tmp/bo/errors.jsonl" "$f" "$what" <<'PY' && ok "batch: errors.jsonl has $f as not_pdf ($what)" || no "batch: errors.jsonl line for $f"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
hit = [l for l in lines if l["path"].endswith("/" + sys.argv[2])]
assert len(hit) == 1 and hit[0]["code"] == "not_pdf" and (" is " + sys.argv[3] + ":") in hit[0]["message"], hit
PY
done
python3 -c "import json,sys; l=[json.loads(x) for x in open('$tmp/bo/errors.jsonl')]; assert [x['code'] for x in l if x['path'].endswith('zero.PDF')]==['empty']" \
  && ok "batch: the empty .PDF is empty" || no "batch: the empty .PDF"
[ -s "$tmp/bo/plain.json" ] && ok "batch: plain.txt converted as text" || no "batch: plain.txt not converted"
"$M" batch -q -j 1 --text -o "$tmp/bt" "$np/notes.PDF" 2>/dev/null &&
  [ -n "$(find "$tmp/bt" -name notes.json -size +0)" ] && ok "batch --text converts text named .PDF" ||
  no "batch --text"

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
# make install honours PREFIX and DESTDIR: binary, rules, word list and man page, and the
# installed binary finds its rules and its word list
for prefix in /usr /opt/minutes; do
  st=$tmp/stage$(echo "$prefix" | tr / _)
  if make -s install DESTDIR="$st" PREFIX="$prefix" BUILD="${BUILD:-release}" >/dev/null 2>&1 &&
     [ -x "$st$prefix/bin/minutes" ] && [ -f "$st$prefix/share/minutes/rules/40-sections.rules" ] &&
     [ -f "$st$prefix/share/man/man1/minutes.1" ]; then
    ok "make install DESTDIR=... PREFIX=$prefix: binary, rules, man page"
    expect "installed binary ($prefix) finds its rules" 0 "" -- "$st$prefix/bin/minutes" convert "$SEED"
  else
    no "make install DESTDIR=... PREFIX=$prefix"
  fi
done
st=$tmp/stage_usr
if [ -f /usr/share/hunspell/da_DK.aff ]; then
  [ -s "$st/usr/share/minutes/da_DK.words" ] && ok "make install: the word list" || no "make install: the word list"
  if command -v strace >/dev/null; then
    strace -f -e trace=openat -o "$tmp/strace" "$st/usr/bin/minutes" convert "$REAL" >/dev/null 2>&1
    grep -q "$st/usr/share/minutes/da_DK.words" "$tmp/strace" && ok "installed binary maps its word list" ||
      no "installed binary maps its word list"
    # the document's own vocabulary and the list settle its hyphens: hunspell is not read
    ! grep -q 'da_DK\.dic' "$tmp/strace" && ok "born-digital convert with the list: hunspell not read" ||
      no "born-digital convert with the list read hunspell's da_DK.dic"
  fi
fi
# scripts/setup --runtime installs only what building and running need (issue 16)
rt=$(bash scripts/setup --runtime --list) all=$(bash scripts/setup --list)
if echo "$rt" | grep -qx libhunspell-dev && echo "$rt" | grep -qx libpoppler-glib-dev &&
   ! echo "$rt" | grep -Eqx 'libreoffice.*|imagemagick|ocrmypdf|valgrind|clang|mandoc'; then
  ok "setup --runtime: build and run packages only"
else
  no "setup --runtime list: $(echo $rt)"
fi
echo "$all" | grep -qx libreoffice-writer-nogui && echo "$all" | grep -qx mandoc &&
  echo "$all" | grep -qx libhunspell-dev && ok "setup: the full list adds tests, corpus and bench" ||
  no "setup full list"
# the man page: mandoc's lint (Debian package mandoc), else groff's warnings through man
man1=doc/minutes.1
if command -v mandoc >/dev/null; then
  out=$(mandoc -T lint -W warning "$man1" 2>&1) && [ -z "$out" ] && ok "man page: mandoc -T lint clean" ||
    no "man page: mandoc -T lint: $out"
elif command -v man >/dev/null; then
  out=$(MANWIDTH=80 man --warnings -l "$man1" 2>&1 >/dev/null) && [ -z "$out" ] &&
    ok "man page: man --warnings clean" || no "man page: man --warnings: $out"
else
  no "man page: neither mandoc nor man to check it"
fi
missing=
for w in convert batch check-rules not_pdf pdf_damaged --text --ocr da_DK.words "EXIT STATUS"; do
  grep -q -- "$w" <(MANWIDTH=100 man -l "$man1" 2>/dev/null | col -b) || missing="$missing $w"
done
[ -z "$missing" ] && ok "man page mentions the commands, the codes, the options and the files" ||
  no "man page lacks:$missing"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
