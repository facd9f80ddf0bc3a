#!/usr/bin/python3
"""stats.py MANIFEST: per style, what the born-digital PDFs' text layer carries (pdftotext -raw),
and pages per class."""
import collections
import re
import subprocess
import sys

HYPH = re.compile(r"\w-$")
RUNHEAD = re.compile(r"^Punkt \d+$")
FOOT = re.compile(r"^Side \d+ af \d+$")
TOC = re.compile(r"\(side \d+\)$")
LABELS = ("Møde", "Tid", "Sted")


def pages(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", out, re.M)
    return int(m.group(1)) if m else 0


def main():
    rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    feat = collections.defaultdict(collections.Counter)
    cls_pages = collections.Counter()
    cls_docs = collections.Counter()
    for pdf, _exp, style, cls in rows:
        n = pages(pdf)
        cls_pages[cls] += n
        cls_docs[cls] += 1
        if cls != "text":
            continue
        f = feat[style]
        f["documents"] += 1
        f["pages"] += n
        text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"],
                              capture_output=True).stdout.decode("utf-8")
        first = text.split("\f")[0].splitlines()
        for line in text.splitlines():
            s = line.strip()
            if HYPH.search(s):
                f["line-end hyphens"] += 1
            if RUNHEAD.match(s):
                f["running headers 'Punkt N'"] += 1
            if FOOT.match(s):
                f["footers 'Side N af M'"] += 1
            if TOC.search(s):
                f["contents lines '(side N)'"] += 1
            if s.startswith("\uf0b7"):
                f["bullets U+F0B7"] += 1
            elif s.startswith("•"):
                f["bullets •"] += 1
            elif s.startswith("– "):
                f["bullets –"] += 1
        # a header block: Møde/Tid/Sted labels at line starts on page 1
        if all(any(re.match(r"^%s:?(\s|$)" % k, x) for x in first) for k in LABELS):
            bold = any(x.startswith("Møde:") for x in first)
            f["header blocks (labels with colon)" if bold else "header blocks (table / tab lines)"] += 1
    keys = sorted({k for f in feat.values() for k in f})
    styles = sorted(feat)
    print("%-36s" % "feature" + "".join("%10s" % s for s in styles))
    for k in keys:
        print("%-36s" % k + "".join("%10d" % feat[s][k] for s in styles))
    print()
    print("%-10s %6s %6s" % ("class", "docs", "pages"))
    for c in sorted(cls_pages):
        print("%-10s %6d %6d" % (c, cls_docs[c], cls_pages[c]))


if __name__ == "__main__":
    main()
