"""Real-style corpus (issue 13 point 6, issue 18 point 6): house styles that imitate what Danish
meeting systems print, plus association minutes and documents that are no minutes at all.

Content: the Greve meetings (greve.py), a few items each, their sections renamed and reordered
into each system's vocabulary; association and non-minutes documents are text written here.
Every document is one model (model.py) that is both rendered (flat ODT -> LibreOffice -> PDF)
and written as the expected record, so text and expectation cannot drift.

Styles (manifest style column; class "realstyle"); see corpus/README.md for the feature table.
  firstagenda          FirstAgenda/Prepare print
  acadre               Acadre print (held out until it was retired into tuning)
  sbsys                SBSYS eDagsorden print
  edoc                 eDoc (KMD) agenda publishing print
  prisme               Prismeportal print
  netpub               Netpublicator / Word template
  os2web               OS2web export printed from a browser (held out until retired)
  cicero               a label-column print (Cicero/EG style; held out until retired)
  typed                a 1990s typed Word-97 referat (held out until retired)
  heldout-region       a regional council print: prose title block, decision right after the
                       Indstilling (held out: never tune on it)
  heldout-stacked      a web agenda system printed landscape: labels above values, upper-case
                       labels, dated numeric decisions (held out: never tune on it)
  assoc                associations: generalforsamling, bestyrelsesmøde, indkaldelse
  notminutes           a letter, a case list, a notat, an accounts table (kind unknown)
"""
import datetime
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from xml.sax.saxutils import escape

import fodt
import greve
import model
from model import fold

t = fodt.t
CLASS = "realstyle"
MONTHS = greve.MONTHS
PARTIES = ["A", "V", "C", "F", "O", "Ø", "B", "I", "D"]
GREVE_ADDR = ["Rådhusholmen 10", "2670 Greve"]


# ---------------------------------------------------------------- small helpers

def ddate(iso, weekday=False):
    return greve.danish_date(iso, weekday)


def dmy(iso, sep="-"):
    y, m, d = iso.split("-")
    return sep.join((d, m, y))


def shift(iso, days):
    return (datetime.date.fromisoformat(iso) + datetime.timedelta(days=days)).isoformat()


def add_hours(hhmm, h):
    hh, mm = (int(x) for x in hhmm.split(":"))
    return "%02d:%02d" % ((hh + h) % 24, mm)


def party(name):
    """A fixed party letter per name (deterministic, no randomness)."""
    return PARTIES[sum(name.encode("utf-8")) % len(PARTIES)]


def person(name, aff=None, role=None, note=None):
    return {"name": name, "affiliation": aff, "role": role, "note": note}


def sec(kind, heading, blocks):
    return {"kind": kind, "heading": heading, "blocks": blocks}


# ---------------------------------------------------------------- house styles

# Section roles in the Greve model -> per style (heading, kind); None drops the section.
# The order list is the order the system prints its fields in.
STYLES = {
    "firstagenda": dict(
        font="Liberation Sans", size="10pt", ml="2.2cm", mr="2.2cm", head_size="12pt",
        labels={"summary": ("Resume", "summary"), "presentation": ("Sagsbeskrivelse", "other"),
                "background": ("Baggrund", "background"), "economy": ("Økonomi", "other"),
                "law": ("Lovgrundlag", "other"), "hearing": ("Høring", "other"),
                "attachments": ("Bilag", "attachments"),
                "rec": ("Indstilling", "recommendation"), "decision": ("Beslutning", "decision")},
        order=["case", "summary", "presentation", "background", "economy", "law", "hearing", "rec",
               "history", "decision", "attachments"],
        rec="num_dot", case="sagsnr", history="other_body", header="unlabelled", toc="dots",
        heading="num_dot", furniture="two_line_header", parties=True, break_items=True),
    "acadre": dict(
        font="Liberation Serif", size="11pt", ml="2.5cm", mr="2.0cm", head_size="12pt",
        labels={"competence": ("Kompetence", "other"), "summary": ("Resumé", "summary"),
                "presentation": ("Sagsbeskrivelse", "other"), "background": ("Baggrund", "background"),
                "economy": ("Økonomiske konsekvenser", "other"), "law": ("Lovgrundlag", "other"),
                "hearing": ("Høring", "other"), "attachments": ("Bilag", "attachments"),
                "rec": ("Det indstilles:", "recommendation"), "decision": ("dated", "decision")},
        order=["case", "competence", "summary", "presentation", "background", "economy", "law",
               "hearing", "rec", "history", "decision", "attachments"],
        rec="at_lines", case="sagsnr_doknr", history="same_body", header="one_line_tabs",
        toc="punkt_nr", heading="upper", furniture="side_af", parties=True, end=True,
        break_items=True),
    "sbsys": dict(
        font="Liberation Sans", size="10pt", ml="3.0cm", mr="3.0cm", head_size="14pt",
        labels={"summary": ("Resumé", "summary"), "course": ("Sagsforløb", "other"),
                "presentation": ("Sagsforløb", "other"), "background": ("Baggrund", "background"),
                "economy": ("Økonomi", "other"), "attachments": ("Bilagsfortegnelse", "attachments"),
                "rec": ("Forvaltningen indstiller", "recommendation"),
                "decision": ("Beslutninger", "decision")},
        order=["case", "summary", "presentation", "background", "economy", "rec", "decision",
               "attachments"],
        rec="at_lines", case="emn", history=None, header="table_sbsys", toc="punkt_nr",
        heading="num_tab", furniture="side_af_head", parties=True, end=True, break_items=True),
    "edoc": dict(
        font="Liberation Serif", size="11pt", ml="2.5cm", mr="2.5cm", head_size="13pt",
        labels={"summary": ("Resume", "summary"), "presentation": ("Baggrund", "background"),
                "economy": ("Økonomiske konsekvenser", "other"),
                "law": ("Lovgrundlag", "other"), "hearing": ("Høring", "other"),
                "attachments": ("Bilag", "attachments"), "rec": ("Indstilling", "recommendation"),
                "decision": ("dated", "decision")},
        order=["case", "summary", "presentation", "background", "economy", "law", "hearing",
               "rec", "history", "decision", "attachments"],
        rec="alpha", case=None, history="other_body", header="colon_lines", toc="titles",
        heading="punkt", furniture="head_body_date", parties=False),
    "prisme": dict(
        font="Liberation Sans", size="10pt", ml="3.5cm", mr="3.0cm", head_size="14pt",
        labels={"competence": ("SAGEN AFGØRES I", "other"), "summary": ("RESUMÉ", "summary"),
                "presentation": ("SAGSFREMSTILLING", "presentation"),
                "background": ("BAGGRUND", "background"),
                "economy": ("ØKONOMISKE KONSEKVENSER", "other"), "law": ("LOVGRUNDLAG", "other"),
                "attachments": ("BILAG", "attachments"), "rec": ("INDSTILLING", "recommendation"),
                "decision": ("BESLUTNING", "decision")},
        order=["case", "competence", "summary", "presentation", "background", "economy", "law",
               "rec", "decision", "attachments"],
        rec="At_cap", case="sagsnr", history=None, header="one_line_colons", toc=None,
        heading="num_dot", furniture="two_line_header", parties=True),
    "netpub": dict(
        font="Carlito", size="11pt", ml="2.5cm", mr="2.5cm", head_size="13pt",
        labels={"competence": ("Sagen afgøres i", "other"), "summary": ("Beslutningstema", "other"),
                "presentation": ("Sagsfremstilling", "presentation"),
                "background": ("Baggrund", "background"), "economy": ("Økonomi", "other"),
                "endorsement": ("Økonomiafdelingens påtegning", "other"),
                "attachments": ("Bilag", "attachments"), "rec": ("Indstilling", "recommendation"),
                "decision": ("Afgørelse", "decision")},
        order=["case", "summary", "competence", "presentation", "background", "economy",
               "endorsement", "rec", "decision", "attachments"],
        rec="num_paren_at", case="sagsnr", history=None, header="table_word", toc=None,
        heading="num_dot", furniture="side_af", parties=False),
    "os2web": dict(
        font="DejaVu Sans", size="9.5pt", ml="1.5cm", mr="1.5cm", head_size="12pt",
        labels={"summary": ("Resume", "summary"), "presentation": ("Sagsfremstilling", "presentation"),
                "background": ("Baggrund", "background"), "economy": ("Økonomi", "other"),
                "law": ("Lovgrundlag", "other"), "attachments": ("Bilag", "attachments"),
                "rec": ("Beslutningspunkter", "recommendation"), "decision": ("Beslutning", "decision")},
        order=["summary", "presentation", "background", "economy", "law", "rec", "decision",
               "attachments"],
        rec="num_dot_at", case=None, history=None, header="unlabelled_body_first", toc="titles",
        heading="punkt", furniture="browser", parties=False),
    # Held out until they were retired into tuning: a label-column print as Cicero / EG
    # Dagsorden print it (labels in a left column, text in a right one, the item number in the
    # margin, numbers running through the year, protocol page numbers), and a 1990s referat typed
    # in Word 97 (Courier, centred title block, underlined upper-case "PKT. 3" or "Ad 3)"
    # headings, inline "Indstilling:"/"Beslutning:" labels, "Til stede:" prose, signatures).
    "cicero": dict(
        font="DejaVu Serif", size="9pt", ml="2.0cm", mr="1.8cm", head_size="11pt",
        labels={"competence": ("Beslutningskompetence", "other"), "summary": ("Sagens kerne", "other"),
                "presentation": ("Sagsfremstilling", "presentation"),
                "background": ("Baggrund", "background"),
                "economy": ("Økonomi og finansiering", "other"), "law": ("Lovgrundlag", "other"),
                "rec": ("Indstilling", "recommendation"), "decision": ("Beslutning", "decision"),
                "attachments": ("Bilag", "attachments")},
        order=["case", "competence", "summary", "presentation", "background", "economy", "law",
               "rec", "history", "decision", "attachments"],
        rec="bullet_at", case="sagsnr", history="same_body", history_fmt="label_dmy",
        layout="labelcol", heading="labelcol", parties=True, end=True, groups=True,
        numbers=[87, 112, 141, 63], first_page=[411, 388, 97, 205], label_col="4.7cm"),
    "typed": dict(
        font="Liberation Mono", size="10pt", ml="2.5cm", mr="2.2cm", head_size="10pt",
        labels={"presentation": (None, "text"), "background": ("Baggrund", "background"),
                "economy": ("Økonomi", "other"), "rec": ("Indstilling", "recommendation"),
                "decision": ("Beslutning", "decision"), "attachments": ("Bilag", "attachments")},
        order=["case", "presentation", "background", "economy", "rec", "history", "decision",
               "attachments"],
        rec="typed", case="jnr", history="same_body", history_fmt="den_dots", layout="typed",
        heading="typed",
        heading_forms=["pkt", "pkt", "ad", "ad"], parties=True, end=True, att_label="-",
        hyphenate=False),
    # Held out (never tune the converter on these two). A regional council's print (Region
    # Midtjylland / Region Sjælland style: "Referat / til / mødet i <body> / den <date> kl. /
    # i <place>" in prose, members in a name | role | party table, absentees only in the sentence
    # "Medlemmerne var mødt, bortset fra ..., der havde meldt afbud.", contents "Pkt. / Tekst /
    # Side" with "(Åben)", headings "3<tab>Titel" with no dot, a Sagsnr./Dokumentnr./
    # Sagsansvarlig block under each heading, the lead "Direktionen indstiller," as the
    # Indstilling's label, the decision right after the Indstilling and before the
    # Sagsfremstilling, earlier treatment as "<body>, 4. september 2024, pkt. 12:"), and a web
    # agenda system's print made landscape from a browser (eDagsorden HTML export: labels in
    # upper case on a line of their own above their value in the header block, "STARTTIDSPUNKT
    # 25-09-2024 08:00:00", a "PUNKTER" list, item numbers running through the year, the title
    # repeated under the heading, "SAGSGANG OG SAGSTYPE", upper-case labels, decisions dated
    # "Beslutning i <body> den 25-09-2024" last, "1/4" page numbers).
    "heldout-region": dict(
        font="Nimbus Sans", size="10pt", ml="2.3cm", mr="2.3cm", head_size="12pt",
        labels={"summary": ("Resumé", "summary"),
                "rec": ("Direktionen indstiller,", "recommendation"),
                "decision": ("Beslutning", "decision"),
                "presentation": ("Sagsfremstilling", "presentation"),
                "background": ("Baggrund", "background"),
                "economy": ("Økonomiske forhold og konsekvenser", "other"),
                "law": ("Juridiske forhold", "other"), "attachments": ("Bilag", "attachments")},
        order=["case", "summary", "rec", "history", "decision", "presentation", "background",
               "economy", "law", "attachments"],
        rec="at_lines", case="meta", history="same_body", history_fmt="pkt", layout="region",
        heading="region", parties=True, end=True, roles=True),
    "heldout-stacked": dict(
        font="DejaVu Sans", size="9pt", ml="1.6cm", mr="1.6cm", head_size="12pt",
        labels={"procedure": ("SAGSGANG OG SAGSTYPE", "other"),
                "rec": ("INDSTILLING", "recommendation"),
                "background": ("BAGGRUND", "background"),
                "presentation": ("SAGSFREMSTILLING", "presentation"),
                "economy": ("ØKONOMI", "other"), "law": ("RETSGRUNDLAG", "other"),
                "decision": ("dated_dmy", "decision"), "attachments": ("BILAG", "attachments")},
        order=["retitle", "procedure", "rec", "background", "presentation", "economy", "law",
               "history", "decision", "attachments"],
        rec="num_intro_at", case=None, history="same_body", history_fmt="dated_dmy",
        layout="stacked", heading="num_dot", parties=True, end=True, att_label="–",
        numbers=[131, 58, 94], hyphenate=False),
}

