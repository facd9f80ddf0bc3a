/* ocrfix.c: OCR misreadings corrected from the document's own vocabulary (see ocrfix.h).
 *
 * Why the document and not a dictionary alone: minutes repeat their vocabulary (the body's
 * name, "indstilles", "Styregruppe", place names), and a misread word is usually right
 * elsewhere in the same document, where a word list would offer many equally near words.
 * The rules, each for a reason:
 *   - only words on OCR pages are touched, and only words of letters (no digits, no
 *     hyphenated compounds), at least 4 letters long: short words have too many neighbours;
 *   - a word the word list knows is left alone ("før" and "for" are both words); one it only
 *     accepts as a compound may be corrected by one substituted letter ("Indstilting");
 *   - the candidate is a word the document writes at least MIN_FREQ times, at edit distance
 *     1 (2 for words of 8 letters or more), and known to the word list when there is one;
 *   - when two candidates are equally near, the more frequent wins only if it is clearly more
 *     frequent; otherwise the word is left as read.
 * Case: the candidate's own spelling is used, with the first letter's case of the word read. */
#include "ocrfix.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "buf.h"
#include "dehyphen.h"
#include "doc.h"
#include "pipeline.h"
#include "rules.h"

enum { MIN_FREQ = 2, MIN_LEN = 4, MAX_WORD = 64 };

struct vocab_word {
    char *word;  /* as written most often: owned by the table's key */
    gunichar *u; /* lowercased code points */
    glong n;
    int freq;
};

static bool is_word_char(gunichar c)
{
    return g_unichar_isalpha(c);
}

/* Levenshtein distance with a cut-off: returns > max as soon as it must be. */
static int distance(const gunichar *a, glong na, const gunichar *b, glong nb, int max)
{
    if (labs(na - nb) > max)
        return max + 1;
    int prev[MAX_WORD + 1], cur[MAX_WORD + 1];
    for (glong j = 0; j <= nb; j++)
        prev[j] = (int)j;
    for (glong i = 1; i <= na; i++) {
        cur[0] = (int)i;
        int best = cur[0];
        for (glong j = 1; j <= nb; j++) {
            int c = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < c)
                c = prev[j] + 1;
            if (cur[j - 1] + 1 < c)
                c = cur[j - 1] + 1;
            cur[j] = c;
            if (c < best)
                best = c;
        }
        if (best > max)
            return max + 1;
        memcpy(prev, cur, sizeof(int) * (size_t)(nb + 1));
    }
    return prev[nb];
}

