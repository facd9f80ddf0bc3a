/* fields.h: Danish dates, times and participant lists, parsed with the rules' [date],
 * [time], [role], [shared] and [note] kinds. Pure functions over strings. */
#ifndef MN_FIELDS_H
#define MN_FIELDS_H

#include <stdbool.h>

#include "util.h"

struct mn_rules;
struct mn_people;

/* Finds the first date in 's' and writes it as "YYYY-MM-DD" into iso[11].
 * Returns true when found and valid (day fits the month). Never fails otherwise. */
bool mn_fields_date(const struct mn_rules *rules, const char *s, char iso[11]);

/* Finds a time or time range in 's': start[6] and end[6] as "HH:MM" ("" when absent).
 * Returns true when a start time was found. */
bool mn_fields_time(const struct mn_rules *rules, const char *s, char start[6], char end[6]);

/* OCR tolerance: a copy of 's' (free with free()) with the marks a scan garbles in dates and
 * times normalised ("12. måj:2016, kl::9.00" → "12. maj 2016, kl.9.00", "9,00" → "9.00"), or
 * NULL when nothing needs it. mn_fields_date and mn_fields_time try it when the line as read
 * gives nothing (times: first, since a garbled range may still give half of itself). Never
 * fails. */
char *mn_fields_ocr_tolerant(const char *s);

/* Parses a participant list ("A (X), B og C (begge Y)", or one person per line) and
 * appends one person per name to 'out'. Never fails; unparseable pieces become names. */
void mn_fields_people(const struct mn_rules *rules, const char *s, struct mn_people *out);

#endif