# Greve meetings per style (three or four documents each; the last of some styles is an agenda).
PLAN = {
    "firstagenda": [("oekonomiudvalget", False), ("kultur-og-fritidsudvalget", False),
                    ("plan-og-tryghedsudvalget", True)],
    "acadre": [("social-og-handicapudvalget", False), ("byraad-2022-2025", False),
                       ("klima-teknik-og-miljoeudvalget", False)],
    "sbsys": [("sundheds-og-omsorgsudvalget", False), ("skole-boerne-og-ungeudvalget", False),
              ("beskaeftigelses-og-erhvervsudvalget", True)],
    "edoc": [("byraad-2022-2025", False), ("plan-og-tryghedsudvalget", False),
             ("social-og-handicapudvalget", True)],
    "prisme": [("klima-teknik-og-miljoeudvalget", False), ("beskaeftigelses-og-erhvervsudvalget", False),
               ("oekonomiudvalget", False)],
    "netpub": [("kultur-og-fritidsudvalget", False), ("sundheds-og-omsorgsudvalget", False),
               ("skole-boerne-og-ungeudvalget", False)],
    "os2web": [("beskaeftigelses-og-erhvervsudvalget", False), ("oekonomiudvalget", False),
                       ("kultur-og-fritidsudvalget", True)],
    "cicero": [("oekonomiudvalget", False), ("beskaeftigelses-og-erhvervsudvalget", False),
                       ("social-og-handicapudvalget", False), ("plan-og-tryghedsudvalget", True)],
    "typed": [("kultur-og-fritidsudvalget", False), ("sundheds-og-omsorgsudvalget", False),
                      ("klima-teknik-og-miljoeudvalget", False), ("skole-boerne-og-ungeudvalget", False)],
    "heldout-region": [("oekonomiudvalget", False), ("byraad-2022-2025", False),
                       ("klima-teknik-og-miljoeudvalget", False), ("sundheds-og-omsorgsudvalget", True)],
    "heldout-stacked": [("plan-og-tryghedsudvalget", False), ("skole-boerne-og-ungeudvalget", True),
                        ("kultur-og-fritidsudvalget", False)],
}

ROLE_OF = {"Resume": "summary", "Sagsprocedure": "competence", "Indstilling": "rec",
           "Sagsbeskrivelse": "presentation", "Sagsfremstilling": "presentation",
           "Baggrund": "background", "Økonomiske konsekvenser": "economy",
           "Lovgrundlag": "law", "Høring": "hearing", "Beslutning": "decision", "Bilag": "attachments",
           "Sagens forløb": "course"}
LIMIT = {"summary": 2, "presentation": 3, "background": 2, "economy": 2, "law": 1, "hearing": 1,
         "competence": 1, "course": 2, "decision": 3, "attachments": 3}

HISTORY_SAME = ["Sagen blev udsat til næste møde.",
                "Udsat, idet udvalget ønsker en uddybning af sagens økonomi."]
HISTORY_TEXT = [
    "Anbefales over for Byrådet.",
    "Økonomiudvalget anbefaler indstillingen, idet administrationen bedes belyse de økonomiske konsekvenser inden Byrådets behandling.",
]
CASE_OFFICERS = ["MHO", "LKJ", "PEB", "ASN", "TRV"]   # initials of the (invented) case officers
HEARING_TEXT = "Sagen har ikke været sendt i høring."
ENDORSE_TEXT = "Økonomiafdelingen har ingen bemærkninger til sagens økonomiske forhold."


def _blocks(blocks, role):
    """Trim a Greve section's blocks: no tables, at most LIMIT blocks of prose."""
    out = [b for b in blocks if b[0] != "table"]
    n = LIMIT.get(role)
    return out[:n] if n else out


def _rec_blocks(blocks, form):
    """The Greve Indstilling in the style's form: its points (list entries, or "1) ..."
    paragraphs, or the X of a one-sentence "Administrationen indstiller, at X.") under the
    style's own lead. An Indstilling with no points stays as it is (prose)."""
    points = [model.point_text(b) for b in blocks if b[0] != "table" and model.is_rec_point(b)]
    single = False
    if not points:
        prose = [b for b in blocks if b[0] == "p"]
        mm = re.match(r"^\S.*? indstiller,? at (.+)$", prose[0][1]) if prose else None
        if not mm:
            return [b for b in blocks if b[0] != "table"][:2], False
        points = ["at " + mm.group(1)]
        single = True
    pts = []
    for p in points[:4]:
        had = re.match(r"^at\s+", p, flags=re.I)
        pts.append((p[had.end():] if had else p, bool(had)))

    def at(c, had, word="at"):
        return "%s %s" % (word, c) if had else c
    if form == "num_dot":
        return [("p", "Det indstilles, at")] + [("li", c, "%d." % (i + 1)) for i, (c, h) in enumerate(pts)], True
    if form == "at_lines":
        return [("li", at(c, h), "") for c, h in pts], True
    if form == "alpha":
        return [("p", "Direktionen indstiller, at")] + [("li", c, "abcdefgh"[i] + ")") for i, (c, h) in enumerate(pts)], True
    if form == "At_cap":
        return [("p", "Direktionen indstiller,")] + [("li", at(c, h, "At"), "") for c, h in pts], True
    if form == "num_paren_at":
        return [("p", "Det indstilles,")] + [("li", at(c, h), "%d)" % (i + 1)) for i, (c, h) in enumerate(pts)], True
    if form == "num_dot_at":
        return [("li", at(c, h), "%d." % (i + 1)) for i, (c, h) in enumerate(pts)], True
    if form == "num_intro_at":
        return [("p", "Administrationen indstiller, at:")] + [("li", c, "%d." % (i + 1)) for i, (c, h) in enumerate(pts)], True
    if form == "bullet_at":
        return [("p", "Administrationen indstiller,")] + [("li", at(c, h), "•") for c, h in pts], True
    if form == "typed":
        if single:      # typed as the one sentence it is
            return [b for b in blocks if b[0] == "p"][:1], False
        return [("p", "Forvaltningen indstiller,")] + [("li", at(c, h), "-") for c, h in pts], True
    raise ValueError(form)


def _case_number(raw, form, n):
    digits = re.sub(r"\D", "", raw) or "%06d" % (4711 + n)
    if form == "sagsnr":
        return "Sagsnr.: %s/%s" % (digits[:2], digits[-5:].lstrip("0") or "1")
    if form == "sagsnr_doknr":
        return "Sagsnr.: %s/%s\tDok.nr.: %s/%d" % (digits[:2], digits[-5:].lstrip("0") or "1",
                                                    digits[:2], 20000 + 37 * n)
    if form == "jnr":
        return "J.nr. %s/%s" % (digits[:2], digits[-5:].lstrip("0") or "1")
    if form == "emn":
        return "EMN-20%s-%s" % (digits[:2], digits[-6:].rjust(6, "0"))
    raise ValueError(form)


def _choose(items, agenda, k=4):
    """The first item and the next k-1 that carry an Indstilling (and, for minutes, a decision)
    and are not too long."""
    def size(it):
        return sum(len(b[1]) for s in it["sections"] for b in s["blocks"] if b[0] != "table")

    def ok(it):
        kinds = {s["heading"] for s in it["sections"]}
        return "Indstilling" in kinds and (agenda or "Beslutning" in kinds) and size(it) < 9000
    chosen = [items[0]] + [it for it in items[1:] if ok(it)][:k - 1]
    return chosen


