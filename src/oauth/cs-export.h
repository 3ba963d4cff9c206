/* cs-export.h — credentials in the formats developer tools read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CONTRACT (other layers code against this): signatures here may grow, not change.
 */
#pragma once

#include <glib.h>

#include "cs-provider.h"

G_BEGIN_DECLS

typedef enum
{
  CS_EXPORT_ENV,      /* export NAME='value' lines for a POSIX shell */
  CS_EXPORT_DOTENV,   /* NAME="value" lines for a .env file */
  CS_EXPORT_JSON,     /* one JSON object */
  CS_EXPORT_CURL,     /* a curl command with a fresh Authorization header for the verify URL */
  CS_EXPORT_TWURLRC,  /* a twurl ~/.twurlrc profile (YAML) */
} CsExportFormat;

typedef struct
{
  CsProvider *provider;
  const char *consumer_key;
  const char *consumer_secret; /* may be NULL when not known */
  const char *token;
  const char *token_secret;
  const char *account;         /* screen name or user id, may be NULL */
  const char *user_id;         /* may be NULL */
} CsExportData;

gboolean  cs_export_format_from_string (const char         *name,
                                        CsExportFormat     *format);
const char *cs_export_format_to_string (CsExportFormat      format);
/* Result holds secrets: free with cs_secret_free(). NULL with an error only for CURL when
 * the provider has no verify URL. */
char     *cs_export                    (const CsExportData *data,
                                        CsExportFormat      format,
                                        GError            **error);

/* The shell text shared by the exports and countersign-cli. Each appends to @out, which the
 * caller sizes so that it is never reallocated while it holds a secret (a reallocation frees
 * a copy unwiped): quoting takes at most 4 bytes per byte of @value, plus 2. */

/* POSIX shell single quoting: '…', newlines kept, a quote closed, escaped and reopened. */
void      cs_export_append_shell_quoted (GString            *out,
                                         const char         *value);
/* An environment variable name from @text: letters and digits upper-cased, any other byte
 * "_" (twitter → TWITTER, oauth_token → OAUTH_TOKEN). */
void      cs_export_append_env_name     (GString            *out,
                                         const char         *text);
/* `export NAME='value'` and a newline. */
void      cs_export_append_env_line     (GString            *out,
                                         const char         *name,
                                         const char         *value);
/* A curl command line, ending with a newline:
 *   curl [--request METHOD] --header 'Authorization: HEADER'
 *        [--header 'Content-Type: application/x-www-form-urlencoded' --data-raw BODY] URL
 * with every value shell-quoted. @http_method and @form_body may be NULL. Holds secrets:
 * free with cs_secret_free(). */
char     *cs_export_curl_command        (const char         *http_method,
                                         const char         *url,
                                         const char         *authorization,
                                         const char         *form_body);

G_END_DECLS
