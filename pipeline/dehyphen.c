/* dehyphen.c: line-end hyphen repair (see dehyphen.h).
 *
 * WHAT IT DOES. A "site" is a line whose last non-blank characters are a letter and a hyphen.
 * The hyphen may be '-', U+2010/U+2011, or the shapes OCR reads a hyphen as: '–', '—', '¬'.
 * A dash after a space ("NOPII –") is punctuation, not a site. The continuation is the first
 * chunk (up to white space) of the next line. The stage decides between
 *   join   "Aal-" / "borg"          → "Aalborg"             (the typesetter broke one word)
 *   keep   "NOPII-" / "samarbejdet" → "NOPII-samarbejdet"   (a hyphenated compound)
 *   space  "Ældre-" / "og Handicap" → "Ældre- og Handicap"  (a suspended compound)
 * and moves the chunk up to the end of the site's line, so every word keeps the page it
 * started on. A next line left empty is removed. A kept hyphen is always written as '-',
 * because an OCR '—' at a line end is a misread hyphen.
 *
 * HOW IT DECIDES: evidence first, in this order, the first that speaks wins.
 *  1. Structure. A conjunction next ("og", "eller", "samt", "el.", "hhv.", "&", ...) or a comma
 *     means a suspended compound; Danish writes "Ældre- og Handicapområdet" and the hyphen and
 *     space are both real. A short number next ("Covid-" / "19") keeps the hyphen: a word is
 *     never broken before a digit. Longer numbers and "2." are left alone, because moving an
 *     agenda number up would hide the item from segment.
 *  2. The document's own vocabulary. Before deciding anything we count words (letter runs,
 *     lowercased) and in-line hyphenated pairs ("aarup-kristensen") in the whole document,
 *     leaving out the fragments at the sites themselves. If the joined form occurs elsewhere
 *     ("Aalborg") we join; if the hyphenated form does ("NOPII-samarbejdet") we keep the
 *     hyphen; the more frequent wins. The author's own spelling beats any general rule, which
 *     is how "ikke-" / "planlagte" stays hyphenated in a document that writes
 *     "ikke-planlagte", and how "SOCIALDIREKTØR-" / "KREDSEN" joins in one that writes
 *     "socialdirektørkredsen".
 *  3. Capitals. A continuation that starts with a capital is a name or acronym after a real
 *     hyphen ("Aarup-" / "Kristensen", "Lund-" / "Andersen"): Danish never capitalises inside a
 *     word. An all-caps fragment is an acronym prefix ("KKR-" / "beslutningen"); Danish writes
 *     those with a hyphen. All-caps on both sides is a heading, so the word list decides. A
 *     capitalised fragment before a lowercase continuation is otherwise the ordinary case of
 *     a broken word ("Aal-" / "borg", "Se-" / "kretariatet").
 *     With a word list, a lowercase fragment that is not a word before a capital or a
 *     number ("kommu-" / "Figur", "kommu-" / "80"), or any lowercase fragment before a
 *     capitalised common word ("om-" / "Kommunerne"), is left alone: the next line is then
 *     not the continuation but a figure, a table or another column (the 108-page Ballerup
 *     PDF has dozens), and gluing the two would only hide the break.
 *  3b. A one-letter fragment is a real hyphen ("e-" / "mail", "A-" / "kasse"): typesetters
 *     never leave a single letter before a break.
 *  3c. A fragment the document uses elsewhere as the first part of an in-line hyphenated word
 *     ("Aalborg-forvaltninger", "køber-profil", "it-systemer") keeps the hyphen: the author
 *     hyphenates compounds on it. It must be used so more often than as the start of a closed
 *     word: one stray "Sundheds-it" must not turn every "sundheds-" / "væsenet" into a
 *     hyphenated word in a document full of "sundhedsvæsenet" (Ballerup 2012, 108 pages).
 *     The exception is a joined form that is a dictionary entry of its own (not merely a
 *     compound hunspell allows): "social-" / "økonomisk" joins even where the document writes
 *     "social-faglig".
 *  4. The word list (hunspell da_DK), where the document is silent, for capitalised fragments.
 *     Hunspell accepts almost any compound the .aff allows, including
 *     "Aalborgforvaltninger", so a fragment that is a proper noun (accepted capitalised,
 *     rejected in lowercase) followed by a word keeps the hyphen unless the joined form is a
 *     dictionary entry of its own ("Frederiks-" / "havn" is the entry "Frederikshavn").
 *  5. Default: join. Line-end hyphenation from word processors is far more common than a real
 *     compound broken exactly at its hyphen, and Danish writes compounds of common words
 *     closed. The word list is deliberately not asked about lowercase fragments: "joined
 *     word accepted → join" changes nothing against this default, and "both parts are words,
 *     the joined form is not → keep" is wrong exactly where it would fire, at compound
 *     boundaries of words hunspell lacks ("takst-" / "analyse": hunspell rejects
 *     "takstanalyse"; "kom-" / "er" in garbled columns). The broken words that reach this
 *     point are mostly names and new compounds ("Gaj-" / "hede", "takstana-" / "lyse").
 *
 * BLANK LINES. A blank line is a paragraph break and is normally not crossed. One exception:
 * some text layers are double-spaced, with a blank line after every line (seed 004:
 * "projektgen-" / "" / "nemførelse"). A site followed by exactly one blank line and then a line
 * that starts with a lowercase letter is joined across the blank line: a paragraph does not
 * start in lowercase, and a paragraph does not end in a hyphen.
 *
 * COST. Hunspell is fast for dictionary words but takes up to 4 ms for a long compound
 * ("Sundhedsforebyggelsesområdet"), so it is asked only in rules 3c and 4 (a few lookups per
 * capitalised site), analyze() is used instead of spell() for the entry test (10x cheaper
 * there), and every answer is cached in the struct mn_dict for the whole batch. The
 * vocabulary is built from the sites' keys: sites register their joined form, pair and
 * prefix, then one scan counts only those, skipping words whose length cannot match. On the
 * 108-page Ballerup PDF (1063 sites) the stage takes about 9 ms, against about 200 ms for
 * pdftotext on the same file; loading da_DK takes about 110 ms, once per process, which
 * is why the mapped form list (words.h) answers first and hunspell is read only when asked.
 *
 * NOT HANDLED. Hyphens inside a line are left alone; soft hyphens are normalize's job; a site
 * whose next line starts with a bullet, a bracket or a quote is left alone (the later
 * white-space folding then yields "x- y", which loses nothing). */
