/* replay.c: a driver for the fuzz targets without libFuzzer. Runs LLVMFuzzerTestOneInput once
 * on every file named on the command line (directories: every file inside), so that the
 * regression inputs replay under gcc's ASan+UBSan in make check. Prints one line per input. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int main(int argc, char **argv);

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t alloc = 4096, len = 0, n;
    uint8_t *buf = malloc(alloc);
    if (!buf)
        abort();
    while ((n = fread(buf + len, 1, alloc - len, f)) > 0) {
        len += n;
        if (len == alloc && !(buf = realloc(buf, alloc *= 2)))
            abort();
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        perror(path);
        free(buf);
        return -1;
    }
    /* like libFuzzer: an exact-size heap copy, so overreads are caught */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact)
        abort();
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    printf("replayed %s (%zu bytes)\n", path, len);
    return 0;
}

static int replay(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        perror(path);
        return -1;
    }
    if (!S_ISDIR(st.st_mode))
        return replay_file(path);
    struct dirent **names;
    int n = scandir(path, &names, NULL, alphasort), ret = 0;
    if (n < 0) {
        perror(path);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        if (names[i]->d_name[0] != '.') {
            size_t len = strlen(path) + strlen(names[i]->d_name) + 2;
            char *sub = malloc(len);
            if (!sub)
                abort();
            snprintf(sub, len, "%s/%s", path, names[i]->d_name);
            if (replay(sub) < 0)
                ret = -1;
            free(sub);
        }
        free(names[i]);
    }
    free(names);
    return ret;
}

int main(int argc, char **argv)
{
    int ret = 0;
    for (int i = 1; i < argc; i++)
        if (replay(argv[i]) < 0)
            ret = 1;
    return ret;
}
