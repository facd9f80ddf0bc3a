/* words.c: the mapped Danish word-form list (see words.h).
 *
 * BUILDING. The .aff's PFX/SFX classes are read (FLAG num, or one character per flag), each
 * .dic entry is expanded (root; root+suffix; root+suffix+suffix where the first suffix's
 * continuation allows the second; prefix+root and prefix+root+suffix(+suffix) where both are
 * cross products, or the prefix's or suffix's continuation allows the other), with hunspell's
 * rules for strip strings and conditions. Every distinct form is then checked with
 * Hunspell_spell. An accepted form reached by an affix path that lets it stand alone is a word
 * of its own; the few others are asked of Hunspell_analyze (MN_WORDS_ANALYZE_ALL=1 analyses
 * every form, to check that guess: on da_DK none disagrees). Forms whose flags (entry, or
 * any applied affix's continuation) carry a compound position also go, lowercased, into the
 * parts table.
 *
 * FILE. Native byte order (built and read on the same machine; the header's byte-order mark
 * refuses another). Header, then per table an index of uint32 offsets into a string pool and
 * the pool itself, where each entry is one flag byte followed by the NUL-terminated form.
 * Tables are sorted by strcmp, so lookups are binary searches on the mapped pages.
 *
 * LOOKING UP. See words.h. The compound test is a dynamic programme over character positions:
 * reach[i] says a part sequence ends at character i and whether that sequence could still
 * be continued; a word is a possible compound when the end is reached by at least 2 parts
 * (at most COMPOUNDWORDMAX) whose last can end a compound. */
#include "words.h"

#include <errno.h>
#include <fcntl.h>
#include <hunspell.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"

enum {
    MAX_FLAG = 65536,
    BIT_SIMPLE = 1,
    BIT_BEGIN = 2,
    BIT_MIDDLE = 4,
    BIT_END = 8,
    BIT_ALONE = 16, /* forms, while building: some path makes it a word of its own */
    BIT_CAP = 16,   /* parts: some original of the lowercased part starts with a capital */
    MAX_WORD_CHARS = 64, /* longer words are left to hunspell */
};

#define WORDS_MAGIC "MNWORDS2"

struct header {
    char magic[8];
    uint32_t bom; /* 0x01020304 in the writer's byte order */
    uint32_t cpdmin, cpdmax;
    uint32_t nforms, nparts;
    uint32_t pad;
    uint64_t aff_size, aff_mtime, dic_size, dic_mtime;
    uint64_t forms_index, forms_pool, parts_index, parts_pool; /* file offsets */
    uint64_t forms_pool_len, parts_pool_len;
};

struct mn_words {
    void *map;
    size_t len;
    const struct header *h;
    const uint32_t *forms_index, *parts_index;
    const char *forms_pool, *parts_pool;
};

/* ---- building: the affix file ----------------------------------------------------------- */

struct cond_elem {
    bool any;      /* '.' */
    bool negate;   /* [^...] */
    gunichar *set; /* the characters (one for a literal); owned */
    size_t nset;
};

struct rule {
    char *strip, *add; /* owned, "" for "0" */
    size_t strip_chars;
    uint16_t *cont; /* continuation flags; owned */
    size_t ncont;
    struct cond_elem *cond; /* owned */
    size_t ncond;
};

struct affix_class {
    bool is_prefix, cross;
    struct rule *rules;
    size_t nrules, alloc;
};

struct aff {
    bool flag_num;
    unsigned cpdmin, cpdmax;
    unsigned flag_begin, flag_middle, flag_end;
    unsigned flag_onlyincompound, flag_needaffix, flag_forbidden;
    struct affix_class *cls[MAX_FLAG]; /* owned; NULL where no class */
};

/* Parses a flag list ("24,10,49" with FLAG num, else one flag per character). */
static size_t parse_flags(const struct aff *a, const char *s, uint16_t **out)
{
    size_t n = 0, alloc = 0;
    uint16_t *v = NULL;
    if (a->flag_num) {
        while (*s) {
            char *end;
            unsigned long f = strtoul(s, &end, 10);
            if (end == s)
                break;
            if (f < MAX_FLAG) {
                MN_GROW(v, n + 1, alloc);
                v[n++] = (uint16_t)f;
            }
            s = *end == ',' ? end + 1 : end;
            if (*end != ',')
                break;
        }
    } else {
        for (const char *p = s; *p; p = g_utf8_next_char(p)) {
            gunichar c = g_utf8_get_char(p);
            if (c < MAX_FLAG) {
                MN_GROW(v, n + 1, alloc);
                v[n++] = (uint16_t)c;
            }
        }
    }
    *out = v;
    return n;
}

