/* test_ocrfix.c: OCR misreadings corrected from the document's own vocabulary, and only
 * those. */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "dehyphen.h"
#include "doc.h"
#include "err.h"
#include "buf.h"
#include "ocrfix.h"
#include "rules.h"
#include "t.h"

static struct mn_dict *dict;
static struct mn_rules *rules;

static void add(struct mn_lines *l, const char *text, int page)
{
    mn_lines_push(l, text, strlen(text), page);
}

static void test_corrects_from_vocabulary(void)
{
    struct mn_lines l = {0};
    add(&l, "Det indstilles, at udvalget godkender.", 1);
    add(&l, "Det indstilles igen, og det indstilles en tredje gang i Nordjylland.", 1);
    add(&l, "Nordjylland og Nordjylland.", 1);
    add(&l, "Det indstillse, at sagen i Nordyylland blev drøftet før mødet.", 2);
    add(&l, "Sag 24-00indstillse og indstillse-forslag.", 2);
    int pages[] = {2};
    size_t n = mn_ocrfix_lines(&l, pages, 1, dict);
    CHECK_INT(n, 2);
    CHECK_STR(l.v[3].text, "Det indstilles, at sagen i Nordjylland blev drøftet før mødet.");
    /* glued to digits or a hyphen: a code or a compound, left as read */
    CHECK_STR(l.v[4].text, "Sag 24-00indstillse og indstillse-forslag.");
    mn_lines_release(&l);
}

static void test_text_pages_untouched(void)
{
    struct mn_lines l = {0};
    add(&l, "indstilles indstilles indstilles", 1);
    add(&l, "indstillse", 1);
    int pages[] = {2};
    CHECK_INT(mn_ocrfix_lines(&l, pages, 1, dict), 0);
    CHECK_STR(l.v[1].text, "indstillse");
    mn_lines_release(&l);
}

static void test_ties_and_known_words(void)
{
    struct mn_lines l = {0};
    /* "banke" is as near to "bange" as to "banker": equally frequent, so left alone */
    add(&l, "bange bange banker banker", 1);
    add(&l, "banke", 2);
    int pages[] = {2};
    mn_ocrfix_lines(&l, pages, 1, dict);
    CHECK_STR(l.v[1].text, "banke");
    mn_lines_release(&l);
}

static void test_compound_only_by_substitution(void)
{
    struct mn_lines l = {0};
    for (int i = 0; i < 3; i++)
        add(&l, "Indstilling og takstanalysen", 1);
    /* hunspell builds "Indstilting" (indstil + ting): a misread letter, corrected; it builds
     * "takstanalyse" too, an inflection of the frequent word, not a misreading: kept */
    add(&l, "Indstilting om takstanalyse", 2);
    int pages[] = {2};
    CHECK_INT(mn_ocrfix_lines(&l, pages, 1, dict), 1);
    CHECK_STR(l.v[3].text, "Indstilling om takstanalyse");
    mn_lines_release(&l);
}

/* Runs the structural pass over 'in' (lines of page 1 = OCR, "#" separates lines) and checks
 * the lines that come out, joined with "#", and the count. */
/* The lines' texts joined with '#', as the expectations are written. */
static void join_lines(const struct mn_lines *l, struct mn_buf *out)
{
    for (size_t i = 0; i < l->n; i++) {
        if (i)
            mn_buf_addch(out, '#');
        mn_buf_adds(out, l->v[i].text);
    }
}

static void check_structure(const char *in, const char *want, size_t nwant)
{
    struct mn_lines l = {0};
    char **parts = g_strsplit(in, "#", -1);
    for (char **p = parts; *p; p++)
        add(&l, *p, 1);
    g_strfreev(parts);
    int pages[] = {1};
    struct mn_buf log = MN_BUF_INIT;
    size_t n = mn_ocrfix_structure(&l, pages, 1, rules, dict, NULL, 0, &log);
    struct mn_buf got = MN_BUF_INIT;
    join_lines(&l, &got);
    CHECK_STR(got.buf, want);
    CHECK_INT(n, nwant);
    CHECK(g_utf8_validate(log.buf, (gssize)log.len, NULL));
    mn_buf_release(&got);
    mn_buf_release(&log);
    mn_lines_release(&l);
}

