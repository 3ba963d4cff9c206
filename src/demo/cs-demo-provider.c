/* cs-demo-provider.c — a real OAuth 1.0a provider, in-process on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It checks what a strict provider checks (Twitter's behaviour is the model): the consumer
 * key, the signature recomputed from what was received, the timestamp window, nonces, the
 * callback, and that a request token and its verifier are used once. Errors have Twitter's
 * JSON shape, so the client's error explanations can be exercised without a network.
 *
 * This file is the object, its SoupServer and the routing table; cs-demo-private.h says
 * where the rest is.
 */
#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cs-demo-callback.h"
#include "cs-demo-http.h"
#include "cs-demo-oauth2-tokens.h"
#include "cs-demo-private.h"
#include "cs-demo-tokens.h"
#include "cs-demo-provider.h"

G_DEFINE_FINAL_TYPE (CsDemoProvider, cs_demo_provider, G_TYPE_OBJECT)

static const struct
{
  const char     *path;
  const char     *method;   /* NULL: the endpoint checks the method itself */
  CsDemoEndpoint  endpoint;
} routes[] = {
  { "/oauth/request_token",                 "POST", cs_demo_oauth1_request_token   },
  { "/oauth/authorize",                     NULL,   cs_demo_oauth1_authorize       },
  { "/oauth/authenticate",                  NULL,   cs_demo_oauth1_authorize       },
  { "/oauth/access_token",                  "POST", cs_demo_oauth1_access_token    },
  { "/1.1/account/verify_credentials.json", "GET",  cs_demo_api_verify_credentials },
  { "/1.1/statuses/update.json",            "POST", cs_demo_api_update             },
  { CS_DEMO_OAUTH2_AUTHORIZE_PATH,         NULL,   cs_demo_oauth2_authorize       },
  { CS_DEMO_OAUTH2_TOKEN_PATH,             "POST", cs_demo_oauth2_token           },
  { CS_DEMO_OAUTH2_REVOKE_PATH,            "POST", cs_demo_oauth2_revoke          },
  { CS_DEMO_OAUTH2_INVALIDATE_PATH,        "POST", cs_demo_oauth2_invalidate      },
  { CS_DEMO_OAUTH2_USERS_ME_PATH,          "GET",  cs_demo_api_users_me           },
  { "/2/users/by/username/" CS_DEMO_SCREEN_NAME, "GET", cs_demo_api_user_by_name   },
};

gint64
cs_demo_provider_now (CsDemoProvider *self)
{
  return g_get_real_time () / G_USEC_PER_SEC + self->clock_offset;
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  CsDemoProvider *self = user_data;

  for (gsize i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      const char *method = routes[i].method;

      if (strcmp (path, routes[i].path) != 0)
        continue;
      if (method != NULL && strcmp (soup_server_message_get_method (msg), method) != 0)
        {
          g_autofree char *message = g_strdup_printf ("Use %s.", method);

          cs_demo_reply_error (self, msg, SOUP_STATUS_METHOD_NOT_ALLOWED, 0, message);
          return;
        }
      routes[i].endpoint (self, msg, query);
      return;
    }
  cs_demo_reply_error (self, msg, SOUP_STATUS_NOT_FOUND, CS_DEMO_CODE_NO_SUCH_PAGE,
                       "Sorry, that page does not exist.");
}

static void
cs_demo_provider_dispose (GObject *object)
{
  CsDemoProvider *self = CS_DEMO_PROVIDER (object);

  cs_demo_provider_stop (self);
  g_clear_object (&self->provider);

  G_OBJECT_CLASS (cs_demo_provider_parent_class)->dispose (object);
}

static void
cs_demo_provider_finalize (GObject *object)
{
  CsDemoProvider *self = CS_DEMO_PROVIDER (object);

  g_clear_pointer (&self->tokens, cs_demo_tokens_free);
  g_clear_pointer (&self->oauth2, cs_demo_oauth2_tokens_free);
  g_clear_pointer (&self->nonces, g_hash_table_unref);
  g_clear_pointer (&self->callbacks, g_ptr_array_unref);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (cs_demo_provider_parent_class)->finalize (object);
}

