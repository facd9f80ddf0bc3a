/* layout.h: what a line's typography and place say, for segmentation and for people.
 *
 * extract.c gives every text-layer line its place on the page (x, x2, y, size) and whether it
 * is set in bold or italic (struct mn_line in doc.h); OCR lines have places but no faces, and
 * plain-text lines have neither. This module reads those fields; it never changes a line. */
#ifndef MN_LAYOUT_H
#define MN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

struct mn_buf;
struct mn_line;

/* Appends one line of 'minutes text --layout' for 'line' (borrowed) to 'out', ending in '\n':
 * page, x, x2, y and size with one decimal ("-" when unknown), a mark of two characters ('B'
 * bold, 'I' italic, '-' for neither), then the text. MN_LAYOUT_HEADER names the columns.
 * Never fails. */
#define MN_LAYOUT_HEADER "# page      x     x2      y   size BI text\n"
void mn_layout_format_line(const struct mn_line *line, struct mn_buf *out);

#endif
