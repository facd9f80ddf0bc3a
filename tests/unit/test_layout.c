/* test_layout.c: the layout helper (layout.c), the --layout line format, and the layout
 * fields' way through clean and dehyphen. */
#include "t.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean.h"
#include "dehyphen.h"
#include "doc.h"
#include "err.h"
#include "layout.h"
#include "pipeline.h"

/* Appends a placed line: text, page, x, x2, y, size, bold. */
static void put(struct mn_lines *l, const char *text, int page, double x, double x2, double y,
                double size, bool bold)
{
    mn_lines_push(l, text, strlen(text), page);
    struct mn_line *ln = &l->v[l->n - 1];
    if (!text[0])
        return;
    ln->x = x;
    ln->x2 = x2;
    ln->y = y;
    ln->size = size;
    ln->bold = bold;
}

static void put_blank(struct mn_lines *l, int page)
{
    mn_lines_push(l, "", 0, page);
}

/* A page like the corpus's style A: a header table whose "Deltagere" value wraps under the
 * value column, a bold section label, a larger item heading, body text, an indented line. */
static void make_page_a(struct mn_lines *l, int page)
{
    put(l, "Referat", page, 62.5, 120, 50, 23.4, true);
    put_blank(l, page);
    put(l, "Møde\tByråd 2022-2025", page, 65.3, 225, 86, 11.7, false);
    put_blank(l, page);
    put(l, "Tid\tOnsdag den 13. november 2024, kl. 19.00", page, 65.3, 312.5, 103, 11.7, false);
    put_blank(l, page);
    put(l, "Sted\tByrådssalen", page, 65.3, 205.6, 119, 11.7, false);
    put_blank(l, page);
    put(l, "Deltagere\tPernille Beckmann, Liselott Blixt, Tina Rottbøll, Marc Genning", page,
        65.3, 527, 136, 11.7, false);
    put(l, "Witthøft, Anne Marie Lyduch, Ronni Mark Nielsen, Simon Østergaard", page, 161.7,
        523.8, 146, 11.7, false);
    put(l, "Hans-Jørgen Kirstein og Kenneth Jerkel", page, 161.9, 453, 167, 11.7, false);
    put_blank(l, page);
    put(l, "3. Godkendelse af dagsorden", page, 62.5, 222, 409, 16.9, false);
    put(l, "Beslutning", page, 62.5, 112.6, 438, 14.3, true);
    put(l, "Godkendt efter en lang drøftelse af punktets baggrund og indhold.", page, 62.5,
        500, 454, 14.3, false);
    put(l, "Administrationen indstiller at dagsordenen godkendes, og at sagen sendes", page,
        62.5, 510, 470, 14.3, false);
    put(l, "videre til Økonomiudvalget med de bemærkninger, der fremgår af sagen.", page,
        62.5, 505, 485, 14.3, false);
    put(l, "Sagen blev behandlet på mødet, hvor udvalget drøftede de økonomiske forhold", page,
        62.5, 510, 515, 14.3, false);
    put(l, "og den videre proces for projektets gennemførelse i det kommende år.", page, 62.5,
        480, 530, 14.3, false);
    put(l, "indrykket fortsættelse", page, 80.5, 200, 545, 14.3, false);
}

static size_t find(const struct mn_lines *l, const char *prefix)
{
    for (size_t i = 0; i < l->n; i++)
        if (strncmp(l->v[i].text, prefix, strlen(prefix)) == 0)
            return i;
    return (size_t)-1;
}

