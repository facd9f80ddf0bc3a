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

/* Parses a participant list ("A (X), B og C (begge Y)", or one person per line) and
 * appends one person per name to 'out'. Never fails; unparseable pieces become names. */
void mn_fields_people(const struct mn_rules *rules, const char *s, struct mn_people *out);

#endif
