/* cs-demo-pages.c — the demo provider's HTML pages: the consent page and its answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "cs-demo-callback.h"
#include "cs-demo-http.h"
#include "cs-demo-pages.h"
#include "cs-demo-private.h"
#include "cs-demo-tokens.h"
#include "cs-percent.h"

static void
reply_html (CsDemoProvider    *self,
            SoupServerMessage *msg,
            guint              status,
            const char        *title,
            const char        *body_html)
{
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);
  g_autofree char *escaped_name = g_markup_escape_text (_("Countersign demo provider"), -1);
  g_autofree char *page = g_strdup_printf (
    "<!DOCTYPE html>\n"
    "<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width\">"
    "<title>%s — %s</title>"
    "<style>body{font-family:sans-serif;max-width:32em;margin:3em auto;padding:0 1em}"
    "button{font-size:1.1em;padding:.4em 1.2em;margin-right:1em}"
    "#pin{font-size:2em;letter-spacing:.2em}</style></head>\n"
    "<body><h1>%s</h1>\n%s\n</body></html>\n",
    escaped_title, escaped_name, escaped_title, body_html);

  cs_demo_reply (self, msg, status, "text/html; charset=utf-8", page);
}

/* A paragraph of (translated) text, escaped; @id may be NULL. */
static char *
html_paragraph (const char *id,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (id == NULL)
    return g_strdup_printf ("<p>%s</p>", escaped);
  return g_strdup_printf ("<p id=\"%s\">%s</p>", id, escaped);
}

/* A page that is one paragraph. */
static void
reply_paragraph (CsDemoProvider    *self,
                 SoupServerMessage *msg,
                 guint              status,
                 const char        *title,
                 const char        *id,
                 const char        *text)
{
  g_autofree char *body = html_paragraph (id, text);

  reply_html (self, msg, status, title, body);
}

static void
reply_bad_token_page (CsDemoProvider    *self,
                      SoupServerMessage *msg)
{
  reply_paragraph (self, msg, SOUP_STATUS_BAD_REQUEST, _("Invalid request token"), NULL,
                   _("This authorization link has no valid request token: it was used "
                     "already, refused, or never issued. Start the authorization again."));
}

void
cs_demo_pages_show_authorize (CsDemoProvider    *self,
                              SoupServerMessage *msg,
                              GHashTable        *query)
{
  const char *token = query ? g_hash_table_lookup (query, "oauth_token") : NULL;
  const CsDemoRequestToken *rt = cs_demo_tokens_lookup_pending (self->tokens, token);
  g_autofree char *escaped = NULL;
  g_autofree char *request = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *allow = NULL;
  g_autofree char *deny = NULL;
  g_autofree char *body = NULL;

  if (rt == NULL)
    {
      reply_bad_token_page (self, msg);
      return;
    }
  escaped = g_markup_escape_text (rt->token, -1);
  /* Translators: %s is the demo account's screen name. */
  request = g_strdup_printf (_("Countersign demo app would like to use your account @%s."),
                             CS_DEMO_SCREEN_NAME);
  intro = html_paragraph (NULL, request);
  scope = html_paragraph (NULL, _("It will be able to read your profile. This is the built-in "
                                  "demo provider: nothing leaves this computer."));
  allow = g_markup_escape_text (_("Allow"), -1);
  deny = g_markup_escape_text (_("Deny"), -1);
  body = g_strdup_printf (
    "%s\n%s\n"
    "<form id=\"authorize\" method=\"post\" action=\"/oauth/authorize\">\n"
    "<input type=\"hidden\" name=\"oauth_token\" value=\"%s\">\n"
    "<button type=\"submit\" name=\"action\" value=\"allow\" id=\"allow\">%s</button>\n"
    "<button type=\"submit\" name=\"action\" value=\"deny\" id=\"deny\">%s</button>\n"
    "</form>",
    intro, scope, escaped, allow, deny);
  reply_html (self, msg, SOUP_STATUS_OK, _("Authorize access"), body);
}

static void
redirect_to_callback (CsDemoProvider    *self,
                      SoupServerMessage *msg,
                      const char        *callback,
                      GPtrArray         *extra)
{
  g_autofree char *location = cs_demo_callback_with (callback, extra);

  cs_demo_reply_redirect (self, msg, location);
}

static void
answer_allow (CsDemoProvider           *self,
              SoupServerMessage        *msg,
              const CsDemoRequestToken *rt)
{
  const char *verifier = cs_demo_tokens_authorize (self->tokens, rt->token);
  g_autoptr(GPtrArray) extra = NULL;

  if (strcmp (rt->callback, "oob") == 0)
    {
      g_autofree char *intro = html_paragraph (NULL, _("You allowed Countersign demo app to use "
                                                       "your account. Enter this PIN in the "
                                                       "application to finish:"));
      g_autofree char *page = g_strdup_printf ("%s\n<p><code id=\"pin\">%s</code></p>", intro,
                                               verifier);

      reply_html (self, msg, SOUP_STATUS_OK, _("Authorization PIN"), page);
      return;
    }
  extra = cs_param_list_new ();
  cs_param_list_add (extra, "oauth_token", rt->token);
  cs_param_list_add (extra, "oauth_verifier", verifier);
  redirect_to_callback (self, msg, rt->callback, extra);
}

static void
answer_deny (CsDemoProvider           *self,
             SoupServerMessage        *msg,
             const CsDemoRequestToken *rt)
{
  g_autofree char *callback = g_strdup (rt->callback);
  g_autoptr(GPtrArray) extra = cs_param_list_new ();

  cs_param_list_add (extra, "denied", rt->token);
  cs_demo_tokens_forget_request (self->tokens, rt->token);
  if (strcmp (callback, "oob") == 0)
    reply_paragraph (self, msg, SOUP_STATUS_OK, _("Authorization refused"), "denied",
                     _("You refused access. You can close this page."));
  else
    redirect_to_callback (self, msg, callback, extra);
}

void
cs_demo_pages_answer_authorize (CsDemoProvider    *self,
                                SoupServerMessage *msg)
{
  g_autofree char *body = cs_demo_request_body (msg);
  g_autoptr(GPtrArray) form = cs_form_parse (body, -1, NULL);
  const char *token = form ? cs_param_list_get (form, "oauth_token") : NULL;
  const char *action = form ? cs_param_list_get (form, "action") : NULL;
  const CsDemoRequestToken *rt = cs_demo_tokens_lookup_pending (self->tokens, token);

  if (rt == NULL)
    reply_bad_token_page (self, msg);
  else if (g_strcmp0 (action, "allow") == 0)
    answer_allow (self, msg, rt);
  else if (g_strcmp0 (action, "deny") == 0)
    answer_deny (self, msg, rt);
  else
    reply_paragraph (self, msg, SOUP_STATUS_BAD_REQUEST, _("Unknown action"), NULL,
                     _("Choose Allow or Deny."));
}

void
cs_demo_pages_reply_html (CsDemoProvider    *self,
                          SoupServerMessage *msg,
                          guint              status,
                          const char        *title,
                          const char        *body_html)
{
  reply_html (self, msg, status, title, body_html);
}

char *
cs_demo_pages_paragraph (const char *id,
                         const char *text)
{
  return html_paragraph (id, text);
}
