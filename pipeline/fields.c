/* fields.c: Danish dates, times and participant lists (see fields.h).
 *
 * Participant lists come as "A (X), B og C (begge Y)" on one line, or one person a line
 * ("Lolan Ottesen (A) - formand"). We split at top-level commas, semicolons, newlines and
 * " og " (never inside parentheses, where affiliations such as "Familie- og Beskæftigelse"
 * live), then read each person's parentheses: a leading role (formand, ...), a trailing
 * "/ref.", a remark after ';' or one that reads like one (note), "begge/alle Y" shared
 * by the people since the last parenthesis, the rest the affiliation. */
#include "fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "buf.h"
#include "doc.h"
#include "rules.h"

static int month_number(const char *s, size_t n)
{
    static const char *const names[] = {"jan", "feb", "mar", "apr", "maj", "jun",
                                        "jul", "aug", "sep", "okt", "nov", "dec"};
    if (n >= 1 && mn_isdigit((unsigned char)s[0])) {
        int v = 0;
        for (size_t i = 0; i < n && i < 2 && mn_isdigit((unsigned char)s[i]); i++)
            v = v * 10 + (s[i] - '0');
        return v;
    }
    if (n < 3)
        return 0;
    char low[4];
    for (int i = 0; i < 3; i++)
        low[i] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
    low[3] = '\0';
    for (int i = 0; i < 12; i++)
        if (strcmp(low, names[i]) == 0)
            return i + 1;
    /* the two English months that start otherwise ([date english]) */
    if (strcmp(low, "may") == 0)
        return 5;
    if (strcmp(low, "oct") == 0)
        return 10;
    return 0;
}

static int group_int(const struct mn_match *m, const char *name, int dflt)
{
    const char *s;
    size_t n;
    if (!mn_match_group(m, name, &s, &n) || n == 0 || n > 4)
        return dflt;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (!mn_isdigit((unsigned char)s[i]))
            return dflt;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* ---- OCR tolerance (issue 14) ----
 * Scans read "12. maj 2016, kl. 9.00" as "12. måj:2016, kl::9.00" or "12,05,2016 kl. 9,00":
 * when the rules find nothing in a line, they are tried once more on a copy with such marks
 * normalised. A clean line is never changed, so text layers parse as before. */

static const char *const month_names[] = {"januar", "februar", "marts", "april", "maj", "juni",
                                          "juli", "august", "september", "oktober",
                                          "november", "december"};

static bool is_mark(char c)
{
    return c == '.' || c == ':' || c == ';' || c == ',';
}

/* Levenshtein distance of two short ASCII strings, capped at 2. */
static int small_distance(const char *a, size_t na, const char *b, size_t nb)
{
    int d[16][16];
    if (na >= 16 || nb >= 16 || (na > nb ? na - nb : nb - na) > 1)
        return 2;
    for (size_t i = 0; i <= na; i++)
        d[i][0] = (int)i;
    for (size_t j = 0; j <= nb; j++)
        d[0][j] = (int)j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++) {
            int c = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < c)
                c = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < c)
                c = d[i][j - 1] + 1;
            d[i][j] = c;
        }
    return d[na][nb] > 2 ? 2 : d[na][nb];
}

/* A word read for a month name: diacritics a scan adds or loses folded ("måj"), or one
 * letter off in a name of five letters or more ("auqust"). NULL when it is none. */
static const char *month_word(const char *w, size_t n)
{
    char fold[16];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof fold - 1;) {
        gunichar c = g_unichar_tolower(g_utf8_get_char(w + i));
        i = (size_t)(g_utf8_next_char(w + i) - w);
        c = c == 0xE5 || c == 0xE6 || c == 0xE4 || c == 0xE0 ? 'a' : c == 0xF8 || c == 0xF6 ? 'o' : c;
        if (c >= 0x80)
            return NULL;
        fold[k++] = (char)c;
    }
    fold[k] = '\0';
    for (size_t m = 0; m < MN_ARRAY_SIZE(month_names); m++) {
        size_t len = strlen(month_names[m]);
        if ((k == len || k == 3) && strncmp(fold, month_names[m], k) == 0)
            return month_names[m];
        if (len >= 5 && k >= 5 && small_distance(fold, k, month_names[m], len) == 1)
            return month_names[m];
    }
    return NULL;
}

