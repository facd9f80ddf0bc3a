/* ids.h: stable ids for the objects of a record (meeting, items, people).
 *
 * An id is the first 16 hex digits (64 bits) of sha256("<source sha256>/<kind>/<n>"), where
 * kind is "meeting" (n = 1), "item" (n = the item's order), "participant" or "absent" (n = the
 * person's 1-based place in that list). The same bytes converted by the same rules give the
 * same ids; a different document gives different ids (64 bits: a collision among a million
 * documents' objects has a chance of about 1 in 10^7). README.md, "Feeding a records system",
 * says what changes an id. */
#ifndef MN_IDS_H
#define MN_IDS_H

enum { MN_ID_LEN = 16 };

/* Writes the id of object 'kind' number 'n' of the document whose input hashes to
 * 'source_sha256' (hex) into 'out' (MN_ID_LEN hex digits and a NUL). Never fails. */
void mn_ids_make(const char *source_sha256, const char *kind, long n, char out[MN_ID_LEN + 1]);

#endif