#include "dehyphen.h"

#include <errno.h>
#include <hunspell.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "doc.h"
#include "err.h"
#include "pipeline.h"
#include "util.h"
#include "words.h"

enum { MN_DICT_CACHE_MAX = 200000, MN_DEHYPHEN_MAX_REPEAT = 16, MN_DIGITS_MAX = 4 };

struct mn_dict {
    Hunhandle *h;           /* owned; loaded on first use (see dict_handle) */
    GThread *reader;        /* owned; a running mn_dict_prefetch, its result not yet in h */
    char *aff, *dic;        /* the files, until loaded */
    bool load_failed;       /* hunspell could not read them: behave as without a word list */
    bool is_utf8;           /* the .aff declares SET UTF-8 */
    char *enc;              /* iconv name of the dictionary's encoding (owned) */
    GHashTable *has;        /* word → GINT_TO_POINTER(1 no / 2 yes); the spell cache */
    GHashTable *has_simple; /* same, for mn_dict_has_simple */
    struct mn_words *words; /* owned; the mapped word-form list, or NULL (see words.h) */
    unsigned long nasked, nlisted; /* questions, and those the list answered */
};

/* ---- the word list ------------------------------------------------------------------- */

static bool file_readable(const char *path)
{
    return access(path, R_OK) == 0;
}

/* Splits "<base>", "<base>.dic" or "<base>.aff" into the two file names (malloc'd). */
static void dict_paths(const char *path, char **aff, char **dic)
{
    size_t len = strlen(path);
    if (len > 4 && (strcmp(path + len - 4, ".dic") == 0 || strcmp(path + len - 4, ".aff") == 0))
        len -= 4;
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_add(&b, path, len);
    mn_buf_adds(&b, ".aff");
    *aff = mn_buf_detach(&b, NULL);
    mn_buf_add(&b, path, len);
    mn_buf_adds(&b, ".dic");
    *dic = mn_buf_detach(&b, NULL);
}

int mn_dict_open(const char *path_or_null, struct mn_dict **out, struct mn_error *err)
{
    static const char *const defaults[] = {
        "/usr/share/hunspell/da_DK",
        "/usr/share/myspell/da_DK",
        "/usr/share/myspell/dicts/da_DK",
    };
    char *aff = NULL, *dic = NULL;
    int rc = -1;

    *out = NULL;
    if (path_or_null) {
        dict_paths(path_or_null, &aff, &dic);
        const char *missing = !file_readable(aff) ? aff : !file_readable(dic) ? dic : NULL;
        if (missing) {
            rc = mn_fail(err, MN_E_IO, "cannot open word list '%s': %s", missing, strerror(errno));
            goto out;
        }
    } else {
        for (size_t i = 0; i < MN_ARRAY_SIZE(defaults) && !aff; i++) {
            dict_paths(defaults[i], &aff, &dic);
            if (!file_readable(aff) || !file_readable(dic)) {
                free(aff);
                free(dic);
                aff = dic = NULL;
            }
        }
        if (!aff) {
            rc = 0; /* no word list installed: the stage works without one */
            goto out;
        }
    }

    struct mn_dict *d = xcalloc(1, sizeof *d);
    d->aff = aff;
    d->dic = dic;
    aff = dic = NULL;
    d->has = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    d->has_simple = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    *out = d;
    rc = 0;
out:
    free(aff);
    free(dic);
    return rc;
}

static gpointer read_word_list(gpointer arg)
{
    const struct mn_dict *d = arg; /* only aff and dic, which nobody changes meanwhile */
    return Hunspell_create(d->aff, d->dic);
}

void mn_dict_prefetch(struct mn_dict *d)
{
    if (!d || d->h || d->load_failed || d->reader)
        return;
    d->reader = g_thread_try_new("word list", read_word_list, d, NULL);
}

/* Loading da_DK costs about as much as extracting 40 pages, and a document asks the list only
 * about capitalised fragments its own vocabulary leaves open: so the word list is read when
 * first asked, or in the background when the caller says it will be (mn_dict_prefetch). The
 * handle and the caches are logically const: they only remember. */
