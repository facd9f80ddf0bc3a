/* layout.c: what a line's typography and place say (see layout.h). */
#include "layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "utf8.h"
#include "util.h"

/* One number column of 'width' characters: "%*.1f", or "-" right-aligned when unknown. */
static void add_number(struct mn_buf *out, double v, bool known, int width)
{
    if (known)
        mn_buf_addf(out, " %*.1f", width, v);
    else
        mn_buf_addf(out, " %*s", width, "-");
}

void mn_layout_format_line(const struct mn_line *line, struct mn_buf *out)
{
    bool has_x = line->x >= 0;
    mn_buf_addf(out, "%6d", line->page);
    add_number(out, line->x, has_x, 6);
    add_number(out, line->x2, has_x, 6);
    add_number(out, line->y, line->y >= 0, 6);
    add_number(out, line->size, line->size > 0, 6);
    mn_buf_addf(out, " %c%c %s\n", line->bold ? 'B' : '-', line->italic ? 'I' : '-',
                line->text);
}

void mn_layout_format_page(const struct mn_layout_page *p, struct mn_buf *out)
{
    mn_buf_addf(out, "# page %d: margin ", p->page);
    if (p->margin >= 0)
        mn_buf_addf(out, "%.1f", p->margin);
    else
        mn_buf_adds(out, "-");
    if (p->body_size > 0)
        mn_buf_addf(out, ", body size %.1f", p->body_size);
    else
        mn_buf_adds(out, ", body size -");
    if (p->right >= 0)
        mn_buf_addf(out, ", right edge %.1f", p->right);
    if (p->nlabels > 0 && p->label_x >= 0)
        mn_buf_addf(out, ", label column at %.1f (%zu lines), values at %s%.1f", p->label_left,
                    p->nlabels, p->label_x_exact ? "" : "~", p->label_x);
    mn_buf_addch(out, '\n');
}

/* ---- the layout of a document's lines -------------------------------------------------- */

#define MARGIN_TOL 1.5    /* line starts this close share a margin (units) */
#define MARGIN_SHARE (1.0 / 3) /* the margin: the leftmost cluster of starts with this share
                                  of the densest one's lines (indented lists, outdented
                                  item numbers) */
#define SIZE_TOL 0.3      /* line heights this close are one size */
#define BIG_RATIO 1.06    /* taller than the body by this factor ... */
#define BIG_MIN 0.5       /* ... and this many units: larger text */
#define MIN_PAGE_LINES 3  /* placed lines a page needs for its own margin */
#define MIN_PAGE_CHARS 200 /* characters a page needs for its own body size */
#define VALUE_TOL 2.0     /* a wrapped value starts this close to a measured value x */

struct wval {
    double v, w;
};

static int cmp_wval(const void *pa, const void *pb)
{
    const struct wval *a = pa, *b = pb;
    return (a->v > b->v) - (a->v < b->v);
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return (a > b) - (a < b);
}

/* The densest cluster of v[0..n) (sorted here): the window of width 2 * tol with the most
 * weight, the leftmost on a tie; with share > 0, the leftmost window holding at least that
 * share of the densest one's weight (and at least 2). Returns the window's median value, or
 * -1 when n == 0; *weight gets the window's weight when not NULL. */
static double densest(struct wval *v, size_t n, double tol, double share, double *weight)
{
    double best_w = -1, sum = 0, best = -1;
    if (weight)
        *weight = 0;
    if (n == 0)
        return -1;
    qsort(v, n, sizeof *v, cmp_wval);
    for (int pass = 0; pass < (share > 0 ? 2 : 1); pass++) {
        double need = pass == 0 ? 0 : fmax(2, share * best_w);
        sum = 0;
        for (size_t a = 0, b = 0; a < n; a++) {
            for (; b < n && v[b].v - v[a].v <= 2 * tol; b++)
                sum += v[b].w;
            if (pass == 0 ? sum > best_w : sum >= need) {
                best_w = sum;
                best = v[a + (b - 1 - a) / 2].v;
                if (pass == 1)
                    break;
            }
            sum -= v[a].w;
        }
    }
    if (weight)
        *weight = best_w;
    return best;
}

