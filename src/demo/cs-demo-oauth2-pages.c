/* cs-demo-oauth2-pages.c — the demo provider's OAuth 2.0 authorize endpoint and consent page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GET oauth2/authorize checks the request as X does (RFC 6749 §4.1.2.1 for what goes where):
 * an unknown client_id or a redirect_uri that is not registered, exactly, gets a 400 page and
 * never a redirect; then response_type=code, a state, PKCE (code_challenge with
 * code_challenge_method=S256, RFC 7636) and a scope of the demo's are required, else the
 * browser goes back to the redirect_uri with error= (and the state). A good request gets the
 * consent page: a form (id "authorize") that POSTs consent=ID and action=allow (button
 * "allow") or action=deny (button "deny") to oauth2/authorize. Allow redirects with code and
 * state, Deny with error=access_denied and the state; a consent is answered once.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-demo-callback.h"
#include "cs-demo-http.h"
#include "cs-demo-oauth2-tokens.h"
#include "cs-demo-oauth2.h"
#include "cs-demo-pages.h"
#include "cs-demo-private.h"
#include "cs-percent.h"

static void
reply_bad_request_page (CsDemoProvider    *self,
                        SoupServerMessage *msg,
                        const char        *text)
{
  g_autofree char *body = cs_demo_pages_paragraph ("error", text);

  cs_demo_pages_reply_html (self, msg, SOUP_STATUS_BAD_REQUEST,
                            _("Invalid authorization request"), body);
}

/* Back to @redirect_uri with @name=@value pairs (NULL-terminated) and the state. */
static void
redirect_with (CsDemoProvider    *self,
               SoupServerMessage *msg,
               const char        *redirect_uri,
               const char        *state,
               const char        *first_name,
               ...)
{
  g_autoptr(GPtrArray) extra = cs_param_list_new ();
  g_autofree char *location = NULL;
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  for (; name != NULL; name = va_arg (args, const char *))
    cs_param_list_add (extra, name, va_arg (args, const char *));
  va_end (args);
  if (state != NULL)
    cs_param_list_add (extra, "state", state);
  location = cs_demo_callback_with (redirect_uri, extra);
  cs_demo_reply_redirect (self, msg, location);
  cs_secret_free (g_steal_pointer (&location));
}

