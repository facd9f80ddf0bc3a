/* segment/headings.h: which lines head the agenda items. Candidates are the lines the [item]
 * rules take; the headings are the chain of candidates whose numbers go up that scores best
 * (a step of one counting most, a list entry or a numbered sentence less), after a table of
 * contents that repeats the headings has been dropped. */
#ifndef MN_SEGMENT_HEADINGS_H
#define MN_SEGMENT_HEADINGS_H

#include <stddef.h>

struct mn_lines;
struct mn_rules;

/* One item heading. */
struct mn_heading {
    size_t line;        /* the heading's (last) line: the item's text starts after it */
    size_t number_line; /* where the number stands (same as line, but for "1." / "Title") */
    char *number;       /* owned: "3", "1.2" */
    char *title;        /* owned: the title as far as the heading's line goes */
};

/* Finds the item headings of 'l' ('wide': the column width in code points, 0 when unknown).
 * Sets *out to a new array the caller frees (with each heading's number and title, or hands
 * them on), NULL when there are none; returns their count. Never fails. */
size_t mn_headings_find(const struct mn_rules *rules, const struct mn_lines *l, size_t wide,
                        struct mn_heading **out);

/* The first part of an item number as a number: 12 for "12", "12.3". */
long mn_headings_first_part(const char *number);

#endif
