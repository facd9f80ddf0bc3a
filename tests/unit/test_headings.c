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
        char *rest = NULL;
        size_t from = mn_titles_complete(ctx->rules, &l, &h[0], l.n, 0,
                                         mn_titles_body_size(&l), false, &it, &rest, &m);
        mn_match_release(&m);
        CHECK(rest == NULL);
        CHECK_INT(from, 2);
        CHECK_STR(it.title, "Godkendelse af tillæg til lejekontrakt for boligerne ved havnen");
        CHECK(!it.is_public);
        CHECK(h[0].title == NULL); /* moved into the item */
        free(it.title);
    }
    free_headings(h, n);
    mn_lines_release(&l);
}

/* The title of the one heading in 'v', and the content found on its line. */
static void one_line_item(const char *const *v, bool minutes, const char *title, const char *rest)
{
    struct mn_lines l;
    lines_of(&l, v);
    struct mn_heading *h = NULL;
    size_t n = mn_headings_find(ctx->rules, &l, 0, &h);
    CHECK_INT(n, 1);
    if (n == 1) {
        struct mn_item it = {.is_public = true};
        struct mn_match m;
        mn_match_init(&m);
        char *got = NULL;
        mn_titles_complete(ctx->rules, &l, &h[0], l.n, 0, 0, minutes, &it, &got, &m);
        mn_match_release(&m);
        CHECK_STR(it.title, title);
        if (rest)
            CHECK_STR(got, rest);
        else
            CHECK(got == NULL);
        free(it.title);
        free(got);
    }
    free_headings(h, n);
    mn_lines_release(&l);
}

static void test_content_on_the_heading_line(void)
{
    const char *const verdict[] = {"2. Godkendelse af dagsorden Godkendt", NULL};
    one_line_item(verdict, false, "Godkendelse af dagsorden", "Godkendt");
    const char *const colon[] = {"6. Kassen: Kassereren gennemgik tallene for året.", NULL};
    one_line_item(colon, false, "Kassen:", "Kassereren gennemgik tallene for året.");
    const char *const glued[] = {"9. EventueltIntet", NULL};
    one_line_item(glued, false, "Eventuelt", "Intet");
    const char *const stop[] = {"4. Sommerfest 12. juni. Vi mødes ved hallen kl. 17.", NULL};
    one_line_item(stop, false, "Sommerfest 12. juni.", "Vi mødes ved hallen kl. 17.");
    /* an agenda's titles stay whole, and so does a title with text under it */
    const char *const agenda[] = {"3. Høring: Forslag til lokalplan for havnen", NULL};
    one_line_item(agenda, false, "Høring: Forslag til lokalplan for havnen", NULL);
    const char *const dated[] = {"3. Godkendelse af referat fra mødet den 12. maj", NULL};
    one_line_item(dated, false, "Godkendelse af referat fra mødet den 12. maj", NULL);
    const char *const text_under[] = {"5. Kassen: Kassereren gennemgik tallene for året.", "",
                                      "Regnskabet blev godkendt.", NULL};
    one_line_item(text_under, false, "Kassen: Kassereren gennemgik tallene for året.", NULL);
    /* under a title that says minutes, three words after a colon are content */
    const char *const minutes[] = {"3. Tilføjelser: Vejfesten og nye skilte", NULL};
    one_line_item(minutes, true, "Tilføjelser:", "Vejfesten og nye skilte");
    one_line_item(minutes, false, "Tilføjelser: Vejfesten og nye skilte", NULL);
}

static void test_lists_inside_items_and_agendas_above(void)
{
    /* a list that starts again at 1, line after line, inside item 1 */
    const char *const v[] = {"1. Meddelelser", "", "Orientering om:", "1. Nye lokaler",
                             "2. Ferieplan", "3. Budgetmøde", "", "2. Eventuelt", "", "Intet.",
                             NULL};
    struct mn_lines l;
    lines_of(&l, v);
    struct mn_heading *h = NULL;
    size_t n = mn_headings_find(ctx->rules, &l, 0, &h);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(h[0].title, "Meddelelser");
        CHECK_STR(h[1].title, "Eventuelt");
    }
    free_headings(h, n);
    mn_lines_release(&l);
    /* an agenda with notes under its entries, then the minutes' own headings in capitals;
     * the minutes are cut short after item 2 */
    const char *const w[] = {"DAGSORDEN:", "1. Valg af dirigent", "Bestyrelsen foreslår Ole",
                             "2. Beretning", "3. Regnskab", "4. Valg til bestyrelsen",
                             "På valg er Kim og Bo", "", "1: VALG AF DIRIGENT", "Ole blev valgt.",
                             "", "2: BERETNING", "Formanden aflagde beretning.", NULL};
    lines_of(&l, w);
    n = mn_headings_find(ctx->rules, &l, 0, &h);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(h[0].title, "VALG AF DIRIGENT");
        CHECK_INT(h[1].line, 11);
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
    RUN(test_content_on_the_heading_line);
    RUN(test_lists_inside_items_and_agendas_above);
    RUN(test_builder_paragraphs_and_entries);
    mn_ctx_free(ctx);
    return DONE();
}
