/* cs-provider-error.c — what a provider says when it refuses a request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cs-json.h"
#include "cs-percent.h"
#include "cs-provider-error.h"

/* Parsers recurse; hostile bodies must not take the stack. */
#define MAX_NESTING 32
/* Only the start of a body is looked at. */
#define MAX_PARSE_BYTES (64 * 1024)

typedef struct
{
  int   code;
  char *problem;
  char *message;
} Found;

static void
found_clear (Found *found)
{
  g_clear_pointer (&found->problem, g_free);
  g_clear_pointer (&found->message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Found, found_clear)

char *
cs_provider_error_sanitize (const char *text,
                            gssize      len,
                            guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out;
  guint n_chars = 0;
  gboolean space = FALSE;
  gboolean cut = FALSE;

  g_return_val_if_fail (text != NULL || len == 0, NULL);

  if (len < 0)
    len = strlen (text);
  valid = g_utf8_make_valid (text, len);

  out = g_string_new (NULL);
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Format characters (bidi overrides…) could disguise the text: drop them. */
      if (g_unichar_type (c) == G_UNICODE_FORMAT)
        continue;
      if (g_unichar_isspace (c) || g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        {
          space = out->len > 0;
          continue;
        }
      if (n_chars + (space ? 1 : 0) >= max_chars)
        {
          cut = TRUE;
          break;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          n_chars++;
          space = FALSE;
        }
      g_string_append_unichar (out, c);
      n_chars++;
    }
  if (cut)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

static gboolean
has_prefix_ci (const char *p,
               const char *end,
               const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

/* JSON */

static void
json_take_member_string (JsonObject *object,
                         const char *name,
                         Found      *found)
{
  JsonNode *node;

  if (found->message != NULL || !json_object_has_member (object, name))
    return;
  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    found->message = g_strdup (json_node_get_string (node));
}

static void
json_take_code (JsonObject *object,
                Found      *found)
{
  JsonNode *node;

  if (!json_object_has_member (object, "code"))
    return;
  node = json_object_get_member (object, "code");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);

      if (value >= 0 && value <= G_MAXINT)
        found->code = (int) value;
    }
}

static gboolean
parse_json (const char *body,
            gsize       len,
            Found      *found)
{
  g_autoptr(JsonNode) root = cs_json_parse_object (body, len);
  JsonObject *object;

  if (root == NULL)
    return FALSE;
  object = json_node_get_object (root);

  if (json_object_has_member (object, "errors"))
    {
      JsonNode *errors = json_object_get_member (object, "errors");

      JsonArray *array = JSON_NODE_HOLDS_ARRAY (errors) ? json_node_get_array (errors) : NULL;

      if (array != NULL && json_array_get_length (array) > 0)
        {
          JsonNode *first = json_array_get_element (array, 0);

          if (JSON_NODE_HOLDS_OBJECT (first))
            {
              json_take_code (json_node_get_object (first), found);
              json_take_member_string (json_node_get_object (first), "message", found);
            }
        }
      else
        json_take_member_string (object, "errors", found);
    }
  json_take_member_string (object, "error", found);
  json_take_member_string (object, "detail", found);
  json_take_member_string (object, "message", found);
  json_take_member_string (object, "title", found);
  if (found->code < 0)
    json_take_code (object, found);
  return found->message != NULL || found->code >= 0;
}

/* XML */

typedef struct
{
  Found   *found;
  int      depth;
  gboolean in_error;
  GString *text;
} XmlState;

static void
xml_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  XmlState *state = user_data;

  if (++state->depth > MAX_NESTING)
    {
      g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_PARSE, "too deep");
      return;
    }
  if (state->found->message != NULL || state->in_error)
    return;

  if (strcmp (element, "error") == 0 || strcmp (element, "err") == 0)
    {
      for (guint i = 0; names[i] != NULL; i++)
        {
          if (strcmp (names[i], "code") == 0)
            {
              guint64 code;

              if (g_ascii_string_to_unsigned (values[i], 10, 0, G_MAXINT, &code, NULL))
                state->found->code = (int) code;
            }
          else if ((strcmp (names[i], "msg") == 0 || strcmp (names[i], "message") == 0) &&
                   state->found->message == NULL)
            state->found->message = g_strdup (values[i]);
        }
      if (state->found->message == NULL)
        {
          state->in_error = TRUE;
          g_string_truncate (state->text, 0);
        }
    }
}

static void
xml_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  XmlState *state = user_data;

  state->depth--;
  if (state->in_error && (strcmp (element, "error") == 0 || strcmp (element, "err") == 0))
    {
      state->in_error = FALSE;
      if (state->text->len > 0)
        state->found->message = g_strndup (state->text->str, state->text->len);
    }
}

