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

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "buf.h"
#include "dehyphen.h"
#include "doc.h"
#include "pipeline.h"

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
    int max = substitution_only ? 1 : n >= 8 ? 2 : 1;
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
    size_t fixes = mn_ocrfix_lines(&doc->lines, pages, doc->nocr_pages, ctx->dict);
    free(pages);
    if (fixes > 0)
        mn_doc_warn(doc, "ocr_corrected", 0,
                    "%zu OCR word(s) corrected to the document's own spelling of them", fixes);
    return 0;
}
