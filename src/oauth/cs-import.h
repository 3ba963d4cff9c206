/* cs-import.h — the OAuth 1.0a credentials that twurl and xurl left in plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 *
 * twurl's ~/.twurlrc (profiles → username → consumer key → {username, consumer_key,
 * consumer_secret, token, secret}; configuration.default_profile) and xurl's store
 * (~/.xurl/auth.yml, or the file ~/.xurl before xurl 1.3: apps → name → {client_id,
 * client_secret, oauth1_token: {type, oauth1: {access_token, token_secret, consumer_key,
 * consumer_secret}}, oauth2_tokens, bearer_token}; default_app), read through cs-yaml.c.
 * Pure: no I/O; the caller reads the file, stores the entries (src/store) and writes the
 * rewritten text back. OAuth 2.0 and bearer tokens are listed, not importable (yet).
 * Errors are G_IO_ERROR_INVALID_DATA with the line, and never quote a value.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  CS_IMPORT_TWURL,
  CS_IMPORT_XURL,
} CsImportSource;

typedef struct
{
  char     *label;           /* "profile jack", "app my-app" — for the list */
  char     *account;         /* the X username when the file names it, else "" */
  char     *consumer_key;
  char     *consumer_secret; /* NULL when the file has none */
  char     *token;
  char     *token_secret;
  gboolean  importable;
  char     *not_importable;  /* why not, when !importable */
  gboolean  is_default;      /* twurl's default_profile, xurl's default_app */
  /* The lines that hold the secrets (0: none), for cs_import_strip_secrets. */
  guint     consumer_secret_line;
  guint     token_line;
  guint     token_secret_line;
} CsImportEntry;

void        cs_import_entry_free     (CsImportEntry  *entry);

/* Returns: (transfer full) (element-type CsImportEntry): every entry of the file, importable
 * or not, in file order; NULL with @error set. */
GPtrArray  *cs_import_parse          (CsImportSource  source,
                                      const char     *data,
                                      gsize           length,
                                      GError        **error);

/* @data without the lines that hold the tokens and token secrets of the importable entries
 * (and their consumer secrets too when @consumer_secrets), everything else as it was. */
char       *cs_import_strip_secrets  (const char     *data,
                                      gsize           length,
                                      GPtrArray      *entries,
                                      gboolean        consumer_secrets,
                                      gsize          *new_length);

/* ~/.twurlrc; ~/.xurl/auth.yml, or ~/.xurl when that is a file (xurl before 1.3). */
char       *cs_import_default_path   (CsImportSource  source);

G_END_DECLS