static bool on_pages(int page, const int *pages, size_t npages)
{
    size_t lo = 0, hi = npages;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (pages[mid] == page)
            return true;
        if (pages[mid] < page)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* Calls 'fn' for every run of letters in 's': [start, end) byte offsets. */
typedef void (*word_fn)(const char *s, size_t start, size_t end, void *arg);
static void each_word(const char *s, word_fn fn, void *arg)
{
    const char *p = s;
    while (*p) {
        gunichar c = g_utf8_get_char(p);
        if (!is_word_char(c)) {
            p = g_utf8_next_char(p);
            continue;
        }
        const char *w = p;
        while (*p && is_word_char(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        /* a word glued to digits or hyphens is a code or a compound: not ours to touch */
        bool glued = (w > s && (mn_isdigit((unsigned char)w[-1]) || w[-1] == '-')) ||
                     mn_isdigit((unsigned char)*p) || *p == '-';
        if (!glued)
            fn(s, (size_t)(w - s), (size_t)(p - s), arg);
    }
}

static void count_word(const char *s, size_t start, size_t end, void *arg)
{
    GHashTable *freq = arg;
    char *w = g_strndup(s + start, end - start);
    gpointer old = g_hash_table_lookup(freq, w);
    if (old) {
        g_hash_table_insert(freq, w, GINT_TO_POINTER(GPOINTER_TO_INT(old) + 1));
    } else {
        g_hash_table_insert(freq, w, GINT_TO_POINTER(1));
    }
}

struct fix_state {
    struct vocab_word *v;
    size_t nv;
    GHashTable *freq; /* word as written → count */
    const struct mn_dict *dict;
    struct mn_buf out;
    size_t copied; /* bytes of the line already copied to out */
    size_t fixes;
};

static const struct vocab_word *best_candidate(const struct fix_state *st, const char *w,
                                               bool substitution_only)
{
    glong n = 0;
    gchar *low = g_utf8_strdown(w, -1);
    gunichar *u = g_utf8_to_ucs4_fast(low, -1, &n);
    g_free(low);
    const struct vocab_word *best = NULL, *second = NULL;
    int best_d = 99;
    int max = substitution_only ? 1 : n >= 16 ? 3 : n >= 8 ? 2 : 1;
    for (size_t i = 0; n <= MAX_WORD && i < st->nv; i++) {
        if (substitution_only && st->v[i].n != n)
            continue;
        int d = distance(u, n, st->v[i].u, st->v[i].n, max);
        if (d == 0 || d > max)
            continue;
        if (d < best_d || (d == best_d && best && st->v[i].freq > best->freq)) {
            if (d == best_d)
                second = best;
            else
                second = NULL;
            best = &st->v[i];
            best_d = d;
        } else if (d == best_d) {
            second = &st->v[i];
        }
    }
    g_free(u);
    /* a tie is only broken by a clear majority */
    if (best && second && best->freq < 2 * second->freq)
        return NULL;
    return best;
}

static void fix_word(const char *s, size_t start, size_t end, void *arg)
{
    struct fix_state *st = arg;
    char *w = g_strndup(s + start, end - start);
    glong n = g_utf8_strlen(w, -1);
    const struct vocab_word *c = NULL;
    int own = GPOINTER_TO_INT(g_hash_table_lookup(st->freq, w)); /* exact spelling */
    /* a dictionary word stays; a word hunspell only builds as a compound ("Indstilting":
     * indstil + ting) may still be a misreading, but then only of one letter for another:
     * inflections ("takstanalyse", "takstanalysen") differ in length, misreadings seldom */
    bool simple = st->dict && mn_dict_has_simple(st->dict, w);
    bool compound = !simple && st->dict && mn_dict_has(st->dict, w);
    if (n >= MIN_LEN && own < MIN_FREQ && !simple)
        c = best_candidate(st, w, compound);
    if (c) {
        mn_buf_add(&st->out, s + st->copied, start - st->copied);
        /* keep the case of the first letter as read (a sentence start, a heading) */
        gunichar first = g_utf8_get_char(w), cfirst = g_utf8_get_char(c->word);
        if (g_unichar_isupper(first) && !g_unichar_isupper(cfirst)) {
            char tmp[8];
            int k = g_unichar_to_utf8(g_unichar_toupper(cfirst), tmp);
            mn_buf_add(&st->out, tmp, (size_t)k);
            mn_buf_adds(&st->out, g_utf8_next_char(c->word));
        } else {
            mn_buf_adds(&st->out, c->word);
        }
        st->copied = end;
        st->fixes++;
    }
    g_free(w);
}

size_t mn_ocrfix_lines(struct mn_lines *lines, const int *pages, size_t npages,
                       const struct mn_dict *dict)
{
    struct fix_state st = {.dict = dict};
    st.freq = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (size_t i = 0; i < lines->n; i++)
        each_word(lines->v[i].text, count_word, st.freq);

    /* the vocabulary: frequent words, known to the word list when there is one; spellings
     * that differ in case only ("Indstilling", "indstilling") are one word, counted together
     * and written as most often */
    GHashTableIter it;
    gpointer key, val;
    size_t alloc = 0;
    GHashTable *by_low = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_hash_table_iter_init(&it, st.freq);
    while (g_hash_table_iter_next(&it, &key, &val)) {
        const char *w = key;
        int f = GPOINTER_TO_INT(val);
        glong n = g_utf8_strlen(w, -1);
        if (n < MIN_LEN || n > MAX_WORD)
            continue;
        gchar *low = g_utf8_strdown(w, -1);
        gpointer slot = g_hash_table_lookup(by_low, low);
        if (slot) {
            struct vocab_word *v = &st.v[GPOINTER_TO_SIZE(slot) - 1];
            if (f > GPOINTER_TO_INT(g_hash_table_lookup(st.freq, v->word)))
                v->word = key;
            v->freq += f;
            g_free(low);
            continue;
        }
        MN_GROW(st.v, st.nv + 1, alloc);
        st.v[st.nv].u = g_utf8_to_ucs4_fast(low, -1, &st.v[st.nv].n);
        st.v[st.nv].word = key;
        st.v[st.nv].freq = f;
        st.nv++;
        g_hash_table_insert(by_low, low, GSIZE_TO_POINTER(st.nv));
    }
    g_hash_table_destroy(by_low);
    size_t kept = 0;
    for (size_t i = 0; i < st.nv; i++) {
        bool keep = st.v[i].freq >= (dict ? MIN_FREQ : MIN_FREQ + 1) &&
                    !(dict && !mn_dict_has(dict, st.v[i].word));
        if (keep)
            st.v[kept++] = st.v[i];
        else
            g_free(st.v[i].u);
    }
    st.nv = kept;

    mn_buf_init(&st.out, 0);
    for (size_t i = 0; st.nv > 0 && i < lines->n; i++) {
        if (!on_pages(lines->v[i].page, pages, npages))
            continue;
        mn_buf_reset(&st.out);
        st.copied = 0;
        size_t before = st.fixes;
        const char *s = lines->v[i].text;
        each_word(s, fix_word, &st);
        if (st.fixes != before) {
            mn_buf_adds(&st.out, s + st.copied);
            free(lines->v[i].text);
            lines->v[i].text = mn_buf_detach(&st.out, NULL);
        }
    }
    mn_buf_release(&st.out);
    for (size_t i = 0; i < st.nv; i++)
        g_free(st.v[i].u);
    free(st.v);
    g_hash_table_destroy(st.freq);
    return st.fixes;
}

/* ---- structural repairs (issue 14) ------------------------------------------------------ */

enum { MAX_LOGGED = 8, LOG_CLIP = 50, MAX_LABEL = 48, MAX_NUMBER = 999 };

struct repair {
    const struct mn_rules *rules;
    const struct mn_dict *dict;
    const struct mn_ocr_alt *const *alts; /* the current line's other readings */
    size_t nalts;
    bool from_choices; /* the last label repair came from those readings */
    struct mn_match m;
    struct mn_buf out, tmp;
    struct mn_buf *log;
    size_t n;
    int last;       /* the last item number seen (0 = none yet: the header) */
    bool track_only; /* a text-layer line: follow the sequence, change nothing */
};

/* Appends at most 'max' characters of 's' (never a broken character). */
static void add_clipped(struct mn_buf *b, const char *s, glong max)
{
    if (g_utf8_strlen(s, -1) <= max) {
        mn_buf_adds(b, s);
        return;
    }
    const char *end = g_utf8_offset_to_pointer(s, max);
    mn_buf_add(b, s, (size_t)(end - s));
    mn_buf_adds(b, "…");
}

/* Replaces line 'l' by rp->out and logs it. */
static void commit(struct repair *rp, struct mn_line *l, const char *what)
{
    rp->n++;
    if (rp->log && rp->n <= MAX_LOGGED) {
        if (rp->log->len)
            mn_buf_adds(rp->log, "; ");
        mn_buf_addf(rp->log, "%s '", what);
        add_clipped(rp->log, l->text, LOG_CLIP);
        mn_buf_adds(rp->log, "' → '");
        add_clipped(rp->log, rp->out.buf, LOG_CLIP);
        mn_buf_addch(rp->log, '\'');
    }
    free(l->text);
    l->text = mn_buf_detach(&rp->out, NULL);
}

/* A digit as OCR may read it in a number position: l I | ! for 1, O o for 0. -1 if none. */
static int number_char(char c, bool *letter)
{
    *letter = true;
    switch (c) {
    case 'l':
    case 'I':
    case '|':
    case '!':
        return 1;
    case 'O':
    case 'o':
        return 0;
    default:
        *letter = false;
        return mn_isdigit((unsigned char)c) ? c - '0' : -1;
    }
}

/* Standing item titles of Danish minutes, for a heading's title read one or two letters off
 * ("Evi" for "Evt."): only a whole title is replaced, and only on an item heading. */
static const char *const standing_titles[] = {"Evt.", "Eventuelt", "Næste møde",
                                              "Godkendelse af dagsorden",
                                              "Godkendelse af referat", "Meddelelser", NULL};

/* The title 't' of a heading, repaired into rp->tmp: a standing title one letter off (two for
 * long ones), a stray mark at its end ("2021-2022'"). True when it changed. */
static bool repair_title(struct repair *rp, const char *t)
{
    glong n = 0;
    gunichar *u = g_utf8_to_ucs4_fast(t, -1, &n);
    const char *best = NULL;
    for (size_t i = 0; standing_titles[i] && n <= MAX_WORD; i++) {
        glong m = 0;
        gunichar *v = g_utf8_to_ucs4_fast(standing_titles[i], -1, &m);
        int max = m >= 12 ? 2 : 1;
        int d = distance(u, n, v, m, max);
        if (m > 1 && v[m - 1] == '.') { /* the dot lost with the letter: "Evi" */
            int d2 = distance(u, n, v, m - 1, max);
            d = d2 == 0 ? 0 : d2 < d ? d2 : d;
        }
        g_free(v);
        size_t tl = strlen(t), sl = strlen(standing_titles[i]);
        bool dot_only = sl == tl + 1 && strncmp(standing_titles[i], t, tl) == 0; /* "Evt" */
        if (d > 0 && d <= max && n >= 3 && !dot_only) {
            best = standing_titles[i];
            break;
        }
    }
    g_free(u);
    mn_buf_reset(&rp->tmp);
    if (best) {
        mn_buf_adds(&rp->tmp, best);
        return true;
    }
    size_t len = strlen(t);
    if (len > 2 && strchr("',;`", t[len - 1]) &&
        (g_ascii_isalnum(t[len - 2]) || t[len - 2] == ')')) {
        mn_buf_add(&rp->tmp, t, len - 1);
        return true;
    }
    return false;
}

/* Appends the heading's title 't' to rp->out, repaired where repair_title finds it off. */
static void add_title(struct repair *rp, const char *t)
{
    if (repair_title(rp, t))
        mn_buf_add(&rp->out, rp->tmp.buf, rp->tmp.len);
    else
        mn_buf_adds(&rp->out, t);
}

/* The digit a character may stand for in a number's place, by its shape (tesseract's
 * alternatives for a digit it misread are letters like these): -1 if none. */
static int digit_shape(gunichar c)
{
    if (c >= '0' && c <= '9')
        return (int)(c - '0');
    switch (c) {
    case 'l': case 'I': case '|': case '!': case 'i': case 'j': case ']': case '[': return 1;
    case 'O': case 'o': case 'D': case 'Q': return 0;
    case 'Z': case 'z': return 2;
    case 'S': case 's': return 5;
    case 'G': case 'b': return 6;
    case 'T': return 7;
    case 'B': return 8;
    case 'g': case 'q': return 9;
    default: return -1;
    }
}

static bool number_end(gunichar c)
{
    return c == '.' || c == ')' || c == ',' || c == ':' || c == ';';
}

/* The next item number read from tesseract's other readings of the line's first word (a "9."
 * read "Sy", whose symbols tesseract also weighed as "g" and ")"): the word, with a letter or
 * digit, has one symbol per digit and one more; each digit's symbol must have a candidate that
 * is, or is shaped like, that digit, and the last one a candidate that ends a number; the rest
 * of the line is a title. The number must be the next of the sequence (1 only for the first
 * heading).
 * True with rp->out set to "N. Title". */
static bool repair_item_choices(struct repair *rp, const char *s)
{
    if (rp->track_only || rp->nalts == 0)
        return false;
    int want = rp->last + 1;
    char digits[8];
    int nd = snprintf(digits, sizeof digits, "%d", want);
    for (size_t a = 0; a < rp->nalts; a++) {
        const struct mn_ocr_alt *alt = rp->alts[a];
        size_t wl = strlen(alt->word);
        if (strncmp(s, alt->word, wl) != 0 || (s[wl] != ' ' && s[wl] != '\t'))
            continue; /* not the line's first word */
        const char *t = s + wl;
        while (*t == ' ' || *t == '\t')
            t++;
        if (!*t || !g_unichar_isupper(g_utf8_get_char(t)))
            continue;
        /* the symbols' candidate lists, one per line of 'choices' */
        int nsym = 1;
        for (const char *p = alt->choices; *p; p++)
            nsym += *p == '\n';
        if (nsym != nd + 1)
            continue; /* a number alone ("\"" weighed as "1") is too weak */
        bool alnum = false;
        for (const char *p = alt->word; *p; p = g_utf8_next_char(p))
            alnum = alnum || g_unichar_isalnum(g_utf8_get_char(p));
        if (!alnum)
            continue; /* marks only: a quote, a speck */
        bool ok = true;
        const char *p = alt->choices;
        for (int k = 0; k < nsym && ok; k++) {
            bool found = false;
            for (; *p && *p != '\n'; p = g_utf8_next_char(p)) {
                gunichar c = g_utf8_get_char(p);
                found = found || (k < nd ? digit_shape(c) == digits[k] - '0' : number_end(c));
            }
            if (*p == '\n')
                p++;
            ok = found;
        }
        if (!ok)
            continue;
        mn_buf_reset(&rp->out);
        mn_buf_addf(&rp->out, "%d. ", want);
        add_title(rp, t);
        rp->last = want;
        return true;
    }
    return false;
}

/* An item heading whose number OCR mangled; rp->last follows the sequence of headings,
 * clean ones included. True with rp->out set when the line is to be replaced. */
static bool repair_item(struct repair *rp, const char *s)
{
    static const char *const prefixes[] = {"Punkt ", "Pkt. ", "Pkt "};
    size_t plen = 0;
    for (size_t i = 0; i < MN_ARRAY_SIZE(prefixes) && !plen; i++)
        if (strncmp(s, prefixes[i], strlen(prefixes[i])) == 0)
            plen = strlen(prefixes[i]);
    const char *q = s + plen;
    int v = 0;
    size_t nd = 0;
    bool letters = false, digits = false;
    for (; nd < 3; nd++) {
        bool letter;
        int d = number_char(q[nd], &letter);
        if (d < 0)
            break;
        letters = letters || letter;
        digits = digits || !letter;
        v = v * 10 + d;
    }
    if (nd == 0 || mn_isdigit((unsigned char)q[nd]) || (!digits && (q[0] == 'o' || q[0] == 'O')))
        return false; /* no number, four digits (a year), or a bullet "o" / a word */
    const char *t = q + nd;
    size_t ndot = 0, npunct = 0, nspace = 0;
    for (; *t == ' ' || *t == '\t' || *t == '.' || *t == ',' || *t == ':' || *t == ';'; t++) {
        if (*t == '.')
            ndot++;
        else if (*t == ' ' || *t == '\t')
            nspace++;
        else
            npunct++;
    }
    if (t == q + nd || !*t || !g_unichar_isupper(g_utf8_get_char(t)))
        return false; /* "lndstilling", "I dag", a number without a title */
    bool clean = !letters && npunct == 0 &&
                 ((ndot == 0 && nspace > 0) || (ndot == 1 && q[nd] == '.' && nspace > 0));
    if (plen)
        clean = !letters; /* "Punkt 3: Titel" is a form of its own */
    if (clean) {
        bool next = v == rp->last + 1 || v == 1;
        if (v >= 1 && v <= MAX_NUMBER)
            rp->last = v;
        if (next && !rp->track_only && repair_title(rp, t)) {
            mn_buf_reset(&rp->out);
            mn_buf_add(&rp->out, s, (size_t)(t - s));
            mn_buf_add(&rp->out, rp->tmp.buf, rp->tmp.len);
            return true;
        }
        return false;
    }
    if (rp->track_only || (letters && ndot + npunct == 0 && !plen))
        return false; /* "I Godkendelse": too weak without a dot */
    if (v != rp->last + 1 && !(v == 1 && (!letters || rp->last == 0)))
        return false; /* the sequence decides (1: a list restarts after the contents) */
    mn_buf_reset(&rp->out);
    mn_buf_add(&rp->out, s, plen);
    mn_buf_addf(&rp->out, "%d", v);
    if (plen)
        mn_buf_add(&rp->out, q + nd, (size_t)(t - (q + nd)));
    else
        mn_buf_adds(&rp->out, ". ");
    add_title(rp, t);
    rp->last = v;
    return true;
}

/* The letters OCR reads for a letter (cheap to try: a few per letter). */
static const char *confusions(gunichar c)
{
    switch (c) {
    case 'l': return "iIt";
    case 'I': return "li";
    case 'i': return "ljt";
    case '1': return "liI";
    case '|': return "lI";
    case '!': return "li";
    case 't': return "lfi";
    case 'f': return "t";
    case 'n': return "umhr";
    case 'u': return "na";
    case 'm': return "n";
    case 'h': return "bnk";
    case 'b': return "h";
    case 'c': return "eo";
    case 'e': return "coø";
    case 'o': return "øec";
    case '0': return "oO";
    case 'a': return "åæos";
    case 's': return "a";
    case 'r': return "nt";
    case 'g': return "q";
    case 'q': return "g";
    case 'y': return "v";
    case 'v': return "y";
    case 'k': return "h";
    case 'j': return "i";
    case 0xE5: return "aø"; /* å */
    case 0xF8: return "oå"; /* ø */
    case 0xE6: return "a";  /* æ */
    default: return "";
    }
}

/* Diacritics a thin scan loses: o for ø, a for å or æ (tried on known words too). */
static const char *diacritics(gunichar c)
{
    return c == 'o' ? "ø" : c == 'a' ? "åæ" : c == 'O' ? "Ø" : c == 'A' ? "ÅÆ" : "";
}

static bool label_char(gunichar c)
{
    return g_unichar_isalnum(c) || c == '|' || c == '!';
}

/* Tries the line with the word [ws, we) replaced by 'word' against the rules of 'kind'. */
static bool try_word(struct repair *rp, const char *s, size_t ws, size_t we, const char *word,
                     const char *kind)
{
    mn_buf_reset(&rp->tmp);
    mn_buf_add(&rp->tmp, s, ws);
    mn_buf_adds(&rp->tmp, word);
    mn_buf_adds(&rp->tmp, s + we);
    if (!mn_rules_match_kind(rp->rules, kind, rp->tmp.buf, rp->tmp.len, &rp->m))
        return false;
    mn_buf_reset(&rp->out);
    mn_buf_add(&rp->out, rp->tmp.buf, rp->tmp.len);
    return true;
}

/* Variants of the word u[0..n): one letter replaced (by a confusion, or for known words only
 * a lost diacritic) or one dropped. */
static bool try_variants(struct repair *rp, const char *s, size_t ws, size_t we,
                         const gunichar *u, glong n, bool known, const char *kind)
{
    char word[6 * (MAX_LABEL + 2)];
    for (glong i = 0; i < n; i++) {
        const char *alts = known ? diacritics(u[i]) : confusions(u[i]);
        for (const char *a = alts; *a; a = g_utf8_next_char(a)) {
            /* a label's first letter is a capital: tried first ("lndstilling") */
            for (int up = i == 0 ? 1 : 0; up >= 0; up--) {
                gunichar alt = g_utf8_get_char(a);
                if (up)
                    alt = g_unichar_toupper(alt);
                size_t len = 0;
                for (glong k = 0; k < n; k++)
                    len += (size_t)g_unichar_to_utf8(k == i ? alt : u[k], word + len);
                word[len] = '\0';
                if (try_word(rp, s, ws, we, word, kind))
                    return true;
                if (g_unichar_isupper(u[0]))
                    break;
            }
        }
        for (const char *a = "iletnr"; !known && n >= 5 && *a; a++) { /* a letter lost */
            size_t len = 0;
            for (glong k = 0; k < n; k++) {
                if (k == i)
                    word[len++] = *a;
                len += (size_t)g_unichar_to_utf8(u[k], word + len);
            }
            word[len] = '\0';
            if (try_word(rp, s, ws, we, word, kind))
                return true;
        }
        if (!known && n >= 5) { /* a speck read as a letter */
            size_t len = 0;
            for (glong k = 0; k < n; k++)
                if (k != i)
                    len += (size_t)g_unichar_to_utf8(u[k], word + len);
            word[len] = '\0';
            if (try_word(rp, s, ws, we, word, kind))
                return true;
        }
    }
    return false;
}

enum { MAX_CHOICES = 8 }; /* candidates per symbol tried */

/* The word [ws, we) of 's' read again from tesseract's other readings of it (an alternative
 * of the current line whose word is exactly that): one symbol replaced by one of its
 * candidates, then two, tried against the rules of 'kind'. */
static bool try_choices(struct repair *rp, const char *s, size_t ws, size_t we, const char *kind)
{
    const struct mn_ocr_alt *alt = NULL;
    for (size_t a = 0; a < rp->nalts && !alt; a++)
        if (strlen(rp->alts[a]->word) == we - ws &&
            strncmp(rp->alts[a]->word, s + ws, we - ws) == 0)
            alt = rp->alts[a];
    if (!alt)
        return false;
    gunichar cand[MAX_LABEL][MAX_CHOICES];
    int ncand[MAX_LABEL];
    int nsym = 0;
    for (const char *p = alt->choices; *p && nsym < MAX_LABEL; nsym++) {
        ncand[nsym] = 0;
        for (; *p && *p != '\n'; p = g_utf8_next_char(p))
            if (ncand[nsym] < MAX_CHOICES)
                cand[nsym][ncand[nsym]++] = g_utf8_get_char(p);
        if (*p == '\n')
            p++;
        if (ncand[nsym] == 0)
            return false;
    }
    if (nsym == 0 || nsym >= MAX_LABEL)
        return false;
    char word[6 * (MAX_LABEL + 2)];
    /* pass 1: one symbol replaced; pass 2: two */
    for (int pass = 1; pass <= 2; pass++) {
        for (int i = 0; i < nsym; i++) {
            for (int a = 1; a < ncand[i]; a++) {
                int jlast = pass == 2 ? nsym - 1 : nsym;
                for (int j = pass == 2 ? i + 1 : nsym; j <= jlast; j++) {
                    for (int b = 1; b < (j < nsym ? ncand[j] : 2); b++) {
                        size_t len = 0;
                        for (int k = 0; k < nsym; k++) {
                            gunichar c = k == i ? cand[k][a] : k == j ? cand[k][b] : cand[k][0];
                            len += (size_t)g_unichar_to_utf8(c, word + len);
                        }
                        word[len] = '\0';
                        if (try_word(rp, s, ws, we, word, kind))
                            return true;
                    }
                }
            }
        }
    }
    return false;
}

/* A section label (after the first item) or a header label (before it) with one letter
 * misread: the rules say which corrections are labels. */
static bool repair_label(struct repair *rp, const char *s)
{
    const char *kind = rp->last == 0 ? "header" : "section";
    rp->from_choices = false;
    size_t end = strcspn(s, ":\t");
    if (end == 0 || end > MAX_LABEL)
        return false;
    if (mn_rules_match_kind(rp->rules, kind, s, strlen(s), &rp->m))
        return false;
    /* a speck after the label: "Indstilling." */
    size_t len = strlen(s);
    if (len > 1 && len <= MAX_LABEL && strchr(".,;'\"`", s[len - 1]) &&
        g_ascii_isalpha(s[len - 2]) && !strchr(s, ' ')) {
        mn_buf_reset(&rp->out);
        mn_buf_add(&rp->out, s, len - 1);
        if (mn_rules_match_kind(rp->rules, kind, rp->out.buf, rp->out.len, &rp->m))
            return true;
    }
    int nwords = 0;
    for (size_t i = 0; i < end;) {
        gunichar c = g_utf8_get_char(s + i);
        if (!label_char(c)) {
            i = (size_t)(g_utf8_next_char(s + i) - s);
            continue;
        }
        size_t ws = i;
        while (i < end && label_char(g_utf8_get_char(s + i)))
            i = (size_t)(g_utf8_next_char(s + i) - s);
        if (++nwords > 4)
            return false;
        glong n = 0;
        gunichar *u = g_utf8_to_ucs4_fast(s + ws, (glong)(i - ws), &n);
        if (try_choices(rp, s, ws, i, kind)) {
            g_free(u);
            rp->from_choices = true;
            return true;
        }
        if (n >= 4 && n <= MAX_LABEL) {
            char *w = g_strndup(s + ws, i - ws);
            bool known = rp->dict && mn_dict_has(rp->dict, w);
            g_free(w);
            if (try_variants(rp, s, ws, i, u, n, known, kind)) {
                g_free(u);
                return true;
            }
        }
        g_free(u);
    }
    return false;
}

static bool is_lower(const char *p)
{
    return *p && g_unichar_islower(g_utf8_get_char(p));
}

/* Letters of the word that ends just before 'p' (byte offset 'at' in s): its start. */
static size_t word_start(const char *s, size_t at)
{
    const char *p = s + at;
    while (p > s) {
        const char *prev = g_utf8_prev_char(p);
        if (!g_unichar_isalpha(g_utf8_get_char(prev)))
            break;
        p = prev;
    }
    return (size_t)(p - s);
}

static size_t word_end(const char *s, size_t at)
{
    const char *p = s + at;
    while (*p && g_unichar_isalpha(g_utf8_get_char(p)))
        p = g_utf8_next_char(p);
    return (size_t)(p - s);
}

static bool in_list(const char *w, size_t n, const char *const *list)
{
    for (; *list; list++)
        if (strlen(*list) == n && g_ascii_strncasecmp(w, *list, n) == 0)
            return true;
    return false;
}

/* Abbreviations a dot legitimately ends before a lowercase word, and file and domain endings
 * after a dot inside a word. */
static const char *const abbrevs[] = {
    "ca", "evt", "bl", "jf", "kl", "nr", "stk", "pkt", "inkl", "ekskl", "vedr", "mht", "ift",
    "dvs", "osv", "mv", "fx", "ang", "min", "max", "tlf", "str", "pga", "iht", "mm", "ml",
    "dk", "el", "hhv", "vha", "ifm", "dagl", "udv", "afd", "adm", "kr", "mio", "mia", "mill",
    "Chr", "Joh", "Kbh", "Vedr", "Bl", "Ca", "Evt", "Jf", "Nr", "Stk", "Pkt", "Inkl", NULL};
static const char *const endings[] = {"pdf", "doc", "docx", "xlsx", "xls", "html", "htm",
                                      "jpg", "png", "txt", "com", "org", "net", "gov", "dk",
                                      "se", "no", "eu", "de", "nu", "info", NULL};

/* Dots that are specks: "sin.sidste" (both sides lowercase words of 3 letters or more, not a
 * file name or an address), "være. deltagelse" (a known word, not an abbreviation, before a
 * lowercase word), and in the header "Lone. Becker" (a capitalised name of 4 letters or more
 * before another). */
static bool repair_dots(struct repair *rp, const char *s)
{
    if (!s[0] || strchr(s, '@') || strstr(s, "www") || strstr(s, "http") || strchr(s, '/'))
        return false;
    bool changed = false;
    size_t copied = 0;
    mn_buf_reset(&rp->out);
    for (size_t i = 1; s[i]; i++) {
        if (s[i] != '.' || !g_unichar_isalpha(g_utf8_get_char(g_utf8_prev_char(s + i))))
            continue;
        size_t ws = word_start(s, i);
        size_t wlen = i - ws;
        if (ws > 0 && (s[ws - 1] == '.' || mn_isdigit((unsigned char)s[ws - 1])))
            continue; /* "f.eks", "bl.a", "2.a" */
        bool drop = false, space = false;
        glong nleft = g_utf8_strlen(s + ws, (gssize)wlen);
        if (is_lower(s + i + 1)) { /* "sin.sidste" */
            size_t we = word_end(s, i + 1);
            glong nright = g_utf8_strlen(s + i + 1, (gssize)(we - i - 1));
            bool word_after = s[we] == ' ' || s[we] == ',' || !s[we];
            drop = space = nleft >= 3 && (nright >= 3 || word_after) && s[we] != '.' &&
                           is_lower(s + ws) && !in_list(s + i + 1, we - i - 1, endings);
        } else if (s[i + 1] == ' ' && is_lower(s + i + 2) && rp->dict && nleft >= 2 &&
                   is_lower(s + ws) && !in_list(s + ws, wlen, abbrevs)) { /* "være. deltagelse" */
            char *w = g_strndup(s + ws, wlen);
            drop = mn_dict_has(rp->dict, w);
            g_free(w);
        } else if (rp->last == 0 && s[i + 1] == ' ' && nleft >= 4 &&
                   g_unichar_isupper(g_utf8_get_char(s + ws)) && is_lower(g_utf8_next_char(s + ws)) &&
                   !in_list(s + ws, wlen, abbrevs)) { /* "Lone. Becker" */
            const char *nx = s + i + 2;
            size_t ne = word_end(s, i + 2);
            drop = g_unichar_isupper(g_utf8_get_char(nx)) && ne > (size_t)(nx - s) + 2 &&
                   is_lower(g_utf8_next_char(nx)) && (s[ne] == ' ' || s[ne] == ',' ||
                                                      s[ne] == '(' || !s[ne]);
        }
        if (!drop)
            continue;
        mn_buf_add(&rp->out, s + copied, i - copied);
        if (space)
            mn_buf_addch(&rp->out, ' ');
        copied = i + 1;
        changed = true;
    }
    if (changed)
        mn_buf_adds(&rp->out, s + copied);
    return changed;
}

/* In the header, inside a participant's parentheses, a ':' or ';' between two words is a
 * speck ("(Vesthimmerlands: Kommune)"), "Chr," before a name is "Chr.", and a comma between
 * a name and its parenthesis is a speck. */
static bool repair_header_marks(struct repair *rp, const char *s)
{
    if (rp->last != 0)
        return false;
    bool changed = false;
    int depth = 0;
    mn_buf_reset(&rp->out);
    for (size_t i = 0; s[i]; i++) {
        depth += s[i] == '(' ? 1 : s[i] == ')' && depth > 0 ? -1 : 0;
        bool after_word = i > 0 && g_unichar_isalpha(g_utf8_get_char(g_utf8_prev_char(s + i)));
        if ((s[i] == ':' || s[i] == ';') && depth > 0 && after_word && s[i + 1] == ' ' &&
            g_unichar_isalpha(g_utf8_get_char(s + i + 2))) {
            changed = true;
            continue;
        }
        if (s[i] == ',' && depth == 0 && after_word && s[i + 1] == ' ' && s[i + 2] == '(') {
            changed = true; /* "Henrik Hansen, (formand, …)": a speck before the parenthesis */
            continue;
        }
        if (s[i] == ',' && i >= 3 && strncmp(s + i - 3, "Chr", 3) == 0 &&
            (i == 3 || s[i - 4] == ' ') && s[i + 1] == ' ' && mn_isupper_ascii(s[i + 2])) {
            mn_buf_addch(&rp->out, '.');
            changed = true;
            continue;
        }
        mn_buf_addch(&rp->out, s[i]);
    }
    return changed;
}

enum { MAX_NAME = 48 }; /* bytes between a lost ')' and the next participant's '(' */

/* A participant's closing parenthesis lost in the header's lists (a thin ')' gone): "Lauvring
 * (Vesthimmerlands Kommune, Han-" + "ne Madsen (Jammerbugt Kommune)" reads as one participant
 * with a parenthesis inside another. Over the header's OCR lines [0, end), a block of lines
 * at a time (an empty line ends it): where a '(' opens inside an open one, a ')' goes before
 * the last ", " since the open one when what follows it up to the new '(' is a name (it
 * starts with a capital, has no digit, no parenthesis, at most MAX_NAME bytes). */
static void repair_parens(struct repair *rp, struct mn_lines *lines, size_t end,
                          const int *pages, size_t npages)
{
    int depth = 0;
    size_t cl = 0, cpos = 0; /* the last ", " at depth 1: line and byte offset */
    bool have_comma = false;
    size_t since = 0; /* bytes since that comma */
    bool name_ok = false;
    for (size_t i = 0; i < end; i++) {
        const char *s = lines->v[i].text;
        if (!on_pages(lines->v[i].page, pages, npages) || !s[0]) {
            depth = 0;
            have_comma = false;
            continue;
        }
        for (size_t k = 0; s[k]; k++) {
            char c = s[k];
            if (have_comma)
                since++;
            if (c == '(' && depth == 1 && have_comma && name_ok && since <= MAX_NAME) {
                struct mn_line *l = &lines->v[cl];
                mn_buf_reset(&rp->out);
                mn_buf_add(&rp->out, l->text, cpos);
                mn_buf_addch(&rp->out, ')');
                mn_buf_adds(&rp->out, l->text + cpos);
                commit(rp, l, "parenthesis");
                s = lines->v[i].text; /* the line may be the one changed */
                if (cl == i)
                    k++;
                have_comma = false;
                continue; /* the new '(' opens at depth 1 again */
            }
            if (c == '\t') { /* a label's column: a new field */
                depth = 0;
                have_comma = false;
            } else if (c == '(') {
                depth++;
                have_comma = false;
            } else if (c == ')') {
                depth = depth > 0 ? depth - 1 : 0;
                have_comma = false;
            } else if (c == ',' && s[k + 1] == ' ' && depth == 1) {
                have_comma = true;
                cl = i;
                cpos = k;
                since = 0;
                name_ok = g_unichar_isupper(g_utf8_get_char(s + k + 2));
            } else if (have_comma && mn_isdigit((unsigned char)c)) {
                name_ok = false;
            }
        }
    }
}

/* "Sagsnr./Dok.nr. 2014-209 2014-212925 -": the slash between the numbers lost, a stray
 * mark after them; repaired when the [casenumber] rules then match. */
static bool repair_casenumber(struct repair *rp, const char *s)
{
    if (rp->last != 0 || g_ascii_strncasecmp(s, "Sags", 4) != 0 ||
        mn_rules_match_kind(rp->rules, "casenumber", s, strlen(s), &rp->m))
        return false;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '-' || s[n - 1] == '|' ||
                     s[n - 1] == '.' || s[n - 1] == ','))
        n--;
    /* the last gap between two numbers */
    size_t gap = 0;
    for (size_t i = 1; i + 1 < n; i++)
        if ((s[i] == ' ' || s[i] == '\t') && mn_isdigit((unsigned char)s[i - 1]) &&
            mn_isdigit((unsigned char)s[i + 1]))
            gap = i;
    mn_buf_reset(&rp->tmp);
    if (gap) {
        mn_buf_add(&rp->tmp, s, gap);
        mn_buf_adds(&rp->tmp, " / ");
        mn_buf_add(&rp->tmp, s + gap + 1, n - gap - 1);
    } else {
        mn_buf_add(&rp->tmp, s, n);
    }
    if (!mn_rules_match_kind(rp->rules, "casenumber", rp->tmp.buf, rp->tmp.len, &rp->m))
        return false;
    mn_buf_reset(&rp->out);
    mn_buf_add(&rp->out, rp->tmp.buf, rp->tmp.len);
    return true;
}

/* The recommendation's intro sentence with a space lost ("Detindstilles, at"): a space put
 * back before the verb when the [intro] rules then match. */
static bool repair_intro(struct repair *rp, const char *s)
{
    if (rp->last == 0)
        return false;
    const char *v = strstr(s, "indstille");
    if (!v || v == s || v - s > 40 || !g_unichar_isalpha(g_utf8_get_char(g_utf8_prev_char(v))) ||
        mn_rules_match_kind(rp->rules, "intro", s, strlen(s), &rp->m))
        return false;
    mn_buf_reset(&rp->out);
    mn_buf_add(&rp->out, s, (size_t)(v - s));
    mn_buf_addch(&rp->out, ' ');
    mn_buf_adds(&rp->out, v);
    return mn_rules_match_kind(rp->rules, "intro", rp->out.buf, rp->out.len, &rp->m) != NULL;
}

/* Marks for a bullet: "»…", "*", "•·". */
static bool bullet_mark(gunichar c)
{
    return c == '*' || c == 0xAB || c == 0xBB || c == 0xB0 || c == 0xA2 || c == 0xA9 ||
           c == 0xAE || c == '+' || c == 0x203A || c == 0x2022 || c == 0xB7 || c == 0x2026 ||
           c == '~';
}

/* A bullet read as a run of two or three marks ("»…", "*·", "-……"), and a table rule read as a lone
 * "|" between cells or at a line's edge. */
static bool repair_marks(struct repair *rp, const char *s)
{
    const char *p = s;
    int nmarks = 0;
    if (*p == '-' && p[1] && bullet_mark(g_utf8_get_char(p + 1))) { /* "-…", "-……" */
        p++;
        nmarks++;
    }
    while (*p && bullet_mark(g_utf8_get_char(p)) && nmarks < 4) {
        p = g_utf8_next_char(p);
        nmarks++;
    }
    if (nmarks >= 2 && nmarks <= 3 && (*p == ' ' || *p == '\t')) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p) {
            mn_buf_reset(&rp->out);
            mn_buf_adds(&rp->out, "• ");
            mn_buf_adds(&rp->out, p);
            return true;
        }
    }
    /* a bullet read as a short mark or word before a tab stop ("et\tat tage", ".\tat"): not
     * a number ("1.\t") nor a list letter ("a.\t", "b)\t") */
    const char *tab = strchr(s, '\t');
    if (tab && tab > s && g_utf8_strlen(s, tab - s) <= 2 && tab[1] && tab[1] != '\t') {
        bool digit = false, space = false;
        for (const char *q = s; q < tab; q++) {
            digit = digit || mn_isdigit((unsigned char)*q);
            space = space || *q == ' ';
        }
        bool letter_item = tab - s == 2 && g_ascii_isalpha(s[0]) && (s[1] == '.' || s[1] == ')');
        if (!digit && !space && !letter_item && !(tab - s == 1 && g_ascii_isalpha(s[0])) &&
            strncmp(s, "\xE2\x80\xA2", 3) != 0) {
            mn_buf_reset(&rp->out);
            mn_buf_adds(&rp->out, "• ");
            mn_buf_adds(&rp->out, tab + 1);
            return true;
        }
    }
    /* " |" before a tab or the end, "| " after a tab or at the start */
    bool changed = false;
    mn_buf_reset(&rp->out);
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '|') {
            bool before = i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t';
            bool after = i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\t';
            bool at_cell = i == 0 || i + 1 == n || s[i - 1] == '\t' || s[i + 1] == '\t' ||
                           (i >= 2 && s[i - 2] == '\t') || (i + 2 < n && s[i + 2] == '\t');
            if (before && after && at_cell) {
                /* drop the mark and the spaces around it, keep a tab */
                while (rp->out.len && rp->out.buf[rp->out.len - 1] == ' ')
                    mn_buf_setlen(&rp->out, rp->out.len - 1);
                while (i + 1 < n && s[i + 1] == ' ')
                    i++;
                changed = true;
                continue;
            }
        }
        mn_buf_addch(&rp->out, s[i]);
    }
    if (changed)
        mn_buf_trim(&rp->out);
    return changed && rp->out.len > 0;
}

