/* fuzz_fields.c: Danish dates, times and participant lists on arbitrary text (made valid
 * UTF-8 first, as every stage after extract may assume). Invariants: a date found is a real
 * calendar date written YYYY-MM-DD; times are HH:MM with HH < 24 and MM < 60; every person
 * parsed has a valid UTF-8 name. */
#include "fields.h"
#include "fuzz.h"

static bool is_hhmm(const char *t)
{
    if (t[0] == '\0')
        return true;
    if (strlen(t) != 5 || t[2] != ':')
        return false;
    for (int i = 0; i < 5; i++)
        if (i != 2 && !(t[i] >= '0' && t[i] <= '9'))
            return false;
    return (t[0] - '0') * 10 + (t[1] - '0') < 24 && t[3] < '6';
}

static void check_utf8_or_null(const char *s)
{
    if (s)
        FUZZ_ASSERT(mn_utf8_is_valid(s, strlen(s)));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mn_ctx *ctx = fuzz_ctx(true);
    char *s = mn_utf8_clean((const char *)data, size, NULL);
    char iso[11] = "", start[6] = "x", end[6] = "x";

    if (mn_fields_date(ctx->rules, s, iso)) {
        FUZZ_ASSERT(strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-');
        int month = (iso[5] - '0') * 10 + (iso[6] - '0'), day = (iso[8] - '0') * 10 + (iso[9] - '0');
        FUZZ_ASSERT(month >= 1 && month <= 12 && day >= 1 && day <= 31);
    }
    bool has_time = mn_fields_time(ctx->rules, s, start, end);
    FUZZ_ASSERT(is_hhmm(start) && is_hhmm(end));
    FUZZ_ASSERT(has_time == (start[0] != '\0'));

    struct mn_people people = {0};
    mn_fields_people(ctx->rules, s, &people);
    for (size_t i = 0; i < people.n; i++) {
        FUZZ_ASSERT(people.v[i].name != NULL);
        check_utf8_or_null(people.v[i].name);
        check_utf8_or_null(people.v[i].affiliation);
        check_utf8_or_null(people.v[i].role);
        check_utf8_or_null(people.v[i].note);
    }
    mn_people_release(&people);
    free(s);
    return 0;
}
