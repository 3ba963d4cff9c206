/* cs-provider-page-check.c — wizard step 1: checking what is typed, and what Continue waits for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-a11y.h"
#include "cs-callback-server.h"
#include "cs-callback-settings.h"
#include "cs-oauth-error.h"
#include "cs-provider-page-private.h"
#include "cs-signer.h"
#include "cs-url-rules.h"

/* The client's own rules (cs-url-rules.h), so that what passes here is what it will send to;
 * plain http is asked about apart (the "Allow Unencrypted HTTP" switch). */
static gboolean
is_endpoint (const char *url)
{
  return cs_endpoint_url_check (url, TRUE, NULL);
}

static gboolean
is_insecure (const char *url)
{
  return url != NULL && cs_url_is_insecure_http (url);
}

/* A template preset (Jira, Adobe Commerce, …) on the server the user names: the row's text
 * expanded by the provider model, which checks it as it checks endpoints. */
CsProvider *
_cs_provider_page_expand_base (CsProviderPage *self,
                               CsProvider     *provider,
                               GError        **error)
{
  return cs_provider_expand_template (provider, row_text (self->base_url_row),
                                      gtk_switch_get_active (self->insecure_switch), error);
}

static gboolean
base_url_valid (CsProviderPage *self,
                CsProvider     *provider,
                gboolean       *insecure)
{
  const char *url = row_text (self->base_url_row);
  g_autoptr(GError) error = NULL;
  g_autoptr(CsProvider) expanded = NULL;

  *insecure = is_insecure (url);
  expanded = _cs_provider_page_expand_base (self, provider, &error);
  if (expanded != NULL || *url == '\0' || g_error_matches (error, CS_OAUTH_ERROR,
                                                            CS_OAUTH_ERROR_INSECURE))
    gtk_widget_remove_css_class (GTK_WIDGET (self->base_url_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->base_url_row), "error");
  adw_preferences_group_set_description (self->provider_group,
                                         expanded == NULL && *url != '\0' && !*insecure
                                           ? error->message : NULL);
  return expanded != NULL;
}

gboolean
_cs_provider_page_endpoints_valid (CsProviderPage *self,
                                   gboolean       *insecure)
{
  AdwEntryRow *rows[] = { self->request_token_row, self->authorize_row, self->access_token_row };
  CsProvider *provider = selected_provider (self);
  gboolean valid = TRUE;

  *insecure = FALSE;
  if (provider != NULL && cs_provider_is_template (provider))
    return base_url_valid (self, provider, insecure);
  if (provider != NULL && !is_entered (provider))
    {
      *insecure = is_insecure (cs_provider_get_request_token_url (provider))
                  || is_insecure (cs_provider_get_access_token_url (provider));
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *url = gtk_editable_get_text (GTK_EDITABLE (rows[i]));
      gboolean ok = is_endpoint (url);

      if (ok || *url == '\0')
        gtk_widget_remove_css_class (GTK_WIDGET (rows[i]), "error");
      else
        gtk_widget_add_css_class (GTK_WIDGET (rows[i]), "error");
      valid = valid && ok;
      *insecure = *insecure || is_insecure (url);
    }

  /* Optional: only Test Credentials needs it. */
  {
    const char *url = gtk_editable_get_text (GTK_EDITABLE (self->verify_row));
    gboolean ok = *url == '\0' || is_endpoint (url);

    if (ok)
      gtk_widget_remove_css_class (GTK_WIDGET (self->verify_row), "error");
    else
      gtk_widget_add_css_class (GTK_WIDGET (self->verify_row), "error");
    valid = valid && ok;
  }

  return valid;
}

gboolean
_cs_provider_page_consumer_valid (CsProviderPage *self)
{
  const char *key = gtk_editable_get_text (GTK_EDITABLE (self->key_row));
  const char *secret = cs_a11y_clear_text (GTK_WIDGET (self->secret_row));
  /* As the signer takes them. */
  gboolean key_ascii = cs_is_printable_ascii (key);
  gboolean secret_ascii = cs_is_printable_ascii (secret);

  if (!key_ascii)
    gtk_label_set_text (self->key_message,
                        _("The consumer key contains control characters or characters that "
                          "are not ASCII. Copy it again from the developer portal."));
  else if (!secret_ascii)
    gtk_label_set_text (self->key_message,
                        _("The consumer secret contains control characters or characters that "
                          "are not ASCII. Copy it again from the developer portal."));
  gtk_widget_set_visible (GTK_WIDGET (self->key_message), !key_ascii || !secret_ascii);

  if (key_ascii)
    gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->key_row), "error");
  if (secret_ascii)
    gtk_widget_remove_css_class (GTK_WIDGET (self->secret_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->secret_row), "error");

  return *key != '\0' && *secret != '\0' && key_ascii && secret_ascii;
}

