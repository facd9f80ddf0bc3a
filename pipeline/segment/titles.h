/* segment/titles.h: an item's title, complete. A heading's line may hold only the start of
 * its title: the title wraps onto the next line when that goes on in lower case, when the
 * heading cannot end where it does ([wrap] rules: "... på", "(tale/"), when the next line is
 * set in the heading's own larger type, or when it is the short tail of a heading that filled
 * its line. A mark in the title says whether the item is closed ("(Lukket)", [closed] rules)
 * or open ("(Åben)"); it is cut out of the title. */
#ifndef MN_SEGMENT_TITLES_H
#define MN_SEGMENT_TITLES_H

#include <stdbool.h>
#include <stddef.h>

struct mn_heading;
struct mn_item;
struct mn_lines;
struct mn_match;
struct mn_rules;

/* Completes the title of the item 'h' heads, whose text runs to line 'to' ('wide': column
 * width in code points, 0 unknown; 'body_size': mn_titles_body_size). Moves h->title into
 * it->title and clears it->is_public when a mark says the item is closed. An item that is
 * nothing but its heading line may carry its content there ("2. Godkendelse af dagsorden
 * Godkendt", "Punkt 1. Økonomi: Regnskabet er ved at blive færdiggjort.", "4. Fællesspisning
 * fredag 9 Nov. Vi mødes ..."): the title then ends where the content starts, and *rest
 * receives the content (a new string, the caller frees), else NULL. 'minutes': the document's
 * title says it is minutes (an agenda's one-line items are titles through and through). Returns the line where the item's text
 * starts, after the title's last line. Never fails. */
size_t mn_titles_complete(const struct mn_rules *rules, const struct mn_lines *l,
                          struct mn_heading *h, size_t to, size_t wide, double body_size,
                          bool minutes, struct mn_item *it, char **rest, struct mn_match *m);

/* The body text's type size: the median size of the lines, 0 when they carry none (plain
 * text). */
double mn_titles_body_size(const struct mn_lines *l);

#endif
