/* cs-oauth2-error.c — an OAuth 2.0 error answer, in words the user can act on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-json.h"
#include "cs-oauth-error.h"
#include "cs-oauth2-error.h"
#include "cs-provider-error.h"

/* The provider's words are kept beside the errors made here, by message: a GError has no
 * room for them, and g_error_copy () keeps the message. A few dozen are enough (an error is
 * read right after it is made); the oldest go first. */
#define MAX_REMEMBERED 64

typedef struct
{
  char *message;
  char *code;
  char *description;
} Remembered;

static GMutex remembered_lock;
static GQueue remembered = G_QUEUE_INIT;

static void
remembered_free (Remembered *item)
{
  g_free (item->message);
  g_free (item->code);
  g_free (item->description);
  g_free (item);
}

static void
remember (const GError *error,
          const char   *code,
          const char   *description)
{
  Remembered *item = g_new0 (Remembered, 1);

  item->message = g_strdup (error->message);
  item->code = g_strdup (code);
  item->description = g_strdup (description);
  g_mutex_lock (&remembered_lock);
  g_queue_push_head (&remembered, item);
  while (remembered.length > MAX_REMEMBERED)
    remembered_free (g_queue_pop_tail (&remembered));
  g_mutex_unlock (&remembered_lock);
}

static const char *
recall (const GError *error,
        gboolean      description)
{
  const char *found = NULL;

  if (error == NULL || error->domain != CS_OAUTH_ERROR || error->message == NULL)
    return NULL;
  g_mutex_lock (&remembered_lock);
  for (GList *l = remembered.head; l != NULL; l = l->next)
    {
      Remembered *item = l->data;

      if (strcmp (item->message, error->message) == 0)
        {
          /* Items are freed only when 64 newer ones came: the pointer stays valid that long. */
          found = description ? item->description : item->code;
          break;
        }
    }
  g_mutex_unlock (&remembered_lock);
  return found;
}

const char *
cs_oauth2_error_get_code (const GError *error)
{
  return recall (error, FALSE);
}

const char *
cs_oauth2_error_get_description (const GError *error)
{
  return recall (error, TRUE);
}

GError *
cs_oauth2_error_new (int         code,
                     const char *message,
                     const char *error_code,
                     const char *description)
{
  GError *error = g_error_new_literal (CS_OAUTH_ERROR, code, message);

  remember (error, error_code, description);
  return error;
}

static gboolean
mentions_redirect (const char *description)
{
  g_autofree char *lower = NULL;

  if (description == NULL)
    return FALSE;
  lower = g_ascii_strdown (description, -1);
  return strstr (lower, "redirect") != NULL || strstr (lower, "callback") != NULL;
}

gboolean
cs_oauth2_error_is_redirect_mismatch (const char *error_code,
                                      const char *description)
{
  if (error_code == NULL)
    return FALSE;
  return g_str_equal (error_code, "redirect_uri_mismatch") ||
         g_str_equal (error_code, "invalid_redirect_uri") ||
         ((g_str_equal (error_code, "invalid_request") ||
           g_str_equal (error_code, "invalid_grant")) && mentions_redirect (description));
}