static void test_margin_size_emphasis(void)
{
    struct mn_lines l = {0};
    struct mn_layout lay;
    make_page_a(&l, 1);
    mn_layout_init(&lay, &l);
    CHECK_INT(lay.npages, 1);
    const struct mn_layout_page *p = mn_layout_page_of(&lay, 0);
    CHECK(p != NULL);
    if (p) {
        CHECK_INT(p->page, 1);
        CHECK(fabs(p->margin - 62.5) < 0.01);     /* 9 lines at 62.5, 4 at 65.3 */
        CHECK(fabs(p->body_size - 14.3) < 0.01);  /* most characters */
    }
    CHECK(mn_layout_is_emphasised(&lay, find(&l, "Referat")));      /* bold, large */
    CHECK(mn_layout_is_emphasised(&lay, find(&l, "Beslutning")));   /* bold */
    CHECK(mn_layout_is_emphasised(&lay, find(&l, "3. Godkendelse"))); /* larger only */
    CHECK(!mn_layout_is_emphasised(&lay, find(&l, "Godkendt")));
    CHECK(!mn_layout_is_emphasised(&lay, find(&l, "Møde")));       /* smaller: not emphasis */
    CHECK(!mn_layout_is_emphasised(&lay, 1));                        /* blank */
    CHECK(!mn_layout_is_emphasised(&lay, l.n));                      /* out of range */
    double ind = -99;
    CHECK(mn_layout_indent(&lay, find(&l, "indrykket"), &ind));
    CHECK(fabs(ind - 18) < 0.01);
    CHECK(mn_layout_indent(&lay, find(&l, "Godkendt"), &ind));
    CHECK(fabs(ind) < 0.01);
    ind = -99;
    CHECK(!mn_layout_indent(&lay, 1, &ind)); /* blank: unknown, *indent untouched */
    CHECK(ind == -99);
    mn_layout_release(&lay);
    mn_lines_release(&l);
}

static void test_label_column_measured(void)
{
    struct mn_lines l = {0};
    struct mn_layout lay;
    make_page_a(&l, 1);
    mn_layout_init(&lay, &l);
    const struct mn_layout_page *p = mn_layout_page_of(&lay, 0);
    CHECK(p && p->nlabels == 4);
    CHECK(p && fabs(p->label_left - 65.3) < 0.01);
    CHECK(p && p->label_x_exact && fabs(p->label_x - 161.7) < 0.3);
    CHECK(mn_layout_under_value(&lay, find(&l, "Witthøft")));
    CHECK(mn_layout_under_value(&lay, find(&l, "Hans-Jørgen")));
    CHECK(!mn_layout_under_value(&lay, find(&l, "Godkendt")));
    CHECK(!mn_layout_under_value(&lay, find(&l, "Deltagere"))); /* the label line itself */
    mn_layout_release(&lay);
    mn_lines_release(&l);
}

/* Without wrapped values the value x is estimated from the right edges: 6 units a character
 * here, values starting at 150. */
static void test_label_column_estimated(void)
{
    struct mn_lines l = {0};
    struct mn_layout lay;
    static const char *const rows[][2] = {
        {"Dato", "12. marts 2024"}, {"Tid", "kl. 17.00-19.30"}, {"Sted", "Rådhuset"},
        {"Afbud", "Hanne Madsen"},
    };
    for (size_t k = 0; k < MN_ARRAY_SIZE(rows); k++) {
        char text[80];
        snprintf(text, sizeof text, "%s\t%s", rows[k][0], rows[k][1]);
        size_t vl = strlen(rows[k][1]); /* ASCII but for "Rådhuset" (8 characters, 9 bytes) */
        if (strstr(rows[k][1], "å"))
            vl--;
        put(&l, text, 2, 50, 150 + 6.0 * (double)vl, 100 + 14.0 * (double)k, 12, false);
    }
    put_blank(&l, 2);
    /* body lines of exactly 6 units a character */
    put(&l, "Mødet blev holdt som planlagt og alle punkter blev behandlet.", 2, 50,
        50 + 6.0 * 61, 200, 12, false);
    put(&l, "Referatet godkendes ved næste møde i udvalget for kultur.", 2, 50, 50 + 6.0 * 57,
        214, 12, false);
    put(&l, "fortsat her", 2, 152, 200, 228, 12, false); /* after a blank: no wrapped value */
    mn_layout_init(&lay, &l);
    const struct mn_layout_page *p = mn_layout_page_of(&lay, 0);
    CHECK(p && p->nlabels == 4 && !p->label_x_exact);
    CHECK(p && fabs(p->label_x - 150) < 1);
    CHECK(mn_layout_under_value(&lay, find(&l, "fortsat"))); /* within a line height */
    CHECK(!mn_layout_under_value(&lay, find(&l, "Mødet")));
    mn_layout_release(&lay);
    mn_lines_release(&l);
}

