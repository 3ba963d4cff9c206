/* cs-cli-output.c — everything countersign-cli prints on standard output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "cs-cli.h"
#include "cs-cli-output.h"
#include "cs-export.h"
#include "cs-oauth2-token.h"
#include "cs-percent.h"

int
cs_cli_parse_format (const char  *name,
                     CsCliFormat *format)
{
  if (name == NULL || strcmp (name, "lines") == 0)
    *format = CS_CLI_FORMAT_LINES;
  else if (strcmp (name, "env") == 0)
    *format = CS_CLI_FORMAT_ENV;
  else if (strcmp (name, "json") == 0)
    *format = CS_CLI_FORMAT_JSON;
  else
    return cs_cli_usage_error ("--format", _("unknown format “%s”; use lines, env or json"),
                               name);
  return -1;
}

/* Writes @line and wipes it. */
static void
put_wiped (GString *line)
{
  g_autoptr(CsWipedString) owned = line;

  fwrite (owned->str, 1, owned->len, stdout);
}

void
cs_cli_print_field (const char *name,
                    const char *value)
{
  static const char hex[] = "0123456789ABCDEF";
  GString *line;

  if (value == NULL)
    return;
  /* Sized so that it is never reallocated (which would free a copy of the value unwiped). */
  line = g_string_sized_new (strlen (name) + 3 * strlen (value) + 3);
  g_string_append (line, name);
  g_string_append_c (line, '=');
  for (const guchar *p = (const guchar *) value; *p; p++)
    {
      if (*p < 0x20 || *p == 0x7f || *p == '%')
        {
          g_string_append_c (line, '%');
          g_string_append_c (line, hex[*p >> 4]);
          g_string_append_c (line, hex[*p & 0xf]);
        }
      else
        g_string_append_c (line, *p);
    }
  g_string_append_c (line, '\n');
  put_wiped (line);
}

static void
print_lines (GPtrArray *params)
{
  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *p = g_ptr_array_index (params, i);

      cs_cli_print_field (p->name, p->value);
    }
}

/* oauth_token → COUNTERSIGN_TOKEN, oauth_token_secret → COUNTERSIGN_TOKEN_SECRET, user_id →
 * COUNTERSIGN_USER_ID… */
static void
print_env (GPtrArray *params)
{
  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *p = g_ptr_array_index (params, i);
      const char *field = g_str_has_prefix (p->name, "oauth_") ? p->name + strlen ("oauth_")
                                                                : p->name;
      g_autoptr(GString) name = g_string_new ("COUNTERSIGN_");
      GString *line;

      cs_export_append_env_name (name, field);
      line = g_string_sized_new (name->len + 4 * strlen (p->value) + 16);
      cs_export_append_env_line (line, name->str, p->value);
      put_wiped (line);
    }
}

/* @numbers: fields whose value is all digits are JSON numbers (an OAuth 2.0 answer's
 * expires_in, as the provider sent it). */
static void
print_json (GPtrArray *params,
            gboolean   numbers)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char *text;

  json_builder_begin_object (builder);
  for (guint i = 0; i < params->len; i++)
    {
      const CsParam *p = g_ptr_array_index (params, i);

      if (!g_utf8_validate (p->name, -1, NULL) || !g_utf8_validate (p->value, -1, NULL))
        continue;
      json_builder_set_member_name (builder, p->name);
      if (numbers && strcmp (p->name, "expires_in") == 0 && *p->value != '\0' &&
          strlen (p->value) < 18 && strspn (p->value, "0123456789") == strlen (p->value))
        json_builder_add_int_value (builder, g_ascii_strtoll (p->value, NULL, 10));
      else
        json_builder_add_string_value (builder, p->value);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
  cs_secret_free (text);
}

static void
print_params (GPtrArray   *params,
              CsCliFormat  format,
              gboolean     numbers)
{
  switch (format)
    {
    case CS_CLI_FORMAT_ENV:
      print_env (params);
      break;
    case CS_CLI_FORMAT_JSON:
      print_json (params, numbers);
      break;
    case CS_CLI_FORMAT_LINES:
    default:
      print_lines (params);
      break;
    }
  fflush (stdout);
}

void
cs_cli_print_credentials (CsCredentials *credentials,
                          CsCliFormat    format)
{
  print_params (cs_credentials_get_params (credentials), format, FALSE);
}

void
cs_cli_print_oauth2_token (CsOAuth2Token *token,
                           CsCliFormat    format)
{
  const char * const *names = cs_oauth2_token_get_field_names (token);
  /* The values stay @token's: the list only points at them. */
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      CsParam *p = g_new0 (CsParam, 1);

      p->name = (char *) names[i];
      p->value = (char *) cs_oauth2_token_get_field (token, names[i]);
      if (p->value == NULL)
        {
          g_free (p);
          continue;
        }
      g_ptr_array_add (params, p);
    }
  print_params (params, format, TRUE);
}

void
cs_cli_print_secret_text (char *text)
{
  fputs (text, stdout);
  fflush (stdout);
  cs_secret_free (text);
}

void
cs_cli_print_curl (const char *http_method,
                   const char *url,
                   const char *authorization,
                   const char *form_body)
{
  cs_cli_print_secret_text (cs_export_curl_command (http_method, url, authorization, form_body));
}

void
cs_cli_print_body (GBytes *body)
{
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  fwrite (data, 1, size, stdout);
  if (size > 0 && data[size - 1] != '\n')
    fputc ('\n', stdout);
  fflush (stdout);
}
