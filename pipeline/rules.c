/* rules.c: loads rule files, compiles them once with pcre2 (UTF + UCP), checks their
 * examples, and matches them line by line.
 *
 * Why an INI-like format with verbatim values: regexes are backslash-heavy, and any escaping
 * layer doubles them; examples next to each pattern keep Danish regexes honest (fail2ban's
 * failJSON idea, moved into the file). Every kind declares the named groups code relies on,
 * checked at load time so that a user's edited rules fail at start-up with file:line, not
 * silently at match time. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <pcre2.h>

#include "buf.h"
#include "err.h"
#include "utf8.h"

enum { MN_MAX_PATTERNS = 16, MN_MAX_RULE_FILE = 1 << 20 };

/* A pattern is JIT-compiled once it has been tried this many times. JIT-compiling all ~140
 * patterns at load cost 25.6 M instructions, a tenth of a one-off convert of an 8-page PDF
 * and more than the interpreter spends on that document's matching; a long document tries
 * the same patterns thousands of times, and there the JIT saves 5% of the run. Measured
 * (callgrind, instructions; 8 pages / 41 / 265): JIT at load 231 M / 1,313 M / 5,334 M,
 * never 221 M / 1,348 M / 5,632 M, after 8 tries 229 / 1,311 / 5,328, after 32 222 / 1,303 /
 * 5,325, after 128 222 / 1,306 / 5,327, after 512 221 / 1,315 / 5,338. */
enum { MN_JIT_AFTER = 32 };

struct kind_spec {
    const char *kind;
    const char *groups[4]; /* named groups every pattern of the kind must have */
};

/* The closed set of kinds and what code reads from each (see rules/README.md). */
static const struct kind_spec kind_specs[] = {
    {"define", {NULL}},
    {"noise", {NULL}},          /* page furniture: dropped */
    {"toc", {NULL}},            /* table-of-contents line: dropped */
    {"letterhead", {NULL}},     /* letterhead line before the header block: dropped */
    {"markup", {NULL}},         /* extraction markup: the match is deleted from the line */
    {"bullet", {"text"}},       /* list entry; 'text' is the entry without its glyph */
    {"header", {"value"}},      /* header field; the name says which */
    {"kind", {NULL}},           /* document title line; the name is agenda or minutes */
    {"casenumber", {"case"}},   /* Sagsnr./Dok.nr. */
    {"address", {NULL}},        /* a line of a place's address (street and number, postcode and town) */
    {"item", {"number", "title"}},
    {"group", {NULL}},          /* group heading */
    {"caseline", {NULL}},       /* a case or journal number printed alone with an item */
    {"split", {"label"}},       /* a header label inside a line: the line is split before it */
    {"closed", {NULL}},         /* marks an item closed */
    {"open", {NULL}},           /* marks an item open: only cut from the title */
    {"wrap", {NULL}},           /* a heading line that goes on on the next line */
    {"section", {NULL}},        /* section label; the name is the kind */
    {"intro", {NULL}},          /* the recommendation's intro sentence */
    {"entry", {NULL}},          /* a line that always starts a new paragraph (Bilag 3: ...) */
    {"nothing", {NULL}},        /* "Ingen": an attachment list that lists none */
    {"verdict", {NULL}},        /* bare decision directly under an item heading */
    {"resolution", {NULL}},     /* a paragraph that records a resolution (minutes without labels) */
    {"closing", {NULL}},        /* a line after the last item that ends the minutes */
    {"standard", {NULL}},       /* an item title every meeting has (Eventuelt): meeting evidence */
    {"date", {"day", "month", "year"}},
    {"time", {"h1"}},
    {"role", {"role"}},         /* role inside a participant's parentheses */
    {"shared", {"value"}},      /* 'begge X' / 'alle X': affiliation shared by a group */
    {"note", {"note"}},         /* a remark in a participant's parentheses */
    {"location", {"value"}},    /* a location line in a header without labels */
    {"body", {NULL}},           /* an unlabelled header line naming the body; 'value' if not all */
    {"point", {"text"}},        /* a list entry without a glyph, where a list can be (segment.c) */
};

struct mn_rule {
    char *kind;
    char *name;
    char *value;
    char *file;
    int line;
    uint32_t flags;
    pcre2_match_context *mctx; /* borrowed from the rule set: match and depth limits */
    pcre2_code *patterns[MN_MAX_PATTERNS];
    struct mn_jit {
        atomic_uint tries;
        _Atomic(pcre2_code *) code; /* a JIT-compiled copy of the pattern, once made */
    } *jit;                         /* [MN_MAX_PATTERNS]; written while matching (see jit_code) */
    char *sources[MN_MAX_PATTERNS]; /* pattern text, until compiled when the block ends */
    int nsources;
    int pattern_lines[MN_MAX_PATTERNS];
    int npatterns;
    struct mn_strings_ {
        char **v;
        int *lines;
        size_t n, alloc, lalloc;
    } examples, counters;
};