static void
xml_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 len,
          gpointer              user_data,
          GError              **error)
{
  XmlState *state = user_data;

  if (state->in_error && state->text->len < MAX_PARSE_BYTES)
    g_string_append_len (state->text, text, len);
}

static gboolean
parse_xml (const char *body,
           gsize       len,
           Found      *found)
{
  static const GMarkupParser parser = { xml_start, xml_end, xml_text, NULL, NULL };
  g_autoptr(GString) text = g_string_new (NULL);
  XmlState state = { found, 0, FALSE, text };
  GMarkupParseContext *context;

  context = g_markup_parse_context_new (&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &state, NULL);
  /* Errors are fine: whatever was found before them counts. */
  if (g_markup_parse_context_parse (context, body, len, NULL))
    g_markup_parse_context_end_parse (context, NULL);
  g_markup_parse_context_free (context);
  return found->message != NULL || found->code >= 0;
}

/* HTML: only the title, found by hand since HTML is rarely well-formed XML. */
static gboolean
parse_html (const char *body,
            gsize       len,
            Found      *found)
{
  const char *end = body + len;

  for (const char *p = body; p < end; p++)
    {
      if (*p == '<' && has_prefix_ci (p, end, "<title"))
        {
          const char *start = memchr (p, '>', end - p);
          const char *q;

          if (start == NULL)
            return FALSE;
          start++;
          for (q = start; q < end && !has_prefix_ci (q, end, "</title"); q++)
            ;
          if (q == end || q == start)
            return FALSE;
          found->message = g_strndup (start, q - start);
          return TRUE;
        }
    }
  return FALSE;
}

/* Form-encoded: the OAuth Problem Reporting extension. */
static gboolean
parse_form (const char *body,
            gsize       len,
            Found      *found)
{
  g_autoptr(GPtrArray) params = NULL;
  const char *problem;
  const char *advice;

  if (memchr (body, '\0', len) != NULL)
    return FALSE;
  params = cs_form_parse (body, len, NULL);
  if (params == NULL)
    return FALSE;
  problem = cs_param_list_get (params, "oauth_problem");
  if (problem == NULL || *problem == '\0')
    return FALSE;
  found->problem = cs_provider_error_sanitize (problem, -1, 64);
  advice = cs_param_list_get (params, "oauth_problem_advice");
  if (advice != NULL && *advice != '\0')
    found->message = g_strdup (advice);
  return TRUE;
}

static gboolean
parse_text (const char *body,
            gsize       len,
            Found      *found)
{
  if (len == 0 || len > 1024 || !g_utf8_validate (body, len, NULL))
    return FALSE;
  found->message = g_strndup (body, len);
  return TRUE;
}

static gboolean
type_is (const char *content_type,
         const char *needle)
{
  return content_type != NULL && strstr (content_type, needle) != NULL;
}

gboolean
cs_provider_error_parse_full (const char  *body,
                              gsize        len,
                              const char  *content_type,
                              int         *code,
                              char       **problem,
                              char       **message)
{
  g_auto(Found) found = { -1, NULL, NULL };
  const char *start;
  const char *end;
  gboolean ok = FALSE;

  if (body == NULL)
    len = 0;
  len = MIN (len, MAX_PARSE_BYTES);
  end = (body != NULL ? body : "") + len;
  start = skip_space (body != NULL ? body : "", end);
  len = end - start;

  if (len > 0)
    {
      gboolean html = has_prefix_ci (start, end, "<!doctype html") ||
                      has_prefix_ci (start, end, "<html") || type_is (content_type, "html");

      if (*start == '{' || type_is (content_type, "json"))
        ok = parse_json (start, len, &found);
      else if (html)
        ok = parse_html (start, len, &found);
      else if (*start == '<' || type_is (content_type, "xml"))
        ok = parse_xml (start, len, &found);
      if (!ok && !html && *start != '<' && *start != '{')
        ok = parse_form (start, len, &found) || parse_text (start, len, &found);
    }

  if (code != NULL)
    *code = ok ? found.code : -1;
  if (problem != NULL)
    *problem = ok ? g_steal_pointer (&found.problem) : NULL;
  if (message != NULL)
    *message = ok && found.message != NULL
                 ? cs_provider_error_sanitize (found.message, -1, CS_PROVIDER_ERROR_MAX_TEXT)
                 : NULL;
  return ok;
}

gboolean
cs_provider_error_parse (const char  *body,
                         gsize        len,
                         const char  *content_type,
                         int         *code,
                         char       **message)
{
  g_autofree char *problem = NULL;
  g_autofree char *text = NULL;
  gboolean ok;

  ok = cs_provider_error_parse_full (body, len, content_type, code, &problem, &text);
  if (message != NULL)
    {
      if (problem != NULL && text != NULL)
        *message = g_strdup_printf ("%s (%s)", problem, text);
      else
        *message = text != NULL ? g_steal_pointer (&text) : g_steal_pointer (&problem);
    }
  return ok;
}

