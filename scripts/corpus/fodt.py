"""Content model -> flat ODF text (.fodt) in one of three house styles, and seed text ->
.fodt line for line. LibreOffice renders these to PDF.

Style A  serif, wide column, header block as a 2-column table, group headings in the body,
         bullets "•", justified text, footer with the page number.
Style B  sans, header block as tab-separated lines, table of contents with "(side N)",
         a page break per item with running header "Punkt N", footer "Side N af M",
         bullets "–", attachments as plain lines.
Style C  Carlito (Calibri metrics), narrow column, letterhead on page 1, header block as bold
         labels ("Møde:"), bullets U+F0B7 in the Symbol font (as Word writes them).
"""
from xml.sax.saxutils import escape

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/"')

STYLES = {
    "A": dict(font="Liberation Serif", size="11pt", ml="2.2cm", mr="2.2cm", align="justify",
              bullet="•", head_size="13pt"),
    "B": dict(font="Liberation Sans", size="10pt", ml="2.5cm", mr="2.5cm", align="start",
              bullet="–", head_size="12pt"),
    "C": dict(font="Carlito", size="11pt", ml="4.6cm", mr="3.2cm", align="start",
              bullet="\uf0b7", head_size="12pt"),
}


def t(s):
    """Escape text for ODF: runs of spaces as text:s, tabs as text:tab."""
    out = []
    for i, part in enumerate(s.split("\t")):
        if i:
            out.append("<text:tab/>")
        e = escape(part)
        # keep runs of spaces
        res, n = [], 0
        for ch in e:
            if ch == " ":
                n += 1
                continue
            if n:
                res.append(" " if n == 1 else ' <text:s text:c="%d"/>' % (n - 1))
                n = 0
            res.append(ch)
        if n:
            res.append(" " if n == 1 else ' <text:s text:c="%d"/>' % (n - 1))
        out.append("".join(res))
    return "".join(out)


def _doc(font_faces, styles, auto, masters, body, hyphenate=True, font="Liberation Serif",
         size="11pt"):
    hy = "true" if hyphenate else "false"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><meta:generator>minutes make-corpus</meta:generator><dc:title>Referat</dc:title><meta:creation-date>2024-01-01T00:00:00</meta:creation-date><dc:date>2024-01-01T00:00:00</dc:date></office:meta>
