/* dehyphen.h: repair of line-end hyphenation, the Danish way.
 *
 * A line that ends in a letter followed by a hyphen ('-', or the OCR shapes '–' '—' '¬') is
 * either a word broken by the typesetter ("Aal-" / "borg" → "Aalborg"), a hyphenated compound
 * broken after its hyphen ("NOPII-" / "samarbejdet" → "NOPII-samarbejdet") or a suspended
 * compound ("Ældre-" / "og Handicap" → "Ældre- og Handicap"). The stage decides which from the
 * document's own vocabulary, capitalisation and a Danish word list, and moves the continuation
 * word up to the end of the hyphenated line. See dehyphen.c for the heuristics and their
 * reasons.
 *
 * Threading: a struct mn_dict keeps a private lookup cache, so one dictionary must not be used
 * by two threads at once (one per worker, like the rest of struct mn_ctx). */
#ifndef MN_DEHYPHEN_H
#define MN_DEHYPHEN_H

#include <stdbool.h>

#include "util.h"

struct mn_ctx;
struct mn_doc;
struct mn_error;
struct mn_lines;

struct mn_dict; /* opaque: a hunspell word list plus a lookup cache */

/* Opens a hunspell word list. 'path_or_null' names the pair "<base>.aff" + "<base>.dic"; it may
 * be given as "<base>", "<base>.dic" or "<base>.aff" (borrowed, only read during the call).
 * NULL means the system's Danish list (da_DK under /usr/share/hunspell or
 * /usr/share/myspell); when none is installed this returns 0 with *out = NULL, and dehyphen
 * then decides without a word list.
 * Returns 0 with *out a new object (free with mn_dict_free), or -1 with err set (MN_E_IO) and
 * *out = NULL when a given path's .aff or .dic cannot be read. */
int mn_dict_open(const char *path_or_null, struct mn_dict **out, struct mn_error *err) MN_WUR;

/* Frees the word list. Accepts NULL. */
void mn_dict_free(struct mn_dict *d);
/* As mn_dict_free, in a process that exits next: hunspell's data, some 300,000 small blocks
 * that take about 40 ms to free one by one, is left to the kernel (except where
 * MN_LEAK_CHECKED). Accepts NULL. */
void mn_dict_free_for_exit(struct mn_dict *d);
/* The word list is read on first use; this reads it now (a batch parent does, so that its
 * forked workers share it: with the mapped list about a third of the corpus's documents still
 * ask hunspell something, and one reading per batch costs less than one per such worker),
 * waiting for a reading mn_dict_prefetch started.
 * Returns 0 (also for d == NULL), or -1 with err set (MN_E_IO). */
int mn_dict_load(struct mn_dict *d, struct mn_error *err) MN_WUR;

/* Maps the compact word-form list at 'words_path' (borrowed; built by `make` from this same
 * dictionary, see words.h), so that most questions are answered without hunspell, which is
 * then read only for what the list cannot settle. Returns true when the list is in use; false
 * (hunspell for everything, as before) when 'd' or 'words_path' is NULL, or the file is
 * missing, damaged, or built from another .aff/.dic. Never fails otherwise. */
bool mn_dict_use_words(struct mn_dict *d, const char *words_path);

/* For tests and --time: the questions asked so far, those the mapped list answered, and
 * whether hunspell has been read (or is being read). 'd' may be NULL. Never fails. */
void mn_dict_stats(const struct mn_dict *d, unsigned long *nasked, unsigned long *nlisted,
                   bool *loaded);

/* Starts reading the word list in a background thread, so that the ~75 ms it takes overlaps
 * other work (compiling rules, extracting the first pages); the first lookup, mn_dict_load or
 * mn_dict_free waits for it. A process must not fork() while the reading runs: call
 * mn_dict_load first. Accepts NULL; never fails (a thread that cannot start leaves the
 * reading to the first use). */
void mn_dict_prefetch(struct mn_dict *d);

/* True when the word list accepts 'word_utf8' (borrowed; UTF-8), in hunspell's sense: case
 * variants and compounds as the .aff allows. The word is converted to the dictionary's
 * encoding first; a word that cannot be converted is not accepted. 'd' may be NULL (→ false).
 * Never fails. Results are cached inside 'd' (see the threading note above). */
bool mn_dict_has(const struct mn_dict *d, const char *word_utf8);

/* True when 'word_utf8' is accepted as a word of its own, not only as a compound the .aff
 * builds from several dictionary entries ("Frederikshavn" is, "Aalborgforvaltninger" is
 * not), judged from hunspell's morphological analysis (a compound shows "pa:" parts).
 * Same conventions as mn_dict_has; never fails. */
bool mn_dict_has_simple(const struct mn_dict *d, const char *word_utf8);

/* The stage: repairs doc->lines in place, using ctx->dict (may be NULL).
 * Returns 0, or -1 with err set. Never prints. */
int mn_dehyphen_run(struct mn_ctx *ctx, struct mn_doc *doc, struct mn_error *err) MN_WUR;

/* The pure helper the stage is built on: repairs 'lines' in place (texts are replaced and
 * freed, lines emptied by the repair are removed; pages are kept). 'dict' is borrowed and may
 * be NULL. Input must be valid UTF-8 (any bytes are tolerated, but only UTF-8 letters count as
 * letters). Returns 0 (the current implementation cannot fail except by aborting on
 * out-of-memory), or -1 with err set. */
int mn_dehyphen_lines(struct mn_lines *lines, const struct mn_dict *dict,
                      struct mn_error *err) MN_WUR;

/* One decision, reported to a trace callback. All strings are borrowed for the duration of
 * the callback only. */
struct mn_dehyphen_decision {
    const char *frag;   /* the letters before the hyphen, as written ("Aal") */
    const char *cont;   /* the chunk moved up from the next line, as written ("borg") */
    const char *result; /* what was written at the join ("Aalborg", "Ældre- og") */
    const char *action; /* "join", "keep", "space", or "none" (left alone) */
    const char *reason; /* a short fixed phrase naming the evidence */
    int page;           /* the hyphenated line's page */
};

/* As mn_dehyphen_lines, and calls 'trace' (may be NULL) with 'arg' for every decision.
 * Used by the seed driver in tests/unit/test_dehyphen.c. */
int mn_dehyphen_lines_trace(struct mn_lines *lines, const struct mn_dict *dict,
                            void (*trace)(void *arg, const struct mn_dehyphen_decision *d),
                            void *arg, struct mn_error *err) MN_WUR;

#endif