static void
cs_demo_provider_class_init (CsDemoProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cs_demo_provider_dispose;
  object_class->finalize = cs_demo_provider_finalize;
}

static void
cs_demo_provider_init (CsDemoProvider *self)
{
  const char *lifetime = g_getenv ("COUNTERSIGN_DEMO_ACCESS_LIFETIME");

  self->tokens = cs_demo_tokens_new ();
  self->oauth2 = cs_demo_oauth2_tokens_new ();
  /* Tests of other processes (the CLI, the window): OAuth 2.0 access tokens that expire soon. */
  if (lifetime != NULL)
    cs_demo_oauth2_tokens_set_lifetimes (self->oauth2, 0, (guint) g_ascii_strtoull (lifetime,
                                                                                  NULL, 10));
  self->nonces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->callbacks = g_ptr_array_new_with_free_func (g_free);
  cs_demo_callback_register_defaults (self->callbacks);
}

gboolean
cs_demo_provider_register_callback (CsDemoProvider  *self,
                                    const char      *url,
                                    GError         **error)
{
  g_return_val_if_fail (CS_IS_DEMO_PROVIDER (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!cs_demo_callback_registrable (url))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "A callback URL to register is a URL without a query string: %s", url);
      return FALSE;
    }
  if (self->callbacks->len >= CS_DEMO_MAX_CALLBACKS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                   "An app has at most %u callback URLs", CS_DEMO_MAX_CALLBACKS);
      return FALSE;
    }
  g_ptr_array_add (self->callbacks, g_strdup (url));
  return TRUE;
}

void
cs_demo_provider_clear_callbacks (CsDemoProvider *self)
{
  g_return_if_fail (CS_IS_DEMO_PROVIDER (self));

  g_ptr_array_set_size (self->callbacks, 0);
}

CsDemoProvider *
cs_demo_provider_new (void)
{
  return g_object_new (CS_TYPE_DEMO_PROVIDER, NULL);
}

