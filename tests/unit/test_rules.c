/* test_rules.c: the rules loader and matcher. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* The rules cache: the same texts take their compiled patterns and need no second check;
 * other texts are compiled and checked; a missing or foreign file is not used. */
static void test_cache(void)
{
    const char *a = "[define w]\npattern = \\w+\n"
                    "[section x]\nflags = i\npattern = ^A(?<v>%{w})$\npattern = ^Bila\xcc\x8a$\n"
                    "example = Abc\nexample = BILÅ\ncounter = A\n";
    const char *broken = "[section x]\npattern = ^A$\nexample = B\n";
    char dir[] = "/tmp/mn-test-rules-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[64], junk[64];
    snprintf(path, sizeof path, "%s/rules.cache", dir);
    snprintf(junk, sizeof junk, "%s/junk", dir);
    struct mn_error err = {0};
    char d1[65], d2[65];

    struct mn_rules *w = mn_rules_new();
    mn_rules_keep_compiled(w);
    CHECK_INT(mn_rules_load_string(w, "a.rules", a, strlen(a), &err), 0);
    CHECK_INT(mn_rules_self_check(w, &err), 0);
    CHECK_INT(mn_rules_write_cache(w, path, &err), 0);
    mn_rules_digest(w, d1);
    mn_rules_free(w);

    struct mn_rules *r = mn_rules_new();
    CHECK(mn_rules_use_cache(r, path));
    CHECK_INT(mn_rules_load_string(r, "a.rules", a, strlen(a), &err), 0);
    CHECK_INT(mn_rules_self_check(r, &err), 0);
    mn_rules_digest(r, d2);
    CHECK_STR(d2, d1);
    struct mn_match m;
    mn_match_init(&m);
    const struct mn_rule *rule = mn_rules_find(r, "section", "x");
    CHECK(rule != NULL);
    for (int i = 0; rule && i < 40; i++) /* past the JIT threshold: a copy with its tables */
        CHECK_INT(mn_rule_match(rule, "aXy", 3, &m), 1);
    char *v = mn_match_dup(&m, "v");
    CHECK_STR(v, "Xy");
    free(v);
    CHECK(mn_rules_match_kind(r, "section", "bilå", strlen("bilå"), &m) != NULL);
    CHECK(mn_rules_match_kind(r, "section", "A", 1, &m) == NULL);
    mn_match_release(&m);
    /* a further text is not in the cache: everything is checked, the cached part too */
    CHECK_INT(mn_rules_load_string(r, "b.rules", broken, strlen(broken), &err), 0);
    CHECK_INT(mn_rules_self_check(r, &err), -1);
    mn_rules_free(r);

    r = mn_rules_new(); /* another text first: compiled, and its example checked */
    CHECK(mn_rules_use_cache(r, path));
    CHECK_INT(mn_rules_load_string(r, "a.rules", broken, strlen(broken), &err), 0);
    CHECK_INT(mn_rules_self_check(r, &err), -1);
    mn_rules_free(r);

    r = mn_rules_new();
    CHECK(!mn_rules_use_cache(r, junk)); /* missing */
    FILE *f = fopen(junk, "w");
    CHECK(f != NULL);
    if (f) {
        fputs("minutes rules cache 1\npcre2 0.0 1970-01-01\n1 2 3\nxx", f);
        fclose(f);
    }
    CHECK(!mn_rules_use_cache(r, junk)); /* another pcre2 */
    CHECK_INT(mn_rules_load_string(r, "a.rules", a, strlen(a), &err), 0);
    CHECK_INT(mn_rules_self_check(r, &err), 0);
    mn_rules_free(r);
    unlink(junk);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    RUN(test_ucp_letters);
    RUN(test_fragments_and_order);
    RUN(test_override_in_later_file);
    RUN(test_errors_name_line);
    RUN(test_nfd_pattern_matches_nfc_text);
    RUN(test_shipped_rules_load);
    RUN(test_cache);
    return DONE();
}
