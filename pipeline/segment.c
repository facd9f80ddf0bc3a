/* segment.c: from lines to the record's structure (see segment.h).
 *
 * Item headings: a line the [item] rules accept ("3. Takstanalyse", "Punkt 3: ...") is an
 * item heading only if its number goes up from the previous item's (compared part by part:
 * 1.2 < 1.10 < 2) by a plausible step, and its title is heading-sized. That keeps numbered
 * paragraphs and dates ("9. marts") inside an item from splitting it. A heading written as a
 * list entry ("- 1. Godkendelse af dagsorden", seen in an extraction) counts only when its
 * number is exactly the next one.
 *
 * Everything before the first item is the header block: labelled fields ([header] rules),
 * the title line ([kind]), Sagsnr./Dok.nr. A header with no labels (Ballerup: title, body,
 * "tirsdag den 4. december 2012, kl. 13:00", "i Mødecenter C ...") is read by position: the
 * first line with a date is the time, the unlabelled line just above it the body.
 *
 * Inside an item, a [section] label starts a section; text before any label is a "text"
 * section. Paragraphs are joined lines; a blank line ends one. A line under a bullet that
 * does not start a new sentence continues the bullet (a wrapped entry); one that starts a
 * sentence after an entry that ended (a full stop, a short line, or a line with room left for
 * the next line's first word, so that the break was the author's) is prose. Table rows (lines
 * with a tab) keep their line breaks. */
#include "segment.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "doc.h"
#include "err.h"
#include "fields.h"
#include "pipeline.h"
#include "rules.h"
#include "segment/header.h"
#include "segment/history.h"
#include "segment/kind.h"
#include "segment/lines.h"
#include "segment/resolve.h"
#include "utf8.h"

enum {
    MAX_TITLE = 300,      /* bytes: a longer "heading" is a numbered paragraph */
    MAX_STEP = 40,        /* largest jump between consecutive item numbers */
};

static const char BULLET[] = "• ";
#define BULLET_LEN (sizeof BULLET - 1)

static bool is_bullet(const char *s)
{
    return strncmp(s, BULLET, BULLET_LEN) == 0;
}

/* Length of the "12) " that clean keeps at the start of a numbered entry's text (it may be an
 * item heading, "1) Godkendelse af dagsorden", which needs its number); 0 when none. */
static size_t paren_number_len(const char *s)
{
    size_t i = 0;
    while (i < 2 && mn_isdigit((unsigned char)s[i]))
        i++;
    return i > 0 && s[i] == ')' && s[i + 1] == ' ' ? i + 2 : 0;
}

static bool is_row(const char *s)
{
    return strchr(s, '\t') != NULL;
}



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

static long first_part(const char *n)
{
    return strtol(n, NULL, 10);
}


/* A candidate heading: the rule matched; decide by number and shape. */
struct heading {
    size_t line;        /* the heading's (last) line: the item's text starts after it */
    size_t number_line; /* where the number stands (same as line, but for "1." / "Title") */
    char *number;
    char *title;
};

