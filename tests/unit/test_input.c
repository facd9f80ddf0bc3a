/* test_input.c: reading, hashing, sniffing and plain-text loading (input.c). Temporary files go
 * to $TMPDIR (default /tmp) and are removed. */
#include "t.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc.h"
#include "err.h"
#include "input.h"

static char tmpdir[256];

static void make_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/mn-test-input-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        exit(1);
    }
}

static const char *tmp_path(const char *name)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    return path;
}

static void write_file(const char *path, const void *p, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(p, 1, len, f) != len || fclose(f) != 0) {
        perror(path);
        exit(1);
    }
}

/* A document loaded from 'len' bytes of text. */
static struct mn_doc *text_doc(const char *bytes, size_t len)
{
    struct mn_error err = {0};
    struct mn_doc *doc = mn_doc_new("t.txt");
    CHECK_INT(mn_input_set(doc, bytes, len, &err), 0);
    CHECK_INT(mn_text_load(doc, &err), 0);
    return doc;
}

static bool has_warning(const struct mn_doc *doc, const char *code)
{
    for (size_t i = 0; i < doc->nwarnings; i++)
        if (strcmp(doc->warnings[i].code, code) == 0)
            return true;
    return false;
}

static void test_read_and_sha256(void)
{
    struct mn_error err = {0};
    struct mn_doc *doc = mn_doc_new("abc");
    const char *path = tmp_path("abc.txt");
    write_file(path, "abc", 3);
    CHECK_INT(mn_input_read(doc, path, &err), 0);
    CHECK_INT(doc->input_len, 3);
    CHECK(doc->input && memcmp(doc->input, "abc", 4) == 0); /* NUL-terminated */
    CHECK_STR(doc->sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* reading again replaces the input */
    write_file(path, "", 0);
    CHECK_INT(mn_input_read(doc, path, &err), -1);
    CHECK_INT(err.code, MN_E_EMPTY);
    CHECK(strstr(err.msg, "abc.txt") != NULL);
    CHECK(doc->input == NULL && doc->input_len == 0);
    unlink(path);
    mn_doc_free(doc);
}

static void test_read_errors(void)
{
    struct mn_error err = {0};
    struct mn_doc *doc = mn_doc_new("x");
    CHECK_INT(mn_input_read(doc, tmp_path("missing.pdf"), &err), -1);
    CHECK_INT(err.code, MN_E_IO);
    CHECK(strstr(err.msg, "missing.pdf") != NULL);
    CHECK(strstr(err.msg, "No such file or directory") != NULL);

    mn_error_clear(&err);
    CHECK_INT(mn_input_read(doc, tmpdir, &err), -1);
    CHECK_INT(err.code, MN_E_IO);
    CHECK(strstr(err.msg, "Is a directory") != NULL);

    if (geteuid() != 0) { /* root reads anything */
        const char *path = tmp_path("noread.pdf");
        write_file(path, "%PDF-", 5);
        chmod(path, 0);
        mn_error_clear(&err);
        CHECK_INT(mn_input_read(doc, path, &err), -1);
        CHECK_INT(err.code, MN_E_IO);
        CHECK(strstr(err.msg, "Permission denied") != NULL);
        unlink(path);
    }
    mn_doc_free(doc);
}

static void test_read_limit(void)
{
    struct mn_error err = {0};
    struct mn_doc *doc = mn_doc_new("big");
    const char *path = tmp_path("big.pdf");
    FILE *f = fopen(path, "wb");
    /* A sparse file: the size check happens before any byte is read. */
    CHECK(f != NULL && ftruncate(fileno(f), (off_t)3 << 30) == 0);
    if (f)
        fclose(f);
    CHECK_INT(mn_input_read(doc, path, &err), -1);
    CHECK_INT(err.code, MN_E_LIMIT);
    unlink(path);
    mn_doc_free(doc);
}

static void test_set_empty(void)
{
    struct mn_error err = {0};
    struct mn_doc *doc = mn_doc_new("e");
    CHECK_INT(mn_input_set(doc, "", 0, &err), -1);
    CHECK_INT(err.code, MN_E_EMPTY);
    mn_doc_free(doc);
}

#define SNIFF(lit) mn_input_sniff((const unsigned char *)(lit), sizeof(lit) - 1)

static void test_sniff(void)
{
    unsigned char buf[4096];

    CHECK_INT(SNIFF("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"), MN_INPUT_PDF);
    memset(buf, 'x', sizeof buf);
    memcpy(buf + 1000, "%PDF-1.4", 8); /* junk before the header, within 1024 bytes */
    CHECK_INT(mn_input_sniff(buf, sizeof buf), MN_INPUT_PDF);
    memset(buf, 'x', sizeof buf);
    memcpy(buf + 1020, "%PDF-1.4", 8); /* header crosses the 1024 limit */
    CHECK_INT(mn_input_sniff(buf, sizeof buf), MN_INPUT_TEXT);

    CHECK_INT(SNIFF("Referat\r\nM\xc3\xb8" "de i Socialudvalget\n\fSide 2\n"), MN_INPUT_TEXT);
    CHECK_INT(SNIFF("M\xf8" "de p\xe5 R\xe5" "dhuset\n"), MN_INPUT_TEXT); /* Latin-1 */
    CHECK_INT(SNIFF("\xff\xfeM\0\xf8\0" "d\0e\0"), MN_INPUT_TEXT);     /* UTF-16LE BOM */

    /* Word 97 (OLE compound file) renamed .pdf */
    memset(buf, 0, sizeof buf);
    memcpy(buf, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
    CHECK_INT(mn_input_sniff(buf, sizeof buf), MN_INPUT_BINARY);
    /* .docx (ZIP) without NULs in the first bytes still has control bytes */
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (unsigned char)(i * 7 + 1) | 1;
    memcpy(buf, "PK\x03\x04", 4);
    CHECK_INT(mn_input_sniff(buf, sizeof buf), MN_INPUT_BINARY);
    CHECK_INT(SNIFF("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), MN_INPUT_BINARY);
    CHECK_INT(mn_input_sniff(buf, 0), MN_INPUT_BINARY);
}

static void test_text_lines(void)
{
    const char s[] = "\xef\xbb\xbfReferat\r\nAfbud\tHanne\xc2\xa0Madsen\r\n\r\nSlut";
    struct mn_doc *doc = text_doc(s, sizeof s - 1);
    CHECK_INT(doc->lines.n, 4);
    if (doc->lines.n == 4) {
        CHECK_STR(doc->lines.v[0].text, "Referat");
        CHECK_STR(doc->lines.v[1].text, "Afbud\tHanne Madsen");
        CHECK_STR(doc->lines.v[2].text, "");
        CHECK_STR(doc->lines.v[3].text, "Slut");
        CHECK_INT(doc->lines.v[3].page, 1);
    }
    CHECK_INT(doc->npages, 1);
    CHECK(doc->is_text);
    CHECK_INT(doc->nwarnings, 0);
    mn_doc_free(doc);
}

static void test_text_form_feeds(void)
{
    const char s[] = "side et\n\fside to\nmere\n\f\fside fire\n\f";
    struct mn_doc *doc = text_doc(s, sizeof s - 1);
    CHECK_INT(doc->npages, 4); /* the trailing form feed adds no page */
    CHECK_INT(doc->lines.n, 4);
    if (doc->lines.n == 4) {
        CHECK_STR(doc->lines.v[0].text, "side et");
        CHECK_INT(doc->lines.v[0].page, 1);
        CHECK_STR(doc->lines.v[1].text, "side to");
        CHECK_INT(doc->lines.v[2].page, 2);
        CHECK_STR(doc->lines.v[3].text, "side fire");
        CHECK_INT(doc->lines.v[3].page, 4);
    }
    CHECK(doc->is_text);
    mn_doc_free(doc);
}

static void test_text_invalid_utf8(void)
{
    /* Mostly UTF-8 with one bad byte: repaired, warned. */
    const char s[] = "M\xc3\xb8" "de\nbad \xff byte\n";
    struct mn_doc *doc = text_doc(s, sizeof s - 1);
    CHECK(has_warning(doc, "invalid_utf8"));
    CHECK(doc->lines.n == 2 && strcmp(doc->lines.v[1].text, "bad \xef\xbf\xbd byte") == 0);
    mn_doc_free(doc);

    /* Windows-1252 throughout: decoded, warned. */
    const char l1[] = "M\xf8" "de p\xe5 R\xe5" "dhuset \x96 kl. 9\n";
    doc = text_doc(l1, sizeof l1 - 1);
    CHECK(has_warning(doc, "invalid_utf8"));
    CHECK(doc->lines.n == 1 &&
          strcmp(doc->lines.v[0].text,
                 "M\xc3\xb8" "de p\xc3\xa5 R\xc3\xa5" "dhuset \xe2\x80\x93 kl. 9") == 0);
    mn_doc_free(doc);
}

static void test_text_utf16(void)
{
    const char s[] = "\xff\xfeM\0\xf8\0" "d\0e\0\n\0x\0";
    struct mn_doc *doc = text_doc(s, sizeof s - 1);
    CHECK_INT(doc->lines.n, 2);
    if (doc->lines.n == 2)
        CHECK_STR(doc->lines.v[0].text, "M\xc3\xb8" "de");
    mn_doc_free(doc);
}

int main(void)
{
    make_tmpdir();
    RUN(test_read_and_sha256);
    RUN(test_read_errors);
    RUN(test_read_limit);
    RUN(test_set_empty);
    RUN(test_sniff);
    RUN(test_text_lines);
    RUN(test_text_form_feeds);
    RUN(test_text_invalid_utf8);
    RUN(test_text_utf16);
    rmdir(tmpdir);
    return DONE();
}