def house_doc(gpath, style, agenda, doc_i):
    cfg = STYLES[style]
    g = greve.load(gpath)
    m = g["meeting"]
    body = "Byrådet" if m["body"].startswith("Byråd") else m["body"]
    date = m["date"]
    start = m["start_time"]
    meeting = {"body": body, "date": date, "start_time": start, "end_time": None,
               "time_text": None, "location": None, "participants": [], "absent": [],
               "case_number": None, "document_number": None}
    aff = cfg.get("parties")
    meeting["participants"] = [person(p["name"], party(p["name"]) if aff else None)
                               for p in m["participants"][:9]]
    meeting["absent"] = [person(p["name"], party(p["name"]) if aff else None) for p in m["absent"][:2]]
    if cfg.get("end"):
        meeting["end_time"] = add_hours(start, 2)
    if cfg.get("roles"):
        for p, r in zip(meeting["participants"], ("formand", "næstformand")):
            p["role"] = r
    if cfg.get("layout") == "region" and agenda:
        # the agenda names no absentees and no end (both come from the minutes' prose)
        meeting["absent"], meeting["end_time"] = [], None
    loc = m["location"] or "Byrådssalen"
    meeting["_loc"] = loc

    items = []
    for n, it in enumerate(_choose(g["items"], agenda), 1):
        by = {}
        raw_case = ""
        for s in it["sections"]:
            if s["kind"] == "text" and s["blocks"] and str(s["blocks"][0][1]).startswith("Sagsnr"):
                raw_case = s["blocks"][0][1]
                continue
            role = ROLE_OF.get(s["heading"])
            if role and role not in by and s["blocks"]:
                by[role] = s
        secs = []
        for role in cfg["order"]:
            if role == "case":
                if cfg["case"] == "meta":     # Sagsnr. / Dokumentnr. / Sagsansvarlig / Åben sag
                    cn = (_case_number(raw_case, "sagsnr", n) if re.search(r"\d", raw_case)
                          else "Sagsnr.: 24/%d" % (4711 + 37 * n + 5 * doc_i))
                    secs.append(sec("text", None, [
                        ("p", cn), ("p", "Dokumentnr.: %s/%d" % (cn.split()[-1][:2], 18000 + 53 * n + 7 * doc_i)),
                        ("p", "Sagsansvarlig: %s" % CASE_OFFICERS[(n + doc_i) % len(CASE_OFFICERS)]),
                        ("p", "Åben sag")]))
                elif cfg["case"]:
                    secs.append(sec("text", None, [("p", _case_number(raw_case, cfg["case"], n))]))
                continue
            if role == "retitle":           # the title again under the heading
                secs.append(sec("text", None, [("p", it["title"])]))
                continue
            if role == "procedure":         # route through the committees, and the case's type
                route = {"Byrådet": "Økonomiudvalget, Byrådet",
                         "Økonomiudvalget": "Økonomiudvalget, Byrådet"}.get(body, body)
                secs.append(sec("other", cfg["labels"]["procedure"][0],
                                [("p", route), ("p", "Beslutningssag")]))
                continue
            if role == "endorsement":
                if "economy" in by:
                    secs.append(sec("other", cfg["labels"]["endorsement"][0], [("p", ENDORSE_TEXT)]))
                continue
            if role == "history":
                if cfg["history"] and n % 2 == 0:
                    if cfg["history"] == "other_body" and body != "Økonomiudvalget":
                        hb, hd = "Økonomiudvalget", shift(date, -7)
                    else:
                        hb, hd = body, shift(date, -21)
                    txt = (HISTORY_SAME[(n + doc_i) % len(HISTORY_SAME)] if hb == body
                           else HISTORY_TEXT[(n + doc_i) % len(HISTORY_TEXT)])
                    hfmt = cfg.get("history_fmt")
                    if hfmt == "label_dmy":      # label column: "Økonomiudvalget 18.09.2024"
                        head = "%s %s" % (hb, dmy(hd, "."))
                    elif hfmt == "den_dots":     # typed: "Økonomiudvalget den 18.09.2024:"
                        head = "%s den %s" % (hb, dmy(hd, "."))
                    elif hfmt == "pkt":          # region: "Byrådet, 4. september 2024, pkt. 12:"
                        head = "%s, %s, pkt. %d" % (hb, ddate(hd), 9 + 4 * n + doc_i)
                    elif hfmt == "dated_dmy":    # stacked: "Beslutning i Byrådet den 04-09-2024"
                        head = "Beslutning i %s den %s" % (hb, dmy(hd))
                    else:
                        head = "Beslutning i %s den %s" % (hb, ddate(hd))
                    secs.append(sec("other", head, [("p", txt)]))
                    if hfmt == "pkt":
                        secs[-1]["_print"] = head + ":"
                continue
            if role == "decision" and agenda:
                continue
            lab = cfg["labels"].get(role)
            if not lab:
                continue
            src = by.get(role)
            if role == "presentation" and src is None and "course" in cfg["labels"]:
                src = by.get("course")
            if src is None:
                if role == "decision":
                    src = {"blocks": [("p", "Godkendt.")]}
                elif role == "hearing" and n == 3:
                    src = {"blocks": [("p", HEARING_TEXT)]}
                else:
                    continue
            heading, kind = lab
            if heading == "dated":
                heading = "Beslutning i %s den %s" % (body, ddate(date))
            elif heading == "dated_dmy":
                heading = "Beslutning i %s den %s" % (body, dmy(date))
            if role == "rec":
                blocks, _ = _rec_blocks(src["blocks"], cfg["rec"])
            else:
                blocks = _blocks(src["blocks"], role)
                while cfg.get("layout") and blocks and blocks[-1][0] == "sub":
                    blocks.pop()    # a sub-heading left last by the cut
                if role == "attachments":
                    blocks = [("li", b[1], cfg.get("att_label", "")) if b[0] == "li" else b
                              for b in blocks]
            if not blocks:
                continue
            if heading is None:
                # printed without a label: text before any labelled section, one section with
                # the case number line above it
                if secs and secs[-1]["kind"] == "text" and secs[-1]["heading"] is None:
                    secs[-1]["blocks"] += blocks
                else:
                    secs.append(sec("text", None, blocks))
                continue
            secs.append(sec(kind, heading.rstrip(":,"), blocks))
            if heading.endswith((":", ",")):
                secs[-1]["_print"] = heading    # printed with its colon (comma), heading without
        title = it["title"]
        if cfg["heading"] == "upper":
            title = title.upper()
        number = str(cfg["numbers"][doc_i] + n - 1) if cfg.get("numbers") else str(n)
        printed = None
        if cfg["heading"] in ("labelcol", "region"):
            printed = "%s\t%s" % (number, title)
        elif cfg["heading"] == "typed":
            if cfg["heading_forms"][doc_i] == "pkt":
                title = title.upper()
                printed = "PKT. %s\t%s" % (number, title)
            else:
                printed = "Ad %s)\t%s" % (number, title)
        group = it["_group"].upper() if cfg.get("groups") else None
        items.append({"number": number, "order": n, "title": title, "heading": printed,
                      "public": it["public"], "group": group, "sections": secs,
                      "_plain": it["title"]})
    doc = {"meeting": meeting, "items": items, "style": style, "agenda": agenda}
    if cfg.get("first_page"):
        doc["_first_page"] = cfg["first_page"][doc_i]
    return doc


# ---------------------------------------------------------------- rendering

def P(style, text, raw=False):
    return '<text:p text:style-name="%s">%s</text:p>' % (style, text if raw else t(text))


def B(text):
    return '<text:span text:style-name="Strong">%s</text:span>' % t(text)


def _tabstyle(name, stops, size=None, bold=False, mb="0.1cm", mt="0cm", ml=None, ti=None, keep=False):
    tabs = "".join(
        '<style:tab-stop style:position="%s"%s/>' % (pos, (' style:type="right"' if right else "")
                                                      + (' style:leader-style="dotted" style:leader-text="."' if dots else ""))
        for pos, right, dots in stops)
    pp = 'fo:margin-top="%s" fo:margin-bottom="%s"' % (mt, mb)
    if ml:
        pp += ' fo:margin-left="%s"' % ml
    if ti:
        pp += ' fo:text-indent="%s" style:auto-text-indent="false"' % ti
    if keep:
        pp += ' fo:keep-with-next="always"'
    tp = ('fo:font-size="%s"' % size if size else "") + (' fo:font-weight="bold"' if bold else "")
    return ('<style:style style:name="%s" style:family="paragraph"><style:paragraph-properties %s>'
            '<style:tab-stops>%s</style:tab-stops></style:paragraph-properties>'
            '<style:text-properties %s/></style:style>' % (name, pp, tabs, tp))


def _cm(x):
    return float(x.replace("cm", ""))


def _people(lst, sep=", "):
    return sep.join(p["name"] + (" (%s)" % p["affiliation"] if p["affiliation"] else "") for p in lst)


def _two_col(names, width):
    half = (len(names) + 1) // 2
    rows = []
    for i in range(half):
        rows.append([names[i * 2] if i * 2 < len(names) else "",
                     names[i * 2 + 1] if i * 2 + 1 < len(names) else ""])
    cells = "".join(
        "<table:table-row>" + "".join(
            '<table:table-cell table:style-name="NoCell" office:value-type="string">%s</table:table-cell>'
            % P("Cell", c) for c in r) + "</table:table-row>" for r in rows)
    return ('<table:table table:name="Medlemmer" table:style-name="Plain">'
            '<table:table-column table:number-columns-repeated="2"/>%s</table:table>' % cells)


def _kv_table(rows, name="Mødeoplysninger"):
    cells = "".join(
        '<table:table-row><table:table-cell table:style-name="KvCell" office:value-type="string">%s</table:table-cell>'
        '<table:table-cell table:style-name="KvCell" office:value-type="string">%s</table:table-cell></table:table-row>'
        % (P("Cell", B(k), raw=True), P("Cell", v)) for k, v in rows)
    return ('<table:table table:name="%s" table:style-name="Kv"><table:table-column table:style-name="Kv.A"/>'
            '<table:table-column table:style-name="Kv.B"/>%s</table:table>' % (name, cells))


def _grid(rows, header=True):
    cells = []
    for i, r in enumerate(rows):
        cells.append("<table:table-row>" + "".join(
            '<table:table-cell table:style-name="KvCell" office:value-type="string">%s</table:table-cell>'
            % (P("Cell", B(c), raw=True) if header and i == 0 else P("Cell", c)) for c in r) + "</table:table-row>")
    return ('<table:table table:name="Tabel" table:style-name="Kv"><table:table-column table:number-columns-repeated="%d"/>%s</table:table>'
            % (max(len(r) for r in rows), "".join(cells)))


def heading_text(it, cfg):
    h = cfg["heading"]
    if h == "punkt":
        return "Punkt %s: %s" % (it["number"], it["title"])
    if h == "num_tab":
        return "%s.\t%s" % (it["number"], it["title"])
    return "%s. %s" % (it["number"], it["title"])