static unsigned parse_one_flag(const struct aff *a, const char *s)
{
    uint16_t *v = NULL;
    size_t n = parse_flags(a, s, &v);
    unsigned f = n ? v[0] : 0;
    free(v);
    return f;
}

static void parse_cond(struct rule *r, const char *s)
{
    size_t alloc = 0;
    if (strcmp(s, ".") == 0)
        return;
    while (*s) {
        struct cond_elem e = {0};
        if (*s == '.') {
            e.any = true;
            s++;
        } else if (*s == '[') {
            s++;
            if (*s == '^') {
                e.negate = true;
                s++;
            }
            size_t sa = 0;
            while (*s && *s != ']') {
                MN_GROW(e.set, e.nset + 1, sa);
                e.set[e.nset++] = g_utf8_get_char(s);
                s = g_utf8_next_char(s);
            }
            if (*s == ']')
                s++;
        } else {
            e.set = xmalloc(sizeof *e.set);
            e.set[0] = g_utf8_get_char(s);
            e.nset = 1;
            s = g_utf8_next_char(s);
        }
        MN_GROW(r->cond, r->ncond + 1, alloc);
        r->cond[r->ncond++] = e;
    }
}

static bool elem_match(const struct cond_elem *e, gunichar c)
{
    if (e->any)
        return true;
    bool in = false;
    for (size_t i = 0; i < e->nset && !in; i++)
        in = e->set[i] == c;
    return in != e->negate;
}

static void aff_free(struct aff *a)
{
    if (!a)
        return;
    for (size_t f = 0; f < MAX_FLAG; f++) {
        struct affix_class *c = a->cls[f];
        if (!c)
            continue;
        for (size_t i = 0; i < c->nrules; i++) {
            struct rule *r = &c->rules[i];
            free(r->strip);
            free(r->add);
            free(r->cont);
            for (size_t k = 0; k < r->ncond; k++)
                free(r->cond[k].set);
            free(r->cond);
        }
        free(c->rules);
        free(c);
    }
    free(a);
}

static char *field_or_empty(const char *s)
{
    return xstrdup(strcmp(s, "0") == 0 ? "" : s);
}

static int aff_read(const char *path, struct aff **out, struct mn_error *err)
{
    char *text = NULL;
    gsize len = 0;
    GError *e = NULL;
    *out = NULL;
    if (!g_file_get_contents(path, &text, &len, &e)) {
        int rc = mn_fail(err, MN_E_IO, "cannot read '%s': %s", path, e->message);
        g_clear_error(&e);
        return rc;
    }
    struct aff *a = xcalloc(1, sizeof *a);
    a->cpdmin = 3; /* hunspell's default */
    char **lines = g_strsplit(text, "\n", -1);
    g_free(text);
    int rc = 0;
    /* flags may be declared before FLAG is read; FLAG comes first in practice, but look */
    for (char **l = lines; *l; l++)
        if (strncmp(*l, "FLAG", 4) == 0 && strstr(*l, "num"))
            a->flag_num = true;
        else if (strncmp(*l, "FLAG", 4) == 0 && (strstr(*l, "long") || strstr(*l, "UTF-8")))
            rc = mn_fail(err, MN_E_INTERNAL, "'%s': FLAG long/UTF-8 is not supported", path);
    for (char **l = lines; *l && rc == 0; l++) {
        char **f = g_strsplit_set(g_strstrip(*l), " \t", -1);
        size_t nf = 0;
        for (char **p = f; *p; p++)
            if (**p)
                f[nf++] = *p; /* squeeze empty fields (runs of blanks); the rest stay owned */
            else
                g_free(*p);
        f[nf] = NULL;
        if (nf >= 2 && strcmp(f[0], "COMPOUNDMIN") == 0)
            a->cpdmin = (unsigned)strtoul(f[1], NULL, 10);
        else if (nf >= 2 && strcmp(f[0], "COMPOUNDWORDMAX") == 0)
            a->cpdmax = (unsigned)strtoul(f[1], NULL, 10);
        else if (nf >= 2 && strcmp(f[0], "COMPOUNDBEGIN") == 0)
            a->flag_begin = parse_one_flag(a, f[1]);
        else if (nf >= 2 && strcmp(f[0], "COMPOUNDMIDDLE") == 0)
            a->flag_middle = parse_one_flag(a, f[1]);
        else if (nf >= 2 && strcmp(f[0], "COMPOUNDEND") == 0)
            a->flag_end = parse_one_flag(a, f[1]);
        else if (nf >= 2 && strcmp(f[0], "ONLYINCOMPOUND") == 0)
            a->flag_onlyincompound = parse_one_flag(a, f[1]);
        else if (nf >= 2 && strcmp(f[0], "NEEDAFFIX") == 0)
            a->flag_needaffix = parse_one_flag(a, f[1]);
        else if (nf >= 2 && strcmp(f[0], "FORBIDDENWORD") == 0)
            a->flag_forbidden = parse_one_flag(a, f[1]);
        else if (nf >= 2 && (strcmp(f[0], "COMPOUNDFLAG") == 0 ||
                             strcmp(f[0], "COMPOUNDRULE") == 0 ||
                             strcmp(f[0], "KEEPCASE") == 0 || strcmp(f[0], "CHECKSHARPS") == 0 ||
                             strcmp(f[0], "SIMPLIFIEDTRIPLE") == 0 ||
                             strcmp(f[0], "FULLSTRIP") == 0 || strcmp(f[0], "IGNORE") == 0 ||
                             strcmp(f[0], "ICONV") == 0 || strcmp(f[0], "AF") == 0 ||
                             strcmp(f[0], "COMPLEXPREFIXES") == 0 ||
                             strcmp(f[0], "CIRCUMFIX") == 0))
            /* each changes what hunspell accepts in a way this builder does not model */
            rc = mn_fail(err, MN_E_INTERNAL, "'%s': %s is not supported by the word-list builder",
                         path, f[0]);
        else if (nf >= 4 && (strcmp(f[0], "PFX") == 0 || strcmp(f[0], "SFX") == 0)) {
            unsigned flag = parse_one_flag(a, f[1]);
            struct affix_class *c = a->cls[flag];
            bool header = (strcmp(f[2], "Y") == 0 || strcmp(f[2], "N") == 0) && nf <= 4 &&
                          mn_isdigit((unsigned char)f[3][0]);
            if (header) {
                if (!c) {
                    c = a->cls[flag] = xcalloc(1, sizeof *c);
                    c->is_prefix = f[0][0] == 'P';
                    c->cross = f[2][0] == 'Y';
                }
            } else if (c) {
                MN_GROW(c->rules, c->nrules + 1, c->alloc);
                struct rule *r = &c->rules[c->nrules++];
                memset(r, 0, sizeof *r);
                r->strip = field_or_empty(f[2]);
                r->strip_chars = (size_t)g_utf8_strlen(r->strip, -1);
                char *slash = strchr(f[3], '/');
                if (slash) {
                    *slash = '\0';
                    r->ncont = parse_flags(a, slash + 1, &r->cont);
                }
                r->add = field_or_empty(f[3]);
                parse_cond(r, nf >= 5 ? f[4] : ".");
            }
        }
        g_strfreev(f);
    }
    g_strfreev(lines);
    if (rc < 0) {
        aff_free(a);
        return -1;
    }
    if (a->cpdmax == 0)
        a->cpdmax = 64;
    *out = a;
    return 0;
}

