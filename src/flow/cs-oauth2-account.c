/* cs-oauth2-account.c — Test Credentials for OAuth 2.0: whose bearer token it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GET to the provider's verify URL with `Authorization: Bearer` (X: /2/users/me); the
 * answer is read by cs_verify_answer_account(), as for OAuth 1.0a.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cs-oauth-error.h"
#include "cs-oauth2-credential.h"
#include "cs-percent.h"
#include "cs-provider-error.h"
#include "cs-verify-answer.h"

char *
cs_oauth2_url_host (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "");
}

char *
cs_oauth2_verify_url (CsProvider *provider)
{
  const char *token_url = cs_provider_get_oauth2_token_url (provider);
  const char *verify = cs_provider_get_verify_url (provider);

  /* The demo's OAuth 1.0a verify URL is v1.1's; its bearer tokens are for X's v2 shape, on
   * the port it runs on now. */
  if (cs_provider_get_is_demo (provider) && token_url != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (token_url, G_URI_FLAGS_NONE, NULL);

      if (uri != NULL)
        return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (uri), NULL, g_uri_get_host (uri),
                           g_uri_get_port (uri), "/2/users/me", NULL, NULL);
    }
  return verify != NULL && *verify != '\0' ? g_strdup (verify) : NULL;
}

/* The screen name or username (X v2's data.username) without "@", else the user id. */
static char *
account_of (GBytes *body,
            guint   status)
{
  g_autofree char *shown = cs_verify_answer_parse (body, status, NULL);

  if (shown != NULL && shown[0] == '@' && shown[1] != '\0')
    return g_strdup (shown + 1);
  return cs_verify_answer_account (body, status);
}

static void
verify_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  GError *error = NULL;
  guint status = 0;

  body = cs_transport_send_finish (CS_TRANSPORT (source), result, &status, &headers, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (status >= 400)
    {
      g_autofree char *description =
        cs_provider_error_describe (status, g_bytes_get_data (body, NULL),
                                    g_bytes_get_size (body),
                                    headers ? soup_message_headers_get_content_type (headers,
                                                                                    NULL)
                                            : NULL);

      g_task_return_new_error (task, CS_OAUTH_ERROR, CS_OAUTH_ERROR_REJECTED,
                               _("The provider refused the access token: %s"), description);
      return;
    }
  g_task_return_pointer (task, account_of (body, status), g_free);
}

void
cs_oauth2_learn_account_full_async (CsProvider          *provider,
                                    CsTransport         *transport,
                                    const char          *access_token,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(CsTransport) own = transport != NULL ? g_object_ref (transport) : cs_transport_new ();
  g_autofree char *url = cs_oauth2_verify_url (provider);
  g_autoptr(SoupMessage) message = NULL;
  GError *error = NULL;
  char *header;

  g_task_set_source_tag (task, cs_oauth2_learn_account_async);
  g_task_set_task_data (task, g_object_ref (own), g_object_unref);
  if (url == NULL)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  message = cs_transport_message_new ("GET", url, NULL, &error);
  if (message == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  header = g_strconcat ("Bearer ", access_token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                header);
  cs_secret_free (header);
  g_debug ("Test Credentials: GET %s with the bearer", cs_provider_get_id (provider));
  cs_transport_send_async (own, message, cancellable, verify_cb, g_steal_pointer (&task));
}

void
cs_oauth2_learn_account_async (CsProvider          *provider,
                               const char          *access_token,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  cs_oauth2_learn_account_full_async (provider, NULL, access_token, cancellable, callback,
                                      user_data);
}

char *
cs_oauth2_learn_account_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
