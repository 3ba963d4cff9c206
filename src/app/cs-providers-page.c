/* cs-providers-page.c — Preferences: the providers, the user's to edit and delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "cs-provider-dialog.h"
#include "cs-compat.h"
#include "cs-providers-page.h"
#include "cs-url-rules.h"

struct _CsProvidersPage
{
  AdwPreferencesPage   parent_instance;

  AdwPreferencesGroup *user_group;
  AdwActionRow        *empty_row;
  AdwPreferencesGroup *preset_group;

  CsProviderRegistry  *registry;
  GPtrArray           *rows;  /* the rows added to either group */
};

G_DEFINE_FINAL_TYPE (CsProvidersPage, cs_providers_page, ADW_TYPE_PREFERENCES_PAGE)

static void
deleted_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr (CsProvidersPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!cs_provider_registry_delete_finish (CS_PROVIDER_REGISTRY (object), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The provider could not be deleted: %s"),
                                               error->message);

      cs_provider_dialog_toast (GTK_WIDGET (self), text);
    }
}

static void
delete_response_cb (GtkWidget       *dialog,
                    const char      *response,
                    CsProvidersPage *self)
{
  CsProvider *provider = g_object_get_data (G_OBJECT (dialog), "cs-provider");

  if (g_str_equal (response, "delete") && self->registry != NULL)
    cs_provider_registry_delete_async (self->registry, provider, NULL, deleted_cb,
                                       g_object_ref (self));
}

static void
delete_clicked_cb (GtkButton       *button,
                   CsProvidersPage *self)
{
  CsProvider *provider = g_object_get_data (G_OBJECT (button), "cs-provider");
  g_autofree char *heading = g_strdup_printf (_("Delete “%s”?"), cs_provider_get_name (provider));
  GtkWidget *dialog = cs_compat_alert_new (heading, _("It leaves the provider list. "
                                                      "Credentials saved with it stay in the "
                                                      "keyring."));

  cs_compat_alert_add_response (dialog, "cancel", _("_Cancel"), ADW_RESPONSE_DEFAULT);
  cs_compat_alert_add_response (dialog, "delete", _("_Delete"), ADW_RESPONSE_DESTRUCTIVE);
  cs_compat_alert_set_defaults (dialog, "cancel", "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "cs-provider", g_object_ref (provider),
                          g_object_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  cs_compat_dialog_present (dialog, GTK_WIDGET (self));
}

static void
edit_clicked_cb (GtkButton       *button,
                 CsProvidersPage *self)
{
  CsProvider *provider = g_object_get_data (G_OBJECT (button), "cs-provider");

  if (self->registry != NULL)
    cs_provider_dialog_edit (GTK_WIDGET (self), self->registry, provider);
}

/* An icon button whose tooltip is its accessible name, @label (taken): "Edit My Server". */
static GtkWidget *
row_button (CsProvidersPage *self,
            CsProvider      *provider,
            const char      *icon,
            char            *label,
            GCallback        clicked)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "cs-provider", g_object_ref (provider),
                          g_object_unref);
  g_signal_connect (button, "clicked", clicked, self);
  g_free (label);
  return button;
}

static GtkWidget *
provider_row (CsProvider *provider)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *host = cs_url_host (cs_provider_get_request_token_url (provider));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cs_provider_get_name (provider));
  if (cs_provider_get_is_demo (provider))
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Runs on this computer"));
  else if (host != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), host);
  /* The row's title and subtitle are what a reader says: no name of its own. */
  return row;
}

static void
add_row (CsProvidersPage     *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, g_object_ref (row));
}

static void
rebuild (CsProvidersPage *self)
{
  GPtrArray *user;
  GPtrArray *presets;
  guint shown = 0;

  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  if (self->registry == NULL)
    return;

  user = cs_provider_registry_get_user (self->registry);
  for (guint i = 0; i < user->len; i++)
    {
      CsProvider *provider = g_ptr_array_index (user, i);
      GtkWidget *row;

      if (!cs_provider_registry_is_user (self->registry, provider))
        continue;
      row = provider_row (provider);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, provider, "document-edit-symbolic",
                                             /* Translators: %s is a provider's name. */
                                             g_strdup_printf (_("Edit %s"),
                                                              cs_provider_get_name (provider)),
                                             G_CALLBACK (edit_clicked_cb)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 row_button (self, provider, "user-trash-symbolic",
                                             g_strdup_printf (_("Delete %s"),
                                                              cs_provider_get_name (provider)),
                                             G_CALLBACK (delete_clicked_cb)));
      add_row (self, self->user_group, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_row), shown == 0);

  presets = cs_provider_registry_get_presets (self->registry);
  for (guint i = 0; i < presets->len; i++)
    add_row (self, self->preset_group, provider_row (g_ptr_array_index (presets, i)));
}

static void
cs_providers_page_dispose (GObject *object)
{
  CsProvidersPage *self = CS_PROVIDERS_PAGE (object);

  if (self->registry != NULL)
    g_signal_handlers_disconnect_by_data (self->registry, self);
  g_clear_object (&self->registry);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), CS_TYPE_PROVIDERS_PAGE);

  G_OBJECT_CLASS (cs_providers_page_parent_class)->dispose (object);
}

static void
cs_providers_page_class_init (CsProvidersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cs_providers_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cs-providers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CsProvidersPage, user_group);
  gtk_widget_class_bind_template_child (widget_class, CsProvidersPage, empty_row);
  gtk_widget_class_bind_template_child (widget_class, CsProvidersPage, preset_group);
}

static void
cs_providers_page_init (CsProvidersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
}

GtkWidget *
cs_providers_page_new (CsProviderRegistry *registry)
{
  CsProvidersPage *self;

  g_return_val_if_fail (CS_IS_PROVIDER_REGISTRY (registry), NULL);

  self = g_object_new (CS_TYPE_PROVIDERS_PAGE, NULL);
  self->registry = g_object_ref (registry);
  g_signal_connect_swapped (registry, "providers-changed", G_CALLBACK (rebuild), self);
  rebuild (self);
  return GTK_WIDGET (self);
}