<office:font-face-decls>
<style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
<style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
<style:font-face style:name="Carlito" svg:font-family="Carlito" style:font-family-generic="swiss"/>
<style:font-face style:name="Symbol" svg:font-family="Symbol" style:font-charset="x-symbol"/>
{font_faces}
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:paragraph-properties fo:hyphenation-ladder-count="no-limit" style:writing-mode="lr-tb"/><style:text-properties style:font-name="{font}" fo:font-size="{size}" fo:language="da" fo:country="DK" fo:hyphenate="{hy}" fo:hyphenation-remain-char-count="2" fo:hyphenation-push-char-count="2"/></style:default-style>
<style:default-style style:family="table-cell"><style:text-properties fo:language="da" fo:country="DK" fo:hyphenate="{hy}"/></style:default-style>
{styles}
</office:styles>
<office:automatic-styles>
{auto}
</office:automatic-styles>
<office:master-styles>
{masters}
</office:master-styles>
<office:body><office:text>
{body}
</office:text></office:body></office:document>
"""


def _pstyle(name, size=None, bold=False, italic=False, align=None, mt="0cm", mb="0.21cm",
            ml=None, ti=None, keep=False, extra="", textextra="", tab=None):
    pp = f'fo:margin-top="{mt}" fo:margin-bottom="{mb}"'
    if align:
        pp += f' fo:text-align="{align}"'
    if ml:
        pp += f' fo:margin-left="{ml}"'
    if ti:
        pp += f' fo:text-indent="{ti}" style:auto-text-indent="false"'
    if keep:
        pp += ' fo:keep-with-next="always"'
    tp = ""
    if size:
        tp += f' fo:font-size="{size}"'
    if bold:
        tp += ' fo:font-weight="bold"'
    if italic:
        tp += ' fo:font-style="italic"'
    return (f'<style:style style:name="{name}" style:family="paragraph">'
            f'<style:paragraph-properties {pp} {extra}>'
            + (f'<style:tab-stops><style:tab-stop style:position="{tab}"/></style:tab-stops>' if tab else "")
            + '</style:paragraph-properties>'
            f'<style:text-properties {tp} {textextra}/></style:style>')


def _layout(name, ml, mr, header=False, footer=True, mt="1.8cm", mb="1.6cm"):
    h = ('<style:header-style><style:header-footer-properties fo:min-height="0.8cm" '
         'fo:margin-bottom="0.4cm"/></style:header-style>') if header else '<style:header-style/>'
    f = ('<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" '
         'fo:margin-top="0.4cm"/></style:footer-style>') if footer else '<style:footer-style/>'
    return (f'<style:page-layout style:name="{name}"><style:page-layout-properties '
            f'fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-left="{ml}" '
            f'fo:margin-right="{mr}" fo:margin-top="{mt}" fo:margin-bottom="{mb}"/>{h}{f}'
            f'</style:page-layout>')


def _people(lst):
    out = []
    for p in lst or []:
        inner = []
        role = p.get("role")
        aff = p.get("affiliation")
        if role and role != "ref.":
            inner.append(role)
        if aff:
            inner.append(aff + ("/ref." if role == "ref." else ""))
        s = ", ".join(inner)
        if p.get("note"):
            s = (s + "; " if s else "") + p["note"]
        name = p["name"]
        if role == "ref." and not aff:
            name += " ref." if not s else ""
        out.append(name + (" (%s)" % s if s else ""))
    if len(out) > 1:
        return ", ".join(out[:-1]) + " og " + out[-1]
    return out[0] if out else ""


def header_fields(m):
    rows = [("Møde", m.get("body")), ("Tid", m.get("time_text")), ("Sted", m.get("location")),
            ("Deltagere", _people(m.get("participants"))), ("Afbud", _people(m.get("absent")))]
    if m.get("case_number"):
        rows.append(("Sagsnr./Dok.nr.", "%s / %s" % (m["case_number"], m.get("document_number") or "")))
    return [(k, v) for k, v in rows if v]


def _blocks(blocks, st, cls):
    out = []
    for b in blocks:
        if b[0] == "p":
            out.append(f'<text:p text:style-name="Body">{t(b[1])}</text:p>')
        elif b[0] == "sub":
            out.append(f'<text:p text:style-name="Sub">{t(b[1])}</text:p>')
        elif b[0] == "li":
            label = b[2]
            if label is None:
                glyph = st["bullet"]
                if glyph == "\uf0b7":
                    label = '<text:span text:style-name="Sym">&#xF0B7;</text:span>'
                else:
                    label = escape(glyph)
            else:
                label = escape(label)
            if cls == "plain" and b[2] is None:
                out.append(f'<text:p text:style-name="Body">{t(b[1])}</text:p>')
            else:
                out.append(f'<text:p text:style-name="Bullet">{label}<text:tab/>{t(b[1])}</text:p>')
        elif b[0] == "table":
            out.append(_table(b[1]))
    return "\n".join(out)


_tabn = [0]


def _table(rows, style="Grid"):
    _tabn[0] += 1
    n = max(len(r) for r in rows)
    cols = f'<table:table-column table:number-columns-repeated="{n}"/>'
    body = []
    for r in rows:
        cells = "".join(f'<table:table-cell table:style-name="{style}Cell" office:value-type="string">'
                        f'<text:p text:style-name="Cell">{t(c)}</text:p></table:table-cell>' for c in r)
        body.append(f"<table:table-row>{cells}</table:table-row>")
    return (f'<table:table table:name="Tabel{_tabn[0]}" table:style-name="{style}">{cols}'
            + "".join(body) + "</table:table>")


def render(doc, style, letterhead=None, title="Referat", toc_pages=None, org="Greve Kommune"):
    """doc: model; toc_pages: list of page numbers per item for style B's contents (None: 0)."""
    st = STYLES[style]
    m = doc["meeting"]
    items = doc["items"]
    styles = [
        _pstyle("Body", align=st["align"]),
        _pstyle("Sub", bold=True, italic=(style != "B"), mt="0.1cm", mb="0.1cm", keep=True),
        _pstyle("Bullet", align=st["align"], ml="0.63cm", ti="-0.63cm", mb="0.1cm"),
        _pstyle("Cell", size="9pt", mb="0cm", align="start"),
        _pstyle("Item", size=st["head_size"], bold=True, mt="0.5cm", mb="0.25cm", keep=True),
        _pstyle("Label", bold=True, italic=(style == "C"), mt="0.25cm", mb="0.1cm", keep=True),
        _pstyle("Group", size="14pt", bold=True, mt="0.6cm", mb="0.3cm", keep=True),
        _pstyle("DocTitle", size="18pt", bold=True, mb="0.4cm"),
        _pstyle("Small", size="8pt", mb="0cm"),
        _pstyle("Head", size="9pt", mb="0cm", align="end"),
        _pstyle("Foot", size="9pt", mb="0cm", align="center" if style == "A" else "end"),
        _pstyle("HeadLine", mb="0.12cm", ml="3.5cm", ti="-3.5cm", tab="0cm"),
        _pstyle("Toc", mb="0.1cm", ml="0.6cm", ti="-0.6cm"),
        _pstyle("TocGroup", bold=True, mt="0.3cm", mb="0.1cm"),
        _pstyle("Letterhead", size="8.5pt", mb="0cm", align="end"),
    ]
    auto = [
        '<style:style style:name="Sym" style:family="text"><style:text-properties style:font-name="Symbol"/></style:style>',
        '<style:style style:name="Strong" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>',
        '<style:style style:name="Grid" style:family="table"><style:table-properties style:width="%s" table:align="left" fo:margin-top="0.1cm" fo:margin-bottom="0.25cm"/></style:style>'
        % ({"A": "16.6cm", "B": "16cm", "C": "13.2cm"}[style]),
        '<style:style style:name="GridCell" style:family="table-cell"><style:table-cell-properties fo:padding="0.08cm" fo:border="0.5pt solid #000000"/></style:style>',
        '<style:style style:name="Meta" style:family="table"><style:table-properties style:width="16.6cm" table:align="left" fo:margin-bottom="0.4cm"/></style:style>',
        '<style:style style:name="MetaCell" style:family="table-cell"><style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #808080"/></style:style>',
        '<style:style style:name="Meta.A" style:family="table-column"><style:table-column-properties style:column-width="3.4cm"/></style:style>',
        '<style:style style:name="Meta.B" style:family="table-column"><style:table-column-properties style:column-width="13.2cm"/></style:style>',
        _layout("pl1", st["ml"], st["mr"], header=(style == "C"), footer=True),
        _layout("pl2", st["ml"], st["mr"], header=(style != "A"), footer=True),
    ]
    foot_num = '<text:page-number text:select-page="current"/>'
    if style == "B":
        foot = f'<text:p text:style-name="Foot">Side {foot_num} af <text:page-count/></text:p>'
    elif style == "A":
        foot = f'<text:p text:style-name="Foot">{foot_num}</text:p>'
    else:
        foot = f'<text:p text:style-name="Foot">{escape(m.get("body") or "")}, {escape(m.get("date") or "")} · Side {foot_num}</text:p>'
    masters = []
    lh = ""
    if style == "C":
        lh = "".join(f'<text:p text:style-name="Letterhead">{t(x)}</text:p>' for x in (letterhead or []))
        masters.append(f'<style:master-page style:name="First" style:page-layout-name="pl1" style:next-style-name="Rest">'
                       f'<style:header>{lh}</style:header><style:footer>{foot}</style:footer></style:master-page>')
        masters.append(f'<style:master-page style:name="Rest" style:page-layout-name="pl2">'
                       f'<style:header><text:p text:style-name="Head">{escape(org)} · {escape(title)}</text:p></style:header>'
                       f'<style:footer>{foot}</style:footer></style:master-page>')
    elif style == "B":
        masters.append(f'<style:master-page style:name="First" style:page-layout-name="pl1">'
                       f'<style:footer>{foot}</style:footer></style:master-page>')
        for i, it in enumerate(items):
            masters.append(f'<style:master-page style:name="Punkt{i}" style:page-layout-name="pl2">'
                           f'<style:header><text:p text:style-name="Head">Punkt {escape(it["number"])}</text:p></style:header>'
                           f'<style:footer>{foot}</style:footer></style:master-page>')
            auto.append(f'<style:style style:name="ItemP{i}" style:family="paragraph" style:parent-style-name="Item" style:master-page-name="Punkt{i}"/>')
    else:
        masters.append(f'<style:master-page style:name="First" style:page-layout-name="pl1">'
                       f'<style:footer>{foot}</style:footer></style:master-page>')
    auto.append('<style:style style:name="P1" style:family="paragraph" style:parent-style-name="DocTitle" style:master-page-name="First"/>')

    body = []
    # ---- title and header block
    if style == "A":
        body.append(f'<text:p text:style-name="P1">{escape(title)}</text:p>')
        rows = "".join(
            f'<table:table-row><table:table-cell table:style-name="MetaCell" office:value-type="string"><text:p text:style-name="Cell"><text:span text:style-name="Strong">{t(k)}</text:span></text:p></table:table-cell>'
            f'<table:table-cell table:style-name="MetaCell" office:value-type="string"><text:p text:style-name="Cell">{t(v)}</text:p></table:table-cell></table:table-row>'
            for k, v in header_fields(m))
        body.append(f'<table:table table:name="Mødeoplysninger" table:style-name="Meta"><table:table-column table:style-name="Meta.A"/><table:table-column table:style-name="Meta.B"/>{rows}</table:table>')
    elif style == "B":
        body.append(f'<text:p text:style-name="P1">{escape(title)}</text:p>')
        for k, v in header_fields(m):
            body.append(f'<text:p text:style-name="HeadLine">{t(k)}<text:tab/>{t(v)}</text:p>')
    else:
        body.append(f'<text:p text:style-name="P1">{escape(title.upper())}</text:p>')
        for k, v in header_fields(m):
            body.append(f'<text:p text:style-name="Body"><text:span text:style-name="Strong">{t(k)}:</text:span> {t(v)}</text:p>')
    # ---- table of contents (style B)
    if style == "B":
        body.append('<text:p text:style-name="Group">Indholdsfortegnelse</text:p>')
        last = None
        for i, it in enumerate(items):
            g = it.get("_group")
            if g != last:
                body.append(f'<text:p text:style-name="TocGroup">{escape(g)}</text:p>')
                last = g
            pg = toc_pages[i] if toc_pages else 0
            body.append(f'<text:p text:style-name="Toc">{t(it["number"])}.<text:tab/>{t(it["title"])} (side {pg})</text:p>')
    # ---- items
    last = None
    for i, it in enumerate(items):
        if style == "A" and it.get("_group") != last:
            body.append(f'<text:p text:style-name="Group">{escape(it["_group"])}</text:p>')
            last = it["_group"]
        hs = f"ItemP{i}" if style == "B" else "Item"
        body.append(f'<text:p text:style-name="{hs}">{t(it["number"])}. {t(it.get("heading") or it["title"])}</text:p>')
        for s in it["sections"]:
            if s.get("heading"):
                body.append(f'<text:p text:style-name="Label">{t(s["heading"])}</text:p>')
            cls = "plain" if (style == "B" and s["kind"] == "attachments") else ""
            body.append(_blocks(s["blocks"], st, cls))
    return _doc("", "\n".join(styles), "\n".join(auto), "\n".join(masters), "\n".join(body),
                hyphenate=True, font=st["font"], size=st["size"])


