/* segment/headings.c: see headings.h.
 *
 * A line the [item] rules accept ("3. Takstanalyse", "Punkt 3: ...") is an item heading only
 * if its number goes up from the previous item's (compared part by part: 1.2 < 1.10 < 2) by a
 * plausible step, and its title is heading-sized. That keeps numbered paragraphs and dates
 * ("9. marts") inside an item from splitting it. A heading written as a list entry ("- 1.
 * Godkendelse af dagsorden", seen in an extraction) counts only when its number is exactly
 * the next one, or a section label stands under it. */
#include "segment/headings.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "doc.h"
#include "rules.h"
#include "segment/lines.h"
#include "utf8.h"
#include "util.h"

enum {
    MAX_TITLE = 300,      /* bytes: a longer "heading" is a numbered paragraph */
    MAX_STEP = 40,        /* largest jump between consecutive item numbers */
};

/* Item numbers compare part by part: "1.2" < "1.10" < "2". */
static int cmp_number(const char *a, const char *b)
{
    while (*a || *b) {
        long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);
        if (x != y)
            return x < y ? -1 : 1;
        if (*a == '.')
            a++;
        if (*b == '.')
            b++;
        if (!*a && *b)
            return -1;
        if (*a && !*b)
            return 1;
    }
    return 0;
}

long mn_headings_first_part(const char *n)
{
    return strtol(n, NULL, 10);
}

/* A title must look like one: not a table row (a tab inside the title, or mostly numbers). */
static bool title_shaped(const char *title)
{
    size_t tl = strlen(title);
    if (tl > MAX_TITLE) {
        /* a one-line item with its content after a short title ("5. Eventuelt. Henvendelse
         * fra ... [300 bytes]"): the title is the first sentence */
        const char *stop = strstr(title, ". ");
        if (!stop || stop - title > 80 || !seg_starts_upper(stop + 2))
            return false;
        tl = (size_t)(stop - title);
    }
    if (tl == 0 || strchr(title, '\t'))
        return false;
    int words = 0, numeric = 0;
    for (const char *p = title; *p;) {
        while (*p == ' ')
            p++;
        if (!*p)
            break;
        const char *w = p;
        bool has_digit = false, has_letter = false;
        while (*p && *p != ' ') {
            unsigned char c = (unsigned char)*p++;
            has_digit |= mn_isdigit(c);
            has_letter |= !mn_isdigit(c) && c != '.' && c != ',' && c != '-' && c != '%';
        }
        words++;
        numeric += has_digit && !has_letter && p - w > 0;
    }
    return !(numeric >= 3 && numeric * 2 >= words);
}

/* How well heading j follows heading i: 1 for the next number (3 → 4, 1.1 → 1.2 or 2),
 * less for a jump, 0 when it cannot follow (not larger, or too far). */
static double follow_weight(const char *prev, const char *next, bool next_from_bullet)
{
    if (cmp_number(next, prev) <= 0)
        return 0;
    long step = mn_headings_first_part(next) - mn_headings_first_part(prev);
    if (next_from_bullet)
        return step == 1 && !strchr(next, '.') ? 1.0 : 0;
    if (step > MAX_STEP)
        return 0;
    if (step == 1 || (step == 0 && strchr(next, '.')))
        return 1.0;
    if (step == 0)
        return 0.6;
    return 0.4;
}

/* Candidates found by the [item] rules, before the sequence is chosen. */
struct candidate {
    struct mn_heading h;
    bool from_bullet;
    bool in_list; /* right under a line that leads into a list or is an entry of one */
    bool paren;   /* numbered "4) ...": a list entry's form, a heading's only where no other */
    bool labelled_below; /* a section label ("Resume") is the next line: a heading's text */
};

/* A candidate right under a line ending in ':' or under another numbered line is more likely
 * an entry of a numbered list ("Strategien består af tre dele:" / "1.
 * Kortlægning" / "2. Handleplan") than a heading, which stands apart; it still counts, for
 * documents whose headings follow one another, but less. */
#define IN_LIST_WEIGHT 0.7
/* "4) Title" is how list entries are numbered (the spec lists "1)" among bullets); such a
 * heading wins only where the document has no "4." ones to choose. */
#define PAREN_WEIGHT 0.8

/* How much a candidate looks like a heading rather than a numbered sentence: titles rarely
 * end in a full stop ("4. Handleplanen blev taget til efterretning." is a numbered decision)
 * and are seldom long. */
