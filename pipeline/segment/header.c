/* segment/header.c: the header block (see header.h). */
#include "segment/header.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "doc.h"
#include "fields.h"
#include "rules.h"
#include "utf8.h"
#include "segment/kind.h"
#include "segment/lines.h"
#include "util.h"

enum { F_BODY, F_TIME, F_END, F_PLACE, F_PEOPLE, F_ABSENT, NFIELDS };

/* Where a field's value came from: a value after its label wins over one read from the title
 * line or from a line's position in the block. */
enum source { FROM_NONE, FROM_TITLE, FROM_POSITION, FROM_LABEL };

static const size_t NONE = (size_t)-1;

struct header {
    char *fields[NFIELDS];        /* body, time, end time, place, participants, absent */
    enum source source[NFIELDS];
    char *kind;                   /* from the title line */
    int last_field;               /* index being continued, -1 none */
    bool label_only;              /* the label stood alone: values follow, one per line */
    bool waiting;                 /* ... and none has come yet */
    bool roster;                  /* the people came under the body's roster ("Medlemmer") */
};

static const char *const field_names[] = {"body", "time", "end", "place", "participants", "absent"};

static int field_index(const char *name)
{
    for (int i = 0; i < NFIELDS; i++)
        if (strcmp(field_names[i], name) == 0)
            return i;
    return -1;
}

/* "Word: value", up to three words before the colon: a label the rules do not know; its line
 * starts a field of its own rather than continuing the one above. */
static bool looks_labelled(const char *s)
{
    if (!seg_starts_upper(s))
        return false;
    const char *colon = strchr(s, ':');
    if (!colon || colon - s > 30 || (colon[1] != ' ' && colon[1] != '\t' && colon[1] != '\0'))
        return false;
    int spaces = 0;
    for (const char *q = s; q < colon; q++) {
        if (*q == ' ')
            spaces++;
        else if (*q == ',' || *q == '(' || *q == ')' || mn_isdigit((unsigned char)*q))
            return false;
    }
    return spaces <= 2; /* "Mødeleder:", "Fraværende med afbud:" */
}

/* "til", "for", "fra", "af" alone on a line (any case) */
static bool is_title_preposition(const char *s)
{
    static const char *const words[] = {"til", "for", "fra", "af"};
    for (size_t k = 0; k < MN_ARRAY_SIZE(words); k++)
        if (strcasecmp(s, words[k]) == 0)
            return true;
    return false;
}

static int count_words(const char *s)
{
    int n = 0;
    for (const char *p = s; *p; p++)
        n += *p != ' ' && *p != '\t' && (p == s || p[-1] == ' ' || p[-1] == '\t');
    return n;
}

/* A number of people rather than their names: "19 medlemmer", "ca. 40 personer", "31". */
static bool is_head_count(const char *s)
{
    if (strncmp(s, "ca. ", 4) == 0)
        s += 4;
    if (!mn_isdigit((unsigned char)*s))
        return false;
    while (mn_isdigit((unsigned char)*s))
        s++;
    int words = 0;
    for (const char *p = s; *p; p++)
        words += *p == ' ' && p[1] && p[1] != ' ' && p[1] != '(';
    return !strchr(s, ',') && words <= 1;
}

/* The one year (1900-2099) the header lines [0, to) name, as "2024"; false when they name
 * none or several. */
static bool header_year(const struct mn_lines *l, size_t to, char year[5])
{
    year[0] = '\0';
    for (size_t i = 0; i < to; i++) {
        const char *s = l->v[i].text;
        for (size_t k = 0; s[k]; k++) {
            if (!((s[k] == '1' && s[k + 1] == '9') || (s[k] == '2' && s[k + 1] == '0')) ||
                !mn_isdigit((unsigned char)s[k + 2]) || !mn_isdigit((unsigned char)s[k + 3]) ||
                mn_isdigit((unsigned char)s[k + 4]) || (k > 0 && mn_isdigit((unsigned char)s[k - 1])))
                continue;
            if (year[0] && strncmp(year, s + k, 4) != 0)
                return false;
            memcpy(year, s + k, 4);
            year[4] = '\0';
        }
    }
    return year[0] != '\0';
}

/* The first place in 's' where the ASCII word 'w' (lower case) stands, in any case; NULL when
 * nowhere. */
