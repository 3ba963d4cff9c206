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

/* An OAuth 2.0 credential (issue 15). env / dotenv: PREFIX_CLIENT_ID, PREFIX_CLIENT_SECRET,
 * PREFIX_ACCESS_TOKEN, PREFIX_REFRESH_TOKEN, PREFIX_SCOPES, PREFIX_EXPIRES_AT, PREFIX_ACCOUNT;
 * JSON: protocol ("oauth2"), provider, provider_name, client_id, client_secret,
 * access_token, token_type, refresh_token, scope, expires_at (a number), account; curl: a GET
 * of @bearer_url with `Authorization: Bearer`. Unknown values are left out. twurl has no
 * OAuth 2.0 profiles: TWURLRC is CS_OAUTH_ERROR_INVALID_INPUT. */
typedef struct
{
  CsProvider *provider;
  const char *client_id;
  const char *client_secret;   /* may be NULL */
  const char *access_token;
  const char *refresh_token;   /* may be NULL */
  const char *scopes;          /* space-separated, may be NULL */
  gint64      expires_at;      /* seconds since the epoch, 0 unknown */
  const char *account;         /* may be NULL */
  const char *bearer_url;      /* for CURL; NULL: the provider's verify URL */
} CsExportOAuth2Data;

gboolean  cs_export_format_from_string (const char         *name,
                                        CsExportFormat     *format);
const char *cs_export_format_to_string (CsExportFormat      format);
/* Result holds secrets: free with cs_secret_free(). NULL with an error only for CURL when
 * the provider has no verify URL. */
char     *cs_export                    (const CsExportData *data,
                                        CsExportFormat      format,
                                        GError            **error);

/* Result holds secrets: free with cs_secret_free(). NULL with an error for CURL without a
 * URL, and for TWURLRC. */
char     *cs_export_oauth2             (const CsExportOAuth2Data *data,
                                        CsExportFormat            format,
                                        GError                  **error);

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
