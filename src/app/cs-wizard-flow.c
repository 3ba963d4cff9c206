/* cs-wizard-flow.c — the requests the wizard's steps make, and what their answers show
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Step 2 asks for the request token, step 3 waits for the browser (loopback) or takes the
 * verifier typed in, step 4 asks for the access token, saves it and, on request, makes a
 * signed test call. Every callback first checks for G_IO_ERROR_CANCELLED: a cancelled
 * operation touches nothing.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-application.h"
#include "cs-demo-provider.h"
#include "cs-oauth-error.h"
#include "cs-percent.h"
#include "cs-share.h"
#include "cs-wizard-private.h"

#define CALLBACK_TIMEOUT_SECONDS 600

void
_cs_wizard_clear_flow (CsWizard *self)
{
  _cs_wizard_drop_cancellable (self);
  self->op = CS_WIZARD_OP_NONE;
  g_clear_object (&self->provider);
  g_clear_object (&self->callback_server);
  g_clear_pointer (&self->consumer_key, g_free);
  g_clear_pointer (&self->consumer_secret, cs_secret_free);
  g_clear_pointer (&self->request_token, cs_credentials_unref);
  g_clear_pointer (&self->authorize_url, g_free);
  g_clear_pointer (&self->verifier, cs_secret_free);
  g_clear_pointer (&self->access_token, cs_credentials_unref);
  g_clear_pointer (&self->saved_id, g_free);
}

static CsConsumer
consumer (CsWizard *self)
{
  CsConsumer c = { self->consumer_key, self->consumer_secret, NULL };

  return c;
}

/* ------------------------------------------------------------------ step 2: request token */

