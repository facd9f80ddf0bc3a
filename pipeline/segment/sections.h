/* segment/sections.h: an item's text as sections. A [section] label starts a section of its
 * kind ("Indstilling", "Beslutning i Byrådet den ...", "Bilag"), its heading kept; text before
 * any label is a "text" section. A short bold line the lexicon does not know ends a section
 * that records something and starts an "other" one; an unlabelled intro ("Direktionen
 * indstiller," and its points) starts a recommendation; an attachment list inside a section's
 * list is inserted, and the section goes on after it. From the sections come the item's
 * recommendation (intro and points), attachments and decision; earlier decisions are history
 * (history.h), and in minutes without labels the paragraphs that record a resolution are the
 * decision (resolve.h). */
#ifndef MN_SEGMENT_SECTIONS_H
#define MN_SEGMENT_SECTIONS_H

#include <stdbool.h>
#include <stddef.h>

struct mn_doc;
struct mn_item;
struct mn_layout;
struct mn_lines;
struct mn_match;
struct mn_rules;

/* Builds the sections of item 'it' from 'lead' (a paragraph that belongs to the item but
 * stands elsewhere: a case number above the heading, content on the heading's own line; or
 * NULL) and lines [from, to) of doc->lines ('wide':
 * the column width in code points, 0 when unknown; 'lay': the page geometry of doc->lines,
 * which tells a line the author ended from one the typesetter wrapped; 'unlabelled': the document's items carry
 * no section labels). A [group] line ("Sager til beslutning") sets *group, which the caller
 * owns. Never fails. */
void mn_sections_build(const struct mn_rules *rules, struct mn_doc *doc, struct mn_item *it,
                       const char *lead, size_t from, size_t to, size_t wide,
                       const struct mn_layout *lay, bool unlabelled, char **group,
                       struct mn_match *m);

/* A line the [section] rules take for a label, but which is a sentence wrapped onto the next
 * line (long, no colon, the next goes on in lower case), or the lower-case end of the
 * sentence above it. */
bool mn_sections_label_is_prose(const struct mn_lines *l, size_t i, size_t to);

#endif
