/* input.c: read the input whole, hash it, sniff it, and turn plain text into lines.
 *
 * Reading: one open() and a read() loop into a growing buffer, for files and for stdin alike
 * (pipes have no size). A regular file's size is checked with fstat first so that an oversized
 * file fails with MN_E_LIMIT before any memory is spent. Directories are refused explicitly:
 * read() on one fails with EISDIR on Linux, but not everywhere.
 *
 * Sniffing (see style.md 4.1): poppler reports a non-PDF as "damaged", so we decide first.
 * "%PDF-" anywhere in the first 1024 bytes is a PDF (Acrobat's rule; some generators put junk
 * before the header). Otherwise a sample of up to 64 KiB is text when it holds no NUL and
 * almost no other control bytes, whether it is UTF-8 or a single-byte code page; a UTF-16 BOM
 * also means text. Word's .doc (an OLE container full of NULs), .docx (ZIP), images and the
 * like come out as binary and the caller reports not_pdf. A file *named* .pdf without the
 * header is not_pdf whatever it holds (an HTML error page saved by a scraper, a ZIP, an image:
 * mn_input_describe names which), because converting it as text would give an empty record;
 * plain text is taken where the user says so: a .txt (or any other) name, --text, or stdin.
 *
 * Text: pdftotext separates pages with '\f', so a form feed is a page break; a Danish file saved
 * as Windows-1252 (æ ø å as single bytes) is decoded rather than turned into U+FFFD, but only
 * when it holds no valid multi-byte UTF-8 sequence at all; mixed files are repaired instead. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>

#include "doc.h"
#include "err.h"
#include "utf8.h"

enum { SNIFF_PDF_WINDOW = 1024, SNIFF_TEXT_WINDOW = 64 * 1024 };

static void set_input(struct mn_doc *doc, unsigned char *bytes, size_t len)
{
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    const unsigned char *p = bytes;
    size_t left = len;

    free(doc->input);
    doc->input = bytes;
    doc->input_len = len;
    while (left > 0) { /* g_checksum_update takes a gssize */
        size_t n = left > (1u << 30) ? (1u << 30) : left;
        g_checksum_update(ck, p, (gssize)n);
        p += n;
        left -= n;
    }
    g_strlcpy(doc->sha256, g_checksum_get_string(ck), sizeof doc->sha256);
    g_checksum_free(ck);
}

static void clear_input(struct mn_doc *doc)
{
    free(doc->input);
    doc->input = NULL;
    doc->input_len = 0;
    doc->sha256[0] = '\0';
}

int mn_input_set(struct mn_doc *doc, const void *p, size_t len, struct mn_error *err)
{
    unsigned char *copy;

    clear_input(doc);
    if (len == 0)
        return mn_fail(err, MN_E_EMPTY, "'%s' is empty", doc->path);
    if (len > (size_t)MN_INPUT_MAX_BYTES)
        return mn_fail(err, MN_E_LIMIT, "'%s' is too large: %zu bytes (limit %d)", doc->path,
                       len, MN_INPUT_MAX_BYTES);
    copy = xmalloc(len + 1);
    memcpy(copy, p, len);
    copy[len] = '\0';
    set_input(doc, copy, len);
    return 0;
}

