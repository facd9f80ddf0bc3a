/* segment/history.c: earlier decisions of a case become "other" sections (see history.h). */
#include "segment/history.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fields.h"
#include "util.h"

enum { MAX_DECISIONS = 64 };

int mn_history_demote(const struct mn_rules *rules, const char *meeting_date, struct mn_item *it)
{
    size_t idx[MAX_DECISIONS];
    char dates[MAX_DECISIONS][11];
    size_t n = 0, ndated = 0, nundated = 0;
    for (size_t k = 0; k < it->nsections && n < MAX_DECISIONS; k++) {
        const struct mn_section *sec = &it->sections[k];
        if (strcmp(sec->kind, "decision") != 0 || !sec->heading)
            continue;
        idx[n] = k;
        if (mn_fields_date(rules, sec->heading, dates[n]))
            ndated++;
        else
            dates[n][0] = '\0', nundated++;
        n++;
    }
    if (ndated == 0)
        return 0;
    /* which of them is this meeting's: with the meeting's date known, a decision dated
     * before it is the case's history, even the only one (an agenda quotes the committee that
     * treated the case first); without it, of several, the undated ones, or else the latest */
    const char *keep = NULL; /* a date, or "" for the undated ones */
    if (!meeting_date) {
        if (n < 2)
            return 0;
        if (nundated > 0) {
            keep = "";
        } else {
            keep = dates[0];
            for (size_t j = 1; j < n; j++)
                if (strcmp(dates[j], keep) > 0) /* ISO dates sort as strings */
                    keep = dates[j];
        }
    }
    int turned = 0;
    for (size_t j = 0; j < n; j++) {
        bool history = meeting_date ? dates[j][0] && strcmp(dates[j], meeting_date) < 0
                                    : strcmp(dates[j], keep) != 0;
        if (!history)
            continue;
        struct mn_section *sec = &it->sections[idx[j]];
        free(sec->kind);
        sec->kind = xstrdup("other");
        turned++;
    }
    return turned;
}
