/* oparl.h: a record as OParl 1.1 objects (README.md, "Feeding a records system", crosswalk).
 *
 * Works on the record as emitted (emit.h), so the batch parent can render it from the line a
 * worker sent, and any stored record can be rendered again. The output is one JSON object
 * {"data": [Meeting, Person...]}: the Meeting embeds its AgendaItems, its Location and the
 * source as a File (resultsProtocol for minutes, invitation for an agenda, auxiliaryFile
 * otherwise); participants and absentees are Person objects after it. Ids are URLs under
 * 'base_url' (base/meeting/<id>, base/agendaitem/<id>, base/person/<id>, base/file/<sha256>,
 * base/location/<id>), or URNs (urn:minutes:meeting:<id>, ...) when base_url is NULL. */
#ifndef MN_OPARL_H
#define MN_OPARL_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct mn_error;

/* Renders the record 'json' ('len' bytes) as OParl, followed by a newline, indented when
 * 'pretty'. On success *out is malloc'd (caller frees) and *outlen its length. Returns 0, or
 * -1 with err set (MN_E_USAGE: not a record with ids; MN_E_INTERNAL). */
int mn_oparl_render(const char *json, size_t len, const char *base_url, bool pretty,
                    char **out, size_t *outlen, struct mn_error *err) MN_WUR;

/* Pure helpers. */
/* The OParl 'result' for a decision text: a short Danish verdict found near its start
 * ("Godkendt", "Ikke godkendt", "Vedtaget", "Anbefalet", "Taget til efterretning", "Udsat",
 * "Afvist", "Drøftet"), or NULL when none is. Never fails; returns a static string. */
const char *mn_oparl_result(const char *decision);

/* The RFC 3339 date-time of 'date' (YYYY-MM-DD) at 'time' (HH:MM, NULL = 00:00) in Danish
 * local time (Europe/Copenhagen, daylight saving time applied) into 'out'. Returns 0, or -1
 * when the date or time does not parse. */
int mn_oparl_datetime(const char *date, const char *time, char out[32]) MN_WUR;

#endif
