#!/usr/bin/env bash
# scan.sh MODE IN.pdf OUT.pdf SEED [PAGES]: a printed-and-scanned copy of IN.pdf.
#   grey300  300 dpi greyscale, skew 0.5-1 degree per page, light noise, JPEG
#   bw200    200 dpi bilevel (CCITT G4), specks, skew up to 2 degrees
#   mixed    IN.pdf with PAGES (e.g. 2-3) replaced by grey300 scans of themselves
#   bw200dirty  200 dpi bilevel G4 as archives hold them (issue 14): text thinned by a low
#            threshold, salt-and-pepper specks, a few dust marks and hairs, skew up to 1.5
#            degrees, a photocopy's dark band along one edge
#   fax150   the same dirt at 150 dpi, thinner still (a fax)
#   grey300dirty  300 dpi greyscale JPEG, blurred and noisy, dust, skew up to 1.5 degrees
# Deterministic: the skew of each page and the noise come from SEED.
set -euo pipefail
mode=$1 in=$2 out=$3 seed=$4 pages=${5:-}
tmp=$(mktemp -d "${out%.pdf}.tmpXXXX")
trap 'rm -rf "$tmp"' EXIT

angle() { # page seed lo hi -> degrees, alternating sign
  /usr/bin/python3 -c "import random,sys; r=random.Random(int(sys.argv[1])*1000+int(sys.argv[2])); a=r.uniform(float(sys.argv[3]),float(sys.argv[4])); print('%.2f' % (a if r.random()<0.5 else -a))" "$2" "$1" "$3" "$4"
}

dirt() { # page seed dpi grey|black -> ImageMagick -draw primitives (specks, dust, hairs, band)
  /usr/bin/python3 - "$@" <<'PY'
import math, random, sys
n, seed, dpi, kind = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
r = random.Random(seed * 7919 + n)
w, h = int(8.27 * dpi), int(11.69 * dpi)
ink = "gray35" if kind == "grey" else "black"
out = ["fill " + ink]
for _ in range(r.randint(40, 90)):          # specks: one to three pixels
    x, y, d = r.uniform(0, w), r.uniform(0, h), r.uniform(0.4, 1.2) * dpi / 200
    out.append("circle %.1f,%.1f %.1f,%.1f" % (x, y, x + d, y))
for _ in range(r.randint(3, 7)):            # dust: blobs of a third to one millimetre
    x, y, d = r.uniform(0, w), r.uniform(0, h), r.uniform(1.5, 4.0) * dpi / 200
    out.append("ellipse %.1f,%.1f %.1f,%.1f 0,360" % (x, y, d, d * r.uniform(0.6, 1.0)))
out.append("fill none")
out.append("stroke " + ink)
for _ in range(r.randint(1, 2)):            # hairs: thin curves two to six centimetres long
    x, y = r.uniform(0.1 * w, 0.9 * w), r.uniform(0.1 * h, 0.9 * h)
    a, L = r.uniform(0, math.pi), r.uniform(0.8, 2.4) * dpi
    pts = []
    for k in range(12):
        a += r.uniform(-0.25, 0.25)
        x, y = x + L / 12 * math.cos(a), y + L / 12 * math.sin(a)
        pts.append("%.1f,%.1f" % (x, y))
    out.append("stroke-width %.1f" % (1.6 * dpi / 200))
    out.append("polyline " + " ".join(pts))
print(" ".join(out))
PY
}

band() { # page seed dpi -> "x0,0 x1,h" rectangle of a photocopy's dark edge (left or right)
  /usr/bin/python3 -c "import random,sys; n,s,d=map(int,sys.argv[1:4]); r=random.Random(s*31+n); w=int(8.27*d); h=int(11.69*d); b=int(r.uniform(0.15,0.35)*d); print('0,0 %d,%d' % (b,h) if r.random()<0.5 else '%d,0 %d,%d' % (w-b,w,h))" "$@"
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
    elif [ "$kind" = dirty ] || [ "$kind" = fax ]; then
      # grey dirt and the dark band before the threshold (their edges come out ragged), the
      # threshold low (strokes thin, joins break), salt-and-pepper after it
      local thr=40%; [ "$kind" = fax ] && thr=50%
      convert "$f" -seed $((seed * 100 + n)) -background white -rotate "$(angle $n "$seed" 0.3 1.5)" \
        -gravity center -extent "$size" +repage \
        -fill gray32 -draw "rectangle $(band $n "$seed" "$dpi")" \
        -draw "$(dirt $n "$seed" "$dpi" black)" \
        -attenuate 0.35 +noise Gaussian -blur 0x0.6 -threshold "$thr" \
        -attenuate 0.04 +noise Impulse -threshold 50% \
        -type bilevel -density "$dpi" -units PixelsPerInch -compress Group4 "${f%.png}.tif"
    elif [ "$kind" = greydirty ]; then
      convert "$f" -seed $((seed * 100 + n)) -background white -rotate "$(angle $n "$seed" 0.3 1.5)" \
        -gravity center -extent "$size" +repage \
        -fill gray70 -draw "rectangle $(band $n "$seed" "$dpi")" \
        -draw "$(dirt $n "$seed" "$dpi" grey)" \
        -blur 0x1.1 -attenuate 0.6 +noise Gaussian -level 8%,92% -colorspace Gray \
        -density "$dpi" -units PixelsPerInch -quality 55 "${f%.png}.jpg"
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
  bw200dirty)
    scan_pages 200 dirty 1 99999
    img2pdf --producer "" --creationdate 2024-01-01T00:00:00 --moddate 2024-01-01T00:00:00 -o "$out" "$tmp"/p-*.tif ;;
  fax150)
    scan_pages 150 fax 1 99999
    img2pdf --producer "" --creationdate 2024-01-01T00:00:00 --moddate 2024-01-01T00:00:00 -o "$out" "$tmp"/p-*.tif ;;
  grey300dirty)
    scan_pages 300 greydirty 1 99999
    img2pdf --producer "" --creationdate 2024-01-01T00:00:00 --moddate 2024-01-01T00:00:00 -o "$out" "$tmp"/p-*.jpg ;;
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
