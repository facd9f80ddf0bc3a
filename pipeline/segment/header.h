/* segment/header.h: the meeting's header block, the lines before the first item.
 *
 * Labelled fields first ([header] rules in rules/20-header.rules: "Tid:", "Mødested<tab>",
 * a bold "Medlemmer" above one name a line, two names a line in two columns); the title line
 * ([kind]: "Referat", "Dagsorden for Byrådet", "REFERAT Økonomiudvalget d. 03-03-2021",
 * "Generalforsamling X den ... på Y"), Sagsnr./Dok.nr. A block without labels is read by
 * what each line is: a body's name ([body]), a date line with or without its weekday, a time
 * line ("Kl. 14:00"), then the place over the lines that follow (building, "i Mødecenter C",
 * street and number, postcode and town). A labelled value wins over one read by position.
 * Lines that are none of these are kept in an "unplaced_text" warning. */
#ifndef MN_SEGMENT_HEADER_H
#define MN_SEGMENT_HEADER_H

#include <stddef.h>

struct mn_doc;
struct mn_kind_evidence;
struct mn_match;
struct mn_rules;

/* Reads lines [0, to) of doc->lines into doc->meeting, doc->kind and the case numbers; sets
 * *group (owned by the caller, replaced) when a line names the items' group; fills the title
 * and meeting-field evidence of 'ev'. 'wide' is the text column's width in characters (0:
 * unknown), 'm' scratch match data. Never fails: what cannot be read is warned about. */
void mn_header_read(const struct mn_rules *rules, struct mn_doc *doc, size_t to, size_t wide,
                    char **group, struct mn_kind_evidence *ev, struct mn_match *m);

#endif