def render(doc, toc_pages=None):
    """A model document in its house style -> flat ODT."""
    style = doc["style"]
    cfg = STYLES.get(style) or doc["_cfg"]
    if cfg.get("layout") == "labelcol":
        return render_labelcol(doc, cfg, toc_pages)
    if cfg.get("layout") == "typed":
        return render_typed(doc, cfg)
    if cfg.get("layout") == "region":
        return render_region(doc, cfg, toc_pages)
    if cfg.get("layout") == "stacked":
        return render_stacked(doc, cfg)
    m = doc["meeting"]
    items = doc["items"]
    width = "%.2fcm" % (21.0 - _cm(cfg["ml"]) - _cm(cfg["mr"]))
    kind = doc.get("_title") or ("Dagsorden" if doc.get("agenda") else "Referat")
    nohy = 'fo:hyphenate="false"'
    styles = [
        fodt._pstyle("Body", align="start"),
        fodt._pstyle("Plain", mb="0cm"),
        fodt._pstyle("Sub", bold=True, mt="0.1cm", mb="0.1cm", keep=True),
        fodt._pstyle("Bullet", ml="0.8cm", ti="-0.8cm", mb="0.1cm"),
        fodt._pstyle("Cell", size="9.5pt", mb="0cm", align="start"),
        fodt._pstyle("Item", size=cfg["head_size"], bold=True, mt="0.5cm", mb="0.25cm", keep=True,
                     textextra=nohy, ml=("1.0cm" if cfg.get("heading") == "num_tab" else None),
                     ti=("-1.0cm" if cfg.get("heading") == "num_tab" else None),
                     tab=("0cm" if cfg.get("heading") == "num_tab" else None)),
        fodt._pstyle("Label", bold=True, mt="0.3cm", mb="0.1cm", keep=True, textextra=nohy),
        fodt._pstyle("Group", size="13pt", bold=True, mt="0.5cm", mb="0.25cm", keep=True),
        fodt._pstyle("DocTitle", size="18pt", bold=True, mb="0.3cm", textextra=nohy),
        fodt._pstyle("OneLine", size="13pt", bold=True, mb="0.3cm", textextra=nohy),
        fodt._pstyle("Title2", size="14pt", bold=True, mb="0.2cm", textextra=nohy),
        fodt._pstyle("Small", size="8pt", mb="0cm"),
        fodt._pstyle("Right", size="9pt", mb="0cm", align="end"),
        fodt._pstyle("Head", size="9pt", mb="0cm"),
        fodt._pstyle("HeadLine", mb="0.12cm", ml="3.5cm", ti="-3.5cm", tab="0cm"),
        _tabstyle("HeadTab", [(width, True, False)], size="9pt", mb="0cm"),
        _tabstyle("TocRow", [("0cm", False, False), ("%.2fcm" % (_cm(width) - 2.2), True, True)],
                  mb="0.08cm", ml="2.2cm", ti="-2.2cm"),
        _tabstyle("TocHead", [("2.2cm", False, False), (width, True, False)], bold=True, mb="0.15cm", mt="0.2cm"),
        fodt._pstyle("TocTitle", mb="0.08cm"),
    ]
    auto = [
        '<style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>',
        '<style:style style:name="Kv" style:family="table"><style:table-properties style:width="%s" table:align="left" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/></style:style>' % width,
        '<style:style style:name="Kv.A" style:family="table-column"><style:table-column-properties style:column-width="3.6cm"/></style:style>',
        '<style:style style:name="Kv.B" style:family="table-column"><style:table-column-properties style:column-width="%.2fcm"/></style:style>' % (_cm(width) - 3.6),
        '<style:style style:name="KvCell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #000000"/></style:style>',
        '<style:style style:name="Plain" style:family="table"><style:table-properties style:width="%s" table:align="left" fo:margin-bottom="0.2cm"/></style:style>' % width,
        '<style:style style:name="NoCell" style:family="table-cell"><style:table-cell-properties fo:padding="0.04cm" fo:border="none"/></style:style>',
        '<style:style style:name="Brk" style:family="paragraph" style:parent-style-name="Item"><style:paragraph-properties fo:break-before="page"/></style:style>',
    ]
    head1, head2, foot = "", "", ""
    pn = '<text:page-number text:select-page="current"/>'
    pc = '<text:page-count/>'
    fur = cfg.get("furniture")
    date, start = m.get("date"), m.get("start_time")
    if fur == "two_line_header":
        head2 = ('<text:p text:style-name="HeadTab">%s<text:tab/>Side %s</text:p>'
                 % (t("%s for %s" % (kind, m["body"])), pn)
                 + P("Head", "%s - kl. %s" % (ddate(date), start)))
    elif fur == "side_af":
        foot = P("Right", "Side %s af %s" % (pn, pc), raw=True)
    elif fur == "side_af_head":
        foot = P("Right", "Side %s af %s" % (pn, pc), raw=True)
        head2 = P("Head", "%s - %s %s" % (m["body"], kind.lower(), dmy(date, ".")))
    elif fur == "head_body_date":
        head2 = P("Right", "%s, %s" % (m["body"], ddate(date)))
        foot = P("Right", pn, raw=True)
    elif fur == "browser":
        h = "%s 10.15\t%s - %s" % (dmy(date, "."), kind, m["body"])
        head1 = head2 = P("HeadTab", h)
        f = "https://dagsordener.example.dk/meeting/%s/%s\t" % (date.replace("-", ""), kind.lower())
        foot = P("HeadTab", t(f) + "%s of %s" % (pn, pc), raw=True)
    elif fur == "plain_footer":
        foot = P("Right", pn, raw=True)
    auto.append(fodt._layout("pl1", cfg["ml"], cfg["mr"], header=bool(head1), footer=bool(foot)))
    auto.append(fodt._layout("pl2", cfg["ml"], cfg["mr"], header=bool(head2), footer=bool(foot)))
    hf = lambda h: ("<style:header>%s</style:header>" % h if h else "") + (
        "<style:footer>%s</style:footer>" % foot if foot else "")
    masters = ['<style:master-page style:name="First" style:page-layout-name="pl1" style:next-style-name="Rest">%s</style:master-page>' % hf(head1),
               '<style:master-page style:name="Rest" style:page-layout-name="pl2">%s</style:master-page>' % hf(head2)]
    auto.append('<style:style style:name="P1" style:family="paragraph" style:parent-style-name="DocTitle" style:master-page-name="First"/>')
    auto.append('<style:style style:name="P1s" style:family="paragraph" style:parent-style-name="OneLine" style:master-page-name="First"/>')
    auto.append('<style:style style:name="P1b" style:family="paragraph" style:parent-style-name="Right" style:master-page-name="First"/>')

    body = []
    front = doc.get("_front")
    if front is not None:
        first = True
        for kindb, val in front:
            body.append(_front_block(kindb, val, first, width))
            first = False
    else:
        body += _header(doc, cfg, kind)
        body += _toc(doc, cfg, toc_pages)
    for i, it in enumerate(items):
        hs = "Brk" if (i == 0 and cfg.get("break_items")) else "Item"
        body.append(P(hs, it.get("heading") or heading_text(it, cfg)))
        for s in it["sections"]:
            if s.get("heading"):
                body.append(P("Label", s.get("_print") or s["heading"]))
            body.append(_sec_blocks(s["blocks"]))
    for kindb, val in doc.get("_back") or []:
        body.append(_front_block(kindb, val, False, width))
    return fodt._doc("", "\n".join(styles), "\n".join(auto), "\n".join(masters), "\n".join(body),
                     hyphenate=True, font=cfg["font"], size=cfg["size"])


def _front_block(kind, val, first, width):
    if kind == "title":
        return P("P1" if first else "DocTitle", val)
    if kind == "right":
        return P("P1b" if first else "Right", val)
    if kind == "h2":
        return P("Title2", val)
    if kind == "label":
        return P("Label", val)
    if kind == "p":
        return P("Body", val)
    if kind == "line":
        return P("Plain", val)
    if kind == "li":
        return P("Bullet", t(val[0]) + "<text:tab/>" + t(val[1]), raw=True)
    if kind == "grid":
        return _grid(val)
    if kind == "kv":
        return _kv_table(val)
    if kind == "blank":
        return P("Plain", "")
    raise ValueError(kind)


def _sec_blocks(blocks):
    out = []
    for b in blocks:
        if b[0] == "p":
            out.append(P("Body", b[1]))
        elif b[0] == "sub":
            out.append(P("Sub", b[1]))
        elif b[0] == "li":
            label = b[2] if len(b) > 2 else None
            if label == "":
                out.append(P("Body", b[1]))
            else:
                out.append(P("Bullet", t(label or "•") + "<text:tab/>" + t(b[1]), raw=True))
        elif b[0] == "table":
            out.append(_grid(b[1], header=False))
    return "\n".join(out)


def _header(doc, cfg, kind):
    m = doc["meeting"]
    h = cfg["header"]
    date, start, end = m["date"], m["start_time"], m.get("end_time")
    loc = m["_loc"]
    parts, absent = m["participants"], m["absent"]
    out = []
    if h in ("unlabelled", "unlabelled_body_first"):
        if h == "unlabelled":
            out += [P("P1", kind), P("Title2", m["body"])]
            place = [loc] + GREVE_ADDR
        else:
            out += [P("P1", m["body"]), P("Title2", kind)]
            place = [loc, "Greve Rådhus"] + GREVE_ADDR
        out += [P("Plain", "Ordinært møde"), P("Plain", ddate(date, weekday=True)),
                P("Plain", "Kl. %s" % start)] + [P("Plain", x) for x in place]
        m["time_text"] = "%s, kl. %s" % (ddate(date, weekday=True), start)
        m["location"] = ", ".join(place)
        if h == "unlabelled":
            out.append(P("Label", "Medlemmer"))
            out.append(_two_col([_people([p]) for p in parts], None))
            if absent:
                out.append(P("Label", "Afbud"))
                out += [P("Plain", _people([p])) for p in absent]
        else:
            out.append(P("Label", "Deltagere"))
            out += [P("Plain", _people([p])) for p in parts]
            if absent:
                out.append(P("Label", "Fraværende"))
                out += [P("Plain", _people([p])) for p in absent]
    elif h in ("one_line_tabs", "one_line_colons"):
        out.append(P("P1s", "%s %s d. %s" % (kind.upper(), m["body"], dmy(date))))
        if h == "one_line_tabs":
            tt = "%s - %s" % (start, end) if end else start
            place = "%s, %s" % (loc, ", ".join(GREVE_ADDR))
            rows = [("Mødedato", dmy(date)), ("Mødetid", tt), ("Mødested", place),
                    ("Medlemmer", _people(parts))]
            if absent:
                rows.append(("Fraværende", _people(absent)))
            out += [P("HeadLine", B(k) + "<text:tab/>" + t(v), raw=True) for k, v in rows]
        else:
            tt = "Kl. %s" % start
            place = "%s, Greve Rådhus" % loc
            rows = [("Mødedato", ddate(date)), ("Mødetidspunkt", tt), ("Mødested", place),
                    ("Deltagere", _people(parts))]
            if absent:
                rows.append(("Afbud", _people(absent)))
            out += [P("Body", B(k + ":") + " " + t(v), raw=True) for k, v in rows]
        m["time_text"], m["location"] = tt, place
    elif h == "table_sbsys":
        out += [P("P1", kind), P("Title2", m["body"])]
        tt = "Kl. %s - %s" % (start, end) if end else "Kl. %s" % start
        place = "%s, Greve Rådhus" % loc
        rows = [("Udvalg", m["body"]), ("Mødedato", ddate(date, weekday=True)), ("Mødetidspunkt", tt),
                ("Mødested", place)]
        if absent:
            rows.append(("Afbud", _people(absent)))
        out.append(_kv_table(rows))
        out.append(P("Label", "Medlemmer"))
        out.append(_two_col([_people([p]) for p in parts], None))
        m["time_text"], m["location"] = tt, place
    elif h == "table_word":
        out += [P("P1b", "Greve Kommune"), P("DocTitle", kind)]
        tt = "kl. %s" % start.replace(":", ".")
        rows = [("Møde", m["body"]), ("Dato", ddate(date)), ("Tidspunkt", tt), ("Sted", loc),
                ("Deltagere", _people(parts))]
        if absent:
            rows.append(("Afbud", _people(absent)))
        out.append(_kv_table(rows))
        m["time_text"], m["location"] = tt, loc
    elif h == "colon_lines":
        out += [P("P1", kind), P("Title2", m["body"])]
        tt = start
        rows = [("Mødedato", ddate(date, weekday=True)), ("Mødetidspunkt", tt), ("Mødested", loc),
                ("Deltagere", _people(parts))]
        if absent:
            rows.append(("Afbud", _people(absent)))
        out += [P("Body", B(k + ":") + " " + t(v), raw=True) for k, v in rows]
        m["time_text"], m["location"] = tt, loc
    else:
        raise ValueError(h)
    return out


def _toc(doc, cfg, pages):
    toc = cfg.get("toc")
    items = doc["items"]
    if not toc:
        return []
    out = [P("Group", "Indholdsfortegnelse")]
    if toc == "titles":
        out += [P("TocTitle", it["title"]) for it in items]
        return out
    if toc == "punkt_nr":
        out.append(P("TocHead", "Punkt nr.\tTitel\tSide"))
    for i, it in enumerate(items):
        pg = pages[i] if pages else 0
        out.append(P("TocRow", "%s\t%s\t%s" % (it["number"], it["title"], pg)))
    return out


# ---------------------------------------------------------------- label column and typed styles

FACES = {
    "DejaVu Serif": '<style:font-face style:name="DejaVu Serif" svg:font-family="\'DejaVu Serif\'" '
                    'style:font-family-generic="roman"/>',
    "Nimbus Sans": '<style:font-face style:name="Nimbus Sans" svg:font-family="\'Nimbus Sans\'" '
                   'style:font-family-generic="swiss"/>',
    "DejaVu Sans": '<style:font-face style:name="DejaVu Sans" svg:font-family="\'DejaVu Sans\'" '
                   'style:font-family-generic="swiss"/>',
    "Liberation Mono": '<style:font-face style:name="Liberation Mono" svg:font-family="\'Liberation Mono\'" '
                       'style:font-family-generic="modern" style:font-pitch="fixed"/>',
}
PN = '<text:page-number text:select-page="current"/>'


def _weekday(iso):
    return greve.WEEKDAYS[datetime.date.fromisoformat(iso).weekday()]


def _table(style, rows, cell_styles):
    """A borderless table in table style 'style' (see _table_styles): rows are lists of cell XML
    (paragraphs; "" for an empty cell), cell_styles one per column."""
    _tabno[0] += 1
    cols = "".join('<table:table-column table:style-name="%s.C%d"/>' % (style, i)
                   for i in range(len(cell_styles)))
    body = "".join(
        "<table:table-row>" + "".join(
            '<table:table-cell table:style-name="%s" office:value-type="string">%s</table:table-cell>'
            % (cell_styles[i], c or P("Value", "")) for i, c in enumerate(r)) + "</table:table-row>"
        for r in rows)
    return ('<table:table table:name="%s%d" table:style-name="%s">%s%s</table:table>'
            % (style, _tabno[0], style, cols, body))