/* ---- building: expansion ---------------------------------------------------------------- */

/* All generated forms, each "bits form\0", appended to one pool; sorted and merged later. */
struct gen {
    struct mn_buf pool;
    uint32_t *off;
    size_t n, alloc;
};

static uint8_t compound_bits(const struct aff *a, const uint16_t *f, size_t nf)
{
    uint8_t b = 0;
    for (size_t i = 0; i < nf; i++) {
        if (a->flag_begin && f[i] == a->flag_begin)
            b |= BIT_BEGIN;
        if (a->flag_middle && f[i] == a->flag_middle)
            b |= BIT_MIDDLE;
        if (a->flag_end && f[i] == a->flag_end)
            b |= BIT_END;
    }
    return b;
}

static bool has_flag(const uint16_t *f, size_t n, unsigned flag)
{
    for (size_t i = 0; flag && i < n; i++)
        if (f[i] == flag)
            return true;
    return false;
}

/* True when an affix with these continuation flags leaves a form that cannot stand alone
 * (it needs a further affix, or lives only inside compounds). */
static bool bars_alone(const struct aff *a, const uint16_t *f, size_t nf)
{
    return has_flag(f, nf, a->flag_onlyincompound) || has_flag(f, nf, a->flag_needaffix) ||
           has_flag(f, nf, a->flag_forbidden);
}

static void gen_add(struct gen *g, const char *form, size_t len, uint8_t bits)
{
    if (len == 0 || g->pool.len > UINT32_MAX - len - 2)
        return;
    MN_GROW(g->off, g->n + 1, g->alloc);
    g->off[g->n++] = (uint32_t)g->pool.len;
    mn_buf_addch(&g->pool, (char)(bits | 0x80)); /* never NUL */
    mn_buf_add(&g->pool, form, len);
    mn_buf_addch(&g->pool, '\0');
}

/* A word as characters, for condition tests. */
struct chars {
    gunichar *c;
    size_t n;
};

static void chars_set(struct chars *w, const char *s)
{
    glong n = 0;
    g_free(w->c);
    w->c = g_utf8_to_ucs4_fast(s, -1, &n);
    w->n = (size_t)n;
}

