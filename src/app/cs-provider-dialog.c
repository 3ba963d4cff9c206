/* cs-provider-dialog.c — naming and editing a user's saved provider
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-compat.h"
#include "cs-provider-dialog.h"
#include "cs-url-rules.h"

typedef struct
{
  CsProviderRegistry *registry;
  CsProvider         *provider;   /* what is edited: a copy of a saved one, or the new one */
  GtkWidget          *parent;     /* weak: toasts go near it while it lives */
  GtkWidget          *dialog;
  AdwEntryRow        *name_row;
  AdwEntryRow        *url_rows[4]; /* NULL when only the name is asked */
  AdwComboRow        *signature_row;
  GtkLabel           *message;
} Edit;

#define EDIT_KEY "cs-provider-edit"

static const CsSignatureMethod signature_methods[] = {
  CS_SIGNATURE_METHOD_HMAC_SHA1,
  CS_SIGNATURE_METHOD_HMAC_SHA256,
  CS_SIGNATURE_METHOD_PLAINTEXT,
};

static const char *const url_titles[] = {
  N_("Request Token URL"),
  N_("Authorize URL"),
  N_("Access Token URL"),
  N_("Verify Credentials URL (optional)"),
};

static void
edit_free (Edit *edit)
{
  g_clear_object (&edit->registry);
  g_clear_object (&edit->provider);
  g_clear_weak_pointer (&edit->parent);
  g_free (edit);
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

/* Why Save cannot be pressed, or NULL when it can. */
static char *
edit_problem (Edit *edit)
{
  g_autofree char *name = g_strstrip (g_strdup (text_of (edit->name_row)));

  if (*name == '\0')
    return g_strdup (_("Enter a name for the provider."));
  if (cs_provider_registry_name_taken (edit->registry, name, cs_provider_get_id (edit->provider)))
    return g_strdup_printf (_("“%s” is already the name of another provider. Choose another "
                              "name."), name);
  for (guint i = 0; edit->url_rows[0] != NULL && i < G_N_ELEMENTS (edit->url_rows); i++)
    {
      const char *url = text_of (edit->url_rows[i]);
      g_autoptr (GError) error = NULL;

      if (i == 3 && *url == '\0')
        continue;
      if (!cs_endpoint_url_check (url, TRUE, &error))
        /* Translators: "Access Token URL: <why the address is refused>". */
        return g_strdup_printf (_("%s: %s"), _(url_titles[i]), error->message);
    }
  return NULL;
}

static void
changed_cb (Edit *edit)
{
  g_autofree char *problem = edit_problem (edit);

  gtk_label_set_text (edit->message, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (edit->message), problem != NULL);
  cs_compat_alert_set_response_enabled (edit->dialog, "save", problem == NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (edit->name_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (edit->name_row), "error");
  /* Said with the field, for those who do not see the label. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit->name_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problem != NULL ? problem : "", -1);
}

void
cs_provider_dialog_toast (GtkWidget  *parent,
                          const char *text)
{
  if (parent != NULL)
    cs_compat_toast (parent, text);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Edit *edit = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (!cs_provider_registry_save_finish (CS_PROVIDER_REGISTRY (object), result, &error))
    text = g_strdup_printf (_("The provider could not be saved: %s"), error->message);
  else
    text = g_strdup_printf (_("Provider “%s” saved"), cs_provider_get_name (edit->provider));
  /* Named after it worked: the next authorization starts on it, not on an empty "Custom". */
  if (error == NULL && edit->url_rows[0] == NULL)
    {
      g_autoptr (GSettings) settings = g_settings_new (APP_ID);

      g_settings_set_string (settings, "last-provider", cs_provider_get_id (edit->provider));
    }
  cs_provider_dialog_toast (edit->parent, text);
  edit_free (edit);
}

static void
apply (Edit *edit)
{
  g_autofree char *name = g_strstrip (g_strdup (text_of (edit->name_row)));
  guint method;

  cs_provider_set_name (edit->provider, name);
  if (edit->url_rows[0] == NULL)
    return;
  method = adw_combo_row_get_selected (edit->signature_row);
  cs_provider_set_request_token_url (edit->provider, text_of (edit->url_rows[0]));
  cs_provider_set_authorize_url (edit->provider, text_of (edit->url_rows[1]));
  cs_provider_set_access_token_url (edit->provider, text_of (edit->url_rows[2]));
  cs_provider_set_verify_url (edit->provider, text_of (edit->url_rows[3]));
  if (method < G_N_ELEMENTS (signature_methods))
    cs_provider_set_signature_method (edit->provider, signature_methods[method]);
}

/* The edit lives on the dialog until Save takes it: a close after a response finds none. */
static void
response_cb (GtkWidget  *dialog,
             const char *response)
{
  Edit *edit = g_object_get_data (G_OBJECT (dialog), EDIT_KEY);
  g_autofree char *problem = edit != NULL ? edit_problem (edit) : NULL;

  if (edit == NULL || !g_str_equal (response, "save") || problem != NULL)
    return;
  g_object_steal_data (G_OBJECT (dialog), EDIT_KEY);
  apply (edit);
  cs_provider_registry_save_async (edit->registry, edit->provider, NULL, saved_cb, edit);
}

static void
entry_activated_cb (Edit *edit)
{
  g_autofree char *problem = edit_problem (edit);

  if (problem == NULL)
    cs_compat_alert_respond (edit->dialog, "save");
}

static AdwEntryRow *
entry_row (GtkListBox *list,
           const char *title,
           const char *text,
           Edit       *edit)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  g_signal_connect_swapped (row, "changed", G_CALLBACK (changed_cb), edit);
  g_signal_connect_swapped (row, "entry-activated", G_CALLBACK (entry_activated_cb), edit);
  gtk_list_box_append (list, GTK_WIDGET (row));
  return row;
}

static void
add_endpoint_rows (Edit       *edit,
                   GtkListBox *list)
{
  const char *urls[] = { cs_provider_get_request_token_url (edit->provider),
                         cs_provider_get_authorize_url (edit->provider),
                         cs_provider_get_access_token_url (edit->provider),
                         cs_provider_get_verify_url (edit->provider) };
  g_autoptr (GtkStringList) methods = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      edit->url_rows[i] = entry_row (list, _(url_titles[i]), urls[i], edit);
      gtk_editable_set_width_chars (GTK_EDITABLE (edit->url_rows[i]), 30);
    }
  edit->signature_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (edit->signature_row),
                                 _("Signature Method"));
  for (guint i = 0; i < G_N_ELEMENTS (signature_methods); i++)
    gtk_string_list_append (methods, cs_signature_method_to_string (signature_methods[i]));
  adw_combo_row_set_model (edit->signature_row, G_LIST_MODEL (methods));
  for (guint i = 0; i < G_N_ELEMENTS (signature_methods); i++)
    if (signature_methods[i] == cs_provider_get_signature_method (edit->provider))
      adw_combo_row_set_selected (edit->signature_row, i);
  gtk_list_box_append (list, GTK_WIDGET (edit->signature_row));
}