static const char *find_word_ci(const char *s, const char *w)
{
    size_t n = strlen(w);
    for (; *s; s++)
        if (strncasecmp(s, w, n) == 0)
            return s;
    return NULL;
}

/* A date written without its year ("Tirsdag den 20. februar kl. 20.00") under a header that
 * names one year ("Februar 2024"): 'text' with the year put after the month's name, in a
 * new string, or NULL when there is no "<day>. <month>" in it. */
static char *date_with_year(const char *text, const char *year)
{
    static const char *const months[] = {"januar", "februar", "marts", "april", "maj", "juni",
                                          "juli", "august", "september", "oktober", "november",
                                          "december"};
    for (size_t k = 0; k < MN_ARRAY_SIZE(months); k++) {
        size_t ml = strlen(months[k]);
        for (const char *p = text; (p = find_word_ci(p, months[k])); p += ml) {
            const char *q = p;
            while (q > text && q[-1] == ' ')
                q--;
            if (q > text && q[-1] == '.')
                q--;
            if (q == text || !mn_isdigit((unsigned char)q[-1]) || mn_islower_ascii((unsigned char)p[ml]) || mn_isupper_ascii((unsigned char)p[ml]))
                continue;
            struct mn_buf b = MN_BUF_INIT;
            mn_buf_add(&b, text, (size_t)(p - text) + ml);
            mn_buf_addf(&b, " %s", year);
            mn_buf_adds(&b, p + ml);
            return mn_buf_detach(&b, NULL);
        }
    }
    return NULL;
}

/* A line that goes on with a list of names: most of its comma-separated parts read like a
 * person ("Abel, Maria Witthøft, Anne Marie Lyduch"), and it is no sentence. */
static bool names_line(const char *s)
{
    if (seg_ends_sentence(s) && s[strlen(s) - 1] != ':' && !strchr(s, ','))
        return false;
    int parts = 0, people = 0;
    char *copy = xstrdup(s);
    for (char *save = NULL, *part = strtok_r(copy, ",;", &save); part;
         part = strtok_r(NULL, ",;", &save)) {
        while (*part == ' ')
            part++;
        size_t n = strlen(part);
        while (n > 0 && (part[n - 1] == ' ' || part[n - 1] == '.'))
            part[--n] = '\0';
        if (n >= 3 && strcmp(part + n - 3, " og") == 0)
            part[n -= 3] = '\0';
        if (!n)
            continue;
        parts++;
        /* a surname alone at the start of a wrapped line ("Abel") counts as a name too */
        bool one_word = !strchr(part, ' ') && seg_starts_upper(part) && !mn_isdigit((unsigned char)*part);
        people += seg_person_like(part) || one_word;
    }
    free(copy);
    return parts > 0 && people * 2 >= parts + 1;
}

/* A row of people in columns ("Brigitte Jensen (F)<tab>Liselott Blixt (A)"): two cells or
 * more, each one person. */
static bool people_row(const char *s)
{
    if (!strchr(s, '\t'))
        return false;
    bool all = true;
    char *row = xstrdup(s);
    for (char *save = NULL, *cell = strtok_r(row, "\t", &save); cell && all;
         cell = strtok_r(NULL, "\t", &save)) {
        while (*cell == ' ')
            cell++;
        all = !*cell || seg_person_like(cell);
    }
    free(row);
    return all;
}

/* The value of a people field as mn_fields_people splits it: the tabs of a row of people in
 * columns stay (one person a cell), any other tab is a space. In place; returns 'v'. */
static char *people_cells(char *v)
{
    return people_row(v) ? v : seg_tabs_to_spaces(v);
}

/* Line 's', after a blank line under a bare label, is the label's value: people under a
 * people label, a short line under any other. */
/* One person and a remark on them ("Britt Jensen (A), sag 129-138", "Birgitte Glifberg (A),
 * Suppleant for Brian Møller (A)"): a name with its parenthesis, then a [note]. */
static bool person_with_remark(const struct mn_rules *rules, const char *s, struct mn_match *m)
{
    const char *close = strchr(s, ')');
    if (!close || strncmp(close + 1, ", ", 2) != 0 || strlen(s) > 160)
        return false;
    char *person = xstrndup(s, (size_t)(close + 1 - s));
    bool ok = seg_person_like(person) &&
              (seg_match(rules, "note", close + 3, m) || seg_match(rules, "role", close + 3, m));
    free(person);
    return ok;
}