/* A rules cache being read (mn_rules_use_cache): the texts it was written from and their
 * patterns, compiled, in the order the loader compiles them. */
struct rules_cache {
    char *file;             /* the whole file, owned */
    const char *texts;      /* into 'file': the rule set's 'texts' when it was written */
    size_t texts_len;
    const uint8_t *blob;    /* into 'file': pcre2_serialize_encode of every pattern */
    size_t blob_len;
    pcre2_code **codes;     /* decoded on first use; a taken code is NULL here */
    int32_t ncodes, next;   /* patterns in the cache; the next one to take */
    bool decoded;
};

struct mn_rules {
    struct mn_rule **v;
    size_t n, alloc;
    pcre2_match_context *mctx;
    /* Every text loaded, in order, each after its length and a newline: the input of the
     * digest (computed when asked for), of the rules cache, and what a cache is checked
     * against. */
    struct mn_buf texts;
    struct rules_cache *cache; /* NULL = none, or no longer usable (a text differed) */
    bool keep_compiled;        /* mn_rules_keep_compiled: 'compiled' collects the patterns */
    pcre2_code **compiled;     /* copies of every pattern compiled, in order, for the cache */
    size_t ncompiled, compiled_alloc;
};

static const struct kind_spec *find_kind(const char *kind)
{
    for (size_t i = 0; i < MN_ARRAY_SIZE(kind_specs); i++)
        if (strcmp(kind_specs[i].kind, kind) == 0)
            return &kind_specs[i];
    return NULL;
}

struct mn_rules *mn_rules_new(void)
{
    struct mn_rules *r = xcalloc(1, sizeof *r);
    r->texts = (struct mn_buf)MN_BUF_INIT;
    r->mctx = pcre2_match_context_create(NULL);
    if (!r->mctx) {
        fprintf(stderr, "minutes: out of memory\n");
        abort();
    }
    /* OCR garbage and a careless nested quantifier must not hang a batch. */
    pcre2_set_match_limit(r->mctx, 1000000);
    pcre2_set_depth_limit(r->mctx, 10000);
    return r;
}

static void strings_free(struct mn_strings_ *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    free(s->lines);
}

static void strings_add(struct mn_strings_ *s, const char *str, int line)
{
    MN_GROW(s->v, s->n + 1, s->alloc);
    MN_GROW(s->lines, s->n + 1, s->lalloc);
    s->v[s->n] = xstrdup(str);
    s->lines[s->n] = line;
    s->n++;
}

static void cache_free(struct rules_cache *c)
{
    if (!c)
        return;
    for (int32_t i = 0; c->codes && i < c->ncodes; i++)
        pcre2_code_free(c->codes[i]);
    free(c->codes);
    free(c->file);
    free(c);
}

static void rule_free(struct mn_rule *rule)
{
    if (!rule)
        return;
    free(rule->kind);
    free(rule->name);
    free(rule->value);
    free(rule->file);
    for (int i = 0; i < rule->npatterns; i++) {
        pcre2_code_free(rule->patterns[i]);
        if (rule->jit) /* a define counts its pattern but compiles none */
            pcre2_code_free(atomic_load(&rule->jit[i].code));
    }
    free(rule->jit);
    for (int i = 0; i < rule->nsources; i++)
        free(rule->sources[i]);
    strings_free(&rule->examples);
    strings_free(&rule->counters);
    free(rule);
}

void mn_rules_free(struct mn_rules *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++)
        rule_free(r->v[i]);
    free(r->v);
    pcre2_match_context_free(r->mctx);
    mn_buf_release(&r->texts);
    cache_free(r->cache);
    for (size_t i = 0; i < r->ncompiled; i++)
        pcre2_code_free(r->compiled[i]);
    free(r->compiled);
    free(r);
}

/* ---- the rules cache ------------------------------------------------------------------------
 *
 * Compiling the patterns (7 M instructions) and checking every example (4 M) were a tenth of a
 * one-off convert of a short PDF. Both depend only on the rule texts and the pcre2 library, so
 * 'minutes check-rules -o FILE' (run by make) writes the texts with their patterns compiled
 * (pcre2_serialize_encode, in the order the loader compiles them); a rule set that is then
 * loaded from exactly those texts takes its patterns from the file instead of compiling them,
 * and needs no second check. The first text that differs (an edited rule, another directory,
 * an extra -r file) ends the cache's use: from there on everything is compiled, and the
 * examples are all checked, as without a cache. */

static const char cache_magic[] = "minutes rules cache 1\n";
enum { MN_MAX_CACHE = 64 << 20 };

