/* segment/titles.c: see titles.h. */
#include "segment/titles.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "rules.h"
#include "segment/headings.h"
#include "segment/lines.h"
#include "utf8.h"
#include "util.h"

static bool reaches_margin(const struct mn_lines *l, size_t i)
{
    const struct mn_line *ln = &l->v[i];
    if (ln->x < 0 || ln->x2 <= ln->x)
        return false;
    double left = ln->x, right = ln->x2;
    for (size_t k = 0; k < l->n; k++) {
        const struct mn_line *o = &l->v[k];
        if (o->page != ln->page || o->x < 0 || !o->text[0])
            continue;
        if (o->x < left)
            left = o->x;
        if (o->x2 > right)
            right = o->x2;
    }
    return right > left && ln->x2 >= right - (right - left) * 0.02;
}

/* Line 'next' ends the heading on line 'head': the heading filled its line, and 'next' is a
 * short line on the same page, no sentence nor "Label: value", alone before a gap, a label or
 * the item's end ("12. Høring om kommuneplantillæg for boligområdet ved Hundige" / "Strand").
 * Body text under a heading is set apart by a gap, or goes on for more than a line. */
static bool title_tail(const struct mn_rules *rules, const struct mn_lines *l, size_t head,
                       size_t next, size_t to, size_t wide, struct mn_match *m)
{
    if (wide == 0 || l->v[next].page != l->v[head].page)
        return false;
    const char *hs = l->v[head].text, *ns = l->v[next].text;
    size_t hn = mn_utf8_strlen(hs, strlen(hs)), nn = mn_utf8_strlen(ns, strlen(ns));
    /* "Sagsnr.: 24-009872" under the heading is a field, not the title's tail; a heading
     * that ends its sentence ("5. Fastsættelse af kontingent." / "Vedtaget at ...") has none;
     * a short sentence under it ("Godkendt.") is its text, unless the heading ran to the
     * margin and so was cut ("... ved kasserer Oleksandr" / "Shturmov.") */
    if (hn * 10 < wide * 6 || seg_ends_sentence(hs) || nn * 10 >= wide * 6 ||
        (seg_ends_sentence(ns) && !reaches_margin(l, head)) || strchr(ns, ':') ||
        seg_match(rules, "section", ns, m))
        return false;
    return next + 1 >= to || !l->v[next + 1].text[0] ||
           seg_match(rules, "section", l->v[next + 1].text, m);
}

/* Cuts the match in 'm' (a closed or open mark) out of 'title', in place, and trims the
 * spaces the cut leaves. */
static void cut_mark(char *title, const struct mn_match *m)
{
    size_t a, e;
    mn_match_span(m, &a, &e);
    /* the mark is the whole title ("16. Lukket punkt."): the title stays as printed */
    if (strspn(title + e, " .:") == strlen(title + e) && strspn(title, " ") >= a)
        return;
    memmove(title + a, title + e, strlen(title + e) + 1);
    /* "(Lukket) Budget" and "Budget (Lukket) 2025" leave a space at the cut */
    if (a > 0 && title[a - 1] == ' ' && title[a] == ' ')
        memmove(title + a, title + a + 1, strlen(title + a));
    size_t lead = strspn(title, " ");
    memmove(title, title + lead, strlen(title + lead) + 1);
    size_t n = strlen(title);
    while (n > 0 && title[n - 1] == ' ')
        title[--n] = '\0';
}

/* The next line is set in the same type as a heading that is larger than the body text. */
static bool same_heading_type(const struct mn_line *head, const struct mn_line *next,
                              double body_size)
{
    if (body_size <= 0 || head->size <= 0 || next->size <= 0 || head->page != next->page)
        return false;
    return head->size > body_size * 1.08 && fabs(next->size - head->size) <= head->size * 0.06;
}

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double mn_titles_body_size(const struct mn_lines *l)
{
    double *v = xmalloc((l->n + 1) * sizeof *v);
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].size > 0)
            v[n++] = l->v[i].size;
    double m = 0;
    if (n > 0) {
        qsort(v, n, sizeof *v, cmp_dbl);
        m = v[n / 2];
    }
    free(v);
    return m;
}