/* The normalised copy of 's' (free with free()), or NULL when there is nothing to change:
 * runs of marks become one ("kl::" "12.."), "kl:" "kl;" "kl," become "kl.", a mark between a
 * month name and the year or between the day and the month name becomes ". " or " ", a comma
 * or semicolon between digits a dot ("9,00"), and a misread month name its own spelling. */
char *mn_fields_ocr_tolerant(const char *s)
{
    struct mn_buf b = MN_BUF_INIT;
    bool changed = false;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (is_mark((char)c)) {
            size_t j = i + 1;
            while (j < n && is_mark(s[j]))
                j++;
            bool digit_before = i > 0 && mn_isdigit((unsigned char)s[i - 1]);
            bool digit_after = j < n && mn_isdigit((unsigned char)s[j]);
            bool kl = i >= 2 && (s[i - 2] == 'k' || s[i - 2] == 'K') &&
                      (s[i - 1] == 'l' || s[i - 1] == 'L') && (i == 2 || !g_ascii_isalpha(s[i - 3]));
            char out = (char)c;
            if (kl)
                out = '.';
            else if (digit_before && digit_after && (c == ',' || c == ';'))
                out = '.';
            if (j - i > 1 || out != (char)c)
                changed = true;
            mn_buf_addch(&b, out);
            /* "12:maj", "12.maj" → "12. maj"; "maj:2016" → "maj 2016" */
            const char *w = s + j;
            while (*w == ' ')
                w++;
            size_t wl = 0;
            while (w[wl] && g_unichar_isalpha(g_utf8_get_char(w + wl)))
                wl = (size_t)(g_utf8_next_char(w + wl) - w);
            if (digit_before && wl >= 3 && month_word(w, wl)) {
                if (out != '.') {
                    mn_buf_setlen(&b, b.len - 1);
                    mn_buf_addch(&b, '.');
                    changed = true;
                }
                if (w == s + j) { /* no space yet */
                    mn_buf_addch(&b, ' ');
                    changed = true;
                }
            }
            i = j;
            continue;
        }
        if (g_unichar_isalpha(g_utf8_get_char(s + i)) &&
            (i == 0 || !g_unichar_isalpha(g_utf8_get_char(g_utf8_prev_char(s + i))))) {
            size_t wl = 0;
            while (i + wl < n && g_unichar_isalpha(g_utf8_get_char(s + i + wl)))
                wl = (size_t)(g_utf8_next_char(s + i + wl) - (s + i));
            const char *m = wl >= 3 ? month_word(s + i, wl) : NULL;
            /* after the day: a digit, then only marks and spaces (at most two) */
            bool after_day = false;
            for (size_t k = 1; k <= 3 && k <= i && !after_day; k++) {
                char p = s[i - k];
                if (mn_isdigit((unsigned char)p))
                    after_day = k > 1;
                else if (p != ' ' && !is_mark(p))
                    break;
            }
            bool after_digit = i >= 1 && mn_isdigit((unsigned char)s[i - 1]);
            if (m && (after_day || after_digit)) {
                if (after_digit)
                    mn_buf_adds(&b, ". ");
                bool exact = strlen(m) == wl && g_ascii_strncasecmp(s + i, m, wl) == 0;
                bool abbrev = wl == 3 && g_ascii_strncasecmp(s + i, m, 3) == 0;
                if (exact || abbrev) {
                    mn_buf_add(&b, s + i, wl);
                } else {
                    mn_buf_adds(&b, m);
                    changed = true;
                }
                changed = changed || after_digit;
                /* "maj:2016" and "maj2016" */
                size_t j = i + wl;
                if (j < n && (s[j] == ':' || s[j] == ';' || s[j] == ',') && j + 1 < n &&
                    mn_isdigit((unsigned char)s[j + 1])) {
                    mn_buf_addch(&b, ' ');
                    j++;
                    changed = true;
                } else if (j < n && mn_isdigit((unsigned char)s[j])) {
                    mn_buf_addch(&b, ' ');
                    changed = true;
                }
                i = j;
                continue;
            }
            mn_buf_add(&b, s + i, wl);
            i += wl;
            continue;
        }
        mn_buf_addch(&b, (char)c);
        i++;
    }
    if (!changed) {
        mn_buf_release(&b);
        return NULL;
    }
    return mn_buf_detach(&b, NULL);
}

static bool date_strict(const struct mn_rules *rules, const char *s, char iso[11]);
static bool time_strict(const struct mn_rules *rules, const char *s, char start[6], char end[6]);

