/* cs-export.c — credentials in the formats developer tools read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure formatting, no I/O. One naming scheme for env, dotenv and JSON, after the names
 * Twitter's own examples and most client libraries use:
 *
 *   env / dotenv: PREFIX_CONSUMER_KEY, PREFIX_CONSUMER_SECRET, PREFIX_ACCESS_TOKEN,
 *                 PREFIX_ACCESS_TOKEN_SECRET, PREFIX_ACCOUNT, PREFIX_USER_ID
 *   JSON:         provider, provider_name, consumer_key, consumer_secret, access_token,
 *                 access_token_secret, account, user_id
 *
 * where PREFIX is, for a preset, its id in upper case with every other character than A–Z
 * and 0–9 turned into "_" (twitter → TWITTER_CONSUMER_KEY); for the user's own provider, its
 * name the same way, each run of other characters one "_" ("My Test Server" →
 * MY_TEST_SERVER_CONSUMER_KEY). OAUTH_ goes in front when that does not start with a letter.
 * Values that are not known (the consumer secret when it was not stored, the account, the
 * user id) are left out rather than written empty.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cs-export.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"

static const char * const format_names[] = {
  [CS_EXPORT_ENV] = "env",
  [CS_EXPORT_DOTENV] = "dotenv",
  [CS_EXPORT_JSON] = "json",
  [CS_EXPORT_CURL] = "curl",
  [CS_EXPORT_TWURLRC] = "twurlrc",
};

gboolean
cs_export_format_from_string (const char     *name,
                              CsExportFormat *format)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (name, format_names[i]) == 0)
      {
        if (format != NULL)
          *format = (CsExportFormat) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cs_export_format_to_string (CsExportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);

  return format_names[format];
}

typedef struct
{
  const char *suffix;    /* env / dotenv name after the prefix */
  const char *json_name;
  const char *value;
  gboolean    optional;  /* left out when not known (NULL or empty) */
} Field;

/* The fields in output order; returns how many were filled. */
static guint
collect_fields (const CsExportData *data,
                Field               fields[6])
{
  const Field all[] = {
    { "CONSUMER_KEY", "consumer_key", data->consumer_key, FALSE },
    { "CONSUMER_SECRET", "consumer_secret", data->consumer_secret, TRUE },
    { "ACCESS_TOKEN", "access_token", data->token, FALSE },
    { "ACCESS_TOKEN_SECRET", "access_token_secret", data->token_secret, FALSE },
    { "ACCOUNT", "account", data->account, TRUE },
    { "USER_ID", "user_id", data->user_id, TRUE },
  };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (!all[i].optional || (all[i].value != NULL && *all[i].value != '\0'))
      fields[n++] = all[i];
  return n;
}

/* Room for any output of @data plus @extra bytes, so that the GString holding the secrets is
 * never reallocated (a reallocation frees a copy without wiping it). Every format escapes a
 * byte into at most 6 (JSON's \u00XX). */
static gsize
export_size (const CsExportData *data,
             gsize               extra)
{
  const char *values[] = { data->consumer_key, data->consumer_secret, data->token,
                           data->token_secret, data->account, data->user_id,
                           data->provider ? cs_provider_get_id (data->provider) : NULL,
                           data->provider ? cs_provider_get_name (data->provider) : NULL };
  gsize size = 1024 + 6 * extra;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] != NULL)
      size += 2 * 6 * strlen (values[i]);
  return size;
}

void
cs_export_append_env_name (GString    *out,
                           const char *text)
{
  g_return_if_fail (out != NULL && text != NULL);

  for (const char *p = text; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_isalnum (*p) ? g_ascii_toupper (*p) : '_');
}

/* A preset's prefix is its id (twitter → TWITTER_); a user's provider's is its name, which
 * the user chose and sees ("My Test Server" → MY_TEST_SERVER_), each run of other characters
 * one "_". */
static char *
env_prefix (CsProvider *provider)
{
  gboolean by_name = provider != NULL && cs_provider_get_is_custom (provider)
                     && cs_provider_get_name (provider) != NULL;
  /* Letters with accents as their ASCII letters ("Übung" → UBUNG). */
  g_autofree char *text = provider == NULL ? g_strdup ("")
                          : by_name ? g_str_to_ascii (cs_provider_get_name (provider), "C")
                                    : g_strdup (cs_provider_get_id (provider));
  GString *prefix = g_string_new (NULL);
  g_autoptr(GString) words = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (words, g_ascii_toupper (*p));
    else if (!by_name || (words->len > 0 && words->str[words->len - 1] != '_'))
      g_string_append_c (words, '_');
  if (by_name && words->len > 0 && words->str[words->len - 1] == '_')
    g_string_truncate (words, words->len - 1);

  if (!g_ascii_isalpha (words->str[0]))
    g_string_append (prefix, "OAUTH_");
  g_string_append (prefix, words->str);
  if (prefix->len > 0 && prefix->str[prefix->len - 1] != '_')
    g_string_append_c (prefix, '_');
  return g_string_free (prefix, FALSE);
}