const char *
cs_provider_error_explain (int         code,
                           const char *problem)
{
  switch (code)
    {
    case 32:
      return _("The provider could not authenticate the request: check the consumer key and "
               "secret, and that this computer’s clock is set correctly.");
    case 89:
      return _("The token is invalid or has expired: authorize again to get a new one.");
    case 135:
      return _("The request’s timestamp is out of the accepted range: this computer’s clock "
               "is wrong. Set the date and time automatically and try again.");
    case 215:
      return _("Bad authentication data: the request did not carry valid OAuth parameters. "
               "Check the consumer key.");
    case 415:
      return _("The callback URL is not approved for this app: add it to the callback URLs "
               "in the app’s settings on the developer portal, or use PIN (oob) mode.");
    case 416:
      return _("The app has been suspended or disabled: check its status on the developer "
               "portal.");
    case 417:
      return _("This app allows only PIN (oob) callbacks: choose PIN mode, or register a "
               "callback URL in the app’s settings.");
    default:
      break;
    }

  if (problem == NULL)
    return NULL;
  if (strcmp (problem, "timestamp_refused") == 0)
    return _("The provider refused the request’s timestamp: this computer’s clock is wrong. "
             "Set the date and time automatically and try again.");
  if (strcmp (problem, "signature_invalid") == 0)
    return _("The signature does not match: check the consumer secret (and the token secret) "
             "and the signature method.");
  if (strcmp (problem, "consumer_key_unknown") == 0 ||
      strcmp (problem, "consumer_key_rejected") == 0 ||
      strcmp (problem, "consumer_key_refused") == 0)
    return _("The provider does not accept this consumer key: check it on the developer "
             "portal.");
  if (strcmp (problem, "token_expired") == 0 || strcmp (problem, "token_rejected") == 0 ||
      strcmp (problem, "token_revoked") == 0 || strcmp (problem, "token_used") == 0)
    return _("The token is invalid, used or expired: authorize again to get a new one.");
  if (strcmp (problem, "nonce_used") == 0)
    return _("The provider saw this nonce before: send the request again.");
  if (strcmp (problem, "signature_method_rejected") == 0)
    return _("The provider does not accept this signature method: choose another one.");
  if (strcmp (problem, "permission_denied") == 0 || strcmp (problem, "user_refused") == 0)
    return _("The authorization was refused.");
  if (strcmp (problem, "parameter_absent") == 0 || strcmp (problem, "parameter_rejected") == 0)
    return _("The provider says a parameter is missing or not accepted.");
  return NULL;
}

char *
cs_provider_error_callback_advice (const char *body,
                                   gsize       len,
                                   const char *content_type,
                                   const char *callback)
{
  g_autofree char *shown = NULL;
  int code = -1;

  if (callback == NULL || strcmp (callback, "oob") == 0)
    return NULL;
  cs_provider_error_parse_full (body, len, content_type, &code, NULL, NULL);
  if (code != 415)
    return NULL;
  shown = cs_provider_error_sanitize (callback, -1, CS_PROVIDER_ERROR_MAX_TEXT);
  return g_strdup_printf (_("The callback URL sent was “%s”: add exactly this address, port "
                            "included, to the callback URLs in the app’s settings."),
                          shown);
}

char *
cs_provider_error_describe (guint       status,
                            const char *body,
                            gsize       len,
                            const char *content_type)
{
  g_autofree char *problem = NULL;
  g_autofree char *text = NULL;
  const char *phrase = soup_status_get_phrase (status);
  const char *explanation;
  GString *out = g_string_new (NULL);
  int code = -1;

  cs_provider_error_parse_full (body, len, content_type, &code, &problem, &text);

  if (phrase != NULL && *phrase != '\0')
    g_string_append_printf (out, "HTTP %u %s", status, phrase);
  else
    g_string_append_printf (out, "HTTP %u", status);

  if (text != NULL && problem != NULL)
    g_string_append_printf (out, _(": the provider says “%s” (%s)"), text, problem);
  else if (text != NULL)
    g_string_append_printf (out, _(": the provider says “%s”"), text);
  else if (problem != NULL)
    g_string_append_printf (out, _(": the provider reports the problem “%s”"), problem);
  if (code >= 0)
    g_string_append_printf (out, _(" (error code %d)"), code);
  g_string_append_c (out, '.');

  explanation = cs_provider_error_explain (code, problem);
  if (explanation != NULL)
    g_string_append_printf (out, " %s", explanation);
  return g_string_free (out, FALSE);
}