_tabno = [0]


def _table_styles(name, widths, mb="0.1cm"):
    out = ['<style:style style:name="%s" style:family="table"><style:table-properties style:width="%.2fcm" '
           'table:align="left" fo:margin-top="0cm" fo:margin-bottom="%s"/></style:style>' % (name, sum(widths), mb)]
    out += ['<style:style style:name="%s.C%d" style:family="table-column"><style:table-column-properties '
            'style:column-width="%.2fcm"/></style:style>' % (name, i, w) for i, w in enumerate(widths)]
    return out


def render_labelcol(doc, cfg, toc_pages):
    """cicero: every item a borderless table, section labels (bold, wrapping) in a left
    column and the text in the right one; the item number in the margin left of a bold title; the
    header block in the same two columns with one name a line; contents as a table with protocol
    page numbers (the year's protocol runs on: page 1 is page 411); groups in upper case; running
    header on later pages and the chairman's initials in every footer."""
    m = doc["meeting"]
    items = doc["items"]
    _tabno[0] = 0
    lc = _cm(cfg["label_col"])
    width = 21.0 - _cm(cfg["ml"]) - _cm(cfg["mr"])
    kind = "Dagsorden" if doc.get("agenda") else "Referat"
    first = doc["_first_page"]
    nohy = 'fo:hyphenate="false"'
    styles = [
        fodt._pstyle("Body", align="start", mb="0.15cm"),
        fodt._pstyle("Sub", bold=True, mt="0.05cm", mb="0.1cm", keep=True),
        fodt._pstyle("Bullet", ml="0.5cm", ti="-0.5cm", mb="0.1cm"),
        fodt._pstyle("ColLabel", bold=True, size="8.5pt", mb="0cm", textextra=nohy),
        fodt._pstyle("Value", mb="0cm"),
        fodt._pstyle("Item", size=cfg["head_size"], bold=True, mt="0.45cm", mb="0.2cm", keep=True,
                     textextra=nohy, ml="%.2fcm" % lc, ti="-%.2fcm" % lc, tab="0cm"),
        fodt._pstyle("Group", size="10pt", bold=True, mt="0.5cm", mb="0.1cm", keep=True, textextra=nohy),
        fodt._pstyle("DocTitle", size="16pt", bold=True, mb="0.1cm", textextra=nohy),
        fodt._pstyle("Title2", size="12pt", bold=True, mb="0.35cm", textextra=nohy),
        fodt._pstyle("Org", size="8.5pt", mb="0.3cm", align="end"),
        fodt._pstyle("TocTitle", size="11pt", bold=True, mt="0.5cm", mb="0.15cm", keep=True),
        fodt._pstyle("TocCell", size="8.5pt", mb="0cm"),
        fodt._pstyle("TocHead", size="8.5pt", bold=True, mb="0cm", textextra=nohy),
        fodt._pstyle("TocNum", size="8.5pt", mb="0cm", align="end"),
        _tabstyle("HeadTab", [("%.2fcm" % width, True, False)], size="8pt", mb="0cm"),
    ]
    tw = [1.4, width - 2.9, 1.5]
    auto = ['<style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>']
    auto += _table_styles("LC", [lc, width - lc])
    auto += _table_styles("Toc", tw, mb="0.2cm")
    pad = 'fo:padding-top="0.04cm" fo:padding-bottom="0.08cm" fo:border="none"'
    auto += ['<style:style style:name="CellA" style:family="table-cell"><style:table-cell-properties '
             'fo:padding-left="0cm" fo:padding-right="0.3cm" %s/></style:style>' % pad,
             '<style:style style:name="CellB" style:family="table-cell"><style:table-cell-properties '
             'fo:padding-left="0cm" fo:padding-right="0cm" %s/></style:style>' % pad]
    auto.append(fodt._layout("pl1", cfg["ml"], cfg["mr"], header=False, footer=True))
    auto.append(fodt._layout("pl2", cfg["ml"], cfg["mr"], header=True, footer=True))
    auto.append('<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Org" '
                'style:master-page-name="First"><style:paragraph-properties style:page-number="%d"/></style:style>' % first)
    auto.append('<style:style style:name="Brk" style:family="paragraph" style:parent-style-name="Group">'
                '<style:paragraph-properties fo:break-before="page"/></style:style>')
    initials = t("Formandens initialer: ____________")
    foot1 = '<text:p text:style-name="HeadTab">%s<text:tab/>Side %s</text:p>' % (initials, PN)
    head2 = ('<text:p text:style-name="HeadTab">%s<text:tab/>Side %s</text:p>'
             % (t("%s, %s %s" % (m["body"], kind.lower(), dmy(m["date"]))), PN))
    foot2 = '<text:p text:style-name="HeadTab">%s</text:p>' % initials
    masters = ['<style:master-page style:name="First" style:page-layout-name="pl1" style:next-style-name="Rest">'
               '<style:footer>%s</style:footer></style:master-page>' % foot1,
               '<style:master-page style:name="Rest" style:page-layout-name="pl2">'
               '<style:header>%s</style:header><style:footer>%s</style:footer></style:master-page>' % (head2, foot2)]

    def lab(text):
        return P("ColLabel", text) if text else ""

    date, start, end = m["date"], m["start_time"], m.get("end_time")
    tt = "Kl. %s – %s" % (start.replace(":", "."), end.replace(":", "."))
    place = "%s, Greve Rådhus" % m["_loc"]
    m["time_text"], m["location"] = tt, place
    body = [P("P1", "Greve Kommune"), P("DocTitle", kind.upper()), P("Title2", m["body"])]
    names = lambda lst: "".join(P("Value", _people([x])) for x in lst)
    rows = [[lab("Mødedato"), P("Value", "%s den %s" % (_weekday(date).capitalize(), dmy(date)))],
            [lab("Mødetid"), P("Value", tt)], [lab("Mødested"), P("Value", place)],
            [lab("Medlemmer" if doc.get("agenda") else "Deltagere"), names(m["participants"])]]
    if m["absent"]:
        rows.append([lab("Afbud" if doc.get("agenda") else "Fraværende"), names(m["absent"])])
    body.append(_table("LC", rows, ["CellA", "CellB"]))

    body.append(P("TocTitle", "Indholdsfortegnelse"))
    trows = [[P("TocHead", "Sag nr."), P("TocHead", "Titel"), P("TocNum", B("Side"), raw=True)]]
    last = None
    for i, it in enumerate(items):
        if it["group"] != last:
            trows.append(["", P("TocHead", it["group"]), ""])
            last = it["group"]
        pg = (toc_pages[i] + first - 1) if toc_pages else 0
        trows.append([P("TocCell", it["number"]), P("TocCell", it["title"]), P("TocNum", str(pg))])
    body.append(_table("Toc", trows, ["CellA", "CellB", "CellB"]))

    last = None
    for i, it in enumerate(items):
        if it["group"] != last:
            body.append(P("Brk" if i == 0 else "Group", it["group"]))
            last = it["group"]
        body.append(P("Item", it["heading"]))
        rows = [[lab(s["heading"]), _sec_blocks(s["blocks"])] for s in it["sections"]]
        body.append(_table("LC", rows, ["CellA", "CellB"]))
    return fodt._doc(FACES[cfg["font"]], "\n".join(styles), "\n".join(auto), "\n".join(masters),
                     "\n".join(body), hyphenate=cfg.get("hyphenate", True), font=cfg["font"],
                     size=cfg["size"])


REFERENT = "Bente Lund"   # the secretary who signs the typed minutes (invented)


def render_typed(doc, cfg):
    """typed: a referat typed in Word 97 in Courier: no bold and no sizes; a centred
    upper-case title block with the meeting in prose, "Til stede:" and "Afbud:" on tab stops,
    the agenda as a numbered list, underlined headings ("PKT. 3<tab>TITLE" in upper case, or
    "Ad 3)<tab>Title"), labels underlined and inline ("Beslutning: Godkendt."), hyphen points,
    "- N -" centred at the foot, a running header from page 2, then closing line, signature
    lines for the members and the secretary after the last item (in no item)."""
    m = doc["meeting"]
    items = doc["items"]
    width = 21.0 - _cm(cfg["ml"]) - _cm(cfg["mr"])
    date, start, end = m["date"], m["start_time"], m.get("end_time")
    ul = ('style:text-underline-style="solid" style:text-underline-width="auto" '
          'style:text-underline-color="font-color"')
    styles = [
        fodt._pstyle("Body", align="start", mb="0.42cm"),
        fodt._pstyle("Center", align="center", mb="0cm"),
        fodt._pstyle("CenterGap", align="center", mb="0.42cm"),
        fodt._pstyle("Sub", mb="0.1cm", keep=True, textextra=ul),
        fodt._pstyle("Bullet", ml="0.85cm", ti="-0.85cm", mb="0.1cm"),
        fodt._pstyle("Agenda", ml="1.05cm", ti="-1.05cm", mb="0cm", tab="0cm"),
        fodt._pstyle("Hang", ml="2.75cm", ti="-2.75cm", mb="0.1cm", tab="0cm"),
        fodt._pstyle("Item", mt="0.42cm", mb="0.42cm", keep=True, ml="2.1cm", ti="-2.1cm", tab="0cm",
                     textextra=ul),
        fodt._pstyle("Label", mb="0.1cm", keep=True),
        fodt._pstyle("Close", mt="0.42cm", mb="0.42cm"),
        fodt._pstyle("Head", size="9pt", mb="0cm"),
        fodt._pstyle("Foot", size="9pt", mb="0cm", align="center"),
        _tabstyle("Sign", [("8.6cm", False, False)], mb="0cm"),
    ]
    auto = ['<style:style style:name="U" style:family="text"><style:text-properties %s/></style:style>' % ul]
    auto.append(fodt._layout("pl1", cfg["ml"], cfg["mr"], header=False, footer=True))
    auto.append(fodt._layout("pl2", cfg["ml"], cfg["mr"], header=True, footer=True))
    auto.append('<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Center" '
                'style:master-page-name="First"/>')
    foot = P("Foot", "- %s -" % PN, raw=True)
    head2 = P("Head", "%s - referat af mødet den %s" % (m["body"], dmy(date, ".")))
    masters = ['<style:master-page style:name="First" style:page-layout-name="pl1" style:next-style-name="Rest">'
               '<style:footer>%s</style:footer></style:master-page>' % foot,
               '<style:master-page style:name="Rest" style:page-layout-name="pl2">'
               '<style:header>%s</style:header><style:footer>%s</style:footer></style:master-page>' % (head2, foot)]

    def U(text):
        return '<text:span text:style-name="U">%s</text:span>' % t(text)

    tt = "kl. %s-%s" % (start.replace(":", "."), end.replace(":", "."))
    place = "%s, Greve Rådhus" % m["_loc"]
    m["time_text"], m["location"] = tt, place
    body = [P("P1", "GREVE KOMMUNE"), P("CenterGap", ""), P("CenterGap", "REFERAT"),
            P("Center", "af ordinært møde i %s" % m["body"]),
            P("Center", "%s den %s %s" % (_weekday(date), ddate(date), tt)),
            P("CenterGap", "i %s" % place), P("CenterGap", "")]

    def listed(lst):
        names = [_people([x]) for x in lst]
        return (", ".join(names[:-1]) + " og " + names[-1]) if len(names) > 1 else names[0]
    body.append(P("Hang", "Til stede:\t%s." % listed(m["participants"])))
    body.append(P("Hang", "Afbud:\t%s." % listed(m["absent"]) if m["absent"] else "Afbud:\tIngen."))
    body.append(P("CenterGap", ""))
    body.append(P("Label", U("DAGSORDEN:"), raw=True))
    for it in items:
        body.append(P("Agenda", "%s.\t%s" % (it["number"], it["_plain"])))
    for it in items:
        body.append(P("Item", U(it["heading"].split("\t")[0]) + "<text:tab/>" + U(it["heading"].split("\t", 1)[1]), raw=True))
        for s in it["sections"]:
            blocks = s["blocks"]
            if s["heading"] and blocks and blocks[0][0] == "p":
                body.append(P("Body", U(s["heading"] + ":") + " " + t(blocks[0][1]), raw=True))
                blocks = blocks[1:]
            elif s["heading"]:
                body.append(P("Label", U(s["heading"] + ":"), raw=True))
            body.append(_sec_blocks(blocks))
    body.append(P("Close", "Mødet hævet kl. %s." % end.replace(":", ".")))
    body.append(P("CenterGap", ""))
    signers = [p["name"] for p in m["participants"]]
    for i in range(0, len(signers), 2):
        pair = signers[i:i + 2]
        body.append(P("Sign", "\t".join("_" * 26 for _ in pair)))
        body.append(P("Sign", "\t".join(pair)))
        body.append(P("CenterGap", ""))
    body.append(P("Body", "Referent: %s" % REFERENT))
    return fodt._doc(FACES[cfg["font"]], "\n".join(styles), "\n".join(auto), "\n".join(masters),
                     "\n".join(body), hyphenate=cfg.get("hyphenate", True), font=cfg["font"],
                     size=cfg["size"])