/* The inside of a single-quoted word. */
static void
append_shell_quoted_text (GString    *out,
                          const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, *p);
    }
}

void
cs_export_append_shell_quoted (GString    *out,
                               const char *value)
{
  g_return_if_fail (out != NULL && value != NULL);

  g_string_append_c (out, '\'');
  append_shell_quoted_text (out, value);
  g_string_append_c (out, '\'');
}

void
cs_export_append_env_line (GString    *out,
                           const char *name,
                           const char *value)
{
  g_return_if_fail (out != NULL && name != NULL && value != NULL);

  g_string_append (out, "export ");
  g_string_append (out, name);
  g_string_append_c (out, '=');
  cs_export_append_shell_quoted (out, value);
  g_string_append_c (out, '\n');
}

char *
cs_export_curl_command (const char *http_method,
                        const char *url,
                        const char *authorization,
                        const char *form_body)
{
  gsize size = 160;
  GString *out;

  g_return_val_if_fail (url != NULL && authorization != NULL, NULL);

  size += 4 * (strlen (url) + strlen (authorization));
  size += 4 * ((http_method ? strlen (http_method) : 0) + (form_body ? strlen (form_body) : 0));
  out = g_string_sized_new (size); /* never reallocated */
  g_string_append (out, "curl");
  if (http_method != NULL)
    {
      g_string_append (out, " --request ");
      cs_export_append_shell_quoted (out, http_method);
    }
  g_string_append (out, " --header 'Authorization: ");
  append_shell_quoted_text (out, authorization);
  g_string_append_c (out, '\'');
  if (form_body != NULL)
    {
      g_string_append (out, " --header 'Content-Type: application/x-www-form-urlencoded' "
                            "--data-raw ");
      cs_export_append_shell_quoted (out, form_body);
    }
  g_string_append_c (out, ' ');
  cs_export_append_shell_quoted (out, url);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* dotenv (python-dotenv, docker compose, node dotenv): single quotes are literal in all of
 * them, so they are used whenever the value allows (OAuth tokens always do). Otherwise
 * double quotes with \\, \", \n and \r escapes; readers differ on "$" there (compose
 * expands it, python-dotenv only "${…}"), which no dotenv syntax can make portable. */
static void
append_dotenv_quoted (GString    *out,
                      const char *value)
{
  if (strpbrk (value, "'\\\n\r") == NULL)
    {
      /* Not g_string_append_printf(): it formats into a copy that it frees unwiped. */
      g_string_append_c (out, '\'');
      g_string_append (out, value);
      g_string_append_c (out, '\'');
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (out, "\\\\"); break;
      case '"': g_string_append (out, "\\\""); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default: g_string_append_c (out, *p); break;
      }
  g_string_append_c (out, '"');
}

static char *export_field_list (const char  *prefix,
                                const Field *fields,
                                guint        n,
                                gboolean     dotenv,
                                gsize        size);

static char *
export_variables (const CsExportData *data,
                  gboolean            dotenv)
{
  g_autofree char *prefix = env_prefix (data->provider);
  Field fields[6];
  guint n = collect_fields (data, fields);

  return export_field_list (prefix, fields, n, dotenv, export_size (data, 0));
}

/* NAME=value lines of @fields; @size: room for all of them, so the text is never
 * reallocated. */
