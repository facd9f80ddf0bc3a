/* test_words.c: the mapped word list (pipeline/words.h) never contradicts hunspell.
 *
 * Every letter word of the five seeds, its lowercase and capitalised forms, and fragments of it
 * (the first half, all but the last three letters: what a line-end hyphen leaves) are asked of
 * both; wherever the list gives an answer (yes or no) it must be hunspell's. Also counts how
 * often the list answers, and checks the list refuses a dictionary it was not built from.
 * MN_WORDS_FULL=1 asks every prefix of every word instead (slow: hunspell's compound search). */
#include "t.h"

#include <glib.h>
#include <hunspell.h>
#include <stdlib.h>
#include <unistd.h>

#include "dehyphen.h"
#include "err.h"
#include "words.h"

#define AFF "/usr/share/hunspell/da_DK.aff"
#define DIC "/usr/share/hunspell/da_DK.dic"
#define WORDS "build/da_DK.words"

static struct mn_words *w;
static Hunhandle *h;
static GHashTable *seen;
static int nasked, nanswered, nwrong;

static bool h_simple(const char *s)
{
    if (!Hunspell_spell(h, s))
        return false; /* as mn_dict_has_simple: analyze() alone also analyses rejected words */
    char **list = NULL;
    int n = Hunspell_analyze(h, &list, s);
    bool ok = false;
    for (int i = 0; i < n && !ok; i++)
        ok = list[i] && !strstr(list[i], "pa:");
    Hunspell_free_list(h, &list, n);
    return ok;
}

static void ask(const char *s)
{
    if (!*s || g_hash_table_contains(seen, s))
        return;
    g_hash_table_add(seen, g_strdup(s));
    enum mn_words_answer a = mn_words_has(w, s), b = mn_words_has_simple(w, s),
                         c = mn_words_is_proper_noun(w, s);
    nasked++;
    nanswered += a != MN_WORDS_UNKNOWN;
    if (a != MN_WORDS_UNKNOWN && (a == MN_WORDS_YES) != (Hunspell_spell(h, s) != 0)) {
        fprintf(stderr, "has '%s': list %d, hunspell differs\n", s, (int)a);
        nwrong++;
    }
    if (b != MN_WORDS_UNKNOWN && (b == MN_WORDS_YES) != h_simple(s)) {
        fprintf(stderr, "has_simple '%s': list %d, hunspell differs\n", s, (int)b);
        nwrong++;
    }
    if (c != MN_WORDS_UNKNOWN) {
        char *low = g_utf8_strdown(s, -1);
        bool pn = Hunspell_spell(h, s) && !Hunspell_spell(h, low);
        if ((c == MN_WORDS_YES) != pn) {
            fprintf(stderr, "is_proper_noun '%s': list %d, hunspell differs\n", s, (int)c);
            nwrong++;
        }
        g_free(low);
    }
}

static void ask_prefix(const char *word, glong nchars)
{
    char *p = g_utf8_substring(word, 0, nchars);
    ask(p);
    g_free(p);
}

static void ask_word(const char *word, bool full)
{
    glong n = g_utf8_strlen(word, -1);
    char *low = g_utf8_strdown(word, -1);
    char *cap = g_strdup(low);
    gunichar c0 = g_utf8_get_char(low);
    if (!g_unichar_isupper(c0) && c0 < 0x80)
        cap[0] = (char)g_unichar_toupper(c0);
    ask(word);
    ask(low);
    ask(cap);
    if (full) {
        for (glong k = 2; k < n; k++)
            ask_prefix(low, k);
    } else if (n >= 6) {
        ask_prefix(low, n / 2);
        ask_prefix(low, n - 3);
        ask_prefix(cap, n / 2);
    }
    g_free(low);
    g_free(cap);
}