static bool sfx_applies(const struct rule *r, const char *word, size_t len, const struct chars *w)
{
    size_t sl = strlen(r->strip);
    if (w->n <= r->strip_chars || w->n < r->ncond)
        return false;
    if (sl && (len < sl || memcmp(word + len - sl, r->strip, sl) != 0))
        return false;
    for (size_t k = 0; k < r->ncond; k++)
        if (!elem_match(&r->cond[k], w->c[w->n - r->ncond + k]))
            return false;
    return true;
}

static bool pfx_applies(const struct rule *r, const char *word, const struct chars *w)
{
    size_t sl = strlen(r->strip);
    if (w->n <= r->strip_chars || w->n < r->ncond)
        return false;
    if (sl && strncmp(word, r->strip, sl) != 0)
        return false;
    for (size_t k = 0; k < r->ncond; k++)
        if (!elem_match(&r->cond[k], w->c[k]))
            return false;
    return true;
}

/* Flags, as a small growable set. */
struct flags {
    uint16_t *v;
    size_t n, alloc;
};

static void flags_add(struct flags *s, const uint16_t *f, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        MN_GROW(s->v, s->n + 1, s->alloc);
        s->v[s->n++] = f[i];
    }
}

/* Expands 'word' (its own flags 'wf', and the compound bits so far) with suffixes from the
 * classes in 'allowed', and with a second suffix where a first one's continuation allows. */
static void expand_suffixes(const struct aff *a, struct gen *g, const char *word,
                            const uint16_t *allowed, size_t nallowed, uint8_t bits, bool root_ok,
                            int depth, struct mn_buf *tmp)
{
    struct chars w = {0};
    size_t len = strlen(word);
    chars_set(&w, word);
    for (size_t i = 0; i < nallowed; i++) {
        const struct affix_class *c = a->cls[allowed[i]];
        if (!c || c->is_prefix)
            continue;
        for (size_t k = 0; k < c->nrules; k++) {
            const struct rule *r = &c->rules[k];
            if (!sfx_applies(r, word, len, &w))
                continue;
            mn_buf_reset(tmp);
            mn_buf_add(tmp, word, len - strlen(r->strip));
            mn_buf_adds(tmp, r->add);
            uint8_t b = bits | compound_bits(a, r->cont, r->ncont);
            bool alone = root_ok && !bars_alone(a, r->cont, r->ncont);
            gen_add(g, tmp->buf, tmp->len, b | (alone ? BIT_ALONE : 0));
            if (depth == 0 && r->ncont > 0) {
                char *f1 = xstrdup(tmp->buf);
                bool ok = root_ok && !has_flag(r->cont, r->ncont, a->flag_onlyincompound);
                expand_suffixes(a, g, f1, r->cont, r->ncont, b, ok, 1, tmp);
                free(f1);
            }
        }
    }
    g_free(w.c);
}

static void expand_entry(const struct aff *a, struct gen *g, const char *root, const uint16_t *rf,
                         size_t nrf, struct mn_buf *tmp)
{
    uint8_t bits = compound_bits(a, rf, nrf);
    /* root_ok: nothing on the path so far confines the form to compounds */
    bool root_ok = !has_flag(rf, nrf, a->flag_onlyincompound) &&
                   !has_flag(rf, nrf, a->flag_forbidden);
    bool alone = root_ok && !has_flag(rf, nrf, a->flag_needaffix);
    gen_add(g, root, strlen(root), bits | (alone ? BIT_ALONE : 0));
    expand_suffixes(a, g, root, rf, nrf, bits, root_ok, 0, tmp);

    struct chars w = {0};
    chars_set(&w, root);
    struct mn_buf pre = MN_BUF_INIT;
    for (size_t i = 0; i < nrf; i++) {
        const struct affix_class *c = a->cls[rf[i]];
        if (!c || !c->is_prefix)
            continue;
        for (size_t k = 0; k < c->nrules; k++) {
            const struct rule *r = &c->rules[k];
            if (!pfx_applies(r, root, &w))
                continue;
            mn_buf_reset(&pre);
            mn_buf_adds(&pre, r->add);
            mn_buf_adds(&pre, root + strlen(r->strip));
            uint8_t b = bits | compound_bits(a, r->cont, r->ncont);
            bool palone = root_ok && !bars_alone(a, r->cont, r->ncont);
            gen_add(g, pre.buf, pre.len, b | (palone ? BIT_ALONE : 0));
            bool pok = root_ok && !has_flag(r->cont, r->ncont, a->flag_onlyincompound);
            /* suffixes on prefix+root: the root's cross-product suffixes (when the prefix is a
             * cross product) and whatever the prefix's continuation allows. A suffix's
             * condition and strip are tested on the root's end, which the prefix leaves
             * alone unless it strips the whole root (excluded above). */
            struct flags allow = {0};
            if (c->cross)
                for (size_t m = 0; m < nrf; m++) {
                    const struct affix_class *s = a->cls[rf[m]];
                    if (s && !s->is_prefix && s->cross)
                        flags_add(&allow, &rf[m], 1);
                }
            flags_add(&allow, r->cont, r->ncont);
            if (allow.n)
                expand_suffixes(a, g, pre.buf, allow.v, allow.n, b, pok, 0, tmp);
            free(allow.v);
        }
    }
    mn_buf_release(&pre);
    g_free(w.c);
}

