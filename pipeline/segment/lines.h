/* segment/lines.h: what segmentation's stages ask of a line of text: does a rule kind take
 * it, how does it start and end, does it read like one person's name. Shared by segment.c and
 * the stages in pipeline/segment/; all of them are pure functions of their arguments. */
#ifndef MN_SEGMENT_LINES_H
#define MN_SEGMENT_LINES_H

#include <stdbool.h>
#include <stddef.h>

struct mn_buf;
struct mn_lines;
struct mn_match;
struct mn_rules;

enum { SEG_MAX_UNPLACED = 65536 }; /* bytes of unplaced text kept in one warning */

/* How clean marks a list entry: the glyph it puts before the entry's text, whatever the
 * document's own glyph was. */
#define SEG_BULLET "• "
enum { SEG_BULLET_LEN = sizeof SEG_BULLET - 1 };

/* A rule of 'kind' takes 's' (somewhere in it); the match is left in 'm'. */
bool seg_match(const struct mn_rules *r, const char *kind, const char *s, struct mn_match *m);
/* A match of 'kind' that starts where 's' starts. */
bool seg_match_at_start(const struct mn_rules *r, const char *kind, const char *s,
                        struct mn_match *m);
/* 's' starts with clean's list glyph (SEG_BULLET). */
bool seg_is_bullet(const char *s);
/* Length of the "12) " that clean keeps at the start of a numbered entry's text (it may be an
 * item heading, "1) Godkendelse af dagsorden", which needs its number); 0 when none. */
size_t seg_paren_number_len(const char *s);
/* The text s[0, n) leads into a list: it ends in ':', ',' or the word "at" ("Direktionen
 * indstiller, at"). */
bool seg_leads_into_list(const char *s, size_t n);
/* Turns the tabs of 's' into spaces, in place; returns 's'. */
char *seg_tabs_to_spaces(char *s);
/* 's' ends in '.', ':', '!' or '?' (trailing spaces aside). */
bool seg_ends_sentence(const char *s);
/* 's' starts with a capital (ASCII or Æ Ø Å ...), a digit, a quote or a typographic mark. */
bool seg_starts_upper(const char *s);
/* 's' starts with a small letter (ASCII or æ ø å ...). */
bool seg_starts_lower(const char *s);
/* Length of 's' in code points. */
size_t seg_cp_len(const char *s);
/* The first line at or after i, before 'to', that is not blank; 'to' when none. */
size_t seg_next_nonblank(const struct mn_lines *l, size_t i, size_t to);
/* A line that reads like one person of a list: "Karin Olsen (V)", "Per Hansen - formand",
 * "Lone Becker": capitalised words, short, no sentence. */
bool seg_person_like(const char *s);
/* Appends 'sep' and 's' to the string *f owns (just 's' when *f is NULL or empty). */
void seg_append(char **f, const char *s, const char *sep);
/* Adds 's' to the unplaced text 'u', as a new paragraph or going on with the last one; stops
 * growing at SEG_MAX_UNPLACED bytes. */
void seg_unplaced(struct mn_buf *u, const char *s, bool new_para);

#endif
