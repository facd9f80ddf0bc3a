/* test_dehyphen.c: unit tests for dehyphen, plus the case file tests/cases/dehyphen.txt.
 *
 * Case file format (one case per block, blocks separated by a blank line):
 *   # name of the case            one or more comment lines; the first names the case.
 *                                 A comment containing "[dict]" needs the Danish word list
 *                                 and is skipped when none is installed.
 *   input                         one line; "\n" = line break, "\f" = line break onto the
 *                                 next page, "\t" = tab, "\\" = backslash
 *   expected output               the whole output, same escapes ("\f" where the page changes)
 * A case may carry extra lines of "document" around the site: the vocabulary is built from the
 * whole input, and the whole output is compared.
 *
 * Driver mode, for reading decisions on real text:
 *   test_dehyphen --decisions FILE...   prints every decision, "frag- / cont → result (why)"
 *   test_dehyphen --time N FILE...      runs the stage N times per file and prints the cost
 * Files are split into lines; a form feed starts a new page. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "dehyphen.h"
#include "doc.h"
#include "err.h"
#include "t.h"
#include "util.h"

static struct mn_dict *dict; /* NULL when no Danish word list is installed */

/* Splits text into lines; '\f' also ends a line and starts the next page. */
static void lines_from_text(struct mn_lines *l, const char *text, size_t len)
{
    int page = 1;
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || text[i] == '\n' || text[i] == '\f') {
            if (i < len || i > start)
                mn_lines_push(l, text + start, i - start, page);
            if (i < len && text[i] == '\f')
                page++;
            start = i + 1;
        }
    }
}

/* Joins lines with '\n', or '\f' where the page changes. */
static void lines_to_text(const struct mn_lines *l, struct mn_buf *out)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i > 0)
            mn_buf_addch(out, l->v[i].page != l->v[i - 1].page ? '\f' : '\n');
        mn_buf_adds(out, l->v[i].text);
    }
}

/* Runs the stage over 'in' (real line breaks) and returns the output text (free()). */
static char *dehyphen_text(const char *in, const struct mn_dict *d)
{
    struct mn_lines l = {0};
    struct mn_error err = {0};
    struct mn_buf out = MN_BUF_INIT;
    lines_from_text(&l, in, strlen(in));
    if (mn_dehyphen_lines(&l, d, &err) < 0)
        mn_buf_addf(&out, "error: %s", err.msg);
    else
        lines_to_text(&l, &out);
    mn_lines_release(&l);
    return mn_buf_detach(&out, NULL);
}

/* ---- direct tests -------------------------------------------------------------------- */

static void check_text(const char *in, const char *want, const struct mn_dict *d)
{
    char *got = dehyphen_text(in, d);
    CHECK_STR(got, want);
    free(got);
}

static void test_join_and_remove_empty_line(void)
{
    check_text("Aal-\nborg", "Aalborg", NULL);
    check_text("takstana-   \nlyse af det", "takstanalyse\naf det", NULL);
}

static void test_pages_are_kept(void)
{
    struct mn_lines l = {0};
    struct mn_error err = {0};
    mn_lines_push(&l, "en takstana-", 12, 3);
    mn_lines_push(&l, "lyse af det", 11, 4);
    mn_lines_push(&l, "fast-", 5, 4);
    mn_lines_push(&l, "lægger:", strlen("lægger:"), 5);
    mn_lines_push(&l, "næste", strlen("næste"), 5);
    CHECK_INT(mn_dehyphen_lines(&l, NULL, &err), 0);
    CHECK_INT(l.n, 4);
    if (l.n == 4) {
        CHECK_STR(l.v[0].text, "en takstanalyse");
        CHECK_INT(l.v[0].page, 3);
        CHECK_STR(l.v[1].text, "af det");
        CHECK_INT(l.v[1].page, 4);
        CHECK_STR(l.v[2].text, "fastlægger:"); /* the emptied page-5 line is removed */
        CHECK_INT(l.v[2].page, 4);
        CHECK_STR(l.v[3].text, "næste");
        CHECK_INT(l.v[3].page, 5);
    }
    mn_lines_release(&l);
}

static void test_blank_line_rules(void)
{
    /* a paragraph break is not crossed before a capital ... */
    check_text("Sundheds-\n\nÆldre", "Sundheds-\n\nÆldre", NULL);
    /* ... nor two blank lines ... */
    check_text("projektgen-\n\n\nnemførelse", "projektgen-\n\n\nnemførelse", NULL);
    /* ... but one blank line before lowercase is a double-spaced layer (seed 004) */
    check_text("projektgen-\n\nnemførelse, senest", "projektgennemførelse,\n\nsenest", NULL);
}

