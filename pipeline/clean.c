/* clean.c: page furniture and markup out, one bullet form in (see clean.h).
 *
 * Running headers and footers: a line that opens (or closes) at least two pages and at
 * least a third of them at the same depth (its n-th line from the page edge), compared with
 * its page number masked ("Side 3" on page 3 = "Side 4" on page 4), is furniture there, as
 * long as every line between it and the page edge is furniture too. The depth matters:
 * Ballerup's "...udvalgets beslutning den 04.12.2012 Punkt 3" recurs on many pages, but
 * anywhere; the unbroken run matters in a layout with one item a page, where "Sagsnr.: ..."
 * and "Beslutning" recur right under each item heading. Group headings ("Sager til
 * behandling") are never furniture: segment needs them, and a repeated one is harmless there.
 *
 * The table of contents: lines that end in "(side N)" or a leader and page number, with what
 * lies between them (a title wrapped over two lines), are removed, after recording which
 * item number was listed under which group label, because some documents give groups only
 * there (seed 002). */
#include "clean.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "err.h"
#include "pipeline.h"
#include "rules.h"
#include "utf8.h"

enum { ZONE_LINES = 6 }; /* how deep a page's top or bottom zone reaches, in non-blank lines */

/* Applies every markup rule until none matches (bounded). */
static void strip_markup(const struct mn_rules *rules, struct mn_buf *b, struct mn_match *m)
{
    size_t nrules = mn_rules_count(rules, "markup");
    struct mn_buf tmp = MN_BUF_INIT;
    for (size_t i = 0; i < nrules; i++) {
        const struct mn_rule *rule = mn_rules_get(rules, "markup", i);
        for (int guard = 0; guard < 64 && b->len > 0; guard++) {
            if (mn_rule_match(rule, b->buf, b->len, m) != 1)
                break;
            size_t s, e;
            mn_match_span(m, &s, &e);
            if (e == s)
                break;
            const char *keep;
            size_t keep_len = 0;
            if (!mn_match_group(m, "keep", &keep, &keep_len))
                keep = "";
            mn_buf_reset(&tmp);
            mn_buf_add(&tmp, b->buf, s);
            mn_buf_add(&tmp, keep, keep_len);
            mn_buf_add(&tmp, b->buf + e, b->len - e);
            mn_buf_reset(b);
            mn_buf_add(b, tmp.buf, tmp.len);
        }
    }
    mn_buf_release(&tmp);
}

/* Folds white space: a run of spaces becomes one space, a run that holds a tab one tab;
 * the ends are trimmed. */
static void fold_space(const char *s, struct mn_buf *out)
{
    mn_buf_reset(out);
    bool pending = false, pending_tab = false;
    for (const char *p = s; *p; p++) {
        if (*p == ' ' || *p == '\t') {
            pending = true;
            pending_tab |= *p == '\t';
            continue;
        }
        if (pending && out->len > 0)
            mn_buf_addch(out, pending_tab ? '\t' : ' ');
        pending = pending_tab = false;
        mn_buf_addch(out, *p);
    }
}

/* "| a | b |" → "a\tb"; a separator row "|---|--|" → "". Returns false when not a row. */
static bool table_row(const char *s, struct mn_buf *out)
{
    size_t n = strlen(s);
    if (n < 2 || s[0] != '|' || s[n - 1] != '|')
        return false;
    bool only_rule = true;
    for (const char *p = s; *p; p++)
        if (!strchr("|-: \t", *p))
            only_rule = false;
    mn_buf_reset(out);
    if (only_rule)
        return true;
    const char *cell = s + 1;
    bool first = true;
    for (const char *p = s + 1; p < s + n; p++) {
        if (*p != '|')
            continue;
        const char *a = cell, *b = p;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a) {
            if (!first)
                mn_buf_addch(out, '\t');
            mn_buf_add(out, a, (size_t)(b - a));
            first = false;
        }
        cell = p + 1;
    }
    return true;
}

