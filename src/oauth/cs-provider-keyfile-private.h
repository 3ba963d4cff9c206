/* cs-provider-keyfile-private.h — the keyfile rules that the provider files also apply
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For cs-provider-keyfile.c and cs-provider-files.c only: a file is refused before it is read
 * when it is larger than the format allows, with an error worded like the format's own.
 */
#pragma once

#include "cs-provider-keyfile.h"

G_BEGIN_DECLS

/* The largest provider file that is read at all. */
#define CS_PROVIDER_MAX_FILE_SIZE (64 * 1024)

/* A CS_OAUTH_ERROR_PROVIDER_FILE error: "SOURCE:LINE: message", or "SOURCE: message" for
 * @line 0. */
void cs_provider_set_file_error (GError     **error,
                                 const char  *source,
                                 guint        line,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