static void test_not_sites(void)
{
    check_text("NOPII –\nEtablering", "NOPII –\nEtablering", NULL);
    check_text("Kl. 12.30-\n16.00", "Kl. 12.30-\n16.00", NULL);
    check_text("Ældre-\n• punkt", "Ældre-\n• punkt", NULL);
    check_text("-\nborg", "-\nborg", NULL);
    check_text("Ældre-\n2. Budget", "Ældre-\n2. Budget", NULL);
    check_text("", "", NULL);
}

static void test_ocr_hyphens(void)
{
    check_text("Beskæfti¬\ngelse", "Beskæftigelse", NULL);
    check_text("Beskæfti—\ngelse", "Beskæftigelse", NULL);
    check_text("Aarup–\nKristensen", "Aarup-Kristensen", NULL);
}

static void test_chain(void)
{
    /* a one-word line that itself ends in a hyphen */
    check_text("Sekre-\ntari-\natet", "Sekretariatet", NULL);
}

static void test_bad_bytes(void)
{
    check_text("ab\xff-\n\xfe\x80 cd-\nef", "ab\xff-\n\xfe\x80 cdef", NULL);
    check_text("a\xc3-\nb", "a\xc3-\nb", NULL);
}

static void test_dict_api(void)
{
    struct mn_dict *d = NULL;
    struct mn_error err = {0};
    CHECK_INT(mn_dict_open("/nonexistent/da_DK", &d, &err), -1);
    CHECK_INT(err.code, MN_E_IO);
    CHECK(d == NULL);
    CHECK(strstr(err.msg, "/nonexistent/da_DK.aff") != NULL);
    CHECK(!mn_dict_has(NULL, "hus"));
    mn_dict_free(NULL);
    if (!dict)
        return;
    CHECK(mn_dict_has(dict, "Aalborg"));
    CHECK(mn_dict_has(dict, "beskæftigelse"));
    CHECK(mn_dict_has(dict, "beskæftigelse")); /* cached */
    CHECK(!mn_dict_has(dict, "takstana"));
    CHECK(!mn_dict_has(dict, ""));
    CHECK(mn_dict_has_simple(dict, "Frederikshavn"));
    CHECK(!mn_dict_has_simple(dict, "Aalborgforvaltninger"));
    /* the same list named by its .dic file */
    CHECK_INT(mn_dict_open("/usr/share/hunspell/da_DK.dic", &d, &err), 0);
    CHECK(d != NULL);
    CHECK(mn_dict_has(d, "Ældre"));
    mn_dict_free(d);
    /* read in the background: the first lookup waits for it and answers the same */
    CHECK_INT(mn_dict_open(NULL, &d, &err), 0);
    mn_dict_prefetch(d);
    mn_dict_prefetch(d); /* a second call while it reads is a no-op */
    CHECK(mn_dict_has_simple(d, "Frederikshavn"));
    CHECK(!mn_dict_has_simple(d, "Aalborgforvaltninger"));
    mn_dict_prefetch(d); /* and after */
    CHECK_INT(mn_dict_load(d, &err), 0);
    mn_dict_free(d);
    /* freed while it reads: waits, leaks nothing (the ASan pass checks) */
    CHECK_INT(mn_dict_open(NULL, &d, &err), 0);
    mn_dict_prefetch(d);
    mn_dict_free(d);
    /* no word list installed: nothing to read */
    mn_dict_prefetch(NULL);
}

/* ---- the case file ------------------------------------------------------------------- */

static char *unescape(const char *s)
{
    struct mn_buf b = MN_BUF_INIT;
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) {
            mn_buf_addch(&b, *s);
            continue;
        }
        s++;
        mn_buf_addch(&b, *s == 'n' ? '\n' : *s == 'f' ? '\f' : *s == 't' ? '\t' : *s);
    }
    return mn_buf_detach(&b, NULL);
}

static void run_case(const char *name, const char *in, const char *want, bool needs_dict,
                     int lineno)
{
    if (needs_dict && !dict) {
        printf("ok - %s # SKIP no Danish word list\n", name);
        return;
    }
    char *input = unescape(in), *expected = unescape(want);
    char *got = dehyphen_text(input, dict);
    bool ok = strcmp(got, expected) == 0;
    if (!ok)
        fprintf(stderr, "tests/cases/dehyphen.txt:%d: %s\n  got:  %s\n  want: %s\n", lineno, name,
                got, expected);
    CASE_RESULT(name, ok);
    free(input);
    free(expected);
    free(got);
}