/* 'a' and 'b' are the same text but for a tab where the other has a space. Clean has folded
 * each run of white space into one space or one tab, so that is all spacing can change. */
static bool same_but_tabs(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (*a != *b && !((*a == '\t' || *a == ' ') && (*b == '\t' || *b == ' ')))
            return false;
    return *a == *b;
}

static size_t count_spaces(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

/* Where the content starts in the heading line's 'title' (see titles.h), 0 when it does not
 * hold any. Only in an item that is its heading line alone ('lone'; with text under the
 * heading, what follows a colon is as often the title's second half, study 3; there only
 * a sentence after a standard title's colon is content): after an
 * item title every meeting has ("Godkendelse af dagsorden" / "Godkendt");
 * after a short title's colon ("Økonomi:" / "Regnskabet ..."); after the first sentence's full
 * stop ("Fællesspisning fredag 9 Nov." / "Vi mødes ..."); or before a capitalised word that
 * starts a bare verdict to the end ("Godkendelse af budget" / "Godkendt"). */
/* Byte k of 's' starts a capital glued to the lower-case letter before it ("EventueltIntet",
 * "VandværkshavenIkke": a web page's table cells copied without a space). */
static bool glued_capital(const char *s, size_t k)
{
    unsigned char a = (unsigned char)s[k - 1], b = (unsigned char)s[k];
    bool lower = mn_islower_ascii(a) || (k >= 2 && (unsigned char)s[k - 2] == 0xC3 &&
                                         (a == 0xA6 || a == 0xB8 || a == 0xA5));
    bool upper = mn_isupper_ascii(b) || (b == 0xC3 && ((unsigned char)s[k + 1] == 0x86 ||
                                                       (unsigned char)s[k + 1] == 0x98 ||
                                                       (unsigned char)s[k + 1] == 0x85));
    return lower && upper;
}

static size_t inline_content(const struct mn_rules *rules, const char *title, bool lone,
                             bool minutes, struct mn_match *m)
{
    size_t n = strlen(title);
    /* a heading that records the meeting's resolution is whole ("Regnskab for 2019 blev
     * præsenteret af X. Regnskabet godkendt."): see segment/resolve.h */
    bool resolution = seg_match(rules, "resolution", title, m);
    char *head = xstrdup(title);
    size_t at = 0, word = 0; /* 'word': where the word before byte k starts */
    for (size_t k = 1; k < n && !at; k++) {
        if (title[k - 1] == ' ')
            word = k;
        bool glued = title[k] != ' ' && glued_capital(title, k);
        if ((title[k] != ' ' || title[k - 1] == ' ') && !glued)
            continue;
        head[k] = '\0';
        const char *tail = title + k + !glued;
        /* the content reads as content, not as the rest of an agenda's title: it starts a
         * sentence, and after a colon or a full stop it is one ("Høring: Forslag til
         * lokalplan 12" and "Godkendelse af referat fra mødet 12. maj" stay whole; under a
         * title that says these are minutes, three words after a colon are content) */
        bool upper = seg_starts_upper(tail) && !mn_isdigit((unsigned char)*tail);
        bool sentence = upper && seg_ends_sentence(tail) && count_spaces(tail) >= 2;
        char end = title[k - 1];
        bool stop = end == '.' || end == '?' || end == '!';
        /* not 'lone', only a title every meeting has, a colon and a whole sentence after
         * it ("Evt: Flere er på valg i år ..." over the closing words of the minutes) */
        bool allowed = lone || (end == ':' && sentence && seg_match(rules, "standard", head, m));
        if (allowed && ((upper && seg_match(rules, "standard", head, m)) ||
            (upper && seg_match(rules, "verdict", tail, m)) ||
            (!glued && end == ':' && k <= 60 &&
             (sentence || seg_match(rules, "verdict", tail, m) ||
              (minutes && upper && count_spaces(tail) >= 2))) ||
            (!glued && stop && sentence && !resolution && strchr(head, ' ') &&
             !seg_match(rules, "verdict", head, m)) ||
            (glued && sentence && k - word >= 6 && !resolution)))
            at = k + !glued;
        head[k] = title[k];
    }
    free(head);
    return at;
}

size_t mn_titles_complete(const struct mn_rules *rules, const struct mn_lines *l,
                          struct mn_heading *h, size_t to, size_t wide, double body_size,
                          bool minutes, struct mn_item *it, char **rest, struct mn_match *m)
{
    size_t from = h->line + 1;
    *rest = NULL;
    /* a heading printed twice, as a web page's exports do ("1. Godkendelse af dagsorden" /
     * "1.     Godkendelse af dagsorden"; or a list of links to the items whose entry heads the
     * item, over the item's own heading: "• Pkt. 42 Beslutninger om dagsordenen" / "Pkt. 42"
     * / "Beslutninger om dagsordenen", the bare number being furniture): the copy is no
     * content. Under a plain heading a line that repeats the title is kept: it may be text. */
    size_t copy = seg_next_nonblank(l, from, to);
    if (h->line == h->number_line && copy < to && l->v[copy].page == l->v[h->line].page &&
        (same_but_tabs(l->v[h->line].text, l->v[copy].text) ||
         (seg_is_bullet(l->v[h->line].text) && same_but_tabs(h->title, l->v[copy].text))))
        from = copy + 1;
    /* a title wrapped over lines: the next line goes on in lower case, this one
     * cannot end where it does ("... sekretariatsfunktion på", "(tale/"), the next is
     * set in the heading's own larger type, or it is the short tail of a full line */
    for (int wraps = 0; wraps < 3 && from < to && strlen(h->title) > 20; wraps++) {
        const char *next = l->v[from].text;
        bool open_end = seg_match(rules, "wrap", h->title, m) ||
                        same_heading_type(&l->v[h->line], &l->v[from], body_size) ||
                        (wraps == 0 && title_tail(rules, l, h->line, from, to, wide, m));
        /* a lower-case line is no section label: "... materiale til" / "beslutning" */
        if (!next[0] || seg_is_bullet(next) || strlen(next) >= 100 ||
            seg_match(rules, "caseline", next, m) ||
            (seg_starts_upper(next) && (!open_end || seg_match(rules, "section", next, m))))
            break;
        size_t tl = strlen(h->title);
        seg_append(&h->title, next, tl && h->title[tl - 1] == '/' ? "" : " ");
        from++;
    }
    it->title = h->title;
    h->title = NULL;
    /* content on the heading's line, where the item is its heading line alone */
    size_t at = h->line == h->number_line
                    ? inline_content(rules, it->title, seg_next_nonblank(l, from, to) >= to,
                                     minutes, m)
                    : 0;
    if (at > 0) {
        *rest = xstrdup(it->title + at);
        size_t tl = at;
        while (tl > 0 && it->title[tl - 1] == ' ')
            tl--;
        it->title[tl] = '\0';
    }
    if (mn_rules_match_kind(rules, "closed", it->title, strlen(it->title), m)) {
        it->is_public = false;
        cut_mark(it->title, m);
    } else if (mn_rules_match_kind(rules, "open", it->title, strlen(it->title), m)) {
        cut_mark(it->title, m); /* "(Åben)": public is the default */
    } else {
        /* the mark before the number: "Lukket punkt 12: Personalesag" */
        const char *hl = l->v[h->number_line].text;
        size_t a, e;
        if (seg_match_at_start(rules, "closed", hl, m)) {
            mn_match_span(m, &a, &e);
            if (mn_isdigit((unsigned char)hl[e]))
                it->is_public = false;
        }
    }
    /* the mark on a line of its own under the heading ("Lukket sag"): the line stays in
     * the item's text, the item is closed */
    size_t first = seg_next_nonblank(l, from, to);
    if (it->is_public && first < to) {
        const char *fl = l->v[first].text;
        size_t a, e, fn = strlen(fl);
        while (fn > 0 && (fl[fn - 1] == ' ' || fl[fn - 1] == '.'))
            fn--;
        if (mn_rules_match_kind(rules, "closed", fl, fn, m)) {
            mn_match_span(m, &a, &e);
            if (a == 0 && e >= fn)
                it->is_public = false;
        }
    }
    return from;
}
