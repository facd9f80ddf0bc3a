/* test_ocrfix.c: OCR misreadings corrected from the document's own vocabulary, and only
 * those. */
#include <stdlib.h>
#include <string.h>

#include "dehyphen.h"
#include "doc.h"
#include "err.h"
#include "ocrfix.h"
#include "t.h"

static struct mn_dict *dict;

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

int main(void)
{
    struct mn_error err = {0};
    if (mn_dict_open(NULL, &dict, &err) < 0) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    RUN(test_corrects_from_vocabulary);
    RUN(test_text_pages_untouched);
    RUN(test_ties_and_known_words);
    RUN(test_compound_only_by_substitution);
    mn_dict_free(dict);
    return DONE();
}