int mn_input_read(struct mn_doc *doc, const char *path, struct mn_error *err)
{
    bool is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    int fd = -1, ret = -1;
    unsigned char *buf = NULL;
    size_t len = 0, alloc = 0;
    struct stat st;

    clear_input(doc);
    if (is_stdin) {
        fd = STDIN_FILENO;
    } else {
        fd = open(path, O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            mn_fail(err, MN_E_IO, "cannot open '%s': %s", name, strerror(errno));
            goto out;
        }
    }
    if (fstat(fd, &st) < 0) {
        mn_fail(err, MN_E_IO, "cannot read '%s': %s", name, strerror(errno));
        goto out;
    }
    if (S_ISDIR(st.st_mode)) {
        mn_fail(err, MN_E_IO, "cannot read '%s': %s", name, strerror(EISDIR));
        goto out;
    }
    if (S_ISREG(st.st_mode)) {
        if ((unsigned long long)st.st_size > (unsigned long long)MN_INPUT_MAX_BYTES) {
            mn_fail(err, MN_E_LIMIT, "'%s' is too large: %lld bytes (limit %d)", name,
                    (long long)st.st_size, MN_INPUT_MAX_BYTES);
            goto out;
        }
        alloc = (size_t)st.st_size + 1; /* a file may still grow while we read */
    }
    if (alloc < 64 * 1024)
        alloc = 64 * 1024;
    buf = xmalloc(alloc);
    for (;;) {
        if (len + 1 >= alloc) {
            if (alloc > (size_t)MN_INPUT_MAX_BYTES) {
                mn_fail(err, MN_E_LIMIT, "'%s' is too large (limit %d bytes)", name,
                        MN_INPUT_MAX_BYTES);
                goto out;
            }
            alloc *= 2;
            buf = xrealloc(buf, alloc);
        }
        ssize_t n = read(fd, buf + len, alloc - len - 1);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            mn_fail(err, MN_E_IO, "cannot read '%s': %s", name, strerror(errno));
            goto out;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    if (len > (size_t)MN_INPUT_MAX_BYTES) {
        mn_fail(err, MN_E_LIMIT, "'%s' is too large: %zu bytes (limit %d)", name, len,
                MN_INPUT_MAX_BYTES);
        goto out;
    }
    if (len == 0) {
        mn_fail(err, MN_E_EMPTY, "'%s' is empty", name);
        goto out;
    }
    buf[len] = '\0';
    set_input(doc, buf, len);
    buf = NULL;
    ret = 0;
out:
    if (fd >= 0 && !is_stdin)
        close(fd);
    free(buf);
    return ret;
}

static bool has_pdf_header(const unsigned char *p, size_t len)
{
    size_t n = len < SNIFF_PDF_WINDOW ? len : SNIFF_PDF_WINDOW;
    for (size_t i = 0; i + 5 <= n; i++)
        if (p[i] == '%' && memcmp(p + i, "%PDF-", 5) == 0)
            return true;
    return false;
}

enum mn_input_kind mn_input_sniff(const unsigned char *p, size_t len)
{
    size_t n = len < SNIFF_TEXT_WINDOW ? len : SNIFF_TEXT_WINDOW;
    size_t ctrl = 0, i = 0;

    if (has_pdf_header(p, len))
        return MN_INPUT_PDF;
    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        return len % 2 == 0 ? MN_INPUT_TEXT : MN_INPUT_BINARY;
    if (n == 0)
        return MN_INPUT_BINARY;
    while (i < n) {
        unsigned char c = p[i];
        if (c == 0)
            return MN_INPUT_BINARY; /* text never holds NUL; OLE, ZIP and UTF-16 do */
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
            ctrl++;
        else if (c == 0x7F)
            ctrl++;
        if (c < 0x80) {
            i++;
            continue;
        }
        /* Either well-formed UTF-8, a single-byte code-page letter, or a character cut off at
         * the end of the sample: all fine for text. Only the control bytes decide. */
        size_t k = mn_utf8_char_len((const char *)p + i, n - i);
        i += k;
    }
    /* At most 1 control byte in 200 (stray ESC or BS in old exports are tolerated). */
    return ctrl * 200 <= n ? MN_INPUT_TEXT : MN_INPUT_BINARY;
}

bool mn_input_named_pdf(const char *name)
{
    size_t len = name ? strlen(name) : 0;
    return len >= 4 && g_ascii_strcasecmp(name + len - 4, ".pdf") == 0;
}

static bool starts(const unsigned char *p, size_t len, const char *magic, size_t n)
{
    return len >= n && memcmp(p, magic, n) == 0;
}

/* Case-insensitive search for 'needle' (ASCII, lowercase) in the first 'len' bytes. */
static bool contains_ci(const unsigned char *p, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (g_ascii_strncasecmp((const char *)p + i, needle, n) == 0)
            return true;
    return false;
}

const char *mn_input_describe(const unsigned char *p, size_t len)
{
    if (len == 0)
        return "empty";
    if (has_pdf_header(p, len))
        return "PDF";
    if (starts(p, len, "PK\003\004", 4) || starts(p, len, "PK\005\006", 4) ||
        starts(p, len, "PK\007\010", 4))
        return "ZIP";
    if (starts(p, len, "\x89PNG\r\n\x1a\n", 8))
        return "PNG";
    if (starts(p, len, "\xff\xd8\xff", 3))
        return "JPEG";
    if (starts(p, len, "II*\0", 4) || starts(p, len, "MM\0*", 4))
        return "TIFF";
    if (starts(p, len, "GIF87a", 6) || starts(p, len, "GIF89a", 6))
        return "GIF";
    if (starts(p, len, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
        return "OLE";
    size_t i = starts(p, len, "\xef\xbb\xbf", 3) ? 3 : 0;
    while (i < len && mn_isspace(p[i]))
        i++;
    size_t n = len < SNIFF_PDF_WINDOW ? len : SNIFF_PDF_WINDOW;
    if (i < len && p[i] == '<') {
        if (contains_ci(p, n, "<html") || contains_ci(p, n, "<!doctype html") ||
            contains_ci(p, n, "<head") || contains_ci(p, n, "<body"))
            return "HTML";
        if (starts(p + i, len - i, "<?xml", 5))
            return "XML";
    }
    return mn_input_sniff(p, len) == MN_INPUT_TEXT ? "text" : "binary data";
}

int mn_input_check(const struct mn_doc *doc, bool force_text, bool *is_text,
                   struct mn_error *err)
{
    enum mn_input_kind kind = mn_input_sniff(doc->input, doc->input_len);
    *is_text = force_text || kind == MN_INPUT_TEXT;
    if (force_text || kind == MN_INPUT_PDF)
        return 0;
    if (mn_input_named_pdf(doc->path))
        return mn_fail(err, MN_E_NOT_PDF,
                       "'%s' is named .pdf but is %s: no %%PDF- header in its first %d bytes",
                       doc->path, mn_input_describe(doc->input, doc->input_len),
                       SNIFF_PDF_WINDOW);
    if (kind == MN_INPUT_BINARY)
        return mn_fail(err, MN_E_NOT_PDF, "'%s': not a PDF (no %%PDF- header) and not text (%s)",
                       doc->path, mn_input_describe(doc->input, doc->input_len));
    return 0;
}

/* True when no well-formed multi-byte UTF-8 sequence occurs: the bytes are then more likely a
 * single-byte code page than damaged UTF-8. */
static bool looks_single_byte(const unsigned char *p, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = mn_utf8_char_len((const char *)p + i, len - i);
        if (k > 1)
            return false;
        i++;
    }
    return true;
}

/* Decodes UTF-16 with a BOM into UTF-8 (malloc'd, *outlen bytes). Returns NULL when GLib
 * cannot convert it (unpaired surrogates). */
static char *from_utf16(const unsigned char *p, size_t len, size_t *outlen)
{
    bool le = p[0] == 0xFF;
    size_t nunits = (len - 2) / 2;
    gunichar2 *units = g_new(gunichar2, nunits + 1);
    glong written = 0;
    GError *gerr = NULL;
    char *utf8, *out = NULL;

    for (size_t i = 0; i < nunits; i++) {
        const unsigned char *q = p + 2 + 2 * i;
        units[i] = le ? (gunichar2)(q[0] | q[1] << 8) : (gunichar2)(q[0] << 8 | q[1]);
    }
    utf8 = g_utf16_to_utf8(units, (glong)nunits, NULL, &written, &gerr);
    if (utf8) {
        out = xstrndup(utf8, (size_t)written);
        *outlen = (size_t)written;
    }
    g_free(utf8);
    g_free(units);
    g_clear_error(&gerr);
    return out;
}

static bool is_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!mn_isspace((unsigned char)s[i]))
            return false;
    return true;
}

