/* segment/kind.c: the document's kind from the evidence (see kind.h). */
#include "segment/kind.h"

#include <string.h>

static bool is(const char *a, const char *b)
{
    return a && strcmp(a, b) == 0;
}

const char *mn_kind_decide(const struct mn_kind_evidence *e, const char **why, bool *is_meeting)
{
    *is_meeting = e->title_kind || e->meeting_fields || e->labelled_items || e->any_decision ||
                  e->standard_titles;
    if (!*is_meeting) {
        *why = "no title, no meeting fields, no recommendation, decision or standard agenda item: not a meeting document";
        return "unknown";
    }
    if (e->any_decision) {
        *why = "a decision is recorded";
        return "minutes";
    }
    if (is(e->title_kind, "agenda")) {
        *why = "the title says agenda and nothing is decided";
        return "agenda";
    }
    if (is(e->title_kind, "minutes")) {
        /* a document titled Referat whose decisions were not found is still minutes */
        *why = "the title says minutes";
        return "minutes";
    }
    if (e->nitems > 0) {
        *why = "items and nothing decided";
        return "agenda";
    }
    *why = "a meeting header without items";
    return "unknown";
}
