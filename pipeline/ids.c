/* ids.c: stable object ids (ids.h). */
#include "ids.h"

#include <stdio.h>
#include <string.h>

#include <glib.h>

void mn_ids_make(const char *source_sha256, const char *kind, long n, char out[MN_ID_LEN + 1])
{
    char key[256];
    int len = snprintf(key, sizeof key, "%s/%s/%ld", source_sha256 ? source_sha256 : "", kind, n);
    if (len < 0 || (size_t)len >= sizeof key)
        len = (int)strlen(key);
    GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
    g_checksum_update(ck, (const guchar *)key, (gssize)len);
    memcpy(out, g_checksum_get_string(ck), MN_ID_LEN);
    out[MN_ID_LEN] = '\0';
    g_checksum_free(ck);
}