bool mn_fields_date(const struct mn_rules *rules, const char *s, char iso[11])
{
    if (date_strict(rules, s, iso))
        return true;
    char *t = mn_fields_ocr_tolerant(s);
    bool ok = t && date_strict(rules, t, iso);
    free(t);
    return ok;
}

bool mn_fields_time(const struct mn_rules *rules, const char *s, char start[6], char end[6])
{
    char *t = mn_fields_ocr_tolerant(s);
    /* the copy first when it differs: "kl::9.00-11.30" would give the strict rules only a
     * part of the range */
    bool ok = (t && time_strict(rules, t, start, end)) || time_strict(rules, s, start, end);
    free(t);
    return ok;
}

static bool date_strict(const struct mn_rules *rules, const char *s, char iso[11])
{
    struct mn_match m;
    bool ok = false;
    mn_match_init(&m);
    size_t n = mn_rules_count(rules, "date");
    for (size_t i = 0; i < n && !ok; i++) {
        const struct mn_rule *r = mn_rules_get(rules, "date", i);
        if (mn_rule_match(r, s, strlen(s), &m) != 1)
            continue;
        const char *ms;
        size_t mlen;
        int day = group_int(&m, "day", 0), year = group_int(&m, "year", 0), month = 0;
        if (mn_match_group(&m, "month", &ms, &mlen))
            month = month_number(ms, mlen);
        if (year < 100)
            year += year < 70 ? 2000 : 1900;
        if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2199)
            continue;
        if (!g_date_valid_dmy((GDateDay)day, (GDateMonth)month, (GDateYear)year))
            continue;
        char tmp[48];
        snprintf(tmp, sizeof tmp, "%04d-%02d-%02d", year, month, day);
        memcpy(iso, tmp, 10);
        iso[10] = '\0';
        ok = true;
    }
    mn_match_release(&m);
    return ok;
}

static bool time_strict(const struct mn_rules *rules, const char *s, char start[6], char end[6])
{
    struct mn_match m;
    bool ok = false;
    start[0] = end[0] = '\0';
    mn_match_init(&m);
    size_t n = mn_rules_count(rules, "time");
    for (size_t i = 0; i < n && !ok; i++) {
        const struct mn_rule *r = mn_rules_get(rules, "time", i);
        if (mn_rule_match(r, s, strlen(s), &m) != 1)
            continue;
        int h1 = group_int(&m, "h1", -1), m1 = group_int(&m, "m1", 0);
        int h2 = group_int(&m, "h2", -1), m2 = group_int(&m, "m2", 0);
        if (h1 < 0 || h1 > 24 || m1 > 59)
            continue;
        char tmp[48];
        snprintf(tmp, sizeof tmp, "%02d:%02d", h1 % 24, m1);
        memcpy(start, tmp, 6);
        if (h2 >= 0 && h2 <= 24 && m2 <= 59) {
            snprintf(tmp, sizeof tmp, "%02d:%02d", h2 % 24, m2);
            memcpy(end, tmp, 6);
        } else {
            /* start and end given as separate fields ("Start 16:30 ... Slut 18:00") */
            size_t a, b;
            mn_match_span(&m, &a, &b);
            char later[6], none[6];
            if (b > a && s[b] && time_strict(rules, s + b, later, none))
                memcpy(end, later, 6);
        }
        ok = true;
    }
    mn_match_release(&m);
    return ok;
}

static char *trim_dup(const char *a, const char *b)
{
    while (a < b && (mn_isspace((unsigned char)*a) || *a == ',' || *a == '.'))
        a++;
    while (b > a && (mn_isspace((unsigned char)b[-1]) || b[-1] == ','))
        b--;
    return xstrndup(a, (size_t)(b - a));
}

/* Applies a rule that captures 'group' to 's': on a match, *value gets the group and the
 * match is cut out of 's' (in place). */
static bool take(const struct mn_rules *rules, const char *kind, const char *group, char *s,
                 char **value, struct mn_match *m)
{
    if (!mn_rules_match_kind(rules, kind, s, strlen(s), m))
        return false;
    size_t a, b;
    mn_match_span(m, &a, &b);
    char *v = mn_match_dup(m, group);
    if (!v)
        return false;
    free(*value);
    *value = v;
    memmove(s + a, s + b, strlen(s + b) + 1);
    return true;
}