/* A list's last point ending in a comma ("• tager orienteringen til efterretning," before an
 * empty line; the bullet is followed by a space or, past a wide gap, a tab): a speck after the
 * last word, since a comma continues the list. 'last' is true when no line of the same
 * paragraph follows. */
static bool repair_end_speck(struct repair *rp, const char *s, bool last)
{
    size_t n = strlen(s), blen = strlen("•");
    if (rp->last == 0 || !last || strncmp(s, "•", blen) != 0 ||
        (s[blen] != ' ' && s[blen] != '\t') || n < 6 ||
        s[n - 1] != ',' || !g_unichar_isalpha(g_utf8_get_char(g_utf8_prev_char(s + n - 1))))
        return false;
    mn_buf_reset(&rp->out);
    mn_buf_add(&rp->out, s, n - 1);
    return true;
}

static int cmp_alt(const void *pa, const void *pb)
{
    const struct mn_ocr_alt *a = *(const struct mn_ocr_alt *const *)pa;
    const struct mn_ocr_alt *b = *(const struct mn_ocr_alt *const *)pb;
    if (a->page != b->page)
        return (a->page > b->page) - (a->page < b->page);
    if (a->line != b->line)
        return (a->line > b->line) - (a->line < b->line);
    return (a < b) ? -1 : a > b; /* stable: the order tesseract read them in */
}