/* ---- building: sorting, checking, writing ----------------------------------------------- */

static const char *sort_pool; /* qsort has no context argument in C17 */

static int cmp_off(const void *x, const void *y)
{
    const char *a = sort_pool + *(const uint32_t *)x + 1, *b = sort_pool + *(const uint32_t *)y + 1;
    return strcmp(a, b);
}

/* Sorts g's entries and merges duplicates (OR of their bits) in place. */
static void gen_sort_unique(struct gen *g)
{
    sort_pool = g->pool.buf;
    qsort(g->off, g->n, sizeof *g->off, cmp_off);
    size_t w = 0;
    for (size_t i = 0; i < g->n; i++) {
        char *cur = g->pool.buf + g->off[i];
        if (w > 0 && strcmp(g->pool.buf + g->off[w - 1] + 1, cur + 1) == 0) {
            g->pool.buf[g->off[w - 1]] |= cur[0];
            continue;
        }
        g->off[w++] = g->off[i];
    }
    g->n = w;
}

/* Appends one table (index, then pool) to 'out'; fills its header offsets. */
static void write_table(struct mn_buf *out, const struct gen *g, const uint32_t *keep, size_t n,
                        uint64_t *index_off, uint64_t *pool_off, uint64_t *pool_len)
{
    while (out->len % 8)
        mn_buf_addch(out, '\0');
    *index_off = out->len;
    size_t index_at = out->len;
    for (size_t i = 0; i < n; i++)
        mn_buf_add(out, "\0\0\0\0", 4);
    *pool_off = out->len;
    for (size_t i = 0; i < n; i++) {
        uint32_t o = (uint32_t)(out->len - *pool_off);
        memcpy(out->buf + index_at + 4 * i, &o, 4);
        const char *e = g->pool.buf + keep[i];
        mn_buf_add(out, e, strlen(e + 1) + 2);
    }
    *pool_len = out->len - *pool_off;
}

static int write_file(const char *path, const struct mn_buf *b, struct mn_error *err)
{
    struct mn_buf tmp = MN_BUF_INIT;
    mn_buf_addf(&tmp, "%s.tmp", path);
    GError *e = NULL;
    int rc = 0;
    if (!g_file_set_contents(tmp.buf, b->buf, (gssize)b->len, &e) ||
        rename(tmp.buf, path) != 0) {
        rc = mn_fail(err, MN_E_IO, "cannot write '%s': %s", path, e ? e->message : strerror(errno));
        g_clear_error(&e);
        unlink(tmp.buf);
    }
    mn_buf_release(&tmp);
    return rc;
}

int mn_words_build(const char *aff_path, const char *dic_path, const char *out_path,
                   struct mn_words_stats *stats, struct mn_error *err)
{
    struct aff *a = NULL;
    Hunhandle *h = NULL;
    char *text = NULL;
    struct gen g = {.pool = MN_BUF_INIT}, parts = {.pool = MN_BUF_INIT};
    uint32_t *forms = NULL;
    struct mn_buf out = MN_BUF_INIT, tmp = MN_BUF_INIT;
    struct mn_words_stats st = {0};
    struct stat sa, sd;
    GError *e = NULL;
    gsize len = 0;
    int rc = -1;

    if (stat(aff_path, &sa) != 0 || stat(dic_path, &sd) != 0) {
        mn_fail(err, MN_E_IO, "cannot read '%s' or '%s': %s", aff_path, dic_path,
                strerror(errno));
        goto out;
    }
    if (aff_read(aff_path, &a, err) < 0)
        goto out;
    if (!g_file_get_contents(dic_path, &text, &len, &e)) {
        mn_fail(err, MN_E_IO, "cannot read '%s': %s", dic_path, e->message);
        goto out;
    }
    h = Hunspell_create(aff_path, dic_path);
    const char *enc = h ? Hunspell_get_dic_encoding(h) : NULL;
    if (!enc || g_ascii_strcasecmp(enc, "UTF-8") != 0) {
        mn_fail(err, MN_E_INTERNAL, "'%s': hunspell cannot load it, or it is not SET UTF-8",
                aff_path);
        goto out;
    }