static void set_empty_null(char **s)
{
    if (*s) {
        char *t = trim_dup(*s, *s + strlen(*s));
        free(*s);
        *s = *t ? t : NULL;
        if (!*s)
            free(t);
    }
}

/* Reads what stood in one person's parentheses. 'shared' is set when the text says the
 * affiliation is shared ("begge Y"). */
static void read_paren(const struct mn_rules *rules, const char *text, struct mn_person *p,
                       bool *shared, struct mn_match *m)
{
    char *s = xstrdup(text);
    char *semi = strchr(s, ';');
    if (semi) {
        *semi = '\0';
        free(p->note);
        p->note = trim_dup(semi + 1, semi + strlen(semi + 1) + 1);
    }
    take(rules, "role", "role", s, &p->role, m);
    char *sh = NULL;
    if (take(rules, "shared", "value", s, &sh, m)) {
        *shared = true;
        free(s);
        s = sh;
        take(rules, "role", "role", s, &p->role, m);
    }
    char *t = trim_dup(s, s + strlen(s));
    free(s);
    if (*t && mn_rules_match_kind(rules, "note", t, strlen(t), m) && !p->note) {
        p->note = t;
    } else {
        free(p->affiliation);
        p->affiliation = t;
    }
    set_empty_null(&p->affiliation);
    set_empty_null(&p->role);
    set_empty_null(&p->note);
}

/* "Anne Hansen	A" (a table row, its tab folded to a space): a last word of one to three
 * capitals after a name of two words or more is the party letter, not part of the name. It
 * is cut off 'name' and returned (free), else NULL. Middle initials stand before the last
 * name ("Jens A. Hansen") and keep their dot. */
static char *trailing_party(char *name)
{
    size_t n = strlen(name);
    while (n > 0 && mn_isspace((unsigned char)name[n - 1]))
        name[--n] = '\0';
    size_t k = n, letters = 0;
    while (k > 0 && !mn_isspace((unsigned char)name[k - 1])) {
        unsigned char c = (unsigned char)name[k - 1];
        /* ASCII capitals, and the two bytes of Æ Ø Å (C3 86 / C3 98 / C3 85) */
        if (mn_isupper_ascii(c))
            letters++;
        else if ((c == 0x86 || c == 0x98 || c == 0x85) && k >= 2 &&
                 (unsigned char)name[k - 2] == 0xC3)
            letters++, k--;
        else
            return NULL;
        k--;
    }
    if (letters == 0 || letters > 3 || k == 0)
        return NULL;
    size_t words = 1;
    for (size_t i = 0; i + 1 < k; i++)
        words += mn_isspace((unsigned char)name[i]) && !mn_isspace((unsigned char)name[i + 1]);
    if (words < 2)
        return NULL;
    char *party = xstrdup(name + k);
    while (k > 0 && mn_isspace((unsigned char)name[k - 1]))
        k--;
    name[k] = '\0';
    return party;
}

