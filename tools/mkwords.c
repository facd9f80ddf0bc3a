/* tools/mkwords.c: `make` runs this to build the mapped word list (pipeline/words.h) from the
 * installed hunspell dictionary: mkwords AFF DIC OUT. Prints one summary line; exit 0, or 1
 * with one error line. */
#include <stdio.h>

#include "err.h"
#include "words.h"

int main(int argc, char **argv)
{
    struct mn_error err = {0};
    struct mn_words_stats st;
    if (argc != 4) {
        fprintf(stderr, "usage: mkwords AFF DIC OUT\n");
        return 2;
    }
    if (mn_words_build(argv[1], argv[2], argv[3], &st, &err) < 0) {
        fprintf(stderr, "mkwords: error [%s]: %s\n", mn_code_name(err.code), err.msg);
        return 1;
    }
    printf("mkwords: %s: %zu entries, %zu forms generated, %zu accepted by hunspell (%zu words "
           "of their own), %zu compound parts, %zu disagreeing with the affix guess, %zu bytes\n",
           argv[3], st.nentries, st.ngenerated, st.nforms, st.nsimple, st.nparts, st.nmismatch, st.bytes);
    return 0;
}