const char *
cs_oauth2_error_advice (const char *error_code,
                        const char *description)
{
  if (error_code == NULL)
    return NULL;
  if (cs_oauth2_error_is_redirect_mismatch (error_code, description))
    return _("The redirect URI is not one the app has registered: add the redirect URI "
             "Countersign shows, exactly as shown (scheme, host, port and path), to the "
             "app's callback or redirect URLs.");
  if (g_str_equal (error_code, "invalid_grant"))
    return _("The authorization code or refresh token is invalid, expired, already used, or "
             "was issued for another client, redirect URI or code verifier: authorize again. "
             "Refresh tokens are single-use at providers that rotate them.");
  if (g_str_equal (error_code, "invalid_client"))
    return _("The client was not recognised: copy the OAuth 2.0 Client ID, and for a "
             "confidential client the Client Secret, again from the app's settings (they are "
             "not the OAuth 1.0a consumer key and secret).");
  if (g_str_equal (error_code, "unauthorized_client"))
    return _("This client may not use this grant. Often the app's type does not match the "
             "credentials given: a native or single-page app is a public client (leave the "
             "client secret empty), a web app, automated app or bot is confidential (give its "
             "client secret). Change the app's type in its settings, or the secret here.");
  if (g_str_equal (error_code, "invalid_scope"))
    return _("A scope asked for is unknown or not allowed for this app: ask for fewer "
             "scopes, or enable them in the app's settings.");
  if (g_str_equal (error_code, "access_denied"))
    return _("The authorization was refused, by the user or by the provider: authorize "
             "again and choose Allow, or check that the app may ask for these scopes.");
  if (g_str_equal (error_code, "unsupported_grant_type") ||
      g_str_equal (error_code, "unsupported_response_type"))
    return _("The provider does not offer this kind of authorization to this app: enable it "
             "in the app's settings, or check the token URL.");
  if (g_str_equal (error_code, "unsupported_token_type"))
    return _("The provider cannot revoke this kind of token.");
  if (g_str_equal (error_code, "invalid_request"))
    return _("The provider found the request malformed: check the token URL and the client "
             "ID.");
  if (g_str_equal (error_code, "server_error") ||
      g_str_equal (error_code, "temporarily_unavailable"))
    return _("The provider had a problem of its own: try again later.");
  return NULL;
}

static GError *
error_new (const char *who,
           const char *code,
           const char *description)
{
  const char *advice = cs_oauth2_error_advice (code, description);
  GString *message = g_string_new (NULL);
  GError *error;

  if (description != NULL)
    /* Translators: %s: a host name, %s: an OAuth 2.0 error code (invalid_grant…),
     * %s: the provider's description of it. */
    g_string_printf (message, _("%s refused: %s (“%s”)."), who, code, description);
  else
    g_string_printf (message, _("%s refused: %s."), who, code);
  if (advice != NULL)
    g_string_append_printf (message, " %s", advice);
  error = g_error_new_literal (CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED, message->str);
  g_string_free (message, TRUE);
  remember (error, code, description);
  return error;
}

static char *
clean (const char *text)
{
  char *out;

  if (text == NULL)
    return NULL;
  out = cs_provider_error_sanitize (text, -1, CS_PROVIDER_ERROR_MAX_TEXT);
  if (*out == '\0')
    g_clear_pointer (&out, g_free);
  return out;
}

GError *
cs_oauth2_error_from_redirect (const char *error_code,
                               const char *error_description)
{
  g_autofree char *code = clean (error_code);
  g_autofree char *description = clean (error_description);

  return error_new (_("The provider"), code != NULL ? code : "error", description);
}

GError *
cs_oauth2_error_from_answer (guint       status,
                             const char *body,
                             gsize       length,
                             const char *host,
                             char      **error_code,
                             char      **error_description)
{
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *code = NULL;
  g_autofree char *description = NULL;
  g_autofree char *who = NULL;
  GError *error;

  if (error_code != NULL)
    *error_code = NULL;
  if (error_description != NULL)
    *error_description = NULL;
  who = host != NULL && *host != '\0' ? g_strdup (host) : g_strdup (_("The provider"));
  if (body != NULL && length > 0)
    root = cs_json_parse_object (body, length);
  if (root != NULL)
    {
      code = clean (cs_json_string_at (root, "error", NULL));
      description = clean (cs_json_string_at (root, "error_description", NULL));
    }
  if (code == NULL)
    {
      /* Not an RFC 6749 §5.2 answer: say what the body and status say. */
      g_autofree char *text = cs_provider_error_describe (status, body, length, NULL);

      return g_error_new (CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED, _("%s refused: %s"), who,
                          text);
    }
  error = error_new (who, code, description);
  if (error_code != NULL)
    *error_code = g_steal_pointer (&code);
  if (error_description != NULL)
    *error_description = g_steal_pointer (&description);
  return error;
}