static void cache_drop(struct mn_rules *r)
{
    cache_free(r->cache);
    r->cache = NULL;
}

/* After a text was appended at 'before': the cache stays in use only while the texts loaded
 * are the start of the ones it was written from. */
static void cache_follow(struct mn_rules *r, size_t before)
{
    const struct rules_cache *c = r->cache;
    if (c && (r->texts.len > c->texts_len ||
              memcmp(r->texts.buf + before, c->texts + before, r->texts.len - before) != 0))
        cache_drop(r);
}

/* The next compiled pattern of the cache (owned by the caller), or NULL: no cache, or it
 * cannot be decoded (it is dropped then). */
static pcre2_code *cache_take(struct mn_rules *r)
{
    struct rules_cache *c = r->cache;
    if (!c)
        return NULL;
    if (!c->decoded) {
        c->decoded = true;
        c->codes = xcalloc((size_t)c->ncodes, sizeof *c->codes);
        if (pcre2_serialize_decode(c->codes, c->ncodes, c->blob, NULL) != c->ncodes) {
            cache_drop(r); /* another pcre2 build: its own check said so */
            return NULL;
        }
    }
    if (c->next == c->ncodes) { /* cannot happen with the same texts: compile */
        cache_drop(r);
        return NULL;
    }
    pcre2_code *code = c->codes[c->next];
    c->codes[c->next++] = NULL;
    return code;
}

/* True when every text loaded and every pattern compiled came from the cache. */
static bool cache_vouches(const struct mn_rules *r)
{
    const struct rules_cache *c = r->cache;
    return c && r->texts.len == c->texts_len && c->next == c->ncodes;
}

/* The header's second line: the pcre2 library that compiled the patterns. */
static void pcre2_line(char *buf, size_t size)
{
    char version[64] = "";
    if (pcre2_config(PCRE2_CONFIG_VERSION, NULL) <= (int)sizeof version)
        pcre2_config(PCRE2_CONFIG_VERSION, version);
    snprintf(buf, size, "pcre2 %s\n", version);
}

bool mn_rules_use_cache(struct mn_rules *r, const char *path)
{
    if (r->texts.len > 0 || r->cache || r->keep_compiled)
        return false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct rules_cache *c = xcalloc(1, sizeof *c);
    struct stat st;
    size_t len = 0;
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > MN_MAX_CACHE)
        goto bad;
    c->file = xmalloc((size_t)st.st_size + 1);
    while (len < (size_t)st.st_size) {
        ssize_t n = read(fd, c->file + len, (size_t)st.st_size - len);
        if (n <= 0)
            goto bad;
        len += (size_t)n;
    }
    c->file[len] = '\0';
    char line[96];
    pcre2_line(line, sizeof line);
    size_t magic = strlen(cache_magic), vlen = strlen(line);
    if (len < magic + vlen || memcmp(c->file, cache_magic, magic) != 0 ||
        memcmp(c->file + magic, line, vlen) != 0)
        goto bad;
    const char *p = c->file + magic + vlen, *end = c->file + len;
    long ncodes;
    unsigned long long tlen, blen;
    int used = 0;
    if (sscanf(p, "%ld %llu %llu\n%n", &ncodes, &tlen, &blen, &used) != 3 || used == 0 ||
        ncodes < 1 || ncodes > INT32_MAX)
        goto bad;
    p += used;
    if ((unsigned long long)(end - p) != tlen + blen || tlen < 2)
        goto bad;
    c->texts = p;
    c->texts_len = (size_t)tlen;
    c->blob = (const uint8_t *)p + tlen;
    c->blob_len = (size_t)blen;
    c->ncodes = (int32_t)ncodes;
    close(fd);
    r->cache = c;
    return true;
bad:
    close(fd);
    cache_free(c);
    return false;
}

void mn_rules_keep_compiled(struct mn_rules *r)
{
    cache_drop(r);
    r->keep_compiled = true;
}

