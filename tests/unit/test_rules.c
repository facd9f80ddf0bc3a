/* test_rules.c: the rules loader and matcher. */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "rules.h"
#include "t.h"

static struct mn_rules *load(const char *text, struct mn_error *err)
{
    struct mn_rules *r = mn_rules_new();
    if (mn_rules_load_string(r, "test.rules", text, strlen(text), err) < 0 ||
        mn_rules_self_check(r, err) < 0) {
        mn_rules_free(r);
        return NULL;
    }
    return r;
}

static void test_ucp_letters(void)
{
    struct mn_error err = {0};
    /* \w must know æøå (UCP) and caseless must fold Æ/æ (UTF) */
    struct mn_rules *r = load("[section other]\nflags = i\npattern = ^(?<w>\\w+)$\n"
                              "example = Brønderslev\nexample = ÆLDRE\ncounter = Brøn derslev\n",
                              &err);
    CHECK(r != NULL);
    if (!r) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    struct mn_match m;
    mn_match_init(&m);
    const struct mn_rule *rule = mn_rules_find(r, "section", "other");
    CHECK_INT(mn_rule_match(rule, "æblegrød", strlen("æblegrød"), &m), 1);
    char *w = mn_match_dup(&m, "w");
    CHECK_STR(w, "æblegrød");
    free(w);
    CHECK(mn_match_dup(&m, "nope") == NULL);
    mn_match_release(&m);
    mn_rules_free(r);
}

static void test_fragments_and_order(void)
{
    struct mn_error err = {0};
    struct mn_rules *r = load("[define lbl]\npattern = Indstilling|Forslag\n"
                              "[section recommendation]\npattern = ^%{lbl}$\nexample = Forslag\n"
                              "[section decision]\npattern = ^Beslutning$\npattern = ^Referat$\n"
                              "example = Referat\n",
                              &err);
    CHECK(r != NULL);
    if (!r)
        return;
    CHECK_INT(mn_rules_count(r, "section"), 2);
    CHECK_STR(mn_rule_name(mn_rules_get(r, "section", 1)), "decision");
    struct mn_match m;
    mn_match_init(&m);
    const struct mn_rule *hit = mn_rules_match_kind(r, "section", "Referat", 7, &m);
    CHECK(hit && strcmp(mn_rule_name(hit), "decision") == 0);
    CHECK(mn_rules_match_kind(r, "section", "Bilag", 5, &m) == NULL);
    mn_match_release(&m);
    mn_rules_free(r);
}

static void test_override_in_later_file(void)
{
    struct mn_error err = {0};
    struct mn_rules *r = mn_rules_new();
    const char *a = "[section decision]\npattern = ^Referat$\n";
    const char *b = "[section decision]\npattern = ^Afgørelse$\n";
    CHECK_INT(mn_rules_load_string(r, "a.rules", a, strlen(a), &err), 0);
    CHECK_INT(mn_rules_load_string(r, "b.rules", b, strlen(b), &err), 0);
    CHECK_INT(mn_rules_count(r, "section"), 1);
    struct mn_match m;
    mn_match_init(&m);
    CHECK(mn_rules_match_kind(r, "section", "Afgørelse", strlen("Afgørelse"), &m) != NULL);
    CHECK(mn_rules_match_kind(r, "section", "Referat", 7, &m) == NULL);
    mn_match_release(&m);
    mn_rules_free(r);
}

static void test_errors_name_line(void)
{
    struct mn_error err = {0};
    CHECK(load("# comment\n\n[item x]\npattern = ^(\\d+) (.*)$\n", &err) == NULL);
    CHECK_INT(err.code, MN_E_RULES);
    CHECK(strstr(err.msg, "test.rules:4:") != NULL);
    CHECK(strstr(err.msg, "named group") != NULL);
    CHECK(load("[section x]\npattern = (\n", &err) == NULL);
    CHECK(strstr(err.msg, "test.rules:2:") != NULL);
    CHECK(load("[section x]\npattern = ^a$\nexample = b\n", &err) == NULL);
    CHECK(strstr(err.msg, "does not match") != NULL);
    CHECK(load("[section x]\npattern = \xc3\n", &err) == NULL);
    CHECK(strstr(err.msg, "UTF-8") != NULL);
}

static void test_nfd_pattern_matches_nfc_text(void)
{
    struct mn_error err = {0};
    /* "å" typed as a + combining ring must still match the NFC text */
    struct mn_rules *r = load("[section x]\npattern = ^Bila\xcc\x8a$\n", &err);
    CHECK(r != NULL);
    if (!r)
        return;
    struct mn_match m;
    mn_match_init(&m);
    CHECK(mn_rules_match_kind(r, "section", "Bilå", strlen("Bilå"), &m) != NULL);
    mn_match_release(&m);
    mn_rules_free(r);
}

static void test_shipped_rules_load(void)
{
    struct mn_error err = {0};
    struct mn_rules *r = mn_rules_new();
    CHECK_INT(mn_rules_load_dir(r, "rules", &err), 0);
    CHECK_INT(mn_rules_self_check(r, &err), 0);
    CHECK(mn_rules_count(r, "section") >= 8);
    mn_rules_free(r);
}

int main(void)
{
    RUN(test_ucp_letters);
    RUN(test_fragments_and_order);
    RUN(test_override_in_later_file);
    RUN(test_errors_name_line);
    RUN(test_nfd_pattern_matches_nfc_text);
    RUN(test_shipped_rules_load);
    return DONE();
}
