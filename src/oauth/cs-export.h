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

G_END_DECLS