/* A title must look like one: not a table row (a tab inside the title, or mostly numbers). */
static bool title_shaped(const char *title)
{
    size_t tl = strlen(title);
    if (tl == 0 || tl > MAX_TITLE || strchr(title, '\t'))
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
    long step = first_part(next) - first_part(prev);
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
    struct heading h;
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
static size_t choose_chain(struct candidate *c, size_t n, struct heading **out)
{
    double *score = xcalloc(n ? n : 1, sizeof *score);
    size_t *prev = xcalloc(n ? n : 1, sizeof *prev);
    size_t best = (size_t)-1;
    for (size_t j = 0; j < n; j++) {
        long first = first_part(c[j].h.number);
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
    struct heading *h = len ? xcalloc(len, sizeof *h) : NULL;
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

static bool is_bare_number(const char *s)
{
    /* "Pkt. 42" / "Punkt 42" alone, its title on the next line */
    for (const char *w = "Pkt. \0Pkt \0Punkt \0"; *w; w += strlen(w) + 1)
        if (strncmp(s, w, strlen(w)) == 0) {
            s += strlen(w);
            break;
        }
    size_t n = 0;
    while (mn_isdigit((unsigned char)s[n]))
        n++;
    return n > 0 && ((s[n] == '.' && s[n + 1] == '\0' && n <= 4) || (s[n] == '\0' && n <= 3));
}

/* True when line i carries on the sentence of a full line above it: that line was wrapped
 * (as long as the column) and ends in a letter or a comma, so line i is no heading however
 * it starts ("... skal være gældende i" / "2013. Det foreslås derfor ...", Ballerup). */
static bool continues_above(const struct mn_lines *l, size_t i, size_t wide)
{
    if (i == 0 || wide == 0 || l->v[i - 1].page != l->v[i].page)
        return false;
    const char *prev = l->v[i - 1].text;
    size_t n = strlen(prev);
    if (n == 0 || mn_utf8_strlen(prev, n) * 10 < wide * 8)
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
    if (is_bullet(prev))
        prev += BULLET_LEN; /* "• 1) Kortlægning" over "• 2) Handleplan" */
    size_t n = strlen(prev);
    while (n > 0 && prev[n - 1] == ' ')
        n--;
    return (n > 0 && prev[n - 1] == ':') || seg_match(rules, "item", prev, m) ||
           seg_match(rules, "point", prev, m);
}

/* Two headings name the same item: the same number, and titles that agree as far as the
 * shorter goes (a table of contents may cut or wrap a title), case aside. */
static bool same_heading(const struct heading *a, const struct heading *b)
{
    if (strcmp(a->number, b->number) != 0)
        return false;
    size_t n = strlen(a->title), m = strlen(b->title);
    size_t k = n < m ? n : m;
    if (k > 24)
        k = 24;
    return k > 0 && strncasecmp(a->title, b->title, k) == 0;
}

/* A table of contents without page numbers ("PUNKTER" / "49. Godkendelse af dagsorden" /
 * "50. ..." and then the same headings again over their text): a run of two or more
 * candidates with nothing but blank lines or a wrapped title's tail between them, whose first
 * and at least one more come again later, is the contents, not the items. Drops such runs from 'c' (freeing
 * them) and returns the new count. */
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
        while (e + 1 < n && cmp_number(c[e + 1].h.number, c[e].h.number) > 0) {
            size_t text = 0;
            for (size_t k = c[e].h.line + 1; k < c[e + 1].h.number_line; k++)
                text += l->v[k].text[0] != '\0';
            if (text > 1)
                break;
            e++;
            twins += twin[e];
        }
        /* it opens with a heading that comes again, and another does too (a truncated or
         * abridged body may lack the rest) */
        if (twin[i] && twins >= 2 && e > i)
            for (size_t k = i; k <= e; k++)
                drop[k] = true;
        i = e + 1;
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (drop[i]) {
            free(c[i].h.number);
            free(c[i].h.title);
        } else {
            c[kept++] = c[i];
        }
    }
    free(twin);
    free(drop);
    return kept;
}

static size_t find_headings(const struct mn_rules *rules, const struct mn_lines *l,
                            size_t wide, struct heading **out)
{
    struct mn_match m;
    mn_match_init(&m);
    struct candidate *cand = NULL;
    size_t ncand = 0, alloc = 0;
    for (size_t i = 0; i < l->n; i++) {
        const char *s = l->v[i].text;
        if (continues_above(l, i, wide))
            continue;
        bool from_bullet = is_bullet(s);
        if (from_bullet)
            s += BULLET_LEN;
        struct mn_buf joined = MN_BUF_INIT;
        size_t title_line = 0;
        /* the number on a line of its own, its title on the next ("1." / "Budget"); a heading
         * stands apart from the text above it, and a section label is no title ("... ved
         * udgangen af" / "2013." / "" / "Økonomiske konsekvenser", Ballerup) */
        bool apart = i == 0 || !l->v[i - 1].text[0] || l->v[i - 1].page != l->v[i].page;
        if (apart && is_bare_number(s) && i + 1 < l->n) {
            size_t j = i + 1;
            if (!l->v[j].text[0] && j + 1 < l->n)
                j++;
            if (seg_match(rules, "section", l->v[j].text, &m))
                continue;
            mn_buf_addf(&joined, "%s %s", s, l->v[j].text);
            s = joined.buf;
            title_line = j;
        }
        bool hit = seg_match(rules, "item", s, &m);
        char *number = hit ? mn_match_dup(&m, "number") : NULL;
        char *title = hit ? mn_match_dup(&m, "title") : NULL;
        bool paren = paren_number_len(s) > 0;
        mn_buf_release(&joined); /* the match pointed into it: copied out above */
        if (!hit)
            continue;
        if (number && title && title_shaped(title)) {
            MN_GROW(cand, ncand + 1, alloc);
            cand[ncand].h.line = title_line ? title_line : i;
            cand[ncand].h.number_line = i;
            cand[ncand].h.number = number;
            cand[ncand].h.title = seg_tabs_to_spaces(title);
            cand[ncand].from_bullet = from_bullet;
            cand[ncand].in_list = under_list_line(rules, l, i, &m);
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
    size_t n = choose_chain(cand, ncand, out);
    free(cand);
    return n;
}

/* ---- building sections ---- */

struct builder {
    const struct mn_rules *rules;
    size_t wide; /* a line this long (code points) or longer was wrapped, not ended */
    size_t last_len;
    bool last_colon; /* the last line ended in ':' */
    bool last_leads; /* the last line leads into a list: ':', ',' or "at" at its end */
    bool glyphless;  /* the open list's entries came without a glyph ("1. ...", "at ...") */
    struct mn_section sec;
    struct mn_buf text; /* paragraphs, "\n\n" between */
    struct mn_buf flat; /* paragraphs and bullets in order, for the decision */
    struct mn_buf order; /* 'P' a paragraph, 'B' a bullet, in document order (resolve.h) */
    bool para_open;
    bool bullet_open;
    bool active;
    size_t slot; /* index of the section in the item */
};

/* What build_item keeps of each section beside the section itself, by slot. */
struct section_texts {
    struct mn_strings flat;  /* paragraphs and bullets in order, for the decision */
    struct mn_strings order; /* the blocks' order string (resolve.h) */
};

/* Starts a section and reserves its slot in the item, so that a section suspended while
 * an inserted one runs (see build_item) still lands in document order. */
static void builder_start(struct builder *b, struct mn_item *it, struct section_texts *tx,
                          const char *kind, const char *heading)
{
    const struct mn_rules *rules = b->rules;
    size_t wide = b->wide;
    memset(b, 0, sizeof *b);
    b->rules = rules;
    b->wide = wide;
    mn_buf_init(&b->text, 0);
    mn_buf_init(&b->flat, 0);
    mn_buf_init(&b->order, 0);
    b->sec.kind = xstrdup(kind);
    b->sec.heading = heading ? xstrdup(heading) : NULL;
    b->active = true;
    MN_GROW(it->sections, it->nsections + 1, it->sections_alloc);
    memset(&it->sections[it->nsections], 0, sizeof it->sections[0]);
    b->slot = it->nsections++;
    mn_strings_push(&tx->flat, "");
    mn_strings_push(&tx->order, "");
}




/* A line the section rules take for a label, but which is a sentence wrapped onto the next
 * line: long (six words or more), no colon in it, and the next line goes on in lower
 * case ("Sagen indeholder samtidig opfølgning på Byrådets beslutning den 29. januar 2024" /
 * "om en redegørelse ..."). Real labels are short or are followed by a new sentence. */
static bool label_is_prose(const struct mn_lines *l, size_t i, size_t to)
{
    const char *s = l->v[i].text;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    /* a lower-case line under a sentence that goes on is that sentence's end ("... forholde
     * sig i" / "sagen."), not a label */
    if (n > 0 && seg_starts_lower(s) && i > 0 && l->v[i - 1].text[0] && !seg_ends_sentence(l->v[i - 1].text))
        return true;
    /* "Beslutning: Udvalget godkendte ..." wraps like prose and is still a label */
    if (n == 0 || memchr(s, ':', n) || i + 1 >= to || !seg_starts_lower(l->v[i + 1].text))
        return false;
    int words = 1;
    for (size_t k = 0; k < n; k++)
        words += s[k] == ' ' && k + 1 < n && s[k + 1] != ' ';
    return words >= 6;
}

/* True while a parenthesis opened in 's' has not closed: the entry goes on. */
static bool open_paren(const char *s)
{
    int depth = 0;
    for (; *s; s++)
        depth += *s == '(' ? 1 : *s == ')' && depth > 0 ? -1 : 0;
    return depth > 0;
}


/* A line that ends a paragraph without a blank line after it: clearly shorter than the
 * text's wrapped lines, and the next starts like a sentence (Ballerup's "Sagsnr.: ..." /
 * "Dok.nr.: ...", a sub-heading "Budget 2020" above its paragraph). */
static bool ended_short(const struct builder *b, const char *next)
{
    /* a line ending in ':' leads into what follows ("med denne bemærkning:") */
    bool url = strncmp(next, "http", 4) == 0 || strncmp(next, "www.", 4) == 0;
    return b->wide > 0 && b->last_len > 0 && b->last_len * 10 < b->wide * 6 &&
           (seg_starts_upper(next) || url) && !b->last_colon;
}

/* True when the first word of 'next' would have fitted on the line before it: the break
 * before 'next' was the author's, not the typesetter's. Measured in code points against the
 * column width, with a tenth of it to spare for proportional type. */
static bool would_have_fit(const struct builder *b, const char *next)
{
    size_t bytes = strcspn(next, " \t"), word = mn_utf8_strlen(next, bytes);
    return b->wide > 0 && b->last_len > 0 && (b->last_len + 1 + word) * 10 <= b->wide * 9;
}

/* The text s[0, n) leads into a list: it ends in ':', ',' or the word "at" ("Direktionen
 * indstiller, at"). */
static bool leads_into_list(const char *s, size_t n)
{
    return n > 0 && (s[n - 1] == ':' || s[n - 1] == ',' ||
                     ((n == 2 || (n > 2 && s[n - 3] == ' ')) && strncmp(s + n - 2, "at", 2) == 0));
}

static void add_text_line(struct builder *b, const char *s)
{
    bool row = is_row(s);
    struct mn_match m;
    mn_match_init(&m);
    if (b->para_open && (ended_short(b, s) || seg_match(b->rules, "entry", s, &m)))
        b->para_open = false;
    /* a sentence ended where the next line's first word would have fitted: the author broke
     * the line, a paragraph ends ("... skal der vælges en suppleant." / "Karl Nielsen ...") */
    if (b->para_open && !row && b->text.len > 0 && strchr(".!?", b->text.buf[b->text.len - 1]) &&
        would_have_fit(b, s) && seg_starts_upper(s) && !mn_isdigit((unsigned char)s[0]))
        b->para_open = false;
    /* a Bilag list without bullets: a line is an attachment of its own, unless the one
     * before it was full (a long title wrapped) */
    if (b->para_open && !row && strcmp(b->sec.kind, "attachments") == 0 &&
        (b->wide == 0 || would_have_fit(b, s)))
        b->para_open = false;
    mn_match_release(&m);
    size_t len = seg_cp_len(s);
    if (b->bullet_open && !row && b->sec.bullets.n > 0) {
        char **last = &b->sec.bullets.v[b->sec.bullets.n - 1];
        /* a number at the start of a line is no sign of a new sentence ("... for" / "2025") */
        bool ended = seg_ends_sentence(*last) || ended_short(b, s) ||
                     (would_have_fit(b, s) && !mn_isdigit((unsigned char)s[0]));
        if (open_paren(*last) || !(ended && seg_starts_upper(s))) {
            struct mn_buf nb = MN_BUF_INIT;
            mn_buf_adds(&nb, *last);
            mn_buf_addch(&nb, ' ');
            mn_buf_adds(&nb, s);
            free(*last);
            *last = mn_buf_detach(&nb, NULL);
            mn_buf_addch(&b->flat, ' ');
            mn_buf_adds(&b->flat, s);
            b->last_len = len;
            return;
        }
        b->bullet_open = false;
    }
    if (b->para_open) {
        /* "og/" + "eller" is one word broken at its slash */
        bool slash = b->text.len > 0 && b->text.buf[b->text.len - 1] == '/';
        if (!slash || row) {
            mn_buf_addch(&b->text, row ? '\n' : ' ');
            mn_buf_addch(&b->flat, row ? '\n' : ' ');
        }
    } else {
        if (b->text.len)
            mn_buf_adds(&b->text, "\n\n");
        if (b->flat.len)
            mn_buf_adds(&b->flat, "\n\n");
        b->para_open = true;
        mn_buf_addch(&b->order, 'P');
    }
    mn_buf_adds(&b->text, s);
    mn_buf_adds(&b->flat, s);
    b->last_len = len;
    size_t n = strlen(s);
    b->last_colon = n > 0 && s[n - 1] == ':';
    b->last_leads = leads_into_list(s, n);
}

/* A list entry without a glyph ([point] rules: "1. dagsordenen godkendes", "at planen
 * godkendes") is one where a list can be: after a line that leads into one ("indstiller,
 * at"), after another such entry, or anywhere in a Bilag section. Elsewhere it is prose: a
 * numbered paragraph, a wrapped line that happens to start with an ordinal. Never in a
 * decision: there "4. anbefales" answers the recommendation's point 4, and the number is the
 * content. Returns the entry's text (borrowed from 's') or NULL. */
static const char *glyphless_entry(const struct builder *b, const char *s, struct mn_match *m)
{
    bool place = b->last_leads || (b->bullet_open && b->glyphless) ||
                 strcmp(b->sec.kind, "attachments") == 0;
    const struct mn_rule *r;
    if (!place || strcmp(b->sec.kind, "decision") == 0 ||
        !(r = mn_rules_match_kind(b->rules, "point", s, strlen(s), m)))
        return NULL;
    /* an unnumbered "at ..." clause is a point of a recommendation only */
    if (strcmp(mn_rule_name(r), "clause") == 0 && strcmp(b->sec.kind, "recommendation") != 0)
        return NULL;
    const char *text = NULL;
    size_t len = 0;
    if (!mn_match_group(m, "text", &text, &len) || len == 0)
        return NULL;
    return text;
}

static void add_bullet(struct builder *b, const char *s)
{
    b->para_open = false;
    b->last_len = seg_cp_len(s) + 2;
    mn_strings_push(&b->sec.bullets, s);
    mn_buf_addch(&b->order, 'B');
    if (b->flat.len)
        mn_buf_adds(&b->flat, b->bullet_open ? "\n" : "\n\n");
    mn_buf_adds(&b->flat, s);
    b->bullet_open = true;
}

static void add_blank(struct builder *b)
{
    b->last_len = 0;
    b->para_open = false;
    b->bullet_open = false;
}

/* Closes the section into its slot; remembers its flat text for the decision. */
static void builder_finish(struct builder *b, struct mn_item *it, struct section_texts *tx)
{
    if (!b->active)
        return;
    b->sec.text = mn_buf_detach(&b->text, NULL);
    it->sections[b->slot] = b->sec;
    free(tx->flat.v[b->slot]);
    tx->flat.v[b->slot] = mn_buf_detach(&b->flat, NULL);
    free(tx->order.v[b->slot]);
    tx->order.v[b->slot] = mn_buf_detach(&b->order, NULL);
    b->active = false;
}

/* Splits "Label: rest" into the heading (no trailing colon) and the rest. */
static char *label_heading(const char *line, struct mn_match *m, char **rest)
{
    const char *r;
    size_t rl;
    *rest = NULL;
    size_t hl = strlen(line);
    if (mn_match_group(m, "rest", &r, &rl)) {
        hl = (size_t)(r - line);
        if (rl)
            *rest = xstrndup(r, rl);
    }
    while (hl > 0 && (line[hl - 1] == ' ' || line[hl - 1] == ':' || line[hl - 1] == '\t'))
        hl--;
    return seg_tabs_to_spaces(xstrndup(line, hl));
}

/* Length of a point's number mark ("1. ", "2) "), 0 when it has none. */
static size_t point_mark_len(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && i < 2 && mn_isdigit((unsigned char)p[i]))
        i++;
    if (i == 0 || i + 1 >= n || (p[i] != '.' && p[i] != ')') || p[i + 1] != ' ')
        return 0;
    return i + 2;
}

/* The paragraphs after an Indstilling's first one are its points when that one leads into
 * them ("..., at", "...:") or when each is marked as one ("1) ...", "at ..."); otherwise they
 * are prose ("Administrationen indstiller at dagsordenen godkendes." / "Det nødvendige
 * materiale er udsendt efter fristen."). 'rest' is the text after the first paragraph. */
static bool paragraphs_are_points(const char *intro, const char *rest)
{
    size_t n = strlen(intro);
    while (n > 0 && intro[n - 1] == ' ')
        n--;
    if (leads_into_list(intro, n))
        return true;
    for (const char *p = rest; *p;) {
        const char *e = strstr(p, "\n\n");
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (point_mark_len(p, len) == 0 && strncmp(p, "at ", 3) != 0)
            return false;
        p += len + (e ? 2 : 0);
    }
    return true;
}

static const char *toc_group(const struct mn_doc *doc, const char *number)
{
    for (size_t i = 0; i < doc->toc_numbers.n; i++)
        if (strcmp(doc->toc_numbers.v[i], number) == 0 && doc->toc_groups.v[i][0])
            return doc->toc_groups.v[i];
    return NULL;
}

/* True when every paragraph of 'text' starts as an attachment entry does ("2012-208960 -
 * ...", "Bilag 3: ..."): a list of entries, not a list item that lost its bullet. */
static bool all_entries(const struct mn_rules *rules, const char *text, struct mn_match *m)
{
    for (const char *p = text; *p;) {
        const char *e = strstr(p, "\n\n");
        size_t n = e ? (size_t)(e - p) : strlen(p);
        char *para = xstrndup(p, n);
        bool ok = seg_match(rules, "entry", para, m);
        free(para);
        if (!ok)
            return false;
        p += n + (e ? 2 : 0);
    }
    return true;
}

/* Line i of [from, to) is a recommendation's intro that stands without an Indstilling label
 * above it ("Direktionen indstiller," / "at ..." / "at ..."): the [intro] rules take it, it
 * leads into a list, and the next line is a point (a bullet, "at ...", "1) ..."). */
static bool unlabelled_intro(const struct mn_rules *rules, const struct mn_lines *l, size_t i,
                             size_t to, struct mn_match *m)
{
    const char *s = l->v[i].text;
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    if (!leads_into_list(s, n) || !seg_match(rules, "intro", s, m))
        return false;
    size_t j = seg_next_nonblank(l, i + 1, to);
    if (j >= to)
        return false;
    const char *p = l->v[j].text;
    if (!(is_bullet(p) || strncasecmp(p, "at ", 3) == 0 || point_mark_len(p, strlen(p)) > 0 ||
          paren_number_len(p) > 0))
        return false;
    /* a list inside the case's presentation, when the item's own Indstilling comes later */
    for (size_t k = j; k < to; k++)
        if (l->v[k].text[0] && seg_match(rules, "section", l->v[k].text, m) &&
            strcmp(mn_rule_name(m->rule), "recommendation") == 0)
            return false;
    return true;
}

static bool item_has_kind(const struct mn_item *it, const char *kind)
{
    for (size_t k = 0; k < it->nsections; k++)
        if (it->sections[k].kind && strcmp(it->sections[k].kind, kind) == 0)
            return true;
    return false;
}

/* Line i is a label the lexicon does not know but the type shows: a short bold line, no
 * sentence, in a document whose text around it is not bold ("Tidsplan", "Øvrige forhold",
 * "Miljøvurdering" set like the known labels). Only a section that records something
 * (decision, recommendation, attachments, another label's section) ends at it: inside the
 * case's presentation a bold line is as often a sub-heading of its text. */
static bool typeset_label(const struct mn_rules *rules, const struct mn_lines *l, size_t i,
                          size_t to, struct mn_match *m)
{
    const struct mn_line *ln = &l->v[i];
    const char *s = ln->text;
    size_t n = strlen(s);
    if (!ln->bold || n == 0 || n > 60 || !seg_starts_upper(s) || mn_isdigit((unsigned char)*s) ||
        strchr(".,;!?", s[n - 1]) || is_bullet(s) || strchr(s, '\t'))
        return false;
    int words = 1;
    for (size_t k = 0; k + 1 < n; k++)
        words += s[k] == ' ' && s[k + 1] != ' ';
    if (words > 6)
        return false;
    size_t j = seg_next_nonblank(l, i + 1, to);
    if (j >= to || l->v[j].bold || l->v[j].page != ln->page)
        return false;
    return !seg_match(rules, "verdict", s, m) && !seg_match(rules, "resolution", s, m) &&
           !seg_match(rules, "item", s, m);
}

static void build_item(const struct mn_rules *rules, struct mn_doc *doc, struct mn_item *it,
                       size_t from, size_t to, size_t wide, bool unlabelled, char **group,
                       struct mn_match *m)
{
    const struct mn_lines *l = &doc->lines;
    struct builder b = {.rules = rules, .wide = wide};
    struct builder host = {0}; /* the section an attachment list interrupted, if any */
    struct section_texts tx = {0};
    for (size_t i = from; i < to; i++) {
        const char *s = l->v[i].text;
        if (!*s) {
            add_blank(&b);
            continue;
        }
        if (seg_match(rules, "group", s, m)) {
            free(*group);
            *group = mn_match_dup_or(m, "name", s);
            continue;
        }
        /* "Indstilling" / "Administrationen indstiller": the second is the first's intro */
        if (seg_match(rules, "section", s, m) && !label_is_prose(l, i, to) &&
            !(b.active && strcmp(b.sec.kind, "recommendation") == 0 && b.text.len == 0 &&
              b.sec.bullets.n == 0 && strcmp(mn_rule_name(m->rule), "recommendation") == 0)) {
            char *rest;
            char *heading = label_heading(s, m, &rest);
            const char *kind = mn_rule_name(m->rule);
            bool inserted = strcmp(kind, "attachments") == 0;
            if (inserted && b.active && strcmp(b.sec.kind, "attachments") != 0 && !host.active) {
                /* an attachment list inside a section's list (Ballerup: "b. ...", its Bilag,
                 * "c. ..."): the section goes on after it */
                host = b;
                b.active = false;
            } else {
                builder_finish(&b, it, &tx);
                if (!inserted)
                    builder_finish(&host, it, &tx);
            }
            builder_start(&b, it, &tx, kind, heading);
            free(heading);
            if (rest) {
                add_text_line(&b, rest);
                free(rest);
            }
            continue;
        }
        if (b.active && !doc->is_text && !host.active &&
            (!strcmp(b.sec.kind, "decision") || !strcmp(b.sec.kind, "recommendation") ||
             !strcmp(b.sec.kind, "attachments") || !strcmp(b.sec.kind, "other")) &&
            (b.text.len > 0 || b.sec.bullets.n > 0) && typeset_label(rules, l, i, to, m)) {
            builder_finish(&b, it, &tx);
            builder_start(&b, it, &tx, "other", s);
            continue;
        }
        if (is_bullet(s) && host.active && strcmp(b.sec.kind, "attachments") == 0 &&
            b.text.len > 0 && !b.para_open && b.sec.bullets.n == 0 &&
            all_entries(rules, b.text.buf, m)) {
            /* the list resumes after its attachment entries: back to the section it is in */
            builder_finish(&b, it, &tx);
            b = host;
            host.active = false;
        }
        /* "Direktionen indstiller," and its points, with no label above them: a
         * recommendation, unless the item has one or the line is inside a decision (a
         * committee's earlier recommendation quoted there) */
        if ((!b.active || !strcmp(b.sec.kind, "text") || !strcmp(b.sec.kind, "presentation") ||
             !strcmp(b.sec.kind, "summary") || !strcmp(b.sec.kind, "background")) &&
            !b.para_open && !host.active && !(b.active && !strcmp(b.sec.kind, "recommendation")) &&
            !item_has_kind(it, "recommendation") && unlabelled_intro(rules, l, i, to, m)) {
            builder_finish(&b, it, &tx);
            builder_start(&b, it, &tx, "recommendation", NULL);
            add_text_line(&b, s);
            continue;
        }
        if (!b.active)
            builder_start(&b, it, &tx, "text", NULL);
        const char *entry;
        if (is_bullet(s)) {
            add_bullet(&b, s + BULLET_LEN + paren_number_len(s + BULLET_LEN));
            b.glyphless = false;
        } else if ((entry = glyphless_entry(&b, s, m))) {
            add_bullet(&b, entry);
            b.glyphless = true;
        } else {
            add_text_line(&b, s);
        }
    }
    builder_finish(&b, it, &tx);
    builder_finish(&host, it, &tx);

    /* the case's earlier decisions are history, not this meeting's decision */
    mn_history_demote(rules, doc->meeting.date, it);

    /* recommendation, attachments, decision */
    struct mn_buf decision = MN_BUF_INIT;
    bool has_decision = false;
    for (size_t k = 0; k < it->nsections; k++) {
        struct mn_section *sec = &it->sections[k];
        if (strcmp(sec->kind, "recommendation") == 0) {
            it->has_recommendation = true;
            if (!it->rec_intro && sec->bullets.n == 0 && strncmp(sec->text, "at ", 3) == 0) {
                /* under a label that is itself the intro ("Forvaltningen indstiller"), each
                 * paragraph is a point: "at dagsordenen godkendes." */
                for (const char *p = sec->text; *p;) {
                    const char *e = strstr(p, "\n\n");
                    size_t n = e ? (size_t)(e - p) : strlen(p);
                    mn_strings_push_take(&it->rec_points, xstrndup(p, n));
                    p += n + (e ? 2 : 0);
                }
            } else if (!it->rec_intro) {
                /* the intro is the paragraph that leads the points */
                const char *t = sec->text;
                const char *end = strstr(t, "\n\n");
                it->rec_intro = end ? xstrndup(t, (size_t)(end - t)) : xstrdup(t);
                if (sec->bullets.n == 0 && end && !paragraphs_are_points(it->rec_intro, end + 2)) {
                    /* a whole sentence and prose after it: no points, all of it leads */
                    free(it->rec_intro);
                    it->rec_intro = xstrdup(t);
                } else if (sec->bullets.n == 0 && end) {
                    /* points written as paragraphs ("1) ...", "at ...") */
                    for (const char *p = end + 2; *p;) {
                        const char *e = strstr(p, "\n\n");
                        size_t n = e ? (size_t)(e - p) : strlen(p);
                        size_t mark = point_mark_len(p, n);
                        if (n > mark)
                            mn_strings_push_take(&it->rec_points, xstrndup(p + mark, n - mark));
                        p += n + (e ? 2 : 0);
                    }
                }
            }
            for (size_t j = 0; j < sec->bullets.n; j++)
                mn_strings_push(&it->rec_points, sec->bullets.v[j]);
        } else if (strcmp(sec->kind, "attachments") == 0) {
            for (const char *p = sec->text; *p;) {
                const char *e = strstr(p, "\n\n");
                size_t n = e ? (size_t)(e - p) : strlen(p);
                char *entry = xstrndup(p, n);
                if (n && !seg_match(rules, "nothing", entry, m))
                    mn_strings_push_take(&it->attachments, entry);
                else
                    free(entry);
                p += n + (e ? 2 : 0);
            }
            for (size_t j = 0; j < sec->bullets.n; j++)
                if (!seg_match(rules, "nothing", sec->bullets.v[j], m))
                    mn_strings_push(&it->attachments, sec->bullets.v[j]);
        } else if (strcmp(sec->kind, "decision") == 0 && tx.flat.v[k][0]) {
            /* an agenda's empty "Beslutning" field records nothing: the decision stays null */
            if (has_decision)
                mn_buf_adds(&decision, "\n\n");
            mn_buf_adds(&decision, tx.flat.v[k]);
            has_decision = true;
        }
    }
    /* minutes without section labels: the paragraphs that record a resolution */
    if (unlabelled && !has_decision && tx.order.n == 1 &&
        mn_resolve_item(rules, it, tx.order.v[0], m))
        has_decision = true;
    if (!has_decision && it->nsections > 0 && strcmp(it->sections[0].kind, "text") == 0 &&
        it->sections[0].bullets.n == 0 && !strstr(it->sections[0].text, "\n\n") &&
        seg_match(rules, "verdict", it->sections[0].text, m)) {
        mn_buf_adds(&decision, it->sections[0].text);
        has_decision = true;
    }
    if (has_decision && !it->decision)
        it->decision = mn_buf_detach(&decision, NULL);
    mn_buf_release(&decision);
    mn_strings_release(&tx.flat);
    mn_strings_release(&tx.order);
}






/* Line 'next' ends the heading on line 'head': the heading filled its line, and 'next' is a
 * short line on the same page, no sentence nor "Label: value", alone before a gap, a label or
 * the item's end ("12. Høring om kommuneplantillæg for boligområdet ved Hundige" / "Strand").
 * Body text under a heading is set apart by a gap, or goes on for more than a line. */
/* Line i runs to the right edge of its page's text (within 2% of its width): it was wrapped,
 * not ended. False when the lines carry no position (plain text). */
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

/* The body text's type size: the median line size, 0 when lines carry none (plain text). */
static double median_size(const struct mn_lines *l)
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

/* Keeps the lines from 'from' to the end of the document, paragraphs kept, in one
 * "unplaced_text" warning on 'page' that starts with 'what'; none when they are all blank. */
static void warn_unplaced_lines(struct mn_doc *doc, size_t from, int page, const char *what)
{
    struct mn_buf u = MN_BUF_INIT;
    bool new_para = true;
    for (size_t i = from; i < doc->lines.n; i++) {
        if (!doc->lines.v[i].text[0]) {
            new_para = true;
            continue;
        }
        seg_unplaced(&u, doc->lines.v[i].text, new_para);
        new_para = false;
    }
    if (u.len)
        mn_doc_warn(doc, "unplaced_text", page, "%s: %s", what, u.buf);
    mn_buf_release(&u);
}

/* A document that is no meeting document (kind.h): no items and no meeting fields are
 * invented; all its text is kept in one "unplaced_text" warning instead. */
static void not_a_meeting(struct mn_doc *doc, const char *why)
{
    mn_doc_clear_items(doc);
    mn_doc_clear_meeting(doc);
    free(doc->case_number);
    free(doc->document_number);
    doc->case_number = doc->document_number = NULL;
    mn_doc_drop_warnings(doc, "unplaced_text");
    mn_doc_drop_warnings(doc, "item_sequence");
    mn_doc_warn(doc, "not_minutes", 0, "%s", why);
    warn_unplaced_lines(doc, 0, 0, "text of a document that is no meeting document");
}

/* A line of a signature block laid out in columns ("Daniel Hermansen<tab>Lars Bo Jensen"):
 * cells, the first of which reads like a person's name. */
static bool signature_row(const char *s)
{
    const char *tab = strchr(s, '\t');
    if (!tab)
        return false;
    char *first = xstrndup(s, (size_t)(tab - s));
    bool person = seg_person_like(first);
    free(first);
    return person;
}

/* Where the minutes end: the first line of [from, to) that starts a paragraph and that the
 * [closing] rules take ("Formanden takkede for god ro og orden.", "Referent:"), or where a
 * signature block of two rows or more that runs to the end of the document starts; 'to'
 * when there is none. What follows belongs to no item. */
static size_t minutes_end(const struct mn_rules *rules, const struct mn_lines *l, size_t from,
                          size_t to, struct mn_match *m)
{
    size_t sig = to, rows = 0;
    for (size_t i = to; i > from; i--) {
        const char *s = l->v[i - 1].text;
        if (!*s)
            continue;
        if (!signature_row(s))
            break;
        sig = i - 1;
        rows++;
    }
    if (rows < 2)
        sig = to;
    for (size_t i = from; i < sig; i++) {
        const char *s = l->v[i].text;
        if (!*s)
            continue;
        bool starts_para = i == from || !l->v[i - 1].text[0] || seg_ends_sentence(l->v[i - 1].text) ||
                           l->v[i - 1].page != l->v[i].page;
        if (starts_para && seg_match_at_start(rules, "closing", s, m))
            return i;
    }
    return sig;
}

/* True when no line under the item headings is a section label: minutes without labels,
 * whose decisions are the paragraphs that record a resolution (segment/resolve.h). */
static bool no_section_labels(const struct mn_rules *rules, const struct mn_lines *l,
                              size_t from, size_t to, struct mn_match *m)
{
    for (size_t i = from; i < to; i++)
        if (l->v[i].text[0] && seg_match(rules, "section", l->v[i].text, m) && !label_is_prose(l, i, to))
            return false;
    return true;
}

/* An item headed like a header field of people ("§1 Til stede:", "Fremmødte") whose entries
 * are names: the meeting's participants, when the header named none. Entries keep their list
 * punctuation in the item ("Alexander Scheurer;"), not in the names. */
static void participants_from_item(const struct mn_rules *rules, struct mn_doc *doc,
                                   const struct mn_item *it, struct mn_match *m)
{
    const struct mn_rule *r = mn_rules_match_kind(rules, "header", it->title, strlen(it->title), m);
    if (!r || strcmp(mn_rule_name(r), "participants") != 0 || doc->meeting.participants.n > 0 ||
        it->nsections != 1 || it->sections[0].bullets.n < 2)
        return;
    struct mn_buf list = MN_BUF_INIT;
    const struct mn_strings *b = &it->sections[0].bullets;
    for (size_t k = 0; k < b->n; k++) {
        char *e = xstrdup(b->v[k]);
        size_t n = strlen(e);
        while (n > 0 && strchr(" ;,.", e[n - 1]))
            n--;
        if (n >= 4 && strcmp(e + n - 3, " og") == 0)
            n -= 3;
        while (n > 0 && strchr(" ;,.", e[n - 1]))
            n--;
        e[n] = '\0';
        if (*e && seg_person_like(e)) {
            if (list.len)
                mn_buf_adds(&list, ", ");
            mn_buf_adds(&list, e);
        }
        free(e);
    }
    if (list.len)
        mn_fields_people(rules, list.buf, &doc->meeting.participants);
    mn_buf_release(&list);
}

int mn_segment_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err)
{
    (void)err;
    const struct mn_rules *rules = ctx->rules;
    const struct mn_lines *l = &doc->lines;
    struct mn_match m;
    mn_match_init(&m);
    size_t wide = mn_lines_column_width(l);
    struct heading *h = NULL;
    size_t nh = find_headings(rules, l, wide, &h);
    char *group = NULL;
    double body_size = median_size(l);

    struct mn_kind_evidence ev = {0};
    mn_header_read(rules, doc, nh ? h[0].number_line : l->n, wide, &group, &ev, &m);
    size_t end = nh ? minutes_end(rules, l, h[nh - 1].line + 1, l->n, &m) : l->n;
    /* minutes without labels, when the header says this is a meeting's: a report's numbered
     * chapters hold words like "vedtaget" too */
    bool standard = false; /* "Valg af dirigent", "Eventuelt": only meetings have them */
    for (size_t k = 0; k < nh && !standard; k++)
        standard = seg_match(rules, "standard", h[k].title, &m);
    bool unlabelled = nh > 0 && (ev.title_kind || ev.meeting_fields || standard) &&
                      no_section_labels(rules, l, h[0].line + 1, end, &m);

    doc->items = nh ? xcalloc(nh, sizeof *doc->items) : NULL;
    doc->items_alloc = nh;
    for (size_t k = 0; k < nh; k++) {
        struct mn_item *it = &doc->items[doc->nitems++];
        size_t from = h[k].line + 1, to = k + 1 < nh ? h[k + 1].number_line : end;
        it->number = h[k].number;
        it->order = (int)k + 1;
        it->page = doc->is_text ? 0 : l->v[h[k].number_line].page;
        it->is_public = true;
        /* a title wrapped over lines: the next line goes on in lower case, this one
         * cannot end where it does ("... sekretariatsfunktion på", "(tale/"), the next is
         * set in the heading's own larger type, or it is the short tail of a full line */
        for (int wraps = 0; wraps < 3 && from < to && strlen(h[k].title) > 20; wraps++) {
            const char *next = l->v[from].text;
            bool open_end = seg_match(rules, "wrap", h[k].title, &m) ||
                            same_heading_type(&l->v[h[k].line], &l->v[from], body_size) ||
                            (wraps == 0 && title_tail(rules, l, h[k].line, from, to, wide, &m));
            /* a lower-case line is no section label: "... materiale til" / "beslutning" */
            if (!next[0] || is_bullet(next) || strlen(next) >= 100 ||
                (seg_starts_upper(next) && (!open_end || seg_match(rules, "section", next, &m))))
                break;
            size_t tl = strlen(h[k].title);
            seg_append(&h[k].title, next, tl && h[k].title[tl - 1] == '/' ? "" : " ");
            from++;
        }
        it->title = h[k].title;
        if (mn_rules_match_kind(rules, "closed", it->title, strlen(it->title), &m)) {
            it->is_public = false;
            cut_mark(it->title, &m);
        } else if (mn_rules_match_kind(rules, "open", it->title, strlen(it->title), &m)) {
            cut_mark(it->title, &m); /* "(Åben)": public is the default */
        } else {
            /* the mark before the number: "Lukket punkt 12: Personalesag" */
            const char *hl = l->v[h[k].number_line].text;
            size_t a, e;
            if (seg_match_at_start(rules, "closed", hl, &m)) {
                mn_match_span(&m, &a, &e);
                if (mn_isdigit((unsigned char)hl[e]))
                    it->is_public = false;
            }
        }
        /* the mark on a line of its own under the heading ("Lukket sag"): the line stays in
         * the item's text, the item is closed */
        size_t first = seg_next_nonblank(l, from, to);
        if (it->is_public && first < to) {
            const char *fl = doc->lines.v[first].text;
            size_t a, e, fn = strlen(fl);
            while (fn > 0 && (fl[fn - 1] == ' ' || fl[fn - 1] == '.'))
                fn--;
            if (mn_rules_match_kind(rules, "closed", fl, fn, &m)) {
                mn_match_span(&m, &a, &e);
                if (a == 0 && e >= fn)
                    it->is_public = false;
            }
        }
        if (group)
            it->group = xstrdup(group);
        else if (toc_group(doc, it->number))
            it->group = xstrdup(toc_group(doc, it->number));
        build_item(rules, doc, it, from, to, wide, unlabelled, &group, &m);
        participants_from_item(rules, doc, it, &m);
    }
    if (end < l->n)
        warn_unplaced_lines(doc, end, l->v[end].page,
                            "text after the last item that belongs to no item");
    free(h);
    free(group);

    ev.nitems = doc->nitems;
    for (size_t k = 0; k < doc->nitems; k++) {
        const struct mn_item *it = &doc->items[k];
        ev.standard_titles |= seg_match(rules, "standard", it->title, &m);
        ev.any_decision |= it->decision != NULL;
        for (size_t j = 0; j < it->nsections; j++)
            ev.labelled_items |= it->sections[j].heading &&
                                 (strcmp(it->sections[j].kind, "decision") == 0 ||
                                  strcmp(it->sections[j].kind, "recommendation") == 0 ||
                                  strcmp(it->sections[j].kind, "attachments") == 0 ||
                                  strcmp(it->sections[j].kind, "presentation") == 0);
    }
    const char *why;
    bool is_meeting;
    const char *kind = mn_kind_decide(&ev, &why, &is_meeting);
    free(doc->kind);
    doc->kind = xstrdup(kind);
    if (!is_meeting) {
        not_a_meeting(doc, why);
    } else if (doc->nitems == 0) {
        mn_doc_warn(doc, "no_items", 0, "no agenda item was found");
    }
    /* a gap in the numbers: an item missed, or numbered so in the document ("2", then "4") */
    for (size_t k = 1; k < doc->nitems; k++) {
        const struct mn_item *a = &doc->items[k - 1], *b = &doc->items[k];
        long step = first_part(b->number) - first_part(a->number);
        if (step > 1)
            mn_doc_warn(doc, "item_sequence", b->page, "item %.20s follows item %.20s", b->number,
                        a->number);
    }
    mn_match_release(&m);
    return 0;
}
