/* test_utf8.c: mn_utf8_clean and the small UTF-8 helpers. */
#include "t.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "utf8.h"

/* Cleans a string literal (which may hold NULs, hence the explicit length). */
#define CLEAN(lit, rep) clean_n((lit), sizeof(lit) - 1, (rep))

static char *cleaned;

static const char *clean_n(const char *s, size_t len, bool *rep)
{
    free(cleaned);
    cleaned = mn_utf8_clean(s, len, rep);
    return cleaned;
}

static void test_ascii_passthrough(void)
{
    bool rep = false;
    CHECK_STR(CLEAN("Afbud\tHanne Madsen\nlinje 2", &rep), "Afbud\tHanne Madsen\nlinje 2");
    CHECK(!rep);
    CHECK_STR(CLEAN("", &rep), "");
    CHECK_STR(clean_n(NULL, 0, NULL), "");
}

static void test_line_ends(void)
{
    CHECK_STR(CLEAN("a\r\nb\rc\nd\r", NULL), "a\nb\nc\nd\n");
    CHECK_STR(CLEAN("a\r\r\nb", NULL), "a\n\nb");
    CHECK_STR(CLEAN("x\xe2\x80\xa8y\xe2\x80\xa9z", NULL), "x\ny\nz");
}

static void test_controls_removed(void)
{
    bool rep = false;
    CHECK_STR(CLEAN("a\x01\x02\x1b[0mb\x7f\f\vc", &rep), "a[0mbc");
    CHECK_STR(CLEAN("nul\0in\0side", &rep), "nulinside");
    CHECK(!rep);
    CHECK_STR(CLEAN("\xc2\x85" "C1\xc2\x9f", NULL), "C1"); /* C1 controls */
    CHECK_STR(CLEAN("\xef\xbb\xbfzero\xe2\x80\x8bwidth\xe2\x81\xa0", NULL), "zerowidth");
}

static void test_spaces_and_hyphens(void)
{
    CHECK_STR(CLEAN("kl.\xc2\xa0" "13:00", NULL), "kl. 13:00");
    CHECK_STR(CLEAN("a\xe2\x80\x83" "b\xe2\x80\xaf" "c\xe3\x80\x80" "d", NULL), "a b c d");
    CHECK_STR(CLEAN("an\xc2\xad" "l\xc3\xa6g", NULL), "anl\xc3\xa6g"); /* soft hyphen */
    CHECK_STR(CLEAN("Sundheds\xe2\x80\x90 og\xe2\x80\x91x", NULL), "Sundheds- og-x");
    /* en dash stays */
    CHECK_STR(CLEAN("2012 \xe2\x80\x93 2013", NULL), "2012 \xe2\x80\x93 2013");
}

static void test_ligatures(void)
{
    CHECK_STR(CLEAN("\xef\xac\x81nansiering \xef\xac\x82y \xef\xac\x80 \xef\xac\x83 \xef\xac\x84",
                    NULL),
              "finansiering fly ff ffi ffl");
}

static void test_nfc(void)
{
    /* e + COMBINING ACUTE -> é; a + COMBINING RING ABOVE -> å */
    CHECK_STR(CLEAN("caf" "e\xcc\x81 pa\xcc\x8a", NULL), "caf\xc3\xa9 p\xc3\xa5");
    /* already NFC Danish stays byte-identical */
    CHECK_STR(CLEAN("M\xc3\xb8" "de p\xc3\xa5 R\xc3\xa5" "dhuset \xc3\x86\xc3\x98\xc3\x85", NULL),
              "M\xc3\xb8" "de p\xc3\xa5 R\xc3\xa5" "dhuset \xc3\x86\xc3\x98\xc3\x85");
    /* Ohm sign U+2126 -> Greek capital omega U+03A9 (singleton) */
    CHECK_STR(CLEAN("10 \xe2\x84\xa6", NULL), "10 \xce\xa9");
    /* private-use bullet survives */
    CHECK_STR(CLEAN("\xef\x82\xb7 punkt", NULL), "\xef\x82\xb7 punkt");
}

