/* input.h: read one input into memory, fingerprint it, decide what it is, and load plain text.
 *
 * Every input is read once, whole, by mn_input_read: the bytes feed both the sha256 and the
 * PDF parser (poppler_document_new_from_bytes), so no stage opens the file again. */
#ifndef MN_INPUT_H
#define MN_INPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct mn_doc;
struct mn_error;

enum { MN_INPUT_MAX_BYTES = 2047 * 1024 * 1024 }; /* inputs above ~2 GiB fail with MN_E_LIMIT */

enum mn_input_kind {
    MN_INPUT_PDF,    /* "%PDF-" within the first 1024 bytes */
    MN_INPUT_TEXT,   /* UTF-8, UTF-16 with a BOM, or Windows-1252/Latin-1 text */
    MN_INPUT_BINARY, /* anything else: the caller reports MN_E_NOT_PDF */
};

/* Reads the file at 'path' ("-" = standard input) into doc->input / doc->input_len (replacing
 * any previous input; doc->input is malloc'd, owned by doc, and NUL-terminated one byte past
 * input_len) and sets doc->sha256 to the lowercase hex SHA-256 of the bytes.
 * Returns 0, or -1 with err set: MN_E_IO (missing, unreadable, a directory; the message names
 * the file and gives strerror), MN_E_EMPTY (zero bytes), MN_E_LIMIT (more than
 * MN_INPUT_MAX_BYTES). On failure doc->input is left empty. */
int mn_input_read(struct mn_doc *doc, const char *path, struct mn_error *err) MN_WUR;

/* Same, from bytes already in memory ('p' is copied). Fails only with MN_E_EMPTY or
 * MN_E_LIMIT; 'doc->path' is used in messages. */
int mn_input_set(struct mn_doc *doc, const void *p, size_t len, struct mn_error *err) MN_WUR;

/* Classifies the 'len' bytes at 'p' (borrowed). Looks at most at the first 64 KiB.
 * A Word or ZIP file, an image, or UTF-16 without a BOM is MN_INPUT_BINARY. Never fails. */
enum mn_input_kind mn_input_sniff(const unsigned char *p, size_t len);

/* True when 'name' (borrowed) ends in ".pdf", in any case ("x.PDF", "x.Pdf"). Never fails. */
bool mn_input_named_pdf(const char *name);

/* Says what the 'len' bytes at 'p' (borrowed) look like, for the not_pdf message: "PDF",
 * "empty", "HTML", "XML", "ZIP", "PNG", "JPEG", "TIFF", "GIF", "OLE" (old Word and Excel
 * files), "text" or "binary data". A static string; never fails. */
const char *mn_input_describe(const unsigned char *p, size_t len);

/* The input check before extraction: an input named *.pdf (any case) whose bytes hold no
 * "%PDF-" within the first 1024 is MN_E_NOT_PDF, naming what it looks like, unless
 * 'force_text' (the user said --text). Other names keep the sniffing: PDF, text, or binary
 * (MN_E_NOT_PDF). Sets *is_text when the input is to be read as plain text.
 * Returns 0, or -1 with err set (MN_E_NOT_PDF). */
int mn_input_check(const struct mn_doc *doc, bool force_text, bool *is_text,
                   struct mn_error *err) MN_WUR;

/* Loads doc->input as plain text into doc->lines: drops a UTF-8 BOM, decodes UTF-16 (with a
 * BOM) and Windows-1252 (when the bytes are not UTF-8 at all), cleans with mn_utf8_clean, and
 * splits on '\n'. A form feed starts a new page (pdftotext writes one after every page; a
 * trailing one does not add an empty page): doc->npages is the number of pages, 1 without form
 * feeds, and each line carries its page. Sets doc->is_text. Adds the warning "invalid_utf8"
 * when bytes had to be replaced or the text was decoded as Windows-1252.
 * Returns 0, or -1 with err set (MN_E_NOT_PDF for undecodable UTF-16). */
int mn_text_load(struct mn_doc *doc, struct mn_error *err) MN_WUR;

#endif
