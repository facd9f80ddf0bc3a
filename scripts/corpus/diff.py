#!/usr/bin/python3
"""What a converted record gets wrong, field by field, for the segmentation work.

usage: diff.py [--summary] PAIRS.tsv...   (lines "expected.json<TAB>converted.json", as
       tests/run-corpus.sh writes them to build/<BUILD>/corpus-run/pairs-<group>.tsv)

Prints per document the header fields, participants, kind, items, and per item the section
(kind, heading) sequence, decision, recommendation, attachments and page that differ
("got" = converter, "expected" = corpus). The score (../shared/tools/score) does not look at
section kinds and headings; --summary prints, per PAIRS file, an F1 over (item, kind, heading)
of the sections so that structure errors are visible too.
"""
import json
import sys
from collections import Counter


def norm(s):
    return " ".join((s or "").split())


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def cut(s, n=160):
    s = s if isinstance(s, str) else json.dumps(s, ensure_ascii=False)
    return s if len(s) <= n else s[:n] + "…"


def diff_pair(g, p, out):
    G, P = load(g), load(p)
    gm, pm = G.get("meeting") or {}, P.get("meeting") or {}
    for k in ("body", "date", "start_time", "end_time", "location"):
        if norm(gm.get(k)) != norm(pm.get(k)):
            out.append("  meeting.%s: got %r, expected %r" % (k, pm.get(k), gm.get(k)))
    for k in ("participants", "absent"):
        a = sorted(x.get("name") or "" for x in gm.get(k) or [])
        b = sorted(x.get("name") or "" for x in pm.get(k) or [])
        if a != b:
            out.append("  %s: got %s\n      expected %s" % (k, cut(b, 300), cut(a, 300)))
    gk, pk = (G.get("document") or {}).get("kind"), (P.get("document") or {}).get("kind")
    if gk != pk:
        out.append("  kind: got %r, expected %r" % (pk, gk))
    gi, pi = G.get("items") or [], P.get("items") or []
    gt = [(i.get("number"), i.get("title")) for i in gi]
    pt = [(i.get("number"), i.get("title")) for i in pi]
    if gt != pt:
        out.append("  items: got %s\n      expected %s" % (cut(pt, 400), cut(gt, 400)))
    by = {}
    for i in pi:
        by.setdefault(i.get("number"), i)
    tp = ng = np_ = 0
    for it in gi:
        q = by.get(it.get("number")) or {}
        n = it.get("number")
        gs = [(s.get("kind"), s.get("heading")) for s in it.get("sections") or []]
        ps = [(s.get("kind"), s.get("heading")) for s in q.get("sections") or []]
        c = Counter(gs) & Counter(ps)
        tp, ng, np_ = tp + sum(c.values()), ng + len(gs), np_ + len(ps)
        if not q:
            continue
        if gs != ps:
            out.append("  item %s sections: got %s\n      expected %s" % (n, cut(ps, 400), cut(gs, 400)))
        if norm(it.get("decision")) != norm(q.get("decision")):
            out.append("  item %s decision: got %s\n      expected %s" % (n, cut(q.get("decision")), cut(it.get("decision"))))
        if it.get("recommendation") != q.get("recommendation"):
            out.append("  item %s recommendation: got %s\n      expected %s"
                       % (n, cut(q.get("recommendation"), 220), cut(it.get("recommendation"), 220)))
        if it.get("attachments") != q.get("attachments"):
            out.append("  item %s attachments: got %s, expected %s"
                       % (n, cut(q.get("attachments")), cut(it.get("attachments"))))
        if it.get("page") != q.get("page"):
            out.append("  item %s page: got %r, expected %r" % (n, q.get("page"), it.get("page")))
    for i in pi:
        if i.get("number") not in {x.get("number") for x in gi}:
            np_ += len(i.get("sections") or [])
    return tp, ng, np_


def main(argv):
    summary = "--summary" in argv
    for pairs in [a for a in argv if a != "--summary"]:
        tp = ng = np_ = 0
        for line in open(pairs, encoding="utf-8"):
            if not line.strip():
                continue
            g, p = line.rstrip("\n").split("\t")[:2]
            out = []
            a, b, c = diff_pair(g, p, out)
            tp, ng, np_ = tp + a, ng + b, np_ + c
            if not summary:
                print("== %s" % p)
                print("\n".join(out) if out else "  (no differences)")
        if summary:
            pr = tp / np_ if np_ else 0.0
            rc = tp / ng if ng else 0.0
            f1 = 2 * pr * rc / (pr + rc) if pr + rc else (None if not ng and not np_ else 0.0)
            print("%-60s sections (kind, heading) F1 %s  (%d expected, %d got)"
                  % (pairs, "-" if f1 is None else "%.3f" % f1, ng, np_))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
