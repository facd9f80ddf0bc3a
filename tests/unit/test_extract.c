/* test_extract.c: the PDF text layer as lines (extract.c).
 *
 * Fixtures in tests/data (regenerate with soffice and qpdf if the sources change):
 *   extract-tabs.pdf            soffice --headless --convert-to pdf extract-tabs.fodt
 *                               (label<TAB>value header at a tab stop, a justified paragraph
 *                               with paragraph spacing, a second page)
 *   extract-table.pdf           soffice --headless --convert-to pdf:writer_pdf_Export
 *                               extract-table.html (a two-column header table, a ligature)
 *   extract-tabs-encrypted.pdf  qpdf --encrypt u o 256 -- extract-tabs.pdf out.pdf
 * Other PDFs (empty page, rotated page, odd MediaBox, damaged, not a PDF) are built here. */
#include "t.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "err.h"
#include "extract.h"
#include "input.h"
#include "pipeline.h"

static struct mn_doc *load(const char *path)
{
    struct mn_error err = {0};
    struct mn_doc *doc = mn_doc_new(path);
    if (mn_input_read(doc, path, &err) < 0)
        fprintf(stderr, "%s\n", err.msg);
    return doc;
}

/* Extracts 'doc' with the given password and page cap; returns the result of the stage. */
static int extract(struct mn_doc *doc, const char *password, int max_pages, struct mn_error *err)
{
    struct mn_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.opt.password = password;
    ctx.opt.max_pages = max_pages;
    return mn_extract_run(&ctx, doc, err);
}

static bool has_line(const struct mn_doc *doc, const char *text, int page)
{
    for (size_t i = 0; i < doc->lines.n; i++)
        if (strcmp(doc->lines.v[i].text, text) == 0 && doc->lines.v[i].page == page)
            return true;
    return false;
}

/* Index of the first line equal to 'text', or -1. */
static long find_line(const struct mn_doc *doc, const char *text)
{
    for (size_t i = 0; i < doc->lines.n; i++)
        if (strcmp(doc->lines.v[i].text, text) == 0)
            return (long)i;
    return -1;
}

static bool has_warning(const struct mn_doc *doc, const char *code, int page)
{
    for (size_t i = 0; i < doc->nwarnings; i++)
        if (strcmp(doc->warnings[i].code, code) == 0 && doc->warnings[i].page == page)
            return true;
    return false;
}

static void dump(const struct mn_doc *doc)
{
    for (size_t i = 0; i < doc->lines.n; i++)
        fprintf(stderr, "  %d|%s\n", doc->lines.v[i].page, doc->lines.v[i].text);
}

static void test_tab_stops_and_paragraphs(void)
{
    struct mn_error err = {0};
    struct mn_doc *doc = load("tests/data/extract-tabs.pdf");
    CHECK_INT(extract(doc, NULL, 0, &err), 0);
    CHECK_INT(doc->npages, 2);
    CHECK(has_line(doc, "Møde\tSocialdirektørkredsen", 1));
    CHECK(has_line(doc, "Sted\tRådhuset, mødelokale 2", 1));
    CHECK(has_line(doc, "Afbud\tHanne Madsen", 1));
    CHECK(has_line(doc, "Side to begynder her.", 2));
    /* the justified paragraph: stretched word spaces are spaces, not tabs; lines kept raw */
    long first = find_line(doc, "Dette er et afsnit med lige margener, hvor ordmellemrummene "
                                "strækkes ud for at fylde linjen helt:");
    CHECK(first > 0);
    CHECK(first > 0 && strcmp(doc->lines.v[first - 1].text, "") == 0); /* empty paragraph */
    for (size_t i = 0; i < doc->lines.n; i++)
        if (first >= 0 && i >= (size_t)first)
            CHECK(strchr(doc->lines.v[i].text, '\t') == NULL);
    /* no empty line inside the paragraph, one after it (paragraph spacing) */
    long next = find_line(doc, "Næste afsnit.");
    CHECK(first > 0 && next == first + 4);
    CHECK(next > 0 && strcmp(doc->lines.v[next - 1].text, "") == 0);
    CHECK(next > 0 && strcmp(doc->lines.v[next - 2].text, "") != 0);
    CHECK_INT(doc->nwarnings, 0);
    if (t_current_failed)
        dump(doc);
    mn_doc_free(doc);
}

