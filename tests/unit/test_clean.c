/* test_clean.c: markup, bullets, running headers, tables of contents, letterheads. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "clean.h"
#include "doc.h"
#include "err.h"
#include "pipeline.h"
#include "rules.h"
#include "t.h"

static struct mn_ctx *ctx;

static void check_line(const char *in, const char *want)
{
    struct mn_buf out = MN_BUF_INIT;
    mn_clean_line(ctx->rules, in, &out);
    if (strcmp(out.buf, want) != 0)
        fprintf(stderr, "clean_line('%s') = '%s', want '%s'\n", in, out.buf, want);
    CASE_RESULT(in, strcmp(out.buf, want) == 0);
    mn_buf_release(&out);
}

/* Builds a document of pages from "a\nb\fc\n..." and cleans it; returns the joined text.
 * With 'placed', lines get places as a PDF's would: 12 points apart from the top, and a line
 * starting with "Side " sits at the foot (y = 800), wherever the text ends. */
static char *clean_pages_at(const char *text, bool placed, struct mn_doc **keep)
{
    struct mn_doc *d = mn_doc_new("t.pdf");
    int page = 1;
    const char *p = text;
    while (*p) {
        const char *ff = strchr(p, '\f');
        size_t n = ff ? (size_t)(ff - p) : strlen(p);
        size_t first = d->lines.n;
        mn_lines_add_text(&d->lines, p, n, page++);
        for (size_t i = first; placed && i < d->lines.n; i++)
            d->lines.v[i].y = strncmp(d->lines.v[i].text, "Side ", 5) == 0 && i > first + 3
                                  ? 800.0
                                  : 50.0 + 12.0 * (double)(i - first);
        p += n + (ff ? 1 : 0);
    }
    d->npages = page - 1;
    struct mn_error err = {0};
    CHECK_INT(mn_clean_run(ctx, d, &err), 0);
    struct mn_buf b = MN_BUF_INIT;
    mn_lines_join(&d->lines, &b);
    if (keep)
        *keep = d;
    else
        mn_doc_free(d);
    return mn_buf_detach(&b, NULL);
}

static char *clean_pages(const char *text, struct mn_doc **keep)
{
    return clean_pages_at(text, false, keep);
}

static void test_lines(void)
{
    check_line("<b>Møde</b>\tSocialdirektørkredsen", "Møde\tSocialdirektørkredsen");
    check_line("**Sagsnr./Dok.nr.** 2014-209", "Sagsnr./Dok.nr. 2014-209");
    check_line("## Indstilling", "Indstilling");
    check_line("Referatet kan findes [her](#)", "Referatet kan findes her");
    check_line("| Møde | SOCDIR |", "Møde\tSOCDIR");
    check_line("|---|--|", "");
    check_line("  \xef\x82\xb7  opgaven forankres i DAS", "• opgaven forankres i DAS");
    check_line("– tager orienteringen til efterretning", "• tager orienteringen til efterretning");
    check_line("a.\tMøder og konferencer", "• Møder og konferencer");
    check_line("2020-2021 blev et godt år", "2020-2021 blev et godt år");
    check_line("Tid   \t  9. marts", "Tid\t9. marts");
}

static void test_running_header_and_footer(void)
{
    const char *pages = "Udvalget\nDato: 04.12.2012\nSide 1\n\nTitel\n\nTekst et.\n\nSide 1 af 3\f"
                        "Udvalget\nDato: 04.12.2012\nSide 2\n\nTekst to.\nMere.\n\nSide 2 af 3\f"
                        "Udvalget\nDato: 04.12.2012\nSide 3\n\nTekst tre.\n\nSide 3 af 3";
    const char *want = "Titel\n\nTekst et.\n\nTekst to.\nMere.\n\nTekst tre.\n";
    char *t = clean_pages(pages, NULL); /* plain text with form feeds: no places */
    CHECK_STR(t, want);
    free(t);
    t = clean_pages_at(pages, true, NULL); /* a PDF: furniture at fixed places */
    CHECK_STR(t, want);
    free(t);
}

static void test_running_header_in_text_without_pages(void)
{
    /* a text without form feeds: the header block still recurs, its page number changing;
     * a line that merely names a page once ("se Side 4") stays */
    char *t = clean_pages("1. A\nTekst, se Side 4.\n\nReferat for Udvalget   Side 2\n3. marts 2015\n\n"
                          "Mere tekst.\n\nReferat for Udvalget   Side 3\n3. marts 2015\n\nSidste tekst.",
                          NULL);
    CHECK_STR(t, "1. A\nTekst, se Side 4.\n\nMere tekst.\n\nSidste tekst.\n");
    free(t);
}

static void test_repeated_content_is_not_furniture(void)
{
    /* the same verdict closes three pages, but at a different height on each: it is text */
    char *t = clean_pages_at("1. A\n\nReferat\nTaget til efterretning\f"
                             "2. B\nTekst.\n\nReferat\nTaget til efterretning\f"
                             "3. C\nTekst.\nMere tekst.\n\nReferat\nTaget til efterretning",
                             true, NULL);
    int count = 0;
    for (const char *p = t; (p = strstr(p, "Referat\nTaget til efterretning")); p++)
        count++;
    CHECK_INT(count, 3);
    free(t);
}

static void test_toc_and_letterhead(void)
{
    struct mn_doc *d = NULL;
    char *t = clean_pages("Sekretariatet\tBoulevarden 13\t9931 3131\n9000 Aalborg\taalborg@aalborg.dk\n\n"
                          "Møde\tX\n\nSager til behandling\n1. Budget (side 2)\n2. Salg (side 3)\n"
                          "Sager til orientering\n3. Status (side 4)\n\n1. Budget\n\nTekst.\n",
                          &d);
    CHECK_STR(t, "Møde\tX\n\n1. Budget\n\nTekst.\n");
    CHECK_INT(d->toc_numbers.n, 3);
    if (d->toc_numbers.n == 3) {
        CHECK_STR(d->toc_groups.v[0], "Sager til behandling");
        CHECK_STR(d->toc_groups.v[2], "Sager til orientering");
    }
    free(t);
    mn_doc_free(d);
    /* page numbers after a space only: entries under the table's title, not elsewhere */
    d = NULL;
    t = clean_pages("Møde\tX\n\nIndholdsfortegnelse\nPunkt\tSide\n1. Budget 2\n2. Salg 3\n\n"
                    "1. Budget\n\nTekst.\n\n2. Salg\n\n3. Status 4\n",
                    &d);
    CHECK_STR(t, "Møde\tX\n\n1. Budget\n\nTekst.\n\n2. Salg\n\n3. Status 4\n");
    free(t);
    mn_doc_free(d);
}

int main(void)
{
    struct mn_options opt;
    struct mn_error err = {0};
    mn_options_default(&opt);
    opt.rules_dir = "rules";
    if (mn_ctx_new(&opt, &ctx, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    test_lines();
    RUN(test_running_header_and_footer);
    RUN(test_repeated_content_is_not_furniture);
    RUN(test_running_header_in_text_without_pages);
    RUN(test_toc_and_letterhead);
    mn_ctx_free(ctx);
    return DONE();
}