static double heading_quality(const char *title)
{
    size_t n = strlen(title);
    double q = 1.0;
    if (n > 0 && title[n - 1] == '.' && !(n >= 4 && strcmp(title + n - 4, "Evt.") == 0))
        q -= 0.5;
    if (n > 150)
        q -= 0.3;
    return q;
}

/* Chooses the headings: the chain of candidates whose numbers go up that scores best, a
 * step of one counting most. A numbered table row ("9 Køb og salg -4.648 ...") or a list
 * inside an item then cannot hijack the sequence, as a greedy left-to-right pass would let
 * it do. Quadratic in the number of candidates, which are few (headings, not lines). */
static size_t choose_chain(struct candidate *c, size_t n, struct mn_heading **out)
{
    double *score = xcalloc(n ? n : 1, sizeof *score);
    size_t *prev = xcalloc(n ? n : 1, sizeof *prev);
    size_t best = (size_t)-1;
    for (size_t j = 0; j < n; j++) {
        long first = mn_headings_first_part(c[j].h.number);
        /* a list entry starts the items only as "1.", when a section label is under it
         * ("• 301. Åben dagsorden - godkendelse" / "Resume") or when the next number follows
         * as an entry too */
        bool run = false; /* "• Pkt. 42 ..." and then "• Pkt. 43 ...": a run of entries */
        for (size_t k = j + 1; k < n && c[j].from_bullet && !run; k++)
            run = c[k].from_bullet && follow_weight(c[j].h.number, c[k].h.number, true) > 0;
        score[j] = c[j].from_bullet ? (first == 1 || c[j].labelled_below ? 1.0 : run ? 0.5 : -1)
                                    : (first <= 1 ? 1.0 : 0.6);
        if (c[j].in_list && score[j] > 0)
            score[j] *= IN_LIST_WEIGHT;
        if (c[j].paren && score[j] > 0)
            score[j] *= PAREN_WEIGHT;
        prev[j] = (size_t)-1;
        for (size_t i = 0; i < j; i++) {
            if (score[i] < 0)
                continue;
            double w = follow_weight(c[i].h.number, c[j].h.number, c[j].from_bullet) *
                       heading_quality(c[j].h.title) * (c[j].in_list ? IN_LIST_WEIGHT : 1.0) *
                       (c[j].paren ? PAREN_WEIGHT : 1.0);
            if (w > 0 && score[i] + w > score[j]) {
                score[j] = score[i] + w;
                prev[j] = i;
            }
        }
        if (score[j] >= 0 && (best == (size_t)-1 || score[j] >= score[best]))
            best = j;
    }
    size_t len = 0;
    for (size_t k = best; k != (size_t)-1; k = prev[k])
        len++;
    struct mn_heading *h = len ? xcalloc(len, sizeof *h) : NULL;
    bool *used = xcalloc(n ? n : 1, sizeof *used);
    size_t pos = len;
    for (size_t k = best; k != (size_t)-1; k = prev[k]) {
        h[--pos] = c[k].h;
        used[k] = true;
    }
    for (size_t k = 0; k < n; k++)
        if (!used[k]) {
            free(c[k].h.number);
            free(c[k].h.title);
        }
    free(used);
    free(score);
    free(prev);
    *out = h;
    return len;
}

/* Length of the word before a bare number ("Pkt. ", "Punkt nr. ", "Sag nr. "), 0 when none. */
static size_t number_word_len(const char *s)
{
    for (const char *w = "Pkt. \0Pkt \0Punkt nr. \0Punkt \0Sag nr. \0Sag \0"; *w; w += strlen(w) + 1)
        if (strncasecmp(s, w, strlen(w)) == 0)
            return strlen(w);
    return 0;
}

/* A number alone on its line: "12.", "12", "Pkt. 42", "Sag nr. 129"; its title stands on a
 * line of its own beside it. */
static bool is_bare_number(const char *s)
{
    s += number_word_len(s);
    size_t n = 0;
    while (mn_isdigit((unsigned char)s[n]))
        n++;
    return n > 0 && ((s[n] == '.' && s[n + 1] == '\0' && n <= 4) || (s[n] == '\0' && n <= 3));
}

/* The line above the bare number on line i is its title: it stands apart (a blank line or a
 * new page above it), reads like a heading (a capital, no sentence end, not too long), and is
 * no section label or numbered line of its own. */
