/* main_batch.h: the 'minutes batch' command: the CLI side of batch.h (linked into the binary
 * only, like main.c: it prints progress and the summary and chooses the exit status). */
#ifndef MN_MAIN_BATCH_H
#define MN_MAIN_BATCH_H

#include <stdbool.h>

struct mn_options;
struct mn_batch_options;

/* Exit statuses of 'minutes batch' (README.md, "Batch conversion"). */
enum {
    MN_BATCH_EXIT_OK = 0,     /* every document of the input converted (now or earlier) */
    MN_BATCH_EXIT_FAILED = 1, /* at least one document failed (now, or earlier and unchanged) */
    MN_BATCH_EXIT_USAGE = 2,  /* bad options, no PATH, two inputs with one output name */
    MN_BATCH_EXIT_RULES = 3,  /* the rules failed to load or to pass their examples */
    MN_BATCH_EXIT_SYSTEM = 4, /* cannot write OUTDIR or the stream, OUTDIR locked, fork failed,
                                 a folder cannot be read, OCR engine missing */
    /* 128 + signal number (130, 143) when stopped by SIGINT or SIGTERM */
};

/* Runs the batch over the 'npaths' PATHs ("-" = read paths from standard input). 'opt' are
 * the conversion options (opt->jobs is taken as the number of workers, 0 = one per core);
 * 'bo' the batch options from the command line (jobs and version are filled in here).
 * Returns the exit status. */
int mn_cli_batch(const struct mn_options *opt, struct mn_batch_options *bo, bool quiet,
                 int npaths, char **paths);

#endif