void mn_clean_line(const struct mn_rules *rules, const char *line, struct mn_buf *out)
{
    struct mn_match m;
    struct mn_buf tmp = MN_BUF_INIT;
    mn_match_init(&m);
    mn_buf_reset(out);
    mn_buf_adds(out, line);
    strip_markup(rules, out, &m);
    if (table_row(out->buf, &tmp)) {
        mn_buf_reset(out);
        mn_buf_add(out, tmp.buf, tmp.len);
    }
    fold_space(out->buf, &tmp);
    mn_buf_reset(out);
    mn_buf_add(out, tmp.buf, tmp.len);
    if (mn_rules_match_kind(rules, "bullet", out->buf, out->len, &m)) {
        char *text = mn_match_dup(&m, "text");
        mn_buf_reset(out);
        if (text && *text) {
            mn_buf_adds(out, "• ");
            mn_buf_adds(out, text);
        }
        free(text);
    }
    mn_buf_release(&tmp);
    mn_match_release(&m);
}

static bool matches(const struct mn_rules *r, const char *kind, const char *s, struct mn_match *m)
{
    return mn_rules_match_kind(r, kind, s, strlen(s), m) != NULL;
}

/* The line with its page number masked, so that "Side 3" on page 3 and "Side 4" on page 4
 * compare equal, while "Sagsnr.: 21-014439" and "Sagsnr.: 23-013405" do not. */
static char *page_key(const char *s, int page, int depth)
{
    struct mn_buf k = MN_BUF_INIT;
    mn_buf_addf(&k, "%d\x1f", depth);
    for (const char *p = s; *p;) {
        if (mn_isdigit((unsigned char)*p)) {
            const char *q = p;
            long v = 0;
            while (mn_isdigit((unsigned char)*q) && q - p < 9)
                v = v * 10 + (*q++ - '0');
            while (mn_isdigit((unsigned char)*q))
                q++;
            /* a number standing alone, not a part of a date or an amount ("04.12.2012") */
            bool joined = (p > s && strchr(".,/-:", p[-1]) && p - 1 > s &&
                           mn_isdigit((unsigned char)p[-2])) ||
                          (strchr(".,/-:", *q) && *q && mn_isdigit((unsigned char)q[1]));
            if (v == page && !joined)
                mn_buf_addch(&k, '#');
            else
                mn_buf_add(&k, p, (size_t)(q - p));
            p = q;
        } else {
            mn_buf_addch(&k, *p++);
        }
    }
    return mn_buf_detach(&k, NULL);
}

struct zone_line {
    char *key;
    int page;
    size_t index;
    double y; /* the line's place on its page, < 0 unknown */
};

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Pages on which the occurrences zl[a..b) stand at one place: furniture is printed at a
 * fixed height, while text that happens to open or close several pages is not. Without
 * places (plain text) every page counts. Marks the ones that agree in 'agree'. */
static int pages_in_place(const struct zone_line *zl, size_t a, size_t b, bool *agree)
{
    size_t n = b - a, known = 0;
    double *ys = xmalloc(n * sizeof *ys);
    for (size_t k = a; k < b; k++)
        if (zl[k].y >= 0)
            ys[known++] = zl[k].y;
    double median = 0, tol = 0;
    if (known == n) {
        qsort(ys, n, sizeof *ys, cmp_double);
        median = ys[n / 2];
        tol = median * 0.005 > 3.0 ? median * 0.005 : 3.0;
    }
    free(ys);
    int pages = 0, last_page = -1;
    for (size_t k = a; k < b; k++) {
        agree[k - a] = known != n || (zl[k].y >= median - tol && zl[k].y <= median + tol);
        if (agree[k - a] && zl[k].page != last_page) {
            pages++;
            last_page = zl[k].page;
        }
    }
    return pages;
}

static int cmp_zone(const void *a, const void *b)
{
    const struct zone_line *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->page > y->page) - (x->page < y->page);
}

/* Marks running headers (top = true) or footers in 'drop': lines that recur at the same
 * depth on enough pages, taken from the page edge inwards and only while every line nearer
 * the edge was furniture too. The last condition keeps a layout with one item a page (its
 * heading first, then "Sagsnr.: ...", then "Beslutning") from losing its labels. */