static Hunhandle *dict_handle(const struct mn_dict *cd)
{
    struct mn_dict *d = (struct mn_dict *)cd;
    if (d->h || d->load_failed)
        return d->h;
    if (d->reader) {
        d->h = g_thread_join(d->reader);
        d->reader = NULL;
    } else {
        d->h = Hunspell_create(d->aff, d->dic);
    }
    if (!d->h) {
        d->load_failed = true;
        return NULL;
    }
    const char *enc = Hunspell_get_dic_encoding(d->h);
    if (!enc || !*enc)
        enc = "ISO8859-1"; /* hunspell's own default when the .aff has no SET */
    /* hunspell says "microsoft-cp1251"; iconv wants "cp1251" */
    if (g_ascii_strncasecmp(enc, "microsoft-", 10) == 0)
        enc += 10;
    d->enc = xstrdup(enc);
    d->is_utf8 = g_ascii_strcasecmp(enc, "UTF-8") == 0 || g_ascii_strcasecmp(enc, "UTF8") == 0;
    return d->h;
}

int mn_dict_load(struct mn_dict *d, struct mn_error *err)
{
    if (d && !dict_handle(d))
        return mn_fail(err, MN_E_IO, "cannot load word list '%s'", d->dic);
    return 0;
}

static void dict_free(struct mn_dict *d, bool destroy_handle)
{
    if (!d)
        return;
    /* even at exit: the reading thread must not run on while the process tears down */
    if (d->reader)
        d->h = g_thread_join(d->reader);
    if (d->h && destroy_handle)
        Hunspell_destroy(d->h);
    mn_words_free(d->words);
    free(d->aff);
    free(d->dic);
    g_hash_table_destroy(d->has);
    g_hash_table_destroy(d->has_simple);
    free(d->enc);
    free(d);
}

void mn_dict_free(struct mn_dict *d)
{
    dict_free(d, true);
}

void mn_dict_free_for_exit(struct mn_dict *d)
{
    dict_free(d, MN_LEAK_CHECKED);
}

/* Returns the word in the dictionary's encoding (g_free), or NULL when not representable. */
static char *dict_encode(const struct mn_dict *d, const char *word)
{
    if (d->is_utf8)
        return g_strdup(word);
    GError *e = NULL;
    char *s = g_convert(word, -1, d->enc, "UTF-8", NULL, NULL, &e);
    g_clear_error(&e);
    return s;
}

static bool spell(const struct mn_dict *d, const char *word)
{
    if (!dict_handle(d))
        return false;
    char *w = dict_encode(d, word);
    if (!w)
        return false;
    bool ok = Hunspell_spell(d->h, w) != 0;
    g_free(w);
    return ok;
}

/* True when some analysis of the word has no "pa:" (compound part) field. */
static bool spell_simple(const struct mn_dict *d, const char *word)
{
    if (!dict_handle(d))
        return false;
    char *w = dict_encode(d, word);
    if (!w)
        return false;
    char **list = NULL;
    int n = Hunspell_analyze(d->h, &list, w);
    bool ok = false;
    for (int i = 0; i < n && !ok; i++)
        ok = list[i] && !strstr(list[i], "pa:");
    Hunspell_free_list(d->h, &list, n);
    g_free(w);
    return ok;
}

/* The caches are logically const: they only remember answers. They are cleared when full so a
 * long batch cannot grow them without bound. */
static bool cached(GHashTable *cache, const struct mn_dict *d, const char *word,
                   bool (*look)(const struct mn_dict *, const char *))
{
    gpointer v = g_hash_table_lookup(cache, word);
    if (v)
        return GPOINTER_TO_INT(v) == 2;
    bool ok = look(d, word);
    if (g_hash_table_size(cache) >= MN_DICT_CACHE_MAX)
        g_hash_table_remove_all(cache);
    g_hash_table_insert(cache, g_strdup(word), GINT_TO_POINTER(ok ? 2 : 1));
    return ok;
}

/* Counts a question, and one the mapped list answered (mn_dict_stats). */
static bool listed(const struct mn_dict *cd, enum mn_words_answer a)
{
    struct mn_dict *d = (struct mn_dict *)cd; /* counters only; see dict_handle */
    d->nasked++;
    if (a == MN_WORDS_UNKNOWN)
        return false;
    d->nlisted++;
    return true;
}

bool mn_dict_has(const struct mn_dict *d, const char *word_utf8)
{
    if (!d || !word_utf8 || !*word_utf8)
        return false;
    enum mn_words_answer a = mn_words_has(d->words, word_utf8);
    if (listed(d, a))
        return a == MN_WORDS_YES;
    return cached(d->has, d, word_utf8, spell);
}

bool mn_dict_has_simple(const struct mn_dict *d, const char *word_utf8)
{
    if (!d || !word_utf8 || !*word_utf8)
        return false;
    enum mn_words_answer a = mn_words_has_simple(d->words, word_utf8);
    if (listed(d, a))
        return a == MN_WORDS_YES;
    /* not via mn_dict_has: hunspell's compound search in spell() is the slow part */
    return cached(d->has_simple, d, word_utf8, spell_simple);
}

bool mn_dict_use_words(struct mn_dict *d, const char *words_path)
{
    if (!d || !words_path)
        return false;
    mn_words_free(d->words);
    d->words = mn_words_open(words_path, d->aff, d->dic);
    return d->words != NULL;
}

void mn_dict_stats(const struct mn_dict *d, unsigned long *nasked, unsigned long *nlisted,
                   bool *loaded)
{
    *nasked = d ? d->nasked : 0;
    *nlisted = d ? d->nlisted : 0;
    *loaded = d && (d->h || d->reader);
}

/* ---- characters ---------------------------------------------------------------------- */