    /* expand every entry */
    char *line = text, *next;
    bool first = true;
    for (; line && *line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        if (first) { /* the entry count */
            first = false;
            continue;
        }
        /* "word/flags<tab>morphology": a '/' preceded by '\' belongs to the word */
        char *end = line;
        mn_buf_reset(&tmp);
        while (*end && *end != '/' && *end != '\t' && *end != ' ' && *end != '\r') {
            if (*end == '\\' && end[1] == '/')
                end++;
            mn_buf_addch(&tmp, *end++);
        }
        if (tmp.len == 0 || !g_utf8_validate(tmp.buf, (gssize)tmp.len, NULL))
            continue;
        uint16_t *rf = NULL;
        size_t nrf = 0;
        if (*end == '/') {
            char *fe = end + 1;
            while (*fe && *fe != '\t' && *fe != ' ' && *fe != '\r')
                fe++;
            *fe = '\0';
            nrf = parse_flags(a, end + 1, &rf);
        }
        char *root = xstrdup(tmp.buf);
        struct mn_buf work = MN_BUF_INIT;
        expand_entry(a, &g, root, rf, nrf, &work);
        mn_buf_release(&work);
        free(root);
        free(rf);
        st.nentries++;
    }
    gen_sort_unique(&g);
    st.ngenerated = g.n;

    /* check each form with hunspell; collect the compound parts, lowercased */
    forms = xmalloc((g.n ? g.n : 1) * sizeof *forms);
    size_t nforms = 0;
    for (size_t i = 0; i < g.n; i++) {
        char *entry = g.pool.buf + g.off[i];
        const char *form = entry + 1;
        uint8_t bits = (uint8_t)(entry[0] & 0x7F);
        if (bits & (BIT_BEGIN | BIT_MIDDLE | BIT_END)) {
            char *low = g_utf8_strdown(form, -1);
            uint8_t pb = bits & (BIT_BEGIN | BIT_MIDDLE | BIT_END);
            if (g_unichar_isupper(g_utf8_get_char(form)))
                pb |= BIT_CAP;
            gen_add(&parts, low, strlen(low), pb);
            g_free(low);
        }
        if (!Hunspell_spell(h, form))
            continue;
        /* A form reached by a path of affixes that lets it stand alone is a word of its own:
         * hunspell's analysis finds that path. Only the others (a few hundred: forms that
         * hunspell accepts but this expansion made only for compounds) are analysed, which is
         * ten times the cost of a spell check. */
        bool simple = (bits & BIT_ALONE) != 0;
        if (!simple || getenv("MN_WORDS_ANALYZE_ALL")) {
            char **list = NULL;
            int n = Hunspell_analyze(h, &list, form);
            simple = false;
            for (int k = 0; k < n && !simple; k++)
                simple = list[k] && !strstr(list[k], "pa:");
            Hunspell_free_list(h, &list, n);
            if (simple != ((bits & BIT_ALONE) != 0))
                st.nmismatch++;
        }
        entry[0] = (char)(0x80 | (simple ? BIT_SIMPLE : 0));
        forms[nforms++] = g.off[i];
        st.nforms++;
        st.nsimple += simple;
    }
    gen_sort_unique(&parts);
    st.nparts = parts.n;

    struct header hd = {0};
    memcpy(hd.magic, WORDS_MAGIC, 8);
    hd.bom = 0x01020304;
    hd.cpdmin = a->cpdmin;
    hd.cpdmax = a->cpdmax;
    hd.nforms = (uint32_t)nforms;
    hd.nparts = (uint32_t)parts.n;
    hd.aff_size = (uint64_t)sa.st_size;
    hd.aff_mtime = (uint64_t)sa.st_mtime;
    hd.dic_size = (uint64_t)sd.st_size;
    hd.dic_mtime = (uint64_t)sd.st_mtime;
    mn_buf_add(&out, &hd, sizeof hd);
    write_table(&out, &g, forms, nforms, &hd.forms_index, &hd.forms_pool, &hd.forms_pool_len);
    write_table(&out, &parts, parts.off, parts.n, &hd.parts_index, &hd.parts_pool,
                &hd.parts_pool_len);
    memcpy(out.buf, &hd, sizeof hd);
    st.bytes = out.len;
    if (write_file(out_path, &out, err) < 0)
        goto out;
    if (stats)
        *stats = st;
    rc = 0;
out:
    g_clear_error(&e);
    g_free(text);
    if (h)
        Hunspell_destroy(h);
    aff_free(a);
    mn_buf_release(&g.pool);
    free(g.off);
    mn_buf_release(&parts.pool);
    free(parts.off);
    free(forms);
    mn_buf_release(&out);
    mn_buf_release(&tmp);
    return rc;
}

/* ---- run time ----------------------------------------------------------------------- */