/* Providers such as X only redirect to callback URLs registered in the app's settings, matched
 * exactly: say which one this choice sends, before the request token is asked for. */
static void
show_callback_to_register (CsProviderPage *self,
                           CsCallbackMode  mode,
                           const char     *url,
                           gboolean        port_valid,
                           guint           port)
{
  g_autofree char *loopback = NULL;
  g_autofree char *text = NULL;
  const char *shown = NULL;

  if (mode == CS_CALLBACK_MODE_LOOPBACK && port_valid && port != 0)
    shown = loopback = cs_callback_loopback_url (port);
  else if (mode == CS_CALLBACK_MODE_APP)
    shown = CS_CALLBACK_APP_URL;
  else if (mode == CS_CALLBACK_MODE_CUSTOM && g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL))
    shown = url;

  if (shown != NULL)
    text = g_strdup_printf (_("Add this callback URL to your app’s settings: %s"), shown);
  else if (mode == CS_CALLBACK_MODE_LOOPBACK)
    text = g_strdup (_("Without a port, a free one is picked each time: only for providers "
                       "that accept any callback URL. X and most others need the port "
                       "registered in the app’s settings."));
  adw_preferences_group_set_description (self->options_group, text);
}

gboolean
_cs_provider_page_callback_valid (CsProviderPage *self)
{
  CsCallbackMode mode = cs_provider_page_get_callback_mode (self);
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->callback_url_row));
  guint port = 0;
  gboolean port_valid = cs_callback_settings_parse_port (row_text (self->callback_port_row),
                                                         &port);

  gtk_widget_set_visible (GTK_WIDGET (self->callback_url_row), mode == CS_CALLBACK_MODE_CUSTOM);
  gtk_widget_set_visible (GTK_WIDGET (self->callback_port_row),
                          mode == CS_CALLBACK_MODE_LOOPBACK);
  show_callback_to_register (self, mode, url, port_valid, port);
  if (mode == CS_CALLBACK_MODE_LOOPBACK)
    return port_valid;
  if (mode != CS_CALLBACK_MODE_CUSTOM)
    return TRUE;

  return g_uri_is_valid (url, G_URI_FLAGS_NONE, NULL);
}

/* What Continue waits for, the first missing thing from the top of the page down. */
const char *
_cs_provider_page_find_reason (CsProviderPage *self,
                               gboolean        insecure)
{
  const struct { AdwEntryRow *row; const char *empty; const char *wrong; } fields[] = {
    { self->request_token_row, N_("Enter the request token URL"),
      N_("Check the request token URL") },
    { self->authorize_row, N_("Enter the authorize URL"), N_("Check the authorize URL") },
    { self->access_token_row, N_("Enter the access token URL"),
      N_("Check the access token URL") },
    { self->verify_row, NULL, N_("Check the verify credentials URL, or leave it empty") },
  };
  const char *key = row_text (self->key_row);
  const char *secret = cs_a11y_clear_text (GTK_WIDGET (self->secret_row));

  if (selected_provider (self) == NULL)
    return _("Choose a provider");
  for (guint i = 0; is_entered (selected_provider (self)) && i < G_N_ELEMENTS (fields); i++)
    {
      const char *url = row_text (fields[i].row);

      if (*url == '\0' && fields[i].empty != NULL)
        return _(fields[i].empty);
      if (*url != '\0' && !is_endpoint (url))
        return _(fields[i].wrong);
    }
  if (insecure && !gtk_switch_get_active (self->insecure_switch))
    return _("Switch on “Allow Unencrypted HTTP”, or use https");
  if (*key == '\0')
    return _("Enter the consumer key");
  if (*secret == '\0')
    return _("Enter the consumer secret");
  if (!cs_is_printable_ascii (key) || !cs_is_printable_ascii (secret))
    return gtk_label_get_text (self->key_message);
  if (!_cs_provider_page_callback_valid (self))
    return _("Enter the callback URL");
  return NULL;
}
