/* segment/history.h: an item's decision history. An item may carry the case's earlier
 * decisions beside this meeting's ("Beslutning i Økonomiudvalget den 4. februar 2015" above
 * "Beslutning i Byrådet den 24. februar 2015"). Only the decision of this meeting is the
 * item's decision. When the meeting's date is known, a decision whose heading is dated before
 * it is history, even when it is the item's only one (an agenda quotes the committee that
 * treated the case first). Without the meeting's date, of several decisions the undated ones
 * are this meeting's, or failing those the latest. The others become "other" sections, their
 * headings kept. */
#ifndef MN_SEGMENT_HISTORY_H
#define MN_SEGMENT_HISTORY_H

struct mn_rules;
struct mn_item;

/* Turns the decision sections of 'it' that record an earlier meeting into "other" sections.
 * 'meeting_date' is the meeting's ISO date or NULL. Returns the number of sections turned.
 * Never fails. */
int mn_history_demote(const struct mn_rules *rules, const char *meeting_date, struct mn_item *it);

#endif
