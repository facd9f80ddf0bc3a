/* words.h: a compact list of the Danish word forms, built at `make` time from the installed
 * hunspell dictionary and mapped (mmap) at run time, so that most word-list questions are
 * answered without loading hunspell (about 75 ms and 300,000 allocations per process).
 *
 * The list holds two sorted tables, both produced by expanding every .dic entry with the .aff's
 * affixes (prefix, suffix, cross products, twofold suffixes):
 *   forms  every expanded form, exactly as written, that hunspell itself accepts (each one is
 *          checked with Hunspell_spell while building), with a bit saying whether hunspell
 *          analyses it as a word of its own (an analysis without "pa:" compound parts);
 *   parts  every expanded form, lowercased, that the .aff lets stand in a compound (its entry or
 *          one of its affixes carries COMPOUNDBEGIN, COMPOUNDMIDDLE or COMPOUNDEND), with those
 *          three bits; a superset of what hunspell's compounding can use.
 * Hunspell stays the authority: a question is answered here only when the answer is certain,
 *   yes  the word (or the case variant hunspell would try: "Kommune" → "kommune", "AALBORG" →
 *        "Aalborg", "aalborg") is in 'forms';
 *   no   it is not, and it cannot be cut into 2 to COMPOUNDWORDMAX 'parts' of at least
 *        COMPOUNDMIN characters each (begin, middles, end), so hunspell's compounding cannot
 *        accept it either;
 * and everything else (a plausible compound, a word with a non-letter) is left to hunspell.
 * The file records the size and modification time of the .aff and .dic it was built from; a
 * list that does not match the installed dictionary is not used. */
#ifndef MN_WORDS_H
#define MN_WORDS_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct mn_error;
struct mn_words; /* opaque: a mapped list */

enum mn_words_answer {
    MN_WORDS_UNKNOWN = 0, /* ask hunspell */
    MN_WORDS_NO,
    MN_WORDS_YES,
};

struct mn_words_stats {
    size_t nentries; /* .dic entries read */
    size_t ngenerated; /* distinct forms generated */
    size_t nforms;   /* of them accepted by hunspell */
    size_t nsimple;  /* of them a word of its own */
    size_t nmismatch; /* analysed forms whose analysis disagreed with the affix path's guess */
    size_t nparts;   /* distinct lowercased compound parts */
    size_t bytes;    /* size of the file written */
};

/* Builds the list for the dictionary "<aff>" + "<dic>" (borrowed paths; UTF-8 dictionaries
 * with FLAG num or single-character flags) and writes it atomically to 'out_path'.
 * 'stats' may be NULL. Returns 0, or -1 with err set (MN_E_IO: a file cannot be read or
 * written; MN_E_INTERNAL: hunspell cannot load the dictionary, or its format is not one this
 * builder expands). Takes some seconds; meant for `make`, not for a conversion. */
int mn_words_build(const char *aff, const char *dic, const char *out_path,
                   struct mn_words_stats *stats, struct mn_error *err) MN_WUR;

/* Maps the list at 'path' (borrowed) for the dictionary "<aff>" + "<dic>" (borrowed).
 * Returns a new object (free with mn_words_free), or NULL when the file is missing, not a word
 * list, or was built from another dictionary (other size or time): the caller then asks
 * hunspell for everything. Never fails otherwise. */
struct mn_words *mn_words_open(const char *path, const char *aff, const char *dic);

/* Unmaps the list. Accepts NULL. */
void mn_words_free(struct mn_words *w);

/* Does hunspell accept 'word_utf8' (borrowed, UTF-8)? YES, NO or UNKNOWN (see above).
 * 'w' may be NULL (UNKNOWN). Never fails; thread-safe (read-only). */
enum mn_words_answer mn_words_has(const struct mn_words *w, const char *word_utf8);

/* Is 'word_utf8' a word of its own, in the sense of mn_dict_has_simple? YES when a case variant
 * is in 'forms' with the bit, NO when it is in 'forms' without it (hunspell accepts it only
 * as a compound) or when mn_words_has says NO, else UNKNOWN. */
enum mn_words_answer mn_words_has_simple(const struct mn_words *w, const char *word_utf8);

/* Is 'word_utf8', written with an initial capital, accepted only so ("Aalborg": a name), in
 * the sense of mn_dict_has(word) && !mn_dict_has(lowercase word)? Hunspell accepts a word with
 * an initial capital as written or in lowercase, and matches compound parts case-sensitively,
 * so a capitalised word that is no listed form and cannot start with a part the dictionary
 * writes with a capital is NO whatever its lowercase form is. UNKNOWN for other case types. */
enum mn_words_answer mn_words_is_proper_noun(const struct mn_words *w, const char *word_utf8);

#endif
