/* cs-demo-api.c — the demo provider's signed API endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Enough of Twitter's API v1.1 to try an access token: GET account/verify_credentials.json
 * answers the demo user; POST statuses/update.json (a form body) echoes the decoded status.
 * Both take a request signed with an access token.
 */
#include "config.h"

#include "cs-demo-http.h"
#include "cs-demo-private.h"
#include "cs-demo-verify.h"
#include "cs-percent.h"

void
cs_demo_api_verify_credentials (CsDemoProvider    *self,
                                SoupServerMessage *msg,
                                GHashTable        *query)
{
  g_auto(CsDemoVerified) v = { 0 };

  if (!cs_demo_verify_request (self, msg, CS_DEMO_TOKEN_ACCESS, &v))
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