static double median(double *v, size_t n)
{
    if (n == 0)
        return -1;
    qsort(v, n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static bool has_text(const struct mn_line *l)
{
    return l->text && l->text[0];
}

static size_t nchars(const char *s, size_t len)
{
    return mn_utf8_strlen(s, len);
}

/* Margin and body size of the lines [from, to); -1 / 0 when there are too few of them (with
 * 'need' = false: whatever there is). */
static void measure_body(const struct mn_lines *l, size_t from, size_t to, bool need,
                         struct mn_layout_page *p, struct wval *scratch)
{
    size_t nx = 0, ns = 0;
    double chars = 0;
    for (size_t i = from; i < to; i++)
        if (has_text(&l->v[i]) && l->v[i].x >= 0)
            scratch[nx++] = (struct wval){l->v[i].x, 1};
    p->margin =
        nx >= (need ? MIN_PAGE_LINES : 1) ? densest(scratch, nx, MARGIN_TOL, MARGIN_SHARE, NULL) : -1;
    for (size_t i = from; i < to; i++)
        if (has_text(&l->v[i]) && l->v[i].size > 0) {
            double w = (double)nchars(l->v[i].text, strlen(l->v[i].text));
            scratch[ns++] = (struct wval){l->v[i].size, w};
            chars += w;
        }
    p->body_size = ns > 0 && (!need || chars >= MIN_PAGE_CHARS)
                       ? densest(scratch, ns, SIZE_TOL, 0, NULL)
                       : 0;
}

/* A label line of the page's column candidates: "label<TAB>value" with a short label and a
 * value at least half as long; *label_len / *value_len get their lengths in characters. */
static bool is_label_line(const struct mn_line *l, size_t *label_len, size_t *value_len)
{
    const char *tab = l->x >= 0 ? strchr(l->text, '\t') : NULL;
    if (!tab || tab == l->text)
        return false;
    *label_len = nchars(l->text, (size_t)(tab - l->text));
    *value_len = nchars(tab + 1, strlen(tab + 1));
    return *label_len <= MN_LAYOUT_MAX_LABEL && *value_len > 0 && 2 * *value_len >= *label_len;
}

/* The label column of the lines [from, to), if any. */
static void measure_labels(const struct mn_lines *l, size_t from, size_t to,
                           struct mn_layout_page *p, struct wval *scratch, double *xs)
{
    size_t n = 0, ll, vl;
    double weight;
    p->nlabels = 0;
    p->label_left = p->label_x = -1;
    p->label_x_exact = false;
    for (size_t i = from; i < to; i++)
        if (is_label_line(&l->v[i], &ll, &vl))
            scratch[n++] = (struct wval){l->v[i].x, 1};
    double left = densest(scratch, n, MARGIN_TOL, 0, &weight);
    if (n == 0 || weight < MN_LAYOUT_MIN_LABELS)
        return;
    p->nlabels = (size_t)weight;
    p->label_left = left;

    /* measured: the lines that continue a label line */
    size_t nc = 0;
    bool in_column = false;
    for (size_t i = from; i < to; i++) {
        const struct mn_line *li = &l->v[i];
        if (!has_text(li) || li->x < 0) {
            in_column = false;
            continue;
        }
        if (is_label_line(li, &ll, &vl) && fabs(li->x - left) <= MARGIN_TOL) {
            in_column = true;
            continue;
        }
        if (in_column && !strchr(li->text, '\t') && li->x > left + MARGIN_TOL)
            scratch[nc++] = (struct wval){li->x, 1};
        else
            in_column = false;
    }
    if (nc > 0) {
        p->label_x = densest(scratch, nc, MARGIN_TOL, 0, NULL);
        p->label_x_exact = true;
        return;
    }

    /* estimated: right edge minus the value's length at the page's mean character width */
    double width = 0, count = 0;
    for (size_t i = from; i < to; i++) {
        const struct mn_line *li = &l->v[i];
        if (!has_text(li) || li->x < 0 || li->x2 <= li->x || strchr(li->text, '\t'))
            continue;
        size_t c = nchars(li->text, strlen(li->text));
        if (c < 20)
            continue;
        width += li->x2 - li->x;
        count += (double)c;
    }
    double cw = count > 0 ? width / count : p->body_size > 0 ? 0.5 * p->body_size : 0;
    size_t ne = 0;
    for (size_t i = from; i < to && cw > 0; i++) {
        const struct mn_line *li = &l->v[i];
        if (is_label_line(li, &ll, &vl) && fabs(li->x - left) <= MARGIN_TOL && li->x2 > li->x)
            xs[ne++] = fmax(li->x2 - (double)vl * cw, left);
    }
    if (ne > 0)
        p->label_x = median(xs, ne);
}

/* The right edge of the lines [from, to): nine in ten of the page's longer lines (20
 * characters or more, no tab) end at or left of it; justified text ends there, ragged text
 * near it. -1 with fewer than MIN_PAGE_LINES such lines. */
static void measure_right(const struct mn_lines *l, size_t from, size_t to,
                          struct mn_layout_page *p, double *xs)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++) {
        const struct mn_line *li = &l->v[i];
        if (has_text(li) && li->x >= 0 && li->x2 > li->x && !strchr(li->text, '\t') &&
            nchars(li->text, strlen(li->text)) >= 20)
            xs[n++] = li->x2;
    }
    p->right = -1;
    if (n < MIN_PAGE_LINES)
        return;
    qsort(xs, n, sizeof *xs, cmp_double);
    p->right = xs[n * 9 / 10 < n ? n * 9 / 10 : n - 1];
}

