/* cs-share.c — what the wizard and the saved list both do with credentials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cs-clipboard.h"
#include "cs-compat.h"
#include "cs-percent.h"
#include "cs-share.h"
#include "cs-verify-answer.h"

static const struct
{
  const char *name;
  const char *label;
  const char *toast;
} export_formats[] = {
  { "env", N_("Shell Variables"), N_("Copied as shell variables") },
  { "dotenv", N_(".env File"), N_("Copied as .env lines") },
  { "json", N_("JSON"), N_("Copied as JSON") },
  { "curl", N_("curl Command"), N_("Copied a curl command") },
  { "twurlrc", N_("twurl Profile"), N_("Copied a .twurlrc profile") },
};

GMenuModel *
cs_share_export_menu_new_full (const char *action,
                               const char *curl_action,
                               const char *provider_id)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    {
      g_autoptr (GMenuItem) item = NULL;

      if (g_str_equal (export_formats[i].name, "twurlrc")
          && g_strcmp0 (provider_id, "twitter") != 0)
        continue;
      item = g_menu_item_new (_(export_formats[i].label), NULL);
      if (curl_action != NULL && g_str_equal (export_formats[i].name, "curl"))
        g_menu_item_set_detailed_action (item, curl_action);
      else
        g_menu_item_set_action_and_target (item, action, "s", export_formats[i].name);
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

/* The export @text (a secret, freed here) on the clipboard with the format's toast, or what
 * kept it from being made. */
static void
copy_export (GtkWidget    *widget,
             char         *text,
             const GError *error,
             const char   *format_name)
{
  if (text == NULL)
    {
      /* Advice does not fit in a toast: it gets a dialog, where it can be read whole. */
      cs_share_explain (widget, _("Nothing Was Copied"), error->message);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (export_formats); i++)
    if (g_str_equal (export_formats[i].name, format_name))
      cs_clipboard_copy (widget, text, TRUE, _(export_formats[i].toast));

  cs_secret_free (text);
}

void
cs_share_export_to_clipboard (GtkWidget          *widget,
                              const CsExportData *data,
                              const char         *format_name)
{
  g_autoptr (GError) error = NULL;
  CsExportFormat format;
  char *text;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (data != NULL);

  if (!cs_export_format_from_string (format_name, &format))
    g_return_if_reached ();

  text = cs_export (data, format, &error);
  copy_export (widget, text, error, format_name);
}

void
cs_share_export_oauth2_to_clipboard (GtkWidget                *widget,
                                     const CsExportOAuth2Data *data,
                                     const char               *format_name)
{
  g_autoptr (GError) error = NULL;
  CsExportFormat format;
  char *text;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (data != NULL);

  if (!cs_export_format_from_string (format_name, &format))
    g_return_if_reached ();

  text = cs_export_oauth2 (data, format, &error);
  copy_export (widget, text, error, format_name);
}

char *
cs_share_signed_call_unavailable (CsProvider *provider,
                                  gboolean    has_consumer_secret)
{
  const char *url = provider != NULL ? cs_provider_get_verify_url (provider) : NULL;

  if (url == NULL || *url == '\0')
    /* Translators: %s is a provider name, e.g. "Trello". */
    return g_strdup_printf (_("%s has no address to test credentials with, so Test "
                              "Credentials and the curl export are not available."),
                            provider != NULL ? cs_provider_get_name (provider)
                                             : _("This provider"));
  if (!has_consumer_secret)
    return g_strdup (_("The consumer secret was not saved, so Test Credentials and the curl "
                       "export cannot sign a request. To use them, authorize again with "
                       "“Save Consumer Secret” on."));
  return NULL;
}

void
cs_share_explain (GtkWidget  *widget,
                  const char *heading,
                  const char *body)
{
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (heading != NULL);

  dialog = cs_compat_alert_new (heading, body);
  cs_compat_alert_add_response (dialog, "close", _("_Close"), ADW_RESPONSE_DEFAULT);
  cs_compat_alert_set_defaults (dialog, "close", "close");
  cs_compat_dialog_present (dialog, widget);
}

char *
cs_share_verify_finish (CsOAuthClient  *client,
                        GAsyncResult   *result,
                        GError        **error)
{
  return cs_share_verify_finish_account (client, result, NULL, error);
}

char *
cs_share_verify_finish_account (CsOAuthClient  *client,
                                GAsyncResult   *result,
                                char          **stored_account,
                                GError        **error)
{
  g_autoptr (GBytes) body = NULL;
  g_autofree char *account = NULL;
  guint status = 0;

  g_return_val_if_fail (CS_IS_OAUTH_CLIENT (client), NULL);

  body = cs_oauth_client_call_finish (client, result, &status, error);
  if (body == NULL || (account = cs_verify_answer_parse (body, status, error)) == NULL)
    return NULL;
  if (stored_account != NULL)
    *stored_account = cs_verify_answer_account (body, status);

  /* Translators: %s is an account, e.g. "@demo_user". */
  return g_strdup_printf (_("The tokens work: they belong to %s"), account);
}