/* Decodes the character at s[*i] (bounded by len) and advances *i; invalid bytes decode as
 * U+FFFD one byte at a time, so arbitrary input is safe. */
static gunichar next_char(const char *s, size_t len, size_t *i)
{
    if ((unsigned char)s[*i] < 0x80)
        return (gunichar)(unsigned char)s[(*i)++];
    gunichar c = g_utf8_get_char_validated(s + *i, (gssize)(len - *i));
    if (c == (gunichar)-1 || c == (gunichar)-2) {
        (*i)++;
        return 0xFFFD;
    }
    *i += (size_t)g_unichar_to_utf8(c, NULL);
    return c;
}

/* Start of the character that ends at s[end] (exclusive). */
static size_t prev_start(const char *s, size_t end)
{
    size_t i = end;
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && end - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static bool is_letter(gunichar c)
{
    if (c < 0x80)
        return mn_isupper_ascii((int)c) || mn_islower_ascii((int)c);
    return c != 0xFFFD && g_unichar_isalpha(c);
}

static bool is_blank_text(const char *s)
{
    for (; *s; s++)
        if (!mn_isspace((unsigned char)*s))
            return false;
    return true;
}

/* The hyphen shapes accepted at a line end. */
static bool is_hyphen(gunichar c)
{
    return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x2014 || c == 0x00AC;
}

static bool all_upper(const char *s, size_t len)
{
    size_t i = 0;
    bool any = false;
    while (i < len) {
        gunichar c = next_char(s, len, &i);
        if (!g_unichar_isupper(c))
            return false;
        any = true;
    }
    return any;
}

static gunichar first_char(const char *s, size_t len)
{
    size_t i = 0;
    return len ? next_char(s, len, &i) : 0;
}

/* ---- sites --------------------------------------------------------------------------- */

struct site {
    size_t frag;   /* byte offset where the fragment's letters start */
    size_t hyphen; /* byte offset of the hyphen (end of the fragment) */
    bool numeric;  /* the fragment is a number: the hyphen is real ("2025-2028") */
};

/* True when 's' ends in letter + hyphen (+ blanks); fills 'st'. */
static bool find_site(const char *s, struct site *st)
{
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len == 0)
        return false;
    size_t h = prev_start(s, len);
    size_t i = h;
    if (!is_hyphen(next_char(s, len, &i)) || i != len || h == 0)
        return false;
    size_t f = h;
    while (f > 0) {
        size_t p = prev_start(s, f);
        size_t j = p;
        if (!is_letter(next_char(s, f, &j)) || j != f)
            break;
        f = p;
    }
    st->numeric = false;
    if (f == h) {
        /* a number range or compound broken at its hyphen ("2025-" / "2028") */
        while (f > 0 && mn_isdigit((unsigned char)s[f - 1]))
            f--;
        if (f == h || (f > 0 && !(s[f - 1] == ' ' || s[f - 1] == '(')))
            return false;
        st->numeric = true;
    }
    st->frag = f;
    st->hyphen = h;
    return true;
}

enum cont_kind { CONT_NONE, CONT_WORD, CONT_COMMA, CONT_NUMBER, CONT_AMP };

struct cont {
    enum cont_kind kind;
    size_t start;   /* byte offset of the chunk in the next line */
    size_t end;     /* end of the chunk (white space or end of line) */
    size_t letters; /* end of the leading letter run (CONT_WORD) */
};

/* Classifies the start of a continuation line. */
static void find_cont(const char *s, struct cont *c)
{
    size_t len = strlen(s), p = 0;
    while (p < len && (s[p] == ' ' || s[p] == '\t'))
        p++;
    size_t q = p;
    while (q < len && s[q] != ' ' && s[q] != '\t')
        q++;
    c->kind = CONT_NONE;
    c->start = p;
    c->end = q;
    c->letters = p;
    if (p == q)
        return;
    if (s[p] == ',') {
        c->kind = CONT_COMMA;
        c->end = p + 1;
        return;
    }
    if (s[p] == '&' && q == p + 1) {
        c->kind = CONT_AMP;
        return;
    }
    if (mn_isdigit((unsigned char)s[p])) {
        size_t d = p;
        while (d < q && mn_isdigit((unsigned char)s[d]))
            d++;
        bool tail_ok = d == q || (d + 1 == q && strchr(",;:)", s[d]));
        if (d - p <= MN_DIGITS_MAX && tail_ok)
            c->kind = CONT_NUMBER;
        return;
    }
    size_t i = p;
    while (i < q) {
        size_t j = i;
        if (!is_letter(next_char(s, q, &j)))
            break;
        i = j;
    }
    if (i > p) {
        c->kind = CONT_WORD;
        c->letters = i;
    }
}

/* ---- the document's vocabulary ------------------------------------------------------- */

/* The vocabulary only answers questions about the sites, so it is built in two passes: the
 * sites first register their keys (joined form, hyphenated pair, prefix), then one scan of the
 * document counts occurrences of those keys only. Nothing is allocated per word. */
struct vocab {
    GHashTable *words;   /* case-folded joined forms → guint* count */
    GHashTable *pairs;   /* case-folded "a-b" → count of in-line hyphenated occurrences */
    GHashTable *prefix;  /* case-folded "a" → count of in-line "a-b" words */
    GHashTable *closed;  /* those "a" with a count → count of words that start with "a" */
    size_t *closed_lens; /* the distinct byte lengths of the keys of 'closed' */
    size_t nclosed_lens;
    size_t closed_min;        /* the shortest of them */
    uint64_t closed_first[4]; /* bitmap of the first bytes of the keys of 'closed' */
    uint64_t words_lens;      /* bitmap of the byte lengths of the keys of 'words' */
    struct mn_buf cur;        /* scratch: the current letter run, folded */
    struct mn_buf prev;       /* scratch: the previous run when joined to this one by '-' */
};