static bool value_after_gap(int field, const char *s)
{
    if (field >= F_PEOPLE)
        return seg_person_like(s) || people_row(s) ||
               (strchr(s, ',') && !seg_ends_sentence(s) && strlen(s) < 400);
    return strlen(s) < 80 && !seg_ends_sentence(s);
}

/* A place line read by position, as the place: less a scanner's stray mark before it, the
 * tabs and the full stop after it. A new string. */
static char *place_text(const char *s)
{
    while (*s && strchr("|!:;,.-_ ", *s))
        s++;
    if (strncmp(s, "\xc2\xa6", 2) == 0) /* ¦ */
        s += 2;
    while (*s == ' ')
        s++;
    char *place = seg_tabs_to_spaces(xstrdup(s));
    size_t n = strlen(place);
    while (n > 0 && (place[n - 1] == '.' || place[n - 1] == ' '))
        place[--n] = '\0';
    return place;
}

/* A line that gives the time of day and nothing else: "Kl. 08:00", "kl. 16.30-18.00",
 * "Kl. 19.00 - ca. 21.30". */
static bool time_only_line(const struct mn_rules *rules, const char *s, struct mn_match *m)
{
    char iso[11], st[6], en[6];
    if (strlen(s) > 40 || mn_fields_date(rules, s, iso) || !mn_fields_time(rules, s, st, en) ||
        mn_rules_match_kind(rules, "header", s, strlen(s), m))
        return false;
    return count_words(s) <= 6;
}

/* The body's roster ("Medlemmer") names those away too: a person the header also lists as
 * absent was not there, and stays only in 'absent'. (An attendance list, "Deltagere", that
 * names someone absent is left as printed.) */
static void drop_absent(struct mn_people *present, const struct mn_people *absent)
{
    size_t kept = 0;
    for (size_t i = 0; i < present->n; i++) {
        bool away = false;
        for (size_t j = 0; j < absent->n && !away; j++)
            away = strcmp(present->v[i].name, absent->v[j].name) == 0;
        if (away)
            mn_person_release(&present->v[i]);
        else
            present->v[kept++] = present->v[i];
    }
    present->n = kept;
}

/* A person named twice in the attendance ("Deltagere: ..., Lisbeth Olesen, ..." and
 * "Referent: Lisbeth Olesen") is one participant: the later mention lends its role, note or
 * affiliation where the first has none, and goes. */
static void merge_repeated(struct mn_people *people)
{
    size_t kept = 0;
    for (size_t i = 0; i < people->n; i++) {
        struct mn_person *p = &people->v[i], *first = NULL;
        for (size_t j = 0; j < kept && !first; j++)
            if (strcmp(people->v[j].name, p->name) == 0)
                first = &people->v[j];
        if (!first) {
            people->v[kept++] = *p;
            continue;
        }
        char **from[] = {&p->role, &p->note, &p->affiliation};
        char **to[] = {&first->role, &first->note, &first->affiliation};
        for (size_t k = 0; k < 3; k++)
            if (!*to[k] && *from[k]) {
                *to[k] = *from[k];
                *from[k] = NULL;
            }
        mn_person_release(p);
    }
    people->n = kept;
}

/* An attendance list that marks who sent apologies ("Peter Jacobsen (O), 1. næstformand -
 * afbud"): those were absent. */
static void move_sent_apologies(struct mn_people *present, struct mn_people *absent)
{
    size_t kept = 0;
    for (size_t i = 0; i < present->n; i++) {
        struct mn_person *p = &present->v[i];
        if (p->note && strcasecmp(p->note, "afbud") == 0) {
            free(p->note);
            p->note = NULL;
            MN_GROW(absent->v, absent->n + 1, absent->alloc);
            absent->v[absent->n++] = *p;
        } else {
            present->v[kept++] = *p;
        }
    }
    present->n = kept;
}

/* "Regionshuset, mødelokale 4.": the sentence's full stop is no part of the place; an
 * abbreviation's is ("Rådhusvej 12, st."). */
static void drop_final_stop(char *place)
{
    size_t n = strlen(place);
    if (n < 2 || place[n - 1] != '.')
        return;
    size_t w = n - 1;
    while (w > 0 && place[w - 1] != ' ' && place[w - 1] != ',')
        w--;
    size_t len = n - 1 - w;
    bool digits = len > 0;
    for (size_t k = w; k < n - 1; k++)
        digits &= mn_isdigit((unsigned char)place[k]) != 0;
    if (digits || mn_utf8_strlen(place + w, len) >= 4)
        place[n - 1] = '\0';
}