int mn_rules_write_cache(const struct mn_rules *r, const char *path, struct mn_error *err)
{
    uint8_t *blob = NULL;
    PCRE2_SIZE blen = 0;
    struct mn_buf tmp = MN_BUF_INIT;
    FILE *f = NULL;
    int ret = -1;
    if (!r->keep_compiled || r->ncompiled == 0 || r->ncompiled > INT32_MAX)
        return mn_fail(err, MN_E_INTERNAL, "'%s': no compiled patterns kept to write", path);
    int32_t n = pcre2_serialize_encode((const pcre2_code **)r->compiled, (int32_t)r->ncompiled,
                                       &blob, &blen, NULL);
    if (n < 0) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(n, msg, sizeof msg);
        return mn_fail(err, MN_E_INTERNAL, "cannot serialise the patterns: %s",
                       (const char *)msg);
    }
    char line[96];
    pcre2_line(line, sizeof line);
    mn_buf_addf(&tmp, "%s.tmp", path);
    f = fopen(tmp.buf, "wb");
    if (!f) {
        mn_fail(err, MN_E_IO, "cannot write '%s': %s", tmp.buf, strerror(errno));
        goto out;
    }
    fprintf(f, "%s%s%ld %zu %zu\n", cache_magic, line, (long)n, r->texts.len, (size_t)blen);
    fwrite(r->texts.buf, 1, r->texts.len, f);
    fwrite(blob, 1, blen, f);
    int werr = ferror(f);
    if (fclose(f) != 0 || werr) {
        f = NULL;
        mn_fail(err, MN_E_IO, "cannot write '%s': %s", tmp.buf, strerror(errno));
        goto out;
    }
    f = NULL;
    if (rename(tmp.buf, path) != 0) {
        mn_fail(err, MN_E_IO, "cannot rename '%s' to '%s': %s", tmp.buf, path, strerror(errno));
        goto out;
    }
    ret = 0;
out:
    if (ret < 0)
        unlink(tmp.buf);
    mn_buf_release(&tmp);
    pcre2_serialize_free(blob);
    return ret;
}

/* A file being parsed: its defines, for %{name} expansion. */
struct parse_state {
    const char *file;
    struct mn_rules *rules;
    struct mn_rule *cur;
    char **def_names;
    char **def_values;
    size_t ndefs, defs_alloc, defs_alloc2;
};

static int is_name_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

static int expand_fragments(struct parse_state *ps, const char *src, int line, struct mn_buf *out,
                            struct mn_error *err)
{
    for (const char *p = src; *p;) {
        if (p[0] == '%' && p[1] == '{') {
            const char *end = strchr(p + 2, '}');
            if (!end)
                return mn_fail(err, MN_E_RULES, "%s:%d: unterminated %%{ in pattern", ps->file,
                               line);
            size_t n = (size_t)(end - (p + 2));
            size_t i;
            for (i = 0; i < ps->ndefs; i++)
                if (strlen(ps->def_names[i]) == n && memcmp(ps->def_names[i], p + 2, n) == 0)
                    break;
            if (i == ps->ndefs)
                return mn_fail(err, MN_E_RULES, "%s:%d: unknown fragment %%{%.*s} (define it earlier in the file)",
                               ps->file, line, (int)n, p + 2);
            mn_buf_adds(out, "(?:");
            mn_buf_adds(out, ps->def_values[i]);
            mn_buf_adds(out, ")");
            p = end + 1;
        } else {
            mn_buf_addch(out, *p++);
        }
    }
    return 0;
}

static int compile_pattern(struct parse_state *ps, struct mn_rule *rule, const char *value,
                           int line, struct mn_error *err)
{
    struct mn_buf expanded = MN_BUF_INIT;
    char *nfc = NULL;
    int ret = -1;

    if (rule->npatterns == MN_MAX_PATTERNS) {
        mn_fail(err, MN_E_RULES, "%s:%d: more than %d patterns in [%s %s]", ps->file, line,
                MN_MAX_PATTERNS, rule->kind, rule->name);
        goto out;
    }
    pcre2_code *code = cache_take(ps->rules);
    if (code)
        goto compiled;
    if (expand_fragments(ps, value, line, &expanded, err) < 0)
        goto out;
    /* An editor may have typed an NFD 'å'; the text is NFC, so the pattern must be too. */
    nfc = mn_utf8_is_nfc_stable(expanded.buf) /* most are: normalising cost 3.9 M instructions */
              ? g_strdup(expanded.buf)
              : g_utf8_normalize(expanded.buf, -1, G_NORMALIZE_NFC);
    if (!nfc) {
        mn_fail(err, MN_E_RULES, "%s:%d: pattern is not valid UTF-8", ps->file, line);
        goto out;
    }
    int ec;
    PCRE2_SIZE off;
    code = pcre2_compile((PCRE2_SPTR)nfc, PCRE2_ZERO_TERMINATED,
                         PCRE2_UTF | PCRE2_UCP | rule->flags, &ec, &off, NULL);
    if (!code) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        mn_fail(err, MN_E_RULES, "%s:%d: [%s %s] pattern error at byte %zu: %s", ps->file, line,
                rule->kind, rule->name, (size_t)off + 1, (const char *)msg);
        goto out;
    }
    if (ps->rules->keep_compiled) {
        pcre2_code *copy = pcre2_code_copy(code);
        if (!copy) {
            fprintf(stderr, "minutes: out of memory\n");
            abort();
        }
        MN_GROW(ps->rules->compiled, ps->rules->ncompiled + 1, ps->rules->compiled_alloc);
        ps->rules->compiled[ps->rules->ncompiled++] = copy;
    }
