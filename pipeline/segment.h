/* segment.h: lines → header fields, items, sections, recommendation, attachments, decision.
 *
 * Reads doc->lines (cleaned and dehyphenated) and fills doc->kind, case/document numbers,
 * doc->meeting and doc->items, driven by ctx->rules. Text it cannot place (lines before the
 * first item that are no header field) goes to an "unplaced_text" warning, never nowhere. */
#ifndef MN_SEGMENT_H
#define MN_SEGMENT_H

#include "util.h"

struct mn_ctx;
struct mn_doc;
struct mn_error;

/* Stage entry. Returns 0, or -1 with err set. */
int mn_segment_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err) MN_WUR;

#endif
