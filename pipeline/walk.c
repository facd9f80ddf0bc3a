/* walk.c: collecting a batch's inputs and naming them (see walk.h). */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "err.h"

enum { MAX_DEPTH = 256 };

void mn_inputs_release(struct mn_inputs *in)
{
    for (size_t i = 0; i < in->n; i++) {
        free(in->v[i].path);
        free(in->v[i].key);
    }
    free(in->v);
    memset(in, 0, sizeof *in);
}

static void push(struct mn_inputs *in, char *path, char *key)
{
    MN_GROW(in->v, in->n + 1, in->alloc);
    in->v[in->n].path = path;
    in->v[in->n].key = key;
    in->n++;
}

static bool ends_with_ci(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    if (n <= m)
        return false;
    for (size_t i = 0; i < m; i++) {
        char c = s[n - m + i];
        if (mn_isupper_ascii((unsigned char)c))
            c = (char)(c - 'A' + 'a');
        if (c != suffix[i])
            return false;
    }
    return true;
}

bool mn_walk_wanted(const char *name)
{
    return ends_with_ci(name, ".pdf") || ends_with_ci(name, ".txt");
}

/* Appends the components of 'path' to 'out', dropping empty and "." ones. With 'resolve',
 * ".." removes the previous component; without it, a ".." makes the function return false. */
static bool add_components(struct mn_buf *out, const char *path, bool resolve)
{
    const char *p = path;
    while (*p) {
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == 2 && p[0] == '.' && p[1] == '.') {
            if (!resolve)
                return false;
            char *slash = strrchr(out->buf, '/');
            mn_buf_setlen(out, slash ? (size_t)(slash - out->buf) : 0);
        } else if (len > 0 && !(len == 1 && p[0] == '.')) {
            if (out->len)
                mn_buf_addch(out, '/');
            mn_buf_add(out, p, len);
        }
        p += len;
        if (*p == '/')
            p++;
    }
    return true;
}

char *mn_walk_key(const char *path)
{
    struct mn_buf key = MN_BUF_INIT;
    if (path[0] != '/' && add_components(&key, path, false))
        goto done;
    /* absolute, or with "..": the resolved absolute path without its leading '/' */
    mn_buf_reset(&key);
    char *real = realpath(path, NULL);
    if (real) {
        add_components(&key, real, true);
        free(real);
    } else {
        if (path[0] != '/') {
            char cwd[PATH_MAX];
            if (getcwd(cwd, sizeof cwd))
                add_components(&key, cwd, true);
        }
        add_components(&key, path, true);
    }
done:
    if (key.len == 0) {
        mn_buf_release(&key);
        return NULL;
    }
    return mn_buf_detach(&key, NULL);
}

void mn_walk_output_name(const char *key, struct mn_buf *out)
{
    const char *slash = strrchr(key, '/');
    const char *base = slash ? slash + 1 : key;
    const char *dot = strrchr(base, '.');
    size_t len = dot && dot > base ? (size_t)(dot - key) : strlen(key);
    mn_buf_add(out, key, len);
    mn_buf_adds(out, ".json");
}

uint64_t mn_shard_hash(const char *key)
{
    uint64_t h = 0xcbf29ce484222325u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
        h ^= *p;
        h *= 0x100000001b3u;
    }
    return h;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks folder 'dir' whose files are keyed 'prefix' + name. */