static void test_item_numbers(void)
{
    check_structure("1. Godkendelse af dagsorden#2, Godkendelse af referat#3: Orientering#"
                    "4 . Budget#5.Evt.#6.. Næste møde#7; Lukket punkt",
                    "1. Godkendelse af dagsorden#2. Godkendelse af referat#3. Orientering#"
                    "4. Budget#5. Evt.#6. Næste møde#7. Lukket punkt", 6);
    /* letters for digits, only in a number position and in sequence */
    check_structure("l. Godkendelse af dagsorden#I Kommunen blev#2. Budget#Punkt I: Evt.",
                    "1. Godkendelse af dagsorden#I Kommunen blev#2. Budget#Punkt I: Evt.", 1);
    check_structure("1. A#2. B#Punkt I: Evt.", "1. A#2. B#Punkt I: Evt.", 0);
    check_structure("1. A#2. B#Punkt Il: Evt.", "1. A#2. B#Punkt Il: Evt.", 0);
    check_structure("Punkt I: Godkendelse#Punkt 2 - Plan#Pkt. 3 Evt.",
                    "Punkt 1: Godkendelse#Punkt 2 - Plan#Pkt. 3 Evt.", 1);
    check_structure("9. Sag#Punkt 1O: Evt.", "9. Sag#Punkt 10: Evt.", 1);
    check_structure("1O. Evt.", "1O. Evt.", 0);
    /* titles: a standing title one letter off, a stray mark at the end; "Evt" is a spelling */
    check_structure("1. Godkendelse af dagsordcn#2. Tidsplan 2021-2022'#3, Evi#4. Evt#5. Evighed",
                    "1. Godkendelse af dagsorden#2. Tidsplan 2021-2022#3. Evt.#4. Evt#5. Evighed", 3);
    check_structure("9. Sag#1O. Evt.", "9. Sag#10. Evt.", 1);
    /* out of sequence: a number in prose stays */
    check_structure("1. Godkendelse#2. Budget#7, Kommunerne har", "1. Godkendelse#2. Budget#7, Kommunerne har", 0);
    /* not headings: a year, a bullet "o", a lowercase title, a number without title */
    check_structure("2014, Budget#o Budget#1, at sagen#1.", "2014, Budget#o Budget#1, at sagen#1.", 0);
}

static void test_labels(void)
{
    /* after the first item: section labels, one letter misread or lost */
    check_structure("1. Godkendelse#Beslutnlng#lndstilling#Indstilllng:#Bilag#Sagsfremstillng",
                    "1. Godkendelse#Beslutning#Indstilling#Indstilling:#Bilag#Sagsfremstilling", 4);
    /* before it: header labels; an ø lost ("Mode" is a word, but "Møde" is the label) */
    check_structure("Mode\tSocialdirektørkredsen#Deltagere |\tAlice Hansen",
                    "Møde\tSocialdirektørkredsen#Deltagere\tAlice Hansen", 2);
    /* prose is not a label */
    check_structure("1. Godkendelse#Beslutningen blev#Mode er ikke", "1. Godkendelse#Beslutningen blev#Mode er ikke", 0);
}

static void test_specks_and_marks(void)
{
    check_structure("Lone. Becker (Thisted Kommune), Hans Chr. Hansen",
                    "Lone Becker (Thisted Kommune), Hans Chr. Hansen", 1);
    check_structure("1. A#Projektet er i sin.sidste fase og vil være. deltagelse, jf. bilag, "
                    "bl.a. i greve.dk og bilag.pdf. Mødet sluttede.",
                    "1. A#Projektet er i sin sidste fase og vil være deltagelse, jf. bilag, "
                    "bl.a. i greve.dk og bilag.pdf. Mødet sluttede.", 1);
    check_structure("1. A#»…\ttager orienteringen til efterretning#« enkelt",
                    "1. A#• tager orienteringen til efterretning#« enkelt", 1);
    /* a comma after a list's last point is a speck; inside the list it continues it */
    check_structure("1. A#• tager orienteringen til efterretning,##• godkender planen,#• og "
                    "budgettet,#Bilag",
                    "1. A#• tager orienteringen til efterretning##• godkender planen,#• og "
                    "budgettet,#Bilag", 1);
    check_structure("1. A#•\ttager orienteringen til efterretning,##Bilag",
                    "1. A#•\ttager orienteringen til efterretning##Bilag", 1);
    check_structure("1. A#-…\tDaniel berettede#-……\tSpørgsmål om snerydning#- at",
                    "1. A#• Daniel berettede#• Spørgsmål om snerydning#- at", 2);
    check_structure("1. A#Indstilling.#et\tat tage orienteringen#.\tat drøfte#a.\tMøder#1.\tB#b)\tC",
                    "1. A#Indstilling#• at tage orienteringen#• at drøfte#a.\tMøder#1.\tB#b)\tC", 3);
}

