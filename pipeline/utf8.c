/* utf8.c: the single place where text becomes pipeline text (see utf8.h for the contract).
 *
 * mn_utf8_clean works in three passes: drop NULs and repair invalid bytes (g_utf8_make_valid),
 * map code points one by one (line ends, controls, spaces, hyphens, ligatures), then NFC with
 * g_utf8_normalize. Pure-ASCII input without control characters, the common case for PDF text
 * lines, takes a fast path that only copies. The mapping comes before NFC because the mapped
 * characters are all NFC-stable, and because NFC must see the final sequence of characters.
 *
 * Deliberately not here: Wingdings/private-use bullets (U+F0B7) and whitespace folding are
 * normalize.c's job, because they change meaning downstream, while this file only repairs. */
#include "utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "buf.h"
#include "util.h"

size_t mn_utf8_char_len(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;

    if (len == 0)
        return 0;
    if (p[0] < 0x80)
        return 1;
    if (p[0] >= 0xC2 && p[0] <= 0xDF)
        n = 2;
    else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
        n = 3;
        if (p[0] == 0xE0)
            lo = 0xA0;
        else if (p[0] == 0xED)
            hi = 0x9F; /* no surrogates */
    } else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
        n = 4;
        if (p[0] == 0xF0)
            lo = 0x90;
        else if (p[0] == 0xF4)
            hi = 0x8F; /* nothing past U+10FFFF */
    } else
        return 1;
    if (len < n || p[1] < lo || p[1] > hi)
        return 1;
    for (size_t i = 2; i < n; i++)
        if (p[i] < 0x80 || p[i] > 0xBF)
            return 1;
    return n;
}

size_t mn_utf8_strlen(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; n++)
        i += mn_utf8_char_len(s + i, len - i);
    return n;
}

bool mn_utf8_is_valid(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n = mn_utf8_char_len(s + i, len - i);
        if (n == 1)
            return false;
        i += n;
    }
    return true;
}

/* Windows-1252 0x80..0x9F; 0 = undefined in the code page. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static void add_unichar(struct mn_buf *b, gunichar c)
{
    char tmp[6];
    int n = g_unichar_to_utf8(c, tmp);
    mn_buf_add(b, tmp, (size_t)n);
}

char *mn_utf8_from_cp1252(const unsigned char *s, size_t len, size_t *outlen)
{
    struct mn_buf b = MN_BUF_INIT;
    mn_buf_init(&b, len + len / 8 + 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = s[i];
        if (c < 0x80)
            mn_buf_addch(&b, (char)c);
        else if (c < 0xA0)
            add_unichar(&b, cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xFFFD);
        else
            add_unichar(&b, c);
    }
    return mn_buf_detach(&b, outlen);
}

/* True when the ASCII-only fast path applies: no byte >= 0x80, no control but '\t' and '\n'. */
static bool is_plain_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x7F || (c < 0x20 && c != '\t' && c != '\n'))
            return false;
    }
    return true;
}

/* Appends the replacement for code point 'c' (one of valid text) to 'b'. 'prev_cr' tracks a
 * '\r' so that the '\n' of "\r\n" is not doubled. */
static void map_char(struct mn_buf *b, gunichar c, bool *prev_cr)
{
    bool was_cr = *prev_cr;
    *prev_cr = false;
    switch (c) {
    case '\t':
        mn_buf_addch(b, '\t');
        return;
    case '\n':
        if (!was_cr)
            mn_buf_addch(b, '\n');
        return;
    case '\r':
        mn_buf_addch(b, '\n');
        *prev_cr = true;
        return;
    case 0x2028: /* line separator */
    case 0x2029: /* paragraph separator */
        mn_buf_addch(b, '\n');
        return;
    case 0x00AD: /* soft hyphen */
    case 0x200B: /* zero width space */
    case 0x2060: /* word joiner */
    case 0xFEFF: /* BOM / zero width no-break space */
        return;
    case 0x00A0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        mn_buf_addch(b, ' ');
        return;
    case 0x2010:
    case 0x2011:
        mn_buf_addch(b, '-');
        return;
    case 0xFB00:
        mn_buf_adds(b, "ff");
        return;
    case 0xFB01:
        mn_buf_adds(b, "fi");
        return;
    case 0xFB02:
        mn_buf_adds(b, "fl");
        return;
    case 0xFB03:
        mn_buf_adds(b, "ffi");
        return;
    case 0xFB04:
        mn_buf_adds(b, "ffl");
        return;
    case 0xFB05:
    case 0xFB06:
        mn_buf_adds(b, "st");
        return;
    default:
        break;
    }
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return;
    if (c >= 0x2000 && c <= 0x200A) {
        mn_buf_addch(b, ' ');
        return;
    }
    add_unichar(b, c);
}

/* True for code points that are NFC_Quick_Check=Yes and never combine with a neighbour
 * (canonical combining class 0, not the second part of any composition) in the ranges that
 * make up nearly all Danish text: below U+0300 (ASCII, Latin-1, Latin Extended-A/B, IPA),
 * General Punctuation and currency symbols, and the private use area (Wingdings bullets).
 * A string of only such characters is already NFC, so g_utf8_normalize can be skipped. */
static bool is_nfc_stable(gunichar c)
{
    return c < 0x300 || (c >= 0x2000 && c <= 0x20CF) || (c >= 0xE000 && c <= 0xF8FF);
}

bool mn_utf8_is_nfc_stable(const char *s)
{
    if (!g_utf8_validate(s, -1, NULL))
        return false;
    for (; *s; s = g_utf8_next_char(s))
        if (!is_nfc_stable(g_utf8_get_char(s)))
            return false;
    return true;
}

char *mn_utf8_clean(const char *s, size_t len, bool *repaired)
{
    char *nonul = NULL, *valid = NULL, *nfc = NULL, *out;
    const char *p = s;
    struct mn_buf mapped = MN_BUF_INIT;
    bool prev_cr = false, nfc_stable = true;

    if (len == 0)
        return xstrdup("");
    if (is_plain_ascii(s, len))
        return xstrndup(s, len);

    /* 1. NULs are control characters: drop them first, since GLib's validators stop there. */
    if (memchr(s, '\0', len)) {
        size_t n = 0;
        nonul = xmalloc(len);
        for (size_t i = 0; i < len; i++)
            if (s[i] != '\0')
                nonul[n++] = s[i];
        p = nonul;
        len = n;
    }
    /* 2. Repair. g_utf8_validate accepts exactly what mn_utf8_is_valid does, minus NUL. */
    if (!g_utf8_validate(p, (gssize)len, NULL)) {
        valid = g_utf8_make_valid(p, (gssize)len);
        if (repaired)
            *repaired = true;
        p = valid;
        len = strlen(valid);
    }
    /* 3. Map character by character; p is valid UTF-8 now. */
    mn_buf_init(&mapped, len + 1);
    for (const char *q = p, *end = p + len; q < end; q = g_utf8_next_char(q)) {
        gunichar c = g_utf8_get_char(q);
        map_char(&mapped, c, &prev_cr);
        if (!is_nfc_stable(c))
            nfc_stable = false;
    }
    free(nonul);
    g_free(valid);
    if (nfc_stable)
        return mn_buf_detach(&mapped, NULL);

    /* 4. NFC. Valid input never makes g_utf8_normalize return NULL; be robust anyway. */
    nfc = g_utf8_normalize(mapped.buf, (gssize)mapped.len, G_NORMALIZE_NFC);
    if (!nfc)
        return mn_buf_detach(&mapped, NULL);
    mn_buf_release(&mapped);
    out = xstrdup(nfc);
    g_free(nfc);
    return out;
}