static void test_two_column_table(void)
{
    struct mn_error err = {0};
    struct mn_doc *doc = load("tests/data/extract-table.pdf");
    CHECK_INT(extract(doc, NULL, 0, &err), 0);
    CHECK_INT(doc->npages, 1);
    CHECK(has_line(doc, "Møde\tSocialdirektørkredsen", 1));
    CHECK(has_line(doc, "Tid\tTorsdag den 6. marts 2014 kl. 9.30-12.00", 1));
    CHECK(has_line(doc, "Tilstede\tHanne Jensen, Per Olsen", 1));
    CHECK(has_line(doc, "Afbud\tHanne Madsen", 1));
    CHECK(has_line(doc, "Andet afsnit.", 1));
    /* the ligature U+FB01 is expanded */
    CHECK(find_line(doc, "Første afsnit med en fin ligatur og et langt ord, der fortsætter over "
                         "flere linjer, så vi kan se at linjerne i") >= 0);
    if (t_current_failed)
        dump(doc);
    mn_doc_free(doc);
}

static void test_encrypted(void)
{
    struct mn_error err = {0};
    struct mn_doc *doc = load("tests/data/extract-tabs-encrypted.pdf");
    CHECK_INT(extract(doc, NULL, 0, &err), -1);
    CHECK_INT(err.code, MN_E_PDF_ENCRYPTED);
    CHECK(strstr(err.msg, "extract-tabs-encrypted.pdf") != NULL);
    CHECK(strstr(err.msg, "--password") != NULL);

    mn_error_clear(&err);
    CHECK_INT(extract(doc, "nope", 0, &err), -1);
    CHECK_INT(err.code, MN_E_PDF_ENCRYPTED);
    CHECK(strstr(err.msg, "wrong password") != NULL);

    mn_error_clear(&err);
    CHECK_INT(extract(doc, "u", 0, &err), 0);
    CHECK(has_line(doc, "Afbud\tHanne Madsen", 1));
    mn_doc_free(doc);
}