static void
present (GtkWidget          *parent,
         CsProviderRegistry *registry,
         CsProvider         *provider,
         const char         *heading,
         const char         *body,
         gboolean            endpoints)
{
  Edit *edit = g_new0 (Edit, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();

  edit->registry = g_object_ref (registry);
  edit->provider = provider;
  g_set_weak_pointer (&edit->parent, parent);
  edit->dialog = cs_compat_alert_new (heading, body);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  /* Else a screen reader hears its class name, "GtkListBox". */
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Provider"), -1);
  gtk_box_append (GTK_BOX (box), list);
  edit->name_row = entry_row (GTK_LIST_BOX (list), _("Name"), cs_provider_get_name (provider),
                              edit);
  if (endpoints)
    add_endpoint_rows (edit, GTK_LIST_BOX (list));
  edit->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (edit->message, TRUE);
  gtk_label_set_xalign (edit->message, 0);
  gtk_widget_add_css_class (GTK_WIDGET (edit->message), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (edit->message));
  cs_compat_alert_set_extra_child (edit->dialog, box);

  cs_compat_alert_add_response (edit->dialog, "cancel",
                                endpoints ? _("_Cancel") : _("_Don’t Save"),
                                ADW_RESPONSE_DEFAULT);
  cs_compat_alert_add_response (edit->dialog, "save", _("_Save"), ADW_RESPONSE_SUGGESTED);
  cs_compat_alert_set_defaults (edit->dialog, "save", "cancel");
  g_object_set_data_full (G_OBJECT (edit->dialog), EDIT_KEY, edit, (GDestroyNotify) edit_free);
  g_signal_connect (edit->dialog, "response", G_CALLBACK (response_cb), NULL);
  changed_cb (edit);
  cs_compat_dialog_present (edit->dialog, parent);
  gtk_widget_grab_focus (GTK_WIDGET (edit->name_row));
}

void
cs_provider_dialog_ask_name (GtkWidget          *parent,
                             CsProviderRegistry *registry,
                             CsProvider         *provider)
{
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (registry));
  g_return_if_fail (CS_IS_PROVIDER (provider));

  present (parent, registry, g_object_ref (provider), _("Save This Provider?"),
           _("It worked. With a name, it is in the provider list next time, and "
             "countersign-cli knows it by the same name."),
           FALSE);
}

void
cs_provider_dialog_edit (GtkWidget          *parent,
                         CsProviderRegistry *registry,
                         CsProvider         *provider)
{
  g_return_if_fail (parent == NULL || GTK_IS_WIDGET (parent));
  g_return_if_fail (CS_IS_PROVIDER_REGISTRY (registry));
  g_return_if_fail (CS_IS_PROVIDER (provider));

  present (parent, registry, cs_provider_dup_user (provider), _("Edit Provider"),
           _("The credentials saved with it keep working under the new name."), TRUE);
}
