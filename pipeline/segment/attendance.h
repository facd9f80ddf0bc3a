/* segment/attendance.h: who attended, where the minutes print it after the last item.
 *
 * Some minutes put the attendance at the end rather than in a header: a web meeting page's
 * "Medlemmer" list under the items ("• Lars Gaardhøj: Deltog", "• Sofie Olsen: Afbud
 * (Stedfortræder X)"), an association's closing "Deltagere: A, B og C. Der var afbud fra D."
 * mn_attendance_start finds where such a block starts (so that it ends the last item), and
 * mn_attendance_read fills the meeting's participants and absentees from it. */
#ifndef MN_SEGMENT_ATTENDANCE_H
#define MN_SEGMENT_ATTENDANCE_H

#include <stddef.h>

struct mn_doc;
struct mn_lines;
struct mn_match;
struct mn_rules;

/* The first line in [from, to) that starts an attendance block: a [header] participants,
 * members or absent label at the start of a paragraph, with its people on the same line or
 * on person-like lines under it (two at least). 'to' when there is none. */
size_t mn_attendance_start(const struct mn_rules *rules, const struct mn_lines *l, size_t from,
                           size_t to, struct mn_match *m);

/* Reads the block that starts at 'from' in doc->lines (up to 'to') into doc->meeting's
 * participants and absent, appending: labels, people one a line or listed after a label,
 * "Name: Deltog" present, "Name: Afbud (remark)" absent with the remark as note, "Der var
 * afbud fra X" absent. Stops at the first line it cannot read so and returns its index ('to'
 * when it read all): the caller keeps the rest as unplaced text. When the header already
 * named participants the block is still consumed, its people not added twice. Never fails. */
size_t mn_attendance_read(const struct mn_rules *rules, struct mn_doc *doc, size_t from, size_t to,
                        struct mn_match *m);

#endif