def render_lines(lines, breaks_before, font="Liberation Sans", size="8.5pt", ml="1.6cm", mr="1.4cm"):
    """Seed text line for line: each line a paragraph of its own, no hyphenation, a page break
    before the line indices in breaks_before."""
    styles = [_pstyle("L", mb="0cm", mt="0cm", align="start",
                      extra='fo:line-height="100%"'),
              _pstyle("Foot", size="8pt", mb="0cm", align="end")]
    auto = ['<style:style style:name="Sym" style:family="text"><style:text-properties style:font-name="Symbol"/></style:style>',
            '<style:style style:name="LB" style:family="paragraph" style:parent-style-name="L"><style:paragraph-properties fo:break-before="page"/></style:style>',
            _layout("pl1", ml, mr, header=False, footer=False, mt="1.2cm", mb="1.0cm")]
    masters = ['<style:master-page style:name="Standard" style:page-layout-name="pl1"/>']
    body = []
    for i, line in enumerate(lines):
        s = t(line)
        s = s.replace("\uf0b7", '<text:span text:style-name="Sym">&#xF0B7;</text:span>')
        s = s.replace("\uf02d", '<text:span text:style-name="Sym">&#xF02D;</text:span>')
        body.append(f'<text:p text:style-name="{"LB" if i in breaks_before else "L"}">{s}</text:p>')
    return _doc("", "\n".join(styles), "\n".join(auto), "\n".join(masters), "\n".join(body),
                hyphenate=False, font=font, size=size)