size_t mn_ocrfix_structure(struct mn_lines *lines, const int *pages, size_t npages,
                           const struct mn_rules *rules, const struct mn_dict *dict,
                           const struct mn_ocr_alt *alts, size_t nalts, struct mn_buf *log)
{
    struct repair rp = {.rules = rules, .dict = dict, .log = log};
    mn_match_init(&rp.m);
    mn_buf_init(&rp.out, 0);
    mn_buf_init(&rp.tmp, 0);
    /* the other readings by page and line; a line's index counts from its page's first */
    const struct mn_ocr_alt **byline = xmalloc((nalts ? nalts : 1) * sizeof *byline);
    for (size_t i = 0; i < nalts; i++)
        byline[i] = &alts[i];
    qsort(byline, nalts, sizeof *byline, cmp_alt);
    size_t next_alt = 0, in_page = 0, header_end = 0;
    for (size_t i = 0; i < lines->n; i++) {
        if (rp.last == 0)
            header_end = i; /* the lines before the first item heading */
        struct mn_line *l = &lines->v[i];
        in_page = i > 0 && lines->v[i - 1].page == l->page ? in_page + 1 : 0;
        while (next_alt < nalts &&
               (byline[next_alt]->page < l->page ||
                (byline[next_alt]->page == l->page && byline[next_alt]->line < in_page)))
            next_alt++;
        rp.alts = byline + next_alt;
        rp.nalts = 0;
        while (next_alt + rp.nalts < nalts && byline[next_alt + rp.nalts]->page == l->page &&
               byline[next_alt + rp.nalts]->line == in_page)
            rp.nalts++;
        bool ocr = on_pages(l->page, pages, npages);
        if (!ocr) { /* still follow the item sequence */
            rp.track_only = true;
            bool changed = repair_item(&rp, l->text);
            assert(!changed); /* track_only never repairs */
            (void)changed;
            rp.track_only = false;
            continue;
        }
        if (repair_marks(&rp, l->text))
            commit(&rp, l, "mark");
        if (repair_item(&rp, l->text)) {
            commit(&rp, l, "item number");
            continue;
        }
        if (repair_item_choices(&rp, l->text)) {
            commit(&rp, l, "item number (tesseract's alternatives)");
            continue;
        }
        if (rules && repair_label(&rp, l->text))
            commit(&rp, l, rp.from_choices ? "label (tesseract's alternatives)" : "label");
        if (rules && repair_casenumber(&rp, l->text))
            commit(&rp, l, "case number");
        if (rules && repair_intro(&rp, l->text))
            commit(&rp, l, "intro");
        if (repair_header_marks(&rp, l->text))
            commit(&rp, l, "speck");
        if (repair_dots(&rp, l->text))
            commit(&rp, l, "speck");
        bool last = i + 1 == lines->n || !lines->v[i + 1].text[0] ||
                    lines->v[i + 1].page != l->page;
        if (repair_end_speck(&rp, l->text, last))
            commit(&rp, l, "speck");
    }
    if (rp.last > 0)
        repair_parens(&rp, lines, header_end, pages, npages);
    free(byline);
    mn_buf_release(&rp.tmp);
    mn_buf_release(&rp.out);
    mn_match_release(&rp.m);
    return rp.n;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

int mn_ocrfix_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err)
{
    (void)err;
    if (doc->nocr_pages == 0)
        return 0;
    int *pages = xmalloc(doc->nocr_pages * sizeof *pages);
    memcpy(pages, doc->ocr_pages, doc->nocr_pages * sizeof *pages);
    qsort(pages, doc->nocr_pages, sizeof *pages, cmp_int);
    struct mn_buf log = MN_BUF_INIT;
    size_t repairs = mn_ocrfix_structure(&doc->lines, pages, doc->nocr_pages, ctx->rules,
                                         ctx->dict, doc->ocr_alts, doc->nocr_alts, &log);
    if (repairs > 0)
        mn_doc_warn(doc, "ocr_repaired", 0, "%zu structural repair(s) of OCR text: %s%s",
                    repairs, log.buf, repairs > MAX_LOGGED ? "; ..." : "");
    mn_buf_release(&log);
    size_t fixes = mn_ocrfix_lines(&doc->lines, pages, doc->nocr_pages, ctx->dict);
    free(pages);
    if (fixes > 0)
        mn_doc_warn(doc, "ocr_corrected", 0,
                    "%zu OCR word(s) corrected to the document's own spelling of them", fixes);
    return 0;
}

