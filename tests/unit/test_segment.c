/* test_segment.c: the text path (clean, dehyphen, segment) on small documents written the
 * ways real minutes are: header as tabs, as a table, as bold labels; groups; a table of
 * contents; running headers on form-feed pages; closed items; bare verdicts. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "err.h"
#include "pipeline.h"
#include "segment.h"
#include "t.h"

static struct mn_ctx *ctx;

static struct mn_doc *run(const char *text)
{
    struct mn_doc *doc = NULL;
    struct mn_error err = {0};
    if (mn_pipeline_run_bytes(ctx, "test.txt", text, strlen(text), NULL, &doc, &err) < 0) {
        fprintf(stderr, "pipeline failed: %s\n", err.msg);
        return NULL;
    }
    return doc;
}

static void test_header_with_tabs(void)
{
    struct mn_doc *d = run("Møde\tDen Administrative Styregruppe\n"
                           "Tid\t9. marts 2020, kl. 13.00 - 16.00\n"
                           "Sted\tRegionshuset, Niels Bohrs Vej 30\n"
                           "Deltagere\tAnne Krøjer (Vesthimmerland), Henrik Aarup-Kristensen "
                           "(formand, Brønderslev Kommune)\n"
                           "Afbud\tRikke Albrektsen (Frederikshavn)\n\n"
                           "1. Godkendelse af dagsorden\n\nGodkendt.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.body, "Den Administrative Styregruppe");
    CHECK_STR(d->meeting.date, "2020-03-09");
    CHECK_STR(d->meeting.start_time, "13:00");
    CHECK_STR(d->meeting.end_time, "16:00");
    CHECK_STR(d->meeting.location, "Regionshuset, Niels Bohrs Vej 30");
    CHECK_INT(d->meeting.participants.n, 2);
    CHECK_STR(d->meeting.participants.v[1].role, "formand");
    CHECK_INT(d->meeting.absent.n, 1);
    CHECK_INT(d->nitems, 1);
    CHECK_STR(d->items[0].decision, "Godkendt.");
    CHECK_STR(d->kind, "minutes");
    mn_doc_free(d);
}

static void test_header_as_table_and_bold(void)
{
    struct mn_doc *d = run("| | |\n|---|--|\n| Møde | SOCDIR |\n| Tid | 24. maj 2012, kl. 10.00-12.00 |\n"
                           "| Sagsnr./Dok.nr. | 2011-43820 / 2012-160997 |\n\n"
                           "1. Orientering\n\nTekst.\n");
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->meeting.body, "SOCDIR");
        CHECK_STR(d->case_number, "2011-43820");
        CHECK_STR(d->document_number, "2012-160997");
        mn_doc_free(d);
    }
    d = run("<b>Møde</b>\tSocialdirektørkredsen\n**Sted:** Boulevarden 13\n\n1. Punkt\n\nx\n");
    CHECK(d != NULL);
    if (d) {
        CHECK_STR(d->meeting.body, "Socialdirektørkredsen");
        CHECK_STR(d->meeting.location, "Boulevarden 13");
        mn_doc_free(d);
    }
}

static void test_sections_and_recommendation(void)
{
    struct mn_doc *d = run("Møde\tX\n\n3. Takstanalyse\n\nKKR behandlede sagen.\n\n"
                           "Indstilling\n\nDet indstilles, at socialdirektørkredsen,\n\n"
                           "• drøfter takstanalysen, og herunder\n– godkender tidsplan\n\n"
                           "Bilag:\n\n\xef\x82\xb7 Forslag til analyse\n\n"
                           "Referat\n\nFormanden orienterede.\n\nDer var enighed.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 1);
    struct mn_item *it = &d->items[0];
    CHECK_STR(it->number, "3");
    CHECK_STR(it->title, "Takstanalyse");
    CHECK_INT(it->nsections, 4);
    CHECK_STR(it->sections[0].kind, "text");
    CHECK(it->sections[0].heading == NULL);
    CHECK_STR(it->sections[1].kind, "recommendation");
    CHECK_STR(it->rec_intro, "Det indstilles, at socialdirektørkredsen,");
    CHECK_INT(it->rec_points.n, 2);
    CHECK_STR(it->rec_points.v[1], "godkender tidsplan");
    CHECK_STR(it->sections[2].heading, "Bilag");
    CHECK_INT(it->attachments.n, 1);
    CHECK_STR(it->attachments.v[0], "Forslag til analyse");
    CHECK_STR(it->decision, "Formanden orienterede.\n\nDer var enighed.");
    mn_doc_free(d);
}

/* A line under a bullet that starts a sentence, when its first word would have fitted on the
 * bullet's line, is the author's new paragraph, not the entry wrapped (seed 001); a full line
 * wraps, and a number carries on an entry whatever the room ("... for" / "2025"). */
static void test_bullet_ends_where_the_next_word_fits(void)
{
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_adds(&b, "Møde\tX\n\n1. Sag\n\n");
    for (int i = 0; i < 22; i++) /* wrapped prose: the column is about 80 characters wide */
        mn_buf_adds(&b, "Udvalget drøftede sagen grundigt og lagde vægt på den videre proces med\n");
    mn_buf_adds(&b, "parterne.\n\n"
                    "• Sammensætningen af en arbejdsgruppe til sagen\n"
                    "Arbejdsgruppen kunne bestå af repræsentanter fra de to forvaltninger.\n\n"
                    "• Udvalget drøftede sagen grundigt og lagde vægt på den videre proces med\n"
                    "Parterne og forvaltningen\n\n"
                    "• Beløbet afsættes i budgettet for de næste år i planen for\n"
                    "2025 og frem\n");
    struct mn_doc *d = run(b.buf);
    mn_buf_release(&b);
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 1);
    const struct mn_section *sec = &d->items[0].sections[0];
    CHECK_INT(sec->bullets.n, 3);
    if (sec->bullets.n == 3) {
        CHECK_STR(sec->bullets.v[0], "Sammensætningen af en arbejdsgruppe til sagen");
        CHECK_STR(sec->bullets.v[1], "Udvalget drøftede sagen grundigt og lagde vægt på den "
                                     "videre proces med Parterne og forvaltningen");
        CHECK_STR(sec->bullets.v[2], "Beløbet afsættes i budgettet for de næste år i planen for 2025 og frem");
    }
    CHECK(strstr(sec->text, "Arbejdsgruppen kunne bestå af repræsentanter") != NULL);
    mn_doc_free(d);
}