/* Appends the lowercase form of s[0, len) to b. Lowercase, not full case folding: Danish needs
 * only ÆØÅ → æøå, and this way the common ASCII case costs one branch per byte. */
static void fold_add(struct mn_buf *b, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            mn_buf_addch(b, (char)(mn_isupper_ascii(c) ? c + ('a' - 'A') : c));
            i++;
            continue;
        }
        char tmp[6];
        gunichar u = next_char(s, len, &i);
        mn_buf_add(b, tmp, (size_t)g_unichar_to_utf8(g_unichar_tolower(u), tmp));
    }
}

static void vocab_want(GHashTable *t, const char *key)
{
    if (!g_hash_table_contains(t, key))
        g_hash_table_insert(t, g_strdup(key), g_new0(guint, 1));
}

static void vocab_hit(GHashTable *t, const char *key)
{
    guint *n = g_hash_table_lookup(t, key);
    if (n)
        (*n)++;
}

static guint vocab_get(GHashTable *t, const char *key)
{
    guint *n = g_hash_table_lookup(t, key);
    return n ? *n : 0;
}

/* The three keys of a site: fragment, continuation, and their joined and hyphenated forms. */
struct keys {
    struct mn_buf frag, cont, joined, pair;
};

static void keys_make(struct keys *k, const char *frag, size_t frag_len, const char *cont,
                      size_t cont_len)
{
    mn_buf_reset(&k->frag);
    mn_buf_reset(&k->cont);
    fold_add(&k->frag, frag, frag_len);
    fold_add(&k->cont, cont, cont_len);
    mn_buf_reset(&k->joined);
    mn_buf_add(&k->joined, k->frag.buf, k->frag.len);
    mn_buf_add(&k->joined, k->cont.buf, k->cont.len);
    mn_buf_reset(&k->pair);
    mn_buf_add(&k->pair, k->frag.buf, k->frag.len);
    mn_buf_addch(&k->pair, '-');
    mn_buf_add(&k->pair, k->cont.buf, k->cont.len);
}

static void keys_init(struct keys *k)
{
    mn_buf_init(&k->frag, 32);
    mn_buf_init(&k->cont, 32);
    mn_buf_init(&k->joined, 64);
    mn_buf_init(&k->pair, 64);
}

static void keys_release(struct keys *k)
{
    mn_buf_release(&k->frag);
    mn_buf_release(&k->cont);
    mn_buf_release(&k->joined);
    mn_buf_release(&k->pair);
}

/* Counts the wanted keys in one line. Bytes in [skip_from, len) and [0, skip_to) are the
 * fragment and continuation of sites and are not counted: they are not words. */
/* Counts v->cur as a closed compound on each contested prefix it starts with. */
static void count_closed(struct vocab *v)
{
    for (size_t i = 0; i < v->nclosed_lens; i++) {
        size_t n = v->closed_lens[i];
        if (n >= v->cur.len || ((unsigned char)v->cur.buf[n] & 0xC0) == 0x80)
            continue;
        char save = v->cur.buf[n];
        v->cur.buf[n] = '\0';
        vocab_hit(v->closed, v->cur.buf);
        v->cur.buf[n] = save;
    }
}

/* In the first pass, counts the wanted keys; in the closed pass ('is_closed_pass'), counts
 * words that start with a contested prefix. */
static uint64_t len_bit(size_t len)
{
    return (uint64_t)1 << (len < 63 ? len : 63);
}

static void vocab_scan_line(struct vocab *v, const char *s, size_t skip_to, size_t skip_from,
                            bool is_closed_pass)
{
    size_t len = strlen(s);
    size_t i = 0;
    bool has_prev = false; /* v->prev holds the run before a '-' that joins it to this one */
    while (i < len) {
        size_t j = i;
        if (!is_letter(next_char(s, len, &j))) {
            i = j;
            has_prev = false;
            continue;
        }
        size_t start = i;
        while (i < len) {
            j = i;
            if (!is_letter(next_char(s, len, &j)))
                break;
            i = j;
        }
        size_t end = i, n = end - start;
        bool skip = end <= skip_to || start >= skip_from;
        bool next_joins = !skip && i + 1 < len && s[i] == '-';
        if (next_joins) {
            size_t k = i + 1;
            next_joins = is_letter(next_char(s, len, &k));
        }
        /* Fold only the runs that can matter: most words are filtered out by their length
         * (and, in the closed pass, their first byte) without touching the hash tables. */
        bool want;
        if (is_closed_pass) {
            unsigned char c0 = (unsigned char)s[start];
            if (mn_isupper_ascii(c0))
                c0 = (unsigned char)(c0 + ('a' - 'A'));
            want = !skip && n > v->closed_min && (v->closed_first[c0 >> 6] >> (c0 & 63) & 1);
        } else {
            want = !skip && ((v->words_lens & len_bit(n)) || has_prev || next_joins);
        }
        mn_buf_reset(&v->cur);
        if (want) {
            fold_add(&v->cur, s + start, end - start);
            if (is_closed_pass) {
                count_closed(v);
            } else {
                vocab_hit(v->words, v->cur.buf);
                if (has_prev) {
                    vocab_hit(v->prefix, v->prev.buf);
                    size_t plen = v->prev.len;
                    mn_buf_addch(&v->prev, '-');
                    mn_buf_add(&v->prev, v->cur.buf, v->cur.len);
                    vocab_hit(v->pairs, v->prev.buf);
                    mn_buf_setlen(&v->prev, plen);
                }
            }
        }
        /* a '-' directly between two letters continues a hyphenated word */
        has_prev = false;
        if (next_joins && !is_closed_pass) {
            has_prev = true;
            mn_buf_reset(&v->prev);
            mn_buf_add(&v->prev, v->cur.buf, v->cur.len);
            i++;
        }
    }
}