def _listed(lst):
    names = [_people([x]) for x in lst]
    return (", ".join(names[:-1]) + " og " + names[-1]) if len(names) > 1 else names[0]


def render_region(doc, cfg, toc_pages):
    """heldout-region: a regional council's print. A sender line, then the meeting in prose
    ("Referat / til / mødet i <body> / den <date> kl. <time> / i <place>"), who was absent only in
    the sentence "Medlemmerne var mødt, bortset fra ..." and the end in "Mødet blev hævet kl.";
    members in a borderless name | role | party table; contents "Pkt. / Tekst / Side" with
    "(Åben)"; headings "3<tab>Titel" (no dot) in 12 pt bold, a small case block under each (Sagsnr.,
    Dokumentnr., Sagsansvarlig, Åben sag); labels bold; the address in every footer and a
    running header with the page number from page 2."""
    m = doc["meeting"]
    items = doc["items"]
    _tabno[0] = 0
    width = 21.0 - _cm(cfg["ml"]) - _cm(cfg["mr"])
    kind = "Dagsorden" if doc.get("agenda") else "Referat"
    date, start, end = m["date"], m["start_time"], m.get("end_time")
    nohy = 'fo:hyphenate="false"'
    styles = [
        fodt._pstyle("Body", align="start", mb="0.2cm"),
        fodt._pstyle("Sub", bold=True, mt="0.05cm", mb="0.1cm", keep=True),
        fodt._pstyle("Bullet", ml="0.6cm", ti="-0.6cm", mb="0.1cm"),
        fodt._pstyle("Sender", size="8.5pt", mb="0cm"),
        fodt._pstyle("SentDate", size="8.5pt", mb="0.8cm", align="end"),
        fodt._pstyle("DocTitle", size="20pt", bold=True, mb="0.1cm", textextra=nohy),
        fodt._pstyle("Prose", size="12pt", mb="0cm", textextra=nohy),
        fodt._pstyle("ProseGap", size="12pt", mb="0.5cm", textextra=nohy),
        fodt._pstyle("Plain", mb="0.1cm"),
        fodt._pstyle("Label", bold=True, mt="0.3cm", mb="0.1cm", keep=True, textextra=nohy),
        fodt._pstyle("Value", mb="0cm"),
        fodt._pstyle("Item", size=cfg["head_size"], bold=True, mt="0.6cm", mb="0.15cm", keep=True,
                     textextra=nohy, ml="1.0cm", ti="-1.0cm", tab="0cm"),
        fodt._pstyle("Meta", size="8.5pt", mb="0cm", keep=True),
        fodt._pstyle("MetaLast", size="8.5pt", mb="0.2cm", keep=True),
        fodt._pstyle("TocTitle", size="12pt", bold=True, mt="0.6cm", mb="0.15cm", keep=True),
        fodt._pstyle("TocCell", mb="0cm"),
        fodt._pstyle("TocHead", bold=True, mb="0cm", textextra=nohy),
        fodt._pstyle("TocNum", mb="0cm", align="end"),
        fodt._pstyle("Foot", size="7.5pt", mb="0cm", align="center"),
        _tabstyle("HeadTab", [("%.2fcm" % width, True, False)], size="8pt", mb="0cm"),
    ]
    auto = ['<style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>']
    auto += _table_styles("Mem", [6.0, 3.2, 1.6], mb="0.2cm")
    auto += _table_styles("Toc", [1.2, width - 2.4, 1.2], mb="0.2cm")
    auto += ['<style:style style:name="CellA" style:family="table-cell"><style:table-cell-properties '
             'fo:padding-left="0cm" fo:padding-right="0.2cm" fo:padding-top="0.02cm" '
             'fo:padding-bottom="0.02cm" fo:border="none"/></style:style>',
             '<style:style style:name="CellH" style:family="table-cell"><style:table-cell-properties '
             'fo:padding-left="0cm" fo:padding-right="0.2cm" fo:padding-top="0.02cm" '
             'fo:padding-bottom="0.06cm" fo:border-top="none" fo:border-left="none" fo:border-right="none" '
             'fo:border-bottom="0.5pt solid #000000"/></style:style>']
    auto.append(fodt._layout("pl1", cfg["ml"], cfg["mr"], header=False, footer=True))
    auto.append(fodt._layout("pl2", cfg["ml"], cfg["mr"], header=True, footer=True))
    auto.append('<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Sender" '
                'style:master-page-name="First"/>')
    foot = P("Foot", "Greve Kommune · %s · Telefon 43 97 97 97 · www.greve.dk" % ", ".join(GREVE_ADDR))
    head2 = ('<text:p text:style-name="HeadTab">%s<text:tab/>%s</text:p>'
             % (t("%s til mødet i %s den %s" % (kind, m["body"], ddate(date))), PN))
    masters = ['<style:master-page style:name="First" style:page-layout-name="pl1" style:next-style-name="Rest">'
               '<style:footer>%s</style:footer></style:master-page>' % foot,
               '<style:master-page style:name="Rest" style:page-layout-name="pl2">'
               '<style:header>%s</style:header><style:footer>%s</style:footer></style:master-page>' % (head2, foot)]
    place = "%s, Greve Rådhus" % m["_loc"]
    m["location"] = place
    m["time_text"] = "den %s kl. %s" % (ddate(date), start)
    body = [P("P1", "Greve Kommune"), P("Sender", "Politik og Borger, Sekretariatet"),
            P("SentDate", "Greve, den %s" % ddate(shift(date, -6 if doc.get("agenda") else 1))),
            P("DocTitle", kind), P("Prose", "til"), P("Prose", "mødet i %s" % m["body"]),
            P("Prose", m["time_text"]), P("ProseGap", "i %s" % place)]
    if not doc.get("agenda"):
        if m["absent"]:
            body.append(P("Plain", "Medlemmerne var mødt, bortset fra %s, der havde meldt afbud."
                          % _listed(m["absent"])))
        else:
            body.append(P("Plain", "Alle var mødt."))
        body.append(P("Plain", "Mødet blev hævet kl. %s." % end.replace(":", ".")))
    body.append(P("Label", "Medlemmer af udvalget:" if m["body"] != "Byrådet" else "Medlemmer af Byrådet:"))
    rows = [[P("Value", x["name"]), P("Value", (x.get("role") or "").capitalize()),
             P("Value", "(%s)" % x["affiliation"])] for x in m["participants"]]
    body.append(_table("Mem", rows, ["CellA", "CellA", "CellA"]))

    body.append(P("TocTitle", "Indholdsfortegnelse"))
    trows = [[P("TocHead", "Pkt."), P("TocHead", "Tekst"), P("TocNum", B("Side"), raw=True)]]
    for i, it in enumerate(items):
        pg = toc_pages[i] if toc_pages else 0
        trows.append([P("TocCell", it["number"]), P("TocCell", "(Åben) " + it["title"]),
                      P("TocNum", str(pg))])
    tab = _table("Toc", trows, ["CellA", "CellA", "CellA"])
    body.append(tab.replace('<table:table-cell table:style-name="CellA"', '<table:table-cell table:style-name="CellH"', 3))

    for it in items:
        body.append(P("Item", it["heading"]))
        for s in it["sections"]:
            if s["kind"] == "text" and s["heading"] is None and s["blocks"][0][1].startswith("Sagsnr"):
                bl = s["blocks"]
                body += [P("Meta", b[1]) for b in bl[:-1]] + [P("MetaLast", bl[-1][1])]
                continue
            if s.get("heading"):
                body.append(P("Label", s.get("_print") or s["heading"]))
            body.append(_sec_blocks(s["blocks"]))
    return fodt._doc(FACES[cfg["font"]], "\n".join(styles), "\n".join(auto), "\n".join(masters),
                     "\n".join(body), hyphenate=cfg.get("hyphenate", True), font=cfg["font"],
                     size=cfg["size"])


def _landscape(name, ml, mr, mt="1.2cm", mb="1.0cm"):
    h = '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.3cm"/></style:header-style>'
    f = '<style:footer-style><style:header-footer-properties fo:min-height="0.5cm" fo:margin-top="0.3cm"/></style:footer-style>'
    return ('<style:page-layout style:name="%s"><style:page-layout-properties fo:page-width="29.7cm" '
            'fo:page-height="21cm" style:print-orientation="landscape" fo:margin-left="%s" '
            'fo:margin-right="%s" fo:margin-top="%s" fo:margin-bottom="%s"/>%s%s</style:page-layout>'
            % (name, ml, mr, mt, mb, h, f))