/* A table of contents is no label column (long labels, one-number values); neither are
 * fewer than three label lines, nor lines without places. */
static void test_no_label_column(void)
{
    struct mn_lines l = {0};
    struct mn_layout lay;
    put(&l, "1. Meddelelser\t3", 1, 84.7, 515, 100, 10.5, false);
    put(&l, "2. Bygningsvedligeholdelse 2013 - anlægsbevilling\t3", 1, 84.7, 515, 112, 10.5,
        false);
    put(&l, "3. Kvalitetsstandarder for stof- og alkoholbehandling\t6", 1, 84.7, 515, 124, 10.5,
        false);
    put(&l, "4. Evaluering af rygestopkurser\t14", 1, 84.7, 515, 136, 10.5, false);
    put(&l, "Møde\tByråd", 2, 60, 200, 100, 11, false);
    put(&l, "Tid\tkl. 19", 2, 60, 200, 114, 11, false);
    mn_lines_add_text(&l, "Dato\t1. maj\nTid\tkl. 9\nSted\tRådhus\nAfbud\tingen", 40, 3);
    mn_layout_init(&lay, &l);
    CHECK_INT(lay.npages, 3);
    for (size_t i = 0; i < l.n; i++) {
        const struct mn_layout_page *p = mn_layout_page_of(&lay, i);
        CHECK(p && p->nlabels == 0 && p->label_x < 0);
        CHECK(!mn_layout_under_value(&lay, i));
    }
    mn_layout_release(&lay);
    mn_lines_release(&l);
}

/* The right edge is what the page's full lines reach; a word fits after a line when its
 * width, at its own line's letter width, and a space still end inside it. */
static void test_right_edge_and_word_fits(void)
{
    struct mn_lines l = {0};
    struct mn_layout lay;
    for (int k = 0; k < 8; k++)
        put(&l, "Udvalget drøftede sagen grundigt og lagde vægt på den videre proces", 1, 60, 540,
            100 + 12 * k, 11, false);
    put(&l, "imellem kommunerne i Region", 1, 60, 505, 200, 11, false); /* ends at 505 */
    put(&l, "Sjælland.", 1, 60, 110, 212, 11, false); /* 9 letters, 50 units: 5.6 a letter */
    put(&l, "Ja.", 1, 60, 76, 224, 11, false);
    mn_layout_init(&lay, &l);
    const struct mn_layout_page *p = mn_layout_page_of(&lay, 0);
    CHECK(p && fabs(p->right - 540) < 0.01);
    CHECK_INT(mn_layout_word_fits(&lay, 8, 9), 0);  /* 505 + 10 letters > 540 */
    CHECK_INT(mn_layout_word_fits(&lay, 9, 10), 1); /* 110 + a short word */
    mn_layout_release(&lay);
    mn_lines_release(&l);

    mn_lines_add_text(&l, "Referat\nGodkendt.", 17, 1); /* plain text: unknown */
    mn_layout_init(&lay, &l);
    CHECK_INT(mn_layout_word_fits(&lay, 0, 1), -1);
    mn_layout_release(&lay);
    mn_lines_release(&l);
}

/* Plain text: every answer is "unknown"; a page with few placed lines takes the document's
 * margin and body size. */
static void test_unknown_and_fallback(void)
{
    struct mn_lines l = {0};
    struct mn_layout lay;
    mn_lines_add_text(&l, "Referat\n\nBeslutning\nGodkendt.", 27, 1);
    mn_layout_init(&lay, &l);
    for (size_t i = 0; i < l.n; i++) {
        double ind;
        CHECK(!mn_layout_is_emphasised(&lay, i));
        CHECK(!mn_layout_indent(&lay, i, &ind));
        CHECK(!mn_layout_under_value(&lay, i));
        CHECK(mn_layout_page_of(&lay, i)->margin < 0);
    }
    mn_layout_release(&lay);
    mn_lines_release(&l);

    make_page_a(&l, 1);
    put(&l, "Side 2", 2, 300, 330, 800, 9, false); /* one line: the document's figures */
    mn_layout_init(&lay, &l);
    const struct mn_layout_page *p = mn_layout_page_of(&lay, l.n - 1);
    CHECK(p && p->page == 2 && fabs(p->margin - 62.5) < 0.01 && fabs(p->body_size - 14.3) < 0.01);
    mn_layout_release(&lay);
    mn_lines_release(&l);

    struct mn_lines empty = {0};
    mn_layout_init(&lay, &empty);
    CHECK_INT(lay.npages, 0);
    CHECK(mn_layout_page_of(&lay, 0) == NULL);
    mn_layout_release(&lay);
}