static void
request_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  CsCredentials *token;

  token = cs_oauth_client_request_token_finish (CS_OAUTH_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
  if (token == NULL)
    {
      cs_request_page_show_error (self->request_page, error->message);
      return;
    }

  g_clear_pointer (&self->request_token, cs_credentials_unref);
  self->request_token = token;
  cs_request_page_show_token (self->request_page, token);
  _cs_wizard_update_actions (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

static gboolean
resolve_provider (CsWizard  *self,
                  GError   **error)
{
  g_autoptr (CsProvider) provider = cs_provider_page_dup_provider (self->provider_page);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  g_clear_object (&self->provider);
  if (provider != NULL && cs_provider_get_is_demo (provider) && CS_IS_APPLICATION (app))
    {
      /* The demo runs in this process, on a port chosen when it starts. */
      CsDemoProvider *demo = cs_application_get_demo_provider (CS_APPLICATION (app), error);

      if (demo == NULL)
        return FALSE;
      self->provider = g_object_ref (cs_demo_provider_get_provider (demo));
      return TRUE;
    }

  self->provider = g_steal_pointer (&provider);
  return self->provider != NULL;
}

static const char *
callback_for_request (CsWizard  *self,
                      GError   **error)
{
  switch (self->callback_mode)
    {
    case CS_CALLBACK_MODE_LOOPBACK:
      g_clear_object (&self->callback_server);
      self->callback_server = cs_callback_server_new (error);
      return self->callback_server != NULL ? cs_callback_server_get_url (self->callback_server)
                                           : NULL;
    case CS_CALLBACK_MODE_CUSTOM:
      return cs_provider_page_get_custom_callback (self->provider_page);
    case CS_CALLBACK_MODE_PIN:
    default:
      return "oob";
    }
}

/* What step 1 holds, fixed for the rest of the flow. */
static void
take_inputs (CsWizard *self)
{
  cs_provider_page_remember (self->provider_page);
  g_clear_pointer (&self->request_token, cs_credentials_unref);
  g_clear_pointer (&self->consumer_key, g_free);
  g_clear_pointer (&self->consumer_secret, cs_secret_free);
  self->consumer_key = g_strdup (cs_provider_page_get_consumer_key (self->provider_page));
  self->consumer_secret = g_strdup (cs_provider_page_get_consumer_secret (self->provider_page));
  self->callback_mode = cs_provider_page_get_callback_mode (self->provider_page);
  self->store_enabled = cs_provider_page_get_store (self->provider_page);
  self->store_consumer_secret = cs_provider_page_get_store_consumer_secret (self->provider_page);
}

void
_cs_wizard_start_request_token (CsWizard *self)
{
  g_autoptr (GError) error = NULL;
  const char *callback;
  CsConsumer c;

  if (_cs_wizard_is_busy (self) || !cs_provider_page_get_valid (self->provider_page))
    return;

  take_inputs (self);
  if (!resolve_provider (self, &error) || (callback = callback_for_request (self, &error)) == NULL)
    {
      cs_request_page_show_error (self->request_page,
                                  error != NULL ? error->message : _("No provider is chosen."));
      _cs_wizard_set_step (self, CS_WIZARD_STEP_REQUEST);
      return;
    }

  cs_request_page_show_busy (self->request_page, cs_provider_get_name (self->provider));
  _cs_wizard_set_step (self, CS_WIZARD_STEP_REQUEST);
  _cs_wizard_set_op (self, CS_WIZARD_OP_REQUEST_TOKEN);

  c = consumer (self);
  cs_oauth_client_set_allow_insecure_http (self->client,
                                           cs_provider_page_get_allow_insecure (self->provider_page));
  cs_oauth_client_request_token_async (self->client, self->provider, &c, callback,
                                       cs_provider_page_get_access_type (self->provider_page),
                                       self->cancellable, request_token_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ step 3: authorize */

static void
callback_wait_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  char *verifier;

  verifier = cs_callback_server_wait_finish (CS_CALLBACK_SERVER (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
  if (verifier == NULL)
    {
      if (g_error_matches (error, CS_OAUTH_ERROR, CS_OAUTH_ERROR_DENIED))
        cs_authorize_page_show_denied (self->authorize_page, _("Access Denied"),
                                       _("The authorization was denied in the browser. Go back "
                                         "to start again."));
      else
        cs_authorize_page_show_denied (self->authorize_page, _("No Answer From the Browser"),
                                       error->message);
      return;
    }

  g_clear_pointer (&self->verifier, cs_secret_free);
  self->verifier = verifier;
  _cs_wizard_start_access_token (self);
}

void
_cs_wizard_show_authorize (CsWizard *self)
{
  g_clear_pointer (&self->authorize_url, g_free);
  self->authorize_url = cs_oauth_authorize_url (self->provider, self->request_token,
                                                FALSE, FALSE, NULL);
  cs_authorize_page_show (self->authorize_page, self->authorize_url, self->callback_mode);

  _cs_wizard_set_step (self, CS_WIZARD_STEP_AUTHORIZE);
  if (self->callback_mode == CS_CALLBACK_MODE_LOOPBACK && self->callback_server != NULL)
    {
      cs_authorize_page_show_waiting (self->authorize_page);
      _cs_wizard_set_op (self, CS_WIZARD_OP_WAIT_CALLBACK);
      cs_callback_server_wait_async (self->callback_server,
                                     cs_credentials_get_token (self->request_token),
                                     CALLBACK_TIMEOUT_SECONDS, self->cancellable,
                                     callback_wait_cb, g_object_ref (self));
    }
  else
    {
      cs_authorize_page_show_pin (self->authorize_page);
    }
  cs_authorize_page_focus_link (self->authorize_page);
}

/* What was typed or pasted: a PIN, a verifier, or the whole callback address. */
static char *
verifier_from_entry (CsWizard *self)
{
  g_autofree char *text = g_strstrip (g_strdup (cs_authorize_page_get_entry (self->authorize_page)));
  const char *query = strchr (text, '?');

  if (query != NULL && strstr (query, "oauth_verifier=") != NULL)
    {
      g_autoptr (GHashTable) params = g_uri_parse_params (query + 1, -1, "&",
                                                          G_URI_PARAMS_NONE, NULL);
      const char *verifier = params != NULL ? g_hash_table_lookup (params, "oauth_verifier") : NULL;

      if (verifier != NULL)
        return g_strdup (verifier);
    }

  return g_steal_pointer (&text);
}

void
_cs_wizard_submit_verifier (CsWizard *self)
{
  g_clear_pointer (&self->verifier, cs_secret_free);
  self->verifier = verifier_from_entry (self);
  _cs_wizard_start_access_token (self);
}

/* ------------------------------------------------------------------ step 4: access token */

static char *
provider_host (CsProvider *provider)
{
  g_autoptr (GUri) uri = g_uri_parse (cs_provider_get_access_token_url (provider),
                                      G_URI_FLAGS_NONE, NULL);

  return g_strdup (uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : "");
}

/* The Custom provider that just worked, as one to keep: named after its host, with an Id made
 * of the host's letters, digits, dots and dashes. */
static CsProvider *
name_custom_provider (CsWizard   *self,
                      CsProvider *entered)
{
  g_autofree char *host = provider_host (entered);
  g_autoptr (GString) id = g_string_new (NULL);
  CsProvider *existing;
  CsProvider *named;

  for (const char *p = host; *p != '\0'; p++)
    g_string_append_c (id, g_ascii_isalnum (*p) || *p == '.' || *p == '-' ? g_ascii_tolower (*p) : '-');
  if (id->len == 0)
    g_string_assign (id, "provider");
  /* Never in place of a preset. */
  existing = self->providers != NULL ? cs_provider_list_lookup (self->providers, id->str) : NULL;
  if ((existing != NULL && !cs_provider_get_is_custom (existing)) || g_str_equal (id->str, "custom"))
    g_string_append (id, "-custom");

  named = cs_provider_new (id->str, *host != '\0' ? host : id->str);
  cs_provider_set_is_custom (named, TRUE);
  cs_provider_set_request_token_url (named, cs_provider_get_request_token_url (entered));
  cs_provider_set_authorize_url (named, cs_provider_get_authorize_url (entered));
  cs_provider_set_access_token_url (named, cs_provider_get_access_token_url (entered));
  cs_provider_set_verify_url (named, cs_provider_get_verify_url (entered));
  cs_provider_set_signature_method (named, cs_provider_get_signature_method (entered));
  return named;
}

static void
access_token_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  CsCredentials *token;

  token = cs_oauth_client_access_token_finish (CS_OAUTH_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
  if (token == NULL)
    {
      cs_result_page_show_error (self->result_page, error->message);
      return;
    }

  g_clear_pointer (&self->access_token, cs_credentials_unref);
  self->access_token = token;
  if (cs_provider_get_is_custom (self->provider)
      && g_strcmp0 (cs_provider_get_id (self->provider), "custom") == 0)
    {
      CsProvider *named = name_custom_provider (self, self->provider);

      g_clear_object (&self->provider);
      self->provider = named;
      _cs_wizard_emit_provider_created (self, named);
    }
  cs_result_page_show_token (self->result_page, token);
  _cs_wizard_update_actions (self);

  if (self->store_enabled)
    _cs_wizard_start_save (self);
  else
    cs_result_page_show_keyring (self->result_page,
                                 _("Not saved: saving in the keyring was switched off"),
                                 FALSE, FALSE);

  if (!_cs_wizard_is_busy (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

void
_cs_wizard_start_access_token (CsWizard *self)
{
  CsConsumer c;

  if (_cs_wizard_is_busy (self) || self->request_token == NULL || self->verifier == NULL)
    return;

  g_clear_pointer (&self->access_token, cs_credentials_unref);
  cs_result_page_show_busy (self->result_page);
  _cs_wizard_set_step (self, CS_WIZARD_STEP_ACCESS);
  _cs_wizard_set_op (self, CS_WIZARD_OP_ACCESS_TOKEN);

  c = consumer (self);
  cs_oauth_client_access_token_async (self->client, self->provider, &c, self->request_token,
                                      self->verifier, self->cancellable,
                                      access_token_cb, g_object_ref (self));
}

const char *
_cs_wizard_get_account (CsWizard *self)
{
  const char *account = cs_credentials_get_screen_name (self->access_token);

  return account != NULL ? account : cs_credentials_get_user_id (self->access_token);
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!cs_token_store_save_finish (CS_TOKEN_STORE (object), result, &error)
      && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
  if (error != NULL)
    {
      g_clear_pointer (&self->saved_id, g_free);
      /* The tokens stay on screen and copyable; nothing is written anywhere else. */
      cs_result_page_show_keyring (self->result_page, error->message, FALSE, TRUE);
      return;
    }

  cs_result_page_show_keyring (self->result_page, _("Saved in the keyring"), FALSE, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->continue_button));
}

void
_cs_wizard_start_save (CsWizard *self)
{
  g_autoptr (CsStoredToken) token = NULL;
  g_autofree char *host = NULL;

  if (_cs_wizard_is_busy (self) || self->access_token == NULL || self->store == NULL)
    return;

  host = provider_host (self->provider);
  token = cs_stored_token_new (cs_provider_get_id (self->provider),
                               cs_provider_get_name (self->provider),
                               host, self->consumer_key, _cs_wizard_get_account (self),
                               cs_credentials_get_token (self->access_token),
                               cs_credentials_get_token_secret (self->access_token));
  g_free (self->saved_id);
  self->saved_id = g_strdup (cs_stored_token_get_id (token));

  cs_result_page_show_keyring (self->result_page, _("Saving in the keyring…"), TRUE, FALSE);
  _cs_wizard_set_op (self, CS_WIZARD_OP_SAVE);
  cs_token_store_save_async (self->store, token,
                             self->store_consumer_secret ? self->consumer_secret : NULL,
                             self->cancellable, save_cb, g_object_ref (self));
}

static void
test_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr (CsWizard) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  g_autofree char *account = NULL;
  g_autofree char *text = NULL;
  guint status = 0;

  body = cs_oauth_client_call_finish (CS_OAUTH_CLIENT (object), result, &status, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _cs_wizard_set_op (self, CS_WIZARD_OP_NONE);
  if (body != NULL)
    account = cs_share_parse_verify (body, status, &error);

  if (account == NULL)
    {
      cs_result_page_show_test (self->result_page, error->message, FALSE, TRUE);
      return;
    }

  /* Translators: %s is an account, e.g. "@demo_user". */
  text = g_strdup_printf (_("The tokens work: they belong to %s"), account);
  cs_result_page_show_test (self->result_page, text, FALSE, FALSE);
}

void
_cs_wizard_start_test (CsWizard *self)
{
  CsConsumer c;

  if (_cs_wizard_is_busy (self) || self->access_token == NULL
      || cs_provider_get_verify_url (self->provider) == NULL)
    return;

  cs_result_page_show_test (self->result_page, _("Making a signed call…"), TRUE, FALSE);
  _cs_wizard_set_op (self, CS_WIZARD_OP_TEST);
  c = consumer (self);
  cs_oauth_client_call_async (self->client, self->provider, &c, self->access_token, "GET",
                              cs_provider_get_verify_url (self->provider), NULL,
                              self->cancellable, test_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ cancelled */

void
_cs_wizard_show_cancelled (CsWizard   *self,
                           CsWizardOp  op)
{
  switch (op)
    {
    case CS_WIZARD_OP_REQUEST_TOKEN:
    case CS_WIZARD_OP_WAIT_CALLBACK:
      _cs_wizard_set_step (self, CS_WIZARD_STEP_PROVIDER);
      break;

    case CS_WIZARD_OP_ACCESS_TOKEN:
      _cs_wizard_set_step (self, CS_WIZARD_STEP_AUTHORIZE);
      cs_authorize_page_show_pin (self->authorize_page);
      break;

    case CS_WIZARD_OP_SAVE:
      cs_result_page_show_keyring (self->result_page, _("Not saved: saving was cancelled"),
                                   FALSE, TRUE);
      break;

    case CS_WIZARD_OP_TEST:
      cs_result_page_show_test (self->result_page, _("Cancelled"), FALSE, FALSE);
      break;

    case CS_WIZARD_OP_NONE:
    default:
      break;
    }
}
