/* cs-demo-api.c — the demo provider's signed API endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Enough of Twitter's API v1.1 to try an access token: GET account/verify_credentials.json
 * answers the demo user; POST statuses/update.json (a form body) echoes the decoded status.
 * Both take a request signed with an access token; verify_credentials also an OAuth 2.0
 * user's bearer (the demo's Test Credentials for either kind). Of X's API v2, GET 2/users/me
 * answers the demo user for an OAuth 2.0 user's bearer or an OAuth 1.0a signature (X's "user
 * context"): without one, 401 in X's problem shape; an app-only bearer, 403 as on X.
 * GET 2/users/by/username/demo_user answers it for any bearer, app-only too.
 */
#include "config.h"

#include <string.h>

#include "cs-demo-http.h"
#include "cs-demo-oauth2-tokens.h"
#include "cs-demo-private.h"
#include "cs-demo-verify.h"
#include "cs-percent.h"

#define USER_V2 "{\"data\":{\"id\":\"" CS_DEMO_USER_ID "\",\"name\":\"Demo User\"," \
                "\"username\":\"" CS_DEMO_SCREEN_NAME "\"}}"

static void reply_unauthorized (CsDemoProvider *self, SoupServerMessage *msg);

/* The OAuth 2.0 token of a request's "Authorization: Bearer", if valid; else a 401. */
static const CsDemoOAuth2Token *
bearer_token (CsDemoProvider    *self,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "Authorization");
  const CsDemoOAuth2Token *t = NULL;

  if (header != NULL && g_ascii_strncasecmp (header, "Bearer ", 7) == 0)
    t = cs_demo_oauth2_tokens_lookup_access (self->oauth2, header + 7,
                                             cs_demo_provider_now (self));
  if (t == NULL)
    reply_unauthorized (self, msg);
  return t;
}

static void
reply_unauthorized (CsDemoProvider    *self,
                    SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", "Bearer realm=\"countersign-demo\"");
  cs_demo_reply (self, msg, SOUP_STATUS_UNAUTHORIZED, "application/problem+json",
                 "{\"title\":\"Unauthorized\",\"type\":\"about:blank\",\"status\":401,"
                 "\"detail\":\"Unauthorized\"}");
}

/* Whether @msg carries "Authorization: Bearer": then it has been answered when the bearer is
 * not a user's, and *@ok says whether it is. */
static gboolean
has_bearer (CsDemoProvider    *self,
            SoupServerMessage *msg,
            gboolean          *ok)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "Authorization");
  const CsDemoOAuth2Token *t;

  if (header == NULL || g_ascii_strncasecmp (header, "Bearer ", 7) != 0)
    return FALSE;
  *ok = FALSE;
  if ((t = bearer_token (self, msg)) == NULL)
    return TRUE;
  if (t->grant == 0)
    cs_demo_reply (self, msg, SOUP_STATUS_FORBIDDEN, "application/problem+json",
                   "{\"title\":\"Unsupported Authentication\",\"detail\":\"Authenticating "
                   "with OAuth 2.0 Application-Only is forbidden for this endpoint. Supported "
                   "authentication types are [OAuth 1.0a User Context, OAuth 2.0 User "
                   "Context].\",\"type\":\"https://api.twitter.com/2/problems/"
                   "unsupported-authentication\",\"status\":403}");
  else
    *ok = TRUE;
  return TRUE;
}

void
cs_demo_api_verify_credentials (CsDemoProvider    *self,
                                SoupServerMessage *msg,
                                GHashTable        *query)
{
  g_auto(CsDemoVerified) v = { 0 };
  gboolean ok;

  /* Also with an OAuth 2.0 user's bearer, so that the demo's Test Credentials works for both
   * kinds of credential. */
  if (has_bearer (self, msg, &ok) ? !ok : !cs_demo_verify_request (self, msg,
                                                                   CS_DEMO_TOKEN_ACCESS, &v))
    return;
  cs_demo_reply (self, msg, SOUP_STATUS_OK, "application/json; charset=utf-8",
                 "{\"id\":" CS_DEMO_USER_ID ",\"id_str\":\"" CS_DEMO_USER_ID "\","
                 "\"screen_name\":\"" CS_DEMO_SCREEN_NAME "\",\"name\":\"Demo User\"}");
}

void
cs_demo_api_update (CsDemoProvider    *self,
                    SoupServerMessage *msg,
                    GHashTable        *query)
{
  g_auto(CsDemoVerified) v = { 0 };
  g_autoptr(GPtrArray) form = NULL;
  g_autofree char *body = NULL;
  g_autofree char *status = NULL;
  g_autofree char *json = NULL;
  const char *text;

  if (!cs_demo_verify_request (self, msg, CS_DEMO_TOKEN_ACCESS, &v))
    return;
  body = cs_demo_request_body (msg);
  form = cs_demo_request_is_form (msg) ? cs_form_parse (body, -1, NULL) : NULL;
  text = form ? cs_param_list_get (form, "status") : NULL;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      cs_demo_reply_error (self, msg, SOUP_STATUS_FORBIDDEN, CS_DEMO_CODE_MISSING_STATUS,
                           "Missing status.");
      return;
    }
  status = g_strescape (text, NULL);
  json = g_strdup_printf ("{\"id_str\":\"1\",\"text\":\"%s\",\"user\":{\"screen_name\":\"%s\"}}",
                          status, CS_DEMO_SCREEN_NAME);
  cs_demo_reply (self, msg, SOUP_STATUS_OK, "application/json; charset=utf-8", json);
}

void
cs_demo_api_users_me (CsDemoProvider    *self,
                      SoupServerMessage *msg,
                      GHashTable        *query)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_one (headers, "Authorization");
  g_auto(CsDemoVerified) v = { 0 };
  gboolean ok = FALSE;

  if (header != NULL && g_ascii_strncasecmp (header, "OAuth ", 6) == 0)
    ok = cs_demo_verify_request (self, msg, CS_DEMO_TOKEN_ACCESS, &v);
  else if (!has_bearer (self, msg, &ok))
    reply_unauthorized (self, msg);
  if (ok)
    cs_demo_reply (self, msg, SOUP_STATUS_OK, "application/json; charset=utf-8", USER_V2);
}

void
cs_demo_api_user_by_name (CsDemoProvider    *self,
                          SoupServerMessage *msg,
                          GHashTable        *query)
{
  if (bearer_token (self, msg) != NULL)
    cs_demo_reply (self, msg, SOUP_STATUS_OK, "application/json; charset=utf-8", USER_V2);
}