static void test_agrees_with_hunspell(void)
{
    bool full = getenv("MN_WORDS_FULL") != NULL;
    GDir *dir = g_dir_open("../shared/seeds", 0, NULL);
    if (!dir) {
        printf("# ../shared/seeds missing: skipped\n");
        return;
    }
    const char *name;
    while ((name = g_dir_read_name(dir))) {
        if (!g_str_has_suffix(name, ".txt"))
            continue;
        char *path = g_build_filename("../shared/seeds", name, NULL), *text = NULL;
        if (g_file_get_contents(path, &text, NULL, NULL) && g_utf8_validate(text, -1, NULL)) {
            GString *word = g_string_new(NULL);
            for (const char *p = text;; p = g_utf8_next_char(p)) {
                gunichar c = g_utf8_get_char(p);
                if (c && g_unichar_isalpha(c)) {
                    g_string_append_unichar(word, c);
                    continue;
                }
                if (word->len >= 2)
                    ask_word(word->str, full);
                g_string_truncate(word, 0);
                if (!c)
                    break;
            }
            g_string_free(word, TRUE);
        }
        g_free(text);
        g_free(path);
    }
    g_dir_close(dir);
    printf("# %d words asked, the list answered %d (%.0f%%), %d against hunspell\n", nasked,
           nanswered, nasked ? 100.0 * nanswered / nasked : 0.0, nwrong);
    CHECK(nasked > 1000);
    CHECK_INT(nwrong, 0);
    CHECK(nanswered * 10 > nasked * 8); /* the list settles most questions */
}

static void test_known_answers(void)
{
    CHECK_INT(mn_words_has(w, "kommune"), MN_WORDS_YES);
    CHECK_INT(mn_words_has(w, "Kommune"), MN_WORDS_YES);
    CHECK_INT(mn_words_has(w, "KOMMUNE"), MN_WORDS_YES);
    CHECK_INT(mn_words_has(w, "Aalborg"), MN_WORDS_YES);
    CHECK_INT(mn_words_has(w, "AALBORG"), MN_WORDS_YES);
    CHECK_INT(mn_words_has(w, "takstana"), MN_WORDS_NO);
    CHECK_INT(mn_words_has(w, "kommu"), MN_WORDS_NO);
    /* a compound: only hunspell knows */
    CHECK_INT(mn_words_has(w, "takstanalyse"), MN_WORDS_UNKNOWN);
    CHECK_INT(mn_words_has(w, "Bilag-1"), MN_WORDS_UNKNOWN);
    CHECK_INT(mn_words_has_simple(w, "Frederikshavn"), MN_WORDS_YES);
    CHECK_INT(mn_words_is_proper_noun(w, "Aalborg"), MN_WORDS_YES);
    CHECK_INT(mn_words_is_proper_noun(w, "Kommune"), MN_WORDS_NO);
    CHECK_INT(mn_words_is_proper_noun(w, "Statsforvalt"), MN_WORDS_NO);
    CHECK_INT(mn_words_has(NULL, "kommune"), MN_WORDS_UNKNOWN);
}

static void test_refuses_other_dictionary(void)
{
    CHECK(mn_words_open(WORDS, AFF, "/usr/share/hunspell/en_US.dic") == NULL);
    CHECK(mn_words_open("/nonexistent", AFF, DIC) == NULL);
    CHECK(mn_words_open(AFF, AFF, DIC) == NULL); /* not a list */
    mn_words_free(NULL);
}

static void test_dict_uses_list(void)
{
    struct mn_error err = {0};
    struct mn_dict *d = NULL;
    unsigned long nq, nl;
    bool loaded;
    CHECK_INT(mn_dict_open(NULL, &d, &err), 0);
    CHECK(mn_dict_use_words(d, WORDS));
    CHECK(mn_dict_has(d, "beskæftigelse"));
    CHECK(!mn_dict_has(d, "takstana"));
    CHECK(mn_dict_has_simple(d, "Frederikshavn"));
    mn_dict_stats(d, &nq, &nl, &loaded);
    CHECK_INT(nq, 3);
    CHECK_INT(nl, 3);
    CHECK(!loaded); /* hunspell not read */
    CHECK(mn_dict_has(d, "takstanalyse") == (Hunspell_spell(h, "takstanalyse") != 0));
    mn_dict_stats(d, &nq, &nl, &loaded);
    CHECK(loaded); /* a compound: hunspell was asked */
    CHECK_INT(mn_dict_load(d, &err), 0);
    mn_dict_free(d);
}

int main(void)
{
    if (access(AFF, R_OK) != 0 || access(WORDS, R_OK) != 0) {
        printf("# no da_DK dictionary or no %s (make): skipped\n", WORDS);
        return DONE();
    }
    w = mn_words_open(WORDS, AFF, DIC);
    h = Hunspell_create(AFF, DIC);
    seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    CHECK(w != NULL);
    if (w) {
        RUN(test_known_answers);
        RUN(test_refuses_other_dictionary);
        RUN(test_dict_uses_list);
        RUN(test_agrees_with_hunspell);
    }
    g_hash_table_destroy(seen);
    mn_words_free(w);
    Hunspell_destroy(h);
    return DONE();
}
