/* rules.h: rule files (data, not code) compiled once with pcre2 (UTF + UCP).
 *
 * Format (rules/README.md): INI-like blocks '[kind name]' with 'pattern =' (repeatable:
 * alternatives tried in order), 'flags =' (i, x), 'example =' (must match), 'counter ='
 * (must not match). '%{name}' expands an earlier '[define name]' of the same file.
 * Every kind has the named groups it must capture (see rules.c); a file that breaks any of
 * this is refused with 'file:line: what is wrong' (MN_E_RULES).
 *
 * A struct mn_rules is read-only after loading and may be shared between threads (a pattern
 * tried often is JIT-compiled on use, into a copy published atomically: rules.c); a struct
 * mn_match owns its pcre2 match data and belongs to one thread. */
#ifndef MN_RULES_H
#define MN_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct mn_rules;
struct mn_rule;
struct mn_error;

/* Returns a new, empty rule set. Never fails. */
struct mn_rules *mn_rules_new(void);
void mn_rules_free(struct mn_rules *r); /* accepts NULL */

/* Loads every '*.rules' file of 'dir' in name order. Returns 0, or -1 with err set. */
int mn_rules_load_dir(struct mn_rules *r, const char *dir, struct mn_error *err) MN_WUR;
/* Loads one file; its rules come after those loaded before (a later rule with the same kind
 * and name replaces the earlier one in place). Returns 0, or -1 with err set. */
int mn_rules_load_file(struct mn_rules *r, const char *path, struct mn_error *err) MN_WUR;
/* Same, from memory; 'name' is used in messages. 'text' need not be NUL-terminated. */
int mn_rules_load_string(struct mn_rules *r, const char *name, const char *text, size_t len,
                         struct mn_error *err) MN_WUR;

/* The rules cache (rules.c): the rule texts with their patterns compiled, written by
 * 'minutes check-rules -o FILE' once the examples passed. Before loading, mn_rules_use_cache
 * reads one; a rule set then loaded from exactly the texts it holds takes its patterns from it
 * instead of compiling them, and mn_rules_self_check passes at once (the same texts with the
 * same pcre2 passed before). From the first text that differs on, all is as without a cache.
 * Returns false, with nothing changed, when 'path' is missing, not such a file or written by
 * another pcre2 version, or when rules were loaded already. */
bool mn_rules_use_cache(struct mn_rules *r, const char *path);
/* Before loading: keep a copy of every pattern compiled, for mn_rules_write_cache (no cache
 * is used then). Never fails. */
void mn_rules_keep_compiled(struct mn_rules *r);
/* Writes the rules cache of the texts loaded so far to 'path' (atomically: a temporary file,
 * then rename). Returns 0, or -1 with err set (MN_E_IO). */
int mn_rules_write_cache(const struct mn_rules *r, const char *path, struct mn_error *err) MN_WUR;

/* Writes to 'out' the lowercase hex SHA-256 of the text of every rules file loaded so far, in
 * load order (each prefixed with its length): the "rules hash" a batch manifest records. Never
 * fails. */
void mn_rules_digest(const struct mn_rules *r, char out[65]);

/* Checks every example and counter. Returns 0, or -1 with the first failure in err. A rule set
 * loaded wholly from a rules cache is not checked again. */
int mn_rules_self_check(const struct mn_rules *r, struct mn_error *err) MN_WUR;

/* JIT-compiles every pattern now, instead of once it has been tried often (rules.c): for a
 * batch parent, whose forked workers then all start with machine code. Never fails (without
 * JIT support the interpreter stays). */
void mn_rules_jit(struct mn_rules *r);

/* Number of rules of 'kind', and the i-th of them in load order. */
size_t mn_rules_count(const struct mn_rules *r, const char *kind);
const struct mn_rule *mn_rules_get(const struct mn_rules *r, const char *kind, size_t i);
/* The rule 'kind name', or NULL. */
const struct mn_rule *mn_rules_find(const struct mn_rules *r, const char *kind, const char *name);
const char *mn_rule_name(const struct mn_rule *rule);
const char *mn_rule_kind(const struct mn_rule *rule);
/* A '[kind name]' rule's 'value = ...' key (optional, free text), or NULL. */
const char *mn_rule_value(const struct mn_rule *rule);

/* One match's captures. Init before use, release after; reusable across matches. */
struct mn_match {
    void *md;              /* pcre2_match_data_8 *, owned */
    const char *subject;   /* borrowed from the last successful match */
    const void *code;      /* pcre2_code that matched, borrowed */
    const struct mn_rule *rule;
};
void mn_match_init(struct mn_match *m);
void mn_match_release(struct mn_match *m);

/* Tries the rule's patterns in order on 's' (valid UTF-8, 'len' bytes).
 * Returns 1 on a match (captures in m), 0 on none, -1 when pcre2 gave up (match limit):
 * treat as no match; the caller may warn. */
int mn_rule_match(const struct mn_rule *rule, const char *s, size_t len, struct mn_match *m);
/* The first rule of 'kind' (load order) that matches, or NULL. */
const struct mn_rule *mn_rules_match_kind(const struct mn_rules *r, const char *kind,
                                          const char *s, size_t len, struct mn_match *m);

/* A named group of the last match: true and its bytes when it took part. */
bool mn_match_group(const struct mn_match *m, const char *name, const char **start, size_t *len);
/* Whole match span. */
void mn_match_span(const struct mn_match *m, size_t *start, size_t *end);
/* Copy of a named group (malloc'd, caller frees), or NULL when it did not take part. */
char *mn_match_dup(const struct mn_match *m, const char *name);
/* Copy of a named group, or of 'fallback' when the group did not take part. Never NULL. */
char *mn_match_dup_or(const struct mn_match *m, const char *name, const char *fallback);

#endif
