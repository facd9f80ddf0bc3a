"""The corpus' content model, shared by the Greve reader, the renderer and the
expected-record writer.

A document is a dict:
  meeting: body, date (ISO), start_time, end_time, time_text, location,
           participants, absent (lists of person dicts), case_number, document_number
  items:   list of item dicts: number, title, public, group, sections
  A section: kind, heading (None for kind "text"), blocks
  A block:  ("p", text)            prose paragraph
            ("sub", text)          short sub-heading inside prose (rendered bold, stays prose)
            ("li", text, label)    list entry; label None = the house style's bullet glyph
            ("table", rows)        rows: list of lists of cell strings

Expected records are derived from this model only (never from a converter), so that what is
rendered and what is expected cannot drift apart.
"""
import re
import unicodedata

# Section labels (CONVENTIONS.md plus the standing labels of the Greve house style).
LABEL_KIND = {
    "resumé": "summary", "resume": "summary", "sammendrag": "summary",
    "baggrund": "background",
    "sagsfremstilling": "presentation", "fremstilling": "presentation",
    "orientering": "orientation",
    "indstilling": "recommendation",
    "bilag": "attachments",
    "referat": "decision", "beslutning": "decision",
}
OTHER_LABELS = {
    "økonomiske konsekvenser og finansiering", "beslutningen træffes af",
    "følgende deltog ikke i behandlingen af punktet", "sagsprocedure", "sagsprocedurer",
    "lovgrundlag", "høring", "kommunikation", "sagsbeskrivelse", "økonomiske konsekvenser",
    "tidsplan", "sagens forløb", "øvrige konsekvenser", "øvrige forhold",
    "supplerende sagsfremstilling", "supplerende sagsbeskrivelse",
}


def label_kind(text):
    """Kind of a standalone label line, or None when the line is not a label."""
    t = fold(text).lower()
    if t in LABEL_KIND:
        return LABEL_KIND[t]
    if t in OTHER_LABELS:
        return "other"
    if re.match(r"^\S.*s beslutning den ", t) or re.match(r"^beslutning i .* den ", t):
        return "decision"
    return None


def fold(s):
    """NFC, soft hyphens and zero-width characters removed, white space folded."""
    s = unicodedata.normalize("NFC", s or "")
    s = s.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    s = s.replace("\u00a0", " ").replace("\u2009", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", s).strip()


def table_text(rows):
    return "\n".join("\t".join(c for c in row) for row in rows)


NUMBERED_POINT = re.compile(r"^(?:\d{1,2}\)|[-–])\s+")
DOTTED_POINT = re.compile(r"^\d{1,2}[.)]\s+")


def is_point(b):
    """A list entry: a bullet, or a paragraph that starts "1) " or "- " (the spec counts
    "1)", "-" and "–" as bullet marks)."""
    return b[0] == "li" or (b[0] == "p" and NUMBERED_POINT.match(b[1]) is not None)


def is_rec_point(b):
    """In an Indstilling, numbered paragraphs "1. at ..." are its points too."""
    return is_point(b) or (b[0] == "p" and DOTTED_POINT.match(b[1]) is not None)


def point_text(b):
    return b[1] if b[0] == "li" else DOTTED_POINT.sub("", NUMBERED_POINT.sub("", b[1], count=1), count=1)


def section_record(sec):
    prose, bullets = [], []
    for b in sec["blocks"]:
        if b[0] == "p" and is_point(b):
            bullets.append(NUMBERED_POINT.sub("", b[1], count=1))
        elif b[0] in ("p", "sub"):
            prose.append(b[1])
        elif b[0] == "table":
            prose.append(table_text(b[1]))
        elif b[0] == "li":
            bullets.append(b[1])
    return {"kind": sec["kind"], "heading": sec["heading"], "text": "\n\n".join(prose),
            "bullets": bullets}


def block_text(b):
    return table_text(b[1]) if b[0] == "table" else b[1]


def item_record(it, page=None):
    secs = [section_record(s) for s in it["sections"]]
    rec = None
    atts = []
    decisions = []
    for s, r in zip(it["sections"], secs):
        if s["kind"] == "recommendation" and rec is None:
            blocks = s["blocks"]
            first_li = next((i for i, b in enumerate(blocks) if is_rec_point(b)), None)
            if first_li is None:
                rec = {"intro": r["text"], "points": []}
            else:
                before = [b for b in blocks[:first_li] if not is_rec_point(b)]
                rec = {"intro": block_text(before[-1]) if before else None,
                       "points": [point_text(b) for b in blocks if is_rec_point(b)]}
        elif s["kind"] == "attachments":
            atts += r["bullets"] if r["bullets"] else ([r["text"]] if r["text"] else [])
        elif s["kind"] == "decision":
            decisions.append("\n\n".join(point_text(b) if is_point(b) else block_text(b)
                                         for b in s["blocks"]))
    return {
        "number": it["number"], "order": it["order"], "title": it["title"],
        "public": it["public"], "group": it["group"], "page": page,
        "sections": secs, "recommendation": rec, "attachments": atts,
        "decision": "\n\n".join(d for d in decisions if d) or None,
    }


def record(doc, source_path, pages=None):
    """The expected record of a model document. pages: item index -> page (or None)."""
    items = [item_record(it, (pages or {}).get(i)) for i, it in enumerate(doc["items"])]
    m = doc["meeting"]
    kind = "minutes" if any(i["decision"] for i in items) else "agenda"
    return {
        "schema_version": 1,
        "source": {"path": source_path, "sha256": None, "pages": None,
                   "ocr_pages": [], "text_source": "pdf"},
        "document": {"kind": kind, "case_number": m.get("case_number"),
                     "document_number": m.get("document_number")},
        "meeting": {k: m.get(k) for k in ("body", "date", "start_time", "end_time",
                                          "time_text", "location")}
        | {"participants": m.get("participants", []), "absent": m.get("absent", [])},
        "items": items,
        "warnings": [],
    }


def from_record(rec):
    """A model document from a hand-written expected record (the seeds)."""
    m = dict(rec.get("meeting") or {})
    d = rec.get("document") or {}
    m["case_number"] = d.get("case_number")
    m["document_number"] = d.get("document_number")
    items = []
    for n, it in enumerate(rec.get("items") or [], 1):
        secs = []
        for s in it.get("sections") or []:
            blocks = [("p", p) for p in (s.get("text") or "").split("\n\n") if p.strip()]
            if s.get("kind") == "recommendation" and it.get("recommendation"):
                intro = (it["recommendation"].get("intro") or "").strip()
                # keep the intro directly above its points
                if intro and blocks and blocks[-1][1] != intro:
                    blocks = [b for b in blocks if b[1] != intro] + [("p", intro)]
            blocks += [("li", b, None) for b in s.get("bullets") or []]
            secs.append({"kind": s.get("kind"), "heading": s.get("heading"), "blocks": blocks})
        items.append({"number": str(it.get("number")), "order": n, "title": it.get("title"),
                      "public": it.get("public", True), "group": it.get("group"),
                      "sections": secs})
    return {"meeting": m, "items": items}