static bool same_file(const char *path, uint64_t size, uint64_t mtime)
{
    struct stat s;
    return path && stat(path, &s) == 0 && (uint64_t)s.st_size == size &&
           (uint64_t)s.st_mtime == mtime;
}

struct mn_words *mn_words_open(const char *path, const char *aff, const char *dic)
{
    struct stat s;
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    if (fd < 0)
        return NULL;
    void *map = MAP_FAILED;
    if (fstat(fd, &s) == 0 && (size_t)s.st_size >= sizeof(struct header))
        map = mmap(NULL, (size_t)s.st_size, PROT_READ, MAP_SHARED, fd, 0);
    close(fd);
    if (map == MAP_FAILED)
        return NULL;
    size_t len = (size_t)s.st_size;
    const struct header *h = map;
    bool ok = memcmp(h->magic, WORDS_MAGIC, 8) == 0 && h->bom == 0x01020304 &&
              h->forms_index + 4ull * h->nforms <= len &&
              h->forms_pool + h->forms_pool_len <= len &&
              h->parts_index + 4ull * h->nparts <= len &&
              h->parts_pool + h->parts_pool_len <= len && h->forms_index % 4 == 0 &&
              h->parts_index % 4 == 0 && same_file(aff, h->aff_size, h->aff_mtime) &&
              same_file(dic, h->dic_size, h->dic_mtime);
    if (!ok) {
        munmap(map, len);
        return NULL;
    }
    struct mn_words *w = xcalloc(1, sizeof *w);
    w->map = map;
    w->len = len;
    w->h = h;
    w->forms_index = (const uint32_t *)((const char *)map + h->forms_index);
    w->parts_index = (const uint32_t *)((const char *)map + h->parts_index);
    w->forms_pool = (const char *)map + h->forms_pool;
    w->parts_pool = (const char *)map + h->parts_pool;
    return w;
}

void mn_words_free(struct mn_words *w)
{
    if (!w)
        return;
    munmap(w->map, w->len);
    free(w);
}

/* Binary search; returns the entry's bits | 0x80, or 0 when absent. 'key' has 'klen' bytes
 * (not NUL-terminated necessarily). */
static int find(const uint32_t *index, uint32_t n, const char *pool, uint64_t pool_len,
                const char *key, size_t klen)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t o = index[mid];
        if (o + 1 >= pool_len)
            return 0; /* a damaged file: treat as absent */
        const char *e = pool + o + 1;
        int c = strncmp(key, e, klen);
        if (c == 0)
            c = e[klen] == '\0' ? 0 : -1; /* e is longer: key sorts first */
        if (c == 0)
            return (unsigned char)pool[o];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

static int find_form(const struct mn_words *w, const char *s)
{
    return find(w->forms_index, w->h->nforms, w->forms_pool, w->h->forms_pool_len, s, strlen(s));
}

static int find_part(const struct mn_words *w, const char *s, size_t len)
{
    return find(w->parts_index, w->h->nparts, w->parts_pool, w->h->parts_pool_len, s, len);
}

enum caps { CAPS_NONE, CAPS_INIT, CAPS_ALL, CAPS_MIXED };

/* Letters only (else false); fills the case type hunspell would see. */
static bool letters_only(const char *s, enum caps *caps, size_t *nchars)
{
    size_t n = 0, nup = 0;
    bool first_up = false;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char_validated(p, -1);
        if (c == (gunichar)-1 || c == (gunichar)-2 || !g_unichar_isalpha(c))
            return false;
        if (g_unichar_isupper(c)) {
            nup++;
            if (n == 0)
                first_up = true;
        } else if (!g_unichar_islower(c)) {
            return false; /* titlecase, or a letter without case: leave it to hunspell */
        }
        n++;
    }
    *nchars = n;
    *caps = nup == 0 ? CAPS_NONE : nup == n ? CAPS_ALL : (first_up && nup == 1) ? CAPS_INIT
                                                                                : CAPS_MIXED;
    return n > 0;
}

/* The forms hunspell tries for a word of this case type (as is; an initial capital also in
 * lowercase; all capitals also in lowercase and with an initial capital): the OR of the bits
 * of those present (each with 0x80), or 0 when none is. */
static int variants(const struct mn_words *w, const char *s, enum caps caps)
{
    int r = find_form(w, s);
    if (caps == CAPS_NONE || caps == CAPS_MIXED)
        return r;
    char *low = g_utf8_strdown(s, -1);
    r |= find_form(w, low);
    if (caps == CAPS_ALL) {
        /* "AALBORG" → "Aalborg" */
        const char *rest = g_utf8_next_char(low);
        char first[8];
        int n = g_unichar_to_utf8(g_unichar_toupper(g_utf8_get_char(low)), first);
        struct mn_buf b = MN_BUF_INIT;
        mn_buf_add(&b, first, (size_t)n);
        mn_buf_adds(&b, rest);
        r |= find_form(w, b.buf);
        mn_buf_release(&b);
    }
    g_free(low);
    return r;
}

