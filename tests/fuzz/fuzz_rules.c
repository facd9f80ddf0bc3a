/* fuzz_rules.c: arbitrary rule-file text → the loader accepts it or refuses it cleanly
 * (MN_E_RULES with a message); a loaded set also runs its self-check and matches a line. */
#include <string.h>

#include "fuzz.h"
#include "rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mn_rules *r = mn_rules_new();
    struct mn_error err = {0};
    if (mn_rules_load_string(r, "fuzz.rules", (const char *)data, size, &err) < 0) {
        FUZZ_ASSERT(err.code == MN_E_RULES);
        FUZZ_ASSERT(err.msg[0] != '\0');
        FUZZ_ASSERT(strncmp(err.msg, "fuzz.rules", 10) == 0);
    } else if (mn_rules_self_check(r, &err) < 0) {
        FUZZ_ASSERT(err.code == MN_E_RULES);
    }
    /* whatever loaded, matching a line must be safe */
    static const char *const kinds[] = {"section", "item", "header", "noise", "markup", "date"};
    static const char line[] = "1. Beslutning: Godkendt den 3. maj 2024 kl. 17.00";
    struct mn_match m;
    mn_match_init(&m);
    for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
        if (mn_rules_match_kind(r, kinds[k], line, sizeof line - 1, &m)) {
            size_t s, e;
            mn_match_span(&m, &s, &e);
            FUZZ_ASSERT(s <= e && e <= sizeof line - 1);
        }
    mn_match_release(&m);
    mn_rules_free(r);
    return 0;
}
