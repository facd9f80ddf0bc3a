/* extract.c: the PDF text layer, via poppler-glib, as lines in reading order.
 *
 * Why not poppler_page_get_text: poppler orders text by its own blocks, so a two-column header
 * table ("Afbud" | "Hanne Madsen") comes out as two lines or run together ("AfbudHanne
 * Madsen"). We take the per-character boxes instead (poppler_page_get_text_layout: box i is
 * the i-th character of poppler_page_get_text, including the '\n' and ' ' poppler inserts,
 * checked on poppler 22.12; should the counts ever differ we use the shorter) and rebuild the
 * lines ourselves:
 *
 *  1. white space is dropped, but remembered as "space_before" on the next glyph, so that
 *     poppler's word breaks survive;
 *  2. glyphs are sorted by the vertical centre of their box and grouped into a line while they
 *     overlap the line's (running mean) box by at least half the smaller height; boxes of one
 *     font share their height (ascent + descent), so a line's glyphs agree closely, and
 *     adjacent lines overlap little even with tight leading;
 *  3. each line is sorted by x; between two glyphs goes '\t' when the gap is wider than
 *     TAB_GAP font heights (a table column or tab stop; a justified word space stays well
 *     under one height), ' ' when poppler had a space or the gap is wider than SPACE_GAP
 *     heights, else nothing;
 *  0. runs of the text layer (poppler's lines) whose glyphs step downwards or upwards rather
 *     than sideways are rotated text (1533095.PDF has "PROJEKTBESKRIVELSE" along the margin of
 *     every page); grouped by height they would become one-letter lines, so they are taken out
 *     and emitted whole, in text-layer order, at the top of the page;
 *  4. an empty line goes between two lines whose boxes are further apart than the page's
 *     normal gap (lower quartile of all gaps: font boxes overlap with tight leading and leave
 *     room with loose leading) plus PARA_GAP line heights: paragraph spacing;
 *  5. each line keeps its layout for segmentation: its mean box (y, size), its ink's left and
 *     right edge (x, x2), and bold / italic when most of its letters are set in such a face.
 *     The face comes from poppler_page_get_text_attributes (font name runs over the same
 *     character index as the layout boxes) read by mn_extract_font_style; it costs about 4% of
 *     extraction's instructions, as much as the layout boxes themselves.
 *
 * Everything is sorting plus linear passes: O(n log n) per page. Known limits: side-by-side
 * text columns come out interleaved line by line with a '\t' between them (minutes are single
 * column); rotated text inside a page (a vertical margin stamp) yields short lines. Hyphens at
 * line ends are kept: dehyphen.c decides. Pages without text get the warning "empty_page";
 * the OCR stage picks those pages up. */
#include "extract.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>
#include <poppler.h>

#include "buf.h"
#include "doc.h"
#include "err.h"
#include "ocr.h"
#include "ocrfix.h"
#include "pipeline.h"
#include "render.h"
#include "utf8.h"

#define TAB_GAP 1.2    /* × font height: wider gaps between glyphs become '\t' */
#define SPACE_GAP 0.15 /* × font height: wider gaps become ' ' even without poppler's space */
#define PARA_GAP 0.3   /* × line height, beyond the page's normal gap: an empty line */
#define TYPICAL_GAP_MIN (-0.5) /* clamps of the normal gap between lines (× line height) */
#define TYPICAL_GAP_MAX 0.25

struct line {
    size_t start, end;  /* glyph range [start, end) */
    double top, bottom; /* mean box */
};

static double glyph_h(const struct mn_glyph *g)
{
    double h = g->y2 - g->y1;
    return h > 0.5 ? h : 0.5; /* degenerate boxes: avoid zero thresholds */
}

