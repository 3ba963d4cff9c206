/* cs-url-private.h — the split URL, for cs_sign()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cs_sign() splits the URL once and writes its base string URI already encoded, straight
 * into the base string: no second pass.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A URL cut into the pieces the base string URI is made of; every pointer is into the URL. */
typedef struct
{
  const char *scheme;
  gsize       scheme_len;
  const char *host;
  gsize       host_len;
  int         port;         /* -1 when the URL names none */
  const char *path;
  gsize       path_len;
  const char *query;        /* NULL when there is no '?' */
  gsize       query_len;
} CsUrlParts;

/* Checks and splits an http or https URL (no user name, no control bytes, no bad escape in
 * the path); %CS_OAUTH_ERROR_INVALID_URL otherwise. */
G_GNUC_INTERNAL
gboolean cs_url_split                  (const char       *url,
                                        CsUrlParts       *parts,
                                        GError          **error);
/* The longest base string URI @parts can give, before encoding. */
G_GNUC_INTERNAL
gsize    cs_url_base_uri_max_len       (const CsUrlParts *parts);
/* Writes the base string URI of §3.4.1.2 at @out, or with @encoded that URI encoded once as
 * §3.4.1.1 puts it in the base string (3 × cs_url_base_uri_max_len () + CS_PERCENT_SLACK
 * bytes); returns its end. */
G_GNUC_INTERNAL
char    *cs_url_write_base_uri         (char             *out,
                                        const CsUrlParts *parts,
                                        gboolean          encoded);

G_END_DECLS