static void vocab_init(struct vocab *v)
{
    v->words = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    v->pairs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    v->prefix = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    v->closed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    v->closed_lens = NULL;
    v->nclosed_lens = 0;
    v->closed_min = (size_t)-1;
    memset(v->closed_first, 0, sizeof v->closed_first);
    v->words_lens = 0;
    mn_buf_init(&v->cur, 64);
    mn_buf_init(&v->prev, 64);
}

static void vocab_release(struct vocab *v)
{
    g_hash_table_destroy(v->words);
    g_hash_table_destroy(v->pairs);
    g_hash_table_destroy(v->prefix);
    g_hash_table_destroy(v->closed);
    free(v->closed_lens);
    mn_buf_release(&v->cur);
    mn_buf_release(&v->prev);
}

/* ---- decisions ----------------------------------------------------------------------- */

enum action { ACT_JOIN, ACT_KEEP, ACT_SPACE, ACT_NONE };

struct decision {
    enum action action;
    const char *reason;
};

/* Words after which a hyphenated fragment is a suspended compound ("Ældre- og Handicap"). */
static bool is_conjunction(const char *folded, char after)
{
    /* No "men", "and", "or": they also end ordinary words ("stem-" / "men" is "stemmen"). */
    static const char *const plain[] = {"og",          "eller", "samt",
                                        "henholdsvis", "såvel", "respektive"};
    static const char *const abbrev[] = {"el", "hhv", "resp"};
    for (size_t i = 0; i < MN_ARRAY_SIZE(plain); i++)
        if (strcmp(folded, plain[i]) == 0)
            return true;
    if (after == '.')
        for (size_t i = 0; i < MN_ARRAY_SIZE(abbrev); i++)
            if (strcmp(folded, abbrev[i]) == 0)
                return true;
    return false;
}

/* True when the word list says 'frag' is a proper noun: accepted capitalised, rejected in
 * lowercase ("Aalborg", not "Bekendt" or "Se"). */
static bool is_proper_noun(const struct mn_dict *dict, const char *frag, const char *frag_low)
{
    if (!dict)
        return false;
    enum mn_words_answer a = mn_words_is_proper_noun(dict->words, frag);
    if (listed(dict, a))
        return a == MN_WORDS_YES;
    return mn_dict_has(dict, frag) && !mn_dict_has(dict, frag_low);
}

/* True when the word list is there and rejects a lowercase fragment as a word. A real
 * hyphenated compound before a capital or a number starts with a word ("ikke-" / "EU",
 * "uge-" / "42"); a broken word before one ("kommu-" / "Figur", "kommu-" / "80") means the
 * next line is not the continuation at all: a figure, a table, another column. */
static bool is_broken_word(const struct mn_dict *dict, const char *frag, size_t frag_len)
{
    if (!dict || !g_unichar_islower(first_char(frag, frag_len)))
        return false;
    char *f = g_strndup(frag, frag_len);
    bool broken = !mn_dict_has(dict, f);
    g_free(f);
    return broken;
}

/* True when a lowercase fragment is followed by a capitalised common word ("om-" /
 * "Kommunerne", "dan-" / "Den"): the next line starts a sentence of its own, in another
 * column or under a figure. A real compound here has a name or acronym after its hyphen
 * ("anti-" / "Trump", "ikke-" / "EU"), which the word list rejects in lowercase. */
static bool starts_sentence(const struct mn_dict *dict, const char *frag, size_t frag_len,
                            const char *cont, size_t cont_len, const struct keys *k)
{
    if (!dict || !g_unichar_islower(first_char(frag, frag_len)) || all_upper(cont, cont_len))
        return false;
    return mn_dict_has(dict, k->cont.buf); /* the continuation, lowercased */
}