compiled:;
    const struct kind_spec *ks = find_kind(rule->kind);
    for (int g = 0; ks && g < 4 && ks->groups[g]; g++) {
        if (pcre2_substring_number_from_name(code, (PCRE2_SPTR)ks->groups[g]) < 0) {
            pcre2_code_free(code);
            mn_fail(err, MN_E_RULES, "%s:%d: [%s %s] pattern lacks the named group (?<%s>...)",
                    ps->file, line, rule->kind, rule->name, ks->groups[g]);
            goto out;
        }
    }
    if (!rule->jit)
        rule->jit = xcalloc(MN_MAX_PATTERNS, sizeof *rule->jit);
    rule->patterns[rule->npatterns++] = code; /* JIT-compiled later, on use: jit_code() */
    ret = 0;
out:
    g_free(nfc);
    mn_buf_release(&expanded);
    return ret;
}

static int finish_rule(struct parse_state *ps, struct mn_error *err)
{
    struct mn_rule *rule = ps->cur;
    if (!rule)
        return 0;
    ps->cur = NULL;
    if (strcmp(rule->kind, "define") == 0) {
        rule_free(rule);
        return 0;
    }
    for (int i = 0; i < rule->nsources; i++) {
        if (compile_pattern(ps, rule, rule->sources[i], rule->pattern_lines[i], err) < 0) {
            rule_free(rule);
            return -1;
        }
    }
    if (rule->npatterns == 0) {
        mn_fail(err, MN_E_RULES, "%s:%d: [%s %s] has no pattern", ps->file, rule->line,
                rule->kind, rule->name);
        rule_free(rule);
        return -1;
    }
    struct mn_rules *r = ps->rules;
    rule->mctx = r->mctx;
    for (size_t i = 0; i < r->n; i++) {
        if (strcmp(r->v[i]->kind, rule->kind) == 0 && strcmp(r->v[i]->name, rule->name) == 0) {
            if (strcmp(r->v[i]->file, rule->file) == 0) {
                mn_fail(err, MN_E_RULES, "%s:%d: [%s %s] is defined twice in this file",
                        ps->file, rule->line, rule->kind, rule->name);
                rule_free(rule);
                return -1;
            }
            rule_free(r->v[i]); /* a later file overrides in place */
            r->v[i] = rule;
            return 0;
        }
    }
    MN_GROW(r->v, r->n + 1, r->alloc);
    r->v[r->n++] = rule;
    return 0;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static int parse_header(struct parse_state *ps, char *s, int line, struct mn_error *err)
{
    size_t n = strlen(s);
    if (n < 2 || s[n - 1] != ']')
        return mn_fail(err, MN_E_RULES, "%s:%d: expected '[kind name]'", ps->file, line);
    s[n - 1] = '\0';
    char *kind = trim(s + 1);
    char *sp = kind;
    while (*sp && *sp != ' ' && *sp != '\t')
        sp++;
    if (!*sp)
        return mn_fail(err, MN_E_RULES, "%s:%d: expected '[kind name]', got '[%s]'", ps->file,
                       line, kind);
    *sp = '\0';
    char *name = trim(sp + 1);
    if (!find_kind(kind))
        return mn_fail(err, MN_E_RULES, "%s:%d: unknown rule kind '%s'", ps->file, line, kind);
    if (!*name)
        return mn_fail(err, MN_E_RULES, "%s:%d: rule has no name", ps->file, line);
    for (const char *p = name; *p; p++)
        if (!is_name_char((unsigned char)*p))
            return mn_fail(err, MN_E_RULES,
                           "%s:%d: rule name '%s' may only hold a-z, 0-9 and '_'", ps->file,
                           line, name);
    struct mn_rule *rule = xcalloc(1, sizeof *rule);
    rule->kind = xstrdup(kind);
    rule->name = xstrdup(name);
    rule->file = xstrdup(ps->file);
    rule->line = line;
    ps->cur = rule;
    return 0;
}

static int parse_key(struct parse_state *ps, char *s, int line, struct mn_error *err)
{
    struct mn_rule *rule = ps->cur;
    char *eq = strchr(s, '=');
    if (!eq)
        return mn_fail(err, MN_E_RULES, "%s:%d: expected 'key = value'", ps->file, line);
    *eq = '\0';
    char *key = trim(s);
    char *value = trim(eq + 1);
    if (!rule)
        return mn_fail(err, MN_E_RULES, "%s:%d: '%s =' outside of any [kind name] block",
                       ps->file, line, key);
    if (strcmp(key, "pattern") == 0) {
        if (!*value)
            return mn_fail(err, MN_E_RULES, "%s:%d: empty pattern", ps->file, line);
        if (strcmp(rule->kind, "define") == 0) {
            if (rule->npatterns++ > 0)
                return mn_fail(err, MN_E_RULES, "%s:%d: a define has one pattern", ps->file,
                               line);
            struct mn_buf ex = MN_BUF_INIT;
            if (expand_fragments(ps, value, line, &ex, err) < 0) {
                mn_buf_release(&ex);
                return -1;
            }
            for (size_t i = 0; i < ps->ndefs; i++)
                if (strcmp(ps->def_names[i], rule->name) == 0) {
                    mn_buf_release(&ex);
                    return mn_fail(err, MN_E_RULES, "%s:%d: fragment '%s' defined twice",
                                   ps->file, line, rule->name);
                }
            MN_GROW(ps->def_names, ps->ndefs + 1, ps->defs_alloc);
            MN_GROW(ps->def_values, ps->ndefs + 1, ps->defs_alloc2);
            ps->def_names[ps->ndefs] = xstrdup(rule->name);
            ps->def_values[ps->ndefs] = mn_buf_detach(&ex, NULL);
            ps->ndefs++;
            return 0;
        }
        if (rule->nsources == MN_MAX_PATTERNS)
            return mn_fail(err, MN_E_RULES, "%s:%d: more than %d patterns in [%s %s]", ps->file,
                           line, MN_MAX_PATTERNS, rule->kind, rule->name);
        rule->pattern_lines[rule->nsources] = line;
        rule->sources[rule->nsources++] = xstrdup(value);
        return 0;
    }
    if (strcmp(key, "flags") == 0) {
        for (const char *p = value; *p; p++) {
            if (*p == 'i')
                rule->flags |= PCRE2_CASELESS;
            else if (*p == 'x')
                rule->flags |= PCRE2_EXTENDED;
            else
                return mn_fail(err, MN_E_RULES, "%s:%d: unknown flag '%c' (known: i, x)",
                               ps->file, line, *p);
        }
        return 0;
    }
    if (strcmp(key, "example") == 0) {
        strings_add(&rule->examples, value, line);
        return 0;
    }
    if (strcmp(key, "counter") == 0) {
        strings_add(&rule->counters, value, line);
        return 0;
    }
    if (strcmp(key, "value") == 0) {
        free(rule->value);
        rule->value = xstrdup(value);
        return 0;
    }
    return mn_fail(err, MN_E_RULES,
                   "%s:%d: unknown key '%s' (known: pattern, flags, example, counter, value)",
                   ps->file, line, key);
}

int mn_rules_load_string(struct mn_rules *r, const char *name, const char *text, size_t len,
                         struct mn_error *err)
{
    struct parse_state ps = {.file = name, .rules = r};
    int ret = -1;
    size_t before = r->texts.len;
    mn_buf_addf(&r->texts, "%zu\n", len); /* length-prefixed: file bounds count */
    mn_buf_add(&r->texts, text, len);
    cache_follow(r, before);
    if (!g_utf8_validate(text, (gssize)len, NULL)) {
        const char *end = NULL;
        g_utf8_validate(text, (gssize)len, &end);
        int line = 1;
        for (const char *p = text; p < end; p++)
            line += *p == '\n';
        return mn_fail(err, MN_E_RULES, "%s:%d: %s", name, line,
                       end < text + len && *end == '\0' ? "NUL byte in rules file"
                                                         : "not valid UTF-8");
    }
    size_t pos = 0;
    int line = 0;
    struct mn_buf cur = MN_BUF_INIT;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* a UTF-8 byte-order mark, as Windows editors write it (CRLF: see trim) */
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        line++;
        mn_buf_reset(&cur);
        mn_buf_add(&cur, text + pos, end - pos);
        pos = end + 1;
        if (cur.len != strlen(cur.buf)) {
            mn_fail(err, MN_E_RULES, "%s:%d: NUL byte in rules file", name, line);
            goto out;
        }
        char *s = cur.alloc ? trim(cur.buf) : cur.buf;
        if (!*s || *s == '#')
            continue;
        if (*s == '[') {
            if (finish_rule(&ps, err) < 0 || parse_header(&ps, s, line, err) < 0)
                goto out;
        } else if (parse_key(&ps, s, line, err) < 0) {
            goto out;
        }
    }
    if (finish_rule(&ps, err) < 0)
        goto out;
    ret = 0;
out:
    rule_free(ps.cur);
    mn_buf_release(&cur);
    for (size_t i = 0; i < ps.ndefs; i++) {
        free(ps.def_names[i]);
        free(ps.def_values[i]);
    }
    free(ps.def_names);
    free(ps.def_values);
    return ret;
}