/* True when 'low' (lowercase, 'nchars' characters) can be cut into compound parts; with
 * 'first_cap', only where the first part is written with a capital in the dictionary
 * (hunspell matches compound parts case-sensitively: "Aalborgforvaltning" is accepted,
 * "aalborgforvaltning" is not). */
static bool maybe_compound(const struct mn_words *w, const char *low, size_t nchars,
                           bool first_cap)
{
    size_t cpdmin = w->h->cpdmin ? w->h->cpdmin : 1, cpdmax = w->h->cpdmax;
    if (nchars < 2 * cpdmin || nchars > MAX_WORD_CHARS)
        return false; /* too short for two parts; too long is refused by letters_only's caller */
    size_t off[MAX_WORD_CHARS + 1];
    const char *p = low;
    for (size_t i = 0; i <= nchars; i++) {
        off[i] = (size_t)(p - low);
        if (*p)
            p = g_utf8_next_char(p);
    }
    /* reach[i]: the smallest number of parts (≥ 1) ending at character i such that the
     * sequence can go on (its last part may begin or stand in the middle); 0 = unreachable.
     * Fewer parts is always at least as good (COMPOUNDWORDMAX bounds the count). */
    unsigned char reach[MAX_WORD_CHARS + 1] = {0};
    for (size_t i = 0; i < nchars; i++) {
        if (i > 0 && !reach[i])
            continue;
        for (size_t j = i + cpdmin; j <= nchars; j++) {
            int bits = find_part(w, low + off[i], off[j] - off[i]);
            if (!bits || (i == 0 && first_cap && !(bits & BIT_CAP)))
                continue;
            unsigned nparts = i == 0 ? 1u : reach[i] + 1u;
            if (nparts > cpdmax)
                continue;
            if (j == nchars) {
                if (nparts >= 2 && (bits & BIT_END))
                    return true;
                continue;
            }
            bool goes_on = i == 0 ? (bits & (BIT_BEGIN | BIT_MIDDLE)) != 0
                                  : (bits & BIT_MIDDLE) != 0 || (bits & BIT_BEGIN) != 0;
            if (goes_on && (!reach[j] || nparts < reach[j]))
                reach[j] = (unsigned char)nparts;
        }
    }
    return false;
}

enum mn_words_answer mn_words_has(const struct mn_words *w, const char *word)
{
    enum caps caps;
    size_t nchars;
    if (!w || !word || !letters_only(word, &caps, &nchars) || nchars > MAX_WORD_CHARS)
        return MN_WORDS_UNKNOWN;
    if (variants(w, word, caps))
        return MN_WORDS_YES;
    if (caps == CAPS_MIXED)
        return MN_WORDS_UNKNOWN;
    char *low = g_utf8_strdown(word, -1);
    bool maybe = maybe_compound(w, low, nchars, false);
    g_free(low);
    return maybe ? MN_WORDS_UNKNOWN : MN_WORDS_NO;
}

enum mn_words_answer mn_words_has_simple(const struct mn_words *w, const char *word)
{
    enum caps caps;
    size_t nchars;
    if (!w || !word || !letters_only(word, &caps, &nchars) || nchars > MAX_WORD_CHARS)
        return MN_WORDS_UNKNOWN;
    /* a variant with the bit: hunspell's analysis of the word includes that simple one */
    if (variants(w, word, caps) & BIT_SIMPLE)
        return MN_WORDS_YES;
    return mn_words_has(w, word) == MN_WORDS_NO ? MN_WORDS_NO : MN_WORDS_UNKNOWN;
}

enum mn_words_answer mn_words_is_proper_noun(const struct mn_words *w, const char *word)
{
    enum caps caps;
    size_t nchars;
    if (!w || !word || !letters_only(word, &caps, &nchars) || nchars > MAX_WORD_CHARS ||
        caps != CAPS_INIT)
        return MN_WORDS_UNKNOWN;
    char *low = g_utf8_strdown(word, -1);
    enum mn_words_answer r;
    if (find_form(w, low))
        r = MN_WORDS_NO; /* accepted in lowercase */
    else if (find_form(w, word)) /* accepted as written; in lowercase? */
        r = maybe_compound(w, low, nchars, false) ? MN_WORDS_UNKNOWN : MN_WORDS_YES;
    else /* accepted as written only as a compound whose first part has a capital */
        r = maybe_compound(w, low, nchars, true) ? MN_WORDS_UNKNOWN : MN_WORDS_NO;
    g_free(low);
    return r;
}
