/* segment/kind.h: what kind of document this is, from the evidence segmentation found.
 *
 * A meeting document says so somewhere: a title line (Dagsorden, Referat, "Generalforsamling
 * ..."), labelled meeting fields (Sted, Deltagere, Afbud, a start time), items that carry a
 * Sagsfremstilling, recommendation, Bilag or decision label, decisions, or an item title only meetings have
 * ("Eventuelt"). A document with none of these (a letter,
 * a note, a report with numbered chapters, an accounts table) is no meeting document: kind
 * "unknown" with the warning "not_minutes", whatever numbered headings it has. Among meeting
 * documents, a recorded decision makes minutes; without one the title decides, and items
 * without a title make an agenda. */
#ifndef MN_SEGMENT_KIND_H
#define MN_SEGMENT_KIND_H

#include <stdbool.h>
#include <stddef.h>

struct mn_kind_evidence {
    const char *title_kind; /* the title's [kind] rule: "agenda", "minutes", "meeting"; or NULL */
    bool meeting_fields;    /* labelled place, people or time of day in the header */
    bool labelled_items;    /* an item has a presentation, recommendation, attachments or decision label */
    bool any_decision;      /* an item has a decision */
    bool standard_titles;   /* an item title only meetings have ("Eventuelt", [standard]) */
    size_t nitems;
};

/* Returns "minutes", "agenda" or "unknown" (static strings) and sets *why to a static phrase
 * naming the evidence that decided, and *is_meeting to whether anything says meeting at all.
 * Never fails. */
const char *mn_kind_decide(const struct mn_kind_evidence *e, const char **why, bool *is_meeting);

#endif
