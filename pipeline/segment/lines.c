/* segment/lines.c: see lines.h. */
#include "segment/lines.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "doc.h"
#include "rules.h"
#include "utf8.h"
#include "util.h"

bool seg_match(const struct mn_rules *r, const char *kind, const char *s, struct mn_match *m)
{
    return mn_rules_match_kind(r, kind, s, strlen(s), m) != NULL;
}

/* A match of 'kind' that starts where 's' starts. */
bool seg_match_at_start(const struct mn_rules *r, const char *kind, const char *s,
                           struct mn_match *m)
{
    size_t start = 1, end = 0;
    if (!seg_match(r, kind, s, m))
        return false;
    mn_match_span(m, &start, &end);
    return start == 0;
}

bool seg_is_bullet(const char *s)
{
    return strncmp(s, SEG_BULLET, SEG_BULLET_LEN) == 0;
}

size_t seg_paren_number_len(const char *s)
{
    size_t i = 0;
    while (i < 2 && mn_isdigit((unsigned char)s[i]))
        i++;
    return i > 0 && s[i] == ')' && s[i + 1] == ' ' ? i + 2 : 0;
}

bool seg_leads_into_list(const char *s, size_t n)
{
    return n > 0 && (s[n - 1] == ':' || s[n - 1] == ',' ||
                     ((n == 2 || (n > 2 && s[n - 3] == ' ')) && strncmp(s + n - 2, "at", 2) == 0));
}

char *seg_tabs_to_spaces(char *s)
{
    for (char *p = s; *p; p++)
        if (*p == '\t')
            *p = ' ';
    return s;
}

bool seg_ends_sentence(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == ' ')
        n--;
    return n > 0 && strchr(".:!?", s[n - 1]);
}

bool seg_starts_upper(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    /* ASCII capital, or a Latin-1 supplement capital (Æ Ø Å: C3 86/98/85 ...) */
    return mn_isupper_ascii(c) || (c == 0xC3 && (unsigned char)s[1] >= 0x80 &&
                                   (unsigned char)s[1] <= 0x9E) ||
           mn_isdigit(c) || c == '"' || c == 0xE2;
}

bool seg_starts_lower(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    /* ASCII small letter, or a Latin-1 supplement small letter (æ ø å: C3 A6/B8/A5 ...) */
    return mn_islower_ascii(c) || (c == 0xC3 && (unsigned char)s[1] >= 0xA0);
}

size_t seg_cp_len(const char *s)
{
    return mn_utf8_strlen(s, strlen(s));
}

/* The first line at or after i, before 'to', that is not blank; 'to' when none. */
size_t seg_next_nonblank(const struct mn_lines *l, size_t i, size_t to)
{
    while (i < to && !l->v[i].text[0])
        i++;
    return i;
}

/* A line that reads like one person of a list: "Karin Olsen (V)", "Per Hansen - formand",
 * "Lone Becker": capitalised words, short, no sentence. */
bool seg_person_like(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 90 || !seg_starts_upper(s) || s[n - 1] == '.' || s[n - 1] == ':')
        return false;
    /* one person: no comma between people, at most one parenthesis, and it closes */
    int depth = 0, parens = 0;
    for (const char *p = s; *p; p++) {
        if (*p == '(')
            depth++, parens++;
        else if (*p == ')' && depth > 0)
            depth--;
        else if (depth == 0 && (*p == ',' || *p == ';'))
            return false;
    }
    if (depth > 1 || parens > 1)
        return false;
    /* "Alice Kiander (Børne- og Ungdomsorganisationernes Samråd": a parenthesis left open at
     * the line's end, after a name of capitalised words */
    const char *open = depth ? strchr(s, '(') : NULL;
    if (parens == 1 && !open)
        return true;
    int words = 0, capital = 0;
    for (const char *p = s; *p;) {
        while (*p == ' ')
            p++;
        if (!*p || (open && p >= open))
            break;
        words++;
        capital += seg_starts_upper(p);
        while (*p && *p != ' ')
            p++;
    }
    if (open)
        return words >= 2 && words <= 4 && capital == words;
    return words >= 2 && words <= 5 && capital >= words - 1;
}

void seg_append(char **f, const char *s, const char *sep)
{
    struct mn_buf b = MN_BUF_INIT;
    if (*f && **f) {
        mn_buf_adds(&b, *f);
        mn_buf_adds(&b, sep);
    }
    mn_buf_adds(&b, s);
    free(*f);
    *f = mn_buf_detach(&b, NULL);
}

void seg_unplaced(struct mn_buf *u, const char *s, bool new_para)
{
    if (u->len && u->len < SEG_MAX_UNPLACED)
        mn_buf_adds(u, new_para ? "\n\n" : " ");
    if (u->len < SEG_MAX_UNPLACED)
        mn_buf_adds(u, s);
}