static bool title_above(const struct mn_rules *rules, const struct mn_lines *l, size_t i,
                        struct mn_match *m)
{
    if (i == 0)
        return false;
    const struct mn_line *t = &l->v[i - 1];
    bool apart = i == 1 || !l->v[i - 2].text[0] || l->v[i - 2].page != t->page;
    size_t n = strlen(t->text);
    return apart && t->page == l->v[i].page && n > 0 && n <= MAX_TITLE &&
           seg_starts_upper(t->text) && !mn_isdigit((unsigned char)t->text[0]) &&
           t->text[n - 1] != '.' && !strchr(t->text, '\t') &&
           !seg_match(rules, "section", t->text, m) && !seg_match(rules, "item", t->text, m);
}

/* True when line i carries on the sentence of a full line above it: that line was wrapped
 * (as long as the column, give or take a quarter) and ends in a letter or a comma, so line i is no heading however
 * it starts ("... skal være gældende i" / "2013. Det foreslås derfor ...", Ballerup). */
static bool continues_above(const struct mn_lines *l, size_t i, size_t wide)
{
    if (i == 0 || wide == 0 || l->v[i - 1].page != l->v[i].page)
        return false;
    const char *prev = l->v[i - 1].text;
    size_t n = strlen(prev), chars = mn_utf8_strlen(prev, n);
    /* a wrapped line is as long as the column, not longer: a line well past it is a whole
     * paragraph (text copied from a web page), whose end says nothing about the next line */
    if (n == 0 || chars * 10 < wide * 8 || chars * 100 > wide * 125)
        return false;
    unsigned char last = (unsigned char)prev[n - 1];
    return last == ',' || mn_islower_ascii(last) || last >= 0x80; /* æ, ø, å end words too */
}

/* Line i stands under (at most one blank line between, same page) a line that ends in ':' or
 * is itself numbered the way items and list entries are. */
static bool under_list_line(const struct mn_rules *rules, const struct mn_lines *l, size_t i,
                            struct mn_match *m)
{
    size_t k = i;
    if (k > 0 && !l->v[k - 1].text[0])
        k--; /* entries set apart by a blank line each */
    if (k == 0 || !l->v[k - 1].text[0] || l->v[k - 1].page != l->v[i].page)
        return false;
    const char *prev = l->v[k - 1].text;
    if (seg_is_bullet(prev))
        prev += SEG_BULLET_LEN; /* "• 1) Kortlægning" over "• 2) Handleplan" */
    size_t n = strlen(prev);
    while (n > 0 && prev[n - 1] == ' ')
        n--;
    return (n > 0 && prev[n - 1] == ':') || seg_match(rules, "item", prev, m) ||
           seg_match(rules, "point", prev, m);
}

/* Two headings name the same item: the same number, and titles that agree as far as the
 * shorter goes (a table of contents may cut or wrap a title), case aside. */
static bool same_heading(const struct mn_heading *a, const struct mn_heading *b)
{
    if (strcmp(a->number, b->number) != 0)
        return false;
    size_t n = strlen(a->title), m = strlen(b->title);
    size_t k = n < m ? n : m;
    if (k > 24)
        k = 24;
    return k > 0 && strncasecmp(a->title, b->title, k) == 0;
}

/* Removes the candidates 'drop' marks (freeing them and 'drop'); returns the new count. */
static size_t drop_marked(struct candidate *c, size_t n, bool *drop)
{
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (drop[i]) {
            free(c[i].h.number);
            free(c[i].h.title);
        } else {
            c[kept++] = c[i];
        }
    }
    free(drop);
    return kept;
}

/* Two headings name the same item as far as the shorter title goes, whole (a list may cut a
 * title, never change it): stricter than same_heading, which looks at the start only. */
static bool same_heading_whole(const struct mn_heading *a, const struct mn_heading *b)
{
    size_t n = strlen(a->title), m = strlen(b->title);
    size_t k = n < m ? n : m;
    return strcmp(a->number, b->number) == 0 && k >= 8 && strncasecmp(a->title, b->title, k) == 0;
}

/* A table of contents without page numbers ("PUNKTER" / "49. Godkendelse af dagsorden" /
 * "50. ..." and then the same headings again over their text): a run of two or more
 * candidates with nothing but blank lines or a wrapped title's tail between them, whose first
 * and at least one more come again later, is the contents, not the items. Drops such runs from 'c' (freeing
 * them) and returns the new count. */
/* A line that is a bare page number ("17"). */
static bool page_number_line(const char *s)
{
    size_t n = strspn(s, "0123456789");
    return n > 0 && n <= 3 && s[n + strspn(s + n, " ")] == '\0';
}

