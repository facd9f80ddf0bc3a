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
 *     room with loose leading) plus PARA_GAP line heights: paragraph spacing.
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
#include "pipeline.h"
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
        if (gap > TAB_GAP * h)
            mn_buf_addch(b, '\t');
        else if ((c->space_before && c->seq > a->seq) || gap > SPACE_GAP * h)
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
    qsort(g, n, sizeof *g, cmp_centre);

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
        qsort(g + l->start, l->end - l->start, sizeof *g, cmp_x);
        if (k > 0 && rel_gap(&lv[k - 1], l) > typical + PARA_GAP)
            mn_lines_push(lines, "", 0, page);
        build_line(g + l->start, l->end - l->start, &b);
        char *text = mn_utf8_clean(b.buf, b.len, NULL);
        if (*text) /* a line of only zero-width characters is no line */
            mn_lines_push_take(lines, text, page);
        else
            free(text);
    }
    mn_buf_release(&b);
    free(lv);
}

/* Extracts one page (0-based 'index') into doc->lines. Never fails: a page poppler cannot
 * load or that is too large is skipped with a warning. */
static void extract_page(PopplerDocument *pdf, int index, struct mn_doc *doc)
{
    int pageno = index + 1; /* the one place where poppler's 0-based index becomes ours */
    PopplerPage *page = poppler_document_get_page(pdf, index); /* transfer full */
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    char *text = NULL;
    struct mn_glyph *g = NULL;
    size_t ng = 0;

    if (!page) {
        mn_doc_warn(doc, "empty_page", pageno, "page %d: cannot be loaded", pageno);
        goto out;
    }
    text = poppler_page_get_text(page); /* g_malloc'd, may be NULL */
    if (!text || !*text) {
        mn_doc_warn(doc, "empty_page", pageno, "page %d: no text layer", pageno);
        goto out;
    }
    size_t nchars = (size_t)g_utf8_strlen(text, -1);
    if (nchars > MN_EXTRACT_MAX_PAGE_CHARS) {
        mn_doc_warn(doc, "page_too_large", pageno, "page %d: %zu characters (limit %d), skipped",
                    pageno, nchars, MN_EXTRACT_MAX_PAGE_CHARS);
        goto out;
    }
    if (!poppler_page_get_text_layout(page, &rects, &nrects) || nrects == 0) {
        mn_doc_warn(doc, "empty_page", pageno, "page %d: no text layer", pageno);
        goto out;
    }
    size_t n = nchars < nrects ? nchars : nrects;
    g = xmalloc((n ? n : 1) * sizeof *g);
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
        g[ng].space_before = pending_space;
        g[ng].line_start = pending_line;
        ng++;
        pending_space = pending_line = false;
    }
    if (ng == 0) {
        mn_doc_warn(doc, "empty_page", pageno, "page %d: no text layer", pageno);
        goto out;
    }
    mn_extract_glyphs(g, ng, pageno, &doc->lines);
out:
    free(g);
    g_free(rects);
    g_free(text);
    g_clear_object(&page);
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
    for (int i = 0; i < nread; i++)
        extract_page(pdf, i, doc);
    ret = 0;
out:
    g_clear_object(&pdf);
    if (bytes)
        g_bytes_unref(bytes);
    g_clear_error(&gerr);
    return ret;
}