static void mark_running(struct mn_doc *doc, const struct mn_rules *rules, bool top, bool *drop,
                         struct mn_match *m)
{
    struct mn_lines *l = &doc->lines;
    struct zone_line *zl = NULL;
    size_t nz = 0, alloc = 0;
    int npages_seen = 0;
    for (size_t start = 0; start < l->n;) {
        size_t end = start;
        while (end < l->n && l->v[end].page == l->v[start].page)
            end++;
        npages_seen++;
        int taken = 0;
        for (size_t k = 0; k < end - start && taken < ZONE_LINES; k++) {
            size_t i = top ? start + k : end - 1 - k;
            if (!l->v[i].text[0] || drop[i])
                continue;
            MN_GROW(zl, nz + 1, alloc);
            zl[nz].key = page_key(l->v[i].text, l->v[i].page, taken);
            zl[nz].page = l->v[i].page;
            zl[nz].index = i;
            zl[nz].y = l->v[i].y;
            nz++;
            taken++;
        }
        start = end;
    }
    /* which keys recur on enough pages */
    if (nz > 0) /* qsort(NULL, 0) is undefined (UBSan: nonnull) */
        qsort(zl, nz, sizeof *zl, cmp_zone);
    int need = npages_seen / 3 > 2 ? npages_seen / 3 : 2;
    bool *recurs = xcalloc(l->n ? l->n : 1, sizeof *recurs);
    bool *agree = xcalloc(nz ? nz : 1, sizeof *agree);
    for (size_t a = 0; a < nz;) {
        size_t b = a;
        while (b < nz && strcmp(zl[b].key, zl[a].key) == 0)
            b++;
        int pages = pages_in_place(zl, a, b, agree + a);
        /* a label or heading at a page top twice may be chance ("Bilag" in flowing text):
         * such a line must open most pages to count as furniture (Ballerup's "Referat") */
        const char *text = l->v[zl[a].index].text;
        /* (the rules are asked only of a line on enough pages to count: most lines are not,
         * and the three kinds cost a short document a third of its cleaning) */
        bool structural = pages >= need &&
                          (matches(rules, "section", text, m) || matches(rules, "item", text, m) ||
                           matches(rules, "header", text, m));
        int need_here = structural && need < npages_seen / 2 + 1 ? npages_seen / 2 + 1 : need;
        if (pages >= need_here && !matches(rules, "group", text, m))
            for (size_t k = a; k < b; k++)
                recurs[zl[k].index] = agree[k];
        a = b;
    }
    free(agree);
    /* per page, from the edge inwards while the run of furniture lasts */
    for (size_t start = 0; start < l->n;) {
        size_t end = start;
        while (end < l->n && l->v[end].page == l->v[start].page)
            end++;
        /* the run, then a blank line: furniture stands apart from the text in the margin;
         * identical text that merely ends several pages ("Orientering blev taget til
         * efterretning" under "Referat") runs on into the body without a gap */
        size_t run_end = 0, marked = 0;
        bool gap_after = true; /* a blank line since the last furniture line */
        for (size_t k = 0; k < end - start; k++) {
            size_t i = top ? start + k : end - 1 - k;
            if (drop[i])
                continue;
            if (!l->v[i].text[0]) {
                gap_after = true;
                continue;
            }
            if (!recurs[i])
                break;
            marked++;
            run_end = k + 1;
            gap_after = false;
        }
        bool apart = gap_after || run_end == end - start;
        for (size_t k = 0; marked > 0 && apart && k < run_end; k++) {
            size_t i = top ? start + k : end - 1 - k;
            if (l->v[i].text[0] && recurs[i])
                drop[i] = true;
        }
        start = end;
    }
    free(recurs);
    for (size_t i = 0; i < nz; i++)
        free(zl[i].key);
    free(zl);
}