static int cmp_centre(const void *pa, const void *pb)
{
    const struct mn_glyph *a = pa, *b = pb;
    double ca = a->y1 + a->y2, cb = b->y1 + b->y2;
    if (ca != cb)
        return ca < cb ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static int cmp_x(const void *pa, const void *pb)
{
    const struct mn_glyph *a = pa, *b = pb;
    if (a->x1 != b->x1)
        return a->x1 < b->x1 ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Sorts unless already in order: a text layer mostly comes in reading order, and the sort
 * was an eighth of the extraction's cost on a 40-page document. */
static void sort_glyphs(struct mn_glyph *g, size_t n, int (*cmp)(const void *, const void *))
{
    for (size_t i = 1; i < n; i++)
        if (cmp(&g[i - 1], &g[i]) > 0) {
            qsort(g, n, sizeof *g, cmp);
            return;
        }
}

static void add_unichar(struct mn_buf *b, unsigned int c)
{
    char tmp[6];
    int n = g_unichar_to_utf8((gunichar)c, tmp);
    mn_buf_add(b, tmp, (size_t)n);
}

/* Writes the glyphs of one line (sorted by x) into 'b', with separators. */
static void build_line(const struct mn_glyph *g, size_t n, struct mn_buf *b)
{
    double right = g[0].x2;
    mn_buf_reset(b);
    add_unichar(b, g[0].ch);
    for (size_t i = 1; i < n; i++) {
        const struct mn_glyph *a = &g[i - 1], *c = &g[i];
        double h = fmax(glyph_h(a), glyph_h(c));
        double gap = c->x1 - right;
        /* A line-end hyphen in justified text sits after a stretched gap (LibreOffice's
         * "oriente -"); it belongs to its word, or dehyphen would take it for a dash. */
        bool end_hyphen = i + 1 == n && (c->ch == '-' || c->ch == 0x2010 || c->ch == 0xAD) &&
                          g_unichar_isalpha((gunichar)a->ch);
        if (gap > TAB_GAP * h)
            mn_buf_addch(b, '\t');
        else if (!end_hyphen && ((c->space_before && c->seq > a->seq) || gap > SPACE_GAP * h))
            mn_buf_addch(b, ' ');
        add_unichar(b, c->ch);
        if (c->x2 > right)
            right = c->x2;
    }
}

/* True when the glyph run g[0..n) advances vertically more often than horizontally. */
static bool is_vertical_run(const struct mn_glyph *g, size_t n)
{
    size_t vert = 0, horiz = 0;
    for (size_t i = 1; i < n; i++) {
        double dx = fabs((g[i].x1 + g[i].x2) - (g[i - 1].x1 + g[i - 1].x2));
        double dy = fabs((g[i].y1 + g[i].y2) - (g[i - 1].y1 + g[i - 1].y2));
        if (dy > dx)
            vert++;
        else
            horiz++;
    }
    return vert > horiz;
}

/* Sets the layout of the line just pushed to 'lines' from its glyphs g[0..n): x from the
 * first glyph (x-sorted lines) or the leftmost one (vertical runs), x2 from the rightmost
 * right edge, bold and italic when more than half of the letters have that style (of all
 * glyphs, for a line without letters: "1.", "12.03.2024"). */
static void set_layout(struct mn_lines *lines, const struct mn_glyph *g, size_t n, bool sorted)
{
    struct mn_line *ln = &lines->v[lines->n - 1];
    size_t letters = 0, lbold = 0, litalic = 0, bold = 0, italic = 0;
    double left = g[0].x1, right = g[0].x2;
    for (size_t i = 0; i < n; i++) {
        bool b = g[i].style & MN_FONT_BOLD, it = g[i].style & MN_FONT_ITALIC;
        if (!sorted && g[i].x1 < left)
            left = g[i].x1;
        if (g[i].x2 > right)
            right = g[i].x2;
        bold += b;
        italic += it;
        unsigned c = g[i].ch | 0x20; /* ASCII letters without a table look-up */
        if (g[i].ch < 0x80 ? c >= 'a' && c <= 'z' : g_unichar_isalpha((gunichar)g[i].ch)) {
            letters++;
            lbold += b;
            litalic += it;
        }
    }
    if (letters > 0) {
        n = letters;
        bold = lbold;
        italic = litalic;
    }
    ln->x = left > 0 ? left : 0; /* a glyph hanging off the page's left edge is still known */
    ln->x2 = right > ln->x ? right : ln->x;
    ln->bold = 2 * bold > n;
    ln->italic = 2 * italic > n;
}

/* Moves the vertical runs out of g[0..n): their text goes to 'lines', the remaining glyphs
 * are compacted to the front, in order. Returns how many remain. */
static size_t take_vertical_runs(struct mn_glyph *g, size_t n, int page, struct mn_lines *lines,
                                 struct mn_buf *b)
{
    size_t keep = 0, nvert = 0;
    for (size_t start = 0, end; start < n; start = end) {
        for (end = start + 1; end < n && !g[end].line_start; end++)
            ;
        if (end - start >= 2 && is_vertical_run(g + start, end - start)) {
            mn_buf_reset(b);
            for (size_t i = start; i < end; i++) {
                if (i > start && g[i].space_before)
                    mn_buf_addch(b, ' ');
                add_unichar(b, g[i].ch);
            }
            mn_lines_push_take(lines, mn_utf8_clean(b->buf, b->len, NULL), page);
            set_layout(lines, g + start, end - start, false);
            nvert++;
            continue;
        }
        memmove(g + keep, g + start, (end - start) * sizeof *g);
        keep += end - start;
    }
    if (nvert > 0 && keep > 0)
        mn_lines_push(lines, "", 0, page);
    return keep;
}

/* Vertical white space between two lines, in heights of the smaller line. */
static double rel_gap(const struct line *a, const struct line *b)
{
    double h = fmin(a->bottom - a->top, b->bottom - b->top);
    return (b->top - a->bottom) / fmax(h, 0.5);
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* The page's normal gap between lines of one paragraph: the lower quartile of all gaps,
 * clamped, since glyph boxes (font bounding boxes) may overlap or leave room depending on the
 * font and the line spacing. */
static double typical_gap(const struct line *lv, size_t nl)
{
    double t = TYPICAL_GAP_MAX, *r;
    if (nl < 2)
        return t;
    r = xmalloc((nl - 1) * sizeof *r);
    for (size_t k = 1; k < nl; k++)
        r[k - 1] = rel_gap(&lv[k - 1], &lv[k]);
    qsort(r, nl - 1, sizeof *r, cmp_double);
    t = r[(nl - 2) / 4];
    free(r);
    return fmax(TYPICAL_GAP_MIN, fmin(t, TYPICAL_GAP_MAX));
}

void mn_extract_glyphs(struct mn_glyph *g, size_t n, int page, struct mn_lines *lines)
{
    struct line *lv = NULL;
    size_t nl = 0, lalloc = 0;
    struct mn_buf b = MN_BUF_INIT;

    n = take_vertical_runs(g, n, page, lines, &b);
    if (n == 0) {
        mn_buf_release(&b);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        g[i].seq = i;
        if (g[i].x1 > g[i].x2) {
            double t = g[i].x1;
            g[i].x1 = g[i].x2;
            g[i].x2 = t;
        }
        if (g[i].y1 > g[i].y2) {
            double t = g[i].y1;
            g[i].y1 = g[i].y2;
            g[i].y2 = t;
        }
    }
    sort_glyphs(g, n, cmp_centre);

    /* Group by vertical overlap with the running mean box of the current line. */
    double sum_top = 0, sum_bottom = 0;
    for (size_t i = 0; i < n; i++) {
        bool join = false;
        if (nl > 0) {
            size_t cnt = i - lv[nl - 1].start;
            double top = sum_top / (double)cnt, bottom = sum_bottom / (double)cnt;
            double ov = fmin(bottom, g[i].y2) - fmax(top, g[i].y1);
            double minh = fmin(fmax(bottom - top, 0.5), glyph_h(&g[i]));
            join = ov >= 0.5 * minh;
        }
        if (!join) {
            if (nl > 0) {
                size_t cnt = i - lv[nl - 1].start;
                lv[nl - 1].end = i;
                lv[nl - 1].top = sum_top / (double)cnt;
                lv[nl - 1].bottom = sum_bottom / (double)cnt;
            }
            MN_GROW(lv, nl + 1, lalloc);
            lv[nl].start = i;
            nl++;
            sum_top = sum_bottom = 0;
        }
        sum_top += g[i].y1;
        sum_bottom += g[i].y2;
    }
    lv[nl - 1].end = n;
    lv[nl - 1].top = sum_top / (double)(n - lv[nl - 1].start);
    lv[nl - 1].bottom = sum_bottom / (double)(n - lv[nl - 1].start);

    double typical = typical_gap(lv, nl);
    for (size_t k = 0; k < nl; k++) {
        struct line *l = &lv[k];
        sort_glyphs(g + l->start, l->end - l->start, cmp_x);
        if (k > 0 && rel_gap(&lv[k - 1], l) > typical + PARA_GAP)
            mn_lines_push(lines, "", 0, page);
        build_line(g + l->start, l->end - l->start, &b);
        char *text = mn_utf8_clean(b.buf, b.len, NULL);
        if (*text) { /* a line of only zero-width characters is no line */
            mn_lines_push_take(lines, text, page);
            lines->v[lines->n - 1].y = l->top; /* clean compares running headers' places */
            lines->v[lines->n - 1].size = l->bottom - l->top; /* segment: heading type */
            set_layout(lines, g + l->start, l->end - l->start, true);
        } else
            free(text);
    }
    mn_buf_release(&b);
    free(lv);
}

/* ---- font styles ------------------------------------------------------------------------- */

static char to_lower(char c)
{
    return mn_isupper_ascii(c) ? (char)(c - 'A' + 'a') : c;
}

/* True when the n bytes at 's' equal the lower-case ASCII 'word', ignoring case. */
static bool token_is(const char *s, size_t n, const char *word)
{
    size_t i = 0;
    for (; i < n && word[i]; i++)
        if (to_lower(s[i]) != word[i])
            return false;
    return i == n && !word[i];
}

/* True when 'word' (lower-case ASCII) opens the n bytes at 's', ignoring case. */
static bool token_starts(const char *s, size_t n, const char *word)
{
    size_t i = 0;
    for (; word[i]; i++)
        if (i >= n || to_lower(s[i]) != word[i])
            return false;
    return true;
}

/* True when 'word' (lower-case ASCII) occurs anywhere in the n bytes at 's', ignoring case. */
static bool contains(const char *s, size_t n, const char *word)
{
    for (size_t i = 0; i < n; i++)
        if (token_starts(s + i, n - i, word))
            return true;
    return false;
}

/* Style words in a font name. Whole words match anywhere ("TimesNewRomanBoldItalic"); the
 * others only as a name part, since "demi" hides in "Academic" and "It" in many a name. The
 * parts of "TimesNewRomanPS-BoldItalicMT" are Times, New, Roman, PS, Bold, Italic, MT: a part
 * starts after a non-letter, at a capital after a small letter, and at the last capital of a
 * run of capitals followed by a small letter. */
static const char *const bold_anywhere[] = {"bold"};
static const char *const bold_part_prefix[] = {"demi", "black", "heavy", "semibd", "extrabd"};
static const char *const bold_part[] = {"bd", "bdit", "blk", "hv", "hvy", "medi", "fed", "fett"};
static const char *const italic_anywhere[] = {"italic", "oblique", "kursiv", "slant"};
static const char *const italic_part[] = {"it", "ital", "obl", "bdit"};
/* TeX's Computer Modern and cm-super (EC) fonts: a name prefix, then the design size */
static const struct {
    const char *prefix;
    unsigned style;
} tex_fonts[] = {
    {"cmb", MN_FONT_BOLD},    {"cmbx", MN_FONT_BOLD},   {"cmssbx", MN_FONT_BOLD},
    {"cmbxti", MN_FONT_BOLD | MN_FONT_ITALIC},          {"cmbxsl", MN_FONT_BOLD | MN_FONT_ITALIC},
    {"cmmib", MN_FONT_BOLD | MN_FONT_ITALIC},           {"cmti", MN_FONT_ITALIC},
    {"cmsl", MN_FONT_ITALIC}, {"cmmi", MN_FONT_ITALIC}, {"cmssi", MN_FONT_ITALIC},
    {"cmitt", MN_FONT_ITALIC}, {"cmsltt", MN_FONT_ITALIC}, {"sfbx", MN_FONT_BOLD},
    {"sfsx", MN_FONT_BOLD},   {"sfbi", MN_FONT_BOLD | MN_FONT_ITALIC},
    {"sfbl", MN_FONT_BOLD | MN_FONT_ITALIC},            {"sfti", MN_FONT_ITALIC},
    {"sfsl", MN_FONT_ITALIC}, {"sfsi", MN_FONT_ITALIC}, {"sfso", MN_FONT_ITALIC},
    {"sfit", MN_FONT_ITALIC}, {"sfst", MN_FONT_ITALIC},
};

unsigned mn_extract_font_style(const char *name)
{
    unsigned style = 0;
    if (!name)
        return 0;
    size_t caps = 0; /* a subset tag: capitals then '+' */
    while (mn_isupper_ascii(name[caps]))
        caps++;
    if (caps > 0 && name[caps] == '+')
        name += caps + 1;

    size_t len = strlen(name);
    for (size_t k = 0; k < MN_ARRAY_SIZE(bold_anywhere); k++)
        if (contains(name, len, bold_anywhere[k]))
            style |= MN_FONT_BOLD;
    for (size_t k = 0; k < MN_ARRAY_SIZE(italic_anywhere); k++)
        if (contains(name, len, italic_anywhere[k]))
            style |= MN_FONT_ITALIC;
    for (size_t k = 0; k < MN_ARRAY_SIZE(tex_fonts); k++) {
        size_t n = strlen(tex_fonts[k].prefix);
        if (token_starts(name, len, tex_fonts[k].prefix) && mn_isdigit((unsigned char)name[n]))
            style |= tex_fonts[k].style;
    }

    for (size_t i = 0; i < len;) {
        char c = name[i];
        if (!mn_isupper_ascii(c) && !mn_islower_ascii(c)) {
            i++;
            continue;
        }
        size_t j = i + 1; /* the part is name[i..j) */
        if (mn_isupper_ascii(c) && j < len && mn_isupper_ascii(name[j])) {
            while (j < len && mn_isupper_ascii(name[j]) && !(j + 1 < len && mn_islower_ascii(name[j + 1])))
                j++; /* "PSBold": the capitals up to the one that opens "Bold" */
        } else {
            while (j < len && mn_islower_ascii(name[j]))
                j++;
        }
        const char *part = name + i;
        size_t n = j - i;
        for (size_t k = 0; k < MN_ARRAY_SIZE(bold_part_prefix); k++)
            if (token_starts(part, n, bold_part_prefix[k]))
                style |= MN_FONT_BOLD;
        for (size_t k = 0; k < MN_ARRAY_SIZE(bold_part); k++)
            if (token_is(part, n, bold_part[k]))
                style |= MN_FONT_BOLD;
        for (size_t k = 0; k < MN_ARRAY_SIZE(italic_part); k++)
            if (token_is(part, n, italic_part[k]))
                style |= MN_FONT_ITALIC;
        i = j;
    }
    return style;
}

/* What one page's text layer gave. */
enum page_state {
    PAGE_TEXT,      /* lines were added */
    PAGE_NO_TEXT,   /* no text layer (or only white space) */
    PAGE_UNLOADED,  /* poppler cannot load the page */
    PAGE_TOO_LARGE, /* over MN_EXTRACT_MAX_PAGE_CHARS: skipped */
};

struct page_info {
    enum page_state state;
    size_t nchars;          /* characters of the text layer */
    struct mn_glyph *boxes; /* owned: the glyphs' boxes (for the ink check); may be NULL */
    size_t nboxes;
};

/* The MN_FONT_* style of each of the first n characters of the page's text into style[0..n),
 * from poppler's text attributes: their start_index..end_index (inclusive) count the same
 * walk over the page's words as the boxes of poppler_page_get_text_layout (one per character,
 * plus the space and line break poppler puts between words and lines; poppler-glib's
 * poppler-page.cc builds both from getSelectionWords), so they index the boxes directly. The
 * attribute runs change only where the font, size or colour does: a page has a few dozen, and
 * each distinct font name is read once per page. Never fails. */
static void note_styles(PopplerPage *page, unsigned char *style, size_t n)
{
    GList *attrs = poppler_page_get_text_attributes(page); /* transfer full; may be NULL */
    const char *seen[8]; /* a page alternates between a few fonts: read each name once */
    unsigned seen_style[8];
    size_t nseen = 0;
    memset(style, 0, n);
    for (GList *l = attrs; l; l = l->next) {
        const PopplerTextAttributes *a = l->data;
        if (!a || a->start_index < 0 || a->end_index < a->start_index ||
            (size_t)a->start_index >= n || !a->font_name)
            continue;
        size_t k = 0;
        while (k < nseen && strcmp(seen[k], a->font_name) != 0)
            k++;
        if (k == nseen) {
            k = nseen < MN_ARRAY_SIZE(seen) ? nseen++ : MN_ARRAY_SIZE(seen) - 1;
            seen[k] = a->font_name; /* borrowed from attrs, freed below */
            seen_style[k] = mn_extract_font_style(a->font_name);
        }
        unsigned st = seen_style[k];
        size_t end = (size_t)a->end_index < n ? (size_t)a->end_index + 1 : n;
        if (st)
            memset(style + a->start_index, (int)st, end - (size_t)a->start_index);
    }
    poppler_page_free_text_attributes(attrs);
}

/* Extracts the text layer of 'page' (page number 'pageno') into 'lines'. Never fails. */
static void extract_page(PopplerPage *page, int pageno, struct mn_lines *lines,
                         struct page_info *info)
{
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    char *text = NULL;
    struct mn_glyph *g = NULL;
    unsigned char *style = NULL;
    size_t ng = 0;

    memset(info, 0, sizeof *info);
    info->state = PAGE_NO_TEXT;
    if (!page) {
        info->state = PAGE_UNLOADED;
        goto out;
    }
    text = poppler_page_get_text(page); /* g_malloc'd, may be NULL */
    if (!text || !*text)
        goto out;
    size_t nchars = (size_t)g_utf8_strlen(text, -1);
    info->nchars = nchars;
    if (nchars > MN_EXTRACT_MAX_PAGE_CHARS) {
        info->state = PAGE_TOO_LARGE;
        goto out;
    }
    if (!poppler_page_get_text_layout(page, &rects, &nrects) || nrects == 0)
        goto out;
    size_t n = nchars < nrects ? nchars : nrects;
    g = xmalloc((n ? n : 1) * sizeof *g);
    style = xmalloc(n ? n : 1);
    note_styles(page, style, n);
    bool pending_space = false, pending_line = true;
    const char *q = text;
    for (size_t i = 0; i < n; i++, q = g_utf8_next_char(q)) {
        gunichar c = g_utf8_get_char(q);
        const PopplerRectangle *r = &rects[i];
        if (g_unichar_isspace(c) || c < 0x20 || c == 0xFEFF || !isfinite(r->x1) ||
            !isfinite(r->x2) || !isfinite(r->y1) || !isfinite(r->y2)) {
            pending_space = pending_space || g_unichar_isspace(c) || c < 0x20;
            pending_line = pending_line || c == '\n';
            continue;
        }
        g[ng].x1 = r->x1;
        g[ng].y1 = r->y1;
        g[ng].x2 = r->x2;
        g[ng].y2 = r->y2;
        g[ng].ch = c;
        g[ng].style = style[i];
        g[ng].space_before = pending_space;
        g[ng].line_start = pending_line;
        ng++;
        pending_space = pending_line = false;
    }
    if (ng == 0)
        goto out;
    info->boxes = xmalloc(ng * sizeof *info->boxes);
    memcpy(info->boxes, g, ng * sizeof *g);
    info->nboxes = ng;
    info->state = PAGE_TEXT;
    mn_extract_glyphs(g, ng, pageno, lines);
out:
    free(style);
    free(g);
    g_free(rects);
    g_free(text);
}

/* ---- does a page need OCR? ----------------------------------------------------------------- */

/* Private-use code points that symbol fonts use for bullets (Wingdings, Symbol): not garbage. */
static bool is_pua_bullet(gunichar c)
{
    switch (c) {
    case 0xF0A7: case 0xF0B7: case 0xF0D8: case 0xF0FC: case 0xF06E: case 0xF075:
    case 0xF076: case 0xF0A8: case 0xF0E0: case 0xF0F0: case 0xF02D: case 0xF0BE:
        return true;
    default:
        return false;
    }
}

const char *mn_extract_garbage_reason(const char *text, size_t len)
{
    size_t nonspace = 0, alnum = 0, bad = 0, cids = 0;
    const char *q = text, *end = text + len;
    while (q < end) {
        gunichar c = g_utf8_get_char_validated(q, end - q);
        if (c == (gunichar)-1 || c == (gunichar)-2) { /* invalid UTF-8: one bad byte */
            nonspace++;
            bad++;
            q++;
            continue;
        }
        const char *here = q;
        q = g_utf8_next_char(q);
        if (g_unichar_isspace(c) || c == '.' || c == 0x2026 || c == 0xB7 || c == '_' ||
            c == '-' || c == 0x2013 || c == 0x2014)
            continue; /* white space and dot leaders (tables of contents) */
        nonspace++;
        if (c >= 0xE000 && c <= 0xF8FF)
            bad += !is_pua_bullet(c);
        else if (c == 0xFFFD || (c < 0x20) || (c >= 0x7F && c < 0xA0))
            bad++;
        else if (g_unichar_isalnum(c))
            alnum++;
        if (c == '(' && (size_t)(end - here) >= 5 && memcmp(here, "(cid:", 5) == 0)
            cids++;
    }
    if (nonspace < 20)
        return NULL; /* too little to judge */
    if (cids >= 3 && cids * 8 >= nonspace / 10) /* "(cid:12)" is about 8 characters */
        return "'(cid:' glyph codes";
    if (bad * 10 > nonspace)
        return "private-use or invalid characters";
    if (alnum * 2 < nonspace)
        return "mostly neither letters nor digits";
    return NULL;
}

/* Ink of a page rendered at INK_DPI: dark pixels outside the text layer's glyph boxes
 * (scanned text, pictures) and inside them (the text layer's own glyphs). */
#define INK_DPI 50
#define INK_DARK 160 /* grey levels below this are ink */

struct ink {
    double outside, inside; /* fractions of the page's pixels */
};

static int measure_ink(PopplerPage *page, const struct mn_glyph *boxes, size_t nboxes,
                       struct ink *ink)
{
    PIX *pix = NULL;
    struct mn_error err = {0};
    int dpi = INK_DPI;
    memset(ink, 0, sizeof *ink);
    if (mn_render_page(page, INK_DPI, &pix, &dpi, &err) < 0)
        return -1;
    int w = (int)pixGetWidth(pix), h = (int)pixGetHeight(pix);
    unsigned char *mask = xcalloc((size_t)w * (size_t)h, 1);
    double s = dpi / 72.0;
    for (size_t i = 0; i < nboxes; i++) {
        int x1 = (int)floor(boxes[i].x1 * s) - 1, x2 = (int)ceil(boxes[i].x2 * s) + 1;
        int y1 = (int)floor(boxes[i].y1 * s) - 1, y2 = (int)ceil(boxes[i].y2 * s) + 1;
        if (x1 < 0)
            x1 = 0;
        if (y1 < 0)
            y1 = 0;
        if (x2 > w)
            x2 = w;
        if (y2 > h)
            y2 = h;
        for (int y = y1; y < y2; y++)
            if (x2 > x1)
                memset(mask + (size_t)y * w + x1, 1, (size_t)(x2 - x1));
    }
    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    size_t out = 0, in = 0;
    for (int y = 0; y < h; y++) {
        const l_uint32 *line = data + (size_t)y * wpl;
        for (int x = 0; x < w; x++)
            if (GET_DATA_BYTE(line, x) < INK_DARK) {
                if (mask[(size_t)y * w + x])
                    in++;
                else
                    out++;
            }
    }
    double area = (double)w * h;
    ink->outside = out / area;
    ink->inside = in / area;
    free(mask);
    pixDestroy(&pix);
    return 0;
}

/* Fraction of the page covered by images (their bounding boxes, overlaps counted twice);
 * *largest (may be NULL) gets the fraction its largest image covers. */
static double image_cover(PopplerPage *page, double *largest)
{
    double pw = 0, ph = 0, area = 0, best = 0;
    poppler_page_get_size(page, &pw, &ph);
    GList *maps = poppler_page_get_image_mapping(page);
    for (GList *l = maps; l; l = l->next) {
        const PopplerImageMapping *m = l->data;
        double a = fabs(m->area.x2 - m->area.x1) * fabs(m->area.y2 - m->area.y1);
        area += a;
        best = a > best ? a : best;
    }
    poppler_page_free_image_mapping(maps);
    bool sized = pw > 0 && ph > 0;
    if (largest)
        *largest = sized ? best / (pw * ph) : 0;
    return sized ? area / (pw * ph) : 0;
}

/* A text layer over one image that covers the page is an OCR layer (a scanner's or a phone
 * app's invisible text over the picture): it is read again and the more readable text kept
 * (OCRmyPDF's --redo-ocr). Born-digital pages have no such image; a full-page background
 * under real text would cost one OCR pass and keep its text (ocr_layer_kept). Only documents
 * whose first text page is such a page are looked at further (read_pages). */
#define OCR_LAYER_COVER_MIN 0.9

/* Thresholds of the ink check, measured on born-digital minutes (logos, underlined links,
 * table rules stay under 1% outside the text) and on scans (3-10% of the page is ink). */
#define IMAGE_COVER_MIN 0.2   /* below this image cover no ink check is made */
#define THICK_TEXT_CHARS 1000 /* a text layer this long is no stray-characters layer */
#define INK_OUTSIDE_MIN 0.015 /* untexted ink above this fraction of the page ... */
#define INK_RATIO_MIN 2.0     /* ... and this many times the text layer's ink: too thin */
#define INK_BLANK_MAX 0.0005  /* a page with less ink than this is blank */

/* Decides whether page 'pageno' needs OCR in auto mode; *why gets the reason. */
static bool page_needs_ocr(PopplerPage *page, const struct page_info *info, const char *text,
                           size_t len, char *why, size_t whysize)
{
    struct ink ink;
    if (!page || info->state == PAGE_UNLOADED || info->state == PAGE_TOO_LARGE)
        return false;
    if (info->state == PAGE_NO_TEXT) {
        /* A blank page is not worth an OCR engine: render it small and look for ink. A page
         * mostly covered by images is a scan and needs no look: rendering it small would
         * decode the whole scan once more only to find ink (a tenth of the page's OCR time). */
        if (image_cover(page, NULL) < IMAGE_COVER_MIN && measure_ink(page, NULL, 0, &ink) == 0 &&
            ink.outside < INK_BLANK_MAX)
            return false;
        snprintf(why, whysize, "no text layer");
        return true;
    }
    const char *garbage = mn_extract_garbage_reason(text, len);
    if (garbage) {
        snprintf(why, whysize, "text layer is garbage: %s", garbage);
        return true;
    }
    /* "too thin for the ink" means a few stray characters on a page image; a page with a
     * full text layer is not that, and skipping the image check there saves reading every
     * born-digital page a second time (it was 40% of the text path's cost) */
    if (info->nchars >= THICK_TEXT_CHARS)
        return false;
    if (image_cover(page, NULL) < IMAGE_COVER_MIN)
        return false;
    if (measure_ink(page, info->boxes, info->nboxes, &ink) < 0)
        return false;
    if (ink.outside > INK_OUTSIDE_MIN && ink.outside > INK_RATIO_MIN * ink.inside) {
        snprintf(why, whysize, "text layer too thin for the ink (%zu characters)",
                 info->nchars);
        return true;
    }
    return false;
}

/* ---- OCR of the pages that need it ---------------------------------------------------------- */

struct render_arg {
    PopplerDocument *pdf;
    const int *pages; /* 1-based */
    int dpi;
    gint64 deadline;  /* g_get_monotonic_time() past which no page is rendered; 0 = none */
    int time_limit;   /* seconds, for the message */
};

#define TIME_LIMIT_MSG "time limit of " /* render_job's message when it hit the time limit */

/* The resolution a scanned page was made at: that of its largest image, when that image
 * covers most of the page; 0 when there is none. Rendering a 200 dpi scan at 300 dpi only
 * interpolates, and on the corpus's bilevel scans that doubled tesseract's error (1.8% at the
 * scan's own 200 dpi, 3.3% at 300), so scans are read at their own resolution or below. */
static int scan_dpi(PopplerPage *page)
{
    double pw = 0, ph = 0, best_area = 0;
    int best_id = -1;
    PopplerRectangle best = {0};
    poppler_page_get_size(page, &pw, &ph);
    GList *maps = poppler_page_get_image_mapping(page);
    for (GList *l = maps; l; l = l->next) {
        const PopplerImageMapping *m = l->data;
        double area = fabs(m->area.x2 - m->area.x1) * fabs(m->area.y2 - m->area.y1);
        if (area > best_area) {
            best_area = area;
            best_id = m->image_id;
            best = m->area;
        }
    }
    poppler_page_free_image_mapping(maps);
    if (best_id < 0 || pw <= 0 || ph <= 0 || best_area < 0.5 * pw * ph)
        return 0;
    cairo_surface_t *img = poppler_page_get_image(page, best_id);
    if (!img)
        return 0;
    int px = cairo_image_surface_get_width(img);
    cairo_surface_destroy(img);
    double width_in = fabs(best.x2 - best.x1) / 72.0;
    return width_in > 0 ? (int)(px / width_in + 0.5) : 0;
}

/* The resolution to render a page for OCR at: the requested one, or the scan's own when
 * that is lower (but not below 150 dpi, where tesseract gets worse than interpolation). */
static int page_dpi(PopplerPage *page, int requested)
{
    int native = scan_dpi(page);
    return native >= 150 && native < requested ? native : requested;
}

static int render_job(void *p, int index, PIX **out, char *msg, size_t msgsize)
{
    struct render_arg *a = p;
    struct mn_error err = {0};
    PopplerPage *page = poppler_document_get_page(a->pdf, a->pages[index] - 1);
    int ret = -1;
    *out = NULL;
    if (a->deadline && g_get_monotonic_time() > a->deadline)
        snprintf(msg, msgsize, TIME_LIMIT_MSG "%d s reached", a->time_limit);
    else if (!page)
        snprintf(msg, msgsize, "cannot be loaded for OCR");
    else if (mn_render_page(page, page_dpi(page, a->dpi), out, NULL, &err) < 0)
        snprintf(msg, msgsize, "cannot be rendered: %s", err.msg);
    else
        ret = 0;
    g_clear_object(&page);
    return ret;
}

/* Stable sort of the warnings by page (page-less ones first), so that warnings added after
 * OCR stand with their page. */
static void sort_warnings(struct mn_doc *doc)
{
    for (size_t i = 1; i < doc->nwarnings; i++) {
        struct mn_warning w = doc->warnings[i];
        size_t j = i;
        while (j > 0 && doc->warnings[j - 1].page > w.page) {
            doc->warnings[j] = doc->warnings[j - 1];
            j--;
        }
        doc->warnings[j] = w;
    }
}

/* Opens doc->input with a password. poppler-glib 22.12's from_bytes and from_data crash (a use
 * after free in their retry with the password as UTF-8) when the password is wrong; from_file
 * retries safely, and from_stream would need gio. So the bytes go to a private temporary file,
 * which is unlinked as soon as poppler has opened it. Returns NULL with *gerr set on failure. */
static PopplerDocument *open_with_password(const struct mn_doc *doc, const char *password,
                                           GError **gerr)
{
    PopplerDocument *pdf = NULL;
    char *tmp = NULL, *uri = NULL;
    int fd = g_file_open_tmp("minutes-XXXXXX.pdf", &tmp, gerr);
    size_t done = 0;

    if (fd < 0)
        return NULL;
    while (done < doc->input_len) {
        ssize_t n = write(fd, doc->input + done, doc->input_len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            g_set_error(gerr, G_FILE_ERROR, g_file_error_from_errno(errno),
                        "cannot write temporary file '%s': %s", tmp, g_strerror(errno));
            goto out;
        }
        done += (size_t)n;
    }
    if (close(fd) < 0) {
        fd = -1;
        g_set_error(gerr, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "cannot write temporary file '%s': %s", tmp, g_strerror(errno));
        goto out;
    }
    fd = -1;
    uri = g_filename_to_uri(tmp, NULL, gerr);
    if (uri)
        pdf = poppler_document_new_from_file(uri, password, gerr);
out:
    if (fd >= 0)
        close(fd);
    unlink(tmp);
    g_free(tmp);
    g_free(uri);
    return pdf;
}

/* Reads pages 1..nread: the text layer, or OCR where the mode and the page call for it. */
static int read_pages(struct mn_ctx *ctx, PopplerDocument *pdf, int nread, struct mn_doc *doc,
                      struct mn_error *err)
{
    enum mn_ocr_mode mode = ctx ? ctx->opt.ocr : MN_OCR_NEVER;
    struct mn_lines *pl = xcalloc((size_t)nread, sizeof *pl);
    int *jobs = xcalloc((size_t)nread, sizeof *jobs), njobs = 0;
    bool *layer = xcalloc((size_t)nread, sizeof *layer); /* job k checks an OCR layer */
    int layer_doc = -1; /* the first text page was an OCR layer: 1, was not: 0, none yet: -1 */
    struct mn_ocr_result *res = NULL;
    int ret = -1;
    int limit = ctx ? ctx->opt.time_limit : 0, nlate = 0, first_late = 0, last_late = 0;
    gint64 deadline = limit > 0 ? g_get_monotonic_time() + (gint64)limit * G_USEC_PER_SEC : 0;

    for (int i = 0; i < nread; i++) {
        int pageno = i + 1; /* the one place where poppler's 0-based index becomes ours */
        if (deadline && g_get_monotonic_time() > deadline) { /* bounded work: stop reading */
            mn_doc_warn(doc, "time_limit", 0,
                        "time limit of %d s reached: pages %d to %d of '%s' not read", limit,
                        pageno, nread, doc->path);
            break;
        }
        PopplerPage *page = poppler_document_get_page(pdf, i); /* transfer full */
        struct page_info info;
        char why[160] = "";
        extract_page(page, pageno, &pl[i], &info);
        bool ocr = false;
        if (mode == MN_OCR_ALWAYS) {
            ocr = page != NULL;
            snprintf(why, sizeof why, "--ocr always");
        } else if (mode == MN_OCR_AUTO) {
            struct mn_buf t = MN_BUF_INIT;
            mn_lines_join(&pl[i], &t);
            ocr = page_needs_ocr(page, &info, t.buf, t.len, why, sizeof why);
            mn_buf_release(&t);
            /* the image check costs a walk over the page's content (20% of a long
             * born-digital document's time if made on every page): it is made on the first
             * page with a text layer, and on the others only when that one was an OCR layer */
            if (!ocr && info.state == PAGE_TEXT && ctx->dict && layer_doc != 0) {
                double largest = 0;
                image_cover(page, &largest);
                bool is_layer = largest >= OCR_LAYER_COVER_MIN;
                if (layer_doc < 0)
                    layer_doc = is_layer;
                if (is_layer) {
                    ocr = true;
                    layer[njobs] = true;
                }
            }
        } else if (info.state == PAGE_TEXT) {
            struct mn_buf t = MN_BUF_INIT;
            mn_lines_join(&pl[i], &t);
            const char *garbage = mn_extract_garbage_reason(t.buf, t.len);
            if (garbage)
                mn_doc_warn(doc, "garbled_text", pageno,
                            "page %d: text layer looks garbled (%s); OCR is off", pageno,
                            garbage);
            mn_buf_release(&t);
        }
        if (ocr)
            jobs[njobs++] = pageno;
        else if (info.state == PAGE_UNLOADED)
            mn_doc_warn(doc, "empty_page", pageno, "page %d: cannot be loaded", pageno);
        else if (info.state == PAGE_TOO_LARGE)
            mn_doc_warn(doc, "page_too_large", pageno,
                        "page %d: %zu characters (limit %d), skipped", pageno, info.nchars,
                        MN_EXTRACT_MAX_PAGE_CHARS);
        else if (info.state == PAGE_NO_TEXT)
            mn_doc_warn(doc, "empty_page", pageno, "page %d: no text layer", pageno);
        free(info.boxes);
        g_clear_object(&page);
    }

    if (njobs > 0) {
        struct mn_ocr_pool *pool = NULL;
        if (mn_ocr_ctx_pool(ctx, &pool, err) < 0)
            goto out;
        res = xcalloc((size_t)njobs, sizeof *res);
        struct render_arg ra = {.pdf = pdf, .pages = jobs, .dpi = ctx->opt.dpi,
                                .deadline = deadline, .time_limit = limit};
        unsigned steps = ctx->opt.ocr_steps >= 0 ? (unsigned)ctx->opt.ocr_steps
                                                 : MN_OCR_STEPS_DEFAULT;
        mn_ocr_pool_run(pool, njobs, jobs, render_job, &ra, steps, res);
        for (int k = 0; k < njobs; k++) {
            int pageno = jobs[k];
            struct mn_ocr_result *r = &res[k];
            if (r->failed && strstr(r->message, TIME_LIMIT_MSG)) { /* one warning for all */
                if (nlate++ == 0)
                    first_late = pageno;
                last_late = pageno;
                continue;
            }
            if (r->failed) { /* keep whatever text layer the page had */
                mn_doc_warn(doc, "ocr_failed", pageno, "%s", r->message);
                continue;
            }
            if (layer[k]) { /* an OCR layer: the text with more dictionary words wins */
                int nl = 0, no = 0;
                double rl = mn_ocrfix_dict_rate(&pl[pageno - 1], ctx->dict, &nl);
                double ro = mn_ocrfix_dict_rate(&r->lines, ctx->dict, &no);
                bool redo = ro > rl;
                mn_doc_warn(doc, redo ? "ocr_layer_redone" : "ocr_layer_kept", pageno,
                            "page %d: a text layer over a page image (an OCR layer): dictionary "
                            "words %.1f%% of %d in the layer, %.1f%% of %d by tesseract; %s",
                            pageno, 100 * rl, nl, 100 * ro, no,
                            redo ? "read again" : "layer kept");
                if (!redo)
                    continue;
            }
            mn_lines_release(&pl[pageno - 1]);
            pl[pageno - 1] = r->lines;
            memset(&r->lines, 0, sizeof r->lines);
            mn_doc_add_ocr_page(doc, pageno);
            for (size_t a = 0; a < r->nalts; a++) { /* for ocrfix; the lines keep their order */
                MN_GROW(doc->ocr_alts, doc->nocr_alts + 1, doc->ocr_alts_alloc);
                doc->ocr_alts[doc->nocr_alts++] = r->alts[a];
            }
            r->nalts = 0;
            if (r->rotation)
                mn_doc_warn(doc, "ocr_rotated", pageno,
                            "page %d: turned %d degrees clockwise to read it", pageno,
                            90 * r->rotation);
            if (fabs(r->angle) >= 0.05)
                mn_doc_warn(doc, "ocr_deskewed", pageno, "page %d: deskewed by %.2f degrees",
                            pageno, r->angle);
            if (r->nmargin > 0)
                mn_doc_warn(doc, "ocr_margin_read", pageno,
                            "page %d: %d item number(s) left of their lines read again alone "
                            "(the page layout had left them out)",
                            pageno, r->nmargin);
            if (r->nnoise > 0)
                mn_doc_warn(doc, "ocr_noise", pageno,
                            "page %d: %d low-confidence marks dropped (graphics or specks)",
                            pageno, r->nnoise);
            if (pl[pageno - 1].n == 0)
                mn_doc_warn(doc, "empty_page", pageno, "page %d: OCR found no text", pageno);
            else if (r->mean_conf < MN_OCR_PAGE_FLOOR)
                mn_doc_warn(doc, "ocr_low_confidence", pageno,
                            "page %d: mean word confidence %d (%d of %d words under %d)",
                            pageno, r->mean_conf, r->nlow, r->nwords, MN_OCR_WORD_FLOOR);
        }
        if (nlate > 0)
            mn_doc_warn(doc, "time_limit", first_late,
                        "time limit of %d s reached: %d page(s) from page %d to %d not read by "
                        "OCR", limit, nlate, first_late, last_late);
        sort_warnings(doc);
    }

    for (int i = 0; i < nread; i++) {
        for (size_t k = 0; k < pl[i].n; k++)
            mn_lines_push_line(&doc->lines, pl[i].v[k]); /* keeps place and size */
        free(pl[i].v);
        pl[i].v = NULL;
        pl[i].n = 0;
    }
    ret = 0;
out:
    for (int k = 0; res && k < njobs; k++)
        mn_ocr_result_release(&res[k]);
    free(res);
    for (int i = 0; i < nread; i++)
        mn_lines_release(&pl[i]);
    free(pl);
    free(jobs);
    free(layer);
    return ret;
}

int mn_extract_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err)
{
    const char *password = ctx ? ctx->opt.password : NULL;
    int max_pages = ctx ? ctx->opt.max_pages : 0;
    GError *gerr = NULL;
    GBytes *bytes = NULL;
    PopplerDocument *pdf = NULL;
    int ret = -1;

    if (!doc->input || doc->input_len == 0)
        return mn_fail(err, MN_E_EMPTY, "'%s' is empty", doc->path);
    if (!password) {
        bytes = g_bytes_new_static(doc->input, doc->input_len); /* doc keeps ownership */
        pdf = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    } else {
        pdf = open_with_password(doc, password, &gerr);
    }
    if (!pdf) {
        if (gerr && gerr->domain == G_FILE_ERROR)
            mn_fail(err, MN_E_IO, "'%s': %s", doc->path, gerr->message);
        else if (g_error_matches(gerr, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
            mn_fail(err, MN_E_PDF_ENCRYPTED, "'%s': %s", doc->path,
                    password ? "encrypted; wrong password"
                             : "encrypted; give the password with --password");
        else
            mn_fail(err, MN_E_PDF_DAMAGED, "'%s': damaged PDF: %s", doc->path,
                    gerr && gerr->message ? gerr->message : "cannot be opened");
        goto out;
    }
    int npages = poppler_document_get_n_pages(pdf);
    if (npages <= 0) {
        mn_fail(err, MN_E_PDF_DAMAGED, "'%s': damaged PDF: no pages", doc->path);
        goto out;
    }
    doc->npages = npages;
    int nread = npages;
    if (max_pages > 0 && npages > max_pages) {
        nread = max_pages;
        mn_doc_warn(doc, "pages_skipped", 0, "'%s' has %d pages; only the first %d were read",
                    doc->path, npages, max_pages);
    }
    if (read_pages(ctx, pdf, nread, doc, err) < 0)
        goto out;
    ret = 0;
out:
    g_clear_object(&pdf);
    if (bytes)
        g_bytes_unref(bytes);
    g_clear_error(&gerr);
    return ret;
}