static char *
export_field_list (const char  *prefix,
                   const Field *fields,
                   guint        n,
                   gboolean     dotenv,
                   gsize        size)
{
  GString *out = g_string_sized_new (size); /* never reallocated */

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strconcat (prefix, fields[i].suffix, NULL);

      if (!dotenv)
        {
          cs_export_append_env_line (out, name, fields[i].value);
          continue;
        }
      g_string_append_printf (out, "%s=", name);
      append_dotenv_quoted (out, fields[i].value);
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* JSON and YAML are Unicode: a byte string that is not UTF-8 (never seen from a real
 * provider) gets replacement characters instead of making the document invalid. */
static char *
valid_utf8 (const char *value)
{
  return g_utf8_make_valid (value, -1);
}

static char *
export_json (const CsExportData *data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *out;
  Field fields[6];
  guint n = collect_fields (data, fields);

  json_builder_begin_object (builder);
  if (data->provider != NULL)
    {
      json_builder_set_member_name (builder, "provider");
      json_builder_add_string_value (builder, cs_provider_get_id (data->provider));
      json_builder_set_member_name (builder, "provider_name");
      json_builder_add_string_value (builder, cs_provider_get_name (data->provider));
    }
  for (guint i = 0; i < n; i++)
    {
      char *value = valid_utf8 (fields[i].value);

      json_builder_set_member_name (builder, fields[i].json_name);
      json_builder_add_string_value (builder, value);
      cs_secret_free (value);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  out = g_string_sized_new (export_size (data, 0));
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* A YAML double-quoted scalar: always quoted, so no value can turn into another type
 * (true, 123, null) or break the structure. */
static void
append_yaml_quoted (GString    *out,
                    const char *value)
{
  g_autofree char *valid = valid_utf8 (value);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
  explicit_bzero (valid, strlen (valid));
}

/* twurl's ~/.twurlrc: profiles → username → consumer key → the five values, and the
 * default profile as [username, consumer key]. */
static char *
export_twurlrc (const CsExportData *data)
{
  const char *username = data->account;
  GString *out = g_string_sized_new (export_size (data, 0));

  g_string_append (out, "---\nprofiles:\n  ");

  if (username == NULL || *username == '\0')
    username = data->user_id;
  if (username == NULL || *username == '\0')
    username = "default";

  append_yaml_quoted (out, username);
  g_string_append (out, ":\n    ");
  append_yaml_quoted (out, data->consumer_key);
  g_string_append (out, ":\n      username: ");
  append_yaml_quoted (out, username);
  g_string_append (out, "\n      consumer_key: ");
  append_yaml_quoted (out, data->consumer_key);
  if (data->consumer_secret == NULL)
    g_string_append (out, "\n      # The consumer secret was not stored: put it here.");
  g_string_append (out, "\n      consumer_secret: ");
  append_yaml_quoted (out, data->consumer_secret ? data->consumer_secret : "");
  g_string_append (out, "\n      token: ");
  append_yaml_quoted (out, data->token);
  g_string_append (out, "\n      secret: ");
  append_yaml_quoted (out, data->token_secret);
  g_string_append (out, "\nconfiguration:\n  default_profile:\n  - ");
  append_yaml_quoted (out, username);
  g_string_append (out, "\n  - ");
  append_yaml_quoted (out, data->consumer_key);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* A ready command for the provider's "who am I" endpoint, signed now: the header is only
 * valid for a few minutes (the timestamp and nonce are in it). */
static char *
export_curl (const CsExportData  *data,
             GError             **error)
{
  g_autoptr(CsSignature) signature = NULL;
  const char *url = data->provider ? cs_provider_get_verify_url (data->provider) : NULL;
  CsSignOptions options;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("%s has no URL to verify credentials with, so there is no curl command "
                     "to export"),
                   data->provider ? cs_provider_get_name (data->provider) : _("This provider"));
      return NULL;
    }
  if (data->consumer_secret == NULL)
    {
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("The consumer secret was not stored, so no request can be signed: "
                             "export another format, or authorize again and store the "
                             "consumer secret"));
      return NULL;
    }

  cs_sign_options_init (&options);
  options.consumer_key = data->consumer_key;
  options.consumer_secret = data->consumer_secret;
  options.token = data->token;
  options.token_secret = data->token_secret;
  options.method = cs_provider_get_signature_method (data->provider);
  signature = cs_sign ("GET", url, NULL, &options, error);
  if (signature == NULL)
    return NULL;

  return cs_export_curl_command (NULL, url, signature->header, NULL);
}

/**
 * cs_export:
 * @data: the credentials; consumer_key, token and token_secret must be set
 * @format: the format
 *
 * Returns: (transfer full): the text, ending with a newline; free it with cs_secret_free()
 */
char *
cs_export (const CsExportData *data,
           CsExportFormat      format,
           GError            **error)
{
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data->provider == NULL || CS_IS_PROVIDER (data->provider), NULL);
  g_return_val_if_fail (data->consumer_key != NULL, NULL);
  g_return_val_if_fail (data->token != NULL, NULL);
  g_return_val_if_fail (data->token_secret != NULL, NULL);

  switch (format)
    {
    case CS_EXPORT_ENV:
      return export_variables (data, FALSE);
    case CS_EXPORT_DOTENV:
      return export_variables (data, TRUE);
    case CS_EXPORT_JSON:
      return export_json (data);
    case CS_EXPORT_CURL:
      return export_curl (data, error);
    case CS_EXPORT_TWURLRC:
      return export_twurlrc (data);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* OAuth 2.0 (issue 15). */

static guint
collect_oauth2_fields (const CsExportOAuth2Data *data,
                       const char               *expires,
                       Field                     fields[8])
{
  const Field all[] = {
    { "CLIENT_ID", "client_id", data->client_id, FALSE },
    { "CLIENT_SECRET", "client_secret", data->client_secret, TRUE },
    { "ACCESS_TOKEN", "access_token", data->access_token, FALSE },
    { "REFRESH_TOKEN", "refresh_token", data->refresh_token, TRUE },
    { "SCOPES", "scope", data->scopes, TRUE },
    { "EXPIRES_AT", "expires_at", expires, TRUE },
    { "ACCOUNT", "account", data->account, TRUE },
  };
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    if (!all[i].optional || (all[i].value != NULL && *all[i].value != '\0'))
      fields[n++] = all[i];
  return n;
}

static gsize
export_oauth2_size (const Field *fields,
                    guint        n,
                    CsProvider  *provider,
                    const char  *url)
{
  gsize size = 1024;

  for (guint i = 0; i < n; i++)
    size += 2 * 6 * strlen (fields[i].value);
  if (provider != NULL)
    size += 2 * 6 * (strlen (cs_provider_get_id (provider)) +
                     strlen (cs_provider_get_name (provider)));
  return size + (url != NULL ? 6 * strlen (url) : 0);
}

static void
json_add_string (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  char *valid = valid_utf8 (value);

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, valid);
  cs_secret_free (valid);
}

static char *
export_oauth2_json (const CsExportOAuth2Data *data,
                    const Field              *fields,
                    guint                     n,
                    gsize                     size)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  GString *out;

  json_builder_begin_object (builder);
  json_add_string (builder, "protocol", "oauth2");
  if (data->provider != NULL)
    {
      json_add_string (builder, "provider", cs_provider_get_id (data->provider));
      json_add_string (builder, "provider_name", cs_provider_get_name (data->provider));
    }
  for (guint i = 0; i < n; i++)
    {
      if (strcmp (fields[i].json_name, "expires_at") == 0)
        {
          json_builder_set_member_name (builder, "expires_at");
          json_builder_add_int_value (builder, data->expires_at);
          continue;
        }
      json_add_string (builder, fields[i].json_name, fields[i].value);
      if (strcmp (fields[i].json_name, "access_token") == 0)
        json_add_string (builder, "token_type", "bearer");
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  out = g_string_sized_new (size);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

static char *
export_oauth2_curl (const CsExportOAuth2Data  *data,
                    const char                *url,
                    GError                   **error)
{
  char *header;
  char *text;

  if (url == NULL || *url == '\0')
    {
      g_set_error (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_URL,
                   _("%s has no URL to verify credentials with, so there is no curl command "
                     "to export"),
                   data->provider ? cs_provider_get_name (data->provider) : _("This provider"));
      return NULL;
    }
  header = g_strconcat ("Bearer ", data->access_token, NULL);
  text = cs_export_curl_command (NULL, url, header, NULL);
  cs_secret_free (header);
  return text;
}

char *
cs_export_oauth2 (const CsExportOAuth2Data *data,
                  CsExportFormat            format,
                  GError                  **error)
{
  g_autofree char *expires = NULL;
  g_autofree char *prefix = NULL;
  const char *url;
  Field fields[8];
  guint n;
  gsize size;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (data->client_id != NULL && data->access_token != NULL, NULL);

  url = data->bearer_url != NULL ? data->bearer_url
        : data->provider != NULL ? cs_provider_get_verify_url (data->provider) : NULL;
  if (data->expires_at > 0)
    expires = g_strdup_printf ("%" G_GINT64_FORMAT, data->expires_at);
  n = collect_oauth2_fields (data, expires, fields);
  size = export_oauth2_size (fields, n, data->provider, url);
  switch (format)
    {
    case CS_EXPORT_ENV:
    case CS_EXPORT_DOTENV:
      prefix = env_prefix (data->provider);
      return export_field_list (prefix, fields, n, format == CS_EXPORT_DOTENV, size);
    case CS_EXPORT_JSON:
      return export_oauth2_json (data, fields, n, size);
    case CS_EXPORT_CURL:
      return export_oauth2_curl (data, url, error);
    case CS_EXPORT_TWURLRC:
      g_set_error_literal (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_INVALID_INPUT,
                           _("twurl has no profiles for OAuth 2.0 credentials: export env, "
                             "dotenv, json or curl"));
      return NULL;
    default:
      g_return_val_if_reached (NULL);
    }
}