/* Records "number → group" for every item listed in a table-of-contents line. */
static void note_toc_items(struct mn_doc *doc, const char *s, char **group,
                           const struct mn_rules *rules, struct mn_match *m)
{
    if (matches(rules, "group", s, m)) {
        free(*group);
        *group = mn_match_dup_or(m, "name", s);
        return;
    }
    /* find "N. Title" starts: a number at the line start or after white space */
    const char *first = NULL;
    for (const char *p = s; *p; p++) {
        if (!mn_isdigit((unsigned char)*p) || (p > s && !mn_isspace((unsigned char)p[-1])))
            continue;
        const char *q = p;
        while (mn_isdigit((unsigned char)*q))
            q++;
        if (*q != '.' || q[1] != ' ' || q - p > 4)
            continue;
        /* the title must start with a capital (not "den 24. oktober") */
        const unsigned char c = (unsigned char)q[2];
        if (!(mn_isupper_ascii(c) || c >= 0xC3 || c == '"'))
            continue;
        if (!first) {
            first = p;
            const char *a = s, *b = p;
            while (b > a && mn_isspace((unsigned char)b[-1]))
                b--;
            if (b > a) {
                free(*group);
                *group = xstrndup(a, (size_t)(b - a));
            }
        }
        mn_strings_push_take(&doc->toc_numbers, xstrndup(p, (size_t)(q - p)));
        mn_strings_push(&doc->toc_groups, *group ? *group : "");
        p = q;
    }
}

/* The number and title of the item heading on 's' (an [item] rule), as "number\ttitle" in
 * a new string, or NULL when 's' is no heading. */
static char *heading_key(const struct mn_rules *rules, const char *s, struct mn_match *m)
{
    if (!matches(rules, "item", s, m))
        return NULL;
    char *number = mn_match_dup_or(m, "number", ""), *title = mn_match_dup_or(m, "title", "");
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_addf(&b, "%s\t%s", number, title);
    free(number);
    free(title);
    return mn_buf_detach(&b, NULL);
}

/* Two heading keys name the same item: the same number, titles equal as far as the shorter
 * goes (a contents list may cut a title), case aside. */
static bool same_key(const char *a, const char *b)
{
    const char *ta = strchr(a, '\t'), *tb = strchr(b, '\t');
    if (ta - a != tb - b || strncmp(a, b, (size_t)(ta - a)) != 0)
        return false;
    size_t n = strlen(ta + 1), k = strlen(tb + 1);
    if (k < n)
        n = k;
    return n > 0 && strncasecmp(ta + 1, tb + 1, n) == 0;
}

/* The last line of a contents list without page numbers right under the contents title at
 * 'title' ("Indholdsfortegnelse" / "1. Evalueringsplan" / "2. Frigivelse af midler"): a run of
 * two or more numbered entries, blank lines, group lines ("Åbne") and the lower-case tail of
 * a wrapped entry allowed between them. The run counts only when its first entry comes again
 * later as the heading over that item's text; a list under such a title that the body never
 * repeats is left for segmentation (an agenda may be nothing but that list). Returns 'title'
 * when there is no such run. */
static size_t plain_contents_end(const struct mn_lines *l, const struct mn_rules *rules,
                                 size_t title, struct mn_match *m)
{
    size_t last = title, entries = 0, i;
    char *first = NULL;
    bool repeated = false;
    for (i = title + 1; i < l->n && !repeated; i++) {
        const char *s = l->v[i].text;
        if (!*s || matches(rules, "group", s, m))
            continue;
        char *key = heading_key(rules, s, m);
        if (!key) {
            /* the tail of an entry wrapped over two lines */
            if (entries > 0 && last == i - 1 && mn_islower_ascii((unsigned char)*s)) {
                last = i;
                continue;
            }
            break;
        }
        repeated = first && same_key(key, first); /* the body's first heading */
        if (!repeated) {
            if (!first)
                first = xstrdup(key);
            entries++;
            last = i;
        }
        free(key);
    }
    for (; !repeated && first && i < l->n; i++) {
        char *key = heading_key(rules, l->v[i].text, m);
        repeated = key && same_key(key, first);
        free(key);
    }
    free(first);
    return entries >= 2 && repeated ? last : title;
}

/* Minutes that print their agenda as a list under a bare "Dagsorden" (or "DAGSORDEN:") before the items
 * themselves ("Dagsorden" / "1. Budgetopfølgning" / ... / "1. Budgetopfølgning" over its
 * text): the list is the contents, and goes like one; the title line stays, as the
 * document's own word on what it is. Only a list whose first entry the body repeats. */