static size_t drop_contents(const struct mn_lines *l, struct candidate *c, size_t n)
{
    bool *twin = xcalloc(n ? n : 1, sizeof *twin);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n && !twin[i]; j++)
            twin[i] = same_heading(&c[i].h, &c[j].h);
    bool *drop = xcalloc(n ? n : 1, sizeof *drop);
    for (size_t i = 0; i < n;) {
        /* the run of candidates close together that starts at i */
        size_t e = i, twins = twin[i];
        bool bare = true; /* not a line between the run's headings */
        while (e + 1 < n && cmp_number(c[e + 1].h.number, c[e].h.number) > 0) {
            size_t text = 0, last = 0;
            for (size_t k = c[e].h.line + 1; k < c[e + 1].h.number_line; k++)
                if (l->v[k].text[0] != '\0') {
                    text++;
                    last = k;
                }
            if (text > 1)
                break;
            bare &= text == 0 || page_number_line(l->v[last].text);
            e++;
            twins += twin[e];
        }
        /* it opens with a heading that comes again, and another does too (a truncated or
         * abridged body may lack the rest); or it is five headings or more with nothing
         * between them but a page number (a contents table copied cell by cell: "1." /
         * "Godkendelse af dagsorden" / "5" / "2." / ...) */
        /* ... or the rest of such a table right after it: the contents of the closed
         * part ("Indholdsfortegnelse lukket møde" / "17." / "Udbud ..." / "51" / "18." ...) */
        bool continues = false;
        if (i > 0 && drop[i - 1] && bare && e > i) {
            size_t text = 0;
            for (size_t k = c[i - 1].h.line + 1; k < c[i].h.number_line; k++)
                text += l->v[k].text[0] != '\0';
            continues = text <= 2;
        }
        if ((twin[i] && e > i && (twins >= 2 || (bare && e - i >= 4))) || continues)
            for (size_t k = i; k <= e; k++)
                drop[k] = true;
        i = e + 1;
    }
    /* an agenda printed above the minutes, with notes under its entries ("DAGSORDEN:" / "1.
     * Valg af dirigent" / "Bestyrelsen foreslår ..." / ... / "1: VALG AF DIRIGENT"): from a
     * heading to where it comes again, the numbers going up all the way and another heading of
     * the list coming again too, everything is the list */
    for (size_t i = 0; i < n; i++) {
        size_t j = i + 1;
        while (j < n && !same_heading_whole(&c[i].h, &c[j].h))
            j++;
        if (j == n)
            continue;
        size_t twins = 0;
        bool rising = true;
        for (size_t k = i; k < j && rising; k++) {
            twins += twin[k];
            rising = k == i || cmp_number(c[k].h.number, c[k - 1].h.number) > 0;
        }
        if (rising && twins >= 2)
            for (size_t k = i; k < j; k++)
                drop[k] = true;
    }
    free(twin);
    return drop_marked(c, n, drop);
}

/* A numbered list inside an item's text starts again from a number the document has already
 * used ("1. Meddelelser" / ... / "Sagsfremstilling" / "1. Orientering om ..." / "2. Oversigt
 * over ..."), and its entries stand on consecutive lines, where headings stand apart over
 * their text. Drops every run of two or more such entries, line after line, whose first
 * number does not go up from an earlier candidate's (freeing them); returns the new count. */
static size_t drop_restarted_lists(struct candidate *c, size_t n)
{
    bool *drop = xcalloc(n ? n : 1, sizeof *drop);
    for (size_t a = 1; a < n;) {
        size_t b = a;
        while (b + 1 < n && c[b + 1].h.number_line == c[b].h.line + 1 &&
               cmp_number(c[b + 1].h.number, c[b].h.number) > 0)
            b++;
        bool restarts = false;
        for (size_t i = 0; i < a && !restarts; i++)
            restarts = !drop[i] && cmp_number(c[i].h.number, c[a].h.number) >= 0 &&
                       !same_heading(&c[i].h, &c[a].h);
        if (b > a && restarts)
            for (size_t k = a; k <= b; k++)
                drop[k] = true;
        a = b + 1;
    }
    return drop_marked(c, n, drop);
}

/* Line i is numbered one more than the numbered line right above it ("9. Ekspropriation af
 * ... grundvandsforurening" / "10. Udpegning ..."): a list of whole entries, one a line, not
 * a sentence wrapped onto a line that happens to start with a number. */