void mn_layout_init(struct mn_layout *lay, const struct mn_lines *lines)
{
    memset(lay, 0, sizeof *lay);
    lay->lines = lines;
    lay->line_page = xcalloc(lines->n ? lines->n : 1, sizeof *lay->line_page);
    struct wval *scratch = xmalloc((lines->n ? lines->n : 1) * sizeof *scratch);
    double *xs = xmalloc((lines->n ? lines->n : 1) * sizeof *xs);
    size_t alloc = 0;

    measure_body(lines, 0, lines->n, false, &lay->doc, scratch);
    lay->doc.label_left = lay->doc.label_x = lay->doc.right = -1;
    for (size_t start = 0, end; start < lines->n; start = end) {
        for (end = start + 1; end < lines->n && lines->v[end].page == lines->v[start].page;)
            end++;
        MN_GROW(lay->pages, lay->npages + 1, alloc);
        struct mn_layout_page *p = &lay->pages[lay->npages];
        memset(p, 0, sizeof *p);
        p->page = lines->v[start].page;
        measure_body(lines, start, end, true, p, scratch);
        if (p->margin < 0)
            p->margin = lay->doc.margin;
        if (p->body_size <= 0)
            p->body_size = lay->doc.body_size;
        measure_labels(lines, start, end, p, scratch, xs);
        measure_right(lines, start, end, p, xs);
        for (size_t i = start; i < end; i++)
            lay->line_page[i] = lay->npages;
        lay->npages++;
    }
    free(xs);
    free(scratch);
}

void mn_layout_release(struct mn_layout *lay)
{
    free(lay->pages);
    free(lay->line_page);
    memset(lay, 0, sizeof *lay);
}

const struct mn_layout_page *mn_layout_page_of(const struct mn_layout *lay, size_t i)
{
    if (!lay->lines || i >= lay->lines->n || lay->npages == 0)
        return NULL;
    return &lay->pages[lay->line_page[i]];
}

bool mn_layout_is_emphasised(const struct mn_layout *lay, size_t i)
{
    const struct mn_layout_page *p = mn_layout_page_of(lay, i);
    if (!p || !has_text(&lay->lines->v[i]))
        return false;
    const struct mn_line *l = &lay->lines->v[i];
    if (l->bold)
        return true;
    return l->size > 0 && p->body_size > 0 && l->size > p->body_size * BIG_RATIO &&
           l->size > p->body_size + BIG_MIN;
}

bool mn_layout_indent(const struct mn_layout *lay, size_t i, double *indent)
{
    const struct mn_layout_page *p = mn_layout_page_of(lay, i);
    if (!p || p->margin < 0 || lay->lines->v[i].x < 0 || !has_text(&lay->lines->v[i]))
        return false;
    *indent = lay->lines->v[i].x - p->margin;
    return true;
}

bool mn_layout_under_value(const struct mn_layout *lay, size_t i)
{
    const struct mn_layout_page *p = mn_layout_page_of(lay, i);
    if (!p || p->label_x < 0)
        return false;
    const struct mn_line *l = &lay->lines->v[i];
    if (!has_text(l) || l->x < 0 || strchr(l->text, '\t'))
        return false;
    double tol = p->label_x_exact ? VALUE_TOL : fmax(VALUE_TOL, p->body_size);
    return fabs(l->x - p->label_x) <= tol;
}

int mn_layout_word_fits(const struct mn_layout *lay, size_t prev, size_t next)
{
    const struct mn_layout_page *p = mn_layout_page_of(lay, next);
    if (!p || p->right < 0 || prev >= lay->lines->n)
        return -1;
    const struct mn_line *a = &lay->lines->v[prev], *b = &lay->lines->v[next];
    if (!has_text(a) || !has_text(b) || a->page != b->page || a->x < 0 || a->x2 <= a->x ||
        b->x < 0 || b->x2 <= b->x || strchr(b->text, '\t'))
        return -1;
    size_t chars = nchars(b->text, strlen(b->text));
    size_t word = nchars(b->text, strcspn(b->text, " "));
    if (chars == 0)
        return -1;
    double cw = (b->x2 - b->x) / (double)chars;
    return a->x2 + (double)(word + 1) * cw <= p->right + cw / 2 ? 1 : 0;
}