def render_stacked(doc, cfg):
    """heldout-stacked: a web agenda system's meeting page printed landscape from a browser. The
    header block stacks each upper-case label over its value (UDVALG, MØDE, STED,
    STARTTIDSPUNKT 25-09-2024 08:00:00, SLUTTIDSPUNKT, DELTAGERE and AFBUD one name a line), then
    PUNKTER lists the items; the items start on page 2, "131. Titel" with the title repeated under
    it, upper-case labels, the decision dated "Beslutning i <body> den 25-09-2024" (the earlier
    one in the same form), no hyphenation; the browser's print header (site and print time) and
    footer (page address and "2/4") on every page."""
    m = doc["meeting"]
    items = doc["items"]
    width = 29.7 - _cm(cfg["ml"]) - _cm(cfg["mr"])
    kind = "Dagsorden" if doc.get("agenda") else "Referat"
    date, start, end = m["date"], m["start_time"], m.get("end_time")
    styles = [
        fodt._pstyle("Body", align="start", mb="0.2cm"),
        fodt._pstyle("Sub", bold=True, mt="0.05cm", mb="0.1cm", keep=True),
        fodt._pstyle("Bullet", ml="0.5cm", ti="-0.5cm", mb="0.1cm"),
        fodt._pstyle("Cap", size="7.5pt", bold=True, mt="0.25cm", mb="0.02cm", keep=True),
        fodt._pstyle("Value", size="10.5pt", mb="0cm"),
        fodt._pstyle("Site", size="16pt", bold=True, mb="0.3cm"),
        fodt._pstyle("Punkt", size="10.5pt", mb="0.05cm", ml="0.4cm"),
        fodt._pstyle("Item", size=cfg["head_size"], bold=True, mt="0.6cm", mb="0.1cm", keep=True),
        fodt._pstyle("ItemBrk", size=cfg["head_size"], bold=True, mb="0.1cm", keep=True,
                     extra='fo:break-before="page"'),
        fodt._pstyle("Retitle", size="10.5pt", mb="0.2cm", keep=True),
        fodt._pstyle("Label", size="8pt", bold=True, mt="0.35cm", mb="0.08cm", keep=True),
        fodt._pstyle("Decision", bold=True, mt="0.35cm", mb="0.08cm", keep=True),
        _tabstyle("HeadTab", [("%.2fcm" % width, True, False)], size="7.5pt", mb="0cm"),
    ]
    auto = [_landscape("pl1", cfg["ml"], cfg["mr"])]
    addr = "https://dagsorden.greve.dk/committee_%d/agenda_%d/agenda_%d.html" % (
        1000 + sum(m["body"].encode()) % 900, 400000 + int(date.replace("-", "")) % 99991,
        400000 + int(date.replace("-", "")) % 99991)
    printed = "%s %s" % (dmy(shift(date, 1)), "10.02")
    head = ('<text:p text:style-name="HeadTab">%s<text:tab/>%s</text:p>'
            % (t(printed), t("%s - %s - %s" % (m["body"], kind, dmy(date)))))
    foot = ('<text:p text:style-name="HeadTab">%s<text:tab/>%s/<text:page-count/></text:p>'
            % (t(addr), PN))
    masters = ['<style:master-page style:name="Standard" style:page-layout-name="pl1">'
               '<style:header>%s</style:header><style:footer>%s</style:footer></style:master-page>'
               % (head, foot)]
    place = "%s, Greve Rådhus" % m["_loc"]
    m["location"] = place
    m["time_text"] = "%s %s:00" % (dmy(date), start)
    body = [P("Site", "Dagsordener og referater")]

    def cap(label, values):
        body.append(P("Cap", label))
        body.extend(P("Value", v) for v in values)
    cap("UDVALG", [m["body"]])
    cap("MØDE", ["%s - %s den %s" % (kind, m["body"], ddate(date))])
    cap("STED", [place])
    cap("STARTTIDSPUNKT", ["%s %s:00" % (dmy(date), start)])
    cap("SLUTTIDSPUNKT", ["%s %s:00" % (dmy(date), end)])
    cap("DELTAGERE", [_people([x]) for x in m["participants"]])
    if m["absent"]:
        cap("AFBUD", [_people([x]) for x in m["absent"]])
    body.append(P("Cap", "PUNKTER"))
    body += [P("Punkt", heading_text(it, cfg)) for it in items]
    for i, it in enumerate(items):
        body.append(P("ItemBrk" if i == 0 else "Item", heading_text(it, cfg)))
        for s in it["sections"]:
            if s["kind"] == "text" and s["heading"] is None:
                body += [P("Retitle", b[1]) for b in s["blocks"]]
                continue
            body.append(P("Decision" if s["heading"].startswith("Beslutning i ") else "Label",
                          s.get("_print") or s["heading"]))
            body.append(_sec_blocks(s["blocks"]))
    return fodt._doc(FACES[cfg["font"]], "\n".join(styles), "\n".join(auto), "\n".join(masters),
                     "\n".join(body), hyphenate=cfg.get("hyphenate", True), font=cfg["font"],
                     size=cfg["size"])


# ---------------------------------------------------------------- associations and non-minutes

def _assoc_docs():
    """Association documents written here (names invented). Each: name, doc model with _front,
    items (sections text/decision, heading None) and _back (in no item)."""
    docs = []

    def item(n, title, paras):
        secs = []
        for kind, text in paras:
            blk = ("li", text[1], text[0]) if isinstance(text, tuple) else ("p", text)
            if secs and secs[-1]["kind"] == kind:
                secs[-1]["blocks"].append(blk)
            else:
                secs.append(sec(kind, None, [blk]))
        return {"number": str(n), "order": n, "title": title, "heading": None, "public": True,
                "group": None, "sections": secs}

    # 1. generalforsamling, "N. Title" headings
    m = {"body": "Grundejerforeningen Egebakken", "date": "2024-03-12", "start_time": "19:30",
         "end_time": None, "time_text": "tirsdag den 12. marts 2024 kl. 19.30",
         "location": "Fælleshuset, Egebakken 2", "participants": [], "absent": []}
    items = [
        item(1, "Valg af dirigent", [("decision", "Bestyrelsen foreslog Lone Dam, som blev valgt. Dirigenten konstaterede, at generalforsamlingen var lovligt indkaldt.")]),
        item(2, "Formandens beretning", [
            ("text", "Formanden Peter Kjær gennemgik årets arbejde: vejbelysningen på stamvejen er skiftet til LED, fællesarealerne er drænet, og foreningen har fået ny hjemmeside."),
            ("text", "Der var spørgsmål om snerydningen på stierne. Bestyrelsen undersøger, om en fast aftale kan blive billigere."),
            ("decision", "Beretningen blev godkendt.")]),
        item(3, "Regnskab", [
            ("text", "Kassereren Birgit Holm fremlagde det reviderede regnskab med et overskud på 18.420 kr. og en egenkapital på 96.310 kr."),
            ("decision", "Regnskabet blev godkendt uden bemærkninger.")]),
        item(4, "Indkomne forslag", [
            ("text", "Der var indkommet ét forslag fra Egebakken 14 om at plante frugttræer på den store græsplæne."),
            ("decision", "Forslaget blev vedtaget med 21 stemmer for og 4 imod.")]),
        item(5, "Budget og kontingent", [("decision", "Budgettet blev godkendt, og kontingentet fastsættes uændret til 1.200 kr. om året.")]),
        item(6, "Valg til bestyrelse", [
            ("text", "På valg var Peter Kjær og Hanne Friis. Begge var villige til genvalg."),
            ("decision", "Peter Kjær og Hanne Friis blev genvalgt."),
            ("decision", "Som suppleant blev Ole Bach valgt.")]),
        item(7, "Eventuelt", [("text", "Flere ønskede en fælles arbejdsdag i foråret. Bestyrelsen indkalder til en dag i april.")]),
    ]
    docs.append(("assoc-egebakken-generalforsamling", {
        "meeting": m, "items": items, "_title": "Referat",
        "_front": [("title", "Referat af ordinær generalforsamling"), ("h2", m["body"]),
                   ("line", "Tirsdag den 12. marts 2024 kl. 19.30 i Fælleshuset, Egebakken 2"),
                   ("blank", ""), ("p", "Der var 25 husstande til stede.")],
        "_back": [("p", "Dirigenten takkede for god ro og orden, og formanden takkede for fremmødet."),
                  ("line", "Referent: Hanne Friis"), ("blank", ""),
                  ("line", "Godkendt af dirigenten:"), ("line", "Lone Dam")]}))

    # 2. generalforsamling of a sports club, "1)" headings, with a hanging list
    m = {"body": "Idrætsforeningen Nordstjernen", "date": "2023-02-23", "start_time": "19:00",
         "end_time": None, "time_text": "23. februar 2023 kl. 19.00",
         "location": "Klubhuset", "participants": [], "absent": []}
    items = [
        item(1, "Valg af dirigent og referent", [("decision", "Jens Lund blev valgt som dirigent og Sofie Krog som referent.")]),
        item(2, "Bestyrelsens beretning", [
            ("text", "Formanden fortalte om året. Medlemstallet er steget til 412, og især fodbold for de yngste er vokset."),
            ("text", "Klubben har i årets løb:"),
            ("text", ("a)", "fået nye mål til kunstgræsbanen")),
            ("text", ("b)", "uddannet fire nye trænere")),
            ("text", ("c)", "holdt sommerfest med over 150 deltagere")),
            ("decision", "Beretningen blev taget til efterretning og godkendt.")]),
        item(3, "Fremlæggelse af regnskab", [
            ("text", "Kassereren gennemgik regnskabet. Årets resultat er et underskud på 7.300 kr., som skyldes indkøbet af mål."),
            ("decision", "Enstemmigt vedtaget.")]),
        item(4, "Indkomne forslag", [("decision", "Ingen forslag.")]),
        item(5, "Valg til bestyrelse", [
            ("decision", "Formand Karin Vest blev genvalgt."),
            ("text", "Kasserer Mads Bruun ønskede ikke genvalg. Bestyrelsen foreslog Amir Haddad."),
            ("decision", "Amir Haddad blev valgt som kasserer.")]),
        item(6, "Valg af revisor", [("decision", "Bjarne Toft blev genvalgt.")]),
        item(7, "Eventuelt", [("text", "Der blev spurgt til lys på grusbanen. Bestyrelsen svarede, at kommunen har lovet et svar inden sommer.")]),
    ]
    docs.append(("assoc-nordstjernen-generalforsamling", {
        "meeting": m, "items": items, "_title": "Referat",
        "_front": [("title", "Idrætsforeningen Nordstjernen"),
                   ("h2", "Referat fra generalforsamlingen 23. februar 2023 kl. 19.00 i Klubhuset"),
                   ("p", "Fremmødte: 34 medlemmer")],
        "_heading": "paren",
        "_back": [("p", "Dirigenten erklærede generalforsamlingen for afsluttet kl. 21.10."),
                  ("line", "Referent: Sofie Krog")]}))

    # 3. bestyrelsesmøde with named participants
    ppl = ["Karin Vest", "Amir Haddad", "Sofie Krog", "Jens Lund"]
    m = {"body": "Idrætsforeningen Nordstjernen", "date": "2023-04-18", "start_time": "18:30",
         "end_time": "20:30", "time_text": "Tirsdag den 18. april 2023 kl. 18.30-20.30",
         "location": "Klubhuset", "participants": [person(n) for n in ppl],
         "absent": [person("Lise Mørk")]}
    items = [
        item(1, "Godkendelse af dagsorden", [("decision", "Godkendt.")]),
        item(2, "Godkendelse af referat fra sidste møde", [("decision", "Referatet blev godkendt og underskrevet.")]),
        item(3, "Økonomi", [
            ("text", "Amir orienterede om økonomien. Kontingentindtægterne ligger 12.000 kr. over budget, mens udgifterne til baner følger budgettet."),
            ("text", "Der er søgt tilskud fra kommunens aktivitetspulje til en ny materialecontainer.")]),
        item(4, "Sommerfest", [
            ("text", "Sofie har indhentet tre tilbud på telt og musik."),
            ("decision", "Bestyrelsen besluttede at vælge det billigste tilbud, og budgettet for festen fastsættes til 15.000 kr.")]),
        item(5, "Næste møde", [("decision", "Næste møde fastsættes til tirsdag den 23. maj 2023 kl. 18.30.")]),
        item(6, "Eventuelt", [("decision", "Intet.")]),
    ]
    docs.append(("assoc-nordstjernen-bestyrelsesmoede", {
        "meeting": m, "items": items, "_title": "Referat",
        "_front": [("title", "Referat af bestyrelsesmøde"), ("h2", m["body"]),
                   ("line", "Tirsdag den 18. april 2023 kl. 18.30-20.30 i Klubhuset"), ("blank", ""),
                   ("line", "Til stede: " + ", ".join(ppl[:-1]) + " og " + ppl[-1]),
                   ("line", "Afbud: Lise Mørk")],
        "_back": [("line", "Referent: Sofie Krog")]}))

    # 4. notice = agenda
    m = {"body": "Grundejerforeningen Egebakken", "date": "2025-03-11", "start_time": "19:30",
         "end_time": None, "time_text": "tirsdag den 11. marts 2025 kl. 19.30",
         "location": "Fælleshuset, Egebakken 2", "participants": [], "absent": []}
    titles = ["Valg af dirigent", "Formandens beretning", "Regnskab", "Indkomne forslag",
              "Budget og kontingent", "Valg til bestyrelse", "Valg af revisor", "Eventuelt"]
    items = [item(i, x, []) for i, x in enumerate(titles, 1)]
    items[3]["sections"] = [sec("text", None, [("p", "Forslag skal være formanden i hænde senest den 25. februar 2025.")])]
    items[5]["sections"] = [sec("text", None, [("p", "På valg er Birgit Holm og Søren Bak.")])]
    docs.append(("assoc-egebakken-indkaldelse", {
        "meeting": m, "items": items, "_title": "Indkaldelse",
        "_front": [("title", "Indkaldelse til ordinær generalforsamling"), ("h2", m["body"]),
                   ("p", "Bestyrelsen indkalder hermed til ordinær generalforsamling tirsdag den 11. marts 2025 kl. 19.30 i Fælleshuset, Egebakken 2."),
                   ("label", "Dagsorden")],
        "_back": [("p", "Regnskabet for 2024 er vedlagt. Vel mødt."),
                  ("line", "Med venlig hilsen"), ("line", "Bestyrelsen")]}))
    return docs