/* Line i names a building between the room and the street ("Biblioteket" / "Greve Rådhus" /
 * "Rådhusholmen 10"): a short name with a capital and no digits, and an address right
 * under it. */
static bool building_above_address(const struct mn_rules *rules, const struct mn_lines *l,
                                   size_t i, size_t to, struct mn_match *m)
{
    const char *s = l->v[i].text;
    if (!seg_starts_upper(s) || count_words(s) > 4 || strpbrk(s, "0123456789:\t"))
        return false;
    size_t j = i + 1;
    return j < to && l->v[j].text[0] && seg_match(rules, "address", l->v[j].text, m);
}

void mn_header_read(const struct mn_rules *rules, struct mn_doc *doc, size_t to, size_t wide,
                    char **group, struct mn_kind_evidence *ev, struct mn_match *m)
{
    const struct mn_lines *l = &doc->lines;
    struct header h = {.last_field = -1};
    struct mn_buf u = MN_BUF_INIT;
    char *unlabelled_prev = NULL; /* last unlabelled line: the body, if a date line follows */
    size_t place_line = NONE;     /* the line after an unlabelled date (and time) line */
    size_t in_line = NONE;        /* the line after a labelled time line */
    size_t address_line = NONE;   /* the line after a place read by position: the address goes on */
    bool u_new_para = true;
    bool after_title = false;     /* the last line was the title ([kind]) */
    bool after_gap = false;       /* a bare label's values come after a blank line */
    for (size_t i = 0; i < to; i++) {
        const char *s = l->v[i].text;
        if (!*s) {
            /* a label standing alone above a gap ("Medlemmer" set as a heading) still waits
             * for its values ... */
            if (h.label_only && h.last_field >= 0 &&
                (h.waiting || h.last_field >= F_PEOPLE)) {
                /* ... and a list of people one a line, a blank line between them ("Medlemmer" /
                 * "" / "Bo Hilsted (A)" / "" / "Jesper Tvilde (C)"), goes on over the gaps
                 * while the lines are people */
                after_gap = true;
            } else {
                h.last_field = -1;
                h.label_only = false;
            }
            address_line = NONE;
            u_new_para = true;
            continue;
        }
        /* a title broken over lines: "Dagsorden" / "til" / "mødet i Byrådet" */
        bool title_word = after_title && is_title_preposition(s);
        after_title = false;
        if (title_word) {
            after_title = true;
            continue;
        }
        if (after_gap && h.last_field >= 0 && !value_after_gap(h.last_field, s)) {
            h.last_field = -1;
            h.label_only = false;
        }
        after_gap = false;
        const struct mn_rule *r;
        if ((r = mn_rules_match_kind(rules, "casenumber", s, strlen(s), m))) {
            free(doc->case_number);
            free(doc->document_number);
            doc->case_number = mn_match_dup(m, "case");
            doc->document_number = mn_match_dup(m, "doc");
            h.last_field = -1;
            continue;
        }
        if ((r = mn_rules_match_kind(rules, "header", s, strlen(s), m))) {
            int f = field_index(mn_rule_name(r));
            char *v = mn_match_dup(m, "value");
            if (strcmp(mn_rule_name(r), "members") == 0) {
                f = F_PEOPLE;
                h.roster = true;
            }
            if (strcmp(mn_rule_name(r), "referent") == 0) {
                /* "Referent: Anna Jensen": a participant whose role is to take the minutes */
                f = F_PEOPLE;
                if (v && *v && !strchr(v, '(')) {
                    char *withrole = xmalloc(strlen(v) + sizeof " (referent)");
                    sprintf(withrole, "%s (referent)", v);
                    free(v);
                    v = withrole;
                }
            }
            if (f == F_TIME)
                in_line = i + 1; /* "Tid: ..." / "i Byrådssalen" */
            if (f == F_BODY || f >= F_END) /* an end, a place, people, the body: a meeting's fields */
                ev->meeting_fields = true;
            /* what the title or a line's position said gives way to the label; a date read
             * from the title or by position and a labelled time of day make the time
             * together ("REFERAT Udvalget d. 14-03-2024" / "Mødetidspunkt: Kl. 08:00"), while
             * a labelled date replaces it ("... til og med den 10. februar 2016" / "Dato:
             * Onsdag den 21. august 2019") */
            char iso[11];
            bool dated = f == F_TIME && v && mn_fields_date(rules, v, iso);
            if (f >= 0 && (h.source[f] == FROM_TITLE || h.source[f] == FROM_POSITION) &&
                (f != F_TIME || dated)) {
                free(h.fields[f]);
                h.fields[f] = NULL;
            }
            if (f >= 0) {
                h.source[f] = FROM_LABEL;
                if (v && *v)
                    seg_append(&h.fields[f], f >= F_PEOPLE ? people_cells(v) : seg_tabs_to_spaces(v),
                               f >= F_PEOPLE ? ", " : " ");
                else if (!h.fields[f])
                    h.fields[f] = xstrdup("");
                h.last_field = f;
                h.label_only = !(v && *v);
                h.waiting = h.label_only;
            }
            free(v);
            continue;
        }
        if ((r = mn_rules_match_kind(rules, "kind", s, strlen(s), m))) {
            /* "meeting": a title that does not say notice or minutes (the items will) */
            if (!h.kind && strcmp(mn_rule_name(r), "meeting") != 0)
                h.kind = xstrdup(mn_rule_name(r));
            if (!ev->title_kind || strcmp(ev->title_kind, "meeting") == 0)
                ev->title_kind = mn_rule_name(r); /* the rule set outlives the segmentation */
            char *body = mn_match_dup(m, "body"); /* "Referat for Økonomiudvalget" */
            if (!body || !*body) { /* "Referat fra Skolebestyrelsesmøde": the Skolebestyrelse */
                free(body);
                body = mn_match_dup(m, "compound");
            }
            /* the body a title names outranks a line taken for it by its place above a
             * date ("Logo Toftlund Distriktsskole" / "Referat-2024-04-03") */
            if (body && *body && (!h.fields[F_BODY] || h.source[F_BODY] == FROM_POSITION)) {
                free(h.fields[F_BODY]);
                h.fields[F_BODY] = body;
                h.source[F_BODY] = FROM_TITLE;
            } else {
                free(body);
            }
            char *when = mn_match_dup(m, "when"); /* "... den 9. april 2024 kl. 8.00" */
            if (when && *when && h.source[F_TIME] == FROM_POSITION) {
                /* a title's date outranks a stray date line above it ("• den 13. januar
                 * 2022" / "Bestyrelsesmøde den 12. januar, 2022") */
                free(h.fields[F_TIME]);
                h.fields[F_TIME] = NULL;
            }
            if (when && *when && !h.fields[F_TIME]) {
                h.fields[F_TIME] = seg_tabs_to_spaces(when);
                h.source[F_TIME] = FROM_TITLE;
                /* the place on the next line, unless the title names it ("... på Søhusskolen") */
                if (!seg_match(rules, "location", h.fields[F_TIME], m))
                    place_line = seg_next_nonblank(l, i + 1, to);
            } else {
                /* the title again, said more fully ("Referat af bestyrelsesmøde 16.08.2012" /
                 * "Referat af bestyrelsesmøde d. 16. august 2012, Det Kolde Gys"): the time
                 * or place comes under the second */
                if (when && *when && h.source[F_TIME] == FROM_TITLE && !h.fields[F_PLACE])
                    place_line = seg_next_nonblank(l, i + 1, to);
                free(when);
            }
            h.last_field = -1;
            after_title = true;
            continue;
        }
        if (seg_match(rules, "group", s, m)) {
            free(*group);
            *group = mn_match_dup_or(m, "name", s);
            continue;
        }
        /* a line with a label of its own ("Mødeleder: ...") continues no field; a role is no
         * such label ("Deltagere:" / "Formand: Jens Hansen (A)") */
        if (h.last_field >= 0 && looks_labelled(s) && !seg_match(rules, "role", s, m))
            h.last_field = -1;
        /* one person (or a row of them) a line after "Deltagere: First Person (A)": the list
         * goes on */
        if (h.last_field >= F_PEOPLE && !h.label_only && i > 0 && (seg_person_like(s) || people_row(s))) {
            const char *prev = l->v[i - 1].text;
            size_t pl = strlen(prev);
            if (pl > 0 && (prev[pl - 1] == ')' || seg_person_like(prev) || people_row(prev)))
                h.label_only = true;
        }
        /* a value wraps onto the next line only when its line was full, or it plainly goes on */
        if (h.last_field >= 0 && !h.label_only && i > 0) {
            const char *prev = l->v[i - 1].text;
            size_t pl = strlen(prev);
            bool full = wide == 0 || seg_cp_len(prev) * 10 >= wide * 7;
            bool goes_on = pl > 0 && (prev[pl - 1] == ',' || prev[pl - 1] == '-');
            /* a list of people broken mid-list: the line ends in a name or a comma, and the
             * next one goes on with names (not the unnumbered titles of a table of contents) */
            if (h.last_field >= F_PEOPLE && pl > 0 && !strchr(".)", prev[pl - 1]) && names_line(s))
                goes_on = true;
            if (!full && !goes_on && seg_starts_upper(s))
                h.last_field = -1;
        }
        /* under a bare people label the names end where a line is no name ("4<tab>Lokalplan
         * ...", a table of contents' entry) */
        if (h.last_field >= F_PEOPLE && h.label_only && !seg_person_like(s) && !people_row(s) &&
            !names_line(s) && !person_with_remark(rules, s, m))
            h.last_field = -1;
        if (h.last_field >= 0) {
            /* a value wrapped over lines, or one person (a row of people) a line under a bare
             * label */
            bool people = h.last_field >= F_PEOPLE;
            const char *sep = people && h.label_only ? "\n" : " ";
            char *v = xstrdup(s);
            seg_append(&h.fields[h.last_field], people ? people_cells(v) : seg_tabs_to_spaces(v), sep);
            free(v);
            h.waiting = false;
            continue;
        }
        if (!h.fields[F_PLACE] && (i == place_line || i == in_line) &&
            seg_match_at_start(rules, "location", s, m)) {
            /* the line under the date line is a place ("i Mødecenter C"); not a time line
             * ending in one, nor a line of prose that starts with "i" further down */
            h.fields[F_PLACE] = mn_match_dup(m, "value");
            h.source[F_PLACE] = FROM_POSITION;
            address_line = i + 1;
            continue;
        }
        char iso[11], st[6], en[6];
        if (i == place_line && h.source[F_TIME] == FROM_TITLE &&
            (mn_fields_date(rules, s, iso) || mn_fields_time(rules, s, st, en))) {
            /* under a dated title a second date or time line ("Skolebestyrelsesmøde den 25.
             * maj kl. 18.30-21.00"): the time of the meeting, not its place */
            char *v = seg_tabs_to_spaces(xstrdup(s));
            seg_append(&h.fields[F_TIME], v, ", ");
            free(v);
            place_line = seg_next_nonblank(l, i + 1, to);
            continue;
        }
        if (!h.fields[F_PLACE] && i == place_line && strlen(s) < 120 && count_words(s) <= 8 &&
            !(!h.fields[F_BODY] && seg_match(rules, "body", s, m))) {
            /* a header without labels: the line under the date line names the place (less
             * a scanner's stray mark before it and the full stop after it) */
            h.fields[F_PLACE] = place_text(s);
            h.source[F_PLACE] = FROM_POSITION;
            address_line = i + 1;
            continue;
        }
        if (i == address_line && h.source[F_PLACE] == FROM_POSITION && strlen(s) < 120 &&
            (seg_match(rules, "address", s, m) || building_above_address(rules, l, i, to, m))) {
            /* the place goes on over the lines under it: "Biblioteket" / "Rådhusholmen 10" /
             * "2670 Greve" */
            char *part = place_text(s);
            seg_append(&h.fields[F_PLACE], part, ", ");
            free(part);
            address_line = i + 1;
            continue;
        }
        /* a date line, or a day and a time without the year ("Mandag d.16. februar kl. 19.30") */
        if (!h.fields[F_TIME] && (mn_fields_date(rules, s, iso) ||
                                  (strlen(s) < 80 && mn_fields_time(rules, s, st, en)))) {
            h.fields[F_TIME] = seg_tabs_to_spaces(xstrdup(s));
            h.source[F_TIME] = FROM_POSITION;
            place_line = seg_next_nonblank(l, i + 1, to);
            /* the time of day on the line under the date ("Onsdag den 25. september 2024" /
             * "Kl. 08:00"): the place comes after it */
            if (place_line < to && time_only_line(rules, l->v[place_line].text, m)) {
                char *tl = seg_tabs_to_spaces(xstrdup(l->v[place_line].text));
                seg_append(&h.fields[F_TIME], tl, ", ");
                free(tl);
                i = place_line;
                place_line = seg_next_nonblank(l, i + 1, to);
            }
            if (!h.fields[F_BODY] && unlabelled_prev) {
                h.fields[F_BODY] = unlabelled_prev;
                h.source[F_BODY] = FROM_POSITION;
                unlabelled_prev = NULL;
                /* it was counted as unplaced: take it back out */
                size_t n = strlen(h.fields[F_BODY]);
                if (u.len >= n && strcmp(u.buf + u.len - n, h.fields[F_BODY]) == 0) {
                    size_t cut = u.len - n;
                    while (cut > 0 && (u.buf[cut - 1] == '\n' || u.buf[cut - 1] == ' '))
                        cut--;
                    mn_buf_setlen(&u, cut);
                }
            }
            continue;
        }
        if (!h.fields[F_BODY] && seg_match(rules, "body", s, m)) {
            h.fields[F_BODY] = seg_tabs_to_spaces(mn_match_dup_or(m, "value", s)); /* "mødet i X" */
            h.source[F_BODY] = FROM_POSITION;
            continue;
        }
        free(unlabelled_prev);
        unlabelled_prev = xstrdup(s);
        seg_unplaced(&u, s, u_new_para);
        u_new_para = false;
    }
    free(unlabelled_prev);

    struct mn_meeting *mt = &doc->meeting;
    for (int f = 0; f < NFIELDS; f++)
        if (h.fields[f] && !*h.fields[f]) {
            free(h.fields[f]);
            h.fields[f] = NULL;
        }
    mt->body = h.fields[F_BODY];
    mt->location = h.fields[F_PLACE];
    if (mt->location)
        drop_final_stop(mt->location);
    const char *when = h.fields[F_TIME];
    if (when && !mt->location && seg_match(rules, "location", when, m))
        mt->location = mn_match_dup(m, "value"); /* "... kl. 16.00, Byrådssalen" */
    if (when) {
        char iso[11], st[6], en[6];
        char year[5], *dated = NULL;
        if (mn_fields_date(rules, when, iso))
            mt->date = xstrdup(iso);
        else if (header_year(l, to, year) && (dated = date_with_year(when, year)) &&
                 mn_fields_date(rules, dated, iso))
            mt->date = xstrdup(iso); /* "20. februar" under "Februar 2024" */
        else
            mn_doc_warn(doc, "header_unparsed", 0, "no date found in '%.200s'", when);
        free(dated);
        if (mn_fields_time(rules, when, st, en)) {
            ev->meeting_fields = true;
            mt->start_time = xstrdup(st);
            if (en[0])
                mt->end_time = xstrdup(en);
        }
    }
    if (h.fields[F_END]) {
        /* "Sluttidspunkt: 11:00" beside "Starttidspunkt: 09:00": the time text names both */
        char st[6], en[6];
        if (!mt->end_time && mn_fields_time(rules, h.fields[F_END], st, en))
            mt->end_time = xstrdup(st);
        if (when)
            seg_append(&h.fields[F_TIME], h.fields[F_END], " - ");
        else
            h.fields[F_TIME] = h.fields[F_END], h.fields[F_END] = NULL;
        free(h.fields[F_END]);
    }
    mt->time_text = h.fields[F_TIME];
    /* "Fremmødte: 19 medlemmer" counts people, it names none */
    if (h.fields[F_PEOPLE] && !is_head_count(h.fields[F_PEOPLE]))
        mn_fields_people(rules, h.fields[F_PEOPLE], &mt->participants);
    if (h.fields[F_ABSENT])
        mn_fields_people(rules, h.fields[F_ABSENT], &mt->absent);
    if (h.roster)
        drop_absent(&mt->participants, &mt->absent);
    merge_repeated(&mt->participants);
    move_sent_apologies(&mt->participants, &mt->absent);
    free(h.fields[F_PEOPLE]);
    free(h.fields[F_ABSENT]);
    doc->kind = h.kind; /* refined after the items are read */
    if (u.len)
        mn_doc_warn(doc, "unplaced_text", 0, "text before the first item that is no header field: %s",
                    u.buf);
    mn_buf_release(&u);
}
