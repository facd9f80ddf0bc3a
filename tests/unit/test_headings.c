/* test_headings.c: the stages of segment/ on their own, on lines built by hand with the
 * layout a text layer gives them: which lines head items (headings.h), how far an item's
 * title goes (titles.h), and how an item's lines become paragraphs and entries (builder.h). */
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "err.h"
#include "pipeline.h"
#include "rules.h"
#include "segment/builder.h"
#include "segment/headings.h"
#include "segment/titles.h"
#include "t.h"

static struct mn_ctx *ctx;

/* Lines from a NUL-separated list ending in an empty string; "" is a blank line. Each line
 * is on page 1 at x = 50, its right edge by its length (5 points a character), size 10. */
static void lines_of(struct mn_lines *l, const char *const *v)
{
    memset(l, 0, sizeof *l);
    for (size_t i = 0; v[i]; i++) {
        mn_lines_push(l, v[i], strlen(v[i]), 1);
        struct mn_line *ln = &l->v[l->n - 1];
        ln->x = v[i][0] ? 50 : -1;
        ln->x2 = 50 + 5.0 * (double)strlen(v[i]);
        ln->size = 10;
        ln->y = 20.0 * (double)i;
    }
}

static void free_headings(struct mn_heading *h, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        free(h[k].number);
        free(h[k].title);
    }
    free(h);
}

static void test_sequence_beats_numbered_paragraphs(void)
{
    /* "2. marts" and a numbered list inside item 1 must not split it */
    const char *const v[] = {"1. Godkendelse af dagsorden", "", "Godkendt.", "",
                             "2. Budget 2025", "", "Der er to forhold:", "1. Driften",
                             "2. Anlæg", "", "Mødet den", "9. marts blev aflyst.", "",
                             "3. Eventuelt", "", "Intet.", NULL};
    struct mn_lines l;
    lines_of(&l, v);
    struct mn_heading *h = NULL;
    size_t n = mn_headings_find(ctx->rules, &l, 0, &h);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(h[0].number, "1");
        CHECK_STR(h[1].title, "Budget 2025");
        CHECK_INT(h[1].line, 4);
        CHECK_STR(h[2].number, "3");
        CHECK_INT(h[2].line, 13);
    }
    free_headings(h, n);
    mn_lines_release(&l);
}

static void test_contents_dropped_and_bare_numbers(void)
{
    /* a contents list that repeats the headings, then the items with the number on a line
     * of its own above the title */
    const char *const v[] = {"Indhold", "1. Godkendelse af dagsorden", "2. Regnskab 2024", "",
                             "1.", "Godkendelse af dagsorden", "", "Godkendt.", "", "2.",
                             "Regnskab 2024", "", "Taget til efterretning.", NULL};
    struct mn_lines l;
    lines_of(&l, v);
    struct mn_heading *h = NULL;
    size_t n = mn_headings_find(ctx->rules, &l, 0, &h);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_INT(h[0].number_line, 4);
        CHECK_INT(h[0].line, 5);
        CHECK_STR(h[0].title, "Godkendelse af dagsorden");
        CHECK_INT(h[1].number_line, 9);
        CHECK_STR(h[1].title, "Regnskab 2024");
    }
    CHECK_INT(mn_headings_first_part("12.3"), 12);
    free_headings(h, n);
    mn_lines_release(&l);
}

static void test_title_wraps_and_closed_mark(void)
{
    /* a heading that cannot end where it does ("... for") goes on; "(Lukket)" closes it */
    const char *const v[] = {"4. (Lukket) Godkendelse af tillæg til lejekontrakt for",
                             "boligerne ved havnen", "", "Sagen drejer sig om lejen.", NULL};
    struct mn_lines l;
    lines_of(&l, v);
    struct mn_heading *h = NULL;
    size_t n = mn_headings_find(ctx->rules, &l, 0, &h);
    CHECK_INT(n, 1);
    if (n == 1) {
        struct mn_item it = {.is_public = true};
        struct mn_match m;
        mn_match_init(&m);
        size_t from = mn_titles_complete(ctx->rules, &l, &h[0], l.n, 0,
                                         mn_titles_body_size(&l), &it, &m);
        mn_match_release(&m);
        CHECK_INT(from, 2);
        CHECK_STR(it.title, "Godkendelse af tillæg til lejekontrakt for boligerne ved havnen");
        CHECK(!it.is_public);
        CHECK(h[0].title == NULL); /* moved into the item */
        free(it.title);
    }
    free_headings(h, n);
    mn_lines_release(&l);
}

static void test_builder_paragraphs_and_entries(void)
{
    struct mn_item it = {0};
    struct seg_section_texts tx = {0};
    struct seg_builder b = {.rules = ctx->rules, .wide = 0};
    seg_builder_start(&b, &it, &tx, "text", NULL);
    seg_builder_line(&b, "Udvalget drøftede sagen");
    seg_builder_line(&b, "og var enige.");
    seg_builder_blank(&b);
    seg_builder_line(&b, "Der var to forslag:");
    seg_builder_entry(&b, "at planen godkendes");
    seg_builder_line(&b, "med de nævnte ændringer"); /* a wrapped entry goes on */
    seg_builder_entry(&b, "at sagen sendes i høring");
    seg_builder_finish(&b, &it, &tx);
    CHECK_INT(it.nsections, 1);
    if (it.nsections == 1) {
        CHECK_STR(it.sections[0].kind, "text");
        CHECK_STR(it.sections[0].text, "Udvalget drøftede sagen og var enige.\n\nDer var to forslag:");
        CHECK_INT(it.sections[0].bullets.n, 2);
        if (it.sections[0].bullets.n == 2)
            CHECK_STR(it.sections[0].bullets.v[0], "at planen godkendes med de nævnte ændringer");
        CHECK_STR(tx.order.v[0], "PPBB");
    }
    /* a glyphless "at ..." clause is an entry in a recommendation, "at" kept */
    struct mn_match m;
    mn_match_init(&m);
    seg_builder_start(&b, &it, &tx, "recommendation", "Indstilling");
    seg_builder_line(&b, "Direktionen indstiller, at");
    const char *e = seg_builder_glyphless_entry(&b, "at budgettet godkendes", &m);
    CHECK(e != NULL);
    if (e)
        CHECK_STR(e, "at budgettet godkendes");
    seg_builder_finish(&b, &it, &tx);
    mn_match_release(&m);
    CHECK_INT(it.nsections, 2);
    if (it.nsections == 2)
        CHECK_STR(it.sections[1].heading, "Indstilling");
    for (size_t k = 0; k < it.nsections; k++) {
        free(it.sections[k].kind);
        free(it.sections[k].heading);
        free(it.sections[k].text);
        mn_strings_release(&it.sections[k].bullets);
    }
    free(it.sections);
    mn_strings_release(&tx.flat);
    mn_strings_release(&tx.order);
}

int main(void)
{
    struct mn_options opt;
    struct mn_error err = {0};
    mn_options_default(&opt);
    opt.rules_dir = "rules";
    opt.is_text = true;
    if (mn_ctx_new(&opt, &ctx, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    RUN(test_sequence_beats_numbered_paragraphs);
    RUN(test_contents_dropped_and_bare_numbers);
    RUN(test_title_wraps_and_closed_mark);
    RUN(test_builder_paragraphs_and_entries);
    mn_ctx_free(ctx);
    return DONE();
}