def _notminutes_docs():
    nulls = {"body": None, "date": None, "start_time": None, "end_time": None, "time_text": None,
             "location": None, "participants": [], "absent": []}
    docs = []
    docs.append(("notminutes-brev", [
        ("right", "Greve Kommune"), ("right", "Center for Teknik og Miljø"),
        ("right", "Rådhusholmen 10, 2670 Greve"), ("blank", ""),
        ("line", "Grundejerforeningen Egebakken"), ("line", "Att.: Peter Kjær"),
        ("line", "Egebakken 2"), ("line", "2670 Greve"), ("blank", ""),
        ("right", "14. maj 2024"), ("right", "Vores ref.: MSA"), ("blank", ""),
        ("h2", "Svar på henvendelse om vejbelysning"),
        ("p", "Tak for jeres brev af 22. april 2024 om belysningen på stamvejen i Egebakken."),
        ("p", "Kommunen har undersøgt sagen og kan oplyse følgende:"),
        ("li", ("1.", "Stamvejen er privat fællesvej, og belysningen er foreningens ansvar.")),
        ("li", ("2.", "Kommunen kan give tilladelse til nye master, når ansøgningen er modtaget.")),
        ("li", ("3.", "Der kan søges tilskud fra puljen til trafiksikkerhed frem til 1. oktober.")),
        ("p", "Har I spørgsmål, er I velkomne til at kontakte mig på telefon 43 97 00 00."),
        ("blank", ""), ("line", "Med venlig hilsen"), ("blank", ""),
        ("line", "Maria Sand"), ("line", "Vejingeniør")]))
    docs.append(("notminutes-sagsliste", [
        ("title", "Sagsliste"), ("line", "Center for Teknik og Miljø, uge 12 2024"), ("blank", ""),
        ("grid", [["Sagsnr.", "Titel", "Sagsbehandler", "Status"],
                  ["24/1022", "Ansøgning om overkørsel, Egebakken 9", "MSA", "Under behandling"],
                  ["24/1187", "Klage over støj fra varmepumpe", "JHO", "Afventer høring"],
                  ["24/1203", "Tilladelse til nedsivning af regnvand", "MSA", "Afgjort"],
                  ["24/1311", "Vejbelysning på privat fællesvej", "KLP", "Under behandling"],
                  ["24/1340", "Byggetilladelse, carport, Hyldevej 3", "JHO", "Afgjort"],
                  ["24/1402", "Påbud om rottespærre", "KLP", "Sendt til partshøring"]]),
        ("p", "Listen er trukket fra sagssystemet den 22. marts 2024.")]))
    docs.append(("notminutes-notat", [
        ("title", "NOTAT"), ("blank", ""),
        ("line", "Til: Direktionen"), ("line", "Fra: Økonomi og Analyse"), ("line", "Dato: 5. marts 2024"),
        ("line", "Emne: Forventet forbrug på vintertjenesten"), ("blank", ""),
        ("label", "Baggrund"),
        ("p", "Vinteren 2023/24 har haft flere glatføredage end normalt, og udkaldene til saltning er steget med en tredjedel."),
        ("label", "Vurdering"),
        ("p", "Med de kendte udkald til og med februar forventes et merforbrug på 1,4 mio. kr. Resten af sæsonen kan ændre tallet med op til 0,3 mio. kr."),
        ("label", "Anbefaling"),
        ("p", "Merforbruget håndteres i budgetopfølgning 2. Direktionen orienteres igen i maj.")]))
    docs.append(("notminutes-regnskab", [
        ("title", "Grundejerforeningen Egebakken"), ("h2", "Regnskab 2023 og budget 2024"),
        ("grid", [["Post", "Regnskab 2023", "Budget 2023", "Budget 2024"],
                  ["Kontingent", "60.000,00", "60.000,00", "62.400,00"],
                  ["Renter", "412,50", "100,00", "400,00"],
                  ["Vedligeholdelse af fællesarealer", "-24.860,00", "-30.000,00", "-30.000,00"],
                  ["Vejbelysning", "-9.115,75", "-8.000,00", "-9.500,00"],
                  ["Forsikring", "-4.210,00", "-4.200,00", "-4.400,00"],
                  ["Administration", "-3.806,75", "-4.000,00", "-4.000,00"],
                  ["Årets resultat", "18.420,00", "13.900,00", "14.900,00"]]),
        ("p", "Egenkapital pr. 31. december 2023: 96.310,00 kr."),
        ("blank", ""), ("line", "Kasserer: Birgit Holm"), ("line", "Revisor: Bjarne Toft")]))
    return [(n, {"meeting": dict(nulls), "items": [], "_front": f, "_notminutes": True}) for n, f in docs]


ASSOC_CFG = dict(font="Liberation Serif", size="11pt", ml="2.5cm", mr="2.5cm", head_size="11pt",
                 heading="num_dot", furniture=None)
NOTMIN_CFG = dict(font="Carlito", size="11pt", ml="2.5cm", mr="2.5cm", head_size="11pt",
                  heading="num_dot", furniture="plain_footer")


# ---------------------------------------------------------------- records, pages, build

def record(doc, source, pages):
    if doc.get("_notminutes"):
        return {"schema_version": 1,
                "source": {"path": source, "sha256": None, "pages": None, "ocr_pages": [],
                           "text_source": "pdf"},
                "document": {"kind": "unknown", "case_number": None, "document_number": None},
                "meeting": doc["meeting"], "items": [],
                "warnings": [{"code": "not_minutes", "message": "not a meeting document", "page": None}]}
    m = dict(doc["meeting"])
    m.pop("_loc", None)
    rec = model.record({"meeting": m, "items": doc["items"]}, source, pages)
    return rec


def item_pages(pdf, doc, cfg):
    """1-based page of each item heading, found by its printed first words (TOC lines print
    no dot after the number, or no number, so they do not match)."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    pages = out.split("\f")
    # the label column style prints number and title in its contents table as in the heading:
    # its items start on page 2, after the contents
    # (as the stacked style's PUNKTER list, which has a page of its own)
    res, p = {}, (1 if cfg.get("layout") in ("labelcol", "stacked") else 0)
    for i, it in enumerate(doc["items"]):
        h = it.get("heading") or heading_text(it, cfg)
        # without spaces: pdftotext -raw loses some (bold capitals: "FRAADMINISTRATIONEN")
        key = re.sub(r"\s+", "", fold(h))[:18]
        for j in range(p, len(pages)):
            if any(re.sub(r"\s+", "", x).startswith(key) for x in pages[j].splitlines()):
                res[i] = j + 1
                p = j
                break
        else:
            res[i] = None
    return res


def build(repo, out, soffice):
    """Renders every real-style document; returns manifest rows (pdf, expected, style, class)."""
    shared = os.path.join(repo, "..", "shared")
    expdir = os.path.join(repo, "corpus", "expected", "realstyle")
    src = os.path.join(out, "src", "realstyle")
    pdfdir = os.path.join(out, "pdf", "realstyle")
    for d in (src, pdfdir):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    os.makedirs(expdir, exist_ok=True)
    greves = {os.path.basename(f).split("_")[0]: f
              for f in glob.glob(os.path.join(shared, "real", "greve-2024", "*.json"))}
    docs = []   # (name, style, doc, cfg)
    for style, plan in PLAN.items():
        for i, (slug, agenda) in enumerate(plan):
            doc = house_doc(greves[slug], style, agenda, i)
            docs.append(("%s-%d-%s" % (style, i + 1, slug), style, doc, STYLES[style]))
    for name, doc in _assoc_docs():
        doc["style"] = "assoc"
        cfg = dict(ASSOC_CFG)
        if doc.pop("_heading", None) == "paren":
            for it in doc["items"]:
                it["heading"] = "%s) %s" % (it["number"], it["title"])
        doc["_cfg"] = cfg
        docs.append((name, "assoc", doc, cfg))
    for name, doc in _notminutes_docs():
        doc["style"] = "notminutes"
        doc["_cfg"] = NOTMIN_CFG
        docs.append((name, "notminutes", doc, NOTMIN_CFG))

    def write(name, doc, pages=None):
        path = os.path.join(src, name + ".fodt")
        open(path, "w", encoding="utf-8").write(render(doc, pages))
        return path

    def convert(paths):
        soffice(paths, pdfdir)
        for f in paths:
            fix_checksum(os.path.join(pdfdir, os.path.basename(f)[:-5] + ".pdf"))

    convert([write(n, d) for n, _, d, _ in docs])
    again = []
    for n, style, d, cfg in docs:
        if cfg.get("toc") in ("dots", "punkt_nr") or cfg.get("layout") in ("labelcol", "region"):
            pg = item_pages(os.path.join(pdfdir, n + ".pdf"), d, cfg)
            d["_toc"] = [pg.get(i) or 0 for i in range(len(d["items"]))]
            again.append(write(n, d, d["_toc"]))
    if again:
        convert(again)

    rows = []
    for n, style, d, cfg in docs:
        pdf = os.path.join(pdfdir, n + ".pdf")
        pages = item_pages(pdf, d, cfg) if d["items"] else {}
        missing = [d["items"][i]["number"] for i, p in pages.items() if p is None]
        if missing:
            print("make-corpus: %s: item headings not found for %s" % (n, missing), file=sys.stderr)
        if "_toc" in d and [pages.get(i) or 0 for i in range(len(d["items"]))] != d["_toc"]:
            print("make-corpus: %s: contents pages moved" % n, file=sys.stderr)
        exp = os.path.join(expdir, n + ".json")
        _write_json(exp, record(d, "corpus/realstyle/" + n + ".pdf", pages))
        rows.append((pdf, exp, style, CLASS))
    return rows


def fix_checksum(path):
    """LibreOffice's /DocChecksum covers its own time stamps: fixed here (same length) so that
    the same inputs give the same bytes (build.normalize_pdf fixes the dates and the ID)."""
    data = open(path, "rb").read()
    h = hashlib.md5(os.path.basename(path).encode()).hexdigest().upper().encode()
    new = re.sub(rb"(/DocChecksum\s*/)([0-9A-Fa-f]{32})", lambda m: m.group(1) + h, data)
    if new != data:
        open(path, "wb").write(new)


def _write_json(path, obj):
    s = json.dumps(obj, ensure_ascii=False, indent=1) + "\n"
    if not os.path.exists(path) or open(path, encoding="utf-8").read() != s:
        with open(path, "w", encoding="utf-8") as f:
            f.write(s)


if __name__ == "__main__":
    # standalone: houses.py REPO OUTDIR  (renders only the real-style documents)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import build as _b  # noqa: F401  (needs argv REPO OUTDIR)
    rows = build(_b.REPO, _b.OUT, _b.soffice)
    with open(os.path.join(_b.OUT, "manifest-realstyle.tsv"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write("\t".join(r) + "\n")