static void run_case_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "cannot open '%s' (run from the repository root)\n", path);
        CASE_RESULT(path, 0);
        return;
    }
    char *line = NULL, *name = NULL, *in = NULL;
    size_t alloc = 0;
    bool needs_dict = false;
    int lineno = 0, in_line = 0;
    ssize_t n;
    while ((n = getline(&line, &alloc, f)) >= 0) {
        lineno++;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (line[0] == '#') {
            if (!name) {
                const char *p = line + 1;
                while (*p == ' ')
                    p++;
                name = xstrdup(p);
            }
            needs_dict = needs_dict || strstr(line, "[dict]") != NULL;
        } else if (n == 0 && !in) {
            free(name);
            name = NULL;
            needs_dict = false;
        } else if (!in) {
            in = xstrdup(line);
            in_line = lineno;
        } else {
            char fallback[32];
            snprintf(fallback, sizeof fallback, "case at line %d", in_line);
            run_case(name ? name : fallback, in, line, needs_dict, in_line);
            free(in);
            free(name);
            in = name = NULL;
            needs_dict = false;
        }
    }
    if (in) {
        fprintf(stderr, "%s:%d: case without an expected line\n", path, in_line);
        CASE_RESULT("case file is well-formed", 0);
    }
    free(in);
    free(name);
    free(line);
    fclose(f);
}

/* ---- driver mode --------------------------------------------------------------------- */

struct trace_ctx {
    const char *file;
    int njoin, nkeep, nspace, nnone;
};

static void print_decision(void *arg, const struct mn_dehyphen_decision *d)
{
    struct trace_ctx *tc = arg;
    printf("%s:%d: %s- / %s → %s (%s: %s)\n", tc->file, d->page, d->frag, d->cont, d->result,
           d->action, d->reason);
    tc->njoin += strcmp(d->action, "join") == 0;
    tc->nkeep += strcmp(d->action, "keep") == 0;
    tc->nspace += strcmp(d->action, "space") == 0;
    tc->nnone += strcmp(d->action, "none") == 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct mn_buf b = MN_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        mn_buf_add(&b, chunk, n);
    fclose(f);
    return mn_buf_detach(&b, len);
}

static int drive(int argc, char **argv)
{
    bool is_time = strcmp(argv[1], "--time") == 0;
    long reps = 1;
    int first = 2;
    if (is_time) {
        if (argc < 4 || mn_parse_int(argv[2], 1, 100000, &reps) < 0) {
            fprintf(stderr, "usage: test_dehyphen --time N FILE...\n");
            return 2;
        }
        first = 3;
    }
    struct trace_ctx total = {0};
    for (int a = first; a < argc; a++) {
        size_t len = 0;
        char *text = slurp(argv[a], &len);
        if (!text) {
            fprintf(stderr, "cannot open '%s'\n", argv[a]);
            return 1;
        }
        struct trace_ctx tc = {.file = argv[a]};
        double ms = 0;
        for (long r = 0; r < reps; r++) {
            struct mn_lines l = {0};
            struct mn_error err = {0};
            struct timespec t0, t1;
            lines_from_text(&l, text, len);
            clock_gettime(CLOCK_MONOTONIC, &t0);
            if (mn_dehyphen_lines_trace(&l, dict, is_time ? NULL : print_decision, &tc, &err) < 0) {
                fprintf(stderr, "%s: %s\n", argv[a], err.msg);
                return 1;
            }
            clock_gettime(CLOCK_MONOTONIC, &t1);
            ms += (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
            mn_lines_release(&l);
        }
        if (is_time)
            printf("%s: %.2f ms per run (%ld runs, %zu bytes)\n", argv[a], ms / (double)reps, reps,
                   len);
        total.njoin += tc.njoin;
        total.nkeep += tc.nkeep;
        total.nspace += tc.nspace;
        total.nnone += tc.nnone;
        free(text);
    }
    if (!is_time)
        printf("%d join, %d keep, %d space, %d left alone\n", total.njoin, total.nkeep,
               total.nspace, total.nnone);
    return 0;
}

int main(int argc, char **argv)
{
    struct mn_error err = {0};
    if (getenv("MN_NO_DICT")) /* driver: measure or read decisions without the word list */
        dict = NULL;
    else if (mn_dict_open(NULL, &dict, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    if (argc > 2 && (strcmp(argv[1], "--decisions") == 0 || strcmp(argv[1], "--time") == 0)) {
        int rc = drive(argc, argv);
        mn_dict_free(dict);
        return rc;
    }
    if (!dict)
        printf("# no Danish word list installed: [dict] cases are skipped\n");
    RUN(test_join_and_remove_empty_line);
    RUN(test_pages_are_kept);
    RUN(test_blank_line_rules);
    RUN(test_not_sites);
    RUN(test_ocr_hyphens);
    RUN(test_chain);
    RUN(test_bad_bytes);
    RUN(test_dict_api);
    run_case_file("tests/cases/dehyphen.txt");
    /* the same decisions when the mapped word list (words.h) answers first */
    if (dict && mn_dict_use_words(dict, "build/da_DK.words")) {
        printf("# the cases again, with the mapped word list build/da_DK.words\n");
        run_case_file("tests/cases/dehyphen.txt");
    }
    mn_dict_free(dict);
    return DONE();
}