int mn_text_load(struct mn_doc *doc, struct mn_error *err)
{
    const char *text = (const char *)doc->input;
    size_t len = doc->input_len;
    char *decoded = NULL;
    bool repaired = false;
    int page = 1;

    if (len >= 2 && ((doc->input[0] == 0xFF && doc->input[1] == 0xFE) ||
                     (doc->input[0] == 0xFE && doc->input[1] == 0xFF))) {
        decoded = from_utf16(doc->input, len, &len);
        if (!decoded)
            return mn_fail(err, MN_E_NOT_PDF, "'%s': invalid UTF-16 text", doc->path);
        text = decoded;
    } else if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    } else if (!mn_utf8_is_valid(text, len) && memchr(text, '\0', len) == NULL &&
               looks_single_byte(doc->input, len)) {
        decoded = mn_utf8_from_cp1252(doc->input, len, &len);
        text = decoded;
        mn_doc_warn(doc, "invalid_utf8", 0, "'%s' is not UTF-8; read as Windows-1252",
                    doc->path);
    }

    for (size_t start = 0;;) {
        const char *ff = memchr(text + start, '\f', len - start);
        size_t end = ff ? (size_t)(ff - text) : len;
        /* A trailing form feed (pdftotext) ends the last page; it does not open a new one. */
        if (!ff && page > 1 && is_blank(text + start, end - start)) {
            page--;
            break;
        }
        char *clean = mn_utf8_clean(text + start, end - start, &repaired);
        mn_lines_add_text(&doc->lines, clean, strlen(clean), page);
        free(clean);
        if (!ff)
            break;
        start = end + 1;
        page++;
    }
    if (repaired)
        mn_doc_warn(doc, "invalid_utf8", 0, "'%s': invalid UTF-8 bytes replaced with U+FFFD",
                    doc->path);
    doc->npages = page;
    doc->is_text = true;
    free(decoded);
    return 0;
}
