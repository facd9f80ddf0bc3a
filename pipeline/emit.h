/* emit.h: the record as JSON (jansson), in the spec's field order, UTF-8 (never \u escapes).
 *
 * Rendering happens in memory, so a failing document never leaves half a record behind. */
#ifndef MN_EMIT_H
#define MN_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* The record's schema_version (schema/record.schema.json; README.md says what a change of it
 * means to a consumer). */
enum { MN_SCHEMA_VERSION = 1 };

struct mn_doc;
struct mn_error;

/* Renders 'doc' as one JSON record followed by a newline. On success *out is malloc'd
 * (caller frees) and *len its length. Returns 0, or -1 with err set (MN_E_INTERNAL). */
int mn_emit_record(const struct mn_doc *doc, bool pretty, char **out, size_t *len,
                   struct mn_error *err) MN_WUR;

#endif
