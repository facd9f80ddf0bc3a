/* clean.h: drops page furniture and rewrites extraction markup, so that segment sees text.
 *
 * Works on doc->lines in place: extraction markup (<b>, **, ## , [x](y), | table | rows),
 * white space folded (a run holding a tab becomes one tab), bullet glyphs rewritten to
 * "• ", running headers and footers repeated across pages, noise lines (Side N af M,
 * Punkt N), the table of contents (its item-to-group map is kept in doc->toc_*), and
 * letterhead lines before the header block. */
#ifndef MN_CLEAN_H
#define MN_CLEAN_H

#include "util.h"

struct mn_ctx;
struct mn_doc;
struct mn_error;
struct mn_rules;
struct mn_lines;
struct mn_buf;

/* Stage entry. Returns 0, or -1 with err set. */
int mn_clean_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err) MN_WUR;

/* Rewrites one line: markup removed, white space folded, bullet normalised. 'out' is reset
 * first. Never fails. */
void mn_clean_line(const struct mn_rules *rules, const char *line, struct mn_buf *out);

#endif
