/* ocrfix.h: corrects OCR misreadings from the document's own vocabulary.
 *
 * On pages read by OCR, a word that the Danish word list does not know, and that is one or
 * two letters away from a word the document itself uses often ("indstillse" and
 * "indstilles", "biev" and "blev", "Nordyylland" and "Nordjylland"), is taken to be that word.
 * Runs only when the document has OCR pages. */
#ifndef MN_OCRFIX_H
#define MN_OCRFIX_H

#include "util.h"

struct mn_ctx;
struct mn_doc;
struct mn_error;
struct mn_dict;
struct mn_lines;

/* Stage entry. Returns 0 (never fails). */
int mn_ocrfix_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err) MN_WUR;

/* The pure helper: corrects words on the lines whose page is in 'pages' (sorted ascending,
 * 'npages' of them), against the vocabulary of all of 'lines'. 'dict' may be NULL (then only
 * the document's vocabulary decides, more strictly). Returns the number of corrections. */
size_t mn_ocrfix_lines(struct mn_lines *lines, const int *pages, size_t npages,
                       const struct mn_dict *dict);

#endif