static void test_header_and_intro(void)
{
    /* a lost ')' between two participants, across a line break; a speck comma before '(' */
    check_structure("Afbud\tDorthe Jende (Vesthimmerlands Kommune), Elsemarie Lauvring "
                    "(Vesthimmerlands Kommune, Han-#ne Madsen (Jammerbugt Kommune), Martin "
                    "Hansen (Aalborg Kommune, Skoleforvaltningen)#"
                    "Deltagere\tHenrik Hansen, (formand, Brønderslev Kommune)#1. Godkendelse",
                    "Afbud\tDorthe Jende (Vesthimmerlands Kommune), Elsemarie Lauvring "
                    "(Vesthimmerlands Kommune), Han-#ne Madsen (Jammerbugt Kommune), Martin "
                    "Hansen (Aalborg Kommune, Skoleforvaltningen)#"
                    "Deltagere\tHenrik Hansen (formand, Brønderslev Kommune)#1. Godkendelse", 2);
    /* not a name after the comma, or after the first item: left as read */
    check_structure("Afbud\tA Hansen (Greve Kommune, 2 (ny)#1. Godkendelse",
                    "Afbud\tA Hansen (Greve Kommune, 2 (ny)#1. Godkendelse", 0);
    check_structure("1. Godkendelse#Vi (Greve Kommune, Anne Madsen (Jammerbugt)",
                    "1. Godkendelse#Vi (Greve Kommune, Anne Madsen (Jammerbugt)", 0);
    check_structure("Afbud\tDorthe Jende (Vesthimmerlands: Kommune), Hans Chr, Hansen: formand#"
                    "Sagsnr./Dok.nr.\t2014-209 2014-212925\t-#Sagsnr./Dok.nr.: 2011-43820 / 2012-160997.",
                    "Afbud\tDorthe Jende (Vesthimmerlands Kommune), Hans Chr. Hansen: formand#"
                    "Sagsnr./Dok.nr.\t2014-209 / 2014-212925#Sagsnr./Dok.nr.: 2011-43820 / 2012-160997", 3);
    check_structure("1. A#Detindstilles, at#Detindstilles ikke#Dagens møde.i DAS",
                    "1. A#Det indstilles, at#Detindstilles ikke#Dagens møde i DAS", 2);
}

/* Like check_structure, with one other reading: line 'line' (0-based, page 1) has the word
 * 'word' whose symbols tesseract also read as 'choices' (per symbol, '|' between symbols). */
static void check_choices(const char *in, size_t line, const char *word, const char *choices,
                          const char *want, size_t nwant)
{
    struct mn_lines l = {0};
    char **parts = g_strsplit(in, "#", -1);
    for (char **p = parts; *p; p++)
        add(&l, *p, 1);
    g_strfreev(parts);
    char *ch = g_strdup(choices);
    for (char *p = ch; *p; p++)
        if (*p == '|')
            *p = '\n';
    struct mn_ocr_alt alt = {.page = 1, .line = line, .word = (char *)word, .choices = ch,
                             .conf = 60};
    int pages[] = {1};
    struct mn_buf log = MN_BUF_INIT;
    size_t n = mn_ocrfix_structure(&l, pages, 1, rules, dict, &alt, 1, &log);
    struct mn_buf got = MN_BUF_INIT;
    join_lines(&l, &got);
    CHECK_STR(got.buf, want);
    CHECK_INT(n, nwant);
    CHECK(nwant == 0 || strstr(log.buf, "alternatives") != NULL);
    g_free(ch);
    mn_buf_release(&got);
    mn_buf_release(&log);
    mn_lines_release(&l);
}