/* Another meeting system's layout: the body's name alone above the title, numbered points
 * under "indstiller, at", numbered attachments, and numbers in a decision kept as written
 * (the rule's counter-examples keep "2. halvår" and dates out of lists). */
static void test_numbered_points_and_a_named_body(void)
{
    struct mn_doc *d = run("Økonomiudvalget\n\nREFERAT\n\nDato: 12. marts 2024\n\n"
                           "1. Budgetopfølgning\n\nSagsfremstilling\nResultatet for\n"
                           "andet halvår er bedre end ventet.\n\n"
                           "Indstilling\nDirektionen indstiller, at\n"
                           "1. budgetopfølgningen tages til efterretning\n"
                           "2. merforbruget finansieres af kassen\n\n"
                           "Beslutning\nUdvalget besluttede:\n1. anbefales\n2. anbefales ikke\n\n"
                           "Bilag\n1. Budgetopfølgning januar 2024\n2. Oversigt over anlæg\n\n"
                           "2. Anlægsregnskab for svømmehallen\n\nSagsfremstilling\nRegnskabet "
                           "aflægges.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.body, "Økonomiudvalget");
    CHECK(d->meeting.location == NULL);
    CHECK_INT(d->nitems, 2);
    struct mn_item *it = &d->items[0];
    CHECK_STR(it->rec_intro, "Direktionen indstiller, at");
    CHECK_INT(it->rec_points.n, 2);
    if (it->rec_points.n == 2)
        CHECK_STR(it->rec_points.v[1], "merforbruget finansieres af kassen");
    CHECK_INT(it->attachments.n, 2);
    if (it->attachments.n == 2)
        CHECK_STR(it->attachments.v[0], "Budgetopfølgning januar 2024");
    CHECK(it->decision && strstr(it->decision, "2. anbefales ikke"));
    /* "at" clauses one a line are the points of an Indstilling, and only there */
    struct mn_doc *d2 = run("Referat\n\n1. Vejplan\n\nSagsfremstilling\nDet blev besluttet,\n"
                            "at sagen udsættes.\n\nIndstilling\nForvaltningen indstiller,\n"
                            "at planen godkendes, og\nat der afsættes 2 mio. kr. i\n2025.\n\n"
                            "Beslutning\nGodkendt.\n");
    CHECK(d2 != NULL);
    if (d2 && d2->nitems == 1) {
        struct mn_item *i2 = &d2->items[0];
        CHECK_STR(i2->rec_intro, "Forvaltningen indstiller,");
        CHECK_INT(i2->rec_points.n, 2);
        if (i2->rec_points.n == 2)
            CHECK_STR(i2->rec_points.v[1], "at der afsættes 2 mio. kr. i 2025.");
        CHECK_INT(i2->sections[0].bullets.n, 0);
    }
    mn_doc_free(d2);
    bool kept = false;
    for (size_t i = 0; i < it->nsections; i++)
        kept |= it->sections[i].text &&
                strstr(it->sections[i].text, "Resultatet for andet halvår er bedre") != NULL;
    CHECK(kept);
    mn_doc_free(d);
}

/* A Bilag list without bullets or numbers: each line is an attachment. */
static void test_attachments_one_a_line(void)
{
    struct mn_doc *d = run("Referat\n\n1. Vejplan\n\nBilag\nÅben - Vejplan 2025.pdf\n"
                           "Åben - Kort over området.pdf\nHøringssvar fra skolebestyrelserne\n\n"
                           "Beslutning\nGodkendt.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 1);
    if (d->nitems == 1) {
        CHECK_INT(d->items[0].attachments.n, 3);
        if (d->items[0].attachments.n == 3)
            CHECK_STR(d->items[0].attachments.v[1], "Åben - Kort over området.pdf");
        CHECK_STR(d->items[0].decision, "Godkendt.");
    }
    mn_doc_free(d);
}

/* The place on the time line, after the time. */
static void test_place_after_the_time(void)
{
    static const char *const docs[] = {
        "Byrådet\n\nReferat\n\nTid og sted: 12. marts 2024 kl. 16.00, Byrådssalen\n\n"
        "1. Budget\n\nBeslutning\nGodkendt.\n",
        "Byrådet\n\nReferat\n\n12. marts 2024 kl. 16.00 på Byrådssalen\n\n"
        "1. Budget\n\nBeslutning\nGodkendt.\n",
    };
    for (size_t i = 0; i < MN_ARRAY_SIZE(docs); i++) {
        struct mn_doc *d = run(docs[i]);
        CHECK(d != NULL);
        if (!d)
            continue;
        CHECK_STR(d->meeting.location, "Byrådssalen");
        CHECK_STR(d->meeting.date, "2024-03-12");
        CHECK_STR(d->meeting.start_time, "16:00");
        mn_doc_free(d);
    }
    /* prose further down that starts with "i" is no place; "4.december" is a date */
    struct mn_doc *d = run("Notat\n\nDato: 4.december 2012\n\nFormålet er at beskrive de midler, "
                           "som modtages\ni Ballerup Kommune, og som fordeles\n\n"
                           "1. Forløbsprogrammer\n\nTekst.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    /* a note is no meeting document: no meeting fields are invented from it */
    CHECK(d->meeting.location == NULL);
    CHECK(d->meeting.date == NULL);
    CHECK_STR(d->kind, "unknown");
    CHECK_INT(d->nitems, 0);
    mn_doc_free(d);
}

/* The title line names the body: "Referat af møde i X den ...", "Dagsorden for X", "X -
 * Referat". */
static void test_body_in_the_title(void)
{
    static const char *const titles[] = {
        "Referat af møde i Økonomiudvalget den 12. marts 2024",
        "Dagsorden for Økonomiudvalget",
        "Økonomiudvalget - Referat",
    };
    static const char *const kinds[] = {"minutes", "agenda", "minutes"};
    for (size_t i = 0; i < MN_ARRAY_SIZE(titles); i++) {
        struct mn_buf b = MN_BUF_INIT;
        mn_buf_addf(&b, "%s\n\nDato: 12. marts 2024\n\n1. Budget\n\nBeslutning\n%s\n", titles[i],
                    strcmp(kinds[i], "minutes") == 0 ? "Godkendt." : "");
        struct mn_doc *d = run(b.buf);
        mn_buf_release(&b);
        CHECK(d != NULL);
        if (!d)
            continue;
        CHECK_STR(d->meeting.body, "Økonomiudvalget");
        CHECK_STR(d->kind, kinds[i]);
        CHECK_INT((int)d->nwarnings, 0);
        mn_doc_free(d);
    }
    /* the date, time and place in the title line, the body in the genitive; a Tid label
     * below would win over them */
    struct mn_doc *t = run("Dagsorden til Økonomiudvalgets møde tirsdag den 9. april 2024 kl. 8.00 "
                           "i Byrådssalen\n\n1. Budget\n\nSagsfremstilling\nTekst.\n");
    CHECK(t != NULL);
    if (t) {
        CHECK_STR(t->meeting.body, "Økonomiudvalget");
        CHECK_STR(t->meeting.date, "2024-04-09");
        CHECK_STR(t->meeting.start_time, "08:00");
        CHECK_STR(t->meeting.location, "Byrådssalen");
        CHECK_STR(t->kind, "agenda");
    }
    mn_doc_free(t);
    t = run("Referat af Byrådets møde den 9. april 2024\nTid: 10. april 2024 kl. 16.00\n\n"
            "1. Budget\n\nBeslutning\nGodkendt.\n");
    CHECK(t != NULL);
    if (t) {
        CHECK_STR(t->meeting.body, "Byrådet");
        CHECK_STR(t->meeting.time_text, "10. april 2024 kl. 16.00");
    }
    mn_doc_free(t);
    /* titled Referat, no decision found: still minutes */
    struct mn_doc *d = run("Åbent referat\n\n1. Budget\n\nSagsfremstilling\nTekst.\n");
    CHECK(d != NULL);
    if (d)
        CHECK_STR(d->kind, "minutes");
    mn_doc_free(d);
}

/* Layouts of other meeting systems: a title broken over lines with the body on the third
 * ("Dagsorden" / "til" / "mødet i X"), every item marked "(Åben)" or "(Lukket)", a heading
 * wrapped before a word that is also a label ("... til" / "beslutning"), and an Indstilling
 * that is a whole sentence followed by prose (no points). */
static void test_marks_broken_titles_and_prose_recommendations(void)
{
    struct mn_doc *d = run("Dagsorden\ntil\nmødet i Børne- og Skoleudvalget\n"
                           "mandag den 8. april 2024 kl. 16.00\ni Mødelokale B\n\n"
                           "1 (Åben) Godkendelse af dagsorden\n\n"
                           "2 (Lukket) Køb af ejendom\n\n"
                           "3 (Åben) Indkøbsordning - godkendelse af materiale til\nbeslutning\n\n"
                           "Indstilling\nAdministrationen indstiller at dagsordenen godkendes.\n\n"
                           "Materialet til punkt 2 er udsendt efter fristen.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.body, "Børne- og Skoleudvalget");
    CHECK_STR(d->meeting.location, "Mødelokale B");
    CHECK_INT((int)d->nwarnings, 0); /* the lone "til" is part of the title */
    CHECK_INT(d->nitems, 3);
    if (d->nitems == 3) {
        CHECK_STR(d->items[0].title, "Godkendelse af dagsorden");
        CHECK(d->items[0].is_public);
        CHECK_STR(d->items[1].title, "Køb af ejendom");
        CHECK(!d->items[1].is_public);
        CHECK_STR(d->items[2].title, "Indkøbsordning - godkendelse af materiale til beslutning");
        CHECK_INT((int)d->items[2].rec_points.n, 0);
        CHECK(d->items[2].rec_intro && strstr(d->items[2].rec_intro, "efter fristen"));
    }
    mn_doc_free(d);
    /* the mark before the number closes the item; "Punkt nr." is a heading too */
    d = run("1. Budget\n\nSagsfremstilling\nTekst.\n\nLukket punkt 2: Køb af grund\n\n"
            "Beslutning\nGodkendt.\n\nPunkt nr. 3 Eventuelt\n\nIntet.\n");
    CHECK(d != NULL);
    if (d) {
        CHECK_INT(d->nitems, 3);
        if (d->nitems == 3) {
            CHECK_STR(d->items[1].title, "Køb af grund");
            CHECK(!d->items[1].is_public);
            CHECK(d->items[2].is_public);
            CHECK_STR(d->items[2].title, "Eventuelt");
        }
    }
    mn_doc_free(d);
    /* a sentence that a label rule would take, wrapped onto a lower-case line, is prose; a
     * label with its text after the colon still is a label however that text wraps */
    d = run("1. Kunstgræsbaner\n\nResume\nSagen følger op på initiativretsforslaget.\n"
            "Sagen indeholder samtidig opfølgning på Byrådets beslutning den 29. januar 2024\n"
            "om en redegørelse for alle baner.\n\n"
            "Beslutning: Udvalget godkendte sagen med den bemærkning at\nplanen revideres.\n");
    CHECK(d != NULL);
    if (d && d->nitems == 1) {
        CHECK(d->items[0].decision != NULL);
        if (d->items[0].decision)
            CHECK_STR(d->items[0].decision,
                      "Udvalget godkendte sagen med den bemærkning at planen revideres.");
        CHECK_INT((int)d->items[0].nsections, 2);
    }
    mn_doc_free(d);
    /* a title that starts with the word keeps it */
    d = run("1. Åben skole - status\n\nSagsfremstilling\nTekst.\n");
    CHECK(d != NULL);
    if (d && d->nitems == 1)
        CHECK_STR(d->items[0].title, "Åben skole - status");
    mn_doc_free(d);
}

/* "Referent: X" is a participant with that role; a line with a label the rules do not know
 * ends the list above it instead of joining it; a role ("Formand: ...") does not (plain text has no column width to tell). */
static void test_referent_and_unknown_labels(void)
{
    struct mn_doc *d = run("Referat\n\nMødeforum: Handicaprådet\nDato: 12. marts 2024\n"
                           "Deltagere: Jens Hansen (DH), formand, Lise Holm (DH)\n"
                           "Afbud: Mona Lund (DH)\nReferent: Anna Jensen\nKopi til: Bo Holm\n\n"
                           "Pkt. 1 Godkendelse af dagsorden\nBeslutning: Godkendt.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT((int)d->meeting.participants.n, 3);
    if (d->meeting.participants.n == 3) {
        CHECK_STR(d->meeting.participants.v[2].name, "Anna Jensen");
        CHECK_STR(d->meeting.participants.v[2].role, "referent");
    }
    CHECK_INT((int)d->meeting.absent.n, 1);
    if (d->meeting.absent.n == 1)
        CHECK_STR(d->meeting.absent.v[0].name, "Mona Lund");
    CHECK_INT((int)d->nwarnings, 1); /* "Kopi til: Bo Holm": kept, as unplaced text */
    mn_doc_free(d);
}

/* A heading that filled its line and wrapped before a capital ("... ved Hundige" / "Strand
 * Karlslunde"): the short tail before the gap is the title's; a field under the heading
 * ("Sagsnr.: ...") is not. */
static void test_title_tail_after_a_full_line(void)
{
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_adds(&b, "1. Forslag til kommuneplantillæg nummer tolv for boligområdet ved Hundige\n"
                    "Strand Karlslunde\n\nSagsfremstilling\n");
    for (int i = 0; i < 24; i++)
        mn_buf_adds(&b, "Forvaltningen har udarbejdet et forslag som nu sendes i offentlig høring\n");
    mn_buf_adds(&b, "\n2. Forslag til lokalplan nummer fjorten for erhvervsområdet ved Greve Main\n"
                    "Sagsnr.: 24-009872\n\nSagsfremstilling\nTekst.\n");
    struct mn_doc *d = run(b.buf);
    mn_buf_release(&b);
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2) {
        CHECK_STR(d->items[0].title,
                  "Forslag til kommuneplantillæg nummer tolv for boligområdet ved Hundige Strand "
                  "Karlslunde");
        CHECK_STR(d->items[1].title,
                  "Forslag til lokalplan nummer fjorten for erhvervsområdet ved Greve Main");
    }
    mn_doc_free(d);
}

/* Items numbered "1)", the form list entries take: the headings of a document that has no
 * others, while "1)" entries inside them stay list entries, without their numbers; in a
 * document with "1." headings a "2)" entry does not take the place of item 2. */
static void test_paren_numbered_items(void)
{
    struct mn_doc *d = run("1) Godkendelse af dagsorden\nSagsfremstilling\nTekst her:\n"
                           "1) første punkt\n2) andet punkt\nBeslutning\nGodkendt.\n\n"
                           "2) Budget 2025\nSagsfremstilling\nMere tekst.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2) {
        CHECK_STR(d->items[0].title, "Godkendelse af dagsorden");
        CHECK_STR(d->items[1].title, "Budget 2025");
        CHECK(d->items[0].nsections > 0 && d->items[0].sections[0].bullets.n == 2);
        if (d->items[0].nsections > 0 && d->items[0].sections[0].bullets.n == 2)
            CHECK_STR(d->items[0].sections[0].bullets.v[0], "første punkt");
    }
    mn_doc_free(d);
    d = run("1. Budget\nSagsfremstilling\nTo forhold:\n\n1) Ejendomsskat\n\nTekst om den.\n\n"
            "2) Indkomstskat\n\nBeslutning\nGodkendt.\n\n2. Vejplan\nSagsfremstilling\nTekst.\n");
    CHECK(d != NULL);
    if (d && d->nitems == 2)
        CHECK_STR(d->items[1].title, "Vejplan");
    CHECK(d && d->nitems == 2);
    mn_doc_free(d);
}

/* A gap in the item numbers is reported: an item missed, or numbered so by the document. */
static void test_item_number_gap_warns(void)
{
    struct mn_doc *d = run("1. Budget\nGodkendt.\n\n2. Vejplan\nGodkendt.\n\n4. Eventuelt\nIntet.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 3);
    CHECK_INT((int)d->nwarnings, 1);
    if (d->nwarnings == 1)
        CHECK_STR(d->warnings[0].code, "item_sequence");
    mn_doc_free(d);
}

static void test_numbered_paragraphs_are_not_items(void)
{
    /* a numbered list under a lead-in, inside item 1, is no run of headings: the real item 2
     * stands apart and has its sections */
    struct mn_doc *l = run("1. Strategi for klimatilpasning\nSagsfremstilling\n"
                           "Strategien består af tre dele:\n1. Kortlægning af risikoområder\n"
                           "2. Handleplan for de næste fire år\n3. Økonomisk ramme\n\n"
                           "Beslutning\nGodkendt.\n\n2. Budgetopfølgning\nSagsfremstilling\n"
                           "Der forventes et mindreforbrug.\n\n3. Eventuelt\nIntet.\n");
    CHECK(l != NULL);
    if (l) {
        CHECK_INT(l->nitems, 3);
        if (l->nitems == 3) {
            CHECK_STR(l->items[1].title, "Budgetopfølgning");
            CHECK_STR(l->items[2].title, "Eventuelt");
        }
    }
    mn_doc_free(l);

    struct mn_doc *d = run("1. Budget\n\nProcessen:\n\n9. marts: DAS drøftelse\n\n"
                           "2014 blev et godt år.\n\n2. Eventuelt\n\n1. Ingen sager\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2)
        CHECK_STR(d->items[1].title, "Eventuelt");
    mn_doc_free(d);
    /* a year that ends or carries on a wrapped sentence is no item heading, and a section
     * label under a bare number is no title (Ballerup's per-item PDFs) */
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_adds(&b, "3.\tKvalitetsstandarder for stofbehandling\n\nSagsfremstilling\n");
    for (int i = 0; i < 22; i++)
        mn_buf_adds(&b, "Kvalitetsstandarder for behandling revideres hvert andet år i kommunen\n");
    mn_buf_adds(&b, "efter lovens regler, og standarden skal derfor også være gældende i hele\n"
                    "2013. Det foreslås derfor at standarden videreføres uden ændringer, og at\n"
                    "den revideres ved udgangen af\n2013.\n\nØkonomiske konsekvenser\nIngen.\n");
    d = run(b.buf);
    mn_buf_release(&b);
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 1);
    if (d->nitems == 1)
        CHECK_STR(d->items[0].number, "3");
    mn_doc_free(d);
}

static void test_groups_closed_and_toc(void)
{
    struct mn_doc *d = run("Dagsorden\n\nSager til behandling\t1. Budget (side 2) 2. Salg (side 3)\n"
                           "Sager til orientering\t3. Status (side 4)\n\n"
                           "1. Budget\n\nTekst.\n\n2. Lukket punkt: Salg af grund\n\nTekst.\n\n"
                           "Sager til orientering\n\n3. Status\n\nTekst.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 3);
    CHECK_STR(d->items[0].group, "Sager til behandling");
    CHECK_STR(d->items[1].title, "Salg af grund");
    CHECK(!d->items[1].is_public);
    CHECK_STR(d->items[2].group, "Sager til orientering");
    CHECK_STR(d->kind, "agenda");
    mn_doc_free(d);
    /* the mark before the title or inside it: no space left at the cut */
    d = run("Dagsorden\n\n1. (Lukket) Budget 2025\n\nTekst.\n\n"
            "2. Salg af grund (Lukket) nr. 7\n\nTekst.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2) {
        CHECK_STR(d->items[0].title, "Budget 2025");
        CHECK_STR(d->items[1].title, "Salg af grund nr. 7");
        CHECK(!d->items[0].is_public && !d->items[1].is_public);
    }
    mn_doc_free(d);
    /* the mark on a line of its own under the heading; the line stays in the item */
    d = run("Dagsorden\n\n1. Budget 2025\nÅben sag\n\nTekst.\n\n2. Salg af grund\nLukket sag\n\n"
            "Tekst.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2) {
        CHECK(d->items[0].is_public);
        CHECK(!d->items[1].is_public);
        CHECK_STR(d->items[1].title, "Salg af grund");
        CHECK(strstr(d->items[1].sections[0].text, "Lukket sag") != NULL);
    }
    mn_doc_free(d);
}

static void test_running_headers_on_pages(void)
{
    struct mn_doc *d = run("Udvalget\nReferat\n\n1. Budget\n\nFørste side tekst.\n\nSide 1 af 3\f"
                           "Udvalget\nReferat\n\nAnden side tekst.\n\nSide 2 af 3\f"
                           "Udvalget\nReferat\n\n2. Eventuelt\n\nIntet.\n\nSide 3 af 3\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->npages, 3);
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2) {
        CHECK_STR(d->items[0].sections[0].text, "Første side tekst.\n\nAnden side tekst.");
        CHECK_STR(d->items[1].decision, "Intet.");
    }
    mn_doc_free(d);
}

static void test_other_house_styles(void)
{
    /* labels of another meeting system, start and end as separate fields */
    struct mn_doc *d = run("Referat\n\nUdvalg: Økonomiudvalget\nMødedato: 25.09.2024\n"
                           "Starttidspunkt: 08:00\nSluttidspunkt: 10:30\nMødested: Byrådssalen\n"
                           "Fraværende: Jens Hansen (V)\nKarin Olsen (A)\n\n"
                           "1.\n\nGodkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n"
                           "Punkt 2: Budget 2025\n\nByrådets beslutning den 13. november 2024\n"
                           "Anbefales.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.body, "Økonomiudvalget");
    CHECK_STR(d->meeting.date, "2024-09-25");
    CHECK_STR(d->meeting.start_time, "08:00");
    CHECK_STR(d->meeting.end_time, "10:30");
    CHECK_STR(d->meeting.location, "Byrådssalen");
    CHECK_INT(d->meeting.absent.n, 2);
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2) {
        CHECK_STR(d->items[0].title, "Godkendelse af dagsorden");
        CHECK_STR(d->items[0].decision, "Godkendt.");
        CHECK_STR(d->items[1].number, "2");
        CHECK_STR(d->items[1].decision, "Anbefales.");
    }
    mn_doc_free(d);
    /* a header without labels: title, body, date line, place line */
    d = run("Referat\n\nSundheds- og Forebyggelsesudvalget\ntirsdag den 4. december 2012, kl. 13:00\n"
            "Mødecenter C, Lokale 32\n\n1. Meddelelser\n\nTaget til efterretning\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.body, "Sundheds- og Forebyggelsesudvalget");
    CHECK_STR(d->meeting.time_text, "tirsdag den 4. december 2012, kl. 13:00");
    CHECK_STR(d->meeting.location, "Mødecenter C, Lokale 32");
    mn_doc_free(d);
}

static void test_title_blocks_and_member_columns(void)
{
    /* an unlabelled title block: date line, time line, the place over three lines; a bold
     * "Medlemmer" above a gap and two names a row; a table of contents after them */
    struct mn_doc *d = run("Referat\n\nØkonomiudvalget\n\nOrdinært møde\nOnsdag den 25. september 2024\n"
                           "Kl. 08:00\nBiblioteket\nRådhusholmen 10\n2670 Greve\n\n"
                           "Medlemmer\n\nAnne Holm (F)\tPer Lund (A)\nKaren Dahl (C)\n\n"
                           "Godkendelse af dagsorden\nBudget 2025\n\n"
                           "1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n"
                           "2. Budget 2025\n\nBeslutning i Byrådet den 4. september 2024\n"
                           "Oversendt.\n\nBeslutning\nAnbefales.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.body, "Økonomiudvalget");
    CHECK_STR(d->meeting.date, "2024-09-25");
    CHECK_STR(d->meeting.start_time, "08:00");
    CHECK_STR(d->meeting.location, "Biblioteket, Rådhusholmen 10, 2670 Greve");
    CHECK_INT(d->meeting.participants.n, 3);
    if (d->meeting.participants.n == 3)
        CHECK_STR(d->meeting.participants.v[1].name, "Per Lund");
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2) /* the earlier committee's decision is history */
        CHECK_STR(d->items[1].decision, "Anbefales.");
    mn_doc_free(d);
    /* a one-line title with the body and the date; a labelled body wins over a guessed one */
    d = run("REFERAT Klima-, Teknik- og Miljøudvalget d. 14-03-2024\n\nMødetidspunkt: Kl. 08:00\n\n"
            "1.Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.body, "Klima-, Teknik- og Miljøudvalget");
    CHECK_STR(d->meeting.date, "2024-03-14");
    CHECK_INT(d->nitems, 1); /* "1.Godkendelse": the number glued to the title */
    mn_doc_free(d);
    /* a table of contents without page numbers, then the same headings over their text */
    d = run("Dagsorden\n\nPUNKTER\n\n49. Godkendelse af dagsorden\n50. Budget\n51. Orienteringer\n\n"
            "49. Godkendelse af dagsorden\n\nGodkendt.\n\n50. Budget\n\nBudgettet drøftes.\n\n"
            "51. Orienteringer\n\nIngen.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->nitems, 3);
    if (d->nitems == 3)
        CHECK_STR(d->items[2].title, "Orienteringer");
    mn_doc_free(d);
}

static void test_web_pages_and_case_lines(void)
{
    /* a web page: its banner and links, a labelled date after a prose one, labels glued to
     * their values, a contents list under its title, a case number above a heading, a line of
     * attachment file names, the body named only in the decision headings */
    struct mn_doc *d = run("Vi bruger cookies til at forbedre siden.\nAccepter cookies\n\n"
                           "Se møder til og med den 10. februar 2016\n\n"
                           "Dato: Torsdag den 4. marts 2021\nStedMødesal 2\n"
                           "Medlemmer\n\n• Anne Lund (A)\n• Bo Holm (V)\n• Eva Kro (C)\n\n"
                           "Fraværende\n\nBo Holm (V), sag 1-2\n\n"
                           "Indholdsfortegnelse\n\n1. Godkendelse af dagsorden\n2. Skolevej\n\n"
                           "1. Godkendelse af dagsorden\n\n"
                           "Teknisk Udvalg, 04-03-2021, pkt. 1\n\nGodkendt.\n\n"
                           "85.02.02-G01-5-21\n\n2. Skolevej\n\nKort.pdf Notat_om_vejen.docx\n\n"
                           "Sagsfremstilling\n\nVejen skal repareres.\n\n"
                           "Teknisk Udvalg, 04-03-2021, pkt. 2\n\nGodkendt.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.date, "2021-03-04");
    CHECK_STR(d->meeting.location, "Mødesal 2");
    CHECK_STR(d->meeting.body, "Teknisk Udvalg");
    CHECK_INT(d->meeting.participants.n, 2); /* the roster less the absent */
    if (d->meeting.participants.n == 2)
        CHECK_STR(d->meeting.participants.v[0].name, "Anne Lund");
    CHECK_INT(d->meeting.absent.n, 1);
    if (d->meeting.absent.n == 1)
        CHECK_STR(d->meeting.absent.v[0].note, "sag 1-2");
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2) {
        CHECK_STR(d->items[0].decision, "Godkendt.");
        CHECK_STR(d->items[1].sections[0].text, "85.02.02-G01-5-21");
        CHECK_INT(d->items[1].attachments.n, 2);
        CHECK_STR(d->items[1].decision, "Godkendt.");
    }
    for (size_t k = 0; k < d->nwarnings; k++)
        CHECK(strcmp(d->warnings[k].code, "unplaced_text") != 0 ||
              !strstr(d->warnings[k].message, "cookies"));
    mn_doc_free(d);
}

/* A label column as Cicero-like systems print it: the label in a left column, its text beside
 * it after a tab, continuation lines under the text; a label the lexicon does not know
 * ("Sagens kerne") is a section with its heading all the same, a label wrapped over lines of
 * its own in the column ("Beskæftigelses- og" / "Erhvervsudvalget" / "13.05.2024") is one
 * heading, and a word that would not have fitted on the line above (measured on the page,
 * not counted) goes on with its list entry. */
static void put_line(struct mn_doc *d, const char *text, double x, double x2, double y)
{
    mn_lines_push(&d->lines, text, strlen(text), 1);
    struct mn_line *ln = &d->lines.v[d->lines.n - 1];
    if (!text[0])
        return;
    ln->x = x;
    ln->x2 = x2;
    ln->y = y;
    ln->size = 11.7;
}

static void test_label_column(void)
{
    struct mn_doc *d = mn_doc_new("labels.pdf");
    double y = 60;
    put_line(d, "Referat", 56.8, 142, y += 14);
    put_line(d, "", -1, -1, -1);
    put_line(d, "Mødedato\tOnsdag den 25-09-2024", 56.8, 300, y += 14);
    put_line(d, "", -1, -1, -1);
    put_line(d, "87\tBudgetopfølgning", 56.8, 350, y += 14);
    put_line(d, "", -1, -1, -1);
    put_line(d, "Sagens kerne\tØkonomiudvalget skal udarbejde et budgetforslag til Byrådet", 56.8, 540, y += 14);
    put_line(d, "for det kommende år, og budgettet skal vedtages inden 15. oktober.", 190.6, 520, y += 11);
    for (int k = 0; k < 18; k++) /* prose of about 78 characters a line: the column's width */
        put_line(d, "Byrådet behandler forslaget to gange med mindst tre ugers mellemrum, og det kan", 190.6, 541, y += 11);
    put_line(d, "første behandling var den 4. september.", 190.6, 400, y += 11);
    put_line(d, "", -1, -1, -1);
    put_line(d, "Indstilling\tAdministrationen indstiller,", 56.8, 330, y += 14);
    put_line(d, "• at Økonomiudvalget godkender budgettet for 2025 og overslagsårene samt i", 190.6, 541, y += 11);
    /* 58 characters and a word of 10: fitted by count, not on the page (wide letters) */
    put_line(d, "”Øget tværkommunalt samarbejde imellem kommunerne i Region", 204.7, 505.7, y += 11);
    put_line(d, "Sjælland”.", 204.7, 252, y += 11);
    put_line(d, "", -1, -1, -1);
    put_line(d, "Beskæftigelses- og\tUdsat, idet udvalget ønsker en uddybning af sagens økonomi.", 56.8, 472, y += 14);
    put_line(d, "Erhvervsudvalget", 56.8, 139.5, y += 10);
    put_line(d, "13.05.2024", 56.8, 110, y += 10);
    put_line(d, "", -1, -1, -1);
    put_line(d, "Beslutning\tGodkendt.", 56.8, 237, y += 14);
    struct mn_error err = {0};
    CHECK(mn_segment_run(ctx, d, &err) == 0);
    CHECK_INT(d->nitems, 1);
    if (d->nitems == 1) {
        const struct mn_item *it = &d->items[0];
        CHECK_INT(it->nsections, 4);
        if (it->nsections == 4) {
            CHECK_STR(it->sections[0].kind, "other");
            CHECK_STR(it->sections[0].heading, "Sagens kerne");
            CHECK(strncmp(it->sections[0].text, "Økonomiudvalget skal", 20) == 0);
            CHECK_STR(it->sections[1].kind, "recommendation");
            CHECK_INT(it->sections[1].bullets.n, 1);
            if (it->sections[1].bullets.n == 1)
                CHECK(strstr(it->sections[1].bullets.v[0], "i Region Sjælland”.") != NULL);
            CHECK_STR(it->sections[2].kind, "other");
            CHECK_STR(it->sections[2].heading, "Beskæftigelses- og Erhvervsudvalget 13.05.2024");
            CHECK_STR(it->sections[3].kind, "decision");
        }
        CHECK_STR(it->decision, "Godkendt.");
    }
    mn_doc_free(d);
}

/* School and association pages: an item table copied as text ("Punkt 210 minElevrådet har
 * ordet": item 2, ten minutes), paragraphs that end without a full stop above the next
 * "Punkt", and the body named by a compound in the title. */
static void test_school_board_page(void)
{
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_adds(&b, "Logo Skolen\n\nReferat-2024-04-03\n\n"
                    "Dagsorden/Referat fra Skolebestyrelsesmøde\n\nDato: 03-04-2024 kl. 18:00-20:00\n"
                    "Hvor: Agerskov\n\n");
    for (int k = 1; k <= 4; k++) {
        mn_buf_addf(&b, "Punkt %d%d minEmne nummer %d\n", k, k == 1 ? 5 : 10, k);
        for (int j = 0; j < 3; j++)
            mn_buf_adds(&b, "Vi talte om sagen og blev enige om at fortsætte arbejdet i grupperne "
                            "og at vende tilbage til det på et senere møde med flere detaljer\n");
    }
    struct mn_doc *d = run(b.buf);
    mn_buf_release(&b);
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.body, "Skolebestyrelse");
    CHECK_STR(d->kind, "minutes");
    CHECK_INT(d->nitems, 4);
    if (d->nitems == 4) {
        CHECK_STR(d->items[1].number, "2");
        CHECK_STR(d->items[1].title, "Emne nummer 2");
    }
    mn_doc_free(d);
}

/* A browser's print of a web export: an unlabelled title block whose place runs over a room,
 * a building, a street and a town; points numbered "1.<TAB>" straight under the label, a
 * second-level row kept as its own point; the print footer (address and page stamp) gone. */
static void test_web_export_print(void)
{
    struct mn_doc *d = run("Økonomiudvalget\n\nReferat\n\nOrdinært møde\nOnsdag den 25. september 2024\n"
                           "Kl. 08:00\nBiblioteket\nGreve Rådhus\nRådhusholmen 10\n2670 Greve\n\n"
                           "Punkt 1: Budget\n\nBeslutningspunkter\n1.\tat budgettet godkendes;\n"
                           "2.\tat sagen sendes videre.\n\nBeslutning\nGodkendt.\n\n"
                           "https://dagsordener.example.dk/meeting/20240925/referat\t1 of 1\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.location, "Biblioteket, Greve Rådhus, Rådhusholmen 10, 2670 Greve");
    CHECK_INT(d->nitems, 1);
    if (d->nitems == 1) {
        const struct mn_item *it = &d->items[0];
        CHECK_INT(it->rec_points.n, 2);
        if (it->rec_points.n == 2) {
            CHECK_STR(it->rec_points.v[0], "at budgettet godkendes;");
            CHECK_STR(it->rec_points.v[1], "at sagen sendes videre.");
        }
        CHECK_STR(it->decision, "Godkendt.");
    }
    mn_doc_free(d);
}

/* An association's board: a stray date line above a dated title (the title's date wins, its
 * comma before the year read), officers before their names, the referent named twice but
 * one person, and a last item whose content follows "Evt:" with closing words under it. */
static void test_board_minutes_in_prose(void)
{
    struct mn_doc *d = run("• den 13. januar 2022\n\nBestyrelsesmøde den 12. januar, 2022\n\nReferat\n\n"
                           "Deltagende:  Formand Charlotte Zon, kasserer Jonna Kristensen, Lis Olesen\n\n"
                           "Referent: Lis Olesen\n\n"
                           "Punkt 1. Økonomi: Regnskabet er ved at blive færdiggjort og sendes ud.\n\n"
                           "Punkt 2. Evt: Flere medlemmer er på valg i år, og vi håber at nogle nye har lyst.\n\n"
                           "Næste møde aftales med den nye bestyrelse.\n\nMed venlig hilsen\nBestyrelsen\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.date, "2022-01-12");
    CHECK_INT(d->meeting.participants.n, 3);
    if (d->meeting.participants.n == 3) {
        CHECK_STR(d->meeting.participants.v[1].name, "Jonna Kristensen");
        CHECK_STR(d->meeting.participants.v[1].role, "kasserer");
        CHECK_STR(d->meeting.participants.v[2].name, "Lis Olesen");
        CHECK_STR(d->meeting.participants.v[2].role, "referent");
    }
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2) {
        CHECK_STR(d->items[1].title, "Evt:");
        CHECK(strncmp(d->items[1].sections[0].text, "Flere medlemmer", 15) == 0);
    }
    mn_doc_free(d);
}

/* A header run together on one line: each label is read as its own field; a label inside
 * an item's sentence stays where it is. */
static void test_header_on_one_line(void)
{
    struct mn_doc *d = run("Referat af bestyrelsesmøde onsdag d. 7. november 2012 kl. 19.30 i A-huset. "
                           "Tilstede: Lars, Nina, Henrik Afbud: Svend Referent: Lars\n"
                           "1. Valg af referent\nLars\n2. Eventuelt\nNæste møde, Sted: hos Nina Tid: kl. 19.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.date, "2012-11-07");
    CHECK_STR(d->meeting.location, "A-huset");
    CHECK_INT(d->meeting.participants.n, 3);
    CHECK_INT(d->meeting.absent.n, 1);
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2)
        CHECK(strstr(d->items[1].sections[0].text, "Sted: hos Nina Tid: kl. 19.") != NULL);
    mn_doc_free(d);
}

/* A print view: members and absentees one a line with blank lines between them, a
 * parenthesis left open at a line's end, items headed "Nr.1 - Title". */
static void test_people_apart_and_nr_items(void)
{
    struct mn_doc *d = run("Referat\n\nMedlemmer\n\nBo Hilsted (A)\n\nJesper Tvilde (C)\n\nAfbud\n\n"
                           "Kristian Hegaard (B)\n\nAlice Kiander (Børne- og Ungdomsorganisationernes Samråd\n\n"
                           "Signe Buch (Aftenskoleforeningen)\n\nNr.1 - Træffetid\n\nIngen mødt.\n\n"
                           "Nr.2 - Godkendelse af dagsorden\n\nGodkendt.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_INT(d->meeting.participants.n, 2);
    CHECK_INT(d->meeting.absent.n, 3);
    if (d->meeting.absent.n == 3) {
        CHECK_STR(d->meeting.absent.v[1].name, "Alice Kiander");
        CHECK_STR(d->meeting.absent.v[1].affiliation, "Børne- og Ungdomsorganisationernes Samråd");
        CHECK_STR(d->meeting.absent.v[2].affiliation, "Aftenskoleforeningen");
    }
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2)
        CHECK_STR(d->items[0].title, "Træffetid");
    mn_doc_free(d);
}

/* A web meeting page: icon labels, a contents table copied cell by cell (number, title, page)
 * above the items, closed items whose title is the mark, and the attendance printed after
 * the last item ("Name: Deltog", "Name: Afbud (remark)"). */
static void test_meeting_page_with_attendance_after(void)
{
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_adds(&b, "Udvalg Ikon\nRegionsrådet\nDato: 22-03-2022\n\nReferat\n\n");
    for (int k = 1; k <= 6; k++)
        mn_buf_addf(&b, "%d.\n\nEmne nummer %d\n\n%d\n\n", k, k, 3 * k);
    for (int k = 1; k <= 5; k++)
        mn_buf_addf(&b, "%d. Emne nummer %d\n\nGodkendt.\n\n", k, k);
    mn_buf_adds(&b, "6. Lukket punkt.\n\nMedlemmer\n\n• Lars Gaardhøj: Deltog\n"
                    "• Sofie Olsen: Afbud (fraværende ved sag 1-4)\n• Leila Lindén: Deltog\n");
    struct mn_doc *d = run(b.buf);
    mn_buf_release(&b);
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.body, "Regionsrådet");
    CHECK_INT(d->nitems, 6);
    if (d->nitems == 6) {
        CHECK_STR(d->items[0].decision, "Godkendt.");
        CHECK_STR(d->items[5].title, "Lukket punkt.");
        CHECK(!d->items[5].is_public);
        CHECK_INT(d->items[5].nsections, 0);
    }
    CHECK_INT(d->meeting.participants.n, 2);
    CHECK_INT(d->meeting.absent.n, 1);
    if (d->meeting.absent.n == 1)
        CHECK_STR(d->meeting.absent.v[0].name, "Sofie Olsen");
    mn_doc_free(d);
}

/* Board minutes with everything on the item's line, the place in a sentence under the title,
 * the attendance closing the minutes in prose. */
static void test_one_line_items_and_closing_attendance(void)
{
    struct mn_doc *d = run("Referat, 10. oktober 2017\n\nMødet foregik i lokalrådslokalet ved skolen.\n\n"
                           "1. Godkendelse af referatet. Godkendt.\n\n"
                           "2. Eventuelt. Henvendelse fra kommunen om trivsel i seniorlivet følges op, og vi "
                           "vender tilbage til den på næste møde, hvor der også skal tales om frivillighed, "
                           "hytterne, stisystemet, frugtlunden og meget mere, som lokalrådet har arbejdet med i "
                           "år, og som vi gerne vil have flere med til at hjælpe med i det kommende år.\n\n"
                           "Deltagere: Michael Laursen, Bent Maigaard og Jens Skovly. Der var afbud fra Lasse "
                           "Jørgensen.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    CHECK_STR(d->meeting.location, "lokalrådslokalet ved skolen");
    CHECK_INT(d->nitems, 2);
    if (d->nitems == 2)
        CHECK_STR(d->items[1].title, "Eventuelt.");
    CHECK_INT(d->meeting.participants.n, 3);
    CHECK_INT(d->meeting.absent.n, 1);
    for (size_t k = 0; k < d->nwarnings; k++)
        CHECK(strcmp(d->warnings[k].code, "unplaced_text") != 0);
    mn_doc_free(d);
}

static void test_nothing_dropped(void)
{
    struct mn_doc *d = run("Et forord uden felter.\n\n1. Punkt\n\nTekst.\n");
    CHECK(d != NULL);
    if (!d)
        return;
    bool found = false;
    for (size_t i = 0; i < d->nwarnings; i++)
        found |= strcmp(d->warnings[i].code, "unplaced_text") == 0 &&
                 strstr(d->warnings[i].message, "Et forord uden felter.") != NULL;
    CHECK(found);
    mn_doc_free(d);
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
    RUN(test_header_with_tabs);
    RUN(test_label_column);
    RUN(test_school_board_page);
    RUN(test_web_export_print);
    RUN(test_board_minutes_in_prose);
    RUN(test_header_on_one_line);
    RUN(test_people_apart_and_nr_items);
    RUN(test_meeting_page_with_attendance_after);
    RUN(test_one_line_items_and_closing_attendance);
    RUN(test_header_as_table_and_bold);
    RUN(test_sections_and_recommendation);
    RUN(test_bullet_ends_where_the_next_word_fits);
    RUN(test_numbered_points_and_a_named_body);
    RUN(test_attachments_one_a_line);
    RUN(test_place_after_the_time);
    RUN(test_body_in_the_title);
    RUN(test_numbered_paragraphs_are_not_items);
    RUN(test_marks_broken_titles_and_prose_recommendations);
    RUN(test_referent_and_unknown_labels);
    RUN(test_item_number_gap_warns);
    RUN(test_title_tail_after_a_full_line);
    RUN(test_paren_numbered_items);
    RUN(test_groups_closed_and_toc);
    RUN(test_running_headers_on_pages);
    RUN(test_other_house_styles);
    RUN(test_title_blocks_and_member_columns);
    RUN(test_web_pages_and_case_lines);
    RUN(test_nothing_dropped);
    mn_ctx_free(ctx);
    return DONE();
}
