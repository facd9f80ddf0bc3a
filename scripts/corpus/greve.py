"""Greve 2024 FirstAgenda JSON -> content model (see model.py)."""
import json
import re
from html.parser import HTMLParser

from model import fold, label_kind

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
          "september", "oktober", "november", "december"]
WEEKDAYS = ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"]

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table",
              "tr", "td", "th", "tbody", "thead", "br", "span"}


class Blocks(HTMLParser):
    """Flattens item HTML into ("h", text) / ("p", text, bold) / ("li", text, label) /
    ("table", rows) tokens in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = []
        self.buf = []          # (text, bold) pieces of the current paragraph
        self.bold = 0
        self.head = 0          # inside h3/h4
        self.lists = []        # stack of [kind, counter]
        self.in_li = 0
        self.table = None      # rows while inside a (top-level) table
        self.tdepth = 0
        self.cell = None

    def flush(self):
        pieces = self.buf
        self.buf = []
        text = fold("".join(t for t, _ in pieces))
        if not text:
            return
        if self.table is not None and self.cell is not None:
            self.cell.append(text)
            return
        if self.head:
            self.out.append(("h", text))
        elif self.in_li:
            kind, n = self.lists[-1] if self.lists else ("ul", 0)
            label = None
            if kind == "ol":
                self.lists[-1][1] += 1
                label = "%d)" % self.lists[-1][1]
            self.out.append(("li", text, label))
            self.in_li = 0  # continuation paragraphs of the entry are prose
        else:
            strong = "".join(t for t, b in pieces if b and t.strip())
            allbold = fold(strong) == text
            self.out.append(("p", text, allbold))

    def handle_starttag(self, tag, attrs):
        if tag in ("strong", "b"):
            self.bold += 1
        if tag == "img":
            return
        if tag == "span":
            return  # inline
        if tag in BLOCK_TAGS:
            self.flush()
        if tag in ("h3", "h4", "h5"):
            self.head += 1
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
        elif tag == "li":
            self.in_li = 1
        elif tag == "table":
            self.tdepth += 1
            if self.tdepth == 1:
                self.table = []
        elif tag == "tr" and self.tdepth == 1:
            self.table.append([])
        elif tag in ("td", "th") and self.tdepth == 1:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        if tag == "span":
            return
        if tag in BLOCK_TAGS:
            self.flush()
        if tag in ("h3", "h4", "h5"):
            self.head = max(0, self.head - 1)
        elif tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
        elif tag == "li":
            self.in_li = 0
        elif tag in ("td", "th") and self.tdepth == 1 and self.cell is not None:
            if self.table:
                self.table[-1].append(fold(" ".join(self.cell)))
            self.cell = None
        elif tag == "table":
            self.tdepth -= 1
            if self.tdepth == 0:
                rows = [r for r in self.table if any(c for c in r)]
                width = max((len(r) for r in rows), default=0)
                rows = [r + [""] * (width - len(r)) for r in rows]
                if rows:
                    self.out.append(("table", rows))
                self.table = None

    def handle_data(self, data):
        self.buf.append((data, self.bold > 0))


def item_sections(html):
    p = Blocks()
    p.feed(html or "")
    p.close()
    p.flush()
    toks = p.out
    sections = []
    cur = None
    for i, t in enumerate(toks):
        if t[0] == "h":
            heading = t[1].rstrip(":").strip()
            kind = label_kind(heading) or "other"
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            # "Fremstilling" is the container heading of the h4 sections: drop it when empty
            if heading == "Fremstilling" and (nxt is None or nxt[0] == "h"):
                cur = None
                continue
            cur = {"kind": kind, "heading": heading, "blocks": []}
            sections.append(cur)
            continue
        if t[0] == "p":
            text, allbold = t[1], t[2]
            kind = label_kind(text) if not text.endswith(":") else None
            if kind and len(text) < 60:
                # a sub-heading that is a standing label starts a section of its own
                cur = {"kind": kind, "heading": text, "blocks": []}
                sections.append(cur)
                continue
            blk = ("sub", text) if allbold and len(text) <= 80 and not text.endswith(".") else ("p", text)
        elif t[0] == "li":
            blk = t
        else:
            blk = t
        if cur is None:
            cur = {"kind": "text", "heading": None, "blocks": []}
            sections.append(cur)
        cur["blocks"].append(blk)
    # a label directly followed by another label stays (printed, empty); unlabelled runs need text
    return [s for s in sections if s["blocks"] or s["heading"]]


def danish_date(iso, weekday=False):
    y, m, d = (int(x) for x in iso[:10].split("-"))
    import datetime
    wd = WEEKDAYS[datetime.date(y, m, d).weekday()]
    s = "%d. %s %d" % (d, MONTHS[m - 1], y)
    return ("%s den %s" % (wd.capitalize(), s)) if weekday else s


ORIENT = re.compile(r"^(underskriftsark|huskeliste|orientering|meddelelse|status|eventuelt|gensidig|henvendelser|lukket: orientering|lukket: henvendelser)", re.I)


def load(path):
    d = json.load(open(path, encoding="utf-8"))
    mo = d["Moede"]
    dato = mo["Dato"]
    date = dato[:10]
    start = dato[11:16]
    hh, mm = start.split(":")
    time_text = "%s, kl. %s.%s" % (danish_date(date, weekday=True), hh, mm)
    parts, absent = [], []
    for p in mo.get("Moededeltagere") or []:
        person = {"name": fold(p["Name"]), "affiliation": None, "role": None, "note": None}
        (absent if p.get("Absent") or p.get("ParticipationCancelled") else parts).append(person)
    meeting = {
        "body": fold(d["Udvalg"]["Navn"]).lstrip(". "),
        "date": date, "start_time": start, "end_time": None, "time_text": time_text,
        "location": fold(mo.get("Sted")) or None,
        "participants": parts, "absent": absent,
        "case_number": None, "document_number": None,
    }
    items = []
    for n, it in enumerate(d["Dagsordenpunkter"], 1):
        html = "".join(f.get("Html") or "" for f in it["Felter"])
        secs = item_sections(html)
        title = fold(it["Caption"] or it["Navn"])
        sags = fold(it.get("SagsNummer") or "")
        if sags:
            secs.insert(0, {"kind": "text", "heading": None,
                            "blocks": [("p", "Sagsnr.: " + sags)]})
        bilag = [fold(b["Navn"]) for b in it.get("Bilag") or [] if fold(b.get("Navn"))]
        if bilag:
            secs.append({"kind": "attachments", "heading": "Bilag",
                         "blocks": [("li", b, None) for b in bilag]})
        # "Lukket: X" marks a closed item: the marker is printed in the heading, the title
        # is X and public is false
        closed = re.match(r"^lukket\s*(punkt)?\s*:\s*", title, re.I)
        items.append({"number": fold(it["Number"] or it["Punktnummer"]), "order": n,
                      "title": title[closed.end():] if closed else title,
                      "heading": title, "public": not closed,
                      "group": None, "sections": secs})
    # groups (used by the styles that print them): a trailing run of orientation items
    k = len(items)
    while k > 1 and (ORIENT.match(items[k - 1]["title"]) or _takes_note(items[k - 1])):
        k -= 1
    for i, it in enumerate(items):
        it["_group"] = "Sager til orientering" if i >= k else "Sager til behandling"
    return {"meeting": meeting, "items": items}


def _takes_note(it):
    for s in it["sections"]:
        if s["kind"] == "recommendation":
            txt = " ".join(b[1] for b in s["blocks"] if b[0] != "table")
            return "til efterretning" in txt and "godkend" not in txt
    return False