int mn_rules_load_file(struct mn_rules *r, const char *path, struct mn_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return mn_fail(err, MN_E_RULES, "%s: cannot open rules file: %s", path, strerror(errno));
    struct mn_buf b = MN_BUF_INIT;
    b.limit = MN_MAX_RULE_FILE;
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        mn_buf_add(&b, chunk, n);
    int rd_err = ferror(f);
    fclose(f);
    int ret;
    if (rd_err)
        ret = mn_fail(err, MN_E_RULES, "%s: cannot read rules file", path);
    else if (b.toobig)
        ret = mn_fail(err, MN_E_RULES, "%s: rules file larger than %d bytes", path,
                      MN_MAX_RULE_FILE);
    else
        ret = mn_rules_load_string(r, path, b.buf, b.len, err);
    mn_buf_release(&b);
    return ret;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int mn_rules_load_dir(struct mn_rules *r, const char *dir, struct mn_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return mn_fail(err, MN_E_RULES, "%s: cannot open rules directory: %s", dir,
                       strerror(errno));
    char **names = NULL;
    size_t n = 0, alloc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > 6 && strcmp(e->d_name + len - 6, ".rules") == 0) {
            MN_GROW(names, n + 1, alloc);
            names[n++] = xstrdup(e->d_name);
        }
    }
    closedir(d);
    int ret = 0;
    if (n == 0)
        ret = mn_fail(err, MN_E_RULES, "%s: no *.rules files in the rules directory", dir);
    if (n > 0) /* qsort(NULL, 0) is undefined (UBSan: nonnull) */
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n && ret == 0; i++) {
        struct mn_buf path = MN_BUF_INIT;
        mn_buf_addf(&path, "%s/%s", dir, names[i]);
        ret = mn_rules_load_file(r, path.buf, err);
        mn_buf_release(&path);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return ret;
}

