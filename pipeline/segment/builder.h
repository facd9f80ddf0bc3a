/* segment/builder.h: the text of an item's sections, line by line. Lines join into
 * paragraphs (a blank line, a short line before a new sentence, or a sentence ended where the
 * next word would have fitted ends one) and list entries (a wrapped entry goes on until a new
 * sentence starts); table rows (lines with a tab) keep their breaks. Beside the section's own
 * text and entries it keeps the flat text (paragraphs and entries in document order, for the
 * decision) and the order of the blocks ('P' a paragraph, 'B' an entry: resolve.h). */
#ifndef MN_SEGMENT_BUILDER_H
#define MN_SEGMENT_BUILDER_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "doc.h"

struct mn_match;
struct mn_rules;

struct seg_builder {
    const struct mn_rules *rules;
    size_t wide; /* a line this long (code points) or longer was wrapped, not ended */
    /* what the page says of the next line's first word at the end of the line before it,
     * set by the caller before each line: 0 unknown, 1 it would have fitted, 2 it would not
     * (then the line was wrapped, whatever the estimate from 'wide' says) */
    int next_fits;
    size_t last_len;
    bool last_colon; /* the last line ended in ':' */
    bool last_leads; /* the last line leads into a list: ':', ',' or "at" at its end */
    bool glyphless;  /* the open list's entries came without a glyph ("1. ...", "at ...") */
    struct mn_section sec;
    struct mn_buf text; /* paragraphs, "\n\n" between */
    struct mn_buf flat; /* paragraphs and bullets in order, for the decision */
    struct mn_buf order; /* 'P' a paragraph, 'B' a bullet, in document order (resolve.h) */
    bool para_open;
    bool bullet_open;
    bool active;
    size_t slot; /* index of the section in the item */
};

/* What the item's builder keeps of each section beside the section itself, by slot. */
struct seg_section_texts {
    struct mn_strings flat;  /* paragraphs and bullets in order, for the decision */
    struct mn_strings order; /* the blocks' order string (resolve.h) */
};

/* Starts a section of 'kind' ('heading' as printed, or NULL) in item 'it' and reserves its
 * slot, so that a section suspended while an inserted one runs still lands in document order.
 * b->rules and b->wide are kept; the rest of *b is reset. */
void seg_builder_start(struct seg_builder *b, struct mn_item *it, struct seg_section_texts *tx,
                       const char *kind, const char *heading);
/* Adds a line of text: it goes on with the open paragraph or entry, or starts a paragraph. */
void seg_builder_line(struct seg_builder *b, const char *s);
/* Adds a list entry's text (its glyph already cut). */
void seg_builder_entry(struct seg_builder *b, const char *s);
/* A blank line: the open paragraph and entry end. */
void seg_builder_blank(struct seg_builder *b);
/* A list entry without a glyph ([point] rules: "1. dagsordenen godkendes", "at planen
 * godkendes") where a list can be: after a line that leads into one, after another such
 * entry, or anywhere in a Bilag section; never in a decision (its "4. anbefales" answers the
 * recommendation's point 4). Returns the entry's text (borrowed from 's') or NULL. */
const char *seg_builder_glyphless_entry(const struct seg_builder *b, const char *s,
                                        struct mn_match *m);
/* Closes the section into its slot and keeps its flat text and order in 'tx'; nothing when
 * no section is open. */
void seg_builder_finish(struct seg_builder *b, struct mn_item *it, struct seg_section_texts *tx);

#endif