static void test_damaged_and_not_pdf(void)
{
    struct mn_error err = {0};
    struct mn_doc *doc = load("tests/data/extract-tabs.pdf");
    struct mn_doc *cut = mn_doc_new("cut.pdf");
    CHECK_INT(mn_input_set(cut, doc->input, 1000, &err), 0);
    CHECK_INT(extract(cut, NULL, 0, &err), -1);
    CHECK_INT(err.code, MN_E_PDF_DAMAGED);
    CHECK(strstr(err.msg, "cut.pdf") != NULL);
    mn_doc_free(cut);
    mn_doc_free(doc);

    /* extract itself maps a non-PDF to pdf_damaged; input.c's sniff gives not_pdf first */
    doc = mn_doc_new("word.pdf");
    mn_error_clear(&err);
    CHECK_INT(mn_input_set(doc, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0\0\0", 12, &err), 0);
    CHECK_INT(mn_input_sniff(doc->input, doc->input_len), MN_INPUT_BINARY);
    CHECK_INT(extract(doc, NULL, 0, &err), -1);
    CHECK_INT(err.code, MN_E_PDF_DAMAGED);
    mn_doc_free(doc);
}

static void test_max_pages(void)
{
    struct mn_error err = {0};
    struct mn_doc *doc = load("tests/data/extract-tabs.pdf");
    CHECK_INT(extract(doc, NULL, 1, &err), 0);
    CHECK_INT(doc->npages, 2);
    CHECK(has_warning(doc, "pages_skipped", 0));
    CHECK(has_line(doc, "Afbud\tHanne Madsen", 1));
    CHECK(!has_line(doc, "Side to begynder her.", 2));
    mn_doc_free(doc);
}

/* Builds a PDF with one page per entry of 'pages' (page dictionary extras and a content
 * stream, which may be ""), with a correct xref table. */
struct tpage {
    const char *dict;    /* extra page dictionary entries */
    const char *content; /* content stream */
};

static struct mn_doc *make_pdf(const char *name, const struct tpage *pages, int n)
{
    struct mn_buf b = MN_BUF_INIT;
    size_t off[64];
    int nobj = 3 + 2 * n; /* 1 catalog, 2 pages, 3 font, then page + content pairs */
    struct mn_error err = {0};
    struct mn_doc *doc = mn_doc_new(name);

    mn_buf_adds(&b, "%PDF-1.4\n");
    off[1] = b.len;
    mn_buf_adds(&b, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    off[2] = b.len;
    mn_buf_adds(&b, "2 0 obj\n<< /Type /Pages /Kids [");
    for (int i = 0; i < n; i++)
        mn_buf_addf(&b, " %d 0 R", 4 + 2 * i);
    mn_buf_addf(&b, " ] /Count %d >>\nendobj\n", n);
    off[3] = b.len;
    mn_buf_adds(&b, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                    "/Encoding /WinAnsiEncoding >>\nendobj\n");
    for (int i = 0; i < n; i++) {
        int po = 4 + 2 * i, co = po + 1;
        off[po] = b.len;
        mn_buf_addf(&b,
                    "%d 0 obj\n<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 3 0 R "
                    "/F2 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold "
                    "/Encoding /WinAnsiEncoding >> "
                    "/F3 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Oblique "
                    "/Encoding /WinAnsiEncoding >> >> "
                    ">> %s /Contents %d 0 R >>\nendobj\n",
                    po, pages[i].dict, co);
        off[co] = b.len;
        mn_buf_addf(&b, "%d 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n", co,
                    strlen(pages[i].content), pages[i].content);
    }
    size_t xref = b.len;
    mn_buf_addf(&b, "xref\n0 %d\n0000000000 65535 f \n", nobj);
    for (int i = 1; i < nobj; i++)
        mn_buf_addf(&b, "%010zu 00000 n \n", off[i]);
    mn_buf_addf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%zu\n%%EOF\n", nobj, xref);
    CHECK_INT(mn_input_set(doc, b.buf, b.len, &err), 0);
    mn_buf_release(&b);
    return doc;
}

#define TEXT(x, y, s) "BT /F1 12 Tf " #x " " #y " Td (" s ") Tj ET\n"

static void test_empty_and_odd_pages(void)
{
    struct mn_error err = {0};
    const struct tpage pages[] = {
        {"/MediaBox [0 0 595 842]", TEXT(72, 770, "Referat")},
        {"/MediaBox [0 0 595 842]", ""},                              /* no text: OCR later */
        {"/MediaBox [0 0 595 842] /Rotate 90", TEXT(72, 770, "Roteret side")},
        {"/MediaBox [595 842 0 0]", TEXT(72, 770, "Omvendt boks")},   /* corners swapped */
        {"/MediaBox [0 0 0 0]", TEXT(72, 770, "Tom boks")},           /* degenerate */
        {"/MediaBox [0 0 595 842] /Rotate 45", TEXT(72, 770, "Skæv")}, /* invalid rotate */
        {"/MediaBox [0 0 595 842]",
         TEXT(72, 770, "Afbud") TEXT(200, 770, "Hanne Madsen") TEXT(72, 740, "Ny linje")},
    };
    struct mn_doc *doc = make_pdf("odd.pdf", pages, (int)MN_ARRAY_SIZE(pages));
    CHECK_INT(extract(doc, NULL, 0, &err), 0);
    if (err.code)
        fprintf(stderr, "%s\n", err.msg);
    CHECK_INT(doc->npages, 7);
    CHECK(has_line(doc, "Referat", 1));
    CHECK(has_warning(doc, "empty_page", 2));
    CHECK(has_line(doc, "Roteret side", 3));
    CHECK(has_line(doc, "Afbud\tHanne Madsen", 7));
    /* a gap of 1.5 lines: a paragraph break */
    long k = find_line(doc, "Ny linje");
    CHECK(k > 0 && strcmp(doc->lines.v[k - 1].text, "") == 0);
    for (size_t i = 0; i < doc->lines.n; i++)
        CHECK(doc->lines.v[i].page != 2);
    if (t_current_failed)
        dump(doc);
    mn_doc_free(doc);
}

/* Line layout through poppler: the styles of poppler_page_get_text_attributes land on the
 * right lines (F1 Helvetica, F2 Helvetica-Bold, F3 Helvetica-Oblique; make_pdf). */
static void test_layout_from_pdf(void)
{
    struct mn_error err = {0};
    const struct tpage pages[] = {
        {"/MediaBox [0 0 595 842]",
         "BT /F2 16 Tf 72 770 Td (Punkt 3 Budget) Tj ET\n"
         "BT /F1 12 Tf 72 740 Td (Almindelig tekst) Tj ET\n"
         "BT /F1 12 Tf 90 725 Td (indrykket linje) Tj ET\n"
         "BT /F3 12 Tf 72 700 Td (Kursiv bem\\346rkning) Tj ET\n"
         "BT /F2 12 Tf 72 670 Td (Afbud) Tj ET BT /F1 12 Tf 200 670 Td (Hanne Madsen) Tj ET\n"
         "BT /F2 12 Tf 72 650 Td (Fed) Tj /F1 12 Tf ( og almindelig tekst her) Tj ET\n"},
    };
    struct mn_doc *doc = make_pdf("styles.pdf", pages, 1);
    CHECK_INT(extract(doc, NULL, 0, &err), 0);
    long h = find_line(doc, "Punkt 3 Budget"), body = find_line(doc, "Almindelig tekst");
    long ind = find_line(doc, "indrykket linje"), it = find_line(doc, "Kursiv bemærkning");
    long cols = find_line(doc, "Afbud\tHanne Madsen");
    long mixed = find_line(doc, "Fed og almindelig tekst her");
    CHECK(h >= 0 && body >= 0 && ind >= 0 && it >= 0 && cols >= 0 && mixed >= 0);
    if (h >= 0 && body >= 0 && ind >= 0 && it >= 0 && cols >= 0 && mixed >= 0) {
        const struct mn_line *v = doc->lines.v;
        CHECK(v[h].bold && !v[h].italic);
        CHECK(!v[body].bold && !v[body].italic);
        CHECK(!v[it].bold && v[it].italic);
        CHECK(!v[cols].bold); /* 5 bold letters of 16 */
        CHECK(!v[mixed].bold); /* 3 of 22 */
        /* places: x from the first glyph, x2 from the last; the heading is larger */
        CHECK(v[h].x > 71 && v[h].x < 74);
        CHECK(v[body].x > 71 && v[body].x < 74);
        CHECK(v[ind].x > 89 && v[ind].x < 92);
        CHECK(v[cols].x > 71 && v[cols].x < 74 && v[cols].x2 > 270 && v[cols].x2 < 285);
        CHECK(v[body].x2 > v[body].x + 80 && v[body].x2 < v[body].x + 100);
        CHECK(v[h].size > v[body].size * 1.2);
        CHECK(v[h].y >= 0 && v[h].y < v[body].y && v[body].y < v[ind].y);
        for (size_t i = 0; i < doc->lines.n; i++)
            if (!v[i].text[0])
                CHECK(v[i].x < 0 && !v[i].bold); /* paragraph breaks have no layout */
    }
    if (t_current_failed)
        dump(doc);
    mn_doc_free(doc);
}

static void test_font_style(void)
{
    static const struct {
        const char *name;
        unsigned style;
    } cases[] = {
        {"Verdana,Bold", MN_FONT_BOLD},
        {"EFVXWZ+Verdana,Bold", MN_FONT_BOLD},
        {"Verdana", 0},
        {"Verdana,Italic", MN_FONT_ITALIC},
        {"Verdana,BoldItalic", MN_FONT_BOLD | MN_FONT_ITALIC},
        {"Arial-BoldMT", MN_FONT_BOLD},
        {"Arial-BoldItalicMT", MN_FONT_BOLD | MN_FONT_ITALIC},
        {"TimesNewRomanPS-ItalicMT", MN_FONT_ITALIC},
        {"TimesNewRomanPSMT", 0},
        {"ArialMT", 0},
        {"Calibri-Bold", MN_FONT_BOLD},
        {"Calibri Kursiv", MN_FONT_ITALIC},
        {"Calibri,Fed", MN_FONT_BOLD},
        {"LiberationSerif-BoldItalic", MN_FONT_BOLD | MN_FONT_ITALIC},
        {"LiberationSans", 0},
        {"Carlito-Bold", MN_FONT_BOLD},
        {"Helvetica-Oblique", MN_FONT_ITALIC},
        {"Helvetica-BoldOblique", MN_FONT_BOLD | MN_FONT_ITALIC},
        {"Helvetica-Black", MN_FONT_BOLD},
        {"Arial Black", MN_FONT_BOLD},
        {"Roboto-Heavy", MN_FONT_BOLD},
        {"MyriadPro-Semibold", MN_FONT_BOLD},
        {"MyriadPro-SemiboldIt", MN_FONT_BOLD | MN_FONT_ITALIC},
        {"MinionPro-It", MN_FONT_ITALIC},
        {"MinionPro-Regular", 0},
        {"SegoeUI-SemiBold", MN_FONT_BOLD},
        {"SegoeUI-Semilight", 0},
        {"LucidaSans-Demi", MN_FONT_BOLD},
        {"ITCAvantGardeGothic-DemiOblique", MN_FONT_BOLD | MN_FONT_ITALIC},
        {"HelveticaNeue-Medium", 0},
        {"HelveticaNeueLTStd-Bd", MN_FONT_BOLD},
        {"HelveticaNeueLTStd-BdIt", MN_FONT_BOLD | MN_FONT_ITALIC},
        {"FUTURA-BDIT", MN_FONT_BOLD | MN_FONT_ITALIC},
        {"ArialBD", MN_FONT_BOLD},
        {"NimbusRomNo9L-Medi", MN_FONT_BOLD},
        {"NimbusRomNo9L-MediItal", MN_FONT_BOLD | MN_FONT_ITALIC},
        {"NimbusRomNo9L-Regu", 0},
        {"NimbusSanL-ReguItal", MN_FONT_ITALIC},
        {"CMBX12", MN_FONT_BOLD},
        {"CMB10", MN_FONT_BOLD},
        {"CMR10", 0},
        {"CMTI10", MN_FONT_ITALIC},
        {"CMSL10", MN_FONT_ITALIC},
        {"CMBXTI10", MN_FONT_BOLD | MN_FONT_ITALIC},
        {"SFBX1200", MN_FONT_BOLD},
        {"SFRM1000", 0},
        {"SFTI1000", MN_FONT_ITALIC},
        {"LMRoman10-Bold", MN_FONT_BOLD},
        {"LMRomanSlant10-Regular", MN_FONT_ITALIC},
        {"AcademicSans", 0},  /* "demi" inside a word is no style */
        {"Itim-Regular", 0},  /* nor "It" opening one */
        {"FedraSans-Book", 0}, /* nor "Fed" */
        {"CMBright", 0},      /* a TeX prefix needs its design size */
        {"Default", 0},
        {"", 0},
        {NULL, 0},
    };
    for (size_t i = 0; i < MN_ARRAY_SIZE(cases); i++) {
        unsigned got = mn_extract_font_style(cases[i].name);
        if (got != cases[i].style)
            fprintf(stderr, "  font '%s': style %u, expected %u\n",
                    cases[i].name ? cases[i].name : "(null)", got, cases[i].style);
        CHECK_INT(got, cases[i].style);
    }
}

/* The pure part, on synthetic glyphs. */
static size_t put_word(struct mn_glyph *g, size_t n, const char *w, double x, double y, double h,
                       bool line_start)
{
    for (size_t i = 0; w[i]; i++, n++) {
        g[n].x1 = x + 6.0 * (double)i;
        g[n].x2 = g[n].x1 + 6.0;
        g[n].y1 = y;
        g[n].y2 = y + h;
        g[n].ch = (unsigned char)w[i];
        g[n].space_before = i == 0;
        g[n].line_start = i == 0 && line_start;
    }
    return n;
}

static void test_glyphs(void)
{
    struct mn_glyph g[64] = {0};
    struct mn_lines lines = {0};
    size_t n = 0;
    /* Stream order: the value column first, then the label (as poppler may give it). */
    n = put_word(g, n, "Hanne", 100, 100, 10, true);
    n = put_word(g, n, "Madsen", 136, 100.5, 10, false); /* word gap 6 = 0.6 h: a space */
    n = put_word(g, n, "Afbud", 20, 100.3, 10, true);
    n = put_word(g, n, "Slut", 20, 111, 10, true);       /* next line, normal leading */
    n = put_word(g, n, "Ny", 20, 130, 10, true);         /* paragraph gap */
    /* vertical text in the margin: one glyph per row */
    size_t v = n;
    n = put_word(g, n, "ABC", 5, 40, 10, true);
    for (size_t i = v; i < n; i++) {
        g[i].x1 = 5;
        g[i].x2 = 15;
        g[i].y1 = 40 + 8.0 * (double)(i - v);
        g[i].y2 = g[i].y1 + 8;
    }
    mn_extract_glyphs(g, n, 3, &lines);
    CHECK_INT(lines.n, 6);
    if (lines.n == 6) {
        CHECK_STR(lines.v[0].text, "ABC");
        CHECK_STR(lines.v[1].text, "");
        CHECK_STR(lines.v[2].text, "Afbud\tHanne Madsen");
        CHECK_STR(lines.v[3].text, "Slut");
        CHECK_STR(lines.v[4].text, "");
        CHECK_STR(lines.v[5].text, "Ny");
        CHECK_INT(lines.v[5].page, 3);
    }
    mn_lines_release(&lines);
    mn_extract_glyphs(g, 0, 1, &lines);
    CHECK_INT(lines.n, 0);
}

/* Line assembly with typography: x, x2 and the majority style of a line's letters. */
static void set_style(struct mn_glyph *g, size_t from, size_t to, unsigned style)
{
    for (size_t i = from; i < to; i++)
        g[i].style = style;
}

static void test_glyph_layout(void)
{
    struct mn_glyph g[96] = {0};
    struct mn_lines lines = {0};
    size_t n = 0, a;
    /* a bold heading, larger; out of order in the stream (x sorting must keep the style) */
    a = n;
    n = put_word(g, n, "Budget", 62, 50, 14, false);
    n = put_word(g, n, "Punkt", 20, 50, 14, true);
    set_style(g, a, n, MN_FONT_BOLD);
    /* a bold label, a regular value: 5 bold letters of 17, not a bold line */
    a = n;
    n = put_word(g, n, "Afbud", 20, 70, 10, true);
    set_style(g, a, n, MN_FONT_BOLD);
    n = put_word(g, n, "Hanne", 100, 70, 10, false);
    n = put_word(g, n, "Madsen", 136, 70, 10, false);
    /* mostly bold: "Beslutning" bold, "ok" not (10 of 12) */
    a = n;
    n = put_word(g, n, "Beslutning", 20, 81, 10, true);
    set_style(g, a, n, MN_FONT_BOLD);
    n = put_word(g, n, "ok", 86, 81, 10, false);
    /* an indented italic line */
    a = n;
    n = put_word(g, n, "kursiv", 44, 92, 10, true);
    set_style(g, a, n, MN_FONT_ITALIC);
    /* no letters: the digits decide ("12." bold, "3" not: 3 of 4 glyphs) */
    a = n;
    n = put_word(g, n, "12.", 20, 103, 10, true);
    set_style(g, a, n, MN_FONT_BOLD | MN_FONT_ITALIC);
    n = put_word(g, n, "3", 50, 103, 10, false);
    /* the digits do not count when there are letters: "1. a" with bold digits only */
    a = n;
    n = put_word(g, n, "1.", 20, 114, 10, true);
    set_style(g, a, n, MN_FONT_BOLD);
    n = put_word(g, n, "ab", 40, 114, 10, false);
    /* vertical text: layout without y */
    size_t v = n;
    n = put_word(g, n, "XYZ", 5, 200, 10, true);
    for (size_t i = v; i < n; i++) {
        g[i].x1 = 5;
        g[i].x2 = 15 + (double)(i - v);
        g[i].y1 = 200 + 8.0 * (double)(i - v);
        g[i].y2 = g[i].y1 + 8;
        g[i].style = MN_FONT_BOLD;
    }
    mn_extract_glyphs(g, n, 2, &lines);
    CHECK_INT(lines.n, 9);
    if (lines.n == 9) {
        const struct mn_line *l = lines.v;
        CHECK_STR(l[0].text, "XYZ");
        CHECK(l[0].bold && !l[0].italic);
        CHECK(l[0].x == 5 && l[0].x2 == 17);
        CHECK(l[0].y < 0 && l[0].size <= 0);
        CHECK_STR(l[1].text, "");
        CHECK(l[1].x < 0 && !l[1].bold);
        CHECK_STR(l[2].text, "Punkt Budget");
        CHECK(l[2].bold && !l[2].italic);
        CHECK(l[2].x == 20 && l[2].x2 == 62 + 6 * 6);
        CHECK(l[2].y == 50 && l[2].size == 14);
        CHECK_STR(l[3].text, ""); /* the gap under the heading */
        CHECK_STR(l[4].text, "Afbud\tHanne Madsen");
        CHECK(!l[4].bold);
        CHECK(l[4].x == 20 && l[4].x2 == 136 + 6 * 6);
        CHECK_STR(l[5].text, "Beslutning ok");
        CHECK(l[5].bold);
        CHECK_STR(l[6].text, "kursiv");
        CHECK(l[6].italic && !l[6].bold && l[6].x == 44);
        CHECK_STR(l[7].text, "12. 3");
        CHECK(l[7].bold && l[7].italic);
        CHECK_STR(l[8].text, "1. ab");
        CHECK(!l[8].bold);
        for (size_t i = 0; i < lines.n; i++)
            CHECK_INT(l[i].page, 2);
    }
    mn_lines_release(&lines);
}

int main(void)
{
    RUN(test_tab_stops_and_paragraphs);
    RUN(test_two_column_table);
    RUN(test_encrypted);
    RUN(test_damaged_and_not_pdf);
    RUN(test_max_pages);
    RUN(test_empty_and_odd_pages);
    RUN(test_glyphs);
    RUN(test_glyph_layout);
    RUN(test_font_style);
    RUN(test_layout_from_pdf);
    return DONE();
}