void mn_rules_digest(const struct mn_rules *r, char out[65])
{
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(ck, (const guchar *)r->texts.buf, (gssize)r->texts.len);
    g_strlcpy(out, g_checksum_get_string(ck), 65);
    g_checksum_free(ck);
}

int mn_rules_self_check(const struct mn_rules *r, struct mn_error *err)
{
    if (cache_vouches(r))
        return 0;
    struct mn_match m;
    mn_match_init(&m);
    int ret = 0;
    for (size_t i = 0; i < r->n && ret == 0; i++) {
        const struct mn_rule *rule = r->v[i];
        for (size_t k = 0; k < rule->examples.n && ret == 0; k++) {
            const char *ex = rule->examples.v[k];
            int rc = mn_rule_match(rule, ex, strlen(ex), &m);
            if (rc != 1)
                ret = mn_fail(err, MN_E_RULES, "%s:%d: example '%s' %s [%s %s]", rule->file,
                              rule->examples.lines[k], ex,
                              rc < 0 ? "hits the match limit of" : "does not match", rule->kind,
                              rule->name);
        }
        for (size_t k = 0; k < rule->counters.n && ret == 0; k++) {
            const char *ex = rule->counters.v[k];
            int rc = mn_rule_match(rule, ex, strlen(ex), &m);
            if (rc != 0)
                ret = mn_fail(err, MN_E_RULES, "%s:%d: counter-example '%s' %s [%s %s]",
                              rule->file, rule->counters.lines[k], ex,
                              rc < 0 ? "hits the match limit of" : "matches", rule->kind,
                              rule->name);
        }
    }
    mn_match_release(&m);
    return ret;
}

/* True when 'rule' is of kind 'kind'. The first letter settles most comparisons without a
 * call (the lookups below run for every line against every rule). */
static inline bool is_kind(const struct mn_rule *rule, const char *kind)
{
    return rule->kind[0] == kind[0] && strcmp(rule->kind, kind) == 0;
}

size_t mn_rules_count(const struct mn_rules *r, const char *kind)
{
    size_t n = 0;
    for (size_t i = 0; i < r->n; i++)
        n += is_kind(r->v[i], kind);
    return n;
}

const struct mn_rule *mn_rules_get(const struct mn_rules *r, const char *kind, size_t idx)
{
    for (size_t i = 0; i < r->n; i++)
        if (is_kind(r->v[i], kind) && idx-- == 0)
            return r->v[i];
    return NULL;
}

const struct mn_rule *mn_rules_find(const struct mn_rules *r, const char *kind, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (is_kind(r->v[i], kind) && strcmp(r->v[i]->name, name) == 0)
            return r->v[i];
    return NULL;
}

const char *mn_rule_name(const struct mn_rule *rule)
{
    return rule->name;
}

const char *mn_rule_kind(const struct mn_rule *rule)
{
    return rule->kind;
}

const char *mn_rule_value(const struct mn_rule *rule)
{
    return rule->value;
}

void mn_match_init(struct mn_match *m)
{
    /* Sized generously once, so one match data serves every rule. */
    m->md = pcre2_match_data_create(32, NULL);
    if (!m->md) {
        fprintf(stderr, "minutes: out of memory\n");
        abort();
    }
    m->subject = NULL;
    m->code = NULL;
    m->rule = NULL;
}

