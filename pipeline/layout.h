/* layout.h: what a line's typography and place say, for segmentation and for people.
 *
 * extract.c gives every text-layer line its place on the page (x, x2, y, size) and whether it
 * is set in bold or italic (struct mn_line in doc.h); OCR lines have places but no faces, and
 * plain-text lines have neither. This module reads those fields and never changes a line.
 *
 * How segmentation uses it: build a struct mn_layout once over doc->lines after dehyphen
 * (mn_layout_init), then ask per line: mn_layout_is_emphasised (a heading or section label
 * set off by bold or size, with or without a colon), mn_layout_indent (a continuation line
 * indented under its first line, a hanging item number), mn_layout_under_value (a wrapped
 * value of a header table: "Deltagere<TAB>A, B," then "C og D" at the value's x). Every
 * answer is "unknown" (false) for lines without layout, so plain text keeps today's rules. */
#ifndef MN_LAYOUT_H
#define MN_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

struct mn_buf;
struct mn_line;
struct mn_lines;

/* Appends one line of 'minutes text --layout' for 'line' (borrowed) to 'out', ending in '\n':
 * page, x, x2, y and size with one decimal ("-" when unknown), a mark of two characters ('B'
 * bold, 'I' italic, '-' for neither), then the text. MN_LAYOUT_HEADER names the columns.
 * Never fails. */
#define MN_LAYOUT_HEADER "# page      x     x2      y   size BI text\n"
void mn_layout_format_line(const struct mn_line *line, struct mn_buf *out);

struct mn_layout_page;

/* Appends the summary of one page for 'minutes text --layout' to 'out': a comment line
 * "# page 3: margin 62.5, body size 14.3, right edge 530.2, label column at 65.3 (4 lines),
 * values at 161.7"
 * ("values at ~150.2" when estimated). Never fails. */
void mn_layout_format_page(const struct mn_layout_page *p, struct mn_buf *out);

/* What one page's lines say about its body text. Distances are in the lines' unit (points
 * for the text layer, pixels for OCR). */
struct mn_layout_page {
    int page;         /* 1-based */
    double margin;    /* left edge of the body text: the x most lines start at; < 0 unknown */
    double body_size; /* line height of the body text (the most characters); <= 0 unknown */
    double right;     /* right edge of the body text: what its full lines reach; < 0 unknown */
    /* A label column: at least MN_LAYOUT_MIN_LABELS lines "label<TAB>value" whose labels
     * (at most MN_LAYOUT_MAX_LABEL characters) start at one x. */
    size_t nlabels;     /* its lines; 0 = the page has no label column */
    double label_left;  /* where its labels start; < 0 = no label column */
    double label_x;     /* where its values start; < 0 = no label column */
    bool label_x_exact; /* label_x measured on wrapped value lines, not estimated from widths */
};

enum {
    MN_LAYOUT_MIN_LABELS = 3, /* lines that make a label column */
    MN_LAYOUT_MAX_LABEL = 30, /* characters of a label */
};

struct mn_layout {
    const struct mn_lines *lines; /* borrowed: must outlive the layout, unchanged */
    struct mn_layout_page *pages; /* owned: one per page with lines, in line order */
    size_t npages;
    size_t *line_page;            /* owned: per line, its index in 'pages' */
    struct mn_layout_page doc;    /* the same over the whole document: the fallback for pages
                                     with too few lines (page = 0, no label column) */
};

/* Computes the layout of 'lines' (borrowed; kept in lay->lines) into 'lay'. The margin is the
 * densest cluster of line starts (within 1.5 units; the leftmost on a tie) of a page with at
 * least 3 placed lines, else the document's; the body size the line height carrying the
 * most characters on a page with at least 200 characters, else the document's. A label
 * column's value x is the shared x of lines that continue a label line (no tab, right of the
 * labels, right after a label line or another such line); without those it is estimated from
 * the label lines' right edges and their values' lengths at the page's mean character width.
 * O(n log n). Never fails. Release with mn_layout_release. */
void mn_layout_init(struct mn_layout *lay, const struct mn_lines *lines);
void mn_layout_release(struct mn_layout *lay);

/* The facts of line i's page (borrowed from lay), or NULL when i is out of range. */
const struct mn_layout_page *mn_layout_page_of(const struct mn_layout *lay, size_t i);

/* True when line i stands out from its page's body text: set in bold, or taller than the
 * body by more than 6% and half a unit. False for an empty line and when unknown. */
bool mn_layout_is_emphasised(const struct mn_layout *lay, size_t i);

/* Line i's indent: its x minus its page's margin (negative when it hangs out to the left),
 * in *indent. Returns false (and leaves *indent alone) when either is unknown. */
bool mn_layout_indent(const struct mn_layout *lay, size_t i, double *indent);

/* Whether the first word of line 'next' would have fitted at the end of line 'prev' (same
 * page): 1 when it would have (the break before it was the author's), 0 when it would not
 * (the typesetter's), -1 when unknown (no places, no right edge, another page). The word's
 * width is measured at line next's own mean character width, with one more for the space. */
int mn_layout_word_fits(const struct mn_layout *lay, size_t prev, size_t next);

/* True when line i is a wrapped value of its page's label column: no tab, and it starts at
 * the column's value x (within 2 units when measured, a body line height when estimated). */
bool mn_layout_under_value(const struct mn_layout *lay, size_t i);

#endif
