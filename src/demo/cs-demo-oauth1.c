/* cs-demo-oauth1.c — the demo provider's OAuth 1.0a endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * POST oauth/request_token (signed, no token, oauth_callback required), GET or POST
 * oauth/authorize (the consent page, cs-demo-pages.c), POST oauth/access_token (signed with
 * the request token, oauth_verifier required). The answers are Twitter's.
 */
#include "config.h"

#include <string.h>

#include "cs-demo-callback.h"
#include "cs-demo-http.h"
#include "cs-demo-pages.h"
#include "cs-demo-private.h"
#include "cs-demo-verify.h"
#include "cs-percent.h"

void
cs_demo_oauth1_request_token (CsDemoProvider    *self,
                              SoupServerMessage *msg,
                              GHashTable        *query)
{
  g_auto(CsDemoVerified) v = { 0 };
  g_autoptr(GPtrArray) out = NULL;
  const CsDemoRequestToken *rt;
  const char *callback;

  if (!cs_demo_verify_request (self, msg, CS_DEMO_TOKEN_NONE, &v))
    return;

  callback = cs_param_list_get (v.oauth, "oauth_callback");
  if (callback == NULL)
    {
      cs_demo_reply_error (self, msg, SOUP_STATUS_BAD_REQUEST, CS_DEMO_CODE_BAD_AUTH_DATA,
                           "Bad Authentication data. oauth_callback is required (OAuth 1.0a): "
                           "send oob or a URL.");
      return;
    }
  if (!cs_demo_callback_approved (self->callbacks, callback))
    {
      /* X's answer, word for word (HTTP 403, code 415). */
      cs_demo_reply_error (self, msg, SOUP_STATUS_FORBIDDEN, CS_DEMO_CODE_CALLBACK_NOT_APPROVED,
                           "Callback URL not approved for this client application. Approved "
                           "callback URLs can be adjusted in your application settings");
      return;
    }

  rt = cs_demo_tokens_issue_request (self->tokens, callback);
  out = cs_param_list_new ();
  cs_param_list_add (out, "oauth_token", rt->token);
  cs_param_list_add (out, "oauth_token_secret", rt->secret);
  cs_param_list_add (out, "oauth_callback_confirmed", "true");
  cs_demo_reply_form (self, msg, out);
}

void
cs_demo_oauth1_authorize (CsDemoProvider    *self,
                          SoupServerMessage *msg,
                          GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);

  if (strcmp (method, SOUP_METHOD_GET) == 0 || strcmp (method, SOUP_METHOD_HEAD) == 0)
    cs_demo_pages_show_authorize (self, msg, query);
  else if (strcmp (method, SOUP_METHOD_POST) == 0)
    cs_demo_pages_answer_authorize (self, msg);
  else
    cs_demo_reply_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 0, "Use GET or POST.");
}

void
cs_demo_oauth1_access_token (CsDemoProvider    *self,
                             SoupServerMessage *msg,
                             GHashTable        *query)
{
  g_auto(CsDemoVerified) v = { 0 };
  g_autoptr(GPtrArray) out = NULL;
  const char *verifier;
  const char *token;
  const char *secret;

  if (!cs_demo_verify_request (self, msg, CS_DEMO_TOKEN_REQUEST, &v))
    return;

  verifier = cs_param_list_get (v.oauth, "oauth_verifier");
  if (!cs_demo_tokens_redeem (self->tokens, v.token, verifier))
    {
      cs_demo_reply_error (self, msg, SOUP_STATUS_UNAUTHORIZED, CS_DEMO_CODE_INVALID_TOKEN,
                           verifier == NULL
                             ? "Invalid or expired token. oauth_verifier is missing."
                             : "Invalid or expired token. The verifier does not match or the "
                               "request token was not authorized.");
      return;
    }

  token = cs_demo_tokens_issue_access (self->tokens, &secret);
  out = cs_param_list_new ();
  cs_param_list_add (out, "oauth_token", token);
  cs_param_list_add (out, "oauth_token_secret", secret);
  if (!self->hide_account)
    {
      cs_param_list_add (out, "user_id", CS_DEMO_USER_ID);
      cs_param_list_add (out, "screen_name", CS_DEMO_SCREEN_NAME);
    }
  cs_demo_reply_form (self, msg, out);
}