static struct decision decide(const struct vocab *v, const struct mn_dict *dict, struct keys *k,
                              const char *frag, size_t frag_len, const char *cont, size_t cont_len,
                              char after)
{
    keys_make(k, frag, frag_len, cont, cont_len);
    if (is_conjunction(k->cont.buf, after))
        return (struct decision){ACT_SPACE, "conjunction follows"};

    guint nj = vocab_get(v->words, k->joined.buf), nh = vocab_get(v->pairs, k->pair.buf);
    if (nj > nh)
        return (struct decision){ACT_JOIN, "doc: joined form"};
    if (nh > nj)
        return (struct decision){ACT_KEEP, "doc: hyphenated form"};

    gunichar c0 = first_char(cont, cont_len), f0 = first_char(frag, frag_len);
    bool frag_caps = all_upper(frag, frag_len);
    guint nprefix = vocab_get(v->prefix, k->frag.buf);
    bool is_prefix = nprefix > 0 && nprefix > vocab_get(v->closed, k->frag.buf);
    bool is_cap = g_unichar_isupper(f0);
    if (!g_unichar_isupper(c0) && !frag_caps && frag_len > 1 && !is_prefix && !(is_cap && dict))
        return (struct decision){ACT_JOIN, "default: join"}; /* the common case: no lookups */

    struct decision d = {ACT_JOIN, "default: join"};
    char *frag_s = g_strndup(frag, frag_len), *cont_s = g_strndup(cont, cont_len);
    char *joined = g_strconcat(frag_s, cont_s, NULL);
    if (g_unichar_isupper(c0)) {
        if (frag_caps && frag_len > 1 && all_upper(cont, cont_len) && mn_dict_has(dict, joined))
            d = (struct decision){ACT_JOIN, "dict: all-caps word"};
        else if (is_broken_word(dict, frag, frag_len))
            d = (struct decision){ACT_NONE, "left alone: a broken word before a capital"};
        else if (starts_sentence(dict, frag, frag_len, cont, cont_len, k))
            d = (struct decision){ACT_NONE, "left alone: a sentence starts"};
        else
            d = (struct decision){ACT_KEEP, "capitalised continuation"};
    } else if (frag_caps) {
        d = (struct decision){ACT_KEEP, "acronym fragment"};
    } else if (g_utf8_strlen(frag_s, -1) == 1) {
        d = (struct decision){ACT_KEEP, "one-letter fragment"};
    } else if (is_prefix) {
        if (mn_dict_has_simple(dict, joined))
            d = (struct decision){ACT_JOIN, "dict: a word of its own"};
        else
            d = (struct decision){ACT_KEEP, "doc: used as a hyphen prefix"};
    } else if (is_cap && is_proper_noun(dict, frag_s, k->frag.buf) && mn_dict_has(dict, cont_s)) {
        if (mn_dict_has_simple(dict, joined))
            d = (struct decision){ACT_JOIN, "dict: a word of its own"};
        else
            d = (struct decision){ACT_KEEP, "dict: proper noun + word"};
    }
    g_free(frag_s);
    g_free(cont_s);
    g_free(joined);
    return d;
}

/* ---- the pass ------------------------------------------------------------------------ */

/* Index of the next live line after i, or n. */
static size_t next_live(const struct mn_lines *lines, size_t i)
{
    for (i++; i < lines->n; i++)
        if (lines->v[i].text)
            return i;
    return lines->n;
}

/* Finds the continuation line of a site on line i: the next line, or the one after a single
 * blank line when it starts in lowercase (double-spaced text layers). Returns lines->n if
 * there is none. */
static size_t cont_line(const struct mn_lines *lines, size_t i, struct cont *c)
{
    size_t j = next_live(lines, i);
    if (j >= lines->n)
        return lines->n;
    if (!is_blank_text(lines->v[j].text)) {
        find_cont(lines->v[j].text, c);
        return c->kind == CONT_NONE ? lines->n : j;
    }
    j = next_live(lines, j);
    if (j >= lines->n || is_blank_text(lines->v[j].text))
        return lines->n;
    find_cont(lines->v[j].text, c);
    const char *s = lines->v[j].text;
    if (c->kind != CONT_WORD || !g_unichar_islower(first_char(s + c->start, c->end - c->start)))
        return lines->n;
    return j;
}

static void build_vocab(const struct mn_lines *lines, struct vocab *v, struct keys *k)
{
    size_t n = lines->n;
    size_t *skip_to = xcalloc(n ? n : 1, sizeof *skip_to);
    size_t *skip_from = xmalloc((n ? n : 1) * sizeof *skip_from);
    for (size_t i = 0; i < n; i++)
        skip_from[i] = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        struct site st;
        struct cont c;
        if (!lines->v[i].text || !find_site(lines->v[i].text, &st))
            continue;
        size_t j = cont_line(lines, i, &c);
        if (j >= n || c.kind != CONT_WORD)
            continue;
        const char *s = lines->v[i].text, *t = lines->v[j].text;
        skip_from[i] = st.frag;
        skip_to[j] = c.letters;
        keys_make(k, s + st.frag, st.hyphen - st.frag, t + c.start, c.letters - c.start);
        vocab_want(v->words, k->joined.buf);
        v->words_lens |= len_bit(k->joined.len);
        vocab_want(v->pairs, k->pair.buf);
        vocab_want(v->prefix, k->frag.buf);
    }
    if (g_hash_table_size(v->words) > 0)
        for (size_t i = 0; i < n; i++)
            if (lines->v[i].text)
                vocab_scan_line(v, lines->v[i].text, skip_to[i], skip_from[i], false);

    /* A fragment the document also writes as "a-b" is contested: count how often the document
     * writes it closed ("sundhedsvæsenet") to weigh against a stray "Sundheds-it". */
    GHashTableIter it;
    gpointer key, val;
    g_hash_table_iter_init(&it, v->prefix);
    while (g_hash_table_iter_next(&it, &key, &val)) {
        if (*(guint *)val == 0)
            continue;
        size_t len = strlen(key), idx = 0;
        unsigned char c0 = *(const unsigned char *)key;
        vocab_want(v->closed, key);
        v->closed_first[c0 >> 6] |= (uint64_t)1 << (c0 & 63);
        if (len < v->closed_min)
            v->closed_min = len;
        while (idx < v->nclosed_lens && v->closed_lens[idx] != len)
            idx++;
        if (idx == v->nclosed_lens) {
            v->closed_lens = xrealloc(v->closed_lens, (idx + 1) * sizeof *v->closed_lens);
            v->closed_lens[v->nclosed_lens++] = len;
        }
    }
    if (v->nclosed_lens > 0)
        for (size_t i = 0; i < n; i++)
            if (lines->v[i].text)
                vocab_scan_line(v, lines->v[i].text, skip_to[i], skip_from[i], true);
    free(skip_to);
    free(skip_from);
}