gboolean
cs_demo_provider_start (CsDemoProvider *self,
                        guint           port,
                        GError        **error)
{
  g_autoptr(SoupServer) server = NULL;
  GSList *uris;

  g_return_val_if_fail (CS_IS_DEMO_PROVIDER (self), FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);
  g_return_val_if_fail (self->server == NULL, FALSE);

  server = soup_server_new ("server-header", "countersign-demo-provider", NULL);
  soup_server_add_handler (server, NULL, server_callback, self, NULL);
  if (!soup_server_listen_local (server, port, SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    {
      g_prefix_error (error, _("The demo provider cannot listen on 127.0.0.1:%u: "), port);
      return FALSE;
    }

  uris = soup_server_get_uris (server);
  g_assert (uris != NULL);
  g_free (self->base_url);
  self->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  self->server = g_steal_pointer (&server);
  g_clear_object (&self->provider);
  cs_demo_oauth2_note_secret (CS_DEMO_CLIENT_SECRET);
  return TRUE;
}

void
cs_demo_provider_stop (CsDemoProvider *self)
{
  g_return_if_fail (CS_IS_DEMO_PROVIDER (self));

  if (self->server == NULL)
    return;
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
}

const char *
cs_demo_provider_get_base_url (CsDemoProvider *self)
{
  g_return_val_if_fail (CS_IS_DEMO_PROVIDER (self), NULL);

  return self->base_url;
}

/* The OAuth 2.0 keys of the keyfile form, pointed at this server: the keyfile is how the
 * provider object learns them (data/providers/demo.provider has placeholders). */
static void
set_oauth2_keys (GKeyFile   *keyfile,
                 const char *base_url)
{
  static const struct { const char *key; const char *path; } urls[] = {
    { "OAuth2AuthorizeURL",         CS_DEMO_OAUTH2_AUTHORIZE_PATH  },
    { "OAuth2TokenURL",             CS_DEMO_OAUTH2_TOKEN_PATH      },
    { "OAuth2ClientCredentialsURL", CS_DEMO_OAUTH2_TOKEN_PATH      },
    { "OAuth2RevokeURL",            CS_DEMO_OAUTH2_REVOKE_PATH     },
    { "OAuth2InvalidateURL",        CS_DEMO_OAUTH2_INVALIDATE_PATH },
    { "OAuth2ExchangeURL",          CS_DEMO_OAUTH2_TOKEN_PATH      },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *url = g_strconcat (base_url, urls[i].path, NULL);

      g_key_file_set_string (keyfile, "Provider", urls[i].key, url);
    }
  g_key_file_set_string (keyfile, "Provider", "OAuth2ClientID", CS_DEMO_CLIENT_ID);
  g_key_file_set_string (keyfile, "Provider", "OAuth2ClientSecret", CS_DEMO_CLIENT_SECRET);
}

/* The shipped "demo" preset (for its name and demo credentials), re-pointed at this server. */
static CsProvider *
make_provider (const char *base_url)
{
  g_autoptr(GPtrArray) presets = cs_provider_load_presets ();
  CsProvider *preset = cs_provider_list_lookup (presets, "demo");
  g_autoptr(CsProvider) provider = NULL;
  g_autofree char *url = NULL;

  if (preset != NULL)
    {
      g_autoptr(GKeyFile) keyfile = g_key_file_new ();
      g_autofree char *data = cs_provider_to_data (preset, NULL);
      g_autofree char *with_credentials = NULL;
      gsize len = 0;

      /* The keyfile form leaves the demo credentials out; they are public, put them back. */
      if (g_key_file_load_from_data (keyfile, data, -1, G_KEY_FILE_NONE, NULL))
        {
          g_key_file_set_string (keyfile, "Provider", "ConsumerKey", CS_DEMO_CONSUMER_KEY);
          g_key_file_set_string (keyfile, "Provider", "ConsumerSecret", CS_DEMO_CONSUMER_SECRET);
          set_oauth2_keys (keyfile, base_url);
          with_credentials = g_key_file_to_data (keyfile, &len, NULL);
          provider = cs_provider_new_from_data (with_credentials, len, "demo.provider", NULL);
        }
    }
  if (provider == NULL)
    provider = cs_provider_new ("demo", _("Countersign demo provider"));

  url = g_strconcat (base_url, "/oauth/request_token", NULL);
  cs_provider_set_request_token_url (provider, url);
  g_free (url);
  url = g_strconcat (base_url, "/oauth/authorize", NULL);
  cs_provider_set_authorize_url (provider, url);
  g_free (url);
  url = g_strconcat (base_url, "/oauth/authenticate", NULL);
  cs_provider_set_authenticate_url (provider, url);
  g_free (url);
  url = g_strconcat (base_url, "/oauth/access_token", NULL);
  cs_provider_set_access_token_url (provider, url);
  g_free (url);
  url = g_strconcat (base_url, "/1.1/account/verify_credentials.json", NULL);
  cs_provider_set_verify_url (provider, url);
  cs_provider_set_signature_method (provider, CS_SIGNATURE_METHOD_HMAC_SHA1);
  return g_steal_pointer (&provider);
}

CsProvider *
cs_demo_provider_get_provider (CsDemoProvider *self)
{
  g_return_val_if_fail (CS_IS_DEMO_PROVIDER (self), NULL);
  g_return_val_if_fail (self->base_url != NULL, NULL);

  if (self->provider == NULL)
    self->provider = make_provider (self->base_url);
  return self->provider;
}

void
cs_demo_provider_set_clock_offset (CsDemoProvider *self,
                                   gint64          seconds)
{
  g_return_if_fail (CS_IS_DEMO_PROVIDER (self));

  self->clock_offset = seconds;
}

void
cs_demo_provider_set_hide_account (CsDemoProvider *self,
                                   gboolean        hide)
{
  g_return_if_fail (CS_IS_DEMO_PROVIDER (self));

  self->hide_account = hide;
}

const char *
cs_demo_provider_get_last_access_token (CsDemoProvider *self)
{
  g_return_val_if_fail (CS_IS_DEMO_PROVIDER (self), NULL);

  return cs_demo_tokens_get_last_access (self->tokens);
}

void
cs_demo_provider_set_oauth2_lifetimes (CsDemoProvider *self,
                                       guint           code_seconds,
                                       guint           access_seconds)
{
  g_return_if_fail (CS_IS_DEMO_PROVIDER (self));

  cs_demo_oauth2_tokens_set_lifetimes (self->oauth2, code_seconds, access_seconds);
}