void mn_match_release(struct mn_match *m)
{
    pcre2_match_data_free(m->md);
    m->md = NULL;
}

/* The code to match pattern 'i' of 'rule' with: its JIT-compiled copy once the pattern has
 * been tried MN_JIT_AFTER times, else the compiled pattern (pcre2's interpreter). The copy is
 * made by whichever thread makes the MN_JIT_AFTER-th try and published whole, so a rule set
 * stays safe to share between threads; the pattern itself is never changed. Both give the
 * same matches. Without JIT support (or on any JIT error) the interpreter stays. */
static pcre2_code *jit_code(const struct mn_rule *rule, int i)
{
    struct mn_jit *j = &rule->jit[i];
    pcre2_code *code = atomic_load_explicit(&j->code, memory_order_acquire);
    if (code)
        return code;
    if (atomic_fetch_add_explicit(&j->tries, 1, memory_order_relaxed) + 1 != MN_JIT_AFTER)
        return rule->patterns[i];
    /* with its own tables: patterns read from a rules cache share one reference-counted copy,
     * and the count is not atomic (two threads may make copies at the same time) */
    code = pcre2_code_copy_with_tables(rule->patterns[i]);
    if (code && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0) {
        atomic_store_explicit(&j->code, code, memory_order_release);
        return code;
    }
    pcre2_code_free(code);
    return rule->patterns[i];
}

void mn_rules_jit(struct mn_rules *r)
{
    for (size_t i = 0; i < r->n; i++) {
        struct mn_rule *rule = r->v[i];
        for (int k = 0; k < rule->npatterns; k++) {
            if (atomic_load(&rule->jit[k].code))
                continue;
            pcre2_code *code = pcre2_code_copy_with_tables(rule->patterns[k]);
            if (code && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0)
                atomic_store(&rule->jit[k].code, code);
            else
                pcre2_code_free(code); /* no JIT here: the interpreter stays */
        }
    }
}

/* mn_rule_match with pcre2 match options: PCRE2_NO_UTF_CHECK when the caller has checked. */
static int rule_match(const struct mn_rule *rule, const char *s, size_t len, uint32_t opts,
                      struct mn_match *m)
{
    for (int i = 0; i < rule->npatterns; i++) {
        pcre2_code *code = jit_code(rule, i);
        int rc = pcre2_match(code, (PCRE2_SPTR)s, len, 0, opts, m->md, rule->mctx);
        if (rc >= 0) {
            m->subject = s;
            m->code = code;
            m->rule = rule;
            return 1;
        }
        if (rc != PCRE2_ERROR_NOMATCH)
            return -1;
    }
    return 0;
}

int mn_rule_match(const struct mn_rule *rule, const char *s, size_t len, struct mn_match *m)
{
    return rule_match(rule, s, len, 0, m);
}

const struct mn_rule *mn_rules_match_kind(const struct mn_rules *r, const char *kind,
                                          const char *s, size_t len, struct mn_match *m)
{
    /* pcre2_match checks the subject's UTF-8 on every call, which cost more than the matching
     * (callgrind); check it once for all the rules of the kind. mn_utf8_is_valid is as strict
     * as pcre2 and also refuses NUL: such a subject keeps pcre2's own check. */
    int checked = -1; /* not yet known */
    for (size_t i = 0; i < r->n; i++) {
        if (!is_kind(r->v[i], kind))
            continue;
        if (checked < 0)
            checked = mn_utf8_is_valid(s, len);
        if (rule_match(r->v[i], s, len, checked ? PCRE2_NO_UTF_CHECK : 0, m) == 1)
            return r->v[i];
    }
    return NULL;
}

bool mn_match_group(const struct mn_match *m, const char *name, const char **start, size_t *len)
{
    if (!m->code)
        return false;
    int num = pcre2_substring_number_from_name(m->code, (PCRE2_SPTR)name);
    if (num < 0 || (uint32_t)num >= pcre2_get_ovector_count(m->md))
        return false;
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    if (ov[2 * num] == PCRE2_UNSET)
        return false;
    *start = m->subject + ov[2 * num];
    *len = ov[2 * num + 1] - ov[2 * num];
    return true;
}

void mn_match_span(const struct mn_match *m, size_t *start, size_t *end)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(m->md);
    *start = ov[0];
    *end = ov[1];
}

char *mn_match_dup(const struct mn_match *m, const char *name)
{
    const char *s;
    size_t n;
    if (!mn_match_group(m, name, &s, &n))
        return NULL;
    return xstrndup(s, n);
}

char *mn_match_dup_or(const struct mn_match *m, const char *name, const char *fallback)
{
    char *v = mn_match_dup(m, name);
    return v ? v : xstrdup(fallback);
}