double mn_ocrfix_dict_rate(const struct mn_lines *lines, const struct mn_dict *dict,
                           int *nwords)
{
    int counted = 0, hits = 0;
    for (size_t i = 0; dict && i < lines->n; i++) {
        const char *t = lines->v[i].text;
        while (*t) {
            while (*t == ' ' || *t == '\t')
                t++;
            const char *e = t;
            while (*e && *e != ' ' && *e != '\t')
                e++;
            /* the token without the marks around it */
            const char *a = t, *b = e;
            while (a < b && !g_unichar_isalnum(g_utf8_get_char(a)))
                a = g_utf8_next_char(a);
            while (b > a && !g_unichar_isalnum(g_utf8_get_char(g_utf8_prev_char(b))))
                b = g_utf8_prev_char(b);
            int letters = 0, others = 0;
            for (const char *q = a; q < b; q = g_utf8_next_char(q)) {
                gunichar c = g_utf8_get_char(q);
                if (g_unichar_isalpha(c))
                    letters++;
                else if (c != '-')
                    others++;
            }
            if (letters >= 2 && others == 0) {
                char *w = g_strndup(a, (gsize)(b - a));
                char *low = g_utf8_strdown(w, -1);
                counted++;
                hits += mn_dict_has(dict, w) || mn_dict_has(dict, low);
                g_free(low);
                g_free(w);
            } else if (letters >= 1 && others > 0) {
                counted++; /* letters and digits or marks mixed: "Spg1", "l0O" */
            }
            t = e;
        }
    }
    if (nwords)
        *nwords = counted;
    return counted ? (double)hits / counted : 0;
}