static int walk_dir(struct mn_inputs *in, const char *dir, const char *prefix, int depth,
                    struct mn_error *err)
{
    if (depth > MAX_DEPTH)
        return mn_fail(err, MN_E_IO, "'%s': folders nested more than %d deep", dir, MAX_DEPTH);
    DIR *d = opendir(dir);
    if (!d)
        return mn_fail(err, MN_E_IO, "cannot read folder '%s': %s", dir, strerror(errno));
    char **names = NULL;
    size_t n = 0, alloc = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        MN_GROW(names, n + 1, alloc);
        names[n++] = xstrdup(e->d_name);
    }
    int ret = 0;
    if (errno != 0)
        ret = mn_fail(err, MN_E_IO, "cannot read folder '%s': %s", dir, strerror(errno));
    closedir(d);
    if (names)
        qsort(names, n, sizeof *names, cmp_name);
    size_t dlen = strlen(dir);
    bool has_slash = dlen > 0 && dir[dlen - 1] == '/';
    for (size_t i = 0; i < n && ret == 0; i++) {
        struct mn_buf path = MN_BUF_INIT, key = MN_BUF_INIT;
        mn_buf_addf(&path, "%s%s%s", dir, has_slash ? "" : "/", names[i]);
        mn_buf_addf(&key, "%s%s", prefix, names[i]);
        struct stat st;
        if (lstat(path.buf, &st) < 0) {
            ret = mn_fail(err, MN_E_IO, "cannot read '%s': %s", path.buf, strerror(errno));
        } else if (S_ISDIR(st.st_mode)) {
            mn_buf_addch(&key, '/');
            ret = walk_dir(in, path.buf, key.buf, depth + 1, err);
        } else if (mn_walk_wanted(names[i]) &&
                   (S_ISREG(st.st_mode) ||
                    (S_ISLNK(st.st_mode) && stat(path.buf, &st) == 0 && S_ISREG(st.st_mode)))) {
            push(in, mn_buf_detach(&path, NULL), mn_buf_detach(&key, NULL));
        }
        mn_buf_release(&path);
        mn_buf_release(&key);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return ret;
}

int mn_inputs_add(struct mn_inputs *in, const char *path, struct mn_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return walk_dir(in, path, "", 0, err);
    char *key = mn_walk_key(path);
    if (!key)
        return mn_fail(err, MN_E_USAGE, "'%s' names no file", path);
    push(in, xstrdup(path), key);
    return 0;
}

int mn_inputs_add_list(struct mn_inputs *in, FILE *f, struct mn_error *err)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int ret = 0;
    while (ret == 0 && (len = getline(&line, &cap, f)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if (len > 0)
            ret = mn_inputs_add(in, line, err);
    }
    if (ret == 0 && ferror(f))
        ret = mn_fail(err, MN_E_IO, "cannot read the list of paths: %s", strerror(errno));
    free(line);
    return ret;
}

static int cmp_input(const void *a, const void *b)
{
    const struct mn_input *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->path, y->path);
}

struct named {
    char *name;
    const struct mn_input *input;
};

static int cmp_named(const void *a, const void *b)
{
    const struct named *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : strcmp(x->input->key, y->input->key);
}

int mn_inputs_finish(struct mn_inputs *in, struct mn_error *err)
{
    if (in->n == 0)
        return 0;
    qsort(in->v, in->n, sizeof *in->v, cmp_input);
    size_t w = 1;
    for (size_t r = 1; r < in->n; r++) {
        if (strcmp(in->v[r].key, in->v[w - 1].key) == 0 &&
            strcmp(in->v[r].path, in->v[w - 1].path) == 0) {
            free(in->v[r].path);
            free(in->v[r].key);
            continue;
        }
        in->v[w++] = in->v[r];
    }
    in->n = w;
    /* Two inputs with the same output name are neighbours once sorted by that name. */
    struct named *outs = xmalloc(in->n * sizeof *outs);
    for (size_t i = 0; i < in->n; i++) {
        struct mn_buf b = MN_BUF_INIT;
        mn_walk_output_name(in->v[i].key, &b);
        outs[i].name = mn_buf_detach(&b, NULL);
        outs[i].input = &in->v[i];
    }
    qsort(outs, in->n, sizeof *outs, cmp_named);
    int ret = 0;
    for (size_t i = 1; i < in->n && ret == 0; i++)
        if (strcmp(outs[i].name, outs[i - 1].name) == 0)
            ret = mn_fail(err, MN_E_USAGE, "'%s' and '%s' would both be recorded as '%s'",
                          outs[i - 1].input->path, outs[i].input->path, outs[i].name);
    for (size_t i = 0; i < in->n; i++)
        free(outs[i].name);
    free(outs);
    return ret;
}

void mn_inputs_shard(struct mn_inputs *in, int k, int n)
{
    size_t w = 0;
    for (size_t r = 0; r < in->n; r++) {
        if (mn_shard_hash(in->v[r].key) % (uint64_t)n == (uint64_t)(k - 1)) {
            in->v[w++] = in->v[r];
        } else {
            free(in->v[r].path);
            free(in->v[r].key);
        }
    }
    in->n = w;
}