static void test_invalid_repaired(void)
{
    bool rep = false;
    CHECK_STR(CLEAN("M\xf8" "de", &rep), "M\xef\xbf\xbd" "de");
    CHECK(rep);
    rep = false;
    CHECK_STR(CLEAN("\xc0\x80x", &rep), "\xef\xbf\xbd\xef\xbf\xbdx"); /* overlong NUL */
    CHECK(rep);
    rep = false;
    CHECK_STR(CLEAN("\xed\xa0\x80", &rep), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* surrogate */
    CHECK(rep);
    rep = false;
    CHECK_STR(CLEAN("end\xe2\x82", &rep), "end\xef\xbf\xbd\xef\xbf\xbd"); /* GLib: per byte */
    CHECK(rep);
    /* the result of every case is valid */
    CHECK(mn_utf8_is_valid(cleaned, strlen(cleaned)));
}

static void test_char_len(void)
{
    CHECK_INT(mn_utf8_char_len("a", 1), 1);
    CHECK_INT(mn_utf8_char_len("", 0), 0);
    CHECK_INT(mn_utf8_char_len("\xc3\xb8", 2), 2);
    CHECK_INT(mn_utf8_char_len("\xc3\xb8", 1), 1); /* truncated */
    CHECK_INT(mn_utf8_char_len("\xe2\x80\x93", 3), 3);
    CHECK_INT(mn_utf8_char_len("\xf0\x9f\x98\x80", 4), 4);
    CHECK_INT(mn_utf8_char_len("\xc0\x80", 2), 1);         /* overlong */
    CHECK_INT(mn_utf8_char_len("\xe0\x80\x80", 3), 1);     /* overlong */
    CHECK_INT(mn_utf8_char_len("\xed\xa0\x80", 3), 1);     /* surrogate */
    CHECK_INT(mn_utf8_char_len("\xf4\x90\x80\x80", 4), 1); /* > U+10FFFF */
    CHECK_INT(mn_utf8_char_len("\x80", 1), 1);
    CHECK_INT(mn_utf8_strlen("M\xc3\xb8" "de", 5), 4);
    CHECK_INT(mn_utf8_strlen("\xff\xfe", 2), 2);
    CHECK(mn_utf8_is_valid("M\xc3\xb8" "de", 5));
    CHECK(!mn_utf8_is_valid("a\0b", 3));
    CHECK(!mn_utf8_is_valid("\xf8", 1));
}

static void test_cp1252(void)
{
    size_t len = 0;
    char *s = mn_utf8_from_cp1252((const unsigned char *)"M\xf8" "de \x80 \x96 \x81", 10, &len);
    CHECK_STR(s, "M\xc3\xb8" "de \xe2\x82\xac \xe2\x80\x93 \xef\xbf\xbd");
    CHECK_INT(len, strlen(s));
    free(s);
}

/* the rule compiler skips NFC normalisation of a pattern this says yes to */
static void test_nfc_stable(void)
{
    CHECK(mn_utf8_is_nfc_stable(""));
    CHECK(mn_utf8_is_nfc_stable("^(?<value>Afbud)\\s*:"));
    CHECK(mn_utf8_is_nfc_stable("Bestyrelsesmøde på Åbo \u00e6 \u2022 \u2013 \uf0b7"));
    CHECK(!mn_utf8_is_nfc_stable("A\u030a"));     /* NFD 'Å' */
    CHECK(!mn_utf8_is_nfc_stable("\u212b"));      /* ANGSTROM SIGN: NFC makes it U+00C5 */
    CHECK(!mn_utf8_is_nfc_stable("\u0340"));      /* NFC_Quick_Check No */
    CHECK(!mn_utf8_is_nfc_stable("ab\xc3("));     /* invalid UTF-8 */
    char *n = g_utf8_normalize("Bestyrelsesmøde på Åbo \u2022", -1, G_NORMALIZE_NFC);
    CHECK(strcmp(n, "Bestyrelsesmøde på Åbo \u2022") == 0);
    g_free(n);
}

int main(void)
{
    RUN(test_ascii_passthrough);
    RUN(test_line_ends);
    RUN(test_controls_removed);
    RUN(test_spaces_and_hyphens);
    RUN(test_ligatures);
    RUN(test_nfc);
    RUN(test_invalid_repaired);
    RUN(test_char_len);
    RUN(test_cp1252);
    RUN(test_nfc_stable);
    free(cleaned);
    return DONE();
}
