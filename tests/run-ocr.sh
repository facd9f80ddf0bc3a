#!/usr/bin/env bash
# tests/run-ocr.sh: OCR detection and the OCR path end to end (issue 7). Called by
# tests/run-all.sh (make check) with BUILD. Uses ../shared/real/ballerup-2012-12-04: the
# born-digital referat 1552814.PDF and the image-only scan 1537646.PDF (8 pages). About a
# minute on 2 cores. Ends with "N passed, N failed"; exit 1 on failure. Tests that need the
# Danish tesseract data are skipped (reported ok with "# SKIP") when it is missing.
set -u
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8
M="build/${BUILD:-release}/minutes"
R=../shared/real/ballerup-2012-12-04
BD=$R/1552814.PDF SCAN=$R/1537646.PDF
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
pass=0 fail=0
ok() { echo "ok - $1"; pass=$((pass + 1)); }
no() { echo "not ok - $1"; fail=$((fail + 1)); }
check() { if [ "$1" = 0 ]; then ok "$2"; else no "$2${3:+: $3}"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

if [ ! -x "$M" ] || [ ! -f "$BD" ] || [ ! -f "$SCAN" ]; then
  no "prerequisites: $M, $BD, $SCAN"
  echo "$pass passed, $fail failed"; exit 1
fi
have_dan=0
for d in "${TESSDATA_PREFIX:-}" /usr/share/tesseract-ocr/5/tessdata /usr/share/tesseract-ocr/4.00/tessdata; do
  [ -n "$d" ] && [ -f "$d/dan.traineddata" ] && have_dan=1
done
skip() { echo "ok - $1 # SKIP no tesseract 'dan' data"; pass=$((pass + 1)); }

# jq-like field access: src FILE EXPR (python expression over the record 'd')
src() { "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2" 2>/dev/null; }

# 1. A born-digital document is never OCRed in auto mode, and tesseract is not even loaded:
#    with no tessdata at all it still converts.
TESSDATA_PREFIX=/nonexistent "$M" convert "$BD" > "$tmp/bd.json" 2> "$tmp/bd.err"; rc=$?
check $rc "born-digital converts without tessdata in auto mode" "exit $rc $(head -c 300 "$tmp/bd.err")"
r=$(src "$tmp/bd.json" 'd["source"]["ocr_pages"] == [] and d["source"]["text_source"] == "pdf"')
check $([ "$r" = True ]; echo $?) "born-digital: no OCR page, text_source pdf"
bad=0
for f in $R/1533095.PDF $R/1546743.PDF $R/1552816.PDF; do
  [ -f "$f" ] || continue
  TESSDATA_PREFIX=/nonexistent "$M" convert --max-pages 6 "$f" > "$tmp/o.json" 2>/dev/null || bad=1
  [ "$(src "$tmp/o.json" 'd["source"]["ocr_pages"]')" = "[]" ] || { bad=1; echo "# OCRed: $f"; }
done
check $bad "other born-digital Ballerup PDFs (logos, tables of contents) are not OCRed"

# 2. --ocr never: the scan gives a record with empty_page warnings, no OCR.
"$M" convert --ocr never --max-pages 2 "$SCAN" > "$tmp/never.json" 2>/dev/null; rc=$?
r=$(src "$tmp/never.json" 'd["source"]["ocr_pages"] == [] and sum(w["code"] == "empty_page" for w in d["warnings"]) == 2')
check $([ $rc = 0 ] && [ "$r" = True ]; echo $?) "--ocr never: scan pages stay empty (warned)"

# 3. The tessdata check: a page that needs OCR without the language data is ocr_init, exit 4;
#    so is --ocr always at start-up, even for a born-digital file.
TESSDATA_PREFIX=/nonexistent "$M" convert --max-pages 1 "$SCAN" > "$tmp/o.json" 2> "$tmp/e"; rc=$?
check $([ $rc = 4 ] && grep -q 'ocr_init' "$tmp/e" && [ ! -s "$tmp/o.json" ]; echo $?) \
  "scan without tessdata: ocr_init, exit 4, no record" "exit $rc"
TESSDATA_PREFIX=/nonexistent "$M" convert --ocr always "$BD" > "$tmp/o.json" 2> "$tmp/e"; rc=$?
check $([ $rc = 4 ] && grep -q 'ocr_init' "$tmp/e"; echo $?) "--ocr always without tessdata: exit 4" "exit $rc"

# 3b. The OCR library itself is opened only when needed (pipeline/tess.h): one that cannot be
#     loaded is ocr_init too, named in the message, and a born-digital file does not care.
mkdir -p "$tmp/badlib"
: > "$tmp/badlib/libtesseract.so.5"
LD_LIBRARY_PATH="$tmp/badlib" "$M" convert --max-pages 1 "$SCAN" > "$tmp/o.json" 2> "$tmp/e"; rc=$?
check $([ $rc = 4 ] && grep -q 'ocr_init' "$tmp/e" && grep -q 'cannot load the OCR library' "$tmp/e" &&
        [ ! -s "$tmp/o.json" ]; echo $?) "OCR library that cannot be loaded: ocr_init, exit 4" \
  "exit $rc $(head -c 300 "$tmp/e")"
LD_LIBRARY_PATH="$tmp/badlib" "$M" convert "$BD" > "$tmp/o.json" 2> "$tmp/e"; rc=$?
check $rc "born-digital converts without a loadable OCR library" "exit $rc $(head -c 300 "$tmp/e")"

if [ $have_dan = 0 ]; then
  for t in "scan: exit 0" "scan: readable" "-j 1 = -j 2" "--ocr always" "mixed" "margin" "layer"; do skip "$t"; done
  echo "$pass passed, $fail failed"; [ $fail -eq 0 ]; exit
fi

# 4. The image-only scan (a sideways table) is OCRed page by page: exit 0, a record, readable
#    text in its warnings or items; the same with one thread and with two.
"$M" convert -j 2 --max-pages 3 "$SCAN" > "$tmp/scan2.json" 2> "$tmp/scan.err"; rc=$?
# (text_source is "mixed" here: emit.c counts the pages --max-pages left unread)
r=$(src "$tmp/scan2.json" 'd["source"]["ocr_pages"] == [1, 2, 3]')
check $([ $rc = 0 ] && [ "$r" = True ]; echo $?) "image-only scan: exit 0, ocr_pages 1-3" "exit $rc $(head -c 300 "$tmp/scan.err")"
n=$(src "$tmp/scan2.json" 'sum(json.dumps(d, ensure_ascii=False).count(w) for w in ("Ballerup", "Måløv", "Skovlunde", "Hovedgade"))')
check $([ "${n:-0}" -ge 6 ]; echo $?) "image-only scan: readable Danish text (place names found ${n:-0} times)"
"$M" convert -j 1 --max-pages 3 "$SCAN" > "$tmp/scan1.json" 2>/dev/null
check $(cmp -s "$tmp/scan1.json" "$tmp/scan2.json"; echo $?) "-j 1 and -j 2 give the same record (pages reassembled in order)"

# 5. --ocr always on a born-digital page reads it by OCR, and the text is the same.
"$M" convert --ocr always --max-pages 1 "$BD" > "$tmp/always.json" 2>/dev/null; rc=$?
r=$(src "$tmp/always.json" 'd["source"]["ocr_pages"] == [1] and d["meeting"]["date"] == "2012-12-04" and len(d["meeting"]["participants"]) == 7')
check $([ $rc = 0 ] && [ "$r" = True ]; echo $?) "--ocr always: page 1 OCRed, meeting date and participants still found"

# 6. A mixed document: born-digital page 1 plus a scanned page: only the scan is OCRed.
if command -v qpdf > /dev/null; then
  qpdf --empty --pages "$BD" 1 "$SCAN" 1 -- "$tmp/mixed.pdf" 2>/dev/null
  "$M" convert "$tmp/mixed.pdf" > "$tmp/mixed.json" 2>/dev/null; rc=$?
  r=$(src "$tmp/mixed.json" 'd["source"]["ocr_pages"] == [2] and d["source"]["text_source"] == "mixed"')
  check $([ $rc = 0 ] && [ "$r" = True ]; echo $?) "mixed document: only the scanned page is OCRed"
else
  skip "mixed document (no qpdf)"
fi

# 7. A real 300 dpi scan whose agenda numbers stand in a column of their own: tesseract's page
#    layout leaves most of them out, and they are read again alone (ocr_margin_read).
P26=../shared/real/grf-pomosa-odense-2026-02-16-generalforsamling-scan/referatgeneralforsamling2026.pdf
if [ -f "$P26" ]; then
  "$M" convert "$P26" > "$tmp/p26.json" 2>/dev/null; rc=$?
  r=$(src "$tmp/p26.json" '[i["number"] for i in d["items"]][:8] == [str(n) for n in range(1, 9)] and any(w["code"] == "ocr_margin_read" for w in d["warnings"])')
  check $([ $rc = 0 ] && [ "$r" = True ]; echo $?) "real scan with a column of item numbers: items 1-8 found (margin read again)"
else
  skip "real scan with a column of item numbers (not present)"
fi

# 8. A phone app's OCR layer (invisible text over the photo of each page) is read again and
#    the more readable text kept: the 2024 photo's pages are redone, warned with both rates.
P24=../shared/real/grf-pomosa-odense-2024-02-20-generalforsamling-photo-ocr/refgen_pomosa_2024.pdf
if [ -f "$P24" ]; then
  "$M" convert "$P24" > "$tmp/p24.json" 2>/dev/null; rc=$?
  r=$(src "$tmp/p24.json" 'd["source"]["ocr_pages"] == [1, 2] and sum(w["code"] == "ocr_layer_redone" and "by tesseract" in w["message"] for w in d["warnings"]) == 2 and [i["number"] for i in d["items"]][:3] == ["1", "2", "3"]')
  check $([ $rc = 0 ] && [ "$r" = True ]; echo $?) "an app's OCR layer over a photo: both pages read again (ocr_layer_redone), items from 1"
else
  skip "an app's OCR layer (not present)"
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