/* RFC 7636 §4.2: an S256 challenge is 43 base64url characters. */
static gboolean
challenge_well_formed (const char *challenge)
{
  if (challenge == NULL || strlen (challenge) != 43)
    return FALSE;
  for (const char *p = challenge; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* What is wrong with a request whose client and redirect_uri are good: the error= code and
 * its description, or FALSE when nothing is. */
static gboolean
request_error (GHashTable  *query,
               const char **error,
               const char **description)
{
  const char *method = g_hash_table_lookup (query, "code_challenge_method");

  *error = "invalid_request";
  if (g_strcmp0 (g_hash_table_lookup (query, "response_type"), "code") != 0)
    {
      *error = "unsupported_response_type";
      *description = "response_type must be code.";
    }
  else if (g_hash_table_lookup (query, "state") == NULL)
    *description = "state is required.";
  else if (g_hash_table_lookup (query, "code_challenge") == NULL)
    *description = "PKCE is required: send code_challenge and code_challenge_method=S256.";
  else if (g_strcmp0 (method, "S256") != 0)
    *description = "code_challenge_method must be S256.";
  else if (!challenge_well_formed (g_hash_table_lookup (query, "code_challenge")))
    *description = "code_challenge must be BASE64URL(SHA256(code_verifier)), 43 characters.";
  else if (!cs_demo_oauth2_scope_within (g_hash_table_lookup (query, "scope"),
                                         CS_DEMO_OAUTH2_SCOPES))
    {
      *error = "invalid_scope";
      *description = "scope must be a space-separated list of: " CS_DEMO_OAUTH2_SCOPES ".";
    }
  else
    return FALSE;
  return TRUE;
}

static void
show_consent (CsDemoProvider    *self,
              SoupServerMessage *msg,
              const char        *id,
              const char        *scope)
{
  g_autofree char *request = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *local = NULL;
  g_autofree char *scopes = NULL;
  g_autofree char *escaped_id = g_markup_escape_text (id, -1);
  g_autofree char *escaped_scope = g_markup_escape_text (scope, -1);
  g_autofree char *allow = g_markup_escape_text (_("Allow"), -1);
  g_autofree char *deny = g_markup_escape_text (_("Deny"), -1);
  g_autofree char *body = NULL;

  /* Translators: %s is the demo account's screen name. */
  request = g_strdup_printf (_("Countersign demo app would like to access your account @%s "
                               "with OAuth 2.0."), CS_DEMO_SCREEN_NAME);
  intro = cs_demo_pages_paragraph (NULL, request);
  scopes = cs_demo_pages_paragraph (NULL, _("It asks for these scopes:"));
  local = cs_demo_pages_paragraph (NULL, _("This is the built-in demo provider: nothing leaves "
                                           "this computer."));
  body = g_strdup_printf (
    "%s\n%s\n<p><code id=\"scope\">%s</code></p>\n%s\n"
    "<form id=\"authorize\" method=\"post\" action=\"/oauth2/authorize\">\n"
    "<input type=\"hidden\" name=\"consent\" value=\"%s\">\n"
    "<button type=\"submit\" name=\"action\" value=\"allow\" id=\"allow\">%s</button>\n"
    "<button type=\"submit\" name=\"action\" value=\"deny\" id=\"deny\">%s</button>\n"
    "</form>",
    intro, scopes, escaped_scope, local, escaped_id, allow, deny);
  cs_demo_pages_reply_html (self, msg, SOUP_STATUS_OK, _("Authorize access"), body);
}

static void
show_authorize (CsDemoProvider    *self,
                SoupServerMessage *msg,
                GHashTable        *query)
{
  const char *client_id = query ? g_hash_table_lookup (query, "client_id") : NULL;
  const char *redirect_uri = query ? g_hash_table_lookup (query, "redirect_uri") : NULL;
  const char *error;
  const char *description;
  const char *id;

  if (!cs_demo_oauth2_client_known (client_id))
    {
      reply_bad_request_page (self, msg, _("This app is not registered with the demo "
                                           "provider: check the client ID."));
      return;
    }
  if (!cs_demo_oauth2_redirect_registered (self, redirect_uri))
    {
      reply_bad_request_page (self, msg, _("The redirect_uri is not one of the app’s "
                                           "registered callback URLs (they must match "
                                           "exactly)."));
      return;
    }
  if (request_error (query, &error, &description))
    {
      redirect_with (self, msg, redirect_uri, g_hash_table_lookup (query, "state"),
                     "error", error, "error_description", description, NULL);
      return;
    }
  id = cs_demo_oauth2_tokens_add_consent (self->oauth2, client_id, redirect_uri,
                                          g_hash_table_lookup (query, "scope"),
                                          g_hash_table_lookup (query, "state"),
                                          g_hash_table_lookup (query, "code_challenge"));
  show_consent (self, msg, id, g_hash_table_lookup (query, "scope"));
}

static void
answer_authorize (CsDemoProvider    *self,
                  SoupServerMessage *msg)
{
  g_autofree char *body = cs_demo_request_body (msg);
  g_autoptr(GPtrArray) form = cs_form_parse (body, -1, NULL);
  const char *id = form ? cs_param_list_get (form, "consent") : NULL;
  const char *action = form ? cs_param_list_get (form, "action") : NULL;
  const CsDemoOAuth2Consent *c = cs_demo_oauth2_tokens_lookup_consent (self->oauth2, id);
  g_autofree char *redirect_uri = NULL;
  g_autofree char *state = NULL;

  if (c == NULL)
    {
      reply_bad_request_page (self, msg, _("This authorization request was answered already, "
                                           "or never made. Start the authorization again."));
      return;
    }
  redirect_uri = g_strdup (c->redirect_uri);
  state = g_strdup (c->state);
  if (g_strcmp0 (action, "allow") == 0)
    redirect_with (self, msg, redirect_uri, state, "code",
                   cs_demo_oauth2_tokens_issue_code (self->oauth2, id,
                                                     cs_demo_provider_now (self)), NULL);
  else if (g_strcmp0 (action, "deny") == 0)
    {
      cs_demo_oauth2_tokens_forget_consent (self->oauth2, id);
      redirect_with (self, msg, redirect_uri, state, "error", "access_denied",
                     "error_description", "The user denied access.", NULL);
    }
  else
    reply_bad_request_page (self, msg, _("Choose Allow or Deny."));
}

void
cs_demo_oauth2_authorize (CsDemoProvider    *self,
                          SoupServerMessage *msg,
                          GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);

  if (strcmp (method, SOUP_METHOD_GET) == 0 || strcmp (method, SOUP_METHOD_HEAD) == 0)
    show_authorize (self, msg, query);
  else if (strcmp (method, SOUP_METHOD_POST) == 0)
    answer_authorize (self, msg);
  else
    cs_demo_reply_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 0, "Use GET or POST.");
}