static bool follows_numbered_line(const struct mn_rules *rules, const struct mn_lines *l,
                                  size_t i, struct mn_match *m)
{
    if (i == 0 || !seg_match(rules, "item", l->v[i].text, m))
        return false;
    char *n = mn_match_dup(m, "number");
    long here = n ? mn_headings_first_part(n) : -1;
    free(n);
    if (!seg_match(rules, "item", l->v[i - 1].text, m))
        return false;
    n = mn_match_dup(m, "number");
    long above = n ? mn_headings_first_part(n) : -1;
    free(n);
    return above >= 0 && here == above + 1;
}

size_t mn_headings_find(const struct mn_rules *rules, const struct mn_lines *l, size_t wide,
                        struct mn_heading **out)
{
    struct mn_match m;
    mn_match_init(&m);
    struct candidate *cand = NULL;
    size_t ncand = 0, alloc = 0;
    for (size_t i = 0; i < l->n; i++) {
        const char *s = l->v[i].text;
        /* a number under its title continues nothing, however long the title */
        bool number_under_title = number_word_len(s) > 0 && is_bare_number(s) &&
                                  title_above(rules, l, i, &m);
        /* "Punkt 5 ..." with its capital starts an item: a sentence going on from the line
         * above would write "punkt 5" (web pages whose paragraphs end without a full stop) */
        bool item_word = number_word_len(s) > 0 && s[0] >= 'A' && s[0] <= 'Z';
        if (!number_under_title && !item_word && continues_above(l, i, wide) &&
            !follows_numbered_line(rules, l, i, &m))
            continue;
        bool from_bullet = seg_is_bullet(s);
        if (from_bullet)
            s += SEG_BULLET_LEN;
        struct mn_buf joined = MN_BUF_INIT;
        size_t title_line = 0;
        /* the number on a line of its own, its title on the next ("1." / "Budget"); a heading
         * stands apart from the text above it, and a section label is no title ("... ved
         * udgangen af" / "2013." / "" / "Økonomiske konsekvenser", Ballerup) */
        bool apart = i == 0 || !l->v[i - 1].text[0] || l->v[i - 1].page != l->v[i].page;
        size_t number_line = i;
        if (!apart && !from_bullet && number_under_title) {
            /* the title on the line above its number ("Spørgetid" / "Sag nr. 129") */
            mn_buf_addf(&joined, "%s %s", s, l->v[i - 1].text);
            s = joined.buf;
            title_line = i;
            number_line = i - 1;
        } else if (apart && is_bare_number(s) && i + 1 < l->n) {
            size_t j = i + 1;
            if (!l->v[j].text[0] && j + 1 < l->n)
                j++;
            /* nor is a heading of its own or another bare number: "52" (a contents table's
             * page number) over "1. Godkendelse af dagsorden", "3" over "2." */
            if (seg_match(rules, "section", l->v[j].text, &m) || seg_match(rules, "item", l->v[j].text, &m) ||
                is_bare_number(l->v[j].text))
                continue;
            mn_buf_addf(&joined, "%s %s", s, l->v[j].text);
            s = joined.buf;
            title_line = j;
        }
        bool hit = seg_match(rules, "item", s, &m);
        char *number = hit ? mn_match_dup(&m, "number") : NULL;
        char *title = hit ? mn_match_dup(&m, "title") : NULL;
        bool paren = seg_paren_number_len(s) > 0;
        mn_buf_release(&joined); /* the match pointed into it: copied out above */
        if (!hit)
            continue;
        if (number && title && title_shaped(title)) {
            MN_GROW(cand, ncand + 1, alloc);
            cand[ncand].h.line = title_line ? title_line : i;
            cand[ncand].h.number_line = number_line;
            cand[ncand].h.number = number;
            cand[ncand].h.title = seg_tabs_to_spaces(title);
            cand[ncand].from_bullet = from_bullet;
            cand[ncand].in_list = under_list_line(rules, l, number_line, &m);
            cand[ncand].paren = paren;
            size_t below = seg_next_nonblank(l, cand[ncand].h.line + 1, l->n);
            cand[ncand].labelled_below = below < l->n && seg_match(rules, "section", l->v[below].text, &m);
            ncand++;
        } else {
            free(number);
            free(title);
        }
    }
    mn_match_release(&m);
    ncand = drop_contents(l, cand, ncand);
    ncand = drop_restarted_lists(cand, ncand);
    size_t n = choose_chain(cand, ncand, out);
    free(cand);
    return n;
}
