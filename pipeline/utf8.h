/* utf8.h: make text safe for every later stage: valid UTF-8, NFC, '\n' line ends, no control
 * characters, plain spaces and hyphens, no ligatures.
 *
 * Invariant after mn_utf8_clean: the result is valid UTF-8 in NFC, holds no NUL, no '\r', and no
 * control character other than '\t' and '\n'. All functions here are pure and thread-safe. */
#ifndef MN_UTF8_H
#define MN_UTF8_H

#include <stdbool.h>
#include <stddef.h>

/* Cleans 'len' bytes at 's' (may contain NULs and invalid sequences; 's' may be NULL when len
 * is 0):
 *  - invalid sequences become U+FFFD (g_utf8_make_valid) and *repaired is set (if non-NULL;
 *    it is left untouched otherwise, so callers can accumulate over several calls);
 *  - "\r\n" and lone '\r', U+2028 and U+2029 become '\n';
 *  - control characters (C0 other than '\t' and '\n', DEL, C1), U+200B, U+2060 and U+FEFF
 *    are removed, and so is the soft hyphen U+00AD;
 *  - U+00A0 and the other Unicode spaces (U+1680, U+2000..U+200A, U+202F, U+205F, U+3000)
 *    become ' ';
 *  - U+2010 and U+2011 become '-';
 *  - the ligatures U+FB00..U+FB06 are expanded (ff fi fl ffi ffl st st);
 *  - the result is NFC-normalised.
 * Returns a new NUL-terminated string; free with free(). Never fails (OOM aborts). */
char *mn_utf8_clean(const char *s, size_t len, bool *repaired);

/* Byte length (1..4) of the well-formed UTF-8 sequence at 's' (at most 'len' bytes), or 1 when
 * the bytes there are not a well-formed sequence (so that a loop always advances). Returns 0
 * only when len is 0. Never fails. */
size_t mn_utf8_char_len(const char *s, size_t len);

/* Number of characters in valid UTF-8 text (each ill-formed byte counts as one). */
size_t mn_utf8_strlen(const char *s, size_t len);

/* True when the NUL-terminated 's' is valid UTF-8 made only of characters that are NFC as
 * they stand whatever their neighbours (below U+0300, General Punctuation and currency, the
 * private use area): then s is NFC and g_utf8_normalize can be skipped. False says nothing.
 * Never fails. */
bool mn_utf8_is_nfc_stable(const char *s);

/* True when the 'len' bytes at 's' are valid UTF-8 with no NUL. */
bool mn_utf8_is_valid(const char *s, size_t len);

/* Decodes Windows-1252 (a superset of the printable Latin-1) into UTF-8; the five byte values
 * that code page leaves undefined map to U+FFFD. Returns a new NUL-terminated string of *outlen
 * bytes (outlen may be NULL); free with free(). The result is not cleaned: pass it through
 * mn_utf8_clean. Never fails. */
char *mn_utf8_from_cp1252(const unsigned char *s, size_t len, size_t *outlen);

#endif