static void mark_agenda_list(struct mn_doc *doc, const struct mn_rules *rules, bool *drop,
                             struct mn_match *m)
{
    struct mn_lines *l = &doc->lines;
    for (size_t i = 0; i < l->n; i++) {
        const char *s = l->v[i].text;
        size_t n = strlen(s);
        while (n > 0 && (s[n - 1] == ':' || s[n - 1] == ' '))
            n--; /* "DAGSORDEN:" */
        const struct mn_rule *r = n <= 12 ? mn_rules_match_kind(rules, "kind", s, n, m) : NULL;
        if (!r || strcmp(mn_rule_name(r), "agenda") != 0)
            continue;
        size_t last = plain_contents_end(l, rules, i, m);
        char *group = NULL;
        for (size_t k = i + 1; k <= last && last > i; k++) {
            note_toc_items(doc, l->v[k].text, &group, rules, m);
            drop[k] = true;
        }
        free(group);
        if (last > i)
            return;
    }
}

static void mark_toc(struct mn_doc *doc, const struct mn_rules *rules, bool *drop,
                     struct mn_match *m)
{
    struct mn_lines *l = &doc->lines;
    size_t first = (size_t)-1, last = 0, ntoc = 0;
    bool has_title = false;
    for (size_t i = 0; i < l->n; i++) {
        const struct mn_rule *r = mn_rules_match_kind(rules, "toc", l->v[i].text,
                                                      strlen(l->v[i].text), m);
        if (!r)
            continue;
        /* "1. Budget 3": an entry only in the run of lines under the table's title */
        if (strcmp(mn_rule_name(r), "after_title") == 0 && (!has_title || i > last + 2))
            continue;
        /* a toc line far after the block is a stray "(side 3)" in prose: block ends */
        if (ntoc > 0 && i > last + 8)
            break;
        if (first == (size_t)-1)
            first = i;
        last = i;
        ntoc++;
        has_title |= strcmp(mn_rule_name(r), "title") == 0;
    }
    if (ntoc < 2 && !(ntoc == 1 && has_title))
        return;
    if (ntoc == 1 && has_title)
        last = plain_contents_end(l, rules, first, m);
    /* group labels right above the first entry belong to the table */
    size_t back = 0;
    while (first > 0 && back < 3) {
        const char *s = l->v[first - 1].text;
        if (!*s) {
            first--;
            continue;
        }
        if (!matches(rules, "group", s, m))
            break;
        first--;
        back++;
    }
    /* a title wrapped over two lines ends in its page number on the next line */
    if (last + 1 < l->n && l->v[last + 1].text[0] && strlen(l->v[last + 1].text) < 60 &&
        strstr(l->v[last + 1].text, "(side"))
        last++;
    char *group = NULL;
    for (size_t i = first; i <= last; i++) {
        note_toc_items(doc, l->v[i].text, &group, rules, m);
        drop[i] = true;
    }
    free(group);
}

static void mark_letterhead(struct mn_doc *doc, const struct mn_rules *rules, bool *drop,
                            struct mn_match *m)
{
    struct mn_lines *l = &doc->lines;
    size_t header = l->n;
    for (size_t i = 0; i < l->n && l->v[i].page == l->v[0].page; i++) {
        const char *s = l->v[i].text;
        if (matches(rules, "header", s, m) || matches(rules, "kind", s, m)) {
            header = i;
            break;
        }
    }
    for (size_t i = 0; i < header && i < l->n; i++)
        if (!drop[i] && matches(rules, "letterhead", l->v[i].text, m))
            drop[i] = true;
}

static bool all_space(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

/* Some extractions put an empty line after every line of text (seed 004); there a single
 * empty line is no paragraph break, while a line of spaces or two empty lines still are.
 * Returns true when most text lines are followed by exactly one empty line. */
static bool is_double_spaced(const struct mn_lines *l)
{
    size_t text = 0, spaced = 0, strong = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (all_space(l->v[i].text)) {
            /* a line of spaces, or a second empty line: the separators that remain */
            if (l->v[i].text[0] || (i > 0 && l->v[i - 1].text[0] == '\0'))
                strong++;
            continue;
        }
        text++;
        if (i + 2 < l->n && l->v[i + 1].text[0] == '\0' && !all_space(l->v[i + 2].text))
            spaced++;
    }
    /* one-paragraph-a-line text with blank lines between (seed 002) has no other separator */
    return text >= 20 && spaced * 10 >= text * 6 && strong * 20 >= text;
}