static void test_item_number_from_choices(void)
{
    /* "9." read "Sy": tesseract also weighed "g" (a 9's shape) and ")" */
    check_choices("7. Valg af suppleanter#8. Valg af revisorer#Sy Eventuelt", 2, "Sy",
                  "Ssge|y)Yj", "7. Valg af suppleanter#8. Valg af revisorer#9. Eventuelt", 1);
    /* out of sequence: left as read */
    check_choices("7. Valg#Sy Eventuelt", 1, "Sy", "Ssge|y)Yj", "7. Valg#Sy Eventuelt", 0);
    /* no candidate ends a number; a lowercase word after it; the word not first on its line */
    check_choices("8. Valg#Sy Eventuelt", 1, "Sy", "Ssge|yYj", "8. Valg#Sy Eventuelt", 0);
    check_choices("8. Valg#Sy at", 1, "Sy", "Ssge|y)Yj", "8. Valg#Sy at", 0);
    check_choices("8. Valg#Vi Sy Eventuelt", 1, "Sy", "Ssge|y)Yj", "8. Valg#Vi Sy Eventuelt", 0);
    /* a mark alone, or no symbol left for the number's end: a quote before the title */
    check_choices("\" Referat", 0, "\"", "\"l", "\" Referat", 0);
    check_choices("Ia Referat", 0, "Ia", "Il|a.", "1. Referat", 1);
    check_choices("I Referat", 0, "I", "Il", "I Referat", 0);
    /* two digits: "10." read "lO," */
    check_choices("9. Valg#IQ, Eventuelt", 1, "IQ,", "Il|QO|,.", "9. Valg#10. Eventuelt", 1);
}

static void test_label_from_choices(void)
{
    /* two letters off: past the blind one-letter variants, found among tesseract's choices */
    check_choices("1. Godkendelse#Bcslutnlng", 1, "Bcslutnlng", "B|ce|s|l|u|t|n|li|n|g",
                  "1. Godkendelse#Beslutning", 1);
    /* a choice that makes no label: left as read */
    check_choices("1. Godkendelse#Bcslutnlng", 1, "Bcslutnlng", "B|co|s|l|u|t|n|l|n|g",
                  "1. Godkendelse#Bcslutnlng", 0);
}

static void test_structure_text_pages_untouched(void)
{
    struct mn_lines l = {0};
    add(&l, "2, Godkendelse af referat", 2);
    int pages[] = {1};
    CHECK_INT(mn_ocrfix_structure(&l, pages, 1, rules, dict, NULL, 0, NULL), 0);
    CHECK_STR(l.v[0].text, "2, Godkendelse af referat");
    mn_lines_release(&l);
}

/* how readable a text layer is: the dictionary's share of its words */
static void test_dict_rate(void)
{
    struct mn_lines l = {0};
    add(&l, "Leif Hansen blev valgt – og kunne bekendtgøre", 1); /* 7 words, 1 dash */
    add(&l, "2. Bestyrelsens beretning (2024)", 1);               /* numbers are no words */
    int n = 0;
    double r = mn_ocrfix_dict_rate(&l, dict, &n);
    CHECK_INT(n, 9);
    CHECK(r > 0.99);
    add(&l, "LeifHansen blev valgt—og Spg1 Tisrdag", 1);          /* 4 misses of 5 */
    r = mn_ocrfix_dict_rate(&l, dict, &n);
    CHECK_INT(n, 14);
    CHECK(r > 10.0 / 14 - 0.01 && r < 10.0 / 14 + 0.01);
    CHECK(mn_ocrfix_dict_rate(&l, NULL, &n) == 0 && n == 0);
    mn_lines_release(&l);
}

int main(void)
{
    struct mn_error err = {0};
    if (mn_dict_open(NULL, &dict, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    rules = mn_rules_new();
    if (mn_rules_load_dir(rules, "rules", &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    RUN(test_corrects_from_vocabulary);
    RUN(test_text_pages_untouched);
    RUN(test_ties_and_known_words);
    RUN(test_compound_only_by_substitution);
    RUN(test_item_numbers);
    RUN(test_labels);
    RUN(test_item_number_from_choices);
    RUN(test_label_from_choices);
    RUN(test_specks_and_marks);
    RUN(test_header_and_intro);
    RUN(test_structure_text_pages_untouched);
    RUN(test_dict_rate);
    mn_rules_free(rules);
    mn_dict_free(dict);
    return DONE();
}