static void test_format_line(void)
{
    struct mn_lines l = {0};
    struct mn_buf b = MN_BUF_INIT;
    put(&l, "Beslutning", 3, 62.5, 112.64, 438.7, 14.3, true);
    l.v[0].italic = true;
    put_blank(&l, 3);
    mn_lines_add_text(&l, "Godkendt.", 9, 1);
    for (size_t i = 0; i < l.n; i++)
        mn_layout_format_line(&l.v[i], &b);
    CHECK_STR(b.buf, "     3   62.5  112.6  438.7   14.3 BI Beslutning\n"
                     "     3      -      -      -      - -- \n"
                     "     1      -      -      -      - -- Godkendt.\n");
    mn_buf_release(&b);
    mn_lines_release(&l);
}

/* The layout fields survive clean (lines dropped and squeezed) and dehyphen (a word joined
 * over a line break keeps the first line's place and face). */
static void test_fields_survive_stages(void)
{
    struct mn_options opt;
    struct mn_ctx *ctx = NULL;
    struct mn_error err = {0};
    mn_options_default(&opt);
    opt.rules_dir = "rules";
    if (mn_ctx_new(&opt, &ctx, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        CHECK(0);
        return;
    }
    struct mn_doc *doc = mn_doc_new("t.pdf");
    doc->npages = 1;
    put(&doc->lines, "Beslutning", 1, 62.5, 112.6, 438, 14.3, true);
    put_blank(&doc->lines, 1);
    put_blank(&doc->lines, 1);
    put(&doc->lines, "Udvalget besluttede at godkende indstil-", 1, 62.5, 400, 454, 14.3, false);
    put(&doc->lines, "lingen med de foreslåede ændringer.", 1, 62.5, 300, 470, 14.3, false);
    doc->lines.v[3].italic = true;
    CHECK_INT(mn_clean_run(ctx, doc, &err), 0);
    CHECK_INT(mn_dehyphen_run(ctx, doc, &err), 0);
    size_t k = find(&doc->lines, "Beslutning");
    CHECK(k != (size_t)-1);
    if (k != (size_t)-1) {
        const struct mn_line *b = &doc->lines.v[k];
        CHECK(b->bold && b->x == 62.5 && b->x2 == 112.6 && b->y == 438 && b->size == 14.3);
    }
    k = find(&doc->lines, "Udvalget");
    CHECK(k != (size_t)-1);
    if (k != (size_t)-1) {
        const struct mn_line *u = &doc->lines.v[k];
        CHECK_STR(u->text, "Udvalget besluttede at godkende indstillingen");
        CHECK(!u->bold && u->italic && u->x == 62.5 && u->x2 == 400 && u->y == 454);
        CHECK(k + 1 < doc->lines.n && doc->lines.v[k + 1].y == 470);
    }
    size_t blanks = 0;
    for (size_t i = 0; i < doc->lines.n; i++)
        if (!doc->lines.v[i].text[0]) {
            blanks++;
            CHECK(doc->lines.v[i].x < 0);
        }
    CHECK_INT(blanks, 1); /* two blank lines squeezed to one */
    mn_doc_free(doc);
    mn_ctx_free(ctx);
}

int main(void)
{
    RUN(test_margin_size_emphasis);
    RUN(test_label_column_measured);
    RUN(test_label_column_estimated);
    RUN(test_no_label_column);
    RUN(test_unknown_and_fallback);
    RUN(test_right_edge_and_word_fits);
    RUN(test_format_line);
    RUN(test_fields_survive_stages);
    return DONE();
}