/* In a double-spaced text, drops the single empty lines between two text lines. */
static void undouble(struct mn_lines *l)
{
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].text[0] == '\0' && w > 0 && !all_space(l->v[w - 1].text) &&
            i + 1 < l->n && !all_space(l->v[i + 1].text)) {
            free(l->v[i].text);
            continue;
        }
        l->v[w++] = l->v[i];
    }
    l->n = w;
}

static bool ends_paragraph(const char *s)
{
    size_t n = strlen(s);
    return n > 0 && strchr(".:!?", s[n - 1]);
}

/* A paragraph that runs over a page break must not be split by the blank line left where
 * the running header was: drop the blank when the page's last line does not end a sentence,
 * runs to the margin, or the next page goes on in lower case. */
static size_t cp_len(const char *s)
{
    return mn_utf8_strlen(s, strlen(s));
}

static void join_across_pages(struct mn_lines *l)
{
    size_t wide = mn_lines_column_width(l);
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->v[i].text[0] == '\0' && w > 0 && i + 1 < l->n && l->v[w - 1].text[0] &&
            l->v[w - 1].page != l->v[i + 1].page && l->v[i + 1].text[0]) {
            const char *prev = l->v[w - 1].text, *next = l->v[i + 1].text;
            unsigned char c = (unsigned char)next[0];
            bool lower = mn_islower_ascii(c) || (c == 0xC3 && (unsigned char)next[1] >= 0xA0);
            /* a page's last line that runs to the margin did not end its paragraph */
            bool full = wide > 0 && cp_len(prev) * 100 >= wide * 85;
            if (!ends_paragraph(prev) || lower || full) {
                free(l->v[i].text);
                continue;
            }
        }
        l->v[w++] = l->v[i];
    }
    l->n = w;
}

/* The line's text with its page number masked when it names one ("Side 3", "3 af 12",
 * "3/12"): the key two copies of a running header share; NULL when it names none. */
static char *page_marker_key(const char *s)
{
    const char *side = strstr(s, "Side ");
    const char *num = side ? side + 5 : NULL;
    if (!num || !mn_isdigit((unsigned char)*num))
        return NULL;
    struct mn_buf k = MN_BUF_INIT;
    mn_buf_add(&k, s, (size_t)(num - s));
    mn_buf_addch(&k, '#');
    while (mn_isdigit((unsigned char)*num))
        num++;
    mn_buf_adds(&k, num);
    return mn_buf_detach(&k, NULL);
}

/* Plain text without page breaks: a running header still recurs as a block of its own, a
 * line with a page number ("Referat for Økonomiudvalget   Side 4") and perhaps one more
 * under it that is the same each time ("3. marts 2015 - kl. 14:00"), a blank line before
 * it. Two or more such blocks are furniture. */
static void mark_running_in_text(const struct mn_lines *l, bool *drop)
{
    char **key = xcalloc(l->n ? l->n : 1, sizeof *key);
    for (size_t i = 0; i < l->n; i++)
        if (!drop[i] && (i == 0 || !l->v[i - 1].text[0]))
            key[i] = page_marker_key(l->v[i].text);
    for (size_t i = 0; i < l->n; i++) {
        if (!key[i] || drop[i])
            continue;
        size_t count = 0;
        bool same_next = i + 1 < l->n && l->v[i + 1].text[0];
        for (size_t j = i; j < l->n; j++)
            if (key[j] && strcmp(key[j], key[i]) == 0) {
                count++;
                same_next = same_next && j + 1 < l->n &&
                            strcmp(l->v[j + 1].text, l->v[i + 1].text) == 0;
            }
        if (count < 2)
            continue;
        for (size_t j = i; j < l->n; j++)
            if (key[j] && strcmp(key[j], key[i]) == 0) {
                drop[j] = true;
                if (same_next)
                    drop[j + 1] = true;
            }
    }
    for (size_t i = 0; i < l->n; i++)
        free(key[i]);
    free(key);
}

