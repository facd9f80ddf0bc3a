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

/* Structural repairs of OCR text (issue 14), before segmentation, on the lines whose page is
 * in 'pages' (sorted ascending, 'npages'):
 *   - an item heading's number as OCR mangles it: "2, Godkendelse", "3: Orientering",
 *     "1 . Godkendelse", "7.Evt.", "1.. Godkendelse", "l. Godkendelse", "Punkt I" become
 *     "N. Title" ("Punkt N"), but only when N is the next number of the sequence (or 1);
 *   - a section label (after the first item) or a header label (before it) with one letter
 *     misread, dropped or a diacritic lost ("Beslutnlng", "lndstilling", "Mode"), when the
 *     corrected line, and not the line as read, matches a [section] / [header] rule of
 *     'rules' (the rules are the list of labels);
 *   - specks read as a dot: inside a word pair ("sin.sidste"), after a known word before a
 *     lowercase one ("være. deltagelse"), inside a name in the header ("Lone. Becker");
 *   - a table rule read as a lone "|"; a bullet read as a run of marks ("»…");
 *   - with tesseract's evidence, 'alts' ('nalts', may be NULL; see struct mn_ocr_alt): a
 *     line's first word whose symbols tesseract also weighed as the next item number and a
 *     mark that ends it ("Sy" as "g)" → "9."), and a label word with one or two symbols
 *     replaced by their candidates when the rules then take it; logged with "(tesseract's
 *     alternatives)". The lines must be as extract left them (alts name a line by its
 *     index among its page's lines).
 * 'dict' may be NULL (then the dot repairs that need a word list are skipped). Each repair
 * is counted; 'log' (may be NULL) receives the first few as "what 'old' → 'new'" separated
 * by "; ". Returns the number of repairs. Never fails. */
struct mn_rules;
struct mn_buf;
struct mn_ocr_alt;
size_t mn_ocrfix_structure(struct mn_lines *lines, const int *pages, size_t npages,
                           const struct mn_rules *rules, const struct mn_dict *dict,
                           const struct mn_ocr_alt *alts, size_t nalts, struct mn_buf *log);

/* Stage entry. Returns 0 (never fails). */
int mn_ocrfix_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err) MN_WUR;

/* The pure helper: corrects words on the lines whose page is in 'pages' (sorted ascending,
 * 'npages' of them), against the vocabulary of all of 'lines'. 'dict' may be NULL (then only
 * the document's vocabulary decides, more strictly). Returns the number of corrections. */
size_t mn_ocrfix_lines(struct mn_lines *lines, const int *pages, size_t npages,
                       const struct mn_dict *dict);

/* The share of the words of 'lines' (tokens of two letters or more, marks around them
 * stripped; letters mixed with digits or marks count as misses) that 'dict' knows, as given or
 * in lower case: how readable a text layer is. *nwords (may be NULL) receives how many were
 * counted. 0 with no words or no 'dict'. Never fails. */
double mn_ocrfix_dict_rate(const struct mn_lines *lines, const struct mn_dict *dict,
                           int *nwords);

#endif
