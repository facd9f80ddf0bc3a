#!/usr/bin/env bash
# scan.sh MODE IN.pdf OUT.pdf SEED [PAGES]: a printed-and-scanned copy of IN.pdf.
#   grey300  300 dpi greyscale, skew 0.5-1 degree per page, light noise, JPEG
#   bw200    200 dpi bilevel (CCITT G4), specks, skew up to 2 degrees
#   mixed    IN.pdf with PAGES (e.g. 2-3) replaced by grey300 scans of themselves
# Deterministic: the skew of each page and the noise come from SEED.
set -euo pipefail
mode=$1 in=$2 out=$3 seed=$4 pages=${5:-}
tmp=$(mktemp -d "${out%.pdf}.tmpXXXX")
trap 'rm -rf "$tmp"' EXIT

angle() { # page seed lo hi -> degrees, alternating sign
  /usr/bin/python3 -c "import random,sys; r=random.Random(int(sys.argv[1])*1000+int(sys.argv[2])); a=r.uniform(float(sys.argv[3]),float(sys.argv[4])); print('%.2f' % (a if r.random()<0.5 else -a))" "$2" "$1" "$3" "$4"
}

scan_pages() { # dpi kind first last
  local dpi=$1 kind=$2 first=$3 last=$4
  pdftoppm -r "$dpi" -gray -f "$first" -l "$last" -png "$in" "$tmp/p"
  local n=0
  for f in "$tmp"/p-*.png; do
    n=$((n + 1))
    local size; size=$(identify -format '%wx%h' "$f")
    if [ "$kind" = grey ]; then
      convert "$f" -seed $((seed * 100 + n)) -background white -rotate "$(angle $n "$seed" 0.5 1.0)" \
        -gravity center -extent "$size" +repage -attenuate 0.25 +noise Gaussian -blur 0x0.4 \
        -level 4%,96% -colorspace Gray -density "$dpi" -units PixelsPerInch -quality 80 \
        "${f%.png}.jpg"
    else
      convert "$f" -seed $((seed * 100 + n)) -background white -rotate "$(angle $n "$seed" 0.8 2.0)" \
        -gravity center -extent "$size" +repage -attenuate 0.12 +noise Impulse -blur 0x0.5 \
        -threshold 58% -type bilevel -density "$dpi" -units PixelsPerInch \
        -compress Group4 "${f%.png}.tif"
    fi
    rm -f "$f"
  done
}

case $mode in
  grey300)
    scan_pages 300 grey 1 99999
    img2pdf --producer "" --creationdate 2024-01-01T00:00:00 --moddate 2024-01-01T00:00:00 -o "$out" "$tmp"/p-*.jpg ;;
  bw200)
    scan_pages 200 bw 1 99999
    img2pdf --producer "" --creationdate 2024-01-01T00:00:00 --moddate 2024-01-01T00:00:00 -o "$out" "$tmp"/p-*.tif ;;
  mixed)
    a=${pages%-*} b=${pages#*-}
    scan_pages 300 grey "$a" "$b"
    img2pdf --producer "" --creationdate 2024-01-01T00:00:00 --moddate 2024-01-01T00:00:00 -o "$tmp/scan.pdf" "$tmp"/p-*.jpg
    n=$(pdfinfo "$in" | awk '/^Pages:/ {print $2}')
    args=("$in" "1-$((a - 1))" "$tmp/scan.pdf" "1-z")
    [ "$b" -lt "$n" ] && args+=("$in" "$((b + 1))-z")
    qpdf --empty --deterministic-id --pages "${args[@]}" -- "$out" ;;
  *) echo "scan.sh: unknown mode $mode" >&2; exit 2 ;;
esac