/* Where the next header label of line 's' starts at or after byte 'from' ([split] rules:
 * "... i A-huset. Tilstede: Lars, Nina Afbud: Referent: Lars"), or NULL. */
static const char *next_label(const struct mn_rules *rules, const char *s, size_t from,
                              struct mn_match *m)
{
    const char *g;
    size_t gl;
    if (!mn_rules_match_kind(rules, "split", s + from, strlen(s + from), m) ||
        !mn_match_group(m, "label", &g, &gl))
        return NULL;
    return g;
}

/* A header set on one line, as a web page or a typed title block may run it ("Referat af
 * bestyrelsesmøde onsdag d. 7. november 2012 kl. 19.30 i A-huset. Tilstede: Lars, Nina
 * Afbud: Referent: Lars", "Dato: 3. april 2024 Hvor: Agerskov"): split before each label,
 * so that each is read as its own field. Only where the line holds two labels or more (one
 * "Sted:" inside a sentence stays), and only above the first item heading. */
static void split_inline_labels(struct mn_lines *l, const struct mn_rules *rules,
                                struct mn_match *m)
{
    size_t stop = 0;
    while (stop < l->n && stop < 80 && !matches(rules, "item", l->v[stop].text, m))
        stop++;
    struct mn_lines out = {0};
    bool changed = false;
    for (size_t i = 0; i < l->n; i++) {
        const char *s = l->v[i].text;
        const char *cut[16];
        size_t n = 0;
        for (const char *p = i < stop ? next_label(rules, s, 0, m) : NULL; p && n < 16;
             p = next_label(rules, s, (size_t)(p - s) + 1, m))
            cut[n++] = p;
        if (n < 2) {
            mn_lines_push_line(&out, l->v[i]);
            continue;
        }
        changed = true;
        const char *start = s;
        for (size_t k = 0; k <= n; k++) {
            const char *end = k < n ? cut[k] : s + strlen(s);
            size_t len = (size_t)(end - start);
            while (len > 0 && start[len - 1] == ' ')
                len--;
            if (len > 0) {
                struct mn_line part = l->v[i];
                part.text = xstrndup(start, len);
                mn_lines_push_line(&out, part);
            }
            start = end;
        }
        free(l->v[i].text);
    }
    if (!changed) {
        free(out.v);
        return;
    }
    free(l->v);
    *l = out;
}

int mn_clean_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err)
{
    (void)err;
    const struct mn_rules *rules = ctx->rules;
    struct mn_lines *l = &doc->lines;
    struct mn_buf b = MN_BUF_INIT;
    struct mn_match m;
    mn_match_init(&m);

    if (is_double_spaced(l))
        undouble(l);
    for (size_t i = 0; i < l->n; i++) {
        mn_clean_line(rules, l->v[i].text, &b);
        free(l->v[i].text);
        l->v[i].text = mn_buf_detach(&b, NULL);
    }

    split_inline_labels(l, rules, &m);

    bool *drop = xcalloc(l->n ? l->n : 1, sizeof *drop);
    for (size_t i = 0; i < l->n; i++)
        if (matches(rules, "noise", l->v[i].text, &m))
            drop[i] = true;
    if (doc->npages >= 2) {
        mark_running(doc, rules, true, drop, &m);
        mark_running(doc, rules, false, drop, &m);
    } else {
        mark_running_in_text(l, drop);
    }
    mark_toc(doc, rules, drop, &m);
    mark_agenda_list(doc, rules, drop, &m);
    mark_letterhead(doc, rules, drop, &m);

    /* compact, and squeeze runs of blank lines to one */
    size_t w = 0;
    for (size_t i = 0; i < l->n; i++) {
        bool blank = l->v[i].text[0] == '\0';
        if (drop[i] || (blank && (w == 0 || l->v[w - 1].text[0] == '\0'))) {
            free(l->v[i].text);
            continue;
        }
        l->v[w++] = l->v[i];
    }
    l->n = w;
    while (l->n > 0 && l->v[l->n - 1].text[0] == '\0')
        free(l->v[--l->n].text);
    join_across_pages(l);
    free(drop);
    mn_match_release(&m);
    mn_buf_release(&b);
    return 0;
}
