/* segment/resolve.h: minutes without section labels (associations', boards' and clubs'
 * minutes), where an item is a heading and a paragraph or two, and the decision is whatever
 * paragraph records a resolution of the meeting ("Som dirigent blev Ernst Mittag valgt.",
 * "Enstemmigt vedtaget.", "Kontingent fastsættes til 500,-").
 *
 * The builder (segment.c) leaves such an item's content in one "text" section, and a block
 * order string beside it: 'P' for each paragraph of the section's text ("\n\n"-separated),
 * 'B' for each of its bullets, in document order. mn_resolve_item regroups the blocks: runs
 * of blocks that the [resolution] rules take become "decision" sections (heading null), the
 * rest stays "text", in document order; a block the rule named "nothing" takes ("-Ingen
 * forslag") is a resolution only when it is the item's only block. */
#ifndef MN_SEGMENT_RESOLVE_H
#define MN_SEGMENT_RESOLVE_H

#include <stdbool.h>

struct mn_rules;
struct mn_item;
struct mn_match;

/* Regroups it->sections (exactly one "text" section, whose blocks 'order' lists) and sets
 * it->decision to the decision blocks joined by "\n\n". Leaves the item untouched and returns
 * false when no block records a resolution, or when the item is not a single text section or
 * 'order' does not match its blocks. 'm' is scratch match data. Never fails. */
bool mn_resolve_item(const struct mn_rules *rules, struct mn_item *it, const char *order,
                     struct mn_match *m);

/* An item with no content whose heading itself records the resolution ("1. Per Sørensen blev
 * valgt som dirigent"): sets it->decision to the title and returns true; false (item
 * untouched) when the item has content, a decision already, or a title that records none.
 * Never fails. */
bool mn_resolve_title(const struct mn_rules *rules, struct mn_item *it, struct mn_match *m);

#endif