static void add_person(const struct mn_rules *rules, const char *a, const char *b,
                       struct mn_people *out, size_t *since, struct mn_match *m)
{
    /* a list of people set as bullets ("• Arne Bech"): the glyph clean gave every bullet */
    static const char bullet[] = "\u2022";
    while (a < b && mn_isspace((unsigned char)*a))
        a++;
    if ((size_t)(b - a) >= sizeof bullet - 1 && memcmp(a, bullet, sizeof bullet - 1) == 0)
        a += sizeof bullet - 1;
    char *raw = trim_dup(a, b);
    for (char *p = raw; *p; p++)
        if (*p == '\n') /* a line break inside a parenthesis is a wrapped line */
            *p = ' ';
    /* "Fraværende: Ingen": nobody */
    if (!*raw || mn_rules_match_kind(rules, "nothing", raw, strlen(raw), m)) {
        free(raw);
        return;
    }
    /* "Jens Hansen (V), deltog fra punkt 3": a remark after the comma is the last person's */
    struct mn_person *prev = out->n > 0 ? &out->v[out->n - 1] : NULL;
    const struct mn_rule *note =
        prev && !prev->note ? mn_rules_match_kind(rules, "note", raw, strlen(raw), m) : NULL;
    if (note && (!strchr(raw, '(') || strcmp(mn_rule_name(note), "substitute") == 0)) {
        prev->note = mn_match_dup_or(m, "note", raw);
        free(raw);
        return;
    }
    struct mn_person p = {0};
    bool shared = false;
    /* the parenthesis, if any */
    char *open = strchr(raw, '(');
    char *close = open ? strrchr(open, ')') : NULL;
    char *after = NULL;
    /* a parenthesis left open to the end ("Alice Kiander (Samrådet"): it closes there */
    bool unclosed = open && !close && !strchr(open + 1, '(');
    if (open && (close || unclosed)) {
        if (close)
            *close = '\0';
        else
            close = open + strlen(open) - 1; /* 'after' is then empty */
        read_paren(rules, open + 1, &p, &shared, m);
        after = xstrdup(close + 1);
        *open = '\0';
        /* "... (begge Y)." ends the sentence: the full stop is no part of a name */
        size_t al = strlen(after);
        while (al > 0 && (after[al - 1] == '.' || mn_isspace((unsigned char)after[al - 1])))
            after[--al] = '\0';
    }
    /* a role after the name or the parenthesis: "X (A) - formand", "X / ref." */
    struct mn_buf tail = MN_BUF_INIT;
    mn_buf_adds(&tail, raw);
    if (after) {
        mn_buf_addch(&tail, ' ');
        mn_buf_adds(&tail, after);
    }
    char *name = mn_buf_detach(&tail, NULL);
    char *role = NULL;
    if (take(rules, "role", "role", name, &role, m) && !p.role)
        p.role = role;
    else
        free(role);
    if (!open && !p.affiliation)
        p.affiliation = trailing_party(name);
    p.name = trim_dup(name, name + strlen(name));
    free(name);
    free(after);
    free(raw);
    /* "Peter Jacobsen (O), 1. næstformand- afbud": what is left after the role is a remark */
    if (p.role && *p.name && !p.note) {
        const char *rest = p.name + strspn(p.name, "-\xe2\x80\x93 ");
        if (*rest && mn_rules_match_kind(rules, "note", rest, strlen(rest), m)) {
            p.note = mn_match_dup_or(m, "note", rest);
            p.name[0] = '\0';
        }
    }
    if (!*p.name) {
        /* "Jens Hansen (A), formand": the role after the comma is the last person's */
        struct mn_person *last = out->n > 0 ? &out->v[out->n - 1] : NULL;
        if (last && p.note && !last->note) {
            last->note = p.note;
            p.note = NULL;
        }
        if (last && p.role && !last->role) {
            last->role = p.role;
            p.role = NULL;
        }
        if (!p.role) {
            mn_person_release(&p);
            return;
        }
        free(p.name); /* a role with no one to carry it: kept, as the entry's name */
        p.name = p.role;
        p.role = NULL;
    }
    MN_GROW(out->v, out->n + 1, out->alloc);
    out->v[out->n++] = p;
    if (shared) {
        /* "B og C (begge Y)": every person since the last parenthesis shares Y and role */
        struct mn_person *last = &out->v[out->n - 1];
        for (size_t i = *since; i + 1 < out->n; i++) {
            free(out->v[i].affiliation);
            out->v[i].affiliation = last->affiliation ? xstrdup(last->affiliation) : NULL;
            if (last->role && !out->v[i].role)
                out->v[i].role = xstrdup(last->role);
        }
    }
    if (open && close)
        *since = out->n;
}

void mn_fields_people(const struct mn_rules *rules, const char *s, struct mn_people *out)
{
    struct mn_match m;
    mn_match_init(&m);
    size_t since = out->n;
    int depth = 0;
    const char *start = s;
    for (const char *p = s;; p++) {
        bool split = false;
        size_t skip = 1;
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth > 0)
            depth--;
        if (*p == '\0') {
            split = true;
        } else if (depth == 0 && (*p == ',' || *p == ';' || *p == '\n' || *p == '\t')) {
            split = true;
        } else if (depth == 0 && strncmp(p, " og ", 4) == 0) {
            split = true;
            skip = 4;
        } else if (*p == '\n' && depth > 0) {
            /* a parenthesis left open at a line's end ("Alice Kiander (Samrådet" / "Signe
             * Buch (Aftenskolen)"): closed there, unless the next line closes it first (a
             * wrapped remark) */
            size_t close = strcspn(p + 1, ")\n"), open = strcspn(p + 1, "(\n");
            if (p[1 + close] != ')' || open < close) {
                split = true;
                depth = 0;
            }
        }
        if (!split)
            continue;
        add_person(rules, start, p, out, &since, &m);
        if (*p == '\0')
            break;
        start = p + skip;
        p += skip - 1;
    }
    mn_match_release(&m);
}