static const char *action_name(enum action a)
{
    return a == ACT_JOIN ? "join" : a == ACT_KEEP ? "keep" : a == ACT_SPACE ? "space" : "none";
}

/* Repairs the site on line i if there is one. Returns true when line i changed. */
struct pass {
    struct vocab v;
    struct keys k;
    const struct mn_dict *dict;
    void (*trace)(void *arg, const struct mn_dehyphen_decision *d);
    void *arg;
};

static void trace_decision(const struct pass *ps, const struct decision *d, const char *s,
                           const struct site *st, const char *t, const struct cont *c,
                           const char *result, int page)
{
    if (!ps->trace)
        return;
    char *frag = xstrndup(s + st->frag, st->hyphen - st->frag);
    char *cont = xstrndup(t + c->start, c->end - c->start);
    struct mn_dehyphen_decision td = {
        .frag = frag,
        .cont = cont,
        .result = result,
        .action = action_name(d->action),
        .reason = d->reason,
        .page = page,
    };
    ps->trace(ps->arg, &td);
    free(frag);
    free(cont);
}

static bool repair_line(struct mn_lines *lines, size_t i, struct pass *ps)
{
    struct site st;
    struct cont c;
    const char *s = lines->v[i].text;
    if (!find_site(s, &st))
        return false;
    size_t j = cont_line(lines, i, &c);
    if (j >= lines->n)
        return false;
    const char *t = lines->v[j].text;

    struct decision d;
    if (st.numeric && (c.kind == CONT_NUMBER || c.kind == CONT_WORD))
        d = (struct decision){ACT_KEEP, "a number before the hyphen"};
    else
    switch (c.kind) {
    case CONT_COMMA:
        d = (struct decision){ACT_KEEP, "comma follows"};
        break;
    case CONT_AMP:
        d = (struct decision){ACT_SPACE, "conjunction follows"};
        break;
    case CONT_NUMBER:
        if (is_broken_word(ps->dict, s + st.frag, st.hyphen - st.frag))
            d = (struct decision){ACT_NONE, "left alone: a broken word before a number"};
        else
            d = (struct decision){ACT_KEEP, "number follows"};
        break;
    case CONT_WORD:
        d = decide(&ps->v, ps->dict, &ps->k, s + st.frag, st.hyphen - st.frag, t + c.start,
                   c.letters - c.start, t[c.letters]);
        break;
    case CONT_NONE:
    default:
        return false;
    }

    if (d.action == ACT_NONE) {
        trace_decision(ps, &d, s, &st, t, &c, "(unchanged)", lines->v[i].page);
        return false;
    }

    struct mn_buf b = MN_BUF_INIT;
    mn_buf_add(&b, s, st.hyphen);
    if (d.action != ACT_JOIN)
        mn_buf_addch(&b, '-');
    if (d.action == ACT_SPACE)
        mn_buf_addch(&b, ' ');
    mn_buf_add(&b, t + c.start, c.end - c.start);

    trace_decision(ps, &d, s, &st, t, &c, b.buf + st.frag, lines->v[i].page);

    size_t rest = c.end;
    while (t[rest] == ' ' || t[rest] == '\t')
        rest++;
    char *next = t[rest] ? xstrdup(t + rest) : NULL;
    free(lines->v[j].text);
    lines->v[j].text = next;
    free(lines->v[i].text);
    lines->v[i].text = mn_buf_detach(&b, NULL);
    return true;
}

int mn_dehyphen_lines_trace(struct mn_lines *lines, const struct mn_dict *dict,
                            void (*trace)(void *arg, const struct mn_dehyphen_decision *d),
                            void *arg, struct mn_error *err)
{
    (void)err; /* nothing here can fail short of out-of-memory, which aborts */
    if (!lines || lines->n == 0)
        return 0;
    struct pass ps = {.dict = dict, .trace = trace, .arg = arg};
    vocab_init(&ps.v);
    keys_init(&ps.k);
    build_vocab(lines, &ps.v, &ps.k);

    for (size_t i = 0; i < lines->n; i++) {
        if (!lines->v[i].text)
            continue;
        /* repeat: the moved chunk can itself end in a hyphen when it was the whole line */
        for (int r = 0; r < MN_DEHYPHEN_MAX_REPEAT; r++)
            if (!repair_line(lines, i, &ps))
                break;
    }

    size_t w = 0;
    for (size_t i = 0; i < lines->n; i++)
        if (lines->v[i].text)
            lines->v[w++] = lines->v[i];
    lines->n = w;
    vocab_release(&ps.v);
    keys_release(&ps.k);
    return 0;
}

int mn_dehyphen_lines(struct mn_lines *lines, const struct mn_dict *dict, struct mn_error *err)
{
    return mn_dehyphen_lines_trace(lines, dict, NULL, NULL, err);
}

int mn_dehyphen_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err)
{
    return mn_dehyphen_lines(&doc->lines, ctx ? ctx->dict : NULL, err);
}
